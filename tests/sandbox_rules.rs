//! The sandbox's rules, tested natively against the pure handler: the same
//! code the browser's Sandbox connection and the emulator run.

use keyward::providers::http::{HttpRequest, HttpResponse, Method};
use keyward::providers::sandbox::{self, respond, SandboxState, FAULT_HEADER};
use serde_json::{json, Value};

const TOKEN: &str = "test-token";
/// 2026-09-21T…: "now" for every request unless a test moves time.
const NOW: u64 = 1_790_000_000;
const ORIGIN: &str = "http://emulator.test";

// Throwaway keys made with ssh-keygen for these tests only.
const ED25519_PUB: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAkL3WV86EUI0N9AflfPCV7f1UeYM6o0X/KzodiBZ34V ed@test";
const DSA_PUB: &str = "ssh-dss AAAAB3NzaC1kc3MAAACBAJnHWpSOViwnWlTVtIyJoQTXafwv78j06vzSMw7RTXfJs5in3DxGOytMmZS/+wHePZ2DRg9JBNEV4h0wSzdksumokxTxDImTS8iZOmDf+qxq9YmZnGYlPQhRMdnLmiQxXsvXb0Xo/e1IhqNncJZy3m61B51UnRvaQdaLDzYvJmJ7AAAAFQDv6pQVaab6LzyvAgJHtRLBUMefVwAAAIAyxzGB1ocazx6Fs3EFFjUHLvOvEhuBmScUOcaQAtwZy2ZGB1nIeTlDNuvDVC+Q4c4gVufzH1iHlG7EJhlAc1IBYMQOxNUdYQ7XfDkN+eLv1AGwMAubFk6ZZWwQVYGNYwULBnP0cKri4SikMLc6HMWehl2R1O4QMKgnvfm6wWMCggAAAIBhKdBwekTLD5V0t2HYEgFUuEcNS4sBrtUXZGqFjjJeLIZTxfnzzmzspfy+jW62TQX9PxN5JYyM85b4ePt7D5W+I36/UlTIhyZ8bgOJLTIwaG3NPJ0P3PGyxebWeFs2QHndWhlghNhdjJL46WifRAFO2qsPdPvAZXo7lGsx15VrtA== dsa@test";
const RSA_PEM_PRIVATE: &str = "-----BEGIN RSA PRIVATE KEY-----\nMIICXQIBAAKBgQDG43Gp/6MJ6lC5B8UnvdSArOSv6zv11ZWkJr6ifUKyl9l0+Joj\nYD3R3HjlmLDA+d2CMFPmTAENoC6SPrnFdig4GkYzvrbA+yL/n2phy0r16UbEh/G7\neqlQIfPjY/QdDDOUb645Ob5+LDJv2VrSFvF0yqetHBvYrYFNpW3zDlxqfwIDAQAB\nAoGAfMYV+fu5si/BIsPAKXWLSoqtEbx3KnwrXAc+k7wXyuk+8IZCVS08u1sgsZHA\nWeCn2dQt3o4SHxU+Alu9uiathaD/qjp3ql5EdU3uxEmGxn3OYVhUwi3qvhcmfJcu\nVxMJecrD7uS6YAHu+xiDUlLvJUJk1Z831mhAD/8W+aH8qUkCQQDyoa1mHR2c5TU4\nVf0upEXK+NUHCilzrZyc57TnaIn3+7T9jvzTyV5VhIdpq5w72zmuaiy0cPIPCMjx\ntltD6dl9AkEA0djE+IVI8r41FYGz907Dqm/8rJt3vCxMbeNLT42r1tQQaLQAB2Hq\nEkXLpfuKkjWt71c/cB7G9pjLcIvo8+H0qwJBAIBCXztfoMvTjnKdYh1J0WseZt41\nzPvNhsCa69J4PJbOhDqVX6lFBY0HZd3CTfCGTtOYZNFt80dnSXIdB9m6wLECQQC/\nCQYX8M6+HaaZ06AQTiYWrShrwoS4S+OwTjGrVJ/RTPE7QFKeZeb/h4ajrmEyRaf4\nsYbQ/VPH/sWFyfjivRtNAkBDI80uosF5dyToXN/okxatOUNH1GbNer/pvXH/on9h\nWCOHTm/9bW+qg6yUy+I/FenD/LMD8OUV+iG18I0t2M45\n-----END RSA PRIVATE KEY-----";
const RSA_PEM_ENCRYPTED: &str = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,1B250BDA125A03FFDA5E73274F9F7F01\n\nAqJv2xIinYakHog5/KQvESraukQCcZkqrsiIX3D/YvvIN5qkt3RLZnJWSFrDNYXX\njF2G37YT9c1gSnqAIyKJIMD/7HOcnmwh78wIfN2C72hX0ZbqqTuPRCOGD8iyD+pE\n/0DRKo84YTxG94Uhq+ZyBMw4zFxTpDxYgMl/VLoPLM/1iK3OwKJh8bNHpI3+RqpG\nGuQnGNxfAjFb1R8Ah2We7Hh6N6R5+e+cRCVoHyAblSu4y6mwJ/x3yy7HnyjSMK6P\n5SKNbH/s1VbBX9zyc113LVVOaRGDrk+TQARj9cL3dd1GE+F1aUsqbS6pj3Epr2ex\nnNlS172hwaCtf34rv9imHCv+etScNJYfLi+2byWNLHCsCM1jWfF3TTevZR1Dwa0V\nOJ2PtlrvykwAU7kmjHRVL2z4n1uOm1YMW8+RqhTtS1NVgjOl9W7v80LIyxq3pLk+\nrXcl97dbPQwXYb/4pKcxd9h3Xw4kZXY0Aj/JWXutWYHaMIHhTncdWfWHfWvYkzmE\nvcNS3L9HbYxqjNrOUS+wljf96tJ0IvLFpY4EK6W0nIgaI+nckduPlf46GzL7EMx3\n4pB9E7eWV4rnmc5AEYB0/S4wdoOIraJeS5Oeirf0U+KO7mfuU8ZyF29SF3uvU1Sq\nwJ17a6dhwTiURQg7kELlTs717+qVCKott4peOqYGa+9RnC52WhcALrE19tLgYj+E\nLpvMEp0R7OmpkpuGVRVoJ6p3Ww8GJ02H+Eve5+pnnFR9QFz9166OA8PWWZoP9+nd\nW7i+DNeNTS0jjWAgmRHjk5+yukUgwWO7ZIC5KtSCpLOD/DZOkzHtlpQd+DK6eqgr\n-----END RSA PRIVATE KEY-----";
const OPENSSH_PRIVATE: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACAJC91lfOhFCNDfQH5Xzwle39VHmDOqNF/ys6HYgWd+FQAAAJDmZ0lb5mdJ\nWwAAAAtzc2gtZWQyNTUxOQAAACAJC91lfOhFCNDfQH5Xzwle39VHmDOqNF/ys6HYgWd+FQ\nAAAEDZMlbKMWa/Qu2scH6GepSWekoXsW0HCNvR6R84iBEcdAkL3WV86EUI0N9AflfPCV7f\n1UeYM6o0X/KzodiBZ34VAAAAB2VkQHRlc3QBAgMEBQY=\n-----END OPENSSH PRIVATE KEY-----";
const OPENSSH_ENCRYPTED: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABCGa74y7S\nMG9Nz+WyPRjA7cAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAID7iWMtNo16zMbHf\nzEh6TxlvbjvGiJ1GS3GKhL+mKqvFAAAAkOIHgwFDOhneTW+TjMnaVHahZ5cWQWoVCta402\n683E4n2CuYewjcoq4k6V5CdEar/ZRGequNYMu2O0c5144x8rEV3rmQiyqbxL1SZTfMAQoO\ncO46fF3yUf4NWN62azVk2P+9bLw3xmijAyE076WfrxSGdH29iP1V8U1Pw6rmwW0yetEFaB\nJL9OvwJtK2xwyi0Q==\n-----END OPENSSH PRIVATE KEY-----";

