//! What a web page's styles hide or strike through ([`super`]'s reader): the `style`
//! attribute's `display: none`, `visibility: hidden` / `collapse`, `text-decoration:
//! line-through`, and the ways a page hides text without saying so — `font-size: 0`,
//! `opacity: 0` or a transparent colour, a colour equal to the background around it, an
//! element moved off screen (`left: -9999px`, `text-indent: -9999px`) or clipped to nothing
//! (the "screen reader only" `clip: rect(0 0 0 0)`) ([`Shown::of_style`], [`Shown::veil`]);
//! and the classes a style sheet gives them (`.old { display: none }`, `span.del {
//! text-decoration: line-through }`: [`Classes`]).
//!
//! A browser shows no text of a hidden element and a struck one as deleted: inside a cell
//! neither is the cell's text (`<span class=old>12</span>80人` is `80人`), and a hidden row
//! is read with a warning, as a workbook's hidden row is. An element inside shown again
//! (`visibility: visible`, a font size, a colour of its own: [`Veil::lifted_by`]) is read.
//! Only selectors of one class (with or without a tag: `.old`, `tr.old`) are read; any other
//! selector (descendants, pseudo classes, `@media print`) hides nothing here. Colours are read
//! as `#rgb`, `#rrggbb`, `rgb()`, `rgba()` and a few names; a background that is a picture or
//! a gradient is not read (text on it is taken as shown).
//!
//! **Bounds**: the style text is the page's, already bounded by [`super::super::page_css`]'s
//! [`MAX_CSS_BYTES`](super::super::page_css::MAX_CSS_BYTES); at most [`MAX_CLASSES`] classes kept.

/// Classes that hide or strike kept at most (more are not read).
pub(crate) const MAX_CLASSES: usize = 256;

/// A colour a style gives: none said, an RGB colour (`0xRRGGBB`), or one not read (a picture,
/// a gradient, a name not in [`NAMED`]).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) enum Paint {
    #[default]
    Unset,
    Rgb(u32),
    Unknown,
}

impl Paint {
    /// `self` where it says a colour, else `other`.
    pub(crate) fn or(self, other: Paint) -> Paint {
        if self == Paint::Unset { other } else { self }
    }
}

/// The page's background where nothing sets one: white.
pub(crate) const WHITE: u32 = 0xFF_FF_FF;

/// How a style shows an element's text.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct Shown {
    /// `display: none`: no place, no text.
    pub none: bool,
    /// `visibility: hidden` / `collapse`: a place, no text shown.
    pub invisible: bool,
    /// `visibility: visible`: shown again inside an element that is not.
    pub visible: bool,
    /// `text-decoration: line-through`: shown struck through (deleted).
    pub struck: bool,
    /// `font-size: 0` (any unit): no text shown.
    pub zero_size: bool,
    /// A font size above zero: text shown again inside an element of size zero.
    pub sized: bool,
    /// `opacity: 0`, `color: transparent` (or an alpha of 0).
    pub transparent: bool,
    /// `position: absolute` / `fixed`.
    pub positioned: bool,
    /// A `left`, and a `top` or `bottom`: the element placed at coordinates (a PDF
    /// converter's piece of text, [`super::Builder`]'s count of them).
    pub placed_x: bool,
    pub placed_y: bool,
    /// `left`, `top`, `right` or `bottom` a thousand pixels (or fifty em) below zero: off screen
    /// where positioned.
    pub far_place: bool,
    /// `text-indent`, `margin-left` or `margin-top` as far below zero: off screen.
    pub far_flow: bool,
    /// `clip: rect(…)` of no more than a pixel (where positioned), `clip-path: inset(50%)`.
    pub clip_rect: bool,
    pub clip_path: bool,
    /// `width` and `height` of at most a pixel, `overflow: hidden` (the "screen reader only"
    /// pattern).
    pub tiny_width: bool,
    pub tiny_height: bool,
    pub overflow_hidden: bool,
    /// `color` (and `<font color>`).
    pub color: Paint,
    /// `background-color` / `background` (and `bgcolor`).
    pub background: Paint,
}

