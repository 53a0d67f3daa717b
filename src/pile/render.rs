//! The roll-up of a pile in `table`, `markdown`, `json` and `csv`.
//!
//! The text formats (`table`, `markdown`) give the summary line, the forms sorted by their
//! difference, the totals per unit and per 主管部门, the files not read, the copies, the
//! `复核意见`, then each table's scored 自评表 under its file name. `json` is the roll-up
//! without the 自评表 (field names in README «Several forms in one run»). `csv` is one table
//! with a `record` column: `form` rows, `unread` rows and `opinion` rows (see [`CSV_HEADER`]).

use std::io::{self, Write};

use rust_decimal::Decimal;

use crate::report::text_table::TextTable;
use crate::report::{md_text, selfeval_table};

use super::rollup::{FormCounts, FormRow, Group, Rollup};

/// A figure as read (printed) or as shown (recomputed, already rounded to the method's
/// decimals): never re-rounded or trimmed here.
pub(crate) fn dec(d: Option<Decimal>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

/// A difference with its sign (`+3.80`, `-1.00`), empty where there is none.
pub(crate) fn signed(d: Option<Decimal>) -> String {
    match d {
        Some(d) if d > Decimal::ZERO => format!("+{d}"),
        Some(d) => d.to_string(),
        None => String::new(),
    }
}

/// The summary line.
pub fn summary(r: &Rollup) -> String {
    let t = &r.totals;
    let c = &t.counts;
    format!(
        "汇总：读取 {} 张表，共 {} 个项目；另有 {} 个副本未重复读取，{} 个文件未能读取；一致 {}，不一致 {}，未核对 {}，无原表总分 {}；等级变化 {}，得分不一致的行 {}",
        t.tables,
        c.forms,
        t.copies,
        t.unread,
        c.agreeing,
        c.differing,
        c.unchecked,
        c.not_printed,
        c.grade_changes,
        c.rows_differing
    )
}

/// The columns of a form's row in every roll-up (the xlsx adds its link column).
pub(crate) const FORM_HEADER: [&str; 15] = [
    "序号",
    "文件",
    "工作表",
    "主管部门",
    "单位",
    "项目",
    "原表总分",
    "原表等级",
    "重算总分",
    "重算等级",
    "差额",
    "不一致行",
    "待评定分值",
    "核对",
    "否决",
];

fn form_cells(i: usize, f: &FormRow) -> Vec<String> {
    vec![
        (i + 1).to_string(),
        f.file.clone(),
        f.sheet.clone().unwrap_or_default(),
        f.department.clone(),
        f.unit.clone(),
        f.project.clone(),
        dec(f.printed_total),
        f.printed_grade.clone().unwrap_or_default(),
        f.total
            .map(|t| t.to_string())
            .or_else(|| f.status.zh().map(str::to_owned))
            .unwrap_or_default(),
        f.grade
            .clone()
            .or_else(|| f.status.zh().map(str::to_owned))
            .unwrap_or_default(),
        signed(f.difference),
        f.rows_differing.to_string(),
        dec(Some(f.pending)),
        f.check.zh().to_owned(),
        f.vetoes.join("；"),
    ]
}

/// The columns of a unit's or a department's totals in every roll-up: its name, then
/// [`group_counts`].
pub(super) const GROUP_HEADER: [&str; 8] = [
    "名称",
    "表数",
    "一致",
    "不一致",
    "未核对",
    "无原表总分",
    "等级变化",
    "不一致行",
];

/// A group's counts in the order of [`GROUP_HEADER`] after its name.
pub(crate) fn group_counts(c: &FormCounts) -> [usize; 7] {
    [
        c.forms,
        c.agreeing,
        c.differing,
        c.unchecked,
        c.not_printed,
        c.grade_changes,
        c.rows_differing,
    ]
}

fn group_cells(name: &str, c: &FormCounts) -> Vec<String> {
    std::iter::once(name.to_owned())
        .chain(group_counts(c).iter().map(usize::to_string))
        .collect()
}

fn group_rows(groups: &[Group], total: &FormCounts) -> Vec<Vec<String>> {
    groups
        .iter()
        .map(|g| group_cells(&g.name, &g.counts))
        .chain([group_cells("合计", total)])
        .collect()
}

const OPINION_HEADER: [&str; 8] = ["序号", "文件", "单位", "项目", "项", "原表", "重算", "原因"];

fn opinion_rows(r: &Rollup) -> Vec<Vec<String>> {
    r.opinions
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let item = match &o.at {
                Some(at) => format!("{}（{at}）", o.item),
                None => o.item.clone(),
            };
            vec![
                (i + 1).to_string(),
                o.file.clone(),
                o.unit.clone(),
                o.project.clone(),
                item,
                o.printed.clone(),
                o.recomputed.clone(),
                o.reason.clone(),
            ]
        })
        .collect()
}

/// One section of the text formats: title, header, rows.
pub(crate) type Section = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

