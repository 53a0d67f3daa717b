//! `jixiao serve` against uploads that are slow, heavy or crash their work (issue 27, the
//! server's side): a running binary on a loopback port, measured from outside — the time each
//! answer takes, the status and code it carries, and the CPU time the server and its workers
//! spend after a request was given up.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `jixiao serve` on a free loopback port, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        Server::start_with(args, &[])
    }

    fn start_with(args: &[&str], env: &[(&str, &str)]) -> Server {
        Server::start_heard(args, env, None)
    }

    /// [`Server::start_with`], its standard error's lines after the first kept in `heard`.
    fn start_heard(
        args: &[&str],
        env: &[(&str, &str)],
        heard: Option<std::sync::Arc<std::sync::Mutex<Vec<String>>>>,
    ) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["serve", "--port", "0"])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("the server says where it listens")
                .unwrap();
            if let Some(at) = line.find("http://127.0.0.1:") {
                let rest = &line[at + "http://127.0.0.1:".len()..];
                break rest[..rest.find('/').unwrap()].parse().unwrap();
            }
        };
        // keep reading its stderr so that it never blocks on a full pipe
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if let Some(heard) = &heard {
                    heard.lock().unwrap().push(line);
                }
            }
        });
        Server { child, port }
    }

    /// One request (`Connection: close`), its status and body.
    fn request(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        );
        s.write_all(head.as_bytes()).unwrap();
        let _ = s.write_all(body);
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        let (status, body) = response(&answer);
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    fn get_page(&self) -> (u16, String) {
        self.request("GET", "/", "text/plain", b"")
    }
}

/// A response's status and body, a chunked body decoded (a large answer is sent on as it is
/// made); a chunked body cut short (its last chunk missing) ends in [`CUT_SHORT`].
fn response(raw: &[u8]) -> (u16, Vec<u8>) {
    let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return (0, Vec::new());
    };
    let head = String::from_utf8_lossy(&raw[..at]).to_ascii_lowercase();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut rest = &raw[at + 4..];
    if !head.contains("\r\ntransfer-encoding: chunked") {
        return (status, rest.to_vec());
    }
    let mut body = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let Ok(len) = usize::from_str_radix(std::str::from_utf8(&rest[..end]).unwrap_or("x"), 16)
        else {
            break;
        };
        if len == 0 {
            return (status, body);
        }
        let Some(chunk) = rest.get(end + 2..end + 2 + len) else {
            body.extend_from_slice(&rest[end + 2..]);
            break;
        };
        body.extend_from_slice(chunk);
        rest = rest.get(end + 4 + len..).unwrap_or(&[]);
    }
    body.extend_from_slice(CUT_SHORT.as_bytes());
    (status, body)
}

/// What [`response`] ends a chunked body cut short with.
const CUT_SHORT: &str = "\n[chunked body cut short]";

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A multipart body of plain fields and files.
fn form(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "hostile-web-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (k, name, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A generated self-evaluation sheet of `projects` projects (about 400 bytes a project).
fn sheet(projects: usize) -> Vec<u8> {
    use jixiao::synth::{Rng, Spec, Vocabulary, write_sheet};
    let spec = Spec {
        projects,
        indicators: None,
        projects_per_unit: 7,
        seed: 17,
        varied_actuals: false,
    };
    let vocab = Vocabulary::bundled(&mut Rng::new(17));
    let mut out = Vec::new();
    write_sheet(&vocab, spec, &mut out).unwrap();
    out
}

/// The page's token (its form carries it).
/// A page drop of a generated sheet of `projects` projects with an empty actuals file: its
/// status and page.
fn drop_sheet(server: &Server, token: &str, projects: usize) -> (u16, String) {
    let (ct, body) = form(
        &[("csrf", token)],
        &[
            ("table", "sheet.tsv", &sheet(projects)),
            ("actuals", "a.yaml", b"projects: []\n"),
        ],
    );
    server.request("POST", "/", &ct, &body)
}

fn token(page: &str) -> String {
    let at = page.find("name=\"jixiao-token\" content=\"").unwrap() + 29;
    page[at..at + page[at..].find('"').unwrap()].to_owned()
}

#[cfg(target_os = "linux")]
#[path = "hostile/proc_cpu.rs"]
mod proc_cpu;
#[cfg(target_os = "linux")]
use proc_cpu::cpu_ticks;

#[test]
fn two_slow_drops_do_not_stop_the_page() {
    // the page's drops were sorted by content (read whole) on the async runtime: two large
    // drops held both of its threads and even `GET /` waited for them
    let server = std::sync::Arc::new(Server::start(&["--timeout", "8"]));
    let (status, page) = server.get_page();
    assert_eq!(status, 200);
    let token = token(&page);
    let big = sheet(30_000);
    let drops: Vec<_> = (0..2)
        .map(|k| {
            let (server, token, big) = (server.clone(), token.clone(), big.clone());
            std::thread::spawn(move || {
                let name = format!("sheet{k}.tsv");
                let (ct, body) = form(&[("csrf", &token)], &[("file", &name, &big)]);
                server.request("POST", "/", &ct, &body);
                Instant::now()
            })
        })
        .collect();
    // the uploads are in (12 MB each on loopback), their work under way
    std::thread::sleep(Duration::from_millis(800));
    let start = Instant::now();
    let (status, page) = server.get_page();
    let answered = Instant::now();
    assert_eq!(status, 200);
    assert!(page.contains("jixiao 绩效自评"));
    // a loaded machine stretches a page's answer, so the bound is loose; what fails a page held
    // by the drops is below: it would be answered only after them
    assert!(
        answered - start < Duration::from_secs(4),
        "GET / took {:?} while two drops were worked on",
        answered - start
    );
    for d in drops {
        let done = d.join().unwrap();
        // the drops were still being worked on when the page answered (else this proves nothing)
        assert!(done > answered, "a drop ended before GET / was asked");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_timed_out_request_stops_its_work_at_once() {
    // reading, scoring and building the xlsx of 30 000 projects (past the default xlsx limit,
    // raised here so that the building is reached) takes far more than the 2 s allowed; once
    // the 408 is sent, the server and its workers spend no more CPU on it
    let server = Server::start_with(
        &["--timeout", "2", "--max-work", "1"],
        &[("JIXIAO_MAX_XLSX_PROJECTS", "100000")],
    );
    let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(30_000))]);
    let start = Instant::now();
    let (status, answer) = server.request("POST", "/api/evaluate?format=xlsx", &ct, &body);
    assert_eq!(status, 408, "{}", &answer[..answer.len().min(300)]);
    // the 2 s timeout, stretched by load at most this much (the work itself is minutes)
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu_ticks(server.child.id());
    std::thread::sleep(Duration::from_millis(1500));
    let spent = cpu_ticks(server.child.id()) - before;
    // ticks are hundredths of a second: an idle server spends next to none
    assert!(spent <= 15, "{spent} ticks of CPU in 1.5 s after the 408");
    // and its one slot is free at once: the next request spends no more than its own CPU (the
    // abandoned work would spend its remaining minutes before the slot came free)
    let before = cpu_ticks(server.child.id());
    let (status, _) = server.request("POST", "/api/parse", "text/plain", "95%".as_bytes());
    assert_eq!(status, 200);
    let spent = cpu_ticks(server.child.id()).saturating_sub(before);
    assert!(spent <= 100, "{spent} ticks of CPU for one small parse");
}

