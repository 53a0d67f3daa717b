//! The page for a pile (issue 26): several different tables, a folder of forms or a `.zip`
//! dropped at once. The roll-up comes first — the files used, the summary, downloads of the
//! roll-up (xlsx, csv, markdown, json, html: the library's renderers), one row per form sorted
//! by the size of its difference, the totals per unit and per 主管部门, the `复核意见` — then each table's scored 自评表 in a fold-out of its own, which a
//! row of the roll-up opens at its project. Reading, evaluating and the roll-up are the
//! library's ([`crate::pile`]), as on the command line; this module renders them.
//!
//! Decisions where the spec is silent:
//! - The tables are read on the request's share of the cores (the cores over `--max-work`),
//!   so one pile does not starve the other requests the server admits.
//! - Each table's report is the HTML report's sections with its anchors numbered per table
//!   (`f2-project-3`), so the links of one table's chart and of the roll-up never land in
//!   another table.
//! - A roll-up row links to the first project of its table with that unit and name (a table
//!   that names two projects alike links both rows to the first).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

use super::inputs::{ApiError, Files, Params, Upload};
use super::page::PROJECTS_SHOWN;
use super::page::{Used, download, download_workbook, files_table, rule_rows};
use super::work::Answer;
use crate::eval::Methodology;
use crate::eval::methodology::ScoreBand;
use crate::pile::render::{dec, signed};
use crate::pile::{self, rollup::Rollup};
use crate::report::html::{FirstProjects, escape, write_body_first};

/// The roll-up page of `uploads` (every file dropped but the rule files).
pub(super) fn render(
    uploads: Vec<Upload>,
    files: &Files,
    params: &Params,
    workers: usize,
    answer: &mut Answer<'_>,
) -> Result<(), ApiError> {
    let cancel = answer.cancel();
    let opts = files.read_options(params)?;
    let rules = files.rules(params)?;
    let folder = folder_of(&uploads);
    let gathered =
        pile::gather::gather_bytes(uploads.into_iter().map(|u| (u.name, u.bytes)).collect());
    let sorted = pile::sort(gathered, &opts, workers);
    cancel.check()?;
    let actuals_files: Vec<String> = sorted.actuals.iter().map(|(n, _)| n.clone()).collect();
    let methodology = Methodology::from_rules(&rules);
    let (evaluated, mut more) = pile::evaluate(
        &sorted,
        &pile::Settings {
            methodology: &methodology,
            rules: &rules,
            year: params.year,
            workers,
        },
    );
    cancel.check()?;
    let mut unread = sorted.unread;
    unread.append(&mut more);
    let rollup = pile::rollup::build(evaluated, unread);
    let bands = &methodology.bands.value;

    // written into the answer a part at a time (a worker hands it on as it goes)
    let mut out = String::new();
    used(&mut out, &rollup, &actuals_files, files, params);
    summary_cards(&mut out, &rollup);
    answer.put(&out)?;
    out.clear();
    downloads(answer, &rollup, &folder, bands)?;
    forms_table(&mut out, &rollup);
    groups(&mut out, "按单位", "单位", &rollup.units);
    groups(&mut out, "按主管部门", "主管部门", &rollup.departments);
    opinions(&mut out, &rollup);
    cancel.check()?;
    answer.put(&out)?;
    reports(answer, &rollup, bands)
}

/// The roll-up's summary line and its counts as cards.
fn summary_cards(out: &mut String, rollup: &Rollup) {
    let t = &rollup.totals;
    let c = &t.counts;
    let _ = writeln!(
        out,
        "<h2>复核汇总</h2>\n<p id=\"pile-summary\">{}</p>\n<div class=\"cards\" id=\"counts\"><div class=\"card\">表格<b id=\"table-count\">{}</b></div><div class=\"card\">项目<b id=\"project-count\">{}</b></div><div class=\"card\">一致<b>{}</b></div><div class=\"card\">不一致<b class=\"differs\">{}</b></div><div class=\"card\">未核对<b>{}</b></div><div class=\"card\">等级变化<b>{}</b></div><div class=\"card\">未能读取<b id=\"unread-count\">{}</b></div></div>",
        escape(&pile::render::summary(rollup)),
        t.tables,
        c.forms,
        c.agreeing,
        c.differing,
        c.unchecked,
        c.grade_changes,
        t.unread
    );
}

