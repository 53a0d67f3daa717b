//! Which characters a target holds, found in one pass over it, so that each reader is tried only
//! where a character it needs is there: a plain `≥95%` never enters the plan, deadline, period,
//! relative or yes/no-question readers, and its text is not copied to fold traditional
//! characters.
//!
//! Each mark stands for "the text holds one of these characters" (of the simplified text: a
//! traditional character counts as its simplified form), so a gate on a mark answers exactly
//! what `body.contains([...])` answered before. No marked character is whitespace or trailing
//! punctuation (`tests::no_mark_is_trimmed`), so the marks of a whole target are the marks of
//! its trimmed body too.

use crate::lang::lexicon;

/// A set of marks (bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Marks(u32);

impl Marks {
    /// A digit (ASCII, full-width), a Chinese digit or a place unit below 万 (`十百千`): where
    /// a number may be written (the old `has_number`).
    pub const NUMBER: Marks = Marks(1);
    /// A traditional character: the text needs a simplified copy.
    pub const TRADITIONAL: Marks = Marks(1 << 1);
    /// `计` or `进`, the first characters of `计划` and `进度`.
    pub const PLAN: Marks = Marks(1 << 2);
    /// `月`.
    pub const MONTH: Marks = Marks(1 << 3);
    /// `年`.
    pub const YEAR: Marks = Marks(1 << 4);
    /// `底` or `末`.
    pub const END: Marks = Marks(1 << 5);
    /// `-`.
    pub const DASH: Marks = Marks(1 << 6);
    /// `季`.
    pub const QUARTER: Marks = Marks(1 << 7);
    /// `上` or `去`: with [`Marks::YEAR`], where `上年` or `去年` may be written (`上` alone is
    /// in every `以上`).
    pub const LAST: Marks = Marks(1 << 8);
    /// `是`, `有`, `能` or `可`: the first characters of the yes/no questions
    /// ([`lexicon::YES_NO_QUESTION`]).
    pub const QUESTION: Marks = Marks(1 << 9);
    /// One of the distributive words' first characters (`分别`, `各`, `均`, `都`).
    pub const DISTRIBUTIVE: Marks = Marks(1 << 10);
    /// `同`, where `同比` may be written.
    pub const SAME: Marks = Marks(1 << 11);
    /// `余`, `多` or `来`, written between a count and its unit (`100余人`, `100多人`, `100来人`).
    pub const LOOSE: Marks = Marks(1 << 12);

    /// Every mark (every gate open).
    #[cfg(test)]
    pub const ALL: Marks = Marks(u32::MAX);

    /// The marks of `text`: ASCII by a small match, a character of U+4E00..U+9FFF (three
    /// bytes, read in place) by one look into a table of its marks ([`IDEOGRAPH_MARKS`]), anything
    /// else by [`Marks::of_char`]. Run for every target: out of line in the parse hot section
    /// (inlined, it was a closure's code outside the block, `src/lang/mod.rs`).
    #[inline(never)]
    #[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
    pub fn of(text: &str) -> Marks {
        let b = text.as_bytes();
        let mut m = 0;
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                m |= match x {
                    b'0'..=b'9' => Self::NUMBER.0,
                    b'-' => Self::DASH.0,
                    _ => 0,
                };
                i += 1;
            } else if (0xE4..=0xE9).contains(&x) && i + 2 < b.len() {
                // U+4000..U+9FFF: a lead byte and two continuation bytes (the text is UTF-8)
                let u = (u32::from(x & 0x0F) << 12)
                    | (u32::from(b[i + 1] & 0x3F) << 6)
                    | u32::from(b[i + 2] & 0x3F);
                i += 3;
                let k = u.wrapping_sub(IDEOGRAPHS) as usize;
                if let Some(&marks) = IDEOGRAPH_MARKS.get(k) {
                    m |= u32::from(marks);
                } else if let Some(c) = char::from_u32(u) {
                    m |= Self::of_char(c);
                }
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                m |= Self::of_char(c);
            }
        }
        Marks(m)
    }

    /// The marks of one non-ASCII character, traditional or not.
    fn of_char(c: char) -> u32 {
        if lexicon::is_traditional(c) {
            Self::TRADITIONAL.0 | Self::of_other(lexicon::simplify(c))
        } else {
            Self::of_other(c)
        }
    }

    /// The marks of one non-ASCII (simplified) character.
    #[cfg_attr(target_os = "linux", unsafe(link_section = ".text.hot.jixiao"))]
    const fn of_other(c: char) -> u32 {
        match c {
            '计' | '进' => Self::PLAN.0,
            '月' => Self::MONTH.0,
            '年' => Self::YEAR.0,
            '底' | '末' => Self::END.0,
            '季' => Self::QUARTER.0,
            '上' | '去' => Self::LAST.0,
            '同' => Self::SAME.0,
            '余' | '多' | '来' => Self::LOOSE.0,
            '是' | '有' | '能' | '可' => Self::QUESTION.0,
            '分' | '各' | '均' | '都' => Self::DISTRIBUTIVE.0,
            _ if lexicon::digit_value(c).is_some()
                || lexicon::cn_digit(c).is_some()
                || lexicon::cn_small_unit(c).is_some() =>
            {
                Self::NUMBER.0
            }
            _ => 0,
        }
    }

    /// Whether any of `marks` is set.
    pub fn any(self, marks: Marks) -> bool {
        self.0 & marks.0 != 0
    }
}

