//! CNB: the token and access checks, error bodies and the deploy-key memo.
//! Shapes from providers.md §4 (GET /user as documented for the
//! `GetUserInfo` operation; errcode/errmsg bodies as seen in the wild).

use keyward::providers::cnb::{
    self, days_from_civil, deploy_key_steps, git_username, parse_date, Cnb, DeployKeyMemo,
    DeployKeyScope, ExpiryStatus, ACCEPT, EXPIRES_SOON_DAYS,
};
use keyward::providers::{ErrorKind, HttpResponse, Method};

const TOKEN: &str = "cnb-deploy-key-secret";

#[test]
fn check_token_asks_who_the_token_is() {
    let request = Cnb::cnb_cool().check_token(TOKEN);
    assert_eq!(request.method, Method::Get);
    assert_eq!(request.url, "https://api.cnb.cool/user");
    assert_eq!(
        request.header_value("Accept"),
        Some("application/vnd.cnb.api+json")
    );
    assert_eq!(request.header_value("Accept"), Some(ACCEPT));
    assert_eq!(
        request.header_value("Authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(request.body, None);
}

#[test]
fn check_repository_keeps_slashes_and_encodes_each_part() {
    let cnb = Cnb::cnb_cool();
    let request = cnb
        .check_repository(TOKEN, "my-group/sub group/repo")
        .unwrap();
    assert_eq!(
        request.url,
        "https://api.cnb.cool/my-group/sub%20group/repo"
    );
    assert_eq!(request.header_value("Accept"), Some(ACCEPT));

    // Pasted from a clone URL: surrounding slashes and .git are dropped.
    let request = cnb.check_repository(TOKEN, "/group/repo.git/").unwrap();
    assert_eq!(request.url, "https://api.cnb.cool/group/repo");

    let request = cnb.check_repository(TOKEN, "group/re?po#x").unwrap();
    assert_eq!(request.url, "https://api.cnb.cool/group/re%3Fpo%23x");

    for bad in [
        "repo",
        "",
        "group//repo",
        "group/../user",
        "./repo",
        "group/..",
        "a/ /b",
    ] {
        let error = cnb.check_repository(TOKEN, bad).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Invalid, "{bad}");
        assert_eq!(error.status, 0);
    }
}

#[test]
fn check_group_takes_nested_groups() {
    let cnb = Cnb::cnb_cool();
    assert_eq!(
        cnb.check_group(TOKEN, "org").unwrap().url,
        "https://api.cnb.cool/org"
    );
    assert_eq!(
        cnb.check_group(TOKEN, "org/team").unwrap().url,
        "https://api.cnb.cool/org/team"
    );
    assert!(cnb.check_group(TOKEN, "..").is_err());
    assert!(cnb.check_group(TOKEN, "").is_err());
}

#[test]
fn the_user_answer() {
    // dto.UsersResultForSelf (GetUserInfo), trimmed to the fields used.
    let body = r#"{"id":"1234567890","username":"octocat","nickname":"Octo Cat","email":"octo@example.com","avatar":"","bio":"","company":"","created_at":"2025-01-01T00:00:00Z","repo_count":3,"group_count":1,"stars_count":0,"verified":0}"#;
    let user = cnb::parse_user(&HttpResponse::new(200, body)).unwrap();
    assert_eq!(user.login, "octocat");
    assert_eq!(user.name.as_deref(), Some("Octo Cat"));
    assert_eq!(user.email.as_deref(), Some("octo@example.com"));
    assert_eq!(user.id.as_deref(), Some("1234567890"));

    let numeric_id = r#"{"id":42,"username":"a"}"#;
    assert_eq!(
        cnb::parse_user(&HttpResponse::new(200, numeric_id))
            .unwrap()
            .id
            .as_deref(),
        Some("42")
    );
    for odd in ["", "[]", r#"{"nickname":"x"}"#, r#"{"username":5}"#] {
        assert_eq!(
            cnb::parse_user(&HttpResponse::new(200, odd))
                .unwrap_err()
                .kind,
            ErrorKind::Unexpected
        );
    }
}

#[test]
fn the_repository_and_group_answers() {
    let repo = r#"{"id":"99","name":"repo","path":"group/repo","description":"d","visibility_level":"Private","web_url":"https://cnb.cool/group/repo"}"#;
    let resource = cnb::parse_resource(&HttpResponse::new(200, repo)).unwrap();
    assert_eq!(resource.path.as_deref(), Some("group/repo"));
    assert_eq!(resource.visibility.as_deref(), Some("Private"));
    assert_eq!(
        resource.web_url.as_deref(),
        Some("https://cnb.cool/group/repo")
    );

    // dto.OrganizationAccess (GetGroup), a few of its fields.
    let group = r#"{"id":"7","name":"org","path":"org","description":"","sub_repo_count":4,"access_role":{}}"#;
    let resource = cnb::parse_resource(&HttpResponse::new(200, group)).unwrap();
    assert_eq!(resource.name.as_deref(), Some("org"));
    assert_eq!(resource.description, None);
    assert!(cnb::parse_resource(&HttpResponse::new(200, "[]")).is_err());
}

#[test]
fn errcode_and_errmsg_are_read_defensively() {
    let body = r#"{"errcode":10023,"errmsg":"Missing required scopes: group-resource:rw"}"#;
    let error = cnb::parse_error(&HttpResponse::new(403, body));
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert_eq!(
        error.provider_message.as_deref(),
        Some("Missing required scopes: group-resource:rw (errcode 10023)")
    );
    assert!(
        error.explanation.contains("group-resource:rw"),
        "{}",
        error.explanation
    );
    assert!(cnb::parse_resource(&HttpResponse::new(403, body)).is_err());

    let string_code = r#"{"errcode":"10001","errmsg":"invalid token"}"#;
    let error = cnb::parse_error(&HttpResponse::new(401, string_code));
    assert_eq!(error.kind, ErrorKind::BadToken);
    assert_eq!(
        error.provider_message.as_deref(),
        Some("invalid token (errcode 10001)")
    );
    assert!(error.explanation.contains("deploy key"));

    let error = cnb::parse_error(&HttpResponse::new(403, r#"{"errmsg":"forbidden"}"#));
    assert!(error.explanation.contains("lacks the scope"));

    let error = cnb::parse_error(&HttpResponse::new(404, r#"{"errcode":null,"errmsg":""}"#));
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert_eq!(error.provider_message, None);

    let error = cnb::parse_error(&HttpResponse::new(406, ""));
    assert!(error.explanation.contains("Accept"));

    for odd in ["", "<html>", "[1]", r#"{"errcode":{},"errmsg":[]}"#] {
        let error = cnb::parse_error(&HttpResponse::new(500, odd));
        assert_eq!(error.kind, ErrorKind::ServerError);
        assert_eq!(error.provider_message, None);
    }
}

#[test]
fn usage_facts() {
    assert_eq!(git_username(), "cnb");
    let cnb = Cnb::cnb_cool();
    assert_eq!(
        cnb.clone_url("group/repo").unwrap(),
        "https://cnb.cool/group/repo.git"
    );
    assert_eq!(
        cnb.clone_url("a/b/c.git").unwrap(),
        "https://cnb.cool/a/b/c.git"
    );
    assert!(cnb.clone_url("repo").is_err());
    for scope in [
        DeployKeyScope::Organization,
        DeployKeyScope::Repository,
        DeployKeyScope::Artifact,
    ] {
        let steps = deploy_key_steps(scope).join(" ");
        assert!(steps.contains("Deploy Keys"));
        assert!(steps.contains("only this one time"));
        assert!(steps.contains("`cnb`"));
    }
}

// ---- the memo and its dates ---------------------------------------------

fn memo(expires_on: Option<&str>) -> DeployKeyMemo {
    DeployKeyMemo {
        name: "CI pull".into(),
        scope: DeployKeyScope::Repository,
        resource: "group/repo".into(),
        expires_on: expires_on.map(str::to_string),
        note: String::new(),
    }
}

#[test]
fn expiry_status_around_today() {
    let today = (2026, 3, 15);
    assert_eq!(memo(None).expiry_status(today), ExpiryStatus::NoExpiry);
    assert_eq!(memo(Some("")).expiry_status(today), ExpiryStatus::NoExpiry);
    assert_eq!(
        memo(Some("2026-03-15")).expiry_status(today),
        ExpiryStatus::ExpiresSoon(0)
    );
    assert_eq!(
        memo(Some("2026-03-14")).expiry_status(today),
        ExpiryStatus::Expired
    );
    assert_eq!(
        memo(Some("2020-01-01")).expiry_status(today),
        ExpiryStatus::Expired
    );
    assert_eq!(
        memo(Some("2026-03-16")).expiry_status(today),
        ExpiryStatus::ExpiresSoon(1)
    );
    assert_eq!(
        memo(Some("2026-03-29")).expiry_status(today),
        ExpiryStatus::ExpiresSoon(14)
    );
    assert_eq!(EXPIRES_SOON_DAYS, 14);
    assert_eq!(
        memo(Some("2026-03-30")).expiry_status(today),
        ExpiryStatus::Ok
    );
    assert_eq!(
        memo(Some("2026-03-29T23:59:59+08:00")).expiry_status(today),
        ExpiryStatus::ExpiresSoon(14)
    );
}

#[test]
fn expiry_status_across_month_ends_and_leap_years() {
    // 2024 is a leap year: Feb 28 → Mar 1 is two days.
    assert_eq!(
        memo(Some("2024-03-01")).expiry_status((2024, 2, 28)),
        ExpiryStatus::ExpiresSoon(2)
    );
    // 2025 is not: one day.
    assert_eq!(
        memo(Some("2025-03-01")).expiry_status((2025, 2, 28)),
        ExpiryStatus::ExpiresSoon(1)
    );
    // 1900 was not a leap year, 2000 was.
    assert_eq!(
        memo(Some("1900-03-01")).expiry_status((1900, 2, 28)),
        ExpiryStatus::ExpiresSoon(1)
    );
    assert_eq!(
        memo(Some("2000-03-01")).expiry_status((2000, 2, 28)),
        ExpiryStatus::ExpiresSoon(2)
    );
    // Month and year ends.
    assert_eq!(
        memo(Some("2026-05-01")).expiry_status((2026, 4, 30)),
        ExpiryStatus::ExpiresSoon(1)
    );
    assert_eq!(
        memo(Some("2027-01-01")).expiry_status((2026, 12, 31)),
        ExpiryStatus::ExpiresSoon(1)
    );
    assert_eq!(
        memo(Some("2026-12-31")).expiry_status((2027, 1, 1)),
        ExpiryStatus::Expired
    );
}

#[test]
fn impossible_dates_are_flagged_not_guessed() {
    let today = (2026, 3, 15);
    for bad in [
        "2025-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "26-01-01",
        "2026/01/01",
        "2026-1-1",
        "soon",
        "２０２６-01-01",
    ] {
        assert_eq!(
            memo(Some(bad)).expiry_status(today),
            ExpiryStatus::InvalidDate,
            "{bad}"
        );
    }
    assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
    assert_eq!(parse_date("2100-02-29"), None);
    assert_eq!(parse_date("2000-02-29"), Some((2000, 2, 29)));
}

#[test]
fn days_from_civil_counts_real_days() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(
        days_from_civil(2024, 12, 31) - days_from_civil(2024, 1, 1),
        365
    );
    assert_eq!(
        days_from_civil(2025, 12, 31) - days_from_civil(2025, 1, 1),
        364
    );
    assert_eq!(days_from_civil(2000, 1, 1), 10_957);
    assert_eq!(days_from_civil(2038, 1, 19), 24_855);
    assert_eq!(
        days_from_civil(1600, 3, 1) - days_from_civil(1600, 2, 28),
        2
    );
}

#[test]
fn the_memo_round_trips_and_holds_no_key() {
    let original = memo(Some("2026-06-30"));
    let json = serde_json::to_string(&original).unwrap();
    assert!(!json.contains(TOKEN));
    let back: DeployKeyMemo = serde_json::from_str(&json).unwrap();
    assert_eq!(back, original);
}
