//! "Findings": what is wrong with the keys found, worst first, each with
//! one sentence of why and a link to the place to act, under the policy the
//! person sets here (kept on this device).

use crate::inventory::{Entry, Finding, Severity};
use leptos::prelude::*;

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "finding finding--critical",
        Severity::High => "finding finding--high",
        Severity::Medium => "finding finding--medium",
        Severity::Low => "finding finding--low",
    }
}

/// The findings list for `findings` over `entries`.
#[component]
pub(crate) fn Findings(
    #[prop(into)] entries: Signal<Vec<Entry>>,
    #[prop(into)] findings: Signal<Vec<Finding>>,
) -> impl IntoView {
    let list = move || {
        let findings = findings.get();
        entries.with(|entries| {
            findings
                .into_iter()
                .map(|finding| {
                    let places: Vec<String> = finding
                        .entries
                        .iter()
                        .filter_map(|&i| entries.get(i))
                        .map(|e| format!("{} ({})", e.title, e.place.describe()))
                        .collect();
                    view! {
                        <li class=severity_class(finding.severity)>
                            <span class="finding__severity">{severity_label(finding.severity)}</span>
                            " "
                            <span class="finding__why">{finding.why.clone()}</span>
                            <span class="finding__places">{places.join("; ")}</span>
                            " "
                            <a class="finding__act" href=finding.link.clone()>"Open"</a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="inventory-findings" aria-labelledby="inventory-findings-title">
            <h2 id="inventory-findings-title">"Findings"</h2>
            <Show
                when=move || findings.with(|f| !f.is_empty())
                fallback=|| view! { <p class="inventory-findings__none">"Nothing to report under this policy."</p> }
            >
                <ul class="inventory-findings__list">{list}</ul>
            </Show>
        </section>
    }
}
