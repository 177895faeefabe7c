//! The `--ndjson` stream: the input is read in blocks and cut at line breaks into batches of
//! whole lines, which worker threads check while the next block is read; the results are
//! reported in input order.
//!
//! Time is linear in the input and memory bounded: every byte is looked at a fixed number of
//! times (leading whitespace and blank lines included); a line still open past [`PROBE`]
//! bytes is looked at as it grows, so that its leading whitespace is dropped, and a first byte
//! that cannot start JSON, a NUL byte or a length past `--max-bytes` ends its reading (it is
//! reported, and the rest of it skipped without being kept); a run of [`NUL_RUN_LIMIT`] NUL
//! bytes without a line break (`/dev/zero`, a binary file) ends the input with an error.
//!
//! Blocks are 1 MiB; a reorder step writes results in input order, so memory is a few blocks plus
//! the longest line `--max-bytes` allows.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use antom_callback::QuickReader;

use super::{Ctx, Input, Many, Part, Unread, starts_json};

/// How many NUL bytes in a row, without a line break, end an input: JSON text never holds a
/// NUL byte, and a stream of them has no lines to find. A shorter run (a disk block zeroed by
/// a crash) is one line that is not JSON, and the lines after it are read.
pub(super) const NUL_RUN_LIMIT: usize = 1 << 20;

/// How much is asked of the input at a time.
const BLOCK: usize = 1 << 20;

/// A line still open past this many bytes is looked at as it grows.
const PROBE: usize = 64 << 10;

/// Work for a worker, in input order.
pub(super) enum Unit {
    /// Whole lines (the last one may lack its line break), the first of them numbered `first`;
    /// `dropped` bytes of leading whitespace of the first line were not kept but count towards
    /// its length.
    Lines {
        first: usize,
        dropped: u64,
        bytes: Vec<u8>,
    },
    /// A line reported without being read whole.
    Refused { line: usize, why: Unread },
}

/// Reads `reader` as NDJSON into `many`: lines are checked on worker threads, reported in
/// input order. An error of the input ends it (reported by the caller as an unreadable input);
/// a failed write to standard output is returned as such.
pub(super) fn read(many: &mut Many<'_>, input: &Input, reader: Box<dyn Read>) -> io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let ctx = many.ctx();
    let name = input.name.as_str();
    let stop = AtomicBool::new(false);
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Unit)>(workers * 2);
    let work_rx = Mutex::new(work_rx);
    // Buffers of checked units, handed back to the reader: a fresh block each time would be
    // fresh pages from the system.
    let pool: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Part)>(workers * 2);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (work_rx, stop, ctx, pool) = (&work_rx, &stop, &ctx, &pool);
            scope.spawn(move || {
                let mut quick = QuickReader::new();
                loop {
                    // The lock is held only to take the next unit.
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, unit)) = next else { return };
                    let part = if stop.load(Ordering::Relaxed) {
                        Part::default()
                    } else {
                        let (part, bytes) = check(ctx, name, unit, &mut quick);
                        if let Some(bytes) = bytes
                            && bytes.capacity() <= 2 * BLOCK
                            && let Ok(mut pool) = pool.lock()
                            && pool.len() < 2 * workers
                        {
                            pool.push(bytes);
                        }
                        part
                    };
                    if done_tx.send((seq, part)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let stop_ref = &stop;
        let collector = scope.spawn(move || -> io::Result<()> {
            // Parts come back in any order: each waits here for the ones before it.
            let mut waiting = std::collections::BTreeMap::new();
            let mut next = 0;
            let mut failed = None;
            for (seq, part) in done_rx {
                waiting.insert(seq, part);
                while let Some(part) = waiting.remove(&next) {
                    next += 1;
                    if failed.is_none()
                        && let Err(e) = many.merge(part)
                    {
                        stop_ref.store(true, Ordering::Relaxed);
                        failed = Some(e);
                    }
                }
            }
            failed.map_or(Ok(()), Err)
        });
        let mut seq = 0;
        let fresh = || {
            let recycled = pool.lock().ok().and_then(|mut pool| pool.pop());
            let mut buffer = recycled.unwrap_or_default();
            buffer.resize(BLOCK, 0);
            buffer
        };
        let split = split(reader, ctx.options.max_bytes, fresh, |unit| {
            if stop.load(Ordering::Relaxed) || work_tx.send((seq, unit)).is_err() {
                return false;
            }
            seq += 1;
            true
        });
        drop(work_tx);
        let written = collector
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the report thread failed")));
        // A failed write wins: it is no fault of the input.
        written.and(split)
    })
}

