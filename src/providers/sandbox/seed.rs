//! The Sandbox's first-visit world: who exists, which keys and tokens they
//! have. Deterministic (a counter-based generator seeded by the caller), so
//! the same seed always gives the same world.

use super::state::*;

impl SandboxState {
    /// The browser's sandbox: seeded, accepting the token [`BROWSER_TOKEN`].
    pub fn browser() -> Self {
        SandboxState::seeded(BROWSER_TOKEN, 0x6b65_7977_6172_6400)
    }

    /// The seeded world described in the module docs, accepting `token`.
    // Over 80 lines on purpose: one literal picture of the world (users,
    // repositories, organizations, keys, tokens) that tests and docs name;
    // split, it would be read in pieces.
    pub fn seeded(token: &str, seed: u64) -> Self {
        let created = rfc3339(SEED_TIME);
        let mut state = SandboxState {
            access_token: token.to_string(),
            seed,
            counter: 0,
            requests: 0,
            run_faults: RunFaults::default(),
            github: GitHubState {
                token_holder: "octocat".into(),
                scopes: vec!["admin:public_key".into(), "read:user".into(), "repo".into()],
                next_key_id: 1001,
                users: vec![
                    GitHubUser {
                        id: 583231,
                        login: "octocat".into(),
                        name: "The Octocat".into(),
                        keys: Vec::new(),
                        signing_keys: Vec::new(),
                    },
                    GitHubUser {
                        id: 7589,
                        login: "hubot".into(),
                        name: "Hubot".into(),
                        keys: Vec::new(),
                        signing_keys: Vec::new(),
                    },
                ],
                repos: vec![GitHubRepo {
                    id: 1296269,
                    owner: "octocat".into(),
                    name: "hello-world".into(),
                    private: false,
                    admins: Vec::new(),
                    deploy_keys: Vec::new(),
                }],
                orgs: Vec::new(),
                rate_authenticated: RateWindow::default(),
                rate_anonymous: RateWindow::default(),
            },
            tfe: TfeState {
                user_id: "user-sandbox0000000001".into(),
                username: "sandbox-user".into(),
                email: "sandbox@example.com".into(),
                organizations: vec![
                    TfeOrganization {
                        name: "acme".into(),
                        member: true,
                        ssh_keys: Vec::new(),
                        workspaces: Vec::new(),
                    },
                    TfeOrganization {
                        name: "globex".into(),
                        member: false,
                        ssh_keys: Vec::new(),
                        workspaces: Vec::new(),
                    },
                    TfeOrganization {
                        name: "initech".into(),
                        member: true,
                        ssh_keys: Vec::new(),
                        workspaces: Vec::new(),
                    },
                ],
            },
            astro: AstroState {
                user_id: "clsandboxuser0000000000001".into(),
                username: "sandbox@example.com".into(),
                full_name: "Sandbox User".into(),
                organizations: vec![AstroOrganization {
                    id: "org-sandbox".into(),
                    name: "Sandbox Organization".into(),
                    workspaces: vec!["ws-sandbox".into()],
                    deployments: vec![
                        AstroDeployment {
                            id: "dep-sandbox".into(),
                            name: "sandbox-deployment".into(),
                            workspace_id: "ws-sandbox".into(),
                        },
                        AstroDeployment {
                            id: "dep-sandbox-staging".into(),
                            name: "sandbox-staging".into(),
                            workspace_id: "ws-sandbox".into(),
                        },
                    ],
                    tokens: Vec::new(),
                }],
            },
            cnb: CnbState {
                user_id: "1800000000000000001".into(),
                username: "sandbox-user".into(),
                nickname: "Sandbox User".into(),
                email: "sandbox@example.com".into(),
                groups: vec![CnbGroup {
                    id: "1800000000000000002".into(),
                    path: "sandbox-org".into(),
                    description: "The sandbox organization".into(),
                }],
                repos: vec![CnbRepo {
                    id: "1800000000000000003".into(),
                    path: "sandbox-org/hello".into(),
                    name: "hello".into(),
                    description: "A sandbox repository".into(),
                    visibility_level: "Private".into(),
                }],
            },
        };
        for title in ["work laptop", "home desktop"] {
            let key = state.synthetic_key(title, &created);
            state.github.users[0].keys.push(key);
        }
        let hubot_key = state.synthetic_key("hubot's key", &created);
        state.github.users[1].keys.push(hubot_key);
        let mut deploy = state.synthetic_key("ci read-only", &created);
        deploy.read_only = true;
        deploy.added_by = Some("octocat".into());
        state.github.repos[0].deploy_keys.push(deploy);
        let tfe_key = TfeSshKey {
            id: state.prefixed_id("sshkey-", 16),
            name: "deploy-key".into(),
        };
        state.tfe.organizations[0].ssh_keys.push(tfe_key);
        super::astro::seed_token(&mut state, SEED_TIME);
        // After everything else, so the generator's earlier values (and the
        // records made from them) stay what they were.
        state.seed_github_org(&created);
        super::tfe::seed_workspaces(&mut state);
        state
    }

