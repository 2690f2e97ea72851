//! `rapporteur convert`: files, folders, archives or standard input into every requested format.
//!
//! The batch itself is the library's (`batch::plan`, `batch::run`); this module resolves the
//! shard, shows progress and results as `batch` reports them, and prints the manifest for
//! `--json`.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rapporteur::batch::{self, Event, Limits, Record, Shard};
use rapporteur::{Format, RenderContext, render, render_all};

use super::args::ConvertArgs;
use super::{EXIT_FAILED, EXIT_OK, STDIN_ORIGIN, load_style, normalise_reported, report};

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

    let shard = resolve_shard(&args)?;
    let limits = Limits {
        max_document_bytes: args.read.max_bytes,
        max_entries: args.batch.max_entries,
        max_archive_bytes: args.batch.max_archive_bytes,
        max_ratio: args.batch.max_ratio,
    };
    let options = batch::Options {
        formats,
        ingest: args.read.options(None),
        limits,
        jobs: args.jobs.map(usize::from),
        shard,
        force: args.batch.force,
    };
    let cancel = interrupt_flag();
    let output = args.output.canonicalize().ok();
    if let Some(input) = args
        .paths
        .iter()
        .find(|p| p.is_dir() && output.is_some() && p.canonicalize().ok() == output)
    {
        // Before anything is written: a manifest in an input folder would be read back.
        bail!("{}: {}", input.display(), batch::BatchError::OutputIsInput);
    }
    let plan = batch::plan(&args.paths, &args.output, &limits);
    let printer = Printer::new(&args);
    let outcome = batch::run(&plan, &options, &cx, &args.output, cancel, &|event| {
        printer.show(&event);
    });
    printer.finish();

    let manifest = &outcome.manifest;
    let totals = manifest.totals;
    let mut failed = totals.failed;
    if let Some(error) = &outcome.manifest_error {
        report::error_line(None, &error.to_string());
        failed += 1;
    }
    let human_to_stderr = args.json;
    let unchanged = if totals.unchanged > 0 {
        format!(" ({} already up to date)", totals.unchanged)
    } else {
        String::new()
    };
    let line = format!(
        "{} converted{unchanged}, {failed} failed, {} skipped in {:.2} s",
        totals.converted, totals.skipped, totals.seconds
    );
    if !args.quiet || failed > 0 {
        report::human_line(&line, human_to_stderr);
    }
    if args.json {
        // Streamed: a 10,000-document manifest is 10 MB. A closed pipe is not worth reporting.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let _ = manifest.write_json(&mut out).and_then(|()| out.flush());
    }
    if manifest.interrupted {
        report::error_line(
            None,
            "interrupted; finished documents are recorded in the manifest: run the same command \
             again to resume",
        );
        return Ok(EXIT_INTERRUPTED);
    }
    Ok(if failed > 0 { EXIT_FAILED } else { EXIT_OK })
}

/// Exit status after Ctrl-C or SIGTERM, as shells report a process ended by SIGINT.
const EXIT_INTERRUPTED: u8 = 130;

/// `--shard K/N`, or `--shard auto` from the job-array scheduler's environment.
fn resolve_shard(args: &ConvertArgs) -> anyhow::Result<Option<Shard>> {
    let Some(shard) = args.batch.shard.as_deref() else {
        if args.batch.shards.is_some() {
            bail!("--shards N is only used with --shard auto");
        }
        return Ok(None);
    };
    let shard = if shard == "auto" {
        Shard::from_environment(&|name| std::env::var(name).ok(), args.batch.shards)?
    } else {
        Shard::parse(shard)?
    };
    Ok(Some(shard))
}

/// A flag set by the first Ctrl-C (or SIGTERM): the batch stops taking new documents, finishes
/// those in flight and writes its manifest. A second Ctrl-C ends the process at once; its
/// temporary files are swept away by the next run.
fn interrupt_flag() -> &'static AtomicBool {
    static CANCEL: AtomicBool = AtomicBool::new(false);
    // Failing to install the handler only loses the clean stop; the journal still allows resuming.
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::Relaxed) {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    });
    &CANCEL
}

