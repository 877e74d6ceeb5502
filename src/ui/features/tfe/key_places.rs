//! Where "Set up module access" and a rotation put a Terraform key's public
//! half on GitHub, and how it gets there and goes away again.
//!
//! A place is one string, so the records written before machine users
//! existed still read: `owner/name` is a read-only deploy key on that
//! repository; `@login` is an SSH key of that (machine) user account. The
//! second exists because GitHub takes a public key once across all of
//! GitHub (providers.md §1, "Uniqueness"): one deploy key cannot serve
//! modules in several repositories, an account that can read them all can.

use crate::providers::github::parse_token_check;
use crate::providers::{ApiError, KeyRecord};
use crate::ui::features::github::{add_key, delete_key, load_keys, KeyTarget};
use crate::ui::state::request::call;
use crate::ui::state::Connection;

/// One place, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Place<'a> {
    Repository { owner: &'a str, repo: &'a str },
    MachineUser(&'a str),
}

impl<'a> Place<'a> {
    /// `None` for text that is neither `owner/name` nor `@login`.
    pub(crate) fn read(place: &'a str) -> Option<Self> {
        if let Some(login) = place.strip_prefix('@') {
            let fine = !login.is_empty() && !login.contains(['/', '@', ' ']);
            return fine.then_some(Place::MachineUser(login));
        }
        let (owner, repo) = place.split_once('/')?;
        let fine = !owner.is_empty() && !repo.is_empty() && !repo.contains('/');
        fine.then_some(Place::Repository { owner, repo })
    }

    fn target(&self) -> KeyTarget {
        match self {
            Place::Repository { owner, repo } => KeyTarget::Repository {
                owner: owner.to_string(),
                repo: repo.to_string(),
            },
            Place::MachineUser(_) => KeyTarget::User,
        }
    }

    /// What a key there is called on the page.
    pub(crate) fn kind_of_key(&self) -> &'static str {
        match self {
            Place::Repository { .. } => "read-only deploy key",
            Place::MachineUser(_) => "SSH key of the machine user",
        }
    }
}

/// The place of `login`'s own SSH keys.
pub(crate) fn machine_user(login: &str) -> String {
    format!("@{login}")
}

/// Who the connection's token belongs to (`GET /user`).
pub(crate) async fn account_login(github: &Connection) -> Result<String, ApiError> {
    let info = call(
        Some(github),
        Connection::github,
        |g, token| Ok(g.check_token(token)),
        parse_token_check,
    )
    .await?;
    Ok(info.login)
}

/// A machine user's keys are changed only with that user's own token: with
/// another account's, the key would land on (or be looked for on) the
/// wrong account.
async fn check_account(github: &Connection, login: &str) -> Result<(), String> {
    let signed_in = account_login(github).await.map_err(|e| reason(&e))?;
    if signed_in.eq_ignore_ascii_case(login) {
        Ok(())
    } else {
        Err(format!(
            "this key belongs to machine user @{login}, but the GitHub connection “{}” is \
             @{signed_in}: choose a connection with @{login}'s token",
            github.label
        ))
    }
}

/// Puts `line` (an OpenSSH public key) at `place`: a read-only deploy key,
/// or the machine user's SSH key. Gives GitHub's id and a note, or why not.
pub(crate) async fn add_public_half(
    github: &Connection,
    place: &str,
    title: &str,
    line: &str,
) -> Result<(u64, &'static str), String> {
    let read = Place::read(place).ok_or("neither owner/name nor @login")?;
    if let Place::MachineUser(login) = read {
        check_account(github, login).await?;
    }
    let target = read.target();
    match add_key(github, &target, title, line, true).await {
        Ok(record) => key_id(&record)
            .map(|id| (id, ""))
            .ok_or_else(|| "GitHub answered without a key id".to_string()),
        // A retry after an answer that was lost: a success only if the
        // place now lists this very key.
        Err(error) if already_in_use(&error) => {
            let listed = load_keys(github, &target).await.unwrap_or_default();
            listed_id(&listed, line)
                .map(|id| (id, " (it was already there)"))
                .ok_or_else(|| reason(&error))
        }
        Err(error) => Err(reason(&error)),
    }
}

/// Deletes key `key_id` at `place`. One already gone (404) is deleted.
pub(crate) async fn delete_at(
    github: Option<&Connection>,
    place: &str,
    key_id: u64,
) -> Result<(), String> {
    let github = github.ok_or("no GitHub connection reaches the API this key was added through")?;
    let read = Place::read(place).ok_or("neither owner/name nor @login")?;
    if let Place::MachineUser(login) = read {
        check_account(github, login).await?;
    }
    match delete_key(github, &read.target(), &key_id.to_string()).await {
        Ok(()) => Ok(()),
        Err(error) if error.status == 404 => Ok(()),
        Err(error) => Err(reason(&error)),
    }
}

/// GitHub's key id as a number (ids are numbers on GitHub).
pub(crate) fn key_id(record: &KeyRecord) -> Option<u64> {
    record.id.trim().parse().ok()
}

/// Whether GitHub refused the key because the place (or another one)
/// already holds it: then the place's list says which.
pub(crate) fn already_in_use(error: &ApiError) -> bool {
    error.status == 422
        && error
            .provider_message
            .iter()
            .chain(error.field_errors.iter().map(|(_, m)| m))
            .any(|m| m.to_ascii_lowercase().contains("already in use"))
}

/// The key among `listed` that holds `public_line` (compared by type and
/// key data, comments ignored).
pub(crate) fn listed_id(listed: &[KeyRecord], public_line: &str) -> Option<u64> {
    let wanted = blob(public_line)?;
    listed
        .iter()
        .find(|k| k.public_key.as_deref().and_then(blob) == Some(wanted))
        .and_then(key_id)
}

/// `type base64` of an OpenSSH public line.
fn blob(line: &str) -> Option<(&str, &str)> {
    let mut fields = line.split_whitespace();
    Some((fields.next()?, fields.next()?))
}

/// The provider's answer in one line: status, explanation, its message.
pub(crate) fn reason(error: &ApiError) -> String {
    let fields = error
        .field_errors
        .iter()
        .map(|(field, message)| format!(" {field}: {message}."))
        .collect::<String>();
    match error.status {
        0 => format!("{error}{fields}"),
        status => format!("HTTP {status}: {error}{fields}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_a_repository_or_a_machine_user_and_nothing_else() {
        assert_eq!(
            Place::read("octo/hello"),
            Some(Place::Repository {
                owner: "octo",
                repo: "hello"
            })
        );
        assert_eq!(
            Place::read("@modules-bot"),
            Some(Place::MachineUser("modules-bot"))
        );
        for wrong in ["", "@", "octo", "/hello", "octo/", "a/b/c", "@a/b", "@a b"] {
            assert_eq!(Place::read(wrong), None, "{wrong:?}");
        }
        assert_eq!(machine_user("modules-bot"), "@modules-bot");
        assert_eq!(
            Place::read(&machine_user("bot")).map(|p| p.kind_of_key()),
            Some("SSH key of the machine user")
        );
    }
}
