//! A tiny backtracking matcher for the ECMAScript regular expressions that
//! OpenAPI `pattern`s use: literals and escapes, `.`, classes with ranges
//! and `\d\w\s`, groups (capturing or `(?:…)`), `|`, `^`, `$` and the
//! quantifiers `* + ? {n} {n,} {n,m}` (lazy forms too). Lookarounds,
//! backreferences, named groups and `\b` are reported as unsupported, and the
//! validator then skips the pattern. Search semantics, as in JSON Schema:
//! the pattern may match anywhere unless anchored.
//!
//! Used by `openapi.rs`; for tests only (no regex dependency needed).

#[derive(Debug)]
enum Node {
    Char(char),
    Any,
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
    Start,
    End,
    Group(Vec<Vec<Node>>),
    Repeat {
        node: Box<Node>,
        min: usize,
        max: usize,
    },
}

#[derive(Debug)]
enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

impl ClassItem {
    fn contains(&self, c: char) -> bool {
        match *self {
            ClassItem::Range(low, high) => low <= c && c <= high,
            ClassItem::Digit(yes) => c.is_ascii_digit() == yes,
            ClassItem::Word(yes) => (c.is_ascii_alphanumeric() || c == '_') == yes,
            ClassItem::Space(yes) => c.is_whitespace() == yes,
        }
    }
}

struct Parser<'p> {
    chars: &'p [char],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.at += 1;
        c
    }

    fn alternation(&mut self) -> Result<Vec<Vec<Node>>, String> {
        let mut alternatives = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.at += 1;
            alternatives.push(self.sequence()?);
        }
        Ok(alternatives)
    }

    fn sequence(&mut self) -> Result<Vec<Node>, String> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Ok(nodes)
    }

    fn atom(&mut self) -> Result<Node, String> {
        match self.next() {
            Some('(') => {
                if self.peek() == Some('?') {
                    if self.chars.get(self.at + 1) == Some(&':') {
                        self.at += 2;
                    } else {
                        return Err("lookaround or named group".into());
                    }
                }
                let group = self.alternation()?;
                if self.next() != Some(')') {
                    return Err("unclosed group".into());
                }
                Ok(Node::Group(group))
            }
            Some('[') => self.class(),
            Some('.') => Ok(Node::Any),
            Some('^') => Ok(Node::Start),
            Some('$') => Ok(Node::End),
            Some('\\') => self.escape().map(|item| match item {
                Ok(c) => Node::Char(c),
                Err(item) => Node::Class {
                    negated: false,
                    items: vec![item],
                },
            }),
            Some(c @ ('*' | '+' | '?')) => Err(format!("nothing to repeat before {c}")),
            Some(c) => Ok(Node::Char(c)),
            None => Err("unexpected end".into()),
        }
    }

    /// A literal character, or a class shorthand.
    fn escape(&mut self) -> Result<Result<char, ClassItem>, String> {
        Ok(match self.next() {
            Some('d') => Err(ClassItem::Digit(true)),
            Some('D') => Err(ClassItem::Digit(false)),
            Some('w') => Err(ClassItem::Word(true)),
            Some('W') => Err(ClassItem::Word(false)),
            Some('s') => Err(ClassItem::Space(true)),
            Some('S') => Err(ClassItem::Space(false)),
            Some('n') => Ok('\n'),
            Some('t') => Ok('\t'),
            Some('r') => Ok('\r'),
            Some(c) if c.is_ascii_alphanumeric() => return Err(format!("escape \\{c}")),
            Some(c) => Ok(c),
            None => return Err("trailing backslash".into()),
        })
    }

    fn class(&mut self) -> Result<Node, String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        let mut items = Vec::new();
        loop {
            let low = match self.next() {
                Some(']') => return Ok(Node::Class { negated, items }),
                Some('\\') => match self.escape()? {
                    Ok(c) => c,
                    Err(item) => {
                        items.push(item);
                        continue;
                    }
                },
                Some(c) => c,
                None => return Err("unclosed class".into()),
            };
            let is_range =
                self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&c| c != ']');
            if is_range {
                self.at += 1;
                let high = match self.next() {
                    Some('\\') => self.escape()?.map_err(|_| "class range".to_string())?,
                    Some(c) => c,
                    None => return Err("unclosed class".into()),
                };
                items.push(ClassItem::Range(low, high));
            } else {
                items.push(ClassItem::Range(low, low));
            }
        }
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => self.take((0, usize::MAX)),
            Some('+') => self.take((1, usize::MAX)),
            Some('?') => self.take((0, 1)),
            Some('{') => match self.braces() {
                Some(bounds) => bounds,
                None => return Ok(atom), // a literal `{`, as ECMAScript allows
            },
            _ => return Ok(atom),
        };
        if self.peek() == Some('?') {
            self.at += 1; // lazy: the same answer for a yes/no match
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    /// `{n}`, `{n,}` or `{n,m}`; consumes it only when well-formed.
    fn braces(&mut self) -> Option<(usize, usize)> {
        let rest: String = self.chars[self.at + 1..].iter().collect();
        let close = rest.find('}')?;
        let inside = &rest[..close];
        let (min, max) = match inside.split_once(',') {
            None => {
                let n = inside.parse().ok()?;
                (n, n)
            }
            Some((min, "")) => (min.parse().ok()?, usize::MAX),
            Some((min, max)) => (min.parse().ok()?, max.parse().ok()?),
        };
        self.at += close + 2;
        Some((min, max))
    }

    fn take(&mut self, bounds: (usize, usize)) -> (usize, usize) {
        self.at += 1;
        bounds
    }
}

