use serde_json::{json, Value};

use crate::error::Error;
use crate::model::{EnumLiteral, Model, ShapeId, ShapeKind, Simple};

/// A small rest-json description that uses most of the format.
fn description() -> Value {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2024-01-01",
            "endpointPrefix": "example",
            "protocol": "rest-json",
            "protocols": ["rest-json"],
            "serviceFullName": "Example Service",
            "serviceId": "Example Things",
            "signatureVersion": "v4",
            "signingName": "examplesigning",
            "uid": "example-2024-01-01"
        },
        "operations": {
            "PutThing": {
                "name": "PutThing",
                "http": {"method": "PUT", "requestUri": "/things/{ThingId}?fixed=1", "responseCode": 201},
                "input": {"shape": "PutThingRequest"},
                "output": {"shape": "PutThingResponse"},
                "errors": [{"shape": "ThingFault"}, {"shape": "BadThing"}],
                "endpoint": {"hostPrefix": "{Region}.data."},
                "idempotent": true,
                "httpChecksumRequired": true,
                "requestcompression": {"encodings": ["gzip"]},
                "deprecated": true,
                "deprecatedMessage": "use PutThing2",
                "documentation": "<p>Puts a thing.</p>"
            },
            "Thing": {
                "name": "Thing",
                "http": {"method": "GET", "requestUri": "/thing"},
                "authtype": "none"
            }
        },
        "shapes": {
            "PutThingRequest": {
                "type": "structure",
                "required": ["Id", "Region", "Body"],
                "payload": "Body",
                "members": {
                    "Id": {"shape": "Id", "location": "uri", "locationName": "ThingId"},
                    "Region": {"shape": "String", "location": "header", "locationName": "X-Region", "hostLabel": true},
                    "Tags": {"shape": "Tags", "location": "querystring"},
                    "Mode": {"shape": "Mode", "location": "querystring", "locationName": "mode"},
                    "Meta": {"shape": "Tags", "location": "headers", "locationName": "x-meta-"},
                    "When": {"shape": "Stamp", "location": "header", "locationName": "X-When"},
                    "Json": {"shape": "String", "location": "header", "locationName": "X-Json", "jsonvalue": true},
                    "Token": {"shape": "String", "idempotencyToken": true},
                    "Body": {"shape": "Stream"}
                }
            },
            "PutThingResponse": {
                "type": "structure",
                "members": {
                    "Status": {"shape": "Count", "location": "statusCode"},
                    "Wire": {"shape": "String", "locationName": "wire_name"},
                    "Choice": {"shape": "Choice"},
                    "Doc": {"shape": "Doc"},
                    "Items": {"shape": "Items"}
                }
            },
            "Thing": {"type": "structure", "members": {}},
            "Id": {"type": "string", "min": 1, "max": 64, "pattern": "^[a-z]+$", "sensitive": true},
            "String": {"type": "string"},
            "Mode": {"type": "string", "enum": ["fast", "slow-mode"]},
            "Count": {"type": "integer", "min": 0, "max": 10, "box": true},
            "Stamp": {"type": "timestamp", "timestampFormat": "iso8601"},
            "Stream": {"type": "blob", "streaming": true, "requiresLength": true},
            "Tags": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
            "Items": {"type": "list", "member": {"shape": "String"}, "min": 1},
            "Choice": {"type": "structure", "union": true, "members": {"A": {"shape": "String"}, "B": {"shape": "Count"}}},
            "Doc": {"type": "structure", "document": true},
            "ThingFault": {
                "type": "structure",
                "members": {"Message": {"shape": "String"}},
                "error": {"httpStatusCode": 503},
                "exception": true,
                "fault": true,
                "retryable": {"throttling": false}
            },
            "BadThing": {
                "type": "structure",
                "members": {},
                "error": {"code": "BadThingCode", "httpStatusCode": 400, "senderFault": true},
                "exception": true
            }
        }
    })
}

fn load(doc: &Value) -> Result<Model, Error> {
    Model::from_json(&serde_json::to_vec(doc).unwrap())
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap()
}

