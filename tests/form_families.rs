//! Form families (issue 24), each a hand-made fixture in `tests/fixtures/forms/families/`
//! written from its description before any real form of the family was read: the reading of
//! each (points from labels, breakdowns, funds, printed totals) and its totals worked by hand
//! in the comments; a form whose sums were changed is 未核对 with no grade.

use std::path::PathBuf;

use jixiao::eval::{self, Methodology};
use jixiao::finding::codes;
use jixiao::report::model::{Report, TotalStatus};
use jixiao::rules::RuleSet;
use jixiao::table::{self, Document, ReadOptions};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn read(file: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/forms/families")
        .join(file);
    let bytes = std::fs::read(&path).unwrap();
    table::read_bytes(file, &bytes, &ReadOptions::default()).unwrap()
}

fn evaluate(doc: &Document) -> Report {
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    eval::evaluate(doc, None, &eval::Options::new(&m, rules))
}

/// (分值, 得分) of every indicator, in order.
fn points(doc: &Document) -> Vec<(Option<Decimal>, Option<Decimal>)> {
    doc.projects()
        .flat_map(|(_, p)| p.indicators.iter())
        .map(|i| (i.weight, i.published_score))
        .collect()
}

fn codes_of(doc: &Document) -> Vec<&str> {
    doc.findings.iter().map(|f| &*f.code).collect()
}

/// The sum of the printed 得分 (indicators and budget) against the printed total.
fn printed_sum(doc: &Document) -> (Decimal, Option<Decimal>) {
    let (_, p) = doc.projects().next().unwrap();
    let own: Decimal = p.indicators.iter().filter_map(|i| i.published_score).sum();
    let budget = p
        .budget
        .as_ref()
        .and_then(|b| b.published_score)
        .unwrap_or_default();
    let total = p.form.as_ref().and_then(|f| f.total.as_ref()?.score);
    (own + budget, total)
}

/// 湖北 项目绩效自评表: the funds row under `预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率)`
/// (20 × 180 ÷ 200 = 18), no 分值 column, each block's 40 points over its two rows (20 each),
/// the repeated header row not an indicator: 18 + 20 + 18 + 20 + 20 = 96 as printed.
#[test]
fn hubei_blocks_with_points_in_their_headers() {
    let doc = read("h1-hubei-blocks.csv");
    assert_eq!(
        doc.counts().indicators,
        4,
        "the repeated header is not an indicator"
    );
    let (_, p) = doc.projects().next().unwrap();
    let b = p.budget.as_ref().unwrap();
    assert_eq!((b.budget, b.spent), (Some(d("200")), Some(d("180"))));
    assert_eq!(
        (b.weight, b.published_score),
        (Some(d("20")), Some(d("18")))
    );
    let twenty = Some(d("20"));
    assert_eq!(
        points(&doc),
        [
            (twenty, twenty),
            (twenty, Some(d("18"))),
            (twenty, twenty),
            (twenty, twenty)
        ]
    );
    assert_eq!(printed_sum(&doc), (d("96"), Some(d("96"))));
    assert!(!codes_of(&doc).contains(&codes::FORM_TOTAL_MISMATCH.as_str()));
    let r = evaluate(&doc);
    let p = &r.projects[0];
    assert_eq!(p.status, TotalStatus::Scored);
    // 20 + 40 + 40 points
    assert_eq!(p.weights.rounded(), d("100.00"));
}

