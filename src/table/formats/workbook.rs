//! Workbook sheets (`.xlsx`, `.xls`, `.ods`) into cells read as Excel shows them, with merges.
//!
//! Owns the meaning of a cell's value: numbers through their number format (contract §4.5: a `0%`
//! cell holding `0.96` is `96%`, a `0.00` cell holding `857.6` is `857.60`; a percentage that
//! holds more digits than it shows is the value it holds, `0.895` formatted `0%` is `89.5%`, and
//! what Excel shows goes beside it for a `table.display-rounded` note; every number at Excel's 15
//! significant digits), dates in the
//! workbook's date system (1900 or 1904), strings as written. It reads every sheet unless one
//! is named, and keeps each sheet's merged ranges; laying the cells out as rows is `grid`'s job.
//! An `.xlsx` is read cell by cell within the cell limit (never as a dense range a stray far
//! cell would blow up); `.xls` and `.ods` through calamine's range (an `.xls` sheet of a large
//! sparse span compacted first, `xls_dense`). Number formats are read by `number_format` (a
//! trailing comma's scaling, literal text, `%`): an `.xlsx`'s from its styles, an `.xls`'s
//! from its FORMAT and XF records as [`guard_xls`] walks them (`xls_formats`; calamine keeps
//! only whether a format is a date), an `.ods`'s from its number styles (`ods_formats`), an
//! `.xlsb`'s from its `BrtFmt` and `BrtXF` records and each cell's style index
//! (`xlsb_formats`: calamine's `.xlsb` reader does not give them).
//! Counts a workbook claims for itself are checked before calamine reserves from them (an
//! xlsx's shared-string `uniqueCount`, in `grid::check_zip`; an xls sheet's DIMENSIONS record and
//! the span of its cells, by walking the BIFF records first): past the cell limit the read stops
//! with `table.claims-too-many`, and so do the strings a shared-string table holds and the rows
//! and cells the worksheets hold together, counted as they are unzipped ([`TagCount`]: calamine
//! holds or walks each, empty ones too; a row counts as a cell). An OpenDocument sheet is told by its parts, not its name (an
//! `.ods` saved as `.xlsx` is one), and its `number-columns-repeated` / `number-rows-repeated`
//! are counted as calamine would expand them before it reads the file ([`guard_ods`]).
//! A large `.xlsx` of many sheets (a workbook of forms) is read on two threads, each sheet by
//! one reader, in contiguous parts put back in order: the same sheets as one thread reads
//! (tested), the cell limit counted across both ([`CellCount`]). A large single sheet (a
//! part of a megabyte or more unzipped) has its XML read on a second thread and its merges
//! on a third while its cells are read (`xlsx_pipe`): the same cells, notes and merges as one
//! thread reads, the same errors (tested; `JIXIAO_XLSX_READ_THREADS=1` keeps one thread).
//! **Text a workbook repeats** is counted as it will be held, against
//! [`limits::UNZIPPED`]: a cell naming a shared string holds its own copy (xlsx as it is read,
//! xls from its SST before calamine opens it), an ODS cell is held once for each column and row
//! it repeats (its `<text:s text:c>` spaces written out); an xls sheet that two BOUNDSHEET
//! records point at is refused (`table.sheet-part-repeated`: calamine would read it again for
//! each, which Excel never asks), and so is a BOUNDSHEET pointing anywhere but a sheet's BOF
//! (`table.workbook`: calamine reads from there to the next EOF as a sheet of its own). **An `.xls`'s
//! compound file** is opened by the `cfb` crate (which checks its sector chains) and calamine is
//! given a fresh one holding the workbook stream only ([`ole_workbook`]): calamine's own
//! compound-file reader follows a looping chain forever and panics on a missing FAT, so a
//! container `cfb` cannot open is refused rather than handed to it (the leniency it gave a
//! damaged file is given up for that).

use std::io::Cursor;

use calamine::{Data, Reader};

use super::SheetCells;
use super::number_format::CellFormat;
pub(crate) use super::number_format::{NumberShape, shown};
use super::xls_dense;
use super::xls_formats::{Style, Styled, XlsFormats};
use super::xlsx_merges::Merge;
use crate::limits;
use crate::table::ReadError;

/// Reads the sheets of a workbook: `sheet` alone where named, else every sheet in order.
pub(crate) fn read_sheets(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    xlsx: Option<SecondLook>,
) -> Result<Vec<SheetCells>, ReadError> {
    let workbook = |e| ReadError::Workbook {
        name: name.into(),
        source: e,
    };
    let mut out = Vec::new();
    let budget = CellCount::new(name);
    if let Some(formulas) = xlsx {
        let threads = super::xlsx_pipe::Threads::from_env();
        // a shared string past the cell limit cut first: calamine holds each whole
        let cut = match formulas.long_shared {
            true => super::xml_cut::cut_long_text(name, &bytes)?,
            false => None,
        };
        let bytes = cut.as_ref().unwrap_or(&bytes);
        return read_xlsx(name, bytes, (sheet, formulas), (None, threads), &budget);
    }
    let (bytes, layout) = if bytes.starts_with(b"PK") {
        let layout = zipped_layout(name, &bytes)?;
        (bytes, layout)
    } else {
        ole_workbook(name, &bytes)?
    };
    let mut wb = guarded(name, || {
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(workbook)
    })?;
    super::check_sheets(name, "中的工作表", wb.sheet_names().len() as u64)?;
    // a sheet's map and styled cells by its name (calamine keeps the last sheet of a name)
    let styles = layout.styles;
    let mut sheets: std::collections::HashMap<String, (Option<xls_dense::SheetMap>, Styled)> =
        wb.sheet_names().into_iter().zip(layout.sheets).collect();
    sheets.extend(layout.named);
    // what each sheet hides, and the sheets hidden themselves
    let mut hidden: std::collections::HashMap<String, super::hidden::HiddenPlaces> =
        wb.sheet_names().into_iter().zip(layout.hidden).collect();
    hidden.extend(layout.hidden_named);
    // the cells set raised or lowered in part, by sheet name
    let raised_shared = layout.raised;
    let mut raised: std::collections::HashMap<String, super::xlsx_raised::SheetMarks> = wb
        .sheet_names()
        .into_iter()
        .zip(layout.raised_sheets)
        .collect();
    raised.extend(layout.raised_named);
    let hidden_sheets = hidden_sheets(wb.sheets_metadata());
    let mut skipped = layout.skipped_named;
    let mut no_value = no_value_by_name(layout.no_value_named, layout.no_value, &wb);
    for chosen in chosen_sheets(name, wb.sheet_names(), sheet)? {
        // an `.xlsb` is read cell by cell, as an `.xlsx` is: calamine's range of a sheet is
        // dense (cells at A1 and XFD1048576 reserved 549 GB: an 816-byte file aborted it)
        if let calamine::Sheets::Xlsb(x) = &mut wb {
            let (_, styled) = sheets.remove(&chosen).unwrap_or_default();
            let raised_here = raised.remove(&chosen).unwrap_or_default();
            let skipped_here = skipped.remove(&chosen).unwrap_or_default();
            let (cells, notes) = guarded(name, || {
                xlsb_cells(
                    name,
                    x,
                    (&chosen, &budget),
                    (&styles, &styled),
                    (&raised_shared, &raised_here),
                    skipped_here,
                )
            })?;
            let mut sheet = SheetCells::of_cells(chosen, cells);
            sheet.notes = notes;
            out.push(sheet);
            continue;
        }
        let range = guarded(name, || wb.worksheet_range(&chosen).map_err(workbook))?;
        let (map, styled) = sheets.remove(&chosen).unwrap_or_default();
        let back = |at: (u32, u32)| map.as_ref().map_or(at, |m| m.back(at));
        let merges = match &wb {
            calamine::Sheets::Xls(x) => x
                .merge_cells_by_sheet_name(&chosen)
                .map(|m| m.iter().map(|d| (back(d.start), back(d.end))).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut sheet = SheetCells::named(chosen.clone());
        let mut notes = Vec::new();
        let raised_here = raised.remove(&chosen).unwrap_or_default();
        for (r, c, v) in range.used_cells() {
            budget.one_more()?;
            let at = back((row0 + r as u32, col0 + c as u32));
            let shown_raised = match v {
                Data::String(t) if !raised_here.is_empty() => {
                    super::xlsx_raised::shown((&raised_shared, &raised_here), at, t)
                        .map(|t| Data::String(t.to_owned()))
                }
                _ => None,
            };
            let v = shown_raised.as_ref().unwrap_or(v);
            let style = styled
                .binary_search_by_key(&at, |s| s.0)
                .ok()
                .and_then(|i| styles.get(styled[i].1 as usize));
            let (text, note) = styled_text(v, style);
            budget.text(&chosen, text.len() as u64)?;
            if let Some(note) = note {
                notes.push((at, note));
            }
            sheet.push(at, &text);
        }
        no_value_notes(&mut no_value, &chosen, &mut notes);
        sheet.merges = merges;
        sheet.notes = notes;
        let mut places = hidden.remove(&chosen).unwrap_or_default();
        places.sheet = hidden_sheets.contains(&chosen);
        super::hidden::note(&mut sheet, &places);
        out.push(sheet);
    }
    Ok(out)
}

/// What is read beside calamine of an `.xlsb` (BIFF12 parts) or an OpenDocument sheet: their
/// number formats and the styles of their cells, what they hide (`.ods`) and the text they set
/// raised or lowered in part, by sheet name.
fn zipped_layout(name: &str, bytes: &[u8]) -> Result<XlsLayout, ReadError> {
    let ((styles, tables), hidden, (shared, raised), skipped, no_value) =
        match super::xlsb_formats::read(name, bytes)? {
            Some((xlsb, raised, skipped)) => (
                xlsb,
                Default::default(),
                raised,
                skipped,
                Default::default(),
            ),
            None => {
                let (ods, hidden, raised, no_value) = super::ods_formats::read(name, bytes)?;
                (
                    ods,
                    hidden,
                    (Default::default(), raised),
                    Default::default(),
                    no_value,
                )
            }
        };
    Ok(XlsLayout {
        named: tables.into_iter().map(|(n, s)| (n, (None, s))).collect(),
        hidden_named: hidden,
        raised: shared,
        raised_named: raised,
        skipped_named: skipped,
        no_value_named: no_value,
        styles,
        ..Default::default()
    })
}

/// A cell's text through its style (an `.xls` cell's, [`XlsFormats`]), and its note.
fn styled_text(
    value: &Data,
    style: Option<&Style>,
) -> (String, Option<super::number_format::CellNote>) {
    let Some(style) = style else {
        return super::number_format::read_cell(value, None);
    };
    if style.percentage
        && let Data::Float(f) = value
    {
        let shape = super::number_format::NumberShape {
            percent: true,
            decimals: None,
            scale: 0,
            shift: 0,
            bang: false,
        };
        let note = super::number_format::percent_whole(*f, shape);
        return (super::number_format::number_shown(*f, Some(shape)), note);
    }
    if let Some(written) = style.date
        && let Some(as_written) = written.show(value)
    {
        return (as_written, None);
    }
    let (text, note) = super::number_format::read_cell(value, style.format.as_ref());
    if let Some(column) = &style.column
        && note.is_none()
        && super::number_format::read_cell(value, column.as_ref()).0 != text
    {
        let why = super::ods_formats::FROM_ROW;
        return (
            text,
            Some(super::number_format::CellNote::Unfollowed { why }),
        );
    }
    (text, note)
}

/// A cell's (row, column) and its text as shown.
type PlacedCell = ((u32, u32), String);

/// What each style of an xlsx shows: its number format (shared by the styles that name one
/// code: a code's literal text may be long) and its written date, by style index.
struct StyleLooks(
    Vec<Option<std::rc::Rc<CellFormat>>>,
    Vec<Option<WrittenDate>>,
);

impl StyleLooks {
    /// The looks of `styles`, each format code read once however many styles name it (a
    /// workbook of 99,000 styles names a few codes; up to `JIXIAO_MAX_STYLES` styles).
    fn of(styles: &[calamine::Style]) -> StyleLooks {
        type Look = (Option<std::rc::Rc<CellFormat>>, Option<WrittenDate>);
        let mut by_code: std::collections::HashMap<(&str, Option<u32>), Look> =
            std::collections::HashMap::new();
        let (mut formats, mut dates) = (
            Vec::with_capacity(styles.len()),
            Vec::with_capacity(styles.len()),
        );
        for s in styles {
            let (format, date) = match s.number_format.as_ref() {
                None => (None, None),
                Some(f) => by_code
                    .entry((f.format_code.as_str(), f.format_id))
                    .or_insert_with(|| {
                        (
                            CellFormat::of(&f.format_code).map(std::rc::Rc::new),
                            WrittenDate::of(&f.format_code)
                                .or_else(|| f.format_id.and_then(WrittenDate::builtin)),
                        )
                    })
                    .clone(),
            };
            formats.push(format);
            dates.push(date);
        }
        StyleLooks(formats, dates)
    }
}

/// The used cells of `sheet` of an `.xlsb`, one at a time, each counted in `budget`, shown
/// through their styles (`xlsb_formats`), a string set raised or lowered in part as shown
/// (`xlsb_raised`), and their notes; the cells calamine skips (`skipped`: `xlsb_skipped`)
/// put in their places.
fn xlsb_cells<RS: std::io::Read + std::io::Seek>(
    name: &str,
    wb: &mut calamine::Xlsb<RS>,
    (sheet, budget): (&str, &CellCount),
    (styles, styled): (&[Style], &Styled),
    raised: (
        &super::xlsx_raised::SharedMarks,
        &super::xlsx_raised::SheetMarks,
    ),
    skipped: super::xlsb_formats::Skipped,
) -> Result<(Vec<PlacedCell>, Vec<PlacedNote>), ReadError> {
    let workbook = |e: calamine::XlsbError| ReadError::Workbook {
        name: name.into(),
        source: calamine::Error::Xlsb(e),
    };
    let mut reader = wb.worksheet_cells_reader(sheet).map_err(workbook)?;
    let (mut cells, mut notes) = (Vec::new(), Vec::new());
    let mut place = |(at, value): ((u32, u32), calamine::Data)| -> Result<(), ReadError> {
        if matches!(value, calamine::Data::Empty) {
            return Ok(());
        }
        budget.one_more()?;
        let style = styled
            .binary_search_by_key(&at, |s| s.0)
            .ok()
            .and_then(|i| styles.get(styled[i].1 as usize));
        let (text, note) = styled_text(&value, style);
        budget.text(sheet, text.len() as u64)?;
        if let Some(note) = note {
            notes.push((at, note));
        }
        cells.push((at, text));
        Ok(())
    };
    // a skipped cell before calamine's next one (in the sheet's order) comes first
    let mut skipped = skipped.into_iter().peekable();
    while let Some(cell) = reader.next_cell().map_err(workbook)? {
        let at = cell.get_position();
        while let Some(first) = skipped.next_if(|(s, _)| *s < at) {
            place(first)?;
        }
        place((at, cell_value(raised, &cell)))?;
    }
    skipped.try_for_each(place)?;
    Ok((cells, notes))
}

/// A cell's (row, column) and its note.
type PlacedNote = ((u32, u32), super::number_format::CellNote);

/// `read` (calamine reading an `.xls` or `.ods`), a panic in it turned into a named error: the
/// fuzzer found a BIFF record shorter than calamine reads panicking in its `read_u16`
/// (`fuzz/regressions/xls_read-calamine-read_u16.bin`); where [`guard_xls`] does not yet
/// check a record calamine trusts, the file is refused as damaged, never a crash. The panic's
/// own message is kept off the terminal ([`quiet_panics`]).
fn guarded<T>(name: &str, read: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    quiet_panics();
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    QUIET.with(|q| q.set(false));
    result.unwrap_or_else(|_| {
        Err(ReadError::Workbook {
            name: name.into(),
            source: calamine::Error::Msg(
                "工作簿的内部记录已损坏（读取器在其中出错停止）；可用 Excel 或 WPS 打开后另存为 .xlsx 再试",
            ),
        })
    })
}

thread_local! {
    /// Whether this thread is inside [`guarded`] (its panics are reported as errors).
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once, a panic hook that stays silent on a thread inside [`guarded`] and hands
/// every other panic to the hook before it.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                before(info);
            }
        }));
    });
}

