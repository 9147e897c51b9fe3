//! A chain of 200 nested structures: the crate compiles (the generator raised its recursion
//! limit to cover the chain), and values at the bottom of it validate and serialise.

use fixture_nesting::types::{Level197, Level198, Level199};
use fixture_nesting::validate::Validate;

#[test]
fn the_deepest_levels_validate_with_their_paths() {
    let ok =
        Level197::builder().next(Level198::builder().next(Level199::builder().name("leaf").build()).build()).build();
    assert!(ok.validate().is_ok());
    let empty = Level197::builder().next(Level198::builder().name("").build()).build();
    let err = empty.validate().expect_err("an empty name");
    let paths: Vec<&str> = err.violations().iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["next.name"]);
}

#[test]
fn nested_values_serialise() {
    let value = Level198::builder().next(Level199::builder().name("leaf").build()).build();
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(json, r#"{"next":{"name":"leaf"}}"#);
    let back: Level198 = serde_json::from_str(&json).unwrap();
    assert_eq!(back, value);
}