fn member_traits(model: &Model, shape: &str, member: &str) -> Value {
    let s = model.get(&id(shape)).unwrap_or_else(|| panic!("{shape} is missing"));
    let m = s.kind.members().into_iter().find(|m| m.name == member).unwrap_or_else(|| panic!("{shape}${member}"));
    serde_json::to_value(&m.traits.0).unwrap()
}

fn shape_traits(model: &Model, shape: &str) -> Value {
    serde_json::to_value(&model.get(&id(shape)).unwrap().traits.0).unwrap()
}

const NS: &str = "com.amazonaws.examplethings";

#[test]
fn the_service_gets_its_protocol_identity_and_signing_traits() {
    let model = load(&description()).unwrap();
    let (shape, svc) = model.service().unwrap();
    assert_eq!(shape.id.to_string(), format!("{NS}#ExampleThings"));
    assert_eq!(svc.version, "2024-01-01");
    let t = shape_traits(&model, &shape.id.to_string());
    assert_eq!(t["aws.protocols#restJson1"], json!({}));
    assert_eq!(t["aws.api#service"], json!({"sdkId": "Example Things", "endpointPrefix": "example"}));
    assert_eq!(t["aws.auth#sigv4"], json!({"name": "examplesigning"}));
    assert_eq!(t["smithy.api#title"], json!("Example Service"));
    let ops: Vec<String> = svc.operations.iter().map(ToString::to_string).collect();
    assert_eq!(ops, [format!("{NS}#PutThing"), format!("{NS}#Thing")]);
}

/// botocore's `auth` lists: SigV4a is an auth trait of the service like SigV4, and
/// `smithy.api#noAuth` is Smithy's empty `@auth` (alone) or `@optionalAuth` (beside schemes).
#[test]
fn auth_lists_become_auth_traits_and_no_auth() {
    let mut doc = description();
    doc["metadata"]["auth"] = json!(["aws.auth#sigv4a", "aws.auth#sigv4"]);
    doc["operations"]["Thing"]["auth"] = json!(["smithy.api#noAuth"]);
    doc["operations"]["PutThing"]["auth"] = json!(["aws.auth#sigv4", "smithy.api#noAuth"]);
    doc["operations"]["Other"] = json!({"name": "Other", "http": {"method": "GET", "requestUri": "/other"}});
    let model = load(&doc).unwrap();
    let svc = shape_traits(&model, &format!("{NS}#ExampleThings"));
    assert_eq!(svc["aws.auth#sigv4a"], json!({"name": "examplesigning"}));
    assert_eq!(svc["aws.auth#sigv4"], json!({"name": "examplesigning"}));
    assert_eq!(svc["smithy.api#auth"], json!(["aws.auth#sigv4a", "aws.auth#sigv4"]));
    let thing = shape_traits(&model, &format!("{NS}#Thing"));
    assert_eq!(thing["smithy.api#auth"], json!([]));
    assert!(thing.get("smithy.api#optionalAuth").is_none());
    let put = shape_traits(&model, &format!("{NS}#PutThing"));
    assert_eq!(put["smithy.api#auth"], json!(["aws.auth#sigv4"]));
    assert_eq!(put["smithy.api#optionalAuth"], json!({}));
    // And it generates: SigV4a, which the runtime does not speak, is left out with a warning.
    let config = crate::Config {
        operations: crate::Selection::Named(vec!["Thing".into(), "Other".into()]),
        ..Default::default()
    };
    let generated = crate::generate(&model, &config).expect("generates");
    assert!(generated.warnings.iter().any(|w| w.contains("aws.auth#sigv4a")), "{:?}", generated.warnings);
    let client = generated.files.iter().find(|f| f.path == "src/client.rs").expect("client.rs");
    assert!(client.contents.contains("AuthScheme::None"), "the unsigned operation allows no auth");
    assert!(client.contents.contains("AuthScheme::SigV4"), "the other one is signed with SigV4");
}

