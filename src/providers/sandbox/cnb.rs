//! The emulated CNB (cnb.cool) OpenAPI under `/cnb`: only what exists
//! publicly for Keyward's purpose, the token holder (`GET /user`, to check a
//! pasted token), an organization (`GET /{group}`) and a repository
//! (`GET /{group}/{repo}`). CNB has no API for deploy keys; they are made in
//! its web UI.
//!
//! An `Accept` type CNB does not offer gets 406, as reported for the real
//! service. Error bodies use `errcode`/`errmsg`; the codes are the
//! sandbox's own (CNB's are not documented).

use super::state::{rfc3339, SandboxState, SEED_TIME};
use crate::providers::http::{HttpResponse, Method};
use serde_json::{json, Value};

const CNB_JSON: &str = "application/vnd.cnb.api+json";

pub(super) fn handle(state: &mut SandboxState, call: &super::Call) -> HttpResponse {
    match call.token() {
        Some(token) if !token.is_empty() && token == state.access_token => {}
        _ => return error(401, "Unauthorized: the token is missing or invalid"),
    }
    let accept = call.request.header_value("accept").unwrap_or("*/*");
    let wants_cnb = accept.contains(CNB_JSON);
    let acceptable = accept.split(',').any(|item| {
        let media = item.split(';').next().unwrap_or("").trim();
        matches!(
            media,
            "*/*" | "application/*" | "application/json" | CNB_JSON
        )
    });
    if !acceptable {
        return error(406, "Not Acceptable");
    }
    let created = rfc3339(SEED_TIME);
    let cnb = &state.cnb;
    let path = call.path();
    let body = match (call.method, path.as_slice()) {
        (Method::Get, ["user"]) => json!({
            "id": cnb.user_id,
            "username": cnb.username,
            "nickname": cnb.nickname,
            "email": cnb.email,
            "avatar": "https://cnb.cool/users/sandbox-user/avatar",
            "bio": "",
            "company": "",
            "address": "",
            "created_at": created,
            "repo_count": cnb.repos.len(),
            "group_count": cnb.groups.len(),
            "stars_count": 0,
            "follower_count": 0,
            "follow_count": 0,
            "freeze": false,
            "verified": 0,
        }),
        (Method::Get, [group]) => match cnb.groups.iter().find(|g| g.path == *group) {
            Some(g) => json!({
                "id": g.id,
                "name": g.path,
                "path": g.path,
                "remark": "",
                "description": g.description,
                "created_at": created,
                "updated_at": created,
                "member_count": 1,
                "sub_repo_count": cnb.repos.iter().filter(|r| r.path.starts_with(&format!("{}/", g.path))).count(),
                "sub_group_count": 0,
            }),
            None => return error(404, "Not Found"),
        },
        (Method::Get, [group, repo]) => {
            let wanted = format!("{group}/{repo}");
            match cnb.repos.iter().find(|r| r.path == wanted) {
                Some(r) => json!({
                    "id": r.id,
                    "name": r.name,
                    "path": r.path,
                    "description": r.description,
                    "visibility_level": r.visibility_level,
                    "web_url": format!("https://cnb.cool/{}", r.path),
                    "created_at": created,
                    "updated_at": created,
                    "star_count": 0,
                    "fork_count": 0,
                    "open_issue_count": 0,
                    "open_pull_request_count": 0,
                    "topics": "",
                    "license": "",
                }),
                None => return error(404, "Not Found"),
            }
        }
        _ => return error(404, "Not Found"),
    };
    let content_type = if wants_cnb {
        CNB_JSON
    } else {
        "application/json; charset=utf-8"
    };
    HttpResponse::new(200, body.to_string()).with_header("content-type", content_type)
}

/// `{errcode, errmsg}`.
pub(super) fn error(status: u16, message: &str) -> HttpResponse {
    let body: Value = json!({ "errcode": u32::from(status) * 100, "errmsg": message });
    super::json(status, &body)
}
