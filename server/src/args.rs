//! The command line and its `KEYWARD_*` environment twins, parsed by hand
//! like the emulator's (seven flags need no framework; a flag given on the
//! command line wins over its environment variable).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

pub const USAGE: &str = "\
usage: keyward-server --dist DIR [options]

Serves Keyward's release build (trunk build --release) with strict security
headers, and proxies the API paths of the providers that do not allow calls
from other origins:
  /proxy/tfe/api/v2/...  ->  TFE_URL/api/v2/...
  /proxy/astro/v1/...    ->  ASTRO_URL/v1/...
  /proxy/cnb/...         ->  CNB_URL/...

options (each also read from the environment variable after it):
  --dist DIR               the built app (KEYWARD_DIST, required)
  --listen ADDR            where to listen (KEYWARD_LISTEN, default 127.0.0.1:8080;
                           port 0 picks one)
  --tfe-url URL            HCP Terraform or your Terraform Enterprise (KEYWARD_TFE_URL,
                           default https://app.terraform.io)
  --astro-url URL          Astro API (KEYWARD_ASTRO_URL, default https://api.astronomer.io)
  --cnb-url URL            CNB API (KEYWARD_CNB_URL, default https://api.cnb.cool)
  --upstream-timeout SECS  give up on a provider after SECS seconds with a 504
                           (KEYWARD_UPSTREAM_TIMEOUT, default 30)
  --help                   show this help

Upstream URLs must be https://, except on loopback (http://127.0.0.1:PORT/prefix).
Once listening, the address is printed on stdout as
`keyward-server listening on http://ADDR`.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub dist: PathBuf,
    pub listen: SocketAddr,
    pub upstreams: Upstreams,
    pub upstream_timeout: Duration,
}

/// Where each proxy prefix goes: scheme, host and an optional path prefix,
/// without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstreams {
    pub tfe: String,
    pub astro: String,
    pub cnb: String,
}

const FLAGS: [(&str, &str); 6] = [
    ("--dist", "KEYWARD_DIST"),
    ("--listen", "KEYWARD_LISTEN"),
    ("--tfe-url", "KEYWARD_TFE_URL"),
    ("--astro-url", "KEYWARD_ASTRO_URL"),
    ("--cnb-url", "KEYWARD_CNB_URL"),
    ("--upstream-timeout", "KEYWARD_UPSTREAM_TIMEOUT"),
];

/// `Ok(None)` when help was asked for. `env` looks up an environment
/// variable (a parameter so tests need not touch the process environment).
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<Config>, String> {
    let mut given: [Option<String>; FLAGS.len()] = Default::default();
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (flag.clone(), None),
        };
        let index = FLAGS
            .iter()
            .position(|(flag, _)| *flag == name)
            .ok_or_else(|| format!("unknown option `{name}`"))?;
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{name} needs a value"))?;
        given[index] = Some(value);
    }
    let [dist, listen, tfe, astro, cnb, timeout] = given;
    let or_env = |value: Option<String>, index: usize| {
        value.or_else(|| env(FLAGS[index].1).filter(|v| !v.is_empty()))
    };

    let dist = or_env(dist, 0).ok_or("--dist (or KEYWARD_DIST) is required")?;
    let listen = match or_env(listen, 1) {
        Some(text) => text
            .parse()
            .map_err(|_| format!("--listen wants IP:PORT, not `{text}`"))?,
        None => SocketAddr::from(([127, 0, 0, 1], 8080)),
    };
    let upstream = |value: Option<String>, index: usize, default: &str| {
        let url = or_env(value, index).unwrap_or_else(|| default.to_string());
        check_upstream(&url).map_err(|why| format!("{} `{url}`: {why}", FLAGS[index].0))
    };
    let upstreams = Upstreams {
        tfe: upstream(tfe, 2, "https://app.terraform.io")?,
        astro: upstream(astro, 3, "https://api.astronomer.io")?,
        cnb: upstream(cnb, 4, "https://api.cnb.cool")?,
    };
    let upstream_timeout = match or_env(timeout, 5) {
        Some(text) => text
            .parse::<u64>()
            .ok()
            .filter(|s| (1..=600).contains(s))
            .map(Duration::from_secs)
            .ok_or_else(|| format!("--upstream-timeout wants seconds (1-600), not `{text}`"))?,
        None => Duration::from_secs(30),
    };
    Ok(Some(Config {
        dist: PathBuf::from(dist),
        listen,
        upstreams,
        upstream_timeout,
    }))
}

