//! Conversion of Smithy `smithy.api#documentation` strings to rustdoc Markdown.
//!
//! AWS models carry documentation as (loosely formed) HTML; Smithy IDL models
//! carry plain text / `CommonMark`. [`html_to_markdown`] turns either into lines
//! of Markdown that rustdoc renders without any warning:
//!
//! * all text is escaped so that nothing turns into an intra-doc link, raw
//!   HTML, a heading, a list, a table, a code block or emphasis by accident;
//! * bare `http(s)://` URLs become `<...>` autolinks (`rustdoc::bare_urls`);
//! * preformatted blocks become fenced ```` ```text ```` blocks, so no doctest
//!   is ever compiled or run from documentation text;
//! * only absolute `http(s)` links are kept as links.
//!
//! The converter is a single forward pass over a hand-written tokenizer with
//! an explicit element stack (no recursion over nesting depth), so it cannot
//! overflow the stack, never panics, and runs in time linear in the input
//! (list indentation is capped at `MAX_INDENT_LEVELS` levels).

/// Deepest list nesting that is rendered with its own indentation level;
/// deeper items are rendered as items of the deepest rendered level.
const MAX_INDENT_LEVELS: usize = 16;

/// Largest ordinal `CommonMark` accepts for an ordered list item (9 digits).
const MAX_ORDINAL: u64 = 999_999_999;

/// Converts Smithy documentation HTML (or plain text / `CommonMark`, which Smithy also allows) to rustdoc Markdown lines.
/// Each returned line becomes one `#[doc = " ..."]` attribute; the caller adds the leading space. No line has trailing whitespace; there are no leading/trailing empty lines and never two consecutive empty lines.
#[must_use]
pub fn html_to_markdown(input: &str) -> Vec<String> {
    let mut renderer = Renderer::default();
    let mut tokenizer = Tokenizer::new(input);
    while let Some(token) = tokenizer.next_token() {
        renderer.token(token);
    }
    renderer.finish()
}

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

/// One lexical unit of the input. Comments, doctypes and processing
/// instructions are skipped by the tokenizer and never produced.
#[derive(Debug)]
enum Token<'a> {
    /// Raw text; entities not yet decoded.
    Text(&'a str),
    /// Contents of a `<![CDATA[...]]>` section (literal text).
    Cdata(&'a str),
    /// A start tag; `name` is lowercased, `attrs` is the raw attribute text
    /// and `raw` the whole tag as written.
    Start {
        name: String,
        attrs: &'a str,
        self_closing: bool,
        raw: &'a str,
    },
    /// An end tag; `name` is lowercased and `raw` the whole tag as written.
    End { name: String, raw: &'a str },
}

struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// There is no `>` at or after this byte offset.
    no_gt_from: usize,
    /// Cleared after a quote-aware tag scan ran off the end of the input;
    /// afterwards tags simply end at the next `>`. This keeps the tokenizer
    /// linear on malformed input with unbalanced quotes.
    quotes_reliable: bool,
}

impl<'a> Tokenizer<'a> {
    fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            no_gt_from: usize::MAX,
            quotes_reliable: true,
        }
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.src.get(from..to).unwrap_or("")
    }

    fn find_byte(&self, needle: u8, from: usize) -> Option<usize> {
        self.src
            .as_bytes()
            .get(from..)?
            .iter()
            .position(|&b| b == needle)
            .map(|i| i + from)
    }

    fn find_str(&self, needle: &str, from: usize) -> Option<usize> {
        self.src.get(from..)?.find(needle).map(|i| i + from)
    }

    /// Position of the next `>` at or after `from`, remembering failures.
    fn find_gt(&mut self, from: usize) -> Option<usize> {
        if from >= self.no_gt_from {
            return None;
        }
        let found = self.find_byte(b'>', from);
        if found.is_none() {
            self.no_gt_from = from;
        }
        found
    }

    /// Position of the `>` that ends a tag whose attributes start at `from`.
    fn scan_tag_end(&mut self, from: usize) -> Option<usize> {
        if from >= self.no_gt_from {
            return None;
        }
        if self.quotes_reliable {
            let bytes = self.src.as_bytes();
            let mut i = from;
            let mut after_eq = false;
            while i < bytes.len() {
                let c = bytes[i];
                if c == b'>' {
                    return Some(i);
                }
                if c == b'=' {
                    after_eq = true;
                } else if (c == b'"' || c == b'\'') && after_eq {
                    match self.find_byte(c, i + 1) {
                        Some(close) => {
                            i = close + 1;
                            after_eq = false;
                            continue;
                        }
                        None => break,
                    }
                } else if !c.is_ascii_whitespace() {
                    after_eq = false;
                }
                i += 1;
            }
            self.quotes_reliable = false;
        }
        self.find_gt(from)
    }

    /// End (exclusive) of a tag name starting at `from`.
    fn name_end(&self, from: usize) -> usize {
        let bytes = self.src.as_bytes();
        let mut i = from;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        i
    }

    /// Tries to read markup starting at the `<` at `lt`. Returns the token
    /// (if any: comments produce none) and the offset after the markup, or
    /// `None` if the `<` is literal text.
    fn markup(&mut self, lt: usize) -> Option<(Option<Token<'a>>, usize)> {
        let len = self.src.len();
        let bytes = self.src.as_bytes();
        let rest = bytes.get(lt + 1..).unwrap_or(&[]);
        if rest.starts_with(b"!--") {
            let body = lt + 4;
            let after = bytes.get(body..).unwrap_or(&[]);
            if after.starts_with(b">") {
                return Some((None, body + 1));
            }
            if after.starts_with(b"->") {
                return Some((None, body + 2));
            }
            let end = self.find_str("-->", body).map_or(len, |i| i + 3);
            return Some((None, end));
        }
        if rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"![CDATA[") {
            let body = lt + 9;
            return Some(match self.find_str("]]>", body) {
                Some(i) => (Some(Token::Cdata(self.slice(body, i))), i + 3),
                None => (Some(Token::Cdata(self.slice(body, len))), len),
            });
        }
        match rest.first() {
            Some(b'!' | b'?') => self.find_gt(lt + 2).map(|e| (None, e + 1)),
            Some(b'/') => {
                if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
                    return None;
                }
                let name_start = lt + 2;
                let name_end = self.name_end(name_start);
                let end = self.scan_tag_end(name_end)?;
                let name = self.slice(name_start, name_end).to_ascii_lowercase();
                let raw = self.slice(lt, end + 1);
                Some((Some(Token::End { name, raw }), end + 1))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name_start = lt + 1;
                let name_end = self.name_end(name_start);
                let end = self.scan_tag_end(name_end)?;
                let name = self.slice(name_start, name_end).to_ascii_lowercase();
                let attrs = self.slice(name_end, end);
                let raw = self.slice(lt, end + 1);
                let trimmed = attrs.trim_end().as_bytes();
                let self_closing = match trimmed {
                    [b'/'] => true,
                    [.., before, b'/'] => {
                        matches!(before, b'"' | b'\'') || before.is_ascii_whitespace()
                    }
                    _ => false,
                };
                Some((
                    Some(Token::Start {
                        name,
                        attrs,
                        self_closing,
                        raw,
                    }),
                    end + 1,
                ))
            }
            _ => None,
        }
    }

    fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            let len = self.src.len();
            if self.pos >= len {
                return None;
            }
            let start = self.pos;
            let Some(lt) = self.find_byte(b'<', start) else {
                self.pos = len;
                return Some(Token::Text(self.slice(start, len)));
            };
            if lt > start {
                self.pos = lt;
                return Some(Token::Text(self.slice(start, lt)));
            }
            if let Some((token, end)) = self.markup(lt) {
                self.pos = end.max(lt + 1);
                if token.is_some() {
                    return token;
                }
            } else {
                let next = self.find_byte(b'<', lt + 1).unwrap_or(len);
                self.pos = next;
                return Some(Token::Text(self.slice(lt, next)));
            }
        }
    }
}

