//! The user's connections to providers. The Sandbox connection always exists
//! (first), so every page works with no account. Tokens live in memory and
//! `sessionStorage`; a connection goes to `localStorage` only when the user
//! ticks "remember on this device". Forgetting removes every trace.

use super::storage::{self, Area};
use crate::providers::astro::Astro;
use crate::providers::cnb::Cnb;
use crate::providers::github::GitHub;
use crate::providers::sandbox::browser::MOUNT as SANDBOX_MOUNT;
use crate::providers::sandbox::BROWSER_TOKEN;
use crate::providers::tfe::Tfe;
use crate::providers::Provider;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;
use zeroize::Zeroizing;

const STORAGE_KEY: &str = "keyward.connections";
const SANDBOX_ID: &str = "sandbox";

/// One way to reach a provider, with its token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Connection {
    pub(crate) id: String,
    pub(crate) provider: Provider,
    /// What the user calls it ("Work GitHub").
    pub(crate) label: String,
    /// The API root, e.g. `https://api.github.com`.
    pub(crate) api_url: String,
    /// Send requests through the same-origin proxy (providers without CORS).
    pub(crate) via_proxy: bool,
    /// Kept in `localStorage` instead of `sessionStorage`.
    pub(crate) remember: bool,
    /// Wiped from memory when the last copy is dropped (every clone is a
    /// copy, wiped in turn).
    #[serde(with = "secret_string")]
    token: Zeroizing<String>,
}

/// Serde for the token as a plain JSON string, read straight into its
/// `Zeroizing` box. Written here rather than with zeroize's `serde`
/// feature, which would add a dependency edge to the shared lock file for
/// two one-line functions.
mod secret_string {
    use serde::{Deserialize, Deserializer, Serializer};
    use zeroize::Zeroizing;

    pub(crate) fn serialize<S: Serializer>(
        token: &Zeroizing<String>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(token)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Zeroizing<String>, D::Error> {
        String::deserialize(d).map(Zeroizing::new)
    }
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("id", &self.id)
            .field("provider", &self.provider)
            .field("label", &self.label)
            .field("api_url", &self.api_url)
            .field("via_proxy", &self.via_proxy)
            .field("remember", &self.remember)
            .field("token", &"[redacted]")
            .finish()
    }
}

impl Connection {
    pub(crate) fn new(
        provider: Provider,
        label: String,
        api_url: String,
        token: String,
        via_proxy: bool,
        remember: bool,
    ) -> Self {
        let id = format!("{}-{}", provider.slug(), unique_suffix());
        Connection {
            id,
            provider,
            label,
            api_url,
            via_proxy,
            remember,
            token: Zeroizing::new(token),
        }
    }

    /// The built-in connection to the in-browser sandbox, which answers on
    /// the page's own origin under [`SANDBOX_MOUNT`] (a service worker).
    pub(crate) fn sandbox() -> Self {
        Connection {
            id: SANDBOX_ID.into(),
            provider: Provider::Sandbox,
            label: "Sandbox (no account needed)".into(),
            api_url: SANDBOX_MOUNT.into(),
            via_proxy: false,
            remember: false,
            token: Zeroizing::new(BROWSER_TOKEN.into()),
        }
    }

    pub(crate) fn is_sandbox(&self) -> bool {
        self.provider == Provider::Sandbox
    }

    /// The token, for a request builder only.
    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    fn proxied(&self) -> bool {
        self.via_proxy && self.provider.proxy_prefix().is_some()
    }

    /// The one origin this connection's token may be sent to: its API
    /// URL's, or the page's own for a proxied connection and the Sandbox.
    pub(crate) fn token_origin(&self, page_origin: &str) -> String {
        let root = if self.proxied() || self.is_sandbox() {
            page_origin
        } else {
            &self.api_url
        };
        crate::providers::guard::origin_of(root.trim())
            .unwrap_or_default()
            .to_string()
    }

    /// The API root requests go to, given the page's own origin (for the
    /// proxy, which is same-origin).
    fn root(&self, sandbox_prefix: &str, origin: &str) -> String {
        if self.is_sandbox() {
            return format!(
                "{}{SANDBOX_MOUNT}{sandbox_prefix}",
                origin.trim_end_matches('/')
            );
        }
        match (self.via_proxy, self.provider.proxy_prefix()) {
            (true, Some(prefix)) => format!("{}{prefix}", origin.trim_end_matches('/')),
            _ => self.api_url.trim_end_matches('/').to_string(),
        }
    }

