//! Property test of the forms reader (contract §4.4): projects made at random, laid out as published
//! forms in any variant — stacked in one sheet or one a sheet, 分值 before or after the target,
//! the target whole or split over 指标性质 | 指标值 | 度量单位 under a two-row header, points
//! beside the categories, placeholder rows, merged category cells in a workbook or their first
//! cell only in a CSV — read back to the same projects and indicators.

use jixiao::table::{self, ReadOptions};
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

/// (一级指标, 二级指标), in the order forms print them.
const LEVELS: &[(&str, &str)] = &[
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
];
const NAMES: &[&str] = &[
    "培训人次",
    "验收合格率",
    "群众知晓率",
    "资金到位率",
    "满意度",
];
const OPS: &[&str] = &["≥", "≤", "="];
const UNITS: &[&str] = &["%", "人", "次", "个"];

#[derive(Debug, Clone)]
struct Ind {
    level: usize,
    name: String,
    op: &'static str,
    value: u32,
    unit: &'static str,
    actual: String,
    weight: u32,
    score: String,
}

#[derive(Debug, Clone)]
struct Proj {
    name: String,
    unit: String,
    indicators: Vec<Ind>,
}

#[derive(Debug, Clone, Copy)]
struct Variant {
    weight_first: bool,
    split: bool,
    points: bool,
    placeholders: bool,
    per_sheet: bool,
}

fn indicator() -> impl Strategy<Value = (usize, usize, usize, u32, usize, u32, u32, u32)> {
    (
        0..LEVELS.len(),
        0..NAMES.len(),
        0..OPS.len(),
        1u32..1000,
        0..UNITS.len(),
        1u32..1000,
        1u32..30,
        0u32..300,
    )
}

fn projects() -> impl Strategy<Value = Vec<Proj>> {
    prop::collection::vec(prop::collection::vec(indicator(), 1..7), 1..4).prop_map(|ps| {
        ps.into_iter()
            .enumerate()
            .map(|(n, mut inds)| {
                inds.sort_by_key(|i| i.0);
                Proj {
                    name: format!("项目{}号", n + 1),
                    unit: format!("第{}单位", n + 1),
                    indicators: inds
                        .into_iter()
                        .enumerate()
                        .map(
                            |(k, (level, name, op, value, unit, actual, weight, score))| Ind {
                                level,
                                name: format!("{}{}", NAMES[name], k + 1),
                                op: OPS[op],
                                value,
                                unit: UNITS[unit],
                                actual: format!("{actual}{}", UNITS[unit]),
                                weight,
                                score: format!("{}.{}", score / 10, score % 10),
                            },
                        )
                        .collect(),
                }
            })
            .collect()
    })
}

fn variant() -> impl Strategy<Value = Variant> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(weight_first, split, points, placeholders, per_sheet)| Variant {
                weight_first,
                split,
                points,
                placeholders,
                per_sheet,
            },
        )
}

/// A form's rows, and the (first row, last row, column) of each category cell to merge.
type Form = (Vec<Vec<String>>, Vec<(usize, usize, usize)>);

