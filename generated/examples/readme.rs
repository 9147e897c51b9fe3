//! The README's example, compiled (`tests` in xtask check that the README shows exactly this).

use amazon_connect::operation::start_chat_contact::{StartChatContactError, StartChatContactRequest};
use amazon_connect::sdk_error::{DisplayErrorChain, SdkError};
use amazon_connect::types::{ChatMessage, ParticipantDetails};
use amazon_connect::{Client, Config};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Region and credentials from AWS_REGION / AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
    // (or `ConfigBuilder::from_sdk_config` with the `aws-config` feature).
    let client = Client::new(Config::from_env());
    let request = StartChatContactRequest::builder()
        .instance_id("12345678-aaaa-bbbb-cccc-123456789012")
        .contact_flow_id("87654321-aaaa-bbbb-cccc-123456789012")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .initial_message(ChatMessage::builder().content_type("text/plain").content("Hello!").build())
        .supported_messaging_content_types(["text/plain", "text/markdown"])
        .customer_id("crm-42") // @sensitive: Debug prints *** Sensitive Data Redacted ***
        .build(); // compiles only once instance_id, contact_flow_id and participant_details are set

    match client.start_chat_contact(request).await {
        Ok(chat) => println!("contact {:?} (request {:?})", chat.contact_id, chat.request_id()),
        Err(SdkError::Service(e)) => match e.err() {
            StartChatContactError::LimitExceededException(limit) => eprintln!("too many chats: {limit}"),
            other => eprintln!("service error {other} (request {:?})", other.request_id()),
        },
        Err(other) => eprintln!("{}", DisplayErrorChain(&other)), // each message of the chain once
    }
    Ok(())
}
