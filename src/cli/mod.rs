//! Command-line front end (temporary minimal version: `inspect --json FILE`).

use std::process::ExitCode;

use rapporteur::{IngestOptions, normalise};

/// Runs the command line.
pub fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = match args.as_slice() {
        [cmd, flag, path] if cmd == "inspect" && flag == "--json" => path,
        _ => {
            eprintln!("usage: rapporteur inspect --json FILE");
            return ExitCode::from(2);
        }
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    match normalise(&bytes, Some(path), &IngestOptions::default()) {
        Ok(session) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&session).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {path}: {e}");
            ExitCode::from(1)
        }
    }
}
