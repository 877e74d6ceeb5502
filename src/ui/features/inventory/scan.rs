//! The All keys scan: runs the sources' tasks a few at a time, shows how far
//! it got ("N of M repositories"), pauses for a rate limit and says when it
//! resumes, and stops on Cancel. Every result lands as soon as its task
//! ends, so a cancelled or failing scan still shows what it found, with
//! what it could not read listed — never a silent hole.

use crate::inventory::Entry;
use crate::providers::{ApiError, ErrorKind};
use crate::ui::now_ms;
use futures::future::{AbortHandle, Abortable, LocalBoxFuture};
use futures::stream::{FuturesUnordered, StreamExt};
use leptos::prelude::*;
use std::collections::VecDeque;
use std::rc::Rc;

/// At most this many requests in flight: quick enough for hundreds of
/// repositories, gentle enough for GitHub's secondary rate limits.
pub(crate) const IN_FLIGHT: usize = 3;

/// A rate-limited task is tried this many times in all.
const MAX_ATTEMPTS: u32 = 4;

/// What a task found: entries, and more work (a repository list yields one
/// task per repository), and places it chose not to read, with why.
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) entries: Vec<Entry>,
    pub(crate) more: Vec<Task>,
    pub(crate) skipped: Vec<Skipped>,
}

type Work = Rc<dyn Fn() -> LocalBoxFuture<'static, Result<Found, ApiError>>>;

/// One request's worth of work (with its pages), retried after a pause if a
/// rate limit refuses it.
#[derive(Clone)]
pub(crate) struct Task {
    /// The connection's label, for the failure list.
    pub(crate) connection: String,
    /// Where it looks, in words ("deploy keys of octocat/hello-world").
    pub(crate) place: String,
    /// Counts as a repository in "N of M repositories".
    pub(crate) repository: bool,
    work: Work,
}

impl Task {
    pub(crate) fn new<F>(
        connection: &str,
        place: impl Into<String>,
        repository: bool,
        work: impl Fn() -> F + 'static,
    ) -> Task
    where
        F: std::future::Future<Output = Result<Found, ApiError>> + 'static,
    {
        Task {
            connection: connection.to_string(),
            place: place.into(),
            repository,
            work: Rc::new(move || Box::pin(work())),
        }
    }
}

/// A place the scan could not read, and the provider's reason.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Failure {
    pub(crate) connection: String,
    pub(crate) place: String,
    pub(crate) error: ApiError,
}

/// A place the scan did not read on purpose (e.g. a repository where the
/// user is not an admin: GitHub would answer 404).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub(crate) connection: String,
    pub(crate) place: String,
    pub(crate) reason: String,
}

/// Where a scan stands; every field is a signal the page shows.
#[derive(Clone, Copy)]
pub(crate) struct Scan {
    pub(crate) running: RwSignal<bool>,
    /// The last scan was stopped by Cancel.
    pub(crate) cancelled: RwSignal<bool>,
    pub(crate) repositories_done: RwSignal<usize>,
    pub(crate) repositories_total: RwSignal<usize>,
    /// Waiting for a rate limit until this time (epoch milliseconds).
    pub(crate) paused_until: RwSignal<Option<f64>>,
    pub(crate) entries: RwSignal<Vec<Entry>>,
    pub(crate) failures: RwSignal<Vec<Failure>>,
    pub(crate) skipped: RwSignal<Vec<Skipped>>,
    /// Stops the scan in progress (dropping its requests).
    abort: StoredValue<Option<AbortHandle>, LocalStorage>,
}

impl Scan {
    pub(crate) fn new() -> Scan {
        Scan {
            running: RwSignal::new(false),
            cancelled: RwSignal::new(false),
            repositories_done: RwSignal::new(0),
            repositories_total: RwSignal::new(0),
            paused_until: RwSignal::new(None),
            entries: RwSignal::new(Vec::new()),
            failures: RwSignal::new(Vec::new()),
            skipped: RwSignal::new(Vec::new()),
            abort: StoredValue::new_local(None),
        }
    }

    /// Starts a scan of `tasks`, replacing the results of the last one
    /// (and stopping it if it still runs).
    pub(crate) fn start(self, tasks: Vec<Task>) {
        self.cancel_quietly();
        self.entries.set(Vec::new());
        self.failures.set(Vec::new());
        self.skipped.set(Vec::new());
        self.repositories_done.set(0);
        self.repositories_total
            .set(tasks.iter().filter(|t| t.repository).count());
        self.cancelled.set(false);
        self.paused_until.set(None);
        self.running.set(true);
        let (handle, registration) = AbortHandle::new_pair();
        self.abort.set_value(Some(handle));
        let run = Abortable::new(self.run(tasks), registration);
        leptos::task::spawn_local(async move {
            // An aborted run ends here too; Cancel has already said so.
            let _ = run.await;
            self.running.set(false);
            self.paused_until.set(None);
        });
    }

    /// Stops the scan; what it found so far stays.
    pub(crate) fn cancel(self) {
        if self.running.get_untracked() {
            self.cancel_quietly();
            self.cancelled.set(true);
            self.running.set(false);
            self.paused_until.set(None);
        }
    }

    fn cancel_quietly(self) {
        if let Some(handle) = self.abort.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    }

