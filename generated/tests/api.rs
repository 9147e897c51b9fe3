//! The client API: builders (required members by name, collections from any iterable, one item
//! at a time), and what an operation error keeps of its response.

use std::collections::BTreeMap;

use amazon_connect::config::{Config, Credentials};
use amazon_connect::http::mock::MockTransport;
use amazon_connect::http::HttpResponse;
use amazon_connect::operation::start_chat_contact::{StartChatContactError, StartChatContactRequest};
use amazon_connect::sdk_error::{RequestId, SdkError};
use amazon_connect::types::{ParticipantDetails, SegmentAttributeValue};
use amazon_connect::Client;

fn required(
) -> amazon_connect::operation::start_chat_contact::StartChatContactRequestBuilder<String, String, ParticipantDetails> {
    StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
}

#[test]
fn required_members_are_set_by_name_in_any_order() {
    let a = required().build();
    let b = StartChatContactRequest::builder()
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .contact_flow_id("flow-1")
        .instance_id("instance-1")
        .build();
    assert_eq!(a, b);
    assert_eq!((a.instance_id.as_str(), a.contact_flow_id.as_str()), ("instance-1", "flow-1"));
    // Optional members start out unset.
    assert_eq!((a.attributes, a.supported_messaging_content_types, a.client_token), (None, None, None));
}

#[test]
fn collections_take_any_iterable_of_convertible_items() {
    let owned: Vec<String> = vec!["text/plain".to_owned()];
    let from_vec = required().supported_messaging_content_types(owned).build();
    let from_strs = required().supported_messaging_content_types(["text/plain"]).build();
    let from_iter = required().supported_messaging_content_types(std::iter::once("text/plain")).build();
    assert_eq!(from_vec, from_strs);
    assert_eq!(from_strs, from_iter);
    let from_tuples = required().attributes([("tier", "gold"), ("lang", "en")]).build();
    let expected = BTreeMap::from([("lang".to_owned(), "en".to_owned()), ("tier".to_owned(), "gold".to_owned())]);
    assert_eq!(from_tuples.attributes, Some(expected));
}

#[test]
fn per_item_setters_add_one_item_at_a_time() {
    let request = required()
        .push_supported_messaging_content_types("text/plain")
        .push_supported_messaging_content_types(String::from("text/markdown"))
        .insert_attributes("tier", "gold")
        .insert_attributes("tier", "platinum")
        .insert_attributes(String::from("lang"), "en")
        .insert_segment_attributes("connect:Subtype", SegmentAttributeValue::builder().value_string("web").build())
        .build();
    assert_eq!(request.supported_messaging_content_types, Some(vec!["text/plain".into(), "text/markdown".into()]));
    let attributes = request.attributes.unwrap();
    assert_eq!(attributes.len(), 2);
    assert_eq!(attributes["tier"], "platinum");
    assert_eq!(request.segment_attributes.unwrap()["connect:Subtype"].value_string.as_deref(), Some("web"));
    // After a whole-collection setter, items are added to it.
    let more = required().supported_messaging_content_types(["a"]).push_supported_messaging_content_types("b").build();
    assert_eq!(more.supported_messaging_content_types, Some(vec!["a".into(), "b".into()]));
}

fn client(mock: &MockTransport) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
            .transport(mock.clone())
            .build(),
    )
}

#[tokio::test]
async fn a_modelled_error_keeps_its_request_id_and_raw_response() {
    let mock = MockTransport::new();
    mock.push_response(
        HttpResponse::new(400, r#"{"Message":"slow down, please"}"#)
            .with_header("x-amzn-RequestId", "req-42")
            .with_header("x-amzn-ErrorType", "InvalidParameterException")
            .with_header("x-custom", "kept"),
    );
    let err = client(&mock).start_chat_contact(required().build()).await.expect_err("400");
    let SdkError::Service(service) = err else { panic!("a service error") };
    assert_eq!(service.raw_response().map(|r| r.status), Some(400));
    // Leaving SdkError keeps both: the operation error and its variant carry them.
    let op: StartChatContactError = service.into_err();
    assert_eq!(op.request_id(), Some("req-42"));
    assert_eq!(RequestId::request_id(&op), Some("req-42"));
    let raw = op.raw_response().expect("the raw response");
    assert_eq!((raw.status, &raw.body[..]), (400, &br#"{"Message":"slow down, please"}"#[..]));
    assert_eq!(raw.headers.get("x-custom").unwrap(), "kept");
    let StartChatContactError::InvalidParameterException(invalid) = op else { panic!("InvalidParameterException") };
    assert_eq!(invalid.request_id(), Some("req-42"));
    assert_eq!(invalid.message(), Some("slow down, please"));
    assert_eq!(invalid.raw_response().map(|r| r.status), Some(400));
}

#[tokio::test]
async fn an_unhandled_error_keeps_its_request_id_and_raw_response() {
    let mock = MockTransport::new();
    mock.push_response(
        HttpResponse::new(400, r#"{"__type":"BrandNewException","message":"new"}"#)
            .with_header("x-amzn-RequestId", "req-7")
            .with_header("x-custom", "kept"),
    );
    let err = client(&mock).start_chat_contact(required().build()).await.expect_err("400");
    let op = err.into_service_error().expect("a service error");
    assert_eq!(op.code(), Some("BrandNewException"));
    assert_eq!(op.request_id(), Some("req-7"));
    let raw = op.raw_response().expect("the raw response");
    assert_eq!(raw.headers.get("x-custom").unwrap(), "kept");
    assert_eq!(&raw.body[..], br#"{"__type":"BrandNewException","message":"new"}"#);
    // The raw response's Debug shows no body.
    assert!(!format!("{raw:?}").contains("BrandNewException"), "{raw:?}");
}
