//! A parser for the regular expressions of `@pattern`, into one small syntax tree whose meaning
//! no longer depends on the dialect it was written in.
//!
//! Three readings, tried in this order by [`super::analyze`]:
//! - [`Dialect::Unicode`]: ECMAScript 2024 in Unicode mode (`u`), what Smithy specifies;
//! - [`Dialect::Legacy`]: ECMAScript without `u` (Annex B), for patterns that escape
//!   punctuation Unicode mode refuses (`\_`, `\:`). An escaped *letter* Unicode mode refuses
//!   (`\A`, `\p` without a property, `\z`) is not read as the letter: no one writes `\z` to mean
//!   `z`, so that reading fails and the Java one is tried; so does `[` or `&&` inside a class;
//! - [`Dialect::Java`]: `java.util.regex.Pattern`, in which many AWS services validate: `\A`,
//!   `\z`, `\p{IsAlphabetic}`, the POSIX classes `\p{Alnum}`, `\p{all}`, `\Q…\E`, and the flags
//!   `(?s)` and `(?i)` at the start, each with its Java meaning.
//!
//! Characters are Unicode scalar values, as in the `&str` the generated code checks; escapes of
//! surrogate code points are kept as numbers and never match.

/// Which grammar a pattern is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Unicode,
    Legacy,
    Java,
}

/// A regular expression, as the generated crate's engines are told it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Empty,
    /// A code point (a surrogate never matches).
    Char(u32),
    Class(Class),
    Start,
    End,
    /// `\b` (or `\B`, negated), on ASCII word characters as both dialects define it.
    WordBoundary {
        negated: bool,
    },
    Group(Box<Node>),
    Look {
        behind: bool,
        negated: bool,
        node: Box<Node>,
    },
    /// A backreference: no engine we ship gives it ECMAScript's meaning exactly.
    BackRef,
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub negated: bool,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Range(u32, u32),
    /// A Unicode property, as the `regex` crate names it (`L`, `Script=Greek`, `Alphabetic`).
    Property {
        negated: bool,
        name: String,
    },
    Class(Class),
}

impl Class {
    fn of(negated: bool, ranges: &[(u32, u32)]) -> Class {
        Class { negated, items: ranges.iter().map(|&(a, b)| Item::Range(a, b)).collect() }
    }
}

const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// ECMAScript's WhiteSpace and LineTerminator.
const ES_SPACE: &[(u32, u32)] = &[
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
const JAVA_SPACE: &[(u32, u32)] = &[(0x09, 0x0D), (0x20, 0x20)];
const JAVA_VERTICAL: &[(u32, u32)] = &[(0x0A, 0x0D), (0x85, 0x85), (0x2028, 0x2029)];
const JAVA_HORIZONTAL: &[(u32, u32)] = &[
    (0x09, 0x09),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x180E, 0x180E),
    (0x2000, 0x200A),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
];
/// What `.` refuses without the dotall flag.
const ES_LINE_TERMINATORS: &[(u32, u32)] = &[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)];
const JAVA_LINE_TERMINATORS: &[(u32, u32)] = &[(0x0A, 0x0A), (0x0D, 0x0D), (0x85, 0x85), (0x2028, 0x2029)];
const ANY: &[(u32, u32)] = &[(0, 0x10FFFF)];

/// The US-ASCII POSIX classes of Java (`\p{Alnum}`), as ranges.
const JAVA_POSIX: &[(&str, &[(u32, u32)])] = &[
    ("Lower", &[(0x61, 0x7A)]),
    ("Upper", &[(0x41, 0x5A)]),
    ("ASCII", &[(0, 0x7F)]),
    ("Alpha", &[(0x41, 0x5A), (0x61, 0x7A)]),
    ("Digit", DIGIT),
    ("Alnum", &[(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)]),
    ("Punct", &[(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)]),
    ("Graph", &[(0x21, 0x7E)]),
    ("Print", &[(0x20, 0x7E)]),
    ("Blank", &[(0x09, 0x09), (0x20, 0x20)]),
    ("Cntrl", &[(0, 0x1F), (0x7F, 0x7F)]),
    ("XDigit", &[(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)]),
    ("Space", JAVA_SPACE),
    ("all", ANY),
];

