//! [`ByteStream`]: the body of a `@streaming` blob member, written or read a chunk at a time.
//!
//! An operation whose input has a streaming member sends it as the request body; one whose
//! output has one hands the response body back unread, as a `ByteStream` the caller reads as
//! it arrives. Nothing forces the whole body into memory.
//!
//! A body in memory (made from bytes, a `Vec<u8>` or a string) can be sent again, so a call
//! with one is retried like any other and its SHA-256 is signed. A stream (from
//! [`ByteStream::from_stream`], [`ByteStream::from_reader`] or [`ByteStream::from_body`]) can be
//! read only once: it is signed as `UNSIGNED-PAYLOAD` (the SigV4 value for a body not hashed
//! in advance; the connection is TLS), sent once, and a failed attempt is not retried.
//!
//! `Debug` shows where the bytes are and how many there are, never the bytes.
//!
//! Generated crates name it `primitives::ByteStream` (when their model streams) and
//! `http::ByteStream` (always: it is the body type of the transport).
//!
//! ```
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use amazon_runtime::http::ByteStream;
//!
//! let mut body = ByteStream::from("hello, ");
//! assert_eq!(body.content_length(), Some(7));
//! while let Some(chunk) = body.next().await {
//!     let chunk = chunk?;
//!     assert_eq!(&chunk[..], b"hello, ");
//! }
//! let whole = ByteStream::from(vec![1, 2, 3]).collect().await?;
//! assert_eq!(&whole[..], [1, 2, 3]);
//! # Ok(())
//! # }
//! ```

use std::error::Error as StdError;
use std::fmt;
use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context, Poll};

use ::bytes::{Buf, Bytes, BytesMut};
use http_body::{Body, Frame, SizeHint};

/// The error type of the bodies a [`ByteStream`] wraps.
pub type BoxError = Box<dyn StdError + Send + Sync>;

type DynBody = Pin<Box<dyn Body<Data = Bytes, Error = BoxError> + Send + 'static>>;

/// The size of the chunks [`ByteStream::from_reader`] reads.
const READ_CHUNK: usize = 64 * 1024;

/// A body: bytes in memory (sent again on a retry, signed by their SHA-256), or a stream of
/// chunks read once (sent once, signed as `UNSIGNED-PAYLOAD`). `Debug` never shows the bytes.
pub struct ByteStream {
    inner: Inner,
}

enum Inner {
    /// In memory: emptied as it is read, so it ends after one chunk.
    Memory(Bytes),
    /// A stream, with its length when the caller knows it.
    Stream { body: DynBody, length: Option<u64> },
}

impl ByteStream {
    /// An empty body.
    pub fn new() -> Self {
        Self { inner: Inner::Memory(Bytes::new()) }
    }

    /// A body read from `stream`, chunk by chunk, as it is sent. Its length is unknown (the
    /// request is sent with `Transfer-Encoding: chunked`) unless [`with_length`](Self::with_length)
    /// gives it. An error from the stream fails the request.
    pub fn from_stream<S, T, E>(stream: S) -> Self
    where
        S: futures_core::Stream<Item = Result<T, E>> + Send + 'static,
        T: Into<Bytes>,
        E: Into<BoxError>,
    {
        Self::from_dyn(StreamBody { stream: Box::pin(stream) }, None)
    }

    /// A body read from `reader` (a file, a pipe, a socket) in chunks of 64 KiB, as it is sent.
    /// Its length is unknown unless [`with_length`](Self::with_length) gives it.
    pub fn from_reader<R>(reader: R) -> Self
    where
        R: tokio::io::AsyncRead + Send + 'static,
    {
        Self::from_dyn(ReaderBody { reader: Box::pin(reader), done: false }, None)
    }