/// An upstream is `https://host[:port][/prefix]`, or plain `http://` on a
/// loopback address (the emulator in tests, a local TFE): a token must
/// never cross a network in clear text. No query, fragment or user info.
/// Returns the URL without its trailing slash.
fn check_upstream(url: &str) -> Result<String, &'static str> {
    let uri: axum::http::Uri = url.parse().map_err(|_| "not a URL")?;
    let host = uri.host().ok_or("no host")?;
    if url.contains('@') {
        return Err("user names and passwords do not belong in the URL");
    }
    if uri.query().is_some() || url.contains('#') {
        return Err("a query or fragment does not belong in an API root");
    }
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if is_loopback(host) => {}
        Some("http") => return Err("plain http is allowed only on loopback (127.0.0.1, ::1)"),
        _ => return Err("the scheme must be https (or http on loopback)"),
    }
    Ok(url.trim_end_matches('/').to_string())
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_are_the_public_apis() {
        let config = parse(args("--dist d"), no_env).unwrap().unwrap();
        assert_eq!(config.listen, SocketAddr::from(([127, 0, 0, 1], 8080)));
        assert_eq!(config.upstreams.tfe, "https://app.terraform.io");
        assert_eq!(config.upstreams.astro, "https://api.astronomer.io");
        assert_eq!(config.upstreams.cnb, "https://api.cnb.cool");
        assert_eq!(config.upstream_timeout, Duration::from_secs(30));
    }

    #[test]
    fn flags_win_over_the_environment() {
        let env = |name: &str| match name {
            "KEYWARD_DIST" => Some("from-env".to_string()),
            "KEYWARD_TFE_URL" => Some("https://tfe.example.com/".to_string()),
            "KEYWARD_LISTEN" => Some("127.0.0.1:9".to_string()),
            _ => None,
        };
        let config = parse(args("--listen=127.0.0.1:0 --upstream-timeout 2"), env)
            .unwrap()
            .unwrap();
        assert_eq!(config.dist, PathBuf::from("from-env"));
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.upstreams.tfe, "https://tfe.example.com");
        assert_eq!(config.upstream_timeout, Duration::from_secs(2));
    }

    #[test]
    fn plain_http_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:8787/tfe",
            "http://localhost:1",
            "http://[::1]:2/x",
            "https://tfe.example.com",
        ] {
            assert!(check_upstream(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://tfe.example.com",
            "http://10.0.0.1",
            "ftp://127.0.0.1",
            "https://user:pw@tfe.example.com",
            "https://tfe.example.com/?x=1",
            "tfe.example.com",
        ] {
            assert!(check_upstream(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse(args(""), no_env).unwrap_err().contains("--dist"));
        assert!(parse(args("--dist d --bogus 1"), no_env)
            .unwrap_err()
            .contains("unknown"));
        assert!(parse(args("--dist"), no_env).is_err());
        assert!(parse(args("--dist d --listen nowhere"), no_env).is_err());
        assert!(parse(args("--dist d --upstream-timeout 0"), no_env).is_err());
        assert!(parse(args("--dist d --cnb-url http://cnb.example"), no_env)
            .unwrap_err()
            .contains("loopback"));
        assert_eq!(parse(args("--help"), no_env), Ok(None));
    }
}
