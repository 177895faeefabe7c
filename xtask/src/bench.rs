//! `cargo xtask bench [--smoke | --ndjson]`: whole-process generation time and peak memory
//! against quicktype on the same data, scaling from 100 to 100,000 values, `--check` on the real
//! spec, `antom validate --ndjson` against ajv and serde_json's parse alone on three logs,
//! whitespace, the criterion benchmark of the Rust validator, and a 1 MB value against every
//! accepted pattern (Rust and V8 side by side; the timing targets live here, never in a timed
//! test). Every figure is measured in this run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use antom_spec::{FieldType, Spec};
use anyhow::{Context, bail};
use serde_json::{Map, Value, json};

use crate::repo_root;
use crate::synth::{self, Size};

/// One measured process: wall time and peak resident memory.
#[derive(Clone, Copy, Debug)]
struct Run {
    wall: Duration,
    max_rss_kb: u64,
}

/// Runs a command under GNU time; fails if the command fails.
fn measure(cmd: &mut Command) -> anyhow::Result<Run> {
    measure_exiting(cmd, &[0])
}

/// Runs a command under GNU time; fails unless it exits with one of `accept`.
fn measure_exiting(cmd: &mut Command, accept: &[i32]) -> anyhow::Result<Run> {
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(ToOwned::to_owned).collect();
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("ANTOM_BENCH_RSS=%M")
        .arg(&program)
        .args(&args);
    if let Some(dir) = cmd.get_current_dir() {
        timed.current_dir(dir);
    }
    let start = Instant::now();
    let out = timed
        .output()
        .with_context(|| format!("cannot run {}", program.to_string_lossy()))?;
    let wall = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.code().is_some_and(|c| accept.contains(&c)) {
        bail!(
            "{} failed ({}): {stderr}",
            program.to_string_lossy(),
            out.status
        );
    }
    let max_rss_kb = stderr
        .lines()
        .find_map(|l| l.strip_prefix("ANTOM_BENCH_RSS="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    Ok(Run { wall, max_rss_kb })
}

/// The median of `n` runs of a command (after `prepare` before each run).
fn median(
    n: usize,
    mut prepare: impl FnMut(),
    mut cmd: impl FnMut() -> Command,
) -> anyhow::Result<Run> {
    let mut runs = Vec::new();
    for _ in 0..n.max(1) {
        prepare();
        runs.push(measure(&mut cmd())?);
    }
    Ok(median_of(runs))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn load(dir: &Path) -> anyhow::Result<Spec> {
    let files = antom_codegen::writer::read_dir(dir)?;
    antom_codegen::load(&files).map_err(|p| anyhow::anyhow!("{p}"))
}

/// The same data as a JSON Schema (draft-07, `definitions`) that quicktype reads: every enum and
/// object, reachable from one root object so that quicktype generates all of them.
fn quicktype_schema(spec: &Spec) -> Value {
    let mut defs = Map::new();
    let enum_schema = |values: Vec<&str>| json!({ "type": "string", "enum": values });
    defs.insert(
        "EventCode".into(),
        enum_schema(spec.event_codes.iter().map(|c| c.code.as_str()).collect()),
    );
    defs.insert(
        "PaymentResultCode".into(),
        enum_schema(spec.result_codes.iter().map(|c| c.code.as_str()).collect()),
    );
    for e in &spec.enums {
        defs.insert(
            e.name.clone(),
            enum_schema(e.values.iter().map(|v| v.value.as_str()).collect()),
        );
    }
    let mut root_props = Map::new();
    for o in &spec.objects {
        let mut props = Map::new();
        for f in &o.fields {
            let mut s = match &f.ty {
                FieldType::String => json!({ "type": "string" }),
                FieldType::Any => json!({}),
                FieldType::EventCode => json!({ "$ref": "#/definitions/EventCode" }),
                FieldType::PaymentResultCode => {
                    json!({ "$ref": "#/definitions/PaymentResultCode" })
                }
                FieldType::Enum(n) | FieldType::Object(n) => {
                    json!({ "$ref": format!("#/definitions/{n}") })
                }
            };
            if let (Some(m), Value::Object(obj)) = (f.max_length, &mut s)
                && f.ty == FieldType::String
            {
                obj.insert("maxLength".into(), m.into());
            }
            if let (Some(p), Value::Object(obj)) = (&f.pattern, &mut s) {
                obj.insert("pattern".into(), p.clone().into());
            }
            if let Value::Object(obj) = &mut s {
                obj.insert("description".into(), f.description.clone().into());
            }
            props.insert(f.name.clone(), s);
        }
        let required: Vec<&str> = o
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.as_str())
            .collect();
        defs.insert(
            o.name.clone(),
            json!({ "type": "object", "description": o.description, "properties": props, "required": required, "additionalProperties": true }),
        );
        root_props.insert(
            o.name.clone(),
            json!({ "$ref": format!("#/definitions/{}", o.name) }),
        );
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Root",
        "type": "object",
        "properties": root_props,
        "definitions": defs,
    })
}

struct Bench {
    root: PathBuf,
    antom: PathBuf,
    quicktype: PathBuf,
    work: PathBuf,
    repeat: usize,
}

impl Bench {
    fn antom_generate(&self, spec: &Path, out: &Path) -> anyhow::Result<Run> {
        median(
            self.repeat,
            || {
                let _ = std::fs::remove_dir_all(out);
            },
            || {
                let mut c = Command::new(&self.antom);
                c.args(["generate", "--spec"])
                    .arg(spec)
                    .arg("--out")
                    .arg(out)
                    .args(["--target", "rust,typescript,kotlin,swift"]);
                c
            },
        )
    }

    /// quicktype for TypeScript, Kotlin and Swift: three processes, times and peaks summed/maxed.
    fn quicktype(&self, spec: &Spec, name: &str) -> anyhow::Result<Run> {
        let dir = self.work.join(format!("quicktype-{name}"));
        std::fs::create_dir_all(&dir)?;
        let schema = dir.join("schema.json");
        std::fs::write(
            &schema,
            serde_json::to_string_pretty(&quicktype_schema(spec))?,
        )?;
        let mut total = Run {
            wall: Duration::ZERO,
            max_rss_kb: 0,
        };
        for (lang, file) in [
            ("typescript", "out.ts"),
            ("kotlin", "Out.kt"),
            ("swift", "Out.swift"),
        ] {
            let run = median(
                self.repeat.min(3),
                || {},
                || {
                    let mut c = Command::new("node");
                    c.arg(&self.quicktype)
                        .args([
                            "--src-lang",
                            "schema",
                            "--lang",
                            lang,
                            "--top-level",
                            "Root",
                            "-o",
                        ])
                        .arg(dir.join(file))
                        .arg(&schema);
                    c
                },
            )?;
            total.wall += run.wall;
            total.max_rss_kb = total.max_rss_kb.max(run.max_rss_kb);
        }
        Ok(total)
    }

    fn compare(&self, label: &str, spec_dir: &Path) -> anyhow::Result<()> {
        let spec = load(spec_dir)?;
        let ours = self.antom_generate(spec_dir, &self.work.join(format!("out-{label}")))?;
        let theirs = self.quicktype(&spec, label)?;
        println!(
            "{label:<10} antom generate (rust, typescript, kotlin, swift): {:>10}  peak {:>7} KB | quicktype (typescript, kotlin, swift): {:>10}  peak {:>7} KB | quicktype/antom time {:.1}x",
            ms(ours.wall),
            ours.max_rss_kb,
            ms(theirs.wall),
            theirs.max_rss_kb,
            theirs.wall.as_secs_f64() / ours.wall.as_secs_f64().max(1e-9)
        );
        Ok(())
    }
}

pub(crate) fn run(smoke: bool, only_ndjson: bool) -> anyhow::Result<bool> {
    let root = repo_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(&cargo)
        .args(["build", "--release", "--quiet", "-p", "antom-cli"])
        .current_dir(&root)
        .status()?;
    if !status.success() {
        bail!("release build failed");
    }
    let quicktype = root.join("tools/node_modules/quicktype/dist/index.js");
    if !quicktype.exists() {
        bail!("quicktype is not installed: run `npm ci --prefix tools` (cargo xtask test does)");
    }
    let bench = Bench {
        antom: root.join("target/release/antom"),
        quicktype,
        work: root.join("target/bench"),
        repeat: if smoke { 1 } else { 5 },
        root: root.clone(),
    };
    std::fs::create_dir_all(&bench.work)?;
    if only_ndjson {
        return ndjson(&bench, 1_000_000, false);
    }
    println!("== whole-process generation, all code targets, against quicktype on the same data");
    bench.compare("real spec", &bench.root.join("spec"))?;
    let reference = if smoke {
        Size {
            codes: 20,
            values: 20,
            tables: 20,
            fields: 11,
        }
    } else {
        Size {
            codes: 1000,
            values: 20,
            tables: 1000,
            fields: 11,
        }
    };
    let synth_dir = bench.work.join("synth-reference");
    synth::write(reference, &synth_dir)?;
    bench.compare("synthetic", &synth_dir)?;

    println!("\n== scaling: antom generate, all code targets, by number of enumeration values");
    let steps: &[usize] = if smoke {
        &[100, 1_000]
    } else {
        &[100, 1_000, 10_000, 100_000]
    };
    let mut first: Option<f64> = None;
    for &n in steps {
        let size = Size {
            codes: n / 20,
            values: 20,
            tables: (n / 100).max(1),
            fields: 11,
        };
        let dir = bench.work.join(format!("synth-{n}"));
        synth::write(size, &dir)?;
        let run = bench.antom_generate(&dir, &bench.work.join(format!("out-synth-{n}")))?;
        let per_value = run.wall.as_secs_f64() / n as f64 * 1e6;
        let base = *first.get_or_insert(per_value);
        println!(
            "{n:>7} values ({} enums, {} tables): {:>10}  peak {:>7} KB  {per_value:.2} µs/value ({:.2}x the first step)",
            size.codes,
            size.tables,
            ms(run.wall),
            run.max_rss_kb,
            per_value / base
        );
    }

    println!("\n== antom generate --check on the real spec (whole process, median)");
    let out = bench.work.join("out-check");
    let _ = std::fs::remove_dir_all(&out);
    let write = Command::new(&bench.antom)
        .args(["generate", "--out"])
        .arg(&out)
        .current_dir(&root)
        .stdout(std::process::Stdio::null())
        .status()?;
    if !write.success() {
        bail!("antom generate failed");
    }
    let check = median(
        if smoke { 3 } else { 21 },
        || {},
        || {
            let mut c = Command::new(&bench.antom);
            c.args(["generate", "--out"])
                .arg(&out)
                .arg("--check")
                .current_dir(&root);
            c
        },
    )?;
    println!("check: {}  peak {} KB", ms(check.wall), check.max_rss_kb);

    let held = ndjson(&bench, if smoke { 100_000 } else { 1_000_000 }, smoke)?;

    println!("\n== criterion: the Rust validator (parse + validate against parse alone)");
    let mut criterion = Command::new(&cargo);
    criterion
        .args([
            "bench",
            "-p",
            "antom-callback",
            "--bench",
            "validate",
            "--quiet",
        ])
        .current_dir(&root);
    if smoke {
        criterion.args(["--", "--test"]);
    }
    if !criterion.status()?.success() {
        bail!("criterion benchmark failed");
    }
    if !smoke {
        validator_ratios(&root)?;
    }

    // A 1 MB value against every accepted pattern, Rust and V8 side by side (target < 10 ms).
    let mut patterns = Command::new(&cargo);
    patterns
        .args([
            "bench",
            "-p",
            "antom-callback",
            "--bench",
            "patterns",
            "--quiet",
        ])
        .current_dir(&root);
    if smoke {
        patterns.args(["--", "--smoke"]);
    }
    if !patterns.status()?.success() {
        bail!("pattern benchmark failed");
    }
    if !held {
        println!(
            "\nFAILED: antom validate --ndjson took more than {SMOKE_FLOOR_LIMIT}x serde_json's parse alone on a log"
        );
    }
    Ok(held)
}

/// The lines of the benchmark log, in the order they repeat: the spec's samples, every
/// conformance vector's payload, and a synthetic mix (each sample that carries an event code,
/// once with every event code of the spec).
fn log_lines(root: &Path) -> anyhow::Result<Vec<String>> {
    let spec = load(&root.join("spec"))?;
    let mut lines = Vec::new();
    let mut mix = Vec::new();
    for sample in &spec.samples {
        let value: Value = serde_json::from_str(&sample.json)
            .with_context(|| format!("sample {} is not JSON", sample.name))?;
        lines.push(serde_json::to_string(&value)?);
        if value.get("code").is_some_and(Value::is_string) {
            for code in &spec.event_codes {
                let mut changed = value.clone();
                changed["code"] = Value::String(code.code.clone());
                mix.push(serde_json::to_string(&changed)?);
            }
        }
    }
    let mut vectors: Vec<PathBuf> = std::fs::read_dir(root.join("tests/vectors"))?
        .map(|e| e.map(|e| e.path()))
        .filter(|p| p.as_ref().map_or(true, |p| p.is_file()))
        .collect::<Result<_, _>>()?;
    vectors.sort();
    for path in vectors {
        let text = std::fs::read_to_string(&path)?;
        let vector: Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not JSON", path.display()))?;
        if let Some(payload) = vector.get("payload") {
            lines.push(serde_json::to_string(payload)?);
        }
    }
    lines.extend(mix);
    Ok(lines)
}

/// A small deterministic generator (a 64-bit LCG), so every run writes the same logs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below.max(1) as u64) as usize
    }
}

