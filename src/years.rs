//! The years jixiao accepts for a target without its own year (`--year` on the command line,
//! 年度 on the page, `?year=` in the web API): one range and one reading, below both doors.
//! A five-digit `20233` is a typo, not a year to score deadlines by, so it is refused rather
//! than taken.

use std::ops::RangeInclusive;

/// The years accepted.
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// A year from [`YEARS`], or why not (in Chinese).
pub fn parse(text: &str) -> Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(y) if YEARS.contains(&y) => Ok(y),
        _ => Err(format!(
            "年度应是 {} 到 {} 之间的四位数年份，如 2023",
            YEARS.start(),
            YEARS.end()
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_year_in_range_is_read_and_others_are_refused() {
        assert_eq!(super::parse(" 2023 "), Ok(2023));
        assert_eq!(super::parse("1900"), Ok(1900));
        for bad in ["1899", "2101", "20233", "二〇二三", ""] {
            assert!(super::parse(bad).is_err(), "{bad}");
        }
    }
}
