//! Hard limits on what one run reads, so that no input can exhaust memory, the stack or time.
//!
//! Each limit has a default and an environment variable that raises (or lowers) it for one run;
//! the variable is read once per process. The limits the bundled rule files are read within
//! (`JIXIAO_MAX_DEPTH`, `JIXIAO_MAX_RULES`, `JIXIAO_MAX_YAML_DEPTH`, `JIXIAO_MAX_YAML_NODES`) are
//! never in effect below what those files need (8, 256, 8 and 4096). Every error that a limit causes names the limit and
//! its variable. This module owns the numbers only; each reader reports its own error type.
//!
//! | limit | default | variable |
//! |---|---|---|
//! | size of one table file | 512 MB | `JIXIAO_MAX_INPUT_MB` |
//! | length of one line of a text table | 64 MB | `JIXIAO_MAX_LINE_MB` |
//! | size of one cell | 1024 KB | `JIXIAO_MAX_CELL_KB` |
//! | columns of one row | 16384 | `JIXIAO_MAX_COLUMNS` |
//! | cells of one table (rows × columns) | 20000000 | `JIXIAO_MAX_CELLS` |
//! | a workbook unzipped (all its parts) | 512 MB | `JIXIAO_MAX_UNZIPPED_MB` |
//! | a workbook unzipped ÷ its file's size (checked past 32 MB unzipped) | 100 | `JIXIAO_MAX_UNZIP_RATIO` |
//! | nesting depth of a rule condition (parentheses, `not`) | 64 | `JIXIAO_MAX_DEPTH` |
//! | rules in one rule file | 200000 | `JIXIAO_MAX_RULES` |
//! | size of one rule file (or rule test file) | 16 MB | `JIXIAO_MAX_RULE_FILE_MB` |
//! | size of one actuals file | 64 MB | `JIXIAO_MAX_ACTUALS_MB` |
//! | nesting depth of a YAML file (blocks, `[ ]`, `{ }`) | 64 | `JIXIAO_MAX_YAML_DEPTH` |
//! | nodes of a YAML file (entries, keys, `[ ]`, `{ }`), counted before it is parsed | 1000000 | `JIXIAO_MAX_YAML_NODES` |
//! | length of one key of a YAML file | 4 KB | `JIXIAO_MAX_YAML_KEY_KB` |
//! | entries of one `.zip` of forms | 10000 | `JIXIAO_MAX_ZIP_ENTRIES` |
//! | `.zip`s of forms unzipped (all their entries; all the archives of a run together) | 1024 MB | `JIXIAO_MAX_ZIP_UNZIPPED_MB` |
//! | unzipped ÷ zipped size of one entry past 1 MB | 100 | `JIXIAO_MAX_ZIP_RATIO` |
//! | projects of one xlsx report (a sheet each) | 10000 | `JIXIAO_MAX_XLSX_PROJECTS` |
//! | indicator rows of one xlsx report | 200000 | `JIXIAO_MAX_XLSX_INDICATORS` |
//! | one rule file's regular expressions compiled, together | 128 MB | `JIXIAO_MAX_REGEX_TOTAL_MB` |
//! | sheets of one workbook, tables of one Word document or web page | 10000 | `JIXIAO_MAX_SHEETS` |
//! | style entries of one xlsx (`<xf>`, `<numFmt>`, fonts, fills, borders) | 100000 | `JIXIAO_MAX_STYLES` |
//! | parts of one workbook or Word document (its zip's entries), counted before the zip is opened | 50000 | `JIXIAO_MAX_WORKBOOK_PARTS` |
//! | characters of one number format code of a workbook (Excel's own limit) | 255 | `JIXIAO_MAX_FORMAT_CODE` |
//! | files dropped in one upload of the page | 1000 | `JIXIAO_MAX_UPLOAD_FILES` |
//! | files of one run or upload (named, in its folders and archives, together) | 200000 | `JIXIAO_MAX_PILE_FILES` |
//! | lines of one quoted cell of a text table | 1000 | `JIXIAO_MAX_QUOTED_LINES` |
//! | one project's rows read at once by streamed evaluation | 32 MB | `JIXIAO_MAX_STREAM_PROJECT_MB` |
//! | rules tried for one indicator (one decision asked of a rule set) | 2000 | `JIXIAO_MAX_RULE_TRIES` |
//! | errors of rule files shown in full (the rest counted in one line) | 100 | `JIXIAO_MAX_ERRORS_SHOWN` |
//! | rules every indicator must try (no text can rule them out), all files together | 1000 | `JIXIAO_MAX_UNFILTERED_RULES` |
//! | a table's reader findings of one code listed one by one (the rest counted in one) | 1000 | `JIXIAO_MAX_FINDINGS_LISTED` |
//! | length of a unit, project, 一级 or 二级指标 name (carried onto each of its indicators) | 1 KB | `JIXIAO_MAX_NAME_KB` |
//!
//! Every file, pipe, FIFO, device or standard input is read through [`crate::bounded`]: at most
//! the limit plus one byte is read, whatever the file's metadata says.

