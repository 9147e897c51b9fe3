//! The harness shared by both benchmark programs (`ours`, `official`) and the `floor` program:
//!
//! * [`Server`]: an in-process HTTP/1.1 keep-alive responder on `127.0.0.1:<ephemeral>`, on its
//!   own OS thread with its own current-thread Tokio runtime. It answers every request with the
//!   same canned `200` StartChatContact response and counts requests, request bytes and requests
//!   that do not carry a SigV4 `Authorization` header (a run with any unsigned request fails).
//! * [`measure`]: warm-up, then `calls` sequential calls timed one by one, with
//!   `getrusage(RUSAGE_SELF)` CPU taken over exactly the measured calls and the server thread's
//!   own CPU (its POSIX thread CPU clock) taken over the same window, so the client's share can
//!   be told apart. Prints one JSON line.
//!
//! Everything both programs send is defined here once ([`INSTANCE_ID`], ...), so the two
//! programs differ only in the client library they call.

use std::future::Future;
use std::io;
use std::os::unix::thread::JoinHandleExt as _;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

/// Fixed request input, identical for both clients.
pub const REGION: &str = "us-east-1";
/// Static test credentials (never valid anywhere; the loopback server does not verify them).
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
/// See [`ACCESS_KEY_ID`].
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// `InstanceId`.
pub const INSTANCE_ID: &str = "12345678-aaaa-bbbb-cccc-123456789012";
/// `ContactFlowId`.
pub const CONTACT_FLOW_ID: &str = "87654321-aaaa-bbbb-cccc-123456789012";
/// `ParticipantDetails.DisplayName`.
pub const DISPLAY_NAME: &str = "Benchmark customer";
/// `InitialMessage.ContentType`.
pub const MESSAGE_CONTENT_TYPE: &str = "text/plain";
/// `InitialMessage.Content`.
pub const MESSAGE_CONTENT: &str = "Hello from the benchmark";

/// The canned response body (and what the clients must parse out of it).
pub const RESPONSE_BODY: &str = r#"{"ContactId":"c-1","ParticipantId":"p-1","ParticipantToken":"t-1"}"#;
/// `ContactId` in [`RESPONSE_BODY`].
pub const CONTACT_ID: &str = "c-1";
/// The `x-amzn-RequestId` of every response.
pub const REQUEST_ID: &str = "5f2a1c3e-0b7d-4e69-9c1a-2d3b4c5d6e7f";

#[derive(Default)]
struct Stats {
    requests: AtomicU64,
    unsigned: AtomicU64,
    wrong_route: AtomicU64,
    request_bytes: AtomicU64,
    connections: AtomicU64,
}

/// The loopback server; lives until the process exits.
pub struct Server {
    url: String,
    stats: Arc<Stats>,
    thread: libc::pthread_t,
    _handle: std::thread::JoinHandle<()>,
}

impl Server {
    /// Binds `127.0.0.1:0` and serves on a dedicated thread.
    pub fn start() -> Server {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        std_listener.set_nonblocking(true).expect("nonblocking");
        let addr = std_listener.local_addr().expect("local_addr");
        let stats = Arc::new(Stats::default());
        let response = Arc::new(canned_response());
        let thread_stats = stats.clone();
        let handle = std::thread::Builder::new()
            .name("loopback-server".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_io().build().expect("server runtime");
                rt.block_on(async move {
                    let listener = TcpListener::from_std(std_listener).expect("tokio listener");
                    loop {
                        let Ok((sock, _)) = listener.accept().await else { continue };
                        thread_stats.connections.fetch_add(1, Relaxed);
                        let stats = thread_stats.clone();
                        let response = response.clone();
                        tokio::spawn(async move {
                            let _ = serve(sock, &stats, &response).await;
                        });
                    }
                });
            })
            .expect("spawn server thread");
        let thread = handle.as_pthread_t();
        Server { url: format!("http://{addr}"), stats, thread, _handle: handle }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// CPU time the server thread has used so far.
    pub fn cpu(&self) -> Duration {
        let mut clock: libc::clockid_t = 0;
        // SAFETY: `thread` is a live thread of this process (it never exits); plain FFI calls.
        unsafe {
            if libc::pthread_getcpuclockid(self.thread, &mut clock) != 0 {
                return Duration::ZERO;
            }
            let mut ts: libc::timespec = std::mem::zeroed();
            if libc::clock_gettime(clock, &mut ts) != 0 {
                return Duration::ZERO;
            }
            Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
        }
    }
}

