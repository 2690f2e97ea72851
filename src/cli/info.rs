//! The informational subcommands: `formats`, `styles`, `completions`, `man`, `schema`.

use anyhow::{Context, bail};
use clap::CommandFactory;
use rapporteur::ingest::READERS;
use rapporteur::render::RENDERERS;
use rapporteur::style::BUILT_IN;

use super::args::{Cli, StylesArgs};
use super::{EXIT_OK, report};

/// What each output format guarantees, shown by `formats`.
fn renderer_note(name: &str) -> &'static str {
    match name {
        "md" => "CommonMark, YAML front matter, one H1, no skipped levels",
        "txt" => "accessible plain text for screen readers and braille displays",
        "json" => "the session model (schema rapporteur/session/v1)",
        "docx" => "Word: heading styles, real lists, title and language set",
        "pdf" => "tagged PDF/UA-1, embedded fonts, bookmarks",
        _ => "",
    }
}

pub fn formats() -> anyhow::Result<u8> {
    let mut lines =
        vec!["Input formats (--from NAME; detected from content, then extension):".to_owned()];
    for reader in READERS {
        let extensions: Vec<String> = reader
            .extensions()
            .iter()
            .map(|e| format!(".{e}"))
            .collect();
        lines.push(format!("  {:<6} {}", reader.name(), extensions.join(" ")));
    }
    lines.push(String::new());
    lines.push("Output formats (--to NAME,...; NAME is also the file extension):".to_owned());
    for renderer in RENDERERS {
        let name = renderer.format().name();
        lines.push(format!(
            "  {:<6} .{:<5} {}",
            name,
            name,
            renderer_note(name)
        ));
    }
    lines.push(String::new());
    report::stdout_bytes(lines.join("\n").as_bytes());
    Ok(EXIT_OK)
}

pub fn styles(args: StylesArgs) -> anyhow::Result<u8> {
    match args.show {
        Some(name) => {
            let Some((_, text)) = BUILT_IN.iter().find(|(n, _)| *n == name) else {
                let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
                bail!("unknown style {name:?} (built-in: {})", names.join(", "));
            };
            report::stdout_bytes(text.as_bytes());
        }
        None => {
            let mut lines = Vec::new();
            for (name, text) in BUILT_IN {
                let summary = text
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix('#'))
                    .map(str::trim)
                    .unwrap_or("");
                lines.push(format!("{name:<14} {summary}"));
            }
            lines.push(String::new());
            report::stdout_bytes(lines.join("\n").as_bytes());
        }
    }
    Ok(EXIT_OK)
}

pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "rapporteur", &mut out);
    report::stdout_bytes(&out);
    Ok(EXIT_OK)
}

pub fn man() -> anyhow::Result<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .context("writing the manual page")?;
    report::stdout_bytes(&out);
    Ok(EXIT_OK)
}

pub fn schema() -> anyhow::Result<u8> {
    report::stdout_bytes(rapporteur::model::json_schema().as_bytes());
    Ok(EXIT_OK)
}
