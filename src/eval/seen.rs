//! What a streamed run has seen, in flat memory: a set of 64-bit hashes (the units counted and
//! the (unit, project) pairs a split project is told by, `eval::stream`) that keeps at most
//! [`RECENT`] of them in memory and the rest on disk, so that 10M indicators cost what 100k do.
//!
//! The latest hashes are in a hash set; when it is full they are sorted and merged into one
//! sorted file of all the older ones (an anonymous temporary file, gone when the run ends), and
//! the set starts again. A hash looked for is found in the set, or else behind a Bloom filter
//! (most hashes that are new never reach the disk) in the file: an in-memory index of every
//! [`CHUNK`]th hash names the one chunk to read and search. Answers are exact (as exact as the
//! 64-bit hash), never guessed. In memory: the set (1.2 MB), the filter (ten bits a spilled hash,
//! at most 4 MB) and the index (8 bytes a chunk: 40 KB at 2.5M hashes).
//!
//! Where the spec is silent: a temporary file that cannot be made or written keeps the hashes in
//! memory instead (correct, but memory grows again); a spilled file that cannot be read back
//! leaves the answer unknown, and the set says so ([`Seen::unsure`]) for the run to report it
//! rather than guess quietly.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};

/// Hashes kept in memory before they go to disk: 7/8 of 2^17, the most a hash set of 2^17
/// buckets holds without growing (about 1.2 MB).
pub const RECENT: usize = 114_688;

/// Hashes a chunk of the spilled file (4 KB), one index entry each.
pub const CHUNK: usize = 512;

/// Bits of the Bloom filter in front of the file: ten a spilled hash (four probes: about one
/// lookup of a new hash in a hundred reads a chunk), rebuilt at each spill, at most 2^25 (4 MB,
/// reached at 3.3M hashes; past it more lookups read a chunk, none is wrong).
const BLOOM_BITS_MAX: usize = 1 << 25;

/// A set of 64-bit hashes in flat memory (see the module docs).
pub struct Seen {
    recent: rustc_hash::FxHashSet<u64>,
    spilled: Option<Spilled>,
    /// The hashes could not go to disk: they stay in memory from then on.
    in_memory: bool,
    /// A spilled chunk could not be read back: some answers were not known.
    unsure: bool,
    /// How many times the hashes in memory went to disk.
    spills: usize,
}

/// The hashes on disk: one sorted file, its index and its filter.
struct Spilled {
    file: File,
    len: usize,
    /// The first hash of every chunk.
    index: Vec<u64>,
    bloom: Vec<u64>,
}

impl Default for Seen {
    fn default() -> Self {
        Seen::new()
    }
}

impl Seen {
    /// An empty set.
    pub fn new() -> Self {
        Seen {
            recent: rustc_hash::FxHashSet::default(),
            spilled: None,
            in_memory: false,
            unsure: false,
            spills: 0,
        }
    }

    /// Adds `h`; whether it was not there before.
    pub fn insert(&mut self, h: u64) -> bool {
        if self.recent.contains(&h) {
            return false;
        }
        if let Some(s) = &self.spilled
            && s.may_hold(h)
        {
            match s.holds(h) {
                Ok(true) => return false,
                Ok(false) => {}
                Err(_) => self.unsure = true,
            }
        }
        if self.recent.capacity() == 0 {
            self.recent.reserve(RECENT);
        }
        self.recent.insert(h);
        if self.recent.len() >= RECENT && !self.in_memory {
            self.spill();
        }
        true
    }

    /// Whether some answer could not be known (a spilled chunk could not be read back): the
    /// hash was then taken as new.
    pub fn unsure(&self) -> bool {
        self.unsure
    }

    /// How many times the hashes in memory went to disk.
    #[cfg(test)]
    pub fn spills(&self) -> usize {
        self.spills
    }

    /// Merges the hashes in memory into the file on disk; where that fails, they stay in memory.
    fn spill(&mut self) {
        let mut fresh: Vec<u64> = self.recent.iter().copied().collect();
        fresh.sort_unstable();
        match merge(self.spilled.as_mut(), &fresh) {
            Ok(s) => {
                self.spilled = Some(s);
                self.recent.clear();
                self.spills += 1;
            }
            Err(_) => self.in_memory = true,
        }
    }
}

impl Spilled {
    fn may_hold(&self, h: u64) -> bool {
        let bits = self.bloom.len() * 64;
        probes(h, bits).all(|bit| self.bloom[bit / 64] & (1 << (bit % 64)) != 0)
    }

