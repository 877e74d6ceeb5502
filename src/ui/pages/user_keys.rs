//! `/user/keys`: the SSH keys of the signed-in account (coming).

use crate::ui::components::ComingSoon;
use leptos::prelude::*;

#[component]
pub fn UserKeysPage() -> impl IntoView {
    view! {
        <ComingSoon
            title="User keys"
            intro="The SSH keys that let you, as a person, into your code hosts."
        >
            <ul>
                <li>
                    "List the SSH authentication and signing keys of your GitHub account, \
                     with the same fingerprints " <code>"ssh-keygen -l"</code> " prints."
                </li>
                <li>
                    "Add a key after the inspector has checked it (private keys, DSA and \
                     short RSA keys are stopped before anything is sent)."
                </li>
                <li>"Remove keys you no longer use, after a confirmation."</li>
            </ul>
        </ComingSoon>
    }
}
