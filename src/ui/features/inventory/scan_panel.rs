//! Which connections the All keys page reads, and how the reading goes:
//! progress ("N of M repositories"), a rate-limit pause with the time it
//! resumes, Cancel, and every place it could not read, with the reason.

use super::org_sources::{self, SANDBOX_ASTRO_ORG};
use super::scan::{Found, Scan, Task};
use super::{conditional, github_source};
use crate::providers::cnb::DeployKeyMemo;
use crate::ui::state::connections::Api;
use crate::ui::state::storage::{self, Area};
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;

/// The Astro organizations to read (ids only), kept on this device.
const ASTRO_ORGS_KEY: &str = "keyward.inventory.astro-organizations";
/// Where the CNB page keeps its notes (names and dates, never a key).
const CNB_MEMOS_KEY: &str = "keyward.cnb-deploy-keys";

fn astro_organizations(text: &str) -> Vec<String> {
    text.split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect()
}

fn cnb_memos() -> Vec<DeployKeyMemo> {
    storage::read(Area::Local, CNB_MEMOS_KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Every task of one scan of `connections`.
fn tasks(connections: &[Connection], astro_orgs: &[String]) -> Vec<Task> {
    let mut tasks = Vec::new();
    for connection in connections {
        if connection.supports(Api::GitHub) {
            tasks.extend(github_source::tasks(connection));
        }
        if connection.supports(Api::Tfe) {
            tasks.extend(org_sources::tfe_tasks(connection));
        }
        if connection.supports(Api::Astro) {
            let orgs: Vec<String> = if connection.is_sandbox() {
                vec![SANDBOX_ASTRO_ORG.to_string()]
            } else {
                astro_orgs.to_vec()
            };
            for org in orgs {
                tasks.extend(org_sources::astro_tasks(connection, &org));
            }
        }
    }
    let memos = cnb_memos();
    if !memos.is_empty() {
        tasks.push(Task::new(
            "This browser",
            "CNB deploy key notes",
            false,
            move || {
                let entries = org_sources::cnb_entries(&memos);
                async move {
                    Ok(Found {
                        entries,
                        ..Found::default()
                    })
                }
            },
        ));
    }
    tasks
}

/// The scan's controls and state. The first scan starts when the page
/// opens, over every connection.
#[component]
pub(crate) fn ScanPanel(scan: Scan) -> impl IntoView {
    let connections = Connections::get();
    let excluded = RwSignal::new(Vec::<String>::new());
    let astro_text = RwSignal::new(storage::read(Area::Local, ASTRO_ORGS_KEY).unwrap_or_default());
    let start = move || {
        let orgs = astro_organizations(&astro_text.get_untracked());
        if orgs.is_empty() {
            storage::remove(Area::Local, ASTRO_ORGS_KEY);
        } else {
            storage::write(Area::Local, ASTRO_ORGS_KEY, &orgs.join(" "));
        }
        let skip = excluded.get_untracked();
        let chosen: Vec<Connection> = connections
            .all()
            .into_iter()
            .filter(|c| !skip.contains(&c.id))
            .collect();
        scan.start(tasks(&chosen, &orgs));
    };
    start();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start();
    };
    view! {
        <form class="inventory-scan" on:submit=submit aria-label="Scan">
            <fieldset class="inventory-scan__connections">
                <legend>"Connections to read"</legend>
                <For each=move || connections.all() key=|c| c.id.clone() let:connection>
                    <ConnectionChoice connection excluded />
                </For>
            </fieldset>
            <div class="field">
                <label for="inventory-astro-orgs">"Astro organization IDs"</label>
                <input id="inventory-astro-orgs" type="text" autocomplete="off" spellcheck="false"
                    aria-describedby="inventory-astro-orgs-help" bind:value=astro_text />
                <p id="inventory-astro-orgs-help" class="field__help">
                    "Astro cannot say which organizations a token belongs to: name them, separated by \
                     spaces. The Sandbox's is read without asking."
                </p>
            </div>
            <div class="inventory-scan__actions">
                <button type="submit" class="button" disabled=move || scan.running.get()>
                    {move || if scan.running.get() { "Scanning…" } else { "Scan again" }}
                </button>
                <Show when=move || scan.running.get()>
                    <button type="button" class="button button--quiet" on:click=move |_| scan.cancel()>
                        "Cancel"
                    </button>
                </Show>
            </div>
        </form>
        <ScanProgress scan />
        <ScanProblems scan />
    }
}

#[component]
fn ConnectionChoice(connection: Connection, excluded: RwSignal<Vec<String>>) -> impl IntoView {
    let id = connection.id.clone();
    let input_id = format!("inventory-connection-{id}");
    let checked = {
        let id = id.clone();
        move || excluded.with(|ex| !ex.contains(&id))
    };
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        excluded.update(|ex| {
            ex.retain(|x| x != &id);
            if !on {
                ex.push(id.clone());
            }
        });
    };
    let for_id = input_id.clone();
    view! {
        <label class="checkbox" for=for_id>
            <input id=input_id type="checkbox" prop:checked=checked on:change=toggle />
            {connection.label.clone()}
            <span class="inventory-scan__provider">{format!(" ({})", connection.provider.name())}</span>
        </label>
    }
}