/// A crash in one request's work (debug builds: a worker whose table is named as
/// `JIXIAO_DEBUG_WORKER_CRASH` says aborts, or panics with `panic:`; `web::isolate`): certain,
/// whatever the machine's load or a job's memory.
#[cfg(all(unix, debug_assertions))]
#[test]
fn a_crash_in_one_requests_work_leaves_the_server_serving() {
    for (how, name, shows) in [
        ("crash.tsv", "crash.tsv", "信号 6"),
        ("panic:boom.tsv", "boom.tsv", "exit status: 101"),
    ] {
        let server = Server::start_with(&[], &[("JIXIAO_DEBUG_WORKER_CRASH", how)]);
        let (ct, body) = form(&[], &[("table", name, &sheet(3))]);
        let (status, answer) = server.request("POST", "/api/evaluate", &ct, &body);
        assert_eq!(status, 500, "{how}: {answer}");
        assert!(
            answer.contains("web.internal")
                && answer.contains("异常终止")
                && answer.contains(shows)
                && answer.contains("服务器照常运行"),
            "{how}: {answer}"
        );
        // the server, the page and the next request go on
        assert_eq!(server.get_page().0, 200);
        let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(3))]);
        let (status, answer) = server.request("POST", "/api/evaluate?format=csv", &ct, &body);
        assert_eq!(status, 200, "{how}: {answer}");
        assert!(answer.contains("单位,项目"), "{answer}");
        // and a crash again, then work again: one crash leaves nothing behind
        let (ct, body) = form(&[], &[("table", name, &sheet(3))]);
        assert_eq!(server.request("POST", "/api/evaluate", &ct, &body).0, 500);
        let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(3))]);
        assert_eq!(server.request("POST", "/api/evaluate", &ct, &body).0, 200);
    }
}

#[cfg(unix)]
#[test]
fn the_work_memory_limit_ends_a_real_big_job() {
    // a worker's memory limit of 32 MB: the work on a 24 MB sheet dies of it (an abort, as a
    // huge reservation would end it). A 12 MB sheet was used until the readers' and the
    // allocator's savings let it fit on some runs: the sheet is far past the limit, not near
    // it. The request answers 500 in Chinese (not 408: the time limit is far), and the server
    // goes on
    let server = Server::start(&["--max-work-memory-mb", "32", "--timeout", "600"]);
    let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(60_000))]);
    let (status, answer) = server.request("POST", "/api/evaluate", &ct, &body);
    assert_eq!(status, 500, "{}", &answer[..answer.len().min(300)]);
    assert!(
        answer.contains("web.internal") && answer.contains("异常终止"),
        "{answer}"
    );
    assert_eq!(server.get_page().0, 200);
}

/// A small target table (two projects, three indicators).
const TABLE: &str = "项目支出绩效目标表\n\n部门名称：示例中心\n\n单位：万元\n\n\
项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n\
合计\t111.42\t111.42\t\t\t\t\n\
示例办事处\t111.42\t111.42\t\t\t\t\n\
业务用房物业管理费\t54.97\t54.97\t\t\t保证办公环境整洁。\t1、产出指标：办公设备维护维修工作完成率，年度指标值：95%。2、效益指标：员工满意度，年度指标值：员工满意度98%以上。\n\
购置经费\t56.45\t56.45\t\t\t保证业务正常开展。\t1、产出指标：购置完成率，年度指标值：95%。\n";

#[test]
fn a_cell_past_excels_limit_leaves_the_page_and_its_downloads_served() {
    let server = Server::start(&[]);
    let token = token(&server.get_page().1);
    let long = "购".repeat(40_000);
    let table = TABLE.replace("购置完成率", &long);
    // scored (an empty actuals file): every download is there, the xlsx among them
    let (ct, body) = form(
        &[("csrf", &token)],
        &[
            ("table", "t.tsv", table.as_bytes()),
            ("actuals", "a.yaml", b"projects: []\n"),
        ],
    );
    let (status, page) = server.request("POST", "/", &ct, &body);
    assert_eq!(status, 200, "{}", &page[..page.len().min(500)]);
    assert!(
        page.contains("download=\"t-评分结果.xlsx\" href=\"data:application/vnd.openxmlformats"),
        "no xlsx download"
    );
    assert!(!page.contains("无法生成"));
    // the API's report in another format keeps the whole text (the xlsx's cut and its
    // finding on the row: tests/hostile.rs)
    let (ct, body) = form(
        &[],
        &[
            ("table", "t.tsv", table.as_bytes()),
            ("actuals", "a.yaml", b"projects: []\n"),
        ],
    );
    let (status, answer) = server.request("POST", "/api/evaluate?format=jsonl", &ct, &body);
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer.contains(&long),
        "the other formats keep the whole text"
    );
    // not scored (no actuals): the fill-in workbook cannot hold the cell; it says so in
    // Chinese in its place and the rest of the page, the YAML template included, is served
    let (ct, body) = form(&[("csrf", &token)], &[("table", "t.tsv", table.as_bytes())]);
    let (status, page) = server.request("POST", "/", &ct, &body);
    assert_eq!(status, 200, "{}", &page[..page.len().min(500)]);
    let at = page
        .find("id=\"fill-in-xlsx-error\"")
        .expect("the workbook's error is shown");
    let error = &page[at..at + page[at..].find("</span>").unwrap()];
    assert!(
        error.contains("32767") && error.contains("实际值文件（YAML）"),
        "{error}"
    );
    assert!(page.contains("download=\"t-实际值.yaml\""));
}

