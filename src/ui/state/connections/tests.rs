//! Connections' rules: tokens stay with their origin, roots, choices.

use super::*;

#[test]
fn a_page_uses_its_choice_if_it_fits_else_the_first_that_fits() {
    let github = Connection::new(
        Provider::GitHub,
        "gh".into(),
        "https://api.github.com".into(),
        "t".into(),
        false,
        false,
    );
    let tfe = Connection::new(
        Provider::HcpTerraform,
        "tfe".into(),
        "https://app.terraform.io".into(),
        "t".into(),
        false,
        false,
    );
    let connections = Connections {
        list: RwSignal::new(vec![Connection::sandbox(), github.clone(), tfe.clone()]),
    };
    let speaks_github = |c: &Connection| c.supports(Api::GitHub);
    let id = |c: Option<Connection>| c.map(|c| c.id);
    assert_eq!(
        id(connections.chosen("", speaks_github)),
        Some("sandbox".into())
    );
    assert_eq!(
        id(connections.chosen(&github.id, speaks_github)),
        Some(github.id.clone())
    );
    // A choice this page cannot use (a TFE connection on a GitHub page),
    // or one since forgotten, gives way to the first that fits.
    assert_eq!(
        id(connections.chosen(&tfe.id, speaks_github)),
        Some("sandbox".into())
    );
    assert_eq!(
        id(connections.chosen("gone", |c: &Connection| c.supports(Api::Tfe))),
        Some("sandbox".into())
    );
    let only_tfe = |c: &Connection| c.provider == Provider::HcpTerraform;
    assert_eq!(id(connections.chosen("", only_tfe)), Some(tfe.id.clone()));
    assert_eq!(connections.chosen("", |_: &Connection| false), None);
}

#[test]
fn debug_never_shows_the_token() {
    let c = Connection::new(
        Provider::GitHub,
        "Work".into(),
        "https://api.github.com".into(),
        "ghp_secret".into(),
        false,
        false,
    );
    assert!(!format!("{c:?}").contains("ghp_secret"));
}

#[test]
fn the_token_is_stored_as_before_and_read_back_wiped_on_drop() {
    let c = Connection::new(
        Provider::Cnb,
        "CNB".into(),
        "https://api.cnb.cool".into(),
        "cnb_secret".into(),
        true,
        true,
    );
    let json = serde_json::to_string(&c).unwrap_or_default();
    assert!(json.contains(r#""token":"cnb_secret""#), "{json}");
    let back: Connection = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, c);
    // The type itself is the promise: this fails to compile otherwise.
    let _: &Zeroizing<String> = &back.token;
}

#[test]
fn tokens_belong_to_one_origin() {
    let page = "http://127.0.0.1:8080";
    let direct = Connection::new(
        Provider::GitHubEnterprise,
        "GHES".into(),
        "https://ghe.example.com/api/v3".into(),
        "t".into(),
        true, // ignored: GitHub has no proxy
        false,
    );
    assert_eq!(direct.token_origin(page), "https://ghe.example.com");
    let proxied = Connection::new(
        Provider::Astronomer,
        "Astro".into(),
        "https://api.astronomer.io/v1".into(),
        "t".into(),
        true,
        false,
    );
    assert_eq!(proxied.token_origin(page), page);
    let unproxied = Connection {
        via_proxy: false,
        ..proxied.clone()
    };
    assert_eq!(unproxied.token_origin(page), "https://api.astronomer.io");
    assert_eq!(Connection::sandbox().token_origin(page), page);
}

#[test]
fn roots_follow_sandbox_proxy_and_direct() {
    let sandbox = Connection::sandbox();
    assert_eq!(
        sandbox.github("http://127.0.0.1:8080").map(|g| g.base_url),
        Some("http://127.0.0.1:8080/sandbox/github".to_string())
    );
    let tfe = Connection::new(
        Provider::HcpTerraform,
        "TF".into(),
        "https://app.terraform.io/api/v2".into(),
        "t".into(),
        true,
        false,
    );
    assert_eq!(
        tfe.root("/tfe/api/v2", "http://127.0.0.1:8080"),
        "http://127.0.0.1:8080/proxy/tfe/api/v2"
    );
    assert!(!tfe.supports(Api::GitHub));
    let direct = Connection {
        via_proxy: false,
        ..tfe
    };
    assert_eq!(
        direct.root("/tfe/api/v2", "http://x"),
        "https://app.terraform.io/api/v2"
    );
}

#[test]
fn a_self_hosted_tfe_reaches_the_proxy_only_when_asked() {
    assert!(!Provider::TerraformEnterprise.proxy_by_default());
    assert!(Provider::HcpTerraform.proxy_by_default());
    let tfe = Connection::new(
        Provider::TerraformEnterprise,
        "TFE".into(),
        "https://tfe.example.com/api/v2".into(),
        "t".into(),
        true,
        false,
    );
    let page = "http://127.0.0.1:8080";
    assert_eq!(
        tfe.root("/tfe/api/v2", page),
        "http://127.0.0.1:8080/proxy/tfe/api/v2"
    );
    assert_eq!(tfe.token_origin(page), page);
    let direct = Connection {
        via_proxy: false,
        ..tfe
    };
    assert_eq!(direct.token_origin(page), "https://tfe.example.com");
}
