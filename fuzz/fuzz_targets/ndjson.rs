//! Any bytes as an `antom validate --ndjson` stream (the first byte picks text or JSON output,
//! `--quiet` and a small `--max-bytes`): the stream reader never panics and ends with exit 0, 1
//! or 2; text output holds no raw control character (C0 but the line feed, DEL, C1, the
//! bidirectional controls); JSON output is one JSON document a line; and no card number of the
//! input (a Luhn-valid window of 13 to 19 digits in a run of digits, spaces and `-`) reaches
//! the output whole. Memory is bounded by the reader's own limits (`-rss_limit_mb` in `cargo
//! xtask fuzz`).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The digits of each run of ASCII digits, spaces and `-` in `bytes`.
fn digit_runs(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for &b in bytes {
        match b {
            b'0'..=b'9' => run.push(b),
            b' ' | b'-' => {}
            _ => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// Every Luhn-valid window of 13 to 19 digits in the runs of `bytes`.
fn card_numbers(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut cards = Vec::new();
    for run in digit_runs(bytes) {
        for len in 13..=19.min(run.len()) {
            for window in run.windows(len) {
                if luhn(window) {
                    cards.push(window.to_vec());
                }
            }
        }
    }
    cards
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, input)) = data.split_first() else {
        return;
    };
    let json = flags & 1 != 0;
    let quiet = flags & 2 != 0;
    let max_bytes = if flags & 4 != 0 { 64 } else { 1 << 20 };
    let (exit, out) = antom_cli::validate_ndjson_in_memory(input, json, quiet, max_bytes);
    assert!(exit <= 2, "exit {exit}");
    let text = String::from_utf8(out).expect("the report is UTF-8");
    if json {
        for line in text.lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("one JSON document a line");
        }
    } else {
        assert!(!text.chars().any(is_unsafe), "{text:?}");
    }
    let shown: Vec<Vec<u8>> = digit_runs(text.as_bytes());
    for card in card_numbers(input) {
        assert!(
            !shown.iter().any(|run| run.windows(card.len()).any(|w| w == card)),
            "{} shown whole: {text:?}",
            String::from_utf8_lossy(&card)
        );
    }
});