/// The sheets of an xlsx (`sheet` alone where named), on `workers` threads where given (else
/// as [`xlsx_workers`] decides), their cells counted in `budget`. Read on one thread, a large
/// sheet's XML is read on a second one where `threads` allows (`xlsx_pipe`).
fn read_xlsx(
    name: &str,
    bytes: &[u8],
    (sheet, formulas): (Option<&str>, SecondLook),
    (workers, threads): (Option<usize>, super::xlsx_pipe::Threads),
    budget: &CellCount<'_>,
) -> Result<Vec<SheetCells>, ReadError> {
    let xlsx_err = |e| ReadError::Workbook {
        name: name.into(),
        source: calamine::Error::Xlsx(e),
    };
    let wb: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).map_err(xlsx_err)?;
    let chosen = chosen_sheets(name, wb.sheet_names(), sheet)?;
    // a small workbook's text grows by doubling at little cost: its parts are not looked up
    // again (0.27 M instructions a published form, 1.6 % of its run)
    let sizes = if bytes.len() >= RESERVE_FROM {
        super::xlsx_parts::sheet_part_sizes(bytes)
    } else {
        Default::default()
    };
    let sizes = &sizes;
    let workers = workers.unwrap_or_else(|| xlsx_workers(bytes.len(), chosen.len()));
    if workers <= 1 {
        return read_xlsx_sheets(
            name,
            (wb, bytes, formulas),
            (&chosen, sizes, threads),
            budget,
        );
    }
    // each sheet on one thread: the parts are read on as many threads already
    let threads = super::xlsx_pipe::Threads::One;
    // contiguous parts, one a thread, each through a reader of its own (each reads the
    // shared strings and styles again: worth it only for large workbooks of many sheets)
    let per = chosen.len().div_ceil(workers);
    let parts: Vec<Result<Vec<SheetCells>, ReadError>> = std::thread::scope(|scope| {
        let mut parts = chosen.chunks(per);
        let first = parts.next().unwrap_or_default();
        let others: Vec<_> = parts
            .map(|part| {
                scope.spawn(move || {
                    let wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(xlsx_err)?;
                    read_xlsx_sheets(name, (wb, bytes, formulas), (part, sizes, threads), budget)
                })
            })
            .collect();
        let mut parts = vec![read_xlsx_sheets(
            name,
            (wb, bytes, formulas),
            (first, sizes, threads),
            budget,
        )];
        for h in others {
            parts.push(h.join().unwrap_or_else(|_| {
                Err(xlsx_err(calamine::XlsxError::Unexpected(
                    super::xlsx_pipe::PANICKED,
                )))
            }));
        }
        parts
    });
    let mut out = Vec::with_capacity(chosen.len());
    for part in parts {
        out.extend(part?);
    }
    budget.total()?;
    Ok(out)
}

/// An xlsx of at least this many bytes has each sheet's text reserved from its part's size
/// ([`read_xlsx_sheets`]).
const RESERVE_FROM: usize = 32 * 1024;

/// The names of the sheets a workbook hides (`state="hidden"` or `"veryHidden"`), from its
/// sheets' metadata.
fn hidden_sheets(meta: &[calamine::Sheet]) -> std::collections::HashSet<String> {
    meta.iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect()
}

/// Threads to read an xlsx of `bytes` and `sheets` sheets on: one, but for large workbooks of
/// many sheets (a workbook of forms, one a project), where the sheets are read on up to two
/// threads (the cells of one sheet are read in order by one reader).
fn xlsx_workers(bytes: usize, sheets: usize) -> usize {
    if bytes < 1024 * 1024 || sheets < 8 {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(2))
}

/// Reads `chosen` sheets of `wb` in order, counting their cells in `budget`. Each sheet's text
/// is reserved from its part's unzipped size (`sizes`): a sheet of inline strings holds less
/// text than its part, and its text grown by doubling held the old block and the new one at
/// once (120 MB of text: 163 MB held, release); what a sheet of figures or shared strings
/// does not fill is given back when it is read ([`SheetCells::fit_text`]). A cell holding a
/// formula whose result the file does not keep (calamine gives it as empty) is read as empty
/// with a `table.formula-no-value` note ([`empty_formulas`]), looked for only where the
/// workbook's parts hold a formula at all (`formulas`).
fn read_xlsx_sheets<RS: std::io::Read + std::io::Seek + Send>(
    name: &str,
    (mut wb, bytes, formulas): (calamine::Xlsx<RS>, &[u8], SecondLook),
    (chosen, sizes, threads): (
        &[String],
        &std::collections::HashMap<String, u64>,
        super::xlsx_pipe::Threads,
    ),
    budget: &CellCount<'_>,
) -> Result<Vec<SheetCells>, ReadError> {
    let xlsx_err = |e| ReadError::Workbook {
        name: name.into(),
        source: calamine::Error::Xlsx(e),
    };
    let mut out = Vec::with_capacity(chosen.len());
    let mut counted = budget.counter();
    // the workbook's styles read once, not once a sheet (calamine gives every sheet's reader
    // the same list): 99,000 styles in 100 sheets (40 KB) took minutes
    let mut looks: Option<StyleLooks> = None;
    // the sheets the workbook hides (`state="hidden"` or `"veryHidden"`)
    let hidden_sheets = hidden_sheets(wb.sheets_metadata());
    // the shared strings set raised or lowered in part, read once (only where they set one:
    // `xlsx_raised`)
    let shared_raised = if formulas.raised_shared {
        super::xlsx_raised::shared_marks(bytes)
    } else {
        Default::default()
    };
    for chosen in chosen {
        let size = sizes.get(chosen).copied();
        // the sheet's cells set raised or lowered in part, by place (only where a shared
        // string is, or a sheet's part sets one)
        let raised = if formulas.raised_sheet || !shared_raised.is_empty() {
            super::xlsx_raised::sheet_marks(bytes, chosen, &shared_raised)
        } else {
            Default::default()
        };
        let raised = (&shared_raised, &raised);
        // a large sheet's XML read on a second thread (`xlsx_pipe`), and its merges (read
        // from the part's bytes outside `<sheetData>`: `xlsx_merges`) on a third, while the
        // cells are read
        let piped = threads.pipes(size);
        let large = size.is_some_and(|s| s >= super::xlsx_pipe::FROM_BYTES);
        let (sheet, merges) = std::thread::scope(|scope| {
            // (where no thread can be started, the merges are read here)
            let apart = piped
                .then(|| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, || merges_apart(bytes, chosen))
                        .ok()
                })
                .flatten();
            let merges = match apart {
                Some(_) => Vec::new(),
                None => large
                    .then(|| super::xlsx_merges::outside_cells(bytes, chosen))
                    .flatten()
                    .unwrap_or_else(|| merges_of(&mut wb, chosen)),
            };
            let read = (|| -> Result<_, ReadError> {
                let reader = wb.worksheet_cells_reader(chosen).map_err(xlsx_err)?;
                let StyleLooks(formats, written_dates) =
                    looks.get_or_insert_with(|| StyleLooks::of(reader.styles()));
                let mut sheet = SheetCells::named(chosen.clone());
                if let Some(size) = size {
                    sheet.reserve(
                        0,
                        usize::try_from(size.min(limits::UNZIPPED.get())).unwrap_or(0),
                    );
                }
                let mut notes = Vec::new();
                let mut empty = std::collections::HashSet::new();
                super::xlsx_pipe::each_cell(reader, piped, xlsx_err, |cell, style| {
                    if matches!(cell.get_value(), calamine::DataRef::Empty) {
                        // a `<c>` with content but no value (a styled blank is `<c/>`, never
                        // given)
                        if formulas.formulas && empty.len() < MAX_EMPTY_LOOKED_AT {
                            empty.insert(cell.get_position());
                        }
                        return Ok(());
                    }
                    counted.one_more()?;
                    let value = cell_value(raised, &cell);
                    let format = formats.get(style).and_then(Option::as_deref);
                    let (mut text, note) = super::number_format::read_cell(&value, format);
                    if let Some(written) = written_dates.get(style).copied().flatten()
                        && let Some(as_written) = written.show(&value)
                    {
                        text = as_written;
                    }
                    counted.text(chosen, text.len() as u64)?;
                    if let Some(note) = note {
                        notes.push((cell.get_position(), note));
                    }
                    sheet.push(cell.get_position(), &text);
                    Ok(())
                })?;
                Ok((sheet, notes, empty))
            })();
            // joined before any error is given: the merges' thread never outlives the read
            let merges = match apart.map(|h| h.join()) {
                Some(Ok(apart)) => apart,
                Some(Err(_)) => {
                    return Err(xlsx_err(calamine::XlsxError::Unexpected(
                        super::xlsx_pipe::PANICKED,
                    )));
                }
                None => merges,
            };
            read.map(|read| (read, merges))
        })?;
        out.push(finish_sheet(
            sheet,
            merges,
            (bytes, chosen.as_str(), &formulas),
            hidden_sheets.contains(chosen),
        ));
    }
    Ok(out)
}

