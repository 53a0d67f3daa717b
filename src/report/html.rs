//! The HTML report: one self-contained file (styles inline, chart as inline SVG, no script, no
//! font, nothing fetched), Chinese first, for a browser or a printer.
//!
//! It holds the summary, an SVG bar chart of project scores over the grade bands, the unit
//! roll-up, one 自评表 per project in the columns of the text renderers (verdicts coloured, the
//! deciding rules in a fold-out a tap opens — the budget row's too — and in a tooltip), the points waiting for review, and the rows whose
//! recomputed score differs from the sheet's own 得分, and the input findings. Every text that came from a table goes
//! through [`escape`]. The bytes depend only on the report (no timestamps).
//!
//! [`write()`] hands the output a chunk of whole sections or projects at a time (issue 27: the
//! page was built as one `String`, its body built apart and copied in, 3× its size held);
//! [`render`] and [`body`] are the same bytes gathered into a `String` (the web page, the pile).

use std::fmt::Write as _;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Chunked;
use super::model::{IndicatorReport, ProjectReport, Report};
use super::selfeval_table::{
    COLUMNS, budget_actual, budget_target, category_cell, published_total, reason,
    subcategory_cell, summary_line, total_text, total_weight,
};
use crate::eval::Verdict;
use crate::eval::methodology::ScoreBand;

