//! The steps of "Set up module access" and where each stands, kept apart
//! from the page so the rules are tested natively: which places (a
//! repository, or a machine user) still need the public half, what "Retry
//! failed" sends, and what gets recorded.

use crate::providers::KeyRecord;
use crate::ui::features::tfe::destination::Destination;
use crate::ui::features::tfe::key_places::Place;
use crate::ui::state::uploaded_keys::DeployKeyPlace;

/// Where one step stands. `Done` and `Failed` carry the sentence shown.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum Status {
    #[default]
    Pending,
    Running,
    Done(String),
    Failed(String),
}

impl Status {
    /// The word a screen reader and the e2e tests read first.
    pub(crate) fn word(&self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Running => "running",
            Status::Done(_) => "done",
            Status::Failed(_) => "failed",
        }
    }

    pub(crate) fn detail(&self) -> Option<&str> {
        match self {
            Status::Done(detail) | Status::Failed(detail) => Some(detail),
            Status::Pending | Status::Running => None,
        }
    }

    pub(crate) fn is_done(&self) -> bool {
        matches!(self, Status::Done(_))
    }

    pub(crate) fn is_failed(&self) -> bool {
        matches!(self, Status::Failed(_))
    }
}

/// One repository's deploy key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RepoStep {
    /// `owner/name`.
    pub(crate) repository: String,
    pub(crate) status: Status,
    /// GitHub's id of the deploy key, once added.
    pub(crate) key_id: Option<u64>,
}

/// A whole run: the five steps, and the public facts later steps need
/// (never the private key).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Run {
    pub(crate) generate: Status,
    pub(crate) tfe: Status,
    pub(crate) repositories: Vec<RepoStep>,
    pub(crate) record: Status,
    pub(crate) wipe: Status,
    /// The OpenSSH public line, kept for "Retry failed" (it is public).
    pub(crate) public_key: Option<String>,
    /// The TFE key made in step 2.
    pub(crate) tfe_key: Option<KeyRecord>,
}

impl Run {
    /// A run about to start on `repositories` (`owner/name` each).
    pub(crate) fn new(repositories: &[String]) -> Self {
        Run {
            repositories: repositories
                .iter()
                .map(|repository| RepoStep {
                    repository: repository.clone(),
                    status: Status::Pending,
                    key_id: None,
                })
                .collect(),
            ..Run::default()
        }
    }

    /// The repositories the next pass sends to: every one without its key
    /// yet, and none at all before Terraform holds the private half.
    pub(crate) fn to_send(&self) -> Vec<String> {
        if !self.tfe.is_done() || self.public_key.is_none() {
            return Vec::new();
        }
        self.repositories
            .iter()
            .filter(|r| r.key_id.is_none() && !r.status.is_done())
            .map(|r| r.repository.clone())
            .collect()
    }

    /// The repositories that failed, with the provider's reason.
    pub(crate) fn failures(&self) -> Vec<(String, String)> {
        self.repositories
            .iter()
            .filter_map(|r| match &r.status {
                Status::Failed(why) => Some((r.repository.clone(), why.clone())),
                _ => None,
            })
            .collect()
    }

    /// Whether "Retry failed" has something to do.
    pub(crate) fn can_retry(&self) -> bool {
        !self.failures().is_empty() && !self.to_send().is_empty()
    }

    /// Whether the run stopped before Terraform held the key: "Try again"
    /// starts over.
    pub(crate) fn must_start_over(&self) -> bool {
        self.generate.is_failed() || self.tfe.is_failed()
    }

    pub(crate) fn repository_mut(&mut self, repository: &str) -> Option<&mut RepoStep> {
        self.repositories
            .iter_mut()
            .find(|r| r.repository == repository)
    }

    /// A deploy key added (or found already there) on `repository`.
    pub(crate) fn added(&mut self, repository: &str, key_id: u64, note: &str) {
        if let Some(step) = self.repository_mut(repository) {
            step.key_id = Some(key_id);
            let kind = Place::read(repository).map_or("key", |p| p.kind_of_key());
            step.status = Status::Done(format!("{kind} {key_id}{note}"));
        }
    }

    /// Stops the repositories that were never sent to (Terraform failed).
    pub(crate) fn not_sent(&mut self, why: &str) {
        for step in self
            .repositories
            .iter_mut()
            .filter(|r| r.status == Status::Pending)
        {
            step.status = Status::Failed(why.to_string());
        }
    }

    /// Where the public half is a deploy key now, for the local record.
    pub(crate) fn places(&self, github_api: &str) -> Vec<DeployKeyPlace> {
        self.repositories
            .iter()
            .filter_map(|r| {
                r.key_id.map(|key_id| DeployKeyPlace {
                    repository: r.repository.clone(),
                    key_id,
                    github_api: github_api.to_string(),
                })
            })
            .collect()
    }
}

/// The form's answers, checked: the places a run sends to, or the first
/// problem.
pub(crate) fn check_form(
    organization: &str,
    name: &str,
    destination: &Destination,
    has_github: bool,
) -> Result<Vec<String>, &'static str> {
    if organization.trim().is_empty() {
        return Err("Choose the Terraform organization first.");
    } else if !has_github {
        return Err("Choose a GitHub connection.");
    } else if name.trim().is_empty() {
        return Err("Give the key a name: it names the Terraform key and every deploy key.");
    }
    match destination {
        Destination::Repositories(picked) if picked.is_empty() => Err("Pick a repository."),
        destination => destination.places(),
    }
}

/// The fingerprint line the record step shows.
pub(crate) fn recorded_note(fingerprint: &str, places: &[DeployKeyPlace]) -> String {
    let users: Vec<String> = places
        .iter()
        .filter_map(|p| match Place::read(&p.repository) {
            Some(Place::MachineUser(login)) => Some(format!("the key of @{login}")),
            _ => None,
        })
        .collect();
    let keys = if users.is_empty() {
        crate::ui::format::count(places.len(), "deploy key", "deploy keys")
    } else {
        users.join(", ")
    };
    format!("recorded {fingerprint} with the Terraform key id and {keys}")
}

#[cfg(test)]
mod tests;