    /// A body read from any [`http_body::Body`]: its data frames, in order; trailers are
    /// dropped.
    pub fn from_body<B>(body: B) -> Self
    where
        B: Body + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let length = body.size_hint().exact();
        Self::from_dyn(AnyBody { body: Box::pin(body) }, length)
    }

    fn from_dyn(body: impl Body<Data = Bytes, Error = BoxError> + Send + 'static, length: Option<u64>) -> Self {
        Self { inner: Inner::Stream { body: Box::pin(body), length } }
    }

    /// Declares the stream's length in bytes, which is then sent as `Content-Length` (some
    /// operations require one). The stream must yield exactly that many bytes, or the request
    /// fails. A body in memory already knows its length: for it this does nothing.
    pub fn with_length(mut self, length: u64) -> Self {
        if let Inner::Stream { length: known, .. } = &mut self.inner {
            *known = Some(length);
        }
        self
    }

    /// The length in bytes, when it is known: always for a body in memory, for a stream when
    /// it was declared ([`with_length`](Self::with_length)) or the response said it
    /// (`Content-Length`).
    pub fn content_length(&self) -> Option<u64> {
        match &self.inner {
            Inner::Memory(bytes) => Some(bytes.len() as u64),
            Inner::Stream { length, .. } => *length,
        }
    }

    /// The bytes, when the body is in memory (and not yet read).
    pub fn bytes(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Memory(bytes) => Some(bytes),
            Inner::Stream { .. } => None,
        }
    }

    /// Whether the body is in memory, so a request carrying it can be sent again.
    pub fn is_in_memory(&self) -> bool {
        matches!(self.inner, Inner::Memory(_))
    }

    /// The body in memory, or the stream back when it is not.
    pub fn into_bytes(self) -> Result<Bytes, Self> {
        match self.inner {
            Inner::Memory(bytes) => Ok(bytes),
            inner => Err(Self { inner }),
        }
    }

    /// The next chunk, or `None` at the end of the body.
    pub async fn next(&mut self) -> Option<Result<Bytes, StreamError>> {
        poll_fn(|cx| self.poll_chunk(cx)).await
    }

    /// Reads the rest of the body into memory.
    pub async fn collect(self) -> Result<Bytes, StreamError> {
        let mut this = self;
        let first = match this.inner {
            Inner::Memory(bytes) => return Ok(bytes),
            Inner::Stream { .. } => match this.next().await {
                None => return Ok(Bytes::new()),
                Some(chunk) => chunk?,
            },
        };
        let Some(second) = this.next().await else { return Ok(first) };
        let capacity = this.content_length().and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
        let mut all = BytesMut::with_capacity(capacity.max(first.len()));
        all.extend_from_slice(&first);
        all.extend_from_slice(&second?);
        while let Some(chunk) = this.next().await {
            all.extend_from_slice(&chunk?);
        }
        Ok(all.freeze())
    }

    /// Reads the rest of the body into memory, so it can be sent again (or hashed).
    pub async fn buffer(&mut self) -> Result<(), StreamError> {
        if !self.is_in_memory() {
            let stream = std::mem::take(self);
            *self = Self::from(stream.collect().await?);
        }
        Ok(())
    }

    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, StreamError>>> {
        loop {
            return match Pin::new(&mut *self).poll_frame(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Ready(Some(Err(source))) => Poll::Ready(Some(Err(StreamError { source }))),
                Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                    Ok(data) if data.is_empty() => continue,
                    Ok(data) => Poll::Ready(Some(Ok(data))),
                    // Trailers: not part of the bytes.
                    Err(_) => continue,
                },
            };
        }
    }
}

impl Default for ByteStream {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Memory(bytes) => write!(f, "ByteStream(in memory, {} bytes)", bytes.len()),
            Inner::Stream { length: Some(n), .. } => write!(f, "ByteStream(stream, {n} bytes)"),
            Inner::Stream { length: None, .. } => f.write_str("ByteStream(stream)"),
        }
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        Self { inner: Inner::Memory(bytes) }
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(Bytes::from(bytes))
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        Self::from(Bytes::from_static(bytes))
    }
}

impl<const N: usize> From<&'static [u8; N]> for ByteStream {
    fn from(bytes: &'static [u8; N]) -> Self {
        Self::from(Bytes::from_static(bytes))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        Self::from(Bytes::from(text))
    }
}

impl From<&'static str> for ByteStream {
    fn from(text: &'static str) -> Self {
        Self::from(Bytes::from_static(text.as_bytes()))
    }
}

impl Body for ByteStream {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match &mut self.get_mut().inner {
            Inner::Memory(bytes) if bytes.is_empty() => Poll::Ready(None),
            Inner::Memory(bytes) => Poll::Ready(Some(Ok(Frame::data(std::mem::take(bytes))))),
            Inner::Stream { body, .. } => body.as_mut().poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.inner {
            Inner::Memory(bytes) => bytes.is_empty(),
            Inner::Stream { body, .. } => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            Inner::Memory(bytes) => SizeHint::with_exact(bytes.len() as u64),
            Inner::Stream { length: Some(n), .. } => SizeHint::with_exact(*n),
            Inner::Stream { body, .. } => body.size_hint(),
        }
    }
}

impl futures_core::Stream for ByteStream {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_chunk(cx)
    }
}

/// Reading a [`ByteStream`] failed: the connection broke, or the stream it was made from
/// returned an error (its `source()`).
pub struct StreamError {
    source: BoxError,
}

impl StreamError {
    /// A failure caused by `source`.
    pub fn new(source: impl Into<BoxError>) -> Self {
        Self { source: source.into() }
    }
}

impl fmt::Debug for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamError").field("source", &self.source).finish()
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the byte stream failed")
    }
}

impl StdError for StreamError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

/// A `Stream` of byte chunks as a body.
struct StreamBody<S> {
    stream: Pin<Box<S>>,
}

impl<S, T, E> Body for StreamBody<S>
where
    S: futures_core::Stream<Item = Result<T, E>>,
    T: Into<Bytes>,
    E: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        self.get_mut()
            .stream
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|r| r.map(|t| Frame::data(t.into())).map_err(Into::into)))
    }
}

