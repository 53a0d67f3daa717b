//! Where a streamed run's threads spend their time (issue 28: where the cores wait): each
//! thread of `eval::stream` (the cutter, the workers, the writer) times its steps — the work
//! and every wait on a queue, the turnstile or the output — and the totals are written to
//! stderr at the end of the run. Off unless `JIXIAO_STREAM_WAITS` is set (read once a run):
//! off, a timed step costs one branch and no clock read.
//!
//! Each thread's line gives its life (wall), its CPU time (`/proc/thread-self/stat`, 10 ms
//! ticks, where the system has it) and per step the wall seconds and how many times it ran;
//! the writer adds the most blocks it held out of order.

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The switch that turns the counters on.
pub const ENV: &str = "JIXIAO_STREAM_WAITS";

/// The run's counters: each thread's line, gathered when the thread ends.
pub struct Waits {
    start: Option<Instant>,
    lines: Mutex<Vec<String>>,
}

impl Waits {
    /// On when [`ENV`] is set (to anything but `0` or nothing).
    pub fn from_env() -> Self {
        let on = std::env::var_os(ENV).is_some_and(|v| !v.is_empty() && v != "0");
        Waits::new(on)
    }

    pub fn new(on: bool) -> Self {
        Waits {
            start: on.then(Instant::now),
            lines: Mutex::new(Vec::new()),
        }
    }

    pub fn on(&self) -> bool {
        self.start.is_some()
    }

    /// A thread's counters, its steps named in `steps` (at most [`STEPS`]).
    pub fn thread(&self, name: String, steps: &'static [&'static str]) -> Thread<'_> {
        Thread {
            waits: self,
            born: self.start.map(|_| Instant::now()),
            name,
            steps,
            spent: [(Duration::ZERO, 0); STEPS],
            most_held: 0,
        }
    }

    /// The report: the run's wall time then one line a thread (in the order they ended);
    /// nothing when off.
    pub fn report(&self) -> String {
        let Some(start) = self.start else {
            return String::new();
        };
        let mut s = format!(
            "流式计时（{ENV}）：共 {:.3} s\n",
            start.elapsed().as_secs_f64()
        );
        for line in self.lines.lock().map(|l| l.clone()).unwrap_or_default() {
            s.push_str("  ");
            s.push_str(&line);
            s.push('\n');
        }
        s
    }
}

/// Steps a thread can time.
pub const STEPS: usize = 6;

/// One thread's counters; its line is added to the run's when it is dropped.
pub struct Thread<'a> {
    waits: &'a Waits,
    /// When the thread began (`None`: off).
    born: Option<Instant>,
    name: String,
    steps: &'static [&'static str],
    /// Per step: wall time and count.
    spent: [(Duration, u64); STEPS],
    /// The most blocks held at once (the writer's blocks out of order).
    most_held: usize,
}

impl Thread<'_> {
    /// Runs `f` as step `step`, timed when on.
    #[inline]
    pub fn time<T>(&mut self, step: usize, f: impl FnOnce() -> T) -> T {
        if self.born.is_none() {
            return f();
        }
        let t = Instant::now();
        let r = f();
        let slot = &mut self.spent[step];
        slot.0 += t.elapsed();
        slot.1 += 1;
        r
    }

    /// When a step begins, for [`Thread::stop`] (a step too long for a closure).
    #[inline]
    pub fn start(&self) -> Option<Instant> {
        self.born.map(|_| Instant::now())
    }

    /// Ends step `step` begun at `started` ([`Thread::start`]).
    #[inline]
    pub fn stop(&mut self, step: usize, started: Option<Instant>) {
        if let Some(t) = started {
            let slot = &mut self.spent[step];
            slot.0 += t.elapsed();
            slot.1 += 1;
        }
    }

    /// Notes that `n` blocks are held at once.
    #[inline]
    pub fn held(&mut self, n: usize) {
        self.most_held = self.most_held.max(n);
    }

    fn line(&self, born: Instant) -> String {
        let mut s = format!("{}: life {:.3} s", self.name, born.elapsed().as_secs_f64());
        if let Some(cpu) = thread_cpu() {
            let _ = write!(s, ", cpu {cpu:.2} s");
        }
        for (name, (d, n)) in self.steps.iter().zip(self.spent) {
            let _ = write!(s, "; {name} {:.3} s ({n})", d.as_secs_f64());
        }
        if self.most_held > 0 {
            let _ = write!(s, "; most held {}", self.most_held);
        }
        s
    }
}

impl Drop for Thread<'_> {
    fn drop(&mut self) {
        if let Some(born) = self.born {
            let line = self.line(born);
            if let Ok(mut l) = self.waits.lines.lock() {
                l.push(line);
            }
        }
    }
}

/// This thread's CPU time (user + system) in seconds, from `/proc/thread-self/stat`.
fn thread_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // the fields after the command's closing parenthesis: state is the 3rd field, utime the 14th
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ').skip(11);
    let utime: f64 = fields.next()?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    // clock ticks: 100 a second on Linux (USER_HZ)
    Some((utime + stime) / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_records_nothing_and_runs_each_step() {
        let w = Waits::new(false);
        let mut t = w.thread("worker".into(), &["a"]);
        assert_eq!(t.time(0, || 7), 7);
        drop(t);
        assert_eq!(w.report(), "");
    }

    #[test]
    fn on_reports_each_thread_with_its_steps() {
        let w = Waits::new(true);
        let mut t = w.thread("writer".into(), &["recv", "write"]);
        t.time(0, || std::thread::sleep(Duration::from_millis(20)));
        t.time(1, || ());
        t.time(1, || ());
        t.held(3);
        drop(t);
        let r = w.report();
        assert!(r.starts_with("流式计时"), "{r}");
        let line = r.lines().nth(1).unwrap();
        assert!(line.starts_with("  writer: life "), "{line}");
        assert!(line.contains("; write 0.0"), "{line}");
        assert!(line.contains(" (2)"), "{line}");
        assert!(line.contains("; most held 3"), "{line}");
        let recv: f64 = line
            .split("; recv ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(recv >= 0.02, "{line}");
    }
}