    async fn run(self, tasks: Vec<Task>) {
        let mut queue: VecDeque<(Task, u32)> = tasks.into_iter().map(|t| (t, 1)).collect();
        let mut in_flight = FuturesUnordered::new();
        loop {
            while in_flight.len() < IN_FLIGHT {
                let Some((task, attempt)) = queue.pop_front() else {
                    break;
                };
                in_flight.push(async move {
                    let result = (task.work)().await;
                    (task, attempt, result)
                });
            }
            let Some((task, attempt, result)) = in_flight.next().await else {
                return;
            };
            match result {
                Ok(found) => {
                    // Discovered work (a repository list's repositories)
                    // waits behind what is already queued.
                    let more = self.record(&task, found);
                    queue.extend(more.into_iter().map(|t| (t, 1)));
                }
                Err(error) => match pause_for(&error, attempt) {
                    Some(wait_ms) => {
                        self.pause(wait_ms).await;
                        queue.push_front((task, attempt + 1));
                    }
                    None => self.fail(&task, error),
                },
            }
        }
    }

    /// Shows what a task found; returns the work it discovered.
    fn record(self, task: &Task, found: Found) -> Vec<Task> {
        let Found {
            entries,
            more,
            skipped,
        } = found;
        if task.repository {
            self.repositories_done.update(|n| *n += 1);
        }
        let new_repositories = more.iter().filter(|t| t.repository).count();
        if new_repositories > 0 {
            self.repositories_total.update(|n| *n += new_repositories);
        }
        if !entries.is_empty() {
            self.entries.update(|all| all.extend(entries));
        }
        if !skipped.is_empty() {
            self.skipped.update(|all| all.extend(skipped));
        }
        more
    }

    fn fail(self, task: &Task, error: ApiError) {
        if task.repository {
            self.repositories_done.update(|n| *n += 1);
        }
        self.failures.update(|all| {
            all.push(Failure {
                connection: task.connection.clone(),
                place: task.place.clone(),
                error,
            })
        });
    }

    async fn pause(self, wait_ms: f64) {
        let until = now_ms() + wait_ms;
        self.paused_until.set(Some(until));
        sleep(wait_ms).await;
        self.paused_until.set(None);
    }
}

/// How long to wait before trying a rate-limited task again, if at all:
/// the provider's own reset time, at least a second.
fn pause_for(error: &ApiError, attempt: u32) -> Option<f64> {
    if error.kind != ErrorKind::RateLimited || attempt >= MAX_ATTEMPTS {
        return None;
    }
    let wait_ms = match (error.retry_after, error.retry_at) {
        (Some(seconds), _) => seconds as f64 * 1_000.0,
        (None, Some(at)) => at as f64 * 1_000.0 - now_ms(),
        (None, None) => return None,
    };
    Some(wait_ms.max(1_000.0))
}

async fn sleep(ms: f64) {
    #[cfg(target_arch = "wasm32")]
    crate::providers::executor::sleep(ms as u64).await;
    #[cfg(not(target_arch = "wasm32"))]
    let _ = ms;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::{pin, Pin};
    use std::task::{Context, Poll, Waker};

    /// Pending once (as a request in flight is), then ready.
    struct InFlight(bool);

    impl Future for InFlight {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }

    fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
                return value;
            }
        }
    }

    /// A repository task that counts how many run at once.
    fn repository(name: &str, now: &Rc<Cell<usize>>, peak: &Rc<Cell<usize>>) -> Task {
        let (now, peak) = (now.clone(), peak.clone());
        Task::new("test", name, true, move || {
            let (now, peak) = (now.clone(), peak.clone());
            async move {
                now.set(now.get() + 1);
                peak.set(peak.get().max(now.get()));
                InFlight(false).await;
                InFlight(false).await;
                now.set(now.get() - 1);
                Ok(Found::default())
            }
        })
    }

    #[test]
    fn at_most_three_tasks_are_in_flight_and_discovered_repositories_are_counted() {
        let (now, peak) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        let mut tasks: Vec<Task> = (0..10)
            .map(|i| repository(&format!("r{i}"), &now, &peak))
            .collect();
        let discovered: Vec<Task> = (0..5)
            .map(|i| repository(&format!("d{i}"), &now, &peak))
            .collect();
        tasks.push(Task::new("test", "a list", false, move || {
            let more = discovered.clone();
            async move {
                Ok(Found {
                    more,
                    ..Found::default()
                })
            }
        }));
        let scan = Scan::new();
        scan.repositories_total.set(10);
        block_on(scan.run(tasks));
        assert_eq!(peak.get(), IN_FLIGHT);
        assert_eq!(scan.repositories_done.get_untracked(), 15);
        assert_eq!(scan.repositories_total.get_untracked(), 15);
        assert!(scan.failures.get_untracked().is_empty());
    }

    #[test]
    fn a_rate_limited_task_is_tried_again_and_a_failed_one_is_listed() {
        let tries = Rc::new(Cell::new(0));
        let counted = tries.clone();
        let limited = Task::new("test", "limited", true, move || {
            let tries = counted.clone();
            async move {
                tries.set(tries.get() + 1);
                if tries.get() == 1 {
                    let mut error = ApiError::unexpected(429, "slow down");
                    error.kind = ErrorKind::RateLimited;
                    error.retry_after = Some(1);
                    return Err(error);
                }
                Ok(Found::default())
            }
        });
        let broken = Task::new("test", "octocat/gone", true, || async {
            let mut error = ApiError::unexpected(404, "Not Found");
            error.kind = ErrorKind::NotFound;
            Err(error)
        });
        let scan = Scan::new();
        block_on(scan.run(vec![limited, broken]));
        assert_eq!(tries.get(), 2, "tried again after the pause");
        let failures = scan.failures.get_untracked();
        assert_eq!(failures.len(), 1, "the 404 is listed, not hidden");
        assert_eq!(failures[0].place, "octocat/gone");
        assert_eq!(scan.repositories_done.get_untracked(), 2);
        assert_eq!(scan.paused_until.get_untracked(), None);
    }
}
