//! The Markdown renderer: consumes tokens and writes rustdoc Markdown lines.

mod blocks;
mod inline;
mod stack;
mod structure;

use inline::{Style, StyleKind};
use stack::{Elem, Kind, KIND_COUNT};
use structure::Indent;

use super::tags::{
    is_bold_tag, is_boundary_tag, is_code_tag, is_heading_tag, is_italic_tag, is_known_tag, is_pre_tag,
    is_structural_tag, note_label,
};
use super::text::push_sanitized;
use super::tokens::{StartTag, Token};
use crate::ir::Docs;

/// The converter's state between tokens.
#[derive(Default)]
pub(super) struct Renderer {
    /// Finished output lines.
    out: Docs,
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
    pub(super) fn token(&mut self, token: Token<'_>) {
        match token {
            Token::Text(text) => self.text(text),
            Token::Start(tag) => self.start_tag(&tag),
            Token::End { name, raw } => self.end_tag(&name, raw),
        }
    }

    fn text(&mut self, text: String) {
        if self.pre_depth > 0 {
            self.pre_buf.push_str(&text);
            return;
        }
        if self.code_depth > 0 {
            self.code_buf.push_str(&text);
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
        if segment_start == 0 && self.text_run.is_empty() {
            // The whole text, as it came: kept, not copied.
            self.text_run = text;
        } else {
            self.text_run.push_str(&text[segment_start..]);
        }
    }

    fn start_tag(&mut self, tag: &StartTag<'_>) {
        let (name, self_closing, raw) = (tag.name.as_str(), tag.self_closing, tag.raw);
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
                self.open_link(tag);
            }
        } else if name == "ul" || name == "ol" {
            if self_closing {
                self.boundary(false);
            } else {
                self.open_list(name == "ol", tag);
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
                if list.is_none_or(|l| item > l) {
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
}