/// The first character of [`IDEOGRAPH_MARKS`].
const IDEOGRAPHS: u32 = 0x4E00;

/// The marks of each character of U+4E00..U+A000 (the CJK unified ideographs, where every
/// traditional character lies), [`Marks::of_char`] worked out when the crate is compiled: one
/// load a character, where a bit table of the characters that carry a mark sent those to
/// `of_char` (a third of a plain target's marking).
static IDEOGRAPH_MARKS: [u16; 0x5200] = {
    let mut marks = [0u16; 0x5200];
    let mut i = 0;
    while i < marks.len() {
        if let Some(c) = char::from_u32(IDEOGRAPHS + i as u32) {
            let simplified = lexicon::simplified_of(c);
            let mut m = Marks::of_other(simplified);
            if simplified as u32 != c as u32 {
                m |= Marks::TRADITIONAL.0;
            }
            assert!(m <= u16::MAX as u32, "every mark fits in 16 bits");
            marks[i] = m as u16;
        }
        i += 1;
    }
    marks
};

impl std::ops::BitOr for Marks {
    type Output = Marks;
    fn bitor(self, other: Marks) -> Marks {
        Marks(self.0 | other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character that carries a mark, with its mark.
    fn marked() -> Vec<(char, Marks)> {
        (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .map(|c| (c, Marks::of(&c.to_string())))
            .filter(|(_, m)| *m != Marks(0))
            .collect()
    }

    #[test]
    fn no_mark_is_trimmed() {
        for (c, _) in marked() {
            assert!(
                !c.is_whitespace() && !lexicon::is_trailing_punct(c),
                "{c} is trimmed"
            );
        }
    }

    /// Each mark is exactly what the checks it replaces looked for.
    #[test]
    fn marks_are_the_characters_they_stand_for() {
        let has_number = |c: char| {
            lexicon::digit_value(c).is_some()
                || lexicon::cn_digit(c).is_some()
                || lexicon::cn_small_unit(c).is_some()
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let m = Marks::of(&c.to_string());
            let s = lexicon::simplify(c);
            assert_eq!(m.any(Marks::NUMBER), has_number(s), "{c}");
            assert_eq!(m.any(Marks::TRADITIONAL), s != c, "{c}");
            assert_eq!(m.any(Marks::PLAN), "计进".contains(s), "{c}");
            assert_eq!(m.any(Marks::MONTH), s == '月', "{c}");
            assert_eq!(m.any(Marks::YEAR), s == '年', "{c}");
            assert_eq!(m.any(Marks::END), "底末".contains(s), "{c}");
            assert_eq!(m.any(Marks::DASH), s == '-', "{c}");
            assert_eq!(m.any(Marks::QUARTER), s == '季', "{c}");
            assert_eq!(m.any(Marks::LOOSE), "余多来".contains(s), "{c}");
            assert_eq!(m.any(Marks::LAST), "上去".contains(s), "{c}");
            assert_eq!(m.any(Marks::SAME), s == '同', "{c}");
            assert_eq!(m.any(Marks::QUESTION), "是有能可".contains(s), "{c}");
            assert_eq!(m.any(Marks::DISTRIBUTIVE), "分各均都".contains(s), "{c}");
        }
        for q in lexicon::YES_NO_QUESTION {
            let first = q.chars().next().expect("a word");
            assert!(Marks::of(&first.to_string()).any(Marks::QUESTION), "{q}");
        }
        for d in lexicon::DISTRIBUTIVE {
            let first = d.chars().next().expect("a word");
            assert!(
                Marks::of(&first.to_string()).any(Marks::DISTRIBUTIVE),
                "{d}"
            );
        }
        for w in ["计划", "进度"] {
            assert!(Marks::of(w).any(Marks::PLAN), "{w}");
        }
        for w in [lexicon::CANONICAL_BASE, "去年"] {
            assert!(
                Marks::of(w).any(Marks::LAST) && Marks::of(w).any(Marks::YEAR),
                "{w}"
            );
        }
        assert!(Marks::of("同比").any(Marks::SAME));
    }

    /// A text's marks are its characters' marks together.
    #[test]
    fn marks_of_a_text_are_its_characters_marks() {
        let text = "2023年第三季度末前完成計劃，同比上升-5%，各項均達標";
        for t in [
            text,
            "≥９５％±2é𠀀〇两萬个",
            "㐀䶵一鿿\u{9fff}\u{a000}\u{4dff}",
            "是否按时完成进度",
        ] {
            let each = t
                .chars()
                .map(|c| Marks::of(&c.to_string()))
                .fold(Marks(0), |a, b| a | b);
            assert_eq!(Marks::of(t), each, "{t}");
        }
        assert!(Marks::of(text).any(Marks::TRADITIONAL));
        assert_eq!(Marks::of("优秀"), Marks(0));
    }
}