use std::sync::OnceLock;

/// One limit: its Chinese name, default, unit and environment variable.
#[derive(Debug)]
pub struct Limit {
    /// What is limited, in Chinese (`单个输入文件的大小`).
    pub what: &'static str,
    /// The environment variable that sets it.
    pub env: &'static str,
    /// The default, in `unit`.
    pub default: u64,
    /// The unit the variable is written in (`MB`, `KB`, or empty for a count).
    pub unit: &'static str,
    /// Bytes per unit (1 for a count).
    scale: u64,
    /// The least value in effect, whatever the variable says ([`Limit::at_least`]).
    floor: u64,
    cell: OnceLock<u64>,
}

impl Limit {
    const fn new(what: &'static str, env: &'static str, default: u64, unit: &'static str) -> Self {
        let scale = match unit.as_bytes() {
            b"MB" => 1024 * 1024,
            b"KB" => 1024,
            _ => 1,
        };
        Limit {
            what,
            env,
            default,
            unit,
            scale,
            floor: 0,
            cell: OnceLock::new(),
        }
    }

    /// The same limit never in effect below `floor`: for the limits jixiao's own bundled rule
    /// files are read within (rules, YAML depth and nodes, condition depth). A variable set
    /// lower made the process-wide rule set fail to load, a panic of every run (the seventh
    /// probe: `JIXIAO_MAX_YAML_NODES=5`, exit 101); the value in effect, as every error of the
    /// limit states it ([`Limit::shown`]), is then the floor.
    const fn at_least(mut self, floor: u64) -> Self {
        self.floor = floor;
        self
    }

    /// The limit in effect, in `unit` (the variable when set to a positive whole number, else
    /// the default).
    pub fn value(&self) -> u64 {
        *self.cell.get_or_init(|| {
            std::env::var(self.env)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|&v| v > 0)
                .unwrap_or(self.default)
                .max(self.floor)
        })
    }

    /// The limit in effect in bytes (or as a count), saturating.
    pub fn get(&self) -> u64 {
        self.value().saturating_mul(self.scale)
    }

    /// [`Limit::get`] as a `usize`, saturating.
    pub fn get_usize(&self) -> usize {
        usize::try_from(self.get()).unwrap_or(usize::MAX)
    }

    /// `1024 KB`, `64`: the limit in effect as written in its variable.
    pub fn shown(&self) -> String {
        if self.unit.is_empty() {
            self.value().to_string()
        } else {
            format!("{} {}", self.value(), self.unit)
        }
    }

    /// The help line every error of this limit carries: how to raise it.
    pub fn help(&self) -> String {
        format!(
            "{}的上限是 {}；确有需要时可用环境变量 {} 提高，如 {}={}",
            self.what,
            self.shown(),
            self.env,
            self.env,
            self.value().saturating_mul(4)
        )
    }
}

