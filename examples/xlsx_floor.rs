//! The floor of a streamed `.xlsx` reading (a measuring helper, issue 28): the workbook's bytes
//! read whole (as `jixiao` reads them), its first sheet's cells walked in order by calamine's
//! cell reader and nothing kept of them (a count and the bytes of their text), so the process
//! peak is what a reader that holds no row must hold anyway (the file, the shared strings, the
//! styles) and the CPU what such a reader cannot go below.
//!
//! `cargo run --release --example xlsx_floor -- BOOK.xlsx`, under `/usr/bin/time -f %M`.
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args().nth(1).expect("a workbook");
    let bytes = std::fs::read(&path).expect("the workbook's bytes");
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(&bytes[..])).expect("an xlsx");
    let name = wb.sheet_names().first().cloned().expect("a sheet");
    let mut reader = wb.worksheet_cells_reader(&name).expect("its cells");
    let (mut cells, mut text, mut rows, mut last_row) = (0u64, 0u64, 0u64, u32::MAX);
    while let Some((cell, _style)) = reader.next_cell_with_style_id().expect("a cell") {
        cells += 1;
        let (row, _) = cell.get_position();
        if row != last_row {
            rows += 1;
            last_row = row;
        }
        text += match cell.get_value() {
            DataRef::SharedString(t) => t.len() as u64,
            DataRef::String(t) => t.len() as u64,
            DataRef::Float(_) | DataRef::Int(_) => 8,
            _ => 0,
        };
    }
    println!("{name}: {rows} rows, {cells} cells, {text} bytes of text");
}
