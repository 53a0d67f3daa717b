//! A file's reader findings listed up to a bound a code, the rest counted (issue 27, the
//! skipped-row bomb): one unclosed quote in a 10 MB CSV made 5,000,000 one-character rows, each
//! skipped with a finding held, rendered and written (2.9 GB, 52 s, an abort under a 4 GB
//! address limit). Past [`crate::limits::FINDINGS_LISTED`] findings of one code (1,000,
//! `JIXIAO_MAX_FINDINGS_LISTED`) a reading only counts the rest, and says so once, at the end
//! of the file's findings: one `table.findings-not-listed` a code, with how many were not
//! listed and where the first of them is. Nothing is dropped silently: the rows skipped are
//! counted whole as before (`rows_skipped`), and the count of the findings not listed is in the
//! closing finding.
//!
//! **The same whole and streamed.** The first findings of a code in file order are listed,
//! whoever reads the file: a whole reading keeps a [`Findings`] for the file (`table::Ctx`); a
//! streamed one reads each block with its own (which lists its first findings of a code, never
//! more than the file would, and counts the rest: [`Unlisted`]) and passes every block, in file
//! order at the turnstile, through one [`Listing`] for the file, which keeps what the file as a
//! whole lists and adds up the rest. Which findings are listed, and the counts, are those of the
//! whole reading: a block's listed findings of a code are its first ones, and the file lists at
//! most as many of them as the block did.
//!
//! Cost: nothing for a reading without findings; a finding pushed looks its code up among the
//! codes seen so far (a handful).

use crate::codes;
use crate::finding::Finding;

/// How one code's findings stand in a reading: listed, counted past the bound, the first of
/// those counted (for where the closing finding points).
#[derive(Debug, Clone)]
struct Tally {
    code: std::borrow::Cow<'static, str>,
    listed: usize,
    unlisted: usize,
    first: Option<Box<Finding>>,
}

/// Each code's findings past the bound in one reading: how many, and the first of them.
#[derive(Debug, Clone, Default)]
pub struct Unlisted {
    tallies: Vec<Tally>,
}

impl Unlisted {
    /// The tally of `code`, made where it has none yet (a reader's code is borrowed: no copy).
    fn tally(&mut self, code: std::borrow::Cow<'static, str>) -> &mut Tally {
        let at = match self.tallies.iter().position(|t| t.code == code) {
            Some(at) => at,
            None => {
                self.tallies.push(Tally {
                    code,
                    listed: 0,
                    unlisted: 0,
                    first: None,
                });
                self.tallies.len() - 1
            }
        };
        &mut self.tallies[at]
    }

    /// `f` where its code has room to list it, else `None`: counted.
    fn admit(&mut self, f: Finding, bound: usize) -> Option<Finding> {
        let t = self.tally(f.code.clone());
        if t.listed < bound {
            t.listed += 1;
            return Some(f);
        }
        t.unlisted += 1;
        if t.first.is_none() {
            t.first = Some(Box::new(f));
        }
        None
    }

    /// The closing findings, one a code with findings not listed, in the order the codes came.
    fn closing(self) -> impl Iterator<Item = Finding> {
        self.tallies.into_iter().filter_map(|t| {
            let first = t.first?;
            Some(not_listed(&first, t.unlisted, t.listed))
        })
    }
}

/// The findings bound in effect.
fn bound() -> usize {
    crate::limits::FINDINGS_LISTED.get_usize()
}

/// A reading's findings: each code's first ones listed, the rest counted ([`Unlisted`]).
#[derive(Debug, Clone, Default)]
pub struct Findings {
    list: Vec<Finding>,
    unlisted: Unlisted,
}

impl Findings {
    /// `fs` pushed in turn ([`Findings::push`]).
    pub fn of(fs: impl IntoIterator<Item = Finding>) -> Findings {
        let mut list = Findings::default();
        list.extend(fs);
        list
    }

    /// `f`, where there is one, listed first (where its code has room; else counted), with
    /// one place reserved where the list has none to spare (`finding::put_first`).
    pub fn put_first(&mut self, f: Option<Finding>) {
        let Some(f) = f else { return };
        if let Some(f) = self.unlisted.admit(f, bound()) {
            crate::finding::put_first(&mut self.list, Some(f));
        }
    }

    /// How many findings are listed so far: where the next one listed goes.
    pub fn listed(&self) -> usize {
        self.list.len()
    }

    /// Lists `f` where its code has not reached the bound, else counts it.
    pub fn push(&mut self, f: Finding) {
        if let Some(f) = self.unlisted.admit(f, bound()) {
            self.list.push(f);
        }
    }

    /// [`Findings::push`] of each.
    pub fn extend(&mut self, fs: impl IntoIterator<Item = Finding>) {
        for f in fs {
            self.push(f);
        }
    }

    /// `later`'s findings after these, as if each had been pushed here in turn (findings
    /// gathered apart that come after these: a walked block's rows' after its quotes',
    /// `table::walked`).
    pub fn append(&mut self, later: Findings) {
        // the codes in the order they came, as pushing would have added them
        for t in &later.unlisted.tallies {
            self.unlisted.tally(t.code.clone());
        }
        for f in later.list {
            self.push(f);
        }
        for t in later.unlisted.tallies {
            let mine = self.unlisted.tally(t.code);
            mine.unlisted += t.unlisted;
            if mine.first.is_none() {
                mine.first = t.first;
            }
        }
    }