/// The roll-up's downloads: the workbook (汇总 first, a sheet per table with links) as the
/// command line writes it, csv, markdown, json and html; one past the limits is named with
/// why, and the other downloads still come.
fn downloads(
    out: &mut Answer<'_>,
    rollup: &Rollup,
    folder: &str,
    bands: &[ScoreBand],
) -> Result<(), ApiError> {
    out.put("<p class=\"downloads\" id=\"rollup-downloads\">")?;
    let stem = format!("{folder}复核汇总");
    download_workbook(out, &format!("{stem}.xlsx"), "汇总 xlsx", |w| {
        let bytes = pile::xlsx::render_xlsx(rollup).map_err(std::io::Error::other)?;
        w.write_all(&bytes)
    })?;
    download(
        out,
        &format!("{stem}.csv"),
        "汇总 csv",
        "text/csv; charset=utf-8",
        |w| pile::render::write_csv(rollup, w),
    )?;
    download(
        out,
        &format!("{stem}.md"),
        "汇总 markdown",
        "text/markdown; charset=utf-8",
        |w| w.write_all(pile::render::render_markdown(rollup).as_bytes()),
    )?;
    download(
        out,
        &format!("{stem}.json"),
        "汇总 json",
        "application/json",
        |w| w.write_all(pile::render::render_json(rollup).as_bytes()),
    )?;
    download(
        out,
        &format!("{stem}.html"),
        "汇总 html",
        "text/html; charset=utf-8",
        |w| w.write_all(pile::html::render_html(rollup, bands).as_bytes()),
    )?;
    out.put("</p>\n")
}

/// Each table's 自评表, folded; the roll-up's rows open them. A table's first
/// [`PROJECTS_SHOWN`] projects, as on the page of one table. Past nine tenths of the answer
/// limit the rest are named, not shown: the roll-up above is what must arrive.
fn reports(answer: &mut Answer<'_>, rollup: &Rollup, bands: &[ScoreBand]) -> Result<(), ApiError> {
    if !rollup.reports.is_empty() {
        answer.put("<h2>各表的自评表</h2>\n")?;
    }
    let limit = answer.limit();
    // the forms that differ from their table, counted by file once (not a pass over every
    // form of the pile for each table)
    let mut differing_in: HashMap<&str, usize> = HashMap::new();
    for f in &rollup.forms {
        if f.check == pile::rollup::TotalCheck::Differs {
            *differing_in.entry(f.file.as_str()).or_default() += 1;
        }
    }
    for (k, (file, report)) in rollup.reports.iter().enumerate() {
        answer.cancel().check()?;
        let prefix = format!("f{}-", k + 1);
        let note = format!(
            "这张表共 {} 个项目，这里只列出前 {PROJECTS_SHOWN} 个项目的自评表（汇总中它的数字是完整的）。全部项目的自评表：把这张表单独拖入本页下载，或用命令行 jixiao evaluate 生成。",
            report.projects.len()
        );
        let first = FirstProjects {
            shown: PROJECTS_SHOWN,
            note: &note,
        };
        let mut body = Vec::new();
        write_body_first(report, bands, &first, &mut body).map_err(|e| answer.error(&e))?;
        let body = String::from_utf8_lossy(&body);
        let html = super::bars::with_bars(&body, report, "")
            .replace("id=\"project-", &format!("id=\"{prefix}project-"))
            .replace("href=\"#project-", &format!("href=\"#{prefix}project-"));
        if answer.written() + html.len() > limit / 10 * 9 {
            let rest: Vec<&str> = rollup.reports[k..]
                .iter()
                .map(|(f, _)| f.as_str())
                .collect();
            return answer.put(&format!(
                "<p class=\"too-large\" id=\"forms-left-out\">其余 {} 张表的自评表超过网页的大小上限，未在此显示：{}。汇总中它们的数字是完整的；每张表的自评表请用命令行 jixiao evaluate 文件夹 --format markdown（或逐个拖入本页）查看。</p>\n",
                rest.len(),
                escape(&rest.join("、"))
            ));
        }
        let differing = differing_in.get(file.as_str()).copied().unwrap_or(0);
        answer.put(&format!(
            "<details class=\"form\" id=\"form-{}\"><summary><b>{}</b>：{} 个项目{}</summary>\n{html}</details>\n",
            k + 1,
            escape(file),
            report.projects.len(),
            if differing > 0 {
                format!("，<span class=\"differs\">{differing} 个与原表不一致</span>")
            } else {
                String::new()
            }
        ))?;
    }
    Ok(())
}