/// 河北 预算项目绩效自评表: section labels down the left, `>=` | `98` | `%(百分比)` joined, the
/// 指标分值 column of definitions not read as points, 权重占比 the points, 折算得分 = 单项得分 ×
/// 权重 ÷ 100 (90 × 20 ÷ 100 = 18), and no budget points: 40 + 18 + 20 + 20 = 98 of 100.
#[test]
fn hebei_sections_split_targets_and_weighted_scores() {
    let doc = read("h2-hebei-sections.csv");
    let (unit, p) = doc.projects().next().unwrap();
    assert_eq!(unit.name, "某市医疗保障事务中心");
    assert_eq!(p.name, "城乡居民医保参保补助");
    let targets: Vec<&str> = p.indicators.iter().map(|i| &*i.target).collect();
    assert_eq!(targets, [">=98%", "=100%", "有所减轻", ">=90%"]);
    let cats: Vec<&str> = p
        .indicators
        .iter()
        .map(|i| i.category.as_deref().unwrap())
        .collect();
    assert_eq!(cats, ["产出指标", "产出指标", "效果指标", "效果指标"]);
    assert_eq!(
        points(&doc),
        [
            (Some(d("40")), Some(d("40"))),
            (Some(d("20")), Some(d("18"))),
            (Some(d("20")), Some(d("20"))),
            (Some(d("20")), Some(d("20")))
        ]
    );
    assert!(codes_of(&doc).contains(&codes::FORM_WEIGHT_WORDS.as_str()));
    assert!(!codes_of(&doc).contains(&codes::BAD_NUMBER.as_str()));
    // the budget has no points: the indicators' 100 are the whole
    assert_eq!(p.budget.as_ref().unwrap().weight, None);
    assert!(p.form.as_deref().unwrap().budget_outside);
    assert_eq!(printed_sum(&doc), (d("98"), Some(d("98"))));
    let r = evaluate(&doc);
    assert_eq!(r.projects[0].weights.rounded(), d("100.00"));
    assert_eq!(r.projects[0].status, TotalStatus::Scored);
}

/// 湖北 county two-block form: 项目决策 2分 (1 + 1) and 项目管理 13分 (3 + 5 + 5) scored without
/// targets (1 + 1 + 3 + 5 + 4 = 14), then 项目绩效 85分 with points only in labels (15 + 15 + 15
/// + 30 + 10 = 85; scored 15 + 15 + 12 + 30 + 9 = 81), the total printed at the top: 14 + 81 = 95.
#[test]
fn hubei_county_two_blocks_and_a_total_at_the_top() {
    let doc = read("h3-hubei-county-two-blocks.csv");
    assert_eq!(doc.counts().indicators, 10);
    let w: Vec<Decimal> = points(&doc).iter().map(|(w, _)| w.unwrap()).collect();
    assert_eq!(
        w,
        ["1", "1", "3", "5", "5", "15", "15", "15", "30", "10"].map(d)
    );
    assert_eq!(w.iter().sum::<Decimal>(), d("100"));
    assert_eq!(printed_sum(&doc), (d("95"), Some(d("95"))));
    let (_, p) = doc.projects().next().unwrap();
    assert_eq!(p.indicators[0].category.as_deref(), Some("项目决策"));
    assert_eq!(p.indicators[4].category.as_deref(), Some("项目管理"));
    assert_eq!(p.indicators[5].subcategory.as_deref(), Some("数量指标"));
    assert!(p.indicators[0].target.is_empty());
    let r = evaluate(&doc);
    let p = &r.projects[0];
    // rows with no target: the office's 得分 stands, and says it cannot be re-checked
    for i in &p.indicators[..5] {
        assert!(
            i.rules.iter().any(|r| r == "sheet.grade"),
            "{}",
            i.indicator
        );
        assert_eq!(i.score.map(|s| s.exact), i.published_score);
        assert!(i.note.contains("无法复核"), "{}", i.note);
    }
    assert_eq!(p.status, TotalStatus::Scored);
    // `review` flags each empty target, saying the office's 得分 cannot be re-checked
    let found = jixiao::review::review(
        &doc,
        &jixiao::review::Options {
            rules: RuleSet::bundled(),
            year: None,
        },
    );
    let empty: Vec<(&str, Option<&str>)> = found
        .iter()
        .filter(|f| f.code == "review.empty-target")
        .map(|f| (f.indicator_name().unwrap_or(""), f.label.as_deref()))
        .collect();
    assert_eq!(empty.len(), 5);
    assert_eq!(
        empty[0],
        ("项目立项规范性", Some("没有指标值：原表得分无法复核"))
    );
}

