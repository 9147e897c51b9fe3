//! A whole customer chat: start it with Amazon Connect, open the customer's participant
//! connection with the token that returns, and send a first message.
//!
//! ```sh
//! AWS_REGION=eu-west-2 CONNECT_INSTANCE_ID=… CONNECT_CONTACT_FLOW_ID=… \
//!     cargo run -p amazon-connect --example chat_flow
//! ```
//!
//! `CONNECT_ENDPOINT_URL` and `PARTICIPANT_ENDPOINT_URL` point both clients at a local endpoint.
//! `tests/chat_flow.rs` runs [`run`] against a mock server.

use std::error::Error;
use std::process::ExitCode;

use amazon_connect::operation::start_chat_contact::StartChatContactRequest;
use amazon_connect::types::{ChatMessage, ParticipantDetails};
use amazon_connect_participant::operation::create_participant_connection::CreateParticipantConnectionRequest;
use amazon_connect_participant::operation::send_message::SendMessageRequest;
use amazon_connect_participant::types::ConnectionType;

/// What the flow produced (identifiers only: tokens stay inside).
#[derive(Debug)]
pub struct ChatStarted {
    pub contact_id: String,
    pub participant_id: String,
    pub message_id: String,
}

/// Starts the chat, connects the customer and sends `greeting`.
pub async fn run(
    connect: &amazon_connect::Client,
    participant: &amazon_connect_participant::Client,
    instance_id: &str,
    contact_flow_id: &str,
    greeting: &str,
) -> Result<ChatStarted, Box<dyn Error + Send + Sync>> {
    let started = connect
        .start_chat_contact(
            StartChatContactRequest::new(instance_id, contact_flow_id, ParticipantDetails::new("Customer"))
                .with_supported_messaging_content_types(vec!["text/plain".to_owned()])
                .with_initial_message(ChatMessage::new("text/plain", "Hello")),
        )
        .await?;
    let participant_token =
        started.participant_token.clone().ok_or("StartChatContact returned no participant token")?;

    let connection = participant
        .create_participant_connection(
            CreateParticipantConnectionRequest::new(participant_token)
                .with_type(vec![ConnectionType::ConnectionCredentials])
                .with_connect_participant(true),
        )
        .await?;
    let connection_token = connection
        .connection_credentials
        .as_ref()
        .and_then(|c| c.connection_token.clone())
        .ok_or("CreateParticipantConnection returned no connection token")?;

    let sent = participant.send_message(SendMessageRequest::new("text/plain", greeting, connection_token)).await?;
    Ok(ChatStarted {
        contact_id: started.contact_id.unwrap_or_default(),
        participant_id: started.participant_id.unwrap_or_default(),
        message_id: sent.id.unwrap_or_default(),
    })
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

#[allow(dead_code)] // `tests/chat_flow.rs` includes this file for `run` only.
fn main() -> ExitCode {
    let result = (|| -> Result<ChatStarted, Box<dyn Error + Send + Sync>> {
        let instance_id = env("CONNECT_INSTANCE_ID")?;
        let contact_flow_id = env("CONNECT_CONTACT_FLOW_ID")?;
        let mut connect = amazon_connect::config::ConfigBuilder::from_env();
        if let Ok(url) = std::env::var("CONNECT_ENDPOINT_URL") {
            connect = connect.endpoint_url(url);
        }
        let mut participant = amazon_connect_participant::config::ConfigBuilder::from_env();
        if let Ok(url) = std::env::var("PARTICIPANT_ENDPOINT_URL") {
            participant = participant.endpoint_url(url);
        }
        let connect = amazon_connect::Client::new(connect.build());
        let participant = amazon_connect_participant::Client::new(participant.build());
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        runtime.block_on(run(&connect, &participant, &instance_id, &contact_flow_id, "Hi, I need help with my order"))
    })();
    match result {
        Ok(chat) => {
            println!(
                "contact {} participant {} first message {}",
                chat.contact_id, chat.participant_id, chat.message_id
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
