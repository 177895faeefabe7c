//! The `antom` binary.

fn main() -> std::process::ExitCode {
    antom_cli::main()
}
