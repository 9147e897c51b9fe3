//! `@streaming` blobs: a request body the caller gives as bytes or as a stream, a response body
//! the caller reads as it arrives. The mock proves what is sent and how retries treat each kind
//! of body; raw TCP servers on 127.0.0.1 prove that neither direction is buffered whole.

use std::time::Duration;

use fixture_streaming::config::{Config, Credentials, RetryConfig, StaticTimeSource};
use fixture_streaming::http::mock::MockTransport;
use fixture_streaming::http::HttpResponse;
use fixture_streaming::operation::get_object::{GetObjectError, GetObjectInput};
use fixture_streaming::operation::put_checked::PutCheckedInput;
use fixture_streaming::operation::put_object::PutObjectInput;
use fixture_streaming::operation::put_sized::PutSizedInput;
use fixture_streaming::operation::transcode::TranscodeInput;
use fixture_streaming::primitives::ByteStream;
use fixture_streaming::sdk_error::SdkError;
use fixture_streaming::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// How long a test waits for the other side before it fails (instead of hanging).
const PATIENCE: Duration = Duration::from_secs(20);

fn config() -> fixture_streaming::config::ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .time_source(StaticTimeSource::from_secs_since_epoch(1_700_000_000))
        .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
}

fn mock_client(mock: &MockTransport) -> Client {
    Client::new(config().transport(mock.clone()).build())
}

/// A stream the caller feeds by hand: what is written to the returned writer is the body.
fn pipe() -> (tokio::io::DuplexStream, ByteStream) {
    let (writer, reader) = tokio::io::duplex(1024);
    (writer, ByteStream::from_reader(reader))
}

#[tokio::test]
async fn bytes_in_memory_are_sent_with_their_length_and_retried() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(503, ""));
    mock.push_response(HttpResponse::new(200, "").with_header("ETag", "\"e-1\""));
    let input = PutObjectInput::builder().key("a b").body("hello").build();
    let output = mock_client(&mock).put_object(input).await.expect("retried, then stored");
    assert_eq!(output.e_tag.as_deref(), Some("\"e-1\""));
    let requests = mock.requests();
    assert_eq!(requests.len(), 2, "a body in memory is sent again");
    for r in &requests {
        assert_eq!(r.uri.path(), "/objects/a%20b");
        assert_eq!(&r.body[..], b"hello");
        assert_eq!(r.header("content-length"), Some("5"));
        assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    }
}

#[tokio::test]
async fn a_stream_is_sent_once_and_not_signed_as_its_hash() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(503, ""));
    mock.push_response(HttpResponse::new(200, ""));
    let body = ByteStream::from_reader(std::io::Cursor::new(b"hello".to_vec()));
    let input = PutObjectInput::builder().key("k").content_type("text/plain").body(body).build();
    let err = mock_client(&mock).put_object(input).await.expect_err("a spent stream cannot be sent again");
    assert_eq!(err.status(), Some(503));
    assert_eq!(mock.request_count(), 1);
    let streamed = &mock.requests()[0];
    assert_eq!(&streamed.body[..], b"hello");
    assert_eq!(streamed.header("content-type"), Some("text/plain"));
    assert_eq!(streamed.header("content-length"), None, "its length is unknown");

    // The same bytes with the same clock and credentials, in memory (and without the length
    // header, so only the payload hash differs): another signature.
    let again = MockTransport::new();
    again.push_response(HttpResponse::new(200, ""));
    let input = PutObjectInput::builder()
        .key("k")
        .content_type("text/plain")
        .body(ByteStream::from_reader(std::io::Cursor::new(b"hello".to_vec())).with_length(5))
        .build();
    mock_client(&again).put_object(input).await.expect("stored");
    let in_memory = MockTransport::new();
    in_memory.push_response(HttpResponse::new(200, ""));
    let input = PutObjectInput::builder().key("k").content_type("text/plain").body("hello").build();
    mock_client(&in_memory).put_object(input).await.expect("stored");
    let auth = |m: &MockTransport| m.requests()[0].header("authorization").unwrap().to_owned();
    assert_eq!(again.requests()[0].header("content-length"), Some("5"));
    assert_ne!(auth(&again), auth(&in_memory), "a stream is signed as UNSIGNED-PAYLOAD, bytes by their SHA-256");
}

