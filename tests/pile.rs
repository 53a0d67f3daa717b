//! A pile of forms in one run (issue 26): files, folders (`--recursive`) and a `.zip` built
//! here from `tests/fixtures/forms`, with copies of one form in several formats, an unreadable
//! file and a form whose own sums disagree; the roll-up's figures, order and totals; the same
//! bytes at 1 and 2 threads; hostile archives and a symlink loop.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const FORMS: &str = "tests/fixtures/forms";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args).current_dir(cwd).env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pile-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(FORMS).join(name)).unwrap()
}

fn copy(to: &Path, name: &str) {
    std::fs::write(to.join(name), fixture(name)).unwrap();
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

const F01: &str = "f01-tianchang-water-2022-selfeval.xlsx";
const F01_CSV: &str = "f01-tianchang-water-2022-selfeval-gbk.csv";
const F02: &str = "f02-zhongjiang-water-2022-selfeval.xlsx";
const F02_DOCX: &str = "f02-zhongjiang-water-2022-selfeval.docx";
const F03: &str = "f03-yongde-minglang-school-2022-selfeval.xlsx";
const F03_DOCX: &str = "f03-yongde-minglang-school-2022-selfeval.docx";
const F03_XLS: &str = "f03-yongde-minglang-school-2022-selfeval.xls";
const F05: &str = "f05-district-commerce-2020-selfeval.xlsx";
const F06: &str = "f06-qingshen-fagai-2023-selfeval-unscored.xlsx";
/// A Word 97 form and a web page saved by Writer (`tests/fixtures/formats`).
const F07_DOC: &str = "f07-tangxi-town-2022-selfeval-partial.doc";
const F03_HTML: &str = "f03-yongde-minglang-school-2022-selfeval.writer.html";
const FORMATS: &str = "tests/fixtures/formats";

fn format_fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(FORMATS)
            .join(name),
    )
    .unwrap()
}

