//! Faults on the wire, against a raw TCP server on 127.0.0.1: each ends in a typed error or a
//! retry, never a panic or an unbounded wait, and every attempt carries the same idempotency
//! token.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use amazon_connect::config::{Config, Credentials, RetryConfig};
use amazon_connect::operation::start_chat_contact::{StartChatContactError, StartChatContactRequest};
use amazon_connect::sdk_error::{SdkError, TimeoutKind};
use amazon_connect::types::ParticipantDetails;
use amazon_connect::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

type Bodies = Arc<Mutex<Vec<Vec<u8>>>>;

/// Reads one HTTP/1.1 request (headers and a Content-Length body).
async fn read_request(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(buf[end + 4..end + 4 + len].to_vec());
        }
    }
}

/// A server that records each request body and answers with `respond` (one connection per
/// request: the handler closes the connection afterwards).
async fn server<F, Fut>(respond: F) -> (String, Bodies)
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let bodies: Bodies = Arc::default();
    let recorded = bodies.clone();
    let respond = Arc::new(respond);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let recorded = recorded.clone();
            let respond = respond.clone();
            tokio::spawn(async move {
                if let Some(body) = read_request(&mut stream).await {
                    recorded.lock().unwrap().push(body);
                    respond(stream).await;
                }
            });
        }
    });
    (url, bodies)
}

fn client(url: &str, read_timeout: Option<Duration>) -> Client {
    let mut builder = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .endpoint_url(url)
        .retry(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        );
    if let Some(t) = read_timeout {
        builder = builder.read_timeout(t);
    }
    Client::new(builder.build())
}

fn request() -> StartChatContactRequest {
    StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .build()
}

/// Every recorded attempt carried the same ClientToken; returns how many attempts there were.
fn same_token(bodies: &Bodies) -> usize {
    let bodies = bodies.lock().unwrap();
    let tokens: Vec<String> = bodies
        .iter()
        .map(|b| serde_json::from_slice::<serde_json::Value>(b).unwrap()["ClientToken"].as_str().unwrap().to_owned())
        .collect();
    assert!(tokens.windows(2).all(|w| w[0] == w[1]), "tokens differ: {tokens:?}");
    tokens.len()
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_on_every_attempt() {
    let (url, bodies) = server(|stream| async move {
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(stream);
    })
    .await;
    let started = Instant::now();
    let err =
        client(&url, Some(Duration::from_millis(200))).start_chat_contact(request()).await.expect_err("times out");
    assert!(started.elapsed() < Duration::from_secs(5), "bounded: {:?}", started.elapsed());
    match &err {
        SdkError::Timeout(t) => assert_eq!((t.kind(), t.attempts()), (TimeoutKind::Attempt, 3)),
        other => panic!("{other:?}"),
    }
    assert_eq!(same_token(&bodies), 3);
}

#[tokio::test]
async fn a_server_that_drips_bytes_is_cut_off_by_the_read_timeout() {
    let (url, bodies) = server(|mut stream| async move {
        let body = br#"{"ContactId":"c-1"}"#;
        let head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len());
        let _ = stream.write_all(head.as_bytes()).await;
        for b in body {
            if stream.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    let started = Instant::now();
    let err = client(&url, Some(Duration::from_millis(300))).start_chat_contact(request()).await.expect_err("too slow");
    assert!(matches!(err, SdkError::Timeout(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(same_token(&bodies), 3);
}

#[tokio::test]
async fn a_connection_reset_mid_body_is_retried_with_the_same_token() {
    let (url, bodies) = server(|mut stream| async move {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"Contact").await;
        drop(stream);
    })
    .await;
    let err = client(&url, Some(Duration::from_secs(2))).start_chat_contact(request()).await.expect_err("broken");
    assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
    assert_eq!(same_token(&bodies), 3);
}

#[tokio::test]
async fn connection_refused_is_a_dispatch_error_after_three_attempts() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    match client(&url, None).start_chat_contact(request()).await.expect_err("refused") {
        SdkError::Dispatch(d) => assert_eq!(d.attempts(), 3),
        other => panic!("{other:?}"),
    }
}

fn respond_with(
    status: &'static str,
    headers: &'static [&'static str],
    body: Vec<u8>,
) -> impl Fn(TcpStream) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> + Send + Sync {
    move |mut stream| {
        let body = body.clone();
        Box::pin(async move {
            let mut head = format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n", body.len());
            for h in headers {
                head.push_str(h);
                head.push_str("\r\n");
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&body).await;
            let _ = stream.shutdown().await;
        })
    }
}

#[tokio::test]
async fn a_ten_megabyte_body_is_read_and_its_unknown_fields_ignored() {
    let padding = "x".repeat(10 * 1024 * 1024);
    let body = format!(r#"{{"ContactId":"c-1","Padding":"{padding}"}}"#).into_bytes();
    let (url, _) = server(respond_with("200 OK", &["content-type: application/json"], body)).await;
    let out = client(&url, Some(Duration::from_secs(10))).start_chat_contact(request()).await.expect("read");
    assert_eq!(out.contact_id.as_deref(), Some("c-1"));
}

#[tokio::test]
async fn invalid_utf8_bodies_become_response_errors() {
    let (url, bodies) =
        server(respond_with("200 OK", &["content-type: application/json"], vec![b'{', b'"', 0xff, 0xfe, b'"', b'}']))
            .await;
    let err = client(&url, None).start_chat_contact(request()).await.expect_err("unreadable");
    match &err {
        SdkError::Response(r) => assert_eq!(r.status(), 200),
        other => panic!("{other:?}"),
    }
    assert_eq!(same_token(&bodies), 1, "a 2xx is never retried");

    let (url, _) =
        server(respond_with("400 Bad Request", &["x-amzn-errortype: InvalidRequestException"], vec![0xc3, 0x28, 0xa0]))
            .await;
    let err = client(&url, None).start_chat_contact(request()).await.expect_err("unreadable");
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
}

#[tokio::test]
async fn duplicate_headers_do_not_confuse_error_parsing() {
    let (url, bodies) = server(respond_with(
        "404 Not Found",
        &[
            "x-amzn-errortype: ResourceNotFoundException",
            "x-amzn-errortype: InvalidRequestException",
            "x-amzn-requestid: req-1",
            "x-amzn-requestid: req-2",
        ],
        br#"{"Message":"no such instance"}"#.to_vec(),
    ))
    .await;
    let err = client(&url, None).start_chat_contact(request()).await.expect_err("404");
    assert_eq!(err.request_id(), Some("req-1"), "the first value is kept");
    match err {
        SdkError::Service(e) => {
            assert!(matches!(e.err(), StartChatContactError::ResourceNotFoundException(_)), "{:?}", e.err());
            assert_eq!(e.err().message(), Some("no such instance"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(same_token(&bodies), 1);
}

#[tokio::test]
async fn redirects_are_not_followed_or_retried() {
    let (url, bodies) =
        server(respond_with("301 Moved Permanently", &["location: http://127.0.0.1:9/elsewhere"], Vec::new())).await;
    let err = client(&url, None).start_chat_contact(request()).await.expect_err("not followed");
    assert_eq!(err.status(), Some(301), "{err:?}");
    assert_eq!(same_token(&bodies), 1, "one attempt, no redirect followed");
}