/// Size of one input file.
pub static INPUT: Limit = Limit::new("单个输入文件的大小", "JIXIAO_MAX_INPUT_MB", 512, "MB");
/// Length of one line of a text table.
pub static LINE: Limit = Limit::new("文本表格中一行的长度", "JIXIAO_MAX_LINE_MB", 64, "MB");
/// Size of one cell.
pub static CELL: Limit = Limit::new("单元格的大小", "JIXIAO_MAX_CELL_KB", 1024, "KB");
/// Columns of one row.
pub static COLUMNS: Limit = Limit::new("一行的列数", "JIXIAO_MAX_COLUMNS", 16384, "");
/// Cells of one table.
pub static CELLS: Limit = Limit::new("表格的单元格总数", "JIXIAO_MAX_CELLS", 20_000_000, "");
/// A workbook unzipped.
pub static UNZIPPED: Limit = Limit::new("工作簿解压后的大小", "JIXIAO_MAX_UNZIPPED_MB", 512, "MB");

/// A workbook (or Word document) unzipped, all its parts, for each byte of its file: a 300 KB
/// zip of one 300 MB cell was within [`UNZIPPED`] and cost 1.6 s of CPU unzipped and looked at
/// (about 5 s a MB uploaded; 512 MB from 0.5 MB, ~3 s). Real files unzip to 4–25 times their
/// size; [`UNZIP_RATIO_FREE`] bytes are allowed whatever the ratio, so a small file that
/// compresses well is never refused by it. Unzipping stops at the byte past the bound: at most
/// about 0.3 s of CPU a MB of file at the default.
pub static UNZIP_RATIO: Limit = Limit::new(
    "工作簿解压后的大小与文件大小之比",
    "JIXIAO_MAX_UNZIP_RATIO",
    100,
    "",
);

/// Bytes any workbook may unzip to whatever [`UNZIP_RATIO`] says (32 MB: a tenth of a second).
pub const UNZIP_RATIO_FREE: u64 = 32 << 20;

/// What a workbook file of `file_bytes` may unzip to: [`UNZIPPED`], or less where
/// [`UNZIP_RATIO`] times its size (at least [`UNZIP_RATIO_FREE`]) is less.
pub fn unzip_budget(file_bytes: u64) -> u64 {
    let by_ratio = UNZIP_RATIO
        .get()
        .saturating_mul(file_bytes)
        .max(UNZIP_RATIO_FREE);
    UNZIPPED.get().min(by_ratio)
}
/// Nesting depth of a rule condition.
pub static DEPTH: Limit = Limit::new("规则条件的嵌套层数", "JIXIAO_MAX_DEPTH", 64, "").at_least(8);
/// Rules in one rule file.
pub static RULES: Limit =
    Limit::new("单个规则文件中的规则数", "JIXIAO_MAX_RULES", 200_000, "").at_least(256);

/// Size of one rule file (a rule test file too).
pub static RULE_FILE: Limit = Limit::new("单个规则文件的大小", "JIXIAO_MAX_RULE_FILE_MB", 16, "MB");
/// Size of one actuals file.
pub static ACTUALS: Limit = Limit::new("实际值文件的大小", "JIXIAO_MAX_ACTUALS_MB", 64, "MB");
/// Nesting depth of a YAML file, checked before it is parsed.
pub static YAML_DEPTH: Limit =
    Limit::new("YAML 文件的嵌套层数", "JIXIAO_MAX_YAML_DEPTH", 64, "").at_least(8);

/// Nodes of a YAML file (list entries, keys, `[ ]` and `{ }`), counted before it is parsed
/// (`crate::yaml::check_nodes`): the parser holds every event and value of the file, about 170
/// bytes for each `{}`, so a 6 MB file of 2,000,000 `{}` took 700–800 MB. Real rule and actuals
/// files hold a few thousand.
pub static YAML_NODES: Limit =
    Limit::new("YAML 文件的条目数", "JIXIAO_MAX_YAML_NODES", 1_000_000, "").at_least(4096);

/// Length of one key of a YAML file (the text before its `: `), checked before it is parsed:
/// keys are field names, short in every real file, and the YAML scanner took 5 s over a 10 MB
/// one before its error.
pub static YAML_KEY: Limit = Limit::new("YAML 键的长度", "JIXIAO_MAX_YAML_KEY_KB", 4, "KB");

/// Entries of one `.zip` of forms (a pile, issue 26).
pub static ZIP_ENTRIES: Limit =
    Limit::new("压缩包中的文件数", "JIXIAO_MAX_ZIP_ENTRIES", 10_000, "");
