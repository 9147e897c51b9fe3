//! Text as Markdown sees it: sanitizing, whitespace, code spans, escaping.

use super::emphasis::is_marker;
use super::urls::{bare_url_end, encode_autolink};

/// Bidirectional control characters, which rustc rejects in literals and
/// comments (`text_direction_codepoint_in_literal`).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Appends `s` to `out`, normalising line endings and dropping control and
/// bidi characters.
pub(super) fn push_sanitized(out: &mut String, s: &str) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if c.is_control() => {
                if c.is_whitespace() {
                    out.push(' ');
                }
            }
            c if is_bidi_control(c) || is_marker(c) => {}
            c => out.push(c),
        }
    }
}

/// Whether [`push_sanitized`] would change `s` (so that text which needs no
/// change is kept as it is, without a copy).
pub(super) fn needs_sanitizing(s: &str) -> bool {
    s.chars().any(|c| c == '\r' || (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) || is_marker(c))
}

/// Collapses every run of whitespace to one space and trims both ends.
pub(super) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// An inline code span for `content` (non-empty, already collapsed).
pub(super) fn code_span(content: &str) -> String {
    let mut longest = 0;
    let mut current = 0;
    for c in content.chars() {
        if c == '`' {
            current += 1;
            longest = longest.max(current);
        } else {
            current = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if content.starts_with('`') || content.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{content}{pad}{fence}")
}

/// Whether the `&` at byte `i` of `text` starts something Markdown would read
/// as a character reference.
fn entity_like(text: &[u8], i: usize) -> bool {
    let mut j = i + 1;
    let mut count = 0;
    if text.get(j) == Some(&b'#') {
        j += 1;
        if matches!(text.get(j), Some(b'x' | b'X')) {
            j += 1;
        }
    }
    while j < text.len() && text[j].is_ascii_alphanumeric() && count < 40 {
        j += 1;
        count += 1;
    }
    count > 0 && text.get(j) == Some(&b';')
}

/// Appends `words` (the words of a text, to be joined by single spaces) to
/// `out`, escaped so that Markdown shows them literally. `line_start`: the
/// text begins a Markdown line. `in_link`: inside link text (bare URLs are
/// then left alone).
pub(super) fn push_escaped_words<'a>(
    out: &mut String,
    words: impl IntoIterator<Item = &'a str>,
    line_start: bool,
    in_link: bool,
) {
    for (k, word) in words.into_iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_escaped_word(out, word, line_start && k == 0, in_link);
    }
}

/// One word of [`push_escaped_words`] (no whitespace in it): nothing Markdown
/// escapes depends on what lies beyond the spaces around a word.
fn push_escaped_word(out: &mut String, text: &str, line_start: bool, in_link: bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if !in_link && (c == 'h' || c == 'H') {
            if let Some(end) = bare_url_end(text, i) {
                out.push('<');
                out.push_str(&encode_autolink(&text[i..end]));
                out.push('>');
                i = end;
                continue;
            }
        }
        let at_line_start = line_start && i == 0;
        if at_line_start && c.is_ascii_digit() {
            let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
            out.push_str(&text[..digits]);
            i = digits;
            if matches!(bytes.get(i), Some(b'.' | b')')) {
                out.push('\\');
                out.push(char::from(bytes[i]));
                i += 1;
            }
            continue;
        }
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let prev_alnum = text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
                let next_alnum = text[i + 1..].chars().next().is_some_and(char::is_alphanumeric);
                if !(prev_alnum && next_alnum) {
                    out.push('\\');
                }
                out.push('_');
            }
            '&' => {
                if entity_like(bytes, i) {
                    out.push('\\');
                }
                out.push('&');
            }
            '>' | '#' | '-' | '+' | '=' | ':' | '|' if at_line_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        i += c.len_utf8();
    }
}
