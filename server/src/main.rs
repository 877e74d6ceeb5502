//! keyward-server: serves Keyward's release build the way it should be
//! deployed: strict security headers on every response, long caching for
//! hashed files, precompressed assets, the single-page-app fallback, and a
//! same-origin proxy for the API paths of the providers without CORS.
//!
//! It logs one line per request on stderr (method, path without query,
//! status, milliseconds): never a header value, a query or a body, so a
//! token cannot end up in a log. It prints the bound address on stdout once
//! ready.

mod args;
mod assets;
mod headers;
mod proxy;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use std::io::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

fn main() -> ExitCode {
    let config = match args::parse(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("keyward-server: {problem}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    if !config.dist.join("index.html").is_file() {
        eprintln!(
            "keyward-server: {} has no index.html: build the app first (trunk build --release)",
            config.dist.display()
        );
        return ExitCode::from(2);
    }
    // A read-only dist still works, uncompressed.
    if let Err(e) = assets::precompress(&config.dist) {
        eprintln!(
            "keyward-server: cannot write precompressed copies, serving files as they are: {e}"
        );
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("keyward-server: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keyward-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: args::Config) -> std::io::Result<()> {
    let proxy = Arc::new(proxy::Proxy::new(config.upstreams, config.upstream_timeout));
    let mut app = Router::new()
        .route("/proxy", any(no_such_proxy))
        .route("/proxy/", any(no_such_proxy))
        .route("/proxy/{*rest}", any(proxy::handle))
        .route("/sandbox", any(assets::no_sandbox_worker))
        .route("/sandbox/{*rest}", any(assets::no_sandbox_worker))
        .with_state(proxy)
        .fallback_service(assets::service(&config.dist));
    // Outermost, so they reach every answer: files, the fallback, errors,
    // proxied responses.
    for layer in headers::security_layers() {
        app = app.layer(layer);
    }
    let app = app.layer(middleware::from_fn(log_and_cache));
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let local = listener.local_addr()?;
    println!("keyward-server listening on http://{local}");
    std::io::stdout().flush()?;
    axum::serve(listener, app).await
}

async fn no_such_proxy() -> Response {
    assets::not_found()
}

/// One log line per request, and the cache policy (which needs the path).
async fn log_and_cache(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    headers::set_cache_headers(&path, &mut response);
    eprintln!(
        "{method} {} {} {}ms",
        printable(&path),
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

/// The path as one log line: no control characters that could forge a
/// second line.
fn printable(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