fn world() -> SandboxState {
    SandboxState::seeded(TOKEN, 7)
}

fn request(method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> HttpRequest {
    let url = if path.contains("://") || path.starts_with("sandbox:") {
        path.to_string()
    } else {
        format!("{ORIGIN}{path}")
    };
    let mut request = HttpRequest::new(method, url);
    if let Some(token) = token {
        request = request.bearer(token);
    }
    if let Some(body) = body {
        request = request.json_body("application/json", &body);
    }
    request
}

fn send(state: &mut SandboxState, method: Method, path: &str, body: Option<Value>) -> HttpResponse {
    sandbox::handle(state, &request(method, path, Some(TOKEN), body), NOW)
}

fn send_as(
    state: &mut SandboxState,
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> HttpResponse {
    sandbox::handle(state, &request(method, path, token, body), NOW)
}

fn parse(response: &HttpResponse) -> Value {
    serde_json::from_str(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.body))
}

fn key_error(response: &HttpResponse) -> String {
    assert_eq!(response.status, 422, "{}", response.body);
    let body = parse(response);
    assert_eq!(body["message"], "Validation Failed");
    assert_eq!(body["status"], "422");
    assert!(body["documentation_url"].is_string());
    let error = &body["errors"][0];
    assert_eq!(error["resource"], "PublicKey");
    assert_eq!(error["code"], "custom");
    assert_eq!(error["field"], "key");
    error["message"].as_str().unwrap_or("").to_string()
}

const INVALID_KEY: &str = "key is invalid. You must supply a key in OpenSSH public key format";

// ---------------------------------------------------------------- GitHub

#[test]
fn github_refuses_missing_and_wrong_tokens_with_401() {
    let mut state = world();
    let missing = send_as(&mut state, None, Method::Get, "/github/user/keys", None);
    assert_eq!(missing.status, 401);
    assert_eq!(parse(&missing)["message"], "Requires authentication");
    for token in ["wrong", ""] {
        let wrong = send_as(&mut state, Some(token), Method::Get, "/github/user", None);
        assert_eq!(wrong.status, 401, "token {token:?}");
        let body = parse(&wrong);
        assert_eq!(body["message"], "Bad credentials");
        assert_eq!(body["status"], "401");
        assert!(wrong.header("x-ratelimit-limit").is_some());
    }
}

#[test]
fn github_user_and_headers() {
    let mut state = world();
    let response = send(&mut state, Method::Get, "/github/user", None);
    assert_eq!(response.status, 200);
    assert_eq!(parse(&response)["login"], "octocat");
    assert!(response
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json")));
    assert!(response
        .header("x-oauth-scopes")
        .is_some_and(|s| s.contains("admin:public_key")));
    assert_eq!(response.header("x-ratelimit-limit"), Some("5000"));
    assert_eq!(response.header("x-ratelimit-remaining"), Some("4999"));
    assert_eq!(response.header("x-ratelimit-used"), Some("1"));
    assert_eq!(response.header("x-ratelimit-resource"), Some("core"));
    assert_eq!(response.header("x-ratelimit-reset"), Some("1790003600"));
}

#[test]
fn github_user_keys_have_every_field() {
    let mut state = world();
    let response = send(&mut state, Method::Get, "/github/user/keys", None);
    assert_eq!(response.status, 200);
    assert_eq!(response.header("link"), None);
    let keys = parse(&response);
    let keys = keys.as_array().expect("an array");
    assert_eq!(keys.len(), 2);
    for field in [
        "key",
        "id",
        "url",
        "title",
        "created_at",
        "verified",
        "read_only",
        "last_used",
    ] {
        assert!(keys[0].get(field).is_some(), "missing {field}");
    }
    let id = &keys[0]["id"];
    assert_eq!(keys[0]["url"], format!("{ORIGIN}/github/user/keys/{id}"));
}

#[test]
fn github_public_keys_need_no_token_and_unknown_users_are_404() {
    let mut state = world();
    let response = send_as(
        &mut state,
        None,
        Method::Get,
        "/github/users/OctoCat/keys",
        None,
    );
    assert_eq!(response.status, 200);
    let keys = parse(&response);
    assert_eq!(keys.as_array().map(Vec::len), Some(2));
    assert!(keys[0]["id"].is_u64() && keys[0]["key"].is_string());
    assert!(keys[0].get("url").is_none(), "key-simple has no url");
    assert_eq!(response.header("x-ratelimit-limit"), Some("60"));
    let unknown = send(&mut state, Method::Get, "/github/users/nobody/keys", None);
    assert_eq!(unknown.status, 404);
    assert_eq!(parse(&unknown)["message"], "Not Found");
}

#[test]
fn github_deploy_keys_list_get_and_unknown_repo() {
    let mut state = world();
    let response = send(
        &mut state,
        Method::Get,
        "/github/repos/octocat/Hello-World/keys",
        None,
    );
    assert_eq!(response.status, 200);
    let keys = parse(&response);
    let key = &keys[0];
    for field in [
        "id",
        "key",
        "url",
        "title",
        "verified",
        "created_at",
        "read_only",
        "added_by",
        "last_used",
        "enabled",
    ] {
        assert!(key.get(field).is_some(), "missing {field}");
    }
    assert_eq!(key["added_by"], "octocat");
    assert_eq!(key["enabled"], true);
    let one = send(
        &mut state,
        Method::Get,
        &format!("/github/repos/octocat/hello-world/keys/{}", key["id"]),
        None,
    );
    assert_eq!(parse(&one), *key);
    for path in [
        "/github/repos/octocat/nope/keys",
        "/github/repos/hubot/hello-world/keys",
        "/github/repos/octocat/hello-world/keys/999999",
        "/github/repos/octocat/hello-world/keys/not-a-number",
        "/github/nowhere",
    ] {
        assert_eq!(
            send(&mut state, Method::Get, path, None).status,
            404,
            "{path}"
        );
    }
}

#[test]
fn github_user_key_create_get_delete() {
    let mut state = world();
    let created = send(
        &mut state,
        Method::Post,
        "/github/user/keys",
        Some(json!({"title": "laptop", "key": ED25519_PUB})),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let body = parse(&created);
    assert_eq!(created.header("location"), body["url"].as_str());
    assert_eq!(body["title"], "laptop");
    assert_eq!(body["verified"], true);
    assert_eq!(body["read_only"], false);
    assert_eq!(body["last_used"], Value::Null);
    assert_eq!(body["created_at"], "2026-09-21T14:13:20Z");
    // GitHub returns the key without its comment.
    assert_eq!(body["key"], ED25519_PUB.trim_end_matches(" ed@test"));
    let path = format!("/github/user/keys/{}", body["id"]);
    assert_eq!(send(&mut state, Method::Get, &path, None).status, 200);
    assert_eq!(send(&mut state, Method::Delete, &path, None).status, 204);
    assert_eq!(send(&mut state, Method::Get, &path, None).status, 404);
    assert_eq!(send(&mut state, Method::Delete, &path, None).status, 404);
}

#[test]
fn github_refuses_malformed_private_and_dsa_keys() {
    for bad in [
        "ssh-ed25519 AAAAnotbase64!!",
        "hello",
        "",
        OPENSSH_PRIVATE,
        RSA_PEM_PRIVATE,
        DSA_PUB,
    ] {
        for path in [
            "/github/user/keys",
            "/github/repos/octocat/hello-world/keys",
        ] {
            let mut state = world();
            let response = send(&mut state, Method::Post, path, Some(json!({"key": bad})));
            assert_eq!(key_error(&response), INVALID_KEY, "{path} {bad:.20}");
        }
    }
}

#[test]
fn github_key_in_use_anywhere_is_refused() {
    let mut state = world();
    let user_keys = "/github/user/keys";
    let deploy_keys = "/github/repos/octocat/hello-world/keys";
    let add = |state: &mut SandboxState, path: &str, key: &str| {
        send(
            state,
            Method::Post,
            path,
            Some(json!({"key": key, "title": "t"})),
        )
    };
    let first = add(&mut state, user_keys, ED25519_PUB);
    assert_eq!(first.status, 201);
    let again = add(&mut state, user_keys, ED25519_PUB);
    assert_eq!(key_error(&again), "key is already in use");
    let as_deploy = add(&mut state, deploy_keys, ED25519_PUB);
    assert_eq!(key_error(&as_deploy), "key is already in use");

    // A seeded deploy key and another user's key are in use as well.
    let deploy = state.github.repos[0].deploy_keys[0].key.clone();
    assert_eq!(
        key_error(&add(&mut state, user_keys, &deploy)),
        "key is already in use"
    );
    let hubot = state.github.users[1].keys[0].key.clone();
    assert_eq!(
        key_error(&add(&mut state, deploy_keys, &hubot)),
        "key is already in use"
    );

    // Freed again once deleted.
    let id = parse(&first)["id"].clone();
    let path = format!("{user_keys}/{id}");
    assert_eq!(send(&mut state, Method::Delete, &path, None).status, 204);
    assert_eq!(add(&mut state, deploy_keys, ED25519_PUB).status, 201);
}

#[test]
fn github_deploy_key_read_only_is_respected() {
    let path = "/github/repos/octocat/hello-world/keys";
    for (sent, stored) in [
        (json!(true), true),
        (json!(false), false),
        (Value::Null, false),
    ] {
        let mut state = world();
        let mut body = json!({"key": ED25519_PUB, "title": "ci"});
        if !sent.is_null() {
            body["read_only"] = sent;
        }
        let response = send(&mut state, Method::Post, path, Some(body));
        assert_eq!(response.status, 201);
        let key = parse(&response);
        assert_eq!(key["read_only"], stored);
        assert_eq!(key["added_by"], "octocat");
        assert!(response.header("location").is_some_and(
            |l| l.starts_with(&format!("{ORIGIN}/github/repos/octocat/hello-world/keys/"))
        ));
    }
}

#[test]
fn github_request_body_problems() {
    let mut state = world();
    let missing = send(
        &mut state,
        Method::Post,
        "/github/user/keys",
        Some(json!({"title": "x"})),
    );
    assert_eq!(missing.status, 422);
    assert!(parse(&missing)["message"]
        .as_str()
        .is_some_and(|m| m.contains("\"key\" wasn't supplied")));
    let not_string = send(
        &mut state,
        Method::Post,
        "/github/user/keys",
        Some(json!({"key": 5})),
    );
    assert_eq!(not_string.status, 422);
    let mut garbage = request(Method::Post, "/github/user/keys", Some(TOKEN), None);
    garbage.body = Some("{not json".into());
    let response = sandbox::handle(&mut state, &garbage, NOW);
    assert_eq!(response.status, 400);
    assert_eq!(parse(&response)["message"], "Problems parsing JSON");
}

/// The `rel` links of a `Link` header.
fn links(response: &HttpResponse) -> Vec<(String, String)> {
    response
        .header("link")
        .unwrap_or("")
        .split(',')
        .filter_map(|part| {
            let (url, rel) = part.split_once(';')?;
            let url = url.trim().trim_start_matches('<').trim_end_matches('>');
            let rel = rel.trim().strip_prefix("rel=\"")?.strip_suffix('"')?;
            Some((rel.to_string(), url.to_string()))
        })
        .collect()
}

fn rel<'l>(links: &'l [(String, String)], name: &str) -> Option<&'l str> {
    links
        .iter()
        .find(|(r, _)| r == name)
        .map(|(_, u)| u.as_str())
}

#[test]
fn github_pagination_follows_links_over_250_keys() {
    let mut state = world();
    state.seed_user_keys(248, NOW);
    let mut url = format!("{ORIGIN}/github/user/keys?per_page=100");
    let mut ids = Vec::new();
    let mut pages = 0;
    loop {
        let response = send(&mut state, Method::Get, &url, None);
        assert_eq!(response.status, 200);
        pages += 1;
        let page = parse(&response);
        ids.extend(
            page.as_array()
                .into_iter()
                .flatten()
                .map(|k| k["id"].clone()),
        );
        let links = links(&response);
        if pages == 1 {
            assert_eq!(
                rel(&links, "last"),
                Some(format!("{ORIGIN}/github/user/keys?per_page=100&page=3").as_str())
            );
            assert_eq!(rel(&links, "prev"), None);
        }
        match rel(&links, "next") {
            Some(next) => url = next.to_string(),
            None => {
                assert!(rel(&links, "prev").is_some() && rel(&links, "first").is_some());
                assert_eq!(rel(&links, "last"), None);
                break;
            }
        }
        assert!(pages < 10, "runaway pagination");
    }
    assert_eq!(pages, 3);
    assert_eq!(ids.len(), 250);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), 250);

    // per_page is capped at 100; the default is 30.
    let capped = send(
        &mut state,
        Method::Get,
        "/github/user/keys?per_page=1000",
        None,
    );
    assert_eq!(parse(&capped).as_array().map(Vec::len), Some(100));
    let default = send(&mut state, Method::Get, "/github/user/keys", None);
    assert_eq!(parse(&default).as_array().map(Vec::len), Some(30));
    let beyond = send(&mut state, Method::Get, "/github/user/keys?page=99", None);
    assert_eq!(parse(&beyond), json!([]));
}

