//! Writes a parsed pattern in the syntax of the engine that checks it, with the parsed meaning
//! spelled out: every class as explicit ranges or Unicode properties, every literal but ASCII
//! letters and digits as `\x{…}`, every group non-capturing. Nothing is left to the engine's own
//! reading of `.`, `\d`, `\s` or `\b`, which differ from ECMAScript's.

use std::fmt::Write as _;

use super::parse::{Class, Item, Node};

/// Which engine checks a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Engine {
    /// The `regex` crate: finite automata, time linear in the value's length.
    Linear,
    /// `fancy-regex`, for lookaround: backtracking, with a bound on the steps it may take.
    Bounded,
}

const SURROGATES: (u32, u32) = (0xD800, 0xDFFF);
const NEVER: &str = r"[^\x{0}-\x{10FFFF}]";
/// ASCII word characters, for `\b` written as lookaround.
const WORD: &str = r"[0-9A-Z_a-z]";

/// `node` in the syntax of the engine that can check it, or why none can.
pub fn render(node: &Node) -> Result<(String, Engine), String> {
    let node = unanchored_counts(node.clone());
    let engine = if uses_lookaround(&node) { Engine::Bounded } else { Engine::Linear };
    let mut out = String::new();
    write(&node, engine, &mut out)?;
    Ok((out, engine))
}

/// `^C{m,n}$` for a one-character class `C` as `^(?=.{m,n}$)C*$` (`.` any character): the same
/// values, but the automaton holds one copy of `C` instead of `n`, which for a large Unicode
/// class and a large `n` is beyond its size limit. `None` when `node` has another form.
pub fn counted_class(node: &Node) -> Option<Node> {
    let Node::Concat(items) = node else { return None };
    let [Node::Start, Node::Repeat { node: inner, min, max: Some(max), .. }, Node::End] = items.as_slice() else {
        return None;
    };
    let Node::Class(_) = inner.as_ref() else { return None };
    let any = Node::Class(Class { negated: false, items: vec![Item::Range(0, 0x10FFFF)] });
    let length =
        Node::Concat(vec![Node::Repeat { node: Box::new(any), min: *min, max: Some(*max), greedy: true }, Node::End]);
    Some(Node::Concat(vec![
        Node::Start,
        Node::Look { behind: false, negated: false, node: Box::new(length) },
        Node::Repeat { node: inner.clone(), min: 0, max: None, greedy: true },
        Node::End,
    ]))
}

/// A pattern matches *somewhere* in the value, so a counted repetition that begins an
/// alternative (or ends it) matches exactly when its minimum does: the last (or first) `min`
/// of any number of repetitions are a match too. `[^\p{C}]{1,2048}` is `[^\p{C}]` — and small
/// enough for the automaton's size limit, which 2,048 copies of the class are not.
fn unanchored_counts(node: Node) -> Node {
    fn at_min(node: Node) -> Node {
        match node {
            Node::Repeat { min: 0, .. } => Node::Empty,
            Node::Repeat { node, min, .. } => Node::Repeat { node, min, max: Some(min), greedy: true },
            other => other,
        }
    }
    match node {
        Node::Alt(alts) => Node::Alt(alts.into_iter().map(unanchored_counts).collect()),
        Node::Concat(mut items) => {
            if let Some(first) = items.first_mut() {
                *first = at_min(std::mem::replace(first, Node::Empty));
            }
            if let Some(last) = items.last_mut() {
                *last = at_min(std::mem::replace(last, Node::Empty));
            }
            Node::Concat(items)
        }
        other => at_min(other),
    }
}

fn uses_lookaround(node: &Node) -> bool {
    match node {
        Node::Look { .. } => true,
        Node::Group(n) | Node::Repeat { node: n, .. } => uses_lookaround(n),
        Node::Concat(v) | Node::Alt(v) => v.iter().any(uses_lookaround),
        _ => false,
    }
}

