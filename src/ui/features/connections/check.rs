//! "Check": asks a provider whom a connection's token belongs to and what it
//! may do, in plain words (shown by `check_result`). Used by the connection form
//! (before saving) and by each saved connection.
//!
//! The token goes into the request only: never into a report, an error
//! text or a log line. Provider messages are scrubbed of it as well (by the
//! client, for every page), in case a server echoes what it was sent.

use crate::providers::cnb::{self, CnbUser};
use crate::providers::github::{self, missing_scopes, KeyPage, Operation, TokenInfo};
use crate::providers::guard::without_secret;
use crate::providers::tfe::{self, TfeAccount, TokenOwner};
use crate::providers::{ApiError, Provider};
use crate::ui::state::client;
use crate::ui::state::connections::{page_origin, Connection};

/// What a check found. Lines may hold `code` spans between backticks.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct CheckReport {
    /// "Signed in as octocat (The Octocat)"; `None` when the provider
    /// cannot say.
    pub(crate) signed_in_as: Option<String>,
    /// Neutral facts: the scopes granted, what a kind of token needs.
    pub(crate) facts: Vec<String>,
    /// What the token cannot do, or should not be used for.
    pub(crate) lacking: Vec<String>,
}

/// Runs the provider's token check for `connection`, without saving
/// anything. `Err` holds the explanation to show.
pub(crate) async fn run_check(connection: &Connection) -> Result<CheckReport, String> {
    let origin = page_origin();
    let token = connection.token();
    let scrub = |error: ApiError| error_text(&error, token);
    match connection.provider {
        Provider::GitHub | Provider::GitHubEnterprise | Provider::Sandbox => {
            let Some(api) = connection.github(&origin) else {
                return Err(not_supported(connection.provider));
            };
            let response = client::send(connection, api.check_token(token))
                .await
                .map_err(scrub)?;
            let info = github::parse_token_check(&response).map_err(scrub)?;
            Ok(github_report(&info))
        }
        Provider::HcpTerraform | Provider::TerraformEnterprise => {
            let Some(api) = connection.tfe(&origin) else {
                return Err(not_supported(connection.provider));
            };
            let response = client::send(connection, api.check_token(token))
                .await
                .map_err(scrub)?;
            let account = tfe::parse_account(&response).map_err(scrub)?;
            Ok(tfe_report(&account))
        }
        Provider::Cnb => {
            let Some(api) = connection.cnb(&origin) else {
                return Err(not_supported(connection.provider));
            };
            let response = client::send(connection, api.check_token(token))
                .await
                .map_err(scrub)?;
            let user = cnb::parse_user(&response).map_err(scrub)?;
            Ok(cnb_report(&user))
        }
        Provider::Astronomer => Ok(astronomer_report()),
    }
}

fn not_supported(provider: Provider) -> String {
    format!(
        "Keyward cannot check {} tokens with this connection.",
        provider.name()
    )
}

/// The error as shown next to the button: our explanation and the
/// provider's own message, with the token (if a server echoed it) masked.
/// The client masks it already; this keeps the promise where it is shown.
pub(crate) fn error_text(error: &ApiError, token: &str) -> String {
    without_secret(&error.to_string(), token)
}

fn signed_in_as(login: &str, name: Option<&str>) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty() && *n != login) {
        Some(name) => format!("Signed in as {login} ({name})"),
        None => format!("Signed in as {login}"),
    }
}

/// The pages that use GitHub tokens, in the words of the navigation.
const GITHUB_PAGES: [(KeyPage, &str, Operation); 2] = [
    (KeyPage::UserKeys, "User keys", Operation::CreateUserKey),
    (
        KeyPage::RepositoryKeys,
        "Repository keys",
        Operation::CreateDeployKey,
    ),
];

/// Who a GitHub token belongs to and, per page, the scopes it lacks.
pub(crate) fn github_report(info: &TokenInfo) -> CheckReport {
    let mut report = CheckReport {
        signed_in_as: Some(signed_in_as(&info.login, info.name.as_deref())),
        ..CheckReport::default()
    };
    let Some(granted) = &info.scopes else {
        report.facts.push(
            "GitHub sent no scopes: this is a fine-grained or GitHub App token, whose \
             permissions GitHub does not report, so Keyward cannot check them ahead."
                .to_string(),
        );
        for (_, title, operation) in GITHUB_PAGES {
            if let Some(permission) = github::fine_grained_permission(operation) {
                report.facts.push(format!("{title} needs {permission}."));
            }
        }
        return report;
    };
    report.facts.push(if granted.is_empty() {
        "This classic token has no scopes.".to_string()
    } else {
        let list: Vec<String> = granted.iter().map(|s| format!("`{s}`")).collect();
        format!("Scopes: {}.", list.join(", "))
    });
    for (page, title, _) in GITHUB_PAGES {
        let missing = missing_scopes(granted, page);
        if missing.is_empty() {
            report
                .facts
                .push(format!("{title}: everything works with these scopes."));
            continue;
        }
        // One line per missing scope, naming everything it would allow.
        let mut by_scope: Vec<(&str, Vec<&str>)> = Vec::new();
        for lack in &missing {
            match by_scope.iter_mut().find(|(scope, _)| *scope == lack.scope) {
                Some((_, verbs)) => verbs.push(lack.operation.verb()),
                None => by_scope.push((lack.scope, vec![lack.operation.verb()])),
            }
        }
        for (scope, verbs) in by_scope {
            report.lacking.push(format!(
                "{title}: lacks `{scope}`, needed to {}.",
                join_words(&verbs)
            ));
        }
    }
    report
}

