//! The one path a page's provider call takes: build the request with the
//! connection's client for that provider, send it, parse the answer.

use super::client::send_built;
use super::connections::{page_origin, Connection};
use crate::providers::{ApiError, HttpRequest, HttpResponse};

/// Builds a request with `client` (e.g. [`Connection::tfe`]) of
/// `connection`, sends it and parses the answer. No connection, or one
/// without such a client, sends nothing.
pub(crate) async fn call<C, T>(
    connection: Option<&Connection>,
    client: fn(&Connection, &str) -> Option<C>,
    build: impl FnOnce(&C, &str) -> Result<HttpRequest, ApiError>,
    parse: impl FnOnce(&HttpResponse) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let refused = || ApiError::refused("Choose a connection that reaches this provider.");
    let connection = connection.ok_or_else(refused)?;
    let request = client(connection, &page_origin())
        .ok_or_else(refused)
        .and_then(|api| build(&api, connection.token()));
    let response = send_built(connection, request).await?;
    parse(&response)
}
