//! The `factcheck` binary: everything lives in the library's `cli` module.

fn main() -> std::process::ExitCode {
    factcheck::cli::main()
}
