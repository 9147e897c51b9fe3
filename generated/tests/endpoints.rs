//! The client sends to the endpoint the service's rules resolve from its configuration.

use amazon_connect::config::{Config, ConfigBuilder, Credentials, RetryConfig};
use amazon_connect::http::mock::MockTransport;
use amazon_connect::http::HttpResponse;
use amazon_connect::operation::start_chat_contact::StartChatContactRequest;
use amazon_connect::sdk_error::{ConstructionErrorKind, SdkError};
use amazon_connect::types::ParticipantDetails;
use amazon_connect::Client;

fn builder(mock: &MockTransport, region: &str) -> ConfigBuilder {
    Config::builder()
        .region(region)
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry(RetryConfig::disabled())
        .transport(mock.clone())
}

fn request() -> StartChatContactRequest {
    StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .build()
}

/// The URI and Host of the one request `config` sends.
async fn sent_to(config: ConfigBuilder, mock: &MockTransport) -> (String, String) {
    mock.push_json(200, "{}");
    Client::new(config.build()).start_chat_contact(request()).await.expect("sent");
    let req = mock.requests().pop().expect("one request");
    let host = req.headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or_default().to_owned();
    (req.uri.to_string(), host)
}

#[tokio::test]
async fn commercial_china_govcloud_fips_and_dual_stack_hosts() {
    let mock = MockTransport::new();
    let cases = [
        ("us-east-1", false, false, "https://connect.us-east-1.amazonaws.com/contact/chat"),
        ("cn-north-1", false, false, "https://connect.cn-north-1.amazonaws.com.cn/contact/chat"),
        ("us-east-1", true, true, "https://connect-fips.us-east-1.api.aws/contact/chat"),
        ("us-east-1", true, false, "https://connect-fips.us-east-1.amazonaws.com/contact/chat"),
        ("us-east-1", false, true, "https://connect.us-east-1.api.aws/contact/chat"),
        ("us-gov-west-1", false, false, "https://connect.us-gov-west-1.amazonaws.com/contact/chat"),
    ];
    for (region, fips, dual, want) in cases {
        let (uri, host) = sent_to(builder(&mock, region).use_fips(fips).use_dual_stack(dual), &mock).await;
        assert_eq!(uri, want, "{region} fips={fips} dual={dual}");
        assert_eq!(format!("https://{host}/contact/chat"), want, "the Host header matches");
    }
}

#[tokio::test]
async fn endpoint_url_wins() {
    let mock = MockTransport::new();
    let (uri, _) = sent_to(builder(&mock, "eu-west-2").endpoint_url("http://127.0.0.1:4566"), &mock).await;
    assert_eq!(uri, "http://127.0.0.1:4566/contact/chat");
}

#[tokio::test]
async fn invalid_combinations_fail_before_anything_is_sent() {
    let mock = MockTransport::new();
    let config = builder(&mock, "us-east-1").use_fips(true).endpoint_url("https://example.com").build();
    let err = Client::new(config).start_chat_contact(request()).await.expect_err("refused");
    match &err {
        SdkError::Construction(c) => assert_eq!(c.kind(), ConstructionErrorKind::InvalidEndpoint),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("FIPS and custom endpoint are not supported"), "{err}");

    let no_region =
        Config::builder().credentials(Credentials::new("AKIDEXAMPLE", "secret", None)).transport(mock.clone()).build();
    let err = Client::new(no_region).start_chat_contact(request()).await.expect_err("refused");
    assert!(matches!(&err, SdkError::Construction(c) if c.kind() == ConstructionErrorKind::MissingRegion), "{err:?}");
    assert_eq!(mock.request_count(), 0, "nothing was sent");
}

#[tokio::test]
async fn the_signature_scope_uses_the_configured_region() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(200, "{}"));
    Client::new(builder(&mock, "cn-north-1").build()).start_chat_contact(request()).await.expect("sent");
    let req = mock.requests().pop().unwrap();
    let auth = req.headers.get("authorization").unwrap().to_str().unwrap().to_owned();
    assert!(auth.contains("/cn-north-1/connect/aws4_request"), "{auth}");
}
