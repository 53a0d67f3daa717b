//! What a web page's styles hide or strike through ([`super`]'s reader): the `style`
//! attribute's `display: none`, `visibility: hidden` / `collapse` and `text-decoration:
//! line-through` ([`Shown::of_style`]), and the classes a style sheet gives them (`.old {
//! display: none }`, `span.del { text-decoration: line-through }`: [`Classes`]).
//!
//! A browser shows no text of a hidden element and a struck one as deleted: inside a cell
//! neither is the cell's text (`<span class=old>12</span>80人` is `80人`), and a hidden row
//! is read with a warning, as a workbook's hidden row is. Only selectors of one class (with
//! or without a tag: `.old`, `tr.old`) are read; any other selector (descendants, pseudo
//! classes, `@media print`) hides nothing here.
//!
//! **Bounds**: the style text is the page's, already bounded by [`super::super::page_css`]'s
//! [`MAX_CSS_BYTES`](super::super::page_css::MAX_CSS_BYTES); at most [`MAX_CLASSES`] classes kept.

/// Classes that hide or strike kept at most (more are not read).
pub(crate) const MAX_CLASSES: usize = 256;

/// How a style shows an element's text.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct Shown {
    /// `display: none`: no place, no text.
    pub none: bool,
    /// `visibility: hidden` / `collapse`: a place, no text shown.
    pub invisible: bool,
    /// `text-decoration: line-through`: shown struck through (deleted).
    pub struck: bool,
}

impl Shown {
    /// What a `style` attribute (or a rule's body) says: each declaration's name compared by
    /// its length and bytes, its value looked at only where the name is one of the three
    /// (Word puts a long style on every run: no copy, no byte looked at twice).
    pub(crate) fn of_style(style: &[u8]) -> Shown {
        let mut shown = Shown::default();
        let mut rest = style;
        while !rest.is_empty() {
            let end = memchr::memchr(b';', rest).unwrap_or(rest.len());
            let decl = &rest[..end];
            rest = rest.get(end + 1..).unwrap_or(&[]);
            let Some(colon) = memchr::memchr(b':', decl) else {
                continue;
            };
            let name = decl[..colon].trim_ascii();
            let value = decl[colon + 1..].trim_ascii_start();
            if ends_with(name, b"display") {
                shown.none |= word(value, b"none");
            } else if ends_with(name, b"visibility") {
                shown.invisible |= word(value, b"hidden") || word(value, b"collapse");
            } else if ends_with(name, b"decoration") || ends_with(name, b"decoration-line") {
                shown.struck |= value
                    .windows(12)
                    .any(|w| w.eq_ignore_ascii_case(b"line-through"));
            }
        }
        shown
    }

    /// Both at once.
    pub(crate) fn or(self, other: Shown) -> Shown {
        Shown {
            none: self.none || other.none,
            invisible: self.invisible || other.invisible,
            struck: self.struck || other.struck,
        }
    }

    /// Whether any text is not the cell's.
    pub(crate) fn any(self) -> bool {
        self.none || self.invisible || self.struck
    }
}

/// Whether `name` ends with `want` (any case).
fn ends_with(name: &[u8], want: &[u8]) -> bool {
    name.len() >= want.len() && name[name.len() - want.len()..].eq_ignore_ascii_case(want)
}

/// Whether `value` starts with the keyword `want` (any case), ended by its end, a space or
/// `!important`.
fn word(value: &[u8], want: &[u8]) -> bool {
    value.len() >= want.len()
        && value[..want.len()].eq_ignore_ascii_case(want)
        && value
            .get(want.len())
            .is_none_or(|b| b.is_ascii_whitespace() || *b == b'!')
}

/// The classes a page's style sheets hide or strike, each with how.
#[derive(Default)]
pub(crate) struct Classes {
    classes: Vec<(Box<str>, Shown)>,
}

impl Classes {
    /// Reads a style sheet's text.
    pub(crate) fn add(&mut self, css: &str) {
        // Word wraps its style block in `<!-- … -->`
        let css = super::super::page_css::strip_comments(css)
            .replace("<!--", " ")
            .replace("-->", " ");
        let mut rest = css.as_str();
        while let Some(open) = rest.find('{') {
            // an at-rule without a block before this one (`@import …;`)
            let prelude = rest[..open].rsplit(';').next().unwrap_or("").trim();
            let Some(close) = super::super::page_css::matching_close(rest, open) else {
                return;
            };
            let body = &rest[open + 1..close];
            rest = &rest[close + 1..];
            // inside an at-rule (`@media print`) nothing is read
            if prelude.starts_with('@') {
                continue;
            }
            let shown = Shown::of_style(body.as_bytes());
            if !shown.any() {
                continue;
            }
            for sel in prelude.split(',') {
                if let Some(class) = one_class(sel.trim())
                    && self.classes.len() < MAX_CLASSES
                {
                    self.classes.push((class.into(), shown));
                }
            }
        }
    }

    /// Whether no class hides or strikes.
    pub(crate) fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }

    /// How a `class` attribute's classes show the element.
    pub(crate) fn of_class(&self, class: &[u8]) -> Shown {
        let mut shown = Shown::default();
        let Ok(class) = std::str::from_utf8(class) else {
            return shown;
        };
        for name in class.split_ascii_whitespace() {
            for (c, s) in &self.classes {
                if **c == *name {
                    shown = shown.or(*s);
                }
            }
        }
        shown
    }
}

/// The class of a selector of one class (`.old`, `tr.old`, `span.del`), else `None`.
fn one_class(sel: &str) -> Option<&str> {
    let (tag, class) = sel.split_once('.')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_') || b >= 0x80)
    };
    (tag.is_empty() || tag.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(class)
        .filter(|c| plain(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_hides_or_strikes_in_any_case_and_spacing() {
        let s = |t: &str| Shown::of_style(t.as_bytes());
        assert!(s("DISPLAY : None").none);
        assert!(s("color:red;visibility: hidden").invisible);
        assert!(s("visibility:collapse").invisible);
        assert!(s("text-decoration: line-through red").struck);
        assert!(s("text-decoration-line:LINE-THROUGH").struck);
        assert!(!s("display:block;visibility:visible;text-decoration:underline").any());
        assert!(!s("mso-displayed-decimal-separator:none").any());
    }

    #[test]
    fn only_rules_of_one_class_at_the_top_level_are_read() {
        let mut c = Classes::default();
        c.add(
            "body{margin:0} .old , tr.gone{display:none} span.del{text-decoration:line-through}
             @media print{.noprint{display:none}} div .deep{display:none} .a:hover{display:none}
             .x{color:red}",
        );
        assert!(c.of_class(b"row old").none);
        assert!(c.of_class(b"gone").none);
        assert!(c.of_class(b"del").struck);
        assert!(!c.of_class(b"noprint").any());
        assert!(!c.of_class(b"deep").any());
        assert!(!c.of_class(b"a").any());
        assert!(!c.of_class(b"x").any());
    }
}
