//! A workbook cell in a time-only format (`h:mm`, `[h]:mm`, `mm:ss`, `h"时"mm"分"`): the text
//! Excel shows (`0.5` in `h:mm` is `12:00`), for [`super::number_format::read_cell`], and the
//! duration it shows, for a target that is a time (`table::time_cells`).
//!
//! Decisions: only the first section is read; a code with a date part (`y`, `d`, a month `m`
//! neither after an hour nor before a second) or no hour, minute or second is none of these
//! (dates are `workbook::WrittenDate`'s and calamine's). Tenths, hundredths or thousandths of a
//! second after a second (`mm:ss.0`, `ss.00`, `[h]:mm:ss.000`: Excel shows three at most) are
//! shown, and the duration holds them (`00:04.5` is 4.5 秒); a `.` anywhere else is no time
//! format. The value, days and their fraction, is rounded to the second (to the fraction
//! shown, where one is), as Excel shows it; an hour that is not
//! elapsed (`h`, not `[h]`) drops whole days, as Excel does (`1.5` in `h:mm` shows `12:00`,
//! the note naming the value held). A 12-hour clock (`AM/PM`, `上午/下午`) shows a time of day,
//! never a duration. A negative value (Excel shows `####`) is not shown through the format.

use rust_decimal::Decimal;

/// One piece of a time format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Hours, minutes or seconds: which, whether elapsed (`[h]`), and the digits padded to.
    Field(Unit, bool, usize),
    /// `AM/PM` (its two texts) or `上午/下午`.
    Meridiem(&'static str, &'static str),
    /// The fraction of a second after a second (`.0`, `.00`, `.000`): its digits.
    Fraction(u32),
    Literal(String),
}

/// A field's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
}

impl Unit {
    /// Its seconds.
    pub(crate) fn seconds(self) -> i64 {
        match self {
            Unit::Second => 1,
            Unit::Minute => 60,
            Unit::Hour => 3600,
        }
    }

    /// Its name in a target (`秒`, `分钟`, `小时`).
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Unit::Second => "秒",
            Unit::Minute => "分钟",
            Unit::Hour => "小时",
        }
    }
}

/// A time-only format's first section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimeShape {
    parts: Vec<Part>,
}

/// A time shown: its text, and the duration it shows (seconds, exact with the fraction shown,
/// and the smallest unit shown; `None` for a time of day on a 12-hour clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimeShown {
    pub text: String,
    pub duration: Option<(Decimal, Unit)>,
}