/// One project's form in variant `v`.
fn form(p: &Proj, v: Variant) -> Form {
    let s = |x: &str| x.to_owned();
    let mut rows = vec![
        vec![s("项目支出绩效自评表")],
        vec![s("(2023年度)")],
        vec![s("项目名称"), p.name.clone()],
        vec![
            s("主管部门"),
            s("某局"),
            s(""),
            s("实施单位"),
            p.unit.clone(),
        ],
        vec![
            s("项目资金(万元)"),
            s(""),
            s("年初预算数"),
            s("全年预算数"),
            s("全年执行数"),
            s("分值"),
            s("得分"),
        ],
        vec![
            s(""),
            s("年度资金总额"),
            s("100"),
            s("100"),
            s("90"),
            s("10"),
            s("9"),
        ],
    ];
    let target_heads: Vec<String> = if v.split {
        vec![s("指标性质"), s("指标值"), s("度量单位")]
    } else {
        vec![s("年度指标值")]
    };
    let mut heads = vec![s("一级指标"), s("二级指标"), s("三级指标")];
    if v.weight_first {
        heads.push(s("分值"));
        heads.extend(target_heads.clone());
    } else {
        heads.extend(target_heads.clone());
        heads.push(s("分值"));
    }
    heads.extend([s("实际完成值"), s("得分")]);
    if v.split {
        // the upper row names the target over its three columns, the lower row its parts
        let mut upper: Vec<String> = heads
            .iter()
            .map(|h| match h.as_str() {
                "指标性质" => s("年度指标值"),
                "指标值" | "度量单位" | "一级指标" | "二级指标" | "三级指标" => {
                    s("")
                }
                other => other.to_owned(),
            })
            .collect();
        upper.insert(0, s("绩效指标"));
        rows.push(upper);
        let mut lower: Vec<String> = heads
            .iter()
            .map(|h| match h.as_str() {
                "分值" | "实际完成值" | "得分" => s(""),
                other => other.to_owned(),
            })
            .collect();
        lower.insert(0, s(""));
        rows.push(lower);
    } else {
        let mut one = heads.clone();
        one.insert(0, s("绩效指标"));
        rows.push(one);
    }
    let mut merges = Vec::new();
    let mut last: Option<(&str, &str)> = None;
    let mut l1_start = rows.len();
    for ind in &p.indicators {
        let (l1, l2) = LEVELS[ind.level];
        let new_l1 = last.is_none_or(|(a, _)| a != l1);
        let new_l2 = last != Some((l1, l2));
        if new_l1 && last.is_some() {
            merges.push((l1_start, rows.len() - 1, 1));
        }
        if new_l1 {
            l1_start = rows.len();
        }
        let points = if v.points { "(30分)" } else { "" };
        let mut row = vec![s("")];
        for h in &heads {
            row.push(match h.as_str() {
                "一级指标" if new_l1 => format!("{l1}{points}"),
                "二级指标" if new_l2 => l2.to_owned(),
                "三级指标" => ind.name.clone(),
                "年度指标值" => format!("{}{}{}", ind.op, ind.value, ind.unit),
                "指标性质" => ind.op.to_owned(),
                "指标值" => ind.value.to_string(),
                "度量单位" => ind.unit.to_owned(),
                "分值" => ind.weight.to_string(),
                "实际完成值" => ind.actual.clone(),
                "得分" => ind.score.clone(),
                _ => s(""),
            });
        }
        rows.push(row);
        last = Some((l1, l2));
        if v.placeholders {
            let mut blank = vec![s(""); heads.len() + 1];
            blank[3] = s("指标2:");
            rows.push(blank.clone());
            blank[3] = s("……");
            rows.push(blank);
        }
    }
    merges.push((l1_start, rows.len() - 1, 1));
    let weight_col = 1 + heads.iter().position(|h| h == "分值").unwrap();
    let mut total = vec![s(""); weight_col + 1];
    total[0] = s("总分");
    total[weight_col] = s("100");
    rows.push(total);
    rows.push(vec![s("注：本表由项目单位填报。")]);
    (rows, merges)
}

fn csv_of(forms: &[Form]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let width = forms
        .iter()
        .flat_map(|f| &f.0)
        .map(Vec::len)
        .max()
        .unwrap_or(1);
    for (rows, _) in forms {
        for r in rows {
            let mut r = r.clone();
            r.resize(width, String::new());
            w.write_record(&r).unwrap();
        }
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn xlsx_of(forms: &[Form], per_sheet: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    let mut row0 = 0u32;
    for (k, (rows, merges)) in forms.iter().enumerate() {
        if per_sheet || k == 0 {
            wb.add_worksheet();
            row0 = 0;
        }
        let ws = wb.worksheets_mut().last_mut().unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    ws.write_string(row0 + r as u32, c as u16, text).unwrap();
                }
            }
        }
        for &(first, last, col) in merges {
            if last > first {
                let text = rows[first][col].clone();
                ws.merge_range(
                    row0 + first as u32,
                    col as u16,
                    row0 + last as u32,
                    col as u16,
                    &text,
                    &rust_xlsxwriter::Format::new(),
                )
                .unwrap();
            }
        }
        row0 += rows.len() as u32 + 1;
    }
    wb.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn forms_read_back_to_their_projects(ps in projects(), v in variant(), as_xlsx in any::<bool>()) {
        let forms: Vec<_> = ps.iter().map(|p| form(p, v)).collect();
        let doc = if as_xlsx {
            table::read_bytes("f.xlsx", &xlsx_of(&forms, v.per_sheet), &ReadOptions::default())
        } else {
            table::read_str("f.csv", &csv_of(&forms), &ReadOptions::default())
        }
        .unwrap();
        let read: Vec<_> = doc.projects().collect();
        prop_assert_eq!(read.len(), ps.len());
        for ((unit, got), want) in read.iter().zip(&ps) {
            prop_assert_eq!(&got.name, &want.name);
            prop_assert_eq!(&unit.name, &want.unit);
            prop_assert_eq!(got.budget.as_ref().and_then(|b| b.spent), Some(90.into()));
            prop_assert_eq!(got.indicators.len(), want.indicators.len());
            for (g, w) in got.indicators.iter().zip(&want.indicators) {
                let (l1, l2) = LEVELS[w.level];
                prop_assert_eq!(g.category.as_deref(), Some(l1));
                prop_assert_eq!(g.subcategory.as_deref(), Some(l2));
                prop_assert_eq!(&*g.name, w.name.as_str());
                prop_assert_eq!(&*g.target, format!("{}{}{}", w.op, w.value, w.unit));
                prop_assert_eq!(g.actual.as_deref(), Some(w.actual.as_str()));
                prop_assert_eq!(g.weight, Some(w.weight.into()));
                prop_assert_eq!(g.published_score, Some(w.score.parse().unwrap()));
            }
        }
        let placeholders = ps.iter().map(|p| p.indicators.len() * 2).sum::<usize>();
        let expected_skipped = if v.placeholders { placeholders } else { 0 };
        prop_assert_eq!(doc.rows_skipped, expected_skipped);
    }
}