/// Why text of a cell is not read: how a browser shows it ([`Shown::veil`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Veil {
    /// `display: none`, `hidden`: not there.
    Gone,
    /// `visibility: hidden` / `collapse`.
    Invisible,
    /// Struck through (`<del>`, `<s>`, `line-through`).
    Struck,
    /// `font-size: 0`.
    ZeroSize,
    /// `opacity: 0`, `color: transparent`.
    Transparent,
    /// Clipped to nothing (`clip`, `clip-path`, a one-pixel box with `overflow: hidden`).
    Clipped,
    /// Moved off screen (`left: -9999px`, `text-indent: -9999px`).
    OffScreen,
    /// Its colour is its background's.
    SameColour,
}

impl Veil {
    /// How, in a finding.
    pub(crate) fn how(self) -> &'static str {
        match self {
            Veil::Gone => "在浏览器中不显示（display:none 或 hidden）",
            Veil::Invisible => "在浏览器中看不到（visibility:hidden）",
            Veil::Struck => "在网页中带删除线（显示为已删去）",
            Veil::ZeroSize => "在浏览器中看不到（字号为 0）",
            Veil::Transparent => "在浏览器中看不到（透明：opacity:0 或 color:transparent）",
            Veil::Clipped => "在浏览器中看不到（裁剪为不可见：clip）",
            Veil::OffScreen => "在浏览器中看不到（移到屏幕之外）",
            Veil::SameColour => "在浏览器中看不到（文字颜色与背景色相同）",
        }
    }

    /// Whether it is a way of hiding text rather than of marking it (a revision struck, an
    /// element not displayed): such text not read is always said, the rest only where the
    /// cell is left empty.
    pub(crate) fn trick(self) -> bool {
        !matches!(self, Veil::Gone | Veil::Invisible | Veil::Struck)
    }

    /// Whether an element inside one veiled so, shown as `inner`, is shown again (`visibility:
    /// visible`, a font size, a colour other than `background`).
    pub(crate) fn lifted_by(self, inner: &Shown, background: Paint) -> bool {
        match self {
            Veil::Invisible => inner.visible,
            Veil::ZeroSize => inner.sized,
            Veil::SameColour => match inner.color {
                Paint::Rgb(c) => !same_colour(c, inner.background.or(background)),
                _ => false,
            },
            _ => false,
        }
    }
}

/// Whether two colours are too close to tell apart (each channel within 8).
fn close(a: u32, b: u32) -> bool {
    (0..3).all(|k| {
        let (x, y) = ((a >> (8 * k)) & 0xFF, (b >> (8 * k)) & 0xFF);
        x.abs_diff(y) <= 8
    })
}

/// Whether text of colour `c` on `background` is not seen (a background not read is not).
fn same_colour(c: u32, background: Paint) -> bool {
    match background {
        Paint::Unset => close(c, WHITE),
        Paint::Rgb(b) => close(c, b),
        Paint::Unknown => false,
    }
}

