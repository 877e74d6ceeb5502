//! New key pairs, made off the main thread: each request starts the
//! key-generation worker (`keygen-worker.js`, built from `keygen/`), posts
//! one request, takes one answer and terminates the worker, so its memory
//! (and the private key's copies in it) goes with it. RSA 4096 takes
//! seconds; the page stays responsive meanwhile.
//!
//! Loading the worker on demand keeps the generation code (big-number
//! arithmetic, Ed25519 signing, key encryption) out of the first load.
//!
//! Never logs: the answer is a private key.

use futures::channel::oneshot;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};
use zeroize::Zeroizing;

const SCRIPT: &str = "/keygen-worker.js";

/// A generation's name, so the page can [`stop`] it (its panel closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ticket(u64);

type Answer = Rc<RefCell<Option<oneshot::Sender<Result<String, String>>>>>;

thread_local! {
    static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// The workers at work, by ticket, with the way to end their wait.
    static RUNNING: RefCell<Vec<(u64, Worker, Answer)>> = const { RefCell::new(Vec::new()) };
}

impl Ticket {
    pub(crate) fn new() -> Self {
        Ticket(NEXT.with(|next| {
            next.set(next.get() + 1);
            next.get()
        }))
    }
}

const STOPPED: &str = "Generation stopped: no key was kept.";

/// Terminates the worker of `ticket`, if it is still at work: its memory
/// goes with it, and the waiting [`generate_as`] answers [`STOPPED`].
pub(crate) fn stop(ticket: Ticket) {
    let found = RUNNING.with(|running| {
        let mut running = running.borrow_mut();
        let at = running.iter().position(|(t, _, _)| *t == ticket.0)?;
        Some(running.remove(at))
    });
    if let Some((_, worker, answer)) = found {
        worker.terminate();
        if let Some(answer) = answer.borrow_mut().take() {
            let _ = answer.send(Err(STOPPED.into()));
        }
    }
}

/// What to make, as the worker reads it (`keygen::KeyKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Ed25519,
    Rsa3072,
    Rsa4096,
}

impl KeyKind {
    /// The worker's name for it, also a select option's value.
    pub(crate) fn wire(self) -> &'static str {
        match self {
            KeyKind::Ed25519 => "ed25519",
            KeyKind::Rsa3072 => "rsa-3072",
            KeyKind::Rsa4096 => "rsa-4096",
        }
    }

    /// For a select's options and the page's words.
    pub(crate) fn label(self) -> &'static str {
        match self {
            KeyKind::Ed25519 => "Ed25519",
            KeyKind::Rsa3072 => "RSA 3072",
            KeyKind::Rsa4096 => "RSA 4096",
        }
    }

    pub(crate) fn from_wire(value: &str) -> Option<Self> {
        [KeyKind::Ed25519, KeyKind::Rsa3072, KeyKind::Rsa4096]
            .into_iter()
            .find(|kind| kind.wire() == value)
    }
}

/// A new pair. The private key is wiped from this memory when dropped.
pub(crate) struct NewPair {
    /// OpenSSH for Ed25519, PEM `RSA PRIVATE KEY` for RSA.
    pub(crate) private_key: Zeroizing<String>,
    /// An OpenSSH public key line.
    pub(crate) public_key: String,
    /// How long the worker took to make it (not counting its start).
    pub(crate) millis: f64,
}

#[derive(Deserialize)]
struct Reply {
    ok: bool,
    #[serde(default)]
    private_key: String,
    #[serde(default)]
    public_key: String,
    #[serde(default)]
    millis: f64,
    #[serde(default)]
    error: String,
}

/// Makes one pair in a worker of its own. `passphrase` (Ed25519 only;
/// empty for none) encrypts the private key in OpenSSH format.
pub(crate) async fn generate(
    kind: KeyKind,
    comment: &str,
    passphrase: &str,
) -> Result<NewPair, String> {
    generate_as(Ticket::new(), kind, comment, passphrase).await
}

/// [`generate`], under `ticket`, which [`stop`] can end.
pub(crate) async fn generate_as(
    ticket: Ticket,
    kind: KeyKind,
    comment: &str,
    passphrase: &str,
) -> Result<NewPair, String> {
    let request = Zeroizing::new(
        serde_json::json!({ "kind": kind.wire(), "comment": comment, "passphrase": passphrase })
            .to_string(),
    );
    let worker = Worker::new(SCRIPT).map_err(|_| unavailable())?;
    let answer = ask(ticket, &worker, &request).await;
    worker.terminate();
    let reply = answer?;
    let reply: Reply = serde_json::from_str(&reply).map_err(|_| unavailable())?;
    let reply = Zeroizing::new(reply);
    if !reply.ok {
        return Err(reply.error.clone());
    }
    Ok(NewPair {
        private_key: Zeroizing::new(reply.private_key.clone()),
        public_key: reply.public_key.clone(),
        millis: reply.millis,
    })
}

impl zeroize::Zeroize for Reply {
    fn zeroize(&mut self) {
        self.private_key.zeroize();
    }
}

fn unavailable() -> String {
    "The key generator could not start in this browser (it needs Web Workers and WebAssembly). Reload the page and try again.".into()
}

/// Posts `request` and waits for the one answer (a JSON string), the
/// worker's failure to load, or [`stop`].
async fn ask(ticket: Ticket, worker: &Worker, request: &str) -> Result<String, String> {
    let (send, receive) = oneshot::channel::<Result<String, String>>();
    let send: Answer = Rc::new(RefCell::new(Some(send)));
    RUNNING.with(|running| {
        running
            .borrow_mut()
            .push((ticket.0, worker.clone(), send.clone()))
    });
    let on_message = {
        let send = send.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().ok_or_else(unavailable);
            if let Some(send) = send.borrow_mut().take() {
                let _ = send.send(text);
            }
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Some(send) = send.borrow_mut().take() {
            let _ = send.send(Err(unavailable()));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let answer = match worker.post_message(&JsValue::from_str(request)) {
        Ok(()) => receive.await.unwrap_or_else(|_| Err(unavailable())),
        Err(_) => Err(unavailable()),
    };
    RUNNING.with(|running| running.borrow_mut().retain(|(t, _, _)| *t != ticket.0));
    worker.set_onmessage(None);
    worker.set_onerror(None);
    answer
}