#[tokio::test]
async fn an_unset_stream_is_an_empty_body() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(200, ""));
    let input = PutObjectInput::builder().key("k").build();
    assert_eq!(input.body.content_length(), Some(0));
    mock_client(&mock).put_object(input).await.expect("stored");
    let r = &mock.requests()[0];
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-length"), None);
}

#[tokio::test]
async fn a_stream_without_a_length_is_refused_where_the_model_requires_one() {
    let mock = MockTransport::new();
    let input = PutSizedInput::builder().data(ByteStream::from_reader(std::io::Cursor::new(vec![1u8; 3]))).build();
    let err = mock_client(&mock).put_sized(input).await.expect_err("no length");
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
    assert!(err.to_string().contains("`Data` must have a known length"), "{err}");
    assert_eq!(mock.request_count(), 0, "never sent");

    mock.push_response(HttpResponse::new(200, ""));
    let sized = ByteStream::from_reader(std::io::Cursor::new(vec![1u8; 3])).with_length(3);
    mock_client(&mock).put_sized(PutSizedInput::builder().data(sized).build()).await.expect("sent");
    let r = &mock.requests()[0];
    assert_eq!((r.header("content-length"), &r.body[..]), (Some("3"), &[1u8, 1, 1][..]));
}

#[tokio::test]
async fn a_stream_that_must_be_checksummed_is_read_into_memory_first() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(200, ""));
    let body = ByteStream::from_reader(std::io::Cursor::new(b"hello world".to_vec()));
    mock_client(&mock).put_checked(PutCheckedInput::builder().data(body).build()).await.expect("sent");
    let r = &mock.requests()[0];
    assert_eq!(r.header("content-md5"), Some("XrY7u+Ae7tCTyyK7j1rNww=="));
    assert_eq!(r.header("content-length"), Some("11"));
    assert_eq!(&r.body[..], b"hello world");
}

#[tokio::test]
async fn a_streamed_output_from_a_buffered_transport_reads_whole() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(200, "OggS-secret-audio").with_header("x-amzn-RequestId", "rid-1"));
    let input = TranscodeInput::builder().format("opus").audio("raw-audio").build();
    let output = mock_client(&mock).transcode(input).await.expect("transcoded");
    assert_eq!(output.request_id(), Some("rid-1"));
    let shown = format!("{output:?}");
    assert!(!shown.contains("secret"), "Debug never shows the bytes: {shown}");
    assert_eq!(&output.audio.collect().await.unwrap()[..], b"OggS-secret-audio");
    let r = &mock.requests()[0];
    assert_eq!(r.uri.query(), Some("format=opus"));
    assert_eq!(r.header("content-type"), Some("audio/ogg"));
    assert_eq!(&r.body[..], b"raw-audio");
}

#[tokio::test]
async fn an_error_response_of_a_streaming_operation_is_its_typed_error() {
    let mock = MockTransport::new();
    mock.push_response(
        HttpResponse::new(404, r#"{"message":"no such key"}"#)
            .with_header("X-Amzn-Errortype", "NoSuchKey")
            .with_header("Content-Type", "application/json"),
    );
    let err = mock_client(&mock).get_object(GetObjectInput::builder().key("k").build()).await.expect_err("404");
    match err.into_service_error() {
        Some(GetObjectError::NoSuchKey(e)) => assert_eq!(e.message.as_deref(), Some("no such key")),
        other => panic!("expected NoSuchKey, got {other:?}"),
    }
}

/// Reads an HTTP/1.1 request head from `stream`: (head in lower case, bytes read past it).
async fn read_head(stream: &mut tokio::net::TcpStream) -> (String, Vec<u8>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "the client closed before sending a request");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            return (head, buf[end + 4..].to_vec());
        }
    }
}

