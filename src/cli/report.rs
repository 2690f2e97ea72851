//! How results reach people and scripts: `error: ORIGIN: reason` and `warning: ORIGIN: reason`
//! lines on standard error, per-document lines and the summary on standard output (standard
//! error when `--json` owns standard output). A closed pipe ends output quietly.

use std::io::Write;

/// Prints `error: ORIGIN: reason` (or `error: reason`) on standard error.
pub fn error_line(origin: Option<&str>, reason: &str) {
    diagnostic("error", origin, reason);
}

/// Prints `warning: ORIGIN: reason` on standard error.
pub fn warning_line(origin: &str, reason: &str) {
    diagnostic("warning", Some(origin), reason);
}

fn diagnostic(level: &str, origin: Option<&str>, reason: &str) {
    let line = match origin {
        Some(origin) => format!("{level}: {origin}: {reason}"),
        None => format!("{level}: {reason}"),
    };
    let _ = writeln!(std::io::stderr().lock(), "{}", one_line(&line));
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