/// A `.zip` of forms unzipped, all its entries together.
pub static ZIP_UNZIPPED: Limit = Limit::new(
    "压缩包解压后的大小",
    "JIXIAO_MAX_ZIP_UNZIPPED_MB",
    1024,
    "MB",
);
/// Unzipped ÷ zipped size of one entry of a `.zip` of forms (checked past 1 MB unzipped: a
/// small file may compress well without being a bomb).
pub static ZIP_RATIO: Limit =
    Limit::new("压缩包中单个文件的压缩比", "JIXIAO_MAX_ZIP_RATIO", 100, "");

/// Projects of one xlsx report (a sheet each, kept deflated until the workbook is saved: about
/// 25 KB of memory a project, 257 MB at 10,000 in a debug build; more sheets than
/// [`SHEETS`] would not read back).
pub static XLSX_PROJECTS: Limit = Limit::new(
    "xlsx 报告中的项目数",
    "JIXIAO_MAX_XLSX_PROJECTS",
    10_000,
    "",
);

/// Indicator rows of one xlsx report.
pub static XLSX_INDICATORS: Limit = Limit::new(
    "xlsx 报告中的指标数",
    "JIXIAO_MAX_XLSX_INDICATORS",
    200_000,
    "",
);

/// One rule file's regular expressions compiled (their automata), all together: each is at most
/// 1 MB (`rules::conditions`), and the count is bounded by [`RULES`], but 2,000 patterns of almost
/// 1 MB each would still take gigabytes. Measured as the patterns' automata (what the regex
/// engine's size limit bounds): a plain word is about 0.9 KB, so 100,000 distinct words fit.
pub static REGEX_TOTAL: Limit = Limit::new(
    "单个规则文件中正则表达式编译后的总大小",
    "JIXIAO_MAX_REGEX_TOTAL_MB",
    128,
    "MB",
);

/// Sheets of one workbook, tables of one Word document (each is a sheet: a Word file of
/// 300,000 one-cell tables is 94 KB zipped and took seconds). A workbook of forms holds one
/// sheet a project; [`XLSX_PROJECTS`] bounds the reports at 10,000 projects too.
pub static SHEETS: Limit = Limit::new(
    "一个工作簿的工作表数（Word 文档、网页的表格数）",
    "JIXIAO_MAX_SHEETS",
    10_000,
    "",
);

/// Style entries of one xlsx (`<xf>`, `<numFmt>`, `<font>`, `<fill>`, `<border>`), each held
/// by the workbook reader (about 300 bytes apiece): Excel keeps at most 64,000 cell formats.
pub static STYLES: Limit = Limit::new("工作簿样式表的条目数", "JIXIAO_MAX_STYLES", 100_000, "");

/// Characters of one number format code of an xlsx (its `<numFmt formatCode>`): Excel refuses
/// a code longer than 255 characters, and calamine copies a code into every cell format that
/// names it (a 2.3 KB xlsx of 2,000 cell formats naming one 256 KB code held 542 MB). Refused
/// before the workbook reader holds any style. An `.xls`'s FORMAT record, an `.xlsb`'s
/// `BrtFmt` and an `.ods`'s number style (its literal text a character each) are held to it
/// too: a cell shown with a code's literal text holds its own copy of it.
pub static FORMAT_CODE: Limit = Limit::new(
    "工作簿中一个数字格式代码的字符数",
    "JIXIAO_MAX_FORMAT_CODE",
    255,
    "",
);

/// Files dropped in one upload of the page (`jixiao serve`): a pile of forms is best given as
/// one `.zip` ([`ZIP_ENTRIES`]).
pub static UPLOAD_FILES: Limit =
    Limit::new("一次上传的文件数", "JIXIAO_MAX_UPLOAD_FILES", 1_000, "");

/// Files of one run on the command line (or one upload of the page): those named, those of its
/// folders and the entries of its archives, together (a pile, issue 26). Each table scored holds
/// its roll-up row until the report is written (about 2 KB a three-line table in `json` and
/// `jsonl`; the text formats hold its 自评表 too): with no limit 20,000 such tables took 128 MB
/// (session 26's probe). A folder listed past it is not read, and never listed whole.
pub static PILE_FILES: Limit =
    Limit::new("一次运行读取的文件数", "JIXIAO_MAX_PILE_FILES", 200_000, "");

