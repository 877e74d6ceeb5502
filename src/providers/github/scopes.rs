//! Which token rights each operation needs, so the Connections page can say
//! in advance what a classic token cannot do, and a 403 can name what is
//! missing.
//!
//! Classic tokens (and OAuth app tokens) have scopes, reported in
//! `X-OAuth-Scopes`. Fine-grained and GitHub App tokens have permissions
//! instead, which GitHub does not report; for them only the explanation of a
//! refusal can help.

use super::Operation;

/// The classic scopes an operation needs (each may also be granted by a
/// broader scope, see [`scope_grants`]). Empty when none is needed.
///
/// Listing repositories works without `repo`, but then GitHub leaves private
/// repositories out, and their deploy keys need `repo` anyway: so it counts.
pub fn required_scopes(operation: Operation) -> &'static [&'static str] {
    match operation {
        Operation::CheckToken
        | Operation::ListPublicKeys
        | Operation::GetUser
        | Operation::ListPublicSigningKeys => &[],
        Operation::ListUserKeys | Operation::GetUserKey => &["read:public_key"],
        Operation::CreateUserKey => &["write:public_key"],
        Operation::DeleteUserKey => &["admin:public_key"],
        Operation::ListDeployKeys
        | Operation::GetDeployKey
        | Operation::CreateDeployKey
        | Operation::DeleteDeployKey
        | Operation::ListUserRepos
        | Operation::ListOrgRepos => &["repo"],
        // `user` grants it too (see `scope_grants`).
        Operation::ListUserOrgs => &["read:org"],
        Operation::ListSigningKeys | Operation::GetSigningKey => &["read:ssh_signing_key"],
        Operation::CreateSigningKey => &["write:ssh_signing_key"],
        Operation::DeleteSigningKey => &["admin:ssh_signing_key"],
    }
}

/// The fine-grained permission an operation needs, in GitHub's words.
pub fn fine_grained_permission(operation: Operation) -> Option<&'static str> {
    match operation {
        Operation::CheckToken
        | Operation::ListPublicKeys
        | Operation::GetUser
        | Operation::ListPublicSigningKeys => None,
        Operation::ListUserKeys | Operation::GetUserKey => {
            Some("the account permission “Git SSH keys” (read)")
        }
        Operation::CreateUserKey | Operation::DeleteUserKey => {
            Some("the account permission “Git SSH keys” (read and write)")
        }
        Operation::ListDeployKeys | Operation::GetDeployKey => {
            Some("access to this repository with the repository permission “Administration” (read)")
        }
        Operation::CreateDeployKey | Operation::DeleteDeployKey => Some(
            "access to this repository with the repository permission “Administration” (read and write)",
        ),
        Operation::ListUserRepos | Operation::ListOrgRepos => Some(
            "access to the repositories (“All repositories” or the chosen ones) with the \
             repository permission “Metadata” (read)",
        ),
        // GitHub answers fine-grained tokens here with an empty list.
        Operation::ListUserOrgs => None,
        Operation::ListSigningKeys | Operation::GetSigningKey => {
            Some("the account permission “SSH signing keys” (read)")
        }
        Operation::CreateSigningKey | Operation::DeleteSigningKey => {
            Some("the account permission “SSH signing keys” (read and write)")
        }
    }
}

/// Whether holding scope `granted` gives scope `needed`: every scope gives
/// itself; `admin:x` ⊇ `write:x` ⊇ `read:x`; `repo` ⊇ `public_repo` and the
/// other `repo` sub-scopes; `user` ⊇ `read:user`, `user:email`, `user:follow`.
pub fn scope_grants(granted: &str, needed: &str) -> bool {
    if granted == needed {
        return true;
    }
    let level = |scope: &str| -> Option<(u8, String)> {
        let (prefix, rest) = scope.split_once(':')?;
        let rank = match prefix {
            "read" => 1,
            "write" => 2,
            "admin" => 3,
            _ => return None,
        };
        Some((rank, rest.to_string()))
    };
    if let (Some((have, what)), Some((want, wanted))) = (level(granted), level(needed)) {
        return what == wanted && have >= want;
    }
    match granted {
        "repo" => matches!(
            needed,
            "public_repo" | "repo:status" | "repo_deployment" | "repo:invite" | "security_events"
        ),
        // GitHub lists a `user` token's organizations too (GET /user/orgs).
        "user" => matches!(
            needed,
            "read:user" | "user:email" | "user:follow" | "read:org"
        ),
        _ => false,
    }
}

/// The value of `X-OAuth-Scopes` (`"repo, admin:public_key"`) as a list.
/// An empty header means a classic token with no scopes at all.
pub fn parse_scopes_header(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|scope| !scope.is_empty())
        .map(str::to_string)
        .collect()
}

/// A page of Keyward that talks to GitHub.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyPage {
    /// The user's own SSH keys: list, add, delete.
    UserKeys,
    /// A repository's deploy keys: list, add, delete.
    RepositoryKeys,
    /// Anyone's public keys: list only, no scope needed.
    PublicKeys,
    /// The user's own SSH signing keys: list, add, delete.
    SigningKeys,
    /// The repository and organization pickers.
    Repositories,
}