#[test]
fn locations_become_http_binding_traits() {
    let model = load(&description()).unwrap();
    let input = format!("{NS}#PutThingRequest");
    let m = |name: &str| member_traits(&model, &input, name);
    assert_eq!(m("Id")["smithy.api#httpLabel"], json!({}));
    assert_eq!(m("Id")["smithy.api#required"], json!({}));
    assert_eq!(m("Region")["smithy.api#httpHeader"], json!("X-Region"));
    assert_eq!(m("Region")["smithy.api#hostLabel"], json!({}));
    // A query-string map is the rest of the query: @httpQueryParams.
    assert_eq!(m("Tags")["smithy.api#httpQueryParams"], json!({}));
    assert_eq!(m("Mode")["smithy.api#httpQuery"], json!("mode"));
    assert_eq!(m("Meta")["smithy.api#httpPrefixHeaders"], json!("x-meta-"));
    assert_eq!(m("Json")["smithy.api#mediaType"], json!("application/json"));
    assert_eq!(m("Token")["smithy.api#idempotencyToken"], json!({}));
    assert_eq!(m("Body")["smithy.api#httpPayload"], json!({}));
    assert_eq!(m("Body")["smithy.api#required"], json!({}));
    assert!(m("Token").get("smithy.api#required").is_none(), "members are optional unless required");
    let output = format!("{NS}#PutThingResponse");
    assert_eq!(member_traits(&model, &output, "Status")["smithy.api#httpResponseCode"], json!({}));
    // In a JSON protocol, a body member's locationName is its JSON name.
    let wire = member_traits(&model, &output, "Wire");
    assert_eq!(wire["smithy.api#jsonName"], json!("wire_name"));
    assert!(wire.get("smithy.api#xmlName").is_none());
}

#[test]
fn shape_properties_become_shape_kinds_and_traits() {
    let model = load(&description()).unwrap();
    let s = |name: &str| model.get(&id(&format!("{NS}#{name}"))).unwrap().into_owned();
    let t = |name: &str| shape_traits(&model, &format!("{NS}#{name}"));
    assert_eq!(t("Id")["smithy.api#length"], json!({"min": 1, "max": 64}));
    assert_eq!(t("Id")["smithy.api#pattern"], json!("^[a-z]+$"));
    assert_eq!(t("Id")["smithy.api#sensitive"], json!({}));
    assert_eq!(t("Count")["smithy.api#range"], json!({"min": 0, "max": 10}));
    assert_eq!(t("Items")["smithy.api#length"], json!({"min": 1}));
    assert_eq!(t("Stamp")["smithy.api#timestampFormat"], json!("date-time"));
    assert_eq!(t("Stream")["smithy.api#streaming"], json!({}));
    assert_eq!(t("Stream")["smithy.api#requiresLength"], json!({}));
    let ShapeKind::Enum(values) = s("Mode").kind else { panic!("Mode is not an enum") };
    let literals: Vec<_> = values.iter().map(|v| v.value.clone()).collect();
    assert_eq!(literals, [EnumLiteral::String("fast".into()), EnumLiteral::String("slow-mode".into())]);
    assert!(matches!(s("Choice").kind, ShapeKind::Union(ref m) if m.len() == 2));
    assert_eq!(s("Doc").kind, ShapeKind::Simple(Simple::Document));
    assert!(matches!(s("Tags").kind, ShapeKind::Map { .. }));
}

#[test]
fn errors_and_operations_get_their_traits() {
    let model = load(&description()).unwrap();
    let fault = shape_traits(&model, &format!("{NS}#ThingFault"));
    assert_eq!(fault["smithy.api#error"], json!("server"));
    assert_eq!(fault["smithy.api#httpError"], json!(503));
    assert_eq!(fault["smithy.api#retryable"], json!({"throttling": false}));
    let bad = shape_traits(&model, &format!("{NS}#BadThing"));
    assert_eq!(bad["smithy.api#error"], json!("client"));
    assert_eq!(bad["aws.protocols#awsQueryError"], json!({"code": "BadThingCode", "httpResponseCode": 400}));
    let op = shape_traits(&model, &format!("{NS}#PutThing"));
    // Botocore names a label by its member's locationName, Smithy by the member's name.
    assert_eq!(op["smithy.api#http"], json!({"method": "PUT", "uri": "/things/{Id}?fixed=1", "code": 201}));
    assert_eq!(op["smithy.api#endpoint"], json!({"hostPrefix": "{Region}.data."}));
    assert_eq!(op["smithy.api#idempotent"], json!({}));
    assert_eq!(op["smithy.api#httpChecksumRequired"], json!({}));
    assert_eq!(op["smithy.api#requestCompression"], json!({"encodings": ["gzip"]}));
    assert_eq!(op["smithy.api#deprecated"], json!({"message": "use PutThing2"}));
    assert_eq!(op["smithy.api#documentation"], json!("<p>Puts a thing.</p>"));
    let ShapeKind::Operation(o) = model.get(&id(&format!("{NS}#PutThing"))).unwrap().into_owned().kind else {
        panic!("PutThing is not an operation")
    };
    assert_eq!(o.errors, [id(&format!("{NS}#ThingFault")), id(&format!("{NS}#BadThing"))]);
    // An operation without input or output has the unit type for both.
    let thing = model.get(&id(&format!("{NS}#Thing"))).unwrap().into_owned();
    let ShapeKind::Operation(o) = &thing.kind else { panic!("Thing is not an operation") };
    assert!(crate::model::is_unit(&o.input) && crate::model::is_unit(&o.output));
    assert_eq!(thing.traits.get("smithy.api#auth"), Some(&json!([])));
}

