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

/// Whether `chars[i]` (an `&`) starts something Markdown would read as a
/// character reference.
fn entity_like(chars: &[char], i: usize) -> bool {
    let mut j = i + 1;
    let mut count = 0;
    if chars.get(j) == Some(&'#') {
        j += 1;
        if matches!(chars.get(j), Some('x' | 'X')) {
            j += 1;
        }
    }
    while j < chars.len() && chars[j].is_ascii_alphanumeric() && count < 40 {
        j += 1;
        count += 1;
    }
    count > 0 && chars.get(j) == Some(&';')
}

/// Appends `text` (collapsed, non-empty) to `out`, escaped so that Markdown
/// shows it literally. `line_start`: `text` begins a Markdown line.
/// `in_link`: inside link text (bare URLs are then left alone).
pub(super) fn push_escaped_text(out: &mut String, text: &str, line_start: bool, in_link: bool) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if !in_link && (c == 'h' || c == 'H') {
            if let Some(end) = bare_url_end(&chars, i) {
                out.push('<');
                out.push_str(&encode_autolink(&chars[i..end].iter().collect::<String>()));
                out.push('>');
                i = end;
                continue;
            }
        }
        let at_line_start = line_start && i == 0;
        if at_line_start && c.is_ascii_digit() {
            let mut j = i;
            while j < n && chars[j].is_ascii_digit() {
                out.push(chars[j]);
                j += 1;
            }
            if j < n && (chars[j] == '.' || chars[j] == ')') {
                out.push('\\');
                out.push(chars[j]);
                j += 1;
            }
            i = j;
            continue;
        }
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let prev_alnum = i > 0 && chars[i - 1].is_alphanumeric();
                let next_alnum = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                if !(prev_alnum && next_alnum) {
                    out.push('\\');
                }
                out.push('_');
            }
            '&' => {
                if entity_like(&chars, i) {
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
        i += 1;
    }
}