#[test]
fn github_primary_rate_limit_is_403_until_the_window_resets() {
    let mut state = world();
    state.github.rate_authenticated.window_start = NOW;
    state.github.rate_authenticated.used = 5000;
    let refused = send(&mut state, Method::Get, "/github/user/keys", None);
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(refused.header("x-ratelimit-reset"), Some("1790003600"));
    assert!(parse(&refused)["message"]
        .as_str()
        .is_some_and(|m| m.contains("rate limit")));
    let later = sandbox::handle(
        &mut state,
        &request(Method::Get, "/github/user/keys", Some(TOKEN), None),
        NOW + 3600,
    );
    assert_eq!(later.status, 200);
    assert_eq!(later.header("x-ratelimit-remaining"), Some("4999"));
}

// ---------------------------------------------------------------- TFE

const TFE: &str = "/tfe/api/v2";

fn tfe_key(name: &str, value: &str) -> Value {
    json!({"data": {"type": "ssh-keys", "attributes": {"name": name, "value": value}}})
}

fn tfe_pointer(response: &HttpResponse) -> Vec<String> {
    assert_eq!(response.status, 422, "{}", response.body);
    parse(response)["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            assert_eq!(e["status"], "422");
            e["source"]["pointer"].as_str().unwrap_or("").to_string()
        })
        .collect()
}

