//! Issue 29, where offices work: every verb on files and folders with Chinese names (and
//! spaces, and full-width brackets), as an officer names them, reading and writing (`-o`); and a
//! name that is not Unicode at all (Unix) read or refused with a message, never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples/guangzhou-hpf-2023")
        .join(name)
}

fn jixiao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env("JIXIAO_NO_BROWSER", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `args` (paths as given), expecting `code`, and returns stdout and stderr.
fn run(args: &[&dyn AsRef<std::ffi::OsStr>], code: i32) -> (String, String) {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    let out = jixiao(&args);
    let (o, e) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(code), "{args:?}\n{o}\n{e}");
    assert!(!e.contains("panicked"), "{args:?}: {e}");
    (o, e)
}

/// A folder as an office names it, holding the sample's target table, actuals and values.
fn office() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("某某局 2023年（预算）").join("绩效 自评");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(sample("targets.xlsx"), dir.join("项目支出绩效目标表.xlsx")).unwrap();
    std::fs::copy(sample("actuals.yaml"), dir.join("实际值（2023）.yaml")).unwrap();
    std::fs::copy(sample("indicators.tsv"), dir.join("指标值.tsv")).unwrap();
    (root, dir)
}

#[test]
fn every_verb_reads_and_writes_chinese_names() {
    let (_root, dir) = office();
    let table = dir.join("项目支出绩效目标表.xlsx");
    let actuals = dir.join("实际值（2023）.yaml");

    let (o, _) = run(&[&"parse", &dir.join("指标值.tsv")], 0);
    assert!(o.contains("物业管理覆盖面积"), "{o}");

    let (o, _) = run(&[&"inspect", &table], 0);
    assert!(o.contains(&table.display().to_string()), "{o}");
    assert!(o.contains("广州住房公积金管理中心"), "{o}");

    let (_, _) = run(&[&"review", &table], 0);

    // the fill-in workbook and the YAML template, written under Chinese names
    let fill = dir.join("填写表（待填）.xlsx");
    run(
        &[&"template", &table, &"--format", &"xlsx", &"-o", &fill],
        0,
    );
    assert!(std::fs::metadata(&fill).unwrap().len() > 0);
    let yaml = dir.join("实际值模板.yaml");
    run(&[&"template", &table, &"-o", &yaml], 0);
    assert!(std::fs::read_to_string(&yaml).unwrap().contains("物业管理"));

    // the report, in each file format, beside the inputs
    for (format, name) in [
        ("xlsx", "自评表 2023.xlsx"),
        ("json", "自评表.json"),
        ("csv", "自评表.csv"),
        ("html", "自评表.html"),
    ] {
        let report = dir.join(name);
        run(
            &[
                &"evaluate",
                &table,
                &actuals,
                &"--format",
                &format,
                &"-o",
                &report,
            ],
            0,
        );
        assert!(std::fs::metadata(&report).unwrap().len() > 0, "{name}");
    }
    let json = std::fs::read_to_string(dir.join("自评表.json")).unwrap();
    assert!(json.contains("项目支出绩效目标表.xlsx"), "{json}");

    // rule files
    let rules = dir.join("本局规则.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/satisfaction_floor.yaml"),
        &rules,
    )
    .unwrap();
    let (o, e) = run(&[&"rules", &"check", &rules], 0);
    assert!(
        o.contains("本局规则.yaml") || e.contains("本局规则.yaml"),
        "{o}{e}"
    );
    run(&[&"rules", &"list", &"--rules", &rules], 0);
    run(&[&"evaluate", &table, &actuals, &"--rules", &rules], 0);
}

#[test]
fn a_chinese_folder_is_evaluated_whole() {
    let (_root, dir) = office();
    std::fs::remove_file(dir.join("指标值.tsv")).unwrap();
    let (o, e) = run(&[&"evaluate", &dir], 0);
    // the files it used are named as they are, the actuals too
    assert!(e.contains("读取："), "{e}");
    assert!(e.contains("项目支出绩效目标表.xlsx"), "{e}");
    assert!(e.contains("实际值（2023）.yaml"), "{e}");
    assert!(o.contains("物业管理"), "{o}");
    // and a folder in a folder, read as a pile
    let (o, _) = run(&[&"evaluate", &dir.parent().unwrap(), &"--recursive"], 0);
    assert!(o.contains("项目支出绩效目标表.xlsx"), "{o}");
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_unicode_is_named_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let root = tempfile::tempdir().unwrap();
    let bad = root
        .path()
        .join(std::ffi::OsStr::from_bytes(b"\xff\xfe\xb1\xed.tsv"));
    std::fs::copy(sample("targets.tsv"), &bad).unwrap();
    // read: the report names the file (the bytes that are not text shown as U+FFFD)
    let (o, _) = run(&[&"inspect", &bad], 0);
    assert!(o.contains('\u{fffd}'), "{o}");
    // a mistyped verb beside it: the usage message, not a panic
    let (_, e) = run(&[&"evalute", &bad], 2);
    assert!(e.contains("evaluate"), "{e}");
    // an unknown flag beside it
    let (_, e) = run(&[&"evaluate", &bad, &"--formt", &"json"], 2);
    assert!(e.contains("--format"), "{e}");
}