/// Reads more of the body until `done(body so far)` holds.
async fn read_until(stream: &mut tokio::net::TcpStream, body: &mut Vec<u8>, done: impl Fn(&[u8]) -> bool) {
    let mut chunk = [0u8; 4096];
    while !done(body) {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "the client closed early");
        body.extend_from_slice(&chunk[..n]);
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_request_stream_is_written_as_it_is_read() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (got_first, first_seen) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let (head, mut body) = read_head(&mut stream).await;
        assert!(head.starts_with("put /objects/clip "), "{head}");
        assert!(head.contains("transfer-encoding: chunked"), "unknown length: chunked\n{head}");
        assert!(!head.contains("content-length"), "{head}");
        assert!(head.contains("x-amz-date:"), "signed\n{head}");
        read_until(&mut stream, &mut body, |b| contains(b, b"first-part")).await;
        // The client has not written the rest yet: it waits for this.
        got_first.send(()).unwrap();
        read_until(&mut stream, &mut body, |b| b.ends_with(b"0\r\n\r\n")).await;
        assert!(contains(&body, b"second-part"), "{}", String::from_utf8_lossy(&body));
        stream.write_all(b"HTTP/1.1 200 OK\r\nETag: \"e-9\"\r\nContent-Length: 0\r\n\r\n").await.unwrap();
    });
    let (mut writer, body) = pipe();
    let client = Client::new(config().endpoint_url(url).build());
    let call =
        tokio::spawn(async move { client.put_object(PutObjectInput::builder().key("clip").body(body).build()).await });
    writer.write_all(b"first-part").await.unwrap();
    tokio::time::timeout(PATIENCE, first_seen)
        .await
        .expect("the server saw the first part before the stream ended: the body is not buffered")
        .unwrap();
    writer.write_all(b"second-part").await.unwrap();
    drop(writer);
    let output = tokio::time::timeout(PATIENCE, call).await.expect("the call ends").unwrap().expect("stored");
    assert_eq!(output.e_tag.as_deref(), Some("\"e-9\""));
    server.await.unwrap();
}

#[tokio::test]
async fn a_response_body_is_read_as_it_arrives() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (read_first, first_read) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let (head, _) = read_head(&mut stream).await;
        assert!(head.starts_with("get /objects/song "), "{head}");
        stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nx-amzn-RequestId: rid-s\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
            .await
            .unwrap();
        // The rest only once the client has read the first chunk.
        tokio::time::timeout(PATIENCE, first_read).await.expect("the client read the first chunk").unwrap();
        stream.write_all(b"6\r\n world\r\n0\r\n\r\n").await.unwrap();
    });
    let client = Client::new(config().endpoint_url(url).build());
    let mut output = tokio::time::timeout(PATIENCE, client.get_object(GetObjectInput::builder().key("song").build()))
        .await
        .expect("the call returns with the head, before the whole body exists")
        .expect("found");
    assert_eq!(output.content_type.as_deref(), Some("audio/mpeg"));
    assert_eq!(output.content_length, None);
    assert_eq!(output.request_id(), Some("rid-s"));
    let first = output.body.next().await.expect("a chunk").expect("read");
    assert_eq!(&first[..], b"hello");
    read_first.send(()).unwrap();
    let rest = tokio::time::timeout(PATIENCE, output.body.collect()).await.expect("the rest").expect("read");
    assert_eq!(&rest[..], b" world");
    server.await.unwrap();
}

#[tokio::test]
async fn a_broken_response_stream_is_a_stream_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let _ = read_head(&mut stream).await;
        // Promises 100 bytes, sends 4, hangs up.
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabcd").await.unwrap();
    });
    let client = Client::new(config().endpoint_url(url).build());
    let output = client.get_object(GetObjectInput::builder().key("k").build()).await.expect("the head is fine");
    assert_eq!(output.content_length, Some(100));
    assert_eq!(output.body.content_length(), Some(100));
    let err = tokio::time::timeout(PATIENCE, output.body.collect()).await.expect("ends").expect_err("truncated");
    assert_eq!(err.to_string(), "the byte stream failed");
    assert!(std::error::Error::source(&err).is_some());
}