/// Pieces of forms, shuffled into random text: no input makes the forms reader panic, every
/// finding renders, every indicator's name location holds its name.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        ",",
        "\n",
        "\r\n",
        "\"",
        "项目名称",
        "项目名称：",
        "主管部门",
        "实施单位",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "指标性质",
        "指标值",
        "度量单位",
        "总分",
        "合计",
        "(50分)",
        "指标2:",
        "……",
        "年度资金总额",
        "全年预算数",
        "全年执行数",
        "其中:本年财政拨款",
        "预期目标",
        "实际完成情况",
        "产出指标",
        "数量指标",
        "≥95%",
        "96%",
        "0.96",
        "10",
        "-",
        "—",
        "/",
        "注:",
        "自评等级",
        "优",
        "项目支出绩效自评表",
        "(2023年度)",
        "部门：某局",
        "854万(说明)",
        "满意度指标\n(10分)",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_forms_never_panic(pieces in prop::collection::vec(piece(), 0..120)) {
        let head = "项目支出绩效自评表\n项目名称,随机\n一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n";
        let body = pieces.concat();
        for text in [format!("{head}{body}"), body.clone()] {
            if let Ok(doc) = table::read_str("r.csv", &text, &ReadOptions::default()) {
                let c = doc.counts();
                prop_assert!(c.rows_skipped <= c.rows_read);
                for (_, _, i) in doc.indicators() {
                    if !i.name.contains(' ') {
                        let at = doc.source.slice(&i.at.name()).replace(['\n', '\r'], "");
                        prop_assert_eq!(at.trim(), &*i.name);
                    }
                }
                for f in &doc.findings {
                    let _ = f.render(&doc.source, 100);
                }
            }
        }
    }
}

/// The form families of issue 24, laid out from a random project with consistent sums: the
/// 湖北 form (points only in block headers `年度绩效目标k(P分)`, each block repeating its header,
/// the funds row under `预算数(A) | 执行数(B) | …`), the county form (points only in labels
/// `产出指标 45分` / `数量指标 15 分`, the total printed at the top), levels named with 值 under a
/// 年度数值 column, and ★ indicators with unscored `其中…` rows — as a workbook, a Word document
/// (one table a form) or a CSV.
#[derive(Debug, Clone, Copy)]
enum Family {
    Blocks,
    Labels,
    Values,
    Core,
}

/// An indicator as the family form must give it back.
#[derive(Debug, Clone)]
struct Want {
    l1: &'static str,
    l2: &'static str,
    name: String,
    target: String,
    actual: String,
    weight: u32,
    score: u32,
}

fn value_name(level: &str) -> String {
    format!("{}值", level.trim_end_matches("指标"))
}