/// A sheet's cells as read, their notes, and the cells calamine gave with no value.
type SheetRead = (
    SheetCells,
    Vec<((u32, u32), super::number_format::CellNote)>,
    std::collections::HashSet<(u32, u32)>,
);

/// A sheet read ([`read_xlsx_sheets`]) finished: its formulas without values noted (where the
/// workbook has formulas), its text fitted, its merges and notes set, and its hidden rows,
/// columns and sheet (`hidden_sheet`) noted.
fn finish_sheet(
    (mut sheet, mut notes, empty): SheetRead,
    merges: Vec<Merge>,
    (bytes, chosen, formulas): (&[u8], &str, &SecondLook),
    hidden_sheet: bool,
) -> SheetCells {
    if formulas.formulas {
        empty_formulas(bytes, chosen, &empty, &mut notes);
    }
    sheet.fit_text();
    sheet.merges = merges;
    sheet.notes = notes;
    let mut hidden = if formulas.hidden {
        super::xlsx_parts::hidden_places(bytes, chosen)
    } else {
        Default::default()
    };
    hidden.sheet = hidden_sheet;
    super::hidden::note(&mut sheet, &hidden);
    sheet
}

/// A cell's value as calamine read it, or, where its text is a string set raised or lowered in
/// part (`raised`: `xlsx_raised`), that string as shown (`80¹人`).
#[inline]
fn cell_value(
    raised: (
        &super::xlsx_raised::SharedMarks,
        &super::xlsx_raised::SheetMarks,
    ),
    cell: &calamine::Cell<calamine::DataRef<'_>>,
) -> Data {
    let shown = match cell.get_value() {
        _ if raised.1.is_empty() => None,
        calamine::DataRef::SharedString(t) => {
            super::xlsx_raised::shown(raised, cell.get_position(), t)
        }
        calamine::DataRef::String(t) => super::xlsx_raised::shown(raised, cell.get_position(), t),
        _ => None,
    };
    match shown {
        Some(shown) => Data::String(shown.to_owned()),
        None => cell.get_value().clone().into(),
    }
}

/// `sheet`'s merged ranges, as calamine reads them (none where it cannot).
fn merges_of<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    sheet: &str,
) -> Vec<Merge> {
    wb.merge_cells_by_sheet_name(sheet)
        .map(|m| m.iter().map(|d| (d.start, d.end)).collect())
        .unwrap_or_default()
}

/// `sheet`'s merges read apart from the workbook's reader: from the part's bytes outside its
/// `<sheetData>` where the part can be cut so (`xlsx_merges`: the cells not
/// parsed again), else [`merges_of`] through a reader of the workbook `bytes` of its own
/// (opened as the first was: none where it cannot be).
pub(super) fn merges_apart(bytes: &[u8], sheet: &str) -> Vec<Merge> {
    if let Some(merges) = super::xlsx_merges::outside_cells(bytes, sheet) {
        return merges;
    }
    calamine::Xlsx::new(Cursor::new(bytes))
        .map(|mut wb| merges_of(&mut wb, sheet))
        .unwrap_or_default()
}

/// Cells with content but no value a sheet's formulas are looked for among (each is a
/// `<c>` counted against the cell limit by `grid::check_zip` already; past this many, the rest
/// read as empty without a note).
const MAX_EMPTY_LOOKED_AT: usize = 100_000;

/// Notes each of `empty` (a sheet's cells calamine gave as empty though they have content)
/// that holds a formula with no saved result: a workbook a script wrote and no spreadsheet
/// calculated, whose cells Excel shows a value for and this reader has none (the row said
/// "未填写实际完成值", a 分值 took its category's share). Looked at only where there are such
/// cells: one more pass over the sheet's part.
fn empty_formulas(
    bytes: &[u8],
    sheet: &str,
    empty: &std::collections::HashSet<(u32, u32)>,
    notes: &mut Vec<((u32, u32), super::number_format::CellNote)>,
) {
    if empty.is_empty() {
        return;
    }
    for at in super::xlsx_parts::formulas_without_values(bytes, sheet, empty) {
        notes.push((at, super::number_format::CellNote::NoValue));
    }
}

/// The `uniqueCount` an xlsx's shared-string table claims, from the first bytes of the part
/// (its `<sst …>` start tag): calamine reserves that many strings before reading one, so a
/// 2 KB file claiming 10^14 would abort the process. `None` when the tag or the attribute is not
/// in `head`; a number too long for `u128` is `u128::MAX`.
pub(crate) fn shared_strings_claim(head: &[u8]) -> Option<u128> {
    let sst = memchr::memmem::find_iter(head, b"sst").find(|&i| {
        i > 0
            && matches!(head[i - 1], b'<' | b':')
            && head.get(i + 3).is_some_and(|c| !c.is_ascii_alphanumeric())
    })?;
    let tag = &head[sst..];
    let tag = &tag[..memchr::memchr(b'>', tag)?];
    let at = memchr::memmem::find(tag, b"uniqueCount")?;
    let rest = &tag[at + "uniqueCount".len()..];
    let digits: Vec<u8> = rest
        .iter()
        .skip_while(|c| matches!(c, b' ' | b'=' | b'"' | b'\'' | b'\t' | b'\r' | b'\n'))
        .take_while(|c| c.is_ascii_digit())
        .copied()
        .collect();
    if digits.is_empty() {
        return None;
    }
    Some(
        digits
            .iter()
            .try_fold(0u128, |n, d| {
                n.checked_mul(10)?.checked_add(u128::from(d - b'0'))
            })
            .unwrap_or(u128::MAX),
    )
}

/// Refuses an xlsx whose shared-string table claims more strings than the cell limit or than
/// its `bytes` can hold (each `<si/>` takes at least 5 bytes).
pub(crate) fn check_shared_strings(
    name: &str,
    part: &str,
    head: &[u8],
    bytes: u64,
) -> Result<(), ReadError> {
    let Some(claimed) = shared_strings_claim(head) else {
        return Ok(());
    };
    let max = u128::from(limits::CELLS.get()).min(u128::from(bytes / 5 + 1));
    if claimed > max {
        return Err(ReadError::ClaimsTooMany {
            name: name.into(),
            part: format!("共享字符串表 {part} "),
            what: "字符串",
            claimed: u64::try_from(claimed).unwrap_or(u64::MAX),
            help: limits::CELLS.help(),
        });
    }
    Ok(())
}

/// What of an xlsx's sheets may need a second look, as `grid::check_zip` saw while it read
/// every part: `formulas`, a cell whose formula has no saved result ([`empty_formulas`]; false
/// when no part holds a formula element, `<f>`, `<x:f …>`); `hidden`, a hidden row or column
/// ([`hidden_places`]; false when no sheet's part holds `hidden=`); `raised_shared` and
/// `raised_sheet`, text set raised or lowered (`xlsx_raised`; false when the shared strings,
/// no sheet's part, hold `vertAlign`: the shared strings are read again only where they hold
/// it, the sheets only where a shared string is set so or a sheet's part holds it). Where all
/// are false the sheets are not read a second time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SecondLook {
    pub formulas: bool,
    pub hidden: bool,
    pub raised_shared: bool,
    pub raised_sheet: bool,
    /// A shared string's text, or a worksheet's cell (an inline string), may run past the cell
    /// limit (`xml_cut`: cut before calamine holds it).
    pub long_shared: bool,
    /// A Word document's body may hold a text run past the cell limit (`xml_cut::CutRuns`).
    pub long_word: bool,
}

impl SecondLook {
    /// Everything may be (parts not looked at).
    pub(crate) const MAYBE: SecondLook = SecondLook {
        formulas: true,
        hidden: true,
        raised_shared: true,
        raised_sheet: true,
        long_shared: true,
        long_word: true,
    };
}

/// Looks, fed a part's bytes in pieces, for a formula element's start (`<f` or a prefixed
/// `:f`, then `>`, `/` or a space): a fast byte search that may say yes for a text that only
/// looks so (the sheet is then looked at again, as it would be for a real formula), never no
/// for a part that holds one.
#[derive(Debug, Default)]
pub(crate) struct FormulaSeen {
    /// The last two bytes of the piece before (a start split between two pieces).
    tail: [u8; 2],
    pub seen: bool,
}

impl FormulaSeen {
    /// Reads the next bytes of a part.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        if self.seen || bytes.is_empty() {
            return;
        }
        let mut joint = [self.tail[0], self.tail[1], 0, 0];
        let n = bytes.len().min(2);
        joint[2..2 + n].copy_from_slice(&bytes[..n]);
        self.seen = starts_formula(&joint[..2 + n])
            || [b"<f", b":f"].iter().any(|start| {
                memchr::memmem::find_iter(bytes, start)
                    .any(|i| bytes.get(i + 2).is_some_and(|&c| closes_name(c)))
            });
        if bytes.len() >= 2 {
            self.tail = [bytes[bytes.len() - 2], bytes[bytes.len() - 1]];
        } else {
            self.tail = [self.tail[1], bytes[0]];
        }
    }
}

/// Whether `window` (a piece's first bytes after the last two of the piece before) holds a
/// formula element's start that crosses the two pieces.
fn starts_formula(window: &[u8]) -> bool {
    window
        .windows(3)
        .any(|w| matches!(w[0], b'<' | b':') && w[1] == b'f' && closes_name(w[2]))
}

/// Whether `c` ends an element's name in its start tag.
fn closes_name(c: u8) -> bool {
    matches!(c, b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
}

/// Counts the start tags of one element (`<si>` of a shared-string table, `<row>` and `<c>` of a
/// worksheet; `<x:si>` too) as a part's bytes go by, in pieces of any size. calamine holds each
/// shared string (24 bytes and more) and walks each row and cell, empty ones too: a table of
/// `<si/>` (5 bytes each, squeezed a thousandfold by the zip) took 1.7 GB from a 440 KB file,
/// and 60 million `<row/>` 34 s, before anything looked at them (a Word document's `<w:tr/>`:
/// 600 MB from 510 KB). `grid::check_zip` refuses a
/// workbook past the cell limit by these counts, as it does a claim ([`check_shared_strings`]).
#[derive(Debug)]
pub(crate) struct TagCount {
    /// The local names counted.
    names: &'static [&'static [u8]],
    /// Tags seen so far.
    pub count: u64,
    /// Inside a tag's name: the local name's first bytes, how many, and whether it is longer.
    name: Option<([u8; 3], usize, bool)>,
    /// Just after `<`: an end tag, a comment or a declaration follows if the next byte says so.
    opened: bool,
}

