//! The command line, parsed by hand (a handful of flags needs no framework).

use keyward::providers::sandbox::RunFaults;
use std::net::SocketAddr;

pub const USAGE: &str = "\
usage: keyward-emulator --token TOKEN [options]

Serves an emulation of the GitHub, HCP Terraform/TFE, Astro and CNB APIs
under /github, /tfe/api/v2, /astro/v1 and /cnb, seeded with sandbox data.

options:
  --listen ADDR           where to listen (default 127.0.0.1:8787; port 0 picks one)
  --token TOKEN           the bearer token every emulated provider accepts (required)
  --seed N                seed for generated ids and token values (default 1)
  --seed-user-keys N      add N generated SSH keys to the GitHub user octocat
  --seed-repos N          add N generated repositories for octocat (octocat/repo-001, ...),
                          each with 0-2 deploy keys; every 10th belongs to seeded-org,
                          where octocat is a member but not an admin (its keys answer 404)
  --delay-ms N            delay every response by N milliseconds
  --fail-every N          every Nth request fails with --fail-status
  --fail-status S         status for --fail-every (default 503)
  --rate-limit-every N    every Nth request is refused by the provider's rate limit
  --control               serve the test-only control API under /_emulator/
                          (queued faults, the request log; see src/control.rs)
  --help                  show this help

Per request, the header `x-emulator-fault` injects faults: status=503, delay=MS,
retry-after=N (a 429), rate-limit=N (GitHub's primary limit used up, resetting
in N seconds: a 403 with x-ratelimit-remaining 0 and x-ratelimit-reset now+N),
drop, drop-after. A page cannot send that header: with --control, queue the
same faults with POST /_emulator/faults?path=PREFIX&fault=SPEC[&times=N], e.g.
path=/github/repos/&fault=rate-limit%3D2 for one rate-limited scan request.
GitHub GETs carry a weak ETag; a matching If-None-Match gets 304, free of rate
limit. Once listening, the address is printed
on stdout as `keyward-emulator listening on http://ADDR`.";

#[derive(Debug, PartialEq, Eq)]
pub struct Config {
    pub listen: SocketAddr,
    pub token: String,
    pub seed: u64,
    pub seed_user_keys: usize,
    pub seed_repos: usize,
    pub faults: RunFaults,
    pub control: bool,
}

/// `Ok(None)` when help was asked for.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Config>, String> {
    let mut listen = SocketAddr::from(([127, 0, 0, 1], 8787));
    let mut token = None;
    let mut seed = 1;
    let mut seed_user_keys = 0;
    let mut seed_repos = 0;
    let mut faults = RunFaults {
        fail_status: 503,
        ..RunFaults::default()
    };
    let mut control = false;
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        if flag == "--control" {
            control = true;
            continue;
        }
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (flag.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |text: String| {
            text.parse::<u64>()
                .map_err(|_| format!("{name} wants a number, not `{text}`"))
        };
        match name.as_str() {
            "--listen" => {
                let text = value()?;
                listen = text
                    .parse()
                    .map_err(|_| format!("--listen wants IP:PORT, not `{text}`"))?;
            }
            "--token" => {
                let text = value()?;
                if text.is_empty() {
                    return Err("--token must not be empty".into());
                }
                token = Some(text);
            }
            "--seed" => seed = number(value()?)?,
            "--seed-user-keys" => {
                seed_user_keys = usize::try_from(number(value()?)?).map_err(|e| e.to_string())?
            }
            "--seed-repos" => {
                seed_repos = usize::try_from(number(value()?)?)
                    .ok()
                    .filter(|n| *n <= 9_999)
                    .ok_or("--seed-repos wants at most 9999 repositories")?
            }
            "--delay-ms" => faults.delay_ms = number(value()?)?,
            "--fail-every" => faults.fail_every = number(value()?)?,
            "--fail-status" => {
                faults.fail_status = u16::try_from(number(value()?)?)
                    .ok()
                    .filter(|s| (100..600).contains(s))
                    .ok_or("--fail-status wants an HTTP status (100-599)")?
            }
            "--rate-limit-every" => faults.rate_limit_every = number(value()?)?,
            _ => return Err(format!("unknown option `{name}`")),
        }
    }
    let token = token.ok_or("--token is required")?;
    Ok(Some(Config {
        listen,
        token,
        seed,
        seed_user_keys,
        seed_repos,
        faults,
        control,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn flags_parse() {
        let config = parse(args(
            "--listen 127.0.0.1:0 --token t --fail-every 3 --fail-status=500 --delay-ms 5",
        ))
        .unwrap()
        .unwrap();
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.token, "t");
        assert_eq!(config.faults.fail_every, 3);
        assert_eq!(config.faults.fail_status, 500);
        assert_eq!(config.faults.delay_ms, 5);
        assert!(!config.control, "the control API is off by default");
        assert!(parse(args("--token t --control")).unwrap().unwrap().control);
        let repos = parse(args("--token t --seed-repos=300")).unwrap().unwrap();
        assert_eq!((repos.seed_repos, config.seed_repos), (300, 0));
        assert!(parse(args("--token t --seed-repos 10000")).is_err());
        assert!(parse(args("--token t --seed-repos many")).is_err());
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse(args("--listen 0.0.0.0:1"))
            .unwrap_err()
            .contains("--token"));
        assert!(parse(args("--token t --bogus"))
            .unwrap_err()
            .contains("unknown"));
        assert!(parse(args("--token t --fail-status 9")).is_err());
        assert!(parse(args("--token")).is_err());
        assert_eq!(parse(args("--help")), Ok(None));
    }
}
