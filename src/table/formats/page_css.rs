//! The little of CSS a web page's `<div>` tables need ([`super::html`]): from the page's own
//! `<style>` blocks and `style` attributes, what lays an element out as a table's part — its
//! `display` (grid, flex, table-row, none, …), a grid's column count
//! (`grid-template-columns`), a grid item's spans (`grid-column: span 2`, `grid-row: span 3`)
//! — and whatever could move an element from where its place in the markup puts it (`order`,
//! explicit grid lines or areas, `dense` or column flow, absolute positions, reversed rows).
//!
//! Only what is certain is used. Selectors are compounds of a tag, classes and an id, joined by
//! descendant (` `) and child (`>`) combinators; a rule whose selector is anything else
//! (`:nth-child`, `[attr]`, `+`, `~`) and that sets a layout property makes the elements its
//! last compound matches *unsure*; states a saved page does not show (`:hover`, `::before`)
//! apply to nothing. The cascade is specificity then order (`!important` and `style`
//! attributes above). `@media` rules apply as on a desktop screen (`print` and `max-width`
//! queries do not, `min-width` up to 1280 px does). A stylesheet the page links to is not
//! seen: the layout it gives is unknown, as it is without this module.
//!
//! **Bounds**: at most [`MAX_CSS_BYTES`] of style text are read and [`MAX_RULES`] layout
//! rules kept (past them every `<div>` layout of the page is unsure); an element's match looks
//! at most [`MAX_ANCESTORS`] elements up. Linear in the style text and, per element, in the
//! rules kept.

/// Style text read from a page's `<style>` blocks (more: the page's layouts are unsure).
pub(crate) const MAX_CSS_BYTES: usize = 512 * 1024;
/// Rules setting a layout property kept (more: the page's layouts are unsure).
pub(crate) const MAX_RULES: usize = 256;
/// Elements a descendant combinator looks up.
pub(crate) const MAX_ANCESTORS: usize = 32;
/// Compounds compared with a page's elements (more: the later elements' layouts are unsure).
/// A page of 100,000 laid-out elements under 256 rules compares each element's own compound
/// 2.6·10^7 times, and a few times that where rules look at ancestors; this bounds a page to
/// about a second of it.
pub(crate) const MAX_COMPARED: u64 = 100_000_000;
/// `@media` / `@supports` blocks nested in one another (more: the page's layouts are unsure).
pub(crate) const MAX_NESTED: u32 = 16;

/// A layout property this reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prop {
    Display,
    Columns,
    GridColumn,
    GridRow,
    /// `grid-area`, `grid-column-start`, `grid-template-areas`, `grid`, …: where set, the
    /// grid's places are not the markup's order.
    Placed,
    AutoFlow,
    Order,
    Direction,
    Wrap,
    /// `flex-flow` (direction and wrap at once).
    Flow,
    Float,
    Position,
}

/// The property a declaration's name sets, if it is one this reads.
fn prop(name: &str) -> Option<Prop> {
    Some(match name {
        "display" => Prop::Display,
        "grid-template-columns" => Prop::Columns,
        "grid-column" => Prop::GridColumn,
        "grid-row" => Prop::GridRow,
        "grid-area"
        | "grid-column-start"
        | "grid-column-end"
        | "grid-row-start"
        | "grid-row-end"
        | "grid-template-areas"
        | "grid-template"
        | "grid" => Prop::Placed,
        "grid-auto-flow" => Prop::AutoFlow,
        "order" => Prop::Order,
        "flex-direction" => Prop::Direction,
        "flex-wrap" => Prop::Wrap,
        "flex-flow" => Prop::Flow,
        "float" => Prop::Float,
        "position" => Prop::Position,
        "direction" => Prop::Direction,
        _ => return None,
    })
}

/// One declaration: its property, value (lower-cased, trimmed) and whether `!important`.
#[derive(Clone, Debug)]
struct Decl {
    prop: Prop,
    value: Box<str>,
    important: bool,
}

/// A compound selector: a tag (`None`: any), classes, an id.
#[derive(Clone, Debug, Default)]
struct Compound {
    tag: Option<Box<str>>,
    classes: Vec<Box<str>>,
    id: Option<Box<str>>,
}

impl Compound {
    fn matches(&self, e: &ElementView<'_>) -> bool {
        self.tag.as_deref().is_none_or(|t| t.as_bytes() == e.tag)
            && self.id.as_deref().is_none_or(|id| Some(id) == e.id)
            && self.classes.iter().all(|c| has_class(e.class, c))
    }

