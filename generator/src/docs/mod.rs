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
//! Tokenizing and character references are html5gum's, which implements the
//! WHATWG tokenizer (`tokens`); the Markdown rules are ours (`render`, with
//! `text`, `urls`, `emphasis` and `tags`). The conversion is a single forward
//! pass over the token stream with an explicit element stack (no recursion
//! over nesting depth), so it cannot overflow the stack, never panics, and
//! runs in time linear in the input (list indentation is capped at
//! `MAX_INDENT_LEVELS` levels).

mod emphasis;
mod render;
mod tags;
mod text;
mod tokens;
mod urls;

#[cfg(test)]
mod tests;

/// Deepest list nesting that is rendered with its own indentation level;
/// deeper items are rendered as items of the deepest rendered level.
const MAX_INDENT_LEVELS: usize = 16;

/// Largest ordinal `CommonMark` accepts for an ordered list item (9 digits).
const MAX_ORDINAL: u64 = 999_999_999;

/// Converts Smithy documentation HTML (or plain text / `CommonMark`, which
/// Smithy also allows) to rustdoc Markdown lines.
///
/// Each returned line becomes one `#[doc = " ..."]` attribute; the caller adds
/// the leading space. No line has trailing whitespace; there are no
/// leading/trailing empty lines and never two consecutive empty lines.
#[must_use]
pub fn html_to_markdown(input: &str) -> crate::ir::Docs {
    let mut renderer = render::Renderer::default();
    for token in tokens::tokens(input) {
        renderer.token(token);
    }
    renderer.finish()
}