impl Shown {
    /// What a `style` attribute (or a rule's body) says: each declaration's name compared by
    /// its length and bytes, its value looked at only where the name is one read here (Word
    /// puts a long style on every run: no copy, no byte looked at twice).
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
            let value = decl[colon + 1..].trim_ascii();
            if ends_with(name, b"display") {
                shown.none |= word(value, b"none");
            } else if ends_with(name, b"visibility") {
                let hidden = word(value, b"hidden") || word(value, b"collapse");
                shown.invisible |= hidden;
                shown.visible |= !hidden && word(value, b"visible");
            } else if ends_with(name, b"decoration") || ends_with(name, b"decoration-line") {
                shown.struck |= value
                    .windows(12)
                    .any(|w| w.eq_ignore_ascii_case(b"line-through"));
            } else if name.len() <= 16 {
                shown.other(name, value);
            }
        }
        shown
    }

    /// The declarations of short names [`Shown::of_style`] reads besides the three.
    fn other(&mut self, name: &[u8], value: &[u8]) {
        let mut buf = [0u8; 16];
        let lower = &mut buf[..name.len()];
        for (o, b) in lower.iter_mut().zip(name) {
            *o = b.to_ascii_lowercase();
        }
        match &*lower {
            b"font-size" => match length(value) {
                Some((n, _)) if n <= 0.0 => self.zero_size = true,
                Some(_) => self.sized = true,
                // `small`, `larger`, a `calc()`: some size
                None => self.sized = !value.is_empty(),
            },
            b"font" => {
                // `font: 0/0 a` (the shorthand's size)
                if value.first() == Some(&b'0')
                    && value
                        .get(1)
                        .is_none_or(|b| !b.is_ascii_digit() && *b != b'.')
                {
                    self.zero_size = true;
                } else {
                    self.sized = true;
                }
            }
            b"opacity" => {
                self.transparent |= length(value).is_some_and(|(n, _)| n <= 0.0);
            }
            b"color" => match colour(value) {
                Some(Paint::Unknown) | None => self.color = Paint::Unknown,
                Some(p) => self.color = p,
            },
            b"background-color" | b"background" => {
                let lower = value.to_ascii_lowercase();
                self.background = if memchr::memmem::find(&lower, b"url(").is_some()
                    || memchr::memmem::find(&lower, b"gradient").is_some()
                {
                    Paint::Unknown
                } else {
                    // the whole value (`rgb(255, 0, 0)`), else its first colour word; none
                    // or a transparent one is the background behind
                    let found = colour(&lower)
                        .filter(|p| *p != Paint::Unknown)
                        .or_else(|| lower.split(|b| b.is_ascii_whitespace()).find_map(colour));
                    match found {
                        Some(Paint::Rgb(TRANSPARENT)) => Paint::Unset,
                        Some(p) => p,
                        None if matches!(
                            lower.trim_ascii(),
                            b"none" | b"inherit" | b"initial" | b"unset" | b""
                        ) =>
                        {
                            Paint::Unset
                        }
                        None => Paint::Unknown,
                    }
                };
            }
            b"position" => {
                self.positioned |= word(value, b"absolute") || word(value, b"fixed");
            }
            b"left" | b"top" | b"right" | b"bottom" => {
                self.far_place |= far(value);
                match name.len() {
                    4 if lower[0] == b'l' => self.placed_x = true,
                    3 | 6 => self.placed_y = true,
                    _ => {}
                }
            }
            b"text-indent" | b"margin-left" | b"margin-top" => self.far_flow |= far(value),
            b"clip" => {
                let v = value.to_ascii_lowercase();
                if let Some(inner) = v
                    .strip_prefix(b"rect(")
                    .and_then(|r| r.split(|b| *b == b')').next())
                {
                    let sides: Vec<_> = inner
                        .split(|b| b.is_ascii_whitespace() || *b == b',')
                        .filter(|s| !s.is_empty())
                        .collect();
                    self.clip_rect |= sides.len() == 4
                        && sides
                            .iter()
                            .all(|s| length(s).is_some_and(|(n, _)| n.abs() <= 1.0));
                }
            }
            b"clip-path" => {
                let v = value.to_ascii_lowercase();
                self.clip_path |= v
                    .strip_prefix(b"inset(")
                    .and_then(length)
                    .is_some_and(|(n, unit)| unit == b"%" && n >= 50.0)
                    || v.starts_with(b"circle(0")
                    || v.starts_with(b"polygon(0 0)");
            }
            b"width" => self.tiny_width |= length(value).is_some_and(|(n, _)| n <= 1.0),
            b"height" => self.tiny_height |= length(value).is_some_and(|(n, _)| n <= 1.0),
            b"overflow" => self.overflow_hidden |= word(value, b"hidden"),
            _ => {}
        }
    }

    /// Both at once: `self`'s colours where it says them (a `style` attribute's over a class's).
    pub(crate) fn or(self, other: Shown) -> Shown {
        Shown {
            none: self.none || other.none,
            invisible: self.invisible || other.invisible,
            visible: self.visible || other.visible,
            struck: self.struck || other.struck,
            zero_size: self.zero_size || other.zero_size,
            sized: self.sized || other.sized,
            transparent: self.transparent || other.transparent,
            positioned: self.positioned || other.positioned,
            placed_x: self.placed_x || other.placed_x,
            placed_y: self.placed_y || other.placed_y,
            far_place: self.far_place || other.far_place,
            far_flow: self.far_flow || other.far_flow,
            clip_rect: self.clip_rect || other.clip_rect,
            clip_path: self.clip_path || other.clip_path,
            tiny_width: self.tiny_width || other.tiny_width,
            tiny_height: self.tiny_height || other.tiny_height,
            overflow_hidden: self.overflow_hidden || other.overflow_hidden,
            color: self.color.or(other.color),
            background: self.background.or(other.background),
        }
    }

    /// Whether it hides nothing on any background (most elements: nothing that hides, no
    /// colour of their own): [`Shown::veil`] is `None`, looked at first.
    pub(crate) fn plain(&self) -> bool {
        *self
            == (Shown {
                color: self.color,
                background: self.background,
                sized: self.sized,
                visible: self.visible,
                positioned: self.positioned,
                placed_x: self.placed_x,
                placed_y: self.placed_y,
                tiny_width: self.tiny_width,
                overflow_hidden: self.overflow_hidden,
                ..Shown::default()
            })
            && !matches!(self.color, Paint::Rgb(_))
    }

    /// How a browser shows the element's text where the background around it is
    /// `background` (the cell's, the row's, the table's, the page's; [`Paint::Unset`]: white),
    /// `None` where it shows it. A background the element sets itself is its own.
    pub(crate) fn veil(&self, background: Paint) -> Option<Veil> {
        if self.plain() {
            return None;
        }
        let clipped = (self.positioned && self.clip_rect)
            || self.clip_path
            || (self.tiny_width && self.tiny_height && self.overflow_hidden);
        let off = self.far_flow || (self.positioned && self.far_place);
        let same = match self.color {
            Paint::Rgb(c) => same_colour(c, self.background.or(background)),
            _ => false,
        };
        [
            (self.none, Veil::Gone),
            (self.invisible, Veil::Invisible),
            (self.struck, Veil::Struck),
            (self.zero_size, Veil::ZeroSize),
            (
                self.transparent || self.color == Paint::Rgb(TRANSPARENT),
                Veil::Transparent,
            ),
            (clipped, Veil::Clipped),
            (off, Veil::OffScreen),
            (same, Veil::SameColour),
        ]
        .into_iter()
        .find_map(|(yes, v)| yes.then_some(v))
    }

    /// Whether it hides or strikes text on the page's white (a class rule is kept for it,
    /// [`Classes`]: white text is kept, to be seen against the background where it is used).
    pub(crate) fn any(&self) -> bool {
        self.veil(Paint::Unset).is_some()
    }
}