#[test]
fn requests_without_a_host_or_naming_another_host_are_refused() {
    let server = Server::start(&[]);
    let raw = |request: String| {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        answer
    };
    let port = server.port;
    // HTTP/1.0 has no Host header to send
    let a = raw("GET / HTTP/1.0\r\n\r\n".to_owned());
    assert!(
        a.starts_with("HTTP/1.0 403") || a.starts_with("HTTP/1.1 403"),
        "{a}"
    );
    assert!(a.contains("web.no-host"), "{a}");
    // an absolute URL naming another host, whatever the Host header says
    let a = raw(format!(
        "GET http://evil.example:{port}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert!(a.starts_with("HTTP/1.1 403"), "{a}");
    assert!(
        a.contains("web.bad-host") && a.contains("evil.example"),
        "{a}"
    );
    // two Host headers, this server's first: which one counts depends on who reads them
    let a = raw(format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    ));
    assert!(a.starts_with("HTTP/1.1 403"), "{a}");
    assert!(a.contains("web.bad-host"), "{a}");
    // an absolute URL naming this server is answered
    let a = raw(format!(
        "GET http://127.0.0.1:{port}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert!(a.starts_with("HTTP/1.1 200"), "{}", &a[..a.len().min(300)]);
}

#[test]
fn trickling_uploads_cannot_hold_the_admission_slots() {
    // two places in all; two clients each send 40 KB a second (enough for a 64 KB-per-window
    // rule, far under the least average rate) and would hold both for the whole timeout
    let server = std::sync::Arc::new(Server::start(&[
        "--max-work",
        "1",
        "--max-queue",
        "1",
        "--header-timeout",
        "2",
    ]));
    let trickles: Vec<_> = (0..2)
        .map(|_| {
            let port = server.port;
            std::thread::spawn(move || {
                let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
                let head = format!(
                    "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n"
                );
                s.write_all(head.as_bytes()).unwrap();
                let start = Instant::now();
                let chunk = "95%\n".repeat(10_000);
                let mut answer = Vec::new();
                while start.elapsed() < Duration::from_secs(30) {
                    if s.write_all(chunk.as_bytes()).is_err() {
                        break;
                    }
                    let mut buf = [0u8; 4096];
                    match s.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            answer.extend_from_slice(&buf[..n]);
                            let _ = s.read_to_end(&mut answer);
                            break;
                        }
                        Err(_) => {} // no answer yet: a second has passed
                    }
                }
                (start.elapsed(), String::from_utf8_lossy(&answer).into_owned())
            })
        })
        .collect();
    // the tricklers are cut after the 2 s grace (the rate rule): another client is served. A
    // loaded machine may stretch the cut by seconds, so the client asks again until 20 s;
    // tricklers that held their places would hold them for the 30 s they trickle
    let start = Instant::now();
    let (status, body) = loop {
        std::thread::sleep(Duration::from_millis(500));
        let (status, body) = server.request("POST", "/api/parse", "text/plain", "95%".as_bytes());
        if status == 200 || start.elapsed() > Duration::from_secs(20) {
            break (status, body);
        }
    };
    assert_eq!(status, 200, "{body}");
    for t in trickles {
        let (took, answer) = t.join().unwrap();
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("web.stalled"), "{answer}");
        assert!(took < Duration::from_secs(20), "{took:?}");
    }
}

#[test]
fn a_review_past_the_answer_limit_is_refused_as_it_is_written() {
    // the review's JSON of 3 000 projects is about 1.6 MB: written into the bounded answer, it
    // stops at 1 MB with a 413 (it was rendered whole first, then measured)
    let server = Server::start(&["--max-answer-mb", "1"]);
    let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(3_000))]);
    let (status, answer) = server.request("POST", "/api/review", &ct, &body);
    assert_eq!(status, 413, "{}", &answer[..answer.len().min(300)]);
    assert!(answer.contains("web.answer-too-large"), "{answer}");
    // a smaller one is answered whole, the same bytes as the command line's
    let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(30))]);
    let (status, answer) = server.request("POST", "/api/review", &ct, &body);
    assert_eq!(status, 200, "{answer}");
    let d = std::env::temp_dir().join(format!("jixiao-hostile-web-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("sheet.tsv"), sheet(30)).unwrap();
    let cli = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["review", "sheet.tsv", "--format", "json"])
        .current_dir(&d)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&d);
    assert_eq!(answer.as_bytes(), &cli.stdout[..]);
}

/// A sink with room for `room` bytes that fails past it, remembering the largest single write
/// and every byte it was offered.
struct Tight {
    room: usize,
    got: usize,
    offered: usize,
    largest: usize,
}

impl Tight {
    fn new(room: usize) -> Tight {
        Tight {
            room,
            got: 0,
            offered: 0,
            largest: 0,
        }
    }
}

impl Write for Tight {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.offered += buf.len();
        self.largest = self.largest.max(buf.len());
        if self.got + buf.len() > self.room {
            return Err(std::io::Error::other("full"));
        }
        self.got += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn text_answers_are_written_as_they_go_and_stop_at_their_limit() {
    // review's human and markdown answers and inspect's tree were rendered whole, then
    // measured against the answer limit: now written a finding, a row or a project at a time,
    // each stops soon after the sink refuses, having offered it little more than its room
    use jixiao::review::{self, render};
    use jixiao::table::view;
    let doc = jixiao::table::read_bytes("sheet.tsv", &sheet(2_000), &Default::default()).unwrap();
    let rules = jixiao::rules::RuleSet::bundled();
    let findings = review::review(&doc, &review::Options { rules, year: None });
    let room = 64 * 1024;
    let most = 256 * 1024;
    type Writer<'a> = Box<dyn Fn(&mut dyn Write) -> std::io::Result<()> + 'a>;
    let writers: [(&str, String, Writer); 3] = [
        (
            "human",
            render::human(&doc, &findings, false),
            Box::new(|out| render::human_to(&doc, &findings, false, out)),
        ),
        (
            "markdown",
            render::markdown("sheet.tsv", &findings),
            Box::new(|out| render::markdown_to("sheet.tsv", &findings, out)),
        ),
        (
            "tree",
            view::tree(&doc),
            Box::new(|out| view::tree_to(&doc, out)),
        ),
    ];
    for (what, whole, write) in writers {
        assert!(whole.len() > 8 * room, "{what}: {}", whole.len());
        let mut all = Vec::new();
        write(&mut all).unwrap();
        assert_eq!(
            all,
            whole.as_bytes(),
            "{what}: the same bytes as written whole"
        );
        let mut tight = Tight::new(room);
        assert!(write(&mut tight).is_err(), "{what}");
        assert!(
            tight.largest <= most,
            "{what}: a write of {}",
            tight.largest
        );
        assert!(
            tight.offered <= room + most,
            "{what}: offered {} past a room of {room}",
            tight.offered
        );
    }
}

#[test]
fn text_answers_past_the_answer_limit_are_refused_and_small_ones_match_the_cli() {
    let server = Server::start(&["--max-answer-mb", "1"]);
    let d = std::env::temp_dir().join(format!("jixiao-hostile-web-text-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("sheet.tsv"), sheet(30)).unwrap();
    for (path, cli) in [
        (
            "/api/review?format=human",
            ["review", "sheet.tsv", "--format", "human"],
        ),
        (
            "/api/review?format=markdown",
            ["review", "sheet.tsv", "--format", "markdown"],
        ),
        (
            "/api/inspect?format=table",
            ["inspect", "sheet.tsv", "--format", "table"],
        ),
    ] {
        let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(6_000))]);
        let (status, answer) = server.request("POST", path, &ct, &body);
        assert_eq!(status, 413, "{path}: {}", &answer[..answer.len().min(300)]);
        assert!(answer.contains("web.answer-too-large"), "{path}: {answer}");
        let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(30))]);
        let (status, answer) = server.request("POST", path, &ct, &body);
        assert_eq!(status, 200, "{path}: {answer}");
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(cli)
            .current_dir(&d)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(answer.as_bytes(), &out.stdout[..], "{path}");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_rule_file_at_the_decimal_range_is_a_400_naming_its_line_not_a_crashed_worker() {
    // a rule of `bonus: {points: 79228162514264337593543950335}` (or a weight of 1e-28) made
    // the work panic: each upload answered 500 from a crashed worker; now the file is refused
    // at its value, as on the command line (exit 2)
    let server = Server::start(&[]);
    let table = "项目支出绩效目标表\n\n部门名称：示例中心\n\n单位：万元\n\n项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n合计\t56.45\t56.45\t\t\t\t\n示例办事处\t56.45\t56.45\t\t\t\t\n购置经费\t56.45\t56.45\t\t\t保证业务正常开展。\t1、产出指标：购置完成率，年度指标值：95%。\n";
    let actuals = "projects:\n  - unit: 示例办事处\n    project: 购置经费\n    indicators:\n      - seq: 1\n        indicator: 购置完成率\n        actual: \"96%\"\n";
    for rule in [
        "bonus: {per: 1%, points: \"79228162514264337593543950335\", max: \"79228162514264337593543950335\"}",
        "category_weight: \"0.0000000000000000000000000001\"",
    ] {
        let rules = format!("rules:\n  - id: x\n    {rule}\n");
        let (ct, body) = form(
            &[],
            &[
                ("table", "t.tsv", table.as_bytes()),
                ("actuals", "a.yaml", actuals.as_bytes()),
                ("rules", "r.yaml", rules.as_bytes()),
            ],
        );
        let (status, answer) = server.request("POST", "/api/evaluate?format=json", &ct, &body);
        assert_eq!(status, 400, "{rule}: {answer}");
        assert!(answer.contains("rules::bad-value"), "{rule}: {answer}");
        assert!(answer.contains("10^15"), "{rule}: {answer}");
    }
    let (status, _) = server.get_page();
    assert_eq!(status, 200);
}

