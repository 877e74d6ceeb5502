//! The one way a provider list and a provider action show where they
//! stand: "Loading…" the first time, the provider's error with "Try again",
//! then the list; an action's error under its form.

use crate::providers::ApiError;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;

/// What a list resource holds once loaded: `None` when there is nothing to
/// ask for (no organization yet), else the provider's answer.
pub(crate) type Listing<T> = Option<Result<T, ApiError>>;

/// Shows `children` once `resource` holds a list. While it first loads:
/// `loading`; when it failed: the provider's error and "Try again"
/// (`refetch`). A reload keeps the list in view (a `Transition`) and marks
/// it busy through `set_pending`.
#[component]
pub(crate) fn Loaded<T>(
    resource: LocalResource<Listing<T>>,
    /// "Loading SSH keys…"
    loading: &'static str,
    /// The heading of the error: "Could not list the SSH keys".
    failed: &'static str,
    /// Told whether a reload is running (the section's `aria-busy`).
    #[prop(optional, into)]
    set_pending: Option<SignalSetter<bool>>,
    /// The list, rendered once; it reads `resource` itself.
    children: ChildrenFn,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    // What to show changes far less often than the list: rows stay mounted
    // while the list changes in place.
    let shown = Memo::new(move |_| {
        resource.with(|value| match value {
            Some(Some(Ok(_))) => Shown::List,
            Some(Some(Err(error))) => Shown::Failed(error.clone()),
            Some(None) | None => Shown::Nothing,
        })
    });
    let children = StoredValue::new(children);
    view! {
        <Transition
            fallback=move || view! { <p class="org-keys__loading">{loading}</p> }
            set_pending=set_pending.unwrap_or_default()
        >
            {move || {
                // Read under the Transition, so a (re)load suspends it.
                resource.with_untracked(|_| ());
                match shown.get() {
                    Shown::Nothing => ().into_any(),
                    Shown::Failed(error) => view! {
                        <ProviderError context=failed error />
                        <button type="button" class="button button--quiet" on:click=move |_| resource.refetch()>
                            "Try again"
                        </button>
                    }
                    .into_any(),
                    Shown::List => children.with_value(|children| children()).into_any(),
                }
            }}
        </Transition>
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Nothing,
    Failed(ApiError),
    List,
}

/// The loaded list's items, through `of` (none while it loads or failed).
pub(crate) fn loaded_items<T, I>(resource: LocalResource<Listing<T>>, of: fn(&T) -> &[I]) -> Vec<I>
where
    T: Send + Sync + 'static,
    I: Clone,
{
    resource.with(|value| match value {
        Some(Some(Ok(list))) => of(list).to_vec(),
        _ => Vec::new(),
    })
}

/// `children` while the loaded list has items (through `of`), else `empty`.
#[component]
pub(crate) fn UnlessEmpty<T, I>(
    resource: LocalResource<Listing<T>>,
    of: fn(&T) -> &[I],
    /// "This organization has no SSH keys yet. Add one below."
    empty: &'static str,
    children: ChildrenFn,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    I: 'static,
{
    let none = move || resource.with(|v| matches!(v, Some(Some(Ok(list))) if of(list).is_empty()));
    view! {
        <Show when=move || !none() fallback=move || view! { <p class="org-keys__empty">{empty}</p> }>
            {children()}
        </Show>
    }
}

/// The error of an action's last run, hidden while it runs again.
#[component]
pub(crate) fn ActionError<I, T>(action: Action<I, Result<T, ApiError>>) -> impl IntoView
where
    I: 'static,
    T: Send + Sync + 'static,
{
    move || {
        if action.pending().get() {
            return None;
        }
        action
            .value()
            .with(|value| match value {
                Some(Err(error)) => Some(error.clone()),
                _ => None,
            })
            .map(|error| view! { <ProviderError error /> })
    }
}