/// "N of M repositories", the pause, and the end state, announced politely.
#[component]
fn ScanProgress(scan: Scan) -> impl IntoView {
    let done = scan.repositories_done;
    let total = scan.repositories_total;
    let status = move || {
        let (done, total) = (done.get(), total.get());
        let repositories = format!("{done} of {total} repositories");
        if let Some(until) = scan.paused_until.get() {
            let at = web_time(until);
            format!(
                "{repositories}. Paused: the provider's rate limit is used up; resuming at {at}."
            )
        } else if scan.running.get() {
            format!("Scanning… {repositories}.")
        } else if scan.cancelled.get() {
            format!("Cancelled after {repositories}. What was found so far is shown.")
        } else {
            let keys = scan.entries.with(Vec::len);
            let unchanged = conditional::unchanged();
            let mut text = format!("Done: {keys} keys and tokens, {repositories}.");
            if unchanged > 0 {
                text.push_str(&format!(
                    " {unchanged} answers were unchanged since the last scan (GitHub does not count those against its rate limit)."
                ));
            }
            text
        }
    };
    view! {
        <div class="inventory-progress">
            <progress
                aria-label="Repositories scanned"
                max=move || total.get().max(1)
                value=move || done.get()
            ></progress>
            <p class="inventory-progress__text" role="status" aria-live="polite">{status}</p>
        </div>
    }
}

/// The places the scan could not read (with the provider's reason) and the
/// ones it left out on purpose.
#[component]
fn ScanProblems(scan: Scan) -> impl IntoView {
    view! {
        <Show when=move || scan.failures.with(|f| !f.is_empty())>
            <section class="inventory-failures" aria-labelledby="inventory-failures-title">
                <h2 id="inventory-failures-title">"Not read"</h2>
                <ul>
                    {move || scan.failures.get().into_iter().map(|failure| view! {
                        <li>
                            <strong>{failure.place}</strong>
                            {format!(" ({})", failure.connection)}
                            <ProviderError error=failure.error />
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
        <Show when=move || scan.skipped.with(|s| !s.is_empty())>
            <details class="inventory-skipped">
                <summary>{move || format!("{} repositories not read", scan.skipped.with(Vec::len))}</summary>
                <ul>
                    {move || scan.skipped.get().into_iter().map(|skipped| view! {
                        <li><strong>{skipped.place}</strong>{format!(": {} ({})", skipped.reason, skipped.connection)}</li>
                    }).collect_view()}
                </ul>
            </details>
        </Show>
    }
}

/// A time of day in the person's time zone, for "resuming at".
fn web_time(epoch_ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = web_sys::js_sys::Date::new(&epoch_ms.into());
        format!(
            "{:02}:{:02}:{:02}",
            date.get_hours(),
            date.get_minutes(),
            date.get_seconds()
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{epoch_ms}")
    }
}