/// Value of attribute `wanted` (case-insensitive) in raw attribute text, with
/// entities decoded.
fn attr_value(attrs: &str, wanted: &str) -> Option<String> {
    let bytes = attrs.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    while i < len {
        while i < len && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= len {
            break;
        }
        let name_start = i;
        while i < len && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'/') {
            i += 1;
        }
        if i == name_start {
            // A stray `=`.
            i += 1;
            continue;
        }
        let name = attrs.get(name_start..i).unwrap_or("");
        while i < len && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < len && bytes[i] == b'=' {
            i += 1;
            while i < len && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < len && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let value_start = i + 1;
                let value_end = bytes[value_start..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(len, |p| p + value_start);
                value = attrs.get(value_start..value_end).unwrap_or("");
                i = (value_end + 1).min(len);
            } else {
                let value_start = i;
                while i < len && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = attrs.get(value_start..i).unwrap_or("");
            }
        }
        if name.eq_ignore_ascii_case(wanted) {
            return Some(decode_entities(value));
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Character level helpers
// ---------------------------------------------------------------------------

/// Bidirectional control characters, which rustc rejects in literals and
/// comments (`text_direction_codepoint_in_literal`).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Appends `s` to `out`, normalising line endings and dropping control and
/// bidi characters.
fn push_sanitized(out: &mut String, s: &str) {
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

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "amp" | "AMP" => "&",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "hellip" => "\u{2026}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "ldquo" => "\u{201C}",
        "rdquo" => "\u{201D}",
        "laquo" => "\u{ab}",
        "raquo" => "\u{bb}",
        "bull" => "\u{2022}",
        "middot" => "\u{b7}",
        "copy" => "\u{a9}",
        "reg" => "\u{ae}",
        "trade" => "\u{2122}",
        "deg" => "\u{b0}",
        "times" => "\u{d7}",
        "divide" => "\u{f7}",
        "plusmn" => "\u{b1}",
        "micro" => "\u{b5}",
        "para" => "\u{b6}",
        "sect" => "\u{a7}",
        "cent" => "\u{a2}",
        "pound" => "\u{a3}",
        "yen" => "\u{a5}",
        "euro" => "\u{20ac}",
        "le" => "\u{2264}",
        "ge" => "\u{2265}",
        "ne" => "\u{2260}",
        "minus" => "\u{2212}",
        "larr" => "\u{2190}",
        "rarr" => "\u{2192}",
        "uarr" => "\u{2191}",
        "darr" => "\u{2193}",
        "harr" => "\u{2194}",
        "shy" | "zwj" | "zwnj" => "",
        _ => return None,
    })
}

/// Parses an entity following a `&`. Returns the decoded text and the number
/// of bytes consumed (including the `;`).
fn parse_entity(after: &str) -> Option<(String, usize)> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (radix, digits_start) = match bytes.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits_len = bytes[digits_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if digits_len == 0 || digits_len > 8 || bytes.get(digits_start + digits_len) != Some(&b';')
        {
            return None;
        }
        let digits = after.get(digits_start..digits_start + digits_len)?;
        let value = u32::from_str_radix(digits, radix).ok()?;
        if value == 0 {
            return None;
        }
        let c = char::from_u32(value)?;
        return Some((c.to_string(), digits_start + digits_len + 1));
    }
    let name_len = bytes
        .iter()
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || bytes.get(name_len) != Some(&b';') {
        return None;
    }
    let decoded = named_entity(after.get(..name_len)?)?;
    Some((decoded.to_string(), name_len + 1))
}

/// Decodes HTML character references and sanitizes the result.
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        push_sanitized(&mut out, &rest[..amp]);
        let after = &rest[amp + 1..];
        if let Some((decoded, consumed)) = parse_entity(after) {
            push_sanitized(&mut out, &decoded);
            rest = after.get(consumed..).unwrap_or("");
        } else {
            out.push('&');
            rest = after;
        }
    }
    push_sanitized(&mut out, rest);
    out
}