/// Card-payment results as a checkout's log holds them: the spec's card sample with other
/// brands, funding, countries, expiry dates and last four digits (a masked number that matches
/// them, now and then one that does not), bare or inside the `onEventCallback` state.
fn card_lines(root: &Path) -> anyhow::Result<Vec<String>> {
    let spec = load(&root.join("spec"))?;
    let sample = spec
        .samples
        .iter()
        .find(|s| s.json.contains("cardPaymentResultInfo"))
        .context("the spec has no card-payment sample")?;
    let base: Value = serde_json::from_str(&sample.json)?;
    let mut rng = Lcg(28);
    let brands = ["VISA", "MASTERCARD", "AMEX", "JCB", "DISCOVER", "DINERS"];
    let funding = ["DEBIT", "CREDIT", "PREPAID"];
    let countries = ["BR", "US", "GB", "SG", "JP", "DE", "CN"];
    let codes = [
        "SDK_PAYMENT_SUCCESSFUL",
        "SDK_PAYMENT_FAIL",
        "SDK_PAYMENT_PROCESSING",
    ];
    let mut lines = Vec::new();
    for i in 0..1000 {
        let mut v = base.clone();
        let last = format!("{:04}", rng.next(10_000));
        let shown = if rng.next(20) == 0 {
            format!("{:04}", rng.next(10_000))
        } else {
            last.clone()
        };
        let card = &mut v["cardPaymentResultInfo"];
        card["cardBrand"] = brands[rng.next(brands.len())].into();
        card["funding"] = funding[rng.next(funding.len())].into();
        card["issuingCountry"] = countries[rng.next(countries.len())].into();
        card["expiryMonth"] = format!("{:02}", 1 + rng.next(12)).into();
        card["expiryYear"] = format!("{:02}", 26 + rng.next(8)).into();
        card["cardNo"] = format!("************{shown}").into();
        card["lastFour"] = last.into();
        card["cardBin"] = format!("{:06}", 400_000 + rng.next(99_999)).into();
        let line = if i % 2 == 0 {
            json!({ "code": codes[rng.next(codes.len())], "result": v })
        } else {
            v
        };
        lines.push(serde_json::to_string(&line)?);
    }
    Ok(lines)
}

