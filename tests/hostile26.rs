//! The twenty-sixth session's hostile probe (issue 27, H187): the reliability items left open.
//! A rule test file (`rules test`) read as it is parsed, a byte-order mark before it or not;
//! a rule file's errors held to the first shown, the rest counted; a request that tells its
//! length two ways answered 400. Memory is the kernel's peak of the child (`wait4`), never a
//! duration. Each test writes into a temporary folder removed when it ends.

#[cfg(unix)]
#[allow(dead_code)] // only the peak with variables is asked for here
#[path = "support/evaluate_peak.rs"]
mod evaluate_peak;
#[path = "support/server.rs"]
mod server;
use server::Server;

use std::path::Path;

/// Exit code, standard output and standard error of `jixiao ARGS…` run in `dir`.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Peak memory (kB) and exit code of `jixiao ARGS…` run in `d` (its paths relative to `d`).
#[cfg(unix)]
fn peak_kb(d: &Path, args: &[&str]) -> (u64, i32) {
    let args: Vec<std::ffi::OsString> = args
        .iter()
        .map(|a| match a.ends_with(".yaml") {
            true => d.join(a).into_os_string(),
            false => (*a).into(),
        })
        .collect();
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    evaluate_peak::jixiao_peak_kb_with(&args, &[])
}

#[cfg(unix)]
#[test]
fn a_rule_test_file_is_read_as_it_is_parsed_after_a_byte_order_mark_too() {
    // before: `rules test` read its file whole with serde_yaml (every event of the document
    // held before a value was read), and a byte-order mark sent any YAML text to that reader:
    // this case file of 900,000 unknown keys (13 MB) took about 330 MB on the anchor, release
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("r.yaml"),
        "rules:\n  - id: a\n    when: indicator ~ \"培训\"\n    direction: higher\n",
    )
    .unwrap();
    let mut text = String::from(
        "\u{feff}cases:\n  - indicator: 培训人数\n    target: ≥100人\n    actual: 120人\n",
    );
    for k in 0..900_000 {
        text.push_str(&format!("    k{k}: 1\n"));
    }
    std::fs::write(d.path().join("cases.yaml"), &text).unwrap();
    let file_kb = text.len() as u64 / 1024;
    let (peak, code) = peak_kb(
        d.path(),
        &["rules", "test", "cases.yaml", "--rules", "r.yaml"],
    );
    assert_eq!(code, 2);
    assert!(
        peak < 3 * file_kb + 40 * 1024,
        "peak {peak} kB for a file of {file_kb} kB"
    );
    // the error at its place (line 5, the first unknown key; the mark is no column)
    let (code, _, stderr) = run(
        d.path(),
        &["rules", "test", "cases.yaml", "--rules", "r.yaml"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cases.yaml:5:5：测试文件读不下去") && stderr.contains("`k0`"),
        "{stderr}"
    );
    // a small case file with a mark reads and runs as one without
    let case = "cases:\n  - indicator: 培训人数\n    target: ≥100人\n    actual: 120人\n    expect: {direction: higher}\n";
    let mut outs = Vec::new();
    for (name, text) in [
        ("plain.yaml", case.to_owned()),
        ("marked.yaml", format!("\u{feff}{case}")),
    ] {
        std::fs::write(d.path().join(name), text).unwrap();
        let (code, stdout, stderr) = run(d.path(), &["rules", "test", name, "--rules", "r.yaml"]);
        assert_eq!(code, 0, "{name}: {stdout}{stderr}");
        outs.push(stdout);
    }
    assert_eq!(outs[0], outs[1]);
}

