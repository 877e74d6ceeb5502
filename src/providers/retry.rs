//! When to try a request again, and after how long: a pure decision, fed the
//! outcome, the attempt number, a random number and the clock by the
//! executor, so it is tested without waiting or a browser.
//!
//! Only idempotent reads (`GET`) are retried: a retried POST could create a
//! key twice, a retried DELETE could report a false "not found". Retried:
//! no answer at all, 502/503/504, 429, and GitHub's rate-limit 403
//! (`x-ratelimit-remaining: 0` or a `retry-after` header). A server's own
//! wait (`retry-after` seconds, else `x-ratelimit-reset`) is honoured as
//! given; when it is longer than `max_delay_ms` there is no retry, so the
//! page can show the error with its reset time instead of hanging.
//! Otherwise: exponential backoff with full jitter.

use super::http::{HttpResponse, Method};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 means never retry.
    pub max_attempts: u32,
    /// The backoff ceiling of the first retry; doubled for each further one.
    pub base_delay_ms: u64,
    /// No single wait is longer than this.
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    /// Three attempts, waits of up to 0.5 s then 1 s; a server may ask for
    /// up to 10 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay_ms: 500,
            max_delay_ms: 10_000,
        }
    }
}

/// How an attempt ended.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// No response: offline, DNS, CORS refusal, timeout.
    NetworkError,
    /// A response; header names are matched without regard to case.
    Response {
        status: u16,
        headers: &'a [(String, String)],
    },
}

