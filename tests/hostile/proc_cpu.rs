//! The CPU a process has used, for the hostile tests' bounds (`tests/hostile.rs`,
//! `tests/hostile_web.rs`): time on the CPU moves much less with the machine's load than the
//! wall clock.

/// CPU time (clock ticks) of a running process and, recursively, of its children alive or
/// reaped (`/proc/PID/stat`: utime, stime, cutime, cstime); 0 once it is gone. For a server,
/// whose work runs in worker processes, and for a child watched while it runs.
#[cfg(target_os = "linux")]
pub fn cpu_ticks(pid: u32) -> u64 {
    let fields = |pid: &str| -> Option<Vec<String>> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let rest = &stat[stat.rfind(')')? + 2..];
        Some(rest.split(' ').map(str::to_owned).collect())
    };
    let own =
        |f: &[String]| -> u64 { f[11..15].iter().filter_map(|v| v.parse::<u64>().ok()).sum() };
    let Some(f) = fields(&pid.to_string()) else {
        return 0;
    };
    let mut total = own(&f);
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Some(c) = fields(&name)
            && c[1] == pid.to_string()
        {
            total += cpu_ticks(name.parse().unwrap());
        }
    }
    total
}
