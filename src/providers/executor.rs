//! The one place that sends requests: in the browser, with `fetch` (through
//! gloo-net). Everything else in `providers` is plain data in, plain data
//! out.
//!
//! Each request gets an `AbortController`: a timer aborts it after
//! `timeout_ms`, and dropping the future (a page left, a resource replaced)
//! aborts it too. Cookies are never sent (`credentials: omit`) and answers
//! never cached (`cache: no-store`): they are per-token. Redirects are
//! never followed (`redirect: manual`): the browser would carry the token to
//! wherever one points. A header value the browser would throw on is
//! refused first, as an error the page can show.
//!
//! Never log a request or a response here: requests carry tokens.
//!
//! Browser-only; on other targets this module is empty, so native builds
//! and tests compile.

#[cfg(target_arch = "wasm32")]
pub use browser::{send, send_with_retry, sleep};

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

    use gloo_net::http::{Method as FetchMethod, RequestBuilder};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::js_sys;
    use web_sys::{
        AbortController, RequestCache, RequestCredentials, RequestRedirect, ResponseType,
    };

    use crate::providers::guard::{check_headers, redirect_refused};
    use crate::providers::http::{HttpRequest, HttpResponse, Method};
    use crate::providers::model::{ApiError, ErrorKind};
    use crate::providers::retry::{Outcome, RetryPolicy};

    /// Aborts its request when the time is up or when it is dropped, and
    /// clears its timer.
    struct Deadline {
        controller: AbortController,
        timer: Option<i32>,
        timed_out: Rc<Cell<bool>>,
        timeout_ms: u32,
        // Kept alive until the timer is cleared.
        _on_timeout: Closure<dyn FnMut()>,
    }

    impl Deadline {
        fn start(timeout_ms: u32) -> Result<Self, ApiError> {
            let controller = AbortController::new()
                .map_err(|_| ApiError::network("this browser cannot cancel requests"))?;
            let timed_out = Rc::new(Cell::new(false));
            let on_timeout = {
                let controller = controller.clone();
                let timed_out = Rc::clone(&timed_out);
                Closure::<dyn FnMut()>::new(move || {
                    timed_out.set(true);
                    controller.abort();
                })
            };
            let delay = i32::try_from(timeout_ms).unwrap_or(i32::MAX);
            let timer = web_sys::window().and_then(|window| {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        on_timeout.as_ref().unchecked_ref(),
                        delay,
                    )
                    .ok()
            });
            Ok(Deadline {
                controller,
                timer,
                timed_out,
                timeout_ms,
                _on_timeout: on_timeout,
            })
        }

        fn failure(&self) -> ApiError {
            if self.timed_out.get() {
                let seconds = self.timeout_ms.div_ceil(1_000);
                let unit = if seconds == 1 { "second" } else { "seconds" };
                ApiError::network(&format!("no answer within {seconds} {unit}"))
            } else {
                ApiError::network("the request failed")
            }
        }
    }

    impl Drop for Deadline {
        fn drop(&mut self) {
            if let (Some(timer), Some(window)) = (self.timer, web_sys::window()) {
                window.clear_timeout_with_handle(timer);
            }
            // A no-op once the body is read; cancels the fetch otherwise.
            self.controller.abort();
        }
    }

    fn fetch_method(method: Method) -> FetchMethod {
        match method {
            Method::Get => FetchMethod::GET,
            Method::Post => FetchMethod::POST,
            Method::Patch => FetchMethod::PATCH,
            Method::Put => FetchMethod::PUT,
            Method::Delete => FetchMethod::DELETE,
        }
    }

    /// Sends `request` once. `Err` when there is no answer (offline, CORS,
    /// timeout), when the request was refused before sending (a header the
    /// browser would throw on) and when the answer is a redirect; any other
    /// HTTP status, error or not, is `Ok`, for the provider's parser to
    /// judge. Header names are lower-cased.
    pub async fn send(request: &HttpRequest, timeout_ms: u32) -> Result<HttpResponse, ApiError> {
        // gloo-net's `header` throws (unwrap_throw) on such a value, which
        // would abandon this future and leave the page busy.
        check_headers(request)?;
        let deadline = Deadline::start(timeout_ms)?;
        let signal = deadline.controller.signal();
        let mut builder = RequestBuilder::new(&request.url)
            .method(fetch_method(request.method))
            .credentials(RequestCredentials::Omit)
            .cache(RequestCache::NoStore)
            .redirect(RequestRedirect::Manual)
            .abort_signal(Some(&signal));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let sent = match &request.body {
            Some(body) => match builder.body(JsValue::from_str(body)) {
                Ok(prepared) => prepared.send().await,
                Err(_) => return Err(ApiError::network("the request could not be prepared")),
            },
            None => builder.send().await,
        };
        let response = sent.map_err(|_| deadline.failure())?;
        let status = response.status();
        let opaque_redirect = response.type_() == ResponseType::Opaqueredirect;
        if let Some(error) = redirect_refused(status, opaque_redirect) {
            return Err(error);
        }
        let headers = response
            .headers()
            .entries()
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .collect();
        // The body is read under the same deadline.
        let body = response.text().await.map_err(|_| deadline.failure())?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }

    /// Sends `request`, trying again as `policy` decides (only `GET`s are
    /// ever retried). Returns the last answer or the last network error.
    pub async fn send_with_retry(
        request: &HttpRequest,
        policy: &RetryPolicy,
        timeout_ms: u32,
    ) -> Result<HttpResponse, ApiError> {
        let mut attempt = 1;
        loop {
            let result = send(request, timeout_ms).await;
            let outcome = match &result {
                Ok(response) => Outcome::from(response),
                Err(error) if error.kind == ErrorKind::Network => Outcome::NetworkError,
                // Refused before sending, or a redirect: trying again
                // would end the same way.
                Err(_) => return result,
            };
            let now_epoch = (js_sys::Date::now() / 1_000.0) as u64;
            let jitter = js_sys::Math::random();
            match policy.decide(request.method, attempt, outcome, jitter, now_epoch) {
                Some(delay_ms) => {
                    sleep(delay_ms).await;
                    attempt += 1;
                }
                None => return result,
            }
        }
    }

    /// Waits `ms` milliseconds without blocking the page.
    pub async fn sleep(ms: u64) {
        let delay = i32::try_from(ms).unwrap_or(i32::MAX);
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let scheduled = web_sys::window().and_then(|window| {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay)
                    .ok()
            });
            if scheduled.is_none() {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
