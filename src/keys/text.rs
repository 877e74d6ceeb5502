//! The paste as lines, and the small text helpers every format shares.

/// One line of the paste, without its line ending.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    pub text: &'a str,
    /// The line ended with `\r\n` (or a lone `\r`), as pasted from Windows.
    pub crlf: bool,
}

/// Splits a paste into lines; `\r\n`, `\r` and `\n` all end a line.
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    // `split('\n')` finds line ends with a fast byte search; a lone `\r` (old
    // Mac line end) is rare, so it is looked for only inside each piece.
    let mut pieces = text.split('\n').peekable();
    // One search of the whole paste instead of one per line, for the usual
    // paste without any `\r`.
    let has_cr = text.contains('\r');
    while let Some(piece) = pieces.next() {
        if pieces.peek().is_none() && piece.is_empty() {
            break;
        }
        if !has_cr {
            lines.push(Line {
                text: piece,
                crlf: false,
            });
            continue;
        }
        let mut rest = piece;
        while let Some(cr) = rest.find('\r') {
            lines.push(Line {
                text: &rest[..cr],
                crlf: true,
            });
            rest = &rest[cr + 1..];
            if rest.is_empty() {
                break;
            }
        }
        if !rest.is_empty() || !piece.ends_with('\r') {
            lines.push(Line {
                text: rest,
                crlf: false,
            });
        }
    }
    lines
}

/// The two base64 flavours of SSH: padded key data and PEM bodies, and
/// unpadded fingerprints (and key data whose padding we fixed ourselves).
pub(crate) mod base64 {
    use base64::alphabet::STANDARD;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

    pub(crate) const PADDED: GeneralPurpose = base64::engine::general_purpose::STANDARD;
    pub(crate) const UNPADDED: GeneralPurpose = GeneralPurpose::new(
        &STANDARD,
        GeneralPurposeConfig::new()
            .with_encode_padding(false)
            .with_decode_padding_mode(DecodePaddingMode::RequireNone),
    );
}

/// Characters that web pages, chat tools and word processors slip into
/// copied text and that are never part of a key.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

pub(crate) fn is_base64_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='
}

/// True for a token made only of base64 characters (invisible ones allowed).
pub(crate) fn is_base64_token(token: &str) -> bool {
    !token.is_empty()
        && token.chars().any(|c| c != '=' && !is_invisible(c))
        && token.chars().all(|c| is_base64_char(c) || is_invisible(c))
}

/// A block of armoured text: `Name: value` headers, then base64.
#[derive(Debug, Default)]
pub(crate) struct Armoured {
    pub headers: Vec<(String, String)>,
    /// The base64 body with all whitespace and invisible characters removed.
    pub body: String,
    pub crlf: bool,
    pub reindented: bool,
}

impl Armoured {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads the lines between a BEGIN line (at `start`) and the line for which
/// `is_end` holds. Returns the block and the index after the END line, or
/// `Err(index)` of the line where the block broke off (EOF or a new BEGIN).
pub(crate) fn read_armoured(
    lines: &[Line<'_>],
    start: usize,
    is_end: impl Fn(&str) -> bool,
) -> Result<(Armoured, usize), usize> {
    let mut block = Armoured {
        crlf: lines[start].crlf,
        ..Armoured::default()
    };
    let mut in_headers = true;
    let mut continued_header = false;
    let mut i = start + 1;
    while i < lines.len() {
        let raw = lines[i].text;
        block.crlf |= lines[i].crlf;
        let line = raw.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        if is_end(line) {
            return Ok((block, i + 1));
        }
        // A new block starts: this one was cut off. (A PuTTY file too, so
        // that a private key after a broken block is still refused.)
        if line.starts_with("-----BEGIN ")
            || line.starts_with("---- BEGIN ")
            || line.starts_with("PuTTY-User-Key-File-")
        {
            return Err(i);
        }
        if raw.len() != line.len() {
            block.reindented = true;
        }
        if continued_header {
            if let Some((_, value)) = block.headers.last_mut() {
                value.extend(
                    line.trim_end_matches('\\')
                        .chars()
                        .filter(|c| !is_invisible(*c)),
                );
            }
            continued_header = line.ends_with('\\');
        } else if in_headers && line.contains(':') {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            continued_header = value.ends_with('\\');
            let visible = |s: &str| s.chars().filter(|c| !is_invisible(*c)).collect::<String>();
            block.headers.push((
                visible(name.trim()),
                visible(value).trim().trim_end_matches('\\').to_string(),
            ));
        } else if !line.is_empty() {
            in_headers = false;
            block.body.extend(
                line.chars()
                    .filter(|c| !c.is_whitespace() && !is_invisible(*c)),
            );
        }
        i += 1;
    }
    Err(i)
}

/// Removes one pair of surrounding double quotes.
pub(crate) fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}
