//! Writes a synthetic self-evaluation sheet for benchmarks (see `jixiao::synth`):
//!
//! ```text
//! cargo run --release --example synth -- --projects 1000000 [--seed 2023] [--per-unit 20] -o FILE
//! cargo run --release --example synth -- --indicators 5000000 -o FILE
//! cargo run --release --example synth -- --indicators 1000000 --varied-actuals -o FILE
//! ```
//! `--varied-actuals` adds random digits to every numeric actual, so actuals hardly repeat.
//! Prints `projects indicators` on stderr. A benchmark helper, not a user command.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use jixiao::synth::{Rng, Spec, Vocabulary, write_sheet};

fn main() -> ExitCode {
    let mut spec = Spec::default();
    let mut output: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--projects" => spec.projects = value().parse().unwrap_or(spec.projects),
            "--indicators" => spec.indicators = value().parse().ok(),
            "--seed" => spec.seed = value().parse().unwrap_or(spec.seed),
            "--per-unit" => spec.projects_per_unit = value().parse().unwrap_or(20),
            "--varied-actuals" => spec.varied_actuals = true,
            "-o" | "--output" => output = Some(value()),
            _ => {
                eprintln!(
                    "usage: synth (--projects N | --indicators N) [--seed S] [--per-unit K] [--varied-actuals] [-o FILE]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let vocab = Vocabulary::bundled(&mut Rng::new(spec.seed));
    let mut out: Box<dyn Write> = match &output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(BufWriter::with_capacity(1 << 20, f)),
            Err(e) => {
                eprintln!("cannot write {p}: {e}");
                return ExitCode::from(2);
            }
        },
        None => Box::new(BufWriter::with_capacity(1 << 20, std::io::stdout().lock())),
    };
    match write_sheet(&vocab, spec, &mut out).and_then(|n| out.flush().map(|_| n)) {
        Ok((p, i)) => {
            eprintln!("{p} {i}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("write failed: {e}");
            ExitCode::from(2)
        }
    }
}
