//! A key line cut into its whitespace-separated tokens: the engine's
//! hottest loop on a long `authorized_keys` file.

use super::text::is_invisible;

/// Whitespace-separated tokens; double quotes keep spaces inside a token,
/// as `authorized_keys` options (`command="a b"`) need. Invisible characters
/// (a byte-order mark, zero-width spaces) before a token are separators too;
/// inside one they stay, for the caller to remove and report.
pub(crate) fn tokens(line: &str) -> Vec<(usize, usize)> {
    if line.is_ascii() {
        return ascii_tokens(line.as_bytes());
    }
    let mut out = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        if c == '"' {
            quoted = !quoted;
        }
        let space = (c.is_whitespace() || (start.is_none() && is_invisible(c))) && !quoted;
        match (start, space) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push((s, s + line[s..i].trim_end_matches(is_invisible).len()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, s + line[s..].trim_end_matches(is_invisible).len()));
    }
    out
}

/// [`tokens`] for the common all-ASCII line, a byte at a time: no invisible
/// characters can occur, and the engine spends most of its time here on a
/// long authorized_keys file.
fn ascii_tokens(line: &[u8]) -> Vec<(usize, usize)> {
    // The ASCII characters `char::is_whitespace` accepts.
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    let mut out = Vec::with_capacity(4);
    let n = line.len();
    let mut i = 0;
    while i < n {
        while i < n && is_space(line[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let start = i;
        // Scan to the token's end; every space and quote is <= b'"'.
        while i < n {
            let p = next_at_most_quote(line, i);
            match line.get(p) {
                None => i = n,
                Some(b'"') => {
                    // A quoted stretch keeps its spaces; an unclosed quote runs to the end.
                    let after = p + 1;
                    i = line[after..]
                        .iter()
                        .position(|&b| b == b'"')
                        .map_or(n, |q| after + q + 1);
                }
                Some(&b) if is_space(b) => {
                    i = p;
                    break;
                }
                Some(_) => i = p + 1,
            }
        }
        out.push((start, i));
    }
    out
}

/// The index of the first byte from `from` that is at most `"` (a space, a
/// control character or a quote), or the length of the ASCII `line`.
///
/// Eight bytes at a time: the key data, most of a line, has none of them,
/// and a byte-at-a-time loop over it was a tenth of the engine's time.
fn next_at_most_quote(line: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let rest = line.get(from..).unwrap_or_default();
    let mut words = rest.chunks_exact(8);
    for (n, chunk) in words.by_ref().enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_le_bytes(bytes);
        // The high bit of each byte below 0x23 (`"` + 1). Borrows may flag
        // bytes after a true hit, never before it, so the lowest flag is the
        // first hit (ASCII only: no byte has its high bit set).
        let below = word.wrapping_sub(ONES * 0x23) & !word & HIGH;
        if below != 0 {
            return from + n * 8 + (below.trailing_zeros() / 8) as usize;
        }
    }
    let tail = words.remainder();
    let done = rest.len() - tail.len();
    from + done + tail.iter().position(|&b| b <= b'"').unwrap_or(tail.len())
}
