// The block split's delimiter search (`table::flat::rows_from`) three ways, alone, on a sheet
// cut in blocks of 32 KB as streaming cuts it: SSE2 masks of 64 bytes a step (jixiao's
// `flat::masks_of`, walked bit by bit as `rows_from` walks them), `memchr::memchr2_iter` (the
// delimiter and the line break) and `memchr::memchr3_iter` (and the quote). Each pushes every
// cell's range and counts the rows, as the split does. Not a cargo target (a file in a folder
// of `benches/`): built by hand against the release build's memchr (benches/README.md, H63):
//
//   rustc --edition 2024 -C opt-level=3 -C codegen-units=1 benches/split/search.rs \
//     --extern memchr=$(ls target/release/deps/libmemchr-*.rlib | head -1) -o target/search
//   target/search SHEET masks|memchr2|memchr3 PASSES
use std::hint::black_box;

#[inline(always)]
fn masks_of(chunk: &[u8; 64], delim: u8) -> (u64, u64) {
    use std::arch::x86_64::*;
    let (mut either, mut breaks) = (0, 0);
    unsafe {
        let (d, n) = (_mm_set1_epi8(delim as i8), _mm_set1_epi8(b'\n' as i8));
        for (k, part) in chunk.as_chunks::<16>().0.iter().enumerate() {
            let v = _mm_loadu_si128(part.as_ptr().cast::<__m128i>());
            let at_delim = u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, d)) as u16);
            let at_break = u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, n)) as u16);
            either |= (at_delim | at_break) << (16 * k);
            breaks |= at_break << (16 * k);
        }
    }
    (either, breaks)
}

// what the split does at each place: a cell (start, end) and a row at a line break
fn by_masks(bytes: &[u8], delim: u8, cells: &mut Vec<(u32, u32)>) -> usize {
    let (mut cell, mut rows) = (0usize, 0usize);
    let mut base = 0;
    while base < bytes.len() {
        let (mut found, breaks) = match bytes.get(base..base + 64) {
            Some(c) => masks_of(c.try_into().unwrap(), delim),
            None => {
                let mut last = [0; 64];
                last[..bytes.len() - base].copy_from_slice(&bytes[base..]);
                masks_of(&last, delim)
            }
        };
        while found != 0 {
            let bit = found.trailing_zeros();
            let at = base + bit as usize;
            found &= found - 1;
            cells.push((cell as u32, at as u32));
            cell = at + 1;
            rows += (breaks >> bit & 1) as usize;
        }
        base += 64;
    }
    rows
}

fn by_memchr2(bytes: &[u8], delim: u8, cells: &mut Vec<(u32, u32)>) -> usize {
    let (mut cell, mut rows) = (0usize, 0usize);
    for at in memchr::memchr2_iter(delim, b'\n', bytes) {
        cells.push((cell as u32, at as u32));
        cell = at + 1;
        rows += (bytes[at] == b'\n') as usize;
    }
    rows
}

fn by_memchr3(bytes: &[u8], delim: u8, cells: &mut Vec<(u32, u32)>) -> usize {
    // the third needle a quote (a block holding one is read by the grid)
    let (mut cell, mut rows) = (0usize, 0usize);
    for at in memchr::memchr3_iter(delim, b'\n', b'"', bytes) {
        cells.push((cell as u32, at as u32));
        cell = at + 1;
        rows += (bytes[at] == b'\n') as usize;
    }
    rows
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read(&args[1]).unwrap();
    let way = args[2].as_str();
    let reps: usize = args[3].parse().unwrap();
    let f = match way { "masks" => by_masks, "memchr2" => by_memchr2, "memchr3" => by_memchr3, _ => panic!() };
    let mut cells = Vec::with_capacity(32 * 1024 / 4);
    let mut rows = 0;
    let t = std::time::Instant::now();
    for _ in 0..reps {
        for block in text.chunks(32 * 1024) {
            cells.clear();
            rows += f(black_box(block), b'\t', &mut cells);
            black_box(&cells);
        }
    }
    let cells_n = cells.len();
    eprintln!("{way}: {rows} rows, {:?} ({} cells in the last block)", t.elapsed(), cells_n);
}