/// The conformance vectors' payloads, as many lines as asked, picked at random.
fn vector_lines(root: &Path, count: usize) -> anyhow::Result<Vec<String>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("tests/vectors"))?
        .map(|e| e.map(|e| e.path()))
        .filter(|p| p.as_ref().map_or(true, |p| p.is_file()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    let mut payloads = Vec::new();
    for path in paths {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)
            .with_context(|| format!("{} is not JSON", path.display()))?;
        if let Some(payload) = vector.get("payload") {
            payloads.push(serde_json::to_string(payload)?);
        }
    }
    let mut rng = Lcg(7);
    Ok((0..count)
        .map(|_| payloads[rng.next(payloads.len())].clone())
        .collect())
}

/// Writes `count` lines, `lines` over and over, to `path`; returns its size in bytes.
fn write_log(path: &Path, lines: &[String], count: usize) -> anyhow::Result<u64> {
    use std::io::Write;
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    for line in lines.iter().cycle().take(count) {
        writeln!(file, "{line}")?;
    }
    file.flush()?;
    drop(file);
    Ok(std::fs::metadata(path)?.len())
}

/// The best of a few in-process passes of `serde_json` over every line, in seconds.
fn parse_floor(floor: &Path, log: &Path, runs: usize) -> anyhow::Result<f64> {
    let out = Command::new(floor)
        .arg(log)
        .arg(runs.to_string())
        .output()?;
    if !out.status.success() {
        bail!(
            "parse_floor failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("parse_floor printed {text}"))
}

/// Per line, antom's whole run may take at most this many times `serde_json`'s parse alone
/// (one thread, in memory), both measured in the same run: past it, the bench fails. With the
/// quick reader antom spends 0.4–0.75 times the parse's instructions, spread over two cores,
/// and took 0.25–1.0 times the parse's time on a loaded machine (BENCHMARKS.md); before it,
/// 1.8 times the instructions and 1.4–2.7 times the time. Five times leaves room for a machine
/// that lends it one core and for noise, and still fails a gross regression (a rescan per
/// line, a validator several times slower); a smaller one shows in the printed ratio.
const SMOKE_FLOOR_LIMIT: f64 = 5.0;

/// `antom validate --ndjson --quiet` against ajv on three logs of `count` payloads each, with
/// `serde_json` parsing the same lines alone as the floor; then whitespace. Returns whether the
/// smoke limit held.
fn ndjson(bench: &Bench, count: usize, smoke: bool) -> anyhow::Result<bool> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "antom-cli",
            "--example",
            "parse_floor",
        ])
        .current_dir(&bench.root)
        .status()?;
    if !status.success() {
        bail!("building the parse_floor example failed");
    }
    let floor_bin = bench.root.join("target/release/examples/parse_floor");
    let logs = [
        (
            "benchmark mix (samples, conformance vectors, every event code on each sample)",
            "mix",
            log_lines(&bench.root)?,
        ),
        (
            "card-payment results (bare and in the onEventCallback state)",
            "cards",
            card_lines(&bench.root)?,
        ),
        (
            "conformance vectors at random",
            "vectors",
            vector_lines(&bench.root, count)?,
        ),
    ];
    println!(
        "\n== antom validate --ndjson --quiet against ajv (lenient schema, JSON.parse + validate per line, one node process) and serde_json's parse alone (one thread, in memory); whole process, median of 3 (ajv once in the smoke run), side by side"
    );
    let repeat = 3;
    let mut held = true;
    for (label, name, lines) in &logs {
        let log = bench.work.join(format!("log-{name}.ndjson"));
        let size = write_log(&log, lines, count)?;
        let mb = size as f64 / 1e6;
        let (mut ours, mut theirs, mut floors) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..repeat {
            // Exit 1: the logs hold invalid payloads on purpose.
            ours.push(measure_exiting(
                Command::new(&bench.antom)
                    .args(["validate", "--ndjson", "--quiet"])
                    .arg(&log),
                &[0, 1],
            )?);
            if smoke && !theirs.is_empty() {
                // The smoke run's figure is the floor's ratio; one ajv run is enough there.
                floors.push(parse_floor(&floor_bin, &log, 1)?);
                continue;
            }
            theirs.push(measure(
                Command::new("node")
                    .arg(bench.root.join("xtask/ajv-ndjson.mjs"))
                    .arg(bench.root.join("tools/package.json"))
                    .arg(
                        bench
                            .root
                            .join("generated/schema/payload.lenient.schema.json"),
                    )
                    .arg(&log),
            )?);
            floors.push(parse_floor(&floor_bin, &log, 1)?);
        }
        let (ours, theirs) = (median_of(ours), median_of(theirs));
        floors.sort_by(f64::total_cmp);
        let floor = floors[floors.len() / 2];
        let secs = |r: &Run| r.wall.as_secs_f64().max(1e-9);
        let over_floor = secs(&ours) / floor.max(1e-9);
        println!(
            "{label}: {count} payloads, {mb:.1} MB ({} distinct lines, {:.0} bytes a line)",
            lines.iter().collect::<std::collections::HashSet<_>>().len(),
            size as f64 / count as f64
        );
        println!(
            "  antom {:>10}  peak {:>6} KB  {:>6.0} MB/s  {:>9.0} payloads/s | ajv {:>10}  peak {:>6} KB  {:>9.0} payloads/s | antom/ajv {:.2}x | serde_json parse alone {:.1} ms, {:.0} MB/s: antom {over_floor:.2}x its time",
            ms(ours.wall),
            ours.max_rss_kb,
            mb / secs(&ours),
            count as f64 / secs(&ours),
            ms(theirs.wall),
            theirs.max_rss_kb,
            count as f64 / secs(&theirs),
            secs(&theirs) / secs(&ours),
            floor * 1000.0,
            mb / floor.max(1e-9),
        );
        println!(
            "  targets: at least 3x ajv ({}), at least 250 MB/s ({}), peak under 50 MB ({}); smoke limit {SMOKE_FLOOR_LIMIT}x the parse alone ({})",
            met(secs(&theirs) >= 3.0 * secs(&ours)),
            met(mb / secs(&ours) >= 250.0),
            met(ours.max_rss_kb < 50 * 1024),
            met(over_floor <= SMOKE_FLOOR_LIMIT),
        );
        held &= over_floor <= SMOKE_FLOOR_LIMIT;
    }
    whitespace(bench)?;
    Ok(held)
}

