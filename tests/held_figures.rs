//! Issue 27 (fifteenth session, H92): a workbook figure shown with fewer decimals than its cell
//! holds. The target (年度指标值) and the actual (实际完成值) are scored on the value held — an
//! actual of `99.6` in the format `0` shows `100` and met `≥100人`, a confident wrong pass —
//! and the report says so beside the indicator: a warning where the verdict or the score shown
//! would differ, a note where not (`table.display-rounded`). 分值, 得分 and amounts stay as shown.
//!
//! The workbooks are made here (rust_xlsxwriter) from the description of each case: shown and
//! held on either side of the target, ≥ and ≤, percentages and counts, a target itself rounded;
//! in a flat sheet, a per-project form, and through the CLI's whole and streamed reports.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::eval::{self, Methodology};
use jixiao::rules::RuleSet;
use jixiao::table::{self, Document, ReadOptions};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use serde_json::Value;

/// A cell: text, or a number in a format.
#[derive(Clone, Copy)]
enum Cell {
    Text(&'static str),
    Number(f64, &'static str),
}

use Cell::{Number, Text};

fn write(ws: &mut Worksheet, r: u32, cells: &[Cell]) {
    for (c, cell) in cells.iter().enumerate() {
        let c = c as u16;
        match *cell {
            Text("") => continue,
            Text(t) => ws.write_string(r, c, t),
            Number(n, code) => {
                ws.write_number_with_format(r, c, n, &Format::new().set_num_format(code))
            }
        }
        .unwrap();
    }
}

/// A workbook of one sheet of `rows`.
fn book(rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        write(ws, r as u32, row);
    }
    wb.save_to_buffer().unwrap()
}

/// A flat self-evaluation sheet of one project, a row an indicator: (name, target, actual),
/// each of 20 points shown, 19.6 held (a weight is read as shown).
fn flat(rows: &[(&'static str, Cell, Cell)]) -> Vec<u8> {
    let head = [
        "项目",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
    ];
    let mut all = vec![head.map(Text).to_vec()];
    for &(name, target, actual) in rows {
        all.push(vec![
            Text("社区服务经费"),
            Text("产出指标"),
            Text("数量指标"),
            Text(name),
            target,
            actual,
            Number(19.6, "0"),
        ]);
    }
    book(&all)
}

fn read(bytes: &[u8]) -> Document {
    table::read_bytes("f.xlsx", bytes, &ReadOptions::default()).unwrap()
}

/// The report of the bundled rules, as JSON.
fn report(doc: &Document) -> Value {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let r = eval::evaluate(doc, None, &eval::Options::new(&m, rules));
    serde_json::to_value(&r.projects).unwrap()
}

/// Each indicator of the first project: (target, actual, verdict, score).
fn indicators(projects: &Value) -> Vec<[String; 4]> {
    projects[0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            ["target", "actual", "verdict", "score"].map(|k| match &i[k] {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                v => v.to_string(),
            })
        })
        .collect()
}

/// The first project's `table.display-rounded` findings: (severity, cell, message).
fn rounded(projects: &Value) -> Vec<(String, String, String)> {
    projects[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "table.display-rounded")
        .map(|f| ["severity", "cell", "message"].map(|k| f[k].as_str().unwrap_or("").to_owned()))
        .map(|[a, b, c]| (a, b, c))
        .collect()
}

fn row(t: &[&str; 4]) -> [String; 4] {
    t.map(str::to_owned)
}

#[test]
fn a_flat_sheets_target_and_actual_shown_rounded_are_scored_on_the_value_held() {
    let bytes = flat(&[
        // a count shown over its target, held under it
        ("培训人数", Text("≥100人"), Number(99.6, "0")),
        // a ceiling shown within, held past it (the format's own unit)
        ("办理时限", Text("≤5天"), Number(5.4, "0\"天\"")),
        // a percentage (read held before too; the report did not say the shown one passes)
        ("完成率", Text("≥90%"), Number(0.895, "0%")),
        // held and shown on the same side: a note, not a warning
        ("覆盖人数", Text("≥100人"), Number(120.4, "0")),
        // the target itself rounded: `≥100人` shown, `≥100.4人` held, against 100人
        ("服务人数", Number(100.4, "\"≥\"0\"人\""), Text("100人")),
    ]);
    let doc = read(&bytes);
    let (_, p) = doc.projects().next().unwrap();
    let read: Vec<(&str, Option<&str>)> = p
        .indicators
        .iter()
        .map(|i| (&*i.target, i.actual.as_deref()))
        .collect();
    assert_eq!(
        read,
        [
            ("≥100人", Some("99.6")),
            ("≤5天", Some("5.4天")),
            ("≥90%", Some("89.5%")),
            ("≥100人", Some("120.4")),
            ("≥100.4人", Some("100人")),
        ]
    );
    // the reader's own note at each cell names both
    let notes: Vec<(Option<&str>, &str)> = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.display-rounded" && !f.cell().unwrap_or("").starts_with('G'))
        .map(|f| (f.cell(), &*f.message))
        .collect();
    assert_eq!(
        notes,
        [
            (
                Some("F2"),
                "实际完成值显示为 100，单元格存值 99.6，按存值评分"
            ),
            (
                Some("F3"),
                "实际完成值显示为 5天，单元格存值 5.4天，按存值评分"
            ),
            (
                Some("F4"),
                "实际完成值显示为 90%，单元格存值 89.5%，按存值评分"
            ),
            (
                Some("F5"),
                "实际完成值显示为 120，单元格存值 120.4，按存值评分"
            ),
            (
                Some("E6"),
                "年度指标值显示为 ≥100人，单元格存值 ≥100.4人，按存值评分"
            ),
        ]
    );
    // 分值 (as 得分 and amounts) stays as shown: a form's printed sums are of what it prints
    assert!(p.indicators.iter().all(|i| i.weight == Some(20.into())));
    let weights = doc
        .findings
        .iter()
        .filter(|f| f.code == "table.display-rounded" && f.cell().unwrap_or("").starts_with('G'))
        .filter(|f| f.message.contains("按显示值读取"))
        .count();
    assert_eq!(weights, 5, "{:#?}", doc.findings);
    let r = report(&doc);
    let scored = indicators(&r);
    assert_eq!(scored[0][2], "fail", "{scored:?}");
    assert_eq!(scored[1][2], "fail", "{scored:?}");
    assert_eq!(scored[2][2], "fail", "{scored:?}");
    assert_eq!(scored[3], row(&["≥100人", "120.4", "pass", "20.00"]));
    assert_eq!(scored[4][2], "fail", "{scored:?}");
    // beside the indicator: a warning where the shown figure would score otherwise
    let said = rounded(&r);
    let severities: Vec<(&str, &str)> = said
        .iter()
        .map(|(s, c, _)| (s.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        severities,
        [
            ("warning", "F2"),
            ("warning", "F3"),
            ("warning", "F4"),
            ("info", "F5"),
            ("warning", "E6"),
        ],
        "{said:#?}"
    );
    assert!(
        said[0].2.starts_with(
            "指标“培训人数”：实际完成值显示为 100，单元格存值 99.6，按存值评分为未达标（得 19.92 分）；按显示值评分将为达标（得 20 分）"
        ),
        "{}",
        said[0].2
    );
    assert!(said[3].2.contains("结论与得分相同"), "{}", said[3].2);
}

/// A per-project form (项目支出绩效自评表) of two indicators, (name, target, actual).
fn form(indicators: &[(&'static str, Cell, Cell)]) -> Vec<u8> {
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![Text("项目支出绩效自评表")],
        vec![Text("项目名称"), Text("社区图书室运行经费")],
        vec![
            Text("主管部门"),
            Text("某某县文旅局"),
            Text(""),
            Text("实施单位"),
            Text("某某县图书馆"),
        ],
        [
            "项目资金（万元）",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ]
        .map(Text)
        .to_vec(),
        vec![
            Text(""),
            Text("年度资金总额"),
            Number(100.0, "0"),
            Number(100.0, "0"),
            Number(100.0, "0"),
            Number(10.0, "0"),
            Text("100%"),
            Number(10.0, "0"),
        ],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因",
        ]
        .map(Text)
        .to_vec(),
    ];
    for &(name, target, actual) in indicators {
        rows.push(vec![
            Text("产出指标"),
            Text("数量指标"),
            Text(name),
            target,
            actual,
            Number(45.0, "0"),
        ]);
    }
    book(&rows)
}

#[test]
fn a_forms_target_and_actual_shown_rounded_are_scored_on_the_value_held() {
    let bytes = form(&[
        ("借阅人次", Text("≥5000人次"), Number(4999.5, "0\"人次\"")),
        ("图书完好率", Number(0.955, "\"≥\"0%"), Text("95.8%")),
    ]);
    let doc = read(&bytes);
    let (_, p) = doc.projects().next().unwrap();
    assert!(p.form.is_some(), "{:?}", doc.findings);
    let read: Vec<(&str, Option<&str>)> = p
        .indicators
        .iter()
        .map(|i| (&*i.target, i.actual.as_deref()))
        .collect();
    assert_eq!(
        read,
        [("≥5000人次", Some("4999.5人次")), ("≥95.5%", Some("95.8%")),]
    );
    let r = report(&doc);
    let scored = indicators(&r);
    assert_eq!(scored[0][2], "fail", "{scored:?}");
    assert_eq!(scored[1][2], "pass", "{scored:?}");
    let said = rounded(&r);
    let at: Vec<(&str, &str)> = said
        .iter()
        .map(|(s, c, _)| (s.as_str(), c.as_str()))
        .collect();
    assert_eq!(at, [("warning", "E7"), ("warning", "D8")], "{said:#?}");
    assert!(
        said[1]
            .2
            .contains("年度指标值显示为 ≥96%，单元格存值 ≥95.5%"),
        "{}",
        said[1].2
    );
}

/// A fresh folder for one test.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("held-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `jixiao ARGS` in `d`: its stdout (the run must succeed).
fn jixiao(d: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(d)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_streamed_and_whole_reports_score_held_and_say_it_beside_the_project() {
    let d = dir("cli");
    let bytes = flat(&[
        ("培训人数", Text("≥100人"), Number(99.6, "0")),
        ("覆盖人数", Text("≥100人"), Number(120.4, "0")),
    ]);
    std::fs::write(d.join("t.xlsx"), bytes).unwrap();
    let whole: Value = serde_json::from_str(&jixiao(
        &d,
        &["evaluate", "t.xlsx", "--format", "json", "--no-streaming"],
    ))
    .unwrap();
    let streamed = jixiao(&d, &["evaluate", "t.xlsx", "--format", "jsonl"]);
    let lines: Vec<Value> = streamed
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let actuals: Vec<&str> = lines
        .iter()
        .filter(|v| v.get("indicator").is_some())
        .map(|v| v["actual"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(actuals, ["99.6", "120.4"], "{streamed}");
    let whole_actuals: Vec<String> = indicators(&whole["projects"])
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(whole_actuals, ["99.6", "120.4"]);
    let codes = |fs: &Value| -> Vec<(String, String)> {
        fs.as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["code"] == "table.display-rounded")
            .map(|f| {
                (
                    f["severity"].as_str().unwrap_or("").to_owned(),
                    f["cell"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let expect = [
        ("warning".to_owned(), "F2".to_owned()),
        ("info".to_owned(), "F3".to_owned()),
    ];
    assert_eq!(codes(&whole["projects"][0]["findings"]), expect, "{whole}");
    let streamed_findings: Vec<(String, String)> =
        lines.iter().flat_map(|v| codes(&v["findings"])).collect();
    assert_eq!(streamed_findings, expect, "{streamed}");
}

/// `jixiao serve`'s answer to `uri` for the upload of `file` (the page's form, for `/`, with
/// the token of a page just fetched).
async fn serve(uri: &str, file: (&str, &[u8])) -> (u16, String) {
    use axum::body::Body;
    use axum::http::{Request, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    const BOUNDARY: &str = "held-boundary";
    let send = |req: Request<Body>| async move {
        let res = jixiao::web::router(jixiao::web::Config::default())
            .oneshot(req)
            .await
            .unwrap();
        let status = res.status().as_u16();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        (status, String::from_utf8_lossy(&body).into_owned())
    };
    let mut body = Vec::new();
    if uri == "/" {
        let (_, page) = send(Request::get("/").body(Body::empty()).unwrap()).await;
        let at = page.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
        let token = &page[at..at + page[at..].find('"').unwrap()];
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            )
            .as_bytes(),
        );
    }
    let field = if uri == "/" { "file" } else { "table" };
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
            file.0
        )
        .as_bytes(),
    );
    body.extend_from_slice(file.1);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let req = Request::post(uri)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    send(req).await
}

#[tokio::test]
async fn the_server_scores_held_and_says_it_on_its_answer_and_its_page() {
    let bytes = flat(&[("培训人数", Text("≥100人"), Number(99.6, "0"))]);
    let (status, answer) = serve("/api/evaluate?format=json", ("t.xlsx", &bytes)).await;
    assert_eq!(status, 200, "{answer}");
    let v: Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(indicators(&v["projects"])[0][1], "99.6", "{answer}");
    let said = rounded(&v["projects"]);
    assert_eq!(said.len(), 1, "{answer}");
    assert_eq!((said[0].0.as_str(), said[0].1.as_str()), ("warning", "F2"));
    let (status, page) = serve("/", ("t.xlsx", &bytes)).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("按显示值评分将为达标"), "{page}");
}

#[test]
fn a_target_joined_from_its_parts_takes_the_held_figure_in_its_place() {
    // 指标性质 | 指标值 | 度量单位: `≥` `100` `人` shown, `100.4` held in the value cell
    let bytes = book(&[
        [
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "实际完成值",
            "分值",
        ]
        .map(Text)
        .to_vec(),
        vec![
            Text("社区服务经费"),
            Text("产出指标"),
            Text("数量指标"),
            Text("服务人数"),
            Text("≥"),
            Number(100.4, "0"),
            Text("人"),
            Text("100人"),
            Number(20.0, "0"),
        ],
    ]);
    let doc = read(&bytes);
    let (_, p) = doc.projects().next().unwrap();
    assert_eq!(&*p.indicators[0].target, "≥100.4人", "{:#?}", doc.findings);
    let r = report(&doc);
    assert_eq!(indicators(&r)[0][2], "fail");
    let said = rounded(&r);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!((said[0].0.as_str(), said[0].1.as_str()), ("warning", "F2"));
    assert!(
        said[0].2.contains("年度指标值显示为 100，单元格存值 100.4"),
        "{}",
        said[0].2
    );
}