impl KeyPage {
    pub fn operations(self) -> &'static [Operation] {
        match self {
            KeyPage::UserKeys => &[
                Operation::ListUserKeys,
                Operation::CreateUserKey,
                Operation::DeleteUserKey,
            ],
            KeyPage::RepositoryKeys => &[
                Operation::ListDeployKeys,
                Operation::CreateDeployKey,
                Operation::DeleteDeployKey,
            ],
            KeyPage::PublicKeys => &[Operation::ListPublicKeys],
            KeyPage::SigningKeys => &[
                Operation::ListSigningKeys,
                Operation::CreateSigningKey,
                Operation::DeleteSigningKey,
            ],
            KeyPage::Repositories => &[
                Operation::ListUserRepos,
                Operation::ListUserOrgs,
                Operation::ListOrgRepos,
            ],
        }
    }
}

/// Something a page offers that the token cannot do, and the scope that
/// would allow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingScope {
    pub operation: Operation,
    pub scope: &'static str,
}

/// What a classic token with scopes `granted` cannot do on `page`. Empty
/// means everything works. E.g. `write:public_key` on
/// [`KeyPage::UserKeys`] lacks only `admin:public_key`, for deleting.
pub fn missing_scopes(granted: &[String], page: KeyPage) -> Vec<MissingScope> {
    page.operations()
        .iter()
        .flat_map(|&operation| {
            required_scopes(operation)
                .iter()
                .filter(|needed| !granted.iter().any(|have| scope_grants(have, needed)))
                .map(move |&scope| MissingScope { operation, scope })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn implications() {
        assert!(scope_grants("admin:public_key", "read:public_key"));
        assert!(scope_grants("admin:public_key", "write:public_key"));
        assert!(scope_grants("write:public_key", "read:public_key"));
        assert!(!scope_grants("read:public_key", "write:public_key"));
        assert!(!scope_grants("write:public_key", "admin:public_key"));
        assert!(!scope_grants("admin:org", "read:public_key"));
        assert!(scope_grants("repo", "public_repo"));
        assert!(!scope_grants("public_repo", "repo"));
        assert!(!scope_grants("repo", "admin:public_key"));
        assert!(scope_grants("user", "read:user"));
    }

    #[test]
    fn user_keys_page() {
        let none = missing_scopes(&scopes(&["admin:public_key"]), KeyPage::UserKeys);
        assert!(none.is_empty());
        let write = missing_scopes(&scopes(&["write:public_key", "repo"]), KeyPage::UserKeys);
        assert_eq!(
            write,
            vec![MissingScope {
                operation: Operation::DeleteUserKey,
                scope: "admin:public_key"
            }]
        );
        let read = missing_scopes(&scopes(&["read:public_key"]), KeyPage::UserKeys);
        assert_eq!(read.len(), 2);
        assert_eq!(missing_scopes(&[], KeyPage::UserKeys).len(), 3);
    }

    #[test]
    fn repository_and_public_pages() {
        assert!(missing_scopes(&scopes(&["repo"]), KeyPage::RepositoryKeys).is_empty());
        let public_only = missing_scopes(&scopes(&["public_repo"]), KeyPage::RepositoryKeys);
        assert_eq!(public_only.len(), 3);
        assert!(public_only.iter().all(|m| m.scope == "repo"));
        assert!(missing_scopes(&[], KeyPage::PublicKeys).is_empty());
    }

    #[test]
    fn signing_keys_and_repositories_pages() {
        let admin = scopes(&["admin:ssh_signing_key"]);
        assert!(missing_scopes(&admin, KeyPage::SigningKeys).is_empty());
        // Authentication-key scopes do not reach signing keys.
        let auth_only = missing_scopes(&scopes(&["admin:public_key"]), KeyPage::SigningKeys);
        assert_eq!(auth_only.len(), 3);
        let write = missing_scopes(&scopes(&["write:ssh_signing_key"]), KeyPage::SigningKeys);
        assert_eq!(
            write,
            vec![MissingScope {
                operation: Operation::DeleteSigningKey,
                scope: "admin:ssh_signing_key"
            }]
        );
        assert!(missing_scopes(&scopes(&["repo", "read:org"]), KeyPage::Repositories).is_empty());
        assert!(missing_scopes(&scopes(&["repo", "user"]), KeyPage::Repositories).is_empty());
        let no_org = missing_scopes(&scopes(&["repo"]), KeyPage::Repositories);
        assert_eq!(
            no_org,
            vec![MissingScope {
                operation: Operation::ListUserOrgs,
                scope: "read:org"
            }]
        );
        assert!(scope_grants("admin:org", "read:org"));
    }

    #[test]
    fn scopes_header() {
        assert_eq!(
            parse_scopes_header("repo, admin:public_key,  user "),
            scopes(&["repo", "admin:public_key", "user"])
        );
        assert!(parse_scopes_header("").is_empty());
        assert!(parse_scopes_header(" , ").is_empty());
    }
}
