//! A workbook cell's number format code (`0.00%`, `#,##0,`, `0"人"`, `@"万元"`) and the text a
//! cell shows through it: what a form's reader sees is what the unit published.
//!
//! Owns the reading of a format code's sections (positive, negative, zero, text, and their
//! conditions) into [`CellFormat`]: each number section's [`NumberShape`] (a percentage or
//! not, the decimals shown, the thousands it is scaled by) and the literal text around its
//! digits, and the text section (`@`) for cells holding text; and the choice of the section a
//! value is shown through ([`read_cell`]), with a [`CellNote`] wherever the text read is not
//! simply what the sheet shows or not what the cell holds. Decisions where Excel's documentation leaves a reader to choose:
//! - **A trailing comma scales**: a comma after the last digit placeholder (`#,##0,`,
//!   `0.0,,`) divides by 1 000 for each comma, as Excel shows it (1234567 in `#,##0,` is
//!   `1,235`). The cell is read **as shown** (`1235`), and a `table.display-scaled` warning at
//!   the cell gives the value it holds: whether the published figure is in thousands is the
//!   form's to say (a header `（千元）`), not the format's. A scaled percentage follows the
//!   rule of every percentage below: `955` in `#,##0,%` shows `96%` and reads `95.5%` (the
//!   digits it holds, scaled as shown), the warning giving both.
//! - **Literal text** (`"人"`, `\%`, and unquoted characters that are no format code, as
//!   `元`) before or after the digits is part of the text shown (`12人`), so the
//!   actual carries the unit the sheet shows rather than taking the target's. A literal `%`
//!   after the digits (`0"%"`, `0\%`) makes the figure a percentage without scaling it by 100,
//!   and like a `%` format it is read as the value the cell holds where the format shows fewer
//!   decimals (`table.display-rounded`). Literal text **between** digit placeholders
//!   (`000-0000`) is not shown: the number is read as its digits, as before — but for **one
//!   literal point** among the integer digits where the code has no decimal point
//!   (`0!.0000"万"`, `0"."0,"万"`: the Chinese forms' 万 and 亿, `!` being Excel's escape as
//!   `\` is): Excel shows the digits with the point among them (150000 as `15.0000万`), so the
//!   figure is read so, the digits after the point its decimals, with a `table.display-scaled`
//!   warning naming the value held (万 for four places).
//! - **A percent format on a value past [`PERCENT_FRACTION_MAX`]** (1.5: `96` in `0.0%` shows
//!   `9600.0%`, someone typed the percentage itself) is read as shown, with a
//!   `table.percent-format-whole-number` warning naming the value held: which was meant is a
//!   person's to say.
//! - **Fewer decimals shown than held**: a percentage is read as the value the cell holds
//!   (below); any other figure as shown (a score is printed rounded, and the form's sums are
//!   of what it prints), with a `table.display-rounded` note naming the value held: `99.6` in
//!   `0` shows `100`, which meets `≥100` where the value does not. Whose figure the cell is
//!   decides which one is scored, and that is not this module's to know: the layouts' places
//!   tell a target or an actual, which `table::held` then reads as the value held (the note
//!   carries it). A figure whose held digits are those shown (`857.6` in `0.00`, float noise
//!   within the places shown) has no note.
//! - `General` and the Chinese Excel's `G/通用格式` are the number as it is (15 significant
//!   digits); `_x` (a space the width of `x`) and `*x` (a fill) show nothing; colours
//!   and locales in brackets (`[Red]`, `[$-804]`, `[DBNum1]`) show nothing (conditions,
//!   `[>100]`, choose a section: below); nor does a currency (`$`, `¥`, `[$¥-804]`): it says money, not which unit, and
//!   an amount written `¥1,234.00` would no longer read as one. Spaces at the outer ends of
//!   the literal text are padding, not text.
//! - **A code longer than 2 KB** (Excel's are at most 255 characters) is read as General:
//!   its literal text would be copied into every cell it formats.
//! - **Text cells** are shown through the format's text section (the fourth, or the one
//!   holding `@`): `@"万元"` shows `12` as `12万元`. A number in a format whose only section is
//!   a text section is shown as General, as Excel shows it.
//! - **Sections are chosen as Excel chooses them** (`正数;负数;零;文本`): one section for every
//!   number; two, the second for negatives; three, the third for zero; the text section is
//!   the fourth, or the one holding `@`. The negative section shows the number **without its
//!   sign**: where it writes one (`-0.0`, a trailing `0-`) or accountants' brackets (`(0)`,
//!   `(#,##0.00)`) the cell is read as the negative it is (`-5`); where it writes none
//!   (`0;0`, `0;[Red]0`, `0;"减少"0`) it is read **as shown** (`5`) with a
//!   `table.display-unsigned` warning naming the value held, as a scaled figure is.
//! - **A section that shows no digits** — literal text alone (`0;-0;"-"` shows 0 as `-`, the
//!   accounting format's `"-"??` too), or digit placeholders that show nothing for a zero
//!   (`#,###`, `??`) — is read as **the value held** (`0`, never `-` that would read as a
//!   range or "not filled"), with a `table.display-literal` warning naming what is shown. A
//!   text section of literal text and no `@` (`0;0;0;"文本"`) likewise: the text held is read.
//! - **An empty section hides** the value (`;;;` everything, `0;;0` negatives; `;;` hides
//!   numbers, not text): the cell is read as **empty** (what the sheet shows), with a
//!   `table.display-hidden` warning naming what it holds. A code that is empty as a whole is
//!   General.
//! - **Conditions** (`[>100]0.0,"万";0`, `[>=90]…;[>=60]…;…`) choose the section as Excel does:
//!   the first whose condition holds; a section without one takes what the conditions before
//!   it left (the third where the first two both have one). Where Excel's showing is not
//!   certain the value held is read with a `table.display-unfollowed` warning saying why: a
//!   condition that does not read, a value no section takes (Excel's `####`), a negative number
//!   in a section a condition chose (whether Excel shows its minus depends on the condition),
//!   a number whose section is a date or fraction. A format whose first section is a date,
//!   time, fraction or scientific one shows no plain number here (`None`): dates are
//!   `workbook::WrittenDate`'s and calamine's.
//! - A section's own literal text goes with it (`0"人";-0"人"` shows −3 as `-3人`); a
//!   one-section format puts the value's minus before the digits (`约-5`, where Excel writes
//!   `-约5`: the figure read is the same).

use calamine::Data;
use rust_decimal::{Decimal, RoundingStrategy};

use super::time_format::TimeShape;
use crate::finding::{Code, Severity, codes};

/// What a number format does to the digits shown: a percentage or not, how many decimals
/// (`None`: as many as the value has, as the General format shows them), how many times
/// the value is divided by 1 000 (the trailing commas of `#,##0,`), and by 10 (`shift`: the
/// digits after a literal point between the digits, `0!.0000"万"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberShape {
    pub percent: bool,
    pub decimals: Option<u32>,
    pub scale: u32,
    pub shift: u32,
    /// The point among the digits is LibreOffice's `\!.` (its copy of Excel's `0!.0000"万"`,
    /// where it took Excel's escape `!` for a literal `!`): read as Excel's point, said so.
    pub bang: bool,
}

impl NumberShape {
    /// Reads the first section of an Excel format code (`0.00%`, `#,##0.00_ ;[Red]-#,##0.00`).
    /// `None` for General, text and formats that show no plain number (scientific, fractions,
    /// dates: calamine reads dates itself).
    pub fn of(code: &str) -> Option<NumberShape> {
        CellFormat::of(code).and_then(|f| f.first_shape())
    }
}

/// A format code as it shows a cell: its number sections (each with its condition, where it
/// has one) and how it shows a text cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellFormat {
    /// The sections numbers are shown through (at most three), in order.
    numbers: Vec<Section>,
    /// Whether the first or second section has a condition (`[>100]`): then the sections are
    /// chosen by their conditions, not by the sign.
    conditional: bool,
    /// A condition that does not read (`[>abc]`): the format is not followed.
    unreadable: bool,
    /// How a text cell is shown.
    text: TextLook,
    /// A time-only format (`h:mm`, `[h]:mm`, `mm:ss`): a number shown as the time it is.
    time: Option<TimeShape>,
}

/// One number section: its condition, where it has one, and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    condition: Option<Condition>,
    look: Look,
}

/// What a number section shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Look {
    /// Digits: their shape (`None`: General), the literal text before and after them, and
    /// whether a `0` placeholder shows a zero (`#,###` and `??` show nothing for 0).
    Digits {
        number: Option<NumberShape>,
        before: String,
        after: String,
        zero_shown: bool,
    },
    /// Literal text and no digits (`"-"`, `"是"`): the number is not shown.
    Literal(String),
    /// An empty section (`0;;0`, `;;;`): nothing is shown.
    Hidden,
    /// A date, time, fraction or scientific section.
    NotPlain,
}

/// How a format shows a text cell.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TextLook {
    /// As written (no text section, or `@` alone).
    AsWritten,
    /// Literal text before and after `@`.
    Around(String, String),
    /// A text section of literal text and no `@`: the text is not shown, this is.
    Literal(String),
    /// An empty text section (`;;;`): nothing is shown.
    Hidden,
}

