//! Each request's work in a process of its own: `jixiao serve` starts itself as a worker
//! (`jixiao __web-work [BYTES]`, [`WORKER_ARG`]) for every request that reads an upload, sends it
//! the job on standard input and reads the answer from its standard output. What this buys:
//!
//! - a crash of the work — a panic, an abort on a huge reservation, an exhausted memory limit —
//!   ends that process only: the request answers 500 in Chinese and the server goes on;
//! - a cancelled request (its time is up, its client gone) kills its worker, whatever stage the
//!   work is in (reading a workbook, compiling a rule, evaluating, building an xlsx): the CPU
//!   and memory are given back within milliseconds, and the slot is freed only then;
//! - each worker's address space is bounded ([`super::Config::work_memory`], `setrlimit`; on
//!   Windows the same figure as a job object's per-process memory limit), so one upload cannot
//!   take the machine's memory from the others. A worker ends with its server on Linux
//!   (`PR_SET_PDEATHSIG`); elsewhere a worker whose server was killed outright finishes the job
//!   in hand (its answer then has nowhere to go) and ends.
//!
//! The job is the same `Job` the in-process server executes on a blocking thread, so the
//! answers are the same bytes. Decisions where nothing said: the worker's standard error is the
//! server's (a crash is logged where the server logs); its answer is read up to the answer limit
//! plus 1 MB (an error's JSON), past which the worker is stopped and the request answers 413.
//!
//! Wire format (private to one binary, both ends built together): the job is a little-endian
//! `u32` length, a JSON head, then the bytes it announces; the answer is its body in frames as
//! it is written (each a `u32` length and its bytes), then a zero length and a JSON trailer
//! saying whether it ended well (or the error that makes it no answer). Frames, so that the
//! server sends the body on to the client as it comes (`super::flow`: neither the worker nor
//! the server holds it whole; a 42 MB upload's review, a 190 MB answer, was held whole by the
//! server) and still finds where it ends; a trailer, because whether the job ends well is known
//! only then.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::flow::Spout;
use super::inputs::{ApiError, Files, Params, Upload};
use super::job::{Job, JobKind};
use super::work::{Answer, Cancel};

/// The first argument that makes `jixiao` a worker (not a command a person types).
pub const WORKER_ARG: &str = "__web-work";

/// The allocator's (mimalloc's) delay before it gives freed pages back to the system, in ms.
const PURGE_DELAY: &str = "MIMALLOC_PURGE_DELAY";

/// Largest head of a job or an answer.
const MAX_HEAD: u32 = 16 * 1024 * 1024;

/// How often a waiting server looks at the worker and the cancel flag.
const POLL: Duration = Duration::from_millis(5);

fn internal(message: String) -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        crate::codes::WEB_INTERNAL,
        message,
        Some(
            "服务器照常运行，其他请求不受影响。文件可能超出了每个请求的内存上限（启动时可用 --max-work-memory-mb 放宽），或触发了 jixiao 的缺陷：请用命令行 jixiao 处理这个文件，并把文件和这条信息报告给维护者",
        ),
    )
}