#[test]
fn tfe_401_only_for_bad_tokens_and_404_for_no_access() {
    let mut state = world();
    for token in [None, Some("wrong")] {
        let response = send_as(
            &mut state,
            token,
            Method::Get,
            &format!("{TFE}/account/details"),
            None,
        );
        assert_eq!(response.status, 401);
        assert_eq!(
            response.header("content-type"),
            Some("application/vnd.api+json")
        );
        assert_eq!(parse(&response)["errors"][0]["status"], "401");
    }
    for org in ["nope", "globex"] {
        let path = format!("{TFE}/organizations/{org}/ssh-keys");
        let list = send(&mut state, Method::Get, &path, None);
        assert_eq!(list.status, 404, "{org}");
        assert_eq!(parse(&list)["errors"][0]["title"], "not found");
        let create = send(
            &mut state,
            Method::Post,
            &path,
            Some(tfe_key("k", RSA_PEM_PRIVATE)),
        );
        assert_eq!(create.status, 404, "{org}");
    }
    assert_eq!(
        send(
            &mut state,
            Method::Get,
            &format!("{TFE}/ssh-keys/sshkey-nope"),
            None
        )
        .status,
        404
    );
}

#[test]
fn tfe_account_details() {
    let mut state = world();
    let response = send(
        &mut state,
        Method::Get,
        &format!("{TFE}/account/details"),
        None,
    );
    assert_eq!(response.status, 200);
    let body = parse(&response);
    assert_eq!(body["data"]["type"], "users");
    assert!(body["data"]["attributes"]["username"].is_string());
}

