//! Synthetic tables for benchmarks and scale tests: a deterministic generator of self-evaluation
//! sheets (自评表, contract §4.2, targets and actuals in one file) and of target tables (contract §4.1)
//! with a matching actuals file, at any size.
//!
//! Not a user command: `cargo run --release --example synth -- --projects 1000000 --out DIR`
//! (see `benches/scale.sh`). The phrasings are real: every indicator name, category and target
//! is drawn from the bundled seed table (`samples/guangzhou-hpf-2023`), the corpus of other
//! offices' targets (`tests/fixtures/lang/corpus_targets.tsv`) and the scored sheet of
//! `samples/jishan-2021-health`; unit and project names are built from the same sources with a
//! number that keeps each one unique; amounts are drawn around the seed's own amounts.
//!
//! Actuals are written the way sheets write them: for a quantitative target a value in the
//! target's unit that meets it (about 80 %), falls short (about 10 %), or nothing (about 4 %);
//! `是`/`否` for yes/no targets, a grade (`达成`, `部分达成`) for qualitative ones. Each
//! indicator's outcome is drawn before its text, so the mix does not depend on the phrasing.
//!
//! The random numbers come from SplitMix64, written out here rather than taken from a crate, so
//! the same seed gives the same bytes on every platform and every future version (the `rand`
//! crates do not promise stable streams across versions).

use std::fmt::Write as _;
use std::io::{self, Write};

use rust_decimal::Decimal;

use crate::lang::{self, Context, Op, Target};

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same stream everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One indicator as a table writes it.
#[derive(Debug, Clone)]
pub struct Phrasing {
    pub category: String,
    pub subcategory: String,
    pub indicator: String,
    pub target: String,
    /// Actual texts that meet the target, and that fall short (empty where none can be made).
    pub meets: Vec<String>,
    pub short: Vec<String>,
}

/// The phrasings, grouped by the category they score under.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub output: Vec<Phrasing>,
    pub benefit: Vec<Phrasing>,
    pub satisfaction: Vec<Phrasing>,
    pub cost: Vec<Phrasing>,
    pub units: Vec<String>,
    pub projects: Vec<String>,
    /// Project amounts of the seed (万元).
    pub amounts: Vec<Decimal>,
}

const SEED_TABLE: &str = include_str!("../samples/guangzhou-hpf-2023/targets.tsv");
const CORPUS: &str = include_str!("../tests/fixtures/lang/corpus_targets.tsv");
const SCORED: &str = include_str!("../samples/jishan-2021-health/sheet.tsv");

const PLACES: &[&str] = &[
    "广州市",
    "深圳市",
    "佛山市",
    "宁德市",
    "稷山县",
    "晋中市",
    "赣州市",
    "遵义市",
    "南宁市",
    "黔东南州",
    "天水市",
    "绍兴市",
    "泉州市",
    "襄阳市",
    "岳阳市",
    "绵阳市",
];

fn percent_text(v: Decimal) -> String {
    format!("{}%", v.round_dp(2).normalize())
}

