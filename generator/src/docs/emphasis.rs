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
pub(super) fn resolve_emphasis(buf: &str) -> String {
    let chars: Vec<char> = buf.chars().collect();
    if !chars.iter().any(|&c| is_marker(c)) {
        return buf.to_string();
    }
    // Pair openers with closers (they are emitted properly nested).
    let mut partner: Vec<Option<usize>> = vec![None; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        match c {
            OPEN_BOLD | OPEN_ITALIC => open.push(k),
            CLOSE_BOLD | CLOSE_ITALIC => {
                let wanted = if c == CLOSE_BOLD { OPEN_BOLD } else { OPEN_ITALIC };
                if let Some(&o) = open.last() {
                    if chars[o] == wanted {
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
    let mut markdown: Vec<Option<bool>> = vec![None; chars.len()];
    for c in 0..chars.len() {
        let Some(o) = partner[c] else { continue };
        if o > c {
            continue;
        }
        // `Err(())`: a neighbouring delimiter that may merge with this one.
        let neighbour = |k: Option<usize>| -> Result<Option<char>, ()> {
            let Some(ch) = k.and_then(|k| chars.get(k).copied()) else {
                return Ok(None);
            };
            if !is_marker(ch) {
                return Ok(Some(ch));
            }
            match k.and_then(|k| markdown[k]) {
                Some(false) => Ok(Some('>')),
                _ => Err(()),
            }
        };
        let weak = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
        let sides =
            (neighbour(o.checked_sub(1)), neighbour(Some(o + 1)), neighbour(c.checked_sub(1)), neighbour(Some(c + 1)));
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
    for (k, &c) in chars.iter().enumerate() {
        if !is_marker(c) {
            out.push(c);
            continue;
        }
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
    out
}
