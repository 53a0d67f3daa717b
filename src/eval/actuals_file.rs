//! The actuals file (contract §4.3): YAML keyed by unit, project and indicator (with its sequence
//! number, to tell apart two indicators of one name), each with its actual, an optional plan
//! value, a grade for qualitative targets and a note; budget and spent per project.
//!
//! `jixiao template TABLE` writes one with every indicator listed and the actuals blank
//! ([`template`]); [`ActualsFile::parse`] reads one back.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use crate::table::model::Document;

/// An amount written as a YAML number or string (`918.75`, `"12,748.27"`), read exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YamlAmount(pub Decimal);

impl<'de> Deserialize<'de> for YamlAmount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = YamlAmount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("金额（万元），如 918.75")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<YamlAmount, E> {
                // read as a table's amount cell is (`12,748.27`); a decimal comma (`100,5`)
                // is no amount, never 1005; one past a form's range is scored as such
                // (`eval.out-of-range`), not refused here
                match crate::table::amount::parse_unbounded(s) {
                    Ok(Some(d)) => Ok(YamlAmount(d)),
                    _ => Err(E::custom(format!("`{s}` 不是金额"))),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<YamlAmount, E> {
                // The shortest text that reads back as this float is what the file wrote.
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<YamlAmount, E> {
                Ok(YamlAmount(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<YamlAmount, E> {
                Ok(YamlAmount(Decimal::from(v)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A text value that may be written as a YAML number (`actual: 96.2`).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("文字或数字")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(Some(s.to_owned()))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(if v { "是" } else { "否" }.to_owned()))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// One indicator's year-end figures.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorActual {
    /// The sequence number in the project (`2、…` is 2).
    pub seq: Option<u32>,
    /// The indicator name (三级指标).
    pub indicator: String,
    /// The target, repeated for the person filling the file; not read.
    #[serde(default, deserialize_with = "text")]
    pub target: Option<String>,
    /// 实际完成值.
    #[serde(default, deserialize_with = "text")]
    pub actual: Option<String>,
    /// The plan value, for plan targets (`年度计划数`).
    #[serde(default, deserialize_with = "text")]
    pub plan: Option<String>,
    /// The baseline of a relative target (`较上年增长10%`): last year's actual (上年实际).
    #[serde(default, deserialize_with = "text")]
    pub baseline: Option<String>,
    /// A grade for qualitative targets: 达成 / 部分达成 / 未达成, or a share such as `85%`.
    #[serde(default, deserialize_with = "text")]
    pub grade: Option<String>,
    /// The indicator does not apply this year (dropped; the project total is rescaled).
    #[serde(default)]
    pub not_applicable: bool,
    /// 偏差原因分析及改进措施.
    #[serde(default, deserialize_with = "text")]
    pub note: Option<String>,
}

impl IndicatorActual {
    /// The figure scoring reads beside the actual: the baseline for a relative target, the plan
    /// value for any other.
    pub fn figure_for(&self, target: &crate::lang::Target) -> Option<&str> {
        match target {
            crate::lang::Target::Relative { .. } => self.baseline.as_deref(),
            _ => self.plan.as_deref(),
        }
    }
}

/// One project's figures.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectActuals {
    #[serde(default)]
    pub unit: String,
    pub project: String,
    /// 全年预算数 (万元); the table's 总计 where omitted.
    pub budget: Option<YamlAmount>,
    /// 全年执行数 (万元).
    pub spent: Option<YamlAmount>,
    #[serde(default)]
    pub indicators: Vec<IndicatorActual>,
}

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActualsFile {
    /// The file's name, for findings (set by [`ActualsFile::parse`]).
    #[serde(skip)]
    pub name: String,
    /// The file's text, to find where an entry was written (set by [`ActualsFile::parse`]).
    #[serde(skip)]
    pub text: String,
    /// What the figures are (e.g. 示例数据).
    #[serde(default)]
    pub note: Option<String>,
    /// The year evaluated.
    pub year: Option<i32>,
    #[serde(default)]
    pub projects: Vec<ProjectActuals>,
}

/// An actuals file that does not read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("实际值文件 {name}{} 无法读取：{message}", place(.line, .column))]
#[diagnostic(
    code(actuals::parse),
    help("实际值文件的格式见 `jixiao template TABLE` 生成的模板")
)]
pub struct ActualsError {
    pub name: String,
    /// 1-based line and column of the error, where the YAML reader knows them.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The YAML reader's own (English) detail, after the Chinese sentence.
    pub message: String,
    #[source_code]
    pub src: miette::NamedSource<String>,
    #[label("此处")]
    pub at: Option<miette::SourceSpan>,
}

/// ` 第 3 行第 5 列` (or ` 第 3 行`, or nothing where the place is unknown).
fn place(line: &Option<usize>, column: &Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" 第 {l} 行第 {c} 列"),
        (Some(l), None) => format!(" 第 {l} 行"),
        _ => String::new(),
    }
}

impl ActualsFile {
    /// Read an actuals file's text.
    pub fn parse(name: &str, text: &str) -> Result<ActualsFile, Box<ActualsError>> {
        ActualsFile::parse_owned(name, text.to_owned())
    }

    /// [`ActualsFile::parse`] of a text given over: kept as the file's text, not copied (the
    /// command line held both, 18 MB each for 300,000 entries).
    pub fn parse_owned(name: &str, text: String) -> Result<ActualsFile, Box<ActualsError>> {
        // lines ended by CR alone read as lines (the YAML reader takes them; the places of
        // findings count LFs): made LFs, byte for byte
        let owned = crate::table::decode::cr_lines(text);
        let text = owned.as_str();
        let mut file: ActualsFile = crate::yaml::from_str(text).map_err(|e| {
            // the place from the byte offset where the reader gives no line (too deep a file)
            let before = e.offset.and_then(|o| text.get(..o));
            let line = e
                .line
                .or_else(|| before.map(|b| b.matches('\n').count() + 1));
            let column = e.column.or_else(|| {
                before.map(|b| b[b.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1)
            });
            Box::new(ActualsError {
                name: name.to_owned(),
                line,
                column,
                message: e.message.clone(),
                src: miette::NamedSource::new(name, text.to_owned()),
                at: e.offset.map(|o| (o, 1).into()),
            })
        })?;
        file.name = name.to_owned();
        file.text = owned;
        Ok(file)
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // every other control character (a table's ESC, BEL, C1) and the characters YAML
            // may take for a line break, escaped: written raw they reach a terminal that shows
            // the file, and the file is refused when read back (`文件中有控制字符`)
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The template of `jixiao template`: every indicator of the table with a blank actual.
pub fn template(doc: &Document, year: Option<i32>) -> String {
    let mut out = String::new();
    head(&mut out, year);
    for (unit, project) in doc.projects() {
        project_head(&mut out, unit, project);
        for i in &project.indicators {
            indicator(&mut out, i, year);
        }
    }
    out
}

/// Bytes of the template held before they are written ([`write_template`]).
const WRITE_BYTES: usize = 64 * 1024;

/// [`template`] written to `out` as it is made, `WRITE_BYTES` at a time, never held whole:
/// a sheet of 4,990,000 indicators (139 MB, within every input limit) made a 400 MB string
/// grown by doubling beside the table read whole, and `jixiao template` aborted under a 4 GB
/// address limit (the nineteenth probe, H138).
pub fn write_template(
    doc: &Document,
    year: Option<i32>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut writer = TemplateWriter::new(year);
    writer.projects(doc, out)?;
    writer.finish(out)
}

/// [`write_template`] of a text self-evaluation sheet read a block at a time
/// ([`crate::table::blockwise`]), never whole (issue 27: `template` of a sheet at the cell
/// limit held the table whole, 2.76 GB): a first walk finds that the blocks read as the whole
/// file does and that none holds a form (whose year the template would take), a second writes
/// them. `open` opens the sheet's stream (once a walk). `Ok(None)`, nothing written: the
/// sheet is to be read whole. The same bytes as [`write_template`] of the whole table, and
/// its counts.
pub fn write_template_blocks(
    open: &mut dyn FnMut() -> Option<crate::table::stream::SheetStream>,
    year: Option<i32>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Option<crate::table::model::Counts>> {
    use crate::table::blockwise::{Walk, walk};
    let no_form = |doc: &Document| match doc.projects().any(|(_, p)| p.form.is_some()) {
        true => Err(()),
        false => Ok(()),
    };
    let Some(Walk::Done(counts)) = open().map(|s| walk(s, None, no_form)) else {
        return Ok(None);
    };
    let Some(stream) = open() else {
        return Ok(None);
    };
    let mut writer = TemplateWriter::new(year);
    match walk(stream, None, |doc| writer.projects(doc, out)) {
        Walk::Done(again) if again == counts => writer.finish(out).map(|()| Some(counts)),
        Walk::Stopped(e) => Err(e),
        // the file changed between the walks: what was written is no template of it
        _ => Err(std::io::Error::other("表格在读取过程中改变了")),
    }
}

/// [`write_template`] a document at a time: the head, then each document's projects in turn
/// (the blocks of a text sheet read one after another, `cli::template`), then
/// [`TemplateWriter::finish`]. The same bytes as [`template`] of the documents' projects read
/// as one table.
pub struct TemplateWriter {
    part: String,
    year: Option<i32>,
}

impl TemplateWriter {
    /// A template of the budget year `year`, its head made.
    pub fn new(year: Option<i32>) -> TemplateWriter {
        let mut part = String::with_capacity(WRITE_BYTES + WRITE_BYTES / 4);
        head(&mut part, year);
        TemplateWriter { part, year }
    }

    /// The projects of `doc`, written to `out` `WRITE_BYTES` at a time.
    pub fn projects(
        &mut self,
        doc: &Document,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let part = &mut self.part;
        for (unit, project) in doc.projects() {
            project_head(part, unit, project);
            for i in &project.indicators {
                indicator(part, i, self.year);
                if part.len() >= WRITE_BYTES {
                    out.write_all(part.as_bytes())?;
                    part.clear();
                }
            }
        }
        Ok(())
    }

    /// What is left, written.
    pub fn finish(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(self.part.as_bytes())
    }
}

/// The template's comments, note and year, down to `projects:`.
fn head(out: &mut String, year: Option<i32>) {
    let _ = writeln!(
        out,
        "# 实际完成值文件：由 jixiao template 生成，填写每个指标的 actual 后运行"
    );
    let _ = writeln!(out, "#   jixiao evaluate 目标表 本文件");
    let _ = writeln!(
        out,
        "# actual：实际完成值（如 96.2%、523万人、3.1秒、是/否、7月）"
    );
    let _ = writeln!(
        out,
        "# plan：计划类指标（年度计划数）的计划值；grade：定性指标的评定（达成/部分达成/未达成，或 85%）"
    );
    let _ = writeln!(
        out,
        "# baseline：相对指标（较上年增长10%、不低于上年）的上年实际值，给出后按其计分"
    );
    let _ = writeln!(
        out,
        "# budget / spent：全年预算数 / 全年执行数（万元）；not_applicable: true 表示该指标本年不适用"
    );
    let _ = writeln!(out, "note: \"\"");
    match year {
        Some(y) => {
            let _ = writeln!(out, "year: {y}");
        }
        None => {
            let _ = writeln!(out, "year: null");
        }
    }
    let _ = writeln!(out, "projects:");
}

/// A project's lines before its indicators.
fn project_head(
    out: &mut String,
    unit: &crate::table::model::UnitRow,
    project: &crate::table::model::Project,
) {
    let _ = writeln!(out, "  - unit: {}", quote(&unit.name));
    let _ = writeln!(out, "    project: {}", quote(&project.name));
    let budget = project.budget.as_ref().and_then(|b| b.budget).or(project
        .amounts
        .total
        .as_ref()
        .map(|a| a.value));
    match budget {
        Some(b) => {
            let _ = writeln!(out, "    budget: \"{}\"", b.normalize());
        }
        None => {
            let _ = writeln!(out, "    budget: null");
        }
    }
    let _ = writeln!(out, "    spent: null");
    let _ = writeln!(out, "    indicators:");
}

/// An indicator's lines.
fn indicator(out: &mut String, i: &crate::table::model::IndicatorRow, year: Option<i32>) {
    let _ = writeln!(out, "      - seq: {}", i.seq);
    let _ = writeln!(out, "        indicator: {}", quote(&i.name));
    let _ = writeln!(out, "        target: {}", quote(&i.target));
    let _ = writeln!(out, "        actual: \"\"");
    match to_fill(i, year) {
        Fill::Plan => {
            let _ = writeln!(out, "        plan: \"\"");
        }
        Fill::Grade => {
            let _ = writeln!(
                out,
                "        grade: \"\"  # 达成 / 部分达成 / 未达成，或 85%"
            );
        }
        Fill::Baseline => {
            let _ = writeln!(out, "        baseline: \"\"  # 上年实际");
        }
        Fill::Actual => {}
    }
}

/// What a unit fills for an indicator besides its actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    Actual,
    /// The plan value of a plan target (`年度计划数`).
    Plan,
    /// A person's grade of a qualitative target.
    Grade,
    /// The baseline (上年实际) of a relative target.
    Baseline,
}

fn to_fill(i: &crate::table::model::IndicatorRow, year: Option<i32>) -> Fill {
    let ctx = crate::lang::Context {
        indicator: Some(&i.name),
        year,
        ..crate::lang::Context::default()
    };
    match crate::lang::parse(&i.target, &ctx).target {
        crate::lang::Target::Plan { .. } => Fill::Plan,
        crate::lang::Target::Qualitative { .. } => Fill::Grade,
        crate::lang::Target::Relative { .. } => Fill::Baseline,
        _ => Fill::Actual,
    }
}

/// The fill-in workbook's forms (`jixiao template --format xlsx`): one a project, with its
/// targets, budget and goal, and which rows need a plan value or a grade.
pub fn fill_forms(doc: &Document, year: Option<i32>) -> Vec<crate::report_model::FillForm> {
    use crate::report_model::{FillForm, FillRow};
    doc.projects()
        .map(|(unit, project)| {
            let form = project.form.as_deref();
            FillForm {
                unit: unit.name.clone(),
                project: project.name.clone(),
                department: form
                    .and_then(|f| f.department.clone())
                    .or_else(|| doc.department.clone()),
                year,
                money_unit: form
                    .and_then(|f| f.money_unit.clone())
                    .or_else(|| doc.money_unit.clone())
                    .unwrap_or_else(|| "万元".to_owned()),
                budget: project.budget.as_ref().and_then(|b| b.budget).or(project
                    .amounts
                    .total
                    .as_ref()
                    .map(|a| a.value)),
                spent: None,
                goal: project.goal.as_ref().map(|g| g.text.clone()),
                goal_actual: None,
                rows: project
                    .indicators
                    .iter()
                    .map(|i| {
                        let fill = to_fill(i, year);
                        FillRow {
                            category: i.category.as_deref().map(str::to_owned),
                            subcategory: i.subcategory.as_deref().map(str::to_owned),
                            name: i.name.to_string(),
                            target: i.target.to_string(),
                            qualitative: fill == Fill::Grade,
                            plan: matches!(fill, Fill::Plan | Fill::Baseline),
                            baseline: fill == Fill::Baseline,
                            actual: None,
                            plan_value: None,
                            note: None,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}
