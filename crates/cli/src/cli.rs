//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "antom",
    version,
    about = "Explain, validate and generate Antom checkout SDK callback data",
    long_about = "Explain, validate and generate Antom checkout SDK callback data.\n\n\
                  The spec is read from --spec DIR, else from the nearest `spec/` folder above the \
                  current directory, else from the copy compiled into this binary."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text, global = true)]
    pub format: FormatArg,
}

/// `antom validate --max-bytes` unless given: 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// What `--format` accepts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// For people.
    #[default]
    Text,
    /// For scripts: one JSON document on stdout.
    Json,
    /// A changelog section in Markdown (`antom diff` only).
    Markdown,
}

/// How a command other than `diff` prints its results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct SpecArg {
    /// Spec folder (default: the nearest `spec/` above the current directory, else the built-in spec).
    #[arg(long, value_name = "DIR")]
    pub spec: Option<PathBuf>,
}

/// The kinds `antom list --kind` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum Kind {
    /// Event codes of the runtime lifecycle.
    Status,
    /// Event codes of errors.
    Error,
    /// Event codes at the end of the payment.
    PaymentResult,
    /// `paymentResultCode` values.
    ResultCode,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and lint a spec; every problem is printed as `file:line:col: message`.
    #[command(
        after_help = "Examples:\n  antom lint\n  antom lint --spec path/to/spec --format json\n\n\
                            Exit status: 0 clean, 1 problems found."
    )]
    Lint {
        #[command(flatten)]
        spec: SpecArg,
    },
    /// Generate code and docs from a spec into a folder.
    #[command(
        after_help = "With one target, its files go straight into --out; with several, each \
                            target gets a subfolder named after it.\n\n\
                            Only files antom wrote are rewritten or deleted: each folder keeps their \
                            list in `.antom-generated`, and a file is deleted only while it keeps its \
                            @generated header. Any other file at a path to write is a conflict, and \
                            then nothing is written; --force overwrites such regular files. Another \
                            --target into a folder that holds one target's files would delete them: \
                            they are named, and deleted only with --force. Symbolic \
                            links under --out are never followed or replaced. Runs into one folder \
                            wait for each other (`.antom-generated.lock`); temporary files of a run \
                            that was killed are removed by the next. A run that fails removes the \
                            --out folder it made.\n\n\
                            Examples:\n  antom generate --out sdk/src/antom --target typescript\n  \
                            antom generate --out out --check\n\n\
                            Exit status: 0 written or up to date, 1 lint problems, conflicts or (with \
                            --check) drift, 2 I/O error (it names the path)."
    )]
    Generate {
        #[command(flatten)]
        spec: SpecArg,
        /// Output folder.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Targets to generate (default: all).
        #[arg(long, value_delimiter = ',', value_parser = parse_target, value_name = "NAME,...")]
        target: Vec<antom_codegen::Target>,
        /// Write nothing; report stale, missing and unexpected files, and conflicts.
        #[arg(long)]
        check: bool,
        /// Overwrite regular files at the paths to write that antom did not write (never a
        /// symbolic link, a folder or a special file).
        #[arg(long)]
        force: bool,
    },
    /// What a code means and what to do about it.
    #[command(
        after_help = "Event codes and paymentResultCode values are looked up case-insensitively.\n\n\
                            Examples:\n  antom explain SDK_PAYMENT_FAIL\n  antom explain fraud_reject --format json\n\n\
                            Exit status: 0 known code, 1 unknown (the nearest known codes are listed)."
    )]
    Explain {
        #[command(flatten)]
        spec: SpecArg,
        /// An event code or a paymentResultCode.
        code: String,
    },
    /// List the codes.
    #[command(
        after_help = "Examples:\n  antom list\n  antom list --kind error,result_code --format json"
    )]
    List {
        #[command(flatten)]
        spec: SpecArg,
        /// Only these kinds.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND,...")]
        kind: Vec<Kind>,
    },
    /// Check callback payloads: the `onEventCallback` state or a bare result object.
    #[command(
        after_help = "Reads each FILE, or standard input when FILE is `-` or missing. A file is one \
                            payload; with --ndjson each line of it is one (blank lines are skipped), \
                            read as a stream, with line numbers. Several payloads end with a summary.\n\n\
                            Examples:\n  antom validate callback.json\n  pbpaste | antom validate --format json\n  \
                            antom validate --ndjson --quiet callbacks.log\n\n\
                            Exit status: 0 no payload has an error (warnings allowed), 1 one has, \
                            2 an input cannot be read."
    )]
    Validate {
        #[command(flatten)]
        spec: SpecArg,
        /// JSON files, or `-` for standard input.
        #[arg(value_name = "FILE", default_value = "-")]
        files: Vec<PathBuf>,
        /// One payload per line (NDJSON), as logs hold them.
        #[arg(long)]
        ndjson: bool,
        /// Print only the summary.
        #[arg(long)]
        quiet: bool,
        /// The largest payload read, in bytes; a larger one is reported and skipped.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  antom completions bash > ~/.local/share/bash-completion/completions/antom\n  \
                            antom completions zsh > \"${fpath[1]}/_antom\"\n  \
                            antom completions fish > ~/.config/fish/completions/antom.fish\n\n\
                            Exit status: 0."
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Compatibility report between two versions of a spec.
    #[command(
        after_help = "OLD and NEW are spec folders, or REV:PATH for a folder as git has it at a \
                            revision (`v1.0.0:spec`), read from the repository of the current directory.\n\n\
                            Examples:\n  antom diff old/spec spec\n  antom diff v1.0.0:spec spec --format markdown\n  \
                            antom diff old/spec spec --format json\n\n\
                            Exit status: 0 compatible, 1 breaking, 2 a spec that cannot be read or has problems."
    )]
    Diff {
        /// The spec before the change: a folder, or REV:PATH read through git.
        #[arg(value_name = "OLD")]
        old: String,
        /// The spec after the change: a folder, or REV:PATH read through git.
        #[arg(value_name = "NEW")]
        new: String,
    },
}

/// The shells `antom completions` writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl Shell {
    /// Every shell, for `cargo xtask codegen`.
    pub const ALL: [Shell; 4] = [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Powershell];

    /// The completion script for this shell.
    pub fn script(self) -> String {
        let shell = match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        };
        let mut out = Vec::new();
        clap_complete::generate(
            shell,
            &mut <Cli as clap::CommandFactory>::command(),
            "antom",
            &mut out,
        );
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Where a package puts the script: the file name its shell loads completions from.
    pub fn file_name(self) -> &'static str {
        match self {
            Shell::Bash => "antom.bash",
            Shell::Zsh => "_antom",
            Shell::Fish => "antom.fish",
            Shell::Powershell => "_antom.ps1",
        }
    }
}

fn parse_target(name: &str) -> Result<antom_codegen::Target, String> {
    antom_codegen::Target::from_name(name).ok_or_else(|| {
        let valid: Vec<&str> = antom_codegen::Target::ALL
            .iter()
            .map(|t| t.name())
            .collect();
        format!(
            "unknown target `{name}`; valid targets: {}",
            valid.join(", ")
        )
    })
}