/// Escape text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // control characters from a table (ESC, BEL, C1) shown as the text reports show
            // them (`␛`, `\u{9b}`), never raw: a page is also read with `cat` and `less`
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// The report's style sheet (the web page uses it for the same tables).
pub const STYLE: &str = r#"
:root { --pass:#e6f4ea; --fail:#fde7e9; --review:#fff4d6; --missing:#eeeeee; --invalid:#f1e4f7; --na:#f7f7f7; }
* { box-sizing: border-box; }
body { font-family: "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif; margin: 24px auto; max-width: 1320px; padding: 0 16px; color: #1f2328; font-size: 14px; line-height: 1.5; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 6px; border-bottom: 2px solid #c9d1d9; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 22px 0 4px; }
.sub { color: #57606a; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #c9d1d9; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f0f3f6; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.selfeval { table-layout: fixed; }
table.selfeval td { overflow-wrap: anywhere; }
svg a:hover rect { opacity: .8; }
tr.budget td { background: #f6f8fa; }
tr.v-pass td { background: var(--pass); }
tr.v-fail td { background: var(--fail); }
tr.v-review td { background: var(--review); }
tr.v-missing td { background: var(--missing); color: #57606a; }
tr.v-invalid td { background: var(--invalid); }
tr.v-not_applicable td { background: var(--na); color: #8c959f; }
tfoot td { font-weight: 600; background: #f0f3f6; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid rgba(0,0,0,.15); background: #fff; }
.badge.v-pass { color: #1a7f37; } .badge.v-fail { color: #cf222e; } .badge.v-review { color: #9a6700; }
.badge.v-missing { color: #57606a; } .badge.v-invalid { color: #8250df; } .badge.v-not_applicable { color: #8c959f; }
.note { color: #3d444d; }
.warn { border: 2px solid #b3261e; background: #fdecea; color: #5f100b; padding: .6em 1em; margin: 1em 0; }
.published { color: #cf222e; font-size: 12px; display: block; }
.published.same { color: #57606a; }
.published.same { color: #57606a; }
details.rules { display: inline; font-size: 12px; color: #57606a; }
details.rules summary { cursor: pointer; display: inline; }
.pending { color: #9a6700; font-weight: 600; }
.grade-优 { color: #1a7f37; } .grade-良 { color: #0969da; } .grade-中 { color: #9a6700; } .grade-差 { color: #cf222e; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 16px; }
.card { border: 1px solid #c9d1d9; border-radius: 6px; padding: 6px 12px; min-width: 96px; }
.card b { display: block; font-size: 20px; }
.legend span { margin-right: 10px; }
svg text { font-family: inherit; }
footer { color: #8c959f; font-size: 12px; margin-top: 32px; }
@media print { body { margin: 0; max-width: none; } section.project { break-inside: avoid; } details.rules { display: none; } }
"#;

/// `unit / project`, or the project alone where the sheet names no unit.
fn unit_project(unit: &str, project: &str) -> String {
    if unit.is_empty() {
        project.to_owned()
    } else {
        format!("{unit} / {project}")
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    v.as_str()
}

/// The fill of a grade's bar and band (strong, light).
fn grade_colours(grade: &str) -> (&'static str, &'static str) {
    match grade {
        "优" => ("#2da44e", "#e6f4ea"),
        "良" => ("#218bff", "#e7f0fd"),
        "中" => ("#d4a72c", "#fff4d6"),
        _ => ("#e5534b", "#fde7e9"),
    }
}

/// Render the whole report; `bands` are the method's grade bands (highest first), marked on the
/// chart.
pub fn render(report: &Report, bands: &[ScoreBand]) -> String {
    super::to_string(|out| write(report, bands, out))
}

/// [`render`] written to `out` as it is rendered, a project or so at a time.
pub fn write(report: &Report, bands: &[ScoreBand], out: &mut dyn Write) -> io::Result<()> {
    super::sections::write_whole(&mut HtmlSections::new(bands), report, out)
}

/// The page's parts (`report::sections`): the page's head, the summary, the chart and the
/// units first, each project's 自评表 (numbered from 1, as the chart numbers them), then the
/// differences, the input notes and the footer.
pub(crate) struct HtmlSections<'a> {
    bands: &'a [ScoreBand],
    /// Projects written so far.
    written: usize,
    text: String,
}

impl<'a> HtmlSections<'a> {
    pub(crate) fn new(bands: &'a [ScoreBand]) -> Self {
        HtmlSections {
            bands,
            written: 0,
            text: String::new(),
        }
    }
}

impl super::sections::Sections for HtmlSections<'_> {
    fn head(&mut self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut c = Chunked::new(out);
        let out = &mut c.buf;
        let title = match &report.department {
            Some(d) => format!("绩效自评表 — {d}"),
            None => "绩效自评表".to_owned(),
        };
        out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        let _ = writeln!(out, "<title>{}</title>", escape(&title));
        let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
        let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
        let _ = writeln!(
            out,
            "<p class=\"sub\">{}项目支出绩效自评 · {} 个单位 · {} 个项目 · {} 个指标</p>",
            report
                .year
                .map(|y| format!("{y} 年度 · "))
                .unwrap_or_default(),
            report.summary.units,
            report.summary.projects,
            report.summary.indicators
        );
        body_head(&mut c, report, self.bands)?;
        c.finish()
    }

    fn project(&mut self, p: &ProjectReport, buf: &mut super::sections::Parts<'_>) {
        self.written += 1;
        self.text.clear();
        project(&mut self.text, self.written, p);
        buf.extend_from_slice(self.text.as_bytes());
    }

    fn tail(&mut self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut c = Chunked::new(out);
        body_tail(&mut c, report)?;
        let _ = writeln!(
            c.buf,
            "<footer>{}<br>由 jixiao 生成：分数按精确值计算，显示时四舍五入（半进位）；合计为精确值之和。</footer>",
            escape(&summary_line(report))
        );
        c.buf.push_str("</body>\n</html>\n");
        c.finish()
    }
}

/// The report's sections (summary, chart, units, the 自评表 per project, differences, findings)
/// without the page around them: the web page shows them under its own heading.
pub fn body(report: &Report, bands: &[ScoreBand]) -> String {
    super::to_string(|out| write_body(report, bands, out))
}

/// [`body`] written to `out` as it is rendered (the web page writes it into its bounded
/// answer, which stops it at the answer limit).
pub fn write_body(report: &Report, bands: &[ScoreBand], out: &mut dyn Write) -> io::Result<()> {
    let mut c = Chunked::new(out);
    body_into(&mut c, report, bands, None)?;
    c.finish()
}

/// The projects a body shows ([`write_body_first`]): the first `shown`, and past them `note`
/// (said once, where the next project would be).
pub struct FirstProjects<'a> {
    pub shown: usize,
    pub note: &'a str,
}

/// [`write_body`] with the 自评表 of the first `first.shown` projects only, then `first.note`
/// when there are more (the web page: a large report's projects are left to its downloads).
/// Everything else — the summary and grades over every project, the chart or its counts, the
/// units, the differences and the input notes — is the whole report's.
pub fn write_body_first(
    report: &Report,
    bands: &[ScoreBand],
    first: &FirstProjects<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut c = Chunked::new(out);
    body_into(&mut c, report, bands, Some(first))?;
    c.finish()
}

/// [`body`] gathered in `c`, spilled between sections and projects.
fn body_into(
    c: &mut Chunked<'_>,
    report: &Report,
    bands: &[ScoreBand],
    first: Option<&FirstProjects<'_>>,
) -> io::Result<()> {
    body_head(c, report, bands)?;
    let shown = first.map_or(usize::MAX, |f| f.shown);
    for (n, p) in report.projects.iter().take(shown).enumerate() {
        project(&mut c.buf, n + 1, p);
        c.spill()?;
    }
    if let Some(f) = first
        && report.projects.len() > f.shown
    {
        let _ = writeln!(
            c.buf,
            "<p class=\"too-large\" id=\"projects-left-out\">{}</p>",
            escape(f.note)
        );
    }
    body_tail(c, report)
}

/// The body's sections before the projects: the warnings, the summary, the chart, the units
/// and the head of the 自评表 section.
fn body_head(c: &mut Chunked<'_>, report: &Report, bands: &[ScoreBand]) -> io::Result<()> {
    warnings(&mut c.buf, report);
    summary(&mut c.buf, report);
    c.spill()?;
    chart(&mut c.buf, report, bands);
    c.spill()?;
    units(&mut c.buf, report);
    c.buf.push_str("<h2>项目支出绩效自评表</h2>\n");
    legend(&mut c.buf);
    c.spill()
}

/// The body's sections after the projects: the differences and the input notes.
fn body_tail(c: &mut Chunked<'_>, report: &Report) -> io::Result<()> {
    differences(c, report)?;
    c.spill()?;
    findings(c, report)?;
    c.spill()
}

/// Actuals that matched nothing, first: a banner above the summary.
fn warnings(out: &mut String, r: &Report) {
    let lines = super::warnings::lines(r);
    let Some((head, rest)) = lines.split_first() else {
        return;
    };
    let _ = writeln!(
        out,
        "<div class=\"warn\" role=\"alert\"><strong>{}</strong>",
        escape(head)
    );
    if !rest.is_empty() {
        out.push_str("<ul>\n");
        for l in rest {
            let _ = writeln!(out, "<li>{}</li>", escape(l));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
}

fn summary(out: &mut String, r: &Report) {
    let s = &r.summary;
    out.push_str("<h2>汇总</h2>\n<div class=\"cards\">\n");
    let _ = writeln!(
        out,
        "<div class=\"card\">项目平均分<b>{}</b></div>\n<div class=\"card\">项目等级<b>{}</b></div>",
        escape(&s.mean_text()),
        escape(&super::selfeval_table::grade_counts(&r.projects))
    );
    if s.waiting > 0 {
        let _ = writeln!(
            out,
            "<div class=\"card\">没有总分的项目（待评定或未核对）<b>{}</b></div>",
            s.waiting
        );
    }
    for (label, n) in [
        ("指标", s.indicators),
        ("达标", s.pass),
        ("未达标", s.fail),
        ("待评定", s.review),
        ("缺实际值", s.missing),
        ("无法比较", s.invalid),
        ("不适用", s.not_applicable),
        ("与原表得分不一致", s.differences),
    ] {
        let _ = writeln!(out, "<div class=\"card\">{label}<b>{n}</b></div>");
    }
    let _ = writeln!(
        out,
        "<div class=\"card\">待评定分值<b class=\"pending\">{}</b></div>",
        s.pending
    );
    out.push_str("</div>\n");
}

fn legend(out: &mut String) {
    out.push_str("<p class=\"legend\">");
    for v in [
        Verdict::Pass,
        Verdict::Fail,
        Verdict::Review,
        Verdict::Missing,
        Verdict::Invalid,
        Verdict::NotApplicable,
    ] {
        let _ = write!(
            out,
            "<span class=\"badge v-{}\">{}</span>",
            verdict_class(v),
            v.zh()
        );
    }
    out.push_str(" 将鼠标停在结论上可见评分所依据的规则。</p>\n");
}

/// A project name cut to `max` display columns for the chart's labels.
fn cut(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Most projects drawn as bars; above this the chart gives counts per grade.
const CHART_MAX: usize = 200;

/// The projects' scores as an SVG bar chart over the grade bands (or, past [`CHART_MAX`]
/// projects, the counts per grade): the bands, a bar a project, the axis.
fn chart(out: &mut String, r: &Report, bands: &[ScoreBand]) {
    if r.projects.is_empty() {
        return;
    }
    if r.projects.len() > CHART_MAX {
        grade_counts(out, r, bands);
        return;
    }
    // Numbered as the sections below: several units have projects of the same name.
    let labels: Vec<String> = r
        .projects
        .iter()
        .enumerate()
        .map(|(n, p)| format!("{}. {}", n + 1, cut(&p.project, 36)))
        .collect();
    let plot = Plot::new(&labels);
    out.push_str("<h2>项目得分</h2>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"项目得分条形图\" font-size=\"13\">",
        width = plot.width,
        height = plot.height,
    );
    plot.grade_bands(out, bands);
    plot.bars(out, r, &labels);
    plot.axis(out);
    out.push_str("</svg>\n");
}

/// A bar a project stops being readable: the projects counted per grade instead.
fn grade_counts(out: &mut String, r: &Report, bands: &[ScoreBand]) {
    let _ = write!(
        out,
        "<h2>项目得分</h2>\n<p>项目较多（{} 个），条形图从略。按等级：",
        r.projects.len()
    );
    for b in bands {
        let n = r.projects.iter().filter(|p| *p.grade == *b.name).count();
        let _ = write!(
            out,
            "<span class=\"grade-{g}\">{g}</span> {n} 个　",
            g = escape(&b.name)
        );
    }
    out.push_str("</p>\n");
}

/// The bar chart's geometry: a row a project, the labels' width on the left, 0–100 across.
struct Plot {
    /// Where the plot starts (the labels' width).
    left: f64,
    width: f64,
    height: f64,
    /// Where the rows end (the axis).
    rows_end: f64,
}

impl Plot {
    const ROW: f64 = 22.0;
    const PLOT: f64 = 720.0;
    const TOP: f64 = 28.0;
    const BOTTOM: f64 = 26.0;
    /// Pixels per display column at 13px, digits included, with room.
    const UNIT: f64 = 7.5;

    fn new(labels: &[String]) -> Plot {
        let left = labels.iter().map(|l| l.width()).max().unwrap_or(0) as f64 * Self::UNIT + 16.0;
        let rows = Self::ROW * labels.len() as f64;
        Plot {
            left,
            width: left + Self::PLOT + 56.0,
            height: Self::TOP + rows + Self::BOTTOM,
            rows_end: Self::TOP + rows,
        }
    }

    /// Where `score` (0–100, clamped) stands across.
    fn x(&self, score: f64) -> f64 {
        self.left + Self::PLOT * score.clamp(0.0, 100.0) / 100.0
    }

    /// Grade bands, highest first: each from its minimum up to the previous band's minimum,
    /// named at the top, its minimum dashed.
    fn grade_bands(&self, out: &mut String, bands: &[ScoreBand]) {
        let top = Self::TOP;
        let mut upper = 100.0_f64;
        for b in bands {
            let min = f64::try_from(b.min).unwrap_or(0.0).clamp(0.0, 100.0);
            let (strong, light) = grade_colours(&b.name);
            let (x0, x1) = (self.x(min), self.x(upper));
            let _ = writeln!(
                out,
                "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{light}\"/>",
                top - 4.0,
                x1 - x0,
                self.rows_end - top + 4.0
            );
            let label = if min > 0.0 {
                format!("{} ≥ {}", b.name, b.min.normalize())
            } else {
                b.name.to_string()
            };
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{strong}\" font-weight=\"600\">{}</text>",
                (x0 + x1) / 2.0,
                top - 10.0,
                escape(&label)
            );
            if min > 0.0 {
                let _ = writeln!(
                    out,
                    "<line x1=\"{x0:.1}\" y1=\"{:.1}\" x2=\"{x0:.1}\" y2=\"{:.1}\" stroke=\"{strong}\" stroke-dasharray=\"3 3\"/>",
                    top - 4.0,
                    self.rows_end
                );
            }
            upper = min;
        }
    }

    /// A bar a project, linked to its section, its label on the left and its total beside it.
    fn bars(&self, out: &mut String, r: &Report, labels: &[String]) {
        let left = self.left;
        for (n, (p, label)) in r.projects.iter().zip(labels).enumerate() {
            let y = Self::TOP + Self::ROW * n as f64;
            // a project with no total (待评定, 未核对) has no bar: its state is written instead
            let score = if p.has_total() {
                f64::try_from(p.score.rounded()).unwrap_or(0.0)
            } else {
                0.0
            };
            let (strong, _) = grade_colours(&p.grade);
            let _ = writeln!(
                out,
                "<a href=\"#project-{}\"><g><title>{}：{}{}</title>",
                n + 1,
                escape(&unit_project(&p.unit, &p.project)),
                escape(&p.total_text()),
                if p.has_total() {
                    format!("（{}）", escape(&p.grade))
                } else {
                    String::new()
                }
            );
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                left - 6.0,
                y + 15.0,
                escape(label)
            );
            let _ = writeln!(
                out,
                "<rect x=\"{left:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{strong}\"/>",
                y + 3.0,
                self.x(score) - left,
                Self::ROW - 6.0
            );
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text></g></a>",
                self.x(score) + 4.0,
                y + 15.0,
                escape(&p.total_text())
            );
        }
    }

    /// The axis under the rows, ticked every 10.
    fn axis(&self, out: &mut String) {
        let (left, axis_y) = (self.left, self.rows_end);
        let _ = writeln!(
            out,
            "<line x1=\"{left:.1}\" y1=\"{axis_y:.1}\" x2=\"{:.1}\" y2=\"{axis_y:.1}\" stroke=\"#57606a\"/>",
            self.x(100.0)
        );
        for t in (0..=100).step_by(10) {
            let tx = self.x(f64::from(t));
            let _ = writeln!(
                out,
                "<line x1=\"{tx:.1}\" y1=\"{axis_y:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\" stroke=\"#57606a\"/><text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#57606a\" font-size=\"11\">{t}</text>",
                axis_y + 4.0,
                axis_y + 17.0
            );
        }
    }
}

fn units(out: &mut String, r: &Report) {
    if r.units.is_empty() {
        return;
    }
    out.push_str("<h2>单位汇总</h2>\n<table>\n<thead><tr><th>单位</th><th class=\"num\">项目数</th><th class=\"num\">平均分</th><th>项目等级</th><th class=\"num\">指标</th><th class=\"num\">达标</th><th class=\"num\">未达标</th><th class=\"num\">待评定</th><th class=\"num\">缺实际值</th><th class=\"num\">无法比较</th><th class=\"num\">不适用</th><th class=\"num\">待评定分值</th></tr></thead>\n<tbody>\n");
    for u in &r.units {
        let c = &u.counts;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{g}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&u.unit),
            u.projects,
            escape(&u.mean_text()),
            c.indicators,
            c.pass,
            c.fail,
            c.review,
            c.missing,
            c.invalid,
            c.not_applicable,
            u.pending,
            g = escape(&format!(
                "{}{}",
                super::selfeval_table::grade_counts(r.projects.iter().filter(|p| p.unit == u.unit)),
                super::selfeval_table::waiting_text(u.waiting)
            ))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The columns are [`COLUMNS`] in their order: the web page's narrow style
/// (`src/web/page.css`) turns each row into a card by the cells' positions.
fn header_row(out: &mut String) {
    // Fixed column widths, so every project's table lines up with the next.
    out.push_str("<colgroup>");
    for w in [4, 7, 7, 13, 11, 11, 6, 7, 14, 20] {
        let _ = write!(out, "<col style=\"width:{w}%\">");
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for (i, c) in COLUMNS.iter().enumerate() {
        let class = if matches!(i, 0 | 6 | 7) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th{class}>{c}</th>");
    }
    out.push_str("</tr></thead>\n");
}

/// A project's section: its heading and summary line, then its 自评表 (the budget row, an
/// indicator a row, the total).
fn project(out: &mut String, n: usize, p: &ProjectReport) {
    let _ = writeln!(out, "<section class=\"project\" id=\"project-{n}\">");
    let _ = writeln!(
        out,
        "<h3>{n}. {}</h3>",
        escape(&unit_project(&p.unit, &p.project))
    );
    project_summary(out, p);
    if let Some(g) = super::selfeval_table::goal_line(p) {
        let _ = writeln!(out, "<p class=\"goal\">{}</p>", escape(&g));
    }
    out.push_str("<table class=\"selfeval\">\n");
    header_row(out);
    out.push_str("<tbody>\n");
    budget_row(out, p);
    for i in &p.indicators {
        indicator(out, i);
    }
    out.push_str("</tbody>\n");
    let _ = writeln!(
        out,
        "<tfoot><tr><td colspan=\"6\">总分</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td colspan=\"2\">等级：<span class=\"grade-{g}\">{g}</span>{}</td></tr></tfoot>",
        total_weight(p),
        escape(&p.total_text()),
        escape(&format!(
            "{}{}",
            if p.pending.exact.is_zero() {
                String::new()
            } else {
                format!("；另有 {} 分待评定", p.pending)
            },
            published_total(p)
        )),
        g = escape(&p.grade)
    );
    out.push_str("</table>\n</section>\n");
}

/// A project's summary line: its total and grade, its notes, what is pending, the form's own
/// total beside it, and its counts.
fn project_summary(out: &mut String, p: &ProjectReport) {
    let _ = write!(
        out,
        "<p>{} <b class=\"grade-{g}\">{}{}</b>",
        super::selfeval_table::total_label(p),
        escape(&total_text(p)),
        if p.has_total() {
            format!("（{}）", escape(&p.grade))
        } else {
            String::new()
        },
        g = escape(if p.has_total() { &p.grade } else { "" })
    );
    for f in &p.findings {
        let _ = write!(
            out,
            " · <span class=\"finding\">注意：{}（{}）</span>",
            escape(&f.message),
            escape(&f.code)
        );
    }
    if !p.pending.exact.is_zero() {
        let _ = write!(
            out,
            " · <span class=\"pending\">另有 {} 分待评定</span>",
            p.pending
        );
    }
    let printed = published_total(p);
    if !printed.is_empty() {
        let class = if p.total_differs { "differs" } else { "same" };
        let _ = write!(
            out,
            " · <span class=\"published {class}\">{}</span>",
            escape(printed.trim_start_matches('；'))
        );
    }
    let c = &p.counts;
    let _ = writeln!(
        out,
        " · 指标 {}：达标 {}，未达标 {}，待评定 {}，缺实际值 {}，无法比较 {}，不适用 {}</p>",
        c.indicators, c.pass, c.fail, c.review, c.missing, c.invalid, c.not_applicable
    );
}

/// The 预算执行率 row: its target and actual, points and score (the form's own beside it), the
/// note and the rules that decided it.
fn budget_row(out: &mut String, p: &ProjectReport) {
    let _ = writeln!(
        out,
        "<tr class=\"budget\" title=\"{}\"><td class=\"num\"></td><td>预算执行率</td><td></td><td></td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}{}</td><td></td><td>{}</td></tr>",
        escape(&format!("规则：{}", p.budget_rules.join("、"))),
        escape(&budget_target(p)),
        escape(&budget_actual(p)),
        p.budget_weight,
        p.budget_score
            .map(|s| s.to_string())
            .unwrap_or_else(|| "—".into()),
        p.budget_published_score
            .map(|d| format!(
                "<span class=\"published same\">原表 {}</span>",
                d.normalize()
            ))
            .unwrap_or_default(),
        p.budget_note
            .as_deref()
            .map(|n| format!("<span class=\"note\">{}</span>", escape(n)))
            .unwrap_or_default()
            + &if p.budget_rules.is_empty() {
                String::new()
            } else {
                format!(
                    " <details class=\"rules\"><summary>规则</summary>{}</details>",
                    escape(&p.budget_rules.join("、"))
                )
            }
    );
}

fn indicator(out: &mut String, i: &IndicatorReport) {
    let v = verdict_class(i.verdict);
    let rules = format!("规则：{}", i.rules.join("、"));
    let _ = write!(
        out,
        "<tr class=\"v-{v}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}",
        i.seq,
        escape(&category_cell(i)),
        escape(&subcategory_cell(i)),
        escape(&i.indicator),
        escape(&i.target),
        escape(i.actual.as_deref().unwrap_or("")),
        i.weight,
        i.score.map(|s| s.to_string()).unwrap_or_else(|| "—".into()),
    );
    if i.differs_from_published
        && let Some(p) = i.published_score
    {
        let _ = write!(
            out,
            "<span class=\"published\">原表 {}</span>",
            p.normalize()
        );
    }
    let _ = write!(
        out,
        "</td><td>{}</td><td><span class=\"badge v-{v}\" title=\"{}\">{}</span> ",
        escape(reason(i)),
        escape(&rules),
        i.grade.unwrap_or(i.verdict.zh())
    );
    let _ = writeln!(
        out,
        "<span class=\"note\">{}</span> <details class=\"rules\"><summary>规则</summary>{}</details></td></tr>",
        escape(&i.note),
        escape(&i.rules.join("、"))
    );
}

fn differences(c: &mut Chunked<'_>, r: &Report) -> io::Result<()> {
    if r.differences.is_empty() {
        return Ok(());
    }
    let out = &mut c.buf;
    let _ = writeln!(
        out,
        "<h2>复核差异：与原表得分不一致的指标（{} 处）</h2>",
        r.differences.len()
    );
    out.push_str("<table>\n<thead><tr><th>单位</th><th>项目</th><th class=\"num\">序号</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th class=\"num\">分值</th><th class=\"num\">原表得分</th><th class=\"num\">复核得分</th><th>计算</th><th>来源</th></tr></thead>\n<tbody>\n");
    for d in &r.differences {
        let _ = writeln!(
            c.buf,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&d.unit),
            escape(&d.project),
            d.seq,
            escape(&d.indicator),
            escape(&d.target),
            escape(d.actual.as_deref().unwrap_or("")),
            d.weight,
            d.published_score
                .map(|p| p.normalize().to_string())
                .unwrap_or_default(),
            d.score.map(|s| s.to_string()).unwrap_or_else(|| "—".into()),
            escape(&d.formula),
            escape(&format!("{}:{}", d.source.file, d.source.line))
        );
        c.spill()?;
    }
    c.buf.push_str("</tbody>\n</table>\n");
    Ok(())
}

/// What the reader and the evaluation noticed in the input (skipped rows, unmatched actuals).
fn findings(c: &mut Chunked<'_>, r: &Report) -> io::Result<()> {
    if r.findings.is_empty() {
        return Ok(());
    }
    let out = &mut c.buf;
    let _ = writeln!(out, "<h2>输入提示（{} 条）</h2>", r.findings.len());
    out.push_str("<table>\n<thead><tr><th>级别</th><th>代码</th><th>位置</th><th>说明</th></tr></thead>\n<tbody>\n");
    for f in &r.findings {
        let at = match (&f.line, f.sheet(), f.cell()) {
            (Some(line), _, _) => format!("{}:{line}", f.file),
            (None, Some(sheet), Some(cell)) => format!("{} {sheet}!{cell}", f.file),
            _ => f.file.to_string(),
        };
        let _ = writeln!(
            c.buf,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            f.severity.zh(),
            escape(&f.code),
            escape(&at),
            escape(&f.message)
        );
        c.spill()?;
    }
    c.buf.push_str("</tbody>\n</table>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape(r#"a&b "c" 'd'"#),
            "a&amp;b &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(escape("≥90%"), "≥90%");
    }

    #[test]
    fn cuts_long_labels_by_display_width() {
        assert_eq!(cut("短名", 36), "短名");
        let cut = cut(&"很".repeat(30), 10);
        assert_eq!(cut, "很很很很…");
    }
}