/// A family form of `p` and what it must read back as (indicators, breakdown rows). `tamper`
/// adds that many points to the printed total.
fn family_form(p: &Proj, fam: Family, tamper: u32) -> (Vec<Vec<String>>, Vec<Want>, usize) {
    let s = |x: &str| x.to_owned();
    // weights equal inside a group (a block, a subcategory) where only the group prints them
    let group_of = |level: usize| match fam {
        Family::Blocks => LEVELS[level].0,
        _ => LEVELS[level].1,
    };
    let wants: Vec<Want> = p
        .indicators
        .iter()
        .map(|ind| {
            let (l1, l2) = LEVELS[ind.level];
            let weight = match fam {
                Family::Blocks | Family::Labels => {
                    let first = p
                        .indicators
                        .iter()
                        .find(|i| group_of(i.level) == group_of(ind.level))
                        .unwrap();
                    first.weight
                }
                _ => ind.weight,
            };
            let score = weight - ind.value % (weight + 1);
            Want {
                l1,
                l2,
                name: match fam {
                    Family::Core if ind.value % 3 == 0 => format!("★{}", ind.name),
                    _ => ind.name.clone(),
                },
                target: format!("{}{}{}", ind.op, ind.value, ind.unit),
                actual: ind.actual.clone(),
                weight,
                score,
            }
        })
        .collect();
    let total: u32 = wants.iter().map(|w| w.score).sum::<u32>() + 9 + tamper;
    let mut rows = vec![vec![s("项目支出绩效自评表")], vec![s("(2023年度)")]];
    if matches!(fam, Family::Labels) {
        rows.push(vec![format!("自评总分: {total}")]);
    }
    rows.push(vec![s("项目名称"), p.name.clone()]);
    rows.push(vec![
        s("主管部门"),
        s("某局"),
        s(""),
        s("实施单位"),
        p.unit.clone(),
    ]);
    match fam {
        Family::Blocks => {
            rows.push(
                [
                    "预算执行情况(万元)(10分)",
                    "预算数(A)",
                    "执行数(B)",
                    "执行率(B/A)",
                    "得分(10分*执行率)",
                ]
                .map(s)
                .to_vec(),
            );
            rows.push(["", "100", "90", "90%", "9"].map(s).to_vec());
        }
        _ => {
            rows.push(
                [
                    "项目资金(万元)",
                    "",
                    "全年预算数",
                    "全年执行数",
                    "分值",
                    "得分",
                ]
                .map(s)
                .to_vec(),
            );
            rows.push(["", "年度资金总额", "100", "90", "10", "9"].map(s).to_vec());
        }
    }
    let heads: Vec<String> = match fam {
        Family::Blocks => [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "得分",
        ]
        .map(s)
        .to_vec(),
        Family::Labels => [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "自评分",
        ]
        .map(s)
        .to_vec(),
        Family::Values => [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度数值",
            "实际完成值",
            "分值",
            "得分",
        ]
        .map(s)
        .to_vec(),
        Family::Core => [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
        ]
        .map(s)
        .to_vec(),
    };
    if !matches!(fam, Family::Blocks) {
        rows.push(heads.clone());
    }
    let mut breakdowns = 0;
    let mut last: Option<(&str, &str)> = None;
    let mut block = 0;
    for (w, ind) in wants.iter().zip(&p.indicators) {
        let new_l1 = last.is_none_or(|(a, _)| a != w.l1);
        let new_l2 = last != Some((w.l1, w.l2));
        let members =
            |pred: &dyn Fn(&Want) -> bool| wants.iter().filter(|x| pred(x)).count() as u32;
        if matches!(fam, Family::Blocks) && new_l1 {
            block += 1;
            let points = w.weight * members(&|x| x.l1 == w.l1);
            rows.push(vec![format!("年度绩效目标{block}({points}分)")]);
            rows.push(heads.clone());
        }
        let l1_cell = match fam {
            _ if !new_l1 => s(""),
            Family::Labels => {
                let points: u32 = wants
                    .iter()
                    .filter(|x| x.l1 == w.l1)
                    .map(|x| x.weight)
                    .sum();
                format!("{} {points}分", w.l1)
            }
            Family::Values => value_name(w.l1),
            _ => s(w.l1),
        };
        let l2_cell = match fam {
            _ if !new_l2 => s(""),
            Family::Labels => format!(
                "{} {} 分",
                w.l2,
                w.weight * members(&|x| x.l1 == w.l1 && x.l2 == w.l2)
            ),
            Family::Values => value_name(w.l2),
            _ => s(w.l2),
        };
        let mut row = vec![
            l1_cell,
            l2_cell,
            w.name.clone(),
            w.target.clone(),
            w.actual.clone(),
        ];
        if matches!(fam, Family::Values | Family::Core) {
            row.push(w.weight.to_string());
        }
        row.push(w.score.to_string());
        rows.push(row);
        if w.name.starts_with('★') {
            // two parts that add up to the indicator's target and actual
            let a: u32 = ind
                .actual
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse()
                .unwrap();
            for (part, t, x) in [
                ("甲", ind.value / 2, a / 2),
                ("乙", ind.value - ind.value / 2, a - a / 2),
            ] {
                rows.push(vec![
                    s(""),
                    s(""),
                    format!("其中：{}{part}", ind.name),
                    format!("{}{t}{}", ind.op, ind.unit),
                    format!("{x}{}", ind.unit),
                ]);
                breakdowns += 1;
            }
        }
        last = Some((w.l1, w.l2));
    }
    if !matches!(fam, Family::Labels) {
        let mut t = vec![s(""); heads.len()];
        t[0] = s("总分");
        t[heads.len() - 1] = total.to_string();
        rows.push(t);
    }
    (rows, wants, breakdowns)
}

