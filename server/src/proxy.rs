//! The same-origin proxy for the providers whose APIs do not answer
//! browsers from other origins (no CORS): only their API paths, only the
//! headers an API call needs, never a redirect followed, and bounded in
//! size and time.

use crate::args::Upstreams;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt as _, Full, Limited};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;
use std::time::Duration;

/// API request bodies are small JSON documents (a key, a token name).
pub const MAX_REQUEST_BODY: usize = 1 << 20;
/// A page of keys or tokens is far smaller; more is not an API answer.
const MAX_RESPONSE_BODY: usize = 16 << 20;

/// Request headers never sent on: the browser's cookies and where the page
/// came from are none of the provider's business, and the connection-level
/// ones belong to each hop (RFC 9110 §7.6.1). Everything else (Authorization,
/// Accept, Content-Type, User-Agent, …) goes through.
const DROP_UP: [&str; 15] = [
    "cookie",
    "origin",
    "referer",
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "forwarded",
    "x-forwarded-for",
];
/// Response headers never passed back: no provider may set a cookie on the
/// app's origin.
const DROP_DOWN: [&str; 9] = [
    "set-cookie",
    "set-cookie2",
    "content-length",
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

pub struct Proxy {
    upstreams: Upstreams,
    timeout: Duration,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl Proxy {
    pub fn new(upstreams: Upstreams, timeout: Duration) -> Proxy {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        // The legacy client never follows redirects: a 3xx goes back to the
        // page as it came (the app's fetch refuses to follow it), so a token
        // is never replayed to wherever a Location points.
        let client = Client::builder(TokioExecutor::new()).build(https);
        Proxy {
            upstreams,
            timeout,
            client,
        }
    }

    /// `/proxy/tfe/api/v2/x?y` → `TFE/api/v2/x?y`, and so on; `None` for any
    /// other path, and for dot segments (even percent-encoded) that an
    /// upstream could resolve to a path outside its API.
    pub fn target(&self, uri: &Uri) -> Option<String> {
        let path = uri.path();
        let (base, kept) = if let Some(rest) = path.strip_prefix("/proxy/tfe/api/v2/") {
            (&self.upstreams.tfe, ("/api/v2/", rest))
        } else if let Some(rest) = path.strip_prefix("/proxy/astro/v1/") {
            (&self.upstreams.astro, ("/v1/", rest))
        } else if let Some(rest) = path.strip_prefix("/proxy/cnb/") {
            (&self.upstreams.cnb, ("/", rest))
        } else {
            return None;
        };
        let (prefix, rest) = kept;
        let dot_segment = rest.split('/').any(|segment| {
            let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
            decoded == "." || decoded == ".."
        });
        if rest.is_empty() || dot_segment || rest.contains('\\') {
            return None;
        }
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        Some(format!("{base}{prefix}{rest}{query}"))
    }
}

pub async fn handle(State(proxy): State<Arc<Proxy>>, request: Request) -> Response {
    let Some(target) = proxy.target(request.uri()) else {
        return crate::assets::not_found();
    };
    if !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        return (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed\n").into_response();
    }
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return (StatusCode::PAYLOAD_TOO_LARGE, "Request body too large\n").into_response()
        }
    };
    let mut upstream = axum::http::Request::new(Full::new(body));
    *upstream.method_mut() = parts.method;
    *upstream.uri_mut() = match target.parse() {
        Ok(uri) => uri,
        Err(_) => return crate::assets::not_found(),
    };
    *upstream.headers_mut() = filtered(parts.headers, &DROP_UP);

    let exchange = async {
        let response = proxy.client.request(upstream).await.map_err(|_| ())?;
        let (parts, body) = response.into_parts();
        let bytes = Limited::new(body, MAX_RESPONSE_BODY)
            .collect()
            .await
            .map_err(|_| ())?
            .to_bytes();
        Ok::<_, ()>((parts, bytes))
    };
    match tokio::time::timeout(proxy.timeout, exchange).await {
        Ok(Ok((mut parts, bytes))) => {
            parts.headers = filtered(parts.headers, &DROP_DOWN);
            Response::from_parts(parts, Body::from(bytes))
        }
        Ok(Err(())) => (
            StatusCode::BAD_GATEWAY,
            "The provider could not be reached, or its answer was cut off.\n",
        )
            .into_response(),
        Err(_) => (
            StatusCode::GATEWAY_TIMEOUT,
            "The provider did not answer in time.\n",
        )
            .into_response(),
    }
}

/// The headers less `drop` and less those the `Connection` header names.
fn filtered(mut headers: HeaderMap, drop: &[&str]) -> HeaderMap {
    let named: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::try_from(name.trim()).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in drop {
        headers.remove(*name);
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy() -> Proxy {
        Proxy::new(
            Upstreams {
                tfe: "https://tfe.example.com".into(),
                astro: "http://127.0.0.1:9/astro".into(),
                cnb: "https://api.cnb.cool".into(),
            },
            Duration::from_secs(1),
        )
    }

    fn target(path: &str) -> Option<String> {
        proxy().target(&path.parse().unwrap())
    }

    #[test]
    fn only_api_paths_are_mapped() {
        assert_eq!(
            target("/proxy/tfe/api/v2/organizations/acme/ssh-keys?page%5Bsize%5D=100").as_deref(),
            Some("https://tfe.example.com/api/v2/organizations/acme/ssh-keys?page%5Bsize%5D=100")
        );
        assert_eq!(
            target("/proxy/astro/v1/organizations").as_deref(),
            Some("http://127.0.0.1:9/astro/v1/organizations")
        );
        assert_eq!(
            target("/proxy/cnb/user").as_deref(),
            Some("https://api.cnb.cool/user")
        );
        for refused in [
            "/proxy/tfe/other",
            "/proxy/tfe/api/v1/x",
            "/proxy/tfe/api/v2/",
            "/proxy/unknown/x",
            "/proxy/cnb/",
            "/proxy/cnb/a/../../admin",
            "/proxy/cnb/a/%2E%2e/admin",
            "/proxy/tfe/api/v2/./x",
            "/proxy/astro/v1/a\\b",
            "/proxy",
        ] {
            assert_eq!(target(refused), None, "{refused}");
        }
    }

    #[test]
    fn connection_named_headers_are_dropped_too() {
        let mut headers = HeaderMap::new();
        headers.insert("connection", "x-secret-hop".parse().unwrap());
        headers.insert("x-secret-hop", "1".parse().unwrap());
        headers.insert("cookie", "a=b".parse().unwrap());
        headers.insert("authorization", "Bearer t".parse().unwrap());
        let kept = filtered(headers, &DROP_UP);
        assert_eq!(kept.len(), 1);
        assert!(kept.contains_key("authorization"));
    }
}