/// Transfer payment: `转移支付(项目)名称` names the project (not the department), the local
/// 主管部门 is the department, amounts `3359.62万` read in 万元 without a finding.
#[test]
fn transfer_payment_labels_and_amounts_in_wan() {
    let doc = read("h4-transfer-payment.csv");
    let (unit, p) = doc.projects().next().unwrap();
    assert_eq!(p.name, "农业生产发展资金");
    assert_eq!(unit.name, "某县农业农村局");
    let f = p.form.as_deref().unwrap();
    assert_eq!(f.department.as_deref(), Some("某省农业农村厅"));
    assert_eq!(f.money_unit.as_deref(), Some("万元"));
    let b = p.budget.as_ref().unwrap();
    assert_eq!(
        (b.budget, b.spent),
        (Some(d("3359.62")), Some(d("3359.62")))
    );
    assert!(!codes_of(&doc).contains(&codes::FORM_AMOUNT_PROSE.as_str()));
    assert!(!codes_of(&doc).contains(&codes::FORM_NO_PROJECT.as_str()));
    // 10 + 30 + 20 + 20 + 10 + 10 = 100, as printed
    assert_eq!(printed_sum(&doc), (d("100"), Some(d("100"))));
    assert_eq!(
        doc.counts().indicators,
        5,
        "the 资金管理情况 prose is no indicator"
    );
}

/// ★ core indicators with `其中…` rows: the breakdowns are kept beside their indicator (560 + 340
/// = 900 actual, 600 + 400 = 1000 target) and never scored; 10 + 27 + 20 + 15 + 15 + 10 = 97.
#[test]
fn core_markers_and_breakdowns_are_not_scored() {
    let doc = read("h5-core-breakdowns.csv");
    let (_, p) = doc.projects().next().unwrap();
    assert_eq!(p.indicators.len(), 5);
    assert_eq!(
        &*p.indicators[0].name, "★改造农村户厕数量",
        "the name as printed"
    );
    let f = p.form.as_deref().unwrap();
    let parts: Vec<(u32, &str)> = f
        .breakdowns
        .iter()
        .map(|b| (b.parent, b.name.as_str()))
        .collect();
    assert_eq!(parts, [(1, "其中：水冲式厕所"), (1, "其中：卫生旱厕")]);
    assert!(!codes_of(&doc).contains(&codes::FORM_BREAKDOWN_MISMATCH.as_str()));
    assert_eq!(printed_sum(&doc), (d("97"), Some(d("97"))));
    let r = evaluate(&doc);
    assert_eq!(r.projects[0].weights.rounded(), d("100.00"));
    assert_eq!(r.projects[0].indicators.len(), 5);
}

/// A breakdown whose parts do not add up to their indicator is a warning.
#[test]
fn breakdowns_that_do_not_add_up_are_flagged() {
    let csv = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/forms/families/h5-core-breakdowns.csv"),
    )
    .unwrap()
    .replace("其中：卫生旱厕,≥400户,340户", "其中：卫生旱厕,≥400户,330户");
    let doc = table::read_str("h5.csv", &csv, &ReadOptions::default()).unwrap();
    let f: Vec<&str> = doc
        .findings
        .iter()
        .filter(|f| f.code == codes::FORM_BREAKDOWN_MISMATCH)
        .map(|f| &*f.message)
        .collect();
    assert_eq!(
        f,
        ["「★改造农村户厕数量」的实际完成值 900户 不等于其中各项之和 890户"]
    );
}