/// Forms as one Word document: each a table, every row a table row (empty cells kept).
fn docx_of(forms: &[Form]) -> Vec<u8> {
    use std::io::Write;
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for (rows, _) in forms {
        let width = rows.iter().map(Vec::len).max().unwrap_or(1);
        xml.push_str("<w:tbl>");
        for r in rows {
            xml.push_str("<w:tr>");
            for c in 0..width {
                let t = r.get(c).map(String::as_str).unwrap_or("");
                xml.push_str(&format!(
                    "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
                    esc(t)
                ));
            }
            xml.push_str("</w:tr>");
        }
        xml.push_str("</w:tbl><w:p/>");
    }
    xml.push_str("</w:body></w:document>");
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        z.start_file("[Content_Types].xml", o).unwrap();
        z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
            .unwrap();
        z.start_file("word/document.xml", o).unwrap();
        z.write_all(xml.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

fn family() -> impl Strategy<Value = Family> {
    prop::sample::select(vec![
        Family::Blocks,
        Family::Labels,
        Family::Values,
        Family::Core,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn families_read_back_and_changed_sums_are_unchecked(
        ps in projects(),
        fam in family(),
        format in 0..3u8,
        tamper in prop::sample::select(vec![0u32, 0, 1, 3]),
    ) {
        let laid: Vec<_> = ps.iter().map(|p| family_form(p, fam, tamper)).collect();
        let forms: Vec<Form> = laid.iter().map(|(rows, _, _)| (rows.clone(), Vec::new())).collect();
        let doc = match format {
            0 => table::read_bytes("f.xlsx", &xlsx_of(&forms, false), &ReadOptions::default()),
            1 => table::read_bytes("f.docx", &docx_of(&forms), &ReadOptions::default()),
            _ => table::read_str("f.csv", &csv_of(&forms), &ReadOptions::default()),
        }
        .unwrap();
        let read: Vec<_> = doc.projects().collect();
        prop_assert_eq!(read.len(), ps.len());
        for ((unit, got), (want_p, (_, wants, breakdowns))) in read.iter().zip(ps.iter().zip(&laid)) {
            prop_assert_eq!(&got.name, &want_p.name);
            prop_assert_eq!(&unit.name, &want_p.unit);
            let b = got.budget.as_ref().unwrap();
            prop_assert_eq!((b.budget, b.spent, b.weight), (Some(100.into()), Some(90.into()), Some(10.into())));
            prop_assert_eq!(got.indicators.len(), wants.len());
            for (g, w) in got.indicators.iter().zip(wants) {
                prop_assert_eq!(g.category.as_deref(), Some(w.l1));
                prop_assert_eq!(g.subcategory.as_deref(), Some(w.l2));
                prop_assert_eq!(&*g.name, w.name.as_str());
                prop_assert_eq!(&*g.target, w.target.as_str());
                prop_assert_eq!(g.actual.as_deref(), Some(w.actual.as_str()));
                prop_assert_eq!(g.weight, Some(w.weight.into()));
                prop_assert_eq!(g.published_score, Some(w.score.into()));
            }
            let form = got.form.as_deref().unwrap();
            prop_assert_eq!(form.breakdowns.len(), *breakdowns);
            prop_assert_eq!(form.unchecked.is_empty(), tamper == 0, "{:?}", form.unchecked);
        }
        let rules = jixiao::rules::RuleSet::bundled();
        let m = jixiao::eval::Methodology::from_rules(rules);
        let r = jixiao::eval::evaluate(&doc, None, &jixiao::eval::Options::new(&m, rules));
        for p in &r.projects {
            if tamper > 0 {
                // never graded: no total, no grade, the mismatch named
                prop_assert_eq!(p.status, jixiao::report::model::TotalStatus::Unchecked);
                prop_assert!(p.grade.is_empty());
                prop_assert!(!p.mismatches.is_empty());
            } else {
                prop_assert_ne!(p.status, jixiao::report::model::TotalStatus::Unchecked);
            }
        }
    }
}