/// Every section, the same in both text formats.
pub(crate) fn text_sections(r: &Rollup) -> Vec<Section> {
    let mut out = vec![(
        "各表",
        FORM_HEADER.to_vec(),
        r.forms
            .iter()
            .enumerate()
            .map(|(i, f)| form_cells(i, f))
            .collect(),
    )];
    out.push((
        "按单位",
        GROUP_HEADER.to_vec(),
        group_rows(&r.units, &r.totals.counts),
    ));
    out.push((
        "按主管部门",
        GROUP_HEADER.to_vec(),
        group_rows(&r.departments, &r.totals.counts),
    ));
    if !r.unread.is_empty() {
        out.push((
            "未能读取的文件",
            vec!["文件", "代码", "原因"],
            r.unread
                .iter()
                .map(|u| vec![u.file.clone(), u.code.clone(), u.reason.clone()])
                .collect(),
        ));
    }
    if !r.copies.is_empty() {
        out.push((
            "同一张表的副本（只读取一次）",
            vec!["读取", "副本"],
            r.copies
                .iter()
                .map(|c| vec![c.file.clone(), c.copies.join("、")])
                .collect(),
        ));
    }
    out.push(("复核意见", OPINION_HEADER.to_vec(), opinion_rows(r)));
    out
}

/// The roll-up as aligned text, then each table's 自评表.
pub fn render_text(r: &Rollup) -> String {
    let mut out = summary(r);
    out.push('\n');
    for (title, header, rows) in text_sections(r) {
        out.push_str(&format!("\n{title}\n"));
        if rows.is_empty() {
            out.push_str("（无）\n");
            continue;
        }
        let mut t = TextTable::new(header);
        for row in rows {
            t.row(row);
        }
        out.push_str(&t.render());
    }
    for (name, report) in &r.reports {
        out.push_str(&format!("\n════ {name} ════\n"));
        out.push_str(&selfeval_table::render_text(report));
    }
    out
}

/// The roll-up as Markdown, then each table's 自评表.
pub fn render_markdown(r: &Rollup) -> String {
    let mut out = format!("# 汇总\n\n{}\n", md_text(&summary(r)));
    for (title, header, rows) in text_sections(r) {
        out.push_str(&format!("\n## {title}\n\n"));
        if rows.is_empty() {
            out.push_str("（无）\n");
            continue;
        }
        out.push_str(&format!("| {} |\n", header.join(" | ")));
        out.push_str(&format!(
            "|{}\n",
            header.iter().map(|_| "---|").collect::<String>()
        ));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| md_text(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    for (name, report) in &r.reports {
        out.push_str(&format!("\n---\n\n# {}\n\n", md_text(name)));
        out.push_str(&selfeval_table::render_markdown(report));
    }
    out
}

/// The roll-up as JSON (no 自评表: each table's own report is `jixiao evaluate FILE`).
pub fn render_json(r: &Rollup) -> String {
    let mut s =
        serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// The columns of the CSV roll-up.
pub const CSV_HEADER: [&str; 18] = [
    "record",
    "file",
    "sheet",
    "department",
    "unit",
    "project",
    "item",
    "printed_total",
    "printed_grade",
    "total",
    "grade",
    "status",
    "difference",
    "rows_differing",
    "pending",
    "check",
    "vetoes",
    "reason",
];

/// The roll-up as CSV (BOM, CRLF, cells neutralised as in the report's CSV): `form` rows in
/// the roll-up's order, then `unread` rows (`item` holds the code), then `opinion` rows
/// (`printed_total` and `total` hold the printed and recomputed figures).
pub fn write_csv(r: &Rollup, out: &mut dyn Write) -> io::Result<()> {
    use crate::report::csv::neutralise;
    out.write_all(crate::report::csv::BOM)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let err = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    };
    w.write_record(CSV_HEADER).map_err(err)?;
    let mut row =
        |cells: [String; 18]| w.write_record(cells.iter().map(|c| neutralise(c).into_owned()));
    for f in &r.forms {
        let status = serde_json::to_value(f.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let check = serde_json::to_value(f.check)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        row([
            "form".into(),
            f.file.clone(),
            f.sheet.clone().unwrap_or_default(),
            f.department.clone(),
            f.unit.clone(),
            f.project.clone(),
            String::new(),
            dec(f.printed_total),
            f.printed_grade.clone().unwrap_or_default(),
            dec(f.total),
            f.grade.clone().unwrap_or_default(),
            status,
            dec(f.difference),
            f.rows_differing.to_string(),
            dec(Some(f.pending)),
            check,
            f.vetoes.join("；"),
            String::new(),
        ])
        .map_err(err)?;
    }
    for u in &r.unread {
        let mut cells: [String; 18] = Default::default();
        cells[0] = "unread".into();
        cells[1] = u.file.clone();
        cells[6] = u.code.clone();
        cells[17] = u.reason.clone();
        row(cells).map_err(err)?;
    }
    for o in &r.opinions {
        let mut cells: [String; 18] = Default::default();
        cells[0] = "opinion".into();
        cells[1] = o.file.clone();
        cells[4] = o.unit.clone();
        cells[5] = o.project.clone();
        cells[6] = match &o.at {
            Some(at) => format!("{}（{at}）", o.item),
            None => o.item.clone(),
        };
        cells[7] = o.printed.clone();
        cells[9] = o.recomputed.clone();
        cells[17] = o.reason.clone();
        row(cells).map_err(err)?;
    }
    w.flush()
}