/// Actual texts for a target: some that meet it, some that fall short.
fn actuals_for(target: &Target, rng: &mut Rng) -> (Vec<String>, Vec<String>) {
    // Counts stay whole when the target is whole (`12次` → `13次`, not `12.36次`).
    let whole = |t: &Target| match t {
        Target::Compare { quantity, .. } | Target::Approximate { quantity } => {
            quantity.value.fract().is_zero()
                && quantity.unit.as_ref().is_none_or(|u| u.as_str() != "%")
        }
        _ => false,
    };
    let dp = if whole(target) { 0 } else { 2 };
    let show = |v: Decimal, unit: &Option<lang::Unit>| -> String {
        let v = v.round_dp(dp).normalize();
        match unit {
            Some(u) if u.as_str() == "%" => percent_text(v),
            Some(u) => format!("{v}{}", u.as_str()),
            None => v.to_string(),
        }
    };
    let step = |v: Decimal, per_cent: i64| v * Decimal::new(100 + per_cent, 2);
    match target {
        Target::Compare { op, quantity } => {
            let v = quantity.value;
            let u = &quantity.unit;
            let percent = u.as_ref().is_some_and(|u| u.as_str() == "%");
            let higher = matches!(op, Op::Ge | Op::Gt | Op::Eq);
            let mut meets = Vec::new();
            let mut short = Vec::new();
            for k in 1..=3 {
                let k = k as i64 + rng.below(4) as i64;
                let (up, down) = if percent && v > Decimal::from(90) {
                    let room = (Decimal::ONE_HUNDRED - v).max(Decimal::ZERO);
                    (
                        v + room * Decimal::new(k, 1).min(Decimal::ONE),
                        v - Decimal::new(k * 15, 1),
                    )
                } else {
                    (step(v, k * 3), step(v, -k * 9))
                };
                let (good, bad) = if higher { (up, down) } else { (down, up) };
                let good = if matches!(op, Op::Eq) { v } else { good };
                let good = if percent && higher && good > Decimal::ONE_HUNDRED {
                    Decimal::ONE_HUNDRED.max(v)
                } else {
                    good
                };
                if good >= Decimal::ZERO {
                    meets.push(show(good, u));
                }
                if bad >= Decimal::ZERO {
                    short.push(show(bad, u));
                }
            }
            (meets, short)
        }
        Target::Range { low, high, unit } => {
            let mid = (low.value + high.value) / Decimal::TWO;
            (
                vec![show(mid, unit)],
                vec![show(step(low.value, -20), unit)],
            )
        }
        Target::Approximate { quantity } => (
            vec![show(quantity.value, &quantity.unit)],
            vec![show(step(quantity.value, -40), &quantity.unit)],
        ),
        Target::Boolean { expected } => {
            let (y, n) = if *expected {
                ("是", "否")
            } else {
                ("否", "是")
            };
            (vec![y.into()], vec![n.into()])
        }
        Target::Deadline { date, .. } => {
            let m = date.month.max(2);
            (
                vec![format!("{}月", m - 1)],
                vec![format!("{}月", (m + 1).min(12))],
            )
        }
        Target::Qualitative { .. } | Target::Plan { .. } | Target::Relative { .. } => (
            vec!["达成".into(), "达成".into(), "已完成".into()],
            vec!["部分达成".into(), "未达成".into()],
        ),
        Target::Empty | Target::Error { .. } => (vec![], vec![]),
    }
}

fn bucket(v: &mut Vocabulary, p: Phrasing) {
    let c = crate::eval::evaluate::scoring_category(&p.category);
    match c {
        Some("成本指标") => v.cost.push(p),
        Some("效益指标") => v.benefit.push(p),
        Some("满意度指标") => v.satisfaction.push(p),
        _ => v.output.push(p),
    }
}