    /// What comparing this with `e` costs, counted against [`MAX_COMPARED`]: one, and each
    /// class looked for among the element's (a compound of 100,000 classes is one rule).
    fn cost(&self, e: &ElementView<'_>) -> u64 {
        1 + self.classes.len() as u64 * (1 + e.class.len() as u64 / 64)
    }

    fn specificity(&self) -> u32 {
        u32::from(self.id.is_some()) * 10_000
            + self.classes.len() as u32 * 100
            + u32::from(self.tag.is_some())
    }
}

/// Whether a `class` attribute holds `want` as one of its words.
pub(crate) fn has_class(class: &str, want: &str) -> bool {
    class.split_ascii_whitespace().any(|c| c == want)
}

/// A rule's selector, right to left: the compound matched by the element itself first, then
/// each ancestor's with whether it must be the parent (`>`).
#[derive(Clone, Debug)]
struct Selector {
    parts: Vec<(Compound, bool)>,
    specificity: u32,
}

/// A rule kept: a selector and its layout declarations.
#[derive(Debug)]
struct Rule {
    selector: Selector,
    decls: Vec<Decl>,
    order: u32,
    /// The selector could not be read (a structural pseudo-class, an attribute, a sibling
    /// combinator): its last compound, matched, makes an element unsure; its text is kept.
    unsure: Option<Box<str>>,
}

/// An element as the rules see it.
pub(crate) struct ElementView<'a> {
    pub tag: &'a [u8],
    pub class: &'a str,
    pub id: Option<&'a str>,
}

/// The rules of a page's style blocks that set layout properties.
#[derive(Default, Debug)]
pub(crate) struct Styles {
    rules: Vec<Rule>,
    read: usize,
    /// Why every `<div>` layout of the page is unsure (style text or rules past the bounds).
    pub too_much: Option<&'static str>,
    /// Some rule's selector looks at ancestors (elements must keep their tag and classes).
    pub needs_ancestors: bool,
    /// Compounds compared with elements so far (past [`MAX_COMPARED`] the later elements are
    /// unsure).
    compared: std::cell::Cell<u64>,
}

/// An element's layout, as far as the page says.
#[derive(Default, Debug, Clone)]
pub(crate) struct Layout {
    pub display: Option<Box<str>>,
    pub columns: Option<Box<str>>,
    pub grid_column: Option<Box<str>>,
    pub grid_row: Option<Box<str>>,
    /// Something places or moves the element elsewhere than its place in the markup: what.
    pub moved: Option<String>,
    /// Its row direction is not left to right, or it wraps.
    pub direction: Option<Box<str>>,
    pub wrap: Option<Box<str>>,
    pub float: Option<Box<str>>,
    /// A rule that may apply could not be read: its selector.
    pub unsure: Option<String>,
}

impl Styles {
    /// Reads a `<style>` block's text.
    #[cfg(test)]
    pub(crate) fn add(&mut self, css: &str) {
        self.add_bare(css.len(), &strip_comments(css));
    }

    /// [`Styles::add`] of a style text whose comments are stripped already (`bare`; `raw_len`
    /// bytes with them, as counted against [`MAX_CSS_BYTES`]).
    pub(crate) fn add_bare(&mut self, raw_len: usize, bare: &str) {
        if self.too_much.is_some() {
            return;
        }
        self.read += raw_len;
        if self.read > MAX_CSS_BYTES {
            self.too_much = Some("网页的样式表超过 512 KB");
            return;
        }
        self.block(bare, true, 0);
    }

    /// Adds the rules of `sheet`, a style text read on its own ([`Styles::add`]) within the
    /// bounds, its rules fitting beside these ([`MAX_RULES`]): as [`Styles::add`] of its text
    /// here would, without reading the text again.
    pub(crate) fn append(&mut self, sheet: Styles) {
        debug_assert!(sheet.too_much.is_none() && self.len() + sheet.len() <= MAX_RULES);
        if self.too_much.is_some() {
            return;
        }
        self.read += sheet.read;
        if self.read > MAX_CSS_BYTES {
            self.too_much = Some("网页的样式表超过 512 KB");
            return;
        }
        // a rule's order is its place among all the page's
        let before = self.rules.len() as u32;
        self.needs_ancestors |= sheet.needs_ancestors;
        self.rules.extend(sheet.rules.into_iter().map(|r| Rule {
            order: before + r.order,
            ..r
        }));
    }

