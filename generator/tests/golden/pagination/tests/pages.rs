//! Paginators against the mock transport: tokens go from page to page, the pages end on an
//! absent or empty token, a repeated token is an error instead of a loop, an error on a later
//! page surfaces after everything before it, and items flow across pages (also down a nested
//! output path).

use fixture_pagination::config::{Config, Credentials, RetryConfig};
use fixture_pagination::http::mock::MockTransport;
use fixture_pagination::operation::list_nested::ListNestedInput;
use fixture_pagination::operation::list_things::ListThingsInput;
use fixture_pagination::sdk_error::SdkError;
use fixture_pagination::Client;

fn client(mock: &MockTransport) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
            .retry(RetryConfig::disabled())
            .transport(mock.clone())
            .build(),
    )
}

fn things(names: &[&str], token: Option<&str>) -> String {
    let things: Vec<String> = names.iter().map(|n| format!(r#"{{"Name":"{n}"}}"#)).collect();
    match token {
        Some(t) => format!(r#"{{"Things":[{}],"NextToken":"{t}"}}"#, things.join(",")),
        None => format!(r#"{{"Things":[{}]}}"#, things.join(",")),
    }
}

fn queries(mock: &MockTransport) -> Vec<String> {
    mock.requests().iter().map(|r| r.uri.query().unwrap_or("").to_owned()).collect()
}

#[tokio::test]
async fn three_pages_pass_each_token_on_and_end_without_one() {
    let mock = MockTransport::new();
    mock.push_json(200, &things(&["a"], Some("t1")));
    mock.push_json(200, &things(&["b"], Some("t2")));
    mock.push_json(200, &things(&["c"], None));
    let mut pages = client(&mock).list_things_paginator(ListThingsInput::builder().build()).page_size(2);
    let mut seen = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.expect("a page");
        seen.extend(page.things.unwrap_or_default().into_iter().filter_map(|t| t.name));
    }
    assert_eq!(seen, ["a", "b", "c"]);
    assert_eq!(queries(&mock), ["maxResults=2", "nextToken=t1&maxResults=2", "nextToken=t2&maxResults=2"]);
    assert!(pages.next_page().await.is_none(), "the pages stay ended");
    assert_eq!(mock.request_count(), 3);
}

#[tokio::test]
async fn items_flow_across_pages_and_an_empty_page_or_token_is_no_end_or_an_end() {
    let mock = MockTransport::new();
    mock.push_json(200, &things(&[], Some("t1")));
    mock.push_json(200, &things(&["a", "b"], Some("t2")));
    mock.push_json(200, &things(&["c"], Some("")));
    let mut items = client(&mock).list_things_paginator(ListThingsInput::builder().build()).items();
    let mut names = Vec::new();
    while let Some(item) = items.next().await {
        names.push(item.expect("an item").name.unwrap_or_default());
    }
    assert_eq!(names, ["a", "b", "c"], "an empty first page is not the end; an empty token is");
    assert_eq!(mock.request_count(), 3);
}

#[tokio::test]
async fn a_repeated_token_ends_the_pages_with_an_error() {
    let mock = MockTransport::new();
    mock.push_json(200, &things(&["a"], Some("same")));
    mock.push_json(200, &things(&["b"], Some("same")));
    mock.push_json(200, &things(&["never"], None));
    let mut pages = client(&mock).list_things_paginator(ListThingsInput::builder().build());
    assert!(pages.next_page().await.unwrap().is_ok());
    let err = pages.next_page().await.unwrap().expect_err("a loop");
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
    assert!(err.to_string().contains("pagination token it had sent before"), "{err}");
    assert!(pages.next_page().await.is_none());
    assert_eq!(mock.request_count(), 2);
}

#[tokio::test]
async fn an_error_on_page_two_comes_after_the_items_of_page_one() {
    let mock = MockTransport::new();
    mock.push_json(200, &things(&["a", "b"], Some("t1")));
    mock.push_json(500, r#"{"__type":"InternalFailure","message":"boom"}"#);
    let mut items = client(&mock).list_things_paginator(ListThingsInput::builder().build()).items();
    assert_eq!(items.next().await.unwrap().unwrap().name.as_deref(), Some("a"));
    assert_eq!(items.next().await.unwrap().unwrap().name.as_deref(), Some("b"));
    let err = items.next().await.unwrap().expect_err("page two fails");
    assert_eq!(err.status(), Some(500));
    assert!(items.next().await.is_none(), "an error ends the items");
}

#[tokio::test]
async fn a_nested_token_and_items_path_and_a_resumed_start() {
    let mock = MockTransport::new();
    mock.push_json(200, r#"{"Page":{"NextMarker":"m2","Entries":{"k1":"v1","k2":"v2"}}}"#);
    mock.push_json(200, r#"{"Page":{"Entries":{"k3":"v3"}}}"#);
    let input = ListNestedInput::builder().marker("m1").build();
    let mut items = client(&mock).list_nested_paginator(input).items();
    let mut entries = Vec::new();
    while let Some(entry) = items.next().await {
        entries.push(entry.expect("an entry"));
    }
    let entries: Vec<(&str, &str)> = entries.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(entries, [("k1", "v1"), ("k2", "v2"), ("k3", "v3")]);
    let bodies: Vec<serde_json::Value> =
        mock.requests().iter().map(|r| serde_json::from_slice(&r.body).unwrap()).collect();
    assert_eq!(bodies, [serde_json::json!({"Marker": "m1"}), serde_json::json!({"Marker": "m2"})]);
}

#[tokio::test]
async fn each_page_is_validated_like_any_call() {
    let mock = MockTransport::new();
    let mut pages = client(&mock).list_things_paginator(ListThingsInput::builder().build()).page_size(500);
    let err = pages.next_page().await.unwrap().expect_err("MaxResults is at most 100");
    assert!(matches!(err, SdkError::Validation(_)), "{err:?}");
    assert_eq!(mock.request_count(), 0);
}