/// [`Paint::Rgb`] of a transparent colour (`transparent`, `rgba(…, 0)`, `#rrggbb00`): no RGB
/// colour is this (it is past 24 bits).
const TRANSPARENT: u32 = 1 << 24;

/// A length's number and unit (`-9999px`: -9999, `px`; `0`: 0, empty), `None` where the
/// value does not start with one (read by hand: Word puts `font-size:10.5pt` on every run).
fn length(value: &[u8]) -> Option<(f64, &[u8])> {
    let v = value.trim_ascii_start();
    let (negative, v) = match v.first() {
        Some(b'-') => (true, &v[1..]),
        Some(b'+') => (false, &v[1..]),
        _ => (false, v),
    };
    let (mut n, mut i, mut digits) = (0f64, 0usize, 0usize);
    while let Some(d) = v.get(i).filter(|b| b.is_ascii_digit()) {
        n = n * 10.0 + f64::from(d - b'0');
        i += 1;
        digits += 1;
    }
    if v.get(i) == Some(&b'.') {
        i += 1;
        let mut scale = 0.1;
        while let Some(d) = v.get(i).filter(|b| b.is_ascii_digit()) {
            n += f64::from(d - b'0') * scale;
            scale /= 10.0;
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    let rest = &v[i..];
    let unit_end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphabetic() || *b == b'%'))
        .unwrap_or(rest.len());
    Some((if negative { -n } else { n }, &rest[..unit_end]))
}