/// 16 MB of whitespace: spaces before `{}` as one document and as a stream, newlines as a
/// stream. Target: under 0.2 s each, whole process.
fn whitespace(bench: &Bench) -> anyhow::Result<()> {
    const SIZE: usize = 16 << 20;
    println!("\n== 16 MB of whitespace (whole process, median of 3; target under 0.2 s)");
    let spaces = bench.work.join("spaces.json");
    let mut bytes = vec![b' '; SIZE];
    bytes.extend(b"{}\n");
    std::fs::write(&spaces, &bytes)?;
    let newlines = bench.work.join("newlines.ndjson");
    std::fs::write(&newlines, vec![b'\n'; SIZE])?;
    for (label, args, file) in [
        ("spaces then {}, one document", &["validate"][..], &spaces),
        (
            "spaces then {}, --ndjson",
            &["validate", "--ndjson"],
            &spaces,
        ),
        ("newlines, --ndjson", &["validate", "--ndjson"], &newlines),
    ] {
        let run = median(
            3,
            || {},
            || {
                let mut c = Command::new(&bench.antom);
                c.args(args).arg(file);
                c
            },
        )?;
        println!(
            "{label}: {}  peak {} KB ({})",
            ms(run.wall),
            run.max_rss_kb,
            met(run.wall < Duration::from_millis(200))
        );
    }
    Ok(())
}