/// The folder the files came from (`folder／file` as the page names a folder's files), with
/// a dash, for the downloads' names; empty when they came from no one folder.
fn folder_of(uploads: &[Upload]) -> String {
    let first = uploads
        .first()
        .and_then(|u| u.name.split_once(['／', '/']))
        .map(|(f, _)| f);
    match first {
        Some(f)
            if !f.trim().is_empty()
                && uploads
                    .iter()
                    .all(|u| u.name.split_once(['／', '/']).is_some_and(|(g, _)| g == f)) =>
        {
            format!("{}-", f.trim())
        }
        _ => String::new(),
    }
}

/// The files used: each table (its projects, the actuals applied), its copies, the actuals
/// files, the rules, the files not read with why.
fn used(out: &mut String, r: &Rollup, actuals: &[String], files: &Files, params: &Params) {
    let mut rows = Vec::new();
    for (file, report) in &r.reports {
        let applied = r
            .forms
            .iter()
            .find(|f| f.file == *file)
            .and_then(|f| f.actuals.clone());
        rows.push(Used {
            name: file.clone(),
            role: "表格",
            note: match applied {
                Some(a) => format!("{} 个项目；实际值取自 {a}", report.projects.len()),
                None => format!("{} 个项目；用表中的实际完成值", report.projects.len()),
            },
            unread: false,
        });
    }
    for c in &r.copies {
        for copy in &c.copies {
            rows.push(Used {
                name: copy.clone(),
                role: "副本",
                note: format!("与 {} 是同一张表，未重复读取", c.file),
                unread: false,
            });
        }
    }
    for a in actuals {
        let tables: Vec<&str> = r
            .reports
            .iter()
            .filter(|(file, _)| {
                r.forms
                    .iter()
                    .any(|f| f.file == *file && f.actuals.as_deref() == Some(a))
            })
            .map(|(f, _)| f.as_str())
            .collect();
        if !tables.is_empty() {
            rows.push(Used {
                name: a.clone(),
                role: "实际值",
                note: format!("用于 {}", tables.join("、")),
                unread: false,
            });
        }
    }
    rule_rows(files, params, &mut rows);
    for u in &r.unread {
        rows.push(Used {
            name: u.file.clone(),
            role: "未能读取",
            note: match &u.help {
                Some(h) => format!("{}（{}）{h}", u.reason, u.code),
                None => format!("{}（{}）", u.reason, u.code),
            },
            unread: true,
        });
    }
    files_table(out, &rows);
}

