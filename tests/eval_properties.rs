//! No indicator disappears: for generated target tables, every indicator the reader finds is in
//! the report exactly once, and the summary's counts add up.

use jixiao::eval::{self, Methodology};
use jixiao::rules::RuleSet;
use jixiao::table::{self, ReadOptions};
use proptest::prelude::*;

const TARGETS: &[&str] = &[
    "95%以上",
    "≥3",
    ">6000万",
    "大于等于95%",
    "518万人以上",
    "0起",
    "4秒",
    "1831.3平方米",
    "正常开展",
    "是否及时完成支付工作",
    "年度计划数",
    "9月前",
    "90%-95%",
    "约100人",
    "≤1%",
];
const CATEGORIES: &[&str] = &["产出指标", "效益指标", "满意度指标", "成本指标", ""];

fn table() -> impl Strategy<Value = (String, usize)> {
    let indicator = (
        proptest::sample::select(CATEGORIES),
        "[a-z\u{4e00}-\u{4e20}]{1,6}",
        proptest::sample::select(TARGETS),
    );
    let project = proptest::collection::vec(indicator, 1..5);
    let unit = proptest::collection::vec(project, 1..4);
    proptest::collection::vec(unit, 1..3).prop_map(|units| {
        let mut text = String::from(
            "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n",
        );
        let mut count = 0;
        let unit_totals: Vec<usize> = units.iter().map(|u| u.len() * 10).collect();
        text.push_str(&format!("合计\t{0}\t{0}\t\t\t\t\n", unit_totals.iter().sum::<usize>()));
        for (ui, projects) in units.iter().enumerate() {
            text.push_str(&format!("单位{ui}\t{0}\t{0}\t\t\t\t\n", unit_totals[ui]));
            for (pi, indicators) in projects.iter().enumerate() {
                let cell: String = indicators
                    .iter()
                    .enumerate()
                    .map(|(k, (c, name, t))| format!("{}、{c}：指标{name}，年度指标值：{t}。", k + 1))
                    .collect();
                count += indicators.len();
                text.push_str(&format!("项目{ui}-{pi}\t10\t10\t\t\t目标\t{cell}\n"));
            }
        }
        (text, count)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_indicator_is_in_the_report_once((text, count) in table()) {
        let doc = table::read_str("generated.tsv", &text, &ReadOptions::default()).unwrap();
        prop_assert_eq!(doc.counts().indicators, count, "{}", text);
        let m = Methodology::from_rules(RuleSet::bundled());
        let report = eval::evaluate(&doc, None, &eval::Options {
            methodology: &m,
            rules: RuleSet::bundled(),
            year: Some(2023),
            progress: None,
            cancel: None,
        });
        let listed: usize = report.projects.iter().map(|p| p.indicators.len()).sum();
        prop_assert_eq!(listed, count);
        let s = &report.summary;
        prop_assert_eq!(s.indicators, count);
        prop_assert_eq!(s.pass + s.fail + s.review + s.missing + s.invalid + s.not_applicable, count);
        // Each (project, seq) appears once.
        let mut seen = std::collections::BTreeSet::new();
        for p in &report.projects {
            for i in &p.indicators {
                prop_assert!(seen.insert((p.unit.clone(), p.project.clone(), i.seq)));
            }
        }
    }
}

/// A project row as generated: well formed, or malformed in one of the ways real tables are.
#[derive(Debug, Clone)]
enum RowKind {
    Good,
    /// Cut after the amounts (`table.row-too-short`).
    TooShort,
    /// An amount that is not a number.
    BadAmount,
    /// A 绩效指标 cell that is not a numbered list.
    Unsplittable,
    /// A target beyond the exact decimal range.
    HugeTarget,
    /// A note row (`注：…`) after the project.
    NoteAfter,
}

/// A generated project row: name, line, kind, indicators it holds when read.
type GenRow = (String, u32, RowKind, usize);

/// Text, its project rows, and the number of data rows.
fn malformed_table() -> impl Strategy<Value = (String, Vec<GenRow>, usize)> {
    let kind = prop_oneof![
        4 => Just(RowKind::Good),
        1 => Just(RowKind::TooShort),
        1 => Just(RowKind::BadAmount),
        1 => Just(RowKind::Unsplittable),
        1 => Just(RowKind::HugeTarget),
        1 => Just(RowKind::NoteAfter),
    ];
    let indicator = (
        proptest::sample::select(CATEGORIES),
        "[a-z\u{4e00}-\u{4e20}]{1,6}",
        proptest::sample::select(TARGETS),
    );
    let project = (kind, proptest::collection::vec(indicator, 1..4));
    let unit = proptest::collection::vec(project, 1..4);
    proptest::collection::vec(unit, 1..3).prop_map(|units| {
        let mut text = String::from(
            "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n",
        );
        let mut line = 1u32;
        let mut data_rows = 1; // 合计
        let mut rows = Vec::new();
        text.push_str("合计\t0\t0\t\t\t\t\n");
        line += 1;
        for (ui, projects) in units.iter().enumerate() {
            text.push_str(&format!("单位{ui}\t0\t0\t\t\t\t\n"));
            line += 1;
            data_rows += 1;
            for (pi, (kind, indicators)) in projects.iter().enumerate() {
                let name = format!("项目{ui}-{pi}");
                let mut cell: String = indicators
                    .iter()
                    .enumerate()
                    .map(|(k, (c, n, t))| format!("{}、{c}：指标{n}，年度指标值：{t}。", k + 1))
                    .collect();
                let mut amount = "10".to_owned();
                match kind {
                    RowKind::BadAmount => amount = "十块钱".into(),
                    RowKind::Unsplittable => cell = "见附件".into(),
                    RowKind::HugeTarget => {
                        cell.push_str(&format!(
                            "{}、产出指标：超大，年度指标值：99999999999999999999999999999999999%。",
                            indicators.len() + 1
                        ))
                    }
                    _ => {}
                }
                line += 1;
                data_rows += 1;
                if matches!(kind, RowKind::TooShort) {
                    text.push_str(&format!("{name}\t{amount}\t{amount}\n"));
                } else {
                    text.push_str(&format!("{name}\t{amount}\t{amount}\t\t\t目标\t{cell}\n"));
                }
                let n = indicators.len() + usize::from(matches!(kind, RowKind::HugeTarget));
                rows.push((name, line, kind.clone(), n));
                if matches!(kind, RowKind::NoteAfter) {
                    text.push_str("注：以上指标由财务科填报\n");
                    line += 1;
                    data_rows += 1;
                }
            }
        }
        (text, rows, data_rows)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// With malformed rows mixed in: every indicator read is in the report exactly once, every
    /// generated row is either read whole or named by a finding at its line, and the counts
    /// add up (rows read = data rows; rows skipped = rows not in the report).
    #[test]
    fn nothing_is_lost_among_malformed_rows((text, rows, data_rows) in malformed_table()) {
        let doc = table::read_str("generated.tsv", &text, &ReadOptions::default()).unwrap();
        let counts = doc.counts();
        let m = Methodology::from_rules(RuleSet::bundled());
        let report = eval::evaluate(&doc, None, &eval::Options {
            methodology: &m,
            rules: RuleSet::bundled(),
            year: Some(2023),
            progress: None,
            cancel: None,
        });
        let listed: usize = report.projects.iter().map(|p| p.indicators.len()).sum();
        prop_assert_eq!(listed, counts.indicators, "{}", text);
        prop_assert_eq!(report.summary.indicators, counts.indicators);
        let s = &report.summary;
        prop_assert_eq!(s.pass + s.fail + s.review + s.missing + s.invalid + s.not_applicable, listed);
        let mut seen = std::collections::BTreeSet::new();
        for p in &report.projects {
            for i in &p.indicators {
                prop_assert!(seen.insert((p.unit.clone(), p.project.clone(), i.seq)));
            }
        }
        let mut absent = 0;
        for (name, line, kind, n) in &rows {
            let in_report = report.projects.iter().find(|p| &p.project == name);
            let flagged = doc.findings.iter().any(|f| f.line == Some(*line));
            match in_report {
                Some(p) if matches!(kind, RowKind::Good | RowKind::NoteAfter | RowKind::HugeTarget) => {
                    prop_assert_eq!(p.indicators.len(), *n, "{} {}", name, text);
                }
                Some(_) => prop_assert!(flagged, "{:?} row {} read without a finding\n{}", kind, name, text),
                None => {
                    absent += 1;
                    prop_assert!(flagged, "{} at line {} lost without a finding\n{}", name, line, text);
                }
            }
            if matches!(kind, RowKind::Good) {
                prop_assert!(in_report.is_some(), "good row {} missing\n{}", name, text);
            }
        }
        let notes = rows.iter().filter(|r| matches!(r.2, RowKind::NoteAfter)).count();
        prop_assert_eq!(counts.rows_read, data_rows, "{}", text);
        prop_assert_eq!(counts.rows_skipped, absent + notes, "{}", text);
    }
}
