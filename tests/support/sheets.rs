//! Generated self-evaluation sheets and files for the tests that read them block by block
//! (`tests/blocks.rs`, `tests/blockwise.rs`).

use std::io::Write;
use std::path::PathBuf;

use jixiao::synth::{Rng, Spec, Vocabulary, write_sheet};

/// A generated sheet of `projects` projects, `per_unit` a unit; an odd `seed` gives actuals
/// that rarely repeat.
pub fn generated(projects: usize, per_unit: usize, seed: u64) -> String {
    let spec = Spec {
        projects,
        indicators: None,
        projects_per_unit: per_unit,
        seed,
        varied_actuals: seed % 2 == 1,
    };
    let vocab = Vocabulary::bundled(&mut Rng::new(seed));
    let mut out = Vec::new();
    write_sheet(&vocab, spec, &mut out).expect("writes to memory");
    String::from_utf8(out).expect("UTF-8")
}

/// `bytes` written to `target/DIR/NAME`.
pub fn write_file(dir: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(dir);
    std::fs::create_dir_all(&dir).expect("target dir");
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write test file");
    path
}
