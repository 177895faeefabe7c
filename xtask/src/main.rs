//! Project automation: `cargo xtask codegen [--check] [--force]`, `cargo xtask test`,
//! `cargo xtask release` and the tools around them.

mod bench;
mod cli_files;
mod codegen;
mod consumers;
mod fuzz;
mod mutants;
mod release;
mod swift;
mod synth;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask", about = "Project automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate every target from `spec/` (with `--check`: write nothing, report drift).
    Codegen {
        #[arg(long)]
        check: bool,
        /// Overwrite regular files at generated paths that the generator did not write.
        #[arg(long)]
        force: bool,
    },
    /// Install the test toolchains and run every check: fmt, clippy, codegen --check, tests.
    Test,
    /// Install the Swift toolchain the tests use, if `swift` 5.9+ is not on PATH (needs root on
    /// Debian or Ubuntu); `cargo xtask test` does this too.
    Swift,
    /// Write a synthetic spec of a given size (for benchmarks).
    Synth {
        /// Number of enumerations.
        #[arg(long, default_value_t = 1000)]
        codes: usize,
        /// Values per enumeration.
        #[arg(long, default_value_t = 20)]
        values: usize,
        /// Number of objects.
        #[arg(long, default_value_t = 1000)]
        tables: usize,
        /// Fields per object.
        #[arg(long, default_value_t = 11)]
        fields: usize,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
    },
    /// Fuzz the spec loader, the payload validator, pattern matching or the NDJSON stream reader
    /// with cargo-fuzz; or (`agree`) feed the same seeded cases to every runtime's validator and
    /// compare each report with Rust's, message for message.
    Fuzz {
        /// `loader`, `validator`, `pattern`, `ndjson` or `agree`.
        target: String,
        /// How long to run (cargo-fuzz targets).
        #[arg(long, default_value_t = 600)]
        seconds: u64,
        /// How many payloads and texts (`agree`): a quarter of them texts.
        #[arg(long, default_value_t = 100_000)]
        cases: usize,
    },
    /// Check the version against the last release tag, write the changelog section and run every
    /// packager (crates, npm, Kotlin jar and POM) into `target/release-artifacts/`; uploads nothing.
    Release {
        /// Change no file of the repository: the changelog must already have the section.
        #[arg(long)]
        dry_run: bool,
        /// Only these ecosystems' packagers and consumers (comma-separated: rust, npm, maven,
        /// swift, objc), with --dry-run.
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
    /// Build and run the consumer projects of `tests/consumers/` against the artifacts that
    /// `cargo xtask release` staged in `target/release-artifacts/`.
    Consumers {
        /// Only these consumers (comma-separated: rust, npm, maven, swift, objc).
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
        /// Also show that each consumer fails against a broken artifact, and the breaking-change
        /// gate on a temporary repository.
        #[arg(long)]
        self_test: bool,
    },
    /// Benchmarks: generation against quicktype, scaling, `--check`, the NDJSON stream against
    /// ajv and serde_json's parse alone, whitespace, and the validator.
    Bench {
        /// A fast run that only checks the benchmarks still work (CI).
        #[arg(long)]
        smoke: bool,
        /// Only the NDJSON stream and whitespace figures, full size.
        #[arg(long)]
        ndjson: bool,
    },
    /// Mutation testing of the masking, redaction, text and pattern modules and the stream reader (cargo-mutants; slow, not in CI).
    Mutants(mutants::Args),
}

/// The repository root (the parent of this crate).
pub(crate) fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen { check, force } => {
            codegen::run(antom_codegen::writer::Options { check, force })
        }
        Command::Test => test::run(),
        Command::Swift => swift::ensure().map(|found| {
            eprintln!("{found}");
            true
        }),
        Command::Synth {
            codes,
            values,
            tables,
            fields,
            out,
        } => synth::write(
            synth::Size {
                codes,
                values,
                tables,
                fields,
            },
            &out,
        )
        .map(|()| true),
        Command::Release { dry_run, only } => release::run_release(dry_run, &only),
        Command::Consumers { only, self_test } => consumers::run(&only, self_test),
        Command::Bench { smoke, ndjson } => bench::run(smoke, ndjson),
        Command::Fuzz {
            target,
            seconds,
            cases,
        } => fuzz::run(&target, seconds, cases),
        Command::Mutants(args) => mutants::run(&args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
