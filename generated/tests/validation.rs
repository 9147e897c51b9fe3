//! Validation of StartChatContact requests: every constraint of the closure at its bounds,
//! paths in Rust terms, every violation collected in a stable order, sensitive values never
//! shown, documented rules in strict mode, and properties over generated requests.

use std::collections::BTreeMap;

use amazon_connect::operation::start_chat_contact::{StartChatContactRequest, StartChatContactRequestBuilder};
use amazon_connect::types::*;
use amazon_connect::validate::{Rule, Validate, ValidationMode};
use proptest::prelude::*;

fn valid() -> StartChatContactRequestBuilder<String, String, ParticipantDetails> {
    StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
}

/// (path, message) of each violation, or empty when valid.
fn violations(req: &StartChatContactRequest, mode: ValidationMode) -> Vec<(String, String)> {
    match req.validate_with(mode) {
        Ok(()) => Vec::new(),
        Err(e) => e.violations().iter().map(|v| (v.path().to_owned(), v.message().to_owned())).collect(),
    }
}

fn paths(req: &StartChatContactRequest) -> Vec<String> {
    violations(req, ValidationMode::Model).into_iter().map(|(p, _)| p).collect()
}

#[test]
fn the_issue_example_lists_all_three_violations() {
    let mut req = valid().chat_duration_in_minutes(5).supported_messaging_content_types(vec!["x".repeat(101)]).build();
    req.participant_details.display_name = String::new();
    let err = req.validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid StartChatContactRequest: 3 violations\n  \
         - participant_details.display_name: length 0 is out of range: must be between 1 and 256 characters\n  \
         - chat_duration_in_minutes: 5 is out of range: must be between 60 and 10080\n  \
         - supported_messaging_content_types[0]: length 101 is out of range: must be between 1 and 100 characters"
    );
    let rules: Vec<&Rule> = err.violations().iter().map(|v| v.rule()).collect();
    assert_eq!(rules[0], &Rule::Length { min: Some(1), max: Some(256), actual: 0 });
    assert_eq!(rules[1], &Rule::Range { min: Some("60"), max: Some("10080") });
}

#[test]
fn a_valid_request_passes_in_every_mode() {
    let req = valid()
        .chat_duration_in_minutes(60)
        .supported_messaging_content_types(["text/plain"])
        .attributes(BTreeMap::from([("tier".to_owned(), "gold".to_owned())]))
        .build();
    for mode in [ValidationMode::Off, ValidationMode::Model, ValidationMode::Strict] {
        assert_eq!(req.validate_with(mode), Ok(()), "{mode:?}");
    }
}

#[test]
fn string_length_boundaries() {
    for (len, ok) in [(0, false), (1, true), (256, true), (257, false)] {
        let mut req = valid().build();
        req.participant_details.display_name = "a".repeat(len);
        assert_eq!(paths(&req).is_empty(), ok, "display name of {len}");
    }
    // InstanceId 1..=100; ContactFlowId 0..=500 (empty is allowed by the model).
    let mut req = valid().build();
    req.instance_id = "i".repeat(101);
    req.contact_flow_id = String::new();
    assert_eq!(paths(&req), ["instance_id"]);
}

#[test]
fn length_counts_unicode_scalar_values() {
    let mut req = valid().build();
    req.participant_details.display_name = "😀".repeat(256); // 1024 bytes, 256 characters
    assert_eq!(req.validate(), Ok(()));
    req.participant_details.display_name = "😀".repeat(257);
    let v = violations(&req, ValidationMode::Model);
    assert_eq!(
        v,
        [(
            "participant_details.display_name".to_owned(),
            "length 257 is out of range: must be between 1 and 256 characters".to_owned()
        )]
    );
}

#[test]
fn integer_range_boundaries() {
    for (value, ok) in [(59, false), (60, true), (10080, true), (10081, false), (i32::MIN, false), (i32::MAX, false)] {
        let req = valid().chat_duration_in_minutes(value).build();
        assert_eq!(paths(&req).is_empty(), ok, "{value}");
    }
}