/// Whether a length is far off screen: a thousand pixels (points) or fifty em below zero.
fn far(value: &[u8]) -> bool {
    match length(value) {
        Some((n, unit)) => {
            let is = |u: &[u8]| unit.eq_ignore_ascii_case(u);
            if is(b"px") || is(b"pt") {
                n <= -999.0
            } else if is(b"em") || is(b"rem") || is(b"vw") || is(b"vh") {
                n <= -50.0
            } else {
                false
            }
        }
        None => false,
    }
}

/// Colour names read (others are [`Paint::Unknown`]).
const NAMED: &[(&[u8], u32)] = &[
    (b"white", 0xFFFFFF),
    (b"black", 0x000000),
    (b"red", 0xFF0000),
    (b"green", 0x008000),
    (b"blue", 0x0000FF),
    (b"yellow", 0xFFFF00),
    (b"gray", 0x808080),
    (b"grey", 0x808080),
    (b"silver", 0xC0C0C0),
    (b"navy", 0x000080),
    (b"snow", 0xFFFAFA),
    (b"ivory", 0xFFFFF0),
    (b"whitesmoke", 0xF5F5F5),
    (b"transparent", TRANSPARENT),
];

/// A CSS colour (`#fff`, `#ffffff`, `#ffffff00`, `rgb(255,255,255)`, `rgba(…, 0)`, a name),
/// `Some(Paint::Unknown)` for a colour word not read, `None` for no colour (a keyword such as
/// `none`, `inherit`).
fn colour(value: &[u8]) -> Option<Paint> {
    let v = value.trim_ascii();
    let v = v
        .iter()
        .position(|b| *b == b'!')
        .map_or(v, |i| v[..i].trim_ascii_end());
    if let Some(hex) = v.strip_prefix(b"#") {
        let mut d = [0u32; 8];
        if !matches!(hex.len(), 3 | 4 | 6 | 8) {
            return Some(Paint::Unknown);
        }
        for (o, b) in d.iter_mut().zip(hex) {
            *o = (*b as char).to_digit(16)?;
        }
        let rgb = match hex.len() {
            3 | 4 => ((d[0] * 17) << 16) | ((d[1] * 17) << 8) | (d[2] * 17),
            _ => (d[0] << 20) | (d[1] << 16) | (d[2] << 12) | (d[3] << 8) | (d[4] << 4) | d[5],
        };
        let clear = match hex.len() {
            4 => d[3] == 0,
            8 => d[6] == 0 && d[7] == 0,
            _ => false,
        };
        return Some(Paint::Rgb(if clear { TRANSPARENT } else { rgb }));
    }
    let starts = |p: &[u8]| v.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let args = if starts(b"rgba(") {
        Some(&v[5..])
    } else if starts(b"rgb(") {
        Some(&v[4..])
    } else {
        None
    };
    if let Some(args) = args {
        let inner = args.split(|b| *b == b')').next().unwrap_or(&[]);
        let mut parts = [0f64; 4];
        let mut count = 0;
        for part in inner
            .split(|b| *b == b',' || *b == b'/' || b.is_ascii_whitespace())
            .filter(|s| !s.is_empty())
            .take(4)
        {
            parts[count] = length(part)?.0;
            count += 1;
        }
        if count < 3 {
            return Some(Paint::Unknown);
        }
        if count == 4 && parts[3] <= 0.0 {
            return Some(Paint::Rgb(TRANSPARENT));
        }
        let c = |x: f64| x.clamp(0.0, 255.0) as u32;
        return Some(Paint::Rgb(
            (c(parts[0]) << 16) | (c(parts[1]) << 8) | c(parts[2]),
        ));
    }
    if let Some((_, rgb)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(v)) {
        return Some(Paint::Rgb(*rgb));
    }
    let keyword = [
        &b""[..],
        b"none",
        b"inherit",
        b"initial",
        b"unset",
        b"currentcolor",
    ]
    .iter()
    .any(|k| k.eq_ignore_ascii_case(v));
    match v {
        _ if keyword => None,
        _ if v.iter().all(u8::is_ascii_alphabetic) => Some(Paint::Unknown),
        _ => None,
    }
}