    /// The rules of a block of rules (`applies`: false inside a `@media` that does not apply
    /// on a desktop screen).
    fn block(&mut self, mut css: &str, applies: bool, nested: u32) {
        loop {
            let Some(open) = css.find('{') else { return };
            let prelude = css[..open].trim();
            // an at-rule without a block before this one (`@import …;`, `@charset …;`)
            let prelude = prelude.rsplit(';').next().unwrap_or(prelude).trim();
            let Some(close) = matching_close(css, open) else {
                return;
            };
            let body = &css[open + 1..close];
            css = &css[close + 1..];
            if let Some(at) = prelude.strip_prefix('@') {
                let at = at.to_ascii_lowercase();
                let inner = at.starts_with("media") || at.starts_with("supports");
                if inner && nested >= MAX_NESTED {
                    // each level nested is a frame and a scan of its block: bounded
                    self.too_much = Some("网页的样式表中 @media / @supports 规则嵌套超过 16 层");
                    return;
                }
                if let Some(query) = at.strip_prefix("media") {
                    self.block(body, applies && media_applies(query), nested + 1);
                } else if at.starts_with("supports") {
                    self.block(body, applies, nested + 1);
                }
                if self.too_much.is_some() {
                    return;
                }
                // @font-face, @keyframes, @page, Word's @list: nothing laid out
                continue;
            }
            if !applies {
                continue;
            }
            let decls = declarations(body, false);
            if decls.is_empty() {
                continue;
            }
            for sel in prelude.split(',') {
                self.rule(sel.trim(), &decls);
                if self.too_much.is_some() {
                    return;
                }
            }
        }
    }

    fn rule(&mut self, sel: &str, decls: &[Decl]) {
        if sel.is_empty() {
            return;
        }
        if self.rules.len() >= MAX_RULES {
            self.too_much = Some("网页的样式表中设定布局的规则超过 256 条");
            return;
        }
        let order = self.rules.len() as u32;
        match parse_selector(sel) {
            Parsed::Never => {}
            Parsed::Sure(selector) => {
                self.needs_ancestors |= selector.parts.len() > 1;
                self.rules.push(Rule {
                    selector,
                    decls: decls.to_vec(),
                    order,
                    unsure: None,
                });
            }
            Parsed::Unsure(last) => self.rules.push(Rule {
                selector: Selector {
                    specificity: last.specificity(),
                    parts: vec![(last, false)],
                },
                decls: decls.to_vec(),
                order,
                unsure: Some(sel.chars().take(80).collect::<String>().into()),
            }),
        }
    }

    /// How many bytes of style text were read.
    pub(crate) fn read(&self) -> usize {
        self.read
    }