/// Levels named with 值 (`产出值 / 数量值`) and a target column headed 年度数值.
#[test]
fn value_level_names_and_a_year_value_column() {
    let doc = read("h6-value-levels.csv");
    let (_, p) = doc.projects().next().unwrap();
    let cats: Vec<(&str, &str)> = p
        .indicators
        .iter()
        .map(|i| {
            (
                i.category.as_deref().unwrap(),
                i.subcategory.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cats,
        [
            ("产出指标", "数量指标"),
            ("产出指标", "质量指标"),
            ("效益指标", "社会效益指标"),
            ("满意度指标", "服务对象满意度指标")
        ]
    );
    assert_eq!(&*p.indicators[0].target, "≥2000人次");
    // 9 + 30 + 20 + 20 + 18 = 97
    assert_eq!(printed_sum(&doc), (d("97"), Some(d("97"))));
}

/// A report page listing the projects before the forms, and vertical labels cut to one
/// character (`产`, `总`, `绩`): two forms, their totals read from the `总` rows.
#[test]
fn report_page_and_one_character_labels() {
    let doc = read("h7-report-page-vertical.csv");
    let names: Vec<&str> = doc.projects().map(|(_, p)| p.name.as_str()).collect();
    assert_eq!(names, ["城区绿化养护", "市政路灯维护"]);
    let totals: Vec<Option<Decimal>> = doc
        .projects()
        .map(|(_, p)| p.form.as_ref().and_then(|f| f.total.as_ref()?.score))
        .collect();
    // 10 + 30 + 18 + 30 + 10 = 98; 9 + 30 + 20 + 30 + 10 = 99
    assert_eq!(totals, [Some(d("98")), Some(d("99"))]);
    assert!(!codes_of(&doc).contains(&codes::MISSING_NAME.as_str()));
    let (_, p) = doc.projects().next().unwrap();
    assert_eq!(p.indicators[0].category.as_deref(), Some("产出指标"));
    assert_eq!(p.indicators[3].category.as_deref(), Some("满意度指标"));
}

/// A form whose sums were changed is 未核对: the mismatch exactly, no grade, in every format.
#[test]
fn changed_sums_are_unchecked_never_graded() {
    let csv = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/forms/families/h6-value-levels.csv"),
    )
    .unwrap()
    .replace("总分,,,,,100,97", "总分,,,,,100,95");
    let doc = table::read_str("h6.csv", &csv, &ReadOptions::default()).unwrap();
    let r = evaluate(&doc);
    let p = &r.projects[0];
    assert_eq!(p.status, TotalStatus::Unchecked);
    assert_eq!(p.mismatches, ["原表总分 95 ≠ 各项得分之和 97"]);
    assert!(p.grade.is_empty());
    assert_eq!(p.total_text(), "未核对");
    assert_eq!(r.summary.waiting, 1);
    assert!(r.summary.grade.is_empty());
    let text = jixiao::report::json::render(&r);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(json["projects"][0]["score"].is_null());
    assert!(json["projects"][0]["grade"].is_null());
    assert_eq!(json["projects"][0]["status"], "unchecked");
    // the fields keep the model's order (unit first, score before grade before indicators),
    // looked for in the project (the summary before it has a null score and grade too)
    let project = &text[text.find("\"projects\"").unwrap()..];
    let at = |k: &str| project.find(k).unwrap();
    assert!(at("\"unit\"") < at("\"score\": null"));
    assert!(at("\"grade\": null") < at("\"indicators\": ["));
    // block points that the rows' 分值 contradict are a mismatch too
    let csv = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/forms/families/h3-hubei-county-two-blocks.csv"),
    )
    .unwrap()
    .replace("项目管理 13分", "项目管理 12分");
    let doc = table::read_str("h3.csv", &csv, &ReadOptions::default()).unwrap();
    let r = evaluate(&doc);
    assert_eq!(r.projects[0].status, TotalStatus::Unchecked);
    assert_eq!(
        r.projects[0].mismatches,
        ["「项目管理」标明 12 分，其下各指标分值之和 13 分"]
    );
}

