//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "antom",
    version,
    about = "Explain, validate and generate Antom checkout SDK callback data",
    long_about = "Explain, validate and generate Antom checkout SDK callback data.\n\nThe spec is read from --spec DIR, else from the nearest `spec/` folder above the current directory, else from the copy compiled into this binary."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// How results are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// For scripts: one JSON document on stdout.
    Json,
}

#[derive(Debug, Args)]
pub struct Common {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct SpecArg {
    /// Spec folder (default: the nearest `spec/` above the current directory, else the built-in spec).
    #[arg(long, value_name = "DIR")]
    pub spec: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and lint a spec; every problem is printed as `file:line:col: message`.
    #[command(
        after_help = "Examples:\n  antom lint\n  antom lint --spec path/to/spec --format json\n\nExit status: 0 clean, 1 problems found."
    )]
    Lint {
        #[command(flatten)]
        spec: SpecArg,
        #[command(flatten)]
        common: Common,
    },
}
