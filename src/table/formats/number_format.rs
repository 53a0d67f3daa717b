//! A workbook cell's number format code (`0.00%`, `#,##0,`, `0"人"`, `@"万元"`) and the text a
//! cell shows through it: what a form's reader sees is what the unit published.
//!
//! Owns the reading of a format code's first section (the one positive numbers use) into
//! [`NumberShape`] (a percentage or not, the decimals shown, the thousands it is scaled by) and
//! the literal text around the digits ([`CellFormat`]), and of its text section (`@`) for
//! cells holding text. Decisions where Excel's documentation leaves a reader to choose:
//! - **A trailing comma scales**: a comma after the last digit placeholder (`#,##0,`,
//!   `0.0,,`) divides by 1 000 for each comma, as Excel shows it (1234567 in `#,##0,` is
//!   `1,235`). The cell is read **as shown** (`1235`), and a `table.display-scaled` warning at
//!   the cell gives the value it holds: whether the published figure is in thousands is the
//!   form's to say (a header `（千元）`), not the format's.
//! - **Literal text** (`"人"`, `\%`, and unquoted characters that are no format code, as
//!   `元`) before or after the digits is part of the text shown (`12人`), so the
//!   actual carries the unit the sheet shows rather than taking the target's. A literal `%`
//!   after the digits (`0"%"`, `0\%`) makes the figure a percentage without scaling it by 100,
//!   and like a `%` format it is read as the value the cell holds where the format shows fewer
//!   decimals (`table.display-rounded`). Literal text **between** digit placeholders
//!   (`000-0000`) is not shown: the number is read as its digits, as before.
//! - `General` and the Chinese Excel's `G/通用格式` are the number as it is (15 significant
//!   digits); `_x` (a space the width of `x`) and `*x` (a fill) show nothing; colours,
//!   conditions and locales in brackets (`[Red]`, `[>100]`, `[$-804]`, `[DBNum1]`) show
//!   nothing; nor does a currency (`$`, `¥`, `[$¥-804]`): it says money, not which unit, and
//!   an amount written `¥1,234.00` would no longer read as one. Spaces at the outer ends of
//!   the literal text are padding, not text.
//! - **Text cells** are shown through the format's text section (the fourth, or the one
//!   holding `@`): `@"万元"` shows `12` as `12万元`. A number in a format whose only section is
//!   a text section is shown as General, as Excel shows it.
//! - Only the first section is applied to numbers: a negative number is shown with its minus
//!   sign and the first section's text, zero likewise (a format whose negative section drops
//!   the sign, `0;0`, is not followed). Dates, times, fractions and scientific formats show no
//!   plain number here (`None`): dates are `workbook::WrittenDate`'s and calamine's.

use calamine::Data;
use rust_decimal::{Decimal, RoundingStrategy};

/// What a number format does to the digits shown: a percentage or not, how many decimals
/// (`None`: as many as the value has, as the General format shows them), and how many times
/// the value is divided by 1 000 (the trailing commas of `#,##0,`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberShape {
    pub percent: bool,
    pub decimals: Option<u32>,
    pub scale: u32,
}

impl NumberShape {
    /// Reads the first section of an Excel format code (`0.00%`, `#,##0.00_ ;[Red]-#,##0.00`).
    /// `None` for General, text and formats that show no plain number (scientific, fractions,
    /// dates: calamine reads dates itself).
    pub fn of(code: &str) -> Option<NumberShape> {
        CellFormat::of(code).and_then(|f| f.number)
    }
}

/// A format code as it shows a cell: the number's shape and the literal text around it, and
/// the text section's literal text around a text cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellFormat {
    /// The digits' shape; `None` where the number is shown as General.
    number: Option<NumberShape>,
    /// Literal text before and after the digits (`"约"`, `"人"`).
    before: String,
    after: String,
    /// The text section's literal text before and after `@`, where there is one.
    text: Option<(String, String)>,
}

/// One piece of a format section.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// `0`, `#`, `?`.
    Digit,
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
}

/// A note on a cell whose text read is not simply what the sheet shows, or not what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CellNote {
    /// The text read is the value the cell holds; the sheet shows this (a rounded percentage).
    Rounded(String),
    /// The text read is what the sheet shows, scaled by the format; the cell holds `held`.
    Scaled {
        held: String,
        /// 千, 百万, 十亿 …: what the shown figure counts.
        by: String,
    },
}