/// `HTTP/1.1 200` with the JSON body, `x-amzn-RequestId` and a `Date` fixed at server start
/// (the real service sends one; within the run it is at most seconds old, so no client sees a
/// clock skew).
fn canned_response() -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nDate: {}\r\nContent-Type: application/json\r\nx-amzn-RequestId: {REQUEST_ID}\r\nContent-Length: {}\r\n\r\n{RESPONSE_BODY}",
        http_date(SystemTime::now()),
        RESPONSE_BODY.len()
    )
    .into_bytes()
}

fn http_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MO: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{}, {d:02} {} {y} {:02}:{:02}:{:02} GMT",
        WD[days.rem_euclid(7) as usize],
        MO[(m - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Length of a complete chunked body at the start of `buf`, or `None` if more bytes are needed.
fn chunked_len(buf: &[u8]) -> Option<usize> {
    let mut pos = 0;
    loop {
        let line_end = pos + find(&buf[pos..], b"\r\n")?;
        let size_text = std::str::from_utf8(&buf[pos..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        pos = line_end + 2;
        if size == 0 {
            // Trailers (none expected) end with an empty line.
            let end = pos + find(&buf[pos..], b"\r\n")?;
            return Some(end + 2);
        }
        if buf.len() < pos + size + 2 {
            return None;
        }
        pos += size + 2;
    }
}

async fn read_more(sock: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<bool> {
    if buf.capacity() - buf.len() < 4096 {
        buf.reserve(16 * 1024);
    }
    Ok(sock.read_buf(buf).await? > 0)
}

async fn serve(mut sock: TcpStream, stats: &Stats, response: &[u8]) -> io::Result<()> {
    sock.set_nodelay(true)?;
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        let head_end = loop {
            if let Some(i) = find(&buf, b"\r\n\r\n") {
                break i + 4;
            }
            if !read_more(&mut sock, &mut buf).await? {
                return Ok(());
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or_default();
        let (mut content_length, mut chunked, mut signed, mut close) = (0usize, false, false, false);
        for line in lines {
            let Some((name, value)) = line.split_once(':') else { continue };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => content_length = value.parse().unwrap_or(0),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "authorization" => signed = value.starts_with("AWS4-HMAC-SHA256 Credential="),
                "connection" => close = value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
        let total = if chunked {
            loop {
                if let Some(n) = chunked_len(&buf[head_end..]) {
                    break head_end + n;
                }
                if !read_more(&mut sock, &mut buf).await? {
                    return Ok(());
                }
            }
        } else {
            while buf.len() < head_end + content_length {
                if !read_more(&mut sock, &mut buf).await? {
                    return Ok(());
                }
            }
            head_end + content_length
        };
        stats.requests.fetch_add(1, Relaxed);
        stats.request_bytes.fetch_add(total as u64, Relaxed);
        if !signed {
            stats.unsigned.fetch_add(1, Relaxed);
        }
        if !request_line.starts_with("PUT /contact/chat ") {
            stats.wrong_route.fetch_add(1, Relaxed);
        }
        buf.drain(..total);
        sock.write_all(response).await?;
        if close {
            return Ok(());
        }
    }
}

/// `BENCH_<name>` as a number, else `default`.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(format!("BENCH_{name}")).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The client's runtime: a current-thread Tokio runtime (`BENCH_RT=multi`: multi-thread, two
/// workers). The server has its own thread either way.
pub fn client_runtime() -> tokio::runtime::Runtime {
    let mut b = match std::env::var("BENCH_RT").as_deref() {
        Ok("multi") => {
            let mut b = tokio::runtime::Builder::new_multi_thread();
            b.worker_threads(2);
            b
        }
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    b.enable_all().build().expect("client runtime")
}

struct Usage {
    cpu: Duration,
    max_rss_kib: u64,
}

fn rusage_self() -> Usage {
    // SAFETY: getrusage fills the zeroed struct; plain FFI call.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
        ru
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, (t.tv_usec as u32) * 1000);
    Usage { cpu: tv(ru.ru_utime) + tv(ru.ru_stime), max_rss_kib: ru.ru_maxrss as u64 }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn us(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e7).round() / 10.0
}

/// Warm-up (`BENCH_WARMUP`, default 200), then `BENCH_CALLS` (default 5000) sequential calls of
/// `call`, each timed. Prints one JSON line with the results; panics if any call failed or the
/// server saw an unsigned request.
pub async fn measure<F, Fut>(client: &str, server: &Server, mut call: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let warmup = env_usize("WARMUP", 200);
    let calls = env_usize("CALLS", 5000).max(1);
    for i in 0..warmup {
        if let Err(e) = call().await {
            panic!("warm-up call {i} failed: {e}");
        }
    }
    let req_before = server.stats.requests.load(Relaxed);
    let bytes_before = server.stats.request_bytes.load(Relaxed);
    let mut lat: Vec<Duration> = Vec::with_capacity(calls);
    let server_cpu0 = server.cpu();
    let ru0 = rusage_self();
    let t0 = Instant::now();
    for i in 0..calls {
        let t = Instant::now();
        let r = call().await;
        lat.push(t.elapsed());
        if let Err(e) = r {
            panic!("call {i} failed: {e}");
        }
    }
    let elapsed = t0.elapsed();
    let ru1 = rusage_self();
    let server_cpu = server.cpu().saturating_sub(server_cpu0);
    let cpu = ru1.cpu.saturating_sub(ru0.cpu);
    let seen = server.stats.requests.load(Relaxed) - req_before;
    let bytes = server.stats.request_bytes.load(Relaxed) - bytes_before;
    let unsigned = server.stats.unsigned.load(Relaxed);
    let wrong = server.stats.wrong_route.load(Relaxed);
    assert_eq!(unsigned, 0, "{unsigned} request(s) reached the server without a SigV4 Authorization header");
    assert_eq!(wrong, 0, "{wrong} request(s) were not PUT /contact/chat");
    assert_eq!(seen, calls as u64, "the server saw {seen} requests for {calls} calls (retries?)");
    let mean = elapsed / calls as u32;
    lat.sort_unstable();
    let client_cpu = cpu.saturating_sub(server_cpu);
    println!(
        concat!(
            "{{\"client\":\"{}\",\"calls\":{},\"warmup\":{},\"elapsed_s\":{:.4},\"rps\":{:.1},",
            "\"p50_us\":{},\"p90_us\":{},\"p99_us\":{},\"max_us\":{},\"mean_us\":{},",
            "\"cpu_s\":{:.4},\"cpu_us_per_call\":{:.2},\"server_cpu_s\":{:.4},",
            "\"client_cpu_s\":{:.4},\"client_cpu_us_per_call\":{:.2},",
            "\"peak_rss_kib\":{},\"request_bytes_avg\":{:.1},\"connections\":{},\"unsigned\":{}}}"
        ),
        client,
        calls,
        warmup,
        elapsed.as_secs_f64(),
        calls as f64 / elapsed.as_secs_f64(),
        us(pct(&lat, 50.0)),
        us(pct(&lat, 90.0)),
        us(pct(&lat, 99.0)),
        us(lat[lat.len() - 1]),
        us(mean),
        cpu.as_secs_f64(),
        cpu.as_secs_f64() * 1e6 / calls as f64,
        server_cpu.as_secs_f64(),
        client_cpu.as_secs_f64(),
        client_cpu.as_secs_f64() * 1e6 / calls as f64,
        ru1.max_rss_kib,
        bytes as f64 / calls as f64,
        server.stats.connections.load(Relaxed),
        unsigned,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_date_formats_known_instants() {
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(UNIX_EPOCH + Duration::from_secs(1_700_000_000)), "Tue, 14 Nov 2023 22:13:20 GMT");
    }

    #[test]
    fn chunked_bodies_are_delimited() {
        assert_eq!(chunked_len(b"3\r\nabc\r\n0\r\n\r\n"), Some(13));
        assert_eq!(chunked_len(b"3\r\nabc\r\n0\r\n"), None);
        assert_eq!(chunked_len(b"3\r\nab"), None);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        assert_eq!(pct(&v, 50.0), Duration::from_micros(50));
        assert_eq!(pct(&v, 99.0), Duration::from_micros(99));
        assert_eq!(pct(&v[..1], 99.0), Duration::from_micros(1));
    }
}
