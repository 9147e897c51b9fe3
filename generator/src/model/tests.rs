use super::*;

fn load(json: &str) -> Result<Model, Error> {
    Model::from_json(json.as_bytes())
}

#[test]
fn shape_ids_parse_and_reject() {
    let id = ShapeId::parse("com.example#Foo_1").unwrap();
    assert_eq!((id.namespace(), id.name()), ("com.example", "Foo_1"));
    for bad in ["Foo", "#Foo", "com.example#", "com..x#Foo", "com.example#1Foo", "a#b$c", "a#__"] {
        assert!(ShapeId::parse(bad).is_err(), "{bad} should be rejected");
    }
}

#[test]
fn dangling_target_names_the_member_and_target() {
    let err =
        load(r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"a":{"target":"ex#Missing"}}}}}"#)
            .unwrap_err()
            .to_string();
    assert!(err.contains("ex#S$a"), "{err}");
    assert!(err.contains("ex#Missing"), "{err}");
}

#[test]
fn version_is_required_and_checked() {
    assert!(matches!(load(r#"{"shapes":{}}"#), Err(Error::Version(_))));
    let e = load(r#"{"smithy":"3.0","shapes":{}}"#).unwrap_err().to_string();
    assert!(e.contains("3.0"), "{e}");
    assert!(matches!(load("not json"), Err(Error::Json(_))));
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let e = load(r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"strin"}}}"#).unwrap_err().to_string();
    assert!(e.contains("ex#S") && e.contains("strin"), "{e}");
}

#[test]
fn smithy_1_forms_are_normalised() {
    let m = load(
        r#"{"smithy":"1.0","shapes":{
            "ex#E":{"type":"string","traits":{"smithy.api#enum":[{"value":"text/plain"},{"value":"a","name":"A"}]}},
            "ex#S":{"type":"set","member":{"target":"smithy.api#String"}},
            "ex#N":{"type":"integer"},
            "ex#B":{"type":"integer","traits":{"smithy.api#box":{}}},
            "ex#T":{"type":"structure","members":{
                "n":{"target":"ex#N"},"b":{"target":"ex#B"},"p":{"target":"smithy.api#PrimitiveLong"},
                "i":{"target":"smithy.api#Integer"}}}
        }}"#,
    )
    .unwrap();
    let get = |n: &str| m.get(&ShapeId::parse(&format!("ex#{n}")).unwrap()).unwrap().into_owned();
    match get("E").kind {
        ShapeKind::Enum(v) => {
            assert_eq!(v[0].value, EnumLiteral::String("text/plain".into()));
            assert_eq!(v[0].name, None);
            assert_eq!(v[1].name.as_deref(), Some("A"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(get("S").kind, ShapeKind::List(_)));
    let ShapeKind::Structure(ms) = get("T").kind else { panic!() };
    let default = |n: &str| ms.iter().find(|m| m.name == n).unwrap().traits.default_value().cloned();
    assert_eq!(default("n"), Some(Value::from(0)));
    assert_eq!(default("b"), None);
    assert_eq!(default("p"), Some(Value::from(0)));
    assert_eq!(default("i"), None);
}

#[test]
fn mixins_and_apply_are_flattened() {
    let m = load(
        r#"{"smithy":"2.0","shapes":{
            "ex#M":{"type":"structure","members":{"a":{"target":"smithy.api#String"}},"traits":{"smithy.api#mixin":{},"smithy.api#sensitive":{}}},
            "ex#S":{"type":"structure","mixins":[{"target":"ex#M"}],"members":{"b":{"target":"smithy.api#String"}}},
            "ex#S$b":{"type":"apply","traits":{"smithy.api#required":{}}}
        }}"#,
    )
    .unwrap();
    let s = m.get(&ShapeId::parse("ex#S").unwrap()).unwrap().into_owned();
    let names: Vec<_> = s.kind.members().iter().map(|m| m.name.clone()).collect();
    assert_eq!(names, ["a", "b"]);
    assert!(s.traits.sensitive() && !s.traits.has("smithy.api#mixin"));
    assert!(s.kind.members()[1].traits.required());
}

#[test]
fn constraint_traits_are_checked_against_their_shape() {
    let e = load(r#"{"smithy":"2.0","shapes":{"ex#I":{"type":"integer","traits":{"smithy.api#length":{"min":1}}}}}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("ex#I") && e.contains("@length"), "{e}");
    let e = load(
        r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"string","traits":{"smithy.api#length":{"min":5,"max":1}}}}}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("greater than"), "{e}");
    let e = load(r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"string","traits":{"smithy.api#length":{"min":-1}}}}}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("non-negative"), "{e}");
}