#[test]
fn list_length_boundaries() {
    let agents = |n: usize| vec![DisconnectOnCustomerExitParticipantType::Agent; n];
    for (n, ok) in [(0, false), (1, true), (2, false)] {
        let req = valid().disconnect_on_customer_exit(agents(n)).build();
        assert_eq!(paths(&req).is_empty(), ok, "{n} items");
    }
    let v = violations(&valid().disconnect_on_customer_exit(agents(2)).build(), ValidationMode::Model);
    assert_eq!(v[0].1, "length 2 is out of range: must be exactly 1 items");
}

#[test]
fn map_keys_and_values_are_checked() {
    let attrs = BTreeMap::from([(String::new(), "v".to_owned()), ("k".to_owned(), "x".repeat(32768))]);
    let v = violations(&valid().attributes(attrs).build(), ValidationMode::Model);
    assert_eq!(
        v,
        [
            (
                "attributes[\"\"]".to_owned(),
                "map key: length 0 is out of range: must be between 1 and 32767 characters".to_owned()
            ),
            (
                "attributes[\"k\"]".to_owned(),
                "length 32768 is out of range: must be between 0 and 32767 characters".to_owned()
            ),
        ]
    );
    let long_key = "k".repeat(129);
    let segs = BTreeMap::from([(long_key.clone(), SegmentAttributeValue::default())]);
    assert_eq!(paths(&valid().segment_attributes(segs).build()), [format!("segment_attributes[\"{long_key}\"]")]);
}

#[test]
fn nested_and_recursive_values_are_checked_all_the_way_down() {
    let inner_map =
        BTreeMap::from([("inner".to_owned(), SegmentAttributeValue::builder().value_arn("y".repeat(1025)).build())]);
    let tier = SegmentAttributeValue::builder()
        .value_list(vec![
            SegmentAttributeValue::builder().value_string("ok").build(),
            SegmentAttributeValue::default(),
            SegmentAttributeValue::builder().value_string("x".repeat(1025)).build(),
        ])
        .value_map(inner_map)
        .build();
    let req = valid().segment_attributes(BTreeMap::from([("tier".to_owned(), tier)])).build();
    assert_eq!(
        paths(&req),
        [
            "segment_attributes[\"tier\"].value_map[\"inner\"].value_arn",
            "segment_attributes[\"tier\"].value_list[2].value_string",
        ]
    );
    // Far down a chain of lists and maps.
    let mut v = SegmentAttributeValue::builder().value_string("z".repeat(2000)).build();
    for _ in 0..20 {
        v = SegmentAttributeValue::builder().value_list(vec![v]).build();
    }
    let req = valid().segment_attributes(BTreeMap::from([("a".to_owned(), v)])).build();
    let expected = format!("segment_attributes[\"a\"]{}.value_string", ".value_list[0]".repeat(20));
    assert_eq!(paths(&req), [expected]);
}

#[test]
fn violations_come_in_model_order_every_time() {
    let mut req = valid()
        .client_token("t".repeat(501))
        .chat_duration_in_minutes(1)
        .related_contact_id("")
        .customer_id("")
        .build();
    req.instance_id.clear();
    req.participant_details.display_name.clear();
    let first = paths(&req);
    assert_eq!(
        first,
        [
            "instance_id",
            "participant_details.display_name",
            "client_token",
            "chat_duration_in_minutes",
            "related_contact_id",
            "customer_id",
        ]
    );
    for _ in 0..10 {
        assert_eq!(paths(&req), first);
    }
}

#[test]
fn sensitive_values_never_appear_in_messages() {
    let secret = format!("SECRET-{}", "s".repeat(200));
    let req = valid().customer_id(secret.clone()).build();
    let err = req.validate().unwrap_err();
    assert_eq!(err.violations()[0].path(), "customer_id");
    assert!(!err.to_string().contains("SECRET"), "{err}");
    assert!(!format!("{err:?}").contains("SECRET"));
}