/// A section's condition: `[>100]`, `[<=-1]`, `[<>0]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Condition {
    op: CondOp,
    bound: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CondOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Condition {
    /// The condition in a bracket's inside (`>100`); `None`: no condition; `Some(Err)`: one
    /// that does not read.
    fn of(inside: &str) -> Option<Result<Condition, ()>> {
        let inside = inside.trim();
        let (op, rest) = [
            ("<=", CondOp::Le),
            (">=", CondOp::Ge),
            ("<>", CondOp::Ne),
            ("<", CondOp::Lt),
            (">", CondOp::Gt),
            ("=", CondOp::Eq),
        ]
        .into_iter()
        .find_map(|(p, op)| inside.strip_prefix(p).map(|r| (op, r)))?;
        let bound = rest
            .trim()
            .parse::<Decimal>()
            .or_else(|_| Decimal::from_scientific(rest.trim()));
        Some(bound.map(|bound| Condition { op, bound }).map_err(|_| ()))
    }

    fn holds(self, v: Decimal) -> bool {
        match self.op {
            CondOp::Lt => v < self.bound,
            CondOp::Le => v <= self.bound,
            CondOp::Gt => v > self.bound,
            CondOp::Ge => v >= self.bound,
            CondOp::Eq => v == self.bound,
            CondOp::Ne => v != self.bound,
        }
    }
}

/// One piece of a format section.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// `0`, `#`, `?`: whether it is a `0` (which shows a zero digit).
    Digit(bool),
    Point,
    Comma,
    Percent,
    /// `General` or `G/通用格式`.
    General,
    /// `@`.
    Text,
    Literal(String),
    /// A code showing no plain number: a date or time part, `E+`, a fraction's `/`.
    NotPlain,
    /// A condition in brackets (`[>100]`); `Err`: one that does not read.
    Condition(Result<Condition, ()>),
}

