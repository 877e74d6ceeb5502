//! The repository picker of the deploy-key page: an `owner/repo` field
//! (a pasted GitHub URL or SSH remote works too) that opens the
//! repository's route, and the repositories opened recently.
//!
//! Recent entries are kept in `localStorage` as names only: never a token,
//! a key or which connection was used.

use crate::ui::state::storage::{self, Area};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

const RECENT_KEY: &str = "keyward.recent-repositories";
const RECENT_MAX: usize = 8;

/// An `owner/repo` field and the recent repositories, as links.
#[component]
pub(crate) fn RepositoryPicker(
    /// The repository the route names, if any (prefills the field).
    #[prop(into)]
    current: Signal<Option<(String, String)>>,
) -> impl IntoView {
    let opened = current
        .get_untracked()
        .map(|(owner, repo)| format!("{owner}/{repo}"));
    let text = RwSignal::new(opened.clone().unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    // Opening a repository remembers its name: a deep link when the page
    // opens, the field when it is submitted.
    let recent = RwSignal::new(match opened {
        Some(name) => remember(&name),
        None => read_recent(),
    });
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_repository(&text.get_untracked()) {
            Ok((owner, repo)) => {
                problem.set(None);
                recent.set(remember(&format!("{owner}/{repo}")));
                navigate(&format!("/repos/{owner}/{repo}/keys"), Default::default());
            }
            Err(reason) => problem.set(Some(reason)),
        }
    };
    let forget = move |_| {
        write_recent(&[]);
        recent.set(Vec::new());
    };
    view! {
        <form class="repo-picker" on:submit=submit>
            <div class="field">
                <label for="repository-name">"Repository"</label>
                <div class="repo-picker__row">
                    <input
                        id="repository-name"
                        type="text"
                        autocomplete="off"
                        autocapitalize="off"
                        spellcheck="false"
                        placeholder="owner/repository"
                        aria-describedby="repository-help"
                        aria-invalid=move || problem.with(Option::is_some).then_some("true")
                        list="recent-repositories"
                        bind:value=text
                    />
                    <button type="submit" class="button">"Open"</button>
                </div>
                <p id="repository-help" class="field__help">
                    "As " <code>"owner/repository"</code>
                    ", or paste its GitHub address. The Sandbox has "
                    <code>"octocat/hello-world"</code> "."
                </p>
                {move || problem.get().map(|text| view! { <p class="field__error" role="alert">{text}</p> })}
            </div>
            <datalist id="recent-repositories">
                {move || recent.get().into_iter().map(|name| view! { <option value=name /> }).collect_view()}
            </datalist>
        </form>
        <Show when=move || recent.with(|r| !r.is_empty())>
            <nav class="repo-picker__recent" aria-label="Recent repositories">
                <span>"Recent: "</span>
                <ul class="inline-list">
                    {move || recent.get().into_iter().map(|name| {
                        let href = format!("/repos/{name}/keys");
                        view! { <li><a href=href>{name}</a></li> }
                    }).collect_view()}
                </ul>
                <button type="button" class="button button--quiet" on:click=forget>
                    "Forget recent"
                </button>
            </nav>
        </Show>
    }
}

/// `(owner, repo)` from `owner/repo`, `https://github.com/owner/repo(.git)`
/// or `git@github.com:owner/repo.git`; else why not, in plain words.
pub(crate) fn parse_repository(input: &str) -> Result<(String, String), String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("Type a repository as owner/repository.".to_string());
    }
    let path = if let Some((_, rest)) = text.split_once("://") {
        // A URL: drop the host, keep the path.
        rest.split_once('/').map_or("", |(_, path)| path)
    } else if let Some((user_host, path)) = text.split_once(':') {
        // An SSH remote such as git@github.com:owner/repo.git.
        if user_host.contains('@') {
            path
        } else {
            text
        }
    } else {
        text
    };
    let mut parts = path.trim_matches('/').split('/');
    let owner = parts.next().unwrap_or("");
    let repo = parts.next().unwrap_or("");
    let repo = repo.strip_suffix(".git").unwrap_or(repo);
    let owner_ok = !owner.is_empty()
        && owner.len() <= 100
        && owner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
    let repo_ok = !repo.is_empty()
        && repo.len() <= 100
        && repo != "."
        && repo != ".."
        && repo
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if owner_ok && repo_ok {
        Ok((owner.to_string(), repo.to_string()))
    } else {
        Err(format!(
            "“{text}” is not a repository name. Write it as owner/repository, for example \
             octocat/hello-world."
        ))
    }
}

/// Puts `name` first in the recent list and saves it.
fn remember(name: &str) -> Vec<String> {
    let mut list = read_recent();
    list.retain(|existing| !existing.eq_ignore_ascii_case(name));
    list.insert(0, name.to_string());
    list.truncate(RECENT_MAX);
    write_recent(&list);
    list
}

fn read_recent() -> Vec<String> {
    // Whatever is stored is re-checked: only valid names come back.
    storage::read(Area::Local, RECENT_KEY)
        .and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|name| parse_repository(name).is_ok())
        .take(RECENT_MAX)
        .collect()
}

fn write_recent(list: &[String]) {
    match serde_json::to_string(list) {
        Ok(json) if !list.is_empty() => storage::write(Area::Local, RECENT_KEY, &json),
        _ => storage::remove(Area::Local, RECENT_KEY),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_repository;

    fn pair(owner: &str, repo: &str) -> Result<(String, String), String> {
        Ok((owner.to_string(), repo.to_string()))
    }

    #[test]
    fn names_urls_and_remotes_are_understood() {
        assert_eq!(
            parse_repository(" octocat/hello-world "),
            pair("octocat", "hello-world")
        );
        assert_eq!(
            parse_repository("https://github.com/octocat/hello-world/tree/main"),
            pair("octocat", "hello-world")
        );
        assert_eq!(
            parse_repository("git@github.com:octocat/hello-world.git"),
            pair("octocat", "hello-world")
        );
        assert_eq!(parse_repository("a/b.c_d"), pair("a", "b.c_d"));
    }

    #[test]
    fn other_text_is_refused() {
        for bad in ["", "octocat", "octocat/", "/repo", "a b/c", "a/..", "a/b?x"] {
            assert!(parse_repository(bad).is_err(), "{bad}");
        }
    }
}
