//! Large documentation, kept out of the token stream.
//!
//! A doc comment becomes one `#[doc]` attribute per line, and every attribute is a few tokens
//! that `quote`, `syn` and `prettyplease` each copy: a model with a 50 MB documentation string
//! (800,000 lines) took about 35 times its size in memory. Documentation above
//! [`DEFERRED_BYTES`] is therefore held here, as one string, and stands in the tokens as a
//! single marker attribute; once the file is formatted, the marker's line is replaced by the
//! lines, indented and prefixed like the marker. The marker starts with U+007F, which
//! [`super::doc_safe`] escapes in every model text, so no documentation can forge one.

use std::cell::RefCell;

use crate::ir::Docs;

/// Documentation larger than this (in bytes, all lines together) is deferred.
pub const DEFERRED_BYTES: usize = 64 * 1024;

const MARKER: &str = "\u{7f}smithy-doc-block-";

/// How a line becomes the text after `///`: written to the end of the first argument.
pub type WriteLine = fn(&mut String, &str);

/// One deferred block: the lines as the IR has them, and how each is written.
type Block = (Docs, WriteLine);

thread_local! {
    /// The deferred blocks of the current [`super::emit`] call.
    static BLOCKS: RefCell<Vec<Option<Block>>> = const { RefCell::new(Vec::new()) };
}

/// Forgets every block: called when a crate's emission starts.
pub fn reset() {
    BLOCKS.with(|b| b.borrow_mut().clear());
}

/// For documentation over the threshold: keeps a copy of `lines` (each to go through `line`,
/// which gives the text after `///`, when it is written) and returns the marker to emit instead.
pub fn defer(lines: &Docs, line: WriteLine) -> Option<String> {
    if lines.bytes() <= DEFERRED_BYTES {
        return None;
    }
    Some(BLOCKS.with(|b| {
        let mut b = b.borrow_mut();
        b.push(Some((lines.clone(), line)));
        format!("{MARKER}{}", b.len() - 1)
    }))
}

/// `code` with each marker line replaced by its block (which is then dropped).
pub fn expand(code: String) -> String {
    if !code.contains(MARKER) {
        return code;
    }
    let extra: usize = BLOCKS.with(|b| b.borrow().iter().flatten().map(|(d, _)| d.bytes() + 8 * d.len()).sum());
    let mut out = String::with_capacity(code.len() + extra);
    for line in code.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        let found = ["///", "//!"].into_iter().find_map(|prefix| {
            let index = body.strip_prefix(prefix)?.strip_prefix(MARKER)?.trim_end().parse::<usize>().ok()?;
            let block = BLOCKS.with(|b| b.borrow_mut().get_mut(index).and_then(Option::take))?;
            Some((prefix, block))
        });
        match found {
            Some((prefix, (lines, line))) => {
                for text in lines.iter() {
                    out.push_str(indent);
                    out.push_str(prefix);
                    line(&mut out, text);
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_block_is_expanded_in_place_with_its_indentation() {
        reset();
        let lines: Docs = (0..20_000).map(|i| format!("line {i}")).collect();
        let marker = defer(&lines, |out, l| {
            out.push(' ');
            out.push_str(l);
        })
        .expect("deferred");
        let small: Docs = lines.iter().take(2).collect();
        assert!(defer(&small, |out, l| out.push_str(l)).is_none(), "small docs stay inline");
        let code = format!("pub struct A {{\n    ///{marker}\n    pub x: u8,\n}}\n");
        let out = expand(code);
        assert!(out.starts_with("pub struct A {\n    /// line 0\n    /// line 1\n"), "{}", &out[..80]);
        assert!(out.ends_with("    /// line 19999\n    pub x: u8,\n}\n"));
        assert!(!out.contains(MARKER));
    }

    #[test]
    fn text_that_only_looks_like_a_marker_is_left_alone() {
        reset();
        let code = "/// smithy-doc-block-0\n/// \\u{7f}smithy-doc-block-0\n".to_owned();
        assert_eq!(expand(code.clone()), code);
    }
}
