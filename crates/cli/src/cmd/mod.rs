//! One module per subcommand; each returns the process exit code.

mod lint;

use crate::cli::{Cli, Command};

pub(crate) fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Lint { spec, common } => lint::run(spec.spec.as_deref(), common.format),
    }
}
