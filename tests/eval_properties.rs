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