/// Checks one unit's lines, with a thread's quick reader; hands back the unit's buffer.
fn check(
    ctx: &Ctx<'_>,
    name: &str,
    unit: Unit,
    quick: &mut QuickReader,
) -> (Part, Option<Vec<u8>>) {
    let mut part = Part::default();
    let (first, dropped, bytes) = match unit {
        Unit::Refused { line, why } => {
            part.payload(ctx, name, line, Err(why));
            return (part, None);
        }
        Unit::Lines {
            first,
            dropped,
            bytes,
        } => (first, dropped, bytes),
    };
    let max_bytes = ctx.options.max_bytes;
    // One UTF-8 check for the whole unit when it passes (its lines are cut at ASCII line
    // breaks, so each is UTF-8 too); else line by line, to say where a line stops being UTF-8.
    let whole = std::str::from_utf8(&bytes).ok();
    let mut line = first;
    let mut extra = dropped;
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        // Leading whitespace and blank lines, in one pass.
        if byte.is_ascii_whitespace() {
            at += 1;
            if byte == b'\n' {
                line += 1;
                start = at;
                extra = 0;
            }
            continue;
        }
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let length = (end - start) as u64 + extra;
        if length > max_bytes {
            part.payload(ctx, name, line, Err(Unread::TooLarge));
        } else if !starts_json(byte) {
            part.payload(ctx, name, line, Err(not_a_value(byte)));
        } else {
            let text = match whole.and_then(|whole| whole.get(at..end)) {
                Some(text) => Ok(text),
                None => std::str::from_utf8(&bytes[at..end]),
            };
            match text {
                Ok(text) => part.text(ctx, name, line, text, quick),
                Err(e) => {
                    let why = super::not_utf8(&bytes[at..end], e.valid_up_to());
                    part.payload(ctx, name, line, Err(why));
                }
            }
        }
        line += 1;
        at = end + 1;
        start = at;
        extra = 0;
    }
    (part, Some(bytes))
}

/// A line whose first byte (after whitespace) cannot start JSON.
pub(super) fn not_a_value(byte: u8) -> Unread {
    Unread::NotJson {
        line: 1,
        column: 1,
        message: format!("invalid JSON: expected a value, found byte 0x{byte:02x}"),
    }
}

/// Reads `reader` once, up to `into.len()` bytes; retries when interrupted.
fn read_some(reader: &mut impl Read, into: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(into) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            result => return result,
        }
    }
}

/// Cuts `reader` into [`Unit`]s, handing each to `send` in input order; stops when `send`
/// returns `false`. Each unit's lines are read into a buffer of at least [`BLOCK`] bytes from
/// `fresh`, and sent in it. Returns the error that ends the input: a read error, or a run of
/// [`NUL_RUN_LIMIT`] NUL bytes.
fn split(
    mut reader: impl Read,
    max_bytes: u64,
    mut fresh: impl FnMut() -> Vec<u8>,
    mut send: impl FnMut(Unit) -> bool,
) -> io::Result<()> {
    // The open part of the input is `data[..filled]` (the rest of `data` is room to read
    // into, zeroed once): it starts at the start of line `line`; its first `searched` bytes
    // hold no line break; `dropped` bytes of leading whitespace before it are gone; its first
    // `nul_checked` bytes hold no NUL byte.
    let mut data = fresh();
    let mut filled = 0;
    let mut line = 1;
    let mut searched = 0;
    let mut dropped: u64 = 0;
    let mut nul_checked: usize = 0;
    loop {
        if data.len() - filled < BLOCK / 2 {
            data.resize(data.len() * 2, 0);
        }
        let n = read_some(&mut reader, &mut data[filled..])?;
        if n == 0 {
            if filled > 0 {
                data.truncate(filled);
                send(Unit::Lines {
                    first: line,
                    dropped,
                    bytes: data,
                });
            }
            return Ok(());
        }
        filled += n;
        if let Some(last) = memchr::memrchr(b'\n', &data[searched..filled]) {
            // The whole lines go in this buffer; the open line after them moves to a fresh
            // one (a long line's room goes with the unit).
            let cut = searched + last + 1;
            let mut next = fresh();
            let open = filled - cut;
            if next.len() < open + BLOCK / 2 {
                next.resize(open + BLOCK, 0);
            }
            next[..open].copy_from_slice(&data[cut..filled]);
            let mut bytes = std::mem::replace(&mut data, next);
            bytes.truncate(cut);
            filled = open;
            let lines = memchr::memchr_iter(b'\n', &bytes).count();
            if !send(Unit::Lines {
                first: line,
                dropped,
                bytes,
            }) {
                return Ok(());
            }
            line += lines;
            (searched, dropped, nul_checked) = (filled, 0, 0);
            continue;
        }
        searched = filled;
        if filled <= PROBE {
            continue;
        }
        // One line, longer than PROBE so far.
        let blank = data[..filled]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(filled);
        if blank > 0 {
            dropped += blank as u64;
            data.copy_within(blank..filled, 0);
            filled -= blank;
            searched = filled;
            nul_checked = nul_checked.saturating_sub(blank);
        }
        let why = match data[..filled].first() {
            None if dropped > max_bytes => Some(Unread::TooLarge),
            None => None,
            Some(&first) if !starts_json(first) => Some(not_a_value(first)),
            Some(_) if memchr::memchr(0, &data[nul_checked..filled]).is_some() => {
                Some(Unread::NotJson {
                    line: 1,
                    column: 1,
                    message: "invalid JSON: holds a NUL byte".to_owned(),
                })
            }
            Some(_) if dropped + filled as u64 > max_bytes => Some(Unread::TooLarge),
            Some(_) => None,
        };
        nul_checked = filled;
        if let Some(why) = why {
            if !send(Unit::Refused { line, why }) {
                return Ok(());
            }
            filled = skip(&mut reader, line, &mut data, filled)?;
            line += 1;
            (searched, dropped, nul_checked) = (0, 0, 0);
        }
    }
}