    /// How many layout rules are kept.
    pub(crate) fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether the page's styles set any layout property (else only `style` attributes and
    /// class conventions can lay out `<div>`s).
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The layout of the element at the top of `path` (the element last, its ancestors
    /// before it, nearest last), with its `style` attribute.
    pub(crate) fn layout(&self, path: &[ElementView<'_>], style: &str) -> Layout {
        // (rank, value) per property
        let mut won: Vec<(Rank, &Decl)> = Vec::new();
        let mut unsure = None;
        let Some(me) = path.last() else {
            return Layout::default();
        };
        let mut spent = self.compared.get();
        if spent > MAX_COMPARED {
            return Layout {
                unsure: Some(format!(
                    "（网页元素与样式表选择器的比对超过 {MAX_COMPARED} 次，其后的元素未再比对）"
                )),
                ..Layout::default()
            };
        }
        for rule in &self.rules {
            spent += rule.selector.parts[0].0.cost(me);
            if !rule.selector.parts[0].0.matches(me) {
                continue;
            }
            if let Some(sel) = &rule.unsure {
                unsure.get_or_insert_with(|| sel.to_string());
                continue;
            }
            let (matched, compared) =
                ancestors_match(&rule.selector.parts[1..], &path[..path.len() - 1]);
            spent += compared;
            if !matched {
                continue;
            }
            for d in &rule.decls {
                let rank = (d.important, false, rule.selector.specificity, rule.order);
                win(&mut won, rank, d);
            }
        }
        self.compared.set(spent);
        let inline = declarations(style, true);
        for d in &inline {
            win(&mut won, (d.important, true, 0, 0), d);
        }
        let mut out = Layout {
            unsure,
            ..Layout::default()
        };
        for (_, d) in won {
            let v = Some(d.value.clone());
            match d.prop {
                Prop::Display => out.display = v,
                Prop::Columns => out.columns = v,
                Prop::GridColumn => out.grid_column = v,
                Prop::GridRow => out.grid_row = v,
                Prop::Placed if !matches!(&*d.value, "auto" | "none" | "initial" | "unset") => {
                    out.moved = Some("用 grid-area 或网格线指定了位置".into());
                }
                Prop::Order if d.value.trim() != "0" && d.value.trim() != "initial" => {
                    out.moved = Some(format!("order: {}", d.value));
                }
                Prop::AutoFlow if d.value.contains("column") || d.value.contains("dense") => {
                    out.moved = Some(format!("grid-auto-flow: {}", d.value));
                }
                Prop::Position if matches!(&*d.value, "absolute" | "fixed") => {
                    out.moved = Some(format!("position: {}", d.value));
                }
                Prop::Direction => out.direction = v,
                Prop::Wrap => out.wrap = v,
                Prop::Flow => {
                    for word in d.value.split_ascii_whitespace() {
                        if word.contains("wrap") {
                            out.wrap = Some(word.into());
                        } else {
                            out.direction = Some(word.into());
                        }
                    }
                }
                Prop::Float => out.float = v,
                _ => {}
            }
        }
        out
    }
}

/// A declaration's place in the cascade: `!important`, from a `style` attribute,
/// specificity, order.
type Rank = (bool, bool, u32, u32);

/// Keeps the winning declaration of each property.
fn win<'d>(won: &mut Vec<(Rank, &'d Decl)>, rank: Rank, d: &'d Decl) {
    // `flex-flow` and `flex-direction` / `flex-wrap` are kept apart: the later read wins
    match won.iter_mut().find(|(_, w)| w.prop == d.prop) {
        Some(slot) if slot.0 <= rank => *slot = (rank, d),
        Some(_) => {}
        None => won.push((rank, d)),
    }
}