impl TimeShape {
    /// The time-only format of `code`'s first section; `None` where it is no such format.
    pub(crate) fn of(code: &str) -> Option<TimeShape> {
        let first = code.split(';').next().unwrap_or("");
        let mut parts: Vec<Part> = Vec::new();
        let mut rest = first;
        let literal = |parts: &mut Vec<Part>, s: &str| match parts.last_mut() {
            Some(Part::Literal(l)) => l.push_str(s),
            _ => parts.push(Part::Literal(s.to_owned())),
        };
        while let Some(c) = rest.chars().next() {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("am/pm") {
                parts.push(Part::Meridiem("AM", "PM"));
                rest = &rest[5..];
                continue;
            }
            if lower.starts_with("a/p") {
                parts.push(Part::Meridiem("A", "P"));
                rest = &rest[3..];
                continue;
            }
            if let Some(after) = rest.strip_prefix("上午/下午") {
                parts.push(Part::Meridiem("上午", "下午"));
                rest = after;
                continue;
            }
            rest = &rest[c.len_utf8()..];
            match c.to_ascii_lowercase() {
                '"' => {
                    let end = rest.find('"').unwrap_or(rest.len());
                    literal(&mut parts, &rest[..end]);
                    rest = rest.get(end + 1..).unwrap_or("");
                }
                '\\' | '!' => {
                    let next = rest.chars().next()?;
                    literal(&mut parts, &rest[..next.len_utf8()]);
                    rest = &rest[next.len_utf8()..];
                }
                '_' | '*' => rest = rest.get(rest.chars().next()?.len_utf8()..)?,
                '[' => {
                    let end = rest.find(']')?;
                    let inside = rest[..end].to_ascii_lowercase();
                    rest = &rest[end + 1..];
                    // one letter repeated: an elapsed field (`[h]`, `[mm]`)
                    let first = inside.chars().next();
                    let unit = match first.filter(|f| inside.chars().all(|x| x == *f)) {
                        Some('h') => Unit::Hour,
                        Some('m') => Unit::Minute,
                        Some('s') => Unit::Second,
                        // letters of fields mixed (`[hm]`): none Excel shows
                        _ if inside.chars().all(|x| matches!(x, 'h' | 'm' | 's')) => return None,
                        // colours, locales (`[Red]`, `[Magenta]`, `[$-804]`, `[DBNum1]`) show
                        // no time
                        _ if !inside.starts_with(['<', '>', '=']) => continue,
                        _ => return None,
                    };
                    parts.push(Part::Field(unit, true, inside.len()));
                }
                'h' | 'm' | 's' => {
                    let run = rest
                        .chars()
                        .take_while(|x| x.eq_ignore_ascii_case(&c))
                        .count();
                    rest = &rest[run..];
                    let unit = match c.to_ascii_lowercase() {
                        'h' => Unit::Hour,
                        'm' => Unit::Minute,
                        _ => Unit::Second,
                    };
                    parts.push(Part::Field(unit, false, run + 1));
                }
                // tenths to thousandths of a second, after a second (`ss.0`)
                '.' if matches!(parts.last(), Some(Part::Field(Unit::Second, ..))) => {
                    let zeros = rest.bytes().take_while(|&b| b == b'0').count();
                    if !(1..=3).contains(&zeros) {
                        return None;
                    }
                    rest = &rest[zeros..];
                    parts.push(Part::Fraction(zeros as u32));
                }
                // a date, a fraction of a second, digits, text: no time-only format
                'y' | 'd' | 'e' | 'g' | 'b' | '.' | '0' | '#' | '?' | '@' | '%' | '/' => {
                    return None;
                }
                _ => {
                    let mut b = [0; 4];
                    literal(&mut parts, c.encode_utf8(&mut b));
                }
            }
        }
        // a minute `m` is one after an hour or before a second, or elapsed (`[mm]`); else a
        // month (a date)
        let fields: Vec<(Unit, bool)> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Field(u, elapsed, _) => Some((*u, *elapsed)),
                _ => None,
            })
            .collect();
        for (i, &(u, elapsed)) in fields.iter().enumerate() {
            let minute_ok = u != Unit::Minute
                || elapsed
                || (i > 0 && fields[i - 1].0 == Unit::Hour)
                || fields.get(i + 1).is_some_and(|f| f.0 == Unit::Second);
            if !minute_ok {
                return None;
            }
        }
        (!fields.is_empty()).then_some(TimeShape { parts })
    }

    /// The value `days` (days and their fraction) as the format shows it; `None` for a negative
    /// or non-finite one.
    pub(crate) fn show(&self, days: f64) -> Option<TimeShown> {
        if !days.is_finite() || !(0.0..=1.0e7).contains(&days) {
            return None;
        }
        // rounded to the fraction of a second shown (none: to the second)
        let places = self
            .parts
            .iter()
            .find_map(|p| match p {
                Part::Fraction(n) => Some(*n),
                _ => None,
            })
            .unwrap_or(0);
        let scale = 10i64.pow(places);
        let ticks = (days * 86_400.0 * scale as f64).round() as i64;
        let (total, fraction) = (ticks / scale, ticks % scale);
        let twelve = self.parts.iter().any(|p| matches!(p, Part::Meridiem(..)));
        let mut text = String::new();
        let (mut shown, mut smallest) = (0i64, Unit::Hour);
        for p in &self.parts {
            match p {
                Part::Field(unit, elapsed, width) => {
                    let n = match (unit, elapsed) {
                        (u, true) => total / u.seconds(),
                        (Unit::Hour, false) if twelve => match (total / 3600) % 12 {
                            0 => 12,
                            h => h,
                        },
                        (Unit::Hour, false) => (total / 3600) % 24,
                        (Unit::Minute, false) => (total / 60) % 60,
                        (Unit::Second, false) => total % 60,
                    };
                    text.push_str(&format!("{n:0width$}", width = (*width).min(2)));
                    shown += n * unit.seconds();
                    smallest = smallest.min(*unit);
                }
                Part::Fraction(n) => {
                    text.push_str(&format!(".{fraction:0width$}", width = *n as usize));
                }
                Part::Meridiem(am, pm) => {
                    text.push_str(if (total / 3600) % 24 < 12 { am } else { pm })
                }
                Part::Literal(l) => text.push_str(l),
            }
        }
        let seconds = Decimal::from(shown) + Decimal::new(fraction, places);
        Some(TimeShown {
            text: text.trim().to_owned(),
            duration: (!twelve).then_some((seconds, smallest)),
        })
    }
}

