//! The inline form under a list row that renames it (a Terraform SSH key)
//! or edits its name and description (an Astro token).

use crate::providers::ApiError;
use crate::ui::widgets::{ActionError, FormActions, TextField};
use leptos::prelude::*;

/// What the form sends: the new name, and the description when the form
/// has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rename {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
}

/// A description field: its input id and the current text.
#[derive(Clone, Debug)]
pub(crate) struct DescriptionField {
    pub(crate) id: &'static str,
    pub(crate) text: String,
}

/// Name (and description) fields with Save and Cancel. Save dispatches
/// `save`, which sends the change and, on success, closes the form through
/// its caller; its error is shown here. A second Save while one is pending
/// does nothing.
#[component]
pub(crate) fn RenameForm(
    /// The name input's id (one form is open per list at a time).
    name_id: &'static str,
    /// "New name", "Name".
    name_label: &'static str,
    /// The current name.
    name: String,
    #[prop(optional)] description: Option<DescriptionField>,
    save: Action<Rename, Result<(), ApiError>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let pending = save.pending();
    let name = RwSignal::new(name);
    let description = description.map(|field| (field.id, RwSignal::new(field.text)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        save.dispatch_local(Rename {
            name: name.get_untracked(),
            description: description.map(|(_, text)| text.get_untracked()),
        });
    };
    view! {
        <form class="org-keys__inline-form" on:submit=submit aria-busy=move || pending.get().then_some("true")>
            <TextField id=name_id label=name_label value=name required=true disabled=pending />
            {description.map(|(id, text)| view! {
                <TextField id label="Description" value=text disabled=pending />
            })}
            <ActionError action=save />
            <FormActions submit="Save" pending_label="Saving…" pending on_cancel />
        </form>
    }
}
