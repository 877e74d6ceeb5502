//! Thin access to the browser's `sessionStorage` and `localStorage`. Outside
//! the browser (native tests) every read is empty and every write is dropped.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Area {
    /// Gone when the tab closes: the default for tokens.
    Session,
    /// Kept on this device: only when the user opts in.
    Local,
}

#[cfg(target_arch = "wasm32")]
fn storage(area: Area) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match area {
        Area::Session => window.session_storage().ok().flatten(),
        Area::Local => window.local_storage().ok().flatten(),
    }
}

pub(crate) fn read(area: Area, key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        storage(area)?.get_item(key).ok().flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (area, key);
        None
    }
}

pub(crate) fn write(area: Area, key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage(area) {
        // A full or disabled storage only costs persistence, never the page.
        let _ = storage.set_item(key, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (area, key, value);
}

pub(crate) fn remove(area: Area, key: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage(area) {
        let _ = storage.remove_item(key);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (area, key);
}
