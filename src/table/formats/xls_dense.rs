//! The dense range calamine lays an `.xls` sheet out in, bounded by the cells the sheet holds.
//!
//! calamine reads an `.xls` sheet's cells, then lays them out densely over their span (every
//! row × every column from the first cell to the last): two Number cells at `A1` and `IV65536`,
//! a 5.6 KB file, made it fill 16.7 million cells (1 GB, 1.6 s of CPU, most of it the kernel
//! zeroing pages), within the cell limit. **Decisions**: a sheet whose span is more than
//! [`FREE_AREA`] cells is given to calamine *compacted*: its used rows and columns (those of
//! its cells, and the corners of its merges) renumbered 0, 1, 2 … in order, the cell, merge
//! and DIMENSIONS records rewritten to those numbers in the stream calamine reads, and every
//! cell and merge it gives back put at its own row and column again ([`SheetMap::back`]). The
//! grid sees the sheet exactly as written (a stray far cell is still at `IV65536`). What is
//! left dense is used rows × used columns: past [`FREE_AREA`] and [`PER_CELL`] times the
//! cells the sheet holds (cells on a diagonal: n cells, n² laid out) the sheet is refused
//! with `table.claims-too-many`, as a sheet over the cell limit is. Sheets within
//! [`FREE_AREA`] (every real form) are given to calamine as they are.

use std::collections::HashMap;

/// A span of up to this many cells is laid out as it is (some 30 MB as calamine holds and the
/// reader walks them).
pub(crate) const FREE_AREA: u128 = 1 << 18;

/// Past [`FREE_AREA`], the used rows × used columns laid out may be this many times the
/// cells the sheet holds.
pub(crate) const PER_CELL: u128 = 64;

/// A set of row or column numbers (`u16`), as bits.
struct Bits(Vec<u64>);

impl Bits {
    fn new() -> Bits {
        Bits(vec![0; 1024])
    }
    fn set(&mut self, i: u16) {
        self.0[usize::from(i) / 64] |= 1 << (i % 64);
    }
    fn count(&self) -> u128 {
        self.0.iter().map(|w| u128::from(w.count_ones())).sum()
    }
    fn clear(&mut self) {
        self.0.iter_mut().for_each(|w| *w = 0);
    }
    /// The numbers set, ascending.
    fn list(&self) -> Vec<u16> {
        let mut out = Vec::new();
        for (i, w) in self.0.iter().enumerate() {
            let mut w = *w;
            while w != 0 {
                let b = w.trailing_zeros();
                out.push((i * 64) as u16 + b as u16);
                w &= w - 1;
            }
        }
        out
    }
}

/// What one sheet's records use, as its records are walked (depth 1: what calamine reads).
pub(crate) struct SheetUse {
    rows: Bits,
    cols: Bits,
    /// Cells calamine reads (a MulRk's each).
    cells: u128,
    /// The span of the cells: (first row, last row, first column, last column).
    span: Option<(u16, u16, u16, u16)>,
    /// Every MulRk's last column agrees with its cells (calamine refuses one that does not: the
    /// sheet is then not compacted, its error left to calamine).
    consistent: bool,
}

/// Why a sheet is refused: the cells it would lay out, compacted.
pub(crate) struct TooSparse(pub u128);

impl SheetUse {
    pub(crate) fn new() -> SheetUse {
        SheetUse {
            rows: Bits::new(),
            cols: Bits::new(),
            cells: 0,
            span: None,
            consistent: true,
        }
    }

