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

/// If a bare `http://` / `https://` URL starts at `chars[i]`, returns its end.
pub(super) fn bare_url_end(chars: &[char], i: usize) -> Option<usize> {
    let matches_at = |pattern: &str| {
        pattern.chars().enumerate().all(|(k, p)| chars.get(i + k).is_some_and(|c| c.to_ascii_lowercase() == p))
    };
    let body = if matches_at("https://") {
        i + 8
    } else if matches_at("http://") {
        i + 7
    } else {
        return None;
    };
    let mut end = body;
    while end < chars.len() && is_url_char(chars[end]) {
        end += 1;
    }
    // Trailing punctuation belongs to the sentence, not the URL; a closing
    // parenthesis only belongs to the URL if it is balanced.
    loop {
        if end <= body {
            return None;
        }
        let last = chars[end - 1];
        if matches!(last, '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~') {
            end -= 1;
        } else if last == ')' {
            let opens = chars[body..end].iter().filter(|&&c| c == '(').count();
            let closes = chars[body..end].iter().filter(|&&c| c == ')').count();
            if closes > opens {
                end -= 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if chars[body..end].iter().all(|&c| c == '/') {
        return None;
    }
    Some(end)
}
