//! Every code jixiao publishes, in one typed registry: each code's published string, its usual
//! severity, a Chinese title and the `--explain` text sit together in one entry of the table
//! below, and the rest of the crate names a code only through its constant ([`Code`]).
//!
//! - **Adding a code is one entry** in `registry!`'s table: the constant, [`ALL`] (what
//!   `--explain` lists and looks up) and the documentation all come from it. Findings take a
//!   [`Code`] ([`crate::finding::Finding::new`]), never a string, so a code without an entry does
//!   not compile. A review check declares its own [`Code`] in its own file
//!   (`review/checks/*.rs`, [`Code::check`]) with the file's `//!` documentation as its text, so
//!   a check stays one file and one line in `review::checks::ALL`.
//! - **The published strings never change**: [`Code::as_str`] is what JSON, csv, the listings and
//!   `--explain` print, byte for byte as before the registry.
//! - **One separator for new codes, `.`; fourteen older codes keep `::`.** The codes of rule
//!   files (`rules::unknown-key` and the other `rules::…`), of the actuals file's YAML
//!   (`actuals::parse`) and of canonical targets (`lang::canonical`) were published with miette's
//!   path-like spelling before the registry, and `rules check --format json`, the page's answers
//!   and users' scripts match on them, so they are not rewritten: a published string never
//!   changes. Every other code, and every new one, is `family.name`. [`find`] (what `--explain`
//!   asks) reads either spelling of any code (`rules.unknown-key` finds `rules::unknown-key`), so
//!   a user never has to know which one a code has. The test `tests/codes.rs` holds the list of
//!   `::` codes to these fourteen: a new one fails it.
//! - miette's diagnostic `code` attribute takes a literal, not a constant: a test
//!   (`tests/codes.rs`) checks that every such attribute names a code of this registry.
//! - A rule file's own `require:` checks carry the rule's id as their code (the auditor chose
//!   it); they are documented by the rule, not here.

use std::borrow::Cow;
use std::fmt;

/// How serious a finding is (also what a rule file's `severity:` says).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Wrong data: a row skipped, a sum that does not add up.
    Error,
    /// Suspicious but read.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Chinese word for the severity (错误 / 警告 / 提示).
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// One published code with its documentation. Two codes are equal when their strings are.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    name: &'static str,
    severity: Severity,
    title: &'static str,
    body: &'static str,
    /// A review check: `body` is the check's source file, whose `//!` lines are its text.
    check: bool,
}

impl Code {
    /// A review check's code, declared in the check's own file: `module` is that file's text
    /// (`include_str!`), whose `//!` lines are what `--explain` prints.
    pub const fn check(
        name: &'static str,
        severity: Severity,
        title: &'static str,
        module: &'static str,
    ) -> Code {
        Code {
            name,
            severity,
            title,
            body: module,
            check: true,
        }
    }

    /// The published string (`table.row-too-short`), as JSON and every listing print it.
    pub const fn as_str(self) -> &'static str {
        self.name
    }

    /// The usual severity (a reader may raise the same code at another where the context says
    /// so; a rule file may change a review check's).
    pub const fn severity(self) -> Severity {
        self.severity
    }

    /// One line, Chinese.
    pub const fn title(self) -> &'static str {
        self.title
    }

    /// The text `--explain CODE` prints.
    pub fn text(self) -> String {
        if !self.check {
            return format!(
                "{} — {}（通常级别：{}）\n\n{}\n",
                self.name,
                self.title,
                self.severity.zh(),
                self.body
            );
        }
        let mut out = format!(
            "{} — {}（默认级别：{}）\n\n",
            self.name,
            self.title,
            self.severity.zh()
        );
        // The module's documentation: its `//!` lines, a section's `**作用**：` printed as
        // `作用：` (only at a line's start: `**` inside an example is the table's own text, as
        // in `≥**%`).
        for line in self.body.lines().take_while(|l| l.starts_with("//!")) {
            let line = line.trim_start_matches("//!").trim_start();
            match line.strip_prefix("**").and_then(|l| l.split_once("**")) {
                Some((head, rest)) => out.push_str(&format!("{head}{rest}")),
                None => out.push_str(line),
            }
            out.push('\n');
        }
        out
    }

    /// The documentation proper: the `含义/处理/修改` paragraphs, or a check's module source.
    pub const fn body(self) -> &'static str {
        self.body
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.name == other.name
    }
}

impl Eq for Code {}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

impl From<Code> for Cow<'static, str> {
    fn from(c: Code) -> Self {
        Cow::Borrowed(c.name)
    }
}

impl PartialEq<Code> for Cow<'static, str> {
    fn eq(&self, other: &Code) -> bool {
        self.as_ref() == other.name
    }
}

impl PartialEq<Code> for str {
    fn eq(&self, other: &Code) -> bool {
        self == other.name
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.name
    }
}

impl PartialEq<Code> for String {
    fn eq(&self, other: &Code) -> bool {
        self == other.name
    }
}

/// The registered code spelled `name`; a `::` code is also found spelled with `.`
/// (`rules.unknown-key`) and a `.` code with `::`, so `--explain` answers either spelling.
pub fn find(name: &str) -> Option<Code> {
    let exact = ALL.iter().find(|c| c.name == name);
    exact
        .or_else(|| {
            ALL.iter()
                .find(|c| c.name.replace("::", ".") == name.replace("::", "."))
        })
        .copied()
}

/// The registry: one entry a code, `CONST = "published.string", Severity, "标题", "含义…处理…修改…";`.
/// Generates the constant (documented by its English line, or its title) and [`ALL`].
macro_rules! registry {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $code:literal, $sev:ident, $title:literal, $body:literal;
    )*) => {
        $(
            #[doc = concat!("`", $code, "`: ", $title)]
            #[doc = ""]
            $(#[doc = $doc])*
            pub const $name: Code = Code {
                name: $code,
                severity: Severity::$sev,
                title: $title,
                body: $body,
                check: false,
            };
        )*

        /// Every registered code (the review checks' own are in `review::checks::ALL`), in the
        /// order `--explain` lists them.
        pub const ALL: &[Code] = &[$($name),*];
    };
}

