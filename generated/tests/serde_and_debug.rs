//! Behaviour of the generated types: the JSON restJson1 sends and receives, Debug redaction,
//! unknown values from newer service versions.

use std::collections::BTreeMap;

use amazon_connect::error::{InvalidRequestException, LimitExceededException};
use amazon_connect::operation::start_chat_contact::{
    StartChatContactRequest, StartChatContactRequestBuilder, StartChatContactResponse,
};
use amazon_connect::types::*;
use serde_json::json;

fn full_request() -> StartChatContactRequestBuilder<String, String, ParticipantDetails> {
    let mut inner = BTreeMap::new();
    inner.insert("level".to_owned(), SegmentAttributeValue::builder().value_integer(3).build());
    let segment = SegmentAttributeValue::builder()
        .value_string("connect:Guide")
        .value_map(inner)
        .value_list(vec![SegmentAttributeValue::builder().value_arn("arn:aws:connect:x").build()])
        .build();
    StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .attributes(BTreeMap::from([("tier".to_owned(), "gold".to_owned())]))
        .participant_configuration(ParticipantConfiguration::builder().response_mode(ResponseMode::Incremental).build())
        .initial_message(ChatMessage::builder().content_type("text/plain").content("hello").build())
        .client_token("token-1")
        .chat_duration_in_minutes(90)
        .supported_messaging_content_types(vec!["text/plain".to_owned(), "text/markdown".to_owned()])
        .persistent_chat(
            PersistentChat::builder()
                .rehydration_type(RehydrationType::EntirePastSession)
                .source_contact_id("c-0")
                .build(),
        )
        .segment_attributes(BTreeMap::from([("connect:Subtype".to_owned(), segment)]))
        .customer_id("crm-42")
        .disconnect_on_customer_exit(vec![DisconnectOnCustomerExitParticipantType::Agent])
}

#[test]
fn full_request_serialises_to_the_restjson1_body() {
    let body = serde_json::to_value(full_request().build()).unwrap();
    assert_eq!(
        body,
        json!({
            "InstanceId": "instance-1",
            "ContactFlowId": "flow-1",
            "Attributes": {"tier": "gold"},
            "ParticipantDetails": {"DisplayName": "Ada"},
            "ParticipantConfiguration": {"ResponseMode": "INCREMENTAL"},
            "InitialMessage": {"ContentType": "text/plain", "Content": "hello"},
            "ClientToken": "token-1",
            "ChatDurationInMinutes": 90,
            "SupportedMessagingContentTypes": ["text/plain", "text/markdown"],
            "PersistentChat": {"RehydrationType": "ENTIRE_PAST_SESSION", "SourceContactId": "c-0"},
            "SegmentAttributes": {"connect:Subtype": {
                "ValueString": "connect:Guide",
                "ValueMap": {"level": {"ValueInteger": 3}},
                "ValueList": [{"ValueArn": "arn:aws:connect:x"}]
            }},
            "CustomerId": "crm-42",
            "DisconnectOnCustomerExit": ["AGENT"]
        })
    );
    // Member order on the wire is the model's order.
    let text = serde_json::to_string(&full_request().build()).unwrap();
    assert!(text.starts_with(r#"{"InstanceId":"instance-1","ContactFlowId":"flow-1","Attributes""#), "{text}");
}

#[test]
fn absent_optionals_are_omitted() {
    let req = StartChatContactRequest::builder()
        .instance_id("i")
        .contact_flow_id("f")
        .participant_details(ParticipantDetails::builder().display_name("n").build())
        .build();
    assert_eq!(
        serde_json::to_string(&req).unwrap(),
        r#"{"InstanceId":"i","ContactFlowId":"f","ParticipantDetails":{"DisplayName":"n"}}"#
    );
}

#[test]
fn the_full_request_sends_every_member_it_sets() {
    let sent = serde_json::to_value(full_request().build()).unwrap();
    let mut keys: Vec<&str> = sent.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "Attributes",
            "ChatDurationInMinutes",
            "ClientToken",
            "ContactFlowId",
            "CustomerId",
            "DisconnectOnCustomerExit",
            "InitialMessage",
            "InstanceId",
            "ParticipantConfiguration",
            "ParticipantDetails",
            "PersistentChat",
            "SegmentAttributes",
            "SupportedMessagingContentTypes",
        ]
    );
    assert_eq!(sent["SegmentAttributes"]["connect:Subtype"]["ValueMap"]["level"]["ValueInteger"], 3);
}

