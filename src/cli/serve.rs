//! `jixiao serve`: the local web page and HTTP API ([`crate::web`]); wiring only.

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
    /// 排队（上传中或等候）的请求数上限；再多的请求立即得到 503，上传不被读入
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

pub fn run(args: Args) -> u8 {
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
        say!("jixiao 网页已启动：http://{bound}/  （Ctrl+C 停止）");
        match web::serve(listener, config).await {
            Ok(()) => exit::OK,
            Err(e) => {
                say!("错误：{e}");
                exit::USAGE
            }
        }
    })
}
