//! Table readers: target tables and self-evaluation sheets into units → projects → indicators.