/// Java's `\p{IsX}` binary properties (matched ignoring case and underscores), as Unicode
/// property names.
const JAVA_BINARY: &[(&str, &str)] = &[
    ("ALPHABETIC", "Alphabetic"),
    ("LETTER", "L"),
    ("DIGIT", "Nd"),
    ("LOWERCASE", "Lowercase"),
    ("UPPERCASE", "Uppercase"),
    ("TITLECASE", "Lt"),
    ("PUNCTUATION", "P"),
    ("CONTROL", "Cc"),
    ("WHITESPACE", "White_Space"),
    ("IDEOGRAPHIC", "Ideographic"),
    ("JOINCONTROL", "Join_Control"),
    ("NONCHARACTERCODEPOINT", "Noncharacter_Code_Point"),
    ("ASSIGNED", "Assigned"),
];

/// Java's `\p{javaX}` classes that are exactly a Unicode property.
const JAVA_METHODS: &[(&str, &str)] = &[
    ("javaLowerCase", "Lowercase"),
    ("javaUpperCase", "Uppercase"),
    ("javaAlphabetic", "Alphabetic"),
    ("javaLetter", "L"),
    ("javaDigit", "Nd"),
    ("javaTitleCase", "Lt"),
    ("javaIdeographic", "Ideographic"),
];

/// The General_Category values (short and long names) both dialects accept bare (`\p{Lu}`).
const CATEGORIES: &[&str] = &[
    "L",
    "LC",
    "Lu",
    "Ll",
    "Lt",
    "Lm",
    "Lo",
    "M",
    "Mn",
    "Mc",
    "Me",
    "N",
    "Nd",
    "Nl",
    "No",
    "P",
    "Pc",
    "Pd",
    "Ps",
    "Pe",
    "Pi",
    "Pf",
    "Po",
    "S",
    "Sm",
    "Sc",
    "Sk",
    "So",
    "Z",
    "Zs",
    "Zl",
    "Zp",
    "C",
    "Cc",
    "Cf",
    "Cs",
    "Co",
    "Cn",
    "Letter",
    "Cased_Letter",
    "Uppercase_Letter",
    "Lowercase_Letter",
    "Titlecase_Letter",
    "Modifier_Letter",
    "Other_Letter",
    "Mark",
    "Nonspacing_Mark",
    "Spacing_Mark",
    "Enclosing_Mark",
    "Number",
    "Decimal_Number",
    "Letter_Number",
    "Other_Number",
    "Punctuation",
    "Connector_Punctuation",
    "Dash_Punctuation",
    "Open_Punctuation",
    "Close_Punctuation",
    "Initial_Punctuation",
    "Final_Punctuation",
    "Other_Punctuation",
    "Symbol",
    "Math_Symbol",
    "Currency_Symbol",
    "Modifier_Symbol",
    "Other_Symbol",
    "Separator",
    "Space_Separator",
    "Line_Separator",
    "Paragraph_Separator",
    "Other",
    "Control",
    "Format",
    "Surrogate",
    "Private_Use",
    "Unassigned",
];

/// ECMAScript's binary properties that the `regex` crate has under the same name.
const ES_BINARY: &[&str] = &[
    "Alphabetic",
    "Any",
    "ASCII",
    "ASCII_Hex_Digit",
    "Assigned",
    "Bidi_Control",
    "Cased",
    "Dash",
    "Default_Ignorable_Code_Point",
    "Deprecated",
    "Diacritic",
    "Emoji",
    "Emoji_Component",
    "Emoji_Modifier",
    "Emoji_Modifier_Base",
    "Emoji_Presentation",
    "Extended_Pictographic",
    "Extender",
    "Hex_Digit",
    "ID_Continue",
    "ID_Start",
    "Ideographic",
    "Join_Control",
    "Lowercase",
    "Math",
    "Noncharacter_Code_Point",
    "Pattern_Syntax",
    "Pattern_White_Space",
    "Quotation_Mark",
    "Radical",
    "Regional_Indicator",
    "Sentence_Terminal",
    "Soft_Dotted",
    "Terminal_Punctuation",
    "Unified_Ideograph",
    "Uppercase",
    "Variation_Selector",
    "White_Space",
    "XID_Continue",
    "XID_Start",
];

