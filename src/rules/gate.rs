//! A rule pattern's gate: the bytes a text must begin (or end) with for a pattern anchored at
//! its start (or end) to match, worked out when the pattern is compiled, so that most texts
//! are answered "no match" without running the regex.
//!
//! The bundled `actual ~ "^[ 　]*(本年不适用|不适用|不涉及|无此项|/|／)[ 　]*$"` is asked of
//! every row whose actual is new to the readings memo (a sheet whose actuals rarely repeat:
//! half its rows). A figure such as `96.37%` begins with a byte no match begins with; the regex
//! crate would answer the same after taking a cache from its pool for the worker thread and
//! setting up a search (~330 instructions a row, benches/README.md H82).
//!
//! Decided here: the gate is built from what the regex engine's own literal extractor says
//! (every match begins with one of the prefix literals; ends with one of the suffix literals),
//! and only where the pattern is anchored at the text's very start (`^` without `(?m)`, `\A`)
//! or end (`$` without `(?m)`, `\z`): a match then begins at the text's first byte (ends at its
//! last). Where the literals are not a finite set, or one is empty (a match may be empty), the
//! gate is open: the regex decides, as before. The gate only ever says "no" where the regex
//! would (a test compares the two on generated patterns and texts).

use regex_syntax::hir::Look;
use regex_syntax::hir::literal::ExtractKind;

/// Which texts a pattern may match, by their first or last byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Any text: the regex decides.
    Open,
    /// A text whose first byte is in the set (256 bits); an empty text never.
    First([u64; 4]),
    /// A text whose last byte is in the set; an empty text never.
    Last([u64; 4]),
}

impl Gate {
    /// The gate of `pattern` (as the regex crate parses it: Unicode on, nothing else set).
    pub(crate) fn of(pattern: &str) -> Gate {
        let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
            return Gate::Open;
        };
        let props = hir.properties();
        let sides = [
            (
                ExtractKind::Prefix,
                props.look_set_prefix().contains(Look::Start),
            ),
            (
                ExtractKind::Suffix,
                props.look_set_suffix().contains(Look::End),
            ),
        ];
        for (kind, anchored) in sides {
            if !anchored {
                continue;
            }
            let suffix = matches!(kind, ExtractKind::Suffix);
            // no literal (a pattern that matches nothing) or an empty one (a match may be
            // empty): left to the regex
            let Some(lits) = super::prefilter::side_literals(&hir, kind) else {
                continue;
            };
            let mut set = [0u64; 4];
            for l in &lits {
                let b = l.as_bytes();
                let byte = if suffix { b[b.len() - 1] } else { b[0] };
                set[usize::from(byte >> 6)] |= 1 << (byte & 63);
            }
            return if suffix {
                Gate::Last(set)
            } else {
                Gate::First(set)
            };
        }
        Gate::Open
    }

    /// Whether `text` may match (`false`: it cannot).
    #[inline]
    pub(crate) fn admits(&self, text: &str) -> bool {
        let (set, byte) = match self {
            Gate::Open => return true,
            Gate::First(set) => (set, text.as_bytes().first()),
            Gate::Last(set) => (set, text.as_bytes().last()),
        };
        byte.is_some_and(|&b| set[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::Gate;

    #[test]
    fn the_bundled_not_applicable_pattern_is_gated_by_its_first_byte() {
        let p = "^[ 　]*(本年不适用|不适用|不涉及|无此项|/|／)[ 　]*$";
        let gate = Gate::of(p);
        assert!(matches!(gate, Gate::First(_)), "{gate:?}");
        for no in ["96.37%", "", "已完成", "100", "达到不适用"] {
            assert!(!gate.admits(no), "{no}");
        }
        for may in [
            "不适用",
            " 不适用",
            "　无此项",
            "/",
            "／",
            "不适用的项目",
            "/x",
        ] {
            assert!(gate.admits(may), "{may}");
        }
    }

    #[test]
    fn unanchored_multiline_and_possibly_empty_patterns_are_left_open() {
        for p in [
            "不适用",
            "(?m)^不适用",
            "^",
            "^a*",
            "^(a|)",
            "^.*不适用",
            r"^\w",
            "^a|b",
        ] {
            assert_eq!(Gate::of(p), Gate::Open, "{p}");
        }
        assert!(matches!(Gate::of("不适用$"), Gate::Last(_)));
        // case folded as the regex folds it: the Kelvin sign is a `k`
        let folded = Gate::of("(?i)^[a-z]{9}");
        for may in ["kelvin", "Kelvin", "\u{212A}elvin", "ſ"] {
            assert!(folded.admits(may), "{may}");
        }
        for no in ["1", "满意度", " k"] {
            assert!(!folded.admits(no), "{no}");
        }
        assert!(matches!(Gate::of(r"\A(?:x|y)"), Gate::First(_)));
    }

    /// The gate says "no" only where the regex finds no match: generated patterns (anchored or
    /// not, alternations, classes, repetitions, case folding, blanks, Chinese) against texts
    /// made of the same pieces.
    #[test]
    fn the_gate_never_refuses_a_text_the_regex_matches() {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "a",
            "b",
            "ab",
            "不",
            "适用",
            "/",
            "／",
            " ",
            "　",
            "[ 　]*",
            "[ab]",
            "[^a]",
            "a?",
            "b+",
            ".",
            r"\d",
            "(?i:a)",
            "x{2}",
            "不适用|无",
            "(a|不)",
            "(?:|b)",
        ]);
        let pattern = (
            prop::sample::select(vec!["", "^", r"\A", "(?m)^"]),
            prop::collection::vec(piece, 1..4),
            prop::sample::select(vec!["", "$", r"\z", "|a", "|^b"]),
        )
            .prop_map(|(head, body, tail)| format!("{head}{}{tail}", body.concat()));
        let text = prop::collection::vec(
            prop::sample::select(vec![
                "a", "b", "不", "适用", "无", "/", "／", " ", "　", "1", "%", "\n", "x", "A",
            ]),
            0..6,
        )
        .prop_map(|v| v.concat());
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
            cases: 2000,
            ..Default::default()
        });
        runner
            .run(&(pattern, prop::collection::vec(text, 8)), |(p, texts)| {
                let Ok(re) = regex::Regex::new(&p) else {
                    return Ok(());
                };
                let gate = Gate::of(&p);
                for t in &texts {
                    if re.is_match(t) {
                        prop_assert!(gate.admits(t), "{p:?} refused {t:?}, which it matches");
                    }
                }
                Ok(())
            })
            .unwrap();
    }
}
