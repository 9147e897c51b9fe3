//! Documentation lines, as one string.

use std::fmt;

/// Lines of rustdoc Markdown, each without its `///`, held as one string with a `\n` between
/// lines: a model's documentation of a million lines is one allocation, not a million (each
/// `String` of its own would cost some 40 bytes before its text).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Docs {
    text: String,
    /// How many lines `text` holds: none, or one more than its `\n`s.
    lines: usize,
}

impl Docs {
    /// No lines.
    #[must_use]
    pub fn new() -> Self {
        Docs::default()
    }

    /// Appends `line`; a `\n` in it starts another line.
    pub fn push(&mut self, line: impl AsRef<str>) {
        let line = line.as_ref();
        if self.lines > 0 {
            self.text.push('\n');
        }
        self.text.push_str(line);
        self.lines += 1 + line.bytes().filter(|&b| b == b'\n').count();
    }

    /// Appends `line`, taken: when it is the first, it becomes the text as it is, not copied.
    pub fn push_owned(&mut self, line: String) {
        if self.lines == 0 {
            *self = Docs::from(line);
        } else {
            self.push(&line);
        }
    }

    /// Appends each of `lines`.
    pub fn extend<S: AsRef<str>>(&mut self, lines: impl IntoIterator<Item = S>) {
        for line in lines {
            self.push(line);
        }
    }

    /// Appends every line of `other`.
    pub fn append(&mut self, other: &Docs) {
        if other.lines == 0 {
            return;
        }
        if self.lines > 0 {
            self.text.push('\n');
        }
        self.text.push_str(&other.text);
        self.lines += other.lines;
    }

    /// The lines, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        let all = (self.lines > 0).then(|| self.text.split('\n'));
        all.into_iter().flatten()
    }

    /// How many lines there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.lines
    }

    /// Whether there is no line (an empty line is a line).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines == 0
    }

    /// The text's size in bytes, with one `\n` between lines.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.text.len()
    }

    /// Gives back the room the text grew into beyond its length.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
    }

    /// The last line.
    #[must_use]
    pub fn last(&self) -> Option<&str> {
        (self.lines > 0).then(|| self.text.rsplit('\n').next().unwrap_or(""))
    }

    /// Removes the last line, if any.
    pub fn pop(&mut self) {
        match self.lines {
            0 => {}
            1 => {
                self.text.clear();
                self.lines = 0;
            }
            _ => {
                let cut = self.text.rfind('\n').unwrap_or(0);
                self.text.truncate(cut);
                self.lines -= 1;
            }
        }
    }
}

impl fmt::Debug for Docs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Docs {
    fn from_iter<I: IntoIterator<Item = S>>(lines: I) -> Self {
        let mut docs = Docs::new();
        docs.extend(lines);
        docs
    }
}

impl From<String> for Docs {
    /// One line (or more, at each `\n`).
    fn from(line: String) -> Self {
        let lines = 1 + line.bytes().filter(|&b| b == b'\n').count();
        Docs { text: line, lines }
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Docs {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Docs {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

#[cfg(test)]
mod tests {
    use super::Docs;

    #[test]
    fn lines_round_trip_with_empty_lines_kept() {
        let mut d = Docs::new();
        assert!(d.is_empty());
        assert_eq!(d.iter().count(), 0);
        assert_eq!(d.last(), None);
        d.push("");
        assert_eq!(d.len(), 1);
        assert_eq!(d, vec![""]);
        d.push("a");
        d.extend(["", "b"]);
        assert_eq!(d, vec!["", "a", "", "b"]);
        assert_eq!(d.last(), Some("b"));
        d.pop();
        assert_eq!(d.last(), Some(""));
        d.pop();
        d.pop();
        assert_eq!(d, vec![""]);
        d.pop();
        assert!(d.is_empty());
        d.pop();
        assert!(d.is_empty());
    }

    #[test]
    fn append_and_from_join_lines() {
        let mut a: Docs = ["x", "y"].into_iter().collect();
        a.append(&Docs::new());
        a.append(&Docs::from("z\nw".to_owned()));
        assert_eq!(a, vec!["x", "y", "z", "w"]);
        assert_eq!(a.bytes(), "x\ny\nz\nw".len());
        assert_eq!(format!("{a:?}"), r#"["x", "y", "z", "w"]"#);
        let mut b = Docs::new();
        b.push_owned("first".to_owned());
        b.push_owned("second\nthird".to_owned());
        assert_eq!(b, vec!["first", "second", "third"]);
    }
}