/// Skips the rest of line `line`, whose bytes read so far are `data[..held]`, without keeping
/// it, reading into `data`. Leaves the bytes read past its line break at the start of `data`
/// and returns how many; an error when a run of [`NUL_RUN_LIMIT`] NUL bytes comes first.
fn skip(reader: &mut impl Read, line: usize, data: &mut [u8], held: usize) -> io::Result<usize> {
    let mut nuls = 0;
    let mut count = |bytes: &[u8]| -> io::Result<()> {
        nuls = match bytes.iter().rposition(|&b| b != 0) {
            Some(i) => bytes.len() - i - 1,
            None => nuls + bytes.len(),
        };
        if nuls >= NUL_RUN_LIMIT {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "line {line}: {NUL_RUN_LIMIT} NUL bytes without a line break: not NDJSON (binary data, or a device such as /dev/zero); the rest is not read"
                ),
            ));
        }
        Ok(())
    };
    count(&data[..held])?;
    loop {
        let n = read_some(reader, data)?;
        if n == 0 {
            return Ok(0);
        }
        match memchr::memchr(b'\n', &data[..n]) {
            Some(i) => {
                count(&data[..i])?;
                data.copy_within(i + 1..n, 0);
                return Ok(n - i - 1);
            }
            None => count(&data[..n])?,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most 4 KiB a call, as a pipe may.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(4096);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// The units `split` makes of `input`, as `first+dropped:length` or `line!refused`.
    fn units(input: &[u8], max_bytes: u64) -> (Vec<String>, io::Result<()>) {
        let mut out = Vec::new();
        let result = split(
            Trickle(input),
            max_bytes,
            || vec![0u8; BLOCK],
            |unit| {
                out.push(match unit {
                    Unit::Lines {
                        first,
                        dropped,
                        bytes,
                    } => format!("{first}+{dropped}:{}", bytes.len()),
                    Unit::Refused { line, why } => format!("{line}!{}", why.message(max_bytes)),
                });
                true
            },
        );
        (out, result)
    }

    #[test]
    fn nul_bytes_without_a_line_break_end_the_input() {
        let zeros = vec![0u8; NUL_RUN_LIMIT + 10];
        let (out, result) = units(&zeros, 1 << 30);
        assert_eq!(out, ["1!invalid JSON: expected a value, found byte 0x00"]);
        let error = result.expect_err("an error");
        assert!(error.to_string().contains("NUL bytes"), "{error}");

        let mut text = b"{\"a\":1".to_vec();
        text.extend(vec![0u8; NUL_RUN_LIMIT + 10]);
        let (out, result) = units(&text, 1 << 30);
        assert_eq!(out, ["1!invalid JSON: holds a NUL byte"]);
        assert!(result.is_err());
    }

    #[test]
    fn a_long_line_is_refused_and_the_next_one_read() {
        let mut text = vec![b'['; 1];
        text.extend(vec![b'1'; 3 * PROBE]);
        text.extend(b"\n{}\n");
        let (out, result) = units(&text, 1000);
        result.expect("no error");
        assert_eq!(
            out,
            ["1!longer than --max-bytes (1000 bytes): not read", "2+0:3"]
        );
    }

    #[test]
    fn leading_whitespace_is_dropped_and_counted() {
        let mut text = vec![b' '; 3 * PROBE];
        text.extend(b"{}\n");
        let (out, result) = units(&text, 1 << 30);
        result.expect("no error");
        // Dropped once the line is past PROBE; what is left is kept with the line.
        let [unit] = &out[..] else { panic!("{out:?}") };
        let (dropped, kept) = unit
            .strip_prefix("1+")
            .and_then(|u| u.split_once(':'))
            .expect("one unit of lines");
        let (dropped, kept): (usize, usize) = (
            dropped.parse().expect("a count"),
            kept.parse().expect("a count"),
        );
        assert!(dropped >= 2 * PROBE, "{unit}");
        assert_eq!(dropped + kept, 3 * PROBE + 3);
        let (out, _) = units(&text, 1000);
        assert_eq!(out, ["1!longer than --max-bytes (1000 bytes): not read"]);
    }
}