#[test]
fn tfe_ssh_key_lifecycle_never_returns_the_value() {
    let mut state = world();
    let list_path = format!("{TFE}/organizations/acme/ssh-keys");
    let list = send(&mut state, Method::Get, &list_path, None);
    assert_eq!(parse(&list)["data"].as_array().map(Vec::len), Some(1));
    assert!(
        parse(&list).get("meta").is_none(),
        "unpaginated without page parameters"
    );

    for (name, value) in [("pem", RSA_PEM_PRIVATE), ("openssh", OPENSSH_PRIVATE)] {
        let created = send(
            &mut state,
            Method::Post,
            &list_path,
            Some(tfe_key(name, value)),
        );
        assert_eq!(created.status, 201, "{name}: {}", created.body);
        assert_eq!(
            created.header("content-type"),
            Some("application/vnd.api+json")
        );
        assert!(
            !created.body.contains("PRIVATE"),
            "the value never comes back"
        );
        let data = &parse(&created)["data"];
        let id = data["id"].as_str().unwrap_or("");
        assert!(id.starts_with("sshkey-") && id.len() == 23, "{id}");
        assert_eq!(data["type"], "ssh-keys");
        assert_eq!(data["attributes"], json!({"name": name}));
        assert_eq!(data["links"]["self"], format!("{TFE}/ssh-keys/{id}"));
    }
    let serialized = serde_json::to_string(&state).unwrap_or_default();
    assert!(
        !serialized.contains("PRIVATE"),
        "the sandbox never stores the value"
    );

    let list = parse(&send(&mut state, Method::Get, &list_path, None));
    let id = list["data"][1]["id"].as_str().unwrap_or("").to_string();
    let path = format!("{TFE}/ssh-keys/{id}");
    let renamed = send(
        &mut state,
        Method::Patch,
        &path,
        Some(json!({"data": {"type": "ssh-keys", "attributes": {"name": "renamed"}}})),
    );
    assert_eq!(renamed.status, 200);
    assert_eq!(parse(&renamed)["data"]["attributes"]["name"], "renamed");
    // Older TFE accepts a new value on PATCH; the same rule applies.
    let value_ok = send(
        &mut state,
        Method::Patch,
        &path,
        Some(tfe_key("renamed", RSA_PEM_PRIVATE)),
    );
    assert_eq!(value_ok.status, 200);
    let value_bad = send(
        &mut state,
        Method::Patch,
        &path,
        Some(tfe_key("renamed", RSA_PEM_ENCRYPTED)),
    );
    assert_eq!(tfe_pointer(&value_bad), ["/data/attributes/value"]);
    assert_eq!(send(&mut state, Method::Get, &path, None).status, 200);
    assert_eq!(send(&mut state, Method::Delete, &path, None).status, 204);
    assert_eq!(send(&mut state, Method::Get, &path, None).status, 404);
}

#[test]
fn tfe_value_must_be_an_unencrypted_pem_private_key() {
    let path = format!("{TFE}/organizations/acme/ssh-keys");
    for bad in [
        RSA_PEM_ENCRYPTED,
        OPENSSH_ENCRYPTED,
        ED25519_PUB,
        "not a key",
        "",
    ] {
        let mut state = world();
        let response = send(&mut state, Method::Post, &path, Some(tfe_key("k", bad)));
        assert_eq!(
            tfe_pointer(&response),
            ["/data/attributes/value"],
            "{bad:.30}"
        );
    }
    let mut state = world();
    let both = send(&mut state, Method::Post, &path, Some(tfe_key("", "nope")));
    assert_eq!(
        tfe_pointer(&both),
        ["/data/attributes/name", "/data/attributes/value"]
    );
    let taken = send(
        &mut state,
        Method::Post,
        &path,
        Some(tfe_key("deploy-key", RSA_PEM_PRIVATE)),
    );
    assert_eq!(tfe_pointer(&taken), ["/data/attributes/name"]);
    let wrong_type = send(
        &mut state,
        Method::Post,
        &path,
        Some(
            json!({"data": {"type": "workspaces", "attributes": {"name": "k", "value": RSA_PEM_PRIVATE}}}),
        ),
    );
    assert_eq!(tfe_pointer(&wrong_type), ["/data/type"]);
}

#[test]
fn tfe_pages_when_asked() {
    let mut state = world();
    let path = format!("{TFE}/organizations/acme/ssh-keys");
    for n in 0..4 {
        let name = format!("k{n}");
        assert_eq!(
            send(
                &mut state,
                Method::Post,
                &path,
                Some(tfe_key(&name, RSA_PEM_PRIVATE))
            )
            .status,
            201
        );
    }
    let page = send(
        &mut state,
        Method::Get,
        &format!("{path}?page%5Bnumber%5D=2&page%5Bsize%5D=2"),
        None,
    );
    let body = parse(&page);
    assert_eq!(body["data"].as_array().map(Vec::len), Some(2));
    let meta = &body["meta"]["pagination"];
    assert_eq!(meta["current-page"], 2);
    assert_eq!(meta["prev-page"], 1);
    assert_eq!(meta["next-page"], 3);
    assert_eq!(meta["total-pages"], 3);
    assert_eq!(meta["total-count"], 5);
    assert!(body["links"]["next"]
        .as_str()
        .is_some_and(|l| l.contains("page%5Bnumber%5D=3")));
}