registry! {
    // reading a table: stops the run
    TABLE_IO = "table.io", Error,
        "无法读取文件",
        "含义：文件不存在、没有读取权限，或读取时出错。\n处理：该文件未读取，本次运行停止（退出码 2）。\n修改：检查路径（含空格的路径请加引号）和文件权限。";
    TABLE_EMPTY = "table.empty", Error,
        "空文件",
        "含义：文件没有任何内容。\n处理：本次运行停止。\n修改：导出目标表时确认选择了有数据的工作表，或重新保存文件。";
    TABLE_BINARY = "table.binary", Error,
        "既不是文本表格也不是能读取的文档",
        "含义：文件含有二进制内容，不是 .tsv / .csv 文本，也不是 jixiao 能读取的工作簿（.xlsx .xls .ods）、Word 文档（.docx .doc）或网页（.html .mhtml）。\n处理：本次运行停止。\n修改：在 Excel、WPS 或 Word 中“另存为” .xlsx、.docx 或 .csv 后再读取。";
    TABLE_PDF = "table.pdf", Error,
        "PDF 文件中的表格不能读取",
        "含义：文件是 PDF（按文件开头的字节判断，与扩展名无关）。PDF 只记录文字在页面上的位置，没有单元格，读出的表格会错位，jixiao 不猜。\n处理：本次运行停止。\n修改：向填报单位索取这张表的 Excel 或 Word 原件；表格如刊登在网页上，在浏览器中把网页“另存为”.html（或单个文件 .mhtml）后读取。";
    TABLE_PICTURE = "table.picture", Error,
        "图片中的表格不能读取",
        "含义：文件是图片（PNG、JPEG、GIF、BMP、TIFF 或 WebP，按文件开头的字节判断），通常是扫描件或截图。\n处理：本次运行停止。\n修改：向填报单位索取 Excel 或 Word 原件；没有原件时需人工把表格录入 Excel。";
    TABLE_OFFICE_OTHER = "table.office-other", Error,
        "Office 文件，但不是 Word 文档或 Excel 工作簿",
        "含义：文件是 Office 97–2003 格式的复合文件，但其中没有 Word 文档流（WordDocument）或工作簿流（Workbook），或者文件设有打开密码（加密）；或者是 RTF 格式的文档（常以 .doc 为扩展名）。\n处理：本次运行停止。\n修改：在 Word、Excel 或 WPS 中打开（去掉密码），另存为 .docx 或 .xlsx 后读取。";
    TABLE_PAGE_NO_FORM = "table.page-no-form", Error,
        "网页中没有目标表、自评表或表单",
        "含义：网页中没有表格，或者它的表格都不是目标表、自评表或逐项目表单（只有导航、版式、页脚等表格）。\n处理：本次运行停止。\n修改：表单常作为网页的附件（.xls .doc .pdf）或图片发布：下载附件读取，或向填报单位索取 Excel、Word 原件。";
    TABLE_PAGE_LAYOUT_UNSURE = "table.page-layout-unsure", Error,
        "网页用 CSS 排版的表格无法确定列",
        "含义：网页中的表格不是 <table>，而是用 <div> 等元素和 CSS（grid 网格、flex 弹性行、列表）排出来的；jixiao 能确定每个单元格在哪一行哪一列时按表格读取，这一个不能确定（例如网格的列数随屏幕宽度而定，各行单元格数不同而只给了宽度 flex: 2，单元格被 order 或网格线移动）；或者表单是 <pre> 中用空格对齐的文字，有一行的文字跨过了别的行的列间空白，不能确定每一格所在的列。消息写明原因。猜错一列就会把指标值读成实际值，所以不读。\n处理：本次运行停止；网页中另有能读取的表单时，这一条是警告，其余照常读取。\n修改：向发布单位索取 Excel、Word 原件或附件；或在浏览器中打开网页，全选表格复制到 Excel 后另存为 .xlsx 读取。";
    TABLE_PAGE_STYLESHEET = "table.page-stylesheet", Error,
        "网页的样式表没有读取",
        "含义：网页用 <link rel=\"stylesheet\"> 或 @import 链接样式表，jixiao 没有读取其中的一个：在命令行中只读取网页所在文件夹中以相对路径链接的文件（浏览器“另存为 → 网页，全部”存入的“名称_files”文件夹），不联网，不读绝对路径、.. 和文件夹之外的文件；单个文件网页（.mhtml）读取随它保存的样式表；网页服务上传的只是网页本身，不读取。样式表合计以 512 KB 为限。\n处理：网页中没有表格时（它的排版可能在样式表中）停止，写明是哪个样式表、为什么没有读取；网页中有读取的表格时，这一条是提示：样式表中若有隐藏行、删除线的样式，这里看不到。\n修改：把网页连同样式表文件夹一起保存后在命令行中读取，或另存为单个文件（.mhtml）后读取或上传。";
    TABLE_DECODE = "table.decode", Error,
        "文本编码不对",
        "含义：文本文件中有按所选编码读不通的字节（例如把 GBK 文件当 UTF-8 读）。\n处理：本次运行停止，消息给出第一个坏字节的位置。\n修改：用 --encoding 指定编码（auto、utf-8 或 gbk）；Excel 在中文 Windows 上另存的 CSV 一般是 GBK。";
    TABLE_WORKBOOK = "table.workbook", Error,
        "无法打开工作簿",
        "含义：文件是工作簿格式，但已损坏、加密或不完整。\n处理：本次运行停止。\n修改：在 Excel 中打开并另存为 .xlsx（去掉密码保护）。";
    TABLE_NOT_WORKBOOK = "table.not-workbook", Error,
        "扩展名是工作簿，内容不是",
        "含义：文件名以 .xlsx / .xls / .docx / .doc 结尾，内容却不是工作簿或 Word 文档（常见于把 CSV 改了扩展名）。内容是网页的 .xls / .doc（许多系统这样导出）按网页读取，不是这个错误。\n处理：本次运行停止，不按扩展名猜测内容。\n修改：把扩展名改成与内容相符的 .csv / .tsv，或在 Excel 中另存为 .xlsx。";
    TABLE_DOCUMENT = "table.document", Error,
        "无法读取 Word 文档",
        "含义：Word 文档（.docx，或 Word 97–2003 的 .doc）的正文无法读取：文件损坏（如 .doc 的片段表指向文件之外）、加密，是 Word 6.0/95 等更早的格式，或文档中没有表格。消息写明是哪一种。\n处理：本次运行停止。\n修改：在 Word 或 WPS 中打开，另存为 .docx 后读取。";
    TABLE_FOLDER_TABLES = "table.folder-tables", Error,
        "文件夹中有不同的表",
        "含义：给出的文件夹里有两张内容不同的表，jixiao 不猜测要读哪一张（同一张表的 xlsx、docx、csv 副本只读一次）。\n处理：本次运行停止，消息列出这些文件。\n修改：直接指定要读取的文件，或把其他表移出文件夹。";
    TABLE_NO_SHEET = "table.no-sheet", Error,
        "没有指定的工作表",
        "含义：--sheet 给出的工作表名在工作簿中不存在。\n处理：本次运行停止，帮助中列出可用的工作表。\n修改：改用列出的名称之一，或去掉 --sheet 读取全部工作表。";
    TABLE_NO_HEADER = "table.no-header", Error,
        "找不到表头行",
        "含义：没有一行像目标表或自评表的表头，也认不出项目支出绩效自评表（目标表）的表单结构。\n处理：本次运行停止。\n修改：目标表需有 项目名称、总计、绩效目标/绩效指标 等列；自评表需有 项目、三级指标、年度指标值 等列；表单需有 项目名称 和 一级指标/二级指标/三级指标 表头。";
    TABLE_TOO_LARGE = "table.too-large", Error,
        "文件太大",
        "含义：文件超过输入大小的上限（默认 512 MB）。\n处理：本次运行停止，不读入内存。\n修改：拆分文件，或按帮助所写用环境变量 JIXIAO_MAX_INPUT_MB 提高上限。";
    TABLE_UNZIPPED_TOO_LARGE = "table.unzipped-too-large", Error,
        "工作簿解压后太大",
        "含义：.xlsx / .docx 是压缩包，解压后的总大小超过上限（默认 512 MB），或超过文件大小的 100 倍（JIXIAO_MAX_UNZIP_RATIO；32 MB 以内不计此比），可能是“压缩炸弹”。\n处理：本次运行停止，解压到上限即止。\n修改：确认文件来源；确属正常的大工作簿，按帮助所写提高上限。";
    TABLE_LINE_TOO_LONG = "table.line-too-long", Error,
        "一行太长",
        "含义：文本表格中某一行超过每行字节数的上限（常见于换行符丢失、整个文件成了一行）。\n处理：本次运行停止，消息给出行号。\n修改：检查该行的换行和引号是否配对，或按帮助提高上限。";
    TABLE_TOO_MANY_COLUMNS = "table.too-many-columns", Error,
        "列数太多",
        "含义：某一行的列数超过上限。\n处理：本次运行停止，消息给出行号。\n修改：删除表格右侧的空列或无关内容，或按帮助提高上限。";
    TABLE_CLAIMS_TOO_MANY = "table.claims-too-many", Error,
        "文件声称的数量过大",
        "含义：工作簿自己声称的数量（.xlsx 共享字符串表的 uniqueCount、.xls 工作表的尺寸记录或其单元格所跨的范围、.ods 表格重复的行列 number-rows-repeated / number-columns-repeated）超过单元格总数的上限，或超过文件字节实际能容纳的数量（文件损坏或被构造来耗尽内存）。\n处理：在预留任何内存之前停止读取。\n修改：用 Excel 或 WPS 打开后另存一次；确属正常的大工作簿，按帮助提高单元格上限。";
    TABLE_ROWS_PAST_CAP = "table.rows-past-cap", Error,
        "内容超过表格的最后一行",
        "含义：.ods 表格在第 1048576 行（电子表格的行数上限）之后还有内容，多半是某一行被设为重复很多次（table:number-rows-repeated）。读取器在上限处停止，其后的行读不到。\n处理：本次运行停止，不丢下这些行去评分。\n修改：在 LibreOffice 或 WPS 中删去多余的行后另存，再试。";
    TABLE_TOO_MANY_CELLS = "table.too-many-cells", Error,
        "单元格太多",
        "含义：整张表的单元格数超过整表读入的上限。\n处理：本次运行停止。\n修改：拆分表格；很大的自评表可用 --format jsonl 流式评价（不受此限）。";
    TABLE_TOO_MANY_ENTRIES = "table.too-many-entries", Error,
        "工作表、表格或样式条目太多",
        "含义：工作簿的工作表数、Word 文档或网页的表格数超过 JIXIAO_MAX_SHEETS（默认 10000），或 .xlsx 样式表（styles.xml）的条目数（单元格格式 xf、数字格式、字体、填充、边框）超过 JIXIAO_MAX_STYLES（默认 100000；Excel 自己最多 64000 种单元格格式），或工作簿、Word 文档压缩包中的部件数超过 JIXIAO_MAX_WORKBOOK_PARTS（默认 50000；真实的工作簿只有几十个部件）。一个很小的文件也可能声称这么多，读入它们会耗尽时间或内存。\n处理：在读入之前停止，消息写明是哪个部件。\n修改：删除多余的工作表或表格；样式过多的工作簿可在 Excel 中清除多余格式后另存；确属正常时按帮助提高上限。";
    TABLE_FORMAT_CODE_TOO_LONG = "table.format-code-too-long", Error,
        "数字格式代码太长",
        "含义：工作簿中的一个自定义数字格式代码（.xlsx、.xlsb 的样式表，.xls 的 FORMAT 记录，.ods 的数字样式，其中的文字每个字算一个字符）超过 JIXIAO_MAX_FORMAT_CODE（默认 255 个字符，Excel 自己的上限）。Excel 不会保存这样的代码；读取时它会被复制到每个引用它的单元格格式中，按它显示文字的每个单元格也各存一份，一个几 KB 的文件就能占用数百 MB 内存。\n处理：在读入样式之前停止，消息写明是哪个部件、代码有多少个字符。\n修改：用 Excel 或 WPS 打开后另存一次，或删除这个数字格式；确属正常时按帮助提高上限。";
    TABLE_SHEET_PART_REPEATED = "table.sheet-part-repeated", Error,
        "两个工作表指向同一个部件",
        "含义：.xlsx 中两个工作表的关系指向同一个工作表部件（xl/worksheets/…）。Excel 和 WPS 从不这样保存；读取时每个工作表都会把它再解压、再读一遍，一个 100 KB 的文件可读上几分钟。\n处理：在读入任何工作表之前停止，消息写明部件和两个工作表的名称。\n修改：用 Excel 或 WPS 打开后另存为 .xlsx 再试。";
    TABLE_NAME_TOO_LONG = "table.name-too-long", Error,
        "名称太长",
        "含义：单位、项目或一级、二级指标的名称超过名称长度的上限（JIXIAO_MAX_NAME_KB，默认 1 KB，约 340 个汉字）。一个名称会带到其下的每个指标上：报告的每一行、每条问题和每次规则判断都要重复它，一个 1 MB 的文件可写出数 GB 的报告。\n处理：本次运行停止（流式评价与整表读入相同），消息写明是哪一行、哪个名称、多长。\n修改：检查该单元格是否误粘贴了大段内容；确属正常时按帮助提高上限。";
    // reading a table: a row or a cell, the rest still read
    /// A row has fewer cells than the header.
    ROW_TOO_SHORT = "table.row-too-short", Error,
        "一行的单元格比表头少",
        "含义：这一行缺少表头要求的列（常见于单元格内换行未加引号，把一行拆成了两行）。\n处理：该行跳过，计入跳过的行数，其余各行照常读取。\n修改：补齐该行的单元格，或给含换行的单元格加引号。";
    /// A row has non-empty cells beyond the last header column (they are not read).
    EXTRA_CELLS = "table.extra-cells", Warning,
        "表头右侧还有内容",
        "含义：一行在最后一个表头列之后还有非空单元格。\n处理：这些单元格不读取，该行其余部分照常读取。\n修改：删除多余内容，或为它们加上表头。";
    /// An amount (or budget figure) is not a number.
    BAD_AMOUNT = "table.bad-amount", Error,
        "金额不是数字",
        "含义：预算、执行数等金额单元格不是数字（如“约50万”）。\n处理：目标表和自评表中该行不读取（计入跳过的行数，其余各行照常）；表单的资金栏中该金额按未填处理（警告）。\n修改：金额单元格只填数字（可带千位分隔符，如 12,748.27），单位写在表头（万元 / 元）。";
    /// A weight (分值) or score (得分) is not a number.
    BAD_NUMBER = "table.bad-number", Error,
        "分值或得分不是数字",
        "含义：自评表的分值（权重）或得分单元格不是数字。\n处理：该行不读取，计入跳过的行数，其余各行照常读取。\n修改：分值、得分只填数字，如 10 或 9.5（可带“分”）。";
    /// A cell is longer than the reader accepts.
    CELL_TOO_LONG = "table.cell-too-long", Error,
        "单元格太长",
        "含义：单元格超过单格长度的上限（默认 1 MB）。\n处理：该行跳过，计入跳过的行数。\n修改：检查该单元格是否误粘贴了大段内容。";
    /// The 绩效指标 cell does not split into numbered indicators.
    INDICATOR_SPLIT = "table.indicator-split", Error,
        "绩效指标单元格无法拆成指标",
        "含义：目标表的绩效指标单元格写不成“序号、一级指标：指标名称，年度指标值：指标值。”的形式，无法可靠拆出各个指标。\n处理：该项目行不读取（计入跳过的行数），其单位标为不完整，其余各行照常读取。\n修改：每个指标写成“1、产出指标：指标名称，年度指标值：≥95%。”";
    /// The indicators of a cell are not numbered 1, 2, 3, …
    INDICATOR_NUMBERING = "table.indicator-numbering", Warning,
        "指标编号不连续",
        "含义：单元格中的指标编号不是 1、2、3…（有缺号或重号），可能漏写或多写了指标。\n处理：按所写内容拆分读取，并列出此项。\n修改：核对编号与指标是否一一对应。";
    /// A row has content but no name (project, unit or indicator).
    MISSING_NAME = "table.missing-name", Error,
        "有内容但缺少名称",
        "含义：一行有数值，却没有项目、单位或指标名称。\n处理：按上下文归属读取，或在无法归属时跳过，均列出此项。\n修改：补上名称。";
    /// Project rows come before any unit row: they form an implicit unit (a unit's own table).
    IMPLICIT_UNIT = "table.implicit-unit", Info,
        "项目行前没有单位行",
        "含义：表格一开始就是项目行，没有单位（部门）行；常见于单位自己的表。\n处理：这些项目归入一个以文件或表头命名的单位。\n修改：如需按单位汇总，在项目行前加上单位行。";
    /// A header row found again below the first, naming other columns (two tables in one sheet).
    HEADER_UNIT = "table.header-unit", Info,
        "表头写明了指标值的单位",
        "含义：年度指标值或实际完成值的表头写明单位（如 实际完成值（元）、年度指标值（%））。\n处理：该列未写单位的数值按表头的单位读（500000 读作 500000元，与 ≥100万元 换算后比较）；写了单位的按其所写。\n修改：无需修改；单位不同时，也可在每个单元格中写明单位。";
    HEADER_MOVED = "table.header-moved", Warning,
        "表中又有一行列的位置不同的表头",
        "含义：表头以下又出现一行表头（如一个工作表中放了两张表），但其中各列的位置与第一行表头不同，例如“实际完成值”与“年度指标值”两列互换。\n处理：其下各行按这一行表头的列读取（警告）；这一行表头有第一行表头没有的列（得分、偏差原因除外）、缺少单位列或资金、指标值的单位不同，无法同样读取时，其下各行不读取，每行一个错误。再出现与第一行相同的表头时，又按第一行的列读取。\n修改：把两张表分为两个文件或两个工作表，或把各列调成与第一行表头相同的顺序。";
    /// A row was recognised as a note and not read as data.
    ROW_IGNORED = "table.row-ignored", Info,
        "说明行未作数据读取",
        "含义：这一行被识别为注释、填表说明或表尾签章（如“注：”“填表人：”）。\n处理：不作为数据读取，计入跳过的行数。\n修改：如果它其实是数据，删去行首的说明文字。";
    /// A header column is not one the reader knows; its cells are not read.
    COLUMN_IGNORED = "table.column-ignored", Info,
        "不认识的表头列",
        "含义：表头中的这一列不是 jixiao 认识的列名，其单元格不读取。\n处理：该列忽略，其余各列照常读取。\n修改：如该列应当读取，改用标准列名（见 README 的输入格式）。";
    /// A header column names 分值 and 得分 together (`分值/得分`, cells like `50/40`) beside a
    /// 分值 or 得分 column of its own: not read.
    COLUMN_WEIGHT_AND_SCORE = "table.column-weight-and-score", Warning,
        "分值与得分写在同一列",
        "含义：表头中这一列同时写了分值和得分（如「分值/得分」，单元格写作 50/40），而表中另有单独的「分值」或「得分」列，两处哪一个是本意不能确定。（没有单独的分值、得分列时，这一列每格拆成两个数读取：table.form-weight-and-score。）\n处理：这一列不读取：各指标的分值、得分按单独的那一列读取（缺的一项：分值按评分方法计，原表得分不核对）；总分与原表的计算可能不同。\n修改：删去重复的一列，或把这一列拆成「分值」「得分」两列再读取。";
    /// Two header columns name the same figure (`实际完成值（上半年）`, `实际完成值（全年）`): the first is read.
    COLUMN_DUPLICATE = "table.column-duplicate", Warning,
        "两列表头是同一列",
        "含义：表头中有两列去掉括号里的说明后是同一个列名（如“实际完成值（上半年）”与“实际完成值（全年）”，或“年度指标值”与“年度指标值（调整后）”）。\n处理：读取靠前的一列，另一列不读取，并列出两列；评分用的可能不是要用的那一列。\n修改：删去不用的一列，或把它改名（如“实际完成值（上半年）”改为“上半年完成值”），使要读的一列是唯一的。";
    /// A second 合计 row.
    DUPLICATE_TOTAL = "table.duplicate-total", Warning,
        "第二个合计行",
        "含义：表中出现了两个“合计”行。\n处理：以第一个为准，第二个列出不用。\n修改：删除重复的合计行。";
    /// A unit's amount differs from the sum of its projects' amounts.
    UNIT_SUM_MISMATCH = "table.unit-sum-mismatch", Error,
        "单位金额与其项目之和不符",
        "含义：单位行的金额不等于其下各项目金额之和（精确比较，不四舍五入）。\n处理：照常读取，列出差额。\n修改：核对单位行与项目行的金额。";
    /// The 合计 row differs from the sum of the units.
    TOTAL_SUM_MISMATCH = "table.total-sum-mismatch", Error,
        "合计行与各单位之和不符",
        "含义：合计行的金额不等于各单位金额之和。\n处理：照常读取，列出差额。\n修改：核对合计行。";
    /// A row's 总计 differs from 财政拨款 + 财政专户拨款 + 其他资金.
    SOURCE_SUM_MISMATCH = "table.source-sum-mismatch", Error,
        "总计与资金来源之和不符",
        "含义：一行的总计不等于 财政拨款 + 财政专户拨款 + 其他资金。\n处理：照常读取，列出差额。\n修改：核对该行的各项资金来源。";
    /// A sum could not be checked because rows it depends on were skipped.
    SUM_UNCHECKED = "table.sum-unchecked", Info,
        "合计无法核对",
        "含义：合计所依赖的行有被跳过的，这个合计无法核对。\n处理：不作判断，列出此项。\n修改：先修正被跳过的行。";
    /// A workbook cell shows a rounded value: a target, an actual or a percentage is read as the
    /// value the cell holds (a warning beside the indicator where the shown one scores otherwise).
    DISPLAY_ROUNDED = "table.display-rounded", Info,
        "单元格显示的是舍入后的值",
        "含义：工作簿中这个单元格存的值比其数字格式显示的位数多（如存 99.6、格式 0 显示为 100；存 0.895、格式 0% 显示为 90%）。\n处理：年度指标值、实际完成值和百分数按单元格存的值读取和评分（至多 15 位有效数字，与 Excel 相同），不按舍入后的显示值；分值、得分、预算数和执行数按显示值读取（表内合计是按印出的值加总的）。提示写出显示值与存值；评分时再按显示值算一遍：结论（达标/未达标）或得分不同时，在该指标所属项目旁给出警告，写出两种结果；相同时给出提示。\n修改：如果显示值才是本意，在单元格中写入显示的值；否则无需修改。";
    /// A text file's encoding told from its bytes alone (UTF-16 without a byte-order mark).
    ENCODING_GUESSED = "table.encoding-guessed", Warning,
        "文本文件的编码按字节推断",
        "含义：文本表格（.csv、.tsv、.txt）开头没有字节顺序标记（BOM），但其字节是 UTF-16 文本的样子（制表符、换行和数字的另一半字节都是 0，中文都在常用范围内）：如把 Excel“Unicode 文本”的开头两个字节删去、或程序导出时未写 BOM。\n处理：按推断的 UTF-16LE 或 UTF-16BE 读取，在文件开头给出这条警告，写明所用的编码；字节不像 UTF-16 文本的文件仍按二进制文件拒绝（table.binary）。\n修改：另存为带 BOM 的 UTF-8（或 UTF-16），即不再需要推断。";
    /// An actual merged down over indicator rows: the rows under the first read as empty.
    ACTUAL_MERGED = "table.actual-merged", Warning,
        "实际完成值单元格跨行合并",
        "含义：工作簿或网页中，实际完成值单元格向下合并了几个指标行。合并单元格的值只在第一行，其下各行读到的是空单元格。\n处理：第一行按其值评分；其下各行按未填写读取（缺实际值，得 0 分），在每一行上给出这条警告，写明合并单元格的值；不把一个值猜作几项指标共用。\n修改：取消合并，给每项指标分别填写实际完成值。";
    /// A workbook cell in a hidden row, column or sheet: read and scored, said at its row.
    HIDDEN_CELLS = "table.hidden-row", Warning,
        "工作簿中隐藏的行、列或工作表",
        "含义：工作簿（.xlsx、.xls、.ods）中这一行（或列、工作表）被设为隐藏：打开和打印表格时看不到，常是上年留下、不再用的指标，也可能只是为了版面收起。\n处理：照常读取并计分（不猜测它是否作废），在该行第一个单元格上给出这条警告；隐藏的列和工作表在其第一个有内容的单元格上给出。\n修改：作废的行请删除；要计分的行请取消隐藏，使打印的表与评分一致。";
    /// A workbook cell (`.xlsx`, `.xls`, `.ods`) holds a formula whose result the file does not
    /// keep, or a Word cell a formula field never updated: read as empty.
    FORMULA_NO_VALUE = "table.formula-no-value", Warning,
        "公式单元格没有保存计算结果",
        "含义：工作簿（.xlsx、.xls、.ods）中这个单元格是公式（或 Word 表格的单元格是公式域，如 =SUM(ABOVE)），但文件里没有保存它的计算结果。程序（如 Python 的 openpyxl）生成、没有用 Excel、WPS 或 LibreOffice 打开计算并保存过的文件常是这样；Excel 打开时会重新计算并显示结果，文件本身却没有这个值。\n处理：按空单元格读取（实际完成值缺失、分值未填等照此处理），在单元格上给出这条警告，不猜测公式的结果。\n修改：用 Excel 或 WPS 打开文件并保存（结果随之保存），再读取；或在单元格中写入数值。";
    /// A sheet (or Word table) holds no table or form and was not read.
    SHEET_SKIPPED = "table.sheet-skipped", Info,
        "工作表未读取",
        "含义：这张工作表（或 Word 文档中的这张表）里没有目标表、自评表或表单，例如填表说明页。网页中不是表单的表格（导航、版式、页脚）合为一条，写明网页共有几个表格、读取了几个。\n处理：不读取，列出此项。\n修改：如果它其实是要读的表，检查表头是否完整。";
    /// A web page's table with no header of its own, right after a table read and no wider:
    /// read as that table's rows after a page break.
    PAGE_TABLE_CONTINUED = "table.page-table-continued", Warning,
        "网页表格的续表（推断）",
        "含义：网页中这张表格紧接在读取的表格之后，自身没有表头（第一行不是一行标签），列数不多于前一张（至少 5 列），写数字的列也是前一张写数字的列：Word 另存为网页、网站编辑器在分页处常把一张表断成两张，后一张是前一张的续表（其余的指标、总分行）；后一张也可能重印前一张的标题、项目名称和表头（写的是同一项目，前一张没有总分或合计行，重印的每一行都是前一张的行）。这是推断，所以给出警告。\n处理：接在前一张表格之后读取，如同 Word 文档中的同一张表；有自己表头的表格、数字写在前一张不写数字的列中的表格不作续表。\n修改：如果它不是续表，把它从网页中删去，或只保存要读的表格。";
    /// A sheet holds a table of another layout than the first one read, and was not read.
    SHEET_OTHER_LAYOUT = "table.sheet-other-layout", Warning,
        "工作表的格式与第一张不同",
        "含义：工作簿中这张表的格式（目标表 / 自评表 / 表单）与先读到的那张不同，不混在一起读。\n处理：不读取，列出此项。\n修改：把不同格式的表放在不同文件里分别读取，或用 --sheet 指定。";
    /// A form row is a placeholder of the template (`指标2:`, `……`, an empty name): not an indicator.
    FORM_PLACEHOLDER = "table.form-placeholder-row", Info,
        "表单中的模板占位行",
        "含义：表单中这一行是模板的占位（“指标2:”“……”或名称为空），不是指标。\n处理：不作为指标，计入跳过的行数。\n修改：无需修改；如果它是真实指标，补上指标名称。";
    /// A form row names a category but no indicator.
    FORM_CATEGORY_ROW = "table.form-category-row", Info,
        "只有类别没有指标的行",
        "含义：表单中这一行只写了一级或二级指标，没有三级指标；或自评表在三级指标列单独一行写了类别名称（“一、产出指标”“（一）数量指标”），没有年度指标值和实际完成值，其下有指标。\n处理：不作为指标，类别用于下面的行；这一行写有分值、得分的，与其下各指标的合计核对，不符时给出 table.form-total-mismatch，项目未核对。\n修改：无需修改；如果该行应有指标，补上三级指标名称。";
    /// A form's 一级指标 was not printed (only its points, or nothing) and was told from its 二级指标.
    FORM_CATEGORY_INFERRED = "table.form-category-inferred", Info,
        "一级指标由二级指标推断",
        "含义：表单没有写出一级指标（只写了分值或留空），由二级指标（数量指标→产出指标、满意度指标→满意度指标等）推断。\n处理：按推断的类别计分，报告中标“（推断）”。\n修改：在一级指标列写明类别。";
    /// An actual writes a unit of its own other than its 度量单位 column's (`5万人` beside `人`).
    ACTUAL_UNIT_CONFLICT = "table.actual-unit-conflict", Warning,
        "实际完成值自带的单位与度量单位列不同",
        "含义：实际完成值写了自己的单位（如“5万人”“96%”“45元”），与它旁边的度量单位列（“人”“个”“万元”）不同：两者必有一处写错，或单元格换了单位书写。\n处理：按单元格自己写的数值和单位读取（数值与单位写在一起，比旁边一列更直接），照常计分，并在该行给出此项警告，写明两个单位。\n修改：核对实际完成值和度量单位列，使两者一致（只在单元格中写数字，单位留在度量单位列，或删去度量单位列中错的单位）。";
    /// A row's 调整后指标值 (中期调整) is scored in place of its 年度指标值.
    TARGET_ADJUSTED = "table.target-adjusted", Warning,
        "按调整后的指标值计分",
        "含义：表中有“调整后指标值”“中期调整指标值”一列，这一行填了与年度指标值不同的调整后指标值。\n处理：按调整后的指标值计分（年中经批准的调整即是评价所依据的目标），并在该行给出此项警告，写明两个指标值；调整后指标值为空的行按年度指标值计分。\n修改：调整未经批准的，删去调整后指标值中的内容；经批准的无需修改。";
    /// Two forms side by side on one sheet, read one below the other.
    FORM_SIDE_BY_SIDE = "table.form-side-by-side", Info,
        "两张表单左右并排",
        "含义：一张工作表上两张表单左右并排（如 A–G 列是一个项目的自评表，I–O 列是另一个项目的），指标表的表头在同一行出现两次。\n处理：在第二张表单开始的列把各行切开，右边的部分接在左边的之后，按上下排列的两张表单分别读取；合并单元格随之移动。\n修改：无需修改；也可以把每张表单放在单独的工作表中。";
    /// A form's amount cell holds words beside the number; the leading number was read.
    FORM_AMOUNT_PROSE = "table.form-amount-prose", Info,
        "金额单元格中有文字",
        "含义：表单的金额单元格写成“854万（含追加）”这样的文字。\n处理：读取开头的数字，列出此项。\n修改：金额单元格只填数字，说明另写。";
    /// A form's cell still holds the template's instructions (`（100字以内）`): read as empty.
    FORM_TEMPLATE_TEXT = "table.form-template-text", Info,
        "单元格仍是模板提示语",
        "含义：单元格中仍是模板的填写提示（如“（100字以内）”）。\n处理：按未填处理。\n修改：填写实际内容，或清空该单元格。";
    /// A form names no project (no 项目名称 value): named after its title or unit.
    FORM_NO_PROJECT = "table.form-no-project", Info,
        "表单没有项目名称",
        "含义：表单中找不到“项目名称”的值。\n处理：以标题或单位名称为项目命名，列出此项。\n修改：填写项目名称。";
    /// A form names its project only in a heading row above its grid (`【A项目】`, `（一）A项目`).
    FORM_NAME_FROM_HEADING = "table.form-name-from-heading", Info,
        "项目名称取自标题行",
        "含义：表单没有“项目名称”一栏，表格上方的标题行（如“【A项目】”“（一）A项目”）写着项目名称。\n处理：以标题行去掉括号或序号后的文字为项目名称，列出此项；几张这样的表单上下相接时各读作一个项目。\n修改：在表单中填写“项目名称”一栏。";
    /// A form's 总分 differs from the sum of the 得分 it prints (budget row included).
    FORM_TOTAL_MISMATCH = "table.form-total-mismatch", Warning,
        "总分与各项得分之和不符",
        "含义：表单打印的总分不等于它所列各项得分（含预算执行率）之和。\n处理：jixiao 按评分方法重新计算总分，原表总分与复核总分并列显示。\n修改：核对原表的加总。";
    /// A form's 年度资金总额 differs from the sum of its 其中 rows (or is empty while they are not).
    FORM_FUNDS_MISMATCH = "table.form-funds-mismatch", Warning,
        "资金总额与其中各项之和不符",
        "含义：表单的年度资金总额不等于其下“其中”各行之和，或总额为空而各行不为空。\n处理：总额为空时按各行之和读取；不符时照原表读取并列出差额。\n修改：核对资金情况一栏。";
    /// A form's printed 执行率 differs from its own 全年执行数 ÷ 全年预算数.
    FORM_RATE_MISMATCH = "table.form-rate-mismatch", Warning,
        "执行率与资金金额不符",
        "含义：表单打印的执行率与它自己的全年执行数 ÷ 全年预算数不符（相差超过 0.5 个百分点，按百分数或小数读都不符）。\n处理：jixiao 按金额计算执行率并计分，原表执行率并列显示；二者必有一处填错。\n修改：核对全年预算数、全年执行数与执行率。";
    /// A form's 执行率 written bare up to 1.5 (`1.5`) with no amounts: 150 % or 1.5 %.
    FORM_RATE_DOUBT = "table.form-rate-doubt", Warning,
        "执行率没有百分号，读法不定",
        "含义：表单的执行率没有写百分号，且不大于 1.5（如 `1.5`），又没有全年预算数和全年执行数可以核对：它可能是 1 的分数（150%），也可能是漏了百分号的百分数（1.5%）。\n处理：jixiao 不按任何一种读法计分，预算执行一栏留待人工核对。\n修改：在执行率中写明百分号（如 `150%` 或 `1.5%`），或填写全年预算数和全年执行数。";
    /// A form's 分值 column is empty: each indicator's points come from its category's `(50分)`.
    FORM_POINTS_SHARED = "table.form-points-shared", Info,
        "分值列为空，按类别分值分配",
        "含义：表单没有逐项分值，只在一级指标处写了“产出指标（50分）”。\n处理：每个指标的分值由其类别分值在类别内平均分配；两个以上的指标平均分配时，分值是推定的，以警告注明（总分按此计算），并在每个指标旁提示（table.form-points-guessed）。\n修改：如各指标分值不同，逐项填写分值。";
    /// An indicator's 分值 guessed: its label's points shared evenly by rows printing none.
    FORM_POINTS_GUESSED = "table.form-points-guessed", Info,
        "分值为推定（类别分值平均分配）",
        "含义：表单没有逐项分值，只在类别（或其上的标签）处写了分值，如“产出指标（50分）”，由两个以上的指标平均分配：各指标的分值是推定的，不是原表写明的。\n处理：按平均分配的分值计分，在每个这样的指标旁提示（jixiao inspect 列出），并在类别处以警告注明各指标分值为推定、总分按此计算（table.form-points-shared）；原表逐项印有得分的，其得分之和不得超过类别分值，任何一项得分超过平均分配的分值时，平均分配显然不对，项目未核对，不给出总分。\n修改：在分值列逐项填写各指标的分值。";
    /// A form's 分值 or 得分 cell merged down over several indicators: shared evenly by them.
    FORM_POINTS_MERGED = "table.form-points-merged", Warning,
        "分值或得分单元格跨行合并，平均分配",
        "含义：表单的一个分值（或得分）单元格向下合并，跨了几个指标（整组一个分值）。\n处理：合并的分值（得分）由这几个指标平均分配，逐项计分，并列出此项；按合并单元格只读第一行时，其余指标会是 0 分。\n修改：逐项填写分值和得分，取消合并。";
    /// A form's funds amounts are in different money units: converted to one.
    FORM_AMOUNT_UNITS = "table.form-amount-units", Warning,
        "资金金额单位不一致，已换算",
        "含义：资金一栏的年初预算数、全年预算数、全年执行数写成了不同的金额单位（例如万元的表中一格写“2,000,000元”，或某一栏表头写“（元）”）。\n处理：按本表的金额单位（没有时按全年预算数的单位，再没有时按万元）换算后计算执行率，并列出换算；不换算时执行率会差一万倍。\n修改：资金各栏用同一金额单位填写。";
    /// A form row has no 分值 where the form's other indicators have theirs.
    FORM_WEIGHT_MISSING = "table.form-weight-missing", Warning,
        "个别指标没有分值",
        "含义：表单中这个指标的分值为空，而其他指标都填了分值（不是合并单元格，也没有类别分值可分）。\n处理：其分值按评分方法由所属类别补足；类别的分值已被其他指标用尽时为 0 分，列出此项。\n修改：给这一行填写分值。";
    EVAL_TOTAL_PENDING = "eval.total-pending", Warning,
        "待评定：没有已评定的指标",
        "含义：项目的指标都待复核或缺实际值，没有一个达标或未达标。待评定的分值不是 0 分。\n处理：不给出总分和等级，显示“待评定”和待评定的分值；汇总不计入平均分，并写明有几个项目待评定。JSON 中 score 和 grade 为 null，status 为 pending。\n修改：补充实际完成值，或人工评定待复核的指标后再评分。";
    EVAL_TOTAL_UNCHECKED = "eval.total-unchecked", Warning,
        "未核对：表内加总不符",
        "含义：表单自己的加总（分值之和、得分之和、标明的分值、折算得分）在任何读法下都不相符，jixiao 无法确定读法。\n处理：不给出总分和等级，显示“未核对”和不符之处；汇总不计入平均分。JSON 中 score 和 grade 为 null，status 为 unchecked，mismatches 列出不符之处。\n修改：核对原表的分值与得分，改正后再评分。";
    /// A self-evaluation sheet has no actuals column (and no 得分): named with its header.
    NO_ACTUALS_COLUMN = "table.no-actuals-column", Warning,
        "没有实际完成值列",
        "含义：自评表的表头里没有实际完成值列（实际完成值、完成值、实际值、完成情况、实际完成情况），也没有得分列。\n处理：没有实际值文件时不评分（eval.no-actuals）；有全年执行数时只评预算执行，各指标缺实际值，项目待评定。\n修改：给该列改用认得的列名，或用 --columns 实际完成值=<列名> 指明，或另给实际值文件。";
    TABLE_BAD_COLUMNS = "table.bad-columns", Error,
        "列名对应无法读取",
        "含义：--columns（或网页的“列名对应”）写得不对：每一项应是 列名=表头中的列名，左边须是 jixiao 认得的列名。\n处理：不读取表格。\n修改：例如 --columns 年度指标值=年度数值,实际完成值=完成情况。";
    TABLE_MISSING_COLUMN = "table.missing-column", Error,
        "表头缺少必需的列",
        "含义：有一行像表头，但缺少必需的列（三级指标、年度指标值、项目等），错误信息列出这一行的各列。\n处理：不读取该表。\n修改：把该列改用认得的列名，或用 --columns 年度指标值=<列名> 指明哪一列是哪一列。";
    /// A `其中…` row with no points under an indicator: kept and shown, not scored.
    FORM_BREAKDOWN = "table.form-breakdown", Info,
        "其中分项，列出不计分",
        "含义：核心指标（★）下的“其中：…”行（或自评表中指标下面一行的“其中：…”）没有分值和得分，是上一个指标的分项。\n处理：分项随其指标列出，不作为指标计分，也不分得分值。\n修改：如分项应单独计分，给它填写分值。";
    /// A flat sheet's row that only continues the indicator name above it.
    NAME_FOLDED = "table.name-folded", Info,
        "指标名称折行，与上一行合并",
        "含义：自评表中一行只在三级指标列写了文字，没有指标值、实际完成值、分值和一二级指标，紧接在一个指标下面：这是上一行指标名称折到下一行的部分（如“参加培训的基层 / 干部人数”）。\n处理：与上一行合并为一个指标（名称接在一起），不另作指标，也不分得分值。\n修改：如这一行确是单独的指标，给它填写指标值和分值。";
    /// A form's `其中…` rows do not add up to the indicator they break down.
    FORM_BREAKDOWN_MISMATCH = "table.form-breakdown-mismatch", Warning,
        "其中各项之和与总数不符",
        "含义：“其中：…”各行的指标值或实际完成值之和不等于它们所属指标的数。\n处理：照表读取，不计分；提示核对。\n修改：核对分项与总数。";
    /// A shortened category label (`产`, `产出值`) read as its full name.
    FORM_LABEL_EXPANDED = "table.form-label-expanded", Info,
        "简写的指标类别按全称读取",
        "含义：竖排标签只剩一个字（产、效、满），或类别写作“产出值/数量值/效益值”。\n处理：按全称（产出指标、数量指标、效益指标）读取。\n修改：写全称。";
    /// A form's one column holding both 分值 and 得分 (`分值/得分`), read split.
    FORM_WEIGHT_AND_SCORE = "table.form-weight-and-score", Info,
        "分值与得分写在同一列（拆分读取）",
        "含义：表单（项目支出绩效自评表）的指标表头中，或逐行的自评表（没有单独的分值、得分列）的表头中，一列同时写了分值和得分（如「分值/得分」，单元格写作 10/9.5）。\n处理：每格拆成分值和得分两个数读取（表头写作「得分/分值」时次序相反），原表得分照常与复核得分核对；拆不开的格子逐行给出 table.weight-and-score-unsplit。\n修改：无需修改。";
    /// A cell of a 分值/得分 column that does not split into two numbers.
    WEIGHT_AND_SCORE_UNSPLIT = "table.weight-and-score-unsplit", Warning,
        "分值/得分单元格拆不开",
        "含义：表单或自评表中「分值/得分」一列的这一格不是“分值/得分”两个数（只写了一个数、写了文字，或有两个以上的斜杠）。\n处理：这一行的分值和得分都不读取：分值按评分方法由所属类别补足，原表得分不核对；其余各行照常读取。逐行的自评表中，这个项目的总分未核对（这一行的分值不知道，原表的总分无从确认）。\n修改：把这一格写成“分值/得分”两个数（如 10/9.5），或把这一列拆成「分值」「得分」两列。";
    /// A 指标分值 column holds words (definitions), not points.
    FORM_WEIGHT_WORDS = "table.form-weight-words", Info,
        "指标分值列写的是说明",
        "含义：表头为“指标分值”的列填的是指标说明而不是分数（河北预算项目绩效自评表）。\n处理：该列不作分值读取；有“权重占比”等分值列时按该列读取。\n修改：无需修改。";
    /// Where the layout left a choice, the reading the form's own sums agree with was taken.
    FORM_READING = "table.form-reading", Info,
        "按表内加总选定读法",
        "含义：版式有两种读法（例如预算执行得分是否计入总分），只有一种与表内的加总相符。\n处理：按相符的读法核对，并在此说明。\n修改：无需修改；如读法不对，请核对原表。";
    /// A sheet's merged cells past the merge limits: the form is read as if unmerged.
    FORM_MERGES_IGNORED = "table.form-merges-ignored", Warning,
        "合并单元格太多，按未合并读取",
        "含义：一张工作表的合并单元格超过 20000 处（或它们跨越的行累计超过 400 万），真实表单远少于此。\n处理：按未合并读取这张表（空单元格仍按上一行填补），并在此提示；原本由合并显示的值可能读成空。\n修改：在 Excel 或 WPS 中取消多余的合并后另存再评；核对报告中读成空的单元格。";
    /// No reading of the form makes its own sums agree: the project is 未核对.
    FORM_UNCHECKED = "table.form-unchecked", Warning,
        "表内加总不符，未核对",
        "含义：表单自己的加总（分值之和、得分之和、折算得分、标明的分值）在任何读法下都不相符。\n处理：该项目显示为“未核对”，列出不符之处，不给出总分和等级。\n修改：核对原表的分值与得分；确认后改正原表再评。";
    /// A form's one column holding both the target and the actual, read split.
    FORM_TARGET_AND_ACTUAL = "table.form-target-and-actual", Warning,
        "指标值与实际完成值写在同一列（拆分读取）",
        "含义：表单的指标表头没有单独的实际完成值列，一列同时写指标值和实际完成值（如「年度指标值/实际完成值」「年度目标值（实际值）」「指标值及完成情况」）。\n处理：每格写明“目标/计划…”“完成/实际…”的按所写拆分；否则按表头的写法拆分（斜杠两边、括号外与括号内，次序照表头），两边须同为数值或同为文字；拆不开的行逐行给出 table.target-and-actual-unsplit。\n修改：核对拆分是否正确；最好把这一列拆成「年度指标值」「实际完成值」两列。";
    /// A cell of a target-and-actual column that does not say which is which.
    TARGET_AND_ACTUAL_UNSPLIT = "table.target-and-actual-unsplit", Warning,
        "指标值与实际完成值拆不开",
        "含义：同时写指标值和实际完成值的一列中，这一格分不出哪是指标值、哪是实际完成值（只写了一项、斜杠两边一边是数一边是文字如 ≤50元/人、有两个以上的斜杠）。\n处理：这一行不作指标读取，其余各行照常；项目未核对，不给出总分和等级。\n修改：把这一格写成“目标：…；完成：…”，或把这一列拆成两列。";
    /// One indicator printed over two rows of a form, read as one.
    FORM_ROW_CONTINUED = "table.form-row-continued", Warning,
        "一个指标分两行书写（按一个指标读取）",
        "含义：表单中一行有三级指标名称和分值、得分，却没有指标值和实际完成值；紧接着的下一行（一级、二级指标相同）有名称的后半、指标值和实际完成值，却没有分值和得分。\n处理：两行按同一个指标读取：名称相接，分值、得分取第一行，指标值、实际完成值取第二行。分开读取时，第一行没有指标值却按原表得分算作达成。\n修改：核对这两行是否同一个指标；如不是，给第一行填上指标值和实际完成值。";
    /// A form's indicator grid printed transposed, read turned.
    FORM_TRANSPOSED = "table.form-transposed", Warning,
        "指标表横排（行列互换读取）",
        "含义：表单的指标表横排：第一列自上而下是三级指标、年度指标值、实际完成值、分值、得分等栏名，其右每一列是一个指标。\n处理：行列互换后按一般的指标表读取（单元格位置仍指向原表），并在此说明；栏中有项目名称且各列项目不同的（多个项目横排）不读取。\n修改：核对读出的各指标；最好把指标表改为每行一个指标。";
    /// A form with no grid header of its own read under the grid header of the form above.
    /// A 部门整体 form's grid with a 项目名称 column naming several projects.
    FORM_PROJECTS_COLUMN = "table.form-projects-column", Warning,
        "部门整体表的项目名称列列出多个项目",
        "含义：部门整体支出绩效自评表的指标表有「项目名称」列，各行（或合并的单元格）分属两个以上的项目，但有指标行在第一个项目名称之前，不知属于哪个项目。\n处理：按一张部门整体表读取和评分，合计按全表核对，并在此列出这些项目；各指标所属的项目在报告中没有分开。各行都写明项目时按项目分开读取（`table.form-projects-apart`）。\n修改：在每个指标行（或合并的单元格）写明所属项目。";
    /// A target form (目标表) beside the self-evaluation form of the same project in one file.
    FORM_TARGET_BESIDE = "table.form-target-beside", Warning,
        "同一文件中另有本项目的绩效目标表",
        "含义：同一文件（一个网页、一个工作簿或 Word 文件）中，既有某项目的绩效自评表，又有同名项目的绩效目标表（只有指标值，没有实际完成值和得分）。\n处理：目标表不单独作为一个项目评分（以前读作两个同名项目，一个待评定）；按自评表评分，并把目标表各指标的指标值与自评表同名指标核对，不同的逐项提示（`table.form-target-differs`）。\n修改：无需修改；指标值不同时，核对哪一个是批复的目标。";
    /// A target form's target differs from the self-evaluation's for the same indicator.
    FORM_TARGET_DIFFERS = "table.form-target-differs", Warning,
        "目标表与自评表的指标值不同",
        "含义：同一文件中本项目的绩效目标表与自评表，同一指标的指标值写得不同（如目标表 ≥1200人次，自评表 ≥1000人次）。\n处理：按自评表的指标值评分，在该指标上给出两个指标值。\n修改：核对哪一个是批复（或调整后）的目标；按批复的目标改正自评表。";
    /// A 部门整体 form's grid read apart by its 项目名称 column, a project a name.
    FORM_PROJECTS_APART = "table.form-projects-apart", Warning,
        "部门整体表按项目名称列分项目读取",
        "含义：部门整体支出绩效自评表的指标表有「项目名称」列，每个指标行（或合并的单元格，或其上方最近一行）写明所属的项目，共两个以上。\n处理：表内合计先按全表核对（不符时各项目都未核对），小计按其上各行核对（不符时只有这些行所属的项目未核对），再按项目分开读取和评分：每个项目只含写明属于它的指标行，其分值、得分和总分各自计算；部门的资金（预算执行）单列为一个以表名命名的项目。原表的合计是全部门的，不作为任何一个项目的总分。\n修改：核对各项目读出的指标；某一行归属不清的，在该行写明项目名称。";
    FORM_GRID_CARRIED = "table.form-grid-carried", Warning,
        "项目的指标沿用上方表头读取",
        "含义：一张表上叠印几个项目，后一个项目只有项目名称等标签行，其下的指标行没有自己的表头（三级指标、年度指标值等）。\n处理：按上一个项目的指标表头的各列读取这一项目的指标，作为一个单独的项目，并在此说明；以前这样的项目整个未读取，也没有提示。\n修改：核对读出的各指标；最好在每个项目的指标前印出表头。";
    /// A web page's header-only table and the table of its width after it (a framework's
    /// header and body, Element UI's `el-table__header` / `el-table__body`): read as one.
    PAGE_HEADER_BODY_JOINED = "table.page-header-body-joined", Info,
        "网页表格的表头与表体接在一起读取",
        "含义：网页中一张表格只有表头（没有数字），紧接着的一张没有表头、列数相同：网页框架（如 Element UI 的 el-table__header 与 el-table__body）常把一张表的表头和表体写成两个表格。\n处理：把两者接在一起，作为一张表读取，并在此说明（只是版面的拆分，不是推断的续表）。\n修改：无需修改；如果两张表格其实无关，只保存要读的表格。";
    /// A reading's findings of one code past those listed one by one: counted, one finding.
    FINDINGS_NOT_LISTED = "table.findings-not-listed", Warning,
        "同一种问题太多，其余只计数",
        "含义：读取一个文件时，同一种问题（同一个代码，如 table.row-too-short）已逐条列出 1000 条（JIXIAO_MAX_FINDINGS_LISTED）；多是分隔符、引号或表头不对，使其后的每一行都出错。\n处理：其余的同种问题照常处理（未读取的行照常跳过并计入跳过的行数），但不再逐条列出，只在读取结束时用这一条说明还有多少条、第一条未列出的在哪里；级别与所计的问题相同。整表读取与流式评价列出的是同样的前 1000 条：一个 10 MB 的文件曾因逐条保存五百万条问题占用近 3 GB 内存。\n修改：先改正列出的前几条问题再读取；要全部列出，提高 JIXIAO_MAX_FINDINGS_LISTED。";
    /// Text of a web page's cell a browser does not show (a zero font size, the colour of its
    /// background, off screen, clipped) or a cell whose text is all hidden or struck: not read.
    PAGE_HIDDEN_TEXT = "table.page-hidden-text", Warning,
        "网页单元格中看不到的文字没有读取",
        "含义：网页表格的单元格中有浏览器不显示的文字：字号为 0、透明（opacity:0、color:transparent）、文字颜色与背景色相同、移到屏幕之外（left:-9999px、text-indent:-9999px）、裁剪为不可见（clip），或整个单元格的文字都隐藏（visibility:hidden）、都带删除线。看到的数字与文件中的文字因此不同（如“<span style=\"font-size:0\">1</span>80人”显示为 80人）。\n处理：按浏览器显示的读取，不读看不到的文字，在单元格上给出这条警告，写出没有读取的文字；其内又设为可见（visibility:visible、另设字号、另设颜色）的部分照常读取。背景是图片、渐变或由本程序不读取的样式设定时，不按颜色判断（照常读取）。\n修改：核对原表；看不到的文字若是作废的内容请删去，若应计入请改为正常显示。";
    /// A web page's tables say they are some pages of a printed form whose other pages are not
    /// on it (`第1页 共2页` and no page 2).
    PAGE_FORM_PART = "table.page-form-part", Warning,
        "网页中只有表单的一部分页",
        "含义：网页中读取的表格（或其上方的文字）写有“第1页 共2页”这样的页码，而这个网页中没有其余各页：门户网站常把打印的表单一页一个网页发布，或只保存了其中一页。\n处理：照常读取并评分这一部分，在网页上给出这条警告，写明有哪几页、共几页：其合计和折合得分只是这一部分的，不是整张表单的。同一网页中在分页处断开、接着读取的续表不在此列。\n修改：把各页的表格放进同一个网页（或复制到一个 Excel 工作表）后再评。";
    /// A web page whose tables hold no data row, and whose scripts hold indicator data.
    TABLE_PAGE_SCRIPT_DATA = "table.page-script-data", Error,
        "网页的表格由脚本填入",
        "含义：保存的网页中没有读取到表格（或表格只有表头），而网页的脚本中有写着“指标”的数据（Vue/Nuxt 的 __NUXT__、React/Next 的 __NEXT_DATA__、type=\"application/json\" 的数据块）：表格是打开网页时由脚本填入的，网页文件本身只有空表格。\n处理：没有表格时停止并写明原因；有空表格时在网页上给出这条警告（其后的评分会因没有指标而停止）。不执行脚本，也不猜测脚本数据的列。\n修改：在浏览器中打开网页，等表格显示后另存为“单个文件”（.mhtml）再读取；或把表格复制到 Excel 后另存为 .xlsx。";
    /// A web page with no table read whose `<template>` holds indicators (a script's template).
    TABLE_PAGE_TEMPLATE = "table.page-template", Error,
        "网页的表单在脚本模板（template 元素）中",
        "含义：保存的网页中没有读取到表格，而网页的 <template> 元素中有写着“指标”的内容：<template> 是脚本的模板，浏览器不直接显示它，打开网页时由脚本把它（填入数据后）显示出来；模板中的单元格可能是占位符（如 {{ score }}），不是填报的数字。\n处理：停止并写明原因，不读取模板中的表格，也不执行脚本。网页中另有读取到的表格时，照常读取那些表格。\n修改：在浏览器中打开网页，等表格显示后另存为“单个文件”（.mhtml）再读取；或把表格复制到 Excel 后另存为 .xlsx；或向发布单位索取 Excel、Word 原件。";
    /// A web page's frames (`<iframe>`) not read: a refusal where no table was read, else a
    /// warning beside the tables read.
    TABLE_PAGE_FRAME = "table.page-frame", Error,
        "网页框架中的网页没有读取",
        "含义：网页用框架（<iframe>、<frame>）嵌入另一个网页，jixiao 没有读取其中的一个：框架指向网址（jixiao 不联网读取）、网页所在文件夹之外（..、绝对路径）、找不到的文件，框架在网页中不显示，或超出框架的限额（套三层、一个网页 16 个，文件与网页合计不超过输入大小的上限）。srcdoc 中的网页、网页所在文件夹中以相对路径指向的文件、单个文件网页（.mhtml）中保存的框架网页都会读取。\n处理：网页中没有读取到表格时停止，写明是哪个框架、为什么没有读取；网页中有读取的表格时，这一条是提示（这样的框架多是联网的地图、视频、分享按钮），其余照常读取。\n修改：在浏览器中打开框架中的网页另存后读取，或把网页连同“名称_files”文件夹一起保存后在命令行中读取。";
    /// A web page a PDF converter made (no table: each piece of text at its coordinates).
    TABLE_PAGE_PDF = "table.page-pdf", Error,
        "由 PDF 转换成的网页不能读取",
        "含义：网页是 PDF 转换工具（pdf2htmlEX、pdftohtml，或 PDF 阅读器的文字层）生成的：没有 <table>，每段文字都是按坐标（left、top、bottom）摆放的 <div>、<span> 或 <p>，表格的边框是画出的线或背景图。许多单位这样发布 PDF 格式的表格。文字属于哪一行、哪一列只能按坐标推测，单元格中折行的文字、合并的单元格都会错位，jixiao 不猜。网页的 <meta name=\"generator\"> 写明 pdf2htmlEX、pdftohtml，或有 20 段以上按坐标摆放的文字，而没有读取到表格时，判断为这样的网页。\n处理：本次运行停止，写明依据。\n修改：向发布单位索取 Excel 或 Word 原件；或在浏览器中打开网页，把表格的文字复制到 Excel 后核对各列，另存为 .xlsx 读取。";
    /// The other printed pages of a form saved as web pages beside it, read with it.
    PAGE_FILES_JOINED = "table.page-files-joined", Info,
        "分页保存的表单各页接在一起读取",
        "含义：表单打印为几页，每页保存成一个网页（门户网站常这样发布：自评表_1.html、自评表_2.html），网页旁边的文件是它的其余各页：各页写有“第N页 共M页”且总页数相同，或者（没有页码时）文件名只差页号（_1、_2）、后面各页没有自己的表头；两页都写有项目名称时须相同。\n处理：在命令行中读取网页时，按页序把各页的表格接在一起，作为一张表单读取（分页处断开的续表照常接在前表之后），分值、得分的合计和总分按整张表单核对；这一条写明各页所在的文件。缺页时仍给出 table.page-form-part 警告。最多 16 页，另看文件夹中的 32 个网页。\n修改：无需修改；如果它们不是同一张表单，把它们分开放在不同的文件夹中。";
    /// Tables read from a web page's frames: where they came from.
    PAGE_FRAME_READ = "table.page-frame-read", Info,
        "网页框架中的表格已读取",
        "含义：网页的表格在框架（<iframe srcdoc>、指向网页旁边文件或单个文件网页中保存的网页的 <iframe src>）中，浏览器把它显示在网页里。\n处理：框架中的网页按网页的一部分读取，表格名称以框架开头（如“框架1·表格1”），这一条写明各框架的来源。\n修改：无需修改。";
    // reading any input whole (actuals, rule files, parse input)
    INPUT_IO = "input.io", Error,
        "无法读取输入",
        "含义：实际值文件、规则文件或其他输入无法打开或读取。\n处理：本次运行停止（退出码 2）。\n修改：检查路径和权限。";
    INPUT_TOO_LARGE = "input.too-large", Error,
        "输入太大",
        "含义：输入超过该类输入的大小上限。\n处理：本次运行停止，不读入内存。\n修改：拆分输入，或按帮助所写提高上限。";
    TARGET_OVERFLOW = "target.overflow", Error,
        "数值超出精确范围",
        "含义：指标值中的数字大于十进制精确计算的范围（约 7.9×10²⁸），通常是误输入。\n处理：该指标值不解析（parse 输出 kind 为 error），评价时按无法比较列出；其余指标照常。\n修改：核对数字和数量级（万、亿）。";
    TARGET_TOO_LONG = "target.too-long", Error,
        "指标值太长",
        "含义：年度指标值超过可解析的长度上限（通常是误粘贴了大段文字）。\n处理：该指标值不解析，按无法解析列出；其余指标照常。\n修改：把指标值改成简短的目标（如 ≥95%），说明另写。";
    // a pile of files, folders and archives (issue 26): the file is listed, the run goes on
    PILE_FOLDER = "pile.folder", Error,
        "无法读取文件夹",
        "含义：给出的文件夹（或其子文件夹）无法列出。\n处理：该文件夹列在汇总的“未能读取的文件”中，其余照常评价，退出码 3。\n修改：检查路径和权限。";
    PILE_ZIP_BROKEN = "pile.zip-broken", Error,
        "压缩包无法读取",
        "含义：.zip 文件不是能读取的 zip 压缩包，或其中某个文件解压失败（损坏、加密或不支持的压缩方式）。\n处理：该压缩包（或该文件）列为未能读取，其余照常评价，退出码 3。\n修改：重新压缩（zip 的标准压缩方式），或解压后给出文件夹。";
    PILE_ZIP_LIMIT = "pile.zip-limit", Error,
        "压缩包超过上限",
        "含义：压缩包中的文件数、解压后的总大小或某个文件的压缩比超过上限（防止“压缩炸弹”耗尽内存）。解压的大小按实际读出的字节计算，不信压缩包自报的大小。\n处理：超限的文件（文件数超限时整个压缩包）列为未能读取，其余照常，退出码 3。\n修改：拆成几个压缩包或解压后给出文件夹；确有需要时按帮助所写的环境变量提高上限。";
    PILE_ZIP_ENTRY_ESCAPES = "pile.zip-entry-escapes", Error,
        "压缩包中的文件名指向压缩包以外",
        "含义：压缩包中的文件名含 ../、以 / 开头或带盘符，解压时会写到目标文件夹以外，这是恶意压缩包的常见手法。\n处理：拒绝读取该文件，列为未能读取，其余照常，退出码 3。\n修改：检查压缩包的来源；用正常的文件名重新压缩。";
    PILE_TOO_MANY_FILES = "pile.too-many-files", Error,
        "一次运行的文件数超过上限",
        "含义：命令行上一次运行（或网页上一次上传）读取的文件（给出的文件、文件夹中的文件和压缩包中的文件合计）超过 JIXIAO_MAX_PILE_FILES（默认 200000）个；每张表的汇总行都要保留到报告写出，文件数不设上限时内存随之增长。\n处理：超过上限的文件夹或压缩包整个不读取（列出时一到上限即停止，不把整个文件夹读入内存），命令行上超过上限的文件不读取；它们列在“未能读取的文件”中，其余照常评价，退出码 3。\n修改：分几次运行，每次给出一部分文件夹；确有需要时按帮助所写的环境变量提高上限。";
    PILE_ZIP_NESTED = "pile.zip-nested", Warning,
        "压缩包中的压缩包",
        "含义：压缩包中又有 .zip 文件。\n处理：不展开内层压缩包，列为未能读取，其余照常，退出码 3。\n修改：先解压外层压缩包，再给出里面的压缩包或文件夹。";
    PILE_NOT_A_FILE = "pile.not-a-file", Warning,
        "文件夹中的管道、套接字或设备",
        "含义：文件夹中有名字像表或实际值文件的命名管道（FIFO）、套接字、设备或指向不存在之处的链接，不是普通文件。\n处理：不打开（命名管道会一直等待写入方），在汇总的“未能读取的文件”中列出（单张表时在标准错误中警告），其余照常。\n修改：把内容存成普通文件，或直接在命令行给出它。";
    PILE_NOT_A_TABLE = "pile.not-a-table", Error,
        "不是表，也不是实际值或规则文件",
        "含义：文件既不能读成目标表、自评表或表单，也不是实际值文件或规则文件。\n处理：列为未能读取，其余照常，退出码 3。\n修改：确认文件格式，或把它移出要评价的文件夹。";
    PILE_ACTUALS_AMBIGUOUS = "pile.actuals-ambiguous", Error,
        "多个实际值文件与同一张表相符",
        "含义：汇总中有两个以上实际值文件的名称都能在同一张表中找到。\n处理：不猜用哪一个；该表列为未能读取，其余照常，退出码 3。\n修改：每张表只给出一个与之相符的实际值文件。";
    PILE_ACTUALS_UNUSED = "pile.actuals-unused", Error,
        "实际值文件与任何表都对不上",
        "含义：汇总中的实际值文件，其单位、项目和指标名称在任何一张表中都找不到。\n处理：不使用该文件，列为未能读取，退出码 3。\n修改：核对实际值文件中的 unit、project 和指标名称，或去掉这个文件。";
    // scoring
    EVAL_POINTS_NOT_100 = "eval.points-not-100", Warning,
        "分值合计不是 100 分",
        "含义：项目的分值（含预算执行率）加起来不是 100 分。\n处理：总分按实际分值显示为“44.38 / 49”，等级按折合百分制评定，并在总分旁提示；不把 49 分制的得分当作百分制评级。\n修改：核对各指标分值；确属该评分办法的分值体系，可在规则中明确。";
    /// A category's 分值 written on some rows reach or pass its points, the others left 0.
    EVAL_POINTS_OVERDRAWN = "eval.points-overdrawn", Warning,
        "已填分值用尽或超过类别的分值",
        "含义：项目的指标部分填了分值、部分没有；没填的按评分方法补足其类别余下的分值，而同类已填的分值合计已达到或超过评分方法给该类的分值（按项目实有的类别折算后）。\n处理：未填分值的指标分值为 0、不计分（已填的超过时，项目的分值合计可超过 100 分），照常计分，并在总分旁列出该类已填的分值、该类的分值和未填的指标。\n修改：为每个指标都填写分值（连同预算执行率合计 100 分），或都不填写，按评分方法分配。";
    /// A row scored 达标 whose 偏差原因 says its figure is a forecast or the work not done.
    EVAL_NOTE_NOT_FINAL = "eval.note-not-final", Warning,
        "达标的指标，偏差原因却说未完成或为预计数",
        "含义：指标按实际完成值评为达标，而同一行的偏差原因写明“预计数”“尚未完成”“未验收”等：实际值可能不是年终的实际结果。\n处理：照实际值计分，在该指标旁列出偏差原因中的这句话，请人工核对。\n修改：填写年终实际完成值；确已完成的，改写偏差原因。";
    EVAL_POINTS_RESCALED = "eval.points-rescaled", Info,
        "规则的分数随分值折算",
        "含义：表中没有分值，方法的类别分值按项目实有的类别折算为 100 分制（或不适用的指标的分值分给其余指标），这一行按折算后的分值计分；规则里的绝对分（deduct 的 points、分档的 points、bonus）和实际值里写的“8分”是方法原来分制上的分数。\n处理：这些分数按同一比例换算（说明里写明，如“扣2分（按30分制）= 2.67”），不把方法分制上的分数直接从折算后的分值里扣。\n修改：无需修改；要按方法自己的分值显示，在表中写出各指标的分值。";
    EVAL_BONUS = "eval.bonus", Info,
        "总分含加分",
        "含义：规则的加分（bonus）让某些指标的得分超过了分值，项目总分因此可以超过分值合计（如 101.50 / 100）。\n处理：每条加分规则一行至多加它的 max 分，加了多少写在该指标的说明和总分旁。\n修改：无需修改；加分的规则在规则文件中（jixiao rules explain bonus）。";
    EVAL_GRADE_SHARE_OUTSIDE = "eval.grade-share-outside", Warning,
        "等级所写比例超出该等级的区间",
        "含义：定性指标写成“部分达成(85%)”，但 85% 不在“部分达成”的比例区间（默认 60%–80%）内。\n处理：按所写比例计分，并在总分旁提示。\n修改：改写等级或比例，使二者一致；或在规则中调整该等级的 min_share / max_share。";
    EVAL_NO_ACTUALS = "eval.no-actuals", Error,
        "表中没有任何实际完成值",
        "含义：给出的表没有一个实际完成值，也没有给出实际值文件（例如只有目标表，或还没填写的自评表）。\n处理：不评分（否则每个项目都是 0.00 分、等级差，并不是评价结果），本次运行停止（退出码 2）；网页上改为提供填报用的自评表下载。\n修改：jixiao template 表 -o 自评表.xlsx 生成填报用的自评表，填写后评分；或 jixiao template 表 -o 实际值.yaml 生成实际值文件，与表一起评分。";
    EVAL_ACTUALS_MATCH_NOTHING = "eval.actuals-match-nothing", Error,
        "实际值文件与表一个也对不上",
        "含义：给出的实际值文件中，没有一个项目（或没有一个指标）能在表中找到：单位、项目或指标名称与表不一致。名称已在去掉全角/半角、空格、括号写法（（）与 ()）和开头的预算编码（[610001]、219001-）之后比较。\n处理：不评分（否则每个项目都是 0.00 分、等级差，并不是评价结果），本次运行停止（退出码 2），并列出表中最接近的名称。只有部分对不上时照常评分，对不上的条目作为 actuals.unmatched 列在每种报告格式的开头。\n修改：按提示改正实际值文件中的 unit、project 和指标名称；或用 jixiao template 表 -o 实际值.yaml 重新生成实际值文件再填写。";
    /// A budget execution rate past ten times the budget, under a thousandth of it, or below 0.
    EVAL_EXECUTION_IMPLAUSIBLE = "eval.execution-implausible", Warning,
        "预算执行率不合常理",
        "含义：全年执行数超过全年预算数的 10 倍，或不到它的千分之一（执行率高于 1000% 或低于 0.1%）。这多是预算数和执行数写成了不同的金额单位（元与万元相差一万倍）；全年执行数为负数，多是符号或栏目填错。\n处理：执行率高于 1000% 或低于 0.1% 时不计分：预算执行的分值待评定（总分注明待评定的分值），说明栏给出两种读法（按所写，和按元与万元换算）；全年执行数为负数时照常计分（按 0 计），并列出此项。\n修改：核对全年预算数和全年执行数的数值与金额单位，统一后再评分。";
    EVAL_OUT_OF_RANGE = "eval.out-of-range", Error,
        "计算超出数值范围",
        "含义：全年执行数 ÷ 全年预算数超出可精确计算的十进制范围（如预算数 1e-28、执行数很大，多见于实际值文件中写错的金额）；或规则的分数（分档的 points、deduct、bonus）按指标分值折算后超出这个范围（分值极大而方法的分值极小）。\n处理：预算执行率不给出，预算执行的分值待评定；规则的分数无法折算的指标待评定（不计 0 分，也不中止运行）。\n修改：核对预算数和执行数的数值与单位；核对表中的分值和规则中的分数。";
    EVAL_PROJECT_NOT_FILLED = "eval.project-not-filled", Warning,
        "项目没有填写任何实际完成值",
        "含义：表中其他项目已填写，这个项目的每个指标都缺实际完成值，也没有全年执行数。\n处理：照常计分（各指标为缺实际值、得 0），总分旁注明 0.00 不是评价结果。\n修改：填写该项目的实际完成值和全年执行数；本年度不评价的项目，把指标标为不适用（not_applicable: true，或在表单中写“不适用”）。";
    EVAL_LATENESS_UNMEASURED = "eval.lateness-unmeasured", Warning,
        "无法计算延迟了多少",
        "含义：规则按延迟天数、月数或计划时间的比例扣分，但实际完成值没有写出能比较的完成日期（如只写“已完成”“是”，或只写到月份而目标到日）。\n处理：该指标待人工评定，分值计入待评定，不猜测按期与否；此项列在项目总分旁。\n修改：在实际完成值中写明完成日期，如“2023年7月10日完成”，或写“按期完成”。";
    EVAL_UNIT_UNRECONCILED = "eval.unit-unreconciled", Warning,
        "规则的步长或分档界限与指标的单位无法核对",
        "含义：规则（deduct 的 per、beyond，tiers 的界限）写的数量无法换算到该指标的单位：单位不同且不能换算（如按“天”扣分而指标是百分比），或按目标值的百分比计而目标值为 0（如目标“≤0”、实际值也未写单位）。目标值为 0 时，按实际值的单位读取（≤0 对 4% 即 ≤0%），只有实际值也没有单位时才无从换算。\n处理：该指标待人工评定，分值计入待评定，不按满分也不按 0 分计；此项列在项目总分旁。\n修改：在实际完成值中写明单位（如 4%），或把规则的步长、界限写成与指标相同的单位。";
    /// `1.200人`: a period before groups of three digits in a count of whole things.
    EVAL_PERIOD_THOUSANDS = "eval.period-thousands", Warning,
        "计数的实际值中的小数点可能是千位分隔符",
        "含义：人、个、次、户等只能是整数的计数，实际完成值却写成“1.200人”“12.500个”（小数点后恰好三位一组）：在以逗号作小数点的写法中，点是千位分隔符（1200人），按小数读则是 1.2 人。\n处理：不猜测，该指标待人工评定，分值计入待评定，并在指标旁写明两种读法。\n修改：写成不带分隔符的整数（1200人）或用逗号作千位分隔符（1,200人）。";
    /// `二级以上` against `一级`: a grade scale's order is the field's (一级 best, or 三级 highest).
    EVAL_GRADE_ORDER = "eval.grade-order", Warning,
        "等级的高低方向未知",
        "含义：目标值和实际完成值是“几级”的等级（二级以上、一级），而等级的高低因领域而异：空气质量、安全生产标准化、公路等以一级为最高，医院等以三级为最高。按数字大小比较和按“一级最高”比较，结论相反。\n处理：两种读法结论相同时照常计分（如实际值与目标同级）；结论不同时不猜测，该指标待人工评定，分值计入待评定，并在指标旁写明两种读法。\n修改：把目标写成不依赖方向的形式（如“一级或二级”“达到二级”写明“二级及更高（一级）”），或按原表得分人工评定。";
    /// `-8%` against `降幅5%以内`: a fall of 8%, or a negative fall (a rise)?
    EVAL_FALL_SIGN = "eval.fall-sign", Warning,
        "限定降幅的指标，实际值带负号",
        "含义：指标限定下降的幅度（降幅5%以内、下降率≤5%、成本降低5%以上），实际完成值却写成负数（-8%）：负号可能表示“下降了 8%”（幅度 8%），也可能是数学上的负下降率（即上升）。两种读法结论相反。\n处理：两种读法结论相同时照常计分（如 -3% 对“5%以内”）；结论不同时不猜测，该指标待人工评定，分值计入待评定，并在指标旁写明两种读法。\n修改：实际完成值写下降的幅度（8%）而不带负号，或写明“下降8%”“上升8%”。";
    /// `12月底前` with no year known, against `2024年1月15日`: on time or late by the year.
    EVAL_DEADLINE_YEAR_UNKNOWN = "eval.deadline-year-unknown", Warning,
        "时限未写年份，完成日期是否逾期取决于预算年度",
        "含义：目标是没有年份的时限（12月底前、9月30日前），表名、实际值文件和 --year 都没有给出年度，实际完成值却写了带年份的日期（2024年1月15日）。目标的年份是预算年度：若与完成日期同年则按期，若是前一年则逾期，两种读法结论相反。\n处理：两种读法结论相同时照常计分（如完成月份晚于时限）；结论不同时不猜测，该指标待人工评定，分值计入待评定，并在指标旁写明两种读法。\n修改：用 --year（网页上的“年度”）指定预算年度，或在目标中写明年份（2023年12月底前）。";
    /// A form's printed grade (`自评等级 良`) that its printed total (97.67) does not give.
    EVAL_GRADE_PRINTED = "eval.grade-printed", Warning,
        "原表等级与原表总分不符",
        "含义：表单打印的自评等级（良）不是它打印的总分（97.67）按评分方法的等级标准所得的等级（优），表单的两个数必有一处写错（或该单位用了另一套等级标准）。\n处理：照常复核计分，jixiao 的等级按复核总分评定；在项目旁给出此项警告，写明原表的总分、等级和按方法应得的等级。只在表单分值合计为 100 分时比较；“合格”等方法未列的等级词不比较。\n修改：核对原表的总分和自评等级；如该单位的等级标准不同，在规则文件中写明等级分段（band）。";
    /// `4.6分` against the qualitative `测评得分4.5分以上`: the figure measured or the points earned?
    EVAL_POINTS_OR_FIGURE = "eval.points-or-figure", Warning,
        "实际值的“分”可能是测得的分数而不是得分",
        "含义：定性指标的目标自己写有分数（测评得分4.5分以上、不低于90分），实际完成值也写成“几分”（4.6分）：它可能是测得的分数（5分制的 4.6 分，达到目标），也可能是该指标的得分（10 分中的 4.6 分，得分比例 46%）。两种读法结论相反。\n处理：不猜测，该指标待人工评定，分值计入待评定，并在指标旁写明两种读法。\n修改：把目标写成可比较的形式（≥4.5分），实际完成值写测得的分数；或在实际值中写等级或得分比例（达成、部分达成(75%)）。";
    /// `2023年第三季度前` against a date in that quarter: before the quarter, or by its end?
    EVAL_PERIOD_BEFORE = "eval.period-before", Warning,
        "时限“某季度前”可读作季度开始前或季度结束前",
        "含义：目标把时限写成季度或半年再加“前”（2023年第三季度前、下半年以前），没有写“末”“底”“结束”：可读作该季度开始之前（7月前），也可读作该季度结束之前（9月底前），实际完成日期在该季度之内时两种读法结论相反（与“12月前”对某月内日期的处理相同）。\n处理：两种读法结论相同时照常计分（如完成日期在季度之前或之后）；结论不同时不猜测，该指标待人工评定，分值计入待评定，并在指标旁写明两种读法。\n修改：把目标写成“2023年9月底前”“第三季度末前”或“7月1日前”。";
    /// `5-3万元`: a range whose low end is above its high end (no figure lies in it as written).
    EVAL_RANGE_REVERSED = "eval.range-reversed", Warning,
        "目标区间的下限大于上限",
        "含义：年度指标值是区间，前一个数却大于后一个数（5-3万元、100%-90%、3万-5千元）：按所写读，没有任何实际值落在区间内，可能是两端写反了，也可能是某一端的数或单位写错了（3万-5千元是 3万-5万元 还是 3千-5千元）。\n处理：不猜测所指的区间，有数值实际值的该指标待人工评定，分值计入待评定，并在指标旁写明两端。\n修改：把区间写成小数在前（3-5万元、90%-100%），两端各写明单位。";
    /// `较上年提高5%` of a rate (上年 80%): 84% (5 % of it) or 85% (5 points)?
    EVAL_RATE_CHANGE = "eval.rate-change", Warning,
        "比率的变化幅度可读作百分比或百分点",
        "含义：相对指标以百分数写变化（较上年提高5%），上年实际值也是百分比（80%）：5% 可以是上年比率的 5%（目标 84%），也可以是 5 个百分点（目标 85%），两种读法对实际值的结论相反。\n处理：两种读法结论相同时照常计分（按上年的百分比）；结论不同时不猜测，该指标待人工评定，分值计入待评定，并在指标旁写明两种读法。\n修改：把目标写成“较上年提高5个百分点”或“较上年增长5%（即 84%）”，或直接写出目标比率（≥85%）。";
    EVAL_BUDGET_NOT_POSITIVE = "eval.budget-not-positive", Warning,
        "全年预算数为 0 或负数",
        "含义：项目的全年预算数不大于 0，无法计算预算执行率。\n处理：预算执行率的分值待人工复核，其他指标照常计分。\n修改：核对全年预算数。";
    REPORT_WRITE = "report.write", Error,
        "写出报告失败",
        "含义：报告写到文件或管道时出错（磁盘已满、没有写权限、管道被关闭等）。\n处理：本次运行停止（退出码 2）；写文件时先写临时文件再改名，原有的同名文件不会被写坏。\n修改：检查输出路径、磁盘空间和权限，或换一个 -o 路径。";
    REPORT_XLSX_TOO_LARGE = "report.xlsx-too-large", Error,
        "报告超过 Excel 工作表的行列上限",
        "含义：报告超过 Excel 工作表 1048576 行、16384 列的上限，无法写成 xlsx。\n处理：不写 xlsx，本次运行停止（退出码 2），原有的同名文件不变。\n修改：改用 --format csv 或 jsonl，或按单位拆分目标表分别评价。";
    REPORT_XLSX_CELL_TOO_LONG = "report.xlsx-cell-too-long", Error,
        "单元格超过 Excel 每格的字符上限",
        "含义：报告中有单元格超过 Excel 每格 32767 个字符的上限（通常是表中误粘贴了大段文字）。\n处理：不写 xlsx，本次运行停止（退出码 2），原有的同名文件不变。\n修改：改用 --format csv 或 jsonl，或缩短表中那段文字。";
    STREAM_PROJECT_SPLIT = "stream.project-split", Warning,
        "同一项目的行不连续",
        "含义：流式评价（大表逐行评价）时，一个项目的行在别的项目之后再次出现（一个项目超过分段上限或隔着很长一段空行时是分段评分，见 stream.project-cut）。\n处理：两段分别作为两个项目评分，并列出此项。\n修改：按项目排序后再评价，或用 --no-streaming 整表评价。";
    /// A project streamed in parts: past `JIXIAO_MAX_STREAM_PROJECT_MB`, or resumed after a
    /// long run of blank rows; each part is named beside its figures.
    STREAM_PROJECT_CUT = "stream.project-cut", Warning,
        "项目分段评分",
        "含义：流式评价（大表逐块评价）时，一个项目的行超过整体读入一个项目的上限（JIXIAO_MAX_STREAM_PROJECT_MB，默认 32 MB），或中间隔着很长一段空行（超过 256 KB），只能分段读入。\n处理：各段分别评分，每段的结果旁都列出此项：一段的得分、总分不是整个项目的；原表的总分行与整个项目各行之和核对。\n修改：用 --no-streaming 整表评价，或调高 JIXIAO_MAX_STREAM_PROJECT_MB，或删去项目中间的空行。";
    OUTPUT_STALE_TEMPORARY = "output.stale-temporary", Info,
        "之前中断的运行留下的临时文件",
        "含义：报告先写到报告旁的隐藏临时文件（.名称.XXXXXX.jixiao-tmp），写完才改名替换；运行被强行结束（kill -9、断电）时它会留下。Ctrl-C 和 SIGTERM 会先删除它。\n处理：下次写同名报告时，一小时未动的这类文件被删除，较新的只列出（可能另一次运行仍在写）。\n修改：确认没有别的运行在写同一报告后，可以删除列出的文件。";
    ACTUALS_ENCODING = "actuals.encoding", Error,
        "实际值文件不是 UTF-8 文本",
        "含义：实际值文件（顶层有 projects: 的 YAML）不是 UTF-8 编码，读出的单位、项目和指标名称会是乱码。\n处理：单个表评价时本次运行停止（退出码 2）；汇总中该文件列为未能读取，其余照常，退出码 3。\n修改：用文本编辑器另存为 UTF-8。";
    REPORT_XLSX_TOO_MANY = "report.xlsx-too-many", Error,
        "报告的项目或指标太多，不生成 xlsx",
        "含义：xlsx 报告每个项目一张工作表，每张工作表生成后压缩保存，整本在内存中写成（每个项目约 25 KB）；项目数超过 JIXIAO_MAX_XLSX_PROJECTS（默认 10000）或指标数超过 JIXIAO_MAX_XLSX_INDICATORS（默认 200000）时不生成。\n处理：不写 xlsx，本次运行停止（退出码 2），原有的同名文件不变；网页上 xlsx 下载标为太大，其余照常。\n修改：改用 --format csv 或 jsonl（逐行写出，内存不随表格增长），或按单位拆分表格分别评价；确有需要时提高上述环境变量。";
    REPORT_XLSX_CELL_CUT = "report.xlsx-cell-cut", Warning,
        "单元格超过 Excel 每格的字符上限，xlsx 中已截断",
        "含义：表中某格文字（指标名、指标值、实际完成值、偏差原因、项目名称等）超过 Excel 每格 32767 个字符的上限（通常是误粘贴了大段文字）。\n处理：xlsx 报告中该格保留前 30000 字并注明已截断，该行的说明列（项目层面的文字则在表下注）列出此项；其他格式（csv、json、html 等）保留全文，评分不受影响。\n修改：缩短表中那段文字；需要全文时用 --format csv 或 json。";
    STREAM_SEEN_UNSURE = "stream.seen-unsure", Warning,
        "流式评价的单位、项目记录读不回来",
        "含义：流式评价为了内存不随表的大小增长，把已写出的单位、项目记录（各 8 字节的散列）暂存到临时目录的文件中；其中一部分没能读回。\n处理：读不回的记录当作未出现过：汇总中的单位数可能偏多，不连续出现的项目（stream.project-split）可能未被指出；各指标的评分不受影响。\n修改：检查临时目录（TMPDIR）所在磁盘，或用 --no-streaming 整表评价。";
    /// A form's approval row (`财政部门…审核意见 (盖章)`, `主管部门审核意见`): a place for a
    /// department's opinion and seal, not a category and not an indicator.
    FORM_APPROVAL_ROW = "table.form-approval-row", Info,
        "审核意见栏",
        "含义：表单末尾的审核意见栏（如“财政部门…审核意见 (盖章)”“主管部门审核意见”），留给审核部门签署意见、盖章。\n处理：不作为指标，也不作为指标类别；该行不计入指标。\n修改：无需修改。";
    // what was added with the registry: codes that were published without an entry
    /// An entry of an actuals file that matches nothing in the table.
    ACTUALS_UNMATCHED = "actuals.unmatched", Warning,
        "实际值文件中的条目在表中找不到",
        "含义：实际值文件中这一条的单位、项目或指标名称在表中找不到（名称已在去掉全角/半角、空格、括号写法和开头的预算编码之后比较）。\n处理：这一条的实际值不计入评分，其余照常评分；对不上的条目列在每种报告格式的开头，并给出表中最接近的名称。\n修改：按提示改正实际值文件中的 unit、project 和指标名称。";
    /// A project an actuals file gives twice (or more often than the table has it): the extra
    /// entries are not used.
    ACTUALS_DUPLICATE = "actuals.duplicate", Warning,
        "实际值文件中同一项目或指标写了两次",
        "含义：实际值文件中有两条（或更多）单位和项目名称相同的条目，而目标表中这个项目只有一个（或比条目少）；或同一项目下同一指标（名称和序号相同）写了两条。对指标：能按序号或先后区分时用其中一条，其余不计入；无法区分（同名且没写序号）时都不计入，该指标按缺实际值处理；都列出各条的实际值。\n处理：表中第一个这样的项目用文件中第一条，第二个用第二条，依此类推；多出的条目不计入评分，也不与已用的那一条合并（两条的数字不一致时，哪一条对要由填表人决定），在每种报告格式的开头列出，并指出已用的是哪一行。不再误报为“在表中找不到”（actuals.unmatched）。\n修改：把同一项目的数字写在一条中（指标都列在一个 indicators 下），删去重复的一条。";
    /// A quote opening a cell was read as text: it never closes in its cell, or it would
    /// close past lines that read as rows.
    STRAY_QUOTE = "table.stray-quote", Warning,
        "单元格开头的引号按普通文字读取",
        "含义：csv / tsv 文件中一个单元格以半角双引号 \" 开头，但引号没有在本单元格内闭合；或者与它配对的引号在几行之后，中间的文字含有分隔符（制表符，或 csv 中两个以上不是千位分隔的逗号），像是表格的几行而不是一个多行的单元格；或者在其后 1000 行（JIXIAO_MAX_QUOTED_LINES）内没有闭合。Excel 会把引号之间的所有行读成一个单元格，吞掉这些行，把它们所在的项目拆成两半。\n处理：这个引号按普通文字读取（留在单元格的文字中），其后的每一行照常逐行读取；提示给出引号所在的行和列。\n修改：删去多余的引号；若确是多行的单元格，去掉其中的分隔符，或在 Excel 中另存为 xlsx 再读取。";
    /// A workbook's number format scales the figure it shows (`#,##0,`): the figure shown is read.
    DISPLAY_SCALED = "table.display-scaled", Warning,
        "单元格的数字格式按千位缩放显示",
        "含义：工作簿中这个单元格的数字格式以逗号结尾（如 #,##0, 或 0.0,,），按千（或百万、十亿）为单位显示数字：存 1234567，显示为 1,235。\n处理：按显示值读取（1235），与表格上看到的一致；消息写出单元格存的值。显示值的单位（千元？）由表格说明，格式本身不说，请核对。\n修改：在单元格中写入按表头单位计的数值并去掉格式末尾的逗号，或在指标值中写明单位。";
    /// A workbook's number format shows a negative number without its minus (`0;0`): read as shown.
    DISPLAY_UNSIGNED = "table.display-unsigned", Warning,
        "单元格的数字格式不显示负号",
        "含义：工作簿中这个单元格存的是负数，但数字格式的负数部分（分号后的第二段，如 0;0 或 0;[Red]0）不写负号也不加括号，表格上显示为正数：存 -5，显示为 5。\n处理：按显示值读取（5），与表格上看到的一致；消息写出单元格存的值。负数段写了负号（0;-0）或会计用的括号（0;(0)）的，按负数读取，不列此项。\n修改：核对这个数应为正还是负；应为负数的，把格式的第二段改为 -0 或 (0)。";
    /// A workbook's number format hides a value (an empty section, `;;;`): read as empty.
    DISPLAY_HIDDEN = "table.display-hidden", Warning,
        "单元格的数字格式隐藏了它的值",
        "含义：工作簿中这个单元格有值，但数字格式用于它的那一段是空的（如 ;;; 隐藏一切，0;; 隐藏负数和零），表格上看不到。\n处理：按空单元格读取（与表格上看到的一致，不当作它存的值），消息写出单元格存的值。\n修改：这个值若要参与评价，去掉隐藏它的格式；否则删去这个值。";
    /// A workbook's number format shows literal text in place of the value (`0;-0;"-"`): the value is read.
    DISPLAY_LITERAL = "table.display-literal", Warning,
        "单元格的数字格式显示文字而不是数值",
        "含义：工作簿中这个单元格的数字格式用于它的那一段只有文字、没有数字位（如 0;-0;\"-\" 把 0 显示为 -，会计格式把 0 显示为 -，#,### 把 0 显示为空白；文本段 \"文本\" 不显示单元格的文字）。\n处理：按单元格存的值读取（0 读作 0，不当作区间或“未填”），消息写出表格上显示的文字。\n修改：核对显示的文字与存的值是否一致；不一致的，在单元格中写入要表达的值。";
    /// A workbook's number format could not be followed (a condition that does not read, no section for the value): the value is read.
    DISPLAY_UNFOLLOWED = "table.display-unfollowed", Warning,
        "单元格的数字格式未能照样显示",
        "含义：工作簿中这个单元格的数字格式带条件（如 [>100]0.0,\"万\";0）而 jixiao 不能确定 Excel 怎样显示它：条件无法读取，没有一段的条件适用于这个值（Excel 显示为 ####），负数由条件选用的格式段显示（是否带负号不能确定），或这个值所用的一段是日期、分数或科学计数格式；OpenDocument 表格（.ods）中没有自己样式的单元格按所在行的默认样式读取（ODF 的规定），而 LibreOffice 按列的默认样式显示，两者读出的不同。\n处理：按单元格存的值读取（至多 15 位有效数字），不按格式（行的默认样式一项按行的样式读取）；消息写出原因。\n修改：核对表格上显示的值；需要时在单元格中直接写入要表达的数值。";
    /// A workbook's percent format on a value that cannot be a fraction (96 in `0.0%` shows `9600.0%`): read as shown.
    PERCENT_FORMAT_WHOLE_NUMBER = "table.percent-format-whole-number", Warning,
        "百分比格式的单元格存的像是百分数本身",
        "含义：工作簿中这个单元格的数字格式是百分比（如 0% 或 0.0%），会把存的值乘以 100 显示；而它存的值按格式显示超过 150%（存的值大于 1.5，如存 96 显示为 9600.0%），更像是在百分比格式的单元格里直接填了百分数（96 表示 96%），而不是小数 0.96。\n处理：按表格上显示的值读取（9600.0%），与 Excel、WPS 显示的一致，不猜测填表人的本意；消息写出单元格存的值，请人工核对这一行的评分。实际完成值的指标值是百分数时按它判断：显示值与指标值相差不到 3 倍的（如执行率存 1.6 显示 160%、指标值 ≥90%）是实际比率，只给提示；存的值与指标值相差不到 3 倍的（存 96、指标值 ≥90%）是填了百分数本身，给出警告；两者都不是或都是的，以及其他显示不到 1000% 的单元格，警告写为存疑（可能是实际比率，也可能是百分数本身）。\n修改：确为 96% 的，在单元格中填 0.96（或填 96% 让 Excel 自己换算）；确实超过 150% 的，核对无误即可。";
    /// A workbook cell in a time-only format (`h:mm`, `[h]:mm`, `mm:ss`): read as shown; a
    /// duration where the indicator's target is one.
    DISPLAY_TIME = "table.display-time", Info,
        "单元格是时间格式",
        "含义：工作簿中这个单元格的数字格式只显示时间（h:mm、[h]:mm、mm:ss、h\"时\"mm\"分\" 等），存的是以天计的数（0.5 显示为 12:00）。\n处理：按表格上显示的文字读取（12:00，不再读作 1899-12-31T12:00）；这一行的指标值是时长（写有秒、分钟、小时）时，实际完成值按显示的时长换算为指标值的单位读取（12:00 读作 12小时，0:25 读作 25分钟，00:04 读作 4秒），消息写出单元格存的值。h:mm 不显示整天（存 1.5 显示 12:00），按显示的读取；带上午/下午的是时刻，不换算。\n修改：核对显示的时长；需要时在单元格中直接写入带单位的时长（如 12小时）。";
    /// An actuals file that does not read (YAML syntax, shape, limits).
    ACTUALS_PARSE = "actuals::parse", Error,
        "实际值文件无法读取",
        "含义：实际值文件不是能读取的 YAML（语法错误、结构不对、嵌套过深或别名过多），消息给出行和列。\n处理：单个表评价时本次运行停止（退出码 2）；汇总中该文件列为未能读取，其余照常。\n修改：按消息所指的行改正；实际值文件的格式见 jixiao template 表 -o 实际值.yaml 生成的模板。";
    /// A file of a pile that was not read, for a reason with no code of its own.
    PILE_UNREAD = "pile.unread", Error,
        "汇总中的文件未能读取",
        "含义：汇总中的这个文件没有读取，原因见消息。\n处理：该文件列在汇总的“未能读取的文件”中，其余照常评价，退出码 3。\n修改：按消息改正该文件，或把它移出要评价的文件夹。";
    /// The fill-in workbook could not be written.
    OUTPUT_XLSX = "output.xlsx", Error,
        "填报用的工作簿无法生成",
        "含义：jixiao template 生成填报用的自评表（.xlsx）时超过 Excel 的上限（如某格超过 32767 个字符）或写出失败。\n处理：不写出工作簿，本次运行停止（退出码 2）。\n修改：按消息缩短表中那段文字，或改用 jixiao template 表 -o 实际值.yaml 生成实际值文件（没有这些上限）。";
    /// A canonical target (the printed form `>= 95 %`) that does not read.
    LANG_CANONICAL = "lang::canonical", Error,
        "规范式无法读取",
        "含义：按规范式读取的目标（如 jixiao parse --canonical、规则文件中的目标）写得不合规范式的写法，标注指出哪一处。\n处理：该目标不读取，消息说明应当怎样写。\n修改：按帮助改写，例如 `>= 95 %`、`[90, 95] %`、`<= 2023-06`、\"定性目标\"。";
    /// A rule file that is not valid YAML.
    RULES_YAML_SYNTAX = "rules::yaml-syntax", Error,
        "规则文件不是有效的 YAML",
        "含义：规则文件的 YAML 语法有误（缩进、冒号、引号不配对等）。\n处理：该规则文件不读取，本次运行停止；jixiao rules check 列出每处错误的行和列。\n修改：按标注的位置改正语法。";
    /// A rule file that is YAML but not of the rule file's shape.
    RULES_SHAPE = "rules::shape", Error,
        "规则文件的结构不对",
        "含义：规则文件是 YAML，但不是规则文件的结构（顶层应有 rules: 列表，每条规则是一个映射）。\n处理：该规则文件不读取，本次运行停止。\n修改：对照 docs/rules.md 的示例改写结构。";
    /// A key no rule has.
    RULES_UNKNOWN_KEY = "rules::unknown-key", Error,
        "规则中有不认识的字段",
        "含义：规则中有 jixiao 不认识的字段（常见于拼写错误，如 indicater）。\n处理：该规则文件不读取，帮助中给出最接近的字段名。\n修改：改用正确的字段名；全部字段见 jixiao rules explain。";
    /// A value of the wrong type or outside its choices.
    RULES_BAD_VALUE = "rules::bad-value", Error,
        "规则字段的值不对",
        "含义：字段的值类型不对，或不在可选的值之内（如 direction: up）。\n处理：该规则文件不读取。\n修改：按帮助所列的可选值改写。";
    /// A rule without `id`.
    RULES_MISSING_ID = "rules::missing-id", Error,
        "规则没有 id",
        "含义：一条规则没有 id 字段。\n处理：该规则文件不读取。\n修改：给规则加上唯一的 id（如 audit.response-time.higher）。";
    /// Two rules of one file with the same id.
    RULES_DUPLICATE_ID = "rules::duplicate-id", Error,
        "同一文件中两条规则的 id 相同",
        "含义：同一个规则文件中有两条规则用了同一个 id，不知以哪一条为准。\n处理：该规则文件不读取。\n修改：改用不同的 id；要覆盖默认规则，在自己的文件中写同一 id 一次。";
    /// A `when:` or `require:` expression that does not read.
    RULES_EXPRESSION = "rules::expression", Error,
        "条件表达式无法读取",
        "含义：when: 或 require: 的表达式写得不对（未知的字段、缺引号、括号不配对等）。\n处理：该规则文件不读取，标注指出哪一处。\n修改：按帮助改写；文字要写在引号里，如 indicator ~ \"响应时间\"。";
    /// A rule that decides nothing, or two things.
    RULES_DECISION = "rules::decision", Error,
        "规则没有决定或决定了两件事",
        "含义：一条规则没有写它决定什么（direction、category、weight、method 等），或一条规则写了两件互不相关的决定。\n处理：该规则文件不读取。\n修改：每条规则写一个决定；两件事写成两条规则。";
    /// `disable` or a partial override of an id no earlier file defines (a warning).
    RULES_UNKNOWN_ID = "rules::unknown-id", Warning,
        "停用或覆盖的 id 不存在",
        "含义：disable: true 或只改部分字段的规则，其 id 在之前读取的规则中没有（常见于拼写错误）。\n处理：这条规则不起作用，其余照常（警告）。\n修改：核对 id 的拼写（jixiao rules list 列出全部规则的 id）。";
    /// A rule file that could not be read.
    RULES_IO = "rules::io", Error,
        "规则文件无法读取",
        "含义：规则文件不存在、没有读取权限，或不是 UTF-8 文本。\n处理：本次运行停止（退出码 2）。\n修改：检查路径和权限；规则文件请以 UTF-8 保存。";
    /// More rules than the limit.
    RULES_TOO_MANY = "rules::too-many", Error,
        "规则太多或嵌套太深",
        "含义：规则文件中的规则数、或 YAML 的嵌套深度超过上限（防止构造的文件耗尽内存）。\n处理：该规则文件不读取，本次运行停止。\n修改：拆分规则文件，或按帮助所写的环境变量提高上限。";
    /// Grade bands whose scores contradict the order of their names.
    RULES_BAND_ORDER = "rules.band-order", Error,
        "等级的最低分与等级次序颠倒",
        "含义：band 规则中，名称有高低的等级（优 > 良 > 中 > 差，及优秀、良好、合格、不合格等）的 min_score 没有随之由高到低，如 优 80、良 90，或两个等级的最低分相同。照写的分数评级，92 分会评为“良”、85 分评为“优”。\n处理：该规则文件不读取，错误指出后写的那条规则的 min_score。\n修改：让高的等级有更高的 min_score（如 优 90、良 80）；覆盖默认等级时，相关的几条一起改。";
    /// More rules tried for one indicator than the limit (`rules::prefilter`).
    RULES_TOO_MANY_TRIES = "rules.too-many-tries", Error,
        "对一个指标要尝试的规则太多",
        "含义：规则文件中同一种决定（如 direction）的规则很多，且它们的条件无法按文字预先筛选（不含固定文字的正则表达式、数量比较、not），对某个指标要尝试的规则条件超过上限（JIXIAO_MAX_RULE_TRIES）。\n处理：本次运行停止（退出码 2），不输出残缺的报告；错误中写出第一个超限的指标。\n修改：让条件含固定文字（indicator ~ \"满意度\"、category == \"产出指标\"），合并相近的规则，或按帮助所写的环境变量提高上限。";
    /// More rules that every indicator must try than the limit (`rules::prefilter`).
    RULES_TOO_MANY_UNFILTERED = "rules.too-many-unfiltered", Error,
        "每个指标都要逐条尝试的规则太多",
        "含义：规则的 when 条件不含能按文字预先筛选的部分（not、数量比较如 target > 100%、不含固定文字的正则表达式、没有 when），每个指标都要逐条尝试；这样的规则（内置规则与各规则文件合计）超过上限（JIXIAO_MAX_UNFILTERED_RULES），表越大越慢。\n处理：读取规则时即停止（退出码 2），不读表；错误指向第一条这样的规则。\n修改：让条件含固定文字（indicator ~ \"满意度\"、category == \"产出指标\"），合并相近的规则，或按帮助所写的环境变量提高上限。";
    /// Errors of rule files past those shown in full, counted in one line.
    RULES_ERRORS_NOT_SHOWN = "rules.errors-not-shown", Info,
        "规则文件的其余错误未逐条显示",
        "含义：规则文件的错误和警告超过完整显示的条数（JIXIAO_MAX_ERRORS_SHOWN，默认 100），其余的只计数，在最后一行说明。\n处理：与全部显示时相同：有错误的规则文件不读取，本次运行停止（退出码 2）；rules check --format json 和网页的回答中 counts 仍是全部条数。\n修改：先改正显示出的错误（后面的常是同一个原因），再运行 jixiao rules check；要看全部，提高 JIXIAO_MAX_ERRORS_SHOWN。";
    /// Every error and warning of one rule file, together.
    RULES_FILE = "rules::file", Error,
        "规则文件有错误",
        "含义：规则文件有一处或多处错误；每处错误以自己的代码（rules::unknown-key 等）列在其下。\n处理：有错误的规则文件不读取，本次运行停止（退出码 2）。\n修改：用 jixiao rules check 文件 查看每处错误的行和列，逐一改正。";
    // the local page and its HTTP API (`jixiao serve`): the request is answered with the code
    WEB_TOO_LARGE = "web.too-large", Error,
        "上传的文件太大",
        "含义：上传的内容超过上传大小的上限。\n处理：不处理这次上传（413）。\n修改：按单位拆分后分别上传，或用命令行处理；启动时可用 --max-upload-mb 放宽。";
    WEB_STALLED = "web.stalled", Error,
        "上传没有进展",
        "含义：上传在数秒内没有任何进展。\n处理：连接结束（408），不处理这次上传。\n修改：检查网络后重新上传。";
    WEB_BAD_BODY = "web.bad-body", Error,
        "请求内容读不下去",
        "含义：请求的内容不是能读取的 multipart/form-data。\n处理：不处理这次请求（400）。\n修改：用 multipart/form-data 上传：字段 table（必需）、actuals、rules（可重复）。";
    WEB_BAD_FRAMING = "web.bad-framing", Error,
        "请求的长度有两种读法",
        "含义：请求头同时给出 Content-Length 和 Transfer-Encoding（RFC 9112 第 6.3 节：服务前若有代理，两边可能按不同的长度切分请求，即“请求走私”）。\n处理：不读请求内容，回答 400 并关闭连接。\n修改：只用其中一种：分块上传时不写 Content-Length。";
    WEB_REPEATED_FIELD = "web.repeated-field", Error,
        "上传字段出现了两次",
        "含义：table 或 actuals 字段给了两次，jixiao 不猜测用哪一个。\n处理：不处理这次请求（400）。\n修改：table 与 actuals 各给一个文件；规则文件（rules）可以有多个。";
    WEB_UNKNOWN_FIELD = "web.unknown-field", Error,
        "不认识的表单字段",
        "含义：请求中有接口不认识的字段。\n处理：不处理这次请求（400）。\n修改：只用接口文档所列的字段（table、actuals、rules、file 及页面的选项）。";
    WEB_TOO_MANY_FILES = "web.too-many-files", Error,
        "上传的文件太多",
        "含义：一次上传的规则文件超过 64 个，或拖入的文件（file 字段）超过 JIXIAO_MAX_UPLOAD_FILES（默认 1000）个。\n处理：不处理这次请求（400），在超过上限的那个文件处即停止读取。\n修改：把规则合并到较少的文件中；很多张表请打成一个 .zip 压缩包拖入，或分几次上传。";
    WEB_TWO_ACTUALS = "web.two-actuals", Error,
        "给出了两个实际值文件",
        "含义：一次请求给出了两个实际值文件。\n处理：不猜用哪一个，不处理这次请求（400）。\n修改：只给一个实际值文件。";
    WEB_UNSUPPORTED_FILE = "web.unsupported-file", Error,
        "读不出表格的文件",
        "含义：上传的文件既不是能读取的表格，也不是实际值文件或规则文件。\n处理：不处理这次请求（400），消息列出这些文件。\n修改：上传 .xlsx .xls .ods .csv .tsv .docx .doc .html .mhtml 表格，或 .zip 压缩包。";
    WEB_TWO_TABLES = "web.two-tables", Error,
        "给出了多张不同的表",
        "含义：一次请求给出了多张不同的表或压缩包，而这个接口一次只评一张表。\n处理：不处理这次请求（400）。\n修改：分别提交，或把它们放进一个 .zip 压缩包按汇总提交。";
    WEB_NO_TABLE = "web.no-table", Error,
        "缺少目标表或自评表",
        "含义：请求中没有 table 字段（目标表或自评表）。\n处理：不处理这次请求（400）。\n修改：在 table 字段上传表格文件。";
    WEB_BAD_QUERY = "web.bad-query", Error,
        "查询参数有误",
        "含义：查询参数不认识，或它的值不在可选之内（如 format、encoding）。\n处理：不处理这次请求（400），帮助列出可用的值。\n修改：按帮助改正参数。";
    WEB_BAD_YEAR = "web.bad-year", Error,
        "年度读不懂",
        "含义：year 参数不是 1900 到 2100 之间的四位数年份。\n处理：不处理这次请求（400）。\n修改：year 写作四位数年份，如 2023。";
    WEB_CANCELLED = "web.cancelled", Error,
        "请求已结束，处理已停止",
        "含义：请求在处理完成之前结束（超时或客户端断开）。\n处理：停止处理，不再占用服务器。\n修改：重新提交；表格很大时用命令行处理。";
    WEB_BUSY = "web.busy", Error,
        "服务器正忙",
        "含义：同时处理和排队的请求已到上限。\n处理：不处理这次请求（503）。\n修改：稍后再试。";
    WEB_INTERNAL = "web.internal", Error,
        "处理时程序出错",
        "含义：处理这个文件时 jixiao 自身出错（这是 jixiao 的缺陷，不是文件的问题）。\n处理：这次请求失败（500），服务照常运行。\n修改：把文件和这条信息报告给维护者。";
    WEB_RENDER = "web.render", Error,
        "生成结果失败",
        "含义：评价完成，但把结果写成所要的格式时失败。\n处理：这次请求失败（500）。\n修改：换一种格式（format=csv 或 json）再试，并把信息报告给维护者。";
    WEB_ANSWER_TOO_LARGE = "web.answer-too-large", Error,
        "结果太大",
        "含义：生成的结果超过答复大小的上限。\n处理：停止生成（413）。\n修改：用 format=csv 或 jsonl，或用命令行处理。";
    WEB_NOT_FOUND = "web.not-found", Error,
        "没有这个地址",
        "含义：请求的地址不是页面或接口。\n处理：答复 404。\n修改：页面在 /，接口为 POST /api/parse、/api/inspect、/api/review、/api/evaluate。";
    WEB_TIMEOUT = "web.timeout", Error,
        "请求超时",
        "含义：请求超过时限仍未完成。\n处理：停止处理（408）。\n修改：表格太大或网络太慢时用命令行处理，或启动时用 --timeout 放宽时限。";
    WEB_NO_HOST = "web.no-host", Error,
        "请求没有 Host 头",
        "含义：请求没有 Host 头，无法确认是访问本服务。\n处理：拒绝访问（403）。\n修改：用浏览器或 curl 访问 jixiao serve 打印的地址。";
    WEB_BAD_HOST = "web.bad-host", Error,
        "请求的主机不是本服务",
        "含义：请求的主机名（Host 头或请求行中的主机）不是本服务监听的地址，可能是其他网站借道本机（DNS 重绑定）；或请求有不止一个 Host 头。\n处理：拒绝访问（403）。\n修改：直接用 jixiao serve 打印的地址打开页面（如 http://127.0.0.1:8080/）。";
    WEB_CROSS_SITE = "web.cross-site", Error,
        "提交来自其他网站",
        "含义：浏览器报告这个提交来自其他网站（Sec-Fetch-Site 不是 same-origin）。\n处理：拒绝访问（403），以防其他网站借用本机的服务。\n修改：在 jixiao serve 打印的地址打开的页面上提交。";
    WEB_FOREIGN_ORIGIN = "web.foreign-origin", Error,
        "提交的来源是其他网站",
        "含义：提交的 Origin 头不是本服务的地址。\n处理：拒绝访问（403）。\n修改：在 jixiao serve 打印的地址打开的页面上提交；脚本和 curl 不发 Origin，不受此限。";
    WEB_BAD_TOKEN = "web.bad-token", Error,
        "页面令牌缺少或无效",
        "含义：页面的提交缺少本页面的令牌，或令牌无效（服务重启过，或页面来自别处）。\n处理：拒绝访问（403）。\n修改：重新打开 jixiao serve 打印的地址（刷新页面）后再提交。";
    WEB_REPEATED_QUERY = "web.repeated-query", Error,
        "查询参数出现了两次",
        "含义：同一个查询参数（如 format）在地址中给了两次，jixiao 不猜测用哪一个。\n处理：不处理这次请求（400），消息写出是哪个参数。\n修改：每个查询参数至多给一次，如 ?format=csv&year=2023。";
    WEB_BAD_FILE_NAME = "web.bad-file-name", Error,
        "上传文件名读不懂",
        "含义：上传部分的 filename*= 参数（RFC 5987）不是 UTF-8 或 ISO-8859-1 的百分号编码，或含控制字符。\n处理：不处理这次请求（400），消息写出这个参数。\n修改：写作 filename*=UTF-8''后接百分号编码的文件名，或用 filename=\"文件名\"。";
    /// A row's points that cannot be: a negative 分值, a printed 得分 below 0 or above its 分值.
    EVAL_POINTS_IMPOSSIBLE = "eval.points-impossible", Warning,
        "分值或得分不可能",
        "含义：表中某一行（指标或预算执行率）的分值是负数，或原表得分是负数，或原表得分大于该行的分值。\n处理：在该行（行号或单元格）给出提示，并列在项目总分旁；总分按表中所写的数照算（负的分值照负数计入，不猜测本意），仅供参考，不当作没有问题的结果。\n修改：核对这一行的分值和得分：分值不能为负，得分应在 0 到分值之间。";
}
