//! Times the phases of streaming evaluation on one thread (a benchmark helper):
//! `cargo run --release --example phases -- SHEET`
use std::time::Instant;

#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use jixiao::eval::evaluate::{ParseCache, Taken, evaluate_cached};
use jixiao::eval::{Methodology, Options};
use jixiao::report::json;
use jixiao::rules::RuleSet;
use jixiao::table::stream::{FillDown, Opened, open, read_block};

fn main() {
    let path = std::env::args().nth(1).expect("a sheet");
    let Ok(Opened::Stream(mut s)) = open(path.as_ref(), &Default::default()) else {
        panic!("not a streamable sheet")
    };
    let head = s.head();
    let rules = RuleSet::bundled();
    let m = Methodology::from_rules(rules);
    let opts = Options::new(&m, rules);
    let (mut cut, mut read, mut eval, mut out, mut dropped) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut state = FillDown::default();
    let mut n = 0usize;
    let mut buf = Vec::new();
    let mut cache = ParseCache::default();
    if let Some(kb) = std::env::args()
        .nth(2)
        .and_then(|k| k.parse::<usize>().ok())
    {
        s.set_block_bytes(kb * 1024, 32 << 20);
    }
    loop {
        let t = Instant::now();
        let Some(block) = s.next_block().expect("block") else {
            break;
        };
        cut += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let b = read_block(&head, &block, state).expect("read");
        read += t.elapsed().as_secs_f64();
        state = b.end.clone();
        let t = Instant::now();
        let taken: Vec<Taken> = b.doc.projects().map(|(_, p)| Taken::none(p)).collect();
        let r = evaluate_cached(&b.doc, taken, None, None, &opts, &mut cache);
        eval += t.elapsed().as_secs_f64();
        let t = Instant::now();
        buf.clear();
        json::append_indicator_lines(&r.projects, &mut buf);
        out += t.elapsed().as_secs_f64();
        n += r.summary.indicators;
        let t = Instant::now();
        std::mem::drop(r);
        std::mem::drop(b);
        dropped += t.elapsed().as_secs_f64();
    }
    let us = |s: f64| s * 1e6 / n as f64;
    println!(
        "{n} indicators: cut {:.2} µs, read {:.2} µs, evaluate {:.2} µs, json {:.2} µs, drop {:.2} µs per indicator",
        us(cut),
        us(read),
        us(eval),
        us(out),
        us(dropped)
    );
}