#[test]
fn tfe_lists_only_the_users_organizations_in_pages() {
    use keyward::providers::tfe::{parse_organization_list, PageRequest, Tfe};
    let mut state = world();
    let tfe = Tfe::new(format!("{ORIGIN}{TFE}"));
    let names = |state: &mut SandboxState, number: u32, size: u32| {
        let request = tfe.list_organizations(TOKEN, PageRequest { number, size });
        let response = sandbox::handle(state, &request, NOW);
        assert_eq!(response.status, 200, "{}", response.body);
        let list = parse_organization_list(&response).expect("the client reads it");
        let names: Vec<String> = list.organizations.iter().map(|o| o.name.clone()).collect();
        (names, list.next_page(), list.organizations)
    };
    // globex exists but the user is not a member: not listed, as TFE does.
    let (all, next, orgs) = names(&mut state, 1, 100);
    assert_eq!(all, ["acme", "initech"]);
    assert_eq!(next, None);
    assert_eq!(orgs[0].email.as_deref(), Some("sandbox@example.com"));
    assert_eq!(orgs[0].can_manage_ssh_keys, Some(true));
    let (first, next, _) = names(&mut state, 1, 1);
    assert_eq!((first, next), (vec!["acme".to_string()], Some(2)));
    let (second, next, _) = names(&mut state, 2, 1);
    assert_eq!((second, next), (vec!["initech".to_string()], None));
    let refused = send_as(
        &mut state,
        None,
        Method::Get,
        &format!("{TFE}/organizations"),
        None,
    );
    assert_eq!(refused.status, 401);
}

// ---------------------------------------------------------------- Astro

const ASTRO: &str = "/astro/v1/organizations/org-sandbox/tokens";

fn deployment_token() -> Value {
    json!({
        "name": "deploy from CI",
        "description": "made by a test",
        "role": "DEPLOYMENT_ADMIN",
        "scope": "DEPLOYMENT",
        "entityId": "dep-sandbox",
        "tokenExpiryPeriodInDays": 30,
    })
}

fn astro_error(response: &HttpResponse, status: u16) -> Value {
    assert_eq!(response.status, status, "{}", response.body);
    let body = parse(response);
    assert_eq!(body["statusCode"], status);
    assert!(body["message"].is_string() && body["requestId"].is_string());
    body
}

#[test]
fn astro_refuses_bad_tokens_and_unknown_orgs() {
    let mut state = world();
    astro_error(&send_as(&mut state, None, Method::Get, ASTRO, None), 401);
    astro_error(
        &send_as(&mut state, Some("nope"), Method::Get, ASTRO, None),
        401,
    );
    let path = "/astro/v1/organizations/org-other/tokens";
    astro_error(&send(&mut state, Method::Get, path, None), 404);
    astro_error(
        &send(&mut state, Method::Get, &format!("{ASTRO}/cmunknown"), None),
        404,
    );
}

#[test]
fn astro_validation_gives_field_errors() {
    let fields = |body: Value| {
        let mut state = world();
        let response = send(&mut state, Method::Post, ASTRO, Some(body));
        let error = astro_error(&response, 400);
        let mut fields: Vec<String> = error["fieldErrors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                assert!(f["code"].is_string() && f["message"].is_string());
                f["field"].as_str().unwrap_or("").to_string()
            })
            .collect();
        fields.sort();
        fields
    };
    assert_eq!(
        fields(json!({"scope": "DEPLOYMENT", "entityId": "dep-sandbox"})),
        ["name", "role"]
    );
    for days in [0, 366] {
        let mut body = deployment_token();
        body["tokenExpiryPeriodInDays"] = json!(days);
        assert_eq!(fields(body), ["tokenExpiryPeriodInDays"], "{days} days");
    }
    let mut body = deployment_token();
    body["entityId"] = json!("dep-missing");
    assert_eq!(fields(body), ["entityId"]);
    let mut body = deployment_token();
    body["role"] = json!("ORGANIZATION_OWNER");
    assert_eq!(fields(body), ["role"]);
    let mut body = deployment_token();
    body["scope"] = json!("GALAXY");
    assert_eq!(fields(body), ["scope"]);
}

#[test]
fn astro_token_value_is_shown_once_and_rotation_revokes_it() {
    let mut state = world();
    let created = send(&mut state, Method::Post, ASTRO, Some(deployment_token()));
    assert_eq!(created.status, 200, "{}", created.body);
    let token = parse(&created);
    let value = token["token"].as_str().unwrap_or("").to_string();
    assert!(value.len() > 20);
    let short = token["shortToken"].as_str().unwrap_or("");
    assert!(!short.is_empty() && value.ends_with(short));
    assert_eq!(token["scope"], "DEPLOYMENT");
    assert_eq!(token["expiryPeriodInDays"], 30);
    assert_eq!(token["endAt"], "2026-10-21T14:13:20Z");
    assert_eq!(token["roles"][0]["entityId"], "dep-sandbox");
    let id = token["id"].as_str().unwrap_or("").to_string();
    let path = format!("{ASTRO}/{id}");

    // Later reads: shortToken only.
    let read = parse(&send(&mut state, Method::Get, &path, None));
    assert!(read.get("token").is_none());
    assert_eq!(read["shortToken"], short);
    let list = parse(&send(
        &mut state,
        Method::Get,
        &format!("{ASTRO}?deploymentId=dep-sandbox"),
        None,
    ));
    assert_eq!(list["totalCount"], 2);
    assert!(!list.to_string().contains(&value));

    // The value works, read-only.
    let own = send_as(&mut state, Some(&value), Method::Get, &path, None);
    assert_eq!(own.status, 200);
    assert!(parse(&own)["lastUsedAt"].is_string());
    astro_error(
        &send_as(&mut state, Some(&value), Method::Delete, &path, None),
        403,
    );

    // Rotation: a new value, the old one refused at once.
    let rotated = send(&mut state, Method::Post, &format!("{path}/rotate"), None);
    assert_eq!(rotated.status, 200);
    let rotated = parse(&rotated);
    let new_value = rotated["token"].as_str().unwrap_or("").to_string();
    assert!(!new_value.is_empty() && new_value != value);
    assert_ne!(rotated["shortToken"], short);
    assert!(rotated["lastRotatedAt"].is_string());
    astro_error(
        &send_as(&mut state, Some(&value), Method::Get, &path, None),
        401,
    );
    assert_eq!(
        send_as(&mut state, Some(&new_value), Method::Get, &path, None).status,
        200
    );

    // Update is a POST; deletion revokes the value too.
    let updated = send(
        &mut state,
        Method::Post,
        &path,
        Some(json!({"name": "renamed", "description": "d"})),
    );
    assert_eq!(parse(&updated)["name"], "renamed");
    assert!(parse(&updated).get("token").is_none());
    assert_eq!(send(&mut state, Method::Delete, &path, None).status, 204);
    astro_error(
        &send_as(&mut state, Some(&new_value), Method::Get, ASTRO, None),
        401,
    );
}