/// Lines one quoted cell of a text table may span (read whole or streamed): past it the opening
/// quote is taken for a stray one (a `table.stray-quote` finding) and the lines after it read as rows.
pub static QUOTED_LINES: Limit = Limit::new(
    "CSV 引号内一个单元格的行数",
    "JIXIAO_MAX_QUOTED_LINES",
    1_000,
    "",
);

/// Bytes of one project's rows a streamed evaluation (`evaluate --format jsonl`/`csv` of a text
/// sheet, and the whole-document formats read in blocks) reads at once: a project is never cut
/// between blocks below it, so it is scored as one project, as the whole table scores it. Past
/// it the project is cut there and its parts scored apart, each with a `stream.project-cut`
/// warning beside its figures (never silently two projects). One block holds the project and
/// its evaluation held every row's reading until it was scored: about 33 bytes of memory a byte
/// of its rows (a 30 MB project peaked at 1.0 GB, release build), so the default is the size at
/// which the reader cut every project before (H93, issue 27). A long project now holds only the
/// readings that weigh its rows (`eval::long_project`) and hands its lines on in parts: 9.4
/// bytes a byte (40 MB, 376 MB; H102), still twice what the block as read holds.
pub static STREAM_PROJECT: Limit = Limit::new(
    "流式评价时整体读入的一个项目的大小",
    "JIXIAO_MAX_STREAM_PROJECT_MB",
    32,
    "MB",
);

/// Rules whose `when:` one set of facts (an indicator's, a project's) may try, of the kinds
/// prefiltered (`rules::prefilter`: kinds of many rules, where a rule whose pattern cannot match
/// is never tried): the cost of rules × rows is bounded by rows × this. Counted per indicator,
/// not per run: a run of the bundled rules (54) over millions of rows tries hundreds of millions
/// in all, and no budget of a run could tell that from a hostile file; what grows without bound
/// is the product, and the rows are bounded by the input's limits. Rules no text can rule out
/// are refused at load past [`UNFILTERED_RULES`]; this bounds the rules a row's texts select,
/// however many share one key (9,999 `indicator contains "完成率" and target > …%` checks:
/// at 10,000 a row, 2,000 such indicators took 1.0 s of release CPU; at 2,000 the file ends at
/// its first indicator, and 1,990 of them take 0.16 s). Twice [`UNFILTERED_RULES`], so a set at
/// that limit still has room for the rules its rows select.
pub static RULE_TRIES: Limit = Limit::new(
    "对一个指标尝试的规则条件数",
    "JIXIAO_MAX_RULE_TRIES",
    2_000,
    "",
);

/// Errors and warnings of rule files shown in full, as compilers do: the rest are counted in one
/// closing line (`rules.errors-not-shown`), and the exit code, `rules check --format json`'s
/// counts and the server's answer still say how many there are. 100,000 errors, each shown with
/// its snippet, took 8 s and about 480 MB (debug) to say what the first few already said.
pub static ERRORS_SHOWN: Limit = Limit::new(
    "完整显示的规则文件错误数",
    "JIXIAO_MAX_ERRORS_SHOWN",
    100,
    "",
);

/// Enabled rules of a set that every indicator must try, because no text of a row can rule
/// them out (`rules::prefilter::always_tried`: `not …`, comparisons of quantities, patterns of
/// no literals, no `when:`; the bundled files' and every rule file's together), counted at load.
/// Each costs every row a try, so rows × this bounds their cost; [`RULE_TRIES`] bounds the
/// rules a row's texts select. The bundled files hold 30 (of 54 rules), the tests' and the
/// methods' rule files at most 3 more; a file past it is refused before a row is read, naming
/// the first such rule (measured: `tests/hostile/PROBE.md`, H42).
pub static UNFILTERED_RULES: Limit = Limit::new(
    "每个指标都要逐条尝试的规则数",
    "JIXIAO_MAX_UNFILTERED_RULES",
    1_000,
    "",
);

