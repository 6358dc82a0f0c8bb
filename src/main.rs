//! `pizhu`: the GUI, or a headless command (see `pizhu --help`).

fn main() -> std::process::ExitCode {
    pizhu::cli::main()
}