#[test]
fn duplicate_and_empty_enum_values_are_errors() {
    let e = load(r#"{"smithy":"2.0","shapes":{"ex#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"x"}},"B":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"x"}}}}}}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("ex#E") && e.contains("more than once"), "{e}");
}

#[test]
fn type_names_take_the_right_article() {
    let names = ["integer", "enum", "intEnum", "operation", "union", "structure", "bigDecimal", "resource"];
    let got: Vec<String> = names.iter().map(|n| a_or_an(n)).collect();
    let want =
        ["an integer", "an enum", "an intEnum", "an operation", "a union", "a structure", "a bigDecimal", "a resource"];
    assert_eq!(got, want);
}

#[test]
fn messages_name_shape_types_with_their_article() {
    let cases = [
        (
            r#""ex#I":{"type":"integer","traits":{"smithy.api#length":{"min":1}}}"#,
            "@length cannot be applied to an integer",
        ),
        (
            r#""ex#S":{"type":"structure","members":{}},
               "ex#Svc":{"type":"service","operations":[{"target":"ex#S"}]}"#,
            "binds `ex#S` as an operation, but it is a structure",
        ),
        (
            r#""ex#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit"}}},
               "ex#Op":{"type":"operation","input":{"target":"ex#E"}}"#,
            "input `ex#E` is an enum, not a structure",
        ),
        (
            r#""ex#U":{"type":"union","members":{},"traits":{"smithy.api#mixin":{}}},
               "ex#S":{"type":"structure","mixins":[{"target":"ex#U"}],"members":{}}"#,
            "mixin `ex#U` is a union, not a structure",
        ),
        (
            r#""ex#E":{"type":"intEnum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}},
               "traits":{"smithy.api#required":{}}}"#,
            "@required can only be applied to structure members, not to an intEnum",
        ),
    ];
    for (shapes, message) in cases {
        let e = load(&format!(r#"{{"smithy":"2.0","shapes":{{{shapes}}}}}"#)).unwrap_err().to_string();
        assert!(e.contains(message), "`{e}` should contain `{message}`");
    }
}

#[test]
fn prelude_shapes_resolve_with_their_defaults() {
    let get = |id: &str| prelude(&ShapeId::parse(id).unwrap());
    let default = |id: &str| get(id).and_then(|s| s.traits.default_value().cloned());
    assert_eq!(get("smithy.api#Integer").map(|s| s.kind), Some(ShapeKind::Simple(Simple::Integer)));
    assert_eq!(default("smithy.api#Integer"), None);
    assert_eq!(get("smithy.api#PrimitiveLong").map(|s| s.kind), Some(ShapeKind::Simple(Simple::Long)));
    assert_eq!(default("smithy.api#PrimitiveLong"), Some(Value::from(0)));
    assert_eq!(default("smithy.api#PrimitiveBoolean"), Some(Value::Bool(false)));
    assert_eq!(get("smithy.api#BigDecimal").map(|s| s.kind), Some(ShapeKind::Simple(Simple::BigDecimal)));
    for missing in ["smithy.api#PrimitiveString", "smithy.api#PrimitiveBigInteger", "smithy.api#Nope", "ex#Integer"] {
        assert_eq!(get(missing), None, "{missing}");
    }
    let unit = get("smithy.api#Unit").unwrap();
    assert_eq!(unit.kind, ShapeKind::Structure(Vec::new()));
    assert!(unit.traits.has("smithy.api#unitType"));
    assert!(is_unit(&unit.id) && !is_unit(&ShapeId::parse("ex#Unit").unwrap()));
}

#[test]
fn the_prelude_table_holds_every_prelude_shape() {
    let simple = ["Blob", "Boolean", "String", "Byte", "Short", "Integer", "Long", "Float", "Double"];
    let more = ["BigInteger", "BigDecimal", "Timestamp", "Document", "Unit", "Nope", "PrimitiveUnit"];
    let names = simple.iter().chain(&more).flat_map(|n| [n.to_string(), format!("Primitive{n}")]);
    let mut found = 0;
    for name in names {
        let id = ShapeId::parse(&format!("smithy.api#{name}")).unwrap();
        assert_eq!(prelude::prelude_ref(&id), prelude(&id).as_ref(), "{id}");
        found += usize::from(prelude(&id).is_some());
    }
    // 14 shapes, `Unit` among them, and the 7 unboxed primitives.
    assert_eq!(found, 21);
    assert_eq!(prelude::prelude_ref(&ShapeId::parse("ex#String").unwrap()), None);
}

#[test]
fn smithy_1_defaults_follow_the_target_type() {
    let m = load(
        r#"{"smithy":"1.0","shapes":{
            "ex#Bool":{"type":"boolean"},"ex#F":{"type":"float"},"ex#Big":{"type":"bigInteger"},
            "ex#Str":{"type":"string"},
            "ex#T":{"type":"structure","members":{
                "bool":{"target":"ex#Bool"},"f":{"target":"ex#F"},"big":{"target":"ex#Big"},
                "str":{"target":"ex#Str"},"boxed":{"target":"ex#F","traits":{"smithy.api#box":{}}},
                "own":{"target":"ex#F","traits":{"smithy.api#default":2.5}}}}
        }}"#,
    )
    .unwrap();
    let t = m.expect(&ShapeId::parse("ex#T").unwrap()).unwrap().into_owned();
    let defaults: Vec<_> = t.kind.members().iter().map(|m| m.traits.default_value().cloned()).collect();
    assert_eq!(defaults, [Some(Value::Bool(false)), Some(Value::from(0)), None, None, None, Some(Value::from(2.5))]);
    // The same shapes in a 2.0 model get no defaults.
    let v2 = r#"{"smithy":"2.0","shapes":{"ex#F":{"type":"float"},
        "ex#T":{"type":"structure","members":{"f":{"target":"ex#F"}}}}}"#;
    let m = load(v2).unwrap();
    let t = m.expect(&ShapeId::parse("ex#T").unwrap()).unwrap().into_owned();
    assert_eq!(t.kind.members()[0].traits.default_value(), None);
}