impl<'a> From<&'a HttpResponse> for Outcome<'a> {
    fn from(response: &'a HttpResponse) -> Self {
        Outcome::Response {
            status: response.status,
            headers: &response.headers,
        }
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

fn seconds(headers: &[(String, String)], name: &str) -> Option<u64> {
    header(headers, name)?.parse().ok()
}

impl RetryPolicy {
    /// After attempt number `attempt` (1 for the first) ended with
    /// `outcome`: wait this many milliseconds and try again, or `None` to
    /// stop. `jitter` is a random number in `0..1`; `now_epoch` is the time
    /// in seconds since the epoch.
    pub fn decide(
        &self,
        method: Method,
        attempt: u32,
        outcome: Outcome<'_>,
        jitter: f64,
        now_epoch: u64,
    ) -> Option<u64> {
        if !method.is_retryable() || attempt >= self.max_attempts {
            return None;
        }
        let (status, headers) = match outcome {
            Outcome::NetworkError => return Some(self.backoff(attempt, jitter)),
            Outcome::Response { status, headers } => (status, headers),
        };
        let retry_after = seconds(headers, "retry-after");
        let exhausted = header(headers, "x-ratelimit-remaining") == Some("0");
        let retryable = match status {
            502..=504 | 429 => true,
            403 => exhausted || retry_after.is_some(),
            _ => false,
        };
        if !retryable {
            return None;
        }
        // The server's own wait: `retry-after` first (GitHub: "do not retry
        // until after that many seconds"), else the rate-limit reset.
        let server_wait_ms = match retry_after {
            Some(wait) => Some(wait.saturating_mul(1_000)),
            None if exhausted => seconds(headers, "x-ratelimit-reset")
                .map(|reset| reset.saturating_sub(now_epoch).saturating_mul(1_000)),
            None => None,
        };
        match server_wait_ms {
            Some(wait) if wait > self.max_delay_ms => None,
            // A reset already past (clocks differ) still gets a short pause.
            Some(0) => Some(self.backoff(attempt, jitter)),
            Some(wait) => Some(wait),
            // A rate-limit 403 that names no time: waiting blindly would
            // only spend more of the limit.
            None if status == 403 => None,
            None => Some(self.backoff(attempt, jitter)),
        }
    }

    /// Full jitter: a uniform wait between 0 and `base · 2^(attempt-1)`,
    /// capped at `max_delay_ms`.
    fn backoff(&self, attempt: u32, jitter: f64) -> u64 {
        let doublings = attempt.saturating_sub(1).min(32);
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1u64 << doublings)
            .min(self.max_delay_ms);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        ((ceiling as f64) * jitter).floor() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base_delay_ms: 100,
            max_delay_ms: 5_000,
        }
    }

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn status(policy: &RetryPolicy, code: u16, headers: &[(String, String)]) -> Option<u64> {
        let outcome = Outcome::Response {
            status: code,
            headers,
        };
        policy.decide(Method::Get, 1, outcome, 0.5, NOW)
    }

    #[test]
    fn never_retries_writes() {
        let p = policy();
        for method in [Method::Post, Method::Patch, Method::Put, Method::Delete] {
            assert_eq!(p.decide(method, 1, Outcome::NetworkError, 0.5, NOW), None);
            let headers = h(&[("retry-after", "1")]);
            for code in [429, 503] {
                let outcome = Outcome::Response {
                    status: code,
                    headers: &headers,
                };
                assert_eq!(p.decide(method, 1, outcome, 0.5, NOW), None, "{method:?}");
            }
        }
    }

    #[test]
    fn retries_network_errors_and_gateway_failures() {
        let p = policy();
        assert_eq!(
            p.decide(Method::Get, 1, Outcome::NetworkError, 0.5, NOW),
            Some(50)
        );
        for code in [502, 503, 504, 429] {
            assert_eq!(status(&p, code, &[]), Some(50), "{code}");
        }
    }

    #[test]
    fn does_not_retry_other_statuses() {
        let p = policy();
        for code in [
            200, 201, 204, 304, 400, 401, 403, 404, 409, 422, 500, 501, 505,
        ] {
            assert_eq!(status(&p, code, &[]), None, "{code}");
        }
        // A 403 with rate-limit headers that are not exhausted is a scope problem.
        let headers = h(&[
            ("x-ratelimit-remaining", "4999"),
            ("x-ratelimit-reset", "1700000060"),
        ]);
        assert_eq!(status(&p, 403, &headers), None);
    }

    #[test]
    fn stops_after_max_attempts() {
        let p = policy();
        assert!(p
            .decide(Method::Get, 3, Outcome::NetworkError, 0.5, NOW)
            .is_some());
        assert_eq!(
            p.decide(Method::Get, 4, Outcome::NetworkError, 0.5, NOW),
            None
        );
        assert_eq!(
            p.decide(Method::Get, 9, Outcome::NetworkError, 0.5, NOW),
            None
        );
        let once = RetryPolicy {
            max_attempts: 1,
            ..policy()
        };
        assert_eq!(
            once.decide(Method::Get, 1, Outcome::NetworkError, 0.5, NOW),
            None
        );
    }

    #[test]
    fn backoff_is_exponential_full_jitter_and_capped() {
        let p = policy();
        let at =
            |attempt, jitter| p.decide(Method::Get, attempt, Outcome::NetworkError, jitter, NOW);
        assert_eq!(at(1, 1.0), Some(100));
        assert_eq!(at(2, 1.0), Some(200));
        assert_eq!(at(3, 1.0), Some(400));
        assert_eq!(at(3, 0.0), Some(0));
        assert_eq!(at(2, 0.25), Some(50));
        let long = RetryPolicy {
            max_attempts: 100,
            ..policy()
        };
        assert_eq!(
            long.decide(Method::Get, 60, Outcome::NetworkError, 1.0, NOW),
            Some(5_000)
        );
        // Out-of-range jitter is clamped, never a panic or a huge wait.
        assert_eq!(at(1, 7.0), Some(100));
        assert_eq!(at(1, -1.0), Some(0));
        assert_eq!(at(1, f64::NAN), Some(0));
    }

    #[test]
    fn honours_retry_after_seconds() {
        let p = policy();
        let headers = h(&[("Retry-After", " 3 ")]);
        assert_eq!(status(&p, 429, &headers), Some(3_000));
        assert_eq!(status(&p, 503, &headers), Some(3_000));
        // Secondary rate limit: a 403 with retry-after.
        assert_eq!(status(&p, 403, &headers), Some(3_000));
        // An unreadable retry-after (e.g. an HTTP date) falls back to backoff.
        let date = h(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]);
        assert_eq!(status(&p, 503, &date), Some(50));
    }

    #[test]
    fn honours_rate_limit_reset() {
        let p = policy();
        let headers = h(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1700000004"),
        ]);
        assert_eq!(status(&p, 403, &headers), Some(4_000));
        assert_eq!(status(&p, 429, &headers), Some(4_000));
        // retry-after wins over the reset time.
        let both = h(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1700000004"),
            ("retry-after", "2"),
        ]);
        assert_eq!(status(&p, 403, &both), Some(2_000));
        // A reset already past: a short backoff, not zero and not forever.
        let past = h(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1600000000"),
        ]);
        assert_eq!(status(&p, 403, &past), Some(50));
        // Exhausted without a reset time: nothing to wait for.
        let unknown = h(&[("x-ratelimit-remaining", "0")]);
        assert_eq!(status(&p, 403, &unknown), None);
    }

    #[test]
    fn waits_longer_than_the_cap_are_not_retried() {
        let p = policy();
        let hour = h(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1700003600"),
        ]);
        assert_eq!(status(&p, 403, &hour), None);
        let minute = h(&[("retry-after", "60")]);
        assert_eq!(status(&p, 429, &minute), None);
        assert_eq!(status(&p, 503, &minute), None);
        // Exactly the cap is still fine.
        let five = h(&[("retry-after", "5")]);
        assert_eq!(status(&p, 429, &five), Some(5_000));
        let huge = h(&[("retry-after", "18446744073709551615")]);
        assert_eq!(status(&p, 429, &huge), None);
    }

    #[test]
    fn outcome_from_response() {
        let response = HttpResponse::new(503, "").with_header("Retry-After", "1");
        let p = policy();
        assert_eq!(
            p.decide(Method::Get, 1, (&response).into(), 0.0, NOW),
            Some(1_000)
        );
    }
}