#[test]
fn off_mode_sends_anything() {
    let mut req = valid().chat_duration_in_minutes(0).build();
    req.instance_id.clear();
    assert_eq!(req.validate_with(ValidationMode::Off), Ok(()));
    assert!(req.validate().is_err());
}

mod documented_rules {
    use super::*;

    fn strict(req: &StartChatContactRequest) -> Vec<(String, String)> {
        violations(req, ValidationMode::Strict)
    }

    #[test]
    fn content_types_must_include_text_plain() {
        let req = valid().supported_messaging_content_types(["text/markdown"]).build();
        assert_eq!(req.validate(), Ok(()), "not a model rule");
        assert_eq!(
            strict(&req),
            [(
                "supported_messaging_content_types".to_owned(),
                "the supported content types must include text/plain (missing: text/plain)".to_owned()
            )]
        );
        assert!(strict(&valid().build()).is_empty(), "absent means the service default");
        let ok = valid().supported_messaging_content_types(["text/markdown", "text/plain"]).build();
        assert!(strict(&ok).is_empty());
    }

    #[test]
    fn related_contact_and_persistent_chat_are_exclusive() {
        let req = valid()
            .related_contact_id("c-1")
            .persistent_chat(PersistentChat::builder().source_contact_id("c-0").build())
            .build();
        assert_eq!(req.validate(), Ok(()));
        assert_eq!(
            strict(&req),
            [(
                String::new(),
                "related_contact_id and persistent_chat cannot both be set (set: related_contact_id, persistent_chat)"
                    .to_owned()
            )]
        );
        assert!(strict(&valid().related_contact_id("c-1").build()).is_empty());
    }

    #[test]
    fn attributes_fit_in_32768_utf8_bytes() {
        // Two entries (each within the model's 32767-character bound) adding up to `bytes`.
        let fill = |bytes: usize| {
            let half = bytes / 2;
            BTreeMap::from([("a".to_owned(), "v".repeat(half - 1)), ("b".to_owned(), "v".repeat(bytes - half - 1))])
        };
        assert!(strict(&valid().attributes(fill(32768)).build()).is_empty());
        let over = strict(&valid().attributes(fill(32769)).build());
        assert_eq!(over.len(), 1);
        assert_eq!(over[0].0, "attributes");
        assert!(over[0].1.contains("got 32769 bytes"), "{}", over[0].1);
        // Bytes, not characters: 16385 two-byte characters are 32770 bytes.
        let wide = BTreeMap::from([("k".to_owned(), "é".repeat(16385))]);
        assert_eq!(strict(&valid().attributes(wide).build()).len(), 1);
    }

    #[test]
    fn attribute_keys_use_only_letters_digits_dash_underscore() {
        let attrs =
            BTreeMap::from([("good_key-1".to_owned(), "v".to_owned()), ("bad key!".to_owned(), "v".to_owned())]);
        assert_eq!(
            strict(&valid().attributes(attrs).build()),
            [(
                "attributes[\"bad key!\"]".to_owned(),
                "attribute keys may contain only letters, digits, '-' and '_'".to_owned()
            )]
        );
    }

    #[test]
    fn guide_subtype_needs_both_interactive_types() {
        let guide = BTreeMap::from([(
            "connect:Subtype".to_owned(),
            SegmentAttributeValue::builder().value_string("connect:Guide").build(),
        )]);
        let interactive = "application/vnd.amazonaws.connect.message.interactive";
        let response = "application/vnd.amazonaws.connect.message.interactive.response";
        let req = valid().segment_attributes(guide.clone()).build();
        let v = strict(&req);
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].1.contains(&format!("missing: {interactive}, {response}")), "{}", v[0].1);
        let one = valid()
            .segment_attributes(guide.clone())
            .supported_messaging_content_types(["text/plain", interactive])
            .build();
        assert!(strict(&one)[0].1.ends_with(&format!("(missing: {response})")));
        let both = valid()
            .segment_attributes(guide)
            .supported_messaging_content_types(["text/plain", interactive, response])
            .build();
        assert!(strict(&both).is_empty());
        let other = BTreeMap::from([(
            "connect:Subtype".to_owned(),
            SegmentAttributeValue::builder().value_string("connect:SMS").build(),
        )]);
        assert!(strict(&valid().segment_attributes(other).build()).is_empty());
    }
}