/// A note on a cell whose text read is not simply what the sheet shows, or not what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CellNote {
    /// The text read is the value the cell holds; the sheet shows this (a rounded percentage).
    Rounded(String),
    /// The text read is what the sheet shows, a figure (no percentage) rounded to the
    /// decimals its format shows; the cell holds `held`.
    RoundedShown { held: String },
    /// The text read is what the sheet shows, scaled by the format; the cell holds `held`.
    /// A scaled percentage is read at the digits it holds, as any percentage is (`955` in
    /// `#,##0,%` reads `95.5%`): `rounded` is then what the sheet shows (`96%`).
    Scaled {
        held: String,
        /// 千, 百万, 十亿 …: what the shown figure counts.
        by: String,
        rounded: Option<String>,
        /// The format is LibreOffice's copy of an Excel 万 format (`0\!.0000\万`, shown by
        /// LibreOffice as `150000!.0000万`): read as the Excel format it copies.
        bang: bool,
    },
    /// The text read is what the sheet shows: a negative number without its minus (`0;0`
    /// shows −5 as `5`); the cell holds `held`.
    Unsigned { held: String },
    /// The format hides the cell (an empty section, `;;;`): read as empty; it holds `held`.
    Hidden { held: String },
    /// The format shows literal text in place of the value (`0;-0;"-"` shows 0 as `-`): the
    /// value held is read; the sheet shows `shown`.
    Literal { shown: String },
    /// The format is not followed (a condition that does not read, a value no section's
    /// condition takes, a negative number in a section chosen by a condition): the value held
    /// is read, for this reason.
    Unfollowed { why: &'static str },
    /// A percent format on a value that cannot be a fraction (past [`PERCENT_FRACTION_MAX`]:
    /// `96` in `0.0%` shows `9600.0%`): read as shown, the value held beside it.
    PercentWhole { held: String },
    /// The cell holds a formula whose result the file does not keep: read as empty.
    NoValue,
    /// A Word table cell holding a formula field (`{ =SUM(ABOVE) }`) whose result was never
    /// updated: read as empty.
    FieldNoValue,
    /// A time-only format (`h:mm`) shows the value held (days: `0.5`) as a time (`12:00`): read
    /// as shown; the duration shown (seconds, and the smallest unit shown; `None` for a time of
    /// day on a 12-hour clock), for a target that is a time (`table::time_cells`).
    TimeShown {
        held: String,
        duration: Option<(Decimal, super::time_format::Unit)>,
    },
    /// A text file's encoding told from its bytes alone (UTF-16 without a byte-order mark):
    /// noted at its start, naming the encoding read.
    EncodingGuessed(&'static str),
    /// The cell is in a row, a column or a sheet the workbook hides (what the form shows and
    /// prints leaves it out): read as any cell, with a warning at the row's first cell.
    InHidden(Hidden),
    /// A web page's cell holds text a browser does not show (a zero font size, its
    /// background's colour, …) or shows struck through where nothing else is left: not read.
    PageUnseen { text: String, how: &'static str },
}

/// What of a workbook hides a cell ([`CellNote::InHidden`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hidden {
    Row,
    Column,
    Sheet,
    /// A web page's row a browser does not show (`display:none`, `visibility:hidden`).
    PageRow,
    /// A web page's row a browser shows struck through.
    PageRowStruck,
}

impl CellNote {
    /// The finding this note makes on a cell read as `value`: its code, severity, message and
    /// label.
    pub(crate) fn finding(&self, value: &str) -> (Code, Severity, String, String) {
        match self {
            CellNote::Rounded(shown) => (
                codes::DISPLAY_ROUNDED,
                Severity::Info,
                format!("单元格值 {value}，显示为 {shown}；按单元格值读取"),
                format!("显示为 {shown}"),
            ),
            CellNote::Scaled {
                held,
                by,
                rounded,
                bang,
            } => scaled_finding(held, by, rounded.as_deref(), *bang, value),
            CellNote::RoundedShown { held } => (
                codes::DISPLAY_ROUNDED,
                Severity::Info,
                format!(
                    "单元格值 {held}，显示为 {value}；按显示值读取（与目标值比较时请核对舍入）"
                ),
                format!("单元格值 {held}"),
            ),
            CellNote::Unsigned { held } => (
                codes::DISPLAY_UNSIGNED,
                Severity::Warning,
                format!(
                    "单元格存 {held}，其数字格式不显示负号，显示为 {value}；按显示值读取，请核对正负"
                ),
                format!("单元格存 {held}"),
            ),
            CellNote::Hidden { held } => (
                codes::DISPLAY_HIDDEN,
                Severity::Warning,
                format!("单元格存 {held}，其数字格式不显示它（隐藏）；按空单元格读取"),
                format!("单元格存 {held}"),
            ),
            CellNote::Literal { shown } => {
                let shown = if shown.is_empty() { "空白" } else { shown };
                (
                    codes::DISPLAY_LITERAL,
                    Severity::Warning,
                    format!("单元格存 {value}，其数字格式显示为“{shown}”；按单元格存的值读取"),
                    format!("显示为“{shown}”"),
                )
            }
            CellNote::PercentWhole { held } => percent_whole_finding(held, value),
            CellNote::TimeShown { held, .. } => (
                codes::DISPLAY_TIME,
                Severity::Info,
                format!("单元格存 {held}（以天计），其时间格式显示为 {value}；按显示的读取"),
                format!("单元格存 {held}"),
            ),
            CellNote::FieldNoValue => (
                codes::FORMULA_NO_VALUE,
                Severity::Warning,
                "单元格是 Word 的公式域（如 =SUM(ABOVE)），文件中没有它的结果（公式未保存计算结果：域从未更新），按空单元格读取，不当作 0；请在 Word 或 WPS 中选中表格按 F9 更新域并保存后再读取".to_owned(),
                "公式未保存计算结果".to_owned(),
            ),
            CellNote::NoValue => (
                codes::FORMULA_NO_VALUE,
                Severity::Warning,
                "单元格是公式，文件中没有保存它的计算结果（公式未保存计算结果：程序生成、未经 Excel 或 WPS 计算保存的文件），按空单元格读取，不当作 0；请用 Excel 或 WPS 打开文件并保存后再读取".to_owned(),
                "公式未保存计算结果".to_owned(),
            ),
            CellNote::Unfollowed { why } => (
                codes::DISPLAY_UNFOLLOWED,
                Severity::Warning,
                format!("单元格存 {value}：{why}"),
                "未按数字格式读取".to_owned(),
            ),
            CellNote::EncodingGuessed(encoding) => (
                codes::ENCODING_GUESSED,
                Severity::Warning,
                format!(
                    "文件没有字节顺序标记（BOM），按其字节推断为 {encoding} 编码读取；如文字不对，请另存为带 BOM 的 UTF-8 或 UTF-16"
                ),
                format!("按 {encoding} 读取"),
            ),
            CellNote::InHidden(what) => {
                let what = match what {
                    Hidden::Row => "这一行在工作簿中是隐藏行",
                    Hidden::Column => "这一列在工作簿中是隐藏列",
                    Hidden::Sheet => "这个工作表在工作簿中是隐藏的",
                    Hidden::PageRow => {
                        "这一行在网页中不显示（display:none、hidden 或 visibility:hidden）"
                    }
                    Hidden::PageRowStruck => "这一行在网页中整行带删除线（显示为已删去）",
                };
                (
                    codes::HIDDEN_CELLS,
                    Severity::Warning,
                    format!(
                        "{what}（打开和打印时看不到）；照常读取并计分，请确认它不是作废的内容"
                    ),
                    "隐藏".to_owned(),
                )
            }
            CellNote::PageUnseen { text, how } => {
                let read = if value.trim().is_empty() {
                    "单元格按空读取".to_owned()
                } else {
                    format!("读取的是显示的“{value}”")
                };
                (
                    codes::PAGE_HIDDEN_TEXT,
                    Severity::Warning,
                    format!("网页中这个单元格的文字“{text}”{how}，没有读取；{read}，请核对"),
                    "看不到的文字".to_owned(),
                )
            }
        }
    }
}

/// The longest format code read (bytes): Excel's limit of 255 characters, each up to 4 bytes,
/// with room for an `.ods` style's escapes (`\x` for each literal character).
const MAX_CODE_BYTES: usize = 2048;

impl CellFormat {
    /// The format `code`, where it shows a cell otherwise than General (`None`: General, a
    /// format whose first section is a date, time, fraction or scientific one — dates are
    /// `workbook::WrittenDate`'s and calamine's — or one of General and `@` alone).
    pub fn of(code: &str) -> Option<CellFormat> {
        // Excel's codes are at most 255 characters; a code of more is no form's, and its
        // literal text was copied into every cell it formats (an `.ods` of 500 cells showing a
        // 1 MB literal, 5 KB zipped, built 500 MB of cell text: minutes; the seventh probe's
        // fuzzing): read as General, the value as it is held
        if code.len() > MAX_CODE_BYTES {
            return None;
        }
        if code.trim().is_empty() {
            // no code at all is General (an empty section hides only beside a `;`)
            return None;
        }
        let sections = split_sections(code);
        let tokens: Vec<Vec<Token>> = sections.iter().map(|s| tokens(s)).collect();
        let text_at = tokens
            .iter()
            .position(|t| t.contains(&Token::Text))
            .or((sections.len() >= 4).then_some(3));
        let text = match text_at {
            None => TextLook::AsWritten,
            Some(i) => text_look(&tokens[i], sections[i]),
        };
        let numbers: Vec<Section> = tokens
            .iter()
            .zip(&sections)
            .take(text_at.unwrap_or(3).min(3))
            .map(|(t, raw)| Section {
                condition: t.iter().find_map(|t| match t {
                    Token::Condition(Ok(c)) => Some(*c),
                    _ => None,
                }),
                look: look(t, raw),
            })
            .collect();
        let unreadable = tokens
            .iter()
            .any(|t| t.contains(&Token::Condition(Err(()))));
        let conditional = numbers.iter().take(2).any(|s| s.condition.is_some());
        if numbers.first().is_some_and(|s| s.look == Look::NotPlain) {
            // a time alone shows a time (`h:mm`: 0.5 is 12:00); a date is calamine's
            return TimeShape::of(code).map(|time| CellFormat {
                numbers: Vec::new(),
                conditional: false,
                unreadable: false,
                text: TextLook::AsWritten,
                time: Some(time),
            });
        }
        let general = |s: &Section| {
            matches!(&s.look, Look::Digits { number: None, before, after, .. }
                if before.is_empty() && after.is_empty())
        };
        // General alone, `@` alone, `General;-General`: nothing but the value
        let plain_numbers = match numbers.as_slice() {
            [] => true,
            [one] => general(one),
            [first, second] => {
                general(first)
                    && matches!(&second.look, Look::Digits { number: None, before, after, .. }
                        if before == "-" && after.is_empty())
            }
            _ => false,
        };
        if plain_numbers && !conditional && !unreadable && text == TextLook::AsWritten {
            return None;
        }
        Some(CellFormat {
            numbers,
            conditional,
            unreadable,
            text,
            time: None,
        })
    }

    /// The section a number `v` is shown through, and whether it shows the number without its
    /// sign (the negative section of a code without conditions); `None`: no section takes it.
    /// (The sign and zero of `f` as held; a condition compares its exact 15 digits.)
    fn section_for(&self, f: f64) -> Option<(&Section, bool)> {
        let s = &self.numbers;
        if !self.conditional {
            return match s.len() {
                0 => None,
                1 => Some((&s[0], false)),
                2 if f < 0.0 => Some((&s[1], true)),
                2 => Some((&s[0], false)),
                _ if f == 0.0 => Some((&s[2], false)),
                _ if f < 0.0 => Some((&s[1], true)),
                _ => Some((&s[0], false)),
            };
        }
        let v = exact(f)?;
        // as Excel: the first section whose condition holds; a section without one takes what
        // the conditions before it left (the third, where the first two both have one)
        let holds = |i: usize| {
            s.get(i)
                .and_then(|x| x.condition)
                .is_some_and(|c| c.holds(v))
        };
        let at = if holds(0) {
            0
        } else if holds(1) {
            1
        } else if s.get(1).is_some_and(|x| x.condition.is_some()) {
            2
        } else {
            1
        };
        s.get(at).map(|x| (x, false))
    }

    /// The first section's shape (for values that are neither number nor text).
    fn first_shape(&self) -> Option<NumberShape> {
        match self.numbers.first().map(|s| &s.look) {
            Some(Look::Digits { number, .. }) => *number,
            _ => None,
        }
    }
}

/// A number section's look (see [`Look`]); `raw` is the section as written (an empty one
/// hides the value).
fn look(tokens: &[Token], raw: &str) -> Look {
    if raw.is_empty() {
        return Look::Hidden;
    }
    if tokens.contains(&Token::NotPlain) {
        return Look::NotPlain;
    }
    match number_part(tokens) {
        Some((number, before, after)) => Look::Digits {
            number,
            before,
            after,
            zero_shown: number.is_none() || tokens.contains(&Token::Digit(true)),
        },
        None => {
            let text: String = tokens
                .iter()
                .filter_map(|t| match t {
                    Token::Literal(l) => Some(l.as_str()),
                    _ => None,
                })
                .collect();
            let text = text.trim();
            if text.is_empty() {
                // colours and padding only (`[Red]`, `_)`): nothing shown
                Look::Hidden
            } else {
                Look::Literal(text.to_owned())
            }
        }
    }
}

/// A text section's look.
fn text_look(tokens: &[Token], raw: &str) -> TextLook {
    if tokens.contains(&Token::Text) {
        let (b, a) = around_text(tokens);
        return if b.is_empty() && a.is_empty() {
            TextLook::AsWritten
        } else {
            TextLook::Around(b, a)
        };
    }
    match look(tokens, raw) {
        Look::Literal(l) => TextLook::Literal(l),
        Look::Hidden => TextLook::Hidden,
        // digits or a date in the text section: Excel shows the text as written
        _ => TextLook::AsWritten,
    }
}

/// The sections of a code, split at `;` outside quotes, escapes and brackets.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '"' if !bracket => quoted = !quoted,
            '\\' | '!' | '_' | '*' if !quoted && !bracket => escaped = true,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// The tokens of one section.
fn tokens(section: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let literal = |out: &mut Vec<Token>, s: &str| match out.last_mut() {
        Some(Token::Literal(l)) => l.push_str(s),
        _ => out.push(Token::Literal(s.to_owned())),
    };
    let mut rest = section;
    while let Some(c) = rest.chars().next() {
        // (no lower-cased copy a character: a code's literal text may be long)
        if rest
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("general"))
        {
            out.push(Token::General);
            rest = &rest[7..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("G/通用格式") {
            out.push(Token::General);
            rest = after;
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '"' => {
                let end = rest.find('"').unwrap_or(rest.len());
                literal(&mut out, &rest[..end]);
                rest = rest.get(end + 1..).unwrap_or("");
            }
            // `!x` is Excel's other escape of a literal character
            '\\' | '!' => {
                if let Some(next) = rest.chars().next() {
                    literal(&mut out, &rest[..next.len_utf8()]);
                    rest = &rest[next.len_utf8()..];
                }
            }
            '_' | '*' => {
                let skip = rest.chars().next().map_or(0, char::len_utf8);
                rest = &rest[skip..];
            }
            '[' => {
                let end = rest.find(']').unwrap_or(rest.len());
                let inside = &rest[..end];
                rest = rest.get(end + 1..).unwrap_or("");
                if inside
                    .chars()
                    .all(|c| matches!(c.to_ascii_lowercase(), 'h' | 'm' | 's'))
                    && !inside.is_empty()
                {
                    out.push(Token::NotPlain);
                } else if let Some(condition) = Condition::of(inside) {
                    out.push(Token::Condition(condition));
                }
            }
            '0' => out.push(Token::Digit(true)),
            '#' | '?' => out.push(Token::Digit(false)),
            '.' => out.push(Token::Point),
            ',' => out.push(Token::Comma),
            '%' => out.push(Token::Percent),
            '@' => out.push(Token::Text),
            // a currency says money, not which unit: shown as nothing (the amount readers
            // take digits, as they did before formats were read)
            '$' | '¥' | '￥' | '€' | '£' => {}
            'E' | 'e' | '/' | 'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => {
                out.push(Token::NotPlain)
            }
            other => {
                let mut b = [0; 4];
                literal(&mut out, other.encode_utf8(&mut b));
            }
        }
    }
    out
}

/// The literal text before and after `@` in a text section.
fn around_text(tokens: &[Token]) -> (String, String) {
    let (mut before, mut after, mut seen) = (String::new(), String::new(), false);
    for t in tokens {
        match t {
            Token::Text => seen = true,
            Token::Literal(l) if seen => after.push_str(l),
            Token::Literal(l) => before.push_str(l),
            _ => {}
        }
    }
    (before.trim_start().to_owned(), after.trim_end().to_owned())
}

/// A number section's shape and its literal text before and after the digits; `None` where it
/// shows no plain number. Literal text between digit placeholders is dropped (see the module
/// docs).
fn number_part(tokens: &[Token]) -> Option<(Option<NumberShape>, String, String)> {
    if tokens.contains(&Token::NotPlain) || tokens.contains(&Token::Text) {
        return None;
    }
    let (mut before, mut pending) = (String::new(), String::new());
    let (mut digits, mut general, mut interleaved) = (false, false, false);
    let (mut percent, mut decimals, mut commas, mut scale) = (false, None::<u32>, 0u32, 0u32);
    // the digit placeholders after a literal point between the integer digits (`0!.0000`)
    let mut point_at: Option<u32> = None;
    let mut bang = false;
    for t in tokens {
        match t {
            Token::Literal(l) if digits || general => pending.push_str(l),
            Token::Literal(l) => before.push_str(l),
            Token::Digit(_) => {
                if pending == "." && digits && decimals.is_none() && point_at.is_none() {
                    // Excel shows the digits with the point among them: `0!.0000"万"` shows
                    // 150000 as 15.0000万 (the Chinese forms' ten-thousands)
                    pending.clear();
                    point_at = Some(0);
                }
                interleaved |= !pending.is_empty();
                digits = true;
                commas = 0;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
                if let Some(k) = point_at.as_mut() {
                    *k += 1;
                }
            }
            Token::Point
                if decimals.is_none() && pending == "!" && digits && point_at.is_none() =>
            {
                // LibreOffice's copy of Excel's `0!.0000"万"`: it took the escape `!` for a
                // literal one and wrote `0\!.0000\万` (an `.ods`: the text `!` embedded
                // before the point); the point among the digits is the one Excel shows
                pending.clear();
                point_at = Some(0);
                bang = true;
            }
            Token::Point if decimals.is_none() => {
                interleaved |= !pending.is_empty() || point_at.is_some();
                scale += commas;
                commas = 0;
                decimals = Some(0);
            }
            Token::Comma if digits => commas += 1,
            Token::Percent => percent = true,
            Token::General => general = true,
            _ => {}
        }
    }
    scale += commas;
    if !digits && !general {
        return None;
    }
    // a point past 15 places (no form's) is text among the digits, as before
    let shift = point_at.filter(|k| !interleaved && !general && *k <= 15);
    interleaved |= point_at.is_some() && shift.is_none();
    if let Some(k) = shift {
        decimals = Some(k);
    }
    let (before, after) = if interleaved {
        (String::new(), String::new())
    } else {
        (
            before.trim_start().to_owned(),
            pending.trim_end().to_owned(),
        )
    };
    let number = (digits && !general).then_some(NumberShape {
        percent,
        decimals: Some(decimals.unwrap_or(0)),
        scale,
        shift: shift.unwrap_or(0),
        bang: bang && shift.is_some(),
    });
    Some((number, before, after))
}

/// The text of a cell as read (contract §4.5) through its format: as Excel shows it, through
/// the section Excel chooses for it (see the module docs), except a percentage whose value
/// holds more digits than its format shows — then the value it holds (`0.895` formatted `0%`
/// is `89.5%`), with what Excel shows beside it (`90%`) for a note (another figure so rounded,
/// `99.6` formatted `0`, is read as shown with the value held in its note); a scaled figure, or a
/// negative one shown without its minus, is read as shown with the value it holds beside it;
/// a value the format hides is read as empty, one it shows as literal text (`-` for 0) as the
/// value it holds, each with a note.
pub(crate) fn read_cell(value: &Data, format: Option<&CellFormat>) -> (String, Option<CellNote>) {
    let Some(format) = format else {
        return general(value);
    };
    if let Some(time) = &format.time {
        return time_cell(value, time);
    }
    let f = match value {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::String(s) => return text_cell(s, &format.text),
        _ => return (shown(value, format.first_shape()), None),
    };
    let held = || number_shown(f, None);
    if !f.is_finite() || format.numbers.is_empty() {
        // a format of a text section only shows a number as General
        return (held(), None);
    }
    if format.unreadable {
        let why = "格式中的条件（方括号内）无法读取，未按格式显示";
        return (held(), Some(CellNote::Unfollowed { why }));
    }
    let Some((section, unsigned)) = format.section_for(f) else {
        let why = "没有一个格式段的条件适用于这个值（Excel 显示为 ####）";
        return (held(), Some(CellNote::Unfollowed { why }));
    };
    match &section.look {
        Look::Hidden => (String::new(), Some(CellNote::Hidden { held: held() })),
        Look::Literal(text) => (
            held(),
            Some(CellNote::Literal {
                shown: text.clone(),
            }),
        ),
        Look::NotPlain => {
            let why = "这个值所用的格式段是日期、时间、分数或科学计数格式";
            (held(), Some(CellNote::Unfollowed { why }))
        }
        Look::Digits {
            number,
            before,
            after,
            zero_shown,
        } => {
            let negative_by_condition = format.conditional && f < 0.0;
            let (text, note) = digits(
                f,
                *number,
                (before, after),
                *zero_shown,
                unsigned,
                negative_by_condition,
            );
            match number {
                // a note that is only information gives way to the whole-number warning
                Some(shape) if matches!(note, None | Some(CellNote::Rounded(_))) => {
                    (text, percent_whole(f, *shape).or(note))
                }
                _ => (text, note),
            }
        }
    }
}

/// The finding of a [`CellNote::Scaled`] holding `held`, shown in `by`, read as `value`.
fn scaled_finding(
    held: &str,
    by: &str,
    rounded: Option<&str>,
    bang: bool,
    value: &str,
) -> (Code, Severity, String, String) {
    match (rounded, bang) {
        (_, true) => (
            codes::DISPLAY_SCALED,
            Severity::Warning,
            format!(
                "单元格存 {held}，数字格式中的“\\!.”是 LibreOffice 转存 Excel 格式（如 0!.0000\"万\"）时的误写：Excel 的“!.”是显示在数字中间的小数点（以{by}为单位），LibreOffice 当作文字“!”；按 Excel 原格式以{by}为单位读取为 {value}，请核对单位"
            ),
            format!("单元格存 {held}"),
        ),
        (None, false) => (
            codes::DISPLAY_SCALED,
            Severity::Warning,
            format!(
                "单元格存 {held}，其数字格式以{by}为单位显示为 {value}；按显示值读取，请核对单位"
            ),
            format!("单元格存 {held}"),
        ),
        (Some(shown), false) => (
            codes::DISPLAY_SCALED,
            Severity::Warning,
            format!(
                "单元格存 {held}，其数字格式以{by}为单位显示为 {shown}；按单元格值以{by}为单位读取为 {value}（百分数按存的值读取，不按显示的舍入），请核对单位"
            ),
            format!("单元格存 {held}，显示为 {shown}"),
        ),
    }
}

/// The finding of a [`CellNote::PercentWhole`] holding `held`, read as `value`.
fn percent_whole_finding(held: &str, value: &str) -> (Code, Severity, String, String) {
    (
        codes::PERCENT_FORMAT_WHOLE_NUMBER,
        Severity::Warning,
        format!(
            "单元格存 {held}，其百分比格式显示为 {value}：像是在百分比格式中填了百分数本身（{held} 表示 {held}%）而不是小数；按显示值读取，请人工核对"
        ),
        format!("单元格存 {held}"),
    )
}

/// The largest fraction a percent format is taken to hold (150%): past it, a value in a
/// percent format is what someone typed as the percentage itself (`96` in a `0.0%` cell, shown
/// `9600.0%`), or a figure above one and a half times its whole that a person should see. The
/// value compared is the one the format shows (after a trailing comma's scaling), unsigned.
pub(crate) const PERCENT_FRACTION_MAX: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

/// The [`CellNote::PercentWhole`] of a value `f` shown through `shape`, where it is a
/// percentage of a value past [`PERCENT_FRACTION_MAX`].
pub(crate) fn percent_whole(f: f64, shape: NumberShape) -> Option<CellNote> {
    if !shape.percent {
        return None;
    }
    let mut d = exact(f)?.abs();
    for _ in 0..shape.scale.min(10) {
        d /= Decimal::ONE_THOUSAND;
    }
    for _ in 0..shape.shift.min(15) {
        d /= Decimal::TEN;
    }
    (d > PERCENT_FRACTION_MAX).then(|| CellNote::PercentWhole {
        held: number_shown(f, None),
    })
}

/// A text cell through the format's text section.
fn text_cell(s: &str, look: &TextLook) -> (String, Option<CellNote>) {
    match look {
        _ if s.is_empty() => (String::new(), None),
        TextLook::AsWritten => (s.to_owned(), None),
        TextLook::Around(b, a) => (format!("{b}{s}{a}"), None),
        TextLook::Literal(l) => (s.to_owned(), Some(CellNote::Literal { shown: l.clone() })),
        TextLook::Hidden => (String::new(), Some(CellNote::Hidden { held: clipped(s) })),
    }
}

/// A text held, for a note: its first 60 characters.
fn clipped(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// A number `f` through a section of digits shaped `number` with literal text `around`:
/// `unsigned`, it is the negative section of a code without conditions (the number shown
/// without its sign: a minus or accountants' brackets in the section say it is negative,
/// else it is read as shown with a note); `negative_by_condition`, a negative number in a
/// section a condition chose (read with its minus, with a note).
fn digits(
    f: f64,
    number: Option<NumberShape>,
    around: (&str, &str),
    zero_shown: bool,
    unsigned: bool,
    negative_by_condition: bool,
) -> (String, Option<CellNote>) {
    let (mut before, mut after) = around;
    let (mut minus, mut note) = (false, None);
    let g = if unsigned { -f } else { f };
    if unsigned {
        if let (Some(b), Some(a)) = (before.strip_suffix('('), after.strip_prefix(')')) {
            (before, after, minus) = (b.trim_end(), a.trim_start(), true);
        } else if before.ends_with(['-', '−']) {
            // the section writes its minus
        } else if let Some(a) = after.strip_prefix(['-', '−']) {
            (after, minus) = (a.trim_start(), true);
        } else {
            note = Some(CellNote::Unsigned {
                held: number_shown(f, None),
            });
        }
    } else if negative_by_condition {
        let why = "负数由条件（方括号内）选用的格式段显示，是否显示负号不能确定；按单元格存的值（带负号）读取";
        note = Some(CellNote::Unfollowed { why });
    }
    let dress = |digits: String| {
        let sign = if minus { "-" } else { "" };
        if before.is_empty() && after.is_empty() && !minus {
            digits
        } else {
            format!("{before}{sign}{digits}{after}")
        }
    };
    let digits_shown = match number {
        Some(_) => number_shown(g, number),
        None => general_shown(g),
    };
    if !zero_shown
        && digits_shown
            .trim_end_matches('%')
            .parse::<Decimal>()
            .is_ok_and(|d| d.is_zero())
    {
        // `#,###` and `??` show no digit for a zero: only the section's literal text
        let shown = format!("{before}{after}").trim().to_owned();
        return (number_shown(f, None), Some(CellNote::Literal { shown }));
    }
    let shown_text = dress(digits_shown);
    if note.is_some() {
        return (shown_text, note);
    }
    let percent_unit = number.is_some_and(|n| n.percent) || after.trim_start().starts_with('%');
    // a figure at the digits it holds (scaled as the format scales it)
    let held_digits = || {
        let held = dress(number_shown(
            g,
            number.map(|n| NumberShape {
                decimals: None,
                ..n
            }),
        ));
        let figure = |t: &str| {
            let t = t.strip_prefix(before).unwrap_or(t);
            let t = t.strip_suffix(after).unwrap_or(t);
            t.trim_end_matches('%').parse::<Decimal>().ok()
        };
        let same = figure(&held).is_some() && figure(&held) == figure(&shown_text);
        (!same).then_some(held)
    };
    if let Some(shape) = number
        && (shape.scale > 0 || shape.shift > 0)
        && f != 0.0
    {
        let held = number_shown(f, None);
        let by = scale_word(shape.scale.saturating_mul(3).saturating_add(shape.shift));
        // a scaled percentage follows the held-value rule of every percentage
        let (text, rounded) = match percent_unit.then(held_digits).flatten() {
            Some(read) => (read, Some(shown_text)),
            None => (shown_text, None),
        };
        let bang = shape.bang;
        return (
            text,
            Some(CellNote::Scaled {
                held,
                by,
                rounded,
                bang,
            }),
        );
    }
    if !percent_unit {
        // a figure that is no percentage reads as shown (scores are printed rounded and the
        // form's sums are of what it prints), named where it holds more digits: `99.6` in `0`
        // shows `100` and meets `≥100`, which the cell's value does not
        // — unless the two differ only past the twelfth significant digit, where a binary
        // float's own noise is (`50 ÷ 3` held as `16.6666666666667`, shown with 12 decimals)
        let note = held_digits()
            .filter(|held| !within_float_noise(held, &shown_text, before, after))
            .map(|held| CellNote::RoundedShown { held });
        return (shown_text, note);
    }
    match held_digits() {
        None => (shown_text, None),
        Some(held) => (held, Some(CellNote::Rounded(shown_text))),
    }
}

/// A cell in a time-only format: the time it shows (`0.5` in `h:mm` is `12:00`), with a
/// [`CellNote::TimeShown`] naming the value held; as before where the format shows it no time
/// (a negative value, text).
fn time_cell(value: &Data, time: &TimeShape) -> (String, Option<CellNote>) {
    let days = match value {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::DateTime(dt) => dt.as_f64(),
        // an `.ods` time cell (`PT00H00M04.5S`) in its own time style (`ods_formats`)
        Data::DurationIso(iso) => match super::time_format::iso_days(iso) {
            Some(days) => days,
            None => return (shown(value, None), None),
        },
        _ => return (shown(value, None), None),
    };
    match time.show(days) {
        Some(t) => (
            t.text,
            Some(CellNote::TimeShown {
                held: number_shown(days, None),
                duration: t.duration,
            }),
        ),
        None => (shown(value, None), None),
    }
}

/// An `.ods` time cell (`PT12H00M00S`) whose style gives no time format (its own is read as
/// any cell's: [`time_cell`]) as `12:00`, `0:00:04` where it shows seconds, with a
/// [`CellNote::TimeShown`]; `None` where it is no duration.
fn ods_time(iso: &str) -> Option<(String, Option<CellNote>)> {
    let days = super::time_format::iso_days(iso)?;
    let code = match ((days * 86_400.0).round() as i64) % 60 {
        0 => "[h]:mm",
        _ => "[h]:mm:ss",
    };
    let t = TimeShape::of(code)?.show(days)?;
    let note = CellNote::TimeShown {
        held: number_shown(days, None),
        duration: t.duration,
    };
    Some((t.text, Some(note)))
}

/// A cell in the General format (no format, `General`, `G/通用格式`): a number as Excel shows
/// it ([`general_shown`]), read so, with a [`CellNote::RoundedShown`] naming the value held
/// where that has more digits (beyond a float's own noise, as any figure shown rounded).
fn general(value: &Data) -> (String, Option<CellNote>) {
    let Data::Float(f) = value else {
        if let Data::DurationIso(iso) = value
            && let Some(read) = ods_time(iso)
        {
            return read;
        }
        return (shown(value, None), None);
    };
    let Some(d) = exact(*f) else {
        return (shown(value, None), None);
    };
    let held = d.normalize().to_string();
    let Some(r) = general_rounded(d) else {
        return (held, None);
    };
    let text = r.to_string();
    if within_float_noise(&held, &text, "", "") {
        return (held, None);
    }
    (text, Some(CellNote::RoundedShown { held }))
}

/// A number as Excel's General format shows it (see [`general_rounded`]).
pub(crate) fn general_shown(f: f64) -> String {
    match exact(f) {
        Some(d) => general_rounded(d).unwrap_or(d).normalize().to_string(),
        None => format!("{f}"),
    }
}

/// What Excel's General format shows of `d` where it shows fewer digits than `d` holds: at
/// most 11 characters (a minus sign aside), so 10 significant digits at most, 9 decimals
/// below 1 (`0.95999999999` shows `0.96`, π `3.141592654`), trailing zeros dropped. `None`
/// where it shows `d` whole, or past what 11 characters hold plainly (below 0.0001, from
/// 10^10 on: Excel writes `1.23457E+11`; read as held, as before).
fn general_rounded(d: Decimal) -> Option<Decimal> {
    let a = d.abs();
    if a.is_zero() || a < Decimal::new(1, 4) || a >= Decimal::new(10_000_000_000, 0) {
        return None;
    }
    let places = if a < Decimal::ONE {
        9
    } else {
        // 10 significant digits: the integer's digits (1 to 10) and the rest decimals
        let mut int_digits = 1;
        let mut t = a.trunc();
        while t >= Decimal::TEN {
            t /= Decimal::TEN;
            t = t.trunc();
            int_digits += 1;
        }
        10 - int_digits
    };
    if d.scale() <= places {
        return None;
    }
    let mut r = d
        .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    (r != d).then_some(r)
}

/// Whether a held and a shown figure (dressed in `before` … `after`) differ by less than a
/// millionth of a millionth of the held one: past the twelfth significant digit, which no form
/// prints and a binary float's rounding reaches.
fn within_float_noise(held: &str, shown: &str, before: &str, after: &str) -> bool {
    let figure = |t: &str| {
        let t = t.strip_prefix(before).unwrap_or(t);
        let t = t.strip_suffix(after).unwrap_or(t);
        t.parse::<Decimal>().ok()
    };
    let (Some(h), Some(s)) = (figure(held), figure(shown)) else {
        return false;
    };
    let gap = (h - s).abs();
    h.abs()
        .checked_mul(Decimal::new(1, 12))
        .is_some_and(|bound| gap < bound)
}

/// What a figure divided by 10^`power` counts: 十, 百, 千, 万, … 亿, else 10^n.
fn scale_word(power: u32) -> String {
    let word = match power {
        1 => "十",
        2 => "百",
        3 => "千",
        4 => "万",
        5 => "十万",
        6 => "百万",
        7 => "千万",
        8 => "亿",
        9 => "十亿",
        12 => "万亿",
        n => return format!("10^{n}"),
    };
    word.into()
}

/// The text of a cell as Excel shows it in a format of this shape (see the module docs).
pub(crate) fn shown(value: &Data, shape: Option<NumberShape>) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => number_shown(*f, shape),
        Data::Int(i) => number_shown(*i as f64, shape),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if h == 0 && mi == 0 && s == 0 {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}")
            }
        }
        Data::DateTimeIso(iso) => iso_shown(iso),
        other => other.to_string(),
    }
}

