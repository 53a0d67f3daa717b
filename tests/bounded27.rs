//! Issue 27: findings that were not yet bounded (the twentieth session, H142). Every list of
//! findings follows `table::listing`'s rule: a code's first findings listed, up to
//! `JIXIAO_MAX_FINDINGS_LISTED` (1,000), the rest counted and said in one closing
//! `table.findings-not-listed`; whole and streamed alike.
//!
//! - `actuals.unmatched`: an actuals file of 190,000 entries the table lacks held and wrote one
//!   finding each (87 MB of JSON, 29 MB on stderr);
//! - the evaluation's own findings beside a project: a project of 200,000 rows that each draw
//!   `eval.note-not-final` held and wrote 200,000 of them.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/server.rs"]
#[allow(dead_code)]
mod server;
use server::Server;

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-bounded27-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// What a run printed and its exit code.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("JIXIAO_MAX_FINDINGS_LISTED")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

/// How many times `code` is a finding's code in a report (JSON with or without spaces).
fn codes(report: &str, code: &str) -> usize {
    report.matches(&format!("\"code\":\"{code}\"")).count()
        + report.matches(&format!("\"code\": \"{code}\"")).count()
}

/// A flat self-evaluation sheet: `projects` projects of `rows` rows, each met (≥100人 / 120人)
/// with the 偏差原因 `note`.
fn sheet(projects: usize, rows: usize, note: &str) -> String {
    let mut t = String::from("项目名称\t指标名称\t年度指标值\t实际完成值\t偏差原因\n");
    for p in 0..projects {
        for r in 0..rows {
            t.push_str(&format!("项目{p}\t培训人数{r}\t≥100人\t120人\t{note}\n"));
        }
    }
    t
}

/// The two ways a sheet is evaluated: streamed (`jsonl`) and read whole (`json
/// --no-streaming`).
const WAYS: [&[&str]; 2] = [
    &["--format", "jsonl"],
    &["--format", "json", "--no-streaming"],
];

#[test]
fn actuals_the_table_lacks_are_listed_a_thousand_and_the_rest_counted_whole_and_streamed() {
    let d = dir("unmatched");
    std::fs::write(d.join("t.tsv"), sheet(1, 2, "")).unwrap();
    // one indicator that matches (a file that matches nothing is refused), 1,500 that do not
    let mut a = String::from(
        "projects:\n  - project: 项目0\n    indicators:\n      - indicator: 培训人数0\n        actual: \"120人\"\n",
    );
    for i in 0..1500 {
        a.push_str(&format!(
            "      - indicator: 不存在的指标{i}\n        actual: \"1\"\n"
        ));
    }
    std::fs::write(d.join("a.yaml"), a).unwrap();
    for way in WAYS {
        let args = [&["evaluate", "t.tsv", "a.yaml"][..], way].concat();
        let r = run(&d, &args);
        assert_eq!(r.code, 0, "{way:?}: {}", r.stderr);
        // (the anchor listed all 1,500, and said nothing was counted)
        assert_eq!(codes(&r.stdout, "actuals.unmatched"), 1000, "{way:?}");
        assert_eq!(codes(&r.stdout, "table.findings-not-listed"), 1, "{way:?}");
        assert!(
            r.stdout
                .contains("“actuals.unmatched”的问题已逐条列出 1000 条，其余 500 条未逐条列出"),
            "{way:?}"
        );
        // the first not listed is named, and the warning at the top (json's) counts all 1,500
        assert!(r.stdout.contains("不存在的指标1000"), "{way:?}");
        assert!(!r.stdout.contains("不存在的指标1001"), "{way:?}");
        if way.contains(&"json") {
            assert!(r.stdout.contains("实际值文件中有 1500 条在表中找不到"));
        }
        assert_eq!(
            r.stderr.matches("警告[actuals.unmatched]").count(),
            1000,
            "{way:?}"
        );
        assert_eq!(
            r.stderr.matches("警告[table.findings-not-listed]").count(),
            1,
            "{way:?}"
        );
    }
}

#[test]
fn a_projects_rows_drawing_one_finding_are_listed_a_thousand_and_the_rest_counted() {
    let d = dir("eval");
    // one project of 1,500 rows each met with a note that says the figure is a forecast
    std::fs::write(d.join("one.tsv"), sheet(1, 1500, "该数据为预计数")).unwrap();
    // three projects of 400: each lists its own (the bound is a project's)
    std::fs::write(d.join("three.tsv"), sheet(3, 400, "该数据为预计数")).unwrap();
    for way in WAYS {
        let r = run(&d, &[&["evaluate", "one.tsv"][..], way].concat());
        assert_eq!(r.code, 0, "{way:?}: {}", r.stderr);
        // (the anchor: 1,500)
        assert_eq!(codes(&r.stdout, "eval.note-not-final"), 1000, "{way:?}");
        assert_eq!(codes(&r.stdout, "table.findings-not-listed"), 1, "{way:?}");
        assert!(
            r.stdout
                .contains("“eval.note-not-final”的问题已逐条列出 1000 条，其余 500 条未逐条列出"),
            "{way:?}"
        );
        assert!(r.stdout.contains("指标“培训人数1000”评为达标"), "{way:?}");
        // every row still scored
        assert!(
            r.stdout.contains("\"indicators\":1500") || r.stdout.contains("\"indicators\": 1500")
        );
        let r = run(&d, &[&["evaluate", "three.tsv"][..], way].concat());
        assert_eq!(r.code, 0, "{way:?}: {}", r.stderr);
        assert_eq!(codes(&r.stdout, "eval.note-not-final"), 1200, "{way:?}");
        assert_eq!(codes(&r.stdout, "table.findings-not-listed"), 0, "{way:?}");
    }
}

