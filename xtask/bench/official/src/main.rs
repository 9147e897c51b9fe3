//! Benchmark program for the official SDK, `aws-sdk-connect`. See ../../run.sh.
use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_connect::types::{ChatMessage, ParticipantDetails};
use aws_sdk_connect::Client;

fn main() {
    let server = loopback::Server::start();
    let rt = loopback::client_runtime();
    rt.block_on(async {
        // No aws-config: the service config built directly. Fixed region, static credentials,
        // the loopback endpoint, default retry policy and timeouts; requests are SigV4-signed.
        let config = aws_sdk_connect::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(loopback::REGION))
            .credentials_provider(Credentials::new(
                loopback::ACCESS_KEY_ID,
                loopback::SECRET_ACCESS_KEY,
                None,
                None,
                "bench-static",
            ))
            .endpoint_url(server.url())
            .build();
        let client = Client::from_conf(config);
        loopback::measure("official", &server, || {
            let client = &client;
            async move {
                let out = client
                    .start_chat_contact()
                    .instance_id(loopback::INSTANCE_ID)
                    .contact_flow_id(loopback::CONTACT_FLOW_ID)
                    .participant_details(
                        ParticipantDetails::builder()
                            .display_name(loopback::DISPLAY_NAME)
                            .build()
                            .map_err(|e| e.to_string())?,
                    )
                    .initial_message(
                        ChatMessage::builder()
                            .content_type(loopback::MESSAGE_CONTENT_TYPE)
                            .content(loopback::MESSAGE_CONTENT)
                            .build()
                            .map_err(|e| e.to_string())?,
                    )
                    .send()
                    .await
                    .map_err(|e| format!("{}", aws_sdk_connect::error::DisplayErrorContext(&e)))?;
                use aws_sdk_connect::operation::RequestId as _;
                if out.contact_id() != Some(loopback::CONTACT_ID) || out.request_id() != Some(loopback::REQUEST_ID) {
                    return Err(format!("unexpected output: {out:?}"));
                }
                Ok(())
            }
        })
        .await;
    });
}
