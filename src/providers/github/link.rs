//! The `Link` response header (RFC 8288), which GitHub uses for pagination:
//! `<https://api.github.com/user/keys?page=2>; rel="next", <…>; rel="last"`.
//!
//! Parsed by hand and forgivingly: URLs may hold commas or semicolons
//! inside `<…>`, parameters may be quoted or not, in any case, with any
//! spacing, and `rel` may list several relations. Anything unreadable is
//! skipped rather than failing the whole page.

/// One link: its target and its relations (lower-cased).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub rels: Vec<String>,
}

/// Every well-formed link in a `Link` header value.
pub fn parse_link_header(value: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut rest = value;
    loop {
        let Some(open) = rest.find('<') else {
            return links;
        };
        let after_open = &rest[open + 1..];
        let Some(close) = after_open.find('>') else {
            return links;
        };
        let url = after_open[..close].trim().to_string();
        let (params, remainder) = split_params(&after_open[close + 1..]);
        rest = remainder;
        let rels = params
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("rel"))
            .flat_map(|(_, value)| value.split_ascii_whitespace())
            .map(str::to_ascii_lowercase)
            .collect();
        if !url.is_empty() {
            links.push(Link { url, rels });
        }
    }
}

/// The target of the first `rel="next"` link, if any.
pub fn next_link(value: &str) -> Option<String> {
    parse_link_header(value)
        .into_iter()
        .find(|link| link.rels.iter().any(|rel| rel == "next"))
        .map(|link| link.url)
}

/// Reads `; name=value; name="quoted, value"` up to the comma that ends this
/// link (or the end). Returns the parameters and what follows the comma.
fn split_params(text: &str) -> (Vec<(String, String)>, &str) {
    let mut params = Vec::new();
    let mut name = String::new();
    let mut value = String::new();
    let mut in_value = false;
    let mut in_quotes = false;
    let mut escaped = false;
    let mut end = text.len();
    for (index, ch) in text.char_indices() {
        if in_quotes {
            if escaped {
                value.push(ch);
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_quotes = false;
            } else {
                value.push(ch);
            }
            continue;
        }
        match ch {
            ',' => {
                end = index + 1;
                break;
            }
            ';' => {
                push_param(&mut params, &mut name, &mut value);
                in_value = false;
            }
            '=' if !in_value => in_value = true,
            '"' if in_value => in_quotes = true,
            // A `<` outside quotes means the comma was missing: stop here
            // so the next link is not swallowed.
            '<' => {
                end = index;
                break;
            }
            _ if in_value => value.push(ch),
            _ => name.push(ch),
        }
    }
    push_param(&mut params, &mut name, &mut value);
    (params, &text[end.min(text.len())..])
}

fn push_param(params: &mut Vec<(String, String)>, name: &mut String, value: &mut String) {
    let trimmed = name.trim();
    if !trimmed.is_empty() {
        params.push((trimmed.to_string(), value.trim().to_string()));
    }
    name.clear();
    value.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_style_header() {
        let header = "<https://api.github.com/user/keys?per_page=100&page=2>; rel=\"next\", \
                      <https://api.github.com/user/keys?per_page=100&page=5>; rel=\"last\"";
        let links = parse_link_header(header);
        assert_eq!(links.len(), 2);
        assert_eq!(links[1].rels, vec!["last"]);
        assert_eq!(
            next_link(header).as_deref(),
            Some("https://api.github.com/user/keys?per_page=100&page=2")
        );
    }

    #[test]
    fn last_page_has_no_next() {
        let header = "<https://api.github.com/user/keys?page=1>; rel=\"prev\", \
                      <https://api.github.com/user/keys?page=1>; rel=\"first\"";
        assert_eq!(next_link(header), None);
        assert_eq!(next_link(""), None);
    }

    #[test]
    fn forgiving_forms() {
        // Unquoted, upper case, extra spaces, several relations, other params.
        assert_eq!(
            next_link("<https://h/a?page=3> ;REL = next ; title=\"x\"").as_deref(),
            Some("https://h/a?page=3")
        );
        assert_eq!(
            next_link("<https://h/a?page=2>; rel=\"prev next\"").as_deref(),
            Some("https://h/a?page=2")
        );
        // Commas and semicolons inside the URL or a quoted value.
        let header = "<https://h/a?q=a,b;c&page=2>; title=\"x, y; z\"; rel=\"next\", <https://h/a?page=9>; rel=last";
        assert_eq!(
            next_link(header).as_deref(),
            Some("https://h/a?q=a,b;c&page=2")
        );
        // A missing comma between links does not swallow the second one.
        let header = "<https://h/1>; rel=\"prev\" <https://h/2>; rel=\"next\"";
        assert_eq!(next_link(header).as_deref(), Some("https://h/2"));
    }

    #[test]
    fn garbage_yields_nothing_and_never_panics() {
        for header in [
            "<",
            ">",
            "<>; rel=next",
            "rel=next",
            "<https://h/2",
            "<https://h/2>; rel=\"next",
            "<https://h/2>; rel=\"ne\\\"xt\"",
            ",,,;;;<<<>>>",
            "<ü>; rél=\"nëxt\"",
        ] {
            let _ = parse_link_header(header);
        }
        assert_eq!(next_link("<>; rel=next"), None);
        assert_eq!(next_link("<https://h/2"), None);
        // An unterminated quote still yields the relation read so far.
        assert_eq!(
            next_link("<https://h/2>; rel=\"next").as_deref(),
            Some("https://h/2")
        );
    }
}
