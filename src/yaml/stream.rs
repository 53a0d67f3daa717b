//! A YAML document read as it is parsed: each event of the parser handed to serde as it comes
//! and dropped, never the whole document's events first. serde_yaml 0.9 loads a document's
//! events whole (about 100 bytes an event, plus each scalar's own allocation) before a value is
//! read: an actuals file of 900,000 keys (13 MB) took 320 MB, a rule file of 150,000 rules 349
//! MB, though what either keeps is a small part of that.
//!
//! The values given are serde_yaml's: the same scalars resolved the same way (null, booleans,
//! integers, floats, strings; `0123` a string), the same errors at the same line and column with
//! the same path (`projects[0].indicators[2]: …`). What this reader does not take (an anchor, an
//! alias, a tag, a syntax error, an empty stream, a second document) is answered
//! [`Error::is_whole`]: the caller reads the text with serde_yaml whole, as before, for its
//! exact answer (aliases are bounded by `check_aliases` before either reads it).

use std::fmt;
use std::mem::MaybeUninit;

use serde::de::{self, DeserializeSeed, Expected, IgnoredAny, Unexpected, Visitor};

/// A place in the text: 0-based line and column, byte index.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mark {
    index: usize,
    line: usize,
    column: usize,
}

/// One event of the parser, owned (only what a value reads).
enum Event {
    Scalar { value: Box<[u8]>, plain: bool },
    SeqStart,
    SeqEnd,
    MapStart,
    MapEnd,
}

/// Why reading stopped.
enum Kind {
    /// A message (serde's or a visitor's), with where it arose once known.
    Message(String, Option<(Mark, String)>),
    /// Nesting past serde_yaml's own recursion limit (128).
    Recursion(Mark),
    /// The text is to be read whole by serde_yaml (see the module's doc).
    Whole,
}

/// An error of a streamed read; displayed as serde_yaml displays the same error.
pub(crate) struct Error(Box<Kind>);

impl Error {
    fn whole() -> Error {
        Error(Box::new(Kind::Whole))
    }

    /// The text holds what this reader leaves to serde_yaml: read it whole.
    pub(crate) fn is_whole(&self) -> bool {
        matches!(*self.0, Kind::Whole)
    }

    fn mark(&self) -> Option<Mark> {
        match &*self.0 {
            Kind::Message(_, Some((mark, _))) | Kind::Recursion(mark) => Some(*mark),
            _ => None,
        }
    }

    /// 1-based line and column, as serde_yaml's `Location` gives them.
    pub(crate) fn location(&self) -> Option<(usize, usize)> {
        self.mark().map(|m| (m.line + 1, m.column + 1))
    }

