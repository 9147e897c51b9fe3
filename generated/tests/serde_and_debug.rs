//! Behaviour of the generated types: the JSON restJson1 sends and receives, Debug redaction,
//! unknown values from newer service versions.

use std::collections::BTreeMap;

use amazon_connect::error::{InvalidRequestException, LimitExceededException};
use amazon_connect::operation::start_chat_contact::{StartChatContactRequest, StartChatContactResponse};
use amazon_connect::types::*;
use serde_json::json;

fn full_request() -> StartChatContactRequest {
    let mut inner = BTreeMap::new();
    inner.insert("level".to_owned(), SegmentAttributeValue::default().with_value_integer(3));
    let segment = SegmentAttributeValue::default()
        .with_value_string("connect:Guide")
        .with_value_map(inner)
        .with_value_list(vec![SegmentAttributeValue::default().with_value_arn("arn:aws:connect:x")]);
    StartChatContactRequest::new("instance-1", "flow-1", ParticipantDetails::new("Ada"))
        .with_attributes(BTreeMap::from([("tier".to_owned(), "gold".to_owned())]))
        .with_participant_configuration(
            ParticipantConfiguration::default().with_response_mode(ResponseMode::Incremental),
        )
        .with_initial_message(ChatMessage::new("text/plain", "hello"))
        .with_client_token("token-1")
        .with_chat_duration_in_minutes(90)
        .with_supported_messaging_content_types(vec!["text/plain".to_owned(), "text/markdown".to_owned()])
        .with_persistent_chat(
            PersistentChat::default()
                .with_rehydration_type(RehydrationType::EntirePastSession)
                .with_source_contact_id("c-0"),
        )
        .with_segment_attributes(BTreeMap::from([("connect:Subtype".to_owned(), segment)]))
        .with_customer_id("crm-42")
        .with_disconnect_on_customer_exit(vec![DisconnectOnCustomerExitParticipantType::Agent])
}

#[test]
fn full_request_serialises_to_the_restjson1_body() {
    let body = serde_json::to_value(full_request()).unwrap();
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
    let text = serde_json::to_string(&full_request()).unwrap();
    assert!(text.starts_with(r#"{"InstanceId":"instance-1","ContactFlowId":"flow-1","Attributes""#), "{text}");
}

#[test]
fn absent_optionals_are_omitted() {
    let req = StartChatContactRequest::new("i", "f", ParticipantDetails::new("n"));
    assert_eq!(
        serde_json::to_string(&req).unwrap(),
        r#"{"InstanceId":"i","ContactFlowId":"f","ParticipantDetails":{"DisplayName":"n"}}"#
    );
}

#[test]
fn round_trip_is_lossless() {
    let req = full_request();
    let back: StartChatContactRequest = serde_json::from_str(&serde_json::to_string(&req).unwrap()).unwrap();
    assert_eq!(back, req);
}

#[test]
fn required_members_must_be_present_when_reading_input() {
    let err = serde_json::from_value::<StartChatContactRequest>(json!({"InstanceId": "i", "ContactFlowId": "f"}))
        .unwrap_err()
        .to_string();
    assert!(err.contains("ParticipantDetails"), "{err}");
}

#[test]
fn debug_redacts_the_sensitive_customer_id() {
    let req = StartChatContactRequest::new("i", "f", ParticipantDetails::new("Ada")).with_customer_id("crm-secret-42");
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
    let mut v = SegmentAttributeValue::default().with_value_string("leaf");
    for i in 0..50 {
        v = if i % 2 == 0 {
            SegmentAttributeValue::default().with_value_list(vec![v])
        } else {
            SegmentAttributeValue::default().with_value_map(BTreeMap::from([("k".to_owned(), v)]))
        };
    }
    let back: SegmentAttributeValue = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(back, v);
}
