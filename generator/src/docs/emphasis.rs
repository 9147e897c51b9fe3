//! Emphasis: delimiters recorded as markers while a paragraph is built, and
//! resolved to `**` / `*` or to HTML once the paragraph is complete.

// While a paragraph is built, emphasis delimiters are kept as these private
// use characters (removed from all input); `resolve_emphasis` turns them into
// Markdown or HTML once the characters around them are known.
pub(super) const OPEN_BOLD: char = '\u{E000}';
pub(super) const CLOSE_BOLD: char = '\u{E001}';
pub(super) const OPEN_ITALIC: char = '\u{E002}';
pub(super) const CLOSE_ITALIC: char = '\u{E003}';

pub(super) fn is_marker(c: char) -> bool {
    matches!(c, OPEN_BOLD | CLOSE_BOLD | OPEN_ITALIC | CLOSE_ITALIC)
}

/// Replaces emphasis markers by `**` / `*` where `CommonMark`'s flanking rules
/// guarantee they pair up as intended, and by `<strong>` / `<em>` otherwise
/// (for example `a<b>(b)</b>`, where `a**(b)**` would not be emphasis).
///
/// The work is on the markers alone (their byte offsets), so a paragraph of
/// any length costs memory in proportion to its delimiters, not its text.
pub(super) fn resolve_emphasis(buf: String) -> String {
    // Each marker: its byte offset and which one it is.
    let markers: Vec<(usize, char)> = buf.char_indices().filter(|&(_, c)| is_marker(c)).collect();
    if markers.is_empty() {
        return buf;
    }
    // Every marker is one character of this many bytes.
    let width = OPEN_BOLD.len_utf8();
    // Pair openers with closers (they are emitted properly nested).
    let mut partner: Vec<Option<usize>> = vec![None; markers.len()];
    let mut open: Vec<usize> = Vec::new();
    for (k, &(_, c)) in markers.iter().enumerate() {
        match c {
            OPEN_BOLD | OPEN_ITALIC => open.push(k),
            CLOSE_BOLD | CLOSE_ITALIC => {
                let wanted = if c == CLOSE_BOLD { OPEN_BOLD } else { OPEN_ITALIC };
                if let Some(&o) = open.last() {
                    if markers[o].1 == wanted {
                        open.pop();
                        partner[o] = Some(k);
                        partner[k] = Some(o);
                    }
                }
            }
            _ => {}
        }
    }
    // Pairs are decided innermost first (in order of their closers); a
    // neighbouring delimiter already rendered as an HTML tag counts as
    // punctuation, any other neighbouring delimiter forces HTML.
    let mut markdown: Vec<Option<bool>> = vec![None; markers.len()];
    for c in 0..markers.len() {
        let Some(o) = partner[c] else { continue };
        if o > c {
            continue;
        }
        // The character beside marker `k` (`before` it or after it): a
        // marker there is the neighbouring one in `markers`.
        // `Err(())`: a neighbouring delimiter that may merge with this one.
        let neighbour = |k: usize, before: bool| -> Result<Option<char>, ()> {
            let at = markers[k].0;
            let ch = if before { buf[..at].chars().next_back() } else { buf[at + width..].chars().next() };
            let Some(ch) = ch else {
                return Ok(None);
            };
            if !is_marker(ch) {
                return Ok(Some(ch));
            }
            let beside = if before { k.checked_sub(1) } else { Some(k + 1) };
            match beside.and_then(|b| markdown.get(b).copied().flatten()) {
                Some(false) => Ok(Some('>')),
                _ => Err(()),
            }
        };
        let weak = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
        let sides = (neighbour(o, true), neighbour(o, false), neighbour(c, true), neighbour(c, false));
        let use_markdown = match sides {
            (Ok(before_open), Ok(after_open), Ok(before_close), Ok(after_close)) => {
                let opener_ok =
                    after_open.is_some_and(|n| !n.is_whitespace() && (n.is_alphanumeric() || weak(before_open)));
                let closer_ok =
                    before_close.is_some_and(|p| !p.is_whitespace() && (p.is_alphanumeric() || weak(after_close)));
                opener_ok && closer_ok
            }
            _ => false,
        };
        markdown[o] = Some(use_markdown);
        markdown[c] = Some(use_markdown);
    }
    let mut out = String::with_capacity(buf.len() + 16);
    let mut written = 0;
    for (k, &(at, c)) in markers.iter().enumerate() {
        out.push_str(&buf[written..at]);
        written = at + width;
        if partner[k].is_none() {
            continue;
        }
        out.push_str(match (c, markdown[k] == Some(true)) {
            (OPEN_BOLD | CLOSE_BOLD, true) => "**",
            (OPEN_ITALIC | CLOSE_ITALIC, true) => "*",
            (OPEN_BOLD, false) => "<strong>",
            (CLOSE_BOLD, false) => "</strong>",
            (OPEN_ITALIC, false) => "<em>",
            _ => "</em>",
        });
    }
    out.push_str(&buf[written..]);
    out
}
