//! Runs "Set up module access" against the providers, step by step, writing
//! each step's status into the page's [`Run`] as it happens.
//!
//! The private key lives only inside [`start`]: made by the worker, read
//! once to build the TFE request, and dropped (its memory overwritten by
//! `Zeroizing`) as soon as Terraform answers, success or not. Nothing here
//! shows, stores or logs it; the retries need only the public half.

use super::plan::{recorded_note, Run, Status};
use crate::providers::tfe::{check_private_key_for_tfe, parse_created_ssh_key, PublicHalf};
use crate::providers::KeyRecord;
use crate::ui::features::tfe::key_places::{add_public_half, reason};
use crate::ui::format::took;
use crate::ui::state::keygen::{self, KeyKind};
use crate::ui::state::request::call;
use crate::ui::state::uploaded_keys::{self, UploadedKey};
use crate::ui::state::Connection;
use leptos::prelude::*;

/// What the form chose; kept (with the connections' tokens, already in
/// this page's memory) so "Retry failed" sends to the same places.
#[derive(Clone)]
pub(super) struct Setup {
    pub(super) tfe: Connection,
    pub(super) organization: String,
    pub(super) github: Connection,
    pub(super) name: String,
    pub(super) kind: KeyKind,
    /// The places (`owner/name`, or `@login` of a machine user).
    pub(super) repositories: Vec<String>,
}

/// The page's handles on a run: its steps, what it was asked, and the
/// local record it keeps up to date.
#[derive(Clone, Copy)]
pub(super) struct Runner {
    pub(super) run: RwSignal<Option<Run>>,
    setup: StoredValue<Option<Setup>>,
    record: StoredValue<Option<UploadedKey>>,
    /// Told of the TFE key once Terraform made it (the section lists it).
    on_created: Callback<KeyRecord>,
}

const WIPED: &str = "wiped from this page's memory as soon as Terraform answered; \
     Terraform holds the only copy";
const NOT_SENT: &str = "not sent: the Terraform step failed, so nothing went to GitHub";

impl Runner {
    pub(super) fn new(on_created: Callback<KeyRecord>) -> Self {
        Runner {
            run: RwSignal::new(None),
            setup: StoredValue::new(None),
            record: StoredValue::new(None),
            on_created,
        }
    }

    fn step(&self, change: impl FnOnce(&mut Run)) {
        self.run.try_update(|run| {
            if let Some(run) = run {
                change(run);
            }
        });
    }

    /// Steps 1, 2 and 5, then 3 and 4 for every repository.
    pub(super) async fn start(self, setup: Setup) {
        self.run.try_set(Some(Run::new(&setup.repositories)));
        self.record.try_set_value(None);
        self.setup.try_set_value(Some(setup.clone()));
        self.step(|r| r.generate = Status::Running);
        let pair = match keygen::generate(setup.kind, &setup.name, "").await {
            Ok(pair) => pair,
            Err(why) => {
                self.step(|r| {
                    r.generate = Status::Failed(why);
                    r.tfe = Status::Failed("not started".into());
                    r.not_sent(NOT_SENT);
                    r.wipe = Status::Done("no private key was made".into());
                });
                return;
            }
        };
        let made = took(pair.millis);
        self.step(|r| {
            r.generate = Status::Done(format!("{} pair {made}", setup.kind.label()));
            r.tfe = Status::Running;
        });
        // The public half's facts, read from the pair in memory, for the record.
        let public = check_private_key_for_tfe(&pair.private_key)
            .ok()
            .and_then(|c| c.public);
        let created = call(
            Some(&setup.tfe),
            Connection::tfe,
            |tfe, token| {
                tfe.create_ssh_key(token, &setup.organization, &setup.name, &pair.private_key)
            },
            parse_created_ssh_key,
        )
        .await;
        let public_line = pair.public_key.clone();
        drop(pair);
        self.step(|r| r.wipe = Status::Done(WIPED.into()));
        let created = match created {
            Ok(created) => created.record,
            Err(error) => {
                self.step(|r| {
                    r.tfe = Status::Failed(reason(&error));
                    r.not_sent(NOT_SENT);
                    r.record = Status::Failed("nothing to record".into());
                });
                return;
            }
        };
        self.step(|r| {
            r.tfe = Status::Done(format!(
                "“{}” ({}) in {} holds the private half",
                created.title, created.id, setup.organization
            ));
            r.public_key = Some(public_line);
            r.tfe_key = Some(created.clone());
        });
        self.remember(&setup, &created, public);
        self.on_created.run(created);
        self.send().await;
    }

    /// "Retry failed": step 3 again, for the repositories without the key.
    pub(super) async fn retry(self) {
        self.send().await;
    }

    /// Records the new key at once (no deploy keys yet), so it is known
    /// even if the page closes during step 3.
    fn remember(&self, setup: &Setup, created: &KeyRecord, public: Option<PublicHalf>) {
        let Some(public) = public else {
            self.step(|r| {
                r.record = Status::Failed("the public half could not be read".into());
            });
            return;
        };
        let key = UploadedKey {
            fingerprint: public.sha256,
            md5: Some(public.md5),
            key_type: public.key_type,
            bits: public.bits,
            public_key: public.openssh,
            organization: setup.organization.clone(),
            tfe_key_id: created.id.clone(),
            name: created.title.clone(),
            api_origin: uploaded_keys::api_origin(&setup.tfe),
            recorded_at: uploaded_keys::now_rfc3339(),
            deploy_keys: Vec::new(),
        };
        self.step(|r| r.record = Status::Done(recorded_note(&key.fingerprint, &[])));
        uploaded_keys::record(key.clone());
        self.record.try_set_value(Some(key));
    }

    /// Adds the public half to each place still without it (a read-only
    /// deploy key, or the machine user's key), one at a time; the record
    /// follows every success.
    async fn send(self) {
        let (Some(Some(setup)), Some(Some(run))) =
            (self.setup.try_get_value(), self.run.try_get_untracked())
        else {
            return;
        };
        let Some(line) = run.public_key.clone() else {
            return;
        };
        for repository in run.to_send() {
            self.step(|r| {
                if let Some(step) = r.repository_mut(&repository) {
                    step.status = Status::Running;
                }
            });
            let outcome = add_public_half(&setup.github, &repository, &setup.name, &line).await;
            self.step(|r| match outcome {
                Ok((id, note)) => r.added(&repository, id, note),
                Err(why) => {
                    if let Some(step) = r.repository_mut(&repository) {
                        step.status = Status::Failed(why);
                    }
                }
            });
            self.update_record(&setup);
        }
    }

    fn update_record(&self, setup: &Setup) {
        let Some(Some(run)) = self.run.try_get_untracked() else {
            return;
        };
        let places = run.places(&uploaded_keys::api_origin(&setup.github));
        let Some(Some(mut key)) = self.record.try_get_value() else {
            return;
        };
        let note = recorded_note(&key.fingerprint, &places);
        key.deploy_keys = places;
        self.step(|r| r.record = Status::Done(note));
        uploaded_keys::record(key.clone());
        self.record.try_set_value(Some(key));
    }
}