#[test]
fn tables_at_the_decimal_range_through_the_api_are_answered_not_crashed_workers() {
    // the fifth probe's finds through `/api/evaluate`: a form whose 其中 rows sum past the
    // decimal range, an approximate target at its end, points over a small 分值 as the actual;
    // each crashed its worker (500). Now each is answered, with its finding where it has one
    let server = Server::start(&[]);
    let max = "79228162514264337593543950335";
    let form_csv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/forms/families/h5-core-breakdowns.csv"),
    )
    .unwrap()
    .replace("≥600户,560户", &format!("≥600户,{max}户"))
    .replace("≥400户,340户", &format!("≥400户,{max}户"));
    let sheet = |target: &str, actual: &str, weight: &str| {
        format!(
            "2023年度项目支出绩效自评表\n单位名称：示例街道办事处\n项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,得分,偏差原因,全年预算数,全年执行数\n社区服务经费,,,,,,,,10,9.5,,100,90\n社区服务经费,效益指标,社会效益指标,指标0,,{target},,{actual},{weight},,,,\n"
        )
    };
    for (name, table) in [
        ("form.csv", &form_csv),
        ("about.csv", &sheet(&format!("约{max}人"), "0", "10")),
        ("points.csv", &sheet("好", &format!("{max}分"), "0.5")),
    ] {
        let (ct, body) = form(&[], &[("table", name, table.as_bytes())]);
        let (status, answer) = server.request("POST", "/api/evaluate?format=json", &ct, &body);
        assert_eq!(status, 200, "{name}: {answer}");
        assert!(answer.contains("\"summary\""), "{name}: {answer}");
    }
    // the form's finding, where the API gives a table's findings
    let (ct, body) = form(&[], &[("table", "form.csv", form_csv.as_bytes())]);
    let (status, answer) = server.request("POST", "/api/inspect", &ct, &body);
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer.contains("table.form-breakdown-mismatch") && answer.contains("超出精确计算范围"),
        "{answer}"
    );
    let (status, _) = server.get_page();
    assert_eq!(status, 200);
}

#[test]
fn stalled_heads_reconnecting_hold_no_place() {
    // the sixth probe: a request took its place at its head, so clients that sent a head
    // (`Content-Length: 10000000`) and nothing else, reconnecting each time the stall rule cut
    // them, held every place for ever at a connection every few seconds: 1 small parse of 188
    // answered in 40 s. A request is admitted once its upload is in; the stalled ones hold a
    // connection each and are still cut (408 web.stalled), and the others are served
    let server = std::sync::Arc::new(Server::start(&[
        "--max-work",
        "1",
        "--max-queue",
        "1",
        "--header-timeout",
        "2",
    ]));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stallers: Vec<_> = (0..6)
        .map(|_| {
            let (port, stop) = (server.port, stop.clone());
            std::thread::spawn(move || {
                let mut answers = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
                    let head = format!(
                        "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n"
                    );
                    s.write_all(head.as_bytes()).unwrap();
                    let mut answer = Vec::new();
                    let _ = s.read_to_end(&mut answer);
                    answers.push(String::from_utf8_lossy(&answer).into_owned());
                }
                answers
            })
        })
        .collect();
    // the stallers are in (six heads against two places)
    std::thread::sleep(Duration::from_millis(500));
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(server.request("POST", "/api/parse", "text/plain", b"95%").0);
        std::thread::sleep(Duration::from_millis(300));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    // every small parse answered while the heads stalled (admitted at the head: 503s)
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    for s in stallers {
        for a in s.join().unwrap() {
            assert!(
                a.starts_with("HTTP/1.1 408") && a.contains("web.stalled"),
                "{a}"
            );
        }
    }
}

#[test]
fn uploads_in_progress_are_bounded_by_the_bytes_they_hold() {
    // with places taken once an upload is in, uploads in progress are bounded by the bytes
    // they hold together: (max_work + max_queue) × max_upload, here 1 MB. One upload that
    // sent 800 KB and stalls holds them; another of 800 KB is refused (503 web.busy) as it
    // passes the budget, never held whole; once the first is cut, the next is served
    let server = Server::start(&[
        "--max-work",
        "1",
        "--max-queue",
        "0",
        "--max-upload-mb",
        "1",
        "--header-timeout",
        "2",
    ]);
    let mut first = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    first
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let head = format!(
        "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n",
        server.port
    );
    first.write_all(head.as_bytes()).unwrap();
    first
        .write_all(&"95%\n".repeat(200_000).into_bytes())
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let (status, answer) = server.request(
        "POST",
        "/api/parse",
        "text/plain",
        &"95%\n".repeat(200_000).into_bytes(),
    );
    assert_eq!(status, 503, "{answer}");
    assert!(
        answer.contains("web.busy") && answer.contains("正在上传的数据已达上限"),
        "{answer}"
    );
    let mut cut = Vec::new();
    let _ = first.read_to_end(&mut cut);
    let cut = String::from_utf8_lossy(&cut);
    assert!(
        cut.starts_with("HTTP/1.1 408") && cut.contains("web.stalled"),
        "{cut}"
    );
    // its bytes given back: the same upload is read and answered
    let (status, _) = server.request(
        "POST",
        "/api/parse",
        "text/plain",
        &"95%\n".repeat(200_000).into_bytes(),
    );
    assert_eq!(status, 200);
}

#[test]
fn a_page_past_the_answer_limit_stops_at_it_and_one_within_is_whole() {
    // the sixth probe: the page rendered the whole report as HTML (and a copy of the report
    // for it) before the answer limit was looked at: a 22.8 MB sheet's page held 2.9 GB
    // before its 413. The body is now written into what is left of the answer and stops
    // there; a page within the limit is whole, its bars and downloads in it
    let server = Server::start(&["--max-answer-mb", "1"]);
    let token = token(&server.get_page().1);
    let drop_of = |projects: usize| drop_sheet(&server, &token, projects);
    let (status, page) = drop_of(3_000);
    assert_eq!(status, 413, "{}", &page[..page.len().min(500)]);
    assert!(
        page.contains("结果太大"),
        "{}",
        &page[..page.len().min(2000)]
    );
    let (status, page) = drop_of(20);
    assert_eq!(status, 200, "{}", &page[..page.len().min(500)]);
    assert!(page.contains("class=\"bars\"") && page.contains("评分结果.csv"));
}