/// Strategies for values inside every model bound.
fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::char::any(), min..=max).prop_map(|c| c.into_iter().collect())
}

fn valid_request() -> impl Strategy<Value = StartChatContactRequest> {
    (
        text(1, 100),
        text(0, 500),
        text(1, 256),
        proptest::option::of(60i32..=10080),
        proptest::option::of(proptest::collection::vec(text(1, 100), 0..4)),
        proptest::option::of(proptest::collection::btree_map(text(1, 20), text(0, 40), 0..4)),
        proptest::option::of(text(1, 128)),
        proptest::option::of(proptest::collection::btree_map(text(1, 128), text(0, 1024), 0..3)),
    )
        .prop_map(|(instance, flow, name, duration, types, attrs, customer, segs)| {
            let mut req = StartChatContactRequest::builder()
                .instance_id(instance)
                .contact_flow_id(flow)
                .participant_details(ParticipantDetails::builder().display_name(name).build())
                .build();
            req.chat_duration_in_minutes = duration;
            req.supported_messaging_content_types = types;
            req.attributes = attrs;
            req.customer_id = customer;
            req.segment_attributes = segs.map(|m| {
                m.into_iter()
                    .map(|(k, s)| {
                        (
                            k,
                            SegmentAttributeValue::builder()
                                .value_list(vec![SegmentAttributeValue::builder().value_string(s).build()])
                                .build(),
                        )
                    })
                    .collect()
            });
            req
        })
}

/// One field pushed out of bounds, and the path that must report it.
#[derive(Debug, Clone)]
enum Break {
    InstanceId(usize),
    DisplayName(usize),
    Duration(i32),
    ContentType(usize),
    CustomerId(usize),
}

fn one_break() -> impl Strategy<Value = Break> {
    prop_oneof![
        prop_oneof![Just(0usize), 101usize..300].prop_map(Break::InstanceId),
        prop_oneof![Just(0usize), 257usize..400].prop_map(Break::DisplayName),
        prop_oneof![i32::MIN..60, 10081..=i32::MAX].prop_map(Break::Duration),
        prop_oneof![Just(0usize), 101usize..200].prop_map(Break::ContentType),
        prop_oneof![Just(0usize), 129usize..200].prop_map(Break::CustomerId),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_request_within_bounds_passes(req in valid_request()) {
        prop_assert_eq!(req.validate(), Ok(()));
    }

    #[test]
    fn one_out_of_bounds_field_gives_exactly_one_violation_at_its_path(req in valid_request(), brk in one_break()) {
        let mut req = req;
        let expected = match brk {
            Break::InstanceId(n) => { req.instance_id = "i".repeat(n); "instance_id".to_owned() }
            Break::DisplayName(n) => { req.participant_details.display_name = "é".repeat(n); "participant_details.display_name".to_owned() }
            Break::Duration(d) => { req.chat_duration_in_minutes = Some(d); "chat_duration_in_minutes".to_owned() }
            Break::ContentType(n) => {
                let mut types = req.supported_messaging_content_types.take().unwrap_or_default();
                let at = types.len();
                types.push("t".repeat(n));
                req.supported_messaging_content_types = Some(types);
                format!("supported_messaging_content_types[{at}]")
            }
            Break::CustomerId(n) => { req.customer_id = Some("c".repeat(n)); "customer_id".to_owned() }
        };
        let err = req.validate().expect_err("out of bounds");
        prop_assert_eq!(err.violations().len(), 1);
        prop_assert_eq!(err.violations()[0].path(), expected.as_str());
    }
}