/// Which of serde's traits a type implements: the inherent method wins when its bound holds,
/// the trait's default answers otherwise (autoref specialization, on concrete types).
struct Probe<T>(std::marker::PhantomData<T>);
trait NotSerialize {
    fn serialize(&self) -> bool {
        false
    }
}
impl<T> NotSerialize for Probe<T> {}
impl<T: serde::Serialize> Probe<T> {
    fn serialize(&self) -> bool {
        true
    }
}
trait NotDeserialize {
    fn deserialize(&self) -> bool {
        false
    }
}
impl<T> NotDeserialize for Probe<T> {}
impl<T: serde::de::DeserializeOwned> Probe<T> {
    fn deserialize(&self) -> bool {
        true
    }
}
macro_rules! serde_of {
    ($t:ty) => {
        (Probe::<$t>(std::marker::PhantomData).serialize(), Probe::<$t>(std::marker::PhantomData).deserialize())
    };
}

#[test]
fn serde_is_derived_by_role() {
    // Sent only: Serialize, no Deserialize.
    assert_eq!(serde_of!(StartChatContactRequest), (true, false));
    assert_eq!(serde_of!(ParticipantDetails), (true, false));
    assert_eq!(serde_of!(SegmentAttributeValue), (true, false));
    // Received only (outputs and errors): Deserialize, no Serialize.
    assert_eq!(serde_of!(StartChatContactResponse), (false, true));
    assert_eq!(serde_of!(LimitExceededException), (false, true));
    // The probe itself tells the two apart.
    assert_eq!(serde_of!(serde_json::Value), (true, true));
    assert_eq!(serde_of!(std::time::Instant), (false, false));
}

#[test]
fn debug_redacts_the_sensitive_customer_id() {
    let req = StartChatContactRequest::builder()
        .instance_id("i")
        .contact_flow_id("f")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .customer_id("crm-secret-42")
        .build();
    let debug = format!("{req:?}");
    assert_eq!(
        debug,
        "StartChatContactRequest { instance_id: \"i\", contact_flow_id: \"f\", attributes: None, \
         participant_details: ParticipantDetails { display_name: \"Ada\" }, participant_configuration: None, \
         initial_message: None, client_token: None, chat_duration_in_minutes: None, \
         supported_messaging_content_types: None, persistent_chat: None, related_contact_id: None, \
         segment_attributes: None, customer_id: *** Sensitive Data Redacted ***, disconnect_on_customer_exit: None }"
    );
    assert!(!format!("{req:#?}").contains("crm-secret-42"));
}

#[test]
fn unknown_fields_in_responses_are_ignored() {
    let resp: StartChatContactResponse = serde_json::from_value(json!({
        "ContactId": "c-1",
        "ParticipantId": "p-1",
        "ParticipantToken": "tok",
        "SomethingNew": {"nested": [1, 2, 3]},
    }))
    .unwrap();
    assert_eq!(resp.contact_id.as_deref(), Some("c-1"));
    assert_eq!(resp.participant_id.as_deref(), Some("p-1"));
    assert_eq!(resp.continued_from_contact_id, None);
    // An empty body means every member is absent.
    assert_eq!(serde_json::from_str::<StartChatContactResponse>("{}").unwrap(), StartChatContactResponse::default());
}

