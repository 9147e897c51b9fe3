//! Deep nesting: the crate declares the recursion limit its deepest chain needs, and a chain
//! beyond the generator's stated limit is refused with an error naming where it starts.

use generator::{generate_from_json, Config};

/// A service whose input is a chain of `levels` nested structures.
fn chain(levels: usize) -> String {
    let mut shapes = vec![
        r#""ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#restJson1":{}}}"#.to_owned(),
        r#""ex#Op":{"type":"operation","input":{"target":"ex#L0"},"traits":{"smithy.api#http":{"method":"POST","uri":"/"}}}"#.to_owned(),
    ];
    for i in 0..levels {
        let members =
            if i + 1 < levels { format!(r#"{{"next":{{"target":"ex#L{}"}}}}"#, i + 1) } else { "{}".to_owned() };
        shapes.push(format!(r#""ex#L{i}":{{"type":"structure","members":{members}}}"#));
    }
    format!(r#"{{"smithy":"2.0","shapes":{{{}}}}}"#, shapes.join(","))
}

fn lib_rs(levels: usize) -> String {
    let g = generate_from_json(chain(levels).as_bytes(), &Config::default()).unwrap();
    g.files.into_iter().find(|f| f.path == "src/lib.rs").unwrap().contents
}

#[test]
fn the_recursion_limit_follows_the_deepest_chain() {
    assert!(!lib_rs(20).contains("recursion_limit"), "the default covers a shallow model");
    let deep = lib_rs(300);
    assert!(deep.contains("#![recursion_limit = \"664\"]"), "{}", &deep[..deep.len().min(2000)]);
    assert!(deep.contains("#![doc(test(attr(recursion_limit = \"664\")))]"));
}

#[test]
fn a_chain_beyond_the_limit_is_refused_by_name() {
    let e = generate_from_json(chain(1_001).as_bytes(), &Config::default()).unwrap_err().to_string();
    assert!(e.contains("1001 levels deep") && e.contains("at most 1000"), "{e}");
    assert!(e.contains("L0"), "{e}");
}