impl TagCount {
    /// Counts the elements of a shared-string table.
    pub(crate) fn strings() -> TagCount {
        TagCount::of(&[b"si"])
    }

    /// Counts the rows and cells of a worksheet.
    pub(crate) fn rows_and_cells() -> TagCount {
        TagCount::of(&[b"row", b"c"])
    }

    /// Counts the paragraphs, table rows and cells of a Word document.
    pub(crate) fn word_items() -> TagCount {
        TagCount::of(&[b"p", b"tr", b"tc"])
    }

    fn of(names: &'static [&'static [u8]]) -> TagCount {
        TagCount {
            names,
            count: 0,
            name: None,
            opened: false,
        }
    }

    /// Reads the next bytes of the part.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.opened {
                self.opened = false;
                if matches!(b, b'/' | b'!' | b'?') {
                    continue;
                }
                self.name = Some(([0; 3], 0, false));
            }
            if b == b'<' {
                self.opened = true;
                self.name = None;
                continue;
            }
            let Some((local, len, long)) = self.name.as_mut() else {
                continue;
            };
            match b {
                b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n' => {
                    if !*long && self.names.contains(&&local[..*len]) {
                        self.count += 1;
                    }
                    self.name = None;
                }
                // a prefix (`x:si`): the local name starts again
                b':' => {
                    *local = [0; 3];
                    *len = 0;
                    *long = false;
                }
                _ if *len < 3 => {
                    local[*len] = b;
                    *len += 1;
                }
                _ => *long = true,
            }
        }
    }
}

/// Refuses a workbook once its shared-string table holds more strings than the cell limit (as
/// a claim of that many is refused), or its worksheets (a Word document's body) more rows and
/// cells (paragraphs, rows and cells) together: as the readers would count them, empty ones too.
pub(crate) fn check_count(name: &str, strings: Option<&str>, count: u64) -> Result<(), ReadError> {
    if count <= limits::CELLS.get() {
        return Ok(());
    }
    Err(match strings {
        Some(part) => ReadError::ClaimsTooMany {
            name: name.into(),
            part: format!("共享字符串表 {part} "),
            what: "字符串",
            claimed: count,
            help: limits::CELLS.help(),
        },
        None => ReadError::TooManyCells {
            name: name.into(),
            cells: count,
            max: limits::CELLS.shown(),
            help: limits::CELLS.help(),
        },
    })
}

/// The `.xls` calamine is given: the workbook stream read out of the compound file by the `cfb`
/// crate (which checks every sector chain), walked by [`guard_xls`], then written into a fresh
/// compound file of that one stream. calamine's own compound-file reader follows sector chains
/// without looking for loops and indexes its FAT with what the file says: a 5 KB file whose
/// directory chain points at itself read forever, growing without bound, and one without a FAT
/// panicked. A container the `cfb` crate cannot open is refused here, never handed to calamine.
/// Also the map back of each sheet [`guard_xls`] compacted, in BOUNDSHEET order.
fn ole_workbook(name: &str, bytes: &[u8]) -> Result<(Vec<u8>, XlsLayout), ReadError> {
    let damaged = |why: &'static str| ReadError::Workbook {
        name: name.into(),
        source: calamine::Error::Msg(why),
    };
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| {
        damaged("复合文件（OLE）结构已损坏，无法打开；可用 Excel 打开后另存为 .xlsx 再试")
    })?;
    let stream = ["/Workbook", "/Book"]
        .into_iter()
        .find(|s| cfb.is_stream(s))
        .ok_or_else(|| damaged("复合文件中没有工作簿流（Workbook）"))?;
    let mut data = Vec::new();
    // the stream is bounded by the file, itself read within the input limit
    cfb.open_stream(stream)
        .and_then(|mut s| std::io::Read::read_to_end(&mut s, &mut data))
        .map_err(|_| damaged("复合文件中的工作簿流无法读取"))?;
    drop(cfb);
    let layout = guard_xls(name, &mut data)?;
    // version 3 (512-byte sectors), as Excel writes them and as calamine reads them; the
    // stream is padded to a whole mini-stream cutoff so that it sits in ordinary sectors
    if data.len() < 4096 {
        data.resize(4096, 0);
    }
    let mut fresh =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .map_err(|_| damaged("工作簿流无法重新打包"))?;
    fresh
        .create_stream("/Workbook")
        .and_then(|mut s| std::io::Write::write_all(&mut s, &data))
        .and_then(|()| fresh.flush())
        .map_err(|_| damaged("工作簿流无法重新打包"))?;
    Ok((fresh.into_inner().into_inner(), layout))
}

