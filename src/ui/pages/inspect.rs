//! `/` and `/inspect`: paste keys, see what they are. Runs entirely in the
//! browser; what is pasted never leaves the page.

use crate::keys::inspect;
use crate::ui::features::inspect::KeyCard;
use crate::ui::features::inspect::KeyInput;
use crate::ui::format::summary;
use leptos::prelude::*;

#[component]
pub(crate) fn InspectPage() -> impl IntoView {
    crate::ui::set_page_title("Inspect");
    let text = RwSignal::new(String::new());
    // Blank input is not an error here: the page shows a hint instead of the
    // engine's "nothing to inspect" finding. The memo runs the engine once
    // per change, however many views read the findings.
    let findings = Memo::new(move |_| {
        text.with(|t| {
            if t.trim().is_empty() {
                Vec::new()
            } else {
                inspect(t)
            }
        })
    });
    let has_findings = move || findings.with(|f| !f.is_empty());
    let summary_text = move || findings.with(|f| (!f.is_empty()).then(|| summary(f)));

    view! {
        <section class="page page--inspect">
            <h1>"Inspect a key"</h1>
            <p class="page__lead">
                "Check an SSH key, see its fingerprints and get its canonical line. \
                 Everything runs in your browser: nothing is sent anywhere."
            </p>
            <KeyInput text />
            <p class="summary" role="status" aria-live="polite">
                {summary_text}
            </p>
            <Show when=move || !has_findings()>
                <p class="hint">
                    "Paste a key above to see its type, size, fingerprints and randomart. \
                     Try the line in " <code>"~/.ssh/id_ed25519.pub"</code> "."
                </p>
            </Show>
            <div class="results">
                {move || {
                    findings
                        .get()
                        .into_iter()
                        .map(|finding| view! { <KeyCard finding /> })
                        .collect_view()
                }}
            </div>
        </section>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::InspectPage;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;
    use web_sys::js_sys::Promise;
    use web_sys::{Event, EventInit, HtmlElement, HtmlTextAreaElement};

    wasm_bindgen_test_configure!(run_in_browser);

    use crate::ui::features::inspect::test_keys::{LINE as PUBLIC_LINE, PRIVATE_KEY, SHA256};

    /// A fresh container in the test page, so tests do not see each other.
    fn container() -> HtmlElement {
        let document = document();
        let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&div).unwrap();
        div
    }

    /// Types `text` the way a paste does: set the value, fire `input`.
    fn paste(container: &HtmlElement, text: &str) {
        let textarea: HtmlTextAreaElement = container
            .query_selector("textarea")
            .unwrap()
            .expect("the page has a textarea")
            .unchecked_into();
        textarea.set_value(text);
        let init = EventInit::new();
        // Leptos delegates `input` to the document: the event must bubble.
        init.set_bubbles(true);
        let event = Event::new_with_event_init_dict("input", &init).unwrap();
        textarea.dispatch_event(&event).unwrap();
    }

    /// Leptos updates the DOM asynchronously: wait for a short timeout.
    async fn tick() {
        let promise = Promise::new(&mut |resolve, _reject| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .unwrap();
        });
        JsFuture::from(promise).await.unwrap();
    }

    fn cards(container: &HtmlElement) -> u32 {
        container.query_selector_all("article").unwrap().length()
    }

    fn codes(container: &HtmlElement) -> Vec<String> {
        let list = container.query_selector_all("article code").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.text_content())
            .collect()
    }

    #[wasm_bindgen_test]
    async fn a_public_key_shows_its_fingerprint_and_clearing_removes_it() {
        let container = container();
        let _app = leptos::mount::mount_to(container.clone(), InspectPage);
        tick().await;
        assert_eq!(cards(&container), 0);

        paste(&container, PUBLIC_LINE);
        tick().await;
        assert_eq!(cards(&container), 1);
        let card = container.query_selector("article").unwrap().unwrap();
        assert_eq!(
            card.get_attribute("aria-label").as_deref(),
            Some("Key on line 1")
        );
        assert!(codes(&container).iter().any(|code| code == SHA256));
        assert!(codes(&container).iter().any(|code| code == PUBLIC_LINE));
        let summary = container
            .query_selector("[role=status].summary")
            .unwrap()
            .unwrap();
        assert_eq!(summary.text_content().as_deref(), Some("1 key found"));

        paste(&container, "");
        tick().await;
        assert_eq!(cards(&container), 0);
        assert_eq!(summary.text_content().as_deref(), Some(""));
        container.remove();
    }

    #[wasm_bindgen_test]
    async fn a_private_key_is_refused_and_stays_in_the_browser() {
        let container = container();
        let _app = leptos::mount::mount_to(container.clone(), InspectPage);
        paste(&container, PRIVATE_KEY);
        tick().await;

        assert_eq!(cards(&container), 1);
        let card = container.query_selector("article").unwrap().unwrap();
        let text = card.text_content().unwrap_or_default();
        assert!(text.contains("Private key"), "{text}");
        assert!(text.contains("This key stayed in your browser: nothing was sent anywhere."));
        assert!(
            text.contains(&format!("This private key belongs to {SHA256}")),
            "{text}"
        );
        // The private text itself is never echoed outside the textarea.
        assert!(!text.contains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"));
        container.remove();
    }
}