#[test]
fn an_operation_takes_its_wire_name_and_the_service_renames_it_to_its_key() {
    let mut doc = description();
    doc["operations"]["PutThing"]["name"] = json!("PutThing2024_01_01");
    let model = load(&doc).unwrap();
    let op = id(&format!("{NS}#PutThing2024_01_01"));
    assert!(matches!(model.get(&op).unwrap().kind, ShapeKind::Operation(_)));
    let (_, svc) = model.service().unwrap();
    assert_eq!(svc.rename.get(&op).map(String::as_str), Some("PutThing"));
}

#[test]
fn a_shape_named_like_an_operation_moves_to_the_shapes_namespace() {
    let model = load(&description()).unwrap();
    let moved = model.get(&id(&format!("{NS}.shapes#Thing"))).expect("the shape moved");
    assert!(matches!(moved.kind, ShapeKind::Structure(_)));
    assert!(matches!(model.get(&id(&format!("{NS}#Thing"))).unwrap().kind, ShapeKind::Operation(_)));
}

#[test]
fn target_prefix_names_the_service_and_json_version_picks_the_protocol() {
    let mut doc = description();
    doc["metadata"]["protocol"] = json!("json");
    doc["metadata"]["protocols"] = json!(["json"]);
    doc["metadata"]["jsonVersion"] = json!("1.0");
    doc["metadata"]["targetPrefix"] = json!("Example_20240101");
    let model = load(&doc).unwrap();
    let (shape, _) = model.service().unwrap();
    assert_eq!(shape.id.to_string(), format!("{NS}#Example_20240101"));
    assert!(shape.traits.has("aws.protocols#awsJson1_0"));
    // In an XML protocol a body member's locationName is its XML name.
    doc["metadata"]["protocols"] = json!(["rest-xml"]);
    let model = load(&doc).unwrap();
    let wire = member_traits(&model, &format!("{NS}#PutThingResponse"), "Wire");
    assert_eq!(wire["smithy.api#xmlName"], json!("wire_name"));
    assert!(wire.get("smithy.api#jsonName").is_none());
}

/// Loading `doc` after `change` fails, and the message names `shape` and says `problem`.
fn refused(change: impl FnOnce(&mut Value), shape: &str, problem: &str) {
    let mut doc = description();
    change(&mut doc);
    let message = load(&doc).expect_err("the description loaded").to_string();
    assert!(message.contains(&format!("`{shape}`")), "{message} does not name `{shape}`");
    assert!(message.contains(problem), "{message} does not say {problem:?}");
}

