//! "Key use" on User keys: a key is added as an authentication key, a
//! signing key, or both (two requests, one result). GitHub keeps the two
//! lists apart and lets one key be in both, so each request can fail on its
//! own; the result says exactly which succeeded and why the other did not.

use super::listed_key::ListedKey;
use super::service::KeyTarget;
use crate::providers::ApiError;
use leptos::prelude::*;

/// What the user asked the key to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyUse {
    Authentication,
    Signing,
    Both,
}

impl KeyUse {
    const ALL: [KeyUse; 3] = [KeyUse::Authentication, KeyUse::Signing, KeyUse::Both];

    pub(crate) fn value(self) -> &'static str {
        match self {
            KeyUse::Authentication => "authentication",
            KeyUse::Signing => "signing",
            KeyUse::Both => "both",
        }
    }

    fn label(self) -> &'static str {
        match self {
            KeyUse::Authentication => "Authentication key",
            KeyUse::Signing => "Signing key",
            KeyUse::Both => "Both",
        }
    }

    pub(crate) fn from_value(value: &str) -> KeyUse {
        KeyUse::ALL
            .into_iter()
            .find(|u| u.value() == value)
            .unwrap_or(KeyUse::Authentication)
    }

    /// Where the key is sent, in order.
    pub(crate) fn targets(self) -> Vec<KeyTarget> {
        match self {
            KeyUse::Authentication => vec![KeyTarget::User],
            KeyUse::Signing => vec![KeyTarget::Signing],
            KeyUse::Both => vec![KeyTarget::User, KeyTarget::Signing],
        }
    }

    /// The keys a new key must not repeat: for "Both", only those already
    /// in both lists (a key in one list is still worth adding to the
    /// other; GitHub's answer for the first is then reported).
    pub(crate) fn already_listed(
        self,
        auth: &[ListedKey],
        signing: &[ListedKey],
    ) -> Vec<ListedKey> {
        match self {
            KeyUse::Authentication => auth.to_vec(),
            KeyUse::Signing => signing.to_vec(),
            KeyUse::Both => auth
                .iter()
                .filter(|key| {
                    key.sha256.is_some() && signing.iter().any(|other| other.sha256 == key.sha256)
                })
                .cloned()
                .collect(),
        }
    }
}

/// How one "Add key" went, per target.
pub(crate) type Outcomes = Vec<(KeyTarget, Result<(), ApiError>)>;

/// "an authentication key", "a signing key", "a deploy key".
pub(crate) fn role(target: &KeyTarget) -> &'static str {
    match target {
        KeyTarget::User => "an authentication key",
        KeyTarget::Signing => "a signing key",
        KeyTarget::Repository { .. } => "a deploy key",
    }
}

/// One sentence per request: "Added as an authentication key. Not added as
/// a signing key: key is already in use."
pub(crate) fn summary(outcomes: &[(KeyTarget, Result<(), ApiError>)]) -> String {
    if outcomes.len() > 1 && outcomes.iter().all(|(_, result)| result.is_ok()) {
        let roles: Vec<&str> = outcomes.iter().map(|(target, _)| role(target)).collect();
        return format!("Added as {}.", roles.join(" and as "));
    }
    outcomes
        .iter()
        .map(|(target, result)| match result {
            Ok(()) => format!("Added as {}.", role(target)),
            Err(error) => {
                let reason = reason(error);
                let reason = reason.trim().trim_end_matches('.');
                format!("Not added as {}: {reason}.", role(target))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// GitHub's words on the field it refused ("key is already in use") when
/// it gave some; else ours (its own message is often only "Validation
/// Failed" or "Not Found").
fn reason(error: &ApiError) -> String {
    if error.field_errors.is_empty() {
        return error.explanation.clone();
    }
    let said: Vec<&str> = error.field_errors.iter().map(|(_, m)| m.as_str()).collect();
    said.join("; ")
}

/// The "Key use" radio group, Authentication key by default.
#[component]
pub(crate) fn KeyUseField(
    /// The chosen [`KeyUse::value`].
    choice: RwSignal<String>,
    /// The radios' name and the help's id start: two forms on one page
    /// need two.
    #[prop(default = "key-use")]
    id: &'static str,
) -> impl IntoView {
    let (help, described_by) = (format!("{id}-help"), format!("{id}-help"));
    view! {
        <fieldset class="field key-use" aria-describedby=described_by>
            <legend>"Key use"</legend>
            {KeyUse::ALL
                .into_iter()
                .map(|key_use| {
                    view! {
                        <label class="key-use__choice">
                            <input type="radio" name=id value=key_use.value() bind:group=choice />
                            " " {key_use.label()}
                        </label>
                    }
                })
                .collect_view()}
            <p id=help class="field__help">
                "An authentication key lets git and SSH sign in as you; a signing key marks your \
                 commits and tags as Verified. Both sends two requests, one to each list."
            </p>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::{ErrorKind, KeyRecord};
    use crate::ui::features::inspect::test_keys::LINE;

    fn in_use() -> ApiError {
        ApiError {
            kind: ErrorKind::Invalid,
            status: 422,
            provider_message: Some("Validation Failed".to_string()),
            field_errors: vec![("key".to_string(), "key is already in use".to_string())],
            retry_at: None,
            retry_after: None,
            explanation: "GitHub refused the key.".to_string(),
        }
    }

    #[test]
    fn a_partial_result_says_which_succeeded_and_why_the_other_failed() {
        let outcomes = vec![
            (KeyTarget::User, Ok(())),
            (KeyTarget::Signing, Err(in_use())),
        ];
        assert_eq!(
            summary(&outcomes),
            "Added as an authentication key. Not added as a signing key: key is already in use."
        );
        let both = vec![(KeyTarget::User, Ok(())), (KeyTarget::Signing, Ok(()))];
        assert_eq!(
            summary(&both),
            "Added as an authentication key and as a signing key."
        );
        let mut quiet = in_use();
        quiet.field_errors.clear();
        assert_eq!(
            summary(&[(KeyTarget::Signing, Err(quiet))]),
            "Not added as a signing key: GitHub refused the key."
        );
    }

    #[test]
    fn uses_map_to_targets_and_values() {
        assert_eq!(
            KeyUse::from_value("both").targets(),
            [KeyTarget::User, KeyTarget::Signing]
        );
        assert_eq!(
            KeyUse::from_value("signing").targets(),
            [KeyTarget::Signing]
        );
        assert_eq!(KeyUse::from_value("?"), KeyUse::Authentication);
    }

    #[test]
    fn both_refuses_only_a_key_already_in_both_lists() {
        let key = ListedKey::from_record(KeyRecord {
            id: "1".into(),
            title: "laptop".into(),
            public_key: Some(LINE.to_string()),
            ..KeyRecord::default()
        });
        let one = [key.clone()];
        assert_eq!(KeyUse::Both.already_listed(&one, &[]), []);
        assert_eq!(KeyUse::Both.already_listed(&one, &one), one);
        assert_eq!(KeyUse::Signing.already_listed(&one, &[]), []);
        assert_eq!(KeyUse::Authentication.already_listed(&one, &[]), one);
    }
}
