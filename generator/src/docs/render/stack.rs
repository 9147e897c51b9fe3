//! The explicit element stack: which elements are open, and what closing
//! each of them does.

use super::inline::StyleKind;
use super::Renderer;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
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

pub(super) const KIND_COUNT: usize = 11;

impl Kind {
    pub(super) fn index(self) -> usize {
        self as usize
    }

    fn is_block(self) -> bool {
        !matches!(self, Kind::Bold | Kind::Italic | Kind::Code | Kind::Link)
    }
}

/// An open element on the explicit element stack.
#[derive(Clone, Copy, Debug)]
pub(super) struct Elem {
    pub(super) kind: Kind,
    /// Item / Dl: whether an indentation level was pushed (false beyond the cap).
    pub(super) pushed_indent: bool,
    /// Item -> its List; Term / Desc -> its Dl.
    pub(super) parent: Option<usize>,
    /// List: the open Item.
    pub(super) open_child: Option<usize>,
    /// List: `<ol>`.
    pub(super) ordered: bool,
    /// List: next ordinal.
    pub(super) counter: u64,
    /// List: one of its items has been written.
    pub(super) emitted_items: bool,
    /// List: created for an `<li>` outside any list.
    pub(super) implicit: bool,
    /// Dl: an item (indentation level) is open.
    pub(super) has_item: bool,
    /// Link: the link has a usable destination and is rendered as a link.
    pub(super) valid_link: bool,
}

impl Elem {
    pub(super) fn new(kind: Kind) -> Self {
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

impl Renderer {
    pub(super) fn push_elem(&mut self, elem: Elem) -> usize {
        let index = self.stack.len();
        self.positions[elem.kind.index()].push(index);
        if elem.kind.is_block() {
            self.block_positions.push(index);
        }
        self.stack.push(elem);
        index
    }

    /// Closes every element at stack position `target` and above.
    pub(super) fn pop_to(&mut self, target: usize) {
        while self.stack.len() > target {
            self.pop_one();
        }
        // A list opened implicitly for a stray `<li>` ends with that item.
        while self.stack.last().is_some_and(|e| e.kind == Kind::List && e.implicit && e.open_child.is_none()) {
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
    pub(super) fn close_inline(&mut self, kind: Kind) {
        if let Some(&p) = self.positions[kind.index()].last() {
            let block = self.block_positions.last().copied();
            if block.is_none_or(|b| p > b) {
                self.pop_to(p);
            }
        }
    }

    pub(super) fn close_block(&mut self, kind: Kind) {
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
}