    /// The byte offset of [`Error::location`].
    pub(crate) fn offset(&self) -> Option<usize> {
        self.mark().map(|m| m.index)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &*self.0 {
            Kind::Message(msg, None) => f.write_str(msg)?,
            Kind::Message(msg, Some((_, path))) => {
                if path != "." {
                    write!(f, "{path}: ")?;
                }
                f.write_str(msg)?;
            }
            Kind::Recursion(_) => f.write_str("recursion limit exceeded")?,
            Kind::Whole => f.write_str("read whole")?,
        }
        match self.mark() {
            Some(m) if m.line != 0 || m.column != 0 => {
                write!(f, " at line {} column {}", m.line + 1, m.column + 1)
            }
            _ => Ok(()),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(Box::new(Kind::Message(msg.to_string(), None)))
    }
}

/// serde_yaml's `fix_mark`: a message without a place takes the value's.
fn fix_mark(mut error: Error, mark: Mark, path: &Path) -> Error {
    if let Kind::Message(_, none @ None) = &mut *error.0 {
        *none = Some((mark, path.to_string()));
    }
    error
}

type Result<T> = std::result::Result<T, Error>;

/// libyaml's parser over the text, pinned (it points at itself once given its input).
struct Parser<'t> {
    sys: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    /// Bytes of the text before what libyaml was given (a byte-order mark), added to each
    /// mark's index so places stay the text's own.
    skipped: usize,
    _text: std::marker::PhantomData<&'t str>,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str) -> Option<Parser<'t>> {
        // a byte-order mark (Notepad writes one) is not given to libyaml, which is told the
        // encoding and would not skip it (serde_yaml 0.9 reads it as a document of its own:
        // "more than one document"); lines and columns count from after it
        let skipped = match text.starts_with('\u{feff}') {
            true => '\u{feff}'.len_utf8(),
            false => 0,
        };
        let text = &text[skipped..];
        let mut sys = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        // SAFETY: the parser is initialized in place and never moved (boxed); the text outlives
        // it ('t), and libyaml reads it only through the pointer and length given here.
        unsafe {
            let parser = sys.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_initialize(parser).fail {
                return None;
            }
            unsafe_libyaml::yaml_parser_set_encoding(parser, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        }
        Some(Parser {
            sys,
            skipped,
            _text: std::marker::PhantomData,
        })
    }

    /// The next event: `Ok(None)` for the stream's and documents' own events (their kind
    /// given), `Err(Whole)` for what this reader leaves to serde_yaml.
    fn next(&mut self) -> Result<(Raw, Mark)> {
        let mut event = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialized (`new`); an event parsed is read, then deleted
        // once, before the next is parsed; its pointers are read only while it lives.
        unsafe {
            let parser = self.sys.as_mut_ptr();
            // a parser that failed gives no event again (`YAML_NO_EVENT`): `Raw::Whole`
            let event = event.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_parse(parser, event).fail {
                return Err(Error::whole());
            }
            let mark = Mark {
                index: (*event).start_mark.index as usize + self.skipped,
                line: (*event).start_mark.line as usize,
                column: (*event).start_mark.column as usize,
            };
            let raw = convert(&*event);
            unsafe_libyaml::yaml_event_delete(event);
            Ok((raw, mark))
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialized in `new` (a parser that failed to initialize is never made)
        unsafe { unsafe_libyaml::yaml_parser_delete(self.sys.as_mut_ptr()) }
    }
}

/// An event as libyaml gives it, told apart.
enum Raw {
    Node(Event),
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    /// An alias, or a node with an anchor or a tag.
    Whole,
}

/// # Safety
/// `e` is an event libyaml parsed and has not deleted.
unsafe fn convert(e: &unsafe_libyaml::yaml_event_t) -> Raw {
    // SAFETY: the union's member read is the one of the event's type
    unsafe {
        match e.type_ {
            unsafe_libyaml::YAML_STREAM_START_EVENT => Raw::StreamStart,
            unsafe_libyaml::YAML_STREAM_END_EVENT => Raw::StreamEnd,
            unsafe_libyaml::YAML_DOCUMENT_START_EVENT => Raw::DocumentStart,
            unsafe_libyaml::YAML_DOCUMENT_END_EVENT => Raw::DocumentEnd,
            unsafe_libyaml::YAML_SCALAR_EVENT => {
                let s = &e.data.scalar;
                if !s.anchor.is_null() || !s.tag.is_null() {
                    return Raw::Whole;
                }
                let value = if s.length == 0 {
                    Box::default()
                } else {
                    Box::from(std::slice::from_raw_parts(s.value, s.length as usize))
                };
                Raw::Node(Event::Scalar {
                    value,
                    plain: s.style == unsafe_libyaml::YAML_PLAIN_SCALAR_STYLE,
                })
            }
            unsafe_libyaml::YAML_SEQUENCE_START_EVENT => {
                let s = &e.data.sequence_start;
                match s.anchor.is_null() && s.tag.is_null() {
                    true => Raw::Node(Event::SeqStart),
                    false => Raw::Whole,
                }
            }
            unsafe_libyaml::YAML_SEQUENCE_END_EVENT => Raw::Node(Event::SeqEnd),
            unsafe_libyaml::YAML_MAPPING_START_EVENT => {
                let m = &e.data.mapping_start;
                match m.anchor.is_null() && m.tag.is_null() {
                    true => Raw::Node(Event::MapStart),
                    false => Raw::Whole,
                }
            }
            unsafe_libyaml::YAML_MAPPING_END_EVENT => Raw::Node(Event::MapEnd),
            _ => Raw::Whole,
        }
    }
}

/// The events of one document, one ahead at most.
struct Stream<'t> {
    parser: Parser<'t>,
    peeked: Option<(Event, Mark)>,
    /// serde_yaml's recursion limit, counted down as values nest.
    remaining_depth: u8,
}

impl Stream<'_> {
    fn pull(&mut self) -> Result<(Event, Mark)> {
        match self.parser.next()? {
            (Raw::Node(e), mark) => Ok((e, mark)),
            _ => Err(Error::whole()),
        }
    }

