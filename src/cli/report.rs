//! How results reach people and scripts: `error: ORIGIN: reason` and `warning: ORIGIN: reason`
//! lines on standard error, per-document lines and the summary on standard output (standard
//! error when `--json` owns standard output). A closed pipe ends output quietly.

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use super::args::ColorChoice;

/// Output settings chosen once, at start-up, from `--color`, `NO_COLOR` and `--verbose`.
struct Settings {
    color: bool,
    verbose: bool,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Decides colour and verbosity for the whole run.
pub fn configure(choice: ColorChoice, verbose: bool) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && std::io::stderr().is_terminal(),
    };
    let _ = SETTINGS.set(Settings { color, verbose });
}

/// True when `--verbose` was given.
pub fn verbose() -> bool {
    SETTINGS.get().is_some_and(|s| s.verbose)
}

/// Prints `error: ORIGIN: reason` (or `error: reason`) on standard error.
pub fn error_line(origin: Option<&str>, reason: &str) {
    diagnostic("error", origin, reason);
}

/// Prints `warning: ORIGIN: reason` on standard error.
pub fn warning_line(origin: &str, reason: &str) {
    diagnostic("warning", Some(origin), reason);
}

fn diagnostic(level: &str, origin: Option<&str>, reason: &str) {
    let color = SETTINGS.get().is_some_and(|s| s.color);
    let label = match (color, level) {
        (true, "error") => format!("\x1b[1;31m{level}:\x1b[0m"),
        (true, _) => format!("\x1b[1;33m{level}:\x1b[0m"),
        (false, _) => format!("{level}:"),
    };
    let message = match origin {
        Some(origin) => format!("{origin}: {reason}"),
        None => reason.to_owned(),
    };
    let _ = writeln!(std::io::stderr().lock(), "{label} {}", one_line(&message));
}

/// A human line: standard output normally, standard error when `to_stderr`.
pub fn human_line(line: &str, to_stderr: bool) {
    if to_stderr {
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    } else {
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = writeln!(std::io::stdout().lock(), "{line}");
    }
}

/// Writes bytes to standard output, ignoring a closed pipe.
pub fn stdout_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|()| out.flush());
}

/// Errors from libraries can span lines; a diagnostic is always one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