/// Collapses every run of whitespace to one space and trims both ends.
fn collapse_ws(s: &str) -> String {
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
fn code_span(content: &str) -> String {
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
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{content}{pad}{fence}")
}

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
fn encode_autolink(url: &str) -> String {
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
fn normalize_href(href: &str) -> Option<String> {
    let href = href.trim();
    let lower_prefix: String = href
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
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
        && !matches!(
            c,
            '<' | '>' | '"' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' | '^'
        )
}

/// If a bare `http://` / `https://` URL starts at `chars[i]`, returns its end.
fn bare_url_end(chars: &[char], i: usize) -> Option<usize> {
    let matches_at = |pattern: &str| {
        pattern.chars().enumerate().all(|(k, p)| {
            chars
                .get(i + k)
                .is_some_and(|c| c.to_ascii_lowercase() == p)
        })
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
        if matches!(
            last,
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~'
        ) {
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
fn push_escaped_text(out: &mut String, text: &str, line_start: bool, in_link: bool) {
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

// ---------------------------------------------------------------------------
// Emphasis
// ---------------------------------------------------------------------------

// While a paragraph is built, emphasis delimiters are kept as these private
// use characters (removed from all input); `resolve_emphasis` turns them into
// Markdown or HTML once the characters around them are known.
const OPEN_BOLD: char = '\u{E000}';
const CLOSE_BOLD: char = '\u{E001}';
const OPEN_ITALIC: char = '\u{E002}';
const CLOSE_ITALIC: char = '\u{E003}';

fn is_marker(c: char) -> bool {
    matches!(c, OPEN_BOLD | CLOSE_BOLD | OPEN_ITALIC | CLOSE_ITALIC)
}

/// Replaces emphasis markers by `**` / `*` where `CommonMark`'s flanking rules
/// guarantee they pair up as intended, and by `<strong>` / `<em>` otherwise
/// (for example `a<b>(b)</b>`, where `a**(b)**` would not be emphasis).
fn resolve_emphasis(buf: &str) -> String {
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
                let wanted = if c == CLOSE_BOLD {
                    OPEN_BOLD
                } else {
                    OPEN_ITALIC
                };
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
        let weak =
            |c: Option<char>| c.map_or(true, |c| c.is_whitespace() || c.is_ascii_punctuation());
        let sides = (
            neighbour(o.checked_sub(1)),
            neighbour(Some(o + 1)),
            neighbour(c.checked_sub(1)),
            neighbour(Some(c + 1)),
        );
        let use_markdown = match sides {
            (Ok(before_open), Ok(after_open), Ok(before_close), Ok(after_close)) => {
                let opener_ok = after_open.is_some_and(|n| {
                    !n.is_whitespace() && (n.is_alphanumeric() || weak(before_open))
                });
                let closer_ok = before_close.is_some_and(|p| {
                    !p.is_whitespace() && (p.is_alphanumeric() || weak(after_close))
                });
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

// ---------------------------------------------------------------------------
// Tag classification
// ---------------------------------------------------------------------------

fn is_pre_tag(name: &str) -> bool {
    matches!(
        name,
        "pre" | "programlisting" | "codeblock" | "screen" | "xmp" | "listing"
    )
}

fn is_code_tag(name: &str) -> bool {
    matches!(
        name,
        "code" | "tt" | "kbd" | "samp" | "literal" | "userinput" | "filename" | "command"
    )
}

fn is_bold_tag(name: &str) -> bool {
    matches!(name, "b" | "strong")
}

fn is_italic_tag(name: &str) -> bool {
    matches!(
        name,
        "i" | "em" | "cite" | "dfn" | "var" | "emphasis" | "replaceable"
    )
}

fn is_heading_tag(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn note_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "note" => "Note",
        "important" => "Important",
        "warning" => "Warning",
        "caution" => "Caution",
        "tip" => "Tip",
        "danger" => "Danger",
        _ => return None,
    })
}

/// Block-level tags that only separate paragraphs.
fn is_boundary_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "address"
            | "center"
            | "title"
            | "para"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "hr"
            | "fieldset"
            | "form"
            | "details"
            | "summary"
            | "html"
            | "body"
            | "head"
            | "hgroup"
            | "menu"
            | "dir"
            | "examples"
            | "example"
    )
}

/// Tags that change the block structure (they end an inline code span).
fn is_structural_tag(name: &str) -> bool {
    is_boundary_tag(name)
        || is_heading_tag(name)
        || is_pre_tag(name)
        || note_label(name).is_some()
        || matches!(name, "ul" | "ol" | "li" | "dl" | "dt" | "dd")
}

/// HTML (and DocBook-ish) element names. Other `<...>` inside code or
/// preformatted text, such as `<view-id>`, are placeholders and kept literally.
fn is_known_tag(name: &str) -> bool {
    is_structural_tag(name)
        || is_code_tag(name)
        || is_bold_tag(name)
        || is_italic_tag(name)
        || matches!(
            name,
            "a" | "abbr"
                | "acronym"
                | "area"
                | "audio"
                | "base"
                | "bdi"
                | "bdo"
                | "big"
                | "blink"
                | "br"
                | "button"
                | "canvas"
                | "col"
                | "colgroup"
                | "data"
                | "datalist"
                | "del"
                | "dialog"
                | "embed"
                | "font"
                | "frame"
                | "frameset"
                | "iframe"
                | "img"
                | "input"
                | "ins"
                | "label"
                | "legend"
                | "link"
                | "map"
                | "mark"
                | "meta"
                | "meter"
                | "nobr"
                | "noscript"
                | "object"
                | "optgroup"
                | "option"
                | "output"
                | "param"
                | "picture"
                | "progress"
                | "q"
                | "rp"
                | "rt"
                | "ruby"
                | "s"
                | "script"
                | "search"
                | "select"
                | "small"
                | "source"
                | "span"
                | "strike"
                | "style"
                | "sub"
                | "sup"
                | "td"
                | "template"
                | "textarea"
                | "th"
                | "time"
                | "track"
                | "u"
                | "video"
                | "wbr"
                | "fullname"
                | "ulink"
                | "guilabel"
                | "guibutton"
                | "quote"
        )
}

// ---------------------------------------------------------------------------
// Renderer
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Bold,
    Italic,
    Code,
    Link,
    List,
    Item,
    Dl,
    Term,
    Desc,
    Note,
    Heading,
}

const KIND_COUNT: usize = 11;

impl Kind {
    fn index(self) -> usize {
        self as usize
    }

    fn is_block(self) -> bool {
        !matches!(self, Kind::Bold | Kind::Italic | Kind::Code | Kind::Link)
    }
}

/// An open element on the explicit element stack.
#[derive(Clone, Copy, Debug)]
struct Elem {
    kind: Kind,
    /// Item / Dl: whether an indentation level was pushed (false beyond the cap).
    pushed_indent: bool,
    /// Item -> its List; Term / Desc -> its Dl.
    parent: Option<usize>,
    /// List: the open Item.
    open_child: Option<usize>,
    /// List: `<ol>`.
    ordered: bool,
    /// List: next ordinal.
    counter: u64,
    /// List: one of its items has been written.
    emitted_items: bool,
    /// List: created for an `<li>` outside any list.
    implicit: bool,
    /// Dl: an item (indentation level) is open.
    has_item: bool,
    /// Link: the link has a usable destination and is rendered as a link.
    valid_link: bool,
}

impl Elem {
    fn new(kind: Kind) -> Self {
        Elem {
            kind,
            pushed_indent: false,
            parent: None,
            open_child: None,
            ordered: false,
            counter: 1,
            emitted_items: false,
            implicit: false,
            has_item: false,
            valid_link: false,
        }
    }
}

/// One level of list indentation.
#[derive(Debug)]
struct Indent {
    marker: String,
    /// Marker not yet written: the next block's first line carries it.
    pending: bool,
    /// An ordered marker not numbered 1: as the first item of a list it
    /// cannot interrupt a paragraph.
    start_not_one: bool,
    /// Stack position of the list element the item belongs to.
    list: Option<usize>,
}

impl Indent {
    fn width(&self) -> usize {
        self.marker.len()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum StyleKind {
    Bold,
    Italic,
    Link,
}

/// An active inline style; its opening delimiter is written lazily, just
/// before the first content inside it, so that empty styles vanish and
/// whitespace stays outside the delimiters.
#[derive(Debug)]
struct Style {
    kind: StyleKind,
    emitted: bool,
}

#[derive(Default)]
struct Renderer {
    /// Finished output lines.
    out: Vec<String>,
    /// The previous block was written inside a list item.
    last_block_in_item: bool,
    indents: Vec<Indent>,

    stack: Vec<Elem>,
    /// Stack positions of open elements, per kind.
    positions: [Vec<usize>; KIND_COUNT],
    /// Stack positions of open block elements.
    block_positions: Vec<usize>,

    /// Markdown of the current paragraph; `\n` marks a hard line break.
    buf: String,
    /// `buf` holds only a `**Note:**` style prefix.
    buf_only_prefix: bool,
    pending_space: bool,
    pending_break: bool,
    /// Decoded text not yet escaped into `buf`.
    text_run: String,

    styles: Vec<Style>,
    bold_depth: usize,
    italic_depth: usize,
    /// Style whose closing delimiter ends `buf` (for merging `**a****b**`).
    last_closed: Option<(StyleKind, usize)>,

    link_dest: String,
    /// The link's `href` in autolink form.
    link_auto: String,
    link_href: String,
    link_text: String,
    link_simple: bool,
    link_open_pos: Option<usize>,
    link_ever_emitted: bool,

    code_depth: usize,
    code_buf: String,
    /// The last code span written to `buf`: start, end and content.
    last_code: Option<(usize, usize, String)>,

    pre_depth: usize,
    pre_buf: String,
}

impl Renderer {
    // -- token dispatch ----------------------------------------------------

    fn token(&mut self, token: Token<'_>) {
        match token {
            Token::Text(raw) => {
                let text = decode_entities(raw);
                self.text(&text);
            }
            Token::Cdata(raw) => {
                let mut text = String::new();
                push_sanitized(&mut text, raw);
                self.text(&text);
            }
            Token::Start {
                name,
                attrs,
                self_closing,
                raw,
            } => self.start_tag(&name, attrs, self_closing, raw),
            Token::End { name, raw } => self.end_tag(&name, raw),
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre_depth > 0 {
            self.pre_buf.push_str(text);
            return;
        }
        if self.code_depth > 0 {
            self.code_buf.push_str(text);
            return;
        }
        // Blank lines separate paragraphs (plain text / CommonMark docs).
        let mut segment_start = 0;
        let mut run_start: Option<usize> = None;
        let mut newlines = 0;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if run_start.is_none() {
                    run_start = Some(i);
                    newlines = 0;
                }
                if c == '\n' {
                    newlines += 1;
                }
            } else if let Some(run) = run_start.take() {
                if newlines >= 2 {
                    self.text_run.push_str(&text[segment_start..run]);
                    self.boundary(true);
                    segment_start = i;
                }
            }
        }
        if let Some(run) = run_start {
            if newlines >= 2 {
                self.text_run.push_str(&text[segment_start..run]);
                self.boundary(true);
                segment_start = text.len();
            }
        }
        self.text_run.push_str(&text[segment_start..]);
    }

    fn start_tag(&mut self, name: &str, attrs: &str, self_closing: bool, raw: &str) {
        if self.pre_depth > 0 {
            if is_pre_tag(name) {
                if !self_closing {
                    self.pre_depth += 1;
                }
            } else if name == "br" {
                self.pre_buf.push('\n');
            } else if !is_known_tag(name) {
                push_sanitized(&mut self.pre_buf, raw);
            }
            return;
        }
        if self.code_depth > 0 && !is_structural_tag(name) {
            if is_code_tag(name) {
                if !self_closing {
                    self.push_elem(Elem::new(Kind::Code));
                    self.code_depth += 1;
                }
            } else if name == "br" {
                self.code_buf.push(' ');
            } else if !is_known_tag(name) {
                push_sanitized(&mut self.code_buf, raw);
            }
            return;
        }
        if name == "br" {
            self.line_break();
        } else if is_bold_tag(name) {
            if !self_closing {
                self.push_elem(Elem::new(Kind::Bold));
                self.style_on(StyleKind::Bold);
            }
        } else if is_italic_tag(name) {
            if !self_closing {
                self.push_elem(Elem::new(Kind::Italic));
                self.style_on(StyleKind::Italic);
            }
        } else if is_code_tag(name) {
            if !self_closing {
                self.flush_text_run();
                self.push_elem(Elem::new(Kind::Code));
                self.code_depth += 1;
            }
        } else if name == "a" {
            if !self_closing {
                self.open_link(attrs);
            }
        } else if name == "ul" || name == "ol" {
            if self_closing {
                self.boundary(false);
            } else {
                self.open_list(name == "ol", attrs);
            }
        } else if name == "li" {
            if !self_closing {
                self.open_item();
            }
        } else if name == "dl" {
            self.boundary(false);
            if !self_closing {
                self.push_elem(Elem::new(Kind::Dl));
            }
        } else if name == "dt" {
            if !self_closing {
                self.open_term();
            }
        } else if name == "dd" {
            if !self_closing {
                self.open_desc();
            }
        } else if let Some(label) = note_label(name) {
            if !self_closing {
                self.open_note(label);
            }
        } else if is_heading_tag(name) {
            self.boundary(true);
            if !self_closing {
                self.push_elem(Elem::new(Kind::Heading));
                self.style_on(StyleKind::Bold);
            }
        } else if is_pre_tag(name) {
            if !self_closing {
                self.boundary(false);
                self.pre_depth = 1;
                self.pre_buf.clear();
            }
        } else if name == "td" || name == "th" {
            self.flush_text_run();
            self.pending_space = true;
        } else if is_boundary_tag(name) {
            self.boundary(true);
        }
    }

    fn end_tag(&mut self, name: &str, raw: &str) {
        if self.pre_depth > 0 {
            if is_pre_tag(name) {
                self.pre_depth -= 1;
                if self.pre_depth == 0 {
                    self.emit_pre();
                }
            } else if !is_known_tag(name) {
                push_sanitized(&mut self.pre_buf, raw);
            }
            return;
        }
        if self.code_depth > 0 && !is_structural_tag(name) && !is_code_tag(name) {
            if name == "br" {
                self.code_buf.push(' ');
            } else if !is_known_tag(name) {
                push_sanitized(&mut self.code_buf, raw);
            }
            return;
        }
        if name == "br" {
            self.line_break();
        } else if is_bold_tag(name) {
            self.close_inline(Kind::Bold);
        } else if is_italic_tag(name) {
            self.close_inline(Kind::Italic);
        } else if is_code_tag(name) {
            self.close_inline(Kind::Code);
        } else if name == "a" {
            self.close_inline(Kind::Link);
        } else if name == "ul" || name == "ol" {
            self.close_block(Kind::List);
        } else if name == "li" {
            if let Some(&item) = self.positions[Kind::Item.index()].last() {
                let list = self.positions[Kind::List.index()].last().copied();
                if list.map_or(true, |l| item > l) {
                    self.pop_to(item);
                }
            }
        } else if name == "dl" {
            self.close_block(Kind::Dl);
        } else if name == "dt" {
            self.close_block(Kind::Term);
        } else if name == "dd" {
            self.close_block(Kind::Desc);
        } else if note_label(name).is_some() {
            self.close_block(Kind::Note);
        } else if is_heading_tag(name) {
            self.close_block(Kind::Heading);
        } else if name == "td" || name == "th" {
            self.flush_text_run();
            self.pending_space = true;
        } else if is_boundary_tag(name) {
            self.boundary(true);
        }
    }

    // -- element stack -----------------------------------------------------

    fn push_elem(&mut self, elem: Elem) -> usize {
        let index = self.stack.len();
        self.positions[elem.kind.index()].push(index);
        if elem.kind.is_block() {
            self.block_positions.push(index);
        }
        self.stack.push(elem);
        index
    }

    /// Closes every element at stack position `target` and above.
    fn pop_to(&mut self, target: usize) {
        while self.stack.len() > target {
            self.pop_one();
        }
        // A list opened implicitly for a stray `<li>` ends with that item.
        while self
            .stack
            .last()
            .is_some_and(|e| e.kind == Kind::List && e.implicit && e.open_child.is_none())
        {
            self.pop_one();
        }
    }

    fn pop_one(&mut self) {
        let Some(elem) = self.stack.pop() else {
            return;
        };
        self.positions[elem.kind.index()].pop();
        if elem.kind.is_block() {
            self.block_positions.pop();
        }
        self.on_close(elem);
    }

    /// Closes the nearest open inline element of `kind`, unless a block
    /// element was opened after it.
    fn close_inline(&mut self, kind: Kind) {
        if let Some(&p) = self.positions[kind.index()].last() {
            let block = self.block_positions.last().copied();
            if block.map_or(true, |b| p > b) {
                self.pop_to(p);
            }
        }
    }

    fn close_block(&mut self, kind: Kind) {
        if let Some(&p) = self.positions[kind.index()].last() {
            self.pop_to(p);
        }
    }

    fn on_close(&mut self, elem: Elem) {
        match elem.kind {
            Kind::Bold => self.style_off(StyleKind::Bold),
            Kind::Italic => self.style_off(StyleKind::Italic),
            Kind::Code => {
                self.code_depth = self.code_depth.saturating_sub(1);
                if self.code_depth == 0 {
                    let content = std::mem::take(&mut self.code_buf);
                    self.emit_code_span(&content);
                }
            }
            Kind::Link => {
                if elem.valid_link {
                    self.flush_text_run();
                    self.close_style(StyleKind::Link);
                }
            }
            Kind::List => self.boundary(false),
            Kind::Item => {
                self.boundary(false);
                if elem.pushed_indent {
                    self.indents.pop();
                }
                if let Some(list) = elem.parent.and_then(|p| self.stack.get_mut(p)) {
                    list.open_child = None;
                }
            }
            Kind::Dl => {
                self.boundary(false);
                if elem.has_item && elem.pushed_indent {
                    self.indents.pop();
                }
            }
            Kind::Term => {
                self.style_off(StyleKind::Bold);
                self.boundary(elem.parent.is_none());
            }
            Kind::Desc => self.boundary(elem.parent.is_none()),
            Kind::Note => {
                self.boundary(true);
                if self.buf_only_prefix {
                    self.buf.clear();
                    self.buf_only_prefix = false;
                    self.pending_space = false;
                    self.pending_break = false;
                }
            }
            Kind::Heading => {
                self.style_off(StyleKind::Bold);
                self.boundary(true);
            }
        }
    }

    // -- structure ---------------------------------------------------------

    /// Pushes a list indentation level, or, beyond the cap, starts a new item
    /// at the deepest level. Returns whether a level was pushed.
    fn push_indent(&mut self, marker: String, start_not_one: bool, list: Option<usize>) -> bool {
        if self.indents.len() < MAX_INDENT_LEVELS {
            self.indents.push(Indent {
                marker,
                pending: true,
                start_not_one,
                list,
            });
            return true;
        }
        if let Some(top) = self.indents.last_mut() {
            if !top.pending {
                // Keep the list type, so that the new item continues the
                // Markdown list of the deepest level.
                top.marker = if top.marker.starts_with('-') {
                    "- "
                } else {
                    "1. "
                }
                .to_string();
                top.pending = true;
                top.start_not_one = false;
            }
        }
        false
    }

    fn open_list(&mut self, ordered: bool, attrs: &str) {
        self.boundary(false);
        let mut elem = Elem::new(Kind::List);
        elem.ordered = ordered;
        if ordered {
            elem.counter = attr_value(attrs, "start")
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(1)
                .min(MAX_ORDINAL);
        }
        self.push_elem(elem);
    }

    fn open_item(&mut self) {
        // An open item of the innermost list ends where the next one starts.
        if let Some(&list) = self.positions[Kind::List.index()].last() {
            if let Some(item) = self.stack.get(list).and_then(|l| l.open_child) {
                self.pop_to(item);
            }
        }
        self.boundary(false);
        let list = if let Some(&list) = self.positions[Kind::List.index()].last() {
            list
        } else {
            let mut elem = Elem::new(Kind::List);
            elem.implicit = true;
            self.push_elem(elem)
        };
        let (marker, start_not_one) = match self.stack.get_mut(list) {
            Some(l) if l.ordered => {
                let n = l.counter;
                l.counter = (n + 1).min(MAX_ORDINAL);
                (format!("{n}. "), n != 1)
            }
            _ => ("- ".to_string(), false),
        };
        let pushed = self.push_indent(marker, start_not_one, Some(list));
        let mut elem = Elem::new(Kind::Item);
        elem.parent = Some(list);
        elem.pushed_indent = pushed;
        let index = self.push_elem(elem);
        if let Some(l) = self.stack.get_mut(list) {
            l.open_child = Some(index);
        }
    }

    /// Makes sure the definition list at `dl` has an item open; `new_item`
    /// forces a fresh one (for a `<dt>`).
    fn dl_item(&mut self, dl: usize, new_item: bool) {
        let (has_item, pushed) = match self.stack.get(dl) {
            Some(d) => (d.has_item, d.pushed_indent),
            None => return,
        };
        if has_item && !new_item {
            return;
        }
        if has_item && pushed {
            self.indents.pop();
        }
        let pushed = self.push_indent("- ".to_string(), false, None);
        if let Some(d) = self.stack.get_mut(dl) {
            d.has_item = true;
            d.pushed_indent = pushed;
        }
    }

    fn open_term(&mut self) {
        let mut elem = Elem::new(Kind::Term);
        match self.positions[Kind::Dl.index()].last().copied() {
            Some(dl) => {
                self.pop_to(dl + 1);
                self.boundary(false);
                self.dl_item(dl, true);
                elem.parent = Some(dl);
            }
            None => self.boundary(true),
        }
        self.push_elem(elem);
        self.style_on(StyleKind::Bold);
    }

    fn open_desc(&mut self) {
        let mut elem = Elem::new(Kind::Desc);
        match self.positions[Kind::Dl.index()].last().copied() {
            Some(dl) => {
                self.pop_to(dl + 1);
                self.boundary(false);
                self.dl_item(dl, false);
                elem.parent = Some(dl);
            }
            None => self.boundary(true),
        }
        self.push_elem(elem);
    }

    fn open_note(&mut self, label: &str) {
        self.boundary(false);
        self.push_elem(Elem::new(Kind::Note));
        self.buf.push_str("**");
        self.buf.push_str(label);
        self.buf.push_str(":**");
        self.buf_only_prefix = true;
        self.pending_space = true;
        self.last_closed = None;
    }

    fn open_link(&mut self, attrs: &str) {
        self.flush_text_run();
        // Links do not nest: a new link ends the previous one.
        self.close_inline(Kind::Link);
        let href = attr_value(attrs, "href").unwrap_or_default();
        let dest = normalize_href(&href);
        let already_linking = self.styles.iter().any(|s| s.kind == StyleKind::Link);
        let mut elem = Elem::new(Kind::Link);
        if let (Some(dest), false) = (dest, already_linking) {
            elem.valid_link = true;
            self.styles.push(Style {
                kind: StyleKind::Link,
                emitted: false,
            });
            self.link_dest = dest;
            self.link_auto = encode_autolink(href.trim());
            self.link_href = href.trim().to_string();
            self.link_text.clear();
            self.link_simple = true;
            self.link_open_pos = None;
            self.link_ever_emitted = false;
        }
        self.push_elem(elem);
    }

    fn line_break(&mut self) {
        if self.code_depth > 0 {
            self.code_buf.push(' ');
            return;
        }
        self.flush_text_run();
        if !self.buf.is_empty() && !self.buf_only_prefix {
            self.pending_break = true;
        }
    }

    // -- inline styles -----------------------------------------------------

    fn style_depth(&mut self, kind: StyleKind) -> &mut usize {
        match kind {
            StyleKind::Italic => &mut self.italic_depth,
            _ => &mut self.bold_depth,
        }
    }

    fn style_on(&mut self, kind: StyleKind) {
        self.flush_text_run();
        let depth = self.style_depth(kind);
        *depth += 1;
        if *depth == 1 {
            self.styles.push(Style {
                kind,
                emitted: false,
            });
        }
    }

    fn style_off(&mut self, kind: StyleKind) {
        self.flush_text_run();
        let depth = self.style_depth(kind);
        if *depth == 0 {
            return;
        }
        *depth -= 1;
        if *depth == 0 {
            self.close_style(kind);
        }
    }

    fn close_style(&mut self, kind: StyleKind) {
        let Some(index) = self.styles.iter().position(|s| s.kind == kind) else {
            return;
        };
        let emitted = self.styles[index].emitted;
        if emitted {
            for j in (index + 1..self.styles.len()).rev() {
                if self.styles[j].emitted {
                    self.push_closer(j);
                    self.styles[j].emitted = false;
                }
            }
            self.push_closer(index);
        }
        self.styles.remove(index);
        if kind == StyleKind::Link {
            if !emitted && !self.link_ever_emitted {
                // A link without text: show its destination.
                let autolink = format!("<{}>", self.link_auto);
                self.emit_raw(&autolink);
            }
            self.link_open_pos = None;
            self.link_text.clear();
        }
    }

    /// Writes the closing delimiter of `styles[index]`.
    fn push_closer(&mut self, index: usize) {
        let kind = self.styles[index].kind;
        match kind {
            StyleKind::Bold => self.buf.push(CLOSE_BOLD),
            StyleKind::Italic => self.buf.push(CLOSE_ITALIC),
            StyleKind::Link => {
                let same_as_url = self.link_simple
                    && collapse_ws(&self.link_text) == self.link_href
                    && !self.link_href.is_empty();
                match self.link_open_pos {
                    Some(pos) if same_as_url && pos < self.buf.len() => {
                        self.buf.truncate(pos);
                        self.buf.push('<');
                        self.buf.push_str(&self.link_auto);
                        self.buf.push('>');
                    }
                    _ => {
                        self.buf.push_str("](");
                        self.buf.push_str(&self.link_dest);
                        self.buf.push(')');
                    }
                }
                self.link_open_pos = None;
            }
        }
        self.last_closed = Some((kind, self.buf.len()));
    }

    /// Prepares `buf` for new content: writes a pending line break or space
    /// and the opening delimiters of active styles.
    fn begin_content(&mut self) {
        if !self.buf.is_empty() {
            if self.pending_break {
                self.buf.push('\n');
                self.link_simple = false;
            } else if self.pending_space {
                self.buf.push(' ');
            }
        }
        self.pending_break = false;
        self.pending_space = false;
        self.buf_only_prefix = false;
        let link_emitted = self
            .styles
            .iter()
            .any(|s| s.kind == StyleKind::Link && s.emitted);
        for i in 0..self.styles.len() {
            if self.styles[i].emitted {
                continue;
            }
            self.styles[i].emitted = true;
            match self.styles[i].kind {
                StyleKind::Bold | StyleKind::Italic => {
                    let kind = self.styles[i].kind;
                    let (open, close) = if kind == StyleKind::Bold {
                        (OPEN_BOLD, CLOSE_BOLD)
                    } else {
                        (OPEN_ITALIC, CLOSE_ITALIC)
                    };
                    if self.last_closed == Some((kind, self.buf.len())) && self.buf.ends_with(close)
                    {
                        // `<b>a</b><b>b</b>`: continue the span instead.
                        self.buf.pop();
                    } else {
                        self.buf.push(open);
                    }
                    if link_emitted {
                        self.link_simple = false;
                    }
                }
                StyleKind::Link => {
                    // `!` right before `[` would make an image.
                    if self.buf.ends_with('!') {
                        let before = &self.buf[..self.buf.len() - 1];
                        let backslashes = before.chars().rev().take_while(|&c| c == '\\').count();
                        if backslashes % 2 == 0 {
                            let at = self.buf.len() - 1;
                            self.buf.insert(at, '\\');
                        }
                    }
                    self.link_open_pos = Some(self.buf.len());
                    self.buf.push('[');
                    self.link_ever_emitted = true;
                    self.link_text.clear();
                }
            }
        }
        self.last_closed = None;
    }

    /// Writes non-text inline Markdown (an autolink).
    fn emit_raw(&mut self, markdown: &str) {
        self.begin_content();
        self.buf.push_str(markdown);
        self.link_simple = false;
    }

    /// Escapes the pending text run into `buf`.
    fn flush_text_run(&mut self) {
        if self.text_run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.text_run);
        let leading = run.starts_with(char::is_whitespace);
        let trailing = run.ends_with(char::is_whitespace);
        let mut collapsed = collapse_ws(&run);
        if leading {
            self.pending_space = true;
        }
        if !collapsed.is_empty() {
            let in_link = self.styles.iter().any(|s| s.kind == StyleKind::Link);
            let spaced = self.pending_space;
            self.begin_content();
            if in_link {
                if spaced && !self.link_text.is_empty() {
                    self.link_text.push(' ');
                }
                self.link_text.push_str(&collapsed);
            }
            let line_start = self.buf.is_empty() || self.buf.ends_with('\n');
            let after_code = self
                .last_code
                .as_ref()
                .is_some_and(|(_, end, _)| *end == self.buf.len());
            if after_code && collapsed.starts_with('`') {
                // A backtick right after a code span's fence would join it.
                self.buf.push_str("&#96;");
                collapsed.remove(0);
            }
            if !collapsed.is_empty() {
                push_escaped_text(&mut self.buf, &collapsed, line_start, in_link);
            }
        }
        if trailing {
            self.pending_space = true;
        }
    }

    fn emit_code_span(&mut self, content: &str) {
        let mut collapsed = collapse_ws(content);
        if content.starts_with(char::is_whitespace) {
            self.pending_space = true;
        }
        if !collapsed.is_empty() {
            self.begin_content();
            self.link_simple = false;
            let mut start = self.buf.len();
            match self.last_code.take() {
                // Directly after another code span: merge them, as adjacent
                // fences would run together into one backtick string.
                Some((prev_start, prev_end, prev)) if prev_end == self.buf.len() => {
                    self.buf.truncate(prev_start);
                    start = prev_start;
                    collapsed.insert_str(0, &prev);
                }
                _ => {
                    // An escaped backtick right before the fence would join
                    // it; spell that backtick as a character reference.
                    if self.buf.ends_with('`') {
                        let before = &self.buf[..self.buf.len() - 1];
                        let backslashes = before.chars().rev().take_while(|&c| c == '\\').count();
                        if backslashes % 2 == 1 {
                            self.buf.truncate(self.buf.len() - 2);
                            self.buf.push_str("&#96;");
                            start = self.buf.len();
                        }
                    }
                }
            }
            self.buf.push_str(&code_span(&collapsed));
            self.last_code = Some((start, self.buf.len(), collapsed));
        }
        if content.ends_with(char::is_whitespace) {
            self.pending_space = true;
        }
    }

    /// Writes the code collected so far as a span (at a block boundary inside
    /// `<code>`); the code element stays open.
    fn flush_code(&mut self) {
        if self.code_depth > 0 && !self.code_buf.is_empty() {
            let content = std::mem::take(&mut self.code_buf);
            self.emit_code_span(&content);
        }
    }

    // -- blocks ------------------------------------------------------------

    /// Ends the current paragraph. A `soft` boundary keeps a lone `**Note:**`
    /// prefix so that it joins the note's first paragraph.
    fn boundary(&mut self, soft: bool) {
        self.flush_text_run();
        self.flush_code();
        if soft && self.buf_only_prefix {
            return;
        }
        for j in (0..self.styles.len()).rev() {
            if self.styles[j].emitted {
                self.push_closer(j);
                self.styles[j].emitted = false;
            }
        }
        self.link_simple = true;
        self.link_open_pos = None;
        self.link_text.clear();
        self.last_closed = None;
        self.last_code = None;
        self.pending_space = false;
        self.pending_break = false;
        self.buf_only_prefix = false;
        if self.buf.is_empty() {
            return;
        }
        let buf = resolve_emphasis(&std::mem::take(&mut self.buf));
        let pieces: Vec<&str> = buf
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let count = pieces.len();
        let lines = pieces
            .into_iter()
            .enumerate()
            .map(|(k, piece)| {
                if k + 1 < count {
                    format!("{piece}\\")
                } else {
                    piece.to_string()
                }
            })
            .collect();
        self.emit_block(lines);
    }

    /// Writes a fenced ```` ```text ```` block for the collected preformatted text.
    fn emit_pre(&mut self) {
        let content = std::mem::take(&mut self.pre_buf);
        let lines: Vec<&str> = content.split('\n').map(str::trim_end).collect();
        let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
            return;
        };
        let last = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(first);
        let lines = &lines[first..=last];
        let indent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.chars().take_while(|&c| c == ' ' || c == '\t').count())
            .min()
            .unwrap_or(0);
        let mut longest_ticks = 0;
        let mut body: Vec<String> = Vec::with_capacity(lines.len() + 2);
        body.push(String::new());
        for line in lines {
            if line.is_empty() {
                if body.last().is_some_and(|l| !l.is_empty()) {
                    body.push(String::new());
                }
                continue;
            }
            let mut current = 0;
            for c in line.chars() {
                if c == '`' {
                    current += 1;
                    longest_ticks = longest_ticks.max(current);
                } else {
                    current = 0;
                }
            }
            body.push(line.chars().skip(indent).collect());
        }
        let fence = "`".repeat((longest_ticks + 1).max(3));
        body[0] = format!("{fence}text");
        body.push(fence);
        self.boundary(false);
        self.emit_block(body);
    }

    /// Appends a block, separated from the previous one and indented for the
    /// open list items.
    fn emit_block(&mut self, lines: Vec<String>) {
        if lines.is_empty() {
            return;
        }
        let marker_block = self.indents.iter().any(|f| f.pending);
        // The first written item of an ordered list not starting at 1
        // cannot interrupt a paragraph.
        let needs_blank = self.indents.iter().any(|f| {
            f.pending
                && f.start_not_one
                && !f
                    .list
                    .and_then(|l| self.stack.get(l))
                    .is_some_and(|l| l.emitted_items)
        });
        if self.out.last().is_some_and(|l| !l.is_empty()) {
            let tight = marker_block && self.last_block_in_item && !needs_blank;
            if !tight {
                self.out.push(String::new());
            }
        }
        let mut first_prefix = String::new();
        let mut width = 0;
        for frame in &self.indents {
            if frame.pending {
                first_prefix.push_str(&frame.marker);
            } else {
                first_prefix.push_str(&" ".repeat(frame.width()));
            }
            width += frame.width();
        }
        let continuation = " ".repeat(width);
        for (k, line) in lines.into_iter().enumerate() {
            if line.is_empty() {
                if self.out.last().is_some_and(|l| !l.is_empty()) {
                    self.out.push(String::new());
                }
                continue;
            }
            let prefix = if k == 0 { &first_prefix } else { &continuation };
            let full = format!("{prefix}{line}");
            self.out.push(full.trim_end().to_string());
        }
        for frame in &mut self.indents {
            if frame.pending {
                frame.pending = false;
                if let Some(list) = frame.list.and_then(|l| self.stack.get_mut(l)) {
                    list.emitted_items = true;
                }
            }
        }
        self.last_block_in_item = !self.indents.is_empty();
    }

    fn finish(mut self) -> Vec<String> {
        if self.pre_depth > 0 {
            self.pre_depth = 0;
            self.emit_pre();
        }
        self.pop_to(0);
        self.boundary(false);
        while self.out.last().is_some_and(std::string::String::is_empty) {
            self.out.pop();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown as md;

    fn joined(input: &str) -> String {
        md(input).join("\n")
    }

    /// Invariants every output must satisfy.
    fn check_invariants(input: &str, lines: &[String]) {
        assert!(
            lines.first().map_or(true, |l| !l.is_empty()),
            "leading empty line: {input:?}"
        );
        assert!(
            lines.last().map_or(true, |l| !l.is_empty()),
            "trailing empty line: {input:?}"
        );
        for pair in lines.windows(2) {
            assert!(
                !(pair[0].is_empty() && pair[1].is_empty()),
                "double empty line: {input:?}"
            );
        }
        for line in lines {
            assert_eq!(line.trim_end(), line, "trailing whitespace: {input:?}");
            assert!(
                !line.contains('\n') && !line.contains('\r'),
                "newline in line: {input:?}"
            );
        }
    }

    #[test]
    fn empty_and_whitespace_input() {
        assert!(md("").is_empty());
        assert!(md("   \n\t  ").is_empty());
        assert!(md("<p></p><p>  </p><b></b><code> </code>").is_empty());
    }

    #[test]
    fn paragraphs_collapse_whitespace() {
        assert_eq!(
            md("<p>The phone\n            number. </p>\n   <p> Second\tparagraph.</p>"),
            vec!["The phone number.", "", "Second paragraph."]
        );
    }

    #[test]
    fn plain_text_paragraphs() {
        assert_eq!(
            md("First line\ncontinues.\n\n  Second paragraph.\r\n\r\nThird."),
            vec![
                "First line continues.",
                "",
                "Second paragraph.",
                "",
                "Third."
            ]
        );
    }

    #[test]
    fn line_breaks() {
        assert_eq!(md("a<br>b<br/><br />c<br>"), vec!["a\\", "b\\", "c"]);
        assert_eq!(md("<br>a"), vec!["a"]);
        assert_eq!(md("<b>x<br></b>y"), vec!["**x**\\", "y"]);
    }

    #[test]
    fn inline_code() {
        assert_eq!(
            joined("Use <code>ListFoo</code> now."),
            "Use `ListFoo` now."
        );
        assert_eq!(joined("a<code> b </code>c"), "a `b` c");
        assert_eq!(joined("x <code>a`b</code>"), "x ``a`b``");
        assert_eq!(joined("x <code>`a``</code>"), "x ``` `a`` ```");
        assert_eq!(joined("x <code></code> y"), "x y");
        assert_eq!(
            joined("<code>[+] [country code]</code>"),
            "`[+] [country code]`"
        );
        assert_eq!(joined("<code>a\n     b</code>"), "`a b`");
        // Fences must never touch other backticks.
        assert_eq!(joined("<code>a</code><code>`b</code>"), "``a`b``");
        assert_eq!(joined("x`<code>a</code>`y"), "x&#96;`a`&#96;y");
        assert_eq!(joined("x\\`<code>a</code>"), "x\\\\&#96;`a`");
    }

    #[test]
    fn placeholders_inside_code_are_kept() {
        assert_eq!(
            joined("<code><view-id>:$SAVED</code>"),
            "`<view-id>:$SAVED`"
        );
        assert_eq!(joined("<code><Expression 1></code>"), "`<Expression 1>`");
        assert_eq!(joined("<code><b>bold</b></code>"), "`bold`");
    }

    #[test]
    fn bold_and_italic() {
        assert_eq!(
            joined("<b>bold</b> and <STRONG>strong</STRONG>"),
            "**bold** and **strong**"
        );
        assert_eq!(
            joined("see the<i> Administrator Guide</i>."),
            "see the *Administrator Guide*."
        );
        assert_eq!(joined("<em>a</em><b>b</b>"), "<em>a</em>**b**");
        assert_eq!(joined("<b>a</b><b>b</b>"), "**ab**");
        assert_eq!(joined("<b><b><i>x</i></b></b>"), "**<em>x</em>**");
        // Delimiters that CommonMark would not accept as emphasis become HTML.
        assert_eq!(joined("a<b>(b)</b>c"), "a<strong>(b)</strong>c");
        assert_eq!(joined("<b><code>X</code></b>s"), "<strong>`X`</strong>s");
        assert_eq!(joined("<b><code>X</code></b>, y"), "**`X`**, y");
        assert_eq!(joined("x<i>a</i>y"), "x*a*y");
    }

    #[test]
    fn links() {
        assert_eq!(
            joined(r#"see <a href="https://example.com/a">the docs</a>."#),
            "see [the docs](https://example.com/a)."
        );
        assert_eq!(
            joined("<A HREF='https://x.io/(y) z'>t</A>"),
            "[t](https://x.io/%28y%29%20z)"
        );
        assert_eq!(joined("<a href=https://x.io/>t</a>"), "[t](https://x.io/)");
        assert_eq!(joined("<a>no href</a>"), "no href");
        assert_eq!(joined(r#"<a href="">empty</a>"#), "empty");
        assert_eq!(joined(r#"<a href="/relative/path.html">rel</a>"#), "rel");
        assert_eq!(joined(r#"<a href="javascript:alert(1)">js</a>"#), "js");
        assert_eq!(
            joined(r#"<a href="https://x.io/a">https://x.io/a</a>"#),
            "<https://x.io/a>"
        );
        assert_eq!(
            joined(r#"<a href="https://x.io/a"></a>"#),
            "<https://x.io/a>"
        );
        assert_eq!(
            joined(r#"Hi!<a href="https://x.io">y</a>"#),
            "Hi\\![y](https://x.io)"
        );
        assert_eq!(
            joined(r#"<a href="https://x.io"><code>Foo</code> [x]</a>"#),
            "[`Foo` \\[x\\]](https://x.io)"
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            joined("Go to https://docs.aws.amazon.com/connect/x.html. Or (http://a.b/c)."),
            "Go to <https://docs.aws.amazon.com/connect/x.html>. Or (<http://a.b/c>)."
        );
        assert_eq!(joined("https:// alone"), "https:// alone");
    }

    #[test]
    fn unordered_and_nested_lists() {
        let input = "<p>Intro:</p><ul>\n <li><p>One</p></li>\n <li>Two<ul><li>Two a</li><li>Two b</li></ul></li><li>Three<p>More</p></li></ul><p>After</p>";
        assert_eq!(
            md(input),
            vec![
                "Intro:",
                "",
                "- One",
                "- Two",
                "  - Two a",
                "  - Two b",
                "- Three",
                "",
                "  More",
                "",
                "After"
            ]
        );
    }

    #[test]
    fn ordered_lists() {
        assert_eq!(
            md("<ol><li>a</li><li>b<ol><li>c</li></ol></li></ol>"),
            vec!["1. a", "2. b", "   1. c"]
        );
        assert_eq!(
            md("<p>x</p><ol start=\"3\"><li>a</li><li>b</li></ol>"),
            vec!["x", "", "3. a", "4. b"]
        );
        assert_eq!(
            md("<ul><li><ol><li>deep</li></ol></li></ul>"),
            vec!["- 1. deep"]
        );
        // The first written item of a list starting at 8 cannot interrupt "a".
        assert_eq!(
            md("<ul><li>a<ol start=7><li></li><li>b</li><li>c</li></ol></li></ul>"),
            vec!["- a", "", "  8. b", "  9. c"]
        );
    }

    #[test]
    fn unclosed_list_items() {
        assert_eq!(md("<ul><li>a<li>b</ul>c"), vec!["- a", "- b", "", "c"]);
        assert_eq!(md("<li>stray</li><li>two"), vec!["- stray", "- two"]);
    }

    #[test]
    fn notes() {
        assert_eq!(
            md("<note><p>Be careful.</p></note>"),
            vec!["**Note:** Be careful."]
        );
        assert_eq!(
            md("<p>a</p><important>Really <b>do</b> it.</important><p>b</p>"),
            vec!["a", "", "**Important:** Really **do** it.", "", "b"]
        );
        assert_eq!(
            md("<note><ul><li>x</li></ul></note>"),
            vec!["**Note:**", "", "- x"]
        );
        assert!(md("<note> </note>").is_empty());
    }

    #[test]
    fn definition_lists() {
        assert_eq!(
            md("<dl><dt>TERM_ONE</dt><dd><p>Unit: COUNT</p><p>More</p></dd><dt>Two</dt><dd>Desc</dd></dl><p>x</p>"),
            vec!["- **TERM_ONE**", "", "  Unit: COUNT", "", "  More", "- **Two**", "", "  Desc", "", "x"]
        );
        assert_eq!(
            md("<dt>Loose</dt><dd>def</dd>"),
            vec!["**Loose**", "", "def"]
        );
    }

    #[test]
    fn headings_are_bold_paragraphs() {
        assert_eq!(
            md("<h2>Title</h2><p>Body</p>"),
            vec!["**Title**", "", "Body"]
        );
        assert_eq!(md("<h1><b>T</b></h1>"), vec!["**T**"]);
    }

    #[test]
    fn preformatted_blocks() {
        assert_eq!(
            md("<p>Example:</p><pre>\n    {\n      \"a\": 1\n    }\n</pre>"),
            vec!["Example:", "", "```text", "{", "  \"a\": 1", "}", "```"]
        );
        assert_eq!(
            md("<ul><li>x<programlisting>a &lt; b\n\n\n\nc</programlisting></li></ul>"),
            vec!["- x", "", "  ```text", "  a < b", "", "  c", "  ```"]
        );
        assert_eq!(
            md("<codeblock>``` x</codeblock>"),
            vec!["````text", "``` x", "````"]
        );
        assert!(md("<pre>  \n </pre>").is_empty());
        assert_eq!(
            md("<pre><code>fn main() {}</code></pre>"),
            vec!["```text", "fn main() {}", "```"]
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            joined("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"),
            "a \\<b> & \"c\" 'd'"
        );
        assert_eq!(joined("&#65;&#x42;&#X1F600;"), "AB\u{1F600}");
        assert_eq!(
            joined("x&nbsp;y &bogus; &#xD800; &#0; & ;"),
            "x y \\&bogus; \\&#xD800; \\&#0; & ;"
        );
        assert_eq!(joined("&amp;lt;"), "\\&lt;");
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(
            joined("a [link] `tick` *star* _under_ snake_case \\ ~x~ <b>"),
            "a \\[link\\] \\`tick\\` \\*star\\* \\_under\\_ snake_case \\\\ \\~x\\~"
        );
        assert_eq!(joined("# not a heading"), "\\# not a heading");
        assert_eq!(joined("> not a quote"), "\\> not a quote");
        assert_eq!(joined("- not a list"), "\\- not a list");
        assert_eq!(joined("+ not a list"), "\\+ not a list");
        assert_eq!(joined("12. not a list"), "12\\. not a list");
        assert_eq!(joined("a<br>=== b<br>| c |"), "a\\\n\\=== b\\\n\\| c |");
        assert_eq!(joined("x > y | z - 1. w"), "x > y | z - 1. w");
        assert_eq!(joined("&lt;foo&gt;"), "\\<foo>");
    }

    #[test]
    fn tags_are_case_insensitive_and_unknown_tags_dropped() {
        assert_eq!(
            joined("<P>Amazon <fullname>Connect</fullname> <SPAN class='x'>Service</SPAN><div>Next</div></P>"),
            "Amazon Connect Service\n\nNext"
        );
        assert_eq!(joined("<foo bar=\"1\">kept</foo>"), "kept");
    }

    #[test]
    fn comments_and_odd_markup() {
        assert_eq!(
            joined("a<!-- hidden <b> -->b<!---->c<!DOCTYPE html><?xml x?>d"),
            "abcd"
        );
        assert_eq!(joined("a<!-- unclosed"), "a");
        assert_eq!(
            joined("x < y and 3<4 and a <= b"),
            "x \\< y and 3\\<4 and a \\<= b"
        );
        assert_eq!(joined("<![CDATA[<b>literal</b>]]>"), "\\<b>literal\\</b>");
    }

    #[test]
    fn attributes_with_all_quote_styles() {
        assert_eq!(
            joined(r#"<a title="x > y" href="https://a.io">t</a>"#),
            "[t](https://a.io)"
        );
        assert_eq!(
            joined("<a title='q\"' href='https://a.io'>t</a>"),
            "[t](https://a.io)"
        );
        assert_eq!(
            joined("<a data-x=1 href=https://a.io/?q=1&amp;r=2>t</a>"),
            "[t](https://a.io/?q=1&r=2)"
        );
    }

    #[test]
    fn malformed_input() {
        assert_eq!(
            joined("<b>unclosed <i>styles"),
            "**unclosed <em>styles</em>**"
        );
        assert_eq!(joined("</b></ul></li>stray ends"), "stray ends");
        assert_eq!(
            joined("<a href=\"https://x.io>broken"),
            "[broken](https://x.io)"
        );
        assert_eq!(joined("<p>a <b>b <p>c</b> d"), "a **b**\n\n**c** d");
        assert_eq!(joined("<code>unclosed"), "`unclosed`");
        assert_eq!(
            joined("<pre>unclosed\n  pre"),
            "```text\nunclosed\n  pre\n```"
        );
        assert_eq!(joined("<"), "\\<");
        assert_eq!(joined("<a"), "\\<a");
        assert_eq!(joined("</"), "\\</");
        assert_eq!(joined("a</>b"), "a\\</>b");
    }

    #[test]
    fn control_and_bidi_characters_are_dropped() {
        assert_eq!(joined("a\u{0}b\u{7}c\u{202E}d\u{2066}e"), "abcde");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let run = || {
            let depth = 10_000;
            let lists = format!(
                "{}x{}",
                "<ul><li>".repeat(depth),
                "</li></ul>".repeat(depth)
            );
            let out = md(&lists);
            check_invariants(&lists, &out);
            assert_eq!(out.len(), 1);
            let bolds = format!("{}x{}", "<b>".repeat(depth), "</b>".repeat(depth));
            assert_eq!(md(&bolds), vec!["**x**"]);
            let unclosed =
                "<ul><li><b><i><code><a href='https://x.io'><dl><dt><note>".repeat(depth);
            let out = md(&unclosed);
            check_invariants(&unclosed, &out);
            let bare = "<ul>".repeat(depth) + "y" + &"<li>".repeat(depth);
            check_invariants(&bare, &md(&bare));
        };
        // A small stack proves there is no recursion over nesting depth.
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(run)
            .expect("spawn")
            .join()
            .expect("no panic");
    }

    #[test]
    fn deep_lists_are_capped() {
        let input = format!("{}x", "<ul><li>a".repeat(40));
        let out = md(&input);
        check_invariants(&input, &out);
        let max_indent = out
            .iter()
            .map(|l| l.len() - l.trim_start().len())
            .max()
            .unwrap_or(0);
        assert!(max_indent <= 2 * super::MAX_INDENT_LEVELS);
    }

    #[test]
    fn pathological_inputs_are_fast() {
        let start = std::time::Instant::now();
        for input in [
            "<a ".repeat(50_000),
            "<a x=\"".repeat(50_000),
            "<a x='>".repeat(50_000),
            "<!".repeat(50_000),
            "&#".repeat(50_000),
            "<li>".repeat(50_000),
            "<dt><dd>".repeat(50_000),
            "<ul>".repeat(50_000) + &"</li>".repeat(50_000),
            "<b><p>".repeat(50_000),
            "https://".repeat(50_000),
            "[<br>".repeat(50_000),
        ] {
            let out = md(&input);
            check_invariants(&input, &out);
        }
        assert!(
            start.elapsed().as_secs() < 20,
            "too slow: {:?}",
            start.elapsed()
        );
    }

    #[test]
    fn random_inputs_keep_invariants() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<code>",
            "</code>",
            "<a href=\"https://a.io/x\">",
            "<a>",
            "</a>",
            "<ul>",
            "</ul>",
            "<ol>",
            "</ol>",
            "<li>",
            "</li>",
            "<dl>",
            "</dl>",
            "<dt>",
            "</dt>",
            "<dd>",
            "</dd>",
            "<note>",
            "</note>",
            "<important>",
            "</important>",
            "<h3>",
            "</h3>",
            "<pre>",
            "</pre>",
            "<br>",
            "<span>",
            "</span>",
            "<!--",
            "-->",
            " ",
            "\n",
            "\n\n",
            "word",
            "1.",
            "#",
            "-",
            "*",
            "_",
            "`",
            "[",
            "]",
            "<",
            ">",
            "&",
            "&lt;",
            "&#x1F600;",
            "é",
            "\u{a0}",
            "https://x.y/z",
            "!",
            "\"",
            "'",
            "=",
            "|",
            "~",
            "\\",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let input: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let out = md(&input);
            check_invariants(&input, &out);
            assert_eq!(out, md(&input), "deterministic");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut state: u64 = 42;
        for _ in 0..2000 {
            let len = (state % 64) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    b"<>/=\"'&#;!-abpliu x\n"[((state >> 33) % 20) as usize]
                })
                .collect();
            let input = String::from_utf8_lossy(&bytes).into_owned();
            check_invariants(&input, &md(&input));
            let mixed = format!("{input}\u{1F600}{input}ü");
            check_invariants(&mixed, &md(&mixed));
        }
    }
}