/// Shows a batch as it goes: a progress bar on a terminal, a line every few seconds otherwise,
/// one line per document unless `--quiet` (or a bar shows progress), errors and warnings always.
struct Printer {
    bar: Option<ProgressBar>,
    document_lines: bool,
    human_to_stderr: bool,
    quiet: bool,
    output: std::path::PathBuf,
    state: Mutex<PlainProgress>,
}

/// How often a plain progress line is printed when standard error is not a terminal.
const PLAIN_PROGRESS_EVERY: Duration = Duration::from_secs(5);

struct PlainProgress {
    done: usize,
    total: usize,
    started: Instant,
    last_line: Instant,
}

impl Printer {
    fn new(args: &ConvertArgs) -> Printer {
        let is_terminal = std::io::stderr().is_terminal();
        let bar = (is_terminal && !args.quiet).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            let style =
                ProgressStyle::with_template("{bar:40} {pos}/{len} documents  {rate}  ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .with_key(
                        "rate",
                        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(w, "{:.0}/s", state.per_sec());
                        },
                    );
            bar.set_style(style);
            bar
        });
        Printer {
            document_lines: !args.quiet && bar.is_none(),
            bar,
            human_to_stderr: args.json,
            quiet: args.quiet,
            output: args.output.clone(),
            state: Mutex::new(PlainProgress {
                done: 0,
                total: 0,
                started: Instant::now(),
                last_line: Instant::now(),
            }),
        }
    }

    /// Prints above the bar, if there is one.
    fn print(&self, print: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    fn show(&self, event: &Event) {
        match event {
            Event::Started { documents } => {
                if let Some(bar) = &self.bar {
                    bar.set_length(*documents as u64);
                }
                self.lock().total = *documents;
                return;
            }
            Event::Converted(record) => self.print(|| {
                for warning in &record.warnings {
                    report::warning_line(&record.origin, warning);
                }
                if self.document_lines {
                    report::human_line(&self.converted_line(record), self.human_to_stderr);
                }
            }),
            Event::Unchanged(record) => {
                if self.document_lines {
                    let line = format!("unchanged {} (outputs up to date)", record.origin);
                    report::human_line(&line, self.human_to_stderr);
                }
            }
            Event::Failed { record, error } => self.print(|| {
                report::error_line(Some(&record.origin), &error.to_string());
            }),
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        let mut state = self.lock();
        state.done += 1;
        if self.bar.is_none() && !self.quiet && state.last_line.elapsed() >= PLAIN_PROGRESS_EVERY {
            state.last_line = Instant::now();
            let seconds = state.started.elapsed().as_secs_f64();
            let rate = state.done as f64 / seconds.max(1e-9);
            let left = state.total.saturating_sub(state.done) as f64 / rate.max(1e-9);
            report::human_line(
                &format!(
                    "progress: {}/{} documents, {rate:.0}/s, about {left:.0} s left",
                    state.done, state.total
                ),
                true,
            );
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PlainProgress> {
        self.state
            .lock()
            .expect("no thread panics while holding the progress lock")
    }

    fn converted_line(&self, record: &Record) -> String {
        let total: u64 = record.outputs.iter().map(|o| o.bytes).sum();
        let names: Vec<&str> = record.outputs.iter().map(|o| o.format.as_str()).collect();
        let stem = record
            .outputs
            .first()
            .map(|o| {
                let path = self.output.join(&o.path);
                path.with_extension("").display().to_string()
            })
            .unwrap_or_default();
        format!(
            "ok {} → {stem}.{{{}}} ({} KB) “{}”",
            record.origin,
            names.join(","),
            total.div_ceil(1024),
            record.title.as_deref().unwrap_or_default()
        )
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
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
    let Some(session) = normalise_reported(&bytes, &origin, &args.read) else {
        return Ok(EXIT_FAILED);
    };
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
