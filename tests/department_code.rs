//! Issue 29: a target table whose header gives `主管部门及编码：123001 某某县交通运输局` (the
//! templates that ask for the code beside the name) gives that 主管部门, code kept, in
//! `template`'s fill-in workbook and in the reports; the Ministry's form layout (`主管部门及编码`
//! as a label cell) the same. Hand-made tables of both layouts in `tests/fixtures/table/`.

use std::path::PathBuf;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};

const DEPARTMENT: &str = "123001 某某县交通运输局";

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/table")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn jixiao(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The cell right of the `主管部门` label on the first sheet that has one.
fn department_cell(path: &std::path::Path) -> Data {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            if let Some(at) = row.iter().position(|c| *c == "主管部门") {
                return row[at + 1].clone();
            }
        }
    }
    panic!("no 主管部门 label in {}", path.display());
}

const ACTUALS: &str = "projects:
  - unit: 某某县公路养护中心
    project: 乡村道路养护
    spent: \"118\"
    indicators:
      - {seq: 1, indicator: 养护里程, actual: 121公里}
      - {seq: 2, indicator: 养护合格率, actual: \"96%\"}
      - {seq: 3, indicator: 群众出行满意度, actual: \"92%\"}
";

#[test]
fn the_department_and_its_code_reach_the_template_and_the_reports() {
    for table in ["department-code.tsv", "department-code-form.tsv"] {
        let table = fixture(table);
        let dir = tempfile::tempdir().unwrap();
        // inspect names it
        let tree = jixiao(&["inspect", &table]);
        assert!(tree.contains(&format!("部门：{DEPARTMENT}")), "{tree}");
        // the fill-in workbook's 主管部门
        let fill = dir.path().join("自评表.xlsx");
        jixiao(&[
            "template",
            &table,
            "--format",
            "xlsx",
            "-o",
            &fill.to_string_lossy(),
        ]);
        assert_eq!(
            department_cell(&fill),
            Data::String(DEPARTMENT.into()),
            "{table}"
        );
        // the reports: the workbook's form, the JSON, the table's title
        let actuals = dir.path().join("实际值.yaml");
        std::fs::write(&actuals, ACTUALS).unwrap();
        let actuals = actuals.to_string_lossy().into_owned();
        let report = dir.path().join("报告.xlsx");
        jixiao(&[
            "evaluate",
            &table,
            &actuals,
            "--format",
            "xlsx",
            "-o",
            &report.to_string_lossy(),
        ]);
        assert_eq!(department_cell(&report), Data::String(DEPARTMENT.into()));
        let json: serde_json::Value =
            serde_json::from_str(&jixiao(&["evaluate", &table, &actuals, "--format", "json"]))
                .unwrap();
        assert_eq!(json["department"], DEPARTMENT, "{table}");
        let text = jixiao(&["evaluate", &table, &actuals]);
        assert!(text.contains(DEPARTMENT), "{text}");
        // and the filled form read back keeps it
        let back = jixiao(&["inspect", &report.to_string_lossy()]);
        assert!(back.contains(DEPARTMENT), "{back}");
    }
}