/// An `AsyncRead` as a body.
struct ReaderBody<R> {
    reader: Pin<Box<R>>,
    done: bool,
}

impl<R: tokio::io::AsyncRead> Body for ReaderBody<R> {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        let mut chunk = vec![0u8; READ_CHUNK];
        let mut buf = tokio::io::ReadBuf::new(&mut chunk);
        match this.reader.as_mut().poll_read(cx, &mut buf) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(e)) => {
                this.done = true;
                Poll::Ready(Some(Err(e.into())))
            }
            Poll::Ready(Ok(())) => {
                let n = buf.filled().len();
                if n == 0 {
                    this.done = true;
                    return Poll::Ready(None);
                }
                chunk.truncate(n);
                Poll::Ready(Some(Ok(Frame::data(Bytes::from(chunk)))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.done
    }
}

/// Any body, its data copied into `Bytes` (free when it already is `Bytes`).
struct AnyBody<B> {
    body: Pin<Box<B>>,
}

impl<B> Body for AnyBody<B>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        self.get_mut().body.as_mut().poll_frame(cx).map(|frame| {
            frame.map(|r| r.map(|f| f.map_data(|mut d| d.copy_to_bytes(d.remaining()))).map_err(Into::into))
        })
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream of the given chunks, then an optional error.
    struct Chunks(std::collections::VecDeque<Result<&'static str, &'static str>>);

    impl futures_core::Stream for Chunks {
        type Item = Result<&'static str, &'static str>;
        fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(self.get_mut().0.pop_front())
        }
    }

    fn chunks(items: &[Result<&'static str, &'static str>]) -> ByteStream {
        ByteStream::from_stream(Chunks(items.iter().copied().collect()))
    }

    #[tokio::test]
    async fn a_stream_is_read_chunk_by_chunk_and_collected() {
        let mut s = chunks(&[Ok("ab"), Ok(""), Ok("cd")]);
        assert_eq!(s.content_length(), None);
        assert!(!s.is_in_memory());
        assert_eq!(&s.next().await.unwrap().unwrap()[..], b"ab");
        // Empty chunks are skipped.
        assert_eq!(&s.next().await.unwrap().unwrap()[..], b"cd");
        assert!(s.next().await.is_none());
        let all = chunks(&[Ok("one "), Ok("two "), Ok("three")]).collect().await.unwrap();
        assert_eq!(&all[..], b"one two three");
    }

    #[tokio::test]
    async fn a_stream_error_is_reported_with_its_cause() {
        let err = chunks(&[Ok("ab"), Err("disk on fire")]).collect().await.unwrap_err();
        assert_eq!(err.to_string(), "the byte stream failed");
        assert_eq!(err.source().unwrap().to_string(), "disk on fire");
    }

    #[tokio::test]
    async fn memory_bodies_know_their_length_and_read_once() {
        let mut s = ByteStream::from("hello");
        assert_eq!((s.content_length(), s.bytes()), (Some(5), Some(&b"hello"[..])));
        assert_eq!(s.size_hint().exact(), Some(5));
        assert_eq!(&s.next().await.unwrap().unwrap()[..], b"hello");
        assert!(s.next().await.is_none());
        assert!(ByteStream::new().is_end_stream());
        assert_eq!(ByteStream::new().collect().await.unwrap().len(), 0);
    }

    #[tokio::test]
    async fn declared_lengths_and_buffering() {
        let s = chunks(&[Ok("abc")]).with_length(3);
        assert_eq!((s.content_length(), s.size_hint().exact()), (Some(3), Some(3)));
        let mut s = chunks(&[Ok("ab"), Ok("c")]);
        s.buffer().await.unwrap();
        assert_eq!(s.bytes(), Some(&b"abc"[..]));
        assert_eq!(ByteStream::from("x").with_length(9).content_length(), Some(1));
    }

    #[tokio::test]
    async fn readers_are_read_in_chunks() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut s = ByteStream::from_reader(std::io::Cursor::new(data.clone()));
        let first = s.next().await.unwrap().unwrap();
        assert_eq!(first.len(), READ_CHUNK);
        let rest = s.collect().await.unwrap();
        assert_eq!([&first[..], &rest[..]].concat(), data);
    }

    #[tokio::test]
    async fn any_body_keeps_its_length() {
        let s = ByteStream::from_body(http_body_util::Full::new(Bytes::from_static(b"xyz")));
        assert_eq!(s.content_length(), Some(3));
        assert_eq!(&s.collect().await.unwrap()[..], b"xyz");
    }

    #[test]
    fn debug_never_shows_the_bytes() {
        assert_eq!(format!("{:?}", ByteStream::from("secret")), "ByteStream(in memory, 6 bytes)");
        assert_eq!(format!("{:?}", chunks(&[Ok("secret")])), "ByteStream(stream)");
        assert_eq!(format!("{:?}", chunks(&[Ok("secret")]).with_length(6)), "ByteStream(stream, 6 bytes)");
    }
}
