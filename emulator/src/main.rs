//! keyward-emulator: serves the app's sandbox (one pure fake of GitHub,
//! HCP Terraform/TFE, Astro and CNB) over HTTP, for tests.
//!
//! All the rules live in `keyward::providers::sandbox`; this binary only
//! adds what a server needs: sockets, delays, dropped connections, CORS for
//! local pages, and one log line per request on stderr (method, path without
//! query, status; never a header value, a token or a body). It listens only
//! where told (default 127.0.0.1:8787) and prints the bound address on
//! stdout once ready.

mod args;
mod control;
mod cors;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use keyward::providers::http::{HttpRequest, Method};
use keyward::providers::sandbox::{self, SandboxState};
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// Request bodies are small JSON documents; anything larger is refused.
const MAX_BODY: usize = 1 << 20;

const JSON: &str = "application/json; charset=utf-8";

#[derive(Clone)]
struct Connection {
    state: Arc<Mutex<SandboxState>>,
    /// Told when a fault asks to drop this connection without an answer.
    drop_signal: Arc<Notify>,
    local: SocketAddr,
    /// The test-only control API and request log (`--control`).
    control: Option<Arc<Mutex<control::Control>>>,
}

fn main() -> ExitCode {
    let config = match args::parse(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("keyward-emulator: {problem}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("keyward-emulator: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keyward-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: args::Config) -> std::io::Result<()> {
    let mut state = SandboxState::seeded(&config.token, config.seed);
    state.run_faults = config.faults;
    state.seed_user_keys(config.seed_user_keys, now());
    state.seed_repos(config.seed_repos);
    let state = Arc::new(Mutex::new(state));
    let control = config
        .control
        .then(|| Arc::new(Mutex::new(control::Control::default())));
    let listener = TcpListener::bind(config.listen).await?;
    let local = listener.local_addr()?;
    println!("keyward-emulator listening on http://{local}");
    std::io::stdout().flush()?;
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                eprintln!("keyward-emulator: accept failed: {e}");
                continue;
            }
        };
        let connection = Connection {
            state: Arc::clone(&state),
            drop_signal: Arc::new(Notify::new()),
            local,
            control: control.clone(),
        };
        tokio::spawn(serve_connection(stream, connection));
    }
}

async fn serve_connection(stream: TcpStream, connection: Connection) {
    let drop_signal = Arc::clone(&connection.drop_signal);
    let router = Router::new().fallback(answer).with_state(connection);
    let http = hyper::server::conn::http1::Builder::new();
    let served = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(router));
    // Dropping the connection future closes the socket with no response.
    tokio::select! {
        _ = served => {}
        _ = drop_signal.notified() => {}
    }
}

async fn answer(State(connection): State<Connection>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let method = parts.method.clone();
    let path = parts.uri.path().to_string();
    let origin = parts
        .headers
        .get("origin")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let control = connection.control.as_deref();
    let log = |status: &str| {
        eprintln!("{method} {path} {status}");
        if let Some(control) = control {
            if !path.starts_with(control::PREFIX) || path == control::REDIRECTED {
                lock(control).record(method.as_str(), &path, status);
            }
        }
    };

    if method == axum::http::Method::OPTIONS {
        let headers = origin.as_deref().map(cors::preflight).unwrap_or_default();
        log("204");
        return build(204, headers, String::new());
    }
    let cors_headers = origin.as_deref().map(cors::actual).unwrap_or_default();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        log("413");
        let body = r#"{"message":"Request body too large"}"#.to_string();
        return build(413, cors_headers, body);
    };
    let host = parts
        .headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| connection.local.to_string(), str::to_string);
    let mut fault_header = None;
    if let Some(control) = control {
        if path == control::REDIRECTED {
            log("200");
            return build(200, cors_headers, r#"{"redirected":true}"#.into());
        }
        if path.starts_with(control::PREFIX) {
            let query = parts.uri.query().unwrap_or("");
            let body = String::from_utf8_lossy(&bytes);
            let answer = match control::used_key(method.as_str(), &path) {
                Some(id) => Some(control::used_answer(
                    lock(&connection.state).use_github_key(id, now()),
                )),
                None => lock(control).handle(method.as_str(), &path, query, &body),
            };
            let (status, body) = answer.unwrap_or((404, r#"{"message":"Not Found"}"#.into()));
            log(&status.to_string());
            return build(status, vec![("content-type", JSON.to_string())], body);
        }
        let fault = lock(control).take_fault(method.as_str(), &path);
        match fault {
            Some(control::Fault::Redirect) => {
                log("302");
                let mut headers = cors_headers;
                headers.push(("location", format!("http://{host}{}", control::REDIRECTED)));
                return build(302, headers, String::new());
            }
            Some(control::Fault::Body { status, body }) => {
                log(&status.to_string());
                let mut headers = cors_headers;
                headers.push(("content-type", JSON.to_string()));
                return build(status, headers, body);
            }
            Some(control::Fault::Header(spec)) => fault_header = Some(spec),
            None => {}
        }
    }
    let Some(sandbox_method) = sandbox_method(&method) else {
        log("405");
        let body = r#"{"message":"Method Not Allowed"}"#.to_string();
        return build(405, cors_headers, body);
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let mut headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_string())))
        .collect();
    if let Some(spec) = fault_header {
        headers.retain(|(name, _)| !name.eq_ignore_ascii_case(sandbox::FAULT_HEADER));
        headers.push((sandbox::FAULT_HEADER.to_string(), spec));
    }
    let request = HttpRequest {
        method: sandbox_method,
        url: format!("http://{host}{path_and_query}"),
        headers,
        body: (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned()),
    };
    let reply = {
        let mut state = connection
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        sandbox::respond(&mut state, &request, now())
    };
    if reply.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(reply.delay_ms)).await;
    }
    if reply.drop_connection {
        log("dropped");
        connection.drop_signal.notify_one();
        // The connection task drops this future together with the socket.
        std::future::pending::<()>().await;
    }
    log(&reply.response.status.to_string());
    let mut headers: Vec<(String, String)> = reply.response.headers;
    headers.extend(cors_headers.into_iter().map(|(n, v)| (n.to_string(), v)));
    build(reply.response.status, headers, reply.response.body)
}

fn sandbox_method(method: &axum::http::Method) -> Option<Method> {
    keyward::providers::sandbox::browser::method(method.as_str())
}

fn build<N: AsRef<str>>(status: u16, headers: Vec<(N, String)>, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let map = response.headers_mut();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_ref().as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            map.append(name, value);
        }
    }
    response
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