    /// Whether this connection speaks `api` (the Sandbox speaks them all).
    pub(crate) fn supports(&self, api: Api) -> bool {
        let provider = self.provider;
        provider == Provider::Sandbox
            || match api {
                Api::GitHub => {
                    matches!(provider, Provider::GitHub | Provider::GitHubEnterprise)
                }
                Api::Tfe => matches!(
                    provider,
                    Provider::HcpTerraform | Provider::TerraformEnterprise
                ),
                Api::Astro => provider == Provider::Astronomer,
                Api::Cnb => provider == Provider::Cnb,
            }
    }

    pub(crate) fn github(&self, origin: &str) -> Option<GitHub> {
        self.supports(Api::GitHub)
            .then(|| GitHub::new(&self.root("/github", origin)))
    }

    pub(crate) fn tfe(&self, origin: &str) -> Option<Tfe> {
        self.supports(Api::Tfe)
            .then(|| Tfe::new(self.root("/tfe/api/v2", origin)))
    }

    pub(crate) fn astro(&self, origin: &str) -> Option<Astro> {
        self.supports(Api::Astro)
            .then(|| Astro::new(self.root("/astro/v1", origin)))
    }

    pub(crate) fn cnb(&self, origin: &str) -> Option<Cnb> {
        self.supports(Api::Cnb)
            .then(|| Cnb::new(self.root("/cnb", origin)))
    }
}

/// The provider APIs a page can ask a connection for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Api {
    GitHub,
    Tfe,
    Astro,
    Cnb,
}

/// Ids need only be unique among one user's connections.
fn unique_suffix() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let now = web_sys::js_sys::Date::now() as u64;
        let noise = (web_sys::js_sys::Math::random() * 1e6) as u64;
        format!("{now:x}{noise:x}")
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed).to_string()
    }
}

/// The page's origin, for proxied connections.
pub(crate) fn page_origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// The list of connections, shared through Leptos context.
#[derive(Clone, Copy)]
pub(crate) struct Connections {
    list: RwSignal<Vec<Connection>>,
}

impl Connections {
    /// Loads the saved connections and makes them available to every page.
    pub(crate) fn provide() -> Self {
        let mut list = vec![Connection::sandbox()];
        for area in [Area::Local, Area::Session] {
            let saved: Vec<Connection> = storage::read(area, STORAGE_KEY)
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default();
            for connection in saved {
                if !connection.is_sandbox() && list.iter().all(|c| c.id != connection.id) {
                    list.push(connection);
                }
            }
        }
        let connections = Connections {
            list: RwSignal::new(list),
        };
        provide_context(connections);
        connections
    }

    /// The shared list (the app provides it at the root).
    pub(crate) fn get() -> Self {
        use_context::<Connections>().unwrap_or_else(Connections::provide)
    }

    pub(crate) fn all(&self) -> Vec<Connection> {
        self.list.get()
    }

    /// The connections a page can use, Sandbox first.
    pub(crate) fn usable(&self, fits: impl Fn(&Connection) -> bool) -> Vec<Connection> {
        self.list
            .with(|list| list.iter().filter(|c| fits(c)).cloned().collect())
    }

    /// The connection a page uses: the chosen one (`id`) if it fits the
    /// page, else the first that fits. Derived, never written back, so the
    /// choice follows the list as connections come and go.
    pub(crate) fn chosen(
        &self,
        id: &str,
        fits: impl Fn(&Connection) -> bool,
    ) -> Option<Connection> {
        self.list.with(|list| {
            let mut usable = list.iter().filter(|c| fits(c));
            let first = usable.clone().next();
            usable.find(|c| c.id == id).or(first).cloned()
        })
    }

    /// Adds a connection, or replaces the one with the same id.
    pub(crate) fn save(&self, connection: Connection) {
        self.list.update(
            |list| match list.iter_mut().find(|c| c.id == connection.id) {
                Some(existing) => *existing = connection,
                None => list.push(connection),
            },
        );
        self.persist();
    }

    /// Removes a connection and its token from memory and both storages.
    pub(crate) fn forget(&self, id: &str) {
        if id == SANDBOX_ID {
            return;
        }
        self.list.update(|list| list.retain(|c| c.id != id));
        self.persist();
    }

    fn persist(&self) {
        self.list.with_untracked(|list| {
            for (area, remembered) in [(Area::Local, true), (Area::Session, false)] {
                let chosen: Vec<&Connection> = list
                    .iter()
                    .filter(|c| !c.is_sandbox() && c.remember == remembered)
                    .collect();
                if chosen.is_empty() {
                    storage::remove(area, STORAGE_KEY);
                } else if let Ok(json) = serde_json::to_string(&chosen) {
                    storage::write(area, STORAGE_KEY, &json);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests;
