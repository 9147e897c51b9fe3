//! URLs: link destinations, autolinks and bare URLs found in text.

/// Appends the UTF-8 bytes of `c` as `%XX` escapes.
fn push_percent_encoded(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xF)]));
    }
}

/// Percent-encodes the characters that would end or confuse a Markdown link
/// destination or autolink.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '"' => out.push_str("%22"),
            '`' => out.push_str("%60"),
            c if c.is_whitespace() || c.is_control() => {
                push_percent_encoded(&mut out, c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes the characters an autolink (`<...>`) cannot contain.
pub(super) fn encode_autolink(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_whitespace() || c.is_control() => {
                push_percent_encoded(&mut out, c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The Markdown destination for an `href`, if it is an absolute http(s) URL.
pub(super) fn normalize_href(href: &str) -> Option<String> {
    let href = href.trim();
    let lower_prefix: String = href.chars().take(8).collect::<String>().to_ascii_lowercase();
    let scheme_len = if lower_prefix.starts_with("https://") {
        8
    } else if lower_prefix.starts_with("http://") {
        7
    } else {
        return None;
    };
    let rest = href.get(scheme_len..)?;
    if !rest.chars().any(|c| c != '/') {
        return None;
    }
    Some(encode_url(href))
}

/// Characters allowed inside a bare URL found in text.
fn is_url_char(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_control()
        && !matches!(c, '<' | '>' | '"' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' | '^')
}

/// If a bare `http://` / `https://` URL starts at byte `i` of `text`, returns
/// the byte offset of its end.
pub(super) fn bare_url_end(text: &str, i: usize) -> Option<usize> {
    let rest = text.as_bytes().get(i..)?;
    let matches_at =
        |pattern: &str| rest.len() >= pattern.len() && rest[..pattern.len()].eq_ignore_ascii_case(pattern.as_bytes());
    let body = if matches_at("https://") {
        i + 8
    } else if matches_at("http://") {
        i + 7
    } else {
        return None;
    };
    let end = text[body..].find(|c: char| !is_url_char(c)).map_or(text.len(), |n| body + n);
    // Trailing punctuation belongs to the sentence, not the URL; a closing
    // parenthesis only belongs to the URL if it is balanced. Every character
    // looked at here is ASCII, one byte.
    let bytes = text.as_bytes();
    let mut end = end;
    let (mut opens, mut closes) = (0usize, 0usize);
    for &b in &bytes[body..end] {
        match b {
            b'(' => opens += 1,
            b')' => closes += 1,
            _ => {}
        }
    }
    loop {
        if end <= body {
            return None;
        }
        let last = bytes[end - 1];
        if matches!(last, b'.' | b',' | b':' | b';' | b'!' | b'?' | b'\'' | b'*' | b'_' | b'~') {
            end -= 1;
        } else if last == b')' && closes > opens {
            end -= 1;
            closes -= 1;
        } else {
            break;
        }
    }
    if bytes[body..end].iter().all(|&c| c == b'/') {
        return None;
    }
    Some(end)
}