/// A strict-OOXML date cell (`t="d"`, `2023-07-15T00:00:00`) as a serial date in a date format
/// shows it: `2023-07-15`, with `THH:MM` where it has a time of day (it read as the text
/// `2023-07-15T00:00:00`, which no target compares with: 待评定 "实际值无法读取"). A text that
/// is not such a date (a time alone) is kept as written.
fn iso_shown(iso: &str) -> String {
    let b = iso.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return iso.to_owned();
    }
    let (date, time) = iso.split_at(10);
    let time = time.strip_prefix('T').unwrap_or(time);
    let midnight = time
        .trim_end_matches('Z')
        .bytes()
        .all(|c| matches!(c, b'0' | b':' | b'.'));
    match time.get(..5) {
        Some(hm) if !midnight && hm.as_bytes()[2] == b':' => format!("{date}T{hm}"),
        _ if midnight => date.to_owned(),
        _ => iso.to_owned(),
    }
}

/// A number: its shortest exact decimal, scaled by 100 with `%` for a percent format and
/// divided by 1 000 for each trailing comma, rounded half away from zero (as Excel rounds what
/// it shows) to the format's decimals.
pub(crate) fn number_shown(f: f64, shape: Option<NumberShape>) -> String {
    let Some(mut d) = exact(f) else {
        return format!("{f}");
    };
    let Some(shape) = shape else {
        return d.normalize().to_string();
    };
    if shape.percent {
        match d.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => d = p,
            None => return format!("{f}"),
        }
    }
    for _ in 0..shape.scale.min(10) {
        d /= Decimal::ONE_THOUSAND;
    }
    for _ in 0..shape.shift.min(15) {
        d /= Decimal::TEN;
    }
    // a decimal holds at most 28 places (fewer for a large figure): a format asking for more
    // (`0,,.` and 42 `?`, found by fuzzing) is shown to what it holds and padded with the
    // zeros Excel would show (`rescale` past 28 left a scale the decimal's printing could not
    // hold: a panic, exit 101)
    let mut padding = 0;
    let mut d = match shape.decimals {
        Some(dp) => {
            let held = dp.min(u32::from(MAX_DECIMAL_PLACES));
            let mut r = d.round_dp_with_strategy(held, RoundingStrategy::MidpointAwayFromZero);
            r.rescale(held);
            // a large figure holds fewer places still (50 to 27): the rest are zeros too
            padding = dp.saturating_sub(r.scale()) as usize;
            r
        }
        None => d.normalize(),
    };
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    let mut shown = d.to_string();
    if padding > 0 {
        if !shown.contains('.') {
            shown.push('.');
        }
        shown.extend(std::iter::repeat_n('0', padding));
    }
    if shape.percent {
        shown.push('%');
    }
    shown
}