    /// The findings listed and what was counted past the bound, apart (a block of a streamed
    /// reading, which the file's [`Listing`] passes).
    pub fn into_parts(self) -> (Vec<Finding>, Unlisted) {
        (self.list, self.unlisted)
    }

    /// The findings listed, then one closing finding a code with findings not listed (a whole
    /// reading's, at its end).
    #[inline]
    pub fn close(self) -> Vec<Finding> {
        // (nearly every project: nothing counted past the bound, nothing to close)
        if self.unlisted.tallies.iter().all(|t| t.first.is_none()) {
            return self.list;
        }
        let mut list = self.list;
        list.extend(self.unlisted.closing());
        list
    }
}

/// The findings a streamed file lists, its blocks passed in file order: what the file listed
/// so far of each code, and counted.
#[derive(Debug, Default)]
pub struct Listing {
    file: Unlisted,
}

impl Listing {
    /// A file's listing that has passed `head`'s findings (those above the data rows) and its
    /// counts.
    pub fn after(head: &[Finding], unlisted: &Unlisted) -> Listing {
        let mut l = Listing::default();
        let mut kept = head.to_vec();
        l.pass(&mut kept, unlisted.clone());
        l
    }

    /// Passes a block's `findings` (its first of each code, `unlisted` the rest it counted): the
    /// ones the file lists are kept, in order, the others counted for the file.
    pub fn pass(&mut self, findings: &mut Vec<Finding>, unlisted: Unlisted) {
        if findings.is_empty() && unlisted.tallies.is_empty() {
            return;
        }
        let bound = bound();
        // (the block's listed findings of a code come before its counted ones in file order)
        // (collected where they were)
        *findings = std::mem::take(findings)
            .into_iter()
            .filter_map(|f| self.file.admit(f, bound))
            .collect();
        for t in unlisted.tallies {
            if t.unlisted == 0 {
                continue;
            }
            let mine = self.file.tally(t.code);
            mine.unlisted += t.unlisted;
            if mine.first.is_none() {
                mine.first = t.first;
            }
        }
    }

    /// The closing findings of the file, one a code with findings not listed.
    pub fn close(self) -> Vec<Finding> {
        self.file.closing().collect()
    }
}

/// The finding that closes a reading's findings of `first`'s code: `more` were not listed
/// after the first `listed`; the first of them is `first`.
#[cold]
fn not_listed(first: &Finding, more: usize, listed: usize) -> Finding {
    let limit = &crate::limits::FINDINGS_LISTED;
    let message = format!(
        "“{}”的问题已逐条列出 {listed} 条，其余 {more} 条未逐条列出，只计数；\
         第一条未列出的在 {}：{}",
        first.code,
        first.position(),
        first.message
    );
    Finding::new(
        codes::FINDINGS_NOT_LISTED,
        first.severity,
        &first.file,
        message,
    )
    .help(format!("{}；{}", why(&first.code), limit.help()))
    .counting(first.code.clone(), more)
}

/// What many findings of one code most often mean, by the code's family.
fn why(code: &str) -> &'static str {
    if code.starts_with("actuals.") {
        "实际值文件中很多条都对不上时，多是单位、项目或指标名称的写法与目标表不一致：先核对列出的前几条；或用 jixiao template 表 -o 实际值.yaml 重新生成实际值文件"
    } else if code.starts_with("table.") || code.starts_with("stream.") {
        "同一种问题很多时，多是分隔符、引号或表头不对，使其后的每一行都出错：先改正列出的前几条再读取"
    } else {
        "同一种问题很多时，多是同一个写法或同一条规则使每一行都得出它：先看列出的前几条"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding of one of three codes at line `line`.
    fn finding(code: usize, line: u32) -> Finding {
        let code = [codes::ROW_TOO_SHORT, codes::EXTRA_CELLS, codes::STRAY_QUOTE][code];
        let mut f = Finding::new(code, crate::finding::Severity::Error, "t.csv", "x");
        f.line = Some(line);
        f
    }

    #[test]
    fn blocks_passed_in_order_list_and_count_what_the_whole_reading_does() {
        // findings of three codes, cut into blocks anywhere (a block of none, of one, of more
        // than the bound): the blocks' own listings passed through the file's give the whole
        // reading's findings, closing findings included
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for round in 0..20 {
            let n = [0, 5, 999, 1000, 1001, 2500, 4000][round % 7] + next(3) as usize;
            let all: Vec<Finding> = (0..n)
                .map(|i| finding(next(if round % 2 == 0 { 1 } else { 3 }) as usize, i as u32))
                .collect();
            let mut whole = Findings::default();
            whole.extend(all.iter().cloned());
            let whole = whole.close();
            let mut listing = Listing::default();
            let mut streamed = Vec::new();
            let mut at = 0;
            while at < n {
                let len = (next(1500) as usize).min(n - at);
                let mut block = Findings::default();
                block.extend(all[at..at + len].iter().cloned());
                let (mut list, unlisted) = block.into_parts();
                listing.pass(&mut list, unlisted);
                streamed.extend(list);
                at += len;
            }
            streamed.extend(listing.close());
            let shown = |v: &[Finding]| format!("{v:?}");
            assert_eq!(
                shown(&streamed),
                shown(&whole),
                "round {round}, {n} findings"
            );
            let closing = whole
                .iter()
                .filter(|f| f.code == "table.findings-not-listed");
            match closing.count() {
                0 => assert!(n <= 3000, "round {round}: {n} findings, none counted"),
                _ => assert!(n > 1000, "round {round}: {n} findings, some counted"),
            }
        }
    }
}