    fn next(&mut self) -> Result<(Event, Mark)> {
        match self.peeked.take() {
            Some(e) => Ok(e),
            None => self.pull(),
        }
    }

    fn peek(&mut self) -> Result<&(Event, Mark)> {
        if self.peeked.is_none() {
            self.peeked = Some(self.pull()?);
        }
        Ok(self.peeked.as_ref().expect("peeked just above"))
    }
}

/// Read one document's value with `seed` as it is parsed. An error [`Error::is_whole`] says the
/// text is to be read by serde_yaml whole (anything the seed did is to be undone by the caller).
pub(crate) fn seeded<'de, S: DeserializeSeed<'de>>(text: &str, seed: S) -> Result<S::Value> {
    let mut parser = Parser::new(text).ok_or_else(Error::whole)?;
    // the stream's start and the document's; an empty stream is serde_yaml's to read
    for want in [0, 1] {
        match (parser.next()?.0, want) {
            (Raw::StreamStart, 0) | (Raw::DocumentStart, 1) => {}
            _ => return Err(Error::whole()),
        }
    }
    let mut stream = Stream {
        parser,
        peeked: None,
        remaining_depth: 128,
    };
    let value = seed.deserialize(&mut De {
        stream: &mut stream,
        path: Path::Root,
    })?;
    // the document ends, and no other follows
    match (stream.peeked.is_none(), stream.parser.next()?.0) {
        (true, Raw::DocumentEnd) => {}
        _ => return Err(Error::whole()),
    }
    match stream.parser.next()?.0 {
        Raw::StreamEnd => Ok(value),
        _ => Err(Error::whole()),
    }
}

/// Where a value sits, as serde_yaml writes it (`projects[0].indicators`).
enum Path<'a> {
    Root,
    Seq { parent: &'a Path<'a>, index: usize },
    Map { parent: &'a Path<'a>, key: &'a str },
    Unknown { parent: &'a Path<'a> },
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        struct Parent<'a>(&'a Path<'a>);
        impl fmt::Display for Parent<'_> {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                match self.0 {
                    Path::Root => Ok(()),
                    path => write!(f, "{path}."),
                }
            }
        }
        match self {
            Path::Root => f.write_str("."),
            Path::Seq { parent, index } => write!(f, "{parent}[{index}]"),
            Path::Map { parent, key } => write!(f, "{}{key}", Parent(parent)),
            Path::Unknown { parent } => write!(f, "{}?", Parent(parent)),
        }
    }
}

/// The deserializer of one value at its path.
struct De<'s, 't, 'p> {
    stream: &'s mut Stream<'t>,
    path: Path<'p>,
}