/// Do `job` in a worker process of `program`, killed when `cancel` is set; its answer is
/// written into `spout` as the worker writes it (and from there sent on to the client:
/// `super::flow`), so that neither the worker nor the server holds it whole.
pub fn run(
    program: &Path,
    memory: Option<u64>,
    job: Job,
    cancel: &Cancel,
    spout: &mut Spout,
) -> Result<(), ApiError> {
    let mut command = Command::new(program);
    command.arg(WORKER_ARG);
    // the worker's memory is what it holds: pages its allocator frees are given back at once,
    // not after a delay (a page drop of 20,000 projects freed its table as the report grew,
    // and the delay kept both resident: 79.5 MB, 48.0 MB without it; issue 27, H77). Where
    // the server was started with a delay of its own, the worker keeps it
    if std::env::var_os(PURGE_DELAY).is_none() {
        command.env(PURGE_DELAY, "0");
    }
    if let Some(m) = memory {
        command.arg(m.to_string());
        limit_before_exec(&mut command, m);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| internal(format!("无法启动处理进程：{e}")))?;
    let stdout = child.stdout.take();
    let limit = job.limit;
    let cap = limit.saturating_add(1 << 20) as u64;
    std::thread::scope(|scope| {
        // read on its own thread, so that a worker writing a large answer never waits on us
        // but on the client; past the cap, or once the client is gone, the pipe is closed and
        // the worker's next write fails
        let reader = scope.spawn(move || match stdout {
            Some(out) => relay(out, spout, cap),
            None => Ok(None),
        });
        if let Some(mut stdin) = child.stdin.take() {
            // a worker that ended early (a broken job, a crash) shows in its status below
            let _ = write_job(&mut stdin, &job);
        }
        // the uploads are the worker's now: not held here while it works
        drop(job);
        // the answer relayed (to its trailer, the pipe's end, or a failure), the cancel flag
        // looked at meanwhile
        while !reader.is_finished() {
            if let Err(cancelled) = cancel.check() {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reader.join();
                return Err(cancelled);
            }
            std::thread::sleep(POLL);
        }
        let relayed = reader
            .join()
            .map_err(|_| internal("读取处理结果时出错".to_owned()));
        let trailer = match relayed {
            Ok(Ok(trailer)) => trailer,
            Ok(Err(e)) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(match e {
                    Relay::TooLarge => super::work::too_large(limit),
                    Relay::Gone(e) => cancel
                        .check()
                        .err()
                        .unwrap_or_else(|| internal(format!("读取处理结果时出错：{e}"))),
                });
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        };
        let status = loop {
            if let Err(cancelled) = cancel.check() {
                let _ = child.kill();
                let _ = child.wait();
                return Err(cancelled);
            }
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => std::thread::sleep(POLL),
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(internal(format!("处理进程出错：{e}")));
                }
            }
        };
        // an answer counts only from a worker that ended well (not one cut off mid-write)
        match trailer {
            Some(result) if status.success() => result,
            _ => Err(crashed(status)),
        }
    })
}

/// Why relaying a worker's answer stopped before its trailer.
enum Relay {
    /// Past the answer limit and the room for an error's JSON.
    TooLarge,
    /// The pipe, or the client (the spout), failed.
    Gone(io::Error),
}

/// The worker's answer from `input` into `out`, frame by frame: `Some` of the trailer's
/// outcome, or `None` when the pipe ended before a trailer (a crash).
fn relay(
    mut input: impl Read,
    out: &mut Spout,
    cap: u64,
) -> Result<Option<Result<(), ApiError>>, Relay> {
    let mut buf = Vec::new();
    let mut total = 0u64;
    loop {
        let mut len = [0u8; 4];
        match input.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(Relay::Gone(e)),
        }
        let len = u32::from_le_bytes(len);
        if len == 0 {
            return match read_head(&mut input) {
                Ok(head) => Ok(trailer_outcome(&head)),
                Err(_) => Ok(None),
            };
        }
        total += u64::from(len);
        if total > cap || len > MAX_FRAME {
            return Err(Relay::TooLarge);
        }
        buf.resize(len as usize, 0);
        match input.read_exact(&mut buf) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(Relay::Gone(e)),
        }
        out.write_all(&buf).map_err(Relay::Gone)?;
    }
}

/// The 500 of a worker that ended without an answer.
fn crashed(status: ExitStatus) -> ApiError {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return internal(format!(
                "处理这个文件时处理进程异常终止（信号 {signal}），结果未能生成"
            ));
        }
    }
    internal(format!(
        "处理这个文件时处理进程异常终止（{status}），结果未能生成"
    ))
}

fn frame(out: &mut impl Write, head: &Value) -> io::Result<()> {
    let head = serde_json::to_vec(head).map_err(io::Error::from)?;
    let len = u32::try_from(head.len()).map_err(io::Error::other)?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&head)
}

fn read_head(input: &mut impl Read) -> io::Result<Value> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len)?;
    let len = u32::from_le_bytes(len);
    if len > MAX_HEAD {
        return Err(io::Error::other("head too large"));
    }
    let mut head = vec![0u8; len as usize];
    input.read_exact(&mut head)?;
    serde_json::from_slice(&head).map_err(io::Error::from)
}