#[test]
fn unknown_enum_values_survive_a_round_trip() {
    let reason: AttachedFileInvalidRequestExceptionReason = serde_json::from_str("\"INVALID_FILE_COLOUR\"").unwrap();
    assert_eq!(reason.as_str(), "INVALID_FILE_COLOUR");
    assert!(matches!(reason, AttachedFileInvalidRequestExceptionReason::Unknown(_)));
    assert_eq!(serde_json::to_string(&reason).unwrap(), "\"INVALID_FILE_COLOUR\"");
    let known: AttachedFileInvalidRequestExceptionReason = serde_json::from_str("\"INVALID_FILE_SIZE\"").unwrap();
    assert_eq!(known, AttachedFileInvalidRequestExceptionReason::InvalidFileSize);
    assert_eq!(AttachedFileInvalidRequestExceptionReason::from("INVALID_FILE_SIZE"), known);
}

#[test]
fn input_only_enums_are_closed() {
    // Values the client sends come from the model: an unknown one is refused with the choices.
    let err = serde_json::from_str::<ResponseMode>("\"SOMETIMES\"").unwrap_err().to_string();
    assert!(err.contains("SOMETIMES") && err.contains("INCREMENTAL, COMPLETE"), "{err}");
    assert_eq!("COMPLETE".parse::<ResponseMode>().unwrap(), ResponseMode::Complete);
    assert_eq!(ResponseMode::VALUES, &["INCREMENTAL", "COMPLETE"]);
}

#[test]
fn error_union_reads_known_and_unknown_members() {
    let err: InvalidRequestException = serde_json::from_value(json!({
        "message": "bad file",
        "Reason": {"AttachedFileInvalidRequestExceptionReason": "INVALID_FILE_TYPE"}
    }))
    .unwrap();
    assert_eq!(err.message(), Some("bad file"));
    assert_eq!(
        err.reason,
        Some(InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
            AttachedFileInvalidRequestExceptionReason::InvalidFileType
        ))
    );
    assert_eq!(err.to_string(), "InvalidRequestException: bad file");

    let future: InvalidRequestException = serde_json::from_value(json!({
        "Message": "m",
        "Reason": {"QuotaInvalidRequestExceptionReason": {"Limit": 3}}
    }))
    .unwrap();
    match future.reason {
        Some(InvalidRequestExceptionReason::Unknown(u)) => {
            assert_eq!(u.name(), "QuotaInvalidRequestExceptionReason");
            assert_eq!(u.value(), &json!({"Limit": 3}));
        }
        other => panic!("expected an unknown member, got {other:?}"),
    }
    // A union must have exactly one member.
    let two = serde_json::from_value::<InvalidRequestExceptionReason>(json!({
        "AttachedFileInvalidRequestExceptionReason": "INVALID_FILE_TYPE", "Other": 1
    }));
    assert!(two.unwrap_err().to_string().contains("more than one member"));
    assert!(serde_json::from_value::<InvalidRequestExceptionReason>(json!({})).is_err());
}

#[test]
fn errors_carry_their_wire_facts() {
    assert_eq!(LimitExceededException::CODE, "LimitExceededException");
    assert_eq!(LimitExceededException::HTTP_STATUS, Some(429));
    let faults = [LimitExceededException::SERVER_FAULT, amazon_connect::error::InternalServiceException::SERVER_FAULT];
    assert_eq!(faults, [false, true]);
    let e = LimitExceededException::default();
    assert_eq!(e.to_string(), "LimitExceededException");
}

#[test]
fn recursive_segment_attributes_nest_without_boxing() {
    // SegmentAttributeValue → ValueList → SegmentAttributeValue → ValueMap → … : Vec and BTreeMap
    // give the indirection, so values nest to any depth.
    let mut v = SegmentAttributeValue::builder().value_string("leaf").build();
    for i in 0..50 {
        v = if i % 2 == 0 {
            SegmentAttributeValue::builder().value_list(vec![v]).build()
        } else {
            SegmentAttributeValue::builder().value_map(BTreeMap::from([("k".to_owned(), v)])).build()
        };
    }
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(json.matches(r#""ValueList":["#).count() + json.matches(r#""ValueMap":{"#).count(), 50);
    assert!(json.contains(r#"{"ValueString":"leaf"}"#), "{json}");
}
