//! The command-line edge: parses arguments, resolves the style and fonts, calls the library and
//! renders its results for people (and, with `--json`, for scripts). Setup failures are `anyhow`
//! errors that exit 2; a failed document is one `error:` line and exit 1.

mod args;
mod check;
mod convert;
mod info;
mod inspect;
mod manifest;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use rapporteur::{FontSet, IngestOptions, Style, style::PaperSize};

use args::{Cli, Command, ConvertArgs, Paper, ReadArgs, RenderArgs};

/// Exit status: everything converted.
pub const EXIT_OK: u8 = 0;
/// Exit status: at least one document failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit status: usage or setup error.
pub const EXIT_USAGE: u8 = 2;

/// Runs the command line and returns the exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    report::configure(cli.color, cli.verbose);
    let outcome = match cli.command {
        Some(Command::Convert(args)) => convert::run(args),
        Some(Command::Inspect(args)) => inspect::run(args),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Formats) => info::formats(),
        Some(Command::Styles(args)) => info::styles(args),
        Some(Command::Completions { shell }) => info::completions(shell),
        Some(Command::Man) => info::man(),
        Some(Command::Schema) => info::schema(),
        Some(Command::Manifest(args)) => manifest::run(args),
        None => convert::run(default_job()),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            report::error_line(None, &format!("{error:#}"));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// `rapporteur` with no arguments: every document in `inputs/` into `outputs/`.
fn default_job() -> ConvertArgs {
    ConvertArgs::parse_from_defaults()
}

impl ConvertArgs {
    fn parse_from_defaults() -> ConvertArgs {
        #[derive(Parser)]
        struct Defaults {
            #[command(flatten)]
            convert: ConvertArgs,
        }
        Defaults::parse_from(["rapporteur", "inputs", "--output", "outputs"]).convert
    }
}

impl ReadArgs {
    fn options(&self, source_path: Option<&str>) -> IngestOptions {
        IngestOptions {
            source_path: source_path.map(str::to_owned),
            from: self.from.clone(),
            max_bytes: self.max_bytes,
            keep_boilerplate: self.keep_boilerplate,
        }
    }
}

/// How standard input is named in messages.
pub const STDIN_ORIGIN: &str = "<stdin>";

/// Normalises one document read by the CLI, printing its error or warnings as one line each
/// under its origin; `None` when it failed (already reported).
fn normalise_reported(bytes: &[u8], origin: &str, read: &ReadArgs) -> Option<rapporteur::Session> {
    let path = (origin != STDIN_ORIGIN).then_some(origin);
    match rapporteur::normalise(bytes, &read.options(path)) {
        Ok(session) => {
            for warning in &session.warnings {
                report::warning_line(origin, warning);
            }
            Some(session)
        }
        Err(error) => {
            report::error_line(Some(origin), &error.to_string());
            None
        }
    }
}

/// Resolves `--style` (a built-in name or a TOML file) and `--paper`, and loads the fonts.
fn load_style(args: &RenderArgs) -> anyhow::Result<(Style, FontSet)> {
    let is_built_in = rapporteur::style::BUILT_IN
        .iter()
        .any(|(name, _)| *name == args.style);
    let (mut style, base_dir) = if is_built_in {
        (Style::built_in(&args.style)?, None)
    } else {
        let path = PathBuf::from(&args.style);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read style file {}", path.display()))?;
        let style = Style::parse(&text, &path.display().to_string())?;
        (style, path.parent().map(Path::to_path_buf))
    };
    if let Some(paper) = args.paper {
        style.page.size = match paper {
            Paper::A4 => PaperSize::A4,
            Paper::Letter => PaperSize::Letter,
        };
    }
    let fonts = if style.text.font == rapporteur::style::EMBEDDED_FONT {
        FontSet::embedded()
    } else {
        let path = base_dir.unwrap_or_default().join(&style.text.font);
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "style {}: cannot read font file {}",
                style.name,
                path.display()
            )
        })?;
        FontSet::from_bytes(bytes, None)
    };
    Ok((style, fonts))
}
