//! The floor that `cargo xtask bench` sets beside `antom validate --ndjson`: every line of a
//! log parsed by `serde_json` into a `serde_json::Value`, nothing else, on one thread, the file
//! already in memory. Prints the best of `RUNS` passes in seconds.
//!
//! Usage: `parse_floor LOG [RUNS]`

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let log = args.next().ok_or("usage: parse_floor LOG [RUNS]")?;
    let runs: usize = args.next().map_or(Ok(3), |r| r.parse())?;
    let bytes = std::fs::read(&log)?;
    let mut best = f64::INFINITY;
    let mut objects = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        objects = 0;
        for line in bytes.split(|&b| b == b'\n') {
            if line.is_empty() {
                continue;
            }
            if let Ok(serde_json::Value::Object(_)) = serde_json::from_slice(line) {
                objects += 1;
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("{best:.6} {objects}");
    Ok(())
}