/// Whether `parts` (right to left) match the ancestors (`path`, nearest last), and how many
/// compounds were compared. Each run of compounds joined by `>` is placed as near as it fits:
/// a nearer place leaves more ancestors for the runs left of it, so the first place found is
/// never worse than a farther one. At most `path × parts` compounds are compared; a search
/// trying each ancestor for each part in turn was exponential in the parts (`x * * * * *` over
/// 31 nested `<div>`s: 0.2 s an element).
fn ancestors_match(parts: &[(Compound, bool)], path: &[ElementView<'_>]) -> (bool, u64) {
    let floor = path.len().saturating_sub(MAX_ANCESTORS);
    let mut compared = 0u64;
    // the parts left match within path[floor..end]
    let mut end = path.len();
    let mut k = 0;
    while k < parts.len() {
        // the run: parts[k], then each part that must be the parent of the one before it
        let mut run = 1;
        while k + run < parts.len() && parts[k + run].1 {
            run += 1;
        }
        let fixed = parts_child(&parts[k..]);
        let mut top = end;
        let mut found = None;
        while top > floor + run - 1 {
            top -= 1;
            let fits = parts[k..k + run].iter().enumerate().all(|(r, (c, _))| {
                compared += c.cost(&path[top - r]);
                c.matches(&path[top - r])
            });
            if fits {
                found = Some(top);
                break;
            }
            if fixed {
                break;
            }
        }
        let Some(top) = found else {
            return (false, compared);
        };
        end = top + 1 - run;
        k += run;
    }
    (true, compared)
}

/// Whether the first of `parts` must be the parent of what matched before it.
fn parts_child(parts: &[(Compound, bool)]) -> bool {
    parts.first().is_some_and(|(_, child)| *child)
}

enum Parsed {
    /// Matches nothing on a saved page (`:hover`, `::before`).
    Never,
    Sure(Selector),
    /// Cannot be read here: the last compound, as far as it can be.
    Unsure(Compound),
}

/// Reads a selector of compounds joined by ` ` and `>`.
fn parse_selector(sel: &str) -> Parsed {
    let lower = sel.to_ascii_lowercase();
    for state in [
        ":hover",
        ":focus",
        ":active",
        ":visited",
        "::",
        ":before",
        ":after",
        ":placeholder",
        ":checked",
        ":disabled",
        ":target",
    ] {
        if lower.contains(state) {
            return Parsed::Never;
        }
    }
    // compounds left to right, each with whether a `>` joins it to the one before
    let mut compounds: Vec<(Compound, bool)> = Vec::new();
    let mut sure = true;
    let mut child_next = false;
    let spaced = sel.replace('>', " > ");
    for token in spaced.split_ascii_whitespace() {
        match token {
            ">" => child_next = true,
            "+" | "~" => sure = false,
            _ => {
                let (compound, ok) = parse_compound(token);
                sure &= ok;
                compounds.push((compound, child_next));
                child_next = false;
            }
        }
    }
    let Some((last, _)) = compounds.last().cloned() else {
        return Parsed::Never;
    };
    if !sure || compounds.len() > 6 {
        return Parsed::Unsure(last);
    }
    // right to left; each part's flag says whether it must be the parent of the part before
    let n = compounds.len();
    let mut parts = Vec::with_capacity(n);
    for k in (0..n).rev() {
        let child = k + 1 < n && compounds[k + 1].1;
        parts.push((compounds[k].0.clone(), child));
    }
    let specificity = parts.iter().map(|(c, _)| c.specificity()).sum();
    Parsed::Sure(Selector { parts, specificity })
}

/// Reads `div.a.b#c`: the compound, and whether all of it was understood.
fn parse_compound(token: &str) -> (Compound, bool) {
    let mut c = Compound::default();
    let mut ok = true;
    let mut rest = token;
    let take = |s: &str| -> usize { s.find(['.', '#', ':', '[', '*']).unwrap_or(s.len()) };
    let n = take(rest);
    if n > 0 {
        c.tag = Some(rest[..n].to_ascii_lowercase().into());
    }
    rest = &rest[n..];
    while let Some(first) = rest.chars().next() {
        let after = &rest[1..];
        let n = take(after);
        match first {
            '.' => c.classes.push(after[..n].into()),
            '#' => c.id = Some(after[..n].into()),
            '*' => {}
            // a pseudo-class or an attribute: its argument may hold anything, so stop here
            _ => {
                ok = false;
                break;
            }
        }
        rest = &after[n..];
    }
    (c, ok)
}

/// Whether a `@media` query applies on a desktop screen.
fn media_applies(query: &str) -> bool {
    if query.contains("print") || query.contains("max-") || query.contains("speech") {
        return false;
    }
    if query.contains(" not ") || query.trim_start().starts_with("not") {
        return false;
    }
    if let Some(at) = query.find("min-width") {
        let digits: String = query[at + 9..]
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.parse::<u32>().is_ok_and(|px| px > 1280) {
            return false;
        }
    }
    true
}

/// The declarations of a block (or a `style` attribute) that set layout properties.
fn declarations(body: &str, inline: bool) -> Vec<Decl> {
    let mut out = Vec::new();
    // a quick look first: most `style` attributes set none (Word sets one on every run)
    if inline
        && ![
            "display",
            "grid",
            "order",
            "flex",
            "float",
            "position",
            "direction",
        ]
        .iter()
        .any(|w| contains_ignore_case(body, w))
    {
        return out;
    }
    for decl in body.split(';') {
        let Some((name, value)) = decl.split_once(':') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        let Some(prop) = prop(&name) else { continue };
        let mut value = value.trim().to_ascii_lowercase();
        let important = value.ends_with("!important");
        if important {
            value.truncate(value.len() - "!important".len());
        }
        let value = value.trim().split_ascii_whitespace().collect::<Vec<_>>();
        out.push(Decl {
            prop,
            value: value.join(" ").into(),
            important,
        });
    }
    out
}

fn contains_ignore_case(hay: &str, word: &str) -> bool {
    hay.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// The style text without its `/* … */` comments.
pub(crate) fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        out.push_str(&rest[..at]);
        match rest[at + 2..].find("*/") {
            Some(end) => rest = &rest[at + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The `}` closing the `{` at `open`, nested blocks counted.
pub(crate) fn matching_close(css: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in css.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A grid's column count from its `grid-template-columns`: `repeat(6, 1fr)`,
/// `120px 1fr 1fr`, `[a] 1fr [b] minmax(0, 2fr)`; `Err` with why where the count depends on
/// the screen (`auto-fill`, `auto-fit`) or is not given as tracks (`subgrid`, `masonry`).
pub(crate) fn track_count(value: &str) -> Result<u32, String> {
    let v = value.trim();
    if v.is_empty() || v == "none" {
        return Ok(1);
    }
    if v.contains("auto-fill") || v.contains("auto-fit") {
        return Err(format!(
            "网格的列数随屏幕宽度而定（grid-template-columns: {}）",
            short(v)
        ));
    }
    if v.contains("subgrid") || v.contains("masonry") || v.contains("var(") {
        return Err(format!(
            "网格的列数无法确定（grid-template-columns: {}）",
            short(v)
        ));
    }
    count_tracks(v)
        .filter(|n| (1..=1000).contains(n))
        .ok_or_else(|| format!("网格的列数无法确定（grid-template-columns: {}）", short(v)))
}

fn short(v: &str) -> String {
    v.chars().take(60).collect()
}

/// Counts the tracks of a track list, `repeat(n, …)` expanded.
fn count_tracks(v: &str) -> Option<u32> {
    let b = v.as_bytes();
    let mut count: u32 = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c if c.is_ascii_whitespace() => i += 1,
            b'[' => i += v[i..].find(']')? + 1,
            _ => {
                let start = i;
                let mut depth = 0i32;
                while i < b.len() && (depth > 0 || !b[i].is_ascii_whitespace()) {
                    match b[i] {
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                let token = &v[start..i];
                if let Some(inner) = token
                    .strip_prefix("repeat(")
                    .and_then(|t| t.strip_suffix(')'))
                {
                    let (n, tracks) = inner.split_once(',')?;
                    let n: u32 = n.trim().parse().ok()?;
                    count = count.checked_add(n.checked_mul(count_tracks(tracks)?)?)?;
                } else {
                    count = count.checked_add(1)?;
                }
            }
        }
    }
    Some(count)
}

/// A grid item's span along one axis from `grid-column` / `grid-row`: `span 2`, `auto`,
/// `span 2 / auto`; `Err` for a placement by line (`1 / 3`, `2`), which puts it elsewhere
/// than its place in the markup.
pub(crate) fn span(value: Option<&str>) -> Result<u32, String> {
    let Some(v) = value else { return Ok(1) };
    let first = v.split('/').next().unwrap_or(v).trim();
    let rest_auto = v.split_once('/').is_none_or(|(_, r)| r.trim() == "auto");
    if first == "auto" && rest_auto {
        return Ok(1);
    }
    if let Some(n) = first.strip_prefix("span")
        && rest_auto
        && let Ok(n) = n.trim().parse::<u32>()
    {
        return Ok(n.clamp(1, 1000));
    }
    Err(format!("单元格用网格线指定了位置（{}）", short(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el<'a>(tag: &'a str, class: &'a str) -> ElementView<'a> {
        ElementView {
            tag: tag.as_bytes(),
            class,
            id: None,
        }
    }

    #[test]
    fn tracks_are_counted_or_the_count_is_unsure() {
        assert_eq!(track_count("repeat(6, 1fr)"), Ok(6));
        assert_eq!(track_count("120px 1fr 1fr"), Ok(3));
        assert_eq!(
            track_count("[a] minmax(60px, 1fr) [b] repeat(2, 1fr 2fr)"),
            Ok(5)
        );
        assert!(track_count("repeat(auto-fill, minmax(120px, 1fr))").is_err());
        assert!(track_count("repeat(99999, 1fr)").is_err());
        assert!(track_count("var(--cols)").is_err());
    }

    #[test]
    fn spans_and_placements() {
        assert_eq!(span(Some("span 2")), Ok(2));
        assert_eq!(span(Some("span 3 / auto")), Ok(3));
        assert_eq!(span(None), Ok(1));
        assert!(span(Some("1 / 3")).is_err());
        assert!(span(Some("2")).is_err());
    }

    /// The search the nearest-place match replaced: each ancestor tried for each part in turn.
    fn ancestors_tried(parts: &[(Compound, bool)], path: &[ElementView<'_>]) -> bool {
        let Some(((compound, _), rest)) = parts.split_first() else {
            return true;
        };
        let child = parts_child(parts);
        let floor = path.len().saturating_sub(MAX_ANCESTORS);
        let mut i = path.len();
        while i > floor {
            i -= 1;
            if compound.matches(&path[i]) && ancestors_tried(rest, &path[..i]) {
                return true;
            }
            if child {
                return false;
            }
        }
        false
    }

    #[test]
    fn the_nearest_place_matches_exactly_when_some_place_does() {
        // every selector of up to five ancestor compounds over `a`, `b`, `*`, joined by ` ` or
        // `>`, against pseudo-random paths of up to 12 elements: the same answer as the search
        let tags = ["a", "b", "c"];
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for _ in 0..20_000 {
            let len = next(13) as usize;
            let path: Vec<ElementView<'_>> =
                (0..len).map(|_| el(tags[next(3) as usize], "")).collect();
            let parts: Vec<(Compound, bool)> = (0..=next(5))
                .map(|_| {
                    let tag = ["a", "b", "*"][next(3) as usize];
                    (parse_compound(tag).0, next(2) == 0)
                })
                .collect();
            assert_eq!(
                ancestors_match(&parts, &path).0,
                ancestors_tried(&parts, &path),
                "{parts:?}"
            );
        }
    }

    #[test]
    fn deep_selectors_over_deep_elements_compare_few_compounds() {
        // `x * * * * *` over 31 ancestors: the search compared some 10^5 compounds, each place
        // of each part tried again under each place of the part before
        let parts: Vec<(Compound, bool)> = ["*", "*", "*", "*", "x"]
            .iter()
            .map(|t| (parse_compound(t).0, false))
            .collect();
        let path: Vec<ElementView<'_>> = (0..31).map(|_| el("div", "")).collect();
        let (matched, compared) = ancestors_match(&parts, &path);
        assert!(!matched);
        assert!(compared <= 31 * 5, "{compared}");
        // a compound of many classes costs each of them
        let many = parse_compound(&".a".repeat(1000)).0;
        assert_eq!(many.cost(&el("div", "a")), 1001);
    }

    #[test]
    fn a_sheet_read_on_its_own_and_appended_is_the_sheet_read_in_place() {
        let block = ".t{display:grid;grid-template-columns:1fr 1fr} div > .c{order:2}";
        let sheet = "@media screen{.t{display:flex}} ul li{float:left} .u:nth-child(2){order:1}";
        let mut read = Styles::default();
        read.add(block);
        read.add(sheet);
        let mut appended = Styles::default();
        appended.add(block);
        let mut alone = Styles::default();
        alone.add(sheet);
        appended.append(alone);
        assert_eq!(format!("{appended:?}"), format!("{read:?}"));
    }

    #[test]
    fn at_rules_nested_past_the_bound_make_the_layouts_unsure() {
        let mut s = Styles::default();
        let depth = MAX_NESTED as usize + 1;
        s.add(&format!(
            "{}.t{{display:grid}}{}",
            "@media screen{".repeat(depth),
            "}".repeat(depth)
        ));
        assert!(s.too_much.is_some());
        let mut s = Styles::default();
        let depth = MAX_NESTED as usize;
        s.add(&format!(
            "{}.t{{display:grid}}{}",
            "@media screen{".repeat(depth),
            "}".repeat(depth)
        ));
        assert!(s.too_much.is_none());
        assert_eq!(
            s.layout(&[el("div", "t")], "").display.as_deref(),
            Some("grid")
        );
    }

    #[test]
    fn the_cascade_by_specificity_order_and_inline() {
        let mut s = Styles::default();
        s.add(
            "/* c */ .t{display:grid;grid-template-columns:repeat(3,1fr)} div.t{display:flex}\
             .a .c{grid-column:span 2} .x>.c{grid-row:span 3} .c:hover{display:none}\
             @media print{.t{display:block}} @media (max-width:600px){.t{display:block}}\
             li:nth-child(2){order:2}",
        );
        let l = s.layout(&[el("div", "t")], "");
        assert_eq!(l.display.as_deref(), Some("flex"));
        let l = s.layout(&[el("section", "t")], "display: table-row !important");
        assert_eq!(l.display.as_deref(), Some("table-row"));
        let l = s.layout(&[el("div", "a"), el("div", "m"), el("div", "c")], "");
        assert_eq!(l.grid_column.as_deref(), Some("span 2"));
        assert_eq!(l.grid_row, None);
        let l = s.layout(&[el("div", "x"), el("div", "c")], "");
        assert_eq!(l.grid_row.as_deref(), Some("span 3"));
        assert!(l.display.is_none());
        let l = s.layout(&[el("li", "")], "");
        assert!(l.unsure.is_some());
    }
}
