//! Each operation's auth schemes, resolved from the model as the Smithy specification says,
//! reach the generated client in order of preference (the runtime's tests send them through
//! the mock transport).

use generator::{generate_from_json, Config, Error, Generated};

/// A service with `service_traits` and operations `ex#A`, `ex#B` with `a_traits`, `b_traits`.
fn model(service_traits: &str, a_traits: &str, b_traits: &str) -> String {
    format!(
        r#"{{"smithy":"2.0","shapes":{{
        "ex#Svc":{{"type":"service","version":"1","operations":[{{"target":"ex#A"}},{{"target":"ex#B"}}],
            "traits":{{"aws.protocols#restJson1":{{}}{service_traits}}}}},
        "ex#A":{{"type":"operation","traits":{{"smithy.api#http":{{"method":"POST","uri":"/a"}}{a_traits}}}}},
        "ex#B":{{"type":"operation","traits":{{"smithy.api#http":{{"method":"POST","uri":"/b"}}{b_traits}}}}}
    }}}}"#
    )
}

fn generate(json: &str) -> Result<Generated, Error> {
    generate_from_json(json.as_bytes(), &Config::default())
}

/// The schemes of each operation's `runtime::Operation`, in order, as short names.
fn schemes(g: &Generated) -> Vec<Vec<String>> {
    let client = &g.files.iter().find(|f| f.path == "src/client.rs").expect("client.rs").contents;
    client
        .split("auth: &[")
        .skip(1)
        .map(|rest| {
            let list = &rest[..rest.find("],").expect("end of the list")];
            list.split("crate::auth::AuthScheme::")
                .skip(1)
                .map(|s| {
                    let s = s.trim().trim_end_matches(',');
                    match s.split_once('{') {
                        Some((name, body)) => format!("{}({})", name.trim(), body.split('"').nth(1).unwrap_or("")),
                        None => s.to_owned(),
                    }
                })
                .collect()
        })
        .collect()
}

const SIGV4: &str = r#","aws.auth#sigv4":{"name":"svc"}"#;
const BEARER: &str = r#","smithy.api#httpBearerAuth":{}"#;

#[test]
fn the_service_s_schemes_apply_in_shape_id_order_without_an_auth_trait() {
    let g = generate(&model(&format!("{BEARER}{SIGV4}"), "", "")).unwrap();
    assert_eq!(schemes(&g), [["SigV4(svc)", "Bearer"], ["SigV4(svc)", "Bearer"]]);
}

#[test]
fn the_service_s_auth_trait_orders_them_and_an_operation_s_replaces_it() {
    let service = format!(r#"{SIGV4}{BEARER},"smithy.api#auth":["smithy.api#httpBearerAuth","aws.auth#sigv4"]"#);
    let g = generate(&model(&service, r#","smithy.api#auth":["aws.auth#sigv4"]"#, "")).unwrap();
    assert_eq!(schemes(&g), [vec!["SigV4(svc)"], vec!["Bearer", "SigV4(svc)"]]);
}

#[test]
fn an_empty_auth_list_and_optional_auth_allow_unsigned_requests() {
    let g = generate(&model(SIGV4, r#","smithy.api#auth":[]"#, r#","smithy.api#optionalAuth":{}"#)).unwrap();
    assert_eq!(schemes(&g), [vec!["None"], vec!["SigV4(svc)", "None"]]);
    // A service with no auth trait at all: unsigned.
    let g = generate(&model("", "", "")).unwrap();
    assert_eq!(schemes(&g), [["None"], ["None"]]);
}

#[test]
fn an_unsupported_scheme_is_left_out_with_a_warning_naming_the_operation() {
    let g = generate(&model(r#","smithy.api#httpBasicAuth":{},"aws.auth#sigv4":{"name":"svc"}"#, "", "")).unwrap();
    assert_eq!(schemes(&g), [["SigV4(svc)"], ["SigV4(svc)"]]);
    assert!(
        g.warnings.iter().any(|w| w.contains("operation `ex#A`") && w.contains("smithy.api#httpBasicAuth")),
        "{:?}",
        g.warnings
    );
    let g = generate(&model(r#","smithy.api#httpBasicAuth":{}"#, "", "")).unwrap();
    assert_eq!(schemes(&g), [Vec::<String>::new(), Vec::new()]);
    assert!(
        g.warnings.iter().any(|w| w.contains("accepts no auth scheme this generator supports")),
        "{:?}",
        g.warnings
    );
}

#[test]
fn an_auth_list_naming_a_scheme_the_service_lacks_is_refused() {
    let e = generate(&model(SIGV4, r#","smithy.api#auth":["smithy.api#httpBearerAuth"]"#, "")).unwrap_err().to_string();
    assert!(e.contains("ex#A") && e.contains("not an auth scheme applied to the service"), "{e}");
}