impl De<'_, '_, '_> {
    fn recursion_check<T>(
        &mut self,
        mark: Mark,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let previous = self.stream.remaining_depth;
        self.stream.remaining_depth = match previous.checked_sub(1) {
            Some(depth) => depth,
            None => return Err(Error(Box::new(Kind::Recursion(mark)))),
        };
        let result = f(self);
        self.stream.remaining_depth = previous;
        result
    }

    fn ignore_any(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.stream.next()?.0 {
                Event::Scalar { .. } => {}
                Event::SeqStart | Event::MapStart => depth += 1,
                Event::SeqEnd | Event::MapEnd => match depth.checked_sub(1) {
                    Some(d) => depth = d,
                    None => return Err(Error::whole()),
                },
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    fn visit_sequence<'de, V: Visitor<'de>>(&mut self, visitor: V, mark: Mark) -> Result<V::Value> {
        let (value, len) = self.recursion_check(mark, |de| {
            let mut seq = SeqAccess {
                empty: false,
                de,
                len: 0,
            };
            let value = visitor.visit_seq(&mut seq)?;
            Ok((value, seq.len))
        })?;
        let mut seq = SeqAccess {
            empty: false,
            de: self,
            len,
        };
        while de::SeqAccess::next_element::<IgnoredAny>(&mut seq)?.is_some() {}
        let total = seq.len;
        match self.stream.next()?.0 {
            Event::SeqEnd => {}
            _ => return Err(Error::whole()),
        }
        match total == len {
            true => Ok(value),
            false => Err(de::Error::invalid_length(
                total,
                &Count(len, "sequence of", "element"),
            )),
        }
    }

    fn visit_mapping<'de, V: Visitor<'de>>(&mut self, visitor: V, mark: Mark) -> Result<V::Value> {
        let (value, len) = self.recursion_check(mark, |de| {
            let mut map = MapAccess {
                empty: false,
                de,
                len: 0,
                key: None,
            };
            let value = visitor.visit_map(&mut map)?;
            Ok((value, map.len))
        })?;
        let mut map = MapAccess {
            empty: false,
            de: self,
            len,
            key: None,
        };
        while de::MapAccess::next_entry::<IgnoredAny, IgnoredAny>(&mut map)?.is_some() {}
        let total = map.len;
        match self.stream.next()?.0 {
            Event::MapEnd => {}
            _ => return Err(Error::whole()),
        }
        match total == len {
            true => Ok(value),
            false => Err(de::Error::invalid_length(
                total,
                &Count(len, "map containing", "entry"),
            )),
        }
    }

    /// A plain scalar (the only kind an untagged number or boolean is read from): its text.
    fn plain_text(event: &Event) -> Option<&str> {
        match event {
            Event::Scalar { value, plain: true } => std::str::from_utf8(value).ok(),
            _ => None,
        }
    }
}

/// serde_yaml's "sequence of 2 elements" / "map containing 1 entry".
struct Count(usize, &'static str, &'static str);

impl Expected for Count {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match (self.0, self.2) {
            (1, one) => write!(f, "{} 1 {one}", self.1),
            (n, "entry") => write!(f, "{} {n} entries", self.1),
            (n, one) => write!(f, "{} {n} {one}s", self.1),
        }
    }
}

fn parse_null(scalar: &[u8]) -> bool {
    matches!(scalar, b"null" | b"Null" | b"NULL" | b"~")
}

fn parse_bool(scalar: &str) -> Option<bool> {
    match scalar {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// serde_yaml's reading of an unsigned integer (`0x`, `0o`, `0b`, a `+`; `0123` is none).
fn parse_unsigned_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, std::num::ParseIntError>,
) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

/// serde_yaml's reading of a signed integer.
fn parse_signed_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, std::num::ParseIntError>,
) -> Option<T> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => scalar,
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
        if let Some(rest) = scalar
            .strip_prefix('-')
            .and_then(|r| r.strip_prefix(prefix))
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

/// serde_yaml's reading of a negative integer.
fn parse_negative_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> std::result::Result<T, std::num::ParseIntError>,
) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix)
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => scalar,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Leading zeros before digits: a string in YAML 1.2.
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A plain scalar as serde_yaml resolves it untagged: null, bool, integer, float, else text.
fn visit_untagged<'de, V: Visitor<'de>>(visitor: V, v: &str) -> Result<V::Value> {
    if v.is_empty() || parse_null(v.as_bytes()) {
        return visitor.visit_unit();
    }
    if let Some(b) = parse_bool(v) {
        return visitor.visit_bool(b);
    }
    if let Some(int) = parse_unsigned_int(v, u64::from_str_radix) {
        return visitor.visit_u64(int);
    }
    if let Some(int) = parse_negative_int(v, i64::from_str_radix) {
        return visitor.visit_i64(int);
    }
    if let Some(int) = parse_unsigned_int(v, u128::from_str_radix) {
        return visitor.visit_u128(int);
    }
    if let Some(int) = parse_negative_int(v, i128::from_str_radix) {
        return visitor.visit_i128(int);
    }
    if !digits_but_not_number(v)
        && let Some(float) = parse_f64(v)
    {
        return visitor.visit_f64(float);
    }
    visitor.visit_str(v)
}

/// A scalar's value given to `visitor` (untagged: this reader takes no tags).
fn visit_scalar<'de, V: Visitor<'de>>(visitor: V, value: &[u8], plain: bool) -> Result<V::Value> {
    let Ok(v) = std::str::from_utf8(value) else {
        return Err(de::Error::invalid_type(Unexpected::Bytes(value), &visitor));
    };
    match plain {
        true => visit_untagged(visitor, v),
        false => visitor.visit_str(v),
    }
}

