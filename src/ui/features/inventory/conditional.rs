//! Conditional requests for the scan: a list read before is asked again
//! with `If-None-Match`, and GitHub's 304 (which does not count against its
//! rate limit) is answered from the copy kept here. Kept in this page's
//! memory only: public key lists and repository names, never a token.

use crate::providers::{ApiError, HttpRequest, HttpResponse};
use crate::ui::state::{client, Connection};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

thread_local! {
    /// The last 200 answer with an ETag, by connection and URL.
    static ANSWERS: RefCell<HashMap<String, HttpResponse>> = RefCell::new(HashMap::new());
    /// How many answers came back 304 since the page opened.
    static UNCHANGED: Cell<usize> = const { Cell::new(0) };
}

/// A bound on the kept answers: beyond it the oldest stay, new ones are
/// simply not kept (a scan of thousands of repositories still works).
const MAX_KEPT: usize = 5_000;

/// Sends `request` for `connection`, conditionally when an earlier answer
/// to the same URL had an ETag; a 304 returns that earlier answer.
pub(crate) async fn send(
    connection: &Connection,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let key = format!("{}\n{}", connection.id, request.url);
    let kept = ANSWERS.with(|answers| answers.borrow().get(&key).cloned());
    let request = match kept.as_ref().and_then(HttpResponse::etag) {
        Some(etag) => request.if_none_match(etag),
        None => request,
    };
    let response = client::send_for_scan(connection, request).await?;
    if response.is_not_modified() {
        if let Some(kept) = kept {
            UNCHANGED.with(|n| n.set(n.get() + 1));
            return Ok(kept);
        }
    }
    let response: HttpResponse = (*response).clone();
    if response.status == 200 && response.etag().is_some() {
        ANSWERS.with(|answers| {
            let mut answers = answers.borrow_mut();
            if answers.len() < MAX_KEPT || answers.contains_key(&key) {
                answers.insert(key, response.clone());
            }
        });
    }
    Ok(response)
}

/// Answers that came back "not modified" since the page opened.
pub(crate) fn unchanged() -> usize {
    UNCHANGED.with(Cell::get)
}
