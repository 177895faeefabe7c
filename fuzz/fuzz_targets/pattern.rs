//! Pattern matching with lint-accepted patterns: the first bytes build a pattern of the spec's
//! grammar (`antom_spec::pattern::from_bytes`); when lint accepts it, the rest, read as text and
//! also mapped onto the pattern's own characters, is matched by the crate's matcher (where the
//! validator uses it) and by `regress` (`u` flag, as ECMAScript reads it), which must agree.
//! libFuzzer's `-timeout` (set by `cargo xtask fuzz pattern`) turns any slow match into a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// How many bytes build the pattern.
const PATTERN_BYTES: usize = 24;

fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(PATTERN_BYTES));
    let (pattern, alphabet) = antom_spec::pattern::from_bytes(head);
    if antom_spec::pattern::check(&pattern).is_err() {
        return;
    }
    let regex = regress::Regex::with_flags(&pattern, "u").expect("regress reads every accepted pattern");
    let own: String = rest
        .iter()
        .map(|&b| alphabet[usize::from(b) % alphabet.len()])
        .collect();
    let text = String::from_utf8_lossy(rest);
    for value in [own.as_str(), &text] {
        let general = regex.find(value).is_some();
        // The crate's automaton, which the validator uses for every pattern of the subset.
        if let Some(fast) = antom_callback::fast_pattern_match(&pattern, value) {
            assert_eq!(fast, general, "{pattern} on {value:?}");
        }
    }
});
