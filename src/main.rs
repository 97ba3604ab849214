//! The `chungnhan` binary: parse the arguments, run, exit with the code the CLI contract gives.
//! Everything else lives in the library.

fn main() -> std::process::ExitCode {
    chungnhan::cli::run(chungnhan::cli::parse())
}