    /// `sandbox-org`, where octocat is a member: `deploy-tools` (octocat is
    /// an admin: a read-write `ci-deploy`, a read-only mirror key and
    /// Vagrant's published insecure key) and `website` (octocat is only a
    /// member: its deploy key is hidden, GitHub answers 404). octocat's
    /// signing key is its "work laptop" authentication key, as GitHub
    /// allows, so one key shows in two places.
    fn seed_github_org(&mut self, created: &str) {
        self.github.orgs.push(GitHubOrg {
            id: 9_919_001,
            login: "sandbox-org".into(),
            members: vec!["octocat".into(), "hubot".into()],
        });
        let mut ci = self.synthetic_key("ci-deploy", created);
        ci.added_by = Some("octocat".into());
        let mut mirror = self.synthetic_key("mirror read-only", created);
        mirror.read_only = true;
        mirror.added_by = Some("octocat".into());
        let mut vagrant = self.key_from_line(VAGRANT_INSECURE_RSA, "vagrant-box (legacy)", created);
        vagrant.read_only = true;
        vagrant.added_by = Some("hubot".into());
        let mut hidden = self.synthetic_key("netlify", created);
        hidden.read_only = true;
        self.github.repos.push(GitHubRepo {
            id: 9_919_101,
            owner: "sandbox-org".into(),
            name: "deploy-tools".into(),
            private: true,
            admins: vec!["octocat".into()],
            deploy_keys: vec![ci, mirror, vagrant],
        });
        self.github.repos.push(GitHubRepo {
            id: 9_919_102,
            owner: "sandbox-org".into(),
            name: "website".into(),
            private: false,
            admins: vec!["hubot".into()],
            deploy_keys: vec![hidden],
        });
        let laptop = self.github.users[0].keys[0].clone();
        let mut signing = self.key_from_line(&laptop.key, "commit signing (work laptop)", created);
        signing.verified = laptop.verified;
        self.github.users[0].signing_keys.push(signing);
    }

    /// `count` generated repositories for the token holder
    /// (`octocat/repo-001`, …), each with 0-2 deploy keys, the second one
    /// read-write; every 10th belongs instead to `seeded-org`, where the
    /// holder is a member but not an admin (listed, its keys 404).
    pub fn seed_repos(&mut self, count: usize) {
        let created = rfc3339(SEED_TIME);
        let holder = self.github.token_holder.clone();
        if count >= 10 && !self.github.orgs.iter().any(|o| o.login == "seeded-org") {
            self.github.orgs.push(GitHubOrg {
                id: 9_929_001,
                login: "seeded-org".into(),
                members: vec![holder.clone()],
            });
        }
        for n in 1..=count {
            let owner = if n % 10 == 0 {
                "seeded-org"
            } else {
                holder.as_str()
            };
            let mut keys = Vec::new();
            for k in 0..n % 3 {
                let mut key = self.synthetic_key(&format!("repo-{n:03} key {}", k + 1), &created);
                key.read_only = k == 0;
                key.added_by = Some(holder.clone());
                keys.push(key);
            }
            self.github.repos.push(GitHubRepo {
                id: 50_000_000 + n as u64,
                owner: owner.to_string(),
                name: format!("repo-{n:03}"),
                private: n % 2 == 0,
                admins: Vec::new(),
                deploy_keys: keys,
            });
        }
    }