/// serde_yaml's "invalid type" error for `event` where `exp` was expected.
fn invalid_type(event: &Event, exp: &dyn Expected) -> Error {
    enum Void {}
    struct InvalidType<'a>(&'a dyn Expected);
    impl<'de> Visitor<'de> for InvalidType<'_> {
        type Value = Void;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            self.0.fmt(f)
        }
    }
    match event {
        Event::Scalar { value, plain } => match visit_scalar(InvalidType(exp), value, *plain) {
            Ok(void) => match void {},
            Err(e) => e,
        },
        Event::SeqStart => de::Error::invalid_type(Unexpected::Seq, exp),
        Event::MapStart => de::Error::invalid_type(Unexpected::Map, exp),
        Event::SeqEnd | Event::MapEnd => Error::whole(),
    }
}

/// The integer and float readers, one per width serde asks for.
macro_rules! numbers {
    ($($method:ident => $visit:ident, $parse:ident($ty:ty);)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let (next, mark) = self.stream.next()?;
            match De::plain_text(&next).and_then(|v| $parse(v)) {
                Some(n) => visitor.$visit(n),
                None => Err(invalid_type(&next, &visitor)),
            }
            .map_err(|e| fix_mark(e, mark, &self.path))
        }
    )*};
}

fn i64_of(v: &str) -> Option<i64> {
    parse_signed_int(v, i64::from_str_radix)
}
fn i128_of(v: &str) -> Option<i128> {
    parse_signed_int(v, i128::from_str_radix)
}
fn u64_of(v: &str) -> Option<u64> {
    parse_unsigned_int(v, u64::from_str_radix)
}
fn u128_of(v: &str) -> Option<u128> {
    parse_unsigned_int(v, u128::from_str_radix)
}

impl<'de> de::Deserializer<'de> for &mut De<'_, '_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (next, mark) = self.stream.next()?;
        match next {
            Event::Scalar { value, plain } => visit_scalar(visitor, &value, plain),
            Event::SeqStart => self.visit_sequence(visitor, mark),
            Event::MapStart => self.visit_mapping(visitor, mark),
            Event::SeqEnd | Event::MapEnd => Err(Error::whole()),
        }
        .map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (next, mark) = self.stream.next()?;
        match De::plain_text(&next).and_then(parse_bool) {
            Some(b) => visitor.visit_bool(b),
            None => Err(invalid_type(&next, &visitor)),
        }
        .map_err(|e| fix_mark(e, mark, &self.path))
    }

    numbers! {
        deserialize_i64 => visit_i64, i64_of(i64);
        deserialize_i128 => visit_i128, i128_of(i128);
        deserialize_u64 => visit_u64, u64_of(u64);
        deserialize_u128 => visit_u128, u128_of(u128);
        deserialize_f64 => visit_f64, parse_f64(f64);
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (next, mark) = self.stream.next()?;
        match &next {
            Event::Scalar { value, .. } => match std::str::from_utf8(value) {
                Ok(v) => visitor.visit_str(v),
                Err(_) => Err(invalid_type(&next, &visitor)),
            },
            other => Err(invalid_type(other, &visitor)),
        }
        .map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::whole())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error::whole())
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let is_some = match &self.stream.peek()?.0 {
            Event::Scalar { plain: false, .. } => true,
            Event::Scalar { value, .. } => !value.is_empty() && !parse_null(value),
            Event::SeqStart | Event::MapStart => true,
            Event::SeqEnd | Event::MapEnd => return Err(Error::whole()),
        };
        if is_some {
            visitor.visit_some(self)
        } else {
            self.stream.next()?;
            visitor.visit_none()
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (next, mark) = self.stream.next()?;
        match &next {
            Event::Scalar { value, plain } => {
                if *plain && (value.is_empty() || parse_null(value)) {
                    visitor.visit_unit()
                } else {
                    match std::str::from_utf8(value) {
                        Ok(v) => Err(de::Error::invalid_value(Unexpected::Str(v), &"null")),
                        Err(_) => Err(de::Error::invalid_value(Unexpected::Bytes(value), &"null")),
                    }
                }
            }
            other => Err(invalid_type(other, &visitor)),
        }
        .map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        let mark = self.stream.peek()?.1;
        self.recursion_check(mark, |de| visitor.visit_newtype_struct(de))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (next, mark) = self.stream.next()?;
        match &next {
            Event::SeqStart => self.visit_sequence(visitor, mark),
            Event::Scalar { value, plain: true } if value.is_empty() => {
                visitor.visit_seq(SeqAccess {
                    empty: true,
                    de: self,
                    len: 0,
                })
            }
            other => Err(invalid_type(other, &visitor)),
        }
        .map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (next, mark) = self.stream.next()?;
        match &next {
            Event::MapStart => self.visit_mapping(visitor, mark),
            Event::Scalar { value, plain: true } if value.is_empty() => {
                visitor.visit_map(MapAccess {
                    empty: true,
                    de: self,
                    len: 0,
                    key: None,
                })
            }
            other => Err(invalid_type(other, &visitor)),
        }
        .map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let (unexpected, mark) = match self.stream.peek()? {
            (Event::Scalar { .. }, _) => return visitor.visit_enum(UnitVariant { de: self }),
            (Event::MapStart, mark) => (Unexpected::Map, *mark),
            (Event::SeqStart, mark) => (Unexpected::Seq, *mark),
            _ => return Err(Error::whole()),
        };
        let e = de::Error::invalid_type(unexpected, &"a YAML tag starting with '!'");
        Err(fix_mark(e, mark, &self.path))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.ignore_any()?;
        visitor.visit_unit()
    }
}

