use super::*;
use crate::providers::{ApiError, ErrorKind};
use crate::ui::features::tfe::destination::ONE_REPOSITORY;
use crate::ui::features::tfe::key_places::{already_in_use, key_id, listed_id};

const LINE: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 keyward";

fn repos(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn started(names: &[&str]) -> Run {
    let mut run = Run::new(&repos(names));
    run.generate = Status::Done("made in 900 ms".into());
    run.tfe = Status::Done("sshkey-1".into());
    run.public_key = Some(LINE.into());
    run
}

fn run_places(names: &[&str]) -> Vec<DeployKeyPlace> {
    let mut run = started(names);
    for (id, name) in names.iter().enumerate() {
        run.added(name, id as u64 + 1, "");
    }
    run.places("https://api.github.com")
}

fn listed(id: &str, line: &str) -> KeyRecord {
    KeyRecord {
        id: id.into(),
        public_key: Some(line.into()),
        ..KeyRecord::default()
    }
}

fn error(status: u16, message: &str) -> ApiError {
    ApiError {
        kind: ErrorKind::Invalid,
        status,
        provider_message: Some(message.into()),
        field_errors: Vec::new(),
        retry_at: None,
        retry_after: None,
        explanation: "GitHub refused it.".into(),
    }
}

#[test]
fn nothing_goes_to_github_before_terraform_holds_the_key() {
    let mut run = Run::new(&repos(&["o/a", "o/b"]));
    assert!(run.to_send().is_empty(), "not before step 2");
    run.tfe = Status::Failed("HTTP 422".into());
    run.public_key = Some(LINE.into());
    assert!(run.to_send().is_empty(), "not after step 2 failed");
    assert!(run.must_start_over());
    run.not_sent("Not sent: the Terraform step failed.");
    assert_eq!(run.failures().len(), 2);
    assert!(
        !run.can_retry(),
        "Retry failed sends nothing: Try again starts over"
    );
}

#[test]
fn a_first_pass_sends_every_repository_once() {
    let run = started(&["o/a", "o/b", "o/c"]);
    assert_eq!(run.to_send(), repos(&["o/a", "o/b", "o/c"]));
    assert!(!run.can_retry());
    assert!(!run.must_start_over());
}

#[test]
fn retry_sends_only_the_failures_and_never_a_repository_that_has_its_key() {
    let mut run = started(&["o/a", "o/b", "o/c"]);
    run.added("o/a", 11, "");
    run.added("o/b", 12, "");
    run.repository_mut("o/c").expect("c").status = Status::Failed("HTTP 500".into());
    assert_eq!(
        run.failures(),
        [("o/c".to_string(), "HTTP 500".to_string())]
    );
    assert!(run.can_retry());
    assert_eq!(run.to_send(), repos(&["o/c"]));
    run.added("o/c", 13, "");
    assert!(
        run.to_send().is_empty(),
        "all three hold it: nothing more to send"
    );
    assert!(!run.can_retry());
    // Even a status rewritten by mistake cannot resend a key GitHub made.
    run.repository_mut("o/a").expect("a").status = Status::Failed("stale".into());
    assert!(run.to_send().is_empty());
}

#[test]
fn the_record_lists_every_deploy_key_made_so_far() {
    let mut run = started(&["o/a", "o/b"]);
    assert!(run.places("https://api.github.com").is_empty());
    run.added("o/b", 7, "");
    let places = run.places("https://api.github.com");
    assert_eq!(
        places,
        [DeployKeyPlace {
            repository: "o/b".into(),
            key_id: 7,
            github_api: "https://api.github.com".into(),
        }]
    );
    run.added("o/a", 6, " (already there)");
    assert_eq!(run.places("x").len(), 2);
    assert_eq!(
        run.repositories[0].status,
        Status::Done("read-only deploy key 6 (already there)".into())
    );
}

#[test]
fn already_in_use_is_a_success_only_when_the_repository_lists_the_key() {
    assert!(already_in_use(&error(422, "key is already in use")));
    let mut by_field = error(422, "Validation Failed");
    by_field.field_errors = vec![("key".into(), "key is already in use".into())];
    assert!(already_in_use(&by_field));
    assert!(!already_in_use(&error(422, "key is invalid")));
    assert!(!already_in_use(&error(500, "key is already in use")));

    let same_key_other_comment = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 other";
    let list = [
        listed("5", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"),
        listed("9", same_key_other_comment),
    ];
    assert_eq!(listed_id(&list, LINE), Some(9));
    assert_eq!(
        listed_id(&list[..1], LINE),
        None,
        "in use elsewhere: not a success"
    );
    assert_eq!(listed_id(&list, ""), None);
    assert_eq!(key_id(&listed("not-a-number", LINE)), None);
}

#[test]
fn the_form_says_the_first_thing_missing() {
    let picked = Destination::Repositories(repos(&["o/a"]));
    assert!(check_form(" ", "k", &picked, true).is_err());
    assert_eq!(
        check_form("acme", "k", &picked, false),
        Err("Choose a GitHub connection.")
    );
    assert!(check_form("acme", "  ", &picked, true)
        .expect_err("no name")
        .contains("name"));
    assert_eq!(
        check_form("acme", "k", &Destination::Repositories(vec![]), true),
        Err("Pick a repository.")
    );
    // GitHub refuses one key in a second repository: never started, and
    // the refusal points at the machine user.
    let two = Destination::Repositories(repos(&["o/a", "o/b"]));
    assert_eq!(check_form("acme", "k", &two, true), Err(ONE_REPOSITORY));
    assert!(ONE_REPOSITORY.contains("machine user"));
    assert_eq!(check_form("acme", "k", &picked, true), Ok(repos(&["o/a"])));
}

#[test]
fn a_machine_user_needs_its_login_and_the_users_word() {
    let unknown = Destination::MachineUser {
        login: None,
        confirmed: true,
    };
    assert!(check_form("acme", "k", &unknown, true)
        .expect_err("no login")
        .contains("whose token"));
    let unconfirmed = Destination::MachineUser {
        login: Some("bot".into()),
        confirmed: false,
    };
    assert!(check_form("acme", "k", &unconfirmed, true)
        .expect_err("no confirmation")
        .contains("machine user"));
    let fine = Destination::MachineUser {
        login: Some("bot".into()),
        confirmed: true,
    };
    assert_eq!(check_form("acme", "k", &fine, true), Ok(repos(&["@bot"])));
    let mut run = started(&["@bot"]);
    run.added("@bot", 12, "");
    assert_eq!(
        run.repositories[0].status,
        Status::Done("SSH key of the machine user 12".into())
    );
    assert_eq!(run.places("https://api.github.com")[0].repository, "@bot");
}

#[test]
fn words_for_time_and_record() {
    assert_eq!(
        recorded_note("SHA256:abc", &run_places(&["o/a"])),
        "recorded SHA256:abc with the Terraform key id and 1 deploy key"
    );
    assert_eq!(
        recorded_note("SHA256:abc", &run_places(&["@bot"])),
        "recorded SHA256:abc with the Terraform key id and the key of @bot"
    );
    assert_eq!(Status::Failed("x".into()).word(), "failed");
    assert_eq!(Status::Running.detail(), None);
}