#[test]
fn astro_tokens_expire() {
    let mut state = world();
    let mut body = deployment_token();
    body["tokenExpiryPeriodInDays"] = json!(1);
    let value = parse(&send(&mut state, Method::Post, ASTRO, Some(body)))["token"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let at = |when: u64, state: &mut SandboxState| {
        sandbox::handle(
            state,
            &request(Method::Get, ASTRO, Some(&value), None),
            when,
        )
        .status
    };
    assert_eq!(at(NOW + 3600, &mut state), 200);
    assert_eq!(at(NOW + 2 * 86_400, &mut state), 401);
}

#[test]
fn astro_list_pages_by_offset_and_limit() {
    let mut state = world();
    for n in 0..3 {
        let mut body = deployment_token();
        body["name"] = json!(format!("t{n}"));
        assert_eq!(
            send(&mut state, Method::Post, ASTRO, Some(body)).status,
            200
        );
    }
    let page = parse(&send(
        &mut state,
        Method::Get,
        &format!("{ASTRO}?offset=1&limit=2"),
        None,
    ));
    assert_eq!(page["totalCount"], 4);
    assert_eq!(page["offset"], 1);
    assert_eq!(page["limit"], 2);
    assert_eq!(page["tokens"].as_array().map(Vec::len), Some(2));
    let none = parse(&send(
        &mut state,
        Method::Get,
        &format!("{ASTRO}?deploymentId=dep-other"),
        None,
    ));
    assert_eq!(none["totalCount"], 0);
}

#[test]
fn astro_lists_the_organizations_deployments() {
    use keyward::providers::astro::{parse_deployment_page, Astro};
    let mut state = world();
    let astro = Astro::new(format!("{ORIGIN}/astro/v1"));
    let mut page = |offset: u32, limit: u32| {
        let request = astro
            .list_deployments(TOKEN, "org-sandbox", offset, limit)
            .expect("a request");
        let response = sandbox::handle(&mut state, &request, NOW);
        parse_deployment_page(&response).expect("the client reads it")
    };
    let all = page(0, 100);
    let ids: Vec<&str> = all.deployments.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["dep-sandbox", "dep-sandbox-staging"]);
    assert_eq!(all.deployments[0].name, "sandbox-deployment");
    assert_eq!(
        all.deployments[0].workspace_id.as_deref(),
        Some("ws-sandbox")
    );
    assert_eq!(all.next_offset, None);
    let first = page(0, 1);
    assert_eq!((first.deployments.len(), first.next_offset), (1, Some(1)));
    assert_eq!(first.total_count, 2);
    let path = "/astro/v1/organizations/org-nope/deployments";
    astro_error(&send(&mut state, Method::Get, path, None), 404);
    astro_error(&send_as(&mut state, None, Method::Get, path, None), 401);
    let post = "/astro/v1/organizations/org-sandbox/deployments";
    astro_error(&send(&mut state, Method::Post, post, Some(json!({}))), 404);
}

// ---------------------------------------------------------------- CNB

#[test]
fn cnb_user_repo_and_errors() {
    let mut state = world();
    let user = send(&mut state, Method::Get, "/cnb/user", None);
    assert_eq!(user.status, 200);
    assert_eq!(parse(&user)["username"], "sandbox-user");
    let unauthorized = send_as(&mut state, None, Method::Get, "/cnb/user", None);
    assert_eq!(unauthorized.status, 401);
    assert!(parse(&unauthorized)["errmsg"].is_string());
    let repo = send(&mut state, Method::Get, "/cnb/sandbox-org/hello", None);
    assert_eq!(repo.status, 200);
    assert_eq!(parse(&repo)["path"], "sandbox-org/hello");
    assert_eq!(
        send(&mut state, Method::Get, "/cnb/sandbox-org", None).status,
        200
    );
    assert_eq!(
        send(&mut state, Method::Get, "/cnb/sandbox-org/nope", None).status,
        404
    );
    let html = request(Method::Get, "/cnb/user", Some(TOKEN), None).header("Accept", "text/html");
    assert_eq!(sandbox::handle(&mut state, &html, NOW).status, 406);
    let cnb = request(Method::Get, "/cnb/user", Some(TOKEN), None)
        .header("Accept", "application/vnd.cnb.api+json");
    let response = sandbox::handle(&mut state, &cnb, NOW);
    assert_eq!(
        response.header("content-type"),
        Some("application/vnd.cnb.api+json")
    );
}

// ---------------------------------------------------------------- faults

#[test]
fn fault_header_status_and_retry_after() {
    let mut state = world();
    let before = state.clone();
    let faulty = request(
        Method::Post,
        "/github/user/keys",
        Some(TOKEN),
        Some(json!({"key": ED25519_PUB})),
    )
    .header(FAULT_HEADER, "status=503");
    let reply = respond(&mut state, &faulty, NOW);
    assert_eq!(reply.response.status, 503);
    assert_eq!(parse(&reply.response)["status"], "503");
    assert_eq!(
        state.github, before.github,
        "a failed request changes nothing"
    );

    let limited = request(
        Method::Get,
        "/tfe/api/v2/account/details",
        Some(TOKEN),
        None,
    )
    .header(FAULT_HEADER, "retry-after=7");
    let reply = respond(&mut state, &limited, NOW);
    assert_eq!(reply.response.status, 429);
    assert_eq!(reply.response.header("retry-after"), Some("7"));
    assert_eq!(parse(&reply.response)["errors"][0]["status"], 429);
}