struct SeqAccess<'a, 's, 't, 'p> {
    empty: bool,
    de: &'a mut De<'s, 't, 'p>,
    len: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_, '_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.empty {
            return Ok(None);
        }
        match self.de.stream.peek()?.0 {
            Event::SeqEnd => Ok(None),
            Event::MapEnd => Err(Error::whole()),
            _ => {
                let mut element = De {
                    stream: &mut *self.de.stream,
                    path: Path::Seq {
                        parent: &self.de.path,
                        index: self.len,
                    },
                };
                self.len += 1;
                seed.deserialize(&mut element).map(Some)
            }
        }
    }
}

struct MapAccess<'a, 's, 't, 'p> {
    empty: bool,
    de: &'a mut De<'s, 't, 'p>,
    len: usize,
    /// The key just read, for the value's path (`None`: no text key).
    key: Option<String>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_, '_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.empty {
            return Ok(None);
        }
        match &self.de.stream.peek()?.0 {
            Event::MapEnd => return Ok(None),
            Event::SeqEnd => return Err(Error::whole()),
            Event::Scalar { value, .. } => match std::str::from_utf8(value) {
                Ok(text) => {
                    let key = self.key.get_or_insert_with(String::new);
                    key.clear();
                    key.push_str(text);
                }
                Err(_) => self.key = None,
            },
            _ => self.key = None,
        }
        self.len += 1;
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let parent = &self.de.path;
        let path = match self.key.as_deref() {
            Some(key) => Path::Map { parent, key },
            None => Path::Unknown { parent },
        };
        let mut value = De {
            stream: &mut *self.de.stream,
            path,
        };
        seed.deserialize(&mut value)
    }
}

