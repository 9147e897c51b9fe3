//! A whole customer chat: start it with Amazon Connect, open the customer's participant
//! connection with the token that returns, and send a first message.
//!
//! ```sh
//! AWS_REGION=eu-west-2 CONNECT_INSTANCE_ID=… CONNECT_CONTACT_FLOW_ID=… \
//!     cargo run -p amazon-connect --example chat_flow
//! ```
//!
//! Both clients come from one configuration: region, credentials, retries, timeouts, transport
//! (one connection pool) and time source are set once. `CONNECT_ENDPOINT_URL` and
//! `PARTICIPANT_ENDPOINT_URL` point either client at a local endpoint. `tests/chat_flow.rs` runs
//! [`clients`] and [`run`] against a mock server.

use std::error::Error;
use std::process::ExitCode;

use amazon_connect::config::Config;
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

/// A Connect client and a Participant client sharing `config`: the runtime's one `Config` type
/// serves every generated service crate.
pub fn clients(config: &Config) -> (amazon_connect::Client, amazon_connect_participant::Client) {
    (amazon_connect::Client::new(config.clone()), amazon_connect_participant::Client::new(config.clone()))
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
            StartChatContactRequest::builder()
                .instance_id(instance_id)
                .contact_flow_id(contact_flow_id)
                .participant_details(ParticipantDetails::builder().display_name("Customer").build())
                .supported_messaging_content_types(["text/plain"])
                .initial_message(ChatMessage::builder().content_type("text/plain").content("Hello").build())
                .build(),
        )
        .await?;
    let participant_token =
        started.participant_token.clone().ok_or("StartChatContact returned no participant token")?;

    let connection = participant
        .create_participant_connection(
            CreateParticipantConnectionRequest::builder()
                .participant_token(participant_token)
                .r#type([ConnectionType::ConnectionCredentials])
                .connect_participant(true)
                .build(),
        )
        .await?;
    let connection_token = connection
        .connection_credentials
        .as_ref()
        .and_then(|c| c.connection_token.clone())
        .ok_or("CreateParticipantConnection returned no connection token")?;

    let sent = participant
        .send_message(
            SendMessageRequest::builder()
                .content_type("text/plain")
                .content(greeting)
                .connection_token(connection_token)
                .build(),
        )
        .await?;
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
        let shared = Config::from_env();
        let (mut connect, mut participant) = clients(&shared);
        // A local endpoint for one service is an override of the shared setup for that client.
        if let Ok(url) = std::env::var("CONNECT_ENDPOINT_URL") {
            connect = amazon_connect::Client::new(shared.to_builder().endpoint_url(url).build());
        }
        if let Ok(url) = std::env::var("PARTICIPANT_ENDPOINT_URL") {
            participant = amazon_connect_participant::Client::new(shared.to_builder().endpoint_url(url).build());
        }
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
            // Each error's Display is one level; print the whole `source()` chain.
            eprintln!("error: {}", amazon_connect::sdk_error::DisplayErrorChain(&*e));
            ExitCode::FAILURE
        }
    }
}
