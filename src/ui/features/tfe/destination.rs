//! Where a Terraform key's public half goes on GitHub, as the user chose
//! it in "Set up module access" or in a rotation without a record: a
//! read-only deploy key on one repository, or an SSH key of a machine user
//! for modules in several repositories. The fields (radio buttons, then
//! the repositories or the machine user) and their rules.

use super::key_places::machine_user;
use super::machine_user::MachineUserChoice;
use super::repository_choice::RepositoryChoice;
use crate::ui::state::Connection;
use leptos::prelude::*;

/// GitHub takes a public key once across all of GitHub (providers.md §1,
/// "Uniqueness"): a second repository answers 422 "key is already in use".
/// So a key goes to one repository, or one machine user; saying so beats a
/// run that must fail.
pub(crate) const ONE_REPOSITORY: &str = "Pick one repository: GitHub accepts a public key only \
     once across all of GitHub, so a second repository would refuse this deploy key (\"key is \
     already in use\"). For modules in several repositories, choose \"An SSH key of a machine \
     user\" above, or use one Terraform key per repository.";

/// The user's choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Destination {
    /// Read-only deploy keys on the picked repositories (`owner/name`).
    Repositories(Vec<String>),
    /// An SSH key of the GitHub connection's own account: `login` once
    /// GitHub said whose token it is; `confirmed` once the user said it is
    /// a machine user that may only read.
    MachineUser {
        login: Option<String>,
        confirmed: bool,
    },
}

impl Destination {
    /// The places to send to (`owner/name`, `@login`; none when no
    /// repository was picked), or why not.
    pub(crate) fn places(&self) -> Result<Vec<String>, &'static str> {
        match self {
            Destination::Repositories(picked) if picked.len() > 1 => Err(ONE_REPOSITORY),
            Destination::Repositories(picked) => Ok(picked.clone()),
            Destination::MachineUser { login: None, .. } => Err(
                "GitHub has not said whose token this connection holds yet: wait for the \
                 account's name, or check the connection on the Connections page.",
            ),
            Destination::MachineUser {
                confirmed: false, ..
            } => Err(
                "Confirm that the account is a machine user that may only read the module \
                 repositories: Terraform gets everything it can do.",
            ),
            Destination::MachineUser {
                login: Some(login), ..
            } => Ok(vec![machine_user(login)]),
        }
    }
}

/// What the fields hold: the picked repositories, the choice, and the
/// machine user's login (once GitHub said it) and the user's confirmation.
#[derive(Clone, Copy)]
pub(crate) struct DestinationState {
    /// Also cleared by `GitHubSelect` when the connection changes.
    pub(crate) picked: RwSignal<Vec<String>>,
    to_machine_user: RwSignal<bool>,
    login: RwSignal<Option<String>>,
    confirmed: RwSignal<bool>,
}

impl DestinationState {
    pub(crate) fn new() -> Self {
        DestinationState {
            picked: RwSignal::new(Vec::new()),
            to_machine_user: RwSignal::new(false),
            login: RwSignal::new(None),
            confirmed: RwSignal::new(false),
        }
    }

    /// The choice as it stands (untracked: read when the user submits).
    pub(crate) fn read(&self) -> Destination {
        if self.to_machine_user.get_untracked() {
            Destination::MachineUser {
                login: self.login.get_untracked(),
                confirmed: self.confirmed.get_untracked(),
            }
        } else {
            Destination::Repositories(self.picked.get_untracked())
        }
    }
}

/// The choice, then the repositories to pick from or the machine user's
/// facts. `name` groups the radios and prefixes the filter's id, so two
/// flows on one page never share one.
#[component]
pub(crate) fn DestinationFields(
    name: &'static str,
    filter_id: &'static str,
    github: Memo<Option<Connection>>,
    state: DestinationState,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let DestinationState {
        picked,
        to_machine_user,
        login,
        confirmed,
    } = state;
    view! {
        <DestinationChoice name to_machine_user disabled />
        <Show
            when=move || to_machine_user.get()
            fallback=move || view! { <RepositoryChoice id=filter_id github picked disabled /> }
        >
            <MachineUserChoice github login confirmed disabled />
        </Show>
    }
}

/// The two radio buttons.
#[component]
fn DestinationChoice(
    name: &'static str,
    to_machine_user: RwSignal<bool>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let option = move |machine: bool, label: &'static str| {
        view! {
            <label class="destination__choice">
                <input
                    type="radio"
                    name=name
                    disabled=move || disabled.get()
                    prop:checked=move || to_machine_user.get() == machine
                    on:change=move |_| to_machine_user.set(machine)
                />
                " " {label}
            </label>
        }
    };
    view! {
        <fieldset class="field destination">
            <legend>"Where the public half goes"</legend>
            {option(false, "A read-only deploy key on one repository")}
            {option(true, "An SSH key of a machine user (modules in several repositories)")}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_repository_or_none_or_a_confirmed_machine_user() {
        let repos = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(Destination::Repositories(vec![]).places(), Ok(vec![]));
        assert_eq!(
            Destination::Repositories(repos(&["o/a"])).places(),
            Ok(repos(&["o/a"]))
        );
        assert_eq!(
            Destination::Repositories(repos(&["o/a", "o/b"])).places(),
            Err(ONE_REPOSITORY)
        );
        let bot = |confirmed| Destination::MachineUser {
            login: Some("bot".into()),
            confirmed,
        };
        assert!(bot(false).places().is_err());
        assert_eq!(bot(true).places(), Ok(repos(&["@bot"])));
        let unknown = Destination::MachineUser {
            login: None,
            confirmed: true,
        };
        assert!(unknown
            .places()
            .expect_err("no login")
            .contains("whose token"));
    }
}