    /// A cell record of type `typ` (with its row and column first, or a MulRk).
    pub(crate) fn record(&mut self, typ: u16, body: &[u8]) {
        match typ {
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(r), Some(c)) = (u16_at(body, 0), u16_at(body, 2)) {
                    self.cells(r, c, c);
                }
            }
            0x00BD => {
                let (Some(r), Some(c0), Some(last)) = (
                    u16_at(body, 0),
                    u16_at(body, 2),
                    body.len().checked_sub(2).and_then(|i| u16_at(body, i)),
                ) else {
                    return;
                };
                // calamine reads `6 + 6 × (last − first + 1)` bytes, or refuses the record
                let n = body.len().saturating_sub(6) / 6;
                let fits = body.len() >= 12 && (body.len() - 6).is_multiple_of(6);
                if fits && last >= c0 && usize::from(last - c0) + 1 == n {
                    self.cells(r, c0, last)
                } else {
                    self.consistent = false
                }
            }
            0x00E5 => {
                let count = usize::from(u16_at(body, 0).unwrap_or(0));
                for m in body.get(2..2 + count * 8).unwrap_or(&[]).chunks_exact(8) {
                    for (at, rows) in [(0, true), (2, true), (4, false), (6, false)] {
                        if let Some(v) = u16_at(m, at) {
                            if rows {
                                self.rows.set(v)
                            } else {
                                self.cols.set(v)
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn cells(&mut self, r: u16, c0: u16, c1: u16) {
        self.rows.set(r);
        for c in c0..=c1 {
            self.cols.set(c);
        }
        self.cells += u128::from(c1 - c0) + 1;
        self.span = Some(match self.span {
            None => (r, r, c0, c1),
            Some((a, b, c, d)) => (a.min(r), b.max(r), c.min(c0), d.max(c1)),
        });
    }

    /// At the sheet's end: how it is given to calamine (a map where it is compacted), or why
    /// it is refused. The walk is then ready for the next sheet.
    pub(crate) fn close(&mut self) -> Result<Option<SheetMap>, TooSparse> {
        let area = self.span.map_or(0, |(a, b, c, d)| {
            (u128::from(b - a) + 1) * (u128::from(d - c) + 1)
        });
        let out = if area <= FREE_AREA || !self.consistent {
            Ok(None)
        } else {
            let compact = self.rows.count() * self.cols.count();
            if compact > FREE_AREA.max(PER_CELL * self.cells) {
                Err(TooSparse(compact))
            } else {
                Ok(Some(SheetMap {
                    rows: self.rows.list(),
                    cols: self.cols.list(),
                }))
            }
        };
        self.rows.clear();
        self.cols.clear();
        self.cells = 0;
        self.span = None;
        self.consistent = true;
        out
    }
}

/// A compacted sheet's rows and columns: the original number of each compact one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetMap {
    rows: Vec<u16>,
    cols: Vec<u16>,
}

impl SheetMap {
    /// The original (row, column) of a compact one.
    pub(crate) fn back(&self, (r, c): (u32, u32)) -> (u32, u32) {
        let pick = |v: &[u16], i: u32| v.get(i as usize).map_or(i, |&x| u32::from(x));
        (pick(&self.rows, r), pick(&self.cols, c))
    }

    /// The compact number of each original one (for the rewrite).
    fn forward(v: &[u16]) -> Vec<u16> {
        let mut out = vec![0u16; 65536];
        for (i, &x) in v.iter().enumerate() {
            out[usize::from(x)] = i as u16;
        }
        out
    }
}

/// Rewrites, in `data` (the workbook stream), the cell, merge and DIMENSIONS records of each
/// sheet of `maps` (by where its BOF is) to its compact rows and columns.
pub(crate) fn rewrite(data: &mut [u8], maps: &HashMap<usize, SheetMap>) {
    if maps.is_empty() {
        return;
    }
    let (mut pos, mut depth) = (0usize, 0usize);
    let mut current: Option<(Vec<u16>, Vec<u16>, u32, u32)> = None;
    while pos + 4 <= data.len() {
        let typ = u16::from_le_bytes([data[pos], data[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([data[pos + 2], data[pos + 3]]));
        let end = (pos + 4 + len).min(data.len());
        if super::workbook::is_bof(typ) {
            if depth == 0 {
                current = maps.get(&pos).map(|m| {
                    (
                        SheetMap::forward(&m.rows),
                        SheetMap::forward(&m.cols),
                        m.rows.len() as u32,
                        m.cols.len() as u32,
                    )
                });
            }
            depth += 1;
        } else if typ == 0x000A {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                current = None;
            }
        } else if depth == 1
            && let Some((rows, cols, nr, nc)) = &current
        {
            let body = &mut data[pos + 4..end];
            let map = |b: &mut [u8], at: usize, to: &[u16]| {
                if let Some(v) = u16_at(b, at) {
                    b[at..at + 2].copy_from_slice(&to[usize::from(v)].to_le_bytes());
                }
            };
            match typ {
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    map(body, 0, rows);
                    map(body, 2, cols);
                }
                0x00BD if body.len() >= 6 => {
                    let (c0, last) = (u16_at(body, 2), u16_at(body, body.len() - 2));
                    if let (Some(c0), Some(last)) = (c0, last) {
                        let to = cols[usize::from(c0)];
                        let n = body.len();
                        map(body, 0, rows);
                        body[2..4].copy_from_slice(&to.to_le_bytes());
                        body[n - 2..].copy_from_slice(&(to + (last - c0)).to_le_bytes());
                    }
                }
                0x00E5 => {
                    let count = usize::from(u16_at(body, 0).unwrap_or(0));
                    let n = body.len().min(2 + count * 8);
                    for m in body[2.min(n)..n].chunks_exact_mut(8) {
                        map(m, 0, rows);
                        map(m, 2, rows);
                        map(m, 4, cols);
                        map(m, 6, cols);
                    }
                }
                // DIMENSIONS: the compact extent (what calamine reserves)
                0x0200 => match body.len() {
                    10 => {
                        let nr = u16::try_from(*nr).unwrap_or(u16::MAX);
                        body[0..2].copy_from_slice(&0u16.to_le_bytes());
                        body[2..4].copy_from_slice(&nr.to_le_bytes());
                        body[4..6].copy_from_slice(&0u16.to_le_bytes());
                        body[6..8].copy_from_slice(&(*nc as u16).to_le_bytes());
                    }
                    14 | 16 => {
                        body[0..4].copy_from_slice(&0u32.to_le_bytes());
                        body[4..8].copy_from_slice(&nr.to_le_bytes());
                        body[8..10].copy_from_slice(&0u16.to_le_bytes());
                        body[10..12].copy_from_slice(&(*nc as u16).to_le_bytes());
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        pos += 4 + len;
    }
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

#[cfg(test)]
mod tests {
    use super::super::workbook::read_sheets;

    fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn number(row: u16, col: u16, v: f64) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(v.to_le_bytes());
        biff(0x0203, &d)
    }

    /// A BIFF8 Label cell (UTF-16 text).
    fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend((units.len() as u16).to_le_bytes());
        d.push(1);
        units.iter().for_each(|u| d.extend(u.to_le_bytes()));
        biff(0x0204, &d)
    }

    /// A MulRk of integer RK values `vs` from `col` on.
    fn mulrk(row: u16, col: u16, vs: &[i32]) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        for v in vs {
            d.extend(0u16.to_le_bytes());
            d.extend((((*v as u32) << 2) | 2).to_le_bytes());
        }
        d.extend((col + vs.len() as u16 - 1).to_le_bytes());
        biff(0x00BD, &d)
    }

    fn merges(ranges: &[(u16, u16, u16, u16)]) -> Vec<u8> {
        let mut d = (ranges.len() as u16).to_le_bytes().to_vec();
        for (r0, r1, c0, c1) in ranges {
            [r0, r1, c0, c1]
                .iter()
                .for_each(|v| d.extend(v.to_le_bytes()));
        }
        biff(0x00E5, &d)
    }

    fn dimensions(rows: u32, cols: u16) -> Vec<u8> {
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(rows.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(cols.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        biff(0x0200, &d)
    }

    /// An `.xls` of one sheet whose records after its BOF are `sheet`.
    fn xls(sheet: &[Vec<u8>]) -> Vec<u8> {
        use std::io::Write;
        let bof = |dt: u16| {
            let mut d = 0x0600u16.to_le_bytes().to_vec();
            d.extend(dt.to_le_bytes());
            d.extend([0u8; 12]);
            biff(0x0809, &d)
        };
        let bound = |at: u32| {
            let mut d = at.to_le_bytes().to_vec();
            d.extend([0u8, 0, 1, 0, b'S']);
            biff(0x0085, &d)
        };
        let globals = (bof(5).len() + bound(0).len() + 4) as u32;
        let mut stream = bof(5);
        stream.extend(bound(globals));
        stream.extend(biff(0x000A, &[]));
        stream.extend(bof(0x10));
        sheet.iter().for_each(|r| stream.extend(r));
        stream.extend(biff(0x000A, &[]));
        let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        cfb.create_stream("/Workbook")
            .unwrap()
            .write_all(&stream)
            .unwrap();
        cfb.flush().unwrap();
        cfb.into_inner().into_inner()
    }

    type Read = (Vec<((u32, u32), String)>, Vec<((u32, u32), (u32, u32))>);

    fn read(sheet: &[Vec<u8>]) -> Result<Read, String> {
        let mut s = read_sheets("t.xls", xls(sheet), None, None).map_err(|e| format!("{e:?}"))?;
        let mut cells = s[0].listed();
        cells.sort();
        let mut merges = std::mem::take(&mut s[0].merges);
        merges.sort();
        Ok((cells, merges))
    }

    #[test]
    fn a_sheet_compacted_for_calamine_reads_back_at_its_own_rows_and_columns() {
        let table = vec![
            dimensions(65536, 256),
            label(0, 0, "项目"),
            label(0, 1, "指标"),
            label(2, 0, "社区服务"),
            mulrk(2, 1, &[5, 6, 7]),
            number(7, 3, 1.5),
            merges(&[(2, 5, 0, 0), (0, 0, 1, 3)]),
        ];
        let plain = read(&table).unwrap();
        // written as it is (a span of 8 × 4): nothing compacted
        assert_eq!(plain.0.len(), 7);
        assert!(plain.0.contains(&((2, 2), "6".to_string())), "{plain:?}");
        assert_eq!(plain.1, [((0, 1), (0, 3)), ((2, 0), (5, 0))]);
        // the same with a stray far cell (and a far merge): a span of 65 536 × 256, compacted
        let mut far = table.clone();
        far.push(label(65535, 255, "备注"));
        far.push(merges(&[(40000, 40001, 200, 201)]));
        let (cells, merged) = read(&far).unwrap();
        let mut want = plain.0.clone();
        want.push(((65535, 255), "备注".to_string()));
        assert_eq!(cells, want);
        let mut want = plain.1.clone();
        want.push(((40000, 200), (40001, 201)));
        want.sort();
        assert_eq!(merged, want);
    }

    #[test]
    fn a_sheet_dense_even_compacted_is_refused() {
        // cells on a diagonal: every row and every column used, n cells laid out n × 256
        let diagonal: Vec<Vec<u8>> = (0..4000u16).map(|r| number(r, r % 256, 1.0)).collect();
        let err = read(&diagonal).unwrap_err();
        assert!(err.contains("ClaimsTooMany"), "{err}");
        // 1 000 such cells (256 000 laid out) are read
        let diagonal: Vec<Vec<u8>> = (0..1000u16).map(|r| number(r, r % 256, 1.0)).collect();
        assert_eq!(read(&diagonal).unwrap().0.len(), 1000);
    }

    #[test]
    fn a_mulrk_calamine_would_refuse_is_left_to_calamine() {
        let mut bad = mulrk(0, 4, &[1, 2]);
        let n = bad.len();
        bad[n - 2..].copy_from_slice(&9u16.to_le_bytes());
        let err = read(&[number(0, 0, 1.0), bad, number(65535, 255, 1.0)]).unwrap_err();
        assert!(err.contains("Workbook"), "{err}");
    }
}
