//! A corpus of malformed and hostile models. Each case either fails with an error that names the
//! shape and the problem, or generates correct output; none panics or hangs (every case runs on
//! its own thread with a deadline, and a panic fails the test with the case's name).

use std::sync::mpsc;
use std::time::Duration;

use generator::{generate_from_json, Config, Error};

/// The models the Smithy 2.0 specification refuses, rule by rule, with near misses it accepts.
#[path = "malformed/spec.rs"]
mod spec;

/// What a case must produce.
enum Expect {
    /// An error whose text contains every fragment.
    Err(&'static [&'static str]),
    /// Generation succeeds and the named file contains every fragment.
    Ok(&'static str, &'static [&'static str]),
}

/// A minimal restJson1 service around `shapes` (a JSON object body without braces), whose one
/// operation `ex#Op` takes `ex#In`.
fn service(shapes: &str) -> String {
    format!(
        r#"{{"smithy":"2.0","shapes":{{
        "ex#Svc":{{"type":"service","version":"1","operations":[{{"target":"ex#Op"}}],"traits":{{"aws.protocols#restJson1":{{}}}}}},
        "ex#Op":{{"type":"operation","input":{{"target":"ex#In"}},"traits":{{"smithy.api#http":{{"method":"POST","uri":"/op"}}}}}},
        {shapes}
    }}}}"#
    )
}

fn input(members: &str) -> String {
    with(members, "")
}

