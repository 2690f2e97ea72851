//! `rapporteur check`: audits files against the accessibility rules of their format
//! (`rapporteur::check`) and reports one line per finding, `FILE: PDF-06 heading level skipped:
//! H1 → H3 on page 2`, then a summary. With `--json` the summary goes to standard output as JSON
//! and the finding lines to standard error. Exit 1 when any file fails a rule or cannot be read.

use std::path::Path;

use anyhow::{Context, bail};
use rapporteur::check::{self, Finding, Kind};
use serde_json::json;

use super::args::CheckArgs;
use super::{EXIT_FAILED, EXIT_OK, report};

/// What happened to one file.
enum Outcome {
    /// Audited; it may still have findings.
    Checked { kind: Kind, findings: Vec<Finding> },
    /// Not audited: unreadable, unknown format or unparseable.
    NotChecked { reason: String },
}

pub fn run(args: CheckArgs) -> anyhow::Result<u8> {
    let forced = match &args.kind {
        Some(name) => Some(Kind::from_name(name).with_context(|| {
            format!("unknown format {name:?} for --as (choose from pdf, docx, md, txt)")
        })?),
        None => None,
    };
    if args.list_rules {
        return list_rules(args.json);
    }
    if args.files.is_empty() {
        bail!("name at least one FILE to check");
    }

    let human_to_stderr = args.json;
    let mut results = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let outcome = audit(path, forced);
        match &outcome {
            Outcome::Checked { findings, .. } => {
                for finding in findings {
                    report::human_line(&format!("{name}: {finding}"), human_to_stderr);
                }
                if !findings.iter().any(Finding::is_error) {
                    report::human_line(&format!("ok {name}"), human_to_stderr);
                }
            }
            Outcome::NotChecked { reason } => report::error_line(Some(&name), reason),
        }
        results.push((name, outcome));
    }

    let failed = results
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Checked { findings, .. } if findings.iter().any(Finding::is_error)))
        .count();
    let not_checked = results
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::NotChecked { .. }))
        .count();
    let passed = results.len() - failed - not_checked;
    let finding_count: usize = results
        .iter()
        .map(|(_, o)| match o {
            Outcome::Checked { findings, .. } => findings.len(),
            Outcome::NotChecked { .. } => 0,
        })
        .sum();
    report::human_line(
        &format!(
            "{} checked: {passed} passed, {failed} failed, {not_checked} not checked ({finding_count} findings)",
            results.len()
        ),
        human_to_stderr,
    );
    if args.json {
        let files: Vec<serde_json::Value> =
            results.iter().map(|(name, o)| file_json(name, o)).collect();
        let summary = json!({
            "checked": results.len(),
            "passed": passed,
            "failed": failed,
            "not_checked": not_checked,
            "findings": finding_count,
            "files": files,
        });
        let text = serde_json::to_string_pretty(&summary).context("serialising the summary")?;
        report::stdout_bytes(format!("{text}\n").as_bytes());
    }
    Ok(if failed + not_checked > 0 {
        EXIT_FAILED
    } else {
        EXIT_OK
    })
}

fn audit(path: &Path, forced: Option<Kind>) -> Outcome {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            return Outcome::NotChecked {
                reason: format!("cannot read: {error}"),
            };
        }
    };
    let Some(kind) = forced.or_else(|| check::detect(&bytes, path.to_str())) else {
        return Outcome::NotChecked {
            reason: format!(
                "{} (name the format with --as)",
                check::CheckError::UnknownKind
            ),
        };
    };
    match check::check(&bytes, kind) {
        Ok(findings) => Outcome::Checked { kind, findings },
        Err(error) => Outcome::NotChecked {
            reason: error.to_string(),
        },
    }
}

fn file_json(name: &str, outcome: &Outcome) -> serde_json::Value {
    match outcome {
        Outcome::Checked { kind, findings } => json!({
            "file": name,
            "format": kind.name(),
            "status": if findings.iter().any(Finding::is_error) { "failed" } else { "passed" },
            "error": null,
            "findings": findings.iter().map(|f| json!({
                "rule": f.rule_id,
                "severity": f.severity.name(),
                "message": f.message,
                "location": f.location,
            })).collect::<Vec<_>>(),
        }),
        Outcome::NotChecked { reason } => json!({
            "file": name,
            "format": null,
            "status": "not_checked",
            "error": reason,
            "findings": [],
        }),
    }
}

fn list_rules(as_json: bool) -> anyhow::Result<u8> {
    if as_json {
        let rules: Vec<serde_json::Value> = check::all_rules()
            .map(|r| json!({"id": r.id, "severity": r.severity.name(), "description": r.description}))
            .collect();
        let text = serde_json::to_string_pretty(&rules).context("serialising the rules")?;
        report::stdout_bytes(format!("{text}\n").as_bytes());
    } else {
        for rule in check::all_rules() {
            report::human_line(
                &format!(
                    "{:<8} {:<8} {}",
                    rule.id,
                    rule.severity.name(),
                    rule.description
                ),
                false,
            );
        }
    }
    Ok(EXIT_OK)
}