/// Projects of the xlsx download on `jixiao serve`'s page: the workbook is made in the page's
/// worker, in memory (the page's promise: nothing written to disk), about 11 KB a project, the
/// page's largest piece (a 5 000-project table's page: its worker 88 MB with the xlsx, 44 MB
/// without; H52). Past it the page names the download with the way to get it (the command
/// line, or `/api/evaluate?format=xlsx`, which [`XLSX_PROJECTS`] bounds).
pub static PAGE_XLSX_PROJECTS: Limit = Limit::new(
    "网页内 xlsx 下载的项目数",
    "JIXIAO_MAX_PAGE_XLSX_PROJECTS",
    2_000,
    "",
);

/// A table's reader findings of one code listed one by one (`table::listing`): past it the rest
/// are counted, and one `table.findings-not-listed` at the end of the file's findings says how
/// many and where the first of them is. One unclosed quote in a 10 MB CSV made 5,000,000 rows
/// skipped, a finding held and a diagnostic written each: 2.9 GB and 52 s for `inspect`, an
/// abort under a 4 GB address limit. Counted in file order, the same whole and streamed.
pub static FINDINGS_LISTED: Limit = Limit::new(
    "同一种读取问题逐条列出的条数",
    "JIXIAO_MAX_FINDINGS_LISTED",
    1_000,
    "",
);

/// Length of a unit's, a project's, an 一级 or 二级指标's name: a name written once is carried
/// onto every indicator under it (a filled-down or merged cell, a form's 项目名称), and every
/// line of a report, every finding on those indicators and every rule condition reading it
/// repeats it. A 1 MB project name over 2,000 one-line indicators (a 1 MB file) made 2 GB of
/// JSON lines and 3.4–3.9 GB of memory (the nineteenth probe, H138). Real names are under a
/// hundred characters; 1 KB holds 340 Chinese characters (`table::names`).
pub static NAME: Limit = Limit::new(
    "单位、项目或一级、二级指标名称的长度",
    "JIXIAO_MAX_NAME_KB",
    1,
    "KB",
);

/// Parts of one workbook or Word document: the entries of its zip, counted (their central
/// directory headers) before the zip is opened. Each entry opened is held by the zip reader
/// at about 700 bytes: a 90 MB xlsx of 1,000,000 empty parts took 716 MB (8× its size; a
/// 512 MB one would take 4 GB), where a real workbook holds a few dozen, one of
/// [`SHEETS`] sheets (each with its relationships) some 30,000 (issue 27, H162).
pub static WORKBOOK_PARTS: Limit = Limit::new(
    "工作簿（Word 文档）压缩包中的部件数",
    "JIXIAO_MAX_WORKBOOK_PARTS",
    50_000,
    "",
);

/// Every limit, for documentation and `--help` texts.
pub static ALL: [&Limit; 34] = [
    &INPUT,
    &LINE,
    &CELL,
    &COLUMNS,
    &CELLS,
    &UNZIPPED,
    &UNZIP_RATIO,
    &DEPTH,
    &RULES,
    &RULE_FILE,
    &ACTUALS,
    &YAML_DEPTH,
    &ZIP_ENTRIES,
    &ZIP_UNZIPPED,
    &ZIP_RATIO,
    &XLSX_PROJECTS,
    &XLSX_INDICATORS,
    &PAGE_XLSX_PROJECTS,
    &REGEX_TOTAL,
    &SHEETS,
    &STYLES,
    &WORKBOOK_PARTS,
    &FORMAT_CODE,
    &UPLOAD_FILES,
    &PILE_FILES,
    &QUOTED_LINES,
    &YAML_NODES,
    &YAML_KEY,
    &RULE_TRIES,
    &ERRORS_SHOWN,
    &UNFILTERED_RULES,
    &STREAM_PROJECT,
    &FINDINGS_LISTED,
    &NAME,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_help() {
        assert_eq!(CELL.get(), 1024 * 1024);
        assert_eq!(DEPTH.get(), 64);
        assert!(CELL.help().contains("JIXIAO_MAX_CELL_KB"));
        assert_eq!(ALL.len(), 34);
    }
}