impl Vocabulary {
    /// The phrasings of the bundled sources, with their actuals drawn from `rng`.
    pub fn bundled(rng: &mut Rng) -> Vocabulary {
        let mut v = Vocabulary {
            output: vec![],
            benefit: vec![],
            satisfaction: vec![],
            cost: vec![],
            units: vec![],
            projects: vec![],
            amounts: vec![],
        };
        let ctx = Context::default();
        let add = |v: &mut Vocabulary, l1: &str, l2: &str, name: &str, tgt: &str, rng: &mut Rng| {
            if name.is_empty() || tgt.is_empty() || name.contains('\t') {
                return;
            }
            let parsed = lang::parse(
                tgt,
                &Context {
                    indicator: Some(name),
                    category: Some(l1).filter(|c| !c.is_empty()),
                    ..ctx
                },
            );
            let (meets, short) = actuals_for(&parsed.target, rng);
            bucket(
                v,
                Phrasing {
                    category: if l1.is_empty() {
                        "产出指标".into()
                    } else {
                        l1.into()
                    },
                    subcategory: l2.into(),
                    indicator: name.into(),
                    target: tgt.into(),
                    meets,
                    short,
                },
            );
        };
        if let Ok(doc) = crate::table::read_str(
            "targets.tsv",
            SEED_TABLE,
            &crate::table::ReadOptions::default(),
        ) {
            for u in &doc.units {
                v.units.push(u.name.clone());
                for p in &u.projects {
                    v.projects.push(p.name.clone());
                    if let Some(a) = &p.amounts.total {
                        v.amounts.push(a.value);
                    }
                    for i in &p.indicators {
                        let l1 = i.category.clone().unwrap_or_default();
                        add(&mut v, &l1, "", &i.name, &i.target, rng);
                    }
                }
            }
        }
        for line in CORPUS.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() > 4 {
                add(&mut v, f[1], f[2], f[3], f[4], rng);
            }
        }
        for line in SCORED.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() > 6 && !f[2].is_empty() {
                v.projects.push(f[1].to_owned());
                let name = f[4].split_once([':', '：']).map_or(f[4], |(_, n)| n);
                add(&mut v, f[2], f[3], name, f[5], rng);
            }
        }
        v.projects.sort();
        v.projects.dedup();
        v.amounts.retain(|a| *a > Decimal::ZERO);
        if v.amounts.is_empty() {
            v.amounts.push(Decimal::ONE_HUNDRED);
        }
        v
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub projects: usize,
    /// Stop after the project that reaches this many indicators (if set before `projects`).
    pub indicators: Option<usize>,
    /// Projects per unit, on average.
    pub projects_per_unit: usize,
    pub seed: u64,
    /// Give every numeric actual extra random digits (`98.1%` → `98.137%`), so that actuals
    /// hardly ever repeat: the worst case for evaluation's memos, where the bundled sources
    /// alone give each phrasing a handful of actuals.
    pub varied_actuals: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            projects: 1000,
            indicators: None,
            projects_per_unit: 20,
            seed: 2023,
            varied_actuals: false,
        }
    }
}

/// One generated indicator.
#[derive(Debug, Clone)]
pub struct Item<'v> {
    pub phrasing: &'v Phrasing,
    /// The actual written, or empty.
    pub actual: String,
}

/// One generated project.
#[derive(Debug, Clone)]
pub struct SynthProject<'v> {
    pub unit: String,
    pub name: String,
    pub budget: Decimal,
    pub spent: Decimal,
    pub items: Vec<Item<'v>>,
}

/// Generates projects one at a time (constant memory whatever the size).
pub struct Generator<'v> {
    vocab: &'v Vocabulary,
    rng: Rng,
    spec: Spec,
    made: usize,
    unit_index: usize,
    unit_left: usize,
    unit_name: String,
}

impl<'v> Generator<'v> {
    pub fn new(vocab: &'v Vocabulary, spec: Spec) -> Self {
        Generator {
            vocab,
            rng: Rng::new(spec.seed ^ 0x6A69_7869_616F),
            spec,
            made: 0,
            unit_index: 0,
            unit_left: 0,
            unit_name: String::new(),
        }
    }

    fn item(&mut self, pool: &'v [Phrasing]) -> Item<'v> {
        let p = self.rng.pick(pool);
        let roll = self.rng.below(1000);
        let actual = if roll < 40 || (p.meets.is_empty() && p.short.is_empty()) {
            String::new()
        } else if roll < 140 && !p.short.is_empty() {
            self.rng.pick(&p.short).clone()
        } else if !p.meets.is_empty() {
            self.rng.pick(&p.meets).clone()
        } else {
            self.rng.pick(&p.short).clone()
        };
        let actual = if self.spec.varied_actuals {
            vary(actual, &mut self.rng)
        } else {
            actual
        };
        Item {
            phrasing: p,
            actual,
        }
    }
}

/// `text` with random digits added to its last number (`98.1%` → `98.137%`, `12次` → `12.4次`),
/// or as it is when it has no number.
fn vary(text: String, rng: &mut Rng) -> String {
    let bytes = text.as_bytes();
    let Some(end) = bytes.iter().rposition(u8::is_ascii_digit).map(|i| i + 1) else {
        return text;
    };
    let start = bytes[..end]
        .iter()
        .rposition(|b| !b.is_ascii_digit() && *b != b'.')
        .map_or(0, |i| i + 1);
    let extra = if text[start..end].contains('.') {
        format!("{}", 1 + rng.below(99))
    } else {
        format!(".{}", 1 + rng.below(9))
    };
    format!("{}{extra}{}", &text[..end], &text[end..])
}

impl<'v> Iterator for Generator<'v> {
    type Item = SynthProject<'v>;

