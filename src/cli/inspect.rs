//! `rapporteur inspect`: the model recovered from one document, as JSON or as a short summary.

use std::io::Read;

use anyhow::Context;
use rapporteur::Session;

use super::args::InspectArgs;
use super::{EXIT_FAILED, EXIT_OK, STDIN_ORIGIN, normalise_reported, report};

pub fn run(args: InspectArgs) -> anyhow::Result<u8> {
    let reads_stdin = args.file.as_os_str() == "-";
    let origin = if reads_stdin {
        STDIN_ORIGIN.to_owned()
    } else {
        args.file.display().to_string()
    };
    let bytes = if reads_stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        bytes
    } else {
        match std::fs::read(&args.file) {
            Ok(bytes) => bytes,
            Err(error) => {
                report::error_line(Some(&origin), &format!("cannot read: {error}"));
                return Ok(EXIT_FAILED);
            }
        }
    };
    let Some(session) = normalise_reported(&bytes, &origin, &args.read) else {
        return Ok(EXIT_FAILED);
    };
    if args.json {
        let mut text = serde_json::to_string_pretty(&session).context("serialising the model")?;
        text.push('\n');
        report::stdout_bytes(text.as_bytes());
    } else {
        report::stdout_bytes(summary(&session).as_bytes());
    }
    Ok(EXIT_OK)
}

fn summary(session: &Session) -> String {
    let mut lines = vec![format!("Title: {}", session.title)];
    if let Some(date) = &session.date {
        lines.push(format!("Date: {date}"));
    }
    lines.push(format!("Language: {}", session.language));
    lines.push(format!(
        "Source: {} ({}, sha256 {})",
        session.source.path.as_deref().unwrap_or("<stdin>"),
        session.source.format,
        &session.source.sha256[..session.source.sha256.len().min(12)]
    ));
    if let Some(edited) = &session.last_edited {
        lines.push(format!(
            "Last edited: {} {}",
            edited.by.as_deref().unwrap_or("?"),
            edited.when.as_deref().unwrap_or("")
        ));
    }
    for group in rapporteur::model::PersonGroup::ALL {
        let people = session.group(group);
        if people.is_empty() {
            continue;
        }
        lines.push(format!("{} ({}):", group.label(people.len()), people.len()));
        for person in people {
            let detail: Vec<&str> = [person.role.as_deref(), person.organisation.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let aliases = if person.aliases.is_empty() {
                String::new()
            } else {
                format!(" (also written {})", person.aliases.join(", "))
            };
            lines.push(format!(
                "  - {}, {}{aliases}",
                person.name,
                detail.join(", ")
            ));
        }
    }
    let headings: Vec<&str> = session
        .sections
        .iter()
        .filter_map(|s| s.heading.as_deref())
        .collect();
    lines.push(format!("Questions: {}", session.questions.len()));
    if report::verbose() {
        lines.extend(session.questions.iter().map(|q| format!("  - {q}")));
    }
    lines.push(format!(
        "Sections: {} ({})",
        session.sections.len(),
        headings.join(" | ")
    ));
    let attributed = session
        .key_points
        .iter()
        .filter(|k| k.attributed_to.is_some())
        .count();
    lines.push(format!(
        "Key points: {} ({attributed} attributed)",
        session.key_points.len()
    ));
    if report::verbose() {
        for point in &session.key_points {
            let by = point.attributed_to.as_deref().unwrap_or("unattributed");
            lines.push(format!("  - {} ({by})", point.text));
        }
    }
    lines.push(format!("Removed: {}", session.removed.len()));
    for removal in &session.removed {
        lines.push(format!("  - [{}] {}", removal.reason, removal.text));
    }
    lines.push(String::new());
    lines.join("\n")
}
