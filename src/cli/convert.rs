//! `rapporteur convert`: files, folders or standard input into every requested format.

use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, bail};
use rapporteur::batch::{self, Event, Written};
use rapporteur::{Format, RenderContext, normalise, render, render_all};
use serde_json::json;

use super::args::ConvertArgs;
use super::{EXIT_FAILED, EXIT_OK, load_style, report};

/// The origin shown for standard input.
const STDIN_ORIGIN: &str = "<stdin>";

pub fn run(args: ConvertArgs) -> anyhow::Result<u8> {
    let formats = parse_formats(&args.to)?;
    let (style, fonts) = load_style(&args.render)?;
    let cx = RenderContext {
        style: &style,
        fonts: &fonts,
        timestamp: args.render.source_date_epoch,
        wrap: args.render.wrap,
    };
    let to_stdout = args.output.as_os_str() == "-";
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if reads_stdin && args.paths.len() > 1 {
        bail!("`-` (standard input) cannot be mixed with other paths");
    }
    if to_stdout && formats.len() != 1 {
        bail!("`-o -` writes one format to standard output: choose it with --to");
    }
    if reads_stdin || to_stdout {
        return convert_single(&args, &formats, &cx, to_stdout);
    }

    let started = Instant::now();
    let plan = batch::plan(&args.paths, Some(&args.output));
    for (origin, error) in &plan.failures {
        report::error_line(Some(origin), &error.to_string());
    }
    let options = batch::Options {
        formats: formats.clone(),
        ingest: args.read.options(None),
        jobs: args.jobs.map(usize::from),
    };
    let records = Mutex::new(Vec::new());
    let human_to_stderr = args.json;
    let on_event = |event: Event| {
        let record = describe(&event);
        match &event {
            Event::Finished {
                document, warnings, ..
            } => {
                for warning in warnings {
                    report::warning_line(&document.origin, warning);
                }
                if !args.quiet {
                    report::human_line(&record.line, human_to_stderr);
                }
            }
            Event::Failed {
                document, error, ..
            } => {
                report::error_line(Some(&document.origin), &error.to_string());
            }
        }
        records
            .lock()
            .expect("a reporting thread never panics while holding the lock")
            .push(record);
    };
    let summary = batch::run(&plan.documents, &options, &cx, &args.output, &on_event);
    let failed = summary.failed + plan.failures.len();
    let mut records = records
        .into_inner()
        .expect("all reporting threads have finished");
    records.sort_by(|a, b| a.origin.cmp(&b.origin));

    let totals = format!(
        "{} converted, {} failed, {} skipped in {:.2} s",
        summary.converted,
        failed,
        plan.skipped.len(),
        started.elapsed().as_secs_f64()
    );
    if !args.quiet || failed > 0 {
        report::human_line(&totals, human_to_stderr);
    }
    if args.json {
        let summary = json!({
            "converted": summary.converted,
            "failed": failed,
            "skipped": plan.skipped.len(),
            "documents": records.iter().map(|r| &r.json).collect::<Vec<_>>(),
            "input_errors": plan.failures.iter().map(|(origin, error)| json!({
                "input": origin, "error": error.to_string()
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&summary).context("serialising the summary")?;
        report::stdout_bytes(format!("{text}\n").as_bytes());
    }
    Ok(if failed > 0 { EXIT_FAILED } else { EXIT_OK })
}

/// One document's result, for people and for `--json`.
struct Record {
    origin: String,
    line: String,
    json: serde_json::Value,
}

fn describe(event: &Event) -> Record {
    let outputs = |written: &[Written]| {
        written
            .iter()
            .map(|w| json!({"format": w.format.name(), "path": w.path, "bytes": w.size}))
            .collect::<Vec<_>>()
    };
    match event {
        Event::Finished {
            document,
            title,
            written,
            warnings,
        } => {
            let total: u64 = written.iter().map(|w| w.size).sum();
            let names: Vec<&str> = written.iter().map(|w| w.format.name()).collect();
            let stem = written
                .first()
                .map(|w| w.path.with_extension("").display().to_string())
                .unwrap_or_default();
            Record {
                origin: document.origin.clone(),
                line: format!(
                    "ok {} → {stem}.{{{}}} ({} KB) “{title}”",
                    document.origin,
                    names.join(","),
                    total.div_ceil(1024)
                ),
                json: json!({
                    "input": document.origin, "status": "converted", "title": title,
                    "outputs": outputs(written), "warnings": warnings, "error": null,
                }),
            }
        }
        Event::Failed {
            document,
            error,
            written,
        } => Record {
            origin: document.origin.clone(),
            line: format!("failed {}: {error}", document.origin),
            json: json!({
                "input": document.origin, "status": "failed", "title": null,
                "outputs": outputs(written), "warnings": [], "error": error.to_string(),
            }),
        },
    }
}

fn parse_formats(names: &[String]) -> anyhow::Result<Vec<Format>> {
    let mut formats = Vec::new();
    for name in names {
        let Some(format) = Format::from_name(name) else {
            bail!("unknown output format {name:?} (choose from pdf, docx, md, txt, json)");
        };
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    formats.sort();
    Ok(formats)
}

/// One document from a file or standard input, to standard output or the output folder.
fn convert_single(
    args: &ConvertArgs,
    formats: &[Format],
    cx: &RenderContext,
    to_stdout: bool,
) -> anyhow::Result<u8> {
    let (origin, bytes, stem) = match args.paths.as_slice() {
        [path] if path.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            (STDIN_ORIGIN.to_owned(), bytes, "stdin".to_owned())
        }
        [path] if path.is_file() => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".to_owned());
            (path.display().to_string(), bytes, stem)
        }
        _ => bail!("`-o -` needs exactly one input file (or `-`)"),
    };
    let path = (origin != STDIN_ORIGIN).then_some(origin.as_str());
    let session = match normalise(&bytes, &args.read.options(path)) {
        Ok(session) => session,
        Err(error) => {
            report::error_line(Some(&origin), &error.to_string());
            return Ok(EXIT_FAILED);
        }
    };
    for warning in &session.warnings {
        report::warning_line(&origin, warning);
    }
    if to_stdout {
        return match render(&session, formats[0], cx) {
            Ok(rendered) => {
                report::stdout_bytes(&rendered.bytes);
                Ok(EXIT_OK)
            }
            Err(error) => {
                report::error_line(Some(&origin), &error.to_string());
                Ok(EXIT_FAILED)
            }
        };
    }
    let mut status = EXIT_OK;
    for (format, result) in render_all(&session, formats, cx) {
        let target = Path::new(&args.output)
            .join(&stem)
            .with_extension(format.name());
        let outcome = result
            .map_err(anyhow::Error::from)
            .and_then(|r| Ok(batch::sink::write_atomic(&target, &r.bytes)?));
        if let Err(error) = outcome {
            report::error_line(Some(&origin), &format!("{}: {error:#}", target.display()));
            status = EXIT_FAILED;
        }
    }
    if status == EXIT_OK && !args.quiet {
        report::human_line(
            &format!("ok {origin} → {}/{stem}.*", args.output.display()),
            args.json,
        );
    }
    Ok(status)
}