/// An enum of unit variants written as a scalar (`direction: higher`).
struct UnitVariant<'a, 's, 't, 'p> {
    de: &'a mut De<'s, 't, 'p>,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_, '_, '_, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        Ok((seed.deserialize(&mut *self.de)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_, '_, '_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}

#[cfg(test)]
mod tests {
    //! This reader against serde_yaml's own, document by document: the same value or the same
    //! error (message and place) wherever this reader does not hand the text back whole.
    use serde::Deserialize;
    use std::collections::BTreeMap;

    /// Scalars and shapes serde_yaml resolves in its own ways (YAML 1.2 core schema, with
    /// serde_yaml's integer prefixes, leading zeros as text, `.inf`, and its errors).
    const DOCUMENTS: &[&str] = &[
        "a: 1\nb: -2\nc: +3\nd: 0123\ne: 0x1F\nf: 0o17\ng: 0b101\nh: -0x10\ni: 1_000\n",
        "a: 1.5\nb: .5\nc: -.inf\nd: .NaN\ne: 1e3\nf: +.inf\ng: 1.0e+3\nh: 00.5\ni: -0\n",
        "a: true\nb: True\nc: TRUE\nd: yes\ne: no\nf: on\ng: off\nh: y\ni: False\n",
        "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\ng: \"\"\nh: 'null'\n",
        "a: 95%\nb: ≥3\nc: 2023-12-31\nd: 12:30\ne: '0123'\nf: \"1e3\"\ng: 大于等于95%\n",
        "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n\nc: |-\n  kept\n",
        "- 1\n- two\n- [3, 4]\n- {five: 5}\n-\n- - nested\n  - list\n",
        "{a: 1, b: [x, y], c: {d: ~}}\n",
        "---\na: 1\n...\n",
        "\u{feff}a: 1\r\nb: 2\r\n",
        "1: one\n2.5: two\ntrue: three\n~: four\n",
        "a: 18446744073709551615\nb: 18446744073709551616\nc: -9223372036854775809\nd: 340282366920938463463374607431768211456\n",
        "a: 'it''s'\nb: \"tab\\tnew\\nline\\u00e9\"\nc: plain # comment\n",
        "a:\n  b:\n    c:\n      d: deep\n",
        "",
        "just text\n",
        "a: 1\na: 2\n",
        "a: [1, 2\n",
        "a: b: c\n",
    ];

    /// What this reader hands back to serde_yaml whole: the empty stream and syntax errors (a
    /// text after a byte-order mark is read as parsed, as Notepad saves it).
    const WHOLE: &[&str] = &["", "a: [1, 2\n", "a: b: c\n"];

    fn both<T>(text: &str) -> Option<(Result<T, String>, Result<T, String>)>
    where
        T: serde::de::DeserializeOwned,
    {
        let ours = match super::seeded(text, std::marker::PhantomData::<T>) {
            Err(e) if e.is_whole() => return None,
            Ok(v) => Ok(v),
            Err(e) => Err(format!("{e} {:?}", e.location())),
        };
        // serde_yaml reads a byte-order mark as a document of its own ("more than one
        // document"): its answer is the text's without the mark
        let unmarked = text.strip_prefix('\u{feff}').unwrap_or(text);
        let theirs = serde_yaml::from_str::<T>(unmarked).map_err(|e| {
            let at = e.location().map(|l| (l.line(), l.column()));
            format!("{e} {at:?}")
        });
        Some((ours, theirs))
    }

    #[test]
    fn values_are_serde_yamls() {
        let mut whole = Vec::new();
        for text in DOCUMENTS {
            let Some((ours, theirs)) = both::<serde_yaml::Value>(text) else {
                whole.push(*text);
                continue;
            };
            {
                // NaN is not equal to itself: compare as serde_yaml prints them
                let shown = |r: &Result<serde_yaml::Value, String>| match r {
                    Ok(v) => serde_yaml::to_string(v).expect("a value prints"),
                    Err(e) => e.clone(),
                };
                assert_eq!(shown(&ours), shown(&theirs), "{text:?}");
            }
        }
        // every document is this reader's but the empty stream and the syntax errors
        assert_eq!(whole, WHOLE);
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Typed {
        name: String,
        count: Option<u32>,
        #[serde(default)]
        share: Option<f64>,
        #[serde(default)]
        flags: Vec<bool>,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        more: BTreeMap<String, String>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Higher,
        Lower,
        Band { from: i64 },
    }

    #[test]
    fn typed_values_and_their_errors_are_serde_yamls() {
        let documents = [
            "name: a\ncount: 3\n",
            "name: 0123\ncount: ~\nshare: 1\n",
            "name: '5'\nflags: [true, false]\nkind: higher\n",
            "name: x\nkind: {band: {from: -3}}\n",
            "name: x\nkind: sideways\n",
            "name: x\ncount: -1\n",
            "name: x\ncount: 4294967296\n",
            "name: x\ncount: 1.5\n",
            "name: x\nflags: [yes]\n",
            "name: x\nbogus: 1\n",
            "count: 1\n",
            "name: [1]\n",
            "name: x\nmore: {a: 1, b: true, c: ~}\n",
            "name: x\nmore: {a: [1]}\n",
            "name: x\nshare: .inf\n",
            "- name: x\n",
            // after a byte-order mark: the same places (line 1's columns count from after it)
            "\u{feff}name: x\nbogus: 1\n",
            "\u{feff}name: [1]\n",
            "\u{feff}count: x\n",
        ];
        let mut read = 0;
        for text in documents {
            if let Some((ours, theirs)) = both::<Typed>(text) {
                read += 1;
                assert_eq!(ours, theirs, "{text:?}");
            }
        }
        assert_eq!(read, documents.len());
    }
}
