//! A key's use, as GitHub records it: `last_used` is set when a machine
//! authenticates with the key. Nothing authenticates against the sandbox
//! over SSH, so the emulator's control API calls this for tests (a
//! rotation's "switch" shows the new key used).

use super::super::state::{rfc3339, SandboxState};

impl SandboxState {
    /// Marks the user or deploy key `id` as used at `now`; false when no
    /// such key exists (signing keys record no use on GitHub).
    pub fn use_github_key(&mut self, id: u64, now: u64) -> bool {
        let github = &mut self.github;
        let key = github
            .users
            .iter_mut()
            .flat_map(|user| user.keys.iter_mut())
            .chain(
                github
                    .repos
                    .iter_mut()
                    .flat_map(|r| r.deploy_keys.iter_mut()),
            )
            .find(|key| key.id == id);
        match key {
            Some(key) => {
                key.last_used = Some(rfc3339(now));
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deploy_or_user_key_is_marked_used_and_an_unknown_id_is_not() {
        let mut state = SandboxState::seeded("t", 1);
        let deploy = state.github.repos[0].deploy_keys[0].id;
        let user = state.github.users[0].keys[0].id;
        assert!(state.use_github_key(deploy, 1_704_164_645));
        assert_eq!(
            state.github.repos[0].deploy_keys[0].last_used.as_deref(),
            Some("2024-01-02T03:04:05Z")
        );
        assert!(state.use_github_key(user, 1_704_164_646));
        assert_eq!(
            state.github.users[0].keys[0].last_used.as_deref(),
            Some("2024-01-02T03:04:06Z")
        );
        let before = state.clone();
        assert!(!state.use_github_key(999_999, 1));
        assert!(state == before, "an unknown id changes nothing");
    }
}