/// `ex#In` with `members`, beside `extra` shapes (a comma-terminated list, or empty).
fn with(members: &str, extra: &str) -> String {
    service(&format!(r#"{extra}"ex#In":{{"type":"structure","members":{{{members}}}}}"#))
}

/// The `@http` trait of `ex#Op` in [`service`].
const HTTP: &str = r#""smithy.api#http":{"method":"POST","uri":"/op"}"#;

/// `@required`, as a member trait.
const REQ: &str = r#""smithy.api#required":{}"#;

/// [`with`], with the traits of `ex#Op` replaced by `op_traits`.
fn op_with(op_traits: &str, members: &str, extra: &str) -> String {
    with(members, extra).replace(HTTP, op_traits)
}

/// A member `name` targeting `target`, with `traits` (a comma-separated list of trait entries).
fn mem(name: &str, target: &str, traits: &str) -> String {
    format!(r#""{name}":{{"target":"{target}","traits":{{{traits}}}}}"#)
}

fn cases() -> Vec<(&'static str, String, Expect)> {
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_shape =
        format!(r#"{{"smithy":"2.0","shapes":{{"ex#S":{{"type":"structure","traits":{{"ex#t":{deep}}}}}}}}}"#);
    let huge = "x".repeat(100 * 1024 * 1024);
    let two_ops = |error_shape: &str| {
        service(&format!(
            r#""ex#In":{{"type":"structure","members":{{}}}},"ex#Op2":{{"type":"operation","errors":[{{"target":"ex#E"}}]}},{error_shape}"#
        ))
    };
    let mut cases = vec![
        ("not JSON", "this is not json".into(), Expect::Err(&["not valid Smithy JSON"])),
        ("empty input", String::new(), Expect::Err(&["not valid Smithy JSON"])),
        ("a JSON array", "[1,2,3]".into(), Expect::Err(&["not valid Smithy JSON"])),
        ("missing version", r#"{"shapes":{}}"#.into(), Expect::Err(&["`smithy` version is missing"])),
        ("unsupported version", r#"{"smithy":"3.0","shapes":{}}"#.into(), Expect::Err(&["unsupported Smithy version `3.0`"])),
        ("version of the wrong type", r#"{"smithy":2,"shapes":{}}"#.into(), Expect::Err(&["not valid Smithy JSON"])),
        ("unknown top-level key", r#"{"smithy":"2.0","shapes":{},"extra":1}"#.into(), Expect::Err(&["extra"])),
        ("dangling member target", input(r#""a":{"target":"ex#Missing"}"#), Expect::Err(&["ex#In$a", "ex#Missing", "does not exist"])),
        (
            "operation input missing",
            service(r#""ex#Other":{"type":"string"}"#),
            Expect::Err(&["ex#Op", "input `ex#In` does not exist"]),
        ),
        ("error that is not a structure", two_ops(r#""ex#E":{"type":"string"}"#), Expect::Err(&["ex#Op2", "ex#E", "@error"])),
        (
            "error without @error",
            two_ops(r#""ex#E":{"type":"structure","members":{}}"#),
            Expect::Err(&["ex#Op2", "ex#E", "@error"]),
        ),
        ("unknown shape type", service(r#""ex#In":{"type":"strukture","members":{}}"#), Expect::Err(&["ex#In", "strukture"])),
        (
            "@length on an integer",
            with(r#""n":{"target":"ex#N"}"#, r#""ex#N":{"type":"integer","traits":{"smithy.api#length":{"max":3}}},"#),
            Expect::Err(&["ex#N", "@length cannot be applied to an integer"]),
        ),
        (
            "@range on a string",
            input(r#""s":{"target":"smithy.api#String","traits":{"smithy.api#range":{"min":1}}}"#),
            Expect::Err(&["ex#In$s", "@range cannot be applied to a string"]),
        ),
        (
            "@pattern on a boolean",
            input(r#""b":{"target":"smithy.api#Boolean","traits":{"smithy.api#pattern":"^a$"}}"#),
            Expect::Err(&["ex#In$b", "@pattern cannot be applied to a boolean"]),
        ),
        (
            "@required on a shape",
            service(r#""ex#In":{"type":"structure","members":{},"traits":{"smithy.api#required":{}}}"#),
            Expect::Err(&["ex#In", "@required can only be applied to structure members"]),
        ),
        (
            "@httpQueryParams on a shape",
            with(
                r#""m":{"target":"ex#M"}"#,
                r#""ex#M":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"smithy.api#String"},"traits":{"smithy.api#httpQueryParams":{}}},"#,
            ),
            Expect::Err(&["ex#M", "@httpQueryParams can only be applied to structure members, not to a map"]),
        ),
        (
            "@default on a shape is allowed",
            with(
                r#""n":{"target":"ex#N","traits":{"smithy.api#default":3}}"#,
                r#""ex#N":{"type":"integer","traits":{"smithy.api#default":3}},"#,
            ),
            Expect::Ok("src/operation/op.rs", &["pub n:"]),
        ),
        (
            "members named like keywords and std types",
            input(r#""type":{"target":"smithy.api#String"},"Self":{"target":"smithy.api#String"},"Option":{"target":"smithy.api#String"},"String":{"target":"smithy.api#String"}"#),
            Expect::Ok("src/operation/op.rs", &["pub r#type:", "pub self_:", "pub option:", "pub string:"]),
        ),
        (
            "shapes named like std types",
            with(
                r#""a":{"target":"ex#Option"},"b":{"target":"ex#Result"}"#,
                r#""ex#Option":{"type":"structure","members":{}},"ex#Result":{"type":"structure","members":{}},"#,
            ),
            Expect::Ok("src/types.rs", &["pub struct Option", "pub struct Result"]),
        ),
        (
            "shapes colliding after case conversion",
            with(
                r#""a":{"target":"ex#foo_bar"},"b":{"target":"ex#FooBar"}"#,
                r#""ex#foo_bar":{"type":"structure","members":{}},"ex#FooBar":{"type":"structure","members":{}},"#,
            ),
            Expect::Err(&["naming conflict", "ex#foo_bar", "ex#FooBar", "`FooBar`"]),
        ),
        (
            "members colliding after case conversion",
            input(r#""userId":{"target":"smithy.api#String"},"UserId":{"target":"smithy.api#String"}"#),
            Expect::Err(&["naming conflict", "ex#In", "userId", "UserId"]),
        ),
        (
            "enum values that are not identifiers",
            with(
                r#""e":{"target":"ex#E"}"#,
                r#""ex#E":{"type":"string","traits":{"smithy.api#enum":[{"value":"text/plain"},{"value":"9-lives"},{"value":"a b"}]}},"#,
            ),
            Expect::Ok("src/types.rs", &["TextPlain,", "V9Lives,", "AB,", "\"text/plain\" => "]),
        ),
        (
            "an empty enum value",
            with(r#""e":{"target":"ex#E"}"#, r#""ex#E":{"type":"string","traits":{"smithy.api#enum":[{"value":""}]}},"#),
            Expect::Err(&["ex#E", "empty string"]),
        ),
        (
            "a repeated enum value",
            with(
                r#""e":{"target":"ex#E"}"#,
                r#""ex#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"x"}},"B":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"x"}}}},"#,
            ),
            Expect::Err(&["ex#E", "`x` appears more than once"]),
        ),
        (
            "an enum value with no identifier characters",
            with(r#""e":{"target":"ex#E"}"#, r#""ex#E":{"type":"string","traits":{"smithy.api#enum":[{"value":"+++"}]}},"#),
            Expect::Err(&["ex#E", "`+++` has no usable Rust name"]),
        ),
        (
            "recursion through required members",
            with(
                r#""a":{"target":"ex#A","traits":{"smithy.api#required":{}}}"#,
                r#""ex#A":{"type":"structure","members":{"b":{"target":"ex#B","traits":{"smithy.api#required":{}}}}},"ex#B":{"type":"structure","members":{"a":{"target":"ex#A","traits":{"smithy.api#required":{}}}}},"#,
            ),
            Expect::Err(&["ex#A", "recursive through required members", "ex#B"]),
        ),
        (
            "length bounds at u64::MAX",
            input(r#""s":{"target":"smithy.api#String","traits":{"smithy.api#length":{"min":18446744073709551615,"max":18446744073709551615}}}"#),
            Expect::Ok("src/operation/op.rs", &["18446744073709551615"]),
        ),
        (
            "length bound beyond u64",
            input(r#""s":{"target":"smithy.api#String","traits":{"smithy.api#length":{"max":18446744073709551616}}}"#),
            Expect::Err(&["ex#In$s", "@length max must be a non-negative integer"]),
        ),
        (
            "a negative length",
            input(r#""s":{"target":"smithy.api#String","traits":{"smithy.api#length":{"min":-1}}}"#),
            Expect::Err(&["ex#In$s", "@length min must be a non-negative integer"]),
        ),
        (
            "a negative range is fine",
            input(r#""n":{"target":"smithy.api#Integer","traits":{"smithy.api#range":{"min":-10,"max":-5}}}"#),
            Expect::Ok("src/operation/op.rs", &["-10i64", "-5i64"]),
        ),
        (
            "range min greater than max",
            input(r#""n":{"target":"smithy.api#Integer","traits":{"smithy.api#range":{"min":5,"max":1}}}"#),
            Expect::Err(&["ex#In$n", "@range min (5) is greater than max (1)"]),
        ),
        (
            "length min greater than max",
            input(r#""s":{"target":"smithy.api#String","traits":{"smithy.api#length":{"min":9,"max":2}}}"#),
            Expect::Err(&["ex#In$s", "@length min (9) is greater than max (2)"]),
        ),
        (
            "a pattern no dialect reads generates, unenforced (with a warning)",
            with(r#""s":{"target":"ex#S"}"#, r#""ex#S":{"type":"string","traits":{"smithy.api#pattern":"^[a-z"}},"#),
            Expect::Ok("src/lib.rs", &["#![forbid(unsafe_code)]"]),
        ),
        (
            "@length and @pattern on an enum (a specialization of string) generate, checked by membership",
            with(
                &mem("e", "ex#E", r#""smithy.api#length":{"max":3}"#),
                r#""ex#E":{"type":"enum","members":{"AB":{"target":"smithy.api#Unit"}},"traits":{"smithy.api#length":{"min":1,"max":2},"smithy.api#pattern":"^[A-Z]+$"}},"#,
            ),
            Expect::Ok("src/types.rs", &["pub enum E"]),
        ),
        (
            "@paginated items that are @sparse generate, without a paginator (with a warning)",
            with(
                r#""next":{"target":"smithy.api#String"}"#,
                r#""ex#Out":{"type":"structure","members":{"next":{"target":"smithy.api#String"},"items":{"target":"ex#L"}}},"ex#L":{"type":"list","member":{"target":"smithy.api#String"},"traits":{"smithy.api#sparse":{}}},"#,
            )
            .replace(r#""input":{"target":"ex#In"}"#, r#""input":{"target":"ex#In"},"output":{"target":"ex#Out"}"#)
            .replace(HTTP, &format!(r#"{HTTP},"smithy.api#paginated":{{"inputToken":"next","outputToken":"next","items":"items"}}"#)),
            Expect::Ok("src/operation/op.rs", &["pub items:", "pub next:"]),
        ),
        (
            "@range on an enum (not a number)",
            with(
                r#""e":{"target":"ex#E"}"#,
                r#""ex#E":{"type":"enum","members":{"AB":{"target":"smithy.api#Unit"}},"traits":{"smithy.api#range":{"max":2}}},"#,
            ),
            Expect::Err(&["ex#E", "@range cannot be applied to an enum"]),
        ),
        (
            "an unsupported protocol",
            input("").replace("aws.protocols#restJson1", "aws.protocols#restXml"),
            Expect::Err(&["ex#Svc", "aws.protocols#restXml", "this generator speaks"]),
        ),
        (
            "no protocol at all",
            input("").replace(r#""aws.protocols#restJson1":{}"#, ""),
            Expect::Err(&["ex#Svc", "this generator speaks", "the service has none"]),
        ),
        ("nesting 10,000 levels deep", deep_shape, Expect::Err(&["not valid Smithy JSON", "recursion limit"])),
        (
            "a 100 MB string as a shape name",
            format!(r#"{{"smithy":"2.0","shapes":{{"ex#{huge}!":{{"type":"string"}}}}}}"#),
            Expect::Err(&["invalid shape name"]),
        ),
        (
            "a 100 MB string in a trait value",
            input(r#""s":{"target":"smithy.api#String","traits":{"ex.custom#note":"HUGE"}}"#).replace("HUGE", &huge),
            Expect::Ok("src/operation/op.rs", &["pub s:"]),
        ),
        ("a member targeting an operation", input(r#""o":{"target":"ex#Op"}"#), Expect::Err(&["ex#In$o", "targets the operation `ex#Op`"])),
        (
            "a map keyed by integers",
            with(
                r#""m":{"target":"ex#M"}"#,
                r#""ex#M":{"type":"map","key":{"target":"smithy.api#Integer"},"value":{"target":"smithy.api#String"}},"#,
            ),
            Expect::Err(&["ex#M", "map keys must target a string or enum"]),
        ),
        (
            "a union with no members",
            with(r#""u":{"target":"ex#U"}"#, r#""ex#U":{"type":"union","members":{}},"#),
            Expect::Err(&["ex#U", "at least one member"]),
        ),
        (
            "an operation without @http",
            input("").replace(r#","traits":{"smithy.api#http":{"method":"POST","uri":"/op"}}"#, ""),
            Expect::Err(&["ex#Op", "no @http trait"]),
        ),
        (
            "an @httpLabel member missing from the URI",
            input(r#""id":{"target":"smithy.api#String","traits":{"smithy.api#required":{},"smithy.api#httpLabel":{}}}"#),
            Expect::Err(&["ex#Op", "@httpLabel member `id` does not appear in the uri"]),
        ),
        (
            "a URI label without a member",
            input("").replace(r#""uri":"/op""#, r#""uri":"/op/{Id}""#),
            Expect::Err(&["ex#Op", "`{Id}` has no @httpLabel member"]),
        ),
        (
            "an intEnum value that is not an integer",
            with(
                r#""e":{"target":"ex#E"}"#,
                r#""ex#E":{"type":"intEnum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"one"}}}},"#,
            ),
            Expect::Err(&["ex#E$A", "integer @enumValue"]),
        ),
        (
            "a trait key that is not a shape id",
            input(r#""s":{"target":"smithy.api#String","traits":{"required":{}}}"#),
            Expect::Err(&["ex#In$s", "trait key `required` is not an absolute shape id"]),
        ),
        (
            "an unknown timestamp format",
            input(r#""t":{"target":"smithy.api#Timestamp","traits":{"smithy.api#timestampFormat":"iso"}}"#),
            Expect::Err(&["ex#In$t", "@timestampFormat must be one of \"date-time\", \"http-date\", \"epoch-seconds\", not \"iso\""]),
        ),
        ("a bigDecimal member", input(r#""d":{"target":"smithy.api#BigDecimal"}"#), Expect::Err(&["unsupported", "smithy.api#BigDecimal", "bigDecimal"])),
        (
            "an event stream",
            with(
                r#""events":{"target":"ex#Events"}"#,
                r#""ex#Events":{"type":"union","members":{"a":{"target":"smithy.api#String"}},"traits":{"smithy.api#streaming":{}}},"#,
            ),
            Expect::Err(&["unsupported", "ex#Events", "event streams"]),
        ),
        (
            "a streaming blob in the JSON body",
            with(
                r#""data":{"target":"ex#Stream"}"#,
                r#""ex#Stream":{"type":"blob","traits":{"smithy.api#streaming":{}}},"#,
            ),
            Expect::Err(&["ex#Stream", "@streaming blob must be the @httpPayload member"]),
        ),
        (
            "a streaming payload of a nested structure",
            with(
                r#""inner":{"target":"ex#Inner"}"#,
                r#""ex#Stream":{"type":"blob","traits":{"smithy.api#streaming":{}}},
                   "ex#Inner":{"type":"structure","members":{"data":{"target":"ex#Stream","traits":{"smithy.api#httpPayload":{}}}}},"#,
            ),
            Expect::Err(&["ex#Inner$data", "not of a structure nested in one"]),
        ),
        (
            "a streaming payload beside a body member",
            with(
                r#""data":{"target":"ex#Stream","traits":{"smithy.api#httpPayload":{}}},"name":{"target":"smithy.api#String"}"#,
                r#""ex#Stream":{"type":"blob","traits":{"smithy.api#streaming":{}}},"#,
            ),
            Expect::Err(&["ex#In", "`data` is bound to the payload, so `name` must be bound elsewhere"]),
        ),
        (
            "a streaming input payload, required and with its length",
            with(
                r#""data":{"target":"ex#Stream","traits":{"smithy.api#httpPayload":{},"smithy.api#required":{}}},"kind":{"target":"smithy.api#String","traits":{"smithy.api#httpHeader":"x-kind"}}"#,
                r#""ex#Stream":{"type":"blob","traits":{"smithy.api#streaming":{},"smithy.api#requiresLength":{}}},"#,
            ),
            Expect::Ok("src/client.rs", &["parts.require_length(\"data\")?;", "RequestParts::stream("]),
        ),
        (
            "a mixin cycle",
            r#"{"smithy":"2.0","shapes":{"ex#A":{"type":"structure","mixins":[{"target":"ex#B"}],"members":{},"traits":{"smithy.api#mixin":{}}},"ex#B":{"type":"structure","mixins":[{"target":"ex#A"}],"members":{},"traits":{"smithy.api#mixin":{}}}}}"#.into(),
            Expect::Err(&["mixins form a cycle"]),
        ),
        (
            "apply to a shape that does not exist",
            r#"{"smithy":"2.0","shapes":{"ex#Gone":{"type":"apply","traits":{"smithy.api#sensitive":{}}}}}"#.into(),
            Expect::Err(&["ex#Gone", "apply targets a shape that does not exist"]),
        ),
        (
            "a service with no operations",
            r#"{"smithy":"2.0","shapes":{"ex#Svc":{"type":"service","version":"1","traits":{"aws.protocols#restJson1":{}}}}}"#.into(),
            Expect::Err(&["no operations selected", "ex#Svc"]),
        ),
        ("a model with no service", r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"string"}}}"#.into(), Expect::Err(&["defines no service shape"])),
        (
            "two payload members",
            input(
                r#""a":{"target":"smithy.api#Blob","traits":{"smithy.api#httpPayload":{}}},"b":{"target":"smithy.api#String","traits":{"smithy.api#httpPayload":{}}}"#,
            ),
            Expect::Err(&["ex#In", "more than one member has @httpPayload", "`a` and `b`"]),
        ),
        (
            "a payload beside a body member",
            input(
                r#""a":{"target":"smithy.api#Blob","traits":{"smithy.api#httpPayload":{}}},"b":{"target":"smithy.api#String"}"#,
            ),
            Expect::Err(&["ex#In", "`a` is bound to the payload, so `b` must be bound elsewhere"]),
        ),
        (
            "a list as the payload",
            with(
                r#""a":{"target":"ex#L","traits":{"smithy.api#httpPayload":{}}}"#,
                r#""ex#L":{"type":"list","member":{"target":"smithy.api#String"}},"#,
            ),
            Expect::Err(&["ex#In", "must be a blob, string, enum, structure, union or document"]),
        ),
        (
            "prefix headers on a map of integers",
            with(
                r#""a":{"target":"ex#M","traits":{"smithy.api#httpPrefixHeaders":"x-a-"}}"#,
                r#""ex#M":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"smithy.api#Integer"}},"#,
            ),
            Expect::Err(&["ex#In$a", "@httpPrefixHeaders must be applied to a member that targets a map of strings", "`ex#M` is a map of `smithy.api#Integer` (integer)"]),
        ),
        (
            "a host prefix label with no host label member",
            service(
                r#""ex#In":{"type":"structure","members":{}},
                "ex#Op2":{"type":"operation","traits":{"smithy.api#http":{"method":"POST","uri":"/b"},"smithy.api#endpoint":{"hostPrefix":"{Region}."}}}"#,
            )
            .replace(r#"[{"target":"ex#Op"}]"#, r#"[{"target":"ex#Op"},{"target":"ex#Op2"}]"#),
            Expect::Err(&["ex#Op2", "hostPrefix label `{Region}` has no @hostLabel member"]),
        ),
        (
            "a payload, headers and a status code",
            service(
                r#""ex#In":{"type":"structure","members":{
                    "data":{"target":"smithy.api#Blob","traits":{"smithy.api#httpPayload":{},"smithy.api#mediaType":"image/png"}},
                    "tags":{"target":"ex#M","traits":{"smithy.api#httpPrefixHeaders":"x-tag-"}},
                    "at":{"target":"smithy.api#Timestamp","traits":{"smithy.api#httpQuery":"at"}}}},
                "ex#M":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"smithy.api#String"}},
                "ex#Out":{"type":"structure","members":{
                    "code":{"target":"smithy.api#Integer","traits":{"smithy.api#httpResponseCode":{}}},
                    "when":{"target":"smithy.api#Timestamp","traits":{"smithy.api#httpHeader":"x-when"}}}}"#,
            )
            .replace(r#""input":{"target":"ex#In"}"#, r#""input":{"target":"ex#In"},"output":{"target":"ex#Out"}"#),
            Expect::Ok(
                "src/client.rs",
                &["RequestParts::payload(path_and_query, value.0, \"image/png\")", "prefix_header(", "to_rfc3339", "parse_http_date_text", "i32::from(response.status)"],
            ),
        ),
        (
            "text timestamps in a list and a map in the body",
            with(
                r#""times":{"target":"ex#Times"},"dates":{"target":"ex#Dates"}"#,
                r#""ex#Times":{"type":"list","member":{"target":"smithy.api#Timestamp","traits":{"smithy.api#timestampFormat":"date-time"}}},
                "ex#Dates":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"ex#Times2"}},
                "ex#Times2":{"type":"list","member":{"target":"smithy.api#Timestamp","traits":{"smithy.api#timestampFormat":"http-date"}}},"#,
            ),
            Expect::Ok("src/operation/op.rs", &["crate::primitives::nested::DateTimeFormat", "crate::primitives::nested::HttpDateFormat"]),
        ),
        (
            "a required structure payload in the output",
            service(
                r#""ex#In":{"type":"structure","members":{}},
                "ex#Thing":{"type":"structure","members":{"name":{"target":"smithy.api#String"}}},
                "ex#Out":{"type":"structure","members":{
                    "thing":{"target":"ex#Thing","traits":{"smithy.api#httpPayload":{},"smithy.api#required":{}}}}}"#,
            )
            .replace(r#""input":{"target":"ex#In"}"#, r#""input":{"target":"ex#In"},"output":{"target":"ex#Out"}"#),
            Expect::Ok("src/client.rs", &["runtime::binding::payload_output("]),
        ),
        (
            "request compression and a required checksum",
            input(r#""a":{"target":"smithy.api#String"}"#).replace(
                r#""smithy.api#http":{"method":"POST","uri":"/op"}"#,
                r#""smithy.api#http":{"method":"POST","uri":"/op"},"smithy.api#requestCompression":{"encodings":["br","gzip"]},"smithy.api#httpChecksumRequired":{}"#,
            ),
            Expect::Ok(
                "src/client.rs",
                &["crate::compression::compress(&self.config, &mut parts, &[\"gzip\"])?;", "crate::checksum::content_md5(&mut parts);"],
            ),
        ),
        (
            "request compression with no encoding this client has",
            input(r#""a":{"target":"smithy.api#String"}"#).replace(
                r#""smithy.api#http":{"method":"POST","uri":"/op"}"#,
                r#""smithy.api#http":{"method":"POST","uri":"/op"},"smithy.api#requestCompression":{"encodings":["br"]}"#,
            ),
            Expect::Ok("Cargo.toml", &["default-features = false }"]),
        ),
    ];
    cases.extend(spec::trait_value_cases());
    cases.extend(spec::placement_cases());
    cases.extend(spec::member_set_cases());
    cases.extend(spec::uri_cases());
    cases.extend(spec::default_cases());
    cases.extend(spec::apply_cases());
    cases
}

/// Runs one case on its own thread: a panic or a case slower than the deadline fails the test.
fn run_case(name: &'static str, json: String) -> Result<generator::Generated, Error> {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let result = generate_from_json(json.as_bytes(), &Config::default());
            let _ = tx.send(result);
        })
        .expect("spawn");
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(result) => {
            let _ = handle.join();
            result
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no answer within the deadline (a hang)"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: the generator panicked"),
    }
}

#[test]
fn every_malformed_model_gets_a_clear_answer() {
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus keeps at least 30 cases");
    for (name, json, expect) in cases {
        let result = run_case(name, json);
        match (expect, result) {
            (Expect::Err(fragments), Err(e)) => {
                let text = e.to_string();
                for f in fragments {
                    assert!(text.contains(f), "{name}: the error `{text}` does not mention `{f}`");
                }
            }
            (Expect::Err(_), Ok(_)) => panic!("{name}: expected an error, but generation succeeded"),
            (Expect::Ok(path, fragments), Ok(generated)) => {
                let file =
                    generated.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{name}: no {path}"));
                for f in fragments {
                    assert!(file.contents.contains(f), "{name}: {path} lacks `{f}`");
                }
            }
            (Expect::Ok(..), Err(e)) => panic!("{name}: expected success, got `{e}`"),
        }
    }
}