fn met(yes: bool) -> &'static str {
    if yes { "met" } else { "MISSED" }
}

/// The run with the median time, with the highest peak of all runs.
fn median_of(mut runs: Vec<Run>) -> Run {
    runs.sort_by_key(|r| r.wall);
    let max_rss_kb = runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0);
    Run {
        wall: runs[runs.len() / 2].wall,
        max_rss_kb,
    }
}

/// Criterion's median for one benchmark of this run, in nanoseconds.
fn criterion_median(root: &Path, group: &str, name: &str) -> anyhow::Result<f64> {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let path = target
        .join("criterion")
        .join(group)
        .join(name)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let estimates: Value = serde_json::from_str(&text)?;
    estimates["median"]["point_estimate"]
        .as_f64()
        .with_context(|| format!("no median in {}", path.display()))
}

/// The validator's cost against parsing alone, from the medians criterion just measured.
fn validator_ratios(root: &Path) -> anyhow::Result<()> {
    println!("\n== validator ratios (criterion medians of this run)");
    for group in ["seed samples", "all vectors"] {
        let parse = criterion_median(root, group, "parse")?;
        let mut line = format!("{group}: parse {:.2} µs", parse / 1000.0);
        for name in ["parse + validate", "parse + validate the JSON value"] {
            let t = criterion_median(root, group, name)?;
            line.push_str(&format!(
                "; {name} {:.2} µs ({:.2}x)",
                t / 1000.0,
                t / parse
            ));
        }
        println!("{line}");
    }
    Ok(())
}