/// A header jixiao does not know is named in the error with the header as read, and
/// `--columns` says which column is which (flat sheets and form grids alike).
#[test]
fn a_missing_column_is_named_and_a_column_map_reads_it() {
    let sheet = "项目,三级指标,年度计划值X,完成情况X\n甲项目,培训人次,≥100人次,120人次\n";
    let e = table::read_str("s.csv", sheet, &ReadOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "s.csv 中没有找到年度指标值列：表头是 项目 | 三级指标 | 年度计划值X | 完成情况X"
    );
    let opts = ReadOptions {
        columns: "年度指标值=年度计划值X，实际完成值=完成情况X"
            .parse()
            .unwrap(),
        ..ReadOptions::default()
    };
    let doc = table::read_str("s.csv", sheet, &opts).unwrap();
    let i = &doc.projects().next().unwrap().1.indicators[0];
    assert_eq!(
        (&*i.target, i.actual.as_deref()),
        ("≥100人次", Some("120人次"))
    );
    // a map whose left side is no column jixiao knows is refused
    assert!(
        "目标=年度计划值X"
            .parse::<table::columns::ColumnMap>()
            .is_err()
    );
    // a sheet read without an actuals column says which column it could not find
    let sheet = "项目,三级指标,年度指标值,备注\n甲项目,培训人次,≥100人次,120人次\n";
    let doc = table::read_str("s.csv", sheet, &ReadOptions::default()).unwrap();
    let f: Vec<&str> = doc
        .findings
        .iter()
        .filter(|f| f.code == codes::NO_ACTUALS_COLUMN)
        .map(|f| &*f.message)
        .collect();
    assert_eq!(
        f,
        ["没有找到实际完成值列：表头是 项目 | 三级指标 | 年度指标值 | 备注"]
    );
    let e = eval::unfilled::check(&doc, None).unwrap_err();
    assert!(e.to_string().contains("没有找到实际完成值列"), "{e}");
    // headed 完成情况, the actuals are read
    let sheet = "项目,三级指标,年度指标值,完成情况\n甲项目,培训人次,≥100人次,120人次\n";
    let doc = table::read_str("s.csv", sheet, &ReadOptions::default()).unwrap();
    assert!(doc.has_actuals());
    // a form grid: 年度数值 unknown until mapped (here a made-up header)
    let form = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/forms/families/h6-value-levels.csv"),
    )
    .unwrap()
    .replace("年度数值", "本年目标数");
    assert!(table::read_str("f.csv", &form, &ReadOptions::default()).is_err());
    let opts = ReadOptions {
        columns: "年度指标值=本年目标数".parse().unwrap(),
        ..ReadOptions::default()
    };
    let doc = table::read_str("f.csv", &form, &opts).unwrap();
    assert_eq!(doc.counts().indicators, 4);
}

