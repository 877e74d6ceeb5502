//! Values that belong to one key — a connection and organization, or the
//! text a field started from — and lapse when the key changes. Reading them
//! derives the answer, so no effect has to reset them.

use leptos::prelude::*;

/// A value set while `key` had one value; it reads as unset once the key
/// has changed (a notice about another organization's keys, a row form of
/// another connection's list).
pub(crate) struct Keyed<K: Send + Sync + 'static, T: Send + Sync + 'static> {
    key: Signal<K>,
    slot: RwSignal<Option<(K, T)>>,
}

impl<K: Send + Sync, T: Send + Sync> Clone for Keyed<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync, T: Send + Sync> Copy for Keyed<K, T> {}

impl<K, T> Keyed<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    pub(crate) fn new(key: impl Into<Signal<K>>) -> Self {
        Keyed {
            key: key.into(),
            slot: RwSignal::new(None),
        }
    }

    /// The value, if it was set for the current key (tracked).
    pub(crate) fn get(&self) -> Option<T> {
        let key = self.key.get();
        self.slot.with(|slot| {
            slot.as_ref()
                .filter(|(set_for, _)| *set_for == key)
                .map(|(_, value)| value.clone())
        })
    }

    /// Sets the value for the current key; quietly does nothing once the
    /// owner is gone (an answer that arrives after the page changed).
    pub(crate) fn set(&self, value: T) {
        if let Some(key) = self.key.try_get_untracked() {
            self.slot.try_set(Some((key, value)));
        }
    }

    pub(crate) fn clear(&self) {
        self.slot.try_set(None);
    }
}

/// A text field's value that starts as `source` and follows it: each new
/// source value gives a fresh signal holding it, which the person may then
/// edit. The field is rendered from the current signal, so it is rebuilt
/// (with the new text) when the source changes.
pub(crate) fn draft<T>(source: Signal<T>) -> Memo<RwSignal<T>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    // Each run's signal is owned by the memo's run and disposed by the next.
    Memo::new(move |_| RwSignal::new(source.get()))
}

/// The current text of a [`draft`], without tracking.
pub(crate) fn draft_value<T: Clone + Send + Sync + 'static>(draft: Memo<RwSignal<T>>) -> Option<T> {
    draft.try_get_untracked()?.try_get_untracked()
}
