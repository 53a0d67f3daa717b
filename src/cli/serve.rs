//! `jixiao serve`: the local web page and HTTP API ([`crate::web`]); wiring only.
//!
//! `jixiao` with no arguments at all (a double-click on the program in Windows' Explorer or a
//! file manager) is `jixiao serve` on a free port of this machine (127.0.0.1, the system picks
//! it, so a second copy or another program on 8080 never stops it), says the address in
//! Chinese and opens the browser on it: `cmd /c start` on Windows, `open` on macOS, `xdg-open`
//! elsewhere — spawned, never waited for; where it cannot (no `DISPLAY` or `WAYLAND_DISPLAY` on
//! Linux and the like, `JIXIAO_NO_BROWSER` set, the opener missing) the page is still served and
//! a note says to open the address by hand. When such a start ends with an error, the window
//! waits for Enter, so a double-clicked console does not close before it can be read.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use super::exit;
use crate::web;

/// Arguments of `jixiao serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 端口（监听 127.0.0.1）
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// 监听地址（如 0.0.0.0:8080）；非本机地址会让局域网内的其他电脑访问到
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// 上传大小上限（MB）
    #[arg(long, default_value_t = 50)]
    pub max_upload_mb: usize,
    /// 每个请求的时限（秒）；超时的请求其处理随即停止
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// 同时处理的请求数（默认为 CPU 核数）；其余排队
    #[arg(long)]
    pub max_work: Option<usize>,
    /// 排队等候处理（上传已读完）的请求数上限，再多的请求得到 503；正在上传的数据合计以 (max-work + max-queue) × max-upload-mb 为限
    #[arg(long, default_value_t = 16)]
    pub max_queue: usize,
    /// 单个回答（报告、页面）的大小上限（MB）
    #[arg(long, default_value_t = 256)]
    pub max_answer_mb: usize,
    /// 同时打开的连接数上限
    #[arg(long, default_value_t = 1024)]
    pub max_connections: usize,
    /// 等待请求头（及连接空闲）的时限（秒）
    #[arg(long, default_value_t = 10)]
    pub header_timeout: u64,
    /// 每个请求的处理进程可用的内存（地址空间）上限（MB）；超出的请求得到 500，服务器照常运行
    #[arg(long, default_value_t = 8192)]
    pub max_work_memory_mb: u64,
}

fn address(args: &Args) -> Result<SocketAddr, String> {
    match &args.listen {
        None => Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), args.port)),
        Some(text) => text
            .parse::<SocketAddr>()
            .or_else(|_| {
                text.parse::<IpAddr>()
                    .map(|ip| SocketAddr::new(ip, args.port))
            })
            .map_err(|_| {
                format!("--listen 的地址读不懂：{text}（应如 127.0.0.1:8080 或 0.0.0.0）")
            }),
    }
}

/// The command line `jixiao` with no arguments stands for.
pub const BARE: [&str; 4] = ["jixiao", "serve", "--port", "0"];

/// What became of opening the browser.
enum Opened {
    Yes,
    /// Not tried, and why.
    Skipped(&'static str),
    /// Tried and failed, and why.
    Failed(String),
}

/// Open `url` in the browser: the opener is spawned, never waited for (a thread reaps it).
fn open_browser(url: &str) -> Opened {
    use std::process::{Command, Stdio};
    if std::env::var_os("JIXIAO_NO_BROWSER").is_some_and(|v| !v.is_empty()) {
        return Opened::Skipped("设置了 JIXIAO_NO_BROWSER");
    }
    #[cfg(windows)]
    let mut cmd = {
        use std::os::windows::process::CommandExt as _;
        let mut c = Command::new("cmd");
        // `start`'s first quoted argument is a window title; CREATE_NO_WINDOW: no console flash
        c.args(["/c", "start", "", url]).creation_flags(0x0800_0000);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = {
        let mut c = Command::new("open");
        c.arg(url);
        c
    };
    #[cfg(not(any(windows, target_os = "macos")))]
    let mut cmd = {
        let display = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
        if !display {
            return Opened::Skipped("没有图形界面（未设置 DISPLAY 或 WAYLAND_DISPLAY）");
        }
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    match cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
            Opened::Yes
        }
        Err(e) => Opened::Failed(crate::diagnostic::io_reason(&e)),
    }
}

/// `jixiao` with no arguments: the page on a free port of this machine, the browser opened
/// on it ([`BARE`]).
pub fn run_bare(args: Args) -> u8 {
    let code = serve(args, true);
    if code != exit::OK {
        use std::io::{BufRead as _, IsTerminal as _};
        if std::io::stdin().is_terminal() {
            say!("按回车键关闭窗口");
            let _ = std::io::stdin().lock().read_line(&mut String::new());
        }
    }
    code
}

pub fn run(args: Args) -> u8 {
    serve(args, false)
}

fn serve(args: Args, bare: bool) -> u8 {
    let addr = match address(&args) {
        Ok(a) => a,
        Err(e) => {
            say!("错误：{e}");
            return exit::USAGE;
        }
    };
    let defaults = web::Config::default();
    let mut config = web::Config {
        max_upload: args.max_upload_mb.saturating_mul(1024 * 1024),
        timeout: Duration::from_secs(args.timeout.max(1)),
        listen: None,
        max_work: args.max_work.unwrap_or(defaults.max_work).max(1),
        max_queue: args.max_queue,
        max_answer: args.max_answer_mb.max(1).saturating_mul(1024 * 1024),
        max_connections: args.max_connections.max(1),
        header_timeout: Duration::from_secs(args.header_timeout.max(1)),
        // each request's work in a process of its own (a crash or a runaway upload ends it
        // alone; a timed-out request's process is killed)
        worker: std::env::current_exe().ok(),
        work_memory: Some(args.max_work_memory_mb.max(64).saturating_mul(1024 * 1024)),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            say!("错误：无法启动：{}", crate::diagnostic::io_reason(&e));
            return exit::USAGE;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                say!("错误：无法监听 {addr}：{}", crate::diagnostic::io_reason(&e));
                return exit::USAGE;
            }
        };
        let bound = listener.local_addr().unwrap_or(addr);
        // every request's Host must name this address (see web::guard)
        config.listen = Some(bound);
        if !web::is_loopback(&bound) {
            say!(
                "警告：正在监听 {bound}，不只是本机：同一网络中的其他电脑也能打开这个页面并上传文件。只在本机使用时请去掉 --listen。"
            );
        }
        if bare {
            let url = format!("http://{bound}/");
            say!("jixiao 网页已启动：{url}");
            match open_browser(&url) {
                Opened::Yes => say!(
                    "已请浏览器打开这个地址；没有打开时，请在浏览器中打开上面的地址。用完后关闭这个窗口（或按 Ctrl+C）即停止。"
                ),
                Opened::Skipped(why) => say!(
                    "未打开浏览器（{why}）：请在浏览器中打开上面的地址。按 Ctrl+C 停止。"
                ),
                Opened::Failed(why) => say!(
                    "未能打开浏览器（{why}）：请在浏览器中打开上面的地址。按 Ctrl+C 停止。"
                ),
            }
        } else {
            say!("jixiao 网页已启动：http://{bound}/  （Ctrl+C 停止）");
        }
        match web::serve(listener, config).await {
            Ok(()) => exit::OK,
            Err(e) => {
                say!("错误：{e}");
                exit::USAGE
            }
        }
    })
}