/// One row per form, in the roll-up's order; the project opens its table's 自评表 there.
fn forms_table(out: &mut String, r: &Rollup) {
    out.push_str("<table class=\"rollup cardable\" id=\"rollup\"><thead><tr><th class=\"num\">序号</th><th>文件</th><th>单位</th><th>项目</th><th class=\"num\">原表总分</th><th>原表等级</th><th class=\"num\">重算总分</th><th>重算等级</th><th class=\"num\">差值</th><th class=\"num\">得分不一致的行</th><th class=\"num\">待评定分值</th><th>核对</th><th>否决</th></tr></thead><tbody>\n");
    // each report by its file, and each project of one by its names (the first of either),
    // found once: a search of every report and every project for each row was quadratic
    // (a drop of one table of 30,000 projects beside another, 9.9 s of CPU; 10,000, 1.9 s)
    let mut report_of: HashMap<&str, usize> = HashMap::new();
    for (k, (file, _)) in r.reports.iter().enumerate() {
        report_of.entry(file.as_str()).or_insert(k);
    }
    let mut projects_of: HashMap<usize, HashMap<(&str, &str), usize>> = HashMap::new();
    for (n, f) in r.forms.iter().enumerate() {
        let k = report_of.get(f.file.as_str()).copied();
        let target = k.and_then(|k| {
            projects_of
                .entry(k)
                .or_insert_with(|| {
                    let mut m = HashMap::new();
                    for (i, p) in r.reports[k].1.projects.iter().enumerate() {
                        m.entry((p.unit.as_str(), p.project.as_str())).or_insert(i);
                    }
                    m
                })
                .get(&(f.unit.as_str(), f.project.as_str()))
                .map(|p| format!("f{}-project-{}", k + 1, p + 1))
        });
        let project = match &target {
            Some(t) => format!("<a href=\"#{t}\">{}</a>", escape(&f.project)),
            None => escape(&f.project),
        };
        let file = match &f.sheet {
            Some(s) => format!("{}（{}）", f.file, s),
            None => f.file.clone(),
        };
        let total = match (f.total, &f.grade) {
            (Some(t), _) => t.to_string(),
            _ => f.status.zh().unwrap_or_default().to_owned(),
        };
        let check = serde_json::to_value(f.check)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr class=\"check-{check}\"><td class=\"num\" data-label=\"序号\">{}</td><td data-label=\"文件\">{}</td><td data-label=\"单位\">{}</td><td data-label=\"项目\" class=\"title\">{project}</td><td class=\"num\" data-label=\"原表总分\">{}</td><td data-label=\"原表等级\">{}</td><td class=\"num\" data-label=\"重算总分\">{}</td><td data-label=\"重算等级\">{}</td><td class=\"num\" data-label=\"差值\">{}</td><td class=\"num\" data-label=\"得分不一致的行\">{}</td><td class=\"num\" data-label=\"待评定分值\">{}</td><td data-label=\"核对\" class=\"check\">{}</td><td data-label=\"否决\">{}</td></tr>",
            n + 1,
            escape(&file),
            escape(&f.unit),
            dec(f.printed_total),
            escape(f.printed_grade.as_deref().unwrap_or("")),
            escape(&total),
            escape(f.grade.as_deref().unwrap_or("")),
            signed(f.difference),
            f.rows_differing,
            f.pending,
            f.check.zh(),
            escape(&f.vetoes.join("；")),
        );
    }
    out.push_str("</tbody></table>\n");
}

/// The page's names of a group's counts, in the order of [`pile::render::group_counts`] (the
/// roll-up files' `GROUP_HEADER`, said for a reader of the page).
const GROUP_LABELS: [&str; 7] = [
    "项目",
    "一致",
    "不一致",
    "未核对",
    "无原表总分",
    "等级变化",
    "得分不一致的行",
];

