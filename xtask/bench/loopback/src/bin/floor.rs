//! The harness floor: the same server and measuring loop, with a "client" that writes one
//! pre-built request (fixed bytes, a dummy SigV4 header) over a raw keep-alive TCP stream and
//! reads the response. What remains of ours/official above these figures is the client's cost.
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

fn main() {
    let server = loopback::Server::start();
    let rt = loopback::client_runtime();
    let body = format!(
        r#"{{"ContactFlowId":"{}","InitialMessage":{{"ContentType":"{}","Content":"{}"}},"InstanceId":"{}","ParticipantDetails":{{"DisplayName":"{}"}}}}"#,
        loopback::CONTACT_FLOW_ID,
        loopback::MESSAGE_CONTENT_TYPE,
        loopback::MESSAGE_CONTENT,
        loopback::INSTANCE_ID,
        loopback::DISPLAY_NAME
    );
    let authority = server.url().trim_start_matches("http://").to_owned();
    let request = format!(
        "PUT /contact/chat HTTP/1.1\r\nhost: {authority}\r\ncontent-type: application/json\r\nx-amz-date: 20260101T000000Z\r\nauthorization: AWS4-HMAC-SHA256 Credential={}/20260101/{}/connect/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature={}\r\ncontent-length: {}\r\n\r\n{body}",
        loopback::ACCESS_KEY_ID,
        loopback::REGION,
        "0".repeat(64),
        body.len()
    )
    .into_bytes();
    rt.block_on(async {
        let stream = tokio::net::TcpStream::connect(&authority).await.expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let stream = std::cell::RefCell::new((stream, Vec::<u8>::with_capacity(4096)));
        loopback::measure("floor", &server, || {
            let (stream, request) = (&stream, &request);
            async move {
                let mut guard = stream.borrow_mut();
                let (sock, buf) = &mut *guard;
                sock.write_all(request).await.map_err(|e| e.to_string())?;
                buf.clear();
                loop {
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = std::str::from_utf8(&buf[..i]).map_err(|e| e.to_string())?;
                        let len: usize = head
                            .lines()
                            .find_map(|l| l.strip_prefix("Content-Length: "))
                            .and_then(|v| v.parse().ok())
                            .ok_or("no content-length")?;
                        if buf.len() >= i + 4 + len {
                            return if buf[i + 4..].starts_with(b"{\"ContactId\":\"c-1\"") {
                                Ok(())
                            } else {
                                Err("bad body".into())
                            };
                        }
                    }
                    if sock.read_buf(buf).await.map_err(|e| e.to_string())? == 0 {
                        return Err("eof".into());
                    }
                }
            }
        })
        .await;
    });
}
