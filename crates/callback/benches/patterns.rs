//! A 1 MB value against every pattern of the spec and a few lint-accepted adversarial ones, by
//! the validator's own path (`Pattern::is_match`, the automaton of `pattern.rs`) and by V8 (`node`, when
//! found), side by side; the target is under 10 ms each. Each value is the pattern's worst unit
//! repeated (the slowest of the candidates), then a character that breaks the match.
//!
//! `cargo bench -p antom-callback --bench patterns [-- --smoke]` (`cargo xtask bench` runs it).

use std::hint::black_box;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use antom_callback::validate::{FieldKind, ObjectSchema, Pattern};
use antom_callback::{ON_EVENT_CALLBACK_STATE_SCHEMA, PAYMENT_RESULT_SCHEMA};

const SIZE: usize = 1 << 20;
const TARGET: Duration = Duration::from_millis(10);

/// Accepted by lint, and as hard as an accepted pattern gets: long runs that match until the
/// last character. (pattern, unit, tail)
const ADVERSARIAL: &[(&str, &str, &str)] = &[
    ("^[0-9]*[*][0-9]*$", "0", "!"),
    ("^[^*]*[*][^*]*$", "a", "**"),
    ("^(?:ab|cd)*e$", "ab", "!"),
    ("^[a-z]+(?:-[a-z])*$", "a-", "!"),
    ("^(?:[0-9][a-z]|[*])+$", "0a*", "0"),
    ("^[ -~]*$", "a", "\u{7f}"),
];

fn collect(schema: &'static ObjectSchema, out: &mut Vec<&'static str>) {
    for field in schema.fields {
        if let Some(p) = field.pattern
            && !out.contains(&p.source)
        {
            out.push(p.source);
        }
        if let FieldKind::Object(inner) = &field.kind {
            collect(inner, out);
        }
    }
}

fn value(unit: &str, tail: &str) -> String {
    let mut v: String = unit.chars().cycle().take(SIZE).collect();
    v.push_str(tail);
    v
}

fn time(p: &Pattern, v: &str, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(p.is_match(black_box(v)));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// V8's median per case, in ms, or `None` without `node`.
fn v8(cases: &[(String, String, String)], runs: usize) -> Option<Vec<f64>> {
    const SCRIPT: &str = r#"
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const runs = Number(process.argv[1]);
const out = cases.map(([source, unit, tail]) => {
  const re = new RegExp(source, 'u');
  let v = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE) + tail;
  // One untimed run first: V8 compiles a regular expression on its first use.
  re.test(v);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    re.test(v);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
});
console.log(JSON.stringify(out));
"#;
    let script = SCRIPT.replace("SIZE", &SIZE.to_string());
    let mut child = Command::new("node")
        .args(["-e", &script, &runs.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let input = serde_json::to_vec(cases).ok()?;
    child.stdin.take()?.write_all(&input).ok()?;
    let out = child.wait_with_output().ok()?;
    serde_json::from_slice(&out.stdout).ok()
}

fn main() {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let runs = if smoke { 1 } else { 5 };
    let mut spec = Vec::new();
    collect(&ON_EVENT_CALLBACK_STATE_SCHEMA, &mut spec);
    collect(&PAYMENT_RESULT_SCHEMA, &mut spec);
    let mut cases: Vec<(String, String, String)> = Vec::new();
    for source in spec {
        // The slowest unit among the pattern's own characters and a few others.
        let mut candidates: Vec<char> = source
            .chars()
            .filter(|c| !"^$[]{}()|?+,".contains(*c))
            .collect();
        candidates.extend(['0', 'a', 'A', '*', ' ']);
        candidates.sort_unstable();
        candidates.dedup();
        let p = Box::leak(Box::new(Pattern::new(source, "")));
        let unit = candidates
            .iter()
            .map(|c| c.to_string())
            .max_by_key(|unit| time(p, &value(unit, "!"), 1))
            .unwrap_or_default();
        cases.push((source.to_owned(), unit, "!".to_owned()));
    }
    let from_spec = cases.len();
    for (source, unit, tail) in ADVERSARIAL {
        assert_eq!(
            antom_spec::pattern::check(source),
            Ok(()),
            "{source} is accepted by lint"
        );
        cases.push(((*source).to_owned(), (*unit).to_owned(), (*tail).to_owned()));
    }
    let node = v8(&cases, runs);
    println!(
        "\n== patterns: a 1 MB value against each accepted pattern (median of {runs}; target under {} ms each)",
        TARGET.as_millis()
    );
    println!(
        "{:<32} {:>6} {:>12} {:>12}",
        "pattern", "unit", "rust", "v8 (node)"
    );
    let mut all_met = true;
    for (i, (source, unit, tail)) in cases.iter().enumerate() {
        let p = Box::leak(Box::new(Pattern::new(
            Box::leak(source.clone().into_boxed_str()),
            "",
        )));
        let rust = time(p, &value(unit, tail), runs);
        let js = node.as_ref().and_then(|n| n.get(i).copied());
        let met = rust < TARGET && js.is_none_or(|ms| ms < TARGET.as_secs_f64() * 1e3);
        all_met &= met;
        println!(
            "{:<32} {:>6} {:>9.3} ms {:>12} {}{}",
            source,
            format!("{unit:?}"),
            rust.as_secs_f64() * 1e3,
            js.map_or("no node".to_owned(), |ms| format!("{ms:.3} ms")),
            if i < from_spec { "spec" } else { "adversarial" },
            if met { "" } else { "  (MISSED)" },
        );
    }
    println!(
        "patterns: {}",
        if all_met {
            "all under the target"
        } else {
            "target MISSED"
        }
    );
}
