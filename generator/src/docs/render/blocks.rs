//! Blocks: paragraphs, preformatted text and how blocks are laid out in
//! lines (separation and list indentation).

use super::Renderer;
use crate::docs::emphasis::resolve_emphasis;

impl Renderer {
    /// Ends the current paragraph. A `soft` boundary keeps a lone `**Note:**`
    /// prefix so that it joins the note's first paragraph.
    pub(super) fn boundary(&mut self, soft: bool) {
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
        let mut buf = resolve_emphasis(std::mem::take(&mut self.buf));
        if !buf.contains('\n') {
            // One line: it is the paragraph's buffer itself, trimmed in place.
            buf.truncate(buf.trim_end().len());
            let start = buf.len() - buf.trim_start().len();
            buf.drain(..start);
            if !buf.is_empty() {
                self.emit_block(vec![buf]);
            }
            return;
        }
        let pieces: Vec<&str> = buf.split('\n').map(str::trim).filter(|p| !p.is_empty()).collect();
        let count = pieces.len();
        let lines = pieces
            .into_iter()
            .enumerate()
            .map(|(k, piece)| if k + 1 < count { format!("{piece}\\") } else { piece.to_string() })
            .collect();
        self.emit_block(lines);
    }

    /// Writes a fenced ```` ```text ```` block for the collected preformatted text.
    pub(super) fn emit_pre(&mut self) {
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
            f.pending && f.start_not_one && !f.list.and_then(|l| self.stack.get(l)).is_some_and(|l| l.emitted_items)
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
            let mut full = if prefix.is_empty() { line } else { format!("{prefix}{line}") };
            full.truncate(full.trim_end().len());
            self.out.push_owned(full);
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

    pub(in crate::docs) fn finish(mut self) -> crate::ir::Docs {
        if self.pre_depth > 0 {
            self.pre_depth = 0;
            self.emit_pre();
        }
        self.pop_to(0);
        self.boundary(false);
        while self.out.last().is_some_and(str::is_empty) {
            self.out.pop();
        }
        self.out.shrink_to_fit();
        self.out
    }
}