#[test]
fn an_upload_sent_quickly_then_stalled_is_cut_after_the_longest_silence() {
    // issue 27 (H47): the least average rate alone let a client that sent most of its body at
    // once then stall live on credit (900 KB at 128 KB/s earn 7 s past the grace; 45 MB earn
    // 350 s): it held its bytes of the uploads' budget and its connection until the request
    // timeout. Now no upload may be silent longer than the header timeout (2 s here): it ends
    // with 408 web.stalled and gives its bytes back, and others are served meanwhile
    let server = Server::start(&[
        "--max-work",
        "1",
        "--max-queue",
        "0",
        "--max-upload-mb",
        "1",
        "--header-timeout",
        "2",
        "--timeout",
        "120",
    ]);
    let mut staller = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    staller
        .set_read_timeout(Some(Duration::from_secs(100)))
        .unwrap();
    let head = format!(
        "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n",
        server.port
    );
    staller.write_all(head.as_bytes()).unwrap();
    let start = Instant::now();
    staller
        .write_all(&"95%\n".repeat(225_000).into_bytes())
        .unwrap();
    // meanwhile a small request is read and answered (it fits beside the 900 KB held)
    std::thread::sleep(Duration::from_millis(300));
    let (status, answer) = server.request("POST", "/api/parse", "text/plain", b"95%\n");
    assert_eq!(status, 200, "{answer}");
    let mut cut = Vec::new();
    let _ = staller.read_to_end(&mut cut);
    let took = start.elapsed();
    let cut = String::from_utf8_lossy(&cut);
    assert!(
        cut.starts_with("HTTP/1.1 408") && cut.contains("web.stalled"),
        "{cut}"
    );
    assert!(cut.contains("长时间没有再收到任何数据"), "{cut}");
    // 2 s of silence, not the 7 s the rate allows (nor the 120 s timeout); a loaded machine
    // may add a second or two
    assert!(took < Duration::from_secs(6), "{took:?}");
    // its bytes given back: an upload that would not have fitted beside them is answered
    let (status, answer) = server.request(
        "POST",
        "/api/parse",
        "text/plain",
        &"95%\n".repeat(225_000).into_bytes(),
    );
    assert_eq!(status, 200, "{}", &answer[..answer.len().min(300)]);
}

#[test]
fn a_query_parameter_twice_or_unknown_is_a_chinese_400_naming_it() {
    // the sixth probe: `format` twice answered serde's English ("Failed to deserialize query
    // string: duplicate field `format`"); an unknown parameter was passed over in silence
    let server = Server::start(&[]);
    let (ct, body) = form(&[], &[("table", "t.tsv", &sheet(2))]);
    let ask = |path: &str| server.request("POST", path, &ct, &body);
    for (path, status, code, named) in [
        (
            "/api/evaluate?format=json&format=csv",
            400,
            "web.repeated-query",
            "「format」出现了两次",
        ),
        (
            "/api/inspect?year=2023&sheet=a&year=2023",
            400,
            "web.repeated-query",
            "「year」出现了两次",
        ),
        (
            "/api/evaluate?fromat=csv",
            400,
            "web.bad-query",
            "不认识的查询参数「fromat」",
        ),
        (
            "/api/evaluate?year=20x3",
            400,
            "web.bad-year",
            "「year」的值「20x3」",
        ),
        (
            "/api/evaluate?no_default_rules=yes",
            400,
            "web.bad-query",
            "「no_default_rules」的值「yes」",
        ),
    ] {
        let (got, answer) = ask(path);
        assert_eq!(got, status, "{path}: {answer}");
        assert!(
            answer.contains(&format!("\"code\":\"{code}\"")) && answer.contains(named),
            "{path}: {answer}"
        );
        assert!(
            !answer.contains("deserialize") && !answer.contains("duplicate"),
            "{path}: {answer}"
        );
    }
    // the page answers the same in its own words
    let (status, page) = server.request("POST", "/?format=json&format=csv", &ct, &body);
    assert_eq!(status, 400);
    assert!(page.contains("「format」出现了两次"), "{page}");
    // parameters given once each are read as before
    let (status, answer) = ask("/api/evaluate?format=csv&year=2023&no_default_rules=false");
    assert_eq!(status, 200, "{answer}");
}

/// A multipart body of one file part whose `Content-Disposition` parameters are `disposition`.
fn one_part(disposition: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "hostile-web-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"table\"; {disposition}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn a_part_named_by_filename_star_only_is_read_under_that_name_or_refused_naming_it() {
    // the sixth probe: `filename*=UTF-8''…` without `filename=` was taken for a plain field and
    // refused as "不认识的表单字段「table」". It is read as the file it names (RFC 5987); a
    // name that cannot be read is a 400 naming the parameter
    let server = Server::start(&[]);
    let table = sheet(2);
    let ask = |disposition: &str| {
        let (ct, body) = one_part(disposition, &table);
        server.request("POST", "/api/evaluate?format=json", &ct, &body)
    };
    let (status, plain) = ask("filename=\"自评表.tsv\"");
    assert_eq!(status, 200, "{plain}");
    // the answer names the file: the same answer is the same name
    assert!(plain.contains("自评表.tsv"), "{plain}");
    for star in [
        "filename*=UTF-8''%E8%87%AA%E8%AF%84%E8%A1%A8.tsv",
        "filename*=utf-8'zh'%E8%87%AA%E8%AF%84%E8%A1%A8.tsv",
        "FILENAME*=\"UTF-8''%E8%87%AA%E8%AF%84%E8%A1%A8.tsv\"",
    ] {
        let (status, answer) = ask(star);
        assert_eq!(status, 200, "{star}: {answer}");
        assert_eq!(answer, plain, "{star}");
    }
    for (star, why) in [
        ("filename*=GBK''%D7%D4.tsv", "字符集"),
        ("filename*=UTF-8''%E8%87.tsv", "不是 UTF-8"),
        ("filename*=UTF-8''%1B%5D0%3Bx%07.tsv", "控制字符"),
        ("filename*=UTF-8''%G1.tsv", "十六进制"),
        ("filename*=%E8%87%AA.tsv", "缺少字符集"),
    ] {
        let (status, answer) = ask(star);
        assert_eq!(status, 400, "{star}: {answer}");
        assert!(
            answer.contains("web.bad-file-name")
                && answer.contains("filename*=")
                && answer.contains(why),
            "{star}: {answer}"
        );
        assert!(!answer.contains('\u{1b}'), "{star}: {answer}");
    }
}