/// The pile: f01 as xlsx and GBK csv, f03 as xlsx, xls and docx, f05 (its sums disagree),
/// f07 as a Word 97 .doc, f02 as xlsx in a subfolder and as docx in a zip with f06 and f03 as
/// a web page, a file that is no workbook, and a note that is passed over.
fn pile(name: &str) -> PathBuf {
    let d = dir(name);
    for f in [F01, F01_CSV, F03, F03_XLS, F03_DOCX, F05] {
        copy(&d, f);
    }
    std::fs::write(d.join(F07_DOC), format_fixture(F07_DOC)).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    copy(&d.join("sub"), F02);
    std::fs::write(
        d.join("units.zip"),
        zip_of(&[
            (F02_DOCX, &fixture(F02_DOCX)),
            (F06, &fixture(F06)),
            (F03_HTML, &format_fixture(F03_HTML)),
        ]),
    )
    .unwrap();
    std::fs::write(d.join("broken.xlsx"), b"not a workbook at all").unwrap();
    std::fs::write(d.join("notes.md"), "说明").unwrap();
    d
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr))
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn the_roll_up_of_a_pile() {
    let d = pile("rollup");
    let r = run(
        &d,
        &["evaluate", ".", "--recursive", "--format", "json"],
        &[],
    );
    // a file could not be read: exit 3, the rest reported
    assert_eq!(r.code, 3, "{}", r.stderr);
    let v = json(&r);
    let t = &v["totals"];
    assert_eq!(t["tables"], 6);
    assert_eq!(t["forms"], 6);
    assert_eq!(t["unread"], 1);
    // f01's csv, f03's xls, docx and web page (in the zip), f02's docx in the zip
    assert_eq!(t["copies"], 5);
    assert_eq!(t["agreeing"], 2);
    assert_eq!(t["differing"], 2);
    assert_eq!(t["unchecked"], 1);
    assert_eq!(t["not_printed"], 1);
    assert_eq!(t["grade_changes"], 0);
    assert_eq!(t["rows_differing"], 3);

    let forms = v["forms"].as_array().unwrap();
    let files: Vec<&str> = forms.iter().map(|f| s(&f["file"])).collect();
    // by the size of the difference (f03: 96 printed, 99.80 recomputed), then the forms that
    // agree (difference 0) by file, then those without a difference by the rows differing
    // (f07: no printed total, one row differs), then by file (未核对, 待评定)
    assert_eq!(
        files,
        [
            format!("./{F03}"),
            format!("./{F01}"),
            format!("./sub/{F02}"),
            format!("./{F07_DOC}"),
            format!("./{F05}"),
            format!("./units.zip!{F06}"),
        ]
    );
    let f03 = &forms[0];
    assert_eq!(s(&f03["unit"]), "永德县明朗中学");
    assert_eq!(s(&f03["department"]), "永德县教育体育局");
    assert_eq!(s(&f03["sheet"]), "Sheet1");
    assert_eq!(s(&f03["printed_total"]), "96");
    assert_eq!(s(&f03["printed_grade"]), "优");
    assert_eq!(s(&f03["total"]), "99.80");
    assert_eq!(s(&f03["grade"]), "优");
    assert_eq!(s(&f03["difference"]), "3.80");
    assert_eq!(f03["rows_differing"], 2);
    assert_eq!(s(&f03["check"]), "differs");
    assert_eq!(s(&f03["status"]), "scored");
    assert_eq!(f03["grade_changed"], false);

    let f01 = &forms[1];
    assert_eq!(s(&f01["printed_total"]), "100");
    assert_eq!(s(&f01["difference"]), "0.00");
    assert_eq!(s(&f01["check"]), "agrees");
    assert_eq!(s(&f01["department"]), "（未写主管部门）");

    let f07 = &forms[3];
    assert_eq!(s(&f07["check"]), "differs");
    assert!(f07["printed_total"].is_null() && f07["difference"].is_null());
    assert_eq!(s(&f07["total"]), "90.00");
    assert_eq!(f07["rows_differing"], 1);
    assert_eq!(s(&f07["department"]), "219-池州市贵池区棠溪镇人民政府");

    let f05 = &forms[4];
    assert_eq!(s(&f05["status"]), "unchecked");
    assert_eq!(s(&f05["check"]), "unchecked");
    assert!(f05["total"].is_null() && f05["grade"].is_null());
    assert!(f05["difference"].is_null());

    let f06 = &forms[5];
    assert_eq!(s(&f06["status"]), "pending");
    assert_eq!(s(&f06["check"]), "not_printed");
    assert!(f06["printed_total"].is_null());

    // totals per unit add up to the pile's
    let units = v["units"].as_array().unwrap();
    assert_eq!(units.len(), 6);
    let sum = |k: &str| units.iter().map(|u| u[k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum("forms"), 6);
    assert_eq!(sum("agreeing"), 2);
    assert_eq!(sum("differing"), 2);
    assert_eq!(sum("unchecked"), 1);
    assert_eq!(sum("not_printed"), 1);
    assert_eq!(sum("rows_differing"), 3);
    let depts: Vec<&str> = v["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| s(&d["name"]))
        .collect();
    assert_eq!(
        depts,
        [
            "219-池州市贵池区棠溪镇人民政府",
            "中江县水利局",
            "区商务局",
            "永德县教育体育局",
            "青神县发展和改革局本级",
            "（未写主管部门）"
        ]
    );

    // the unreadable file, with its reason
    let unread = v["unread"].as_array().unwrap();
    assert_eq!(unread.len(), 1);
    assert_eq!(s(&unread[0]["file"]), "./broken.xlsx");
    assert_eq!(s(&unread[0]["code"]), "table.not-workbook");
    assert!(r.stderr.contains("./broken.xlsx"), "{}", r.stderr);

    // copies: read once, named
    let copies: Vec<(String, Vec<String>)> = v["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                s(&c["file"]).to_owned(),
                c["copies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| s(x).to_owned())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        copies,
        [
            (format!("./{F01}"), vec![format!("./{F01_CSV}")]),
            (
                format!("./{F03}"),
                vec![
                    format!("./{F03_XLS}"),
                    format!("./{F03_DOCX}"),
                    format!("./units.zip!{F03_HTML}")
                ]
            ),
            (
                format!("./sub/{F02}"),
                vec![format!("./units.zip!{F02_DOCX}")]
            ),
        ]
    );

    // 复核意见: the total, then each differing row with both figures and the reason
    let ops = v["opinions"].as_array().unwrap();
    let items: Vec<(&str, &str, &str)> = ops
        .iter()
        .map(|o| (s(&o["item"]), s(&o["printed"]), s(&o["recomputed"])))
        .collect();
    assert_eq!(
        items,
        [
            ("总分", "96", "99.80"),
            ("3 资金到位及时率", "7", "10.00"),
            ("6 政策知晓率", "9", "9.80"),
            ("预算执行率", "0", "10.00"),
            ("合计", "100", "未核对"),
        ]
    );
    assert!(
        s(&ops[1]["at"]).contains(&format!("{F03}:16 F16")),
        "{}",
        ops[1]
    );
    assert!(!s(&ops[2]["reason"]).is_empty());
    assert!(
        s(&ops[3]["at"]).contains(&format!("{F07_DOC}:7 A7")),
        "{}",
        ops[3]
    );
    assert!(s(&ops[4]["reason"]).contains("80"), "{}", ops[4]);
}

#[test]
fn the_same_bytes_at_one_and_two_threads() {
    let d = pile("threads");
    for format in ["json", "table", "markdown", "csv", "jsonl", "html"] {
        let one = run(
            &d,
            &[
                "evaluate",
                ".",
                "--recursive",
                "--format",
                format,
                "--jobs",
                "1",
            ],
            &[],
        );
        let two = run(
            &d,
            &[
                "evaluate",
                ".",
                "--recursive",
                "--format",
                format,
                "--jobs",
                "2",
            ],
            &[],
        );
        assert_eq!(one.code, 3);
        assert_eq!(one.stdout, two.stdout, "{format}");
        assert_eq!(one.stderr, two.stderr, "{format}");
    }
}

/// The roll-up part of a text report (before the first form's 自评表).
fn roll_up_part<'a>(text: &'a str, mark: &str) -> &'a str {
    &text[..text.find(mark).unwrap_or(text.len())]
}

#[test]
fn roll_up_snapshots() {
    let d = pile("snapshots");
    let table = run(&d, &["evaluate", ".", "--recursive"], &[]);
    // every form's scored 自评表 follows, under its file name
    for f in [F01, F03, F05] {
        assert!(table.stdout.contains(&format!("════ ./{f} ════")), "{f}");
    }
    insta::assert_snapshot!("pile_table", roll_up_part(&table.stdout, "════"));
    let md = run(
        &d,
        &["evaluate", ".", "--recursive", "--format", "markdown"],
        &[],
    );
    insta::assert_snapshot!("pile_markdown", roll_up_part(&md.stdout, "\n---\n"));
}

#[test]
fn csv_roll_up_has_a_row_per_form_unread_file_and_opinion() {
    let d = pile("csv");
    let r = run(
        &d,
        &["evaluate", ".", "--recursive", "--format", "csv"],
        &[],
    );
    assert!(r.stdout.starts_with('\u{feff}'));
    let lines: Vec<&str> = r.stdout.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("record,file,sheet,department,unit,project,item,printed_total"));
    let count = |k: &str| lines.iter().filter(|l| l.starts_with(k)).count();
    assert_eq!(count("form,"), 6);
    assert_eq!(count("unread,"), 1);
    assert_eq!(count("opinion,"), 5);
    assert!(
        lines[1].starts_with(&format!(
            "form,./{F03},Sheet1,永德县教育体育局,永德县明朗中学,义务教育营养改善计划专项资金,,96,优,99.80,优,scored,3.80,2,0.00,differs,,"
        )),
        "{}",
        lines[1]
    );
}