impl CellFormat {
    /// The format `code`, where it shows a cell otherwise than General (`None`: General, or a
    /// format that shows no plain number and no text section).
    pub fn of(code: &str) -> Option<CellFormat> {
        let sections = split_sections(code);
        let text_at = sections
            .iter()
            .position(|s| tokens(s).contains(&Token::Text))
            .or((sections.len() >= 4).then_some(3));
        let text = text_at.map(|i| around_text(&tokens(sections[i])));
        let first = match text_at {
            Some(0) => Vec::new(),
            _ => tokens(sections.first().copied().unwrap_or("")),
        };
        let (number, before, after) = number_part(&first).unwrap_or_default();
        let plain_text = text
            .as_ref()
            .is_none_or(|(b, a)| b.is_empty() && a.is_empty());
        if number.is_none() && before.is_empty() && after.is_empty() && plain_text {
            return None;
        }
        Some(CellFormat {
            number,
            before,
            after,
            text: text.filter(|_| !plain_text),
        })
    }

    /// The shown figure is a percentage: a `%` format, or a literal `%` after the digits.
    fn percent_unit(&self) -> bool {
        self.number.is_some_and(|n| n.percent) || self.after.trim_start().starts_with('%')
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
            '\\' | '_' | '*' if !quoted && !bracket => escaped = true,
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
            '\\' => {
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
                }
            }
            '0' | '#' | '?' => out.push(Token::Digit),
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
    for t in tokens {
        match t {
            Token::Literal(l) if digits || general => pending.push_str(l),
            Token::Literal(l) => before.push_str(l),
            Token::Digit => {
                interleaved |= !pending.is_empty();
                digits = true;
                commas = 0;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            Token::Point if decimals.is_none() => {
                interleaved |= !pending.is_empty();
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
    });
    Some((number, before, after))
}

/// The text of a cell as read (contract §4.5) through its format: as Excel shows it, except a
/// percentage whose value holds more digits than its format shows — then the value it holds
/// (`0.895` formatted `0%` is `89.5%`), with what Excel shows beside it (`90%`) for a note; and
/// a scaled figure is read as shown, with the value it holds beside it.
pub(crate) fn read_cell(value: &Data, format: Option<&CellFormat>) -> (String, Option<CellNote>) {
    let Some(format) = format else {
        return (shown(value, None), None);
    };
    let f = match value {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::String(s) => {
            let text = match &format.text {
                Some((b, a)) => format!("{b}{s}{a}"),
                None => s.clone(),
            };
            return (text, None);
        }
        _ => return (shown(value, format.number), None),
    };
    let dress = |digits: String| {
        if format.before.is_empty() && format.after.is_empty() {
            digits
        } else {
            format!("{}{digits}{}", format.before, format.after)
        }
    };
    let shown_text = dress(number_shown(f, format.number));
    if let Some(shape) = format.number
        && shape.scale > 0
        && f != 0.0
    {
        let held = number_shown(f, None);
        let by = scale_word(shape.scale);
        return (shown_text, Some(CellNote::Scaled { held, by }));
    }
    if !format.percent_unit() {
        return (shown_text, None);
    }
    let held = dress(number_shown(
        f,
        format.number.map(|n| NumberShape {
            decimals: None,
            ..n
        }),
    ));
    let figure = |t: &str| {
        let t = t.strip_prefix(format.before.as_str()).unwrap_or(t);
        let t = t.strip_suffix(format.after.as_str()).unwrap_or(t);
        t.trim_end_matches('%').parse::<Decimal>().ok()
    };
    if figure(&held).is_some() && figure(&held) == figure(&shown_text) {
        (shown_text, None)
    } else {
        (held, Some(CellNote::Rounded(shown_text)))
    }
}

/// What a figure scaled `scale` times by 1 000 counts: 千, 百万, 十亿, else 10^n.
fn scale_word(scale: u32) -> String {
    match scale {
        1 => "千".into(),
        2 => "百万".into(),
        3 => "十亿".into(),
        n => format!("10^{}", n.saturating_mul(3)),
    }
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
        other => other.to_string(),
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
    let mut d = match shape.decimals {
        Some(dp) => {
            let mut r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
            r.rescale(dp);
            r
        }
        None => d.normalize(),
    };
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    if shape.percent {
        format!("{d}%")
    } else {
        d.to_string()
    }
}

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
        })
    }

    #[test]
    fn number_formats_are_read_for_percent_decimals_and_scale() {
        let pct = |d| {
            Some(NumberShape {
                percent: true,
                decimals: Some(d),
                scale: 0,
            })
        };
        let fixed = |d, scale| {
            Some(NumberShape {
                percent: false,
                decimals: Some(d),
                scale,
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
        assert_eq!(read(96.0, "0%\"以上\""), ("9600%以上".into(), None));
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
    fn a_rounded_percentage_is_read_as_the_value_it_holds() {
        let rounded = |s: &str| Some(CellNote::Rounded(s.into()));
        assert_eq!(read(0.895, "0%"), ("89.5%".into(), rounded("90%")));
        assert_eq!(read(0.96, "0%"), ("96%".into(), None));
        assert_eq!(read(1.0, "0.00%"), ("100.00%".into(), None));
        // a fixed-decimal number keeps what it shows (scores are printed as rounded)
        assert_eq!(read(9.3333, "0.00"), ("9.33".into(), None));
    }
}