/// The totals per unit or per 主管部门.
fn groups(out: &mut String, title: &str, what: &str, groups: &[pile::rollup::Group]) {
    if groups.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h3>{title}</h3>\n<table class=\"cardable\"><thead><tr><th>{what}</th>"
    );
    for label in GROUP_LABELS {
        let _ = write!(out, "<th class=\"num\">{label}</th>");
    }
    out.push_str("</tr></thead><tbody>\n");
    for g in groups {
        let _ = write!(
            out,
            "<tr><td data-label=\"{what}\" class=\"title\">{}</td>",
            escape(&g.name)
        );
        for (label, n) in GROUP_LABELS
            .iter()
            .zip(pile::render::group_counts(&g.counts))
        {
            let _ = write!(out, "<td class=\"num\" data-label=\"{label}\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// The `复核意见`: each figure that differs, printed and recomputed, with why.
fn opinions(out: &mut String, r: &Rollup) {
    let _ = writeln!(out, "<h3>复核意见（{} 条）</h3>", r.opinions.len());
    if r.opinions.is_empty() {
        out.push_str("<p class=\"none\">没有与原表不一致之处。</p>\n");
        return;
    }
    out.push_str("<table class=\"cardable\" id=\"opinions\"><thead><tr><th>文件</th><th>单位 / 项目</th><th>项</th><th>位置</th><th class=\"num\">原表</th><th class=\"num\">重算</th><th>原因</th></tr></thead><tbody>\n");
    for o in &r.opinions {
        let _ = writeln!(
            out,
            "<tr><td data-label=\"文件\">{}</td><td data-label=\"单位 / 项目\">{}</td><td data-label=\"项\" class=\"title\">{}</td><td data-label=\"位置\">{}</td><td class=\"num\" data-label=\"原表\">{}</td><td class=\"num\" data-label=\"重算\">{}</td><td data-label=\"原因\">{}</td></tr>",
            escape(&o.file),
            escape(&if o.unit.is_empty() {
                o.project.clone()
            } else {
                format!("{} / {}", o.unit, o.project)
            }),
            escape(&o.item),
            escape(o.at.as_deref().unwrap_or("")),
            escape(&o.printed),
            escape(&o.recomputed),
            escape(&o.reason)
        );
    }
    out.push_str("</tbody></table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_groups_counts_are_labelled_in_their_order() {
        let g = pile::rollup::Group {
            name: "甲<单位>".to_owned(),
            counts: pile::rollup::FormCounts {
                forms: 1,
                agreeing: 2,
                differing: 3,
                unchecked: 4,
                not_printed: 5,
                grade_changes: 6,
                rows_differing: 7,
            },
        };
        let mut out = String::new();
        groups(&mut out, "按单位", "单位", &[g]);
        assert_eq!(
            out,
            "<h3>按单位</h3>\n<table class=\"cardable\"><thead><tr><th>单位</th><th class=\"num\">项目</th><th class=\"num\">一致</th><th class=\"num\">不一致</th><th class=\"num\">未核对</th><th class=\"num\">无原表总分</th><th class=\"num\">等级变化</th><th class=\"num\">得分不一致的行</th></tr></thead><tbody>\n\
             <tr><td data-label=\"单位\" class=\"title\">甲&lt;单位&gt;</td><td class=\"num\" data-label=\"项目\">1</td><td class=\"num\" data-label=\"一致\">2</td><td class=\"num\" data-label=\"不一致\">3</td><td class=\"num\" data-label=\"未核对\">4</td><td class=\"num\" data-label=\"无原表总分\">5</td><td class=\"num\" data-label=\"等级变化\">6</td><td class=\"num\" data-label=\"得分不一致的行\">7</td></tr>\n\
             </tbody></table>\n"
        );
    }

    #[test]
    fn the_downloads_name_the_one_folder_the_files_came_from() {
        let up = |n: &str| Upload {
            name: n.to_owned(),
            bytes: Vec::new(),
        };
        assert_eq!(
            folder_of(&[up("各单位／a.xlsx"), up("各单位／乙／b.xlsx")]),
            "各单位-"
        );
        assert_eq!(
            folder_of(&[up("forms/a.xlsx"), up("forms/b.docx")]),
            "forms-"
        );
        assert_eq!(folder_of(&[up("各单位／a.xlsx"), up("b.xlsx")]), "");
        assert_eq!(folder_of(&[up("甲／a.xlsx"), up("乙／b.xlsx")]), "");
        assert_eq!(folder_of(&[]), "");
    }
}