#[cfg(unix)]
#[test]
fn a_rule_files_errors_past_those_shown_are_counted_not_held() {
    // before: each of 150,000 items that are no rule held its error whole (message, help,
    // the file's name three times; about 600 bytes) though only the first 100 are shown: 127
    // MB on the anchor, release, for this 1.2 MB file
    let d = tempfile::tempdir().unwrap();
    let n = 150_000;
    let mut text = String::from("rules:\n");
    for i in 0..n {
        text.push_str(&format!("  - {i}\n"));
    }
    std::fs::write(d.path().join("items.yaml"), &text).unwrap();
    let (peak, code) = peak_kb(d.path(), &["rules", "check", "items.yaml"]);
    assert_eq!(code, 2);
    assert!(peak < 80 * 1024, "peak {peak} kB");
    // the first 100 shown, in order, the rest counted exactly
    let (code, stdout, stderr) = run(
        d.path(),
        &["rules", "check", "items.yaml", "--format", "json"],
    );
    assert_eq!(code, 2, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["counts"]["findings"], n);
    assert_eq!(json["counts"]["not_shown"], n - 100);
    assert_eq!(json["counts"]["not_shown_errors"], n - 100);
    let lines: Vec<u64> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, (2..102).collect::<Vec<u64>>());
    let (_, _, stderr) = run(d.path(), &["rules", "check", "items.yaml"]);
    let counted = format!("另有 {} 处错误和 0 处警告未逐条显示（共 {n} 处", n - 100);
    assert!(
        stderr.contains(&counted),
        "{}",
        &stderr[stderr.len().saturating_sub(600)..]
    );
}

/// The requests this file sends ([`server::Server`] starts, exchanges and stops).
impl Server {
    /// A `POST /api/inspect` head of one file `t.tsv` and its multipart body: `framing` the
    /// head's length lines (`Content-Length: N`, `Transfer-Encoding: chunked`, or both), the
    /// body chunked where the head says so.
    fn inspect(&self, framing: &[&str], last: bool) -> Vec<u8> {
        let boundary = "jixiaoboundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\nContent-Type: text/tab-separated-values\r\n\r\n项目名称\t指标名称\t指标值\n甲\t培训人数\t≥100人\n\r\n--{boundary}--\r\n"
        )
        .into_bytes();
        let mut head = format!(
            "POST /api/inspect HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
            self.port
        );
        for line in framing {
            head.push_str(&line.replace("N", &body.len().to_string()));
            head.push_str("\r\n");
        }
        if last {
            head.push_str("Connection: close\r\n");
        }
        head.push_str(&format!(
            "Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n"
        ));
        let mut raw = head.into_bytes();
        match framing.iter().any(|l| l.starts_with("Transfer")) {
            true => {
                for piece in body.chunks(100) {
                    raw.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
                    raw.extend_from_slice(piece);
                    raw.extend_from_slice(b"\r\n");
                }
                raw.extend_from_slice(b"0\r\n\r\n");
            }
            false => raw.extend_from_slice(&body),
        }
        raw
    }

    fn get_page(&self, last: bool) -> Vec<u8> {
        let close = if last { "Connection: close\r\n" } else { "" };
        format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{close}\r\n",
            self.port
        )
        .into_bytes()
    }
}

/// The status codes of the answers in `answer`, in order.
fn statuses(answer: &str) -> Vec<u16> {
    answer
        .match_indices("HTTP/1.1 ")
        .map(|(at, _)| answer[at + 9..at + 12].parse().unwrap())
        .collect()
}

#[test]
fn a_request_telling_its_length_two_ways_is_refused() {
    // before: a head with both `Content-Length` and `Transfer-Encoding: chunked` was read as
    // chunked, its length dropped (the anchor answers 200): a proxy in front that takes the
    // length may cut the requests elsewhere than the server (RFC 9112 §6.3, smuggling)
    let server = Server::start();
    for framing in [
        ["Content-Length: N", "Transfer-Encoding: chunked"],
        ["Transfer-Encoding: chunked", "Content-Length: N"],
    ] {
        let answer = server.exchange(server.inspect(&framing, true));
        assert!(
            answer.starts_with("HTTP/1.1 400") && answer.contains("web.bad-framing"),
            "{framing:?}: {answer}"
        );
    }
    // requests of either framing alone, one after another on one connection, each answered
    // as itself (the heads found past every body)
    let mut raw = server.get_page(false);
    raw.extend(server.inspect(&["Content-Length: N"], false));
    raw.extend(server.inspect(&["Transfer-Encoding: chunked"], false));
    raw.extend(server.get_page(false));
    raw.extend(server.inspect(&["Content-Length: N", "Transfer-Encoding: chunked"], false));
    raw.extend(server.get_page(true));
    let answer = server.exchange(raw);
    // the fifth is refused, and the connection closed after it (the sixth never read)
    assert_eq!(statuses(&answer), [200, 200, 200, 200, 400], "{answer}");
    assert!(String::from_utf8_lossy(&server.get_page(true)).starts_with("GET"));
    let page = server.exchange(server.get_page(true));
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
}