/// The peak resident memory of a process so far (`VmHWM`, kB), on Linux.
#[cfg(target_os = "linux")]
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Standard base64 decoded (a page's `data:` download).
fn unbase64(text: &str) -> Vec<u8> {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().take_while(|c| *c != b'=') {
        acc = (acc << 6) | ABC.iter().position(|a| *a == c).unwrap() as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn a_large_reports_page_shows_the_first_projects_and_hands_its_bytes_through() {
    // the sixth probe, O2: a page within the answer limit cost 130–200× a mid-sized upload: the
    // 自评表 of every project (a 10 MB sheet's page was 176 MB), held by the worker, then three
    // times by the server (the worker's answer, the reply cut from it, the page made around
    // it). The page now shows the first 200 projects' 自评表 and says how many more there are,
    // the downloads whole; the server hands the worker's bytes on without a copy
    let server = Server::start(&[]);
    let token = token(&server.get_page().1);
    let table = sheet(600);
    let (ct, body) = form(
        &[("csrf", &token)],
        &[
            ("table", "sheet.tsv", &table),
            ("actuals", "a.yaml", b"projects: []\n"),
        ],
    );
    #[cfg(target_os = "linux")]
    let before = peak_kb(server.child.id());
    let (status, page) = server.request("POST", "/", &ct, &body);
    #[cfg(target_os = "linux")]
    let grew = peak_kb(server.child.id()).saturating_sub(before) * 1024;
    assert_eq!(status, 200, "{}", &page[..page.len().min(500)]);
    assert_eq!(page.matches("<section class=\"project\"").count(), 200);
    assert!(page.contains("id=\"project-200\"") && !page.contains("id=\"project-201\""));
    assert_eq!(
        page.matches("id=\"projects-left-out\"").count(),
        1,
        "the note is said once"
    );
    assert!(
        page.contains("共 600 个项目，网页只列出前 200 个项目的自评表"),
        "{}",
        &page[..page.len().min(500)]
    );
    // the summary is the whole report's
    assert!(page.contains("id=\"project-count\">600<"));
    // the downloads are whole: the csv is the API's (the command line's) bytes
    let at = page
        .find("download=\"sheet-评分结果.csv\" href=\"data:")
        .unwrap();
    let data = &page[at..];
    let data = &data[data.find(";base64,").unwrap() + 8..];
    let data = &data[..data.find('"').unwrap()];
    let (api_ct, api_body) = form(
        &[],
        &[
            ("table", "sheet.tsv", &table),
            ("actuals", "a.yaml", b"projects: []\n"),
        ],
    );
    let (status, csv) = server.request("POST", "/api/evaluate?format=csv", &api_ct, &api_body);
    assert_eq!(status, 200);
    let downloaded = String::from_utf8(unbase64(data)).unwrap();
    assert_eq!(downloaded, csv);
    assert!(csv.matches('\n').count() > 600, "every project's rows");
    // the server held the page about once: three copies before (the worker does the work)
    #[cfg(target_os = "linux")]
    assert!(
        grew < page.len() as u64 * 3 / 2,
        "the server grew by {grew} bytes for a page of {}",
        page.len()
    );
}

#[test]
fn a_client_that_stops_reading_its_answer_is_let_go_after_the_longest_silence() {
    // H47: a finished answer waited for its reader for the connection's whole life (twice the
    // request timeout plus the header timeout): clients that asked for large answers and never
    // read them held those answers in the server's own memory (20 of them 100 MB), up to the
    // answer limit each. A write that stays blocked longer than the header timeout now ends
    // the connection; a client reading slowly but steadily still gets its answer whole
    let server = Server::start(&["--header-timeout", "2"]);
    let big = "95%\n".repeat(250_000); // 1 MB of targets, about 40 MB of jsonl
    let (status, whole) = server.request("POST", "/api/parse", "text/plain", big.as_bytes());
    assert_eq!(status, 200);
    let ask = |body: &str| {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let head = format!(
            "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            server.port,
            body.len()
        );
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body.as_bytes()).unwrap();
        s
    };
    // a client that stops reading: the server lets it go (what the kernel's buffers had taken
    // is still read, then the end). Its receive buffer kept small, so that the kernel cannot
    // take the whole answer for it (loopback buffers grow to tens of MB)
    let mut idle = ask(&big);
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let size: libc::c_int = 64 * 1024;
        // SAFETY: setsockopt on a socket this test owns, with a value of the size it says
        unsafe {
            libc::setsockopt(
                idle.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                (&raw const size).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
    }
    // once its answer is being written (the status line is in), it reads nothing for 6 s
    let mut got = vec![0u8; 12];
    idle.read_exact(&mut got).unwrap();
    assert_eq!(got, b"HTTP/1.1 200");
    std::thread::sleep(Duration::from_secs(6));
    let _ = idle.read_to_end(&mut got);
    assert!(
        got.len() < whole.len(),
        "cut: {} of {} bytes",
        got.len(),
        whole.len()
    );
    // a steady slow reader (256 KB every 100 ms) is served whole
    let small = "95%\n".repeat(60_000);
    let (_, expected) = server.request("POST", "/api/parse", "text/plain", small.as_bytes());
    let mut slow = ask(&small);
    let mut got = Vec::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match slow.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, got) = response(&got);
    assert_eq!(status, 200);
    assert_eq!(String::from_utf8_lossy(&got), expected);
    assert_eq!(server.get_page().0, 200);
}

#[test]
fn an_upload_said_to_be_past_the_limit_is_refused_at_its_head_never_invited() {
    // H97: a `Content-Length` past the upload limit was answered `100 Continue` (the client
    // invited to send its 1 GB) and, when nothing came, 408 after the stall rule's grace; now
    // 413 at once, before a byte of the body, on the API and on the page
    let server = Server::start(&["--max-upload-mb", "1", "--header-timeout", "5"]);
    for (path, expect) in [("/api/evaluate", true), ("/api/parse", false), ("/", true)] {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 1073741824\r\n{}Connection: close\r\n\r\n",
            server.port,
            if expect {
                "Expect: 100-continue\r\n"
            } else {
                ""
            }
        );
        s.write_all(head.as_bytes()).unwrap();
        let started = Instant::now();
        let mut got = Vec::new();
        let _ = s.read_to_end(&mut got);
        let text = String::from_utf8_lossy(&got);
        assert!(
            text.starts_with("HTTP/1.1 413"),
            "{path}: {}",
            text.chars().take(120).collect::<String>()
        );
        assert!(started.elapsed() < Duration::from_secs(2), "{path}");
        assert!(text.contains("1 MB"), "{path}: {text}");
    }
    // within the limit, as before
    let (status, _) = server.request("POST", "/api/parse", "text/plain", "95%\n".as_bytes());
    assert_eq!(status, 200);
}

#[cfg(target_os = "linux")]
#[test]
fn a_client_let_go_is_reset_not_sent_the_rest_of_what_the_kernel_held() {
    // H97: a client let go for not reading was closed in order, so the answer the kernel had
    // taken for it (the server's send buffer, ~4 MB on loopback) was still sent on at the
    // client's pace long after (FIN-WAIT-1, outside the server's connection count). Let go,
    // it is now reset: what is left in its own receive buffer, then the reset
    use std::os::fd::AsRawFd;
    let server = Server::start(&["--header-timeout", "2"]);
    let big = "95%\n".repeat(250_000); // 1 MB of targets, about 40 MB of jsonl
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let size: libc::c_int = 16 * 1024;
    // SAFETY: setsockopt on a socket this test owns, with a value of the size it says
    unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVBUF,
            (&raw const size).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head = format!(
        "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.port,
        big.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(big.as_bytes()).unwrap();
    let mut got = vec![0u8; 12];
    s.read_exact(&mut got).unwrap();
    assert_eq!(got, b"HTTP/1.1 200");
    // reads nothing past the silence (2 s): let go
    std::thread::sleep(Duration::from_secs(5));
    let mut after = 0usize;
    let mut buf = vec![0u8; 64 * 1024];
    let end = loop {
        match s.read(&mut buf) {
            Ok(0) => break Ok(()),
            Ok(n) => after += n,
            Err(e) => break Err(e),
        }
    };
    let end = end.expect_err("the connection ends with a reset, not a clean close");
    assert_eq!(end.kind(), std::io::ErrorKind::ConnectionReset, "{end}");
    assert!(
        after < 1 << 20,
        "{after} bytes read after the client was let go"
    );
    assert_eq!(server.get_page().0, 200);
}

#[test]
fn an_answer_waiting_for_its_reader_holds_its_place_until_sent_or_let_go() {
    // H47: a request's place was given back when its handler returned, before its answer was
    // sent: finished answers waiting for slow readers were held by the server beyond any
    // count (one up to the answer limit every second or two, each for the connection's life).
    // The place is now held until the answer is sent: the answers held are as bounded as the
    // places. A client that never reads is let go after the header timeout, and its place with it
    let server = Server::start(&[
        "--max-work",
        "1",
        "--max-queue",
        "0",
        "--header-timeout",
        "2",
    ]);
    let big = "95%\n".repeat(250_000); // about 40 MB of jsonl
    let mut idle = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let size: libc::c_int = 64 * 1024;
        // SAFETY: setsockopt on a socket this test owns, with a value of the size it says
        unsafe {
            libc::setsockopt(
                idle.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                (&raw const size).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
    }
    idle.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let head = format!(
        "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.port,
        big.len()
    );
    idle.write_all(head.as_bytes()).unwrap();
    idle.write_all(big.as_bytes()).unwrap();
    let mut got = vec![0u8; 12];
    idle.read_exact(&mut got).unwrap();
    assert_eq!(got, b"HTTP/1.1 200");
    // its answer is being sent, and not read: the one place is taken
    let (status, answer) = server.request("POST", "/api/parse", "text/plain", b"95%\n");
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("web.busy"), "{answer}");
    // let go after the 2 s silence (a loaded machine may add seconds): the place is free again
    let start = Instant::now();
    let status = loop {
        std::thread::sleep(Duration::from_millis(500));
        let (status, _) = server.request("POST", "/api/parse", "text/plain", b"95%\n");
        if status == 200 || start.elapsed() > Duration::from_secs(20) {
            break status;
        }
    };
    assert_eq!(status, 200);
    let _ = idle.read_to_end(&mut got);
    assert!(got.len() < 30_000_000, "cut: {}", got.len());
}

#[cfg(unix)]
#[test]
fn the_servers_xlsx_is_made_in_memory_never_in_a_temporary_file() {
    // the page promises 文件只在本机处理……不写入磁盘; the xlsx report is saved through a
    // temporary file on the command line. With no temporary folder to write in, the server's
    // xlsx (made by its worker) is still answered: it was a 500 while the worker spilled it
    let missing = std::env::temp_dir().join("jixiao-no-such-folder-for-temporary-files");
    let missing = missing.to_str().unwrap();
    let server = Server::start_with(&[], &[("TMPDIR", missing)]);
    let (ct, body) = form(&[], &[("table", "sheet.tsv", &sheet(3))]);
    let (status, answer) = server.request("POST", "/api/evaluate?format=xlsx", &ct, &body);
    let shown: String = answer.chars().take(200).collect();
    assert_eq!(status, 200, "{shown}");
    assert!(answer.starts_with("PK"), "{shown}");
    // the command line still saves through its temporary file: the same missing folder is an
    // error there, the folder named (not a workbook half written)
    let d = std::env::temp_dir().join(format!("jixiao-xlsx-tmp-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("sheet.tsv"), sheet(3)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["evaluate", "sheet.tsv", "--format", "xlsx"])
        .current_dir(&d)
        .env("TMPDIR", missing)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // the folder named: it is not one the user gave
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("临时文件夹") && stderr.contains(missing) && stderr.contains("TMPDIR"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_large_answer_is_sent_on_as_it_is_made_never_held_whole_by_the_server() {
    // issue 27 (H52): the server read a worker's answer whole before sending it (a 42 MB
    // upload's review, 144 MB of JSON, held by the server beside the worker's table);
    // `/api/parse`'s answer (40 times its body) the same, on the server's own thread. Past the few MB the server holds, an answer now goes on to its client as it is
    // made: the server grows by a fraction of it, and the bytes are the command line's (a
    // server each, so that each peak is its own)
    let d = std::env::temp_dir().join(format!("jixiao-hostile-web-flow-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    // 20 000 one-indicator projects (2.2 MB): a 40 MB report in JSON
    let mut table =
        "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,得分\n"
            .to_owned();
    for i in 0..20_000 {
        table.push_str(&format!(
            "项目{i},产出指标,数量指标,服务人次,≥,5000,人次,5230,100,90\n"
        ));
    }
    let table = table.into_bytes();
    std::fs::write(d.join("sheet.csv"), &table).unwrap();
    let targets = "95%\n".repeat(250_000);
    std::fs::write(d.join("targets.txt"), &targets).unwrap();
    // the path, the command line's arguments, and a text body (else the table, uploaded)
    type Case<'a> = (&'a str, &'a [&'a str], Option<&'a [u8]>);
    let cases: [Case; 2] = [
        (
            "/api/evaluate?format=json",
            &["evaluate", "sheet.csv", "--format", "json"],
            None,
        ),
        (
            "/api/parse",
            &["parse", "targets.txt", "--format", "jsonl"],
            Some(targets.as_bytes()),
        ),
    ];
    for (path, cli, text) in cases {
        let server = Server::start(&[]);
        let (ct, body) = match text {
            Some(t) => ("text/plain".to_owned(), t.to_vec()),
            None => form(&[], &[("table", "sheet.csv", &table)]),
        };
        #[cfg(target_os = "linux")]
        let before = peak_kb(server.child.id());
        let (status, answer) = server.request("POST", path, &ct, &body);
        #[cfg(target_os = "linux")]
        let grew = peak_kb(server.child.id()).saturating_sub(before) * 1024;
        assert_eq!(status, 200, "{path}: {}", &answer[..answer.len().min(300)]);
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(cli)
            .current_dir(&d)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            answer.as_bytes() == &out.stdout[..],
            "{path}: {} bytes, the command line's {}",
            answer.len(),
            out.stdout.len()
        );
        assert!(answer.len() > 32 << 20, "{path}: {}", answer.len());
        #[cfg(target_os = "linux")]
        assert!(
            grew < answer.len() as u64 / 2,
            "{path}: the server grew by {grew} bytes for an answer of {}",
            answer.len()
        );
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn inspect_and_review_of_a_large_sheet_fit_a_worker_of_a_few_times_its_size() {
    // issue 27 (H58): `/api/inspect` and `/api/review` read the table whole in their worker,
    // 15-17 times the upload (a 42 MB upload's review peaked at 750 MB). A text
    // self-evaluation sheet is now read and answered a block at a time: a worker whose address
    // space is bounded at 64 MB (the least `--max-work-memory-mb` gives) answers an 8 MB sheet
    // in every format, with the command line's bytes. At 6b90f75 each was a 500 (the worker
    // out of memory)
    let d = std::env::temp_dir().join(format!("jixiao-hostile-web-blocks-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let table = sheet(20_000);
    assert!(table.len() > 7 << 20, "{}", table.len());
    std::fs::write(d.join("sheet.tsv"), &table).unwrap();
    // the release build answers all five in a 64 MB worker. The limit bounds the address
    // space, and a build's own code is part of it: a debug binary maps twice a release one's
    // (25.9 MB against 12.5 MB at bc23fff), and grows with every module added. Given a fixed
    // 68 then 70 MB, the debug worker was cut short as the code grew (thirteenth session:
    // 11,075,611 of 11,611,540 bytes at 68 MB; stop 45's CI: 11,272,218 at 70 MB), while the
    // same review's least limit measured from the command line rose by 1 MB (63 to 64 MB, `prlimit
    // --as`) for 0.7 MB more code, and the release build's stayed at 50 MB. So the worker is
    // given 64 MB beyond what a release build's code maps (13 MB): the release build's bound
    // as it was, the debug build's work held to it too, its own code not counted against it
    let limit = (64 + code_mb_beyond(env!("CARGO_BIN_EXE_jixiao"), 13)).to_string();
    let limit = limit.as_str();
    let server = Server::start(&["--max-work-memory-mb", limit, "--timeout", "600"]);
    let (ct, body) = form(&[], &[("table", "sheet.tsv", &table)]);
    let runs: [(&str, &str); 5] = [
        ("inspect", "json"),
        ("inspect", "table"),
        ("review", "json"),
        ("review", "human"),
        ("review", "markdown"),
    ];
    for (verb, format) in runs {
        let path = format!("/api/{verb}?format={format}");
        let (status, answer) = server.request("POST", &path, &ct, &body);
        assert_eq!(status, 200, "{path}: {}", &answer[..answer.len().min(300)]);
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args([verb, "sheet.tsv", "--format", format])
            .current_dir(&d)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            answer.as_bytes() == &out.stdout[..],
            "{path}: {} bytes, the command line's {}",
            answer.len(),
            out.stdout.len()
        );
    }
    assert_eq!(server.get_page().0, 200);
    let _ = std::fs::remove_dir_all(&d);
}

/// The megabytes a binary's loadable segments map (its code and static data) beyond
/// `allowance`, rounded up: what its own image adds to an address-space limit. Read from the
/// ELF program headers (64-bit little-endian, as on the machines the tests run); 0 where the
/// file is not one.
fn code_mb_beyond(binary: &str, allowance: u64) -> u64 {
    let Ok(elf) = std::fs::read(binary) else {
        return 0;
    };
    let word = |at: usize, len: usize| -> u64 {
        elf.get(at..at + len).map_or(0, |b| {
            b.iter()
                .rev()
                .fold(0u64, |n, &byte| n << 8 | u64::from(byte))
        })
    };
    if elf.get(..5) != Some(b"\x7fELF\x02".as_slice()) || elf.get(5) != Some(&1) {
        return 0;
    }
    let (table, size, count) = (word(0x20, 8), word(0x36, 2), word(0x38, 2));
    let mapped: u64 = (0..count)
        .map(|i| (table + i * size) as usize)
        .filter(|&at| word(at, 4) == 1) // PT_LOAD
        .map(|at| word(at + 0x28, 8)) // p_memsz
        .sum();
    (mapped.saturating_sub(allowance << 20)).div_ceil(1 << 20)
}

#[test]
#[cfg(target_os = "linux")]
fn a_pages_report_is_made_without_the_table_and_the_review_held_beside_it() {
    // issue 27 (H77): a page drop held the table read whole, the review's findings and the
    // report at once (reproduce27's 20,000 projects: a worker of 83.6 MB, over its bound). A
    // text sheet's report is now made a block at a time with the table dropped, and the
    // review made once the report is dropped. Measured from the worker itself (its VmHWM,
    // `JIXIAO_SHOW_PEAK_MEMORY`), above a small drop's; the server starts its workers with the
    // allocator giving pages back at once (a delay is a time: the peak would follow the
    // machine's load)
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let server = Server::start_heard(
        &["--timeout", "600"],
        &[("JIXIAO_SHOW_PEAK_MEMORY", "1")],
        Some(heard.clone()),
    );
    let token = token(&server.get_page().1);
    let peak_of = |projects: usize| {
        heard.lock().unwrap().clear();
        let (status, page) = drop_sheet(&server, &token, projects);
        assert_eq!(status, 200, "{}", &page[..page.len().min(500)]);
        // the worker says its peak as it ends, after its last byte
        let wait = Instant::now();
        loop {
            let said = heard.lock().unwrap().iter().find_map(|l| {
                let rest = l.strip_prefix("jixiao __web-work VmHWM: ")?;
                rest.trim_end_matches(" kB").parse::<u64>().ok()
            });
            if let Some(kb) = said {
                return kb * 1024;
            }
            assert!(wait.elapsed() < Duration::from_secs(30), "no peak said");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let small = peak_of(10);
    let projects = 6_000;
    let big = peak_of(projects);
    let table = sheet(projects).len() as u64;
    let above = big.saturating_sub(small);
    // 6,000 generated projects (2.5 MB), debug build: 43.3 MB above the small drop's at
    // 2722c30 (17.5x the table), 24.0 MB now (9.7x)
    assert!(
        above <= 13 * table,
        "{above} bytes above a small drop's, for a table of {table}"
    );
}

#[test]
fn the_pages_xlsx_download_past_its_project_limit_is_named_with_the_way_forward() {
    // issue 27 (H52): the page's xlsx download is made in its worker, in memory (the page's
    // promise: nothing on disk), about 11 KB a project: a 5 000-project table's page took its
    // worker 88 MB, 44 MB without it. Past `JIXIAO_MAX_PAGE_XLSX_PROJECTS` the page names it,
    // with the way to get it, and serves the rest
    let server = Server::start_with(&[], &[("JIXIAO_MAX_PAGE_XLSX_PROJECTS", "5")]);
    let token = token(&server.get_page().1);
    let drop_of = |projects: usize| drop_sheet(&server, &token, projects);
    let (status, page) = drop_of(6);
    assert_eq!(status, 200, "{}", &page[..page.len().min(500)]);
    assert!(!page.contains("评分结果.xlsx"), "no xlsx past the limit");
    let at = page.find("id=\"xlsx-left-out\"").expect("the xlsx named");
    let note = &page[at..at + page[at..].find("</span>").unwrap()];
    assert!(
        note.contains("6 个项目")
            && note.contains("JIXIAO_MAX_PAGE_XLSX_PROJECTS")
            && note.contains("--format xlsx"),
        "{note}"
    );
    assert!(page.contains("评分结果.csv") && page.contains("评分结果.html"));
    // within it, the xlsx is there
    let (status, page) = drop_of(5);
    assert_eq!(status, 200);
    assert!(page.contains("评分结果.xlsx") && !page.contains("xlsx-left-out"));
}
