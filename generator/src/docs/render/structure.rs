//! Block structure: list items, definition lists and notes, and the list
//! indentation they open.

use super::inline::StyleKind;
use super::stack::{Elem, Kind};
use super::Renderer;
use crate::docs::tokens::StartTag;
use crate::docs::{MAX_INDENT_LEVELS, MAX_ORDINAL};

/// One level of list indentation.
#[derive(Debug)]
pub(super) struct Indent {
    pub(super) marker: String,
    /// Marker not yet written: the next block's first line carries it.
    pub(super) pending: bool,
    /// An ordered marker not numbered 1: as the first item of a list it
    /// cannot interrupt a paragraph.
    pub(super) start_not_one: bool,
    /// Stack position of the list element the item belongs to.
    pub(super) list: Option<usize>,
}

impl Indent {
    pub(super) fn width(&self) -> usize {
        self.marker.len()
    }
}

impl Renderer {
    /// Pushes a list indentation level, or, beyond the cap, starts a new item
    /// at the deepest level. Returns whether a level was pushed.
    fn push_indent(&mut self, marker: String, start_not_one: bool, list: Option<usize>) -> bool {
        if self.indents.len() < MAX_INDENT_LEVELS {
            self.indents.push(Indent { marker, pending: true, start_not_one, list });
            return true;
        }
        if let Some(top) = self.indents.last_mut() {
            if !top.pending {
                // Keep the list type, so that the new item continues the
                // Markdown list of the deepest level.
                top.marker = if top.marker.starts_with('-') { "- " } else { "1. " }.to_string();
                top.pending = true;
                top.start_not_one = false;
            }
        }
        false
    }

    pub(super) fn open_list(&mut self, ordered: bool, tag: &StartTag<'_>) {
        self.boundary(false);
        let mut elem = Elem::new(Kind::List);
        elem.ordered = ordered;
        if ordered {
            elem.counter = tag.attr("start").and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(1).min(MAX_ORDINAL);
        }
        self.push_elem(elem);
    }

    pub(super) fn open_item(&mut self) {
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

    pub(super) fn open_term(&mut self) {
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

    pub(super) fn open_desc(&mut self) {
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

    pub(super) fn open_note(&mut self, label: &str) {
        self.boundary(false);
        self.push_elem(Elem::new(Kind::Note));
        self.buf.push_str("**");
        self.buf.push_str(label);
        self.buf.push_str(":**");
        self.buf_only_prefix = true;
        self.pending_space = true;
        self.last_closed = None;
    }
}
