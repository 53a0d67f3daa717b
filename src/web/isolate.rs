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
//! `u32` length, a JSON head, then the bytes it announces; the answer is its body as it is
//! written, then a JSON trailer saying what it is (or the error that makes it none), then the
//! trailer's `u32` length. A trailer, so that the worker hands its answer on as it is made and
//! never holds it whole; the server reads it once, within the answer limit, and cuts the
//! trailer off without a copy (a page of downloads was held three times by the server and
//! once by the worker: 1.28 GB for a 10 MB sheet, the sixth probe's O2).

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::inputs::{ApiError, Files, Params, Upload};
use super::job::{Job, JobKind, Reply, ReplyHead};
use super::work::{Answer, Cancel};

/// The first argument that makes `jixiao` a worker (not a command a person types).
pub const WORKER_ARG: &str = "__web-work";

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

/// Do `job` in a worker process of `program`, killed when `cancel` is set.
pub fn run(
    program: &Path,
    memory: Option<u64>,
    job: Job,
    cancel: &Cancel,
) -> Result<Reply, ApiError> {
    let mut command = Command::new(program);
    command.arg(WORKER_ARG);
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
    let cap = job.limit.saturating_add(1 << 20) as u64;
    // read on its own thread, so that a worker writing a large answer never waits on us; past
    // the cap the pipe is closed and the worker's next write fails
    let reader = std::thread::spawn(move || match stdout {
        Some(out) => crate::bounded::read_to_limit(out, cap, 0),
        None => Ok(Some(Vec::new())),
    });
    let limit = job.limit;
    if let Some(mut stdin) = child.stdin.take() {
        // a worker that ended early (a broken job, a crash) shows in its status below
        let _ = write_job(&mut stdin, &job);
    }
    // the uploads are the worker's now: not held here while it works
    drop(job);
    let status = loop {
        if let Err(cancelled) = cancel.check() {
            let _ = child.kill();
            let _ = child.wait();
            let _ = reader.join();
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
    let answer = reader
        .join()
        .map_err(|_| internal("读取处理结果时出错".to_owned()))?
        .map_err(|e| internal(format!("读取处理结果时出错：{e}")))?;
    let Some(answer) = answer else {
        return Err(super::work::too_large(limit));
    };
    // an answer counts only from a worker that ended well (not one cut off mid-write)
    if !status.success() {
        return Err(crashed(status));
    }
    read_reply(answer).unwrap_or_else(|| Err(crashed(status)))
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
        let mut bytes = Vec::new();
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

/// The end of a worker's answer, after its body: what the body is (or the error that makes it
/// no answer), then the head's length. A trailer, not a head: the body is written on as it is
/// made, before it is known whether the job ends well, so the worker never holds it whole.
fn write_trailer(out: &mut impl Write, result: &Result<ReplyHead, ApiError>) -> io::Result<()> {
    let head = match result {
        Ok(head) => {
            json!({"ok": true, "content_type": head.content_type, "disposition": head.disposition})
        }
        Err(e) => json!({"ok": false, "status": e.status.as_u16(), "body": e.body}),
    };
    let head = serde_json::to_vec(&head).map_err(io::Error::from)?;
    let len = u32::try_from(head.len()).map_err(io::Error::other)?;
    out.write_all(&head)?;
    out.write_all(&len.to_le_bytes())?;
    out.flush()
}

/// The answer a worker wrote, `None` when it wrote none whole. Its body is the answer's own
/// bytes, the trailer cut off the end (never a copy: the answer may be hundreds of MB); the
/// body of an error is no answer, and is dropped.
fn read_reply(mut answer: Vec<u8>) -> Option<Result<Reply, ApiError>> {
    let at = answer.len().checked_sub(4)?;
    let len = u32::from_le_bytes(answer[at..].try_into().ok()?);
    if len > MAX_HEAD {
        return None;
    }
    let body_len = at.checked_sub(len as usize)?;
    let head: Value = serde_json::from_slice(&answer[body_len..at]).ok()?;
    if head["ok"].as_bool()? {
        answer.truncate(body_len);
        Some(Ok(Reply {
            content_type: head["content_type"].as_str()?.to_owned(),
            disposition: head["disposition"].as_str().map(str::to_owned),
            body: answer,
        }))
    } else {
        let status = head["status"]
            .as_u64()
            .and_then(|s| u16::try_from(s).ok())
            .and_then(|s| StatusCode::from_u16(s).ok())?;
        Some(Err(ApiError {
            status,
            body: head["body"].clone(),
        }))
    }
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
    }
    let job = match read_job(&mut io::stdin().lock()) {
        Ok(job) => job,
        Err(e) => {
            eprintln!("jixiao {WORKER_ARG}: {e}");
            return ExitCode::from(2);
        }
    };
    debug_crash(&job);
    // the answer goes out as it is written, within the job's limit; the trailer says what it is
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let cancel = Cancel::default();
    let limit = job.limit;
    let result = job.execute_into(&mut Answer::to(&mut stdout, limit, &cancel));
    match write_trailer(&mut stdout, &result) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
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

        let head = ReplyHead {
            content_type: "text/csv".into(),
            disposition: Some("attachment".into()),
        };
        let mut wire = b"x,y\n".to_vec();
        write_trailer(&mut wire, &Ok(head)).unwrap();
        let whole = wire.clone();
        assert_eq!(
            read_reply(wire).unwrap().unwrap(),
            Reply {
                content_type: "text/csv".into(),
                disposition: Some("attachment".into()),
                body: b"x,y\n".to_vec(),
            }
        );
        // a worker that died mid-answer wrote no trailer: no answer, never a shorter one
        for cut in [1, 3, 5, whole.len() - 4] {
            assert!(
                read_reply(whole[..whole.len() - cut].to_vec()).is_none(),
                "{cut}"
            );
        }
        // an error after part of the body was written: the error, the part dropped
        let mut wire = b"<h2>half a page".to_vec();
        let e = ApiError::new(
            StatusCode::BAD_REQUEST,
            crate::codes::WEB_BAD_QUERY,
            "坏了",
            None,
        );
        write_trailer(&mut wire, &Err(e)).unwrap();
        let back = read_reply(wire.clone()).unwrap().unwrap_err();
        assert_eq!(back.status, StatusCode::BAD_REQUEST);
        assert_eq!(back.body["error"]["message"], "坏了");
        assert!(read_reply(wire[..3].to_vec()).is_none());
    }
}
