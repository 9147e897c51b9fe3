//! Inline content: text runs, emphasis, links and code spans, written into
//! the paragraph being built.

use super::stack::{Elem, Kind};
use super::Renderer;
use crate::docs::emphasis::{CLOSE_BOLD, CLOSE_ITALIC, OPEN_BOLD, OPEN_ITALIC};
use crate::docs::text::{code_span, collapse_ws, push_escaped_words};
use crate::docs::tokens::StartTag;
use crate::docs::urls::{encode_autolink, normalize_href};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum StyleKind {
    Bold,
    Italic,
    Link,
}

/// An active inline style; its opening delimiter is written lazily, just
/// before the first content inside it, so that empty styles vanish and
/// whitespace stays outside the delimiters.
#[derive(Debug)]
pub(super) struct Style {
    pub(super) kind: StyleKind,
    pub(super) emitted: bool,
}

impl Renderer {
    pub(super) fn open_link(&mut self, tag: &StartTag<'_>) {
        self.flush_text_run();
        // Links do not nest: a new link ends the previous one.
        self.close_inline(Kind::Link);
        let href = tag.attr("href").unwrap_or_default();
        let dest = normalize_href(&href);
        let already_linking = self.styles.iter().any(|s| s.kind == StyleKind::Link);
        let mut elem = Elem::new(Kind::Link);
        if let (Some(dest), false) = (dest, already_linking) {
            elem.valid_link = true;
            self.styles.push(Style { kind: StyleKind::Link, emitted: false });
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

    pub(super) fn line_break(&mut self) {
        if self.code_depth > 0 {
            self.code_buf.push(' ');
            return;
        }
        self.flush_text_run();
        if !self.buf.is_empty() && !self.buf_only_prefix {
            self.pending_break = true;
        }
    }

    fn style_depth(&mut self, kind: StyleKind) -> &mut usize {
        match kind {
            StyleKind::Italic => &mut self.italic_depth,
            _ => &mut self.bold_depth,
        }
    }

    pub(super) fn style_on(&mut self, kind: StyleKind) {
        self.flush_text_run();
        let depth = self.style_depth(kind);
        *depth += 1;
        if *depth == 1 {
            self.styles.push(Style { kind, emitted: false });
        }
    }

    pub(super) fn style_off(&mut self, kind: StyleKind) {
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

    pub(super) fn close_style(&mut self, kind: StyleKind) {
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
    pub(super) fn push_closer(&mut self, index: usize) {
        let kind = self.styles[index].kind;
        match kind {
            StyleKind::Bold => self.buf.push(CLOSE_BOLD),
            StyleKind::Italic => self.buf.push(CLOSE_ITALIC),
            StyleKind::Link => {
                let same_as_url =
                    self.link_simple && collapse_ws(&self.link_text) == self.link_href && !self.link_href.is_empty();
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
        let link_emitted = self.styles.iter().any(|s| s.kind == StyleKind::Link && s.emitted);
        for i in 0..self.styles.len() {
            if self.styles[i].emitted {
                continue;
            }
            self.styles[i].emitted = true;
            match self.styles[i].kind {
                StyleKind::Bold | StyleKind::Italic => {
                    let kind = self.styles[i].kind;
                    let (open, close) =
                        if kind == StyleKind::Bold { (OPEN_BOLD, CLOSE_BOLD) } else { (OPEN_ITALIC, CLOSE_ITALIC) };
                    if self.last_closed == Some((kind, self.buf.len())) && self.buf.ends_with(close) {
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
    pub(super) fn flush_text_run(&mut self) {
        if self.text_run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.text_run);
        let leading = run.starts_with(char::is_whitespace);
        let trailing = run.ends_with(char::is_whitespace);
        if leading {
            self.pending_space = true;
        }
        // The run's words, joined by single spaces where they are written:
        // the collapsed text is never built as a copy of its own.
        let mut words = run.split_whitespace().peekable();
        if let Some(&first) = words.peek() {
            let in_link = self.styles.iter().any(|s| s.kind == StyleKind::Link);
            let spaced = self.pending_space;
            self.begin_content();
            if in_link {
                if spaced && !self.link_text.is_empty() {
                    self.link_text.push(' ');
                }
                for (k, word) in run.split_whitespace().enumerate() {
                    if k > 0 {
                        self.link_text.push(' ');
                    }
                    self.link_text.push_str(word);
                }
            }
            let line_start = self.buf.is_empty() || self.buf.ends_with('\n');
            let after_code = self.last_code.as_ref().is_some_and(|(_, end, _)| *end == self.buf.len());
            let mut first_rest = first;
            if after_code && first.starts_with('`') {
                // A backtick right after a code span's fence would join it.
                self.buf.push_str("&#96;");
                first_rest = &first[1..];
            }
            words.next();
            push_escaped_words(&mut self.buf, std::iter::once(first_rest).chain(words), line_start, in_link);
        }
        if trailing {
            self.pending_space = true;
        }
    }

    pub(super) fn emit_code_span(&mut self, content: &str) {
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
    pub(super) fn flush_code(&mut self) {
        if self.code_depth > 0 && !self.code_buf.is_empty() {
            let content = std::mem::take(&mut self.code_buf);
            self.emit_code_span(&content);
        }
    }
}
