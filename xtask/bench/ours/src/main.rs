//! Benchmark program for our generated client, `amazon-connect`. See ../../run.sh.
use amazon_connect::operation::start_chat_contact::StartChatContactRequest;
use amazon_connect::types::{ChatMessage, ParticipantDetails};
use amazon_connect::{Client, Config, Credentials};

fn main() {
    let server = loopback::Server::start();
    let rt = loopback::client_runtime();
    rt.block_on(async {
        // Same settings as the official program: fixed region, static credentials, the loopback
        // endpoint, default retry policy and timeouts; requests are SigV4-signed.
        let config = Config::builder()
            .region(loopback::REGION)
            .credentials(Credentials::new(loopback::ACCESS_KEY_ID, loopback::SECRET_ACCESS_KEY, None))
            .endpoint_url(server.url())
            .build();
        let client = Client::new(config);
        loopback::measure("ours", &server, || {
            let client = &client;
            async move {
                let request = StartChatContactRequest::builder()
                    .instance_id(loopback::INSTANCE_ID)
                    .contact_flow_id(loopback::CONTACT_FLOW_ID)
                    .participant_details(ParticipantDetails::builder().display_name(loopback::DISPLAY_NAME).build())
                    .initial_message(
                        ChatMessage::builder()
                            .content_type(loopback::MESSAGE_CONTENT_TYPE)
                            .content(loopback::MESSAGE_CONTENT)
                            .build(),
                    )
                    .build();
                let out = client.start_chat_contact(request).await.map_err(|e| e.to_string())?;
                if out.contact_id.as_deref() != Some(loopback::CONTACT_ID)
                    || out.request_id() != Some(loopback::REQUEST_ID)
                {
                    return Err(format!("unexpected output: {out:?}"));
                }
                Ok(())
            }
        })
        .await;
    });
}
