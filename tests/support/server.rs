//! A `jixiao serve` on a free loopback port for the tests that speak HTTP to it byte by byte
//! (`tests/hostile.rs`, `tests/hostile23.rs`, `tests/hostile25.rs`, `tests/hostile26.rs`,
//! `tests/bounded27.rs`):
//! started with the options a test gives, its port read from what it prints,
//! raw requests sent and everything answered read back, stopped when dropped. Each test file
//! adds the requests it builds in its own `impl Server` block.

use std::io::{BufRead, Read, Write};

/// A `jixiao serve` on a free loopback port, stopped when dropped.
pub struct Server {
    /// Its process (the id for what `/proc` says of its CPU and memory).
    pub child: std::process::Child,
    /// The port it listens on.
    pub port: u16,
}

impl Server {
    /// Starts the server and waits for the line that says where it listens.
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// [`Server::start`] with the options `args` (`--max-work 1`, `--timeout 1`, …).
    pub fn start_with(args: &[&str]) -> Server {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
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
        std::thread::spawn(move || lines.map_while(Result::ok).for_each(drop));
        Server { child, port }
    }

    /// `raw` sent on one connection (on a thread of its own, so the answer is read as soon as
    /// it comes, even while the rest is still being sent), and everything answered on it until
    /// the server closes it.
    pub fn exchange(&self, raw: Vec<u8>) -> String {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(120)))
            .unwrap();
        let mut w = s.try_clone().unwrap();
        let sender = std::thread::spawn(move || {
            let _ = w.write_all(&raw);
        });
        let mut answer = Vec::new();
        let mut buf = [0u8; 65536];
        while let Ok(n) = s.read(&mut buf) {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
        }
        let _ = s.shutdown(std::net::Shutdown::Both);
        let _ = sender.join();
        String::from_utf8_lossy(&answer).into_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