    fn next(&mut self) -> Option<SynthProject<'v>> {
        if self.made == self.spec.projects && self.spec.indicators.is_none() {
            return None;
        }
        let v = self.vocab;
        if self.unit_left == 0 {
            self.unit_index += 1;
            let per = self.spec.projects_per_unit.max(1);
            self.unit_left = self.rng.between(1, per * 2 - 1);
            let base = self.rng.pick(&v.units).clone();
            let place = *self.rng.pick(PLACES);
            self.unit_name = format!("{place}{base}（{:05}）", self.unit_index);
        }
        self.unit_left -= 1;
        self.made += 1;
        let name = format!("{}（{}）", self.rng.pick(&v.projects), self.made);
        let base = *self.rng.pick(&v.amounts);
        let budget = (base * Decimal::new(50 + self.rng.below(150) as i64, 2)).round_dp(2);
        let spent = (budget * Decimal::new(800 + self.rng.below(201) as i64, 3)).round_dp(2);
        let mut items = Vec::with_capacity(7);
        for _ in 0..self.rng.between(1, 3) {
            items.push(self.item(&v.output));
        }
        if !v.cost.is_empty() && self.rng.chance(200) {
            items.push(self.item(&v.cost));
        }
        for _ in 0..self.rng.between(1, 2) {
            items.push(self.item(&v.benefit));
        }
        items.push(self.item(&v.satisfaction));
        Some(SynthProject {
            unit: self.unit_name.clone(),
            name,
            budget,
            spent,
            items,
        })
    }
}

/// Column header of the generated self-evaluation sheet.
pub const SHEET_HEADER: &str =
    "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t全年预算数\t全年执行数";

/// Writes a self-evaluation sheet (TSV, UTF-8): a preamble line, the header, then per project a
/// budget row and its indicator rows. Unit, project and 一级指标 are written once and left empty
/// below (as merged cells export). Returns (projects, indicators) written.
pub fn write_sheet(
    vocab: &Vocabulary,
    spec: Spec,
    out: &mut dyn Write,
) -> io::Result<(usize, usize)> {
    let mut line = String::with_capacity(512);
    writeln!(out, "部门名称：合成数据（jixiao 基准测试）")?;
    writeln!(out, "{SHEET_HEADER}")?;
    let mut last_unit = String::new();
    let (mut projects, mut indicators) = (0, 0);
    for p in Generator::new(vocab, spec) {
        if spec.indicators.is_some_and(|n| indicators >= n) {
            break;
        }
        line.clear();
        let unit = if p.unit == last_unit { "" } else { &p.unit };
        let _ = writeln!(
            line,
            "{unit}\t{}\t\t\t\t\t\t{}\t{}",
            p.name, p.budget, p.spent
        );
        let mut last_l1 = "";
        for i in &p.items {
            let ph = i.phrasing;
            let l1 = if ph.category == last_l1 {
                ""
            } else {
                &ph.category
            };
            last_l1 = &ph.category;
            let _ = writeln!(
                line,
                "\t\t{l1}\t{}\t{}\t{}\t{}\t\t",
                ph.subcategory, ph.indicator, ph.target, i.actual
            );
        }
        out.write_all(line.as_bytes())?;
        last_unit = p.unit;
        projects += 1;
        indicators += p.items.len();
    }
    Ok((projects, indicators))
}
