//! The malformed-model cases for the rules of the Smithy 2.0 specification the loader enforces:
//! trait values of the wrong form, traits where their selector does not allow them, the rules on
//! a structure's members together, `@http` URIs, `@default` values and conflicting `apply`
//! blocks. Each refusal names the shape or member and the rule; near misses generate.

use super::{input, mem, op_with, service, with, Expect, HTTP, REQ};

type Case = (&'static str, String, Expect);

/// Prelude traits whose value has the wrong JSON form.
pub(crate) fn trait_value_cases() -> Vec<Case> {
    let str_member = |traits: &str| input(&mem("s", "smithy.api#String", traits));
    let error_shape = |error: &str| {
        with(
            &mem("e", "ex#E", ""),
            &format!(r#""ex#E":{{"type":"structure","members":{{}},"traits":{{"smithy.api#error":{error}}}}},"#),
        )
    };
    vec![
        (
            "@length that is not an object",
            str_member(r#""smithy.api#length":5"#),
            Expect::Err(&["ex#In$s", "@length must be an object, not 5"]),
        ),
        (
            "@http without a method",
            op_with(r#""smithy.api#http":{"uri":"/op"}"#, "", ""),
            Expect::Err(&["ex#Op", "@http needs the property `method` (a non-empty string)"]),
        ),
        (
            "@http with a uri that is not a string",
            op_with(r#""smithy.api#http":{"method":"POST","uri":5}"#, "", ""),
            Expect::Err(&["ex#Op", "@http `uri` must be a non-empty string, not 5"]),
        ),
        (
            "@http with a code that is no status",
            op_with(r#""smithy.api#http":{"method":"POST","uri":"/op","code":1000}"#, "", ""),
            Expect::Err(&["ex#Op", "@http `code` must be an integer from 100 to 999, not 1000"]),
        ),
        (
            "@httpHeader that is not a string",
            str_member(r#""smithy.api#httpHeader":5"#),
            Expect::Err(&["ex#In$s", "@httpHeader must be a non-empty string, not 5"]),
        ),
        (
            "an empty @httpHeader",
            str_member(r#""smithy.api#httpHeader":"""#),
            Expect::Err(&["ex#In$s", "@httpHeader must be a non-empty string, not \"\""]),
        ),
        (
            "@httpQuery that is not a string",
            str_member(r#""smithy.api#httpQuery":["q"]"#),
            Expect::Err(&["ex#In$s", "@httpQuery must be a non-empty string, not an array"]),
        ),
        (
            "@jsonName that is not a string",
            str_member(r#""smithy.api#jsonName":true"#),
            Expect::Err(&["ex#In$s", "@jsonName must be a string, not true"]),
        ),
        (
            "@required that is not an object",
            str_member(r#""smithy.api#required":true"#),
            Expect::Err(&["ex#In$s", "@required must be an object (`{}`: it is an annotation trait), not true"]),
        ),
        (
            "@sensitive that is not an object",
            str_member(r#""smithy.api#sensitive":"yes""#),
            Expect::Err(&["ex#In$s", "@sensitive must be an object", "not \"yes\""]),
        ),
        (
            "@idempotencyToken that is not an object",
            str_member(r#""smithy.api#idempotencyToken":"token""#),
            Expect::Err(&["ex#In$s", "@idempotencyToken must be an object"]),
        ),
        (
            "@paginated with a token that is not a string",
            op_with(&format!(r#"{HTTP},"smithy.api#paginated":{{"inputToken":1}}"#), "", ""),
            Expect::Err(&["ex#Op", "@paginated `inputToken` must be a non-empty string, not 1"]),
        ),
        (
            "@error that is not a string",
            error_shape("5"),
            Expect::Err(&["ex#E", "@error must be one of \"client\", \"server\", not 5"]),
        ),
        (
            "@httpError that is not an integer",
            with(
                &mem("e", "ex#E", ""),
                r#""ex#E":{"type":"structure","members":{},"traits":{"smithy.api#error":"client","smithy.api#httpError":"404"}},"#,
            ),
            Expect::Err(&["ex#E", "@httpError must be an integer, not \"404\""]),
        ),
        (
            "@enumValue of the wrong type for an enum",
            with(
                &mem("e", "ex#E", ""),
                r#""ex#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}}},"#,
            ),
            Expect::Err(&["ex#E$A", "@enumValue of an enum must be a string, not 1"]),
        ),
        (
            "@timestampFormat that is not a string",
            input(&mem("t", "smithy.api#Timestamp", r#""smithy.api#timestampFormat":7"#)),
            Expect::Err(&["ex#In$t", "@timestampFormat must be one of", "not 7"]),
        ),
        (
            "@deprecated with a message that is not a string",
            str_member(r#""smithy.api#deprecated":{"message":["old"]}"#),
            Expect::Err(&["ex#In$s", "@deprecated `message` must be a string, not an array"]),
        ),
        (
            "@tags that are not strings",
            str_member(r#""smithy.api#tags":["a",2]"#),
            Expect::Err(&["ex#In$s", "@tags must be a list of strings"]),
        ),
        (
            "@endpoint without a host prefix",
            op_with(&format!(r#"{HTTP},"smithy.api#endpoint":{{}}"#), "", ""),
            Expect::Err(&["ex#Op", "@endpoint needs the property `hostPrefix`"]),
        ),
        (
            "@examples without a title",
            op_with(&format!(r#"{HTTP},"smithy.api#examples":[{{"input":{{}}}}]"#), "", ""),
            Expect::Err(&["ex#Op", "@examples needs the property `title` (a string)"]),
        ),
    ]
}

/// Traits applied where their selector does not allow them.
pub(crate) fn placement_cases() -> Vec<Case> {
    let union_of =
        |member: &str| with(&mem("u", "ex#U", ""), &format!(r#""ex#U":{{"type":"union","members":{{{member}}}}},"#));
    let list_of =
        |member: &str| with(&mem("l", "ex#L", ""), &format!(r#""ex#L":{{"type":"list","member":{member}}},"#));
    let shape_with = |kind: &str, traits: &str| {
        with(&mem("x", "ex#X", ""), &format!(r#""ex#X":{{"type":"{kind}","traits":{{{traits}}}}},"#))
    };
    let map_of = |value: &str| {
        format!(r#""ex#M":{{"type":"map","key":{{"target":"smithy.api#String"}},"value":{{"target":"{value}"}}}},"#)
    };
    vec![
        (
            "@idempotencyToken on an integer",
            input(&mem("n", "smithy.api#Integer", r#""smithy.api#idempotencyToken":{}"#)),
            Expect::Err(&["ex#In$n", "@idempotencyToken must be applied to a member that targets a string", "`smithy.api#Integer` is an integer"]),
        ),
        (
            "@idempotencyToken on a string",
            input(&mem("token", "smithy.api#String", r#""smithy.api#idempotencyToken":{}"#)),
            Expect::Ok("src/client.rs", &["self.config.idempotency_token()"]),
        ),
        (
            "@httpLabel on a member that is not required",
            op_with(r#""smithy.api#http":{"method":"GET","uri":"/op/{id}"}"#, &mem("id", "smithy.api#String", r#""smithy.api#httpLabel":{}"#), ""),
            Expect::Err(&["ex#In$id", "an @httpLabel member must be @required"]),
        ),
        (
            "@httpLabel on an output member that is not required (accepted with a warning)",
            service(&format!(
                r#""ex#In":{{"type":"structure","members":{{}}}},"ex#Out":{{"type":"structure","members":{{{}}}}}"#,
                mem("id", "smithy.api#String", r#""smithy.api#httpLabel":{}"#)
            ))
            .replace(r#""input":{"target":"ex#In"}"#, r#""input":{"target":"ex#In"},"output":{"target":"ex#Out"}"#),
            Expect::Ok("src/operation/op.rs", &["pub id:"]),
        ),
        (
            "@httpLabel on a required member",
            op_with(
                r#""smithy.api#http":{"method":"GET","uri":"/op/{id}"}"#,
                &mem("id", "smithy.api#String", &format!(r#"{REQ},"smithy.api#httpLabel":{{}}"#)),
                "",
            ),
            Expect::Ok("src/operation/op.rs", &["pub id: ::std::string::String"]),
        ),
        (
            "@httpLabel on a blob",
            op_with(
                r#""smithy.api#http":{"method":"GET","uri":"/op/{id}"}"#,
                &mem("id", "smithy.api#Blob", &format!(r#"{REQ},"smithy.api#httpLabel":{{}}"#)),
                "",
            ),
            Expect::Err(&["ex#In$id", "@httpLabel must be applied to a member that targets a string, number, boolean or timestamp", "`smithy.api#Blob` is a blob"]),
        ),
        (
            "@hostLabel on a member that is not required",
            op_with(&format!(r#"{HTTP},"smithy.api#endpoint":{{"hostPrefix":"{{r}}."}}"#), &mem("r", "smithy.api#String", r#""smithy.api#hostLabel":{}"#), ""),
            Expect::Err(&["ex#In$r", "a @hostLabel member must be @required"]),
        ),
        (
            "@httpQuery on a structure",
            with(&mem("q", "ex#S", r#""smithy.api#httpQuery":"q""#), r#""ex#S":{"type":"structure","members":{}},"#),
            Expect::Err(&["ex#In$q", "@httpQuery must be applied to a member that targets a string, number, boolean or timestamp, or a list of them", "`ex#S` is a structure"]),
        ),
        (
            "@httpHeader on a list of blobs",
            with(&mem("h", "ex#L", r#""smithy.api#httpHeader":"x-h""#), r#""ex#L":{"type":"list","member":{"target":"smithy.api#Blob"}},"#),
            Expect::Err(&["ex#In$h", "@httpHeader must be applied to a member that targets", "`ex#L` is a list of `smithy.api#Blob` (blob)"]),
        ),
        (
            "@httpQueryParams on a map of integers",
            with(&mem("p", "ex#M", r#""smithy.api#httpQueryParams":{}"#), &map_of("smithy.api#Integer")),
            Expect::Err(&["ex#In$p", "@httpQueryParams must be applied to a member that targets a map of strings or of lists of strings"]),
        ),
        (
            "@httpResponseCode on a string",
            input(&mem("c", "smithy.api#String", r#""smithy.api#httpResponseCode":{}"#)),
            Expect::Err(&["ex#In$c", "@httpResponseCode must be applied to a member that targets an integer"]),
        ),
        (
            "@httpResponseCode in an @input structure",
            service(&format!(
                r#""ex#In":{{"type":"structure","traits":{{"smithy.api#input":{{}}}},"members":{{{}}}}}"#,
                mem("c", "smithy.api#Integer", r#""smithy.api#httpResponseCode":{}"#)
            )),
            Expect::Err(&["ex#In$c", "@httpResponseCode cannot be applied to a member of an @input structure"]),
        ),
        (
            "@httpPayload on a boolean",
            input(&mem("b", "smithy.api#Boolean", r#""smithy.api#httpPayload":{}"#)),
            Expect::Err(&["ex#In$b", "@httpPayload must be applied to a member that targets a string, blob, structure, union, document, list or map"]),
        ),
        (
            "@timestampFormat on a member that targets a string",
            input(&mem("s", "smithy.api#String", r#""smithy.api#timestampFormat":"date-time""#)),
            Expect::Err(&["ex#In$s", "@timestampFormat must be applied to a member that targets a timestamp"]),
        ),
        (
            "@required on a union member",
            union_of(&mem("a", "smithy.api#String", REQ)),
            Expect::Err(&["ex#U$a", "@required cannot be applied to a union member"]),
        ),
        (
            "@default on a union member",
            union_of(&mem("a", "smithy.api#String", r#""smithy.api#default":"x""#)),
            Expect::Err(&["ex#U$a", "@default cannot be applied to a union member"]),
        ),
        (
            "@required on a list member",
            list_of(&format!(r#"{{"target":"smithy.api#String","traits":{{{REQ}}}}}"#)),
            Expect::Err(&["ex#L$member", "@required can only be applied to structure members, not to a member of a list"]),
        ),
        (
            "@jsonName on a list member",
            list_of(r#"{"target":"smithy.api#String","traits":{"smithy.api#jsonName":"x"}}"#),
            Expect::Err(&["ex#L$member", "@jsonName can only be applied to structure and union members"]),
        ),
        ("@sparse on a string", shape_with("string", r#""smithy.api#sparse":{}"#), Expect::Err(&["ex#X", "@sparse can only be applied to lists and maps, not to a string"])),
        ("@timestampFormat on a string shape", shape_with("string", r#""smithy.api#timestampFormat":"date-time""#), Expect::Err(&["ex#X", "@timestampFormat can only be applied to timestamps"])),
        ("@streaming on a string", shape_with("string", r#""smithy.api#streaming":{}"#), Expect::Err(&["ex#X", "@streaming can only be applied to blobs and unions"])),
        ("@requiresLength on a blob that does not stream", shape_with("blob", r#""smithy.api#requiresLength":{}"#), Expect::Err(&["ex#X", "@requiresLength can only be applied to a @streaming blob"])),
        ("@mediaType on an integer", shape_with("integer", r#""smithy.api#mediaType":"text/plain""#), Expect::Err(&["ex#X", "@mediaType can only be applied to blobs and strings"])),
        (
            "@httpError on a structure that is not an error",
            with(&mem("x", "ex#X", ""), r#""ex#X":{"type":"structure","members":{},"traits":{"smithy.api#httpError":404}},"#),
            Expect::Err(&["ex#X", "@httpError can only be applied to a structure with the @error trait"]),
        ),
        (
            "@retryable on a structure that is not an error",
            with(&mem("x", "ex#X", ""), r#""ex#X":{"type":"structure","members":{},"traits":{"smithy.api#retryable":{}}},"#),
            Expect::Err(&["ex#X", "@retryable can only be applied to a structure with the @error trait"]),
        ),
        (
            "@unitType on a model's structure",
            with(&mem("x", "ex#X", ""), r#""ex#X":{"type":"structure","members":{},"traits":{"smithy.api#unitType":{}}},"#),
            Expect::Err(&["ex#X", "@unitType can only be applied to `smithy.api#Unit`"]),
        ),
        (
            "an operation both @readonly and @idempotent",
            op_with(&format!(r#"{HTTP},"smithy.api#readonly":{{}},"smithy.api#idempotent":{{}}"#), "", ""),
            Expect::Err(&["ex#Op", "@readonly conflicts with @idempotent"]),
        ),
        (
            "a structure both @input and @output",
            service(r#""ex#In":{"type":"structure","members":{},"traits":{"smithy.api#input":{},"smithy.api#output":{}}}"#),
            Expect::Err(&["ex#In", "@input conflicts with @output"]),
        ),
        (
            "a structure member that targets Unit",
            input(&mem("u", "smithy.api#Unit", "")),
            Expect::Err(&["ex#In$u", "a member of a structure cannot target `smithy.api#Unit`"]),
        ),
        (
            "a union member that targets Unit",
            with(&mem("u", "ex#U", ""), r#""ex#U":{"type":"union","members":{"none":{"target":"smithy.api#Unit"},"s":{"target":"smithy.api#String"}}},"#),
            Expect::Ok("src/types.rs", &["None"]),
        ),
    ]
}

/// Rules on the members of one structure together.
pub(crate) fn member_set_cases() -> Vec<Case> {
    let s = "smithy.api#String";
    let map = r#""ex#M":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"smithy.api#String"}},"#;
    let two = |a: &str, b: &str| format!("{},{}", mem("a", s, a), mem("b", s, b));
    vec![
        (
            "two members bound to one query parameter",
            input(&two(r#""smithy.api#httpQuery":"q""#, r#""smithy.api#httpQuery":"q""#)),
            Expect::Err(&["ex#In", "`a` and `b` are bound to the same @httpQuery parameter `q`"]),
        ),
        (
            "query parameters that differ only in case",
            input(&two(r#""smithy.api#httpQuery":"q""#, r#""smithy.api#httpQuery":"Q""#)),
            Expect::Ok("src/operation/op.rs", &["pub a:", "pub b:"]),
        ),
        (
            "two members bound to one header, in different cases",
            input(&two(r#""smithy.api#httpHeader":"X-Thing""#, r#""smithy.api#httpHeader":"x-thing""#)),
            Expect::Err(&["ex#In", "`a` and `b` are bound to the same @httpHeader `x-thing`", "ignoring case"]),
        ),
        (
            "a header under the prefix of @httpPrefixHeaders",
            with(
                &format!(
                    "{},{}",
                    mem("meta", "ex#M", r#""smithy.api#httpPrefixHeaders":"X-Meta-""#),
                    mem("id", s, r#""smithy.api#httpHeader":"x-meta-id""#)
                ),
                map,
            ),
            Expect::Err(&[
                "ex#In",
                "the @httpHeader `x-meta-id` of `id` starts with the @httpPrefixHeaders prefix `X-Meta-` of `meta`",
            ]),
        ),
        (
            "a header beside @httpPrefixHeaders with an empty prefix",
            with(
                &format!(
                    "{},{}",
                    mem("all", "ex#M", r#""smithy.api#httpPrefixHeaders":"""#),
                    mem("id", s, r#""smithy.api#httpHeader":"x-id""#)
                ),
                map,
            ),
            Expect::Err(&["ex#In", "`all` is bound to every header", "`id` cannot be bound to the @httpHeader `x-id`"]),
        ),
        (
            "a header beside a prefix it does not start with",
            with(
                &format!(
                    "{},{}",
                    mem("meta", "ex#M", r#""smithy.api#httpPrefixHeaders":"x-meta-""#),
                    mem("id", s, r#""smithy.api#httpHeader":"x-id""#)
                ),
                map,
            ),
            Expect::Ok("src/operation/op.rs", &["pub meta:", "pub id:"]),
        ),
        (
            "two @httpPrefixHeaders members",
            with(
                &format!(
                    "{},{}",
                    mem("a", "ex#M", r#""smithy.api#httpPrefixHeaders":"x-a-""#),
                    mem("b", "ex#M", r#""smithy.api#httpPrefixHeaders":"x-b-""#)
                ),
                map,
            ),
            Expect::Err(&["ex#In", "more than one member has @httpPrefixHeaders (`a` and `b`)"]),
        ),
        (
            "two @httpQueryParams members",
            with(
                &format!(
                    "{},{}",
                    mem("a", "ex#M", r#""smithy.api#httpQueryParams":{}"#),
                    mem("b", "ex#M", r#""smithy.api#httpQueryParams":{}"#)
                ),
                map,
            ),
            Expect::Err(&["ex#In", "more than one member has @httpQueryParams (`a` and `b`)"]),
        ),
        (
            "two @httpResponseCode members",
            input(&format!(
                "{},{}",
                mem("a", "smithy.api#Integer", r#""smithy.api#httpResponseCode":{}"#),
                mem("b", "smithy.api#Integer", r#""smithy.api#httpResponseCode":{}"#)
            )),
            Expect::Err(&["ex#In", "more than one member has @httpResponseCode (`a` and `b`)"]),
        ),
        (
            "two @idempotencyToken members",
            input(&two(r#""smithy.api#idempotencyToken":{}"#, r#""smithy.api#idempotencyToken":{}"#)),
            Expect::Err(&["ex#In", "more than one member has @idempotencyToken (`a` and `b`)"]),
        ),
        (
            "a member bound to a header and the query",
            input(&mem("a", s, r#""smithy.api#httpHeader":"x-a","smithy.api#httpQuery":"a""#)),
            Expect::Err(&["ex#In$a", "@httpQuery conflicts with @httpHeader"]),
        ),
        (
            "two members with one @jsonName",
            input(&two(r#""smithy.api#jsonName":"X""#, r#""smithy.api#jsonName":"X""#)),
            Expect::Err(&["ex#In", "`a` (by @jsonName) and `b` (by @jsonName) have the same JSON property name `X`"]),
        ),
        (
            "a @jsonName equal to another member's name",
            input(&two("", r#""smithy.api#jsonName":"a""#)),
            Expect::Err(&["ex#In", "`a` (by its name) and `b` (by @jsonName) have the same JSON property name `a`"]),
        ),
        (
            "a union with two members of one @jsonName",
            with(
                &mem("u", "ex#U", ""),
                &format!(
                    r#""ex#U":{{"type":"union","members":{{{}}}}},"#,
                    two(r#""smithy.api#jsonName":"v""#, r#""smithy.api#jsonName":"v""#)
                ),
            ),
            Expect::Err(&["ex#U", "have the same JSON property name `v`"]),
        ),
        (
            "a @jsonName equal to the name of a header member (accepted with a warning)",
            input(&two(r#""smithy.api#httpHeader":"x-a""#, r#""smithy.api#jsonName":"a""#)),
            Expect::Ok("src/operation/op.rs", &["pub a:", "pub b:"]),
        ),
        (
            "members that swap their JSON names",
            input(&two(r#""smithy.api#jsonName":"b""#, r#""smithy.api#jsonName":"a""#)),
            Expect::Ok("src/operation/op.rs", &["pub a:", "pub b:"]),
        ),
    ]
}

/// `@http` URIs the spec refuses.
pub(crate) fn uri_cases() -> Vec<Case> {
    let label = |name: &str, target: &str| mem(name, target, &format!(r#"{REQ},"smithy.api#httpLabel":{{}}"#));
    let at_uri = |uri: &str, members: &str| {
        op_with(&format!(r#""smithy.api#http":{{"method":"GET","uri":"{uri}"}}"#), members, "")
    };
    let ab = format!("{},{}", label("a", "smithy.api#String"), label("b", "smithy.api#String"));
    vec![
        (
            "a label that repeats",
            at_uri("/op/{a}/{a}", &label("a", "smithy.api#String")),
            Expect::Err(&["ex#Op", "/op/{a}/{a}", "the label `a` appears more than once"]),
        ),
        (
            "two greedy labels",
            at_uri("/op/{a+}/x/{b+}", &ab),
            Expect::Err(&["ex#Op", "has more than one greedy label"]),
        ),
        (
            "a greedy label before a literal",
            at_uri("/op/{a+}/x/{b}", &ab),
            Expect::Ok("src/operation/op.rs", &["pub a:", "pub b:"]),
        ),
        (
            "a label that is part of a segment",
            at_uri("/op/{a}.json", &label("a", "smithy.api#String")),
            Expect::Err(&["ex#Op", "the segment `{a}.json` must be one whole label"]),
        ),
        (
            "a label with a stray brace",
            at_uri("/op/{a}}", &label("a", "smithy.api#String")),
            Expect::Err(&["ex#Op", "the segment `{a}}` must be one whole label"]),
        ),
        (
            "a label inside a label",
            at_uri("/op/{{a}", &label("a", "smithy.api#String")),
            Expect::Err(&["ex#Op", "the segment `{{a}` must be one whole label"]),
        ),
        (
            "an empty label",
            at_uri("/op/{}", &label("a", "smithy.api#String")),
            Expect::Err(&["ex#Op", "the segment `{}` must be one whole label"]),
        ),
        (
            "a label in the query string",
            at_uri("/op?x={a}", &label("a", "smithy.api#String")),
            Expect::Err(&["ex#Op", "labels must not appear in the query string"]),
        ),
        (
            "an empty path segment",
            at_uri("/op//x", ""),
            Expect::Err(&["ex#Op", "must not contain an empty path segment"]),
        ),
        ("a dot segment", at_uri("/op/../x", ""), Expect::Err(&["ex#Op", "must not contain the dot segment `..`"])),
        ("a fragment", at_uri("/op#x", ""), Expect::Err(&["ex#Op", "must not contain a fragment"])),
        ("a trailing question mark", at_uri("/op?", ""), Expect::Err(&["ex#Op", "must not end with `?`"])),
        (
            "a uri that does not start with a slash",
            at_uri("op", ""),
            Expect::Err(&["ex#Op", "@http uri `op`: must start with `/`"]),
        ),
        (
            "a greedy label bound to an integer",
            at_uri("/op/{n+}", &label("n", "smithy.api#Integer")),
            Expect::Err(&["ex#In$n", "the greedy label `{n+}` of `ex#Op` must be bound to a string"]),
        ),
        (
            "a trailing slash and a literal query",
            at_uri("/op/{a}/?x=1", &label("a", "smithy.api#String")),
            Expect::Ok("src/operation/op.rs", &["pub a:"]),
        ),
    ]
}

/// `@default` values the spec refuses, and the ones it accepts beside them.
pub(crate) fn default_cases() -> Vec<Case> {
    let d = |target: &str, value: &str| input(&mem("d", target, &format!(r#""smithy.api#default":{value}"#)));
    let d_on = |extra: &str, value: &str| with(&mem("d", "ex#T", &format!(r#""smithy.api#default":{value}"#)), extra);
    let enum_t =
        r#""ex#T":{"type":"enum","members":{"A":{"target":"smithy.api#Unit"},"B":{"target":"smithy.api#Unit"}}},"#;
    let list_t = r#""ex#T":{"type":"list","member":{"target":"smithy.api#String"}},"#;
    let map_t = r#""ex#T":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"smithy.api#String"}},"#;
    let zero_t = r#""ex#T":{"type":"integer","traits":{"smithy.api#default":0}},"#;
    vec![
        (
            "a string default on an integer",
            d("smithy.api#Integer", r#""1""#),
            Expect::Err(&[
                "ex#In$d",
                "@default \"1\" is not a valid default for an integer",
                "an integer from -2147483648 to 2147483647",
            ]),
        ),
        (
            "a byte default out of range",
            d("smithy.api#Byte", "300"),
            Expect::Err(&["ex#In$d", "@default 300 is not a valid default for a byte", "from -128 to 127"]),
        ),
        (
            "a short default out of range",
            d("smithy.api#Short", "-40000"),
            Expect::Err(&["ex#In$d", "a short", "from -32768 to 32767"]),
        ),
        (
            "a long default beyond 64 bits",
            d("smithy.api#Long", "9223372036854775808"),
            Expect::Err(&["ex#In$d", "a long"]),
        ),
        (
            "a fractional integer default",
            d("smithy.api#Integer", "1.5"),
            Expect::Err(&["ex#In$d", "@default 1.5 is not a valid default for an integer"]),
        ),
        (
            "a boolean default that is a string",
            d("smithy.api#Boolean", r#""true""#),
            Expect::Err(&["ex#In$d", "a boolean", "expected true or false"]),
        ),
        (
            "a float default that is a word",
            d("smithy.api#Float", r#""half""#),
            Expect::Err(&["ex#In$d", "a float", "\"NaN\""]),
        ),
        (
            "a non-array default on a list",
            d_on(list_t, "{}"),
            Expect::Err(&["ex#In$d", "not a valid default for a list (`ex#T`): expected an empty list"]),
        ),
        (
            "a non-empty default on a list",
            d_on(list_t, r#"["a"]"#),
            Expect::Err(&["ex#In$d", "expected an empty list"]),
        ),
        (
            "a non-object default on a map",
            d_on(map_t, "[]"),
            Expect::Err(&["ex#In$d", "not a valid default for a map (`ex#T`): expected an empty map"]),
        ),
        ("an empty list default", d_on(list_t, "[]"), Expect::Ok("src/operation/op.rs", &["pub d:"])),
        (
            "a blob default that is not base64",
            d("smithy.api#Blob", r#""not base64!""#),
            Expect::Err(&["ex#In$d", "a blob", "a base64-encoded string"]),
        ),
        ("a base64 blob default", d("smithy.api#Blob", r#""aGk=""#), Expect::Ok("src/operation/op.rs", &["pub d:"])),
        (
            "an enum default that is not a value",
            d_on(enum_t, r#""C""#),
            Expect::Err(&[
                "ex#In$d",
                "@default \"C\" is not a valid default for an enum (`ex#T`)",
                "one of the enum's values (\"A\", \"B\")",
            ]),
        ),
        (
            "an intEnum default that is not a value",
            d_on(
                r#""ex#T":{"type":"intEnum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}}},"#,
                "2",
            ),
            Expect::Err(&["ex#In$d", "intEnum", "one of the enum's values (1)"]),
        ),
        ("an enum default that is a value", d_on(enum_t, r#""B""#), Expect::Ok("src/operation/op.rs", &["pub d:"])),
        (
            "a timestamp default that is a boolean",
            d("smithy.api#Timestamp", "true"),
            Expect::Err(&["ex#In$d", "a timestamp", "epoch seconds or an RFC 3339 date-time"]),
        ),
        (
            "a timestamp default that is not a date",
            d("smithy.api#Timestamp", r#""yesterday""#),
            Expect::Err(&["ex#In$d", "a timestamp"]),
        ),
        (
            "a timestamp default with an offset",
            d("smithy.api#Timestamp", r#""1985-04-12T23:20:50+01:00""#),
            Expect::Err(&["ex#In$d", "a timestamp"]),
        ),
        (
            "a document default that is a full list",
            d("smithy.api#Document", "[1]"),
            Expect::Err(&["ex#In$d", "a document", "an empty list"]),
        ),
        (
            "a default on a member that targets a structure",
            d_on(r#""ex#T":{"type":"structure","members":{}},"#, "{}"),
            Expect::Err(&["ex#In$d", "@default cannot be applied to a member that targets a structure (`ex#T`)"]),
        ),
        (
            "a null default on a shape",
            with(&mem("d", "ex#T", ""), r#""ex#T":{"type":"integer","traits":{"smithy.api#default":null}},"#),
            Expect::Err(&["ex#T", "the @default of a shape cannot be null"]),
        ),
        (
            "a default on a structure shape",
            with(
                &mem("d", "ex#T", ""),
                r#""ex#T":{"type":"structure","members":{},"traits":{"smithy.api#default":{}}},"#,
            ),
            Expect::Err(&[
                "ex#T",
                "@default can only be applied to simple types, lists, maps and structure members, not to a structure",
            ]),
        ),
        (
            "a member that drops its target's default",
            with(&mem("d", "ex#T", ""), zero_t),
            Expect::Err(&[
                "ex#In$d",
                "targets `ex#T`, which has the @default 0, so the member must have the same @default",
            ]),
        ),
        (
            "a member default that differs from its target's",
            d_on(zero_t, "1"),
            Expect::Err(&["ex#In$d", "its @default 1 differs from the @default 0 of its target `ex#T`"]),
        ),
        ("a member default equal to its target's", d_on(zero_t, "0"), Expect::Ok("src/operation/op.rs", &["pub d:"])),
        (
            "a member default that cancels its target's",
            d_on(zero_t, "null"),
            Expect::Ok("src/operation/op.rs", &["pub d:"]),
        ),
        (
            "a default outside the target's range (accepted, as AWS models do it)",
            d_on(r#""ex#T":{"type":"integer","traits":{"smithy.api#range":{"min":1}}},"#, "0"),
            Expect::Ok("src/operation/op.rs", &["pub d:"]),
        ),
    ]
}

/// `apply` blocks that conflict with the traits already there.
pub(crate) fn apply_cases() -> Vec<Case> {
    let doc = r#""smithy.api#documentation":"Mine.""#;
    let applied = |target: &str, traits: &str| format!(r#""{target}":{{"type":"apply","traits":{{{traits}}}}},"#);
    vec![
        (
            "an apply that changes a trait value",
            with(&mem("s", "smithy.api#String", doc), &applied("ex#In$s", r#""smithy.api#documentation":"Theirs.""#)),
            Expect::Err(&["ex#In$s", "apply conflicts with the @documentation already applied"]),
        ),
        (
            "an apply that changes a member's @length",
            with(
                &mem("s", "smithy.api#String", r#""smithy.api#length":{"min":0,"max":10}"#),
                &applied("ex#In$s", r#""smithy.api#length":{"min":10,"max":20}"#),
            ),
            Expect::Err(&[
                "ex#In$s",
                "apply conflicts with the @length already applied",
                "only list traits, such as @tags, are concatenated",
            ]),
        ),
        (
            "an apply that repeats a trait value",
            with(&mem("s", "smithy.api#String", doc), &applied("ex#In$s", doc)),
            Expect::Ok("src/operation/op.rs", &["Mine."]),
        ),
        (
            "an apply that adds tags",
            with(
                &mem("s", "smithy.api#String", r#""smithy.api#tags":["a"]"#),
                &applied("ex#In$s", r#""smithy.api#tags":["b"]"#),
            ),
            Expect::Ok("src/operation/op.rs", &["pub s:"]),
        ),
    ]
}