/// The most decimal places a `Decimal` holds.
const MAX_DECIMAL_PLACES: u8 = 28;

/// The value Excel holds for `f`: its 15 significant digits (what Excel shows and computes
/// with; `0.1 + 0.2` stored as `0.30000000000000004` is `0.3`), exactly.
fn exact(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    Decimal::from_scientific(&format!("{f:.14e}"))
        .ok()
        .map(|d| d.normalize())
        .or_else(|| format!("{f}").parse::<Decimal>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strict_ooxml_date_cell_shows_as_a_serial_date_does() {
        for (iso, shown) in [
            ("2023-07-15T00:00:00", "2023-07-15"),
            ("2023-07-15", "2023-07-15"),
            ("2023-07-15T00:00:00.000Z", "2023-07-15"),
            ("2023-07-15T09:30:00", "2023-07-15T09:30"),
            ("09:30:00", "09:30:00"),
        ] {
            assert_eq!(iso_shown(iso), shown, "{iso}");
        }
    }

    #[test]
    fn general_shows_a_float_in_eleven_characters() {
        for (f, shown) in [
            (0.95999999999, "0.96"),
            (std::f64::consts::PI, "3.141592654"),
            (-std::f64::consts::PI, "-3.141592654"),
            (50.0 / 3.0, "16.66666667"),
            (123456.789012, "123456.789"),
            (0.000123456789012, "0.000123457"),
            (0.9999999999, "1"),
            (0.3, "0.3"),
            (12.5, "12.5"),
            (1234567890.5, "1234567891"),
            // past what 11 characters hold plainly (Excel: `1.23457E+11`): as held
            (123456789012.5, "123456789012.5"),
            (0.0000123, "0.0000123"),
        ] {
            assert_eq!(general_shown(f), shown, "{f}");
        }
        // read as shown where it holds more, the value held named
        assert_eq!(
            read_cell(&Data::Float(0.95999999999), None),
            (
                "0.96".to_owned(),
                Some(CellNote::RoundedShown {
                    held: "0.95999999999".into()
                })
            )
        );
        assert_eq!(
            read_cell(&Data::Float(0.96), None),
            ("0.96".to_owned(), None)
        );
    }

    #[test]
    fn libreoffices_bang_before_the_point_is_excels_literal_point() {
        // LibreOffice writes Excel's `0!.0000"万"` as `0\!.0000\万`
        for (code, shown) in [
            ("0\\!.0000\\万", "15.0000万"),
            ("0\\!.0,\\万", "15.0万"),
            ("#,##0\\!.0,\"万元\"", "15.0万元"),
            ("0\"!\".0000\"万\"", "15.0000万"),
        ] {
            let (text, note) = read(150000.0, code);
            assert_eq!(text, shown, "{code}");
            assert!(
                matches!(note, Some(CellNote::Scaled { bang: true, .. })),
                "{code}: {note:?}"
            );
        }
        // a `!` elsewhere is literal text, as before
        assert_eq!(read(5.0, "0\\!").0, "5!");
    }

    fn shape(code: &str) -> Option<NumberShape> {
        NumberShape::of(code)
    }

    fn read(value: f64, code: &str) -> (String, Option<CellNote>) {
        read_cell(&Data::Float(value), CellFormat::of(code).as_ref())
    }

    fn scaled(held: &str, by: &str) -> Option<CellNote> {
        Some(CellNote::Scaled {
            held: held.into(),
            by: by.into(),
            rounded: None,
            bang: false,
        })
    }

    #[test]
    fn a_format_asking_for_more_places_than_a_decimal_holds_is_padded_never_a_panic() {
        // fuzzing (H73): `0,,.` and 42 `?` panicked in the decimal's printing (exit 101)
        let code = format!("0,,.{}", "?".repeat(42));
        let places = 42 - "000000955".len();
        assert_eq!(
            number_shown(0.955, shape(&code)),
            format!("0.000000955{}", "0".repeat(places))
        );
        let code = format!("0.{}%", "0".repeat(40));
        assert_eq!(
            number_shown(0.5, shape(&code)),
            format!("50.{}%", "0".repeat(40))
        );
    }

    #[test]
    fn a_scaled_percentage_is_read_as_the_value_it_holds_as_every_percentage_is() {
        // the seventh probe: `955` in `#,##0,%` read the `96%` shown, where `0.955` in `0%`
        // reads `95.5%`: a scaled percentage follows the held-value rule, scaled as shown
        let rounded = |held: &str, shown: &str| {
            Some(CellNote::Scaled {
                held: held.into(),
                by: "千".into(),
                rounded: Some(shown.into()),
                bang: false,
            })
        };
        assert_eq!(
            read(955.0, "#,##0,%"),
            ("95.5%".into(), rounded("955", "96%"))
        );
        assert_eq!(
            read(0.955, "0%"),
            ("95.5%".into(), Some(CellNote::Rounded("96%".into())))
        );
        // shown whole, it is read as shown (scaled, and said so)
        assert_eq!(read(950.0, "#,##0,%"), ("95%".into(), scaled("950", "千")));
        assert_eq!(read(955.0, "0.0,%"), ("95.5%".into(), scaled("955", "千")));
        // literal text around it stays
        assert_eq!(
            read(955.0, "\"约\"0,%"),
            ("约95.5%".into(), rounded("955", "约96%"))
        );
        let (code, _, message, _) = rounded("955", "96%").expect("a note").finding("95.5%");
        assert_eq!(code.as_str(), "table.display-scaled");
        assert!(
            message.contains("显示为 96%") && message.contains("读取为 95.5%"),
            "{message}"
        );
    }

    #[test]
    fn number_formats_are_read_for_percent_decimals_and_scale() {
        let pct = |d| {
            Some(NumberShape {
                percent: true,
                decimals: Some(d),
                scale: 0,
                shift: 0,
                bang: false,
            })
        };
        let fixed = |d, scale| {
            Some(NumberShape {
                percent: false,
                decimals: Some(d),
                scale,
                shift: 0,
                bang: false,
            })
        };
        assert_eq!(shape("0%"), pct(0));
        assert_eq!(shape("0.00%"), pct(2));
        assert_eq!(shape("0.00"), fixed(2, 0));
        assert_eq!(shape("#,##0.00_ ;[Red]-#,##0.00"), fixed(2, 0));
        assert_eq!(shape("#,##0"), fixed(0, 0));
        assert_eq!(shape("\"约\"0.0\"%\""), fixed(1, 0));
        assert_eq!(shape("#,##0,"), fixed(0, 1));
        assert_eq!(shape("0.0,,"), fixed(1, 2));
        assert_eq!(shape("#,##0,\"千元\""), fixed(0, 1));
        assert_eq!(shape("0,.00"), fixed(2, 1));
        assert_eq!(shape("0\\,"), fixed(0, 0));
        assert_eq!(
            shape("_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)"),
            fixed(2, 0)
        );
        assert_eq!(shape("General"), None);
        assert_eq!(shape("G/通用格式"), None);
        assert_eq!(shape("@"), None);
        assert_eq!(shape("yyyy-mm-dd"), None);
        assert_eq!(shape("[h]:mm"), None);
        assert_eq!(shape("0.00E+00"), None);
        assert_eq!(shape("# ?/?"), None);
        // nothing to show but General: no format at all
        assert_eq!(CellFormat::of("General"), None);
        assert_eq!(CellFormat::of("@"), None);
        assert_eq!(CellFormat::of("_(@_)"), None);
        assert_eq!(CellFormat::of("yyyy-mm-dd"), None);
    }

    #[test]
    fn numbers_are_shown_as_their_format_shows_them() {
        assert_eq!(number_shown(0.96, shape("0%")), "96%");
        assert_eq!(number_shown(0.955, shape("0%")), "96%");
        assert_eq!(number_shown(0.9612, shape("0.00%")), "96.12%");
        assert_eq!(number_shown(1.0, shape("0.00%")), "100.00%");
        assert_eq!(number_shown(857.6, shape("0.00")), "857.60");
        assert_eq!(number_shown(857.6, None), "857.6");
        assert_eq!(number_shown(387664.62, shape("#,##0.00")), "387664.62");
        assert_eq!(number_shown(12.0, None), "12");
        assert_eq!(number_shown(-0.001, shape("0.00")), "0.00");
        assert_eq!(number_shown(1e-7, None), "0.0000001");
        // Excel's 15 significant digits, not the float's noise
        assert_eq!(number_shown(0.1 + 0.2, None), "0.3");
        assert_eq!(number_shown(123456.78901234567, None), "123456.789012346");
        // scaled by the trailing commas, then rounded half away from zero
        assert_eq!(number_shown(1234567.0, shape("#,##0,")), "1235");
        assert_eq!(number_shown(1234567.0, shape("0.0,,")), "1.2");
        assert_eq!(number_shown(-1500.0, shape("0,")), "-2");
        assert_eq!(number_shown(499.0, shape("0,")), "0");
    }

    #[test]
    fn a_scaled_figure_is_read_as_shown_with_the_value_it_holds_beside_it() {
        assert_eq!(
            read(1234567.0, "#,##0,"),
            ("1235".into(), scaled("1234567", "千"))
        );
        assert_eq!(
            read(1234567.0, "0.0,,"),
            ("1.2".into(), scaled("1234567", "百万"))
        );
        assert_eq!(
            read(1234567.0, "#,##0,\"千元\""),
            ("1235千元".into(), scaled("1234567", "千"))
        );
        assert_eq!(
            read(3e9, "0,,,"),
            ("3".into(), scaled("3000000000", "十亿"))
        );
        // zero is zero in any scale
        assert_eq!(read(0.0, "#,##0,"), ("0".into(), None));
        // a thousands separator is no scale
        assert_eq!(read(1234567.0, "#,##0"), ("1234567".into(), None));
    }

    #[test]
    fn literal_text_around_the_digits_is_part_of_what_is_shown() {
        assert_eq!(read(12.0, "0\"人\""), ("12人".into(), None));
        assert_eq!(read(12.0, "0人"), ("12人".into(), None));
        assert_eq!(read(857.6, "0.00\"万元\""), ("857.60万元".into(), None));
        assert_eq!(read(95.0, "\"约\"0.0\"%\""), ("约95.0%".into(), None));
        assert_eq!(read(12.0, "G/通用格式\"人\""), ("12人".into(), None));
        assert_eq!(read(12.5, "General\" 人\""), ("12.5 人".into(), None));
        assert_eq!(
            read(96.0, "0%\"以上\""),
            (
                "9600%以上".into(),
                Some(CellNote::PercentWhole { held: "96".into() })
            )
        );
        // a literal % makes a percentage without scaling it by 100
        assert_eq!(read(96.0, "0\"%\""), ("96%".into(), None));
        assert_eq!(read(96.0, "0\\%"), ("96%".into(), None));
        // and like a % format it keeps the digits the cell holds
        assert_eq!(
            read(95.5, "0\"%\""),
            ("95.5%".into(), Some(CellNote::Rounded("96%".into())))
        );
        // padding, fills and currencies show nothing
        assert_eq!(read(1234.5, "#,##0.00_ "), ("1234.50".into(), None));
        assert_eq!(read(1234.5, "_ ¥* #,##0.00_ "), ("1234.50".into(), None));
        assert_eq!(read(1234.5, "[$¥-804]#,##0.00"), ("1234.50".into(), None));
        assert_eq!(read(1234.5, "[Red][>100]0.0"), ("1234.5".into(), None));
        // text between the digits is not shown: the number is read as its digits
        assert_eq!(read(1234567.0, "000-0000"), ("1234567".into(), None));
        // the first section's text for every number, the sign from the value
        assert_eq!(read(-3.0, "0\"人\";-0\"人\""), ("-3人".into(), None));
    }

    #[test]
    fn text_cells_are_shown_through_the_text_section() {
        let text = |s: &str, code: &str| {
            read_cell(&Data::String(s.into()), CellFormat::of(code).as_ref()).0
        };
        assert_eq!(text("12", "@\"万元\""), "12万元");
        assert_eq!(text("12", "0.00;-0.00;0;\"共\"@\"人\""), "共12人");
        assert_eq!(text("12", "0\"人\""), "12");
        assert_eq!(text("12", "@"), "12");
        // a number in a format of a text section only is shown as General
        assert_eq!(read(12.5, "@\"万元\""), ("12.5".into(), None));
    }

    #[test]
    fn a_negative_number_is_shown_through_the_negative_section() {
        let unsigned = |held: &str| Some(CellNote::Unsigned { held: held.into() });
        // `0;0` drops the minus: read as shown, the value held beside it
        assert_eq!(read(-5.0, "0;0"), ("5".into(), unsigned("-5")));
        assert_eq!(read(-5.0, "0.0;[Red]0.0"), ("5.0".into(), unsigned("-5")));
        assert_eq!(read(5.0, "0;0"), ("5".into(), None));
        // the section's own minus, accountants' brackets, a trailing minus: a negative
        assert_eq!(read(-5.0, "0.0;[Red]-0.0"), ("-5.0".into(), None));
        assert_eq!(read(-5.0, "0;(0)"), ("-5".into(), None));
        assert_eq!(
            read(-1234.5, "#,##0.00_);[Red](#,##0.00)"),
            ("-1234.50".into(), None)
        );
        assert_eq!(read(-5.0, "0;0-"), ("-5".into(), None));
        assert_eq!(read(-5.0, "0\"人\";-0\"人\""), ("-5人".into(), None));
        // a negative section of other text says no minus either
        assert_eq!(
            read(-5.0, "0;\"减少\"0\"人\""),
            ("减少5人".into(), unsigned("-5"))
        );
        // one section: the minus is the value's
        assert_eq!(read(-5.0, "0.00"), ("-5.00".into(), None));
        // the negative section's shape, not the first's
        assert_eq!(read(-0.5, "0;-0.0%"), ("-50.0%".into(), None));
        // a scaled negative section still says what it holds
        assert_eq!(
            read(-1234567.0, "0;-#,##0,"),
            ("-1235".into(), scaled("-1234567", "千"))
        );
    }

    #[test]
    fn the_zero_section_and_literal_sections_read_the_value_held() {
        let literal = |shown: &str| {
            Some(CellNote::Literal {
                shown: shown.into(),
            })
        };
        assert_eq!(read(0.0, "0;-0;\"-\""), ("0".into(), literal("-")));
        assert_eq!(read(3.0, "0;-0;\"-\""), ("3".into(), None));
        assert_eq!(read(0.0, "0.00;-0.00;0.0"), ("0.0".into(), None));
        // the accounting format shows a zero as `-` (its `??` show no digit)
        let accounting = "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)";
        assert_eq!(read(0.0, accounting), ("0".into(), literal("-")));
        assert_eq!(read(-2.5, accounting), ("-2.50".into(), None));
        assert_eq!(read(2.5, accounting), ("2.50".into(), None));
        // `#,###` shows nothing for 0
        assert_eq!(read(0.0, "#,###"), ("0".into(), literal("")));
        assert_eq!(read(12.0, "#,###"), ("12".into(), None));
        // a section of text alone
        assert_eq!(read(1.0, "\"是\";\"否\""), ("1".into(), literal("是")));
        assert_eq!(read(-1.0, "\"是\";\"否\""), ("-1".into(), literal("否")));
    }

    #[test]
    fn a_hidden_value_is_read_as_empty_with_what_it_holds() {
        let hidden = |held: &str| Some(CellNote::Hidden { held: held.into() });
        let text =
            |s: &str, code: &str| read_cell(&Data::String(s.into()), CellFormat::of(code).as_ref());
        assert_eq!(read(96.5, ";;;"), ("".into(), hidden("96.5")));
        assert_eq!(text("已完成", ";;;"), ("".into(), hidden("已完成")));
        assert_eq!(read(-3.0, "0;;0"), ("".into(), hidden("-3")));
        assert_eq!(read(3.0, "0;;0"), ("3".into(), None));
        // `;;` hides numbers, not text
        assert_eq!(text("已完成", ";;"), ("已完成".into(), None));
        // a text section of text alone shows it in place of the cell's
        assert_eq!(
            text("已完成", "0;0;0;\"文本\""),
            (
                "已完成".into(),
                Some(CellNote::Literal {
                    shown: "文本".into()
                })
            )
        );
        assert_eq!(text("12", "0;0;0;\"文本\"@"), ("文本12".into(), None));
    }

    #[test]
    fn conditions_choose_the_section_as_excel_does() {
        let code = "[>100]0.0,\"万\";0";
        assert_eq!(
            read(150000.0, code),
            ("150.0万".into(), scaled("150000", "千"))
        );
        assert_eq!(read(50.0, code), ("50".into(), None));
        // a negative number in a section a condition chose: read with its minus, said so
        let (text, note) = read(-50.0, code);
        assert_eq!(text, "-50");
        assert!(
            matches!(note, Some(CellNote::Unfollowed { .. })),
            "{note:?}"
        );
        // both conditions given: the third section takes the rest
        let code = "[>=90]0\"优\";[>=60]0\"中\";0\"差\"";
        assert_eq!(read(95.0, code), ("95优".into(), None));
        assert_eq!(read(70.0, code), ("70中".into(), None));
        assert_eq!(read(10.0, code), ("10差".into(), None));
        // no section for the value (Excel's ####): the value held, said so
        let (text, note) = read(10.0, "[>=90]0;[>=60]0");
        assert_eq!(text, "10");
        assert!(
            matches!(note, Some(CellNote::Unfollowed { .. })),
            "{note:?}"
        );
        // a condition that does not read: not followed, said so
        let (text, note) = read(10.0, "[>abc]0.0,;0");
        assert_eq!(text, "10");
        assert!(
            matches!(note, Some(CellNote::Unfollowed { .. })),
            "{note:?}"
        );
        // colours and locales are no conditions
        assert_eq!(read(-5.0, "[Red][$-804]0;[Blue]-0"), ("-5".into(), None));
    }

    #[test]
    fn odd_codes_never_panic_and_read_some_text() {
        let codes = [
            "[",
            "]",
            "\"",
            "\\",
            ";",
            ";;;;;;",
            "[>",
            "[<=-]0",
            "[>1e400]0;0",
            "0;(",
            ")",
            "0;-",
            "(0;0",
            "[=]0",
            "[<>0]",
            "[>0];[<0];",
            "_",
            "*",
            "0;\"",
            "@;@;@;@",
            "0,;0,,;",
            "#;#;#",
            "?",
            "[Red]",
            "[>100]\"万\";[<-100]\"负\";0",
            "0.0.0",
            "%%%;%",
        ];
        let values = [
            0.0,
            -0.0,
            5.0,
            -5.0,
            1e300,
            -1e-300,
            f64::NAN,
            f64::INFINITY,
            150.0,
        ];
        for code in codes {
            let format = CellFormat::of(code);
            for v in values {
                let _ = read_cell(&Data::Float(v), format.as_ref());
            }
            let _ = read_cell(&Data::String("文".into()), format.as_ref());
            let _ = read_cell(&Data::Bool(true), format.as_ref());
        }
    }

    #[test]
    fn every_note_makes_a_finding_naming_what_the_cell_holds() {
        for (note, value, has) in [
            (CellNote::Unsigned { held: "-5".into() }, "5", "-5"),
            (
                CellNote::Hidden {
                    held: "96.5".into(),
                },
                "",
                "96.5",
            ),
            (CellNote::Literal { shown: "-".into() }, "0", "“-”"),
            (CellNote::Unfollowed { why: "原因" }, "10", "原因"),
        ] {
            let (code, _, message, _) = note.finding(value);
            assert!(code.as_str().starts_with("table.display-"), "{code}");
            assert!(message.contains(has), "{message}");
        }
    }

    #[test]
    fn a_percent_format_on_a_value_past_a_fraction_is_read_as_shown_with_a_warning() {
        // 96 typed into a `0.0%` cell shows 9600.0%: read as Excel shows it, said so
        let whole = |held: &str| Some(CellNote::PercentWhole { held: held.into() });
        assert_eq!(read(96.0, "0.0%"), ("9600.0%".into(), whole("96")));
        assert_eq!(read(96.5, "0%"), ("9650%".into(), whole("96.5")));
        assert_eq!(read(-3.0, "0.0%;-0.0%"), ("-300.0%".into(), whole("-3")));
        assert_eq!(read(2.0, "0%\"以上\""), ("200%以上".into(), whole("2")));
        // up to 150% a fraction it can be: no warning
        assert_eq!(read(1.5, "0%"), ("150%".into(), None));
        assert_eq!(read(0.96, "0.0%"), ("96.0%".into(), None));
        assert_eq!(read(1.2, "0%"), ("120%".into(), None));
        // a literal percent sign does not scale: 96 in `0"%"` is 96%
        assert_eq!(read(96.0, "0\"%\""), ("96%".into(), None));
        // a scaled percentage compares what it shows (955 in `0.0,%` is 95.5%)
        assert_eq!(read(955.0, "0.0,%"), ("95.5%".into(), scaled("955", "千")));
        let (code, severity, message, _) =
            CellNote::PercentWhole { held: "96".into() }.finding("9600.0%");
        assert_eq!(code.as_str(), "table.percent-format-whole-number");
        assert_eq!(severity, Severity::Warning);
        assert!(
            message.starts_with("单元格存 96，其百分比格式显示为 9600.0%"),
            "{message}"
        );
    }

    #[test]
    fn a_literal_point_among_the_digits_shows_ten_thousands_as_excel_does() {
        // the Chinese forms' 万: `0!.0000"万"` shows 150000 as 15.0000万 (the point a literal
        // among the integer digits), `0"."0,"万"` as 15.0万 (thousands, then a point)
        assert_eq!(
            read(150000.0, "0!.0000\"万\""),
            ("15.0000万".into(), scaled("150000", "万"))
        );
        assert_eq!(
            read(150000.0, "0\".\"0,\"万\""),
            ("15.0万".into(), scaled("150000", "万"))
        );
        assert_eq!(
            read(123456.7, "0\\.0000"),
            ("12.3457".into(), scaled("123456.7", "万"))
        );
        assert_eq!(
            read(-25000.0, "#!.0000\"万元\""),
            ("-2.5000万元".into(), scaled("-25000", "万"))
        );
        // the 亿 of eight places
        assert_eq!(
            read(350000000.0, "0!.00000000\"亿\""),
            ("3.50000000亿".into(), scaled("350000000", "亿"))
        );
        // other text among the digits is not shown, as before; nor a second point
        assert_eq!(read(1234567.0, "000-0000"), ("1234567".into(), None));
        assert_eq!(read(1234567.0, "0!.00!.00"), ("1234567".into(), None));
        assert_eq!(read(1234567.0, "0!.00.00"), ("1234567.00".into(), None));
        assert_eq!(read(0.0, "0!.0000\"万\""), ("0.0000万".into(), None));
    }

    #[test]
    fn a_rounded_percentage_is_read_as_the_value_it_holds() {
        let rounded = |s: &str| Some(CellNote::Rounded(s.into()));
        assert_eq!(read(0.895, "0%"), ("89.5%".into(), rounded("90%")));
        assert_eq!(read(0.96, "0%"), ("96%".into(), None));
        assert_eq!(read(1.0, "0.00%"), ("100.00%".into(), None));
        // a fixed-decimal number keeps what it shows (scores are printed as rounded), the
        // value held named
        let held = |s: &str| Some(CellNote::RoundedShown { held: s.into() });
        assert_eq!(read(9.3333, "0.00"), ("9.33".into(), held("9.3333")));
        assert_eq!(read(9.5, "0.00"), ("9.50".into(), None));
        // past the twelfth significant digit is a binary float's noise, not a rounding a form
        // shows
        let third = 50.0 / 3.0;
        assert_eq!(
            read(third, "0.000000000000"),
            ("16.666666666667".into(), None)
        );
        assert_eq!(
            read(third, "0.0000"),
            ("16.6667".into(), held("16.6666666666667"))
        );
    }
}