struct Matcher<'t> {
    text: &'t [char],
}

impl Matcher<'_> {
    fn sequence(&self, nodes: &[Node], at: usize, then: &dyn Fn(usize) -> bool) -> bool {
        match nodes.split_first() {
            None => then(at),
            Some((first, rest)) => self.node(first, at, &|next| self.sequence(rest, next, then)),
        }
    }

    fn node(&self, node: &Node, at: usize, then: &dyn Fn(usize) -> bool) -> bool {
        let one = |test: &dyn Fn(char) -> bool| {
            self.text.get(at).is_some_and(|&c| test(c)) && then(at + 1)
        };
        match node {
            Node::Char(expected) => one(&|c| c == *expected),
            Node::Any => one(&|c| c != '\n' && c != '\r'),
            Node::Class { negated, items } => {
                one(&|c| items.iter().any(|item| item.contains(c)) != *negated)
            }
            Node::Start => at == 0 && then(at),
            Node::End => at == self.text.len() && then(at),
            Node::Group(alternatives) => alternatives
                .iter()
                .any(|sequence| self.sequence(sequence, at, then)),
            Node::Repeat { node, min, max } => self.repeat(node, *min, *max, 0, at, then),
        }
    }

    fn repeat(
        &self,
        node: &Node,
        min: usize,
        max: usize,
        count: usize,
        at: usize,
        then: &dyn Fn(usize) -> bool,
    ) -> bool {
        let more = count < max
            && self.node(node, at, &|next| {
                // An empty match past the minimum would loop forever.
                !(next == at && count >= min) && self.repeat(node, min, max, count + 1, next, then)
            });
        more || (count >= min && then(at))
    }
}

/// Whether `pattern` matches somewhere in `text`; `Err` for syntax this
/// matcher does not support.
pub(super) fn is_match(pattern: &str, text: &str) -> Result<bool, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut parser = Parser {
        chars: &chars,
        at: 0,
    };
    let alternatives = parser.alternation()?;
    if parser.at < chars.len() {
        return Err("unbalanced )".into());
    }
    let text: Vec<char> = text.chars().collect();
    let matcher = Matcher { text: &text };
    let root = Node::Group(alternatives);
    Ok((0..=text.len()).any(|start| matcher.node(&root, start, &|_| true)))
}

#[cfg(test)]
mod tests {
    use super::is_match;

    #[test]
    fn github_user_key_pattern() {
        let p = "^ssh-(rsa|dss|ed25519) |^ecdsa-sha2-nistp(256|384|521) ";
        assert_eq!(is_match(p, "ssh-ed25519 AAAAC3Nz x"), Ok(true));
        assert_eq!(is_match(p, "ecdsa-sha2-nistp384 AAAA"), Ok(true));
        assert_eq!(
            is_match(p, "2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234"),
            Ok(false)
        );
        assert_eq!(is_match(p, "sk-ssh-ed25519@openssh.com AAAA"), Ok(false));
        assert_eq!(is_match(p, " ssh-rsa AAAA"), Ok(false));
    }

    #[test]
    fn common_forms() {
        assert_eq!(is_match("^[a-z0-9-]{1,3}$", "ab-"), Ok(true));
        assert_eq!(is_match("^[a-z0-9-]{1,3}$", "abcd"), Ok(false));
        assert_eq!(is_match("^\\d+(\\.\\d+)?$", "10.5"), Ok(true));
        assert_eq!(is_match("^\\d+(\\.\\d+)?$", "10."), Ok(false));
        assert_eq!(is_match("b", "abc"), Ok(true));
        assert_eq!(is_match("^(?:a|b)*c$", "ababc"), Ok(true));
        assert_eq!(is_match("^[^/]+$", "a/b"), Ok(false));
        assert_eq!(is_match("^(a*)*$", "aaaa"), Ok(true));
        assert_eq!(is_match("x{2", "x{2"), Ok(true));
        assert!(is_match("(?=a)", "a").is_err());
        assert!(is_match("\\1", "a").is_err());
        assert!(is_match("(a", "a").is_err());
    }
}
