//! Reactive helpers shared by widgets, in leptos-use's shape: `use_x()` is
//! `use_x_with_options(UseXOptions::default())`, options are a builder and
//! the return value is a struct of named signals.
//!
//! Written here rather than taken from leptos-use: its `use_clipboard` keeps
//! the copied text in a signal (a one-time secret must never be kept) and
//! does not report a refused write, which the page must say.

use super::clipboard;
use leptos::prelude::*;
use std::time::Duration;

/// Where a copy stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CopyStatus {
    Idle,
    Copied,
    Failed,
}

/// Options of [`use_copy_feedback_with_options`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct UseCopyFeedbackOptions {
    /// How long "Copied" stays before the status clears.
    pub(crate) reset_after: Duration,
}

impl Default for UseCopyFeedbackOptions {
    fn default() -> Self {
        UseCopyFeedbackOptions {
            reset_after: Duration::from_secs(2),
        }
    }
}

impl UseCopyFeedbackOptions {
    pub(crate) fn reset_after(mut self, reset_after: Duration) -> Self {
        self.reset_after = reset_after;
        self
    }
}

/// What [`use_copy_feedback`] gives back.
#[derive(Clone, Copy)]
pub(crate) struct UseCopyFeedbackReturn {
    /// Idle, then Copied (for `reset_after`) or Failed.
    pub(crate) status: Signal<CopyStatus>,
    /// True once any copy succeeded (a secret panel's close guard).
    pub(crate) ever_copied: Signal<bool>,
    copy_ref: StoredValue<CopyRef>,
}

#[derive(Clone, Copy)]
struct CopyRef {
    status: RwSignal<CopyStatus>,
    ever_copied: RwSignal<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    reset_after: Duration,
}

impl CopyRef {
    fn write(self, text: &str) {
        self.stop_timer();
        let CopyRef {
            status,
            ever_copied,
            timer,
            reset_after,
        } = self;
        clipboard::write_text(text, move |ok| {
            // The widget may be gone by now: `try_*` then does nothing.
            if !ok {
                status.try_set(CopyStatus::Failed);
                return;
            }
            status.try_set(CopyStatus::Copied);
            ever_copied.try_set(true);
            let reset = move || {
                status.try_set(CopyStatus::Idle);
            };
            if let Ok(handle) = set_timeout_with_handle(reset, reset_after) {
                timer.try_set_value(Some(handle));
            }
        });
    }

    fn stop_timer(self) {
        if let Some(Some(handle)) = self.timer.try_update_value(Option::take) {
            handle.clear();
        }
    }
}

impl UseCopyFeedbackReturn {
    /// Copies `text`, borrowed: nothing keeps it (a secret is copied
    /// straight from where it lives).
    pub(crate) fn copy_str(&self, text: &str) {
        if let Some(copy) = self.copy_ref.try_get_value() {
            copy.write(text);
        }
    }

    /// Says the copy failed without trying (nothing to copy).
    pub(crate) fn fail(&self) {
        if let Some(copy) = self.copy_ref.try_get_value() {
            copy.status.try_set(CopyStatus::Failed);
        }
    }
}

/// Copy-to-clipboard with feedback that clears itself.
pub(crate) fn use_copy_feedback() -> UseCopyFeedbackReturn {
    use_copy_feedback_with_options(UseCopyFeedbackOptions::default())
}

/// [`use_copy_feedback`] with options.
pub(crate) fn use_copy_feedback_with_options(
    options: UseCopyFeedbackOptions,
) -> UseCopyFeedbackReturn {
    let copy_ref = CopyRef {
        status: RwSignal::new(CopyStatus::Idle),
        ever_copied: RwSignal::new(false),
        timer: StoredValue::new(None),
        reset_after: options.reset_after,
    };
    on_cleanup(move || copy_ref.stop_timer());
    let stored = StoredValue::new(copy_ref);
    UseCopyFeedbackReturn {
        status: copy_ref.status.into(),
        ever_copied: copy_ref.ever_copied.into(),
        copy_ref: stored,
    }
}
