//! How late a deadline was met (逾期), for the published methods that count it (contract §6, issue
//! 16): in calendar days (每延迟1天扣1分), in calendar months, or as a share of the planned time
//! (超计划时间占计划完成时间百分比).
//!
//! - **The deadline** is the last day the target allows: `2023年6月30日前` and `6月底前` → 30 June;
//!   `<` a month (`2023年12月前`) → the last day of the month before; `<` a day → the day before.
//! - **The completion date** is the actual's: `2023年7月10日`, `7月10日` (the year the table's or
//!   the target's). An actual written to the month (`7月`) is a whole month: its lateness in days
//!   is known only when the whole month is on time or the deadline is a month; otherwise it is
//!   not measured.
//! - **The planned time** runs from the first day of the period the target names
//!   (`2023年3月至6月` → 1 March; `第三季度` → 1 July) — or, where the target names no period, from
//!   1 January of the deadline's year — to the deadline, both days counted.
//!
//! Lateness that cannot be measured is never guessed: the caller sends the row to a person.

use rust_decimal::Decimal;

use crate::lang::{CalendarDate, Op};
use crate::rules::method::LateMeasure;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn day_number(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why lateness could not be measured, in Chinese (the note and the finding say it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmeasured {
    /// `已完成`, `是`: completion claimed without a date.
    NoDate,
    /// The completion date is a month and the deadline falls inside it or before it by days.
    MonthOnly,
    /// Neither date says its year.
    NoYear,
    /// `>=`, `>` deadlines (not before a date): lateness has no meaning.
    NotADeadline,
}

impl Unmeasured {
    pub fn zh(self) -> &'static str {
        match self {
            Unmeasured::NoDate => "实际值只说完成，未写完成日期",
            Unmeasured::MonthOnly => "完成日期只写到月份，逾期天数无法确定",
            Unmeasured::NoYear => "目标和完成日期都没有年份，无法计算天数",
            Unmeasured::NotADeadline => "目标不是“某日前完成”的时限",
        }
    }
}

/// A deadline and a completion, as day numbers.
#[derive(Debug, Clone, Copy)]
pub struct Lateness {
    /// The last day on time.
    deadline: i64,
    /// The first day of the planned time.
    planned_from: i64,
    /// The completion: its first and last possible day (equal for a day).
    done: (i64, i64),
    /// Year × 12 + month of the deadline and of the completion.
    deadline_month: i64,
    done_month: i64,
}

impl Lateness {
    /// The lateness of `done` against the deadline `op date`, the planned time starting at
    /// `planned_from` (the period the target names) or 1 January of the deadline's year.
    pub fn new(
        op: Op,
        date: CalendarDate,
        done: CalendarDate,
        planned_from: Option<CalendarDate>,
    ) -> Result<Lateness, Unmeasured> {
        if matches!(op, Op::Ge | Op::Gt) {
            return Err(Unmeasured::NotADeadline);
        }
        let year = date.year.or(done.year).ok_or(Unmeasured::NoYear)? as i64;
        let done_year = done.year.map_or(year, i64::from);
        let month = u32::from(date.month);
        // the last day on time
        let deadline = match (op, date.day) {
            (Op::Lt, Some(d)) => day_number(year, month, u32::from(d)) - 1,
            (Op::Lt, None) => day_number(year, month, 1) - 1,
            (_, Some(d)) => day_number(year, month, u32::from(d)),
            (_, None) => day_number(year, month, days_in_month(year, month)),
        };
        let dm = u32::from(done.month);
        let done = match done.day {
            Some(d) => {
                let n = day_number(done_year, dm, u32::from(d));
                (n, n)
            }
            None => (
                day_number(done_year, dm, 1),
                day_number(done_year, dm, days_in_month(done_year, dm)),
            ),
        };
        let planned_from = match planned_from {
            Some(p) => day_number(
                p.year.map_or(year, i64::from),
                u32::from(p.month),
                u32::from(p.day.unwrap_or(1)),
            ),
            None => day_number(year, 1, 1),
        };
        // the month of the deadline as `late_penalty` counts: `< 12月` is November's end
        let (dl_year, dl_month) = match (op, date.day) {
            (Op::Lt, None) if month == 1 => (year - 1, 12),
            (Op::Lt, None) => (year, month - 1),
            _ => (year, month),
        };
        Ok(Lateness {
            deadline,
            planned_from,
            done,
            deadline_month: dl_year * 12 + dl_month as i64,
            done_month: done_year * 12 + dm as i64,
        })
    }

    /// Days of the planned time (both ends counted).
    pub fn planned_days(&self) -> i64 {
        self.deadline - self.planned_from + 1
    }

    /// Whole days late, where the completion date allows.
    pub fn days(&self) -> Result<i64, Unmeasured> {
        let lo = (self.done.0 - self.deadline).max(0);
        let hi = (self.done.1 - self.deadline).max(0);
        if lo == hi {
            Ok(lo)
        } else {
            Err(Unmeasured::MonthOnly)
        }
    }

    /// Lateness in `measure`.
    pub fn measure(&self, measure: LateMeasure) -> Result<Decimal, Unmeasured> {
        match measure {
            LateMeasure::Days => self.days().map(Decimal::from),
            LateMeasure::Share => {
                let days = self.days()?;
                let planned = self.planned_days();
                if planned <= 0 {
                    return Err(Unmeasured::NotADeadline);
                }
                Ok(Decimal::from(days) / Decimal::from(planned))
            }
            LateMeasure::Months => {
                if self.done.1 <= self.deadline {
                    Ok(Decimal::ZERO)
                } else if self.done.0 > self.deadline {
                    Ok(Decimal::from(
                        (self.done_month - self.deadline_month).max(1),
                    ))
                } else {
                    Err(Unmeasured::MonthOnly)
                }
            }
        }
    }
}

/// Words that say the work was done on time without a date (`按期完成`): lateness 0.
pub const ON_TIME_WORDS: &[&str] = &[
    "按期完成",
    "按时完成",
    "及时完成",
    "如期完成",
    "已按期完成",
    "已按时完成",
    "按计划完成",
    "提前完成",
    "已提前完成",
    "准时完成",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: Option<u8>) -> CalendarDate {
        CalendarDate {
            year: Some(y),
            month: m,
            day,
        }
    }

    #[test]
    fn days_from_the_deadline() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2024, 3, 1) - day_number(2024, 2, 28), 2);
        // by the end of June, done 10 July: 10 days
        let l = Lateness::new(Op::Le, d(2023, 6, None), d(2023, 7, Some(10)), None).unwrap();
        assert_eq!(l.days(), Ok(10));
        // the planned time, 1 January to 30 June 2023: 181 days
        assert_eq!(l.planned_days(), 181);
        assert_eq!(l.measure(LateMeasure::Months), Ok(Decimal::ONE));
        // before December: 30 November is the last day
        let l = Lateness::new(Op::Lt, d(2023, 12, None), d(2023, 12, Some(1)), None).unwrap();
        assert_eq!(l.days(), Ok(1));
        assert_eq!(l.measure(LateMeasure::Months), Ok(Decimal::ONE));
        // a period from March: 1 March to 30 June, 122 days
        let l = Lateness::new(
            Op::Le,
            d(2023, 6, None),
            d(2023, 6, Some(2)),
            Some(d(2023, 3, None)),
        )
        .unwrap();
        assert_eq!(l.planned_days(), 122);
        assert_eq!(l.days(), Ok(0));
    }

    #[test]
    fn a_month_is_measured_only_where_it_tells() {
        // done in July against 30 June: between 1 and 31 days
        let l = Lateness::new(Op::Le, d(2023, 6, Some(30)), d(2023, 7, None), None).unwrap();
        assert_eq!(l.days(), Err(Unmeasured::MonthOnly));
        // … but one month late in months
        assert_eq!(l.measure(LateMeasure::Months), Ok(Decimal::ONE));
        // done in May against 30 June: on time
        let l = Lateness::new(Op::Le, d(2023, 6, Some(30)), d(2023, 5, None), None).unwrap();
        assert_eq!(l.days(), Ok(0));
        // done in June against 15 June: unknown in days and in months
        let l = Lateness::new(Op::Le, d(2023, 6, Some(15)), d(2023, 6, None), None).unwrap();
        assert_eq!(l.measure(LateMeasure::Months), Err(Unmeasured::MonthOnly));
        assert_eq!(
            Lateness::new(Op::Ge, d(2023, 6, None), d(2023, 6, None), None).unwrap_err(),
            Unmeasured::NotADeadline
        );
    }
}
