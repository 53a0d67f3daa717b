//! The canonical printed form of a target: one spelling per meaning, accepted back by the parser.
//!
//! `>= 5180000 人`, `[90, 95] %`, `≈ 100 人`, `是`, `>= 计划`, `< 2023-09`, `>= 上年 + 10 %`,
//! `"正常开展"`.
//! Values are printed exactly, magnitudes applied, trailing zeros dropped (`28.40` → `28.4`).

use std::fmt;

use super::ast::{Quantity, Target};

fn write_quantity(f: &mut fmt::Formatter<'_>, q: &Quantity) -> fmt::Result {
    write!(f, "{}", q.value.normalize())?;
    if let Some(u) = &q.unit {
        write!(f, " {u}")?;
    }
    Ok(())
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Compare { op, quantity } => {
                write!(f, "{op} ")?;
                write_quantity(f, quantity)
            }
            Target::Range { low, high, unit } => {
                write!(
                    f,
                    "{}{}, {}{}",
                    if low.inclusive { '[' } else { '(' },
                    low.value.normalize(),
                    high.value.normalize(),
                    if high.inclusive { ']' } else { ')' },
                )?;
                if let Some(u) = unit {
                    write!(f, " {u}")?;
                }
                Ok(())
            }
            Target::Approximate { quantity } => {
                f.write_str("≈ ")?;
                write_quantity(f, quantity)
            }
            Target::Boolean { expected } => f.write_str(if *expected { "是" } else { "否" }),
            Target::Plan { op } => write!(f, "{op} 计划"),
            Target::Deadline { op, date } => write!(f, "{op} {date}"),
            Target::Relative { op, change, unit } => {
                write!(f, "{op} {}", super::lexicon::CANONICAL_BASE)?;
                if change.is_zero() && unit.is_none() {
                    return Ok(());
                }
                let sign = if change.is_sign_negative() && !change.is_zero() {
                    '-'
                } else {
                    '+'
                };
                write!(f, " {sign} {}", change.abs().normalize())?;
                if let Some(u) = unit {
                    write!(f, " {u}")?;
                }
                Ok(())
            }
            Target::Qualitative { text } => {
                f.write_str("\"")?;
                for c in text.chars() {
                    if matches!(c, '"' | '\\') {
                        f.write_str("\\")?;
                    }
                    write!(f, "{c}")?;
                }
                f.write_str("\"")
            }
            Target::Empty => Ok(()),
            Target::Error { message } => write!(f, "!{}", message.code()),
        }
    }
}

impl Target {
    /// The canonical form, or `None` for the kinds that have none (empty, error).
    pub fn canonical(&self) -> Option<String> {
        match self {
            Target::Empty | Target::Error { .. } => None,
            t => Some(t.to_string()),
        }
    }
}
