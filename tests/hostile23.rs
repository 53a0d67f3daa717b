//! The twenty-third session's hostile probe (issue 27, H162): the server's queue, where a
//! request waiting for a slot is served in its turn (smaller uploads first, aged by their wait)
//! and, when every place is taken, the largest upload still waiting gives its place to a
//! smaller newcomer (`jixiao::web::queue`). Each case waits on the queue's state (how many
//! wait), never on a duration.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jixiao::web::queue::Queue;

#[path = "support/server.rs"]
#[allow(dead_code)]
mod server;
use server::Server;

const MB: u64 = 1024 * 1024;

/// Waits (yielding to the runtime) until `n` requests wait in `q`.
async fn until_waiting(q: &Queue, n: usize) {
    while q.waiting() < n {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn a_small_upload_waiting_is_served_before_the_large_ones_that_came_first() {
    // before: one FIFO semaphore; the sample dropped on the page waited behind every large
    // upload that came a moment before it
    let q = Queue::new(1, Duration::from_secs(15));
    let held = q.take(10).await.unwrap();
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut waiters = Vec::new();
    for (k, (name, cost)) in [
        ("large 1", 40 * MB),
        ("large 2", 30 * MB),
        ("small", 30 * 1024),
    ]
    .into_iter()
    .enumerate()
    {
        let (q2, order) = (q.clone(), order.clone());
        waiters.push(tokio::spawn(async move {
            let slot = q2.take(cost).await.unwrap();
            order.lock().unwrap().push(name);
            drop(slot);
        }));
        until_waiting(&q, k + 1).await;
    }
    drop(held);
    for w in waiters {
        w.await.unwrap();
    }
    // the two large ones both pushed back by the whole cap: in the order they came
    assert_eq!(*order.lock().unwrap(), ["small", "large 1", "large 2"]);
}

#[tokio::test]
async fn a_large_upload_waits_no_longer_than_its_cap_behind_small_ones() {
    // a turn is pushed back by the size at most by the cap: with no cap, a large upload
    // still goes before a small one that came after its turn
    let q = Queue::new(1, Duration::ZERO);
    let held = q.take(10).await.unwrap();
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut waiters = Vec::new();
    for (k, (name, cost)) in [("large", 40 * MB), ("small", 1024)]
        .into_iter()
        .enumerate()
    {
        let (q2, order) = (q.clone(), order.clone());
        waiters.push(tokio::spawn(async move {
            let slot = q2.take(cost).await.unwrap();
            order.lock().unwrap().push(name);
            drop(slot);
        }));
        until_waiting(&q, k + 1).await;
    }
    drop(held);
    for w in waiters {
        w.await.unwrap();
    }
    assert_eq!(*order.lock().unwrap(), ["large", "small"]);
}

#[tokio::test]
async fn when_full_the_largest_upload_waiting_gives_its_place_to_a_smaller_one() {
    // before: every place taken, a small request was refused 503 while the large ones
    // (perhaps hostile) kept their places
    let q = Queue::new(1, Duration::from_secs(15));
    let held = q.take(10).await.unwrap();
    let large = tokio::spawn({
        let q = q.clone();
        async move { q.take(40 * MB).await.map(drop) }
    });
    until_waiting(&q, 1).await;
    // not larger than the newcomer: kept
    assert!(!q.shed_larger(50 * MB));
    assert_eq!(q.waiting(), 1);
    // larger: given up, its request answered 503 (`Shed`)
    assert!(q.shed_larger(30 * 1024));
    assert!(large.await.unwrap().is_err());
    assert_eq!(q.waiting(), 0);
    // a waiting request whose time ran out (its future dropped) is no one to shed, and the
    // slot given back passes it by
    let gone = tokio::spawn({
        let q = q.clone();
        async move { q.take(40 * MB).await.map(drop) }
    });
    until_waiting(&q, 1).await;
    gone.abort();
    let _ = gone.await;
    assert!(!q.shed_larger(1));
    drop(held);
    // the slot is free: taken at once
    let _again = tokio::time::timeout(Duration::from_secs(60), q.take(1))
        .await
        .expect("the slot was given back")
        .unwrap();
}

/// A copy of a real workbook with `extra` empty parts more (stored, named `xl/media/pN.bin`).
fn workbook_of_many_parts(extra: usize) -> Vec<u8> {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/forms/f06-qingshen-fagai-2023-selfeval-unscored.xlsx"
    );
    let bytes = std::fs::read(fixture).unwrap();
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..from.len() {
        to.raw_copy_file(from.by_index_raw(i).unwrap()).unwrap();
    }
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for k in 0..extra {
        to.start_file(format!("xl/media/p{k}.bin"), stored).unwrap();
    }
    to.finish().unwrap().into_inner()
}

/// The exit code, standard error and peak resident memory (kB, from `wait4`) of `jixiao
/// ARGS…` run in `dir` with `envs`.
#[cfg(unix)]
fn run_measured(dir: &std::path::Path, args: &[&str], envs: &[(&str, &str)]) -> (i32, String, u64) {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args)
        .envs(envs.iter().copied())
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    // The kernel's peak of the child counts the memory it started from at its exec: spawned
    // the default way (vfork), that is this test process's own peak (a test beside it building
    // a workbook of 300,000 parts: 108 MB read for a child of 54). A fork starts it from this
    // process's memory as it is now, given back first where the allocator can.
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim only returns free heap pages to the system
    unsafe {
        libc::malloc_trim(0);
    }
    // SAFETY: the closure runs in the forked child before exec and touches nothing
    unsafe {
        cmd.pre_exec(|| Ok(()));
    }
    let mut child = cmd.spawn().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data the kernel fills; the child is ours and not yet waited for
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid, "wait4");
    std::mem::forget(child); // waited for above
    assert!(
        libc::WIFEXITED(status),
        "jixiao ended by a signal: {stderr}"
    );
    (libc::WEXITSTATUS(status), stderr, usage.ru_maxrss as u64)
}

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile23")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[cfg(unix)]
#[test]
fn a_workbook_of_more_parts_than_its_limit_is_refused_naming_it() {
    // before: every part was opened (the zip reader holds each entry of the central
    // directory, about 700 bytes): a 90 MB xlsx of a million empty parts took 716 MB
    let d = scratch("parts-limit");
    std::fs::write(d.join("t.xlsx"), workbook_of_many_parts(300)).unwrap();
    let (code, stderr, _) = run_measured(
        &d,
        &["inspect", "t.xlsx"],
        &[("JIXIAO_MAX_WORKBOOK_PARTS", "200")],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("table.too-many-entries")
            && stderr.contains("压缩包中的部件")
            && stderr.contains("JIXIAO_MAX_WORKBOOK_PARTS"),
        "{stderr}"
    );
    // within it, the same workbook is read
    let (code, stderr, _) = run_measured(&d, &["inspect", "t.xlsx"], &[]);
    assert_eq!(code, 0, "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_workbook_of_many_parts_is_refused_within_a_small_multiple_of_its_size() {
    // 300,000 empty parts (about 27 MB): the anchor opened them all, about 8× the file
    let bytes = workbook_of_many_parts(300_000);
    let size_kb = bytes.len() as u64 / 1024;
    let d = scratch("parts-memory");
    std::fs::write(d.join("t.xlsx"), bytes).unwrap();
    let (code, stderr, peak_kb) = run_measured(&d, &["inspect", "t.xlsx"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("JIXIAO_MAX_WORKBOOK_PARTS"), "{stderr}");
    // the file's bytes are held once, and the program's own few MB
    assert!(
        peak_kb < 2 * size_kb + 30 * 1024,
        "peak {peak_kb} kB for a file of {size_kb} kB"
    );
}

/// The requests these tests send (`Server` itself: `tests/support/server.rs`).
impl Server {
    fn connect(&self) -> std::net::TcpStream {
        let s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        s
    }

    /// `GET /` on a new connection kept open: its status line, and the connection (idle
    /// once its answer is read whole, by its `Content-Length`).
    fn get_page_kept(&self) -> (String, std::net::TcpStream) {
        use std::io::{Read, Write};
        let mut s = self.connect();
        let head = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port);
        s.write_all(head.as_bytes()).unwrap();
        let mut got = Vec::new();
        let mut b = [0u8; 4096];
        let head_end = loop {
            let n = s.read(&mut b).unwrap();
            assert!(
                n > 0,
                "closed before its head: {}",
                String::from_utf8_lossy(&got)
            );
            got.extend_from_slice(&b[..n]);
            if let Some(i) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&got[..head_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .expect("a page with its length")
            .trim()
            .parse()
            .unwrap();
        let mut body = got[head_end..].to_vec();
        while body.len() < length {
            let n = s.read(&mut b).unwrap();
            assert!(n > 0, "closed in its body");
            body.extend_from_slice(&b[..n]);
        }
        (head.lines().next().unwrap_or("").to_owned(), s)
    }
}

#[test]
fn when_every_connection_is_open_the_oldest_idle_one_is_closed_for_a_new_one() {
    // before: the new connection was closed; 16 connections that sent nothing (1,024 by
    // default, opened again as the header timeout closed them) kept `GET /` out: reset at once
    use std::io::{Read, Write};
    let server = Server::start_with(&["--max-connections", "16", "--header-timeout", "60"]);
    // one connection with a request being served: its answer not yet read
    let mut serving = server.connect();
    // about 15 MB of answer: sent on as it is made, its work waiting for this reader
    let body = "95%\n".repeat(100_000);
    let head = format!(
        "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.port,
        body.len()
    );
    serving.write_all(head.as_bytes()).unwrap();
    serving.write_all(body.as_bytes()).unwrap();
    let mut status = [0u8; 12];
    serving.read_exact(&mut status).unwrap();
    assert_eq!(&status, b"HTTP/1.1 200");
    // 15 idle ones: every place taken
    let mut idle: Vec<std::net::TcpStream> = (0..15).map(|_| server.connect()).collect();
    // each new `GET /` is answered, the oldest idle connection closed for it, never the one
    // served (each page's connection kept open: the next one finds every place taken)
    let mut pages = Vec::new();
    for _ in 0..3 {
        let (status, kept) = server.get_page_kept();
        assert_eq!(status, "http/1.1 200 ok");
        pages.push(kept);
    }
    // the three oldest idle ones were closed, the others kept (waited for as a state: each
    // closed one reads its end; against a hang, a bound far past any load)
    let is_closed = |s: &mut std::net::TcpStream| {
        s.set_nonblocking(true).unwrap();
        let mut b = [0u8; 1];
        let end = match s.read(&mut b) {
            Ok(0) => true,
            Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
            Ok(_) => false,
        };
        s.set_nonblocking(false).unwrap();
        end
    };
    let start = std::time::Instant::now();
    let mut closed: Vec<usize>;
    loop {
        closed = (0..idle.len())
            .filter(|&i| is_closed(&mut idle[i]))
            .collect();
        if closed.len() >= 3 || start.elapsed() > Duration::from_secs(120) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(closed, [0, 1, 2]);
    // the request being served still sends its whole answer
    let mut rest = Vec::new();
    serving.read_to_end(&mut rest).unwrap();
    assert!(
        rest.ends_with(b"0\r\n\r\n"),
        "the answer was cut: {} bytes",
        rest.len()
    );
}
