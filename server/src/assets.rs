//! The built app on disk: precompressed once at startup, then served by
//! tower-http's `ServeDir` (content types, conditional requests, ranges,
//! `Accept-Encoding` negotiation), with the single-page-app fallback.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

/// Text-like files worth compressing (images and fonts are compressed
/// already).
const COMPRESSIBLE: [&str; 9] = [
    "html", "js", "mjs", "css", "wasm", "svg", "json", "txt", "map",
];

/// Writes `NAME.br` and `NAME.gz` beside every compressible file of `dist`
/// whose copies are missing or older than it, and removes copies whose file
/// is gone, so `ServeDir` never serves a stale one. Each copy is written to
/// a temporary name and renamed, so servers starting together on one dist
/// never read half a file. Returns how many files were compressed.
pub fn precompress(dist: &Path) -> io::Result<usize> {
    let mut done = 0;
    for path in files(dist)? {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if matches!(ext, "br" | "gz") {
            let original = path.with_extension("");
            if !original.is_file() {
                fs::remove_file(&path)?;
            }
            continue;
        }
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let data = fs::read(&path)?;
        let modified = fs::metadata(&path)?.modified()?;
        let mut wrote = false;
        for (suffix, compress) in [("br", brotli as fn(&[u8]) -> _), ("gz", gzip)] {
            let target = with_suffix(&path, suffix);
            let fresh = fs::metadata(&target)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= modified);
            if fresh {
                continue;
            }
            let packed = compress(&data)?;
            // A copy no smaller than the file is useless: serve the file.
            if packed.len() >= data.len() {
                let _ = fs::remove_file(&target);
                continue;
            }
            let temporary = with_suffix(&path, &format!("{suffix}.tmp{}", std::process::id()));
            fs::write(&temporary, &packed)?;
            fs::rename(&temporary, &target)?;
            wrote = true;
        }
        done += usize::from(wrote);
    }
    Ok(done)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Every regular file under `dir`, recursively (symlinks are not followed).
fn files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                found.push(entry.path());
            }
        }
    }
    Ok(found)
}

fn brotli(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        // Quality 11 (the best): paid once per build, not per request.
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(data)?;
        writer.flush()?;
    }
    Ok(out)
}

fn gzip(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut writer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    writer.write_all(data)?;
    writer.finish()
}

/// The static files with the fallback of a single-page app: a path that
/// names no file and has no extension (`/user/keys`, a deep link reloaded)
/// gets `index.html`, so the app's router shows the page; a missing file
/// with an extension (`/gone.js`) is a plain 404, never HTML that a script
/// tag would choke on.
pub fn service(dist: &Path) -> ServeDir<SpaFallback> {
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(SpaFallback {
            index: ServeFile::new(dist.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        })
}

#[derive(Clone)]
pub struct SpaFallback {
    index: ServeFile,
}

impl tower::Service<Request<Body>> for SpaFallback {
    type Response = Response;
    type Error = std::convert::Infallible;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<Response, Self::Error>> + Send + 'static>,
    >;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let index = self.index.clone();
        Box::pin(async move {
            let last = request.uri().path().rsplit('/').next().unwrap_or_default();
            if last.contains('.') {
                return Ok(not_found());
            }
            Ok(match index.oneshot(request).await {
                Ok(response) => response.map(Body::new),
                Err(never) => match never {},
            })
        })
    }
}

pub fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found\n").into_response()
}

/// `/sandbox/…` is answered in the browser by the app's service worker
/// (`sandbox-sw.js`); a request that reaches the server found no worker
/// running. It gets a JSON error in the providers' `message` shape, never
/// the app's HTML.
pub async fn no_sandbox_worker() -> Response {
    let body = r#"{"message":"The Sandbox answers inside your browser, from Keyward's service worker: this request reached the server, so that worker is not running. Open Keyward and use the Sandbox connection."}"#;
    (
        StatusCode::NOT_FOUND,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_written_refreshed_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let js = dir.path().join("app-0123456789abcdef.js");
        fs::write(&js, "console.log('hello');\n".repeat(100)).unwrap();
        fs::write(dir.path().join("logo.png"), [0u8; 500]).unwrap();
        fs::write(dir.path().join("gone.js.br"), b"stale").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/tiny.css"), "a{}").unwrap();

        assert_eq!(precompress(dir.path()).unwrap(), 1);
        assert!(with_suffix(&js, "br").is_file());
        assert!(with_suffix(&js, "gz").is_file());
        assert!(!dir.path().join("logo.png.br").exists(), "not compressible");
        assert!(!dir.path().join("gone.js.br").exists(), "orphans go");
        assert!(!dir.path().join("sub/tiny.css.br").exists(), "not smaller");
        // Up to date: nothing to do the second time.
        assert_eq!(precompress(dir.path()).unwrap(), 0);

        let mut decoded = Vec::new();
        let packed = fs::read(with_suffix(&js, "br")).unwrap();
        brotli::BrotliDecompress(&mut packed.as_slice(), &mut decoded).unwrap();
        assert_eq!(decoded, fs::read(&js).unwrap());
    }
}
