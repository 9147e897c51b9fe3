//! Starts a chat contact.
//!
//! ```sh
//! AWS_REGION=eu-west-2 AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \
//! CONNECT_INSTANCE_ID=... CONNECT_CONTACT_FLOW_ID=... \
//! cargo run --example start_chat
//! ```
//!
//! `REGION` is accepted instead of `AWS_REGION`; `CONNECT_ENDPOINT_URL` sends to a local
//! endpoint (for example a mock server) instead of the regional one. Prints the contact id
//! and participant id; never the participant token.

use std::process::ExitCode;

use amazon_connect::config::ConfigBuilder;
use amazon_connect::operation::start_chat_contact::StartChatContactRequest;
use amazon_connect::sdk_error::DisplayErrorChain;
use amazon_connect::types::{ChatMessage, ParticipantDetails};
use amazon_connect::Client;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

#[tokio::main]
async fn main() -> ExitCode {
    let (Some(instance_id), Some(flow_id)) = (env("CONNECT_INSTANCE_ID"), env("CONNECT_CONTACT_FLOW_ID")) else {
        eprintln!("set CONNECT_INSTANCE_ID and CONNECT_CONTACT_FLOW_ID (and AWS_REGION plus AWS credentials)");
        return ExitCode::from(2);
    };
    let mut config = ConfigBuilder::from_env(); // AWS_REGION / AWS_DEFAULT_REGION + AWS_* keys
    if let Some(region) = env("AWS_REGION").or_else(|| env("REGION")) {
        config = config.region(region);
    }
    if let Some(url) = env("CONNECT_ENDPOINT_URL") {
        config = config.endpoint_url(url);
    }
    let client = Client::new(config.build());

    let request = StartChatContactRequest::builder()
        .instance_id(instance_id)
        .contact_flow_id(flow_id)
        .participant_details(ParticipantDetails::builder().display_name("Example customer").build())
        .initial_message(
            ChatMessage::builder().content_type("text/plain").content("Hello from the amazon-connect example").build(),
        )
        .supported_messaging_content_types(vec!["text/plain".to_owned()])
        .build();

    match client.start_chat_contact(request).await {
        Ok(out) => {
            println!("contact id:     {}", out.contact_id.as_deref().unwrap_or("(none)"));
            println!("participant id: {}", out.participant_id.as_deref().unwrap_or("(none)"));
            println!("request id:     {}", out.request_id().unwrap_or("(none)"));
            ExitCode::SUCCESS
        }
        Err(err) => {
            // Each error's Display is one level; print the whole `source()` chain.
            eprintln!("StartChatContact failed: {}", DisplayErrorChain(&err));
            ExitCode::FAILURE
        }
    }
}