#[test]
fn two_files_given_side_by_side_and_one_alone() {
    let d = dir("two-files");
    copy(&d, F01);
    copy(&d, F03);
    let both = run(&d, &["evaluate", F01, F03, "--format", "json"], &[]);
    assert_eq!(both.code, 0, "{}", both.stderr);
    assert_eq!(json(&both)["totals"]["forms"], 2);
    // one file alone: the 自评表 as before, no roll-up
    let one = run(&d, &["evaluate", F01], &[]);
    assert_eq!(one.code, 0);
    assert!(!one.stdout.contains("汇总："), "{}", one.stdout);
    // inspect and review take the pile too
    let inspect = run(&d, &["inspect", F01, F03], &[]);
    assert_eq!(inspect.code, 0, "{}", inspect.stderr);
    assert!(inspect.stdout.contains(&format!("════ {F03} ════")));
    let review = run(&d, &["review", ".", "--format", "json"], &[]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert_eq!(
        review.stdout.lines().filter(|l| l.starts_with('{')).count(),
        2,
        "{}",
        review.stdout
    );
}

#[test]
fn a_zip_bomb_is_refused_by_its_ratio() {
    let d = dir("bomb");
    copy(&d, F01);
    // 64 MB of one byte deflates to some 64 KB: a ratio near 1000
    let bomb = vec![b'1'; 64 * 1024 * 1024];
    std::fs::write(
        d.join("bomb.zip"),
        zip_of(&[("bomb.csv", &bomb), (F03, &fixture(F03))]),
    )
    .unwrap();
    drop(bomb);
    let r = run(&d, &["evaluate", ".", "--format", "json"], &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let v = json(&r);
    let unread = v["unread"].as_array().unwrap();
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(s(&unread[0]["file"]), "./bomb.zip!bomb.csv");
    assert_eq!(s(&unread[0]["code"]), "pile.zip-limit");
    assert!(s(&unread[0]["help"]).contains("JIXIAO_MAX_ZIP_RATIO"));
    assert!(r.stderr.contains("JIXIAO_MAX_ZIP_RATIO"), "{}", r.stderr);
    // the archive's other entry and the folder's form were read
    assert_eq!(v["totals"]["forms"], 2);
}

#[test]
fn zip_limits_on_entries_and_unzipped_size() {
    let d = dir("zip-limits");
    let entries = [
        (F01, fixture(F01)),
        (F03, fixture(F03)),
        (F05, fixture(F05)),
    ];
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    std::fs::write(d.join("three.zip"), zip_of(&refs)).unwrap();
    let r = run(
        &d,
        &["evaluate", "three.zip", "--format", "json"],
        &[("JIXIAO_MAX_ZIP_ENTRIES", "2")],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    let v = json(&r);
    assert_eq!(s(&v["unread"][0]["file"]), "three.zip");
    assert!(s(&v["unread"][0]["help"]).contains("JIXIAO_MAX_ZIP_ENTRIES"));
    assert_eq!(v["totals"]["forms"], 0);

    // 1 MB unzipped at most: random-looking bytes (not compressible) past it are refused
    let mut noise = Vec::with_capacity(700 * 1024);
    let mut x: u32 = 12345;
    while noise.len() < 700 * 1024 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        noise.push((x >> 16) as u8);
    }
    std::fs::write(
        d.join("big.zip"),
        zip_of(&[("a.csv", &noise), ("b.csv", &noise)]),
    )
    .unwrap();
    let r = run(
        &d,
        &["evaluate", "big.zip", "--format", "json"],
        &[("JIXIAO_MAX_ZIP_UNZIPPED_MB", "1")],
    );
    let v = json(&r);
    let unread: Vec<(&str, &str)> = v["unread"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (s(&u["file"]), s(&u["code"])))
        .collect();
    // a.csv fits (and is no table), b.csv passes the limit
    assert!(
        unread.contains(&("big.zip!b.csv", "pile.zip-limit")),
        "{unread:?}"
    );
    let b = v["unread"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["file"] == "big.zip!b.csv")
        .unwrap();
    assert!(s(&b["help"]).contains("JIXIAO_MAX_ZIP_UNZIPPED_MB"));
}

#[test]
fn a_zip_entry_that_leaves_the_folder_is_refused() {
    let d = dir("escape");
    let outside = d.join("x.xlsx");
    let inner = d.join("in");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(
        inner.join("evil.zip"),
        zip_of(&[
            ("../../x.xlsx", &fixture(F01)),
            ("/abs/y.xlsx", &fixture(F01)),
            (F03, &fixture(F03)),
        ]),
    )
    .unwrap();
    let r = run(&inner, &["evaluate", "evil.zip", "--format", "json"], &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let v = json(&r);
    let codes: Vec<(&str, &str)> = v["unread"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (s(&u["file"]), s(&u["code"])))
        .collect();
    assert_eq!(
        codes,
        [
            ("evil.zip!../../x.xlsx", "pile.zip-entry-escapes"),
            ("evil.zip!/abs/y.xlsx", "pile.zip-entry-escapes"),
        ]
    );
    assert_eq!(v["totals"]["forms"], 1);
    assert!(!outside.exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_walked_once() {
    let d = dir("loop");
    copy(&d, F01);
    std::fs::create_dir(d.join("a")).unwrap();
    copy(&d.join("a"), F03);
    std::os::unix::fs::symlink("..", d.join("a").join("back")).unwrap();
    let r = run(
        &d,
        &["evaluate", ".", "--recursive", "--format", "json"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r);
    assert_eq!(v["totals"]["forms"], 2);
    assert_eq!(v["totals"]["copies"], 0);
    assert!(r.stderr.contains("符号链接"), "{}", r.stderr);
}

#[test]
fn without_recursive_subfolders_are_named_not_read() {
    let d = pile("flat");
    let r = run(&d, &["evaluate", ".", "--format", "json"], &[]);
    let v = json(&r);
    assert_eq!(v["totals"]["forms"], 6, "f02 comes from the zip instead");
    assert!(r.stderr.contains("--recursive"), "{}", r.stderr);
    assert!(r.stderr.contains("sub"), "{}", r.stderr);
}

/// The sheets of an xlsx, and the internal links of its first sheet (`location` of each
/// `<hyperlink>`, in order) and the cells they sit in.
fn xlsx_read_back(bytes: &[u8]) -> (Vec<String>, Vec<(String, String)>) {
    use calamine::Reader;
    let wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheets = wb.sheet_names().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    let re =
        regex::Regex::new(r#"<hyperlink ref="([A-Z]+[0-9]+)"[^>]*location="([^"]+)""#).unwrap();
    let links = re
        .captures_iter(&xml)
        .map(|c| (c[1].to_owned(), c[2].replace("&apos;", "'")))
        .collect();
    (sheets, links)
}

fn cell(range: &calamine::Range<calamine::Data>, row: usize, col: usize) -> String {
    range
        .get((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn the_xlsx_roll_up_read_back() {
    use calamine::Reader;
    let d = pile("xlsx");
    let r = run(
        &d,
        &[
            "evaluate",
            ".",
            "--recursive",
            "--format",
            "xlsx",
            "-o",
            "out.xlsx",
        ],
        &[],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    let bytes = std::fs::read(d.join("out.xlsx")).unwrap();
    let (sheets, links) = xlsx_read_back(&bytes);
    // 汇总 first, then one sheet per table read (by file)
    assert_eq!(sheets, ["汇总", "表1", "表2", "表3", "表4", "表5", "表6"]);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let sum = wb.worksheet_range("汇总").unwrap();
    assert!(
        cell(&sum, 0, 0).starts_with("汇总：读取 6 张表"),
        "{}",
        cell(&sum, 0, 0)
    );
    // the forms in the roll-up's order, figures as numbers
    assert_eq!(cell(&sum, 2, 0), "各表");
    assert_eq!(cell(&sum, 3, 15), "自评表");
    let files: Vec<String> = (4..10).map(|r| cell(&sum, r, 1)).collect();
    assert_eq!(
        files,
        [
            format!("./{F03}"),
            format!("./{F01}"),
            format!("./sub/{F02}"),
            format!("./{F07_DOC}"),
            format!("./{F05}"),
            format!("./units.zip!{F06}"),
        ]
    );
    assert_eq!(sum.get((4, 6)), Some(&calamine::Data::Float(96.0)));
    assert_eq!(sum.get((4, 8)), Some(&calamine::Data::Float(99.8)));
    assert_eq!(sum.get((4, 10)), Some(&calamine::Data::Float(3.8)));
    assert_eq!(sum.get((4, 11)), Some(&calamine::Data::Float(2.0)));
    assert_eq!(cell(&sum, 4, 13), "不一致");
    // 未核对: no total, the word instead; no difference
    assert_eq!(cell(&sum, 8, 8), "未核对");
    assert!(matches!(
        sum.get((8, 10)),
        None | Some(calamine::Data::Empty)
    ));
    // each form links to its table's sheet; tables are numbered by file
    let by_file = [
        F01,
        F03,
        F05,
        F07_DOC,
        &format!("sub/{F02}"),
        &format!("units.zip!{F06}"),
    ];
    let mut want: Vec<(String, String)> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let n = by_file.iter().position(|b| f.ends_with(*b)).unwrap() + 1;
            (format!("P{}", i + 5), format!("'表{n}'!A1"))
        })
        .collect();
    want.sort();
    let mut got = links.clone();
    got.sort();
    assert_eq!(got, want);
    // each table's sheet starts with its file and holds its 自评表
    let t2 = wb.worksheet_range("表2").unwrap();
    assert_eq!(cell(&t2, 0, 0), format!("./{F03}"));
    assert!(
        cell(&t2, 2, 0).starts_with("永德县明朗中学"),
        "{}",
        cell(&t2, 2, 0)
    );
    // the opinions at the end of 汇总, with where each row is
    let height = sum.height();
    let texts: Vec<String> = (0..height).map(|r| cell(&sum, r, 4)).collect();
    assert!(texts.iter().any(|t| t == "3 资金到位及时率"), "{texts:?}");
}

#[test]
fn past_the_sheet_limit_one_detail_sheet() {
    use calamine::Reader;
    let d = dir("detail");
    for f in [F01, F03, F05] {
        copy(&d, f);
    }
    let gathered = jixiao::pile::gather(std::slice::from_ref(&d), false);
    let sorted = jixiao::pile::sort(gathered, &Default::default(), 1);
    let rules = jixiao::rules::RuleSet::bundled();
    let methodology = jixiao::eval::Methodology::from_rules(rules);
    let (evaluated, unread) = jixiao::pile::evaluate(
        &sorted,
        &jixiao::pile::Settings {
            methodology: &methodology,
            rules,
            year: None,
            workers: 1,
        },
    );
    let rollup = jixiao::pile::rollup::build(evaluated, unread);
    let bytes = jixiao::pile::xlsx::render_xlsx_within(&rollup, 2).unwrap();
    let (sheets, links) = xlsx_read_back(&bytes);
    assert_eq!(sheets, ["汇总", "明细"]);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let detail = wb.worksheet_range("明细").unwrap();
    // every link lands on the row where its table's file is written
    assert_eq!(links.len(), 3);
    for (at, to) in &links {
        let row: usize = to.trim_start_matches("'明细'!A").parse().unwrap();
        let sum = wb.worksheet_range("汇总").unwrap();
        let form_row: usize = at[1..].parse::<usize>().unwrap() - 1;
        assert_eq!(
            cell(&detail, row - 1, 0),
            cell(&sum, form_row, 1),
            "{at} → {to}"
        );
    }
    // at or under the limit: a sheet per table
    let (sheets, _) = xlsx_read_back(&jixiao::pile::xlsx::render_xlsx_within(&rollup, 3).unwrap());
    assert_eq!(sheets, ["汇总", "表1", "表2", "表3"]);
}

#[test]
fn html_and_jsonl_roll_ups() {
    let d = pile("html-jsonl");
    let html = run(
        &d,
        &["evaluate", ".", "--recursive", "--format", "html"],
        &[],
    );
    assert_eq!(html.code, 3, "{}", html.stderr);
    let page = &html.stdout;
    assert!(page.starts_with("<!DOCTYPE html>"));
    // each form links to its table's section (tables numbered by file: f03 is the second)
    assert!(
        page.contains(&format!("<a href=\"#t2\">./{F03}</a>")),
        "{page}"
    );
    for n in 1..=6 {
        assert!(page.contains(&format!("<section id=\"t{n}\">")), "t{n}");
    }
    assert!(!page.contains("<section id=\"t7\">"));
    assert!(page.contains("复核意见"));

    let jl = run(
        &d,
        &["evaluate", ".", "--recursive", "--format", "jsonl"],
        &[],
    );
    assert_eq!(jl.code, 3, "{}", jl.stderr);
    let lines: Vec<Value> = jl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // one line per form, then the totals line
    assert_eq!(lines.len(), 7);
    assert!(lines[..6].iter().all(|l| l["record"] == "form"));
    let totals = &lines[6];
    assert_eq!(totals["record"], "totals");
    assert_eq!(totals["totals"]["forms"], 6);
    assert_eq!(totals["totals"]["unread"], 1);
    assert_eq!(s(&totals["unread"][0]["file"]), "./broken.xlsx");
    // each form carries its own opinions: f03 its total and two rows, f07 its row, f05 its 合计
    let f03 = lines
        .iter()
        .find(|l| l["file"] == format!("./{F03}"))
        .unwrap();
    let items: Vec<&str> = f03["opinions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| s(&o["item"]))
        .collect();
    assert_eq!(items, ["总分", "3 资金到位及时率", "6 政策知晓率"]);
    assert_eq!(s(&f03["difference"]), "3.80");
    let opinions: usize = lines[..6]
        .iter()
        .map(|l| l["opinions"].as_array().unwrap().len())
        .sum();
    assert_eq!(opinions, 5);
}

#[test]
fn an_actuals_file_applies_to_the_table_its_names_match() {
    let d = dir("actuals");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/guangzhou-hpf-2023");
    for f in ["targets.tsv", "actuals.yaml"] {
        std::fs::copy(sample.join(f), d.join(f)).unwrap();
    }
    copy(&d, F01);
    // a target table with no actuals at all: listed, not scored as zeros
    copy(&d, "t03-qingshan-kejing-2021-target.xlsx");
    // an actuals file whose names match nothing
    std::fs::write(
        d.join("other.yaml"),
        "projects:\n  - unit: 不存在的单位\n    project: 不存在的项目\n    indicators:\n      - indicator: 不存在\n        actual: 1\n",
    )
    .unwrap();
    let r = run(&d, &["evaluate", ".", "--format", "json"], &[]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let v = json(&r);
    let forms = v["forms"].as_array().unwrap();
    let from_targets: Vec<&Value> = forms
        .iter()
        .filter(|f| f["file"] == "./targets.tsv")
        .collect();
    assert!(!from_targets.is_empty());
    for f in &from_targets {
        assert_eq!(s(&f["actuals"]), "./actuals.yaml", "{f}");
    }
    let f01 = forms
        .iter()
        .find(|f| f["file"] == format!("./{F01}"))
        .unwrap();
    assert!(f01["actuals"].is_null());
    let unread: Vec<(&str, &str)> = v["unread"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (s(&u["file"]), s(&u["code"])))
        .collect();
    assert_eq!(
        unread,
        [
            ("./other.yaml", "pile.actuals-unused"),
            ("./t03-qingshan-kejing-2021-target.xlsx", "eval.no-actuals"),
        ]
    );
    assert_eq!(v["totals"]["tables"], 2);
}

/// A rule file whose veto holds on f01 (its 工程质量 row), named as a reviewer would.
const LOCAL_RULES: &str = "rules:\n  - id: local.veto.quality\n    when: indicator ~ \"工程质量\"\n    veto: {grade: 差, message: 工程质量本地一票否决}\n";

fn f01_vetoes(v: &Value) -> Vec<String> {
    let f01 = v["forms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| s(&f["file"]).ends_with(F01))
        .unwrap_or_else(|| panic!("no f01 in {v}"));
    f01["vetoes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| s(x).to_owned())
        .collect()
}

#[test]
fn rule_files_in_a_zip_load_as_a_folder_s_do() {
    // in an archive: rules/local.yaml beside the forms
    let d = dir("zip-rules");
    std::fs::write(
        d.join("units.zip"),
        zip_of(&[
            (F01, &fixture(F01)),
            (F03, &fixture(F03)),
            ("rules/local.yaml", LOCAL_RULES.as_bytes()),
        ]),
    )
    .unwrap();
    let r = run(&d, &["evaluate", "units.zip", "--format", "json"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r);
    assert!(
        v["unread"].as_array().unwrap().is_empty(),
        "{}",
        v["unread"]
    );
    let vetoes = f01_vetoes(&v);
    assert_eq!(vetoes.len(), 1, "{vetoes:?}");
    assert!(vetoes[0].contains("工程质量本地一票否决"), "{vetoes:?}");
    // f03 has no such row: no veto
    let f03 = v["forms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| s(&f["file"]).ends_with(F03))
        .unwrap();
    assert!(f03["vetoes"].as_array().unwrap().is_empty());

    // the same in a folder walked with --recursive: the same veto
    let f = dir("folder-rules");
    copy(&f, F01);
    copy(&f, F03);
    std::fs::create_dir(f.join("rules")).unwrap();
    std::fs::write(f.join("rules/local.yaml"), LOCAL_RULES).unwrap();
    let r = run(
        &f,
        &["evaluate", ".", "--recursive", "--format", "json"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(f01_vetoes(&json(&r)), vetoes);

    // a broken rule file in the archive is reported by its name in the archive and stops the
    // run, as a broken rule file given with --rules does
    std::fs::write(
        d.join("bad.zip"),
        zip_of(&[
            (F01, &fixture(F01)),
            ("rules/bad.yaml", b"rules:\n  - id: x\n    when: (\n"),
        ]),
    )
    .unwrap();
    let r = run(&d, &["evaluate", "bad.zip", "--format", "json"], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("bad.zip!rules/bad.yaml"), "{}", r.stderr);
}

/// 10^5 empty files beside one form: each listed as not read with its reason, the form scored,
/// in bounded time and without holding the files (they are read one batch at a time).
#[cfg(unix)]
#[test]
fn a_hundred_thousand_empty_files() {
    let d = dir("empty-files");
    copy(&d, F03);
    let empty = d.join("empty");
    std::fs::create_dir(&empty).unwrap();
    for i in 0..100_000 {
        std::fs::File::create(empty.join(format!("{i:06}.csv"))).unwrap();
    }
    let start = std::time::Instant::now();
    let r = run(
        &d,
        &["evaluate", ".", "--recursive", "--format", "jsonl"],
        &[],
    );
    let took = start.elapsed();
    assert_eq!(r.code, 3, "{}", &r.stderr[..r.stderr.len().min(2000)]);
    let last: Value = serde_json::from_str(r.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["record"], "totals");
    assert_eq!(last["totals"]["forms"], 1);
    assert_eq!(last["totals"]["unread"], 100_000);
    let unread = last["unread"].as_array().unwrap();
    assert_eq!(unread.len(), 100_000);
    assert_eq!(s(&unread[0]["file"]), "./empty/000000.csv");
    assert_eq!(s(&unread[99_999]["file"]), "./empty/099999.csv");
    // each with the same exact reason: an empty file
    let codes: std::collections::BTreeSet<&str> = unread.iter().map(|u| s(&u["code"])).collect();
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), ["table.empty"]);
    assert_eq!(s(&unread[7]["reason"]), "./empty/000007.csv 是空文件");
    // the one form is still scored
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.contains("\"record\":\"form\""))
            .count(),
        1
    );
    assert!(took.as_secs() < 60, "{took:?}");
    let _ = std::fs::remove_dir_all(&d);
}

/// `xlsx` with `from` replaced by `to` in its strings (a form of another unit).
fn xlsx_renamed(xlsx: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut bytes).unwrap();
        if name == "xl/sharedStrings.xml" || name.starts_with("xl/worksheets/") {
            // as written, or as character references (some writers)
            let refs = |t: &str| -> String {
                t.chars()
                    .map(|c| {
                        if c.is_ascii() {
                            c.to_string()
                        } else {
                            format!("&#{};", c as u32)
                        }
                    })
                    .collect()
            };
            bytes = String::from_utf8(bytes)
                .unwrap()
                .replace(from, to)
                .replace(&refs(from), &refs(to))
                .into_bytes();
        }
        entries.push((name, bytes));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_of(&refs)
}

#[test]
fn a_large_pile_shows_its_first_reader_findings_and_counts_the_rest() {
    // 60 forms whose sums disagree (f05: each a table.form-unchecked warning, and since
    // session 25 two table.form-points-shared ones, its heads' points shared as a guess): the
    // first 50 shown in full, the other 130 counted by code in one line, every form still in
    // the roll-up
    let d = dir("many-findings");
    let f05 = fixture("f05-district-commerce-2020-selfeval.xlsx");
    for i in 0..60 {
        let renamed = xlsx_renamed(&f05, "投资促进中心", &format!("投资促进中心{i:02}"));
        std::fs::write(d.join(format!("f05-{i:02}.xlsx")), renamed).unwrap();
    }
    let r = run(&d, &["evaluate", ".", "--format", "jsonl"], &[]);
    let shown = r.stderr.matches("table.form-unchecked\n").count()
        + r.stderr.matches("table.form-points-shared\n").count();
    assert_eq!(shown, 50, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "另有 130 个读表问题未逐条显示（table.form-points-shared 86，table.form-unchecked 44）"
        ),
        "{}",
        r.stderr
    );
    // one line a form, then the totals line
    assert_eq!(r.stdout.lines().count(), 61, "{}", r.stdout);
}

/// A FIFO (or a socket, a device, a broken link) named like a table in a folder: never opened
/// (a FIFO with no writer would wait for ever), and named — a warning on stderr beside the one
/// table's report, a `pile.not-a-file` row of the pile's unread files — never passed over
/// without a word (the tenth probe: `inputs`/`gather` kept regular files only, silently).
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_in_a_folder_is_named_never_opened_nor_passed_over() {
    let d = dir("fifo");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/guangzhou-hpf-2023");
    for f in ["targets.tsv", "actuals.yaml"] {
        std::fs::copy(sample.join(f), d.join(f)).unwrap();
    }
    let made = Command::new("mkfifo")
        .arg(d.join("x.csv"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    std::os::unix::fs::symlink("/dev/null", d.join("dev.tsv")).unwrap();
    std::os::unix::fs::symlink(d.join("gone.tsv"), d.join("broken.xlsx")).unwrap();
    let parent = d.parent().unwrap();
    for verb in ["evaluate", "inspect"] {
        let r = run(parent, &[verb, "pile-fifo"], &[]);
        assert_eq!(r.code, 0, "{verb}: {}", r.stderr);
        for (name, kind) in [
            ("x.csv", "命名管道（FIFO）"),
            ("dev.tsv", "设备"),
            ("broken.xlsx", "无法访问的链接或文件"),
        ] {
            let said = format!("pile-fifo/{name} 是{kind}，不是普通文件，未打开、未读取");
            assert!(r.stderr.contains(&said), "{verb}: {said}\n{}", r.stderr);
        }
        assert_eq!(
            r.stderr.matches("pile.not-a-file").count(),
            3,
            "{}",
            r.stderr
        );
    }
    // the one table's report is whole
    let r = run(parent, &["evaluate", "pile-fifo", "--format", "json"], &[]);
    assert_eq!(json(&r)["summary"]["indicators"], 77, "{}", r.stderr);
    // in a pile (a second table beside), a row of the roll-up's unread files each
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/jishan-2021-health/sheet.tsv"),
        d.join("second.tsv"),
    )
    .unwrap();
    let r = run(parent, &["evaluate", "pile-fifo", "--format", "json"], &[]);
    let unread = json(&r)["unread"].as_array().unwrap().clone();
    let not_files: Vec<&str> = unread
        .iter()
        .filter(|u| u["code"] == "pile.not-a-file")
        .map(|u| s(&u["file"]))
        .collect();
    assert_eq!(
        not_files,
        [
            "pile-fifo/broken.xlsx",
            "pile-fifo/dev.tsv",
            "pile-fifo/x.csv"
        ],
        "{unread:?}"
    );
}