#[test]
fn fault_header_delay_and_drops() {
    let mut state = world();
    let slow =
        request(Method::Get, "/cnb/user", Some(TOKEN), None).header(FAULT_HEADER, "delay=250");
    let reply = respond(&mut state, &slow, NOW);
    assert_eq!(
        (reply.response.status, reply.delay_ms, reply.drop_connection),
        (200, 250, false)
    );

    let create = |fault: &str| {
        request(
            Method::Post,
            "/github/user/keys",
            Some(TOKEN),
            Some(json!({"key": ED25519_PUB})),
        )
        .header(FAULT_HEADER, fault)
    };
    let dropped = respond(&mut state, &create("drop"), NOW);
    assert!(dropped.drop_connection);
    assert_eq!(
        state.github.users[0].keys.len(),
        2,
        "dropped before handling"
    );
    let lost = respond(&mut state, &create("drop-after"), NOW);
    assert!(lost.drop_connection);
    assert_eq!(
        state.github.users[0].keys.len(),
        3,
        "handled, then the answer was lost"
    );
}

#[test]
fn run_faults_fail_every_nth_request_and_rate_limit() {
    let mut state = world();
    state.run_faults.fail_every = 2;
    state.run_faults.fail_status = 500;
    let statuses: Vec<u16> = (0..4)
        .map(|_| send(&mut state, Method::Get, "/cnb/user", None).status)
        .collect();
    assert_eq!(statuses, [200, 500, 200, 500]);

    let mut state = world();
    state.run_faults.rate_limit_every = 1;
    state.run_faults.delay_ms = 15;
    let github = respond(
        &mut state,
        &request(Method::Get, "/github/user", Some(TOKEN), None),
        NOW,
    );
    assert_eq!(github.delay_ms, 15);
    assert_eq!(github.response.status, 403);
    assert_eq!(github.response.header("x-ratelimit-remaining"), Some("0"));
    assert!(github.response.header("x-ratelimit-reset").is_some());
    let tfe = send(&mut state, Method::Get, "/tfe/api/v2/account/details", None);
    assert_eq!(tfe.status, 429);
    assert_eq!(send(&mut state, Method::Get, ASTRO, None).status, 429);
}

// ---------------------------------------------------------------- the sandbox itself

#[test]
fn the_browser_sandbox_uses_its_own_scheme_and_token() {
    let mut state = SandboxState::browser();
    assert_eq!(state.access_token, sandbox::BROWSER_TOKEN);
    let request = request(
        Method::Get,
        "sandbox:/github/user/keys",
        Some("sandbox"),
        None,
    );
    let response = sandbox::handle(&mut state, &request, NOW);
    assert_eq!(response.status, 200);
    let keys = parse(&response);
    assert!(keys[0]["url"]
        .as_str()
        .is_some_and(|u| u.starts_with("sandbox:/github/user/keys/")));
    assert_eq!(
        send_as(
            &mut state,
            Some(TOKEN),
            Method::Get,
            "sandbox:/cnb/user",
            None
        )
        .status,
        401
    );
    assert_eq!(
        send(&mut state, Method::Get, "/elsewhere", None).status,
        404
    );
}

#[test]
fn state_round_trips_through_json_and_is_deterministic() {
    let mut first = world();
    let mut second = world();
    assert_eq!(first, second);
    for state in [&mut first, &mut second] {
        send(state, Method::Post, ASTRO, Some(deployment_token()));
        send(
            state,
            Method::Post,
            "/github/user/keys",
            Some(json!({"key": ED25519_PUB})),
        );
    }
    assert_eq!(first, second, "same requests, same world");
    let text = serde_json::to_string(&first).unwrap_or_default();
    let back: SandboxState = serde_json::from_str(&text).unwrap_or_else(|_| world());
    assert_eq!(back, first);
    assert!(
        !format!("{first:?}").contains(TOKEN),
        "Debug hides the token"
    );
    assert!(
        !text.contains("astro_sbx_"),
        "token values are kept only as digests"
    );
}

#[test]
fn odd_requests_never_panic() {
    let mut state = world();
    let paths = [
        "",
        "/",
        "?",
        "/github",
        "/github/",
        "/github/user/keys/%ff%fe",
        "/github/repos",
        "/github/repos/a",
        "/github/user/keys?per_page=-1&page=18446744073709551615",
        "/github/user/keys?per_page=0&page=0",
        "/tfe/api/v2/organizations//ssh-keys",
        "/tfe/api/v2/organizations/acme/ssh-keys?page%5Bsize%5D=x&page%5Bnumber%5D=99999999999999",
        "/astro/v1/organizations/org-sandbox/tokens?offset=99999999999999999&limit=0",
        "/astro/v1/organizations/org-sandbox/tokens/x/rotate/y",
        "/cnb/%",
        "/cnb/a/b/c/d",
        "http://",
        "http://h",
        "sandbox:",
        "sandbox:x",
    ];
    let bodies = [
        None,
        Some("null"),
        Some("[]"),
        Some("{\"data\":5}"),
        Some("\u{0}"),
        Some("{\"key\":\"ssh-rsa\"}"),
    ];
    for method in [
        Method::Get,
        Method::Post,
        Method::Patch,
        Method::Put,
        Method::Delete,
    ] {
        for path in paths {
            for body in bodies {
                let mut request = request(method, path, Some(TOKEN), None);
                request.body = body.map(str::to_string);
                let reply = respond(
                    &mut state,
                    &request.header(FAULT_HEADER, "status=abc,delay=-1"),
                    NOW,
                );
                assert!((200..600).contains(&reply.response.status), "{path}");
            }
        }
    }
}