/// Who an HCP Terraform / TFE token belongs to, and what kind it is.
pub(crate) fn tfe_report(account: &TfeAccount) -> CheckReport {
    let mut report = CheckReport {
        signed_in_as: Some(signed_in_as(&account.username, account.email.as_deref())),
        ..CheckReport::default()
    };
    let kind = match &account.owner {
        TokenOwner::User => "This is a user token.",
        TokenOwner::Team => {
            "This is a team token: it can manage SSH keys if its team may manage VCS settings."
        }
        TokenOwner::Organization => "This is an organization token.",
        TokenOwner::Unknown(_) => "The server did not say what kind of token this is.",
    };
    report.facts.push(kind.to_string());
    if let Some(warning) = account.ssh_key_warning() {
        report.lacking.push(warning.to_string());
    }
    report
}

/// Who a CNB token belongs to.
pub(crate) fn cnb_report(user: &CnbUser) -> CheckReport {
    CheckReport {
        signed_in_as: Some(signed_in_as(&user.login, user.name.as_deref())),
        ..CheckReport::default()
    }
}

/// Astronomer's API has no "who am I" call that Keyward uses, so the
/// token is checked where it is first used.
fn astronomer_report() -> CheckReport {
    CheckReport {
        signed_in_as: None,
        facts: vec![
            "Astronomer has no call that says whom a token belongs to, so nothing was sent. \
             Keyward checks this token the first time you list a Deployment's tokens."
                .to_string(),
        ],
        lacking: Vec::new(),
    }
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(scopes: Option<&[&str]>) -> TokenInfo {
        TokenInfo {
            login: "octocat".into(),
            name: Some("The Octocat".into()),
            scopes: scopes.map(|list| list.iter().map(|s| s.to_string()).collect()),
        }
    }

    #[test]
    fn a_full_classic_token_lacks_nothing() {
        let report = github_report(&info(Some(&["admin:public_key", "repo"])));
        assert_eq!(
            report.signed_in_as.as_deref(),
            Some("Signed in as octocat (The Octocat)")
        );
        assert!(report.lacking.is_empty(), "{report:?}");
        assert!(report.facts[0].contains("`admin:public_key`"));
    }

    #[test]
    fn missing_scopes_are_named_per_page() {
        let report = github_report(&info(Some(&["write:public_key"])));
        assert_eq!(
            report.lacking,
            vec![
                "User keys: lacks `admin:public_key`, needed to delete an SSH key from your account."
                    .to_string(),
                "Repository keys: lacks `repo`, needed to list the repository's deploy keys, \
                 add a deploy key and delete a deploy key."
                    .to_string(),
            ]
        );
        let none = github_report(&info(Some(&[])));
        assert!(none.facts[0].contains("no scopes"));
        assert_eq!(none.lacking.len(), 4);
    }

    #[test]
    fn fine_grained_tokens_name_the_permissions() {
        let report = github_report(&info(None));
        assert!(report.lacking.is_empty());
        assert!(report.facts[0].contains("fine-grained"));
        assert!(report.facts.iter().any(|f| f.contains("Git SSH keys")));
        assert!(report.facts.iter().any(|f| f.contains("Administration")));
    }

    #[test]
    fn names_equal_to_the_login_are_not_repeated() {
        assert_eq!(signed_in_as("a", Some("a")), "Signed in as a");
        assert_eq!(signed_in_as("a", Some("  ")), "Signed in as a");
        assert_eq!(signed_in_as("a", None), "Signed in as a");
    }

    #[test]
    fn errors_never_show_the_token() {
        let mut error = ApiError::from_status(401, Some("bad token ghp_secret123".into()));
        error.explanation.push_str(" ghp_secret123");
        let text = error_text(&error, " ghp_secret123 ");
        assert!(!text.contains("ghp_secret123"), "{text}");
        assert!(text.contains("[token]"));
    }

    #[test]
    fn tfe_organization_tokens_are_flagged() {
        let account = TfeAccount {
            id: "user-1".into(),
            username: "api-org-x".into(),
            email: None,
            owner: TokenOwner::Organization,
        };
        let report = tfe_report(&account);
        assert_eq!(
            report.signed_in_as.as_deref(),
            Some("Signed in as api-org-x")
        );
        assert_eq!(report.lacking.len(), 1);
    }

    #[test]
    fn words_are_joined_for_reading() {
        assert_eq!(join_words(&["a"]), "a");
        assert_eq!(join_words(&["a", "b"]), "a and b");
        assert_eq!(join_words(&["a", "b", "c"]), "a, b and c");
    }
}