/// The job on the wire: its head, then the uploads' bytes in the head's order.
fn write_job(out: &mut impl Write, job: &Job) -> io::Result<()> {
    // every field named, so that a field added to `Files` does not go missing here unnoticed
    let Files {
        table,
        actuals,
        rules,
        fields,
        dropped,
        // found by sorting the dropped files, which the work does (empty until then)
        copies: _,
        unread: _,
        pile: _,
        read: _,
    } = &job.files;
    let uploads: Vec<(&str, &Upload)> = table
        .iter()
        .map(|u| ("table", u))
        .chain(actuals.iter().map(|u| ("actuals", u)))
        .chain(rules.iter().map(|u| ("rules", u)))
        .chain(dropped.iter().map(|u| ("file", u)))
        .collect();
    let listed: Vec<Value> = uploads
        .iter()
        .map(|(slot, Upload { name, bytes })| json!([slot, name, bytes.len()]))
        .collect();
    let head = json!({
        "kind": job.kind.name(),
        "limit": job.limit,
        "workers": job.workers,
        "params": serde_json::to_value(&job.params).map_err(io::Error::from)?,
        "fields": fields,
        "uploads": listed,
    });
    let mut out = io::BufWriter::with_capacity(64 * 1024, out);
    frame(&mut out, &head)?;
    for (_, u) in uploads {
        out.write_all(&u.bytes)?;
    }
    out.flush()
}

fn read_job(input: &mut impl Read) -> io::Result<Job> {
    let bad = |what: &str| io::Error::other(format!("bad job: {what}"));
    let head = read_head(input)?;
    let kind = head["kind"]
        .as_str()
        .and_then(JobKind::from_name)
        .ok_or_else(|| bad("kind"))?;
    let limit = head["limit"]
        .as_u64()
        .and_then(|l| usize::try_from(l).ok())
        .ok_or_else(|| bad("limit"))?;
    let workers = head["workers"]
        .as_u64()
        .and_then(|w| usize::try_from(w).ok())
        .ok_or_else(|| bad("workers"))?
        .max(1);
    let params: Params = serde_json::from_value(head["params"].clone())?;
    let fields: Vec<(String, String)> = serde_json::from_value(head["fields"].clone())?;
    let listed: Vec<(String, String, u64)> = serde_json::from_value(head["uploads"].clone())?;
    let mut files = Files {
        fields,
        ..Files::default()
    };
    for (slot, name, len) in listed {
        // reserved once for what the head announces (grown by doubling, a 24 MB upload took
        // 32 MB and, while it grew, the 16 MB before it too: past a worker's memory limit)
        let mut bytes = Vec::new();
        bytes
            .try_reserve_exact(usize::try_from(len).unwrap_or(usize::MAX))
            .map_err(|_| bad("upload too large"))?;
        input.by_ref().take(len).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != len {
            return Err(bad("short upload"));
        }
        let upload = Upload { name, bytes };
        match slot.as_str() {
            "table" => files.table = Some(upload),
            "actuals" => files.actuals = Some(upload),
            "rules" => files.rules.push(upload),
            "file" => files.dropped.push(upload),
            _ => return Err(bad("slot")),
        }
    }
    Ok(Job {
        kind,
        params,
        files,
        limit,
        workers,
    })
}

/// The largest frame of a worker's answer (its writer sends [`FRAME`] bytes at a time).
const MAX_FRAME: u32 = 16 * 1024 * 1024;

/// The bytes a worker's answer is framed by.
const FRAME: usize = 64 * 1024;

/// A worker's standard output as the server reads it: the answer's bytes in frames (each a
/// little-endian `u32` length, then its bytes) as they are written, then a zero length and the
/// trailer ([`Framed::finish`]). Frames, so that the server can send the body on as it comes
/// and still find its end; a trailer, because whether the job ends well is known only then.
struct Framed<W: Write> {
    out: W,
    buf: Vec<u8>,
}

impl<W: Write> Framed<W> {
    fn new(out: W) -> Framed<W> {
        Framed {
            out,
            buf: Vec::with_capacity(FRAME),
        }
    }

