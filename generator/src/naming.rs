//! Rust names for model names: the one place where case conversion and keyword escaping happen.
//!
//! - Types and enum variants are `UpperCamelCase`; fields, modules and methods `snake_case`.
//! - Rust keywords become raw identifiers (`r#type`), except `self`, `Self`, `crate`, `super`
//!   (which cannot be raw) and `_`: those get a trailing underscore.
//! - Collisions are detected by [`Scope`], which reports both model names.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Every Rust keyword, strict and reserved, across editions up to 2024.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "crate", "super", "_"];

fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Makes any text usable as an identifier body: non-alphanumerics become word breaks, and a
/// leading digit gets a prefix. Returns `None` for text with no alphanumeric character.
fn words(text: &str) -> Option<String> {
    let cleaned: String = text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    if cleaned.trim().is_empty() {
        return None;
    }
    Some(cleaned)
}

/// `UpperCamelCase` type name for a shape name.
pub fn type_name(shape_name: &str) -> Option<String> {
    let camel = words(shape_name)?.to_upper_camel_case();
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) { format!("V{camel}") } else { camel };
    Some(escape(camel))
}

/// `snake_case` name for a member, module or method.
pub fn snake_name(name: &str) -> Option<String> {
    let snake = words(name)?.to_snake_case();
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("v{snake}") } else { snake };
    Some(escape(snake))
}

/// `UpperCamelCase` variant name for an enum member name or an arbitrary enum value
/// (`text/plain` → `TextPlain`, `1x` → `V1x`). `None` when nothing identifier-like remains.
pub fn variant_name(text: &str) -> Option<String> {
    type_name(text)
}

pub use crate::ir::unraw;

/// A namespace of Rust names (a module's types, a struct's fields, an enum's variants) that
/// refuses two model names mapping to one Rust name.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeMap<String, String>,
}

impl Scope {
    pub fn new() -> Scope {
        Scope::default()
    }

    /// Reserves a name the generator itself uses in this scope (e.g. `Unknown`).
    pub fn reserve(&mut self, rust: &str, why: &str) {
        self.taken.insert(rust.to_owned(), why.to_owned());
    }

    /// Claims `rust` for the model name `model`; on collision returns the other model name.
    pub fn claim(&mut self, rust: &str, model: &str) -> Result<(), String> {
        let key = unraw(rust).to_owned();
        if let Some(other) = self.taken.get(&key) {
            return Err(format!("`{model}` and `{other}` both become the Rust name `{rust}`"));
        }
        self.taken.insert(key, model.to_owned());
        Ok(())
    }

    pub fn contains(&self, rust: &str) -> bool {
        self.taken.contains_key(unraw(rust))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_upper_camel() {
        assert_eq!(type_name("StartChatContactRequest").unwrap(), "StartChatContactRequest");
        assert_eq!(type_name("ARNList").unwrap(), "ArnList");
        assert_eq!(type_name("foo_bar").unwrap(), "FooBar");
        assert_eq!(type_name("_private").unwrap(), "Private");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(snake_name("Type").unwrap(), "r#type");
        assert_eq!(snake_name("Match").unwrap(), "r#match");
        assert_eq!(snake_name("async").unwrap(), "r#async");
        assert_eq!(snake_name("Self").unwrap(), "self_");
        assert_eq!(snake_name("crate").unwrap(), "crate_");
        assert_eq!(snake_name("super").unwrap(), "super_");
        assert_eq!(type_name("Self").unwrap(), "Self_");
        assert_eq!(snake_name("gen").unwrap(), "r#gen");
    }

    #[test]
    fn std_type_names_are_left_alone() {
        // Generated code uses fully qualified std paths, so these are safe as type names.
        assert_eq!(type_name("Option").unwrap(), "Option");
        assert_eq!(type_name("String").unwrap(), "String");
        assert_eq!(snake_name("String").unwrap(), "string");
    }

    #[test]
    fn fields_are_snake_case() {
        assert_eq!(snake_name("ChatDurationInMinutes").unwrap(), "chat_duration_in_minutes");
        assert_eq!(snake_name("S3Uri").unwrap(), "s3_uri");
        assert_eq!(snake_name("InstanceId").unwrap(), "instance_id");
    }

    #[test]
    fn enum_values_that_are_not_identifiers() {
        assert_eq!(variant_name("text/plain").unwrap(), "TextPlain");
        assert_eq!(variant_name("ENTIRE_PAST_SESSION").unwrap(), "EntirePastSession");
        assert_eq!(variant_name("1st-class").unwrap(), "V1stClass");
        assert_eq!(
            variant_name("application/vnd.amazonaws.connect.message.interactive").unwrap(),
            "ApplicationVndAmazonawsConnectMessageInteractive"
        );
        assert_eq!(variant_name("---"), None);
        assert_eq!(variant_name(""), None);
    }

    #[test]
    fn scope_detects_collisions_after_case_conversion() {
        let mut scope = Scope::new();
        scope.claim(&snake_name("FooBar").unwrap(), "FooBar").unwrap();
        let err = scope.claim(&snake_name("foo_bar").unwrap(), "foo_bar").unwrap_err();
        assert!(err.contains("FooBar") && err.contains("foo_bar") && err.contains("`foo_bar`"), "{err}");
        let mut scope = Scope::new();
        scope.reserve("Unknown", "the generated catch-all variant");
        assert!(scope.claim("Unknown", "UNKNOWN").is_err());
        // Raw and plain forms are the same name.
        let mut scope = Scope::new();
        scope.claim("r#type", "type").unwrap();
        assert!(scope.claim("type", "Type").is_err());
    }
}