fn write(node: &Node, engine: Engine, out: &mut String) -> Result<(), String> {
    match node {
        Node::Empty => out.push_str("(?:)"),
        Node::Char(c) => match char::from_u32(*c) {
            Some(_) if !in_surrogates(*c) => push_char(*c, out),
            _ => out.push_str(NEVER),
        },
        Node::Class(class) => write_class(class, out),
        Node::Start => out.push('^'),
        Node::End => out.push('$'),
        Node::WordBoundary { negated } => match engine {
            Engine::Linear => out.push_str(if *negated { r"(?-u:\B)" } else { r"(?-u:\b)" }),
            // fancy-regex has no ASCII `\b`: the same assertion as lookaround.
            Engine::Bounded if *negated => {
                let _ = write!(out, "(?:(?<={WORD})(?={WORD})|(?<!{WORD})(?!{WORD}))");
            }
            Engine::Bounded => {
                let _ = write!(out, "(?:(?<={WORD})(?!{WORD})|(?<!{WORD})(?={WORD}))");
            }
        },
        Node::Group(inner) => {
            out.push_str("(?:");
            write(inner, engine, out)?;
            out.push(')');
        }
        Node::Look { behind, negated, node } => {
            out.push_str(match (behind, negated) {
                (false, false) => "(?=",
                (false, true) => "(?!",
                (true, false) => "(?<=",
                (true, true) => "(?<!",
            });
            write(node, engine, out)?;
            out.push(')');
        }
        Node::BackRef => {
            return Err("it uses a backreference, which no bounded engine gives ECMAScript's meaning".into())
        }
        Node::Concat(items) => {
            for item in items {
                if matches!(item, Node::Alt(_)) {
                    out.push_str("(?:");
                    write(item, engine, out)?;
                    out.push(')');
                } else {
                    write(item, engine, out)?;
                }
            }
        }
        Node::Alt(alts) => {
            for (i, alt) in alts.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                write(alt, engine, out)?;
            }
        }
        Node::Repeat { node, min, max, greedy } => {
            out.push_str("(?:");
            write(node, engine, out)?;
            out.push(')');
            let _ = match max {
                Some(max) => write!(out, "{{{min},{max}}}"),
                None => write!(out, "{{{min},}}"),
            };
            if !greedy {
                out.push('?');
            }
        }
    }
    Ok(())
}

fn in_surrogates(c: u32) -> bool {
    (SURROGATES.0..=SURROGATES.1).contains(&c)
}

fn push_char(c: u32, out: &mut String) {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() => out.push(ch),
        _ => {
            let _ = write!(out, r"\x{{{c:X}}}");
        }
    }
}

/// A class, its surrogates dropped (no `&str` holds one). A class left empty matches nothing,
/// and its negation everything.
fn write_class(class: &Class, out: &mut String) {
    let mut body = String::new();
    for item in &class.items {
        match item {
            Item::Range(a, b) => {
                let mut parts = Vec::new();
                if *a < SURROGATES.0 {
                    parts.push((*a, (*b).min(SURROGATES.0 - 1)));
                }
                if *b > SURROGATES.1 {
                    parts.push(((*a).max(SURROGATES.1 + 1), *b));
                }
                for (lo, hi) in parts {
                    push_char(lo, &mut body);
                    if hi > lo {
                        body.push('-');
                        push_char(hi, &mut body);
                    }
                }
            }
            Item::Property { negated, name } => {
                let _ = write!(body, r"\{}{{{name}}}", if *negated { 'P' } else { 'p' });
            }
            Item::Class(inner) => write_class(inner, &mut body),
        }
    }
    match (body.is_empty(), class.negated) {
        (true, false) => out.push_str(NEVER),
        (true, true) => out.push_str(r"[\x{0}-\x{10FFFF}]"),
        (false, negated) => {
            out.push('[');
            if negated {
                out.push('^');
            }
            out.push_str(&body);
            out.push(']');
        }
    }
}
