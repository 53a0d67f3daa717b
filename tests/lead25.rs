//! The lead's probe of session 25 as a finance officer following the README: `jixiao evaluate
//! 自评表.xlsx -o 复核后的自评表.xlsx` (its daily command) and `-o 结果.csv` (its advice for
//! Windows) wrote the terminal's text table into files of those names on `663762d`: Excel
//! refuses the `.xlsx` and shows the `.csv` as one column of text. Without `--format`, the
//! output's extension now decides (`cli::output_format`); a `--format` given wins, with a
//! warning where the extension names another format.

#[path = "support/reports.rs"]
#[allow(dead_code)]
mod reports;
use reports::run;

const SHEET: &str = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n\
     农田建设\t\t\t预算执行率\t100%\t100%\t10\n\
     农田建设\t产出指标\t数量指标\t新建面积\t≥5000亩\t5000亩\t90\n";

fn written(name: &str, out_name: &str, extra: &[&str]) -> (Vec<u8>, String) {
    let d = reports::dir("lead25", name);
    std::fs::write(d.join("a.tsv"), SHEET).unwrap();
    let mut args = vec!["evaluate", "a.tsv", "-o", out_name];
    args.extend_from_slice(extra);
    let out = run(&d, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    (std::fs::read(d.join(out_name)).unwrap(), out.stderr)
}

#[test]
fn the_outputs_extension_chooses_the_format_where_none_is_asked() {
    // a workbook: a zip holding the 自评表 (PK), not text
    let (xlsx, _) = written("xlsx", "复核后的自评表.xlsx", &[]);
    assert!(
        xlsx.starts_with(b"PK\x03\x04"),
        "{:?}",
        String::from_utf8_lossy(&xlsx[..40])
    );
    // csv: UTF-8 with a BOM, comma-separated, the header row first
    let (csv, _) = written("csv", "结果.CSV", &[]);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("\u{feff}单位,项目,"), "{csv}");
    // JSON, JSON lines, html, markdown
    let (json, _) = written("json", "r.json", &[]);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["projects"][0]["project"], "农田建设");
    let (jsonl, _) = written("jsonl", "r.jsonl", &[]);
    let first = String::from_utf8(jsonl).unwrap();
    serde_json::from_str::<serde_json::Value>(first.lines().next().unwrap()).unwrap();
    let (html, _) = written("html", "r.htm", &[]);
    assert!(
        String::from_utf8(html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let (md, _) = written("md", "r.md", &[]);
    assert!(String::from_utf8(md).unwrap().contains("| 序号 |"));
    // any other name keeps the text table
    let (txt, _) = written("txt", "r.txt", &[]);
    assert!(String::from_utf8(txt).unwrap().contains("农田建设：总分"));
}

#[test]
fn a_format_asked_wins_and_a_disagreeing_extension_is_named() {
    let (csv, stderr) = written("asked", "r.xlsx", &["--format", "csv"]);
    assert!(String::from_utf8(csv).unwrap().starts_with("\u{feff}单位,"));
    assert!(stderr.contains("警告[output.format-extension]"), "{stderr}");
    assert!(stderr.contains("r.xlsx"), "{stderr}");
    // the format the extension names, asked: nothing to say
    let (_, stderr) = written("same", "r.csv", &["--format", "csv"]);
    assert!(!stderr.contains("output.format-extension"), "{stderr}");
}