#[test]
fn malformed_descriptions_name_the_shape_and_the_rule() {
    refused(|d| d["shapes"]["Id"]["colour"] = json!("red"), "Id", "unknown field `colour`");
    refused(
        |d| d["shapes"]["PutThingRequest"]["members"]["Id"]["shape"] = json!("Nope"),
        "PutThingRequest$Id",
        "`Nope`, which does not exist",
    );
    refused(
        |d| d["shapes"]["PutThingRequest"]["required"] = json!(["Ghost"]),
        "PutThingRequest",
        "`Ghost`, which is not a member",
    );
    refused(
        |d| d["shapes"]["PutThingRequest"]["payload"] = json!("Ghost"),
        "PutThingRequest",
        "`payload` names `Ghost`",
    );
    refused(
        |d| d["shapes"]["PutThingRequest"]["members"]["Mode"]["location"] = json!("cookie"),
        "PutThingRequest$Mode",
        "unknown `location` \"cookie\"",
    );
    refused(
        |d| d["shapes"]["Stamp"]["timestampFormat"] = json!("julian"),
        "Stamp",
        "unknown timestampFormat \"julian\"",
    );
    refused(|d| d["shapes"]["String"]["type"] = json!("instant"), "String", "unknown shape type \"instant\"");
    refused(
        |d| d["operations"]["PutThing"]["errors"] = json!([{"shape": "Missing"}]),
        "PutThing",
        "`Missing`, which does not exist",
    );
    refused(
        |d| d["operations"]["PutThing"]["input"] = json!({"shape": "Missing"}),
        "PutThing",
        "its input is the shape `Missing`",
    );
    refused(
        |d| d["operations"]["PutThing"]["errors"] = json!([{"shape": "String"}]),
        "com.amazonaws.examplethings#PutThing",
        "must be a structure with the @error trait",
    );
    refused(
        |d| d["operations"]["PutThing"]["name"] = json!("Thing"),
        "<operations>",
        "two operations have the same `name`",
    );
    refused(
        |d| d["metadata"]["protocols"] = json!(["carrier-pigeon"]),
        "<metadata>",
        "unknown protocol \"carrier-pigeon\"",
    );
    refused(|d| d["shapes"]["Mode"]["type"] = json!("integer"), "Mode", "`enum` applies to strings");
    refused(|d| d["shapes"]["Choice"]["min"] = json!(1), "Choice", "`min`/`max` do not apply to a structure");
    refused(
        |d| {
            d["shapes"]["Bad-Name"] = json!({"type": "string"});
        },
        "Bad-Name",
        "is not an identifier",
    );
}

/// A paginator of `paginators-1.json` that the spec's `@paginated` cannot hold (a page size
/// that is a string, a JMESPath token) leaves its operation without a paginator, with a
/// warning; a sound one becomes `@paginated`.
#[test]
fn paginators_the_spec_refuses_are_left_out_with_a_warning() {
    let mut doc = description();
    let list = |name: &str| {
        json!({"name": name, "http": {"method": "GET", "requestUri": format!("/{name}")},
               "input": {"shape": "ListIn"}, "output": {"shape": "ListOut"}})
    };
    for name in ["ListGood", "ListBadSize", "ListPath"] {
        doc["operations"][name] = list(name);
    }
    doc["shapes"]["ListIn"] = json!({"type": "structure", "members": {
        "NextToken": {"shape": "String"}, "MaxResults": {"shape": "Count"}, "Limit": {"shape": "String"}}});
    doc["shapes"]["ListOut"] = json!({"type": "structure", "members": {
        "NextToken": {"shape": "String"}, "Things": {"shape": "Items"}}});
    let paginators = json!({"pagination": {
        "ListGood": {"input_token": "NextToken", "output_token": "NextToken", "limit_key": "MaxResults", "result_key": "Things"},
        "ListBadSize": {"input_token": "NextToken", "output_token": "NextToken", "limit_key": "Limit", "result_key": "Things"},
        "ListPath": {"input_token": "NextToken", "output_token": "Things[-1]", "result_key": "Things"}
    }});
    let model = Model::from_botocore(doc, None, Some(&serde_json::to_vec(&paginators).unwrap())).unwrap();
    let good = shape_traits(&model, &format!("{NS}#ListGood"));
    assert_eq!(good["smithy.api#paginated"]["pageSize"], json!("MaxResults"));
    for (op, problem) in [
        ("ListBadSize", "the page size `Limit` must be an optional integer"),
        ("ListPath", "`Things[-1]` is not a path of members"),
    ] {
        assert!(shape_traits(&model, &format!("{NS}#{op}")).get("smithy.api#paginated").is_none(), "{op}");
        let warned = model.warnings().iter().any(|(id, w)| id.name() == op && w.contains(problem));
        assert!(warned, "{op}: {:?}", model.warnings());
    }
}