/// Reads `source` in `dialect`; `Err` says where and why the grammar refuses it.
pub fn parse(source: &str, dialect: Dialect) -> Result<Node, String> {
    let chars: Vec<char> = source.chars().collect();
    let groups = count_groups(&chars);
    let mut p = Parser { chars, i: 0, dialect, dotall: false, icase: false, groups };
    if dialect == Dialect::Java {
        p.leading_flags()?;
    }
    let node = p.disjunction()?;
    if p.i < p.chars.len() {
        return Err(p.fail("unmatched `)`"));
    }
    Ok(node)
}

/// Capturing groups, for telling a backreference from an escape.
fn count_groups(chars: &[char]) -> usize {
    let (mut n, mut i, mut in_class) = (0, 0, false);
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                let named = chars.get(i + 1) == Some(&'?')
                    && chars.get(i + 2) == Some(&'<')
                    && !matches!(chars.get(i + 3), Some('=' | '!'));
                if chars.get(i + 1) != Some(&'?') || named {
                    n += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}

struct Parser {
    chars: Vec<char>,
    i: usize,
    dialect: Dialect,
    dotall: bool,
    icase: bool,
    groups: usize,
}

/// One escape, inside or outside a class.
enum Escape {
    Char(u32),
    Class(Class),
}

impl Parser {
    fn fail(&self, why: &str) -> String {
        format!("{why} at offset {}", self.i)
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if self.chars[self.i.min(self.chars.len())..].iter().take(n).copied().eq(s.chars()) {
            self.i += n;
            true
        } else {
            false
        }
    }

    /// Java's `(?s)`, `(?i)` (ASCII case-insensitive, Java's default) and `(?is)`: at the
    /// start, or anywhere, lasting to the end of the enclosing group.
    fn leading_flags(&mut self) -> Result<(), String> {
        while self.peek() == Some('(') && self.peek_at(1) == Some('?') {
            let mut k = 2;
            let mut flags = Vec::new();
            while let Some(c) = self.peek_at(k).filter(char::is_ascii_alphabetic) {
                flags.push(c);
                k += 1;
            }
            if flags.is_empty() || self.peek_at(k) != Some(')') {
                break;
            }
            for f in flags {
                match f {
                    's' => self.dotall = true,
                    'i' => self.icase = true,
                    _ => return Err(self.fail(&format!("the inline flag `{f}` has no translation"))),
                }
            }
            self.i += k + 1;
        }
        Ok(())
    }

    fn disjunction(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.alternative()?];
        while self.eat('|') {
            alts.push(self.alternative()?);
        }
        Ok(if alts.len() == 1 { alts.pop().unwrap_or(Node::Empty) } else { Node::Alt(alts) })
    }

    fn alternative(&mut self) -> Result<Node, String> {
        let mut terms = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            if self.dialect == Dialect::Java && self.peek() == Some('(') && self.peek_at(1) == Some('?') {
                let before = self.i;
                self.leading_flags()?;
                if self.i != before {
                    continue;
                }
            }
            if self.dialect == Dialect::Java && self.eat_str("\\Q") {
                while self.i < self.chars.len() && !self.eat_str("\\E") {
                    terms.push(self.case_folded(self.chars[self.i] as u32));
                    self.i += 1;
                }
                continue;
            }
            terms.push(self.term()?);
        }
        Ok(match terms.len() {
            0 => Node::Empty,
            1 => terms.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(terms),
        })
    }

    fn term(&mut self) -> Result<Node, String> {
        let start = self.i;
        let (atom, quantifiable) = self.atom()?;
        let Some((min, max)) = self.quantifier()? else {
            return Ok(atom);
        };
        let greedy = !self.eat('?');
        if self.dialect == Dialect::Java && self.eat('+') && (!greedy || max != Some(min)) {
            // A possessive count that is fixed matches as the plain one; others have no
            // translation.
            return Err(self.fail("possessive quantifiers have no translation"));
        }
        if !quantifiable {
            // Annex B and Java let an assertion be repeated: it consumes nothing, so once is
            // the same as many, and a minimum of zero is no assertion at all.
            let allowed = match self.dialect {
                Dialect::Unicode => false,
                Dialect::Legacy => matches!(atom, Node::Look { behind: false, .. }),
                Dialect::Java => true,
            };
            if !allowed {
                self.i = start;
                return Err(self.fail("an assertion cannot be repeated"));
            }
            return Ok(if min == 0 { Node::Empty } else { atom });
        }
        Ok(Node::Repeat { node: Box::new(atom), min, max, greedy })
    }

    /// A quantifier, if one follows; `{` that does not start one is a literal in the legacy
    /// grammar and an error in the others.
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        let q = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.braces() {
                Some((q, len)) => {
                    self.i += len;
                    if q.1.is_some_and(|max| max < q.0) {
                        return Err(self.fail("a quantifier's maximum is below its minimum"));
                    }
                    return Ok(Some(q));
                }
                None if self.dialect == Dialect::Legacy => return Ok(None),
                None => return Err(self.fail("`{` does not start a quantifier")),
            },
            _ => return Ok(None),
        };
        self.i += 1;
        Ok(Some(q))
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor: the bounds and the length.
    fn braces(&self) -> Option<((u32, Option<u32>), usize)> {
        let rest: String = self.chars[self.i..].iter().take_while(|c| **c != '}').collect();
        let body = rest.strip_prefix('{')?;
        if self.chars.get(self.i + rest.chars().count()) != Some(&'}') {
            return None;
        }
        let number = |s: &str| (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse::<u32>().ok());
        let q = match body.split_once(',') {
            None => {
                let n = number(body)??;
                (n, Some(n))
            }
            Some((a, "")) => (number(a)??, None),
            Some((a, b)) => (number(a)??, Some(number(b)??)),
        };
        Some((q, rest.chars().count() + 1))
    }

    /// An atom or an assertion, and whether a quantifier may follow it.
    fn atom(&mut self) -> Result<(Node, bool), String> {
        let Some(c) = self.peek() else { return Err(self.fail("unexpected end")) };
        self.i += 1;
        Ok(match c {
            '^' => (Node::Start, false),
            '$' => (Node::End, false),
            '.' => {
                let set = if self.dotall {
                    Class::of(false, ANY)
                } else if self.dialect == Dialect::Java {
                    Class::of(true, JAVA_LINE_TERMINATORS)
                } else {
                    Class::of(true, ES_LINE_TERMINATORS)
                };
                (Node::Class(set), true)
            }
            '(' => self.group()?,
            '[' => (Node::Class(self.class()?), true),
            '\\' => self.escape_atom()?,
            '*' | '+' | '?' => return Err(self.fail("nothing to repeat")),
            '{' if self.dialect != Dialect::Legacy => return Err(self.fail("nothing to repeat")),
            ']' | '}' if self.dialect == Dialect::Unicode => return Err(self.fail("a lone bracket")),
            ')' => return Err(self.fail("unmatched `)`")),
            c => (self.case_folded(c as u32), true),
        })
    }

    fn group(&mut self) -> Result<(Node, bool), String> {
        let look = if self.eat_str("?=") {
            Some((false, false))
        } else if self.eat_str("?!") {
            Some((false, true))
        } else if self.eat_str("?<=") {
            Some((true, false))
        } else if self.eat_str("?<!") {
            Some((true, true))
        } else {
            None
        };
        if let Some((behind, negated)) = look {
            let flags = (self.dotall, self.icase);
            let node = self.disjunction()?;
            (self.dotall, self.icase) = flags;
            self.close()?;
            // Annex B lets a lookahead be repeated; that reading is not supported.
            return Ok((Node::Look { behind, negated, node: Box::new(node) }, false));
        }
        // Java's inline flags last to the end of the group they are set in.
        let flags = (self.dotall, self.icase);
        let node = self.group_body()?;
        (self.dotall, self.icase) = flags;
        Ok(node)
    }

    fn group_body(&mut self) -> Result<(Node, bool), String> {
        if self.eat_str("?:") {
        } else if self.eat_str("?<") {
            let name_len =
                self.chars[self.i..].iter().take_while(|c| c.is_alphanumeric() || **c == '_' || **c == '$').count();
            if name_len == 0 || self.peek_at(name_len) != Some('>') {
                return Err(self.fail("a malformed group name"));
            }
            self.i += name_len + 1;
        } else if self.peek() == Some('?') {
            return Err(self.fail("an unsupported group"));
        }
        let node = self.disjunction()?;
        self.close()?;
        Ok((Node::Group(Box::new(node)), true))
    }

    fn close(&mut self) -> Result<(), String> {
        if self.eat(')') {
            Ok(())
        } else {
            Err(self.fail("missing `)`"))
        }
    }

    fn escape_atom(&mut self) -> Result<(Node, bool), String> {
        let Some(c) = self.peek() else { return Err(self.fail("a trailing backslash")) };
        match c {
            'b' | 'B' => {
                self.i += 1;
                return Ok((Node::WordBoundary { negated: c == 'B' }, false));
            }
            'A' | 'z' if self.dialect == Dialect::Java => {
                self.i += 1;
                return Ok((if c == 'A' { Node::Start } else { Node::End }, false));
            }
            '1'..='9' => {
                let digits: String = self.chars[self.i..].iter().take_while(|c| c.is_ascii_digit()).collect();
                let n: usize = digits.parse().unwrap_or(usize::MAX);
                if n <= self.groups {
                    self.i += digits.len();
                    return Ok((Node::BackRef, true));
                }
                return Err(self.fail("a backreference to a group that does not exist"));
            }
            'k' if self.peek_at(1) == Some('<') => {
                let end = self.chars[self.i..].iter().position(|c| *c == '>');
                return match end {
                    Some(end) => {
                        self.i += end + 1;
                        Ok((Node::BackRef, true))
                    }
                    None => Err(self.fail("a malformed named backreference")),
                };
            }
            _ => {}
        }
        Ok(match self.escape(false)? {
            Escape::Char(c) => (self.case_folded(c), true),
            Escape::Class(class) => (Node::Class(class), true),
        })
    }

    /// An escape after its backslash, other than assertions and backreferences.
    fn escape(&mut self, in_class: bool) -> Result<Escape, String> {
        let Some(c) = self.peek() else { return Err(self.fail("a trailing backslash")) };
        self.i += 1;
        let java = self.dialect == Dialect::Java;
        let class = |set: &[(u32, u32)], negated: bool| Ok(Escape::Class(Class::of(negated, set)));
        match c {
            'd' | 'D' => class(DIGIT, c == 'D'),
            'w' | 'W' => class(WORD, c == 'W'),
            's' | 'S' => class(if java { JAVA_SPACE } else { ES_SPACE }, c == 'S'),
            'h' | 'H' if java => class(JAVA_HORIZONTAL, c == 'H'),
            'v' | 'V' if java => class(JAVA_VERTICAL, c == 'V'),
            'p' | 'P' if self.dialect != Dialect::Legacy => self.property(c == 'P'),
            'f' => Ok(Escape::Char(0x0C)),
            'n' => Ok(Escape::Char(0x0A)),
            'r' => Ok(Escape::Char(0x0D)),
            't' => Ok(Escape::Char(0x09)),
            'v' => Ok(Escape::Char(0x0B)),
            'e' if java => Ok(Escape::Char(0x1B)),
            'a' if java => Ok(Escape::Char(0x07)),
            'b' if in_class && !java => Ok(Escape::Char(0x08)),
            'c' => match self.peek().filter(char::is_ascii_alphabetic) {
                Some(l) => {
                    self.i += 1;
                    Ok(Escape::Char(l as u32 % 32))
                }
                None => Err(self.fail("`\\c` without a control letter")),
            },
            '0' if java => {
                // Java's octal escape: `\0` and one to three octal digits, up to `\0377`.
                let digits: String =
                    self.chars[self.i..].iter().take(3).take_while(|c| ('0'..='7').contains(c)).collect();
                let digits = if digits.len() == 3 && digits.as_bytes()[0] > b'3' { &digits[..2] } else { &digits[..] };
                if digits.is_empty() {
                    return Err(self.fail("`\\0` without octal digits"));
                }
                self.i += digits.len();
                u32::from_str_radix(digits, 8).map(Escape::Char).map_err(|e| e.to_string())
            }
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => Ok(Escape::Char(0)),
            'x' => {
                if java && self.eat('{') {
                    return self.braced_hex();
                }
                self.hex(2).map(Escape::Char)
            }
            'u' => {
                if self.dialect == Dialect::Unicode && self.eat('{') {
                    return self.braced_hex();
                }
                let unit = self.hex(4)?;
                // A surrogate pair written as two escapes is one code point.
                if (0xD800..0xDC00).contains(&unit) && self.dialect != Dialect::Legacy && self.eat_str("\\u") {
                    let back = self.i;
                    match self.hex(4) {
                        Ok(low) if (0xDC00..0xE000).contains(&low) => {
                            return Ok(Escape::Char(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
                        }
                        _ => self.i = back - 2,
                    }
                }
                Ok(Escape::Char(unit))
            }
            '-' if in_class => Ok(Escape::Char('-' as u32)),
            c if c.is_ascii_alphanumeric() => Err(self.fail(&format!("`\\{c}` is not an escape"))),
            c if self.dialect == Dialect::Unicode && !"^$\\.*+?()[]{}|/".contains(c) => {
                Err(self.fail(&format!("`\\{c}` is not an escape in Unicode mode")))
            }
            c => Ok(Escape::Char(c as u32)),
        }
    }

    fn hex(&mut self, n: usize) -> Result<u32, String> {
        let digits: String = self.chars[self.i..].iter().take(n).collect();
        if digits.len() != n || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(self.fail("a malformed hexadecimal escape"));
        }
        self.i += n;
        u32::from_str_radix(&digits, 16).map_err(|e| e.to_string())
    }

    fn braced_hex(&mut self) -> Result<Escape, String> {
        let digits: String = self.chars[self.i..].iter().take_while(|c| c.is_ascii_hexdigit()).collect();
        self.i += digits.len();
        if digits.is_empty() || !self.eat('}') {
            return Err(self.fail("a malformed `{…}` escape"));
        }
        match u32::from_str_radix(&digits, 16) {
            Ok(cp) if cp <= 0x10FFFF => Ok(Escape::Char(cp)),
            _ => Err(self.fail("a code point beyond U+10FFFF")),
        }
    }

    /// `\p{…}` / `\P{…}`: in ECMAScript a General_Category, script or binary property; in Java
    /// also the POSIX classes, `IsX` and `javaX`.
    fn property(&mut self, negated: bool) -> Result<Escape, String> {
        if !self.eat('{') {
            return Err(self.fail("`\\p` without `{`"));
        }
        let name: String = self.chars[self.i..].iter().take_while(|c| **c != '}').collect();
        self.i += name.chars().count();
        if !self.eat('}') {
            return Err(self.fail("an unterminated property"));
        }
        let prop = |name: &str| {
            Ok(Escape::Class(Class { negated: false, items: vec![Item::Property { negated, name: name.to_owned() }] }))
        };
        if let Some((key, value)) = name.split_once('=') {
            let keys: &[&str] = match self.dialect {
                Dialect::Java => &["script", "sc", "general_category", "gc"],
                _ => &["General_Category", "gc", "Script", "sc", "Script_Extensions", "scx"],
            };
            let key = if self.dialect == Dialect::Java { key.to_ascii_lowercase() } else { key.to_owned() };
            let known = keys.contains(&key.as_str());
            return if known && !value.is_empty() {
                prop(&name)
            } else {
                Err(self.fail(&format!("the property `{name}` has no translation")))
            };
        }
        if CATEGORIES.contains(&name.as_str())
            || (self.dialect == Dialect::Unicode && ES_BINARY.contains(&name.as_str()))
        {
            return prop(&name);
        }
        if self.dialect != Dialect::Java {
            return Err(self.fail(&format!("`\\p{{{name}}}` is not an ECMAScript property")));
        }
        if let Some((_, set)) = JAVA_POSIX.iter().find(|(n, _)| *n == name) {
            return Ok(Escape::Class(Class::of(negated, set)));
        }
        if let Some((_, p)) = JAVA_METHODS.iter().find(|(n, _)| *n == name) {
            return prop(p);
        }
        if let Some(rest) = name.strip_prefix("Is") {
            let key: String = rest.chars().filter(|c| *c != '_' && *c != ' ').collect::<String>().to_ascii_uppercase();
            if let Some((_, p)) = JAVA_BINARY.iter().find(|(n, _)| *n == key) {
                return prop(p);
            }
            if CATEGORIES.contains(&rest) {
                return prop(rest);
            }
            if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
                // `\p{IsLatin}`: a script.
                return prop(&format!("Script={rest}"));
            }
        }
        Err(self.fail(&format!("the Java property `{name}` has no translation")))
    }

    /// A bracketed class, after its `[`.
    fn class(&mut self) -> Result<Class, String> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            let Some(c) = self.peek() else { return Err(self.fail("an unterminated class")) };
            if c == ']' {
                self.i += 1;
                break;
            }
            // `[` and `&&` inside a class are literals in ECMAScript but nested classes and
            // intersections in Java: without Unicode mode they are read as Java's, which has
            // no translation for them.
            if self.dialect != Dialect::Unicode && (c == '[' || (c == '&' && self.peek_at(1) == Some('&'))) {
                return Err(self.fail("Java's nested classes and intersections have no translation"));
            }
            let lo = self.class_atom()?;
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.i += 1;
                let hi = self.class_atom()?;
                match (lo, hi) {
                    (Escape::Char(a), Escape::Char(b)) if a <= b => items.push(Item::Range(a, b)),
                    (Escape::Char(_), Escape::Char(_)) => return Err(self.fail("a range out of order")),
                    (lo, hi) if self.dialect != Dialect::Unicode => {
                        // Annex B and Java: a class escape beside `-` makes the `-` a literal.
                        items.extend([item(lo), Item::Range('-' as u32, '-' as u32), item(hi)]);
                    }
                    _ => return Err(self.fail("a range with a class escape")),
                }
            } else {
                items.push(item(lo));
            }
        }
        let mut class = Class { negated, items };
        if self.icase {
            fold_class(&mut class)?;
        }
        Ok(class)
    }

    fn class_atom(&mut self) -> Result<Escape, String> {
        let c = self.peek().ok_or_else(|| self.fail("an unterminated class"))?;
        self.i += 1;
        if c == '\\' {
            if self.peek().is_some_and(|d| d.is_ascii_digit() && d != '0') {
                return Err(self.fail("a backreference inside a class"));
            }
            return self.escape(true);
        }
        Ok(Escape::Char(c as u32))
    }

    /// A literal, case-insensitive under Java's `(?i)` (ASCII letters only, Java's default).
    fn case_folded(&self, c: u32) -> Node {
        match char::from_u32(c).filter(|_| self.icase).filter(char::is_ascii_alphabetic) {
            Some(l) => {
                let (a, b) = (l.to_ascii_lowercase() as u32, l.to_ascii_uppercase() as u32);
                Node::Class(Class { negated: false, items: vec![Item::Range(a, a), Item::Range(b, b)] })
            }
            None => Node::Char(c),
        }
    }
}

fn item(e: Escape) -> Item {
    match e {
        Escape::Char(c) => Item::Range(c, c),
        Escape::Class(c) => Item::Class(c),
    }
}

/// Java's ASCII-only case folding of a class's ranges.
fn fold_class(class: &mut Class) -> Result<(), String> {
    let mut extra = Vec::new();
    for it in &class.items {
        match it {
            Item::Range(a, b) => {
                for (lo, hi, shift) in [(0x41u32, 0x5Au32, 0x20i64), (0x61, 0x7A, -0x20)] {
                    let (s, e) = ((*a).max(lo), (*b).min(hi));
                    if s <= e {
                        extra.push(Item::Range((s as i64 + shift) as u32, (e as i64 + shift) as u32));
                    }
                }
            }
            Item::Property { .. } => return Err("a property under `(?i)` has no translation".into()),
            Item::Class(_) => {}
        }
    }
    class.items.extend(extra);
    Ok(())
}