/// A request sent on a connection whose receive buffer is kept small (so that the kernel cannot
/// take a large answer for a client that reads nothing), never read.
fn never_read(port: u16, path: &str, body: &[u8]) -> std::net::TcpStream {
    use std::io::Write;
    let s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let size: libc::c_int = 64 * 1024;
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
    }
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    (&s).write_all(head.as_bytes()).unwrap();
    (&s).write_all(body).unwrap();
    s
}

/// The status of one small `/api/parse` (`Connection: close`).
fn parse_status(port: u16) -> u16 {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let body = "≥100人\n";
    let head = format!(
        "POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn clients_that_never_read_their_answers_give_way_to_others_within_seconds() {
    // H138: 30 clients that sent a request each and never read its answer held every place
    // for about 52 s, each let go only after the whole silence (the header timeout), two at a
    // time: everyone else was answered 503. While others wait, a write that stays blocked a
    // second now lets its client go. Here the silence is 30 s and every place (one at work,
    // two waiting) is taken by such a client: before, the others waited 30 s a client
    let server = Server::start_with(&[
        "--max-work",
        "1",
        "--max-queue",
        "2",
        "--header-timeout",
        "30",
    ]);
    let big = "95%\n".repeat(150_000); // about 24 MB of JSON lines each
    let idle: Vec<_> = (0..3)
        .map(|_| never_read(server.port, "/api/parse", big.as_bytes()))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let start = std::time::Instant::now();
    let mut refused = 0;
    let status = loop {
        let status = parse_status(server.port);
        if status == 200 || start.elapsed() > std::time::Duration::from_secs(25) {
            break status;
        }
        refused += 1;
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let took = start.elapsed();
    assert_eq!(
        status, 200,
        "still refused after {took:?} ({refused} × 503)"
    );
    // (three clients of a second each, and their work, on a loaded machine)
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    drop(idle);
    // a client that reads its answer is served whole meanwhile
    assert_eq!(parse_status(server.port), 200);
}

#[test]
fn a_quoted_cell_past_the_line_limit_never_splits_its_project_when_streamed() {
    // H138: a quoted cell of more lines than `JIXIAO_MAX_QUOTED_LINES` inside a project, its
    // lines read as rows and skipped: where a streamed block ended among them, the line that
    // closes the quote (`"`, then the row's figures: too short to be read) was taken for a new
    // project `"`, and the project's rows after it for the same project come back, scored as
    // two with `stream.project-split` ("中间隔着别的项目", though nothing came between). The
    // cell is put at every place around the first block's end (32 KB)
    let d = dir("quoted");
    let line = |p: usize, i: usize| format!("项目{p}\t培训人数{i}\t≥100人\t120人\n");
    let mut splits_found = 0;
    for shift in 0..24 {
        let mut t = String::from("项目名称\t指标名称\t年度指标值\t实际完成值\n");
        let mut p = 0;
        while t.len() < 32 * 1024 - 400 + shift * 24 {
            p += 1;
            for i in 0..4 {
                t.push_str(&line(p, i));
            }
        }
        p += 1;
        t.push_str(&line(p, 0));
        t.push_str(&format!(
            "项目{p}\t\"培训{}\"\t≥100人\t120人\n",
            "长\r\n".repeat(12)
        ));
        for i in 1..4 {
            t.push_str(&line(p, i));
        }
        for q in p + 1..p + 40 {
            for i in 0..4 {
                t.push_str(&line(q, i));
            }
        }
        std::fs::write(d.join("q.tsv"), &t).unwrap();
        let way = |extra: &[&str]| {
            let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
                .args([&["evaluate", "q.tsv", "--format", "jsonl"][..], extra].concat())
                .current_dir(&d)
                .env("NO_COLOR", "1")
                .env("JIXIAO_MAX_QUOTED_LINES", "4")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            (
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        };
        let (streamed, streamed_err) = way(&[]);
        let (whole, whole_err) = way(&["--no-streaming"]);
        splits_found += usize::from(streamed.contains("stream.project-split"));
        assert!(
            !streamed.contains("stream.project-split"),
            "shift {shift}: project {p} split"
        );
        assert_eq!(streamed, whole, "shift {shift}");
        assert_eq!(streamed_err, whole_err, "shift {shift}");
        // the quote is named at its line, both ways
        assert!(streamed.contains("table.stray-quote"), "shift {shift}");
    }
    assert_eq!(splits_found, 0);
}