/// Walks an `.xls`'s BIFF records (its workbook stream, `data`) before calamine does, refusing
/// a sheet whose DIMENSIONS record, or the span from its first to its last cell, is more than
/// [`limits::CELLS`]: calamine reserves the claimed rows × columns, then lays the cells out
/// densely over their span (4 294 967 295 × 65 535 from a 5 KB file would abort the process).
/// calamine reads every sheet a BOUNDSHEET record points at when it opens the file, so a sheet
/// pointed at by many of them (3 000 in a 230 KB file) is counted each time, and the text its
/// shared-string cells copy against [`limits::UNZIPPED`] (one 65 535-character string in
/// 100 000 cells is 19 GB); the counts calamine reads without checking them against their
/// record (a BOUNDSHEET's, a MERGECELLS') are checked here. Linear in the stream.
///
/// A sheet whose cells span more than [`xls_dense::FREE_AREA`] is compacted in `data` (its used
/// rows and columns renumbered, see [`xls_dense`]): the map back of each sheet, in the order of
/// the workbook's BOUNDSHEET records, is returned.
///
/// The number format of each cell shown through one is gathered on the way ([`XlsFormats`]).
pub(crate) fn guard_xls(name: &str, data: &mut [u8]) -> Result<XlsLayout, ReadError> {
    let mut walk = XlsWalk::new(name, data.len());
    let mut pos = 0usize;
    while pos + 4 <= data.len() {
        let at = pos;
        let typ = u16::from_le_bytes([data[pos], data[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([data[pos + 2], data[pos + 3]]));
        let body = &data[pos + 4..(pos + 4 + len).min(data.len())];
        pos += 4 + len;
        // the counts calamine reads without checking them, then where a sheet's cost starts
        // and ends, then the extent of its cells
        if walk.in_globals {
            walk.formats.global(name, typ, body)?;
        } else if walk.depth == 1 {
            walk.formats.cell(typ, body);
        }
        walk.unchecked_counts(typ, body, &data[at..])?;
        walk.sheet_edges(typ, at)?;
        walk.extent(typ, body)?;
    }
    let raised = std::mem::take(&mut walk.raised);
    let mut raised_cells = std::mem::take(&mut walk.raised_cells);
    let (bounds, maps, mut formats) = walk.finish()?;
    xls_dense::rewrite(data, &maps);
    Ok(XlsLayout {
        raised_sheets: bounds
            .iter()
            .map(|p| raised_cells.remove(p).unwrap_or_default())
            .collect(),
        raised,
        raised_named: Default::default(),
        sheets: bounds
            .iter()
            .map(|p| (maps.get(p).cloned(), formats.take(*p)))
            .collect(),
        hidden: bounds.iter().map(|p| formats.take_hidden(*p)).collect(),
        no_value: bounds.iter().map(|p| formats.take_no_value(*p)).collect(),
        styles: std::mem::take(&mut formats.styles),
        named: Default::default(),
        hidden_named: Default::default(),
        skipped_named: Default::default(),
        no_value_named: Default::default(),
    })
}

/// What [`guard_xls`] gives the reader: for each sheet, in the order of the BOUNDSHEET
/// records, its map back where it was compacted for calamine and its cells shown through a
/// style; and the styles.
#[derive(Default)]
pub(crate) struct XlsLayout {
    sheets: Vec<(Option<xls_dense::SheetMap>, Styled)>,
    styles: Vec<Style>,
    /// The same by sheet name (an `.ods`'s tables).
    named: std::collections::HashMap<String, (Option<xls_dense::SheetMap>, Styled)>,
    /// Each sheet's hidden rows and columns, in the order of `sheets`; and by name (an `.ods`).
    hidden: Vec<super::hidden::HiddenPlaces>,
    hidden_named: super::ods_formats::OdsHidden,
    /// The shared strings set raised or lowered in part, and each sheet's cells showing one,
    /// in the order of `sheets` (an `.xls`, `xls_raised`); and by name (an `.ods`'s cells).
    raised: super::xlsx_raised::SharedMarks,
    raised_sheets: Vec<super::xlsx_raised::SheetMarks>,
    raised_named: std::collections::HashMap<String, super::xlsx_raised::SheetMarks>,
    /// Each sheet's cells calamine skips, by name (an `.xlsb`'s, `xlsb_skipped`).
    skipped_named: std::collections::HashMap<String, super::xlsb_formats::Skipped>,
    /// Each sheet's cells holding a formula with no saved result, by name (an `.ods`'s:
    /// `ods_formats`), each noted `table.formula-no-value`.
    no_value_named: super::ods_formats::OdsNoValue,
    /// The same in the order of `sheets` (an `.xls`'s: `xls_formats`).
    no_value: Vec<Vec<(u32, u32)>>,
}

/// The cells holding a formula with no saved result of each sheet of `wb`, by name: those
/// given by name (`named`, an `.ods`'s) and those in the order of its sheets (an `.xls`'s).
fn no_value_by_name<RS: std::io::Read + std::io::Seek>(
    named: super::ods_formats::OdsNoValue,
    ordered: Vec<Vec<(u32, u32)>>,
    wb: &calamine::Sheets<RS>,
) -> std::collections::HashMap<String, Vec<(u32, u32)>> {
    let mut by_name = named;
    by_name.extend(wb.sheet_names().into_iter().zip(ordered));
    by_name
}

/// A `table.formula-no-value` note on each cell of `sheet` holding a formula with no saved
/// result (`no_value`, taken).
fn no_value_notes(
    no_value: &mut std::collections::HashMap<String, Vec<(u32, u32)>>,
    sheet: &str,
    notes: &mut Vec<((u32, u32), super::number_format::CellNote)>,
) {
    let here = no_value.remove(sheet).into_iter().flatten();
    notes.extend(here.map(|at| (at, super::number_format::CellNote::NoValue)));
}

/// A little-endian `u16` at `i` of `d`, if `d` holds it.
fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

/// A little-endian `u32` at `i` of `d`, if `d` holds it.
fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    d.get(i..i + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The cells of a span `(first row, last row, first column, last column)`, laid out densely.
fn span_area(s: (u16, u16, u16, u16)) -> u128 {
    (u128::from(s.1 - s.0) + 1) * (u128::from(s.3 - s.2) + 1)
}

/// Whether an `.xls` record type is a BOF (a sheet, or a substream inside one, begins) as
/// calamine tells one: BIFF5–8's `0x0809` only. The older BIFFs' BOF types (`0x0409`, `0x0209`,
/// `0x0009`) are records calamine passes over, reading the cells after them as the sheet's own:
/// counted as BOFs here, a far cell behind one escaped the sparse sheet's compaction
/// ([`xls_dense`]) and a 5.6 KB file was laid out as 16.7 M cells, 1 GB (the seventh probe).
pub(crate) fn is_bof(typ: u16) -> bool {
    typ == 0x0809
}

/// The EOF record type.
const XLS_EOF: u16 = 0x000A;

/// [`guard_xls`]'s walk through an `.xls`'s records: where it is, and what calamine will hold.
struct XlsWalk<'a> {
    name: &'a str,
    /// The workbook stream's length (a BOUNDSHEET points inside it).
    len: usize,
    max: u128,
    /// BOFs open: 1 inside a sheet, more inside a substream of it.
    depth: usize,
    /// The sheets begun so far (the current one's number).
    sheet: usize,
    /// The span of the current substream's cells: (first row, last row, first col, last col).
    span: Option<(u16, u16, u16, u16)>,
    /// What calamine holds for each sheet it is pointed at: the substreams by where their BOF
    /// is (used cells, their span, the text their shared-string cells copy) …
    costs: std::collections::HashMap<usize, SheetCost>,
    current: SheetCost,
    /// … all of them together, and where the current one's BOF is.
    whole: SheetCost,
    opened_at: usize,
    /// Where the workbook's BOUNDSHEET records point (calamine reads each one when it opens).
    bounds: Vec<usize>,
    /// Where each sheet's BOF is (a BOF outside any sheet): where a BOUNDSHEET may point.
    starts: std::collections::HashSet<usize>,
    /// The byte length of each shared string (its SST).
    strings: Vec<u64>,
    /// Before the first EOF: the workbook's globals.
    in_globals: bool,
    /// What the current sheet's cells use (rows, columns, span), and the sheets compacted so
    /// far, by where their BOF is.
    used: xls_dense::SheetUse,
    maps: std::collections::HashMap<usize, xls_dense::SheetMap>,
    /// The number formats, and each sheet's cells shown through one.
    formats: XlsFormats,
    /// The fonts' escapement, the shared strings with a raised or lowered run, and each
    /// sheet's cells naming one, by where its BOF is (`xls_raised`).
    fonts: super::xls_raised::XlsFonts,
    raised: super::xlsx_raised::SharedMarks,
    raised_cells: std::collections::HashMap<usize, super::xlsx_raised::SheetMarks>,
}

impl<'a> XlsWalk<'a> {
    fn new(name: &'a str, len: usize) -> Self {
        XlsWalk {
            name,
            len,
            max: u128::from(limits::CELLS.get()),
            depth: 0,
            sheet: 0,
            span: None,
            costs: Default::default(),
            current: SheetCost::default(),
            whole: SheetCost::default(),
            opened_at: 0,
            bounds: Vec::new(),
            starts: Default::default(),
            strings: Vec::new(),
            in_globals: true,
            used: xls_dense::SheetUse::new(),
            maps: Default::default(),
            formats: XlsFormats::default(),
            fonts: Default::default(),
            raised: Default::default(),
            raised_cells: Default::default(),
        }
    }

    fn refuse(&self, sheet: usize, what: &str, claimed: u128) -> ReadError {
        ReadError::ClaimsTooMany {
            name: self.name.into(),
            part: format!("第 {sheet} 个工作表的{what}"),
            what: "单元格",
            claimed: u64::try_from(claimed).unwrap_or(u64::MAX),
            help: limits::CELLS.help(),
        }
    }

    fn damaged(&self, why: &'static str) -> ReadError {
        ReadError::Workbook {
            name: self.name.into(),
            source: calamine::Error::Msg(why),
        }
    }

    /// The records whose counts calamine trusts, checked against their record (BOUNDSHEET,
    /// MERGECELLS), and those that say what it will hold (the SST's strings, a LabelSst cell's
    /// copy of one). `from` is the stream from this record on.
    fn unchecked_counts(&mut self, typ: u16, body: &[u8], from: &[u8]) -> Result<(), ReadError> {
        match typ {
            // BOUNDSHEET: where a sheet starts (calamine slices the stream there and reads
            // its flags, name length and name)
            0x0085 if self.in_globals => {
                let Some(p) = u32_at(body, 0) else {
                    return Err(self.damaged("工作表目录（BOUNDSHEET）记录不完整"));
                };
                if body.len() < 8 || p as usize > self.len {
                    return Err(self.damaged("工作表目录（BOUNDSHEET）记录不完整或指向工作簿之外"));
                }
                self.bounds.push(p as usize);
            }
            // SST: the shared strings (with their CONTINUE records)
            0x00FC if self.in_globals => {
                (self.strings, self.raised) = super::xls_raised::read_sst(from, &self.fonts);
            }
            // FONT: its escapement (raised, lowered), which a shared string's runs name
            0x0031 if self.in_globals => self.fonts.push(body),
            // MERGECELLS: calamine reads as many ranges as the count says
            0x00E5 if self.depth == 1 => {
                let count = usize::from(u16_at(body, 0).unwrap_or(0));
                if body.len() < 2 + count * 8 {
                    return Err(self.damaged("合并单元格（MERGECELLS）记录声称的区域多于记录本身"));
                }
            }
            // RSTRING: a string of its own with its runs (`xls_raised::rstring`)
            0x00D6 if self.depth == 1 && self.fonts.any => {
                if let (Some(r), Some(c)) = (u16_at(body, 0), u16_at(body, 2))
                    && let Some(m) =
                        super::xls_raised::rstring(body, self.formats.byte_strings(), &self.fonts)
                {
                    self.raised_cells.entry(self.opened_at).or_default().insert(
                        (u32::from(r), u32::from(c)),
                        super::xlsx_raised::CellMark::Inline(m.into()),
                    );
                }
            }
            // LabelSst: a cell holding its own copy of a shared string
            0x00FD if self.depth == 1 => {
                let bytes = u32_at(body, 6)
                    .and_then(|i| self.strings.get(i as usize))
                    .copied()
                    .unwrap_or(0);
                self.current.text = self.current.text.saturating_add(bytes);
                if !self.raised.is_empty()
                    && let (Some(i), Some(r), Some(c)) =
                        (u32_at(body, 6), u16_at(body, 0), u16_at(body, 2))
                    && self.raised.contains_key(&i)
                {
                    self.raised_cells.entry(self.opened_at).or_default().insert(
                        (u32::from(r), u32::from(c)),
                        super::xlsx_raised::CellMark::Shared(i),
                    );
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A sheet's cost starts at its BOF (at `at`) and is kept, by where it started, at its
    /// EOF, where its dense range is decided ([`XlsWalk::close_sheet`]); the first EOF ends
    /// the globals.
    fn sheet_edges(&mut self, typ: u16, at: usize) -> Result<(), ReadError> {
        if is_bof(typ) && self.depth == 0 {
            self.opened_at = at;
            self.starts.insert(at);
            self.current = SheetCost::default();
        }
        if typ == XLS_EOF && self.depth <= 1 {
            self.in_globals = false;
            if self.depth == 1 {
                self.current.area = self.span.map_or(0, span_area);
                self.whole.add(self.current);
                self.costs.insert(self.opened_at, self.current);
                self.close_sheet()?;
            }
        }
        Ok(())
    }

    /// The current sheet's dense range: as it is, compacted (its map kept), or refused.
    fn close_sheet(&mut self) -> Result<(), ReadError> {
        self.formats.close(self.opened_at);
        match self.used.close() {
            Ok(Some(map)) => {
                self.maps.insert(self.opened_at, map);
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(xls_dense::TooSparse(cells)) => {
                Err(self.refuse(self.sheet, "单元格范围（去掉空行空列后）", cells))
            }
        }
    }

    /// The extent of a sheet's cells: its BOF and EOF (a span past the limit is refused at its
    /// EOF), its DIMENSIONS record, and the span of its cells.
    fn extent(&mut self, typ: u16, body: &[u8]) -> Result<(), ReadError> {
        if self.depth == 1 {
            self.used.record(typ, body);
        }
        match typ {
            // BOF: a sheet (or a substream inside one) begins
            typ if is_bof(typ) => {
                self.depth += 1;
                if self.depth == 1 {
                    self.sheet += 1;
                    self.span = None;
                }
            }
            XLS_EOF => {
                if self.depth == 1
                    && let Some(s) = self.span
                    && span_area(s) > self.max
                {
                    return Err(self.refuse(self.sheet, "单元格范围", span_area(s)));
                }
                self.depth = self.depth.saturating_sub(1);
            }
            // DIMENSIONS: rows × columns as calamine reserves them
            // (at any depth: calamine reads a sheet from where its BOUNDSHEET points to the
            // first EOF, nested substreams and all)
            0x0200 => {
                if let Some(cells) = dimensions(body)
                    && cells > self.max
                {
                    return Err(self.refuse(self.sheet, "尺寸记录", cells));
                }
            }
            // cells with their row and column first: Number, Label, RString, BoolErr, Rk,
            // LabelSst, Formula (and BIFF2–4's older forms)
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0206 | 0x0406
            | 0x0003 | 0x0004 | 0x0005 | 0x0002 => {
                let c = u16_at(body, 2);
                self.cell(u16_at(body, 0), c, c);
                if self.depth == 1 {
                    self.current.cells += 1;
                }
            }
            // MulRk: a row, its first column, and its last column at the end
            0x00BD => self.cell(
                u16_at(body, 0),
                u16_at(body, 2),
                body.len().checked_sub(2).and_then(|i| u16_at(body, i)),
            ),
            _ => {}
        }
        Ok(())
    }

    /// A cell (or a run of them, `first` to `last` in `row`) widens the current span.
    fn cell(&mut self, row: Option<u16>, first: Option<u16>, last: Option<u16>) {
        let (Some(r), Some(c0), Some(c1)) = (row, first, last) else {
            return;
        };
        let (c0, c1) = (c0.min(c1), c0.max(c1));
        self.span = Some(match self.span {
            None => (r, r, c0, c1),
            Some((a, b, c, d)) => (a.min(r), b.max(r), c.min(c0), d.max(c1)),
        });
    }

    /// After the last record: a span left open, two records at one sheet (refused), then every
    /// sheet the workbook points at, as calamine reads them all (a substream pointed at no
    /// sheet's start is held with its dense range), and the text their cells copy.
    #[allow(clippy::type_complexity)]
    fn finish(
        mut self,
    ) -> Result<
        (
            Vec<usize>,
            std::collections::HashMap<usize, xls_dense::SheetMap>,
            XlsFormats,
        ),
        ReadError,
    > {
        // a sheet without its EOF: calamine reads it to the end of the stream
        if self.depth >= 1 {
            self.close_sheet()?;
        }
        if let Some(s) = self.span
            && span_area(s) > self.max
        {
            return Err(self.refuse(self.sheet.max(1), "单元格范围", span_area(s)));
        }
        // two BOUNDSHEET records at one sheet: Excel gives each sheet its own substream, and
        // calamine reads the sheet again for each (10 000 of them at one sheet of 2 000 cells,
        // a 224 KB file within the cell limit, took 13 s and 1.5 GB). Refused, as an xlsx
        // whose two sheets name one part is
        let mut first_at = std::collections::HashMap::new();
        for (i, p) in self.bounds.iter().enumerate() {
            if let Some(j) = first_at.insert(*p, i) {
                return Err(ReadError::SheetPartRepeated {
                    name: self.name.into(),
                    part: format!("（工作簿流第 {p} 字节起的工作表）"),
                    first: format!("第 {} 个", j + 1),
                    second: format!("第 {} 个", i + 1),
                });
            }
        }
        // a BOUNDSHEET pointing inside a sheet (not at a BOF): calamine reads from there to
        // the next EOF as a sheet of its own, so 2 000 of them at distinct records of one sheet
        // of 10 000 cells (216 KB) read the sheet's rest 2 000 times (30 s, 760 MB). Excel
        // points each at its sheet's BOF: refused, as two at one place are
        if self.bounds.iter().any(|p| !self.starts.contains(p)) {
            return Err(self.damaged(
                "工作表目录（BOUNDSHEET）记录指向工作表的中间，而不是工作表的开头（BOF 记录）",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        let mut total = SheetCost::default();
        for p in &self.bounds {
            match self.costs.get(p) {
                Some(c) if seen.insert(*p) => total.add(SheetCost {
                    area: c.cells,
                    ..*c
                }),
                Some(c) => total.add(*c),
                None => total.add(self.whole),
            }
        }
        if total.area > self.max {
            return Err(ReadError::ClaimsTooMany {
                name: self.name.into(),
                part: format!(
                    "工作表目录（{} 条 BOUNDSHEET 记录，同一工作表可被多次指向）",
                    self.bounds.len()
                ),
                what: "单元格",
                claimed: u64::try_from(total.area).unwrap_or(u64::MAX),
                help: limits::CELLS.help(),
            });
        }
        if u128::from(total.text) > u128::from(limits::UNZIPPED.get()) {
            return Err(text_too_large(self.name, "全部"));
        }
        Ok((self.bounds, self.maps, self.formats))
    }
}

/// The cells a DIMENSIONS record's body makes calamine reserve (BIFF5's 10 bytes, BIFF8's 14
/// or 16), `None` for a body of another length or cut short. Computed as calamine computes them
/// (`parse_dimensions`, then `end − start + 1` in u32, which wraps in a release build): a first
/// row past the last one made 2.9·10^9 rows and a reservation of 4·10^15 bytes (the fuzzer's
/// find, `fuzz/regressions/xls_read-calamine-dimensions-wrap.bin`).
fn dimensions(body: &[u8]) -> Option<u128> {
    let (rf, rl, cf, cl) = match body.len() {
        10 => (
            u16_at(body, 0).map(u32::from),
            u16_at(body, 2).map(u32::from),
            u16_at(body, 4),
            u16_at(body, 6),
        ),
        14 | 16 => (
            u32_at(body, 0),
            u32_at(body, 4),
            u16_at(body, 8),
            u16_at(body, 10),
        ),
        _ => return None,
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
        return None;
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (cl, rl) = (u32::from(cl), rl);
    let (end_r, end_c) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, u32::from(cf))
    };
    let rows = u128::from(end_r.wrapping_sub(rf).wrapping_add(1));
    let cols = u128::from(end_c.wrapping_sub(u32::from(cf)).wrapping_add(1));
    Some(rows * cols)
}

/// What calamine holds for one sheet of an `.xls` ([`guard_xls`]).
#[derive(Debug, Default, Clone, Copy)]
struct SheetCost {
    /// Cells its records give.
    cells: u128,
    /// The dense range of their span.
    area: u128,
    /// Bytes of the shared strings its cells copy (at most 3 bytes a character).
    text: u64,
}

impl SheetCost {
    fn add(&mut self, o: SheetCost) {
        self.cells = self.cells.saturating_add(o.cells);
        self.area = self.area.saturating_add(o.area);
        self.text = self.text.saturating_add(o.text);
    }
}

/// Columns and rows calamine's OpenDocument reader caps a sheet at.
const ODS_MAX_COLUMNS: u64 = 16_384;
const ODS_MAX_ROWS: u64 = 1_048_576;

/// Walks an OpenDocument sheet's `content.xml` before calamine does, refusing a workbook whose
/// repeated cells and rows expand past [`limits::CELLS`]: calamine stores a row's
/// `number-columns-repeated` cells one by one as it reads them (a 3.4 KB file expanded to
/// 6.8 GB), then lays every table out densely from its first filled row to its last, repeats
/// included. Counted here as calamine would hold them, for all the tables together (calamine
/// reads them all when the file is opened): the cells it stores for each row (all but a row's
/// trailing empty cells) and each table's dense area. Streaming and linear; XML it cannot read is
/// left to calamine's own error.
pub(crate) fn guard_ods(name: &str, content: impl std::io::BufRead) -> Result<(), ReadError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut walk = OdsWalk::new(name);
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) => walk.open(e, false)?,
            Event::Empty(e) => walk.open(e, true)?,
            Event::Text(t) => walk.text(t.len()),
            Event::End(e) => walk.close(e.local_name().as_ref())?,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// [`guard_ods`]'s count of what calamine will hold, element by element.
struct OdsWalk<'a> {
    name: &'a str,
    max: u128,
    /// Over every table: the cells stored and the dense areas.
    total: u128,
    /// The tables begun (the current one's number).
    table: usize,
    /// This table: rows so far (repeats included), its first filled row, the end of its last,
    /// its filled columns' least and greatest.
    rows: u64,
    first: Option<u64>,
    end: u64,
    col_min: u64,
    col_max: u64,
    /// This row: its repeats, columns so far, trailing empty columns, first and last filled.
    row_repeats: u64,
    /// This row: repeats calamine cuts off at its row cap (rows it never reads).
    row_cut: bool,
    cols: u64,
    pending: u64,
    row_filled: Option<(u64, u64)>,
    /// The text calamine will hold: each filled cell's text (its `<text:s text:c>` spaces
    /// expanded) once for every column and row it is repeated in, against `max_text`.
    max_text: u128,
    text: u128,
    /// The cell being read: its repeats and its text so far.
    cell: Option<(u64, u128)>,
    /// This row's text, once.
    row_text: u128,
    /// Cells open (begun, not yet closed): a table begun inside one is refused.
    cells_open: u32,
}

impl<'a> OdsWalk<'a> {
    fn new(name: &'a str) -> Self {
        OdsWalk {
            name,
            max: u128::from(limits::CELLS.get()),
            total: 0,
            table: 0,
            rows: 0,
            first: None,
            end: 0,
            col_min: u64::MAX,
            col_max: 0,
            row_repeats: 1,
            row_cut: false,
            cols: 0,
            pending: 0,
            row_filled: None,
            max_text: u128::from(limits::UNZIPPED.get()),
            text: 0,
            cell: None,
            row_text: 0,
            cells_open: 0,
        }
    }

    fn refuse(&self, claimed: u128) -> ReadError {
        ReadError::ClaimsTooMany {
            name: self.name.into(),
            part: format!("content.xml 第 {} 个表格的重复行列", self.table.max(1)),
            what: "单元格",
            claimed: u64::try_from(claimed).unwrap_or(u64::MAX),
            help: limits::CELLS.help(),
        }
    }

    /// This table's dense area so far: its first filled row to the end of its last, by its
    /// filled columns.
    fn area(&self) -> u128 {
        self.first.map_or(0, |f| {
            u128::from(self.end - f) * u128::from(self.col_max.saturating_sub(self.col_min) + 1)
        })
    }

    /// An opening (or, `empty`, a self-closing) element: a table, a row, a cell, a cell's
    /// spaces.
    fn open(&mut self, e: &quick_xml::events::BytesStart, empty: bool) -> Result<(), ReadError> {
        match e.local_name().as_ref() {
            // calamine reads a cell's content to its first `</table:table-cell>`: a table
            // inside a cell would end its reading of the outer one there, the rows after it
            // left unread without a word (Excel and LibreOffice never write one)
            "table" if !empty && self.cells_open > 0 => {
                return Err(ReadError::Workbook {
                    name: self.name.into(),
                    source: calamine::Error::Msg(
                        "表格的单元格中嵌有子表格（table:table）：读到子表格处会停止读取其后的行；请把子表格移出单元格后再试",
                    ),
                });
            }
            "table" if !empty => {
                self.table += 1;
                (self.rows, self.first, self.end, self.col_min, self.col_max) =
                    (0, None, 0, u64::MAX, 0);
            }
            "table-row" => {
                let remaining = ODS_MAX_ROWS.saturating_sub(self.rows);
                let asked = ods_repeats(e, "number-rows-repeated");
                self.row_repeats = asked.min(remaining);
                self.row_cut = asked > remaining;
                (self.cols, self.pending, self.row_filled, self.row_text) = (0, 0, None, 0);
                if empty {
                    self.rows += self.row_repeats;
                }
            }
            "table-cell" | "covered-table-cell" => {
                if !empty {
                    self.cells_open += 1;
                }
                self.table_cell(e, empty)?
            }
            // spaces: calamine writes `text:c` of them
            "s" => {
                if let Some((_, t)) = &mut self.cell {
                    *t = t.saturating_add(ods_spaces(e));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A cell: a filled one is stored after the empty run before it, `n` times (its
    /// `number-columns-repeated`); an empty one adds to the run, stored only if a filled cell
    /// follows in the row.
    fn table_cell(
        &mut self,
        e: &quick_xml::events::BytesStart,
        empty: bool,
    ) -> Result<(), ReadError> {
        let n = ods_repeats(e, "number-columns-repeated")
            .min(ODS_MAX_COLUMNS.saturating_sub(self.cols + self.pending));
        if ods_filled(e) {
            if !empty {
                self.cell = Some((n, 0));
            }
            self.total += u128::from(self.pending + n);
            let at = self.cols + self.pending;
            self.row_filled = Some(
                self.row_filled
                    .map_or((at, at + n - 1), |(a, _)| (a, at + n - 1)),
            );
            self.cols = at + n;
            self.pending = 0;
        } else {
            self.pending += n;
        }
        if self.total > self.max {
            return Err(self.refuse(self.total));
        }
        Ok(())
    }

    /// Text inside the cell being read.
    fn text(&mut self, bytes: usize) {
        if let Some((_, n)) = &mut self.cell {
            *n = n.saturating_add(bytes as u128);
        }
    }

    /// A closing element: a cell's text is added to its row's, once for each column it
    /// repeats; a row's filled span widens its table's area, and its text counts once for each
    /// row it repeats; a table's area is added to the total.
    fn close(&mut self, local: &str) -> Result<(), ReadError> {
        match local {
            "table-cell" | "covered-table-cell" => {
                self.cells_open = self.cells_open.saturating_sub(1);
                if let Some((n, t)) = self.cell.take() {
                    self.row_text = self
                        .row_text
                        .saturating_add(t.saturating_mul(u128::from(n)));
                }
            }
            "table-row" => {
                // calamine caps a table at its row limit and drops the rows past it with no
                // word (a log line): a filled row there would be lost quietly
                if self.row_cut && self.row_filled.is_some() {
                    return Err(ReadError::RowsPastCap {
                        name: self.name.into(),
                        table: self.table.max(1),
                    });
                }
                if let Some((a, b)) = self.row_filled {
                    self.first.get_or_insert(self.rows);
                    self.end = self.rows + self.row_repeats;
                    self.col_min = self.col_min.min(a);
                    self.col_max = self.col_max.max(b);
                    if self.total + self.area() > self.max {
                        return Err(self.refuse(self.total + self.area()));
                    }
                }
                self.rows += self.row_repeats;
                // after the cells: a row of both too many cells and too much text is told
                // by its cells
                self.text = self
                    .text
                    .saturating_add(self.row_text.saturating_mul(u128::from(self.row_repeats)));
                if self.text > self.max_text {
                    return Err(text_too_large(
                        self.name,
                        &format!("第 {} 个", self.table.max(1)),
                    ));
                }
            }
            "table" => {
                self.total += self.area();
                self.first = None;
            }
            _ => {}
        }
        Ok(())
    }
}

/// An element's repeat count (`number-rows-repeated`, `number-columns-repeated`): 1 where it
/// is missing, unreadable or 0.
pub(super) fn ods_repeats(e: &quick_xml::events::BytesStart, key: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Whether a cell holds a value (calamine stores it, and the empty cells before it).
fn ods_filled(e: &quick_xml::events::BytesStart) -> bool {
    e.attributes().flatten().any(|a| {
        matches!(
            a.key.local_name().as_ref(),
            "value"
                | "string-value"
                | "date-value"
                | "time-value"
                | "boolean-value"
                | "value-type"
                | "formula"
        )
    })
}

/// The spaces a `<text:s text:c>` stands for (1 where `c` is missing or unreadable).
fn ods_spaces(e: &quick_xml::events::BytesStart) -> u128 {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "c")
        .and_then(|a| {
            a.value.trim().bytes().try_fold(0u128, |n, d| {
                d.is_ascii_digit()
                    .then(|| n.saturating_mul(10).saturating_add(u128::from(d - b'0')))
            })
        })
        .unwrap_or(1)
}

/// Counts cells against [`limits::CELLS`] across every sheet read.
/// The cells read of a workbook, against [`limits::CELLS`], shared by the threads that read
/// its sheets: each counts its own ([`Counted`]) and adds them here every few thousand cells,
/// so a read stops soon after the limit is passed (within a few thousand cells a thread) and a
/// workbook within it never stops (every count is of cells read).
struct CellCount<'a> {
    name: &'a str,
    cells: std::sync::atomic::AtomicU64,
    max: u64,
    /// Bytes of the cells' text, against [`limits::UNZIPPED`]: a cell that names a shared
    /// string holds its own copy of it, so one long string named by many small cells would
    /// otherwise expand a small file without bound (a 900 KB string in 20 000 cells of a 43 KB
    /// xlsx is 18 GB). A real workbook's text is never more than its unzipped parts (each
    /// cell's reference takes more bytes than most strings do).
    text: std::sync::atomic::AtomicU64,
    max_text: u64,
}

/// Bytes of text a thread counts before adding them to the shared count.
const TEXT_AT_ONCE: u64 = 1024 * 1024;

/// Cells a thread counts before adding them to the shared count.
const CELLS_AT_ONCE: u64 = 4096;

impl<'a> CellCount<'a> {
    fn new(name: &'a str) -> Self {
        CellCount {
            name,
            cells: std::sync::atomic::AtomicU64::new(0),
            max: limits::CELLS.get(),
            text: std::sync::atomic::AtomicU64::new(0),
            max_text: limits::UNZIPPED.get(),
        }
    }

    /// `bytes` more bytes of text, in `sheet`.
    fn text(&self, sheet: &str, bytes: u64) -> Result<(), ReadError> {
        let total = self
            .text
            .fetch_add(bytes, std::sync::atomic::Ordering::Relaxed)
            .saturating_add(bytes);
        match total > self.max_text {
            true => Err(text_too_large(self.name, sheet)),
            false => Ok(()),
        }
    }

    /// The error of a workbook past the limit (the cell that passes it).
    fn past(&self) -> ReadError {
        ReadError::TooManyCells {
            name: self.name.into(),
            cells: self.max + 1,
            max: limits::CELLS.shown(),
            help: limits::CELLS.help(),
        }
    }

    /// One thread's counter.
    fn counter(&self) -> Counted<'_, 'a> {
        Counted {
            shared: self,
            own: 0,
            own_text: 0,
            before: self.cells.load(std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// One more cell, on one thread alone (`.xls`, `.ods`).
    fn one_more(&self) -> Result<(), ReadError> {
        use std::sync::atomic::Ordering::Relaxed;
        if self.cells.load(Relaxed) >= self.max {
            return Err(self.past());
        }
        self.cells.fetch_add(1, Relaxed);
        Ok(())
    }

    /// Whether every cell counted is within the limit (after the threads are done).
    fn total(&self) -> Result<(), ReadError> {
        match self.cells.load(std::sync::atomic::Ordering::Relaxed) > self.max {
            true => Err(self.past()),
            false => Ok(()),
        }
    }
}

/// A thread's cells not yet added to the shared [`CellCount`] (added when it is dropped).
struct Counted<'c, 'a> {
    shared: &'c CellCount<'a>,
    own: u64,
    /// Bytes of text not yet added to the shared count.
    own_text: u64,
    /// The shared count when last looked at.
    before: u64,
}

impl Counted<'_, '_> {
    fn one_more(&mut self) -> Result<(), ReadError> {
        // on one thread this is exact: the cell past the limit stops the read
        if self.before + self.own >= self.shared.max {
            self.flush();
            if self.before >= self.shared.max {
                return Err(self.shared.past());
            }
        }
        self.own += 1;
        if self.own >= CELLS_AT_ONCE {
            self.flush();
        }
        Ok(())
    }

    /// `bytes` more bytes of text in `sheet`, added to the shared count a megabyte at a time.
    fn text(&mut self, sheet: &str, bytes: u64) -> Result<(), ReadError> {
        self.own_text = self.own_text.saturating_add(bytes);
        if self.own_text >= TEXT_AT_ONCE {
            let own = std::mem::take(&mut self.own_text);
            self.shared.text(sheet, own)?;
        }
        Ok(())
    }

    /// Adds this thread's cells to the shared count and reads it.
    fn flush(&mut self) {
        let own = std::mem::take(&mut self.own);
        self.before = self
            .shared
            .cells
            .fetch_add(own, std::sync::atomic::Ordering::Relaxed)
            + own;
    }
}

impl Drop for Counted<'_, '_> {
    fn drop(&mut self) {
        self.flush();
    }
}

/// The error for cells whose text, shared strings repeated, comes to more than
/// [`limits::UNZIPPED`].
fn text_too_large(name: &str, sheet: &str) -> ReadError {
    ReadError::UnzippedTooLarge {
        name: name.into(),
        part: format!("工作表「{sheet}」的单元格文字，共享字符串按引用次数展开后"),
        max: limits::UNZIPPED.shown(),
        help: limits::UNZIPPED.help(),
    }
}

/// The sheets to read: the one named, or all of them.
fn chosen_sheets(
    name: &str,
    names: Vec<String>,
    sheet: Option<&str>,
) -> Result<Vec<String>, ReadError> {
    match sheet {
        Some(s) => match names.iter().find(|n| n.as_str() == s) {
            Some(n) => Ok(vec![n.clone()]),
            None => Err(ReadError::NoSheet {
                name: name.into(),
                sheet: s.into(),
                available: names.join("、"),
            }),
        },
        None if names.is_empty() => Err(ReadError::Empty { name: name.into() }),
        None => Ok(names),
    }
}

/// A date format written the Chinese way (`yyyy"年"m"月"d"日"`): a date the officer typed as
/// `2018年9月28日` (which Excel stores as a date with this format) is read back as written, not
/// as `2018-09-28`; the same for the Chinese-locale built-in formats (ids 27–31, 36, 50–58,
/// which a workbook names by number only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WrittenDate {
    /// A year is shown (`yyyy"年"` before the month).
    year: bool,
    /// `mm` / `dd`: the month and day with a leading zero.
    month_padded: bool,
    day_padded: bool,
    /// A day is shown (`d` after the month), not only the year and month.
    day: bool,
}

impl WrittenDate {
    /// The first section of `code`, where it is a date with 年 and 月.
    pub fn of(code: &str) -> Option<WrittenDate> {
        let first = code.split(';').next().unwrap_or("");
        let plain: String = first
            .chars()
            .filter(|c| !matches!(c, '"' | '\\'))
            .collect::<String>()
            .to_lowercase();
        // a date with 月 (and 年 where it shows the year); times (时, 分) are not dates
        if !plain.contains('月') || !plain.contains('m') || plain.contains('时') {
            return None;
        }
        let year = plain.contains('y') && plain.contains('年');
        if plain.contains('y') && !year {
            return None;
        }
        let after_month = plain.split('月').nth(1).unwrap_or("");
        Some(WrittenDate {
            year,
            month_padded: plain.contains("mm"),
            day_padded: after_month.contains("dd"),
            day: after_month.contains('d'),
        })
    }

    /// The Chinese-locale built-in date formats (ECMA-376 §18.8.30 leaves ids 27–36 and 50–58 to
    /// the locale; in zh-CN they are these).
    pub fn builtin(id: u32) -> Option<WrittenDate> {
        let code = match id {
            27 | 36 | 50 | 52 | 57 => "yyyy\"年\"m\"月\"",
            28 | 29 | 51 | 53 | 54 | 58 => "m\"月\"d\"日\"",
            31 => "yyyy\"年\"m\"月\"d\"日\"",
            _ => return None,
        };
        WrittenDate::of(code)
    }

    /// `value` as the format writes it, where it is a date.
    pub(crate) fn show(self, value: &Data) -> Option<String> {
        let Data::DateTime(dt) = value else {
            return None;
        };
        if !dt.is_datetime() {
            return None;
        }
        let (y, mo, d, ..) = dt.to_ymd_hms_milli();
        let mo = if self.month_padded {
            format!("{mo:02}")
        } else {
            mo.to_string()
        };
        let d = if self.day_padded {
            format!("{d:02}")
        } else {
            d.to_string()
        };
        let year = if self.year {
            format!("{y}年")
        } else {
            String::new()
        };
        Some(if self.day {
            format!("{year}{mo}月{d}日")
        } else {
            format!("{year}{mo}月")
        })
    }
}

/// The workbook format: an `.xlsx` (a zip that is not a Word document), an `.xls` (an OLE
/// file holding `Workbook`, or one the compound-file reader cannot open, refused by the reader
/// with the way forward unless its name says `.doc`), an `.ods`.
pub(crate) const FORMAT: super::SupportedFormat = super::SupportedFormat {
    endings: &[
        super::Ending::listed("xlsx", Some(crate::table::InputFormat::Xlsx), 1),
        super::Ending::listed("xlsm", Some(crate::table::InputFormat::Xlsx), 1),
        super::Ending::listed("xls", Some(crate::table::InputFormat::Xlsx), 2),
        super::Ending::listed("ods", Some(crate::table::InputFormat::Xlsx), 2),
        super::Ending::unlisted("xlsb", Some(crate::table::InputFormat::Xlsx)),
    ],
    what: "Excel 或 WPS 工作簿",
    claims: |peek| match peek.sniffed {
        super::Sniffed::Zip => !super::docx::is_docx(peek),
        // never handed to calamine's own compound-file reader, which follows a looping sector
        // chain forever: an unreadable container is refused by `read_sheets`
        super::Sniffed::Ole => match peek.ole() {
            super::OleKind::Workbook => true,
            super::OleKind::Unreadable => peek.asked != Some(crate::table::InputFormat::Doc),
            _ => false,
        },
        _ => false,
    },
    read: |input| {
        crate::table::grid::from_workbook(input.name, input.bytes, input.opts.sheet.as_deref())
            .map(super::Read::Grid)
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    /// `guard_ods` over one table of `rows`.
    fn guard_rows(rows: &str) -> Result<(), ReadError> {
        let content = format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        guard_ods("a.ods", content.as_bytes())
    }

    #[test]
    fn an_ods_row_with_content_past_the_row_cap_is_refused_and_empty_ones_are_not() {
        let filled = |n: u64| {
            format!(
                r#"<table:table-row table:number-rows-repeated="{n}"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#
            )
        };
        let empty = |n: u64| {
            format!(
                r#"<table:table-row table:number-rows-repeated="{n}"><table:table-cell table:number-columns-repeated="5"/></table:table-row>"#
            )
        };
        // filled to the cap exactly: nothing is cut
        assert!(guard_rows(&filled(ODS_MAX_ROWS)).is_ok());
        assert!(guard_rows(&format!("{}{}", filled(ODS_MAX_ROWS - 1), filled(1))).is_ok());
        // one filled row more, repeated or not: calamine would drop it
        for rows in [
            filled(ODS_MAX_ROWS + 1),
            format!("{}{}", filled(ODS_MAX_ROWS), filled(1)),
            format!("{}{}{}", filled(10), empty(ODS_MAX_ROWS), filled(1)),
        ] {
            let err = guard_rows(&rows).unwrap_err().to_string();
            assert!(err.contains("a.ods"), "{err}");
        }
        // empty rows past the cap lose nothing
        assert!(guard_rows(&format!("{}{}{}", filled(3), empty(ODS_MAX_ROWS), empty(9))).is_ok());
    }

    /// Whether `FormulaSeen` fed `text` in two pieces cut at `at` says it holds a formula.
    fn formula_seen_cut(text: &[u8], at: usize) -> bool {
        let mut seen = FormulaSeen::default();
        seen.feed(&text[..at]);
        seen.feed(&text[at..]);
        seen.seen
    }

    #[test]
    fn a_formula_element_is_seen_wherever_the_pieces_are_cut_and_a_sheet_without_none() {
        for text in [
            &br#"<c r="F2"><f>H9/H10</f></c>"#[..],
            br#"<x:c r="F4"><x:f t="shared" si="0"/></x:c>"#,
            b"<c r=\"A1\"><f\n>1+1</f></c>",
        ] {
            for at in 0..=text.len() {
                assert!(formula_seen_cut(text, at), "cut at {at}");
            }
            // one byte a piece
            let mut seen = FormulaSeen::default();
            text.chunks(1).for_each(|b| seen.feed(b));
            assert!(seen.seen);
        }
        let plain = br#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"></c></row></sheetData><fonts><font/></fonts><filterMode/>"#;
        for at in 0..=plain.len() {
            assert!(!formula_seen_cut(plain, at), "cut at {at}");
        }
    }

    /// A workbook of `sheets` sheets of a few rows each (numbers in formats, dates, merges).
    fn many_sheets(sheets: usize) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let pct = rust_xlsxwriter::Format::new().set_num_format("0%");
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 12, 31).unwrap();
        for k in 0..sheets {
            let ws = wb.add_worksheet();
            ws.merge_range(
                0,
                0,
                0,
                3,
                &format!("表{k}"),
                &rust_xlsxwriter::Format::new(),
            )
            .unwrap();
            for r in 1..(3 + k as u32 % 5) {
                ws.write_string(r, 0, format!("指标{r}")).unwrap();
                ws.write_number_with_format(r, 1, 0.895 + f64::from(r) / 1000.0, &pct)
                    .unwrap();
                ws.write_datetime_with_format(r, 2, &day, &date).unwrap();
                ws.write_number(r, 3, f64::from(r) * 1.5).unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }

    /// What a read gives, comparable.
    type Read = Vec<(
        String,
        Vec<((u32, u32), String)>,
        Vec<((u32, u32), (u32, u32))>,
        Vec<((u32, u32), super::super::number_format::CellNote)>,
    )>;

    fn read_on(bytes: &[u8], workers: usize) -> Result<Read, String> {
        read_with(bytes, workers, limits::CELLS.get())
    }

    fn read_with(bytes: &[u8], workers: usize, max: u64) -> Result<Read, String> {
        read_threads(bytes, (workers, Threads::One), max)
    }

    use super::super::xlsx_pipe::Threads;

    /// A read on `workers` sheet readers, each sheet's XML on a second thread as `threads` says.
    fn read_threads(
        bytes: &[u8],
        (workers, threads): (usize, Threads),
        max: u64,
    ) -> Result<Read, String> {
        let mut budget = CellCount::new("t.xlsx");
        budget.max = max;
        read_xlsx(
            "t.xlsx",
            bytes,
            (None, SecondLook::MAYBE),
            (Some(workers), threads),
            &budget,
        )
        .map(|sheets| {
            sheets
                .into_iter()
                .map(|s| (s.name.clone(), s.listed(), s.merges, s.notes))
                .collect()
        })
        .map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn sheets_read_on_threads_are_the_sheets_read_on_one() {
        let bytes = many_sheets(11);
        let one = read_on(&bytes, 1).unwrap();
        assert_eq!(one.len(), 11);
        assert!(one.iter().all(|s| !s.1.is_empty() && !s.2.is_empty()));
        assert!(one.iter().any(|s| !s.3.is_empty()), "a rounded percentage");
        for workers in [2, 3, 11, 20] {
            assert_eq!(read_on(&bytes, workers).unwrap(), one, "{workers} threads");
        }
    }

    #[test]
    fn the_cell_limit_holds_for_sheets_read_on_threads() {
        let bytes = many_sheets(9);
        let cells: usize = read_on(&bytes, 1).unwrap().iter().map(|s| s.1.len()).sum();
        // exactly at the limit: read, on one thread or more; one cell fewer: refused alike
        for (max, ok) in [(cells, true), (cells - 1, false)] {
            for workers in [1, 2, 3] {
                let read = read_with(&bytes, workers, max as u64);
                assert_eq!(read.is_ok(), ok, "limit {max}, {workers} threads: {read:?}");
                if let Err(e) = read {
                    assert!(e.contains("TooManyCells"), "{e}");
                }
            }
        }
    }

    /// One flat sheet of `rows` indicator rows (a merged title, texts repeated and not, figures
    /// in formats, a rounded percentage, dates, formulas) and a second small sheet: more
    /// cells than the pipe's channel holds, so its reader waits on the reading.
    fn one_large_sheet(rows: u32) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let pct = rust_xlsxwriter::Format::new().set_num_format("0%");
        let two = rust_xlsxwriter::Format::new().set_num_format("0.00");
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 12, 31).unwrap();
        let ws = wb.add_worksheet();
        ws.merge_range(
            0,
            0,
            0,
            6,
            "2023年度项目支出绩效自评表",
            &Default::default(),
        )
        .unwrap();
        for r in 1..=rows {
            ws.write_string(r, 0, format!("项目{}", r / 7)).unwrap();
            ws.write_string(r, 1, "产出指标").unwrap();
            ws.write_string(r, 2, format!("指标{r}")).unwrap();
            ws.write_number_with_format(r, 3, 0.895 + f64::from(r % 9) / 1000.0, &pct)
                .unwrap();
            ws.write_number_with_format(r, 4, f64::from(r) * 1.25, &two)
                .unwrap();
            ws.write_datetime_with_format(r, 5, &day, &date).unwrap();
            if r % 500 == 0 {
                ws.write_formula(r, 6, "=D2*2").unwrap();
            } else {
                ws.write_number(r, 6, f64::from(r) / 3.0).unwrap();
            }
        }
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "说明").unwrap();
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn a_sheet_read_on_a_second_thread_is_the_sheet_read_on_one() {
        let bytes = one_large_sheet(3000);
        let one = read_threads(&bytes, (1, Threads::One), limits::CELLS.get()).unwrap();
        assert_eq!(one[0].1.len(), 1 + 3000 * 7);
        assert_eq!(one[0].2, [((0, 0), (0, 6))], "the title's merge");
        assert!(!one[0].3.is_empty(), "the rounded percentages' notes");
        assert_eq!(one[1].1, [((0, 0), "说明".to_string())]);
        for threads in [Threads::Always, Threads::Two] {
            let two = read_threads(&bytes, (1, threads), limits::CELLS.get());
            assert_eq!(two.unwrap(), one, "{threads:?}");
        }
        // a sheet of a megabyte or more is read on two threads where the machine has two cores
        assert!(!Threads::Two.pipes(Some(super::super::xlsx_pipe::FROM_BYTES - 1)));
        assert!(!Threads::Two.pipes(None));
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let large = Some(super::super::xlsx_pipe::FROM_BYTES);
        assert_eq!(Threads::Two.pipes(large), cores >= 2);
        assert!(!Threads::One.pipes(large));
    }

    #[test]
    fn the_cell_limit_stops_a_sheet_read_on_a_second_thread() {
        let bytes = one_large_sheet(3000);
        let cells = 1 + 3000 * 7 + 1;
        let always = (1, Threads::Always);
        assert!(read_threads(&bytes, always, cells).is_ok());
        // past the limit at the last cell, in the middle (the reader waiting on a full
        // channel) and at the first: the named error, as on one thread
        for max in [cells - 1, cells / 2, 0] {
            let read = read_threads(&bytes, always, max).unwrap_err();
            assert!(read.contains("TooManyCells"), "limit {max}: {read}");
            let one = read_threads(&bytes, (1, Threads::One), max).unwrap_err();
            assert_eq!(read, one, "limit {max}");
        }
    }

    /// `bytes` (a zip) with its part `name` changed by `change`.
    fn with_part(bytes: &[u8], name: &str, change: impl Fn(String) -> String) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let part = entry.name().unwrap().into_owned();
            let mut text = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut text).unwrap();
            if part == name {
                text = change(String::from_utf8(text).unwrap()).into_bytes();
            }
            out.start_file(part, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, &text).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn xml_that_does_not_read_stops_a_sheet_read_on_a_second_thread_with_its_error() {
        let bytes = one_large_sheet(3000);
        // a cell reference calamine cannot read, in the middle of the sheet
        let broken = with_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
            xml.replacen(r#"<c r="C1500""#, r#"<c r="C!1500""#, 1)
        });
        assert_ne!(broken, bytes);
        let one = read_threads(&broken, (1, Threads::One), limits::CELLS.get()).unwrap_err();
        assert!(one.contains("Alphanumeric"), "{one}");
        let two = read_threads(&broken, (1, Threads::Always), limits::CELLS.get());
        assert_eq!(two.unwrap_err(), one);
        // and a part cut short: the end of the XML is the reader's error too
        let cut = with_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
            xml[..xml.len() / 2].to_string()
        });
        let one = read_threads(&cut, (1, Threads::One), limits::CELLS.get()).unwrap_err();
        let two = read_threads(&cut, (1, Threads::Always), limits::CELLS.get());
        assert_eq!(two.unwrap_err(), one);
    }

    #[test]
    fn a_date_written_the_chinese_way_is_read_as_written() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let chinese = rust_xlsxwriter::Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
        let padded = rust_xlsxwriter::Format::new().set_num_format("yyyy年mm月dd日");
        let iso = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        // what Chinese Excel gives a date typed as 2018年9月28日: the locale's built-in format
        let builtin = rust_xlsxwriter::Format::new().set_num_format_index(31);
        let month_day = rust_xlsxwriter::Format::new().set_num_format_index(58);
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2018, 9, 28).unwrap();
        ws.write_string(0, 0, "完成时间").unwrap();
        ws.write_datetime_with_format(0, 1, &date, &chinese)
            .unwrap();
        ws.write_datetime_with_format(0, 2, &date, &padded).unwrap();
        ws.write_datetime_with_format(0, 3, &date, &iso).unwrap();
        ws.write_datetime_with_format(0, 4, &date, &builtin)
            .unwrap();
        ws.write_datetime_with_format(0, 5, &date, &month_day)
            .unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let sheets = read_sheets("t.xlsx", bytes, None, Some(SecondLook::MAYBE)).unwrap();
        let texts: Vec<&str> = sheets[0].iter().map(|(_, t)| t).collect();
        assert_eq!(
            texts,
            [
                "完成时间",
                "2018年9月28日",
                "2018年09月28日",
                "2018-09-28",
                "2018年9月28日",
                "9月28日"
            ]
        );
        assert_eq!(WrittenDate::of("General"), None);
        assert_eq!(WrittenDate::of("0.00%"), None);
        assert_eq!(WrittenDate::of("h\"时\"mm\"分\""), None);
        assert_eq!(WrittenDate::builtin(14), None);
    }

    #[test]
    fn a_panic_in_the_workbook_reader_is_a_named_error() {
        let read: Result<(), ReadError> = guarded("t.xls", || panic!("index out of bounds"));
        let err = read.unwrap_err();
        assert!(matches!(err, ReadError::Workbook { .. }), "{err:?}");
        assert!(err.to_string().contains("内部记录已损坏"), "{err}");
        // and a read that does not panic is its own result
        assert_eq!(guarded("t.xls", || Ok(3)).unwrap(), 3);
    }

    #[test]
    fn tags_are_counted_in_pieces_of_any_size() {
        let part = r#"<?xml version="1.0"?><sst count="9"><si><t>a</t></si><si/><si ><r><t>b</t></r></si><x:si>c</x:si><sis/><s/><?si x?><sij></sij><si
/></sst>"#;
        let sheet = r#"<sheetData><row r="1"><c r="A1"/><c><v>1</v></c><col/><cc/></row><row/><x:row><x:c/></x:row><rows/></sheetData>"#;
        for size in [1, 2, 3, 7, part.len()] {
            let mut n = TagCount::strings();
            for piece in part.as_bytes().chunks(size) {
                n.feed(piece);
            }
            // <si>, <si/>, <si >, <x:si>, <si\n/>: not <sis/>, <s/>, <?si?>, <sij> or </si>
            assert_eq!(n.count, 5, "pieces of {size}");
            let mut n = TagCount::rows_and_cells();
            for piece in sheet.as_bytes().chunks(size) {
                n.feed(piece);
            }
            // three rows and three cells: not <col/>, <cc/>, <rows/> or the <sheetData>
            assert_eq!(n.count, 6, "pieces of {size}");
        }
    }
}