    /// Whether the file holds `h`: one chunk read and searched.
    fn holds(&self, h: u64) -> io::Result<bool> {
        let chunk = match self.index.partition_point(|&first| first <= h) {
            0 => return Ok(false),
            n => n - 1,
        };
        let start = chunk * CHUNK;
        let count = CHUNK.min(self.len - start);
        let mut bytes = vec![0u8; count * 8];
        read_at(&self.file, &mut bytes, (start * 8) as u64)?;
        let values: Vec<u64> = bytes
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
            .collect();
        Ok(values.binary_search(&h).is_ok())
    }
}

/// The four bit positions of `h` in a filter of `bits` (double hashing on its two halves; `h`
/// is already a good hash).
fn probes(h: u64, bits: usize) -> impl Iterator<Item = usize> {
    let a = h as u32 as u64;
    let b = (h >> 32) | 1;
    (0..4u64).map(move |i| (a.wrapping_add(i.wrapping_mul(b)) as usize) % bits)
}

/// A new sorted file of `old`'s hashes and `fresh` (sorted, none in `old`), with its index and
/// filter.
fn merge(old: Option<&mut Spilled>, fresh: &[u64]) -> io::Result<Spilled> {
    let file = tempfile::tempfile()?;
    let mut out = BufWriter::with_capacity(64 * 1024, &file);
    let total = old.as_ref().map_or(0, |o| o.len) + fresh.len();
    let bits = (total * 10)
        .next_power_of_two()
        .clamp(1 << 12, BLOOM_BITS_MAX);
    let mut bloom = vec![0u64; bits / 64];
    let mut index = Vec::with_capacity(total.div_ceil(CHUNK));
    let mut len = 0usize;
    let mut put = |h: u64, out: &mut BufWriter<&File>| -> io::Result<()> {
        if len.is_multiple_of(CHUNK) {
            index.push(h);
        }
        len += 1;
        for bit in probes(h, bits) {
            bloom[bit / 64] |= 1 << (bit % 64);
        }
        out.write_all(&h.to_le_bytes())
    };
    let mut fresh = fresh.iter().copied().peekable();
    if let Some(old) = old {
        let mut from = &old.file;
        std::io::Seek::rewind(&mut from)?;
        let mut input = BufReader::with_capacity(64 * 1024, from);
        let mut word = [0u8; 8];
        for _ in 0..old.len {
            input.read_exact(&mut word)?;
            let h = u64::from_le_bytes(word);
            while let Some(f) = fresh.next_if(|&f| f < h) {
                put(f, &mut out)?;
            }
            put(h, &mut out)?;
        }
    }
    for f in fresh {
        put(f, &mut out)?;
    }
    out.flush()?;
    drop(out);
    Ok(Spilled {
        file,
        len,
        index,
        bloom,
    })
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed sequence of well-spread 64-bit values (splitmix64).
    fn values(seed: u64, n: usize) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = x;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^ (z >> 31)
            })
            .collect()
    }

    #[test]
    fn answers_as_a_hash_set_does_across_spills() {
        let mut seen = Seen::new();
        let mut all = std::collections::HashSet::new();
        let first = values(1, RECENT * 3 + 17);
        for &v in &first {
            assert_eq!(seen.insert(v), all.insert(v));
        }
        assert_eq!(seen.spills(), 3, "three full sets went to disk");
        // every old value is found again (in memory or on disk), new ones are new
        for (i, &v) in first.iter().enumerate().step_by(97) {
            assert!(!seen.insert(v), "value {i} seen before");
        }
        for &v in &values(2, 5000) {
            assert_eq!(seen.insert(v), all.insert(v));
        }
        // the smallest and largest values on disk (the index's edges)
        let lowest = *first.iter().min().unwrap_or(&0);
        let highest = *first.iter().max().unwrap_or(&0);
        assert!(!seen.insert(lowest) && !seen.insert(highest));
        assert!(seen.insert(0) == all.insert(0));
        assert!(seen.insert(u64::MAX) == all.insert(u64::MAX));
        assert!(!seen.unsure());
    }

    #[test]
    fn the_file_is_sorted_and_indexed() {
        let mut seen = Seen::new();
        for &v in &values(3, RECENT * 2) {
            seen.insert(v);
        }
        let s = seen.spilled.as_ref().expect("spilled");
        assert_eq!(s.len, RECENT * 2);
        assert_eq!(s.index.len(), (RECENT * 2).div_ceil(CHUNK));
        let mut bytes = Vec::new();
        let mut f = &s.file;
        std::io::Seek::rewind(&mut f).expect("rewind");
        f.read_to_end(&mut bytes).expect("read");
        let v: Vec<u64> = bytes
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect();
        assert!(v.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(s.index[1], v[CHUNK]);
    }
}
