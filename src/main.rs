//! The `jixiao` binary: everything lives in the library; see [`jixiao::cli`].
//!
//! mimalloc replaces the system allocator: evaluation builds and drops many small strings, and
//! glibc's malloc spent a fifth of the run consolidating and unlinking chunks (measured with
//! `perf` on a 90 000-indicator sheet; see benches/README.md).

#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // a file-size limit met while writing is a write error, not the end of the process
    jixiao::cli::file_size_limit_is_an_error();
    // `jixiao serve` does each request's work in a process of its own (see jixiao::web::isolate)
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == jixiao::web::isolate::WORKER_ARG)
    {
        return jixiao::web::isolate::worker_main();
    }
    let code = jixiao::cli::main();
    // the tests' measure of one run's own memory: a parent's `wait4` also counts the memory of
    // the test process the child was spawned from
    if std::env::var_os("JIXIAO_SHOW_PEAK_MEMORY").is_some()
        && let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
    {
        eprintln!(
            "jixiao {}",
            line.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
    code
}
