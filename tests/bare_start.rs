//! `jixiao` with no arguments (a double-click) serves the page on a free port of this machine
//! and says where, in Chinese; with no display the browser is not opened, and it says so.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The child is killed however the test ends.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn no_arguments_serve_the_page_and_say_where() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("JIXIAO_NO_BROWSER")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if !cfg!(target_os = "linux") {
        // elsewhere a browser would really open: the variable keeps it shut
        cmd.env("JIXIAO_NO_BROWSER", "1");
    }
    let mut child = Killed(cmd.spawn().unwrap());
    let stderr = child.0.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut said = Vec::new();
    let addr = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no address said; stderr so far: {said:#?}"));
        said.push(line.clone());
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    assert!(said[0].contains("网页已启动"), "{said:#?}");
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    assert_ne!(addr, "127.0.0.1:0");
    // the note on the browser follows the address
    let note = rx.recv_timeout(Duration::from_secs(20)).unwrap();
    assert!(note.contains("未打开浏览器"), "{note}");
    if cfg!(target_os = "linux") {
        assert!(note.contains("DISPLAY"), "{note}");
    }

    let mut stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.300}");
    assert!(answer.contains("jixiao 绩效自评"), "{answer:.300}");
    assert!(answer.contains("id=\"drop\""), "{answer:.300}");
}