/// A project with no row scored is 待评定 — no total, no grade, its points waiting — in every
/// format, and roll-ups count it and leave it out of their means.
#[test]
fn a_project_with_nothing_scored_waits() {
    // 甲: every row's actual missing; 乙: scored
    let sheet = "单位,项目,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值\n\
        某局,甲项目,产出指标,数量指标,培训人次,≥100人次,,50\n\
        某局,甲项目,效益指标,社会效益指标,群众知晓率,≥90%,,50\n\
        某局,乙项目,产出指标,数量指标,培训人次,≥100人次,100人次,50\n\
        某局,乙项目,效益指标,社会效益指标,群众知晓率,≥90%,95%,50\n";
    let doc = table::read_str("w.csv", sheet, &ReadOptions::default()).unwrap();
    let r = evaluate(&doc);
    let p = &r.projects[0];
    assert_eq!(p.status, TotalStatus::Pending);
    assert!(p.grade.is_empty());
    assert_eq!(p.total_text(), "待评定");
    let f = &p.findings[0];
    assert_eq!(f.code, "eval.total-pending");
    assert!(f.message.contains("100.00 分待评定"), "{}", f.message);
    assert_eq!(r.projects[1].status, TotalStatus::Scored);
    // the mean is 乙's alone, and the roll-ups say one project waits
    assert_eq!(r.summary.waiting, 1);
    assert_eq!(r.units[0].waiting, 1);
    assert_eq!(r.summary.score.exact, r.projects[1].score.exact);
    assert_eq!(r.units[0].score.exact, r.projects[1].score.exact);
    // every format shows 待评定 where the total would be, never 0.00 差
    let table_text = jixiao::report::selfeval_table::render_text(&r);
    assert!(table_text.contains("甲项目：总分 待评定"), "{table_text}");
    assert!(table_text.contains("其中 1 个没有总分"), "{table_text}");
    let md = jixiao::report::selfeval_table::render_markdown(&r);
    assert!(md.contains("待评定"), "{md}");
    let html = jixiao::report::html::render(&r, &[]);
    assert!(
        html.contains("总分 <b class=\"grade-\">待评定</b>"),
        "{html}"
    );
    let csv = String::from_utf8(jixiao::report::csv::render(&r)).unwrap();
    assert!(csv.contains("项目总分 待评定"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&jixiao::report::json::render(&r)).unwrap();
    assert!(json["projects"][0]["score"].is_null());
    assert!(json["projects"][0]["grade"].is_null());
    assert_eq!(json["projects"][0]["status"], "pending");
    assert_eq!(json["projects"][1]["status"], "scored");
    // nothing but the waiting project's total and grade differs from the model
    let mut want = serde_json::to_value(&r).unwrap();
    want["projects"][0]["score"] = serde_json::Value::Null;
    want["projects"][0]["grade"] = serde_json::Value::Null;
    assert_eq!(json, want);
    assert_eq!(json["summary"]["waiting"], 1);
    let mut lines = Vec::new();
    jixiao::report::json::write_lines(&r, &mut lines).unwrap();
    let lines = String::from_utf8(lines).unwrap();
    assert!(lines.contains("eval.total-pending"), "{lines}");
    let xlsx = jixiao::report::xlsx::render(&r).unwrap();
    let back = table::read_bytes("r.xlsx", &xlsx, &ReadOptions::default()).unwrap();
    let printed: Vec<Option<Decimal>> = back
        .projects()
        .map(|(_, p)| p.form.as_ref().and_then(|f| f.total.as_ref()?.score))
        .collect();
    assert_eq!(printed[0], None, "no total written for 甲");
    assert!(
        html.contains("没有总分的项目（待评定或未核对）<b>1</b>"),
        "{html}"
    );
    // a unit whose projects all wait has no mean: 待评定, never 0.00 差
    let only = sheet
        .lines()
        .filter(|l| !l.contains("乙项目"))
        .collect::<Vec<_>>()
        .join("\n");
    let doc = table::read_str("w.csv", &only, &ReadOptions::default()).unwrap();
    let r = evaluate(&doc);
    assert_eq!(r.units[0].mean_text(), "待评定");
    assert_eq!(r.summary.mean_text(), "待评定");
    assert!(r.summary.grade.is_empty());
    let html = jixiao::report::html::render(&r, &[]);
    assert!(!html.contains("0.00 差"), "{html}");
    let text = jixiao::report::selfeval_table::render_text(&r);
    assert!(text.contains("项目平均分 待评定"), "{text}");
}

/// Whether the budget row is inside the 总分 is the reading the sums agree with: printed 总分 =
/// indicators' 得分 alone and 分值合计 = indicators' 分值 alone is the budget outside (scored on 0
/// points, said so); a 总分 without the budget's 得分 against a 分值合计 with its 分值 agrees with
/// no reading: 未核对.
#[test]
fn the_budget_row_inside_or_outside_the_total() {
    let form = |total_weight: &str, total_score: &str| {
        format!(
            "项目支出绩效自评表\n项目名称,读法示例\n主管部门,某局,,实施单位,某中心\n\
             项目资金(万元),,全年预算数,全年执行数,分值,得分\n,年度资金总额,100,100,10,10\n\
             一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n\
             产出指标,数量指标,培训人次,≥100人次,100人次,60,60\n\
             效益指标,社会效益指标,知晓率,≥90%,95%,30,30\n总分,,,,,{total_weight},{total_score}\n"
        )
    };
    // 90 + 10 = 100 points, 90 + 10 = 100 scored: inside
    let doc = table::read_str("a.csv", &form("100", "100"), &ReadOptions::default()).unwrap();
    let f = doc.projects().next().unwrap().1.form.clone().unwrap();
    assert!(!f.budget_outside && f.unchecked.is_empty());
    // 90 points and 90 scored without the budget's 10: outside, scored on 0 points
    let doc = table::read_str("b.csv", &form("90", "90"), &ReadOptions::default()).unwrap();
    let f = doc.projects().next().unwrap().1.form.clone().unwrap();
    assert!(f.budget_outside && f.unchecked.is_empty());
    assert!(codes_of(&doc).contains(&codes::FORM_READING.as_str()));
    let r = evaluate(&doc);
    assert_eq!(r.projects[0].weights.rounded(), d("90.00"));
    assert!(r.differences.is_empty(), "{:?}", r.differences);
    // 100 points with the budget, 90 scored without it: no reading agrees
    let doc = table::read_str("c.csv", &form("100", "90"), &ReadOptions::default()).unwrap();
    let f = doc.projects().next().unwrap().1.form.clone().unwrap();
    assert!(!f.budget_outside);
    assert_eq!(
        f.unchecked,
        ["原表总分不含预算执行得分，而分值合计 100 含预算执行分值 10"]
    );
    assert!(!codes_of(&doc).contains(&codes::FORM_READING.as_str()));
    assert_eq!(evaluate(&doc).projects[0].status, TotalStatus::Unchecked);
}