    fn frame(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let len = u32::try_from(self.buf.len()).map_err(io::Error::other)?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    /// The rest of the body, then the trailer saying what it is (or the error that makes it
    /// none).
    fn finish(mut self, result: &Result<(), ApiError>) -> io::Result<()> {
        self.frame()?;
        self.out.write_all(&0u32.to_le_bytes())?;
        let head = match result {
            Ok(()) => json!({"ok": true}),
            Err(e) => json!({"ok": false, "status": e.status.as_u16(), "body": e.body}),
        };
        frame(&mut self.out, &head)?;
        self.out.flush()
    }
}

impl<W: Write> Write for Framed<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let n = data.len().min(FRAME - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() == FRAME {
            self.frame()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.frame()?;
        self.out.flush()
    }
}

/// What a worker's trailer says: the job ended well, or its error. `None` when it is no
/// trailer.
fn trailer_outcome(head: &Value) -> Option<Result<(), ApiError>> {
    if head["ok"].as_bool()? {
        return Some(Ok(()));
    }
    let status = head["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .and_then(|s| StatusCode::from_u16(s).ok())?;
    Some(Err(ApiError {
        status,
        body: head["body"].clone(),
    }))
}

/// Bound the worker's address space from its first instruction: set in the child between fork
/// and exec. Set by the worker itself once it runs, the limit came too late where the
/// allocator (mimalloc) had already reserved its arena: the work then took memory from that
/// reservation past the limit (one run in about seventeen finished a job of 300 MB under a
/// limit of 64 MB, `hostile_web::the_work_memory_limit_ends_a_real_big_job`).
#[cfg(unix)]
fn limit_before_exec(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the forked child before exec; it calls setrlimit only (an
    // async-signal-safe system call), allocates nothing and takes no lock.
    unsafe {
        command.pre_exec(move || {
            limit_memory(bytes);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_before_exec(_command: &mut Command, _bytes: u64) {}

/// Bound this process's address space (the worker's own memory limit).
#[cfg(unix)]
fn limit_memory(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct given and changes this process's limit only.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

/// Bound this process's committed memory (Windows: a job object of its own, holding only this
/// worker, with a per-process memory limit; an allocation past it fails as on Unix).
#[cfg(windows)]
fn limit_memory(bytes: u64) {
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_PROCESS_MEMORY,
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation,
        SetInformationJobObject,
    };
    use windows_sys::Win32::System::Threading::GetCurrentProcess;
    // SAFETY: a new unnamed job (its handle kept open for the process's life, so the limit
    // stays), a limit structure passed with its own size, and this process's pseudo-handle
    unsafe {
        let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
        if job.is_null() {
            return;
        }
        let mut info = JOBOBJECT_EXTENDED_LIMIT_INFORMATION::default();
        info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PROCESS_MEMORY;
        info.ProcessMemoryLimit = usize::try_from(bytes).unwrap_or(usize::MAX);
        if SetInformationJobObject(
            job,
            JobObjectExtendedLimitInformation,
            (&raw const info).cast(),
            std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
        ) != 0
        {
            AssignProcessToJobObject(job, GetCurrentProcess());
        }
    }
}

#[cfg(not(any(unix, windows)))]
fn limit_memory(_bytes: u64) {}

/// End this worker when the server that started it ends (a server killed outright must not
/// leave its workers running).
#[cfg(target_os = "linux")]
fn end_with_parent() {
    // SAFETY: prctl(PR_SET_PDEATHSIG) sets a flag of this process only.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
    // the server may have ended before the flag was set: then this process was adopted
    if std::os::unix::process::parent_id() == 1 {
        std::process::exit(1);
    }
}

#[cfg(not(target_os = "linux"))]
fn end_with_parent() {}

/// Debug builds only (the tests of the server's isolation, which must not depend on how much
/// memory a job happens to take on a loaded machine): a worker whose job's table is named as
/// `JIXIAO_DEBUG_WORKER_CRASH` says (`NAME` aborts, `panic:NAME` panics) ends so, as a crash of
/// the work would. Release builds have no such hook: the variable does nothing there.
#[cfg(debug_assertions)]
fn debug_crash(job: &Job) {
    let Some(how) = std::env::var_os("JIXIAO_DEBUG_WORKER_CRASH") else {
        return;
    };
    let how = how.to_string_lossy();
    let (panics, name) = match how.strip_prefix("panic:") {
        Some(name) => (true, name),
        None => (false, &*how),
    };
    if job.files.table.as_ref().is_some_and(|t| t.name == name) {
        if panics {
            panic!("JIXIAO_DEBUG_WORKER_CRASH: {name}");
        }
        std::process::abort();
    }
}

#[cfg(not(debug_assertions))]
fn debug_crash(_job: &Job) {}

/// This worker's memory limit, as it was started with it.
static WORK_MEMORY: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// The memory limit of the worker this process is (`None`: no worker, or none given): what
/// its job may hold beside the work is a part of it (`super::blockwise`).
pub(super) fn work_memory() -> Option<u64> {
    WORK_MEMORY.get().copied()
}

/// The worker: `jixiao __web-work [BYTES]` reads a job on standard input, does it and writes
/// its answer on standard output.
pub fn worker_main() -> ExitCode {
    end_with_parent();
    crate::report::keep_off_disk();
    if let Some(bytes) = std::env::args_os()
        .nth(2)
        .and_then(|a| a.to_str().and_then(|a| a.parse().ok()))
    {
        limit_memory(bytes);
        let _ = WORK_MEMORY.set(bytes);
    }
    let job = match read_job(&mut io::stdin().lock()) {
        Ok(job) => job,
        Err(e) => {
            eprintln!("jixiao {WORKER_ARG}: {e}");
            return ExitCode::from(2);
        }
    };
    debug_crash(&job);
    // the answer goes out as it is written, in frames, within the job's limit; the trailer
    // says what it is
    let mut stdout = Framed::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock()));
    let cancel = Cancel::default();
    let limit = job.limit;
    let result = job.execute_into(&mut Answer::to(&mut stdout, limit, &cancel));
    let code = match stdout.finish(&result) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    };
    show_peak_memory();
    code
}

/// The tests' measure of one job's memory, as the command line's (`JIXIAO_SHOW_PEAK_MEMORY`,
/// `src/main.rs`): the worker's own peak resident memory on the server's standard error.
fn show_peak_memory() {
    if std::env::var_os("JIXIAO_SHOW_PEAK_MEMORY").is_none() {
        return;
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
    {
        eprintln!(
            "jixiao {WORKER_ARG} {}",
            line.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_and_its_replies_cross_the_wire_whole() {
        let job = Job {
            kind: JobKind::Evaluate,
            params: Params {
                format: Some("csv".into()),
                year: Some(2023),
                columns: Some("实际完成值=完成情况".into()),
                ..Params::default()
            },
            files: Files {
                table: Some(Upload {
                    name: "表.tsv".into(),
                    bytes: b"a\tb\n".to_vec(),
                }),
                actuals: None,
                rules: vec![
                    Upload {
                        name: "r1.yaml".into(),
                        bytes: vec![0, 1, 2],
                    },
                    Upload {
                        name: "r2.yaml".into(),
                        bytes: Vec::new(),
                    },
                ],
                fields: vec![("year".into(), "2023".into())],
                dropped: vec![Upload {
                    name: "x.xlsx".into(),
                    bytes: vec![9; 100_000],
                }],
                // what sorting the dropped files finds: filled in the worker, never sent
                ..Files::default()
            },
            limit: 12345,
            workers: 3,
        };
        let mut wire = Vec::new();
        write_job(&mut wire, &job).unwrap();
        let back = read_job(&mut wire.as_slice()).unwrap();
        assert_eq!(format!("{back:?}"), format!("{job:?}"));
        // a cut-off job is an error, never a shorter job
        assert!(read_job(&mut &wire[..wire.len() - 1]).is_err());

        // an answer crosses in frames, then its trailer; relayed into a spout that holds it
        let relayed = |wire: &[u8]| {
            let (mut spout, _) = Spout::new(1 << 30);
            match relay(wire, &mut spout, 1 << 30) {
                Ok(Some(result)) => match spout.finish(result) {
                    super::super::flow::Ended::Whole(r) => Some(r),
                    super::super::flow::Ended::SentOn => unreachable!(),
                },
                Ok(None) => None,
                Err(_) => panic!("relay failed"),
            }
        };
        let body: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let mut wire = Vec::new();
        let mut framed = Framed::new(&mut wire);
        framed.write_all(b"x,y\n").unwrap();
        framed.write_all(&body).unwrap();
        framed.finish(&Ok(())).unwrap();
        let whole = wire.clone();
        let back = relayed(&wire).unwrap().unwrap();
        assert_eq!(&back[..4], b"x,y\n");
        assert_eq!(&back[4..], &body[..]);
        // a worker that died mid-answer wrote no trailer: no answer, never a shorter one
        for cut in [1, 3, 5, 9, whole.len() - 70_000, whole.len() - 4] {
            assert!(relayed(&whole[..whole.len() - cut]).is_none(), "{cut}");
        }
        // an error after part of the body was written: the error, the part dropped
        let mut wire = Vec::new();
        let mut framed = Framed::new(&mut wire);
        framed.write_all(b"<h2>half a page").unwrap();
        let e = ApiError::new(
            StatusCode::BAD_REQUEST,
            crate::codes::WEB_BAD_QUERY,
            "坏了",
            None,
        );
        framed.finish(&Err(e)).unwrap();
        let back = relayed(&wire).unwrap().unwrap_err();
        assert_eq!(back.status, StatusCode::BAD_REQUEST);
        assert_eq!(back.body["error"]["message"], "坏了");
        assert!(relayed(&wire[..3]).is_none());
    }
}