/// A duration of `seconds` as a target in `unit` would write it: in that unit where it is a
/// whole number or has at most two decimals (`12小时`, `12.5小时`), else in `smallest`, the
/// smallest unit the cell shows (`740分钟`, `4.5秒`).
pub(crate) fn duration_text(seconds: Decimal, unit: Unit, smallest: Unit) -> String {
    let d = seconds / Decimal::from(unit.seconds());
    let exact = d.round_dp(2) * Decimal::from(unit.seconds()) == seconds;
    match exact {
        true => format!("{}{}", d.round_dp(2).normalize(), unit.zh()),
        false => format!(
            "{}{}",
            (seconds / Decimal::from(smallest.seconds())).normalize(),
            smallest.zh()
        ),
    }
}

/// An `.ods` duration (`PT12H00M00S`, calamine's text of a time cell) as days, where it is one.
pub(crate) fn iso_days(iso: &str) -> Option<f64> {
    let rest = iso.strip_prefix("PT")?;
    let (h, rest) = rest.split_once('H')?;
    let (m, rest) = rest.split_once('M')?;
    let s = rest.strip_suffix('S')?;
    let (h, m, s): (f64, f64, f64) = (h.parse().ok()?, m.parse().ok()?, s.parse().ok()?);
    Some((h * 3600.0 + m * 60.0 + s) / 86_400.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(code: &str, days: f64) -> String {
        TimeShape::of(code).unwrap().show(days).unwrap().text
    }

    #[test]
    fn a_time_only_format_shows_as_excel_shows_it() {
        assert_eq!(shown("h:mm", 0.5), "12:00");
        assert_eq!(shown("h:mm", 1.5), "12:00");
        assert_eq!(shown("[h]:mm", 1.5), "36:00");
        assert_eq!(shown("mm:ss", 4.0 / 86_400.0), "00:04");
        assert_eq!(shown("h:mm;@", 25.0 / 1440.0), "0:25");
        assert_eq!(shown("hh:mm:ss", 8.25 / 24.0), "08:15:00");
        assert_eq!(shown("h\"时\"mm\"分\"", 8.25 / 24.0), "8时15分");
        assert_eq!(shown("[$-804]h:mm AM/PM", 13.5 / 24.0), "1:30 PM");
        assert_eq!(
            shown("上午/下午h\"时\"mm\"分\"", 8.25 / 24.0),
            "上午8时15分"
        );
        for date in [
            "yyyy-mm-dd",
            "m/d/yy h:mm",
            "mm",
            "0.00",
            "General",
            "h:mm.0",
            "ss.0000",
        ] {
            assert_eq!(TimeShape::of(date), None, "{date}");
        }
        // elapsed minutes alone; a colour whose name starts with a field's letter
        assert_eq!(shown("[mm]", 45.0 / 1440.0), "45");
        assert_eq!(shown("[Magenta]h:mm", 0.5), "12:00");
        assert_eq!(TimeShape::of("[hm]:ss"), None);
        let t = TimeShape::of("[h]:mm").unwrap().show(1.5).unwrap();
        assert_eq!(t.duration, Some((Decimal::from(36 * 3600), Unit::Minute)));
        assert_eq!(
            TimeShape::of("h:mm AM/PM")
                .unwrap()
                .show(0.5)
                .unwrap()
                .duration,
            None
        );
        let secs = |s: i64| Decimal::from(s);
        assert_eq!(
            duration_text(secs(12 * 3600), Unit::Hour, Unit::Minute),
            "12小时"
        );
        assert_eq!(
            duration_text(secs(45_000), Unit::Hour, Unit::Minute),
            "12.5小时"
        );
        assert_eq!(
            duration_text(secs(44_400), Unit::Hour, Unit::Minute),
            "740分钟"
        );
        assert_eq!(duration_text(secs(4), Unit::Second, Unit::Second), "4秒");
        assert_eq!(
            duration_text(Decimal::new(45, 1), Unit::Second, Unit::Second),
            "4.5秒"
        );
        assert_eq!(iso_days("PT36H00M00S"), Some(1.5));
    }

    #[test]
    fn tenths_of_a_second_are_shown_and_held_in_the_duration() {
        let at = |s: f64| s / 86_400.0;
        assert_eq!(shown("mm:ss.0", at(4.5)), "00:04.5");
        assert_eq!(shown("mm:ss.0", at(4.46)), "00:04.5");
        assert_eq!(shown("[h]:mm:ss.00", at(3725.25)), "1:02:05.25");
        assert_eq!(shown("ss.000", at(59.9996)), "00.000");
        let t = TimeShape::of("mm:ss.0").unwrap().show(at(4.5)).unwrap();
        assert_eq!(t.duration, Some((Decimal::new(45, 1), Unit::Second)));
    }
}