/// A colour attribute's value (`<font color="#ffffff">`, `bgcolor=white`).
pub(crate) fn attribute_colour(value: &[u8]) -> Paint {
    match colour(value) {
        Some(p) => p,
        // browsers read `ffffff` without its `#`
        None => Paint::Unknown,
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
    /// Some rule (of any selector) sets a background that is not white, or one not read (a
    /// picture): where no background of an element is known, it is not taken to be white.
    pub backgrounds: bool,
}

impl Classes {
    /// Reads a style sheet's text.
    #[cfg(test)]
    pub(crate) fn add(&mut self, css: &str) {
        self.add_bare(&super::super::page_css::strip_comments(css));
    }

    /// Reads a style sheet's text whose `/* … */` comments are stripped already (the page's
    /// reader strips them once for its layout rules and for these).
    pub(crate) fn add_bare(&mut self, css: &str) {
        // Word wraps its style block in `<!-- … -->`
        let css: std::borrow::Cow<'_, str> = if css.contains("<!--") || css.contains("-->") {
            css.replace("<!--", " ").replace("-->", " ").into()
        } else {
            css.into()
        };
        let mut rest = &*css;
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
            self.backgrounds |= match shown.background {
                Paint::Unset => false,
                Paint::Rgb(c) => !(0..3).all(|k| (c >> (8 * k)) & 0xFF >= 0xD0),
                Paint::Unknown => true,
            };
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
    fn ways_of_hiding_text_without_saying_so() {
        let v = |t: &str| Shown::of_style(t.as_bytes()).veil(Paint::Unset);
        assert_eq!(v("font-size:0"), Some(Veil::ZeroSize));
        assert_eq!(v("FONT-SIZE: 0PT"), Some(Veil::ZeroSize));
        assert_eq!(v("font-size:0.5em"), None);
        assert_eq!(v("opacity:0"), Some(Veil::Transparent));
        assert_eq!(v("opacity:.5"), None);
        assert_eq!(v("color:rgba(0,0,0,0)"), Some(Veil::Transparent));
        assert_eq!(v("color:#ffffff00"), Some(Veil::Transparent));
        assert_eq!(v("color:#FFF"), Some(Veil::SameColour));
        assert_eq!(v("color:#fefefe"), Some(Veil::SameColour));
        assert_eq!(v("color:#eee"), None);
        assert_eq!(v("color:#fff;background:#036"), None);
        assert_eq!(v("color:#fff;background:url(a.png)"), None);
        assert_eq!(v("color:#fff;background:none"), Some(Veil::SameColour));
        assert_eq!(
            v("color:#fff;background:transparent"),
            Some(Veil::SameColour)
        );
        assert_eq!(
            v("color:red;background-color:rgb(255, 0, 0)"),
            Some(Veil::SameColour)
        );
        assert_eq!(v("position:absolute;left:-9999px"), Some(Veil::OffScreen));
        assert_eq!(v("left:-9999px"), None);
        assert_eq!(v("position:relative;left:-9999px"), None);
        assert_eq!(v("text-indent:-100em"), Some(Veil::OffScreen));
        assert_eq!(v("margin-left:-2em"), None);
        assert_eq!(
            v("position:absolute;clip:rect(0,0,0,0)"),
            Some(Veil::Clipped)
        );
        assert_eq!(v("clip:rect(0 0 0 0)"), None);
        assert_eq!(v("clip-path:inset(50%)"), Some(Veil::Clipped));
        assert_eq!(
            v("width:1px;height:1px;overflow:hidden"),
            Some(Veil::Clipped)
        );
        assert_eq!(v("height:0;overflow:hidden"), None);
        // a dark page: white text shows, black does not
        let dark = Paint::Rgb(0);
        assert_eq!(Shown::of_style(b"color:#fff").veil(dark), None);
        assert_eq!(
            Shown::of_style(b"color:black").veil(dark),
            Some(Veil::SameColour)
        );
        assert_eq!(Shown::of_style(b"color:#fff").veil(Paint::Unknown), None);
    }

    #[test]
    fn a_style_sheet_setting_backgrounds_leaves_the_page_background_unknown() {
        let mut c = Classes::default();
        c.add(".w{color:#fff} th{background:#f5f5f5}");
        assert!(!c.backgrounds);
        c.add("table.grid td{background:#003366}");
        assert!(c.backgrounds);
        assert!(c.of_class(b"w").color == Paint::Rgb(WHITE));
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