#[test]
fn a_mixin_cycle_names_its_path() {
    let e = load(
        r#"{"smithy":"2.0","shapes":{
            "ex#A":{"type":"structure","mixins":[{"target":"ex#B"}],"members":{},"traits":{"smithy.api#mixin":{}}},
            "ex#B":{"type":"structure","mixins":[{"target":"ex#A"}],"members":{},"traits":{"smithy.api#mixin":{}}}
        }}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("mixins form a cycle (ex#A -> ex#B -> ex#A)"), "{e}");
    let e = load(r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","mixins":[{"target":"ex#Gone"}]}}}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("ex#S") && e.contains("mixin `ex#Gone` does not exist"), "{e}");
}

#[test]
fn range_and_length_bounds_must_be_numbers_in_order() {
    let shape = |kind: &str, t: &str| {
        format!(r#"{{"smithy":"2.0","shapes":{{"ex#X":{{"type":"{kind}","traits":{{"smithy.api#{t}}}}}}}}}"#)
    };
    let err = |json: String| load(&json).unwrap_err().to_string();
    let e = err(shape("integer", r#"range":{"max":"9"}"#));
    assert!(e.contains(r#"@range max must be a number, not "9""#), "{e}");
    let e = err(shape("double", r#"range":{"min":2.5,"max":1}"#));
    assert!(e.contains("@range min (2.5) is greater than max (1)"), "{e}");
    let e = err(shape("blob", r#"length":{"max":1.5}"#));
    assert!(e.contains("@length max must be a non-negative integer, not 1.5"), "{e}");
    assert!(load(&shape("string", r#"length":{"min":2,"max":2}"#)).is_ok());
    assert!(load(&shape("long", r#"range":{"min":-3}"#)).is_ok());
}

#[test]
fn apply_concatenates_list_traits_and_keeps_equal_values() {
    let m = load(
        r#"{"smithy":"2.0","shapes":{
            "ex#T":{"type":"structure","members":{"s":{"target":"smithy.api#String",
                "traits":{"smithy.api#tags":["a"],"smithy.api#documentation":"Doc.","ex#notes":["x"]}}}},
            "ex#T$s":{"type":"apply","traits":{"smithy.api#tags":["b"],"smithy.api#documentation":"Doc.","ex#notes":["y"]}}
        }}"#,
    )
    .unwrap();
    let t = m.expect(&ShapeId::parse("ex#T").unwrap()).unwrap().into_owned();
    let traits = &t.kind.members()[0].traits;
    assert_eq!(traits.get("smithy.api#tags"), Some(&serde_json::json!(["a", "b"])));
    assert_eq!(traits.documentation(), Some("Doc."));
    // A trait the model does not define is a list when its values are arrays.
    assert_eq!(traits.get("ex#notes"), Some(&serde_json::json!(["x", "y"])));
    // A trait the model defines as a structure is not merged, even with array-free values.
    let e = load(
        r#"{"smithy":"2.0","shapes":{
            "ex#note":{"type":"structure","members":{},"traits":{"smithy.api#trait":{}}},
            "ex#T":{"type":"structure","members":{"s":{"target":"smithy.api#String","traits":{"ex#note":{"a":1}}}}},
            "ex#T$s":{"type":"apply","traits":{"ex#note":{"a":2}}}
        }}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("ex#T$s") && e.contains("apply conflicts with the @ex#note already applied"), "{e}");
}

#[test]
fn what_aws_models_break_is_accepted_with_a_warning() {
    let m = load(
        r#"{"smithy":"2.0","shapes":{
            "ex#Size":{"type":"integer","traits":{"smithy.api#range":{"min":1},"smithy.api#default":0}},
            "ex#T":{"type":"structure","members":{
                "size":{"target":"ex#Size","traits":{"smithy.api#default":0}},
                "method":{"target":"smithy.api#String","traits":{"smithy.api#httpHeader":"x-method"}},
                "other":{"target":"smithy.api#String","traits":{"smithy.api#jsonName":"method"}}}}
        }}"#,
    )
    .unwrap();
    let warnings: Vec<&str> = m.warnings().iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings[0].contains("ex#Size") && warnings[0].contains("@default 0 does not meet the @range"),
        "{warnings:?}"
    );
    assert!(warnings[1].contains("ex#T$size"), "{warnings:?}");
    assert!(warnings[2].contains("the same JSON property name `method`"), "{warnings:?}");
    // Two body members of one JSON name are refused.
    let e = load(
        r#"{"smithy":"2.0","shapes":{"ex#T":{"type":"structure","members":{
            "method":{"target":"smithy.api#String"},
            "other":{"target":"smithy.api#String","traits":{"smithy.api#jsonName":"method"}}}}}}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("ex#T") && e.contains("the same JSON property name `method`"), "{e}");
}

#[test]
fn malformed_entries_name_the_shape_and_the_field() {
    let cases = [
        (r#""ex#S":{"type":"structure","members":"x"}"#, "invalid type: string \"x\", expected a JSON object"),
        (r#""ex#S":{"type":"structure","colour":"red"}"#, "unknown field `colour` for a shape of type `structure`"),
        (r#""ex#S":{"type":"string","members":{}}"#, "unknown field `members` for a shape of type `string`"),
        (r#""ex#S":{"traits":{}}"#, "missing field `type`"),
        // Only a document read in one pass still has both: a parsed one keeps the last.
        (r#""ex#S":{"type":"string","traits":{},"traits":{}}"#, "duplicate field `traits`"),
    ];
    for (i, (shapes, message)) in cases.into_iter().enumerate() {
        // Read in one pass (`smithy` first), and from a parsed document (`smithy` last).
        let one_pass = format!(r#"{{"smithy":"2.0","shapes":{{{shapes}}}}}"#);
        let parsed = format!(r#"{{"shapes":{{{shapes}}},"smithy":"2.0"}}"#);
        for doc in [Some(one_pass), (i < 4).then_some(parsed)].into_iter().flatten() {
            let e = load(&doc).unwrap_err();
            assert!(matches!(&e, Error::Model { shape, .. } if shape == "ex#S"), "{e}");
            assert!(e.to_string().contains(message), "`{e}` should contain `{message}`");
        }
    }
    // A later entry is still read after an earlier one, and keys other than these are refused.
    let e = load(r#"{"smithy":"2.0","shapes":{},"colour":1}"#).unwrap_err().to_string();
    assert!(e.contains("unknown field `colour`"), "{e}");
}
