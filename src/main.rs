//! The `jixiao` binary: everything lives in the library; see [`jixiao::cli`].

fn main() -> std::process::ExitCode {
    jixiao::cli::main()
}
