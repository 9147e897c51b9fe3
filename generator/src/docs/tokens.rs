//! The input side: html5gum's WHATWG tokenizer, reduced to the tokens the
//! renderer acts on.
//!
//! html5gum implements the tokenization chapter of the HTML standard,
//! character references included, so tag soup is split exactly where a
//! browser splits it and `&...;` is decoded by the standard's table and
//! rules. The tokenizer alone never switches to the RAWTEXT / RCDATA states
//! (that is the tree builder's job), so `<script>` or `<title>` content is
//! tokenized as ordinary markup. Comments, doctypes and parse errors carry
//! nothing for the documentation and are dropped here.
//!
//! Why html5gum: no dependencies, no `unsafe`, source spans (placeholders
//! such as `<Expression 1>` inside code are kept as written), and it passes
//! html5lib's tokenizer tests. Rejected: html5ever's tokenizer (25 more
//! crates, no spans), html5tokenizer (an older fork, slower, unreleased
//! since 2023), tl (not the standard's tokenizer, no references decoded),
//! and htmlize or html-escape for references alone (they would keep a
//! hand-written tokenizer; html-escape does not follow the standard).

use std::collections::BTreeMap;
use std::iter::Peekable;

use html5gum::{DefaultEmitter, HtmlString, Span, Spanned, StringReader, Tokenizer};

use super::text::{needs_sanitizing, push_sanitized};

/// One token of the documentation. Text and attribute values are decoded and
/// sanitized (see [`push_sanitized`]).
#[derive(Debug)]
pub(super) enum Token<'a> {
    /// The text between two tags, as one piece.
    Text(String),
    Start(StartTag<'a>),
    /// An end tag; `name` is lowercased and `raw` the tag as written.
    End {
        name: String,
        raw: &'a str,
    },
}

/// A start tag.
#[derive(Debug)]
pub(super) struct StartTag<'a> {
    /// The lowercased tag name.
    pub(super) name: String,
    /// `<br/>`: no end tag follows.
    pub(super) self_closing: bool,
    /// The tag as written, attributes and character references untouched.
    pub(super) raw: &'a str,
    attributes: BTreeMap<HtmlString, Spanned<HtmlString, usize>>,
}

impl StartTag<'_> {
    /// Value of attribute `name` (lowercase), decoded and sanitized. The
    /// first of duplicate attributes wins, as the standard says.
    pub(super) fn attr(&self, name: &str) -> Option<String> {
        let value = self.attributes.get(name.as_bytes())?;
        let mut out = String::with_capacity(value.len());
        push_sanitized(&mut out, &String::from_utf8_lossy(value));
        Some(out)
    }
}

/// `text`, sanitized (see [`push_sanitized`]).
fn sanitized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_sanitized(&mut out, text);
    out
}

/// The tokens of `input`.
pub(super) fn tokens(input: &str) -> Tokens<'_> {
    Tokens { input, inner: Tokenizer::new_with_emitter(input, DefaultEmitter::new_with_span()).peekable() }
}

type Html = html5gum::Token<usize>;

pub(super) struct Tokens<'a> {
    input: &'a str,
    inner: Peekable<Tokenizer<StringReader<'a>, DefaultEmitter<usize>>>,
}

impl<'a> Tokens<'a> {
    fn next_html(&mut self) -> Option<Html> {
        self.inner.next().map(|item| match item {
            Ok(token) => token,
            // The error type of html5gum's string reader is `Infallible`.
            Err(never) => match never {},
        })
    }

    /// Whether the next token is a string or a parse error (which may sit
    /// between two pieces of one text).
    fn text_continues(&mut self) -> bool {
        matches!(self.inner.peek(), Some(Ok(Html::String(_) | Html::Error(_))))
    }

    fn source(&self, span: Span<usize>) -> &'a str {
        self.input.get(span.start..span.end).unwrap_or("")
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            match self.next_html()? {
                Html::String(first) => {
                    // Bytes first: a character is never split between pieces.
                    let mut bytes: Vec<u8> = first.value.into();
                    while self.text_continues() {
                        if let Some(Html::String(more)) = self.next_html() {
                            bytes.extend_from_slice(&more.value);
                        }
                    }
                    let text = match String::from_utf8(bytes) {
                        Ok(text) if !needs_sanitizing(&text) => text,
                        Ok(text) => sanitized(&text),
                        Err(e) => sanitized(&String::from_utf8_lossy(e.as_bytes())),
                    };
                    return Some(Token::Text(text));
                }
                Html::StartTag(tag) => {
                    return Some(Token::Start(StartTag {
                        name: String::from_utf8_lossy(&tag.name).into_owned(),
                        self_closing: tag.self_closing,
                        raw: self.source(tag.span),
                        attributes: tag.attributes,
                    }));
                }
                Html::EndTag(tag) => {
                    return Some(Token::End {
                        name: String::from_utf8_lossy(&tag.name).into_owned(),
                        raw: self.source(tag.span),
                    });
                }
                Html::Comment(_) | Html::Doctype(_) | Html::Error(_) => {}
            }
        }
    }
}
