//! Headless commands sharing the model and io with the GUI.

/// Parse the command line; run the GUI or a command. Exit codes: 0 success,
/// 1 bad input or failed check, 2 usage error.
pub fn main() -> std::process::ExitCode {
    match crate::ui::run(std::env::args_os().nth(1).map(Into::into)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("pizhu: {err:#}");
            std::process::ExitCode::from(1)
        }
    }
}