    /// Adds `count` generated ed25519 keys to the token holder's account
    /// (tests use it for pagination).
    pub fn seed_user_keys(&mut self, count: usize, now: u64) {
        let created = rfc3339(now);
        for n in 0..count {
            let key = self.synthetic_key(&format!("generated key {}", n + 1), &created);
            if let Some(user) = self.github_holder_mut() {
                user.keys.push(key);
            }
        }
    }

    pub(crate) fn github_holder_mut(&mut self) -> Option<&mut GitHubUser> {
        let login = self.github.token_holder.clone();
        self.github
            .users
            .iter_mut()
            .find(|u| u.login.eq_ignore_ascii_case(&login))
    }

    /// A key record for a known public key line (its comment dropped, as
    /// GitHub stores it).
    fn key_from_line(&mut self, line: &str, title: &str, created: &str) -> GitHubKey {
        let mut record = self.synthetic_key(title, created);
        if let Some(key) = crate::keys::inspect(line).into_iter().find_map(|f| f.key) {
            record.key = key.openssh();
            record.fingerprint = key.sha256;
        }
        record
    }

    /// A fresh, valid ed25519 public key record made from the generator
    /// (any 32 bytes are a well-formed ed25519 public key).
    fn synthetic_key(&mut self, title: &str, created: &str) -> GitHubKey {
        let mut point = [0u8; 32];
        for chunk in point.chunks_mut(8) {
            chunk.copy_from_slice(&self.next_u64().to_le_bytes());
        }
        let line = ed25519_line(&point);
        let fingerprint = crate::keys::inspect(&line)
            .into_iter()
            .find_map(|f| f.key.map(|k| k.sha256))
            .unwrap_or_default();
        let id = self.github.next_key_id;
        self.github.next_key_id += 1;
        GitHubKey {
            id,
            key: line,
            fingerprint,
            title: title.to_string(),
            created_at: created.to_string(),
            last_used: None,
            verified: true,
            read_only: false,
            added_by: None,
            enabled: true,
        }
    }

    /// The next value of the generator: SplitMix64 over a counter. Good
    /// enough for ids and sandbox token values, which are not secrets.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.counter = self.counter.wrapping_add(1);
        let mut z = self
            .seed
            .wrapping_add(self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `len` characters of lower-case letters and digits.
    pub(crate) fn random_alnum(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        (0..len)
            .map(|_| ALPHABET[(self.next_u64() % ALPHABET.len() as u64) as usize] as char)
            .collect()
    }

    pub(crate) fn prefixed_id(&mut self, prefix: &str, len: usize) -> String {
        format!("{prefix}{}", self.random_alnum(len))
    }
}

/// Vagrant's insecure public key, published by HashiCorp with its private
/// half (github:hashicorp/vagrant `keys/vagrant.pub`, first line, commit
/// 35f3160): every Vagrant box trusts it, so it must never guard anything.
const VAGRANT_INSECURE_RSA: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAABIwAAAQEA6NF8iallvQVp22WDkTkyrtvp9eWW6A8YVr+kz4TjGYe7gHzIw+niNltGEFHzD8+v1I2YJ6oXevct1YeS0o9HZyN1Q9qgCgzUFtdOKLv6IedplqoPkcmF0aYet2PkEDo3MlTBckFXPITAMzF8dJSIFo9D8HfdOV0IAdx4O7PtixWKn5y2hMNG0zQPyUecp4pzC6kivAIhyfHilFR61RGL+GPXQ2MWZWFYbAGjyiYJnAmCP3NOTd0jMZEnDkbUvxhMmBYSdETk1rRgm+R4LOzFUGaHqHDLKLX+FIPKcF96hrucXzcWyLbIbEgE98OHlnVYCzRdK8jlqm8tehUc9c9WhQ== vagrant insecure public key";

/// `ssh-ed25519 <base64>` for a 32-byte public point.
fn ed25519_line(point: &[u8; 32]) -> String {
    use base64::Engine as _;
    let mut blob = Vec::with_capacity(51);
    blob.extend_from_slice(&11u32.to_be_bytes());
    blob.extend_from_slice(b"ssh-ed25519");
    blob.extend_from_slice(&32u32.to_be_bytes());
    blob.extend_from_slice(point);
    format!(
        "ssh-ed25519 {}",
        base64::engine::general_purpose::STANDARD.encode(blob)
    )
}
