//! Batch: converts the documents of files, folders and archives in parallel, writing every output
//! atomically into the output folder and recording the run in a manifest.
//!
//! [`plan`] lists the documents (names and sizes only, see [`source`]); [`run`] converts the ones
//! in its shard. A reader thread streams document bytes through a bounded channel to the workers
//! of a local rayon pool, so memory stays flat however large the batch: at most a few documents
//! are in flight at once. Each result is reported as an [`Event`] (this module never prints) and
//! recorded in the [`manifest`], which also lets a re-run skip documents that are already done.
//! Only this module and the CLI touch the file system; conversion itself is the library's pure
//! API.

pub mod manifest;
pub mod sink;
pub mod source;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::error::{IngestError, RenderError};
use crate::ingest::IngestOptions;
use crate::render::{Format, RenderContext, render_all};
use crate::{normalise, sha256_hex};

pub use manifest::{Manifest, OutputRecord, Record, SkippedRecord, Status};
pub use source::{Document, Limits, Plan, UnsafePath, plan};

/// Why a document (or a whole input) of a batch failed. Cloneable, because one archive failure
/// becomes the error of each document that was still to be read from it.
#[derive(Debug, Clone, Error)]
pub enum BatchError {
    /// The input path does not exist.
    #[error("no such file or folder")]
    NotFound,
    /// A folder or archive holds no session documents.
    #[error("no session documents found (looked for .{})", source::document_extensions().join(", ."))]
    NoDocuments,
    /// The output folder is this input folder.
    #[error(
        "the output folder is this input folder: outputs would replace inputs (choose another -o)"
    )]
    OutputIsInput,
    /// The document could not be read.
    #[error("cannot read: {0}")]
    Read(Arc<std::io::Error>),
    /// An archive is not readable from some point on: truncated, corrupt, or not an archive.
    #[error("not a readable {format} archive: {reason}")]
    Archive {
        /// `zip`, `tar` or `tar.gz`.
        format: &'static str,
        /// What the decoder said.
        reason: String,
    },
    /// An entry's name would lead outside the output folder (zip-slip).
    #[error("unsafe entry name ({0}); refused, nothing is written outside the output folder")]
    UnsafePath(UnsafePath),
    /// A symbolic or hard link entry.
    #[error("{kind} entry{} refused: links are never followed", if target.is_empty() { String::new() } else { format!(" to {target:?}") })]
    Link {
        /// `symbolic link` or `hard link`.
        kind: &'static str,
        /// Where it points, when the archive says.
        target: String,
    },
    /// A password-protected entry.
    #[error("encrypted entry (password-protected archives are not supported)")]
    Encrypted,
    /// Several entries share this name.
    #[error(
        "duplicate entry name ({count} entries); none converted, as which one is meant is ambiguous"
    )]
    DuplicateEntry {
        /// How many entries have the name.
        count: usize,
    },
    /// An entry or stream expands far more than documents do.
    #[error(
        "expands {ratio}:1, over the {limit}:1 limit (--max-ratio); refused as a likely decompression bomb"
    )]
    Bomb {
        /// Expanded bytes per compressed byte.
        ratio: u64,
        /// The limit.
        limit: u64,
    },
    /// An archive expands to more than the total limit.
    #[error(
        "expands to more than {limit} bytes (--max-archive-bytes); refused as a likely decompression bomb"
    )]
    ArchiveTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// An archive has more entries than the limit.
    #[error("{count} entries or more, over the limit of {limit} (--max-entries)")]
    TooManyEntries {
        /// Entries counted (at least).
        count: u64,
        /// The limit.
        limit: u64,
    },
    /// The document's content could not be normalised.
    #[error("{0}")]
    Ingest(#[from] IngestError),
    /// A renderer failed.
    #[error("{0}")]
    Render(#[from] RenderError),
    /// An output could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output path.
        path: PathBuf,
        /// The I/O error.
        source: Arc<std::io::Error>,
    },
    /// A folder inside the output folder leads outside it (a link someone made).
    #[error("cannot write {path}: its folder leads outside the output folder")]
    EscapesOutput {
        /// The output path.
        path: PathBuf,
    },
    /// Another document of the batch already writes this output.
    #[error("output {path} would overwrite the output of {other}")]
    Collision {
        /// The output path, without extension.
        path: PathBuf,
        /// The document (or manifest) that owns it.
        other: String,
    },
}

impl BatchError {
    /// A read error.
    pub fn read(error: std::io::Error) -> BatchError {
        BatchError::Read(Arc::new(error))
    }
}

/// One part of a batch split over several machines: documents whose stable hash falls in shard
/// `index` of `count` (1-based, as people count shards).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// This shard, 1..=count.
    pub index: u32,
    /// How many shards there are.
    pub count: u32,
}

/// Why a shard could not be determined.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShardError {
    /// `--shard` is not `K/N`.
    #[error("--shard {0:?}: expected K/N with 1 ≤ K ≤ N (e.g. 2/8), or auto")]
    Syntax(String),
    /// `--shard auto` found none of the known variables.
    #[error(
        "--shard auto: none of JOB_COMPLETION_INDEX (Kubernetes), SLURM_ARRAY_TASK_ID (Slurm) or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch) is set"
    )]
    NoEnvironment,
    /// A variable is not a number in range.
    #[error("--shard auto: {variable}={value:?} is not a valid index for {count} shards")]
    BadIndex {
        /// The variable.
        variable: &'static str,
        /// Its value.
        value: String,
        /// The shard count.
        count: u32,
    },
    /// The scheduler does not export the shard count.
    #[error("--shard auto with {variable}: give the number of shards with --shards N")]
    CountNeeded {
        /// The variable that was found.
        variable: &'static str,
    },
}

impl Shard {
    /// Parses `K/N`.
    pub fn parse(text: &str) -> Result<Shard, ShardError> {
        let syntax = || ShardError::Syntax(text.to_owned());
        let (index, count) = text.split_once('/').ok_or_else(syntax)?;
        let index: u32 = index.trim().parse().map_err(|_| syntax())?;
        let count: u32 = count.trim().parse().map_err(|_| syntax())?;
        if index == 0 || index > count {
            return Err(syntax());
        }
        Ok(Shard { index, count })
    }

    /// The shard a job-array scheduler gives this process, from its environment (`lookup`
    /// returns a variable's value): Kubernetes Indexed Jobs (`JOB_COMPLETION_INDEX`, 0-based,
    /// count from `shards`), Slurm job arrays (`SLURM_ARRAY_TASK_ID` counted from
    /// `SLURM_ARRAY_TASK_MIN`, count `SLURM_ARRAY_TASK_COUNT` unless `shards` is given), AWS Batch
    /// array jobs (`AWS_BATCH_JOB_ARRAY_INDEX`, 0-based, count from `shards`).
    pub fn from_environment(
        lookup: &dyn Fn(&str) -> Option<String>,
        shards: Option<u32>,
    ) -> Result<Shard, ShardError> {
        let number = |variable: &'static str, value: &str, count: u32| {
            value
                .trim()
                .parse::<u32>()
                .map_err(|_| ShardError::BadIndex {
                    variable,
                    value: value.to_owned(),
                    count,
                })
        };
        let zero_based = |variable: &'static str| -> Option<Result<Shard, ShardError>> {
            let value = lookup(variable)?;
            Some((|| {
                let count = shards.ok_or(ShardError::CountNeeded { variable })?;
                let index = number(variable, &value, count)?;
                Shard::checked(index + 1, count).ok_or(ShardError::BadIndex {
                    variable,
                    value: value.clone(),
                    count,
                })
            })())
        };
        if let Some(shard) = zero_based("JOB_COMPLETION_INDEX") {
            return shard;
        }
        if let Some(value) = lookup("SLURM_ARRAY_TASK_ID") {
            let variable = "SLURM_ARRAY_TASK_ID";
            let count = match shards {
                Some(count) => count,
                None => {
                    let value = lookup("SLURM_ARRAY_TASK_COUNT")
                        .ok_or(ShardError::CountNeeded { variable })?;
                    number("SLURM_ARRAY_TASK_COUNT", &value, 0)?
                }
            };
            let min = match lookup("SLURM_ARRAY_TASK_MIN") {
                Some(min) => number("SLURM_ARRAY_TASK_MIN", &min, count)?,
                None => 0,
            };
            let id = number(variable, &value, count)?;
            let bad = || ShardError::BadIndex {
                variable,
                value: value.clone(),
                count,
            };
            let index = id.checked_sub(min).ok_or_else(bad)?;
            return Shard::checked(index + 1, count).ok_or_else(bad);
        }
        if let Some(shard) = zero_based("AWS_BATCH_JOB_ARRAY_INDEX") {
            return shard;
        }
        Err(ShardError::NoEnvironment)
    }

    fn checked(index: u32, count: u32) -> Option<Shard> {
        (index >= 1 && index <= count).then_some(Shard { index, count })
    }

    /// True when the document (or input) with this stable key belongs to this shard. The hash
    /// is sha256, not std's `Hash`: it must agree across machines, builds and versions.
    pub fn contains(&self, shard_key: &str) -> bool {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(shard_key.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % u64::from(self.count) == u64::from(self.index - 1)
    }

    /// The tag of this shard's temporary files.
    fn tag(shard: Option<Shard>) -> String {
        match shard {
            Some(shard) => format!("{}of{}", shard.index, shard.count),
            None => "all".to_owned(),
        }
    }
}

/// How to convert.
#[derive(Debug, Clone)]
pub struct Options {
    /// The formats to write.
    pub formats: Vec<Format>,
    /// How to read the inputs.
    pub ingest: IngestOptions,
    /// Limits on documents and archives.
    pub limits: Limits,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Only this shard of the batch.
    pub shard: Option<Shard>,
    /// Convert every document, even those an earlier run has done.
    pub force: bool,
}

/// A document's result, as it completes (from worker threads, in no particular order).
#[derive(Debug)]
pub enum Event<'a> {
    /// The run is about to convert this many documents (those of its shard).
    Started {
        /// Documents and unusable inputs in this run.
        documents: usize,
    },
    /// Every requested format was written.
    Converted(&'a Record),
    /// An earlier run's outputs were up to date.
    Unchanged(&'a Record),
    /// The document, one of its outputs, or a whole input failed.
    Failed {
        /// What was recorded.
        record: &'a Record,
        /// Why.
        error: &'a BatchError,
    },
}

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// The manifest, as written (or as it would have been).
    pub manifest: Manifest,
    /// Where it was written.
    pub manifest_path: PathBuf,
    /// Why it could not be written.
    pub manifest_error: Option<BatchError>,
}

/// Hash of everything that changes the bytes of outputs: tool version, formats, reading options,
/// style, fonts, timestamp and wrap. A run resumes only from a manifest with the same hash.
/// Thread count and shard are not in it: they never change bytes.
pub fn options_fingerprint(options: &Options, cx: &RenderContext) -> String {
    let fingerprint = serde_json::json!({
        "tool": manifest::TOOL,
        "formats": options.formats.iter().map(|f| f.name()).collect::<Vec<_>>(),
        "from": options.ingest.from,
        "keep_boilerplate": options.ingest.keep_boilerplate,
        "style": serde_json::to_value(cx.style).ok(),
        "fonts": [sha256_hex(&cx.fonts.regular), sha256_hex(&cx.fonts.bold)],
        "timestamp": cx.timestamp,
        "wrap": cx.wrap,
    });
    sha256_hex(fingerprint.to_string().as_bytes())
}

/// What workers share while a run goes.
struct Progress {
    records: Vec<Record>,
    journal: Option<manifest::Journal>,
}

/// Converts the documents of `plan` that fall in the shard into `out_dir`, calling `report` as
/// each completes, and writes the manifest. Setting `cancel` stops the run cleanly: documents in
/// flight finish, the rest are left for a resumed run, and the manifest says it was interrupted.
pub fn run(
    plan: &Plan,
    options: &Options,
    cx: &RenderContext,
    out_dir: &Path,
    cancel: &AtomicBool,
    report: &(dyn Fn(Event) + Sync),
) -> Outcome {
    let started = Instant::now();
    let in_shard = |key: &str| options.shard.is_none_or(|shard| shard.contains(key));
    let fingerprint = options_fingerprint(options, cx);
    let manifest_name = manifest::file_name(options.shard);
    let manifest_path = out_dir.join(&manifest_name);
    let journal_path = manifest::journal_path(out_dir, &manifest_name);
    let sink = sink::Sink::new(out_dir, &Shard::tag(options.shard));

    // Setup failures are not fatal here: each document then fails on its own write, with a line
    // that names it, which is what a user with an unwritable folder needs to see.
    let _ = std::fs::create_dir_all(out_dir);
    sink.sweep_stale_temporaries();
    let previous = if options.force {
        BTreeMap::new()
    } else {
        manifest::previous_records(&manifest_path, &journal_path, &fingerprint)
    };
    let journal = manifest::Journal::open(&journal_path, &fingerprint).ok();

    let writes_json = options.formats.contains(&Format::Json);
    let mut readable = Vec::new();
    let mut refused: Vec<(Record, BatchError)> = Vec::new();
    for failure in plan.failures.iter().filter(|f| in_shard(&f.shard_key)) {
        refused.push((
            failed_record(&failure.origin, None, None, &failure.error),
            failure.error.clone(),
        ));
    }
    for (index, document) in plan.documents.iter().enumerate() {
        if !in_shard(&document.shard_key) {
            continue;
        }
        let problem = document.problem.clone().or_else(|| {
            (writes_json && manifest::is_reserved_stem(&document.output_stem)).then(|| {
                BatchError::Collision {
                    path: out_dir.join(&document.output_stem),
                    other: "the batch manifest".to_owned(),
                }
            })
        });
        match problem {
            Some(error) => refused.push((
                failed_record(
                    &document.origin,
                    document.archive.clone(),
                    document.entry.clone(),
                    &error,
                ),
                error,
            )),
            None => readable.push(index),
        }
    }
    let skipped: Vec<SkippedRecord> = plan
        .skipped
        .iter()
        .filter(|s| in_shard(&s.shard_key))
        .map(|s| SkippedRecord {
            origin: s.origin.clone(),
            reason: s.reason.clone(),
        })
        .collect();

    report(Event::Started {
        documents: refused.len() + readable.len(),
    });
    let progress = Mutex::new(Progress {
        records: Vec::with_capacity(refused.len() + readable.len()),
        journal,
    });
    let finish = |record: Record, error: Option<BatchError>| {
        match (&error, record.status) {
            (Some(error), _) => report(Event::Failed {
                record: &record,
                error,
            }),
            (None, Status::Unchanged) => report(Event::Unchanged(&record)),
            (None, _) => report(Event::Converted(&record)),
        }
        let mut progress = progress
            .lock()
            .expect("no thread panics while holding the progress lock");
        if let Some(journal) = progress.journal.as_mut()
            && journal.record(&record).is_err()
        {
            // A journal that cannot be written only costs resumability after a kill.
            progress.journal = None;
        }
        progress.records.push(record);
    };
    for (record, error) in refused {
        finish(record, Some(error));
    }

    let threads = options.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let convert_all =
        |receiver: std::sync::mpsc::Receiver<(usize, Result<Vec<u8>, BatchError>)>| {
            receiver
                .into_iter()
                .par_bridge()
                .for_each(|(index, bytes)| {
                    let document = &plan.documents[index];
                    let (record, error) = match bytes {
                        Ok(bytes) => convert(
                            document,
                            bytes,
                            options,
                            cx,
                            &sink,
                            previous.get(&document.origin),
                        ),
                        Err(error) => (
                            failed_record(
                                &document.origin,
                                document.archive.clone(),
                                document.entry.clone(),
                                &error,
                            ),
                            Some(error),
                        ),
                    };
                    finish(record, error);
                });
        };
    // Two documents per worker in the channel keep every worker busy while the reader waits;
    // more would only hold more documents in memory.
    let (sender, receiver) = std::sync::mpsc::sync_channel(threads * 2);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let sender = sender;
            source::read_documents(plan, &readable, &options.limits, &mut |index, bytes| {
                !cancel.load(Ordering::Relaxed) && sender.send((index, bytes)).is_ok()
            });
        });
        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool.install(|| convert_all(receiver)),
            Err(_) => convert_all(receiver),
        }
    });

    let progress = progress
        .into_inner()
        .expect("every worker has finished and none panicked");
    drop(progress.journal);
    let interrupted = cancel.load(Ordering::Relaxed);
    let manifest = Manifest::new(
        fingerprint,
        options.shard,
        interrupted,
        progress.records,
        skipped,
        round_seconds(started.elapsed().as_secs_f64()),
    );
    let manifest_error = sink
        .stream(&manifest_name, &mut |file| manifest.write_json(file))
        .err();
    if manifest_error.is_none() {
        let _ = std::fs::remove_file(&journal_path);
    }
    Outcome {
        manifest,
        manifest_path,
        manifest_error,
    }
}

/// Microseconds are plenty, and shorter numbers keep the manifest readable.
fn round_seconds(seconds: f64) -> f64 {
    (seconds * 1e6).round() / 1e6
}

fn failed_record(
    origin: &str,
    archive: Option<String>,
    entry: Option<String>,
    error: &BatchError,
) -> Record {
    Record {
        origin: origin.to_owned(),
        archive,
        entry,
        status: Status::Failed,
        sha256: None,
        title: None,
        outputs: Vec::new(),
        warnings: Vec::new(),
        error: Some(error.to_string()),
        seconds: 0.0,
    }
}

/// True when an earlier run converted these same bytes (with the same options: `previous` only
/// holds records of such runs) and its outputs are still there, at their recorded sizes.
fn is_up_to_date(previous: &Record, sha256: &str, out_dir: &Path) -> bool {
    previous.status != Status::Failed
        && previous.sha256.as_deref() == Some(sha256)
        && !previous.outputs.is_empty()
        && previous.outputs.iter().all(|output| {
            std::fs::metadata(out_dir.join(&output.path)).is_ok_and(|m| m.len() == output.bytes)
        })
}

/// Normalises and renders one document, writing its outputs.
fn convert(
    document: &Document,
    bytes: Vec<u8>,
    options: &Options,
    cx: &RenderContext,
    sink: &sink::Sink,
    previous: Option<&Record>,
) -> (Record, Option<BatchError>) {
    let started = Instant::now();
    let sha256 = sha256_hex(&bytes);
    if let Some(previous) = previous
        && is_up_to_date(previous, &sha256, sink.out_dir())
    {
        let mut record = previous.clone();
        record.status = Status::Unchanged;
        return (record, None);
    }
    let mut record = Record {
        origin: document.origin.clone(),
        archive: document.archive.clone(),
        entry: document.entry.clone(),
        status: Status::Converted,
        sha256: Some(sha256),
        title: None,
        outputs: Vec::new(),
        warnings: Vec::new(),
        error: None,
        seconds: 0.0,
    };
    let ingest = IngestOptions {
        source_path: Some(document.origin.clone()),
        ..options.ingest.clone()
    };
    let session = normalise(&bytes, &ingest);
    // The input is no longer needed: free it before rendering, the stage that allocates most.
    drop(bytes);
    let session = match session {
        Ok(session) => session,
        Err(error) => {
            let error = BatchError::from(error);
            record.status = Status::Failed;
            record.error = Some(error.to_string());
            record.seconds = round_seconds(started.elapsed().as_secs_f64());
            return (record, Some(error));
        }
    };
    record.title = Some(session.title.clone());
    record.warnings.clone_from(&session.warnings);
    let stem = source_stem(&document.output_stem);
    let mut first_error = None;
    for (format, result) in render_all(&session, &options.formats, cx) {
        let written = result.map_err(BatchError::from).and_then(|rendered| {
            record
                .warnings
                .extend(rendered.warnings.iter().map(ToString::to_string));
            let relative = format!("{stem}.{}", format.name());
            sink.write(&relative, &rendered.bytes)
                .map(|_| OutputRecord {
                    format: format.name().to_owned(),
                    path: relative,
                    bytes: rendered.bytes.len() as u64,
                    sha256: sha256_hex(&rendered.bytes),
                })
        });
        match written {
            Ok(output) => record.outputs.push(output),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    if let Some(error) = &first_error {
        record.status = Status::Failed;
        record.error = Some(error.to_string());
    }
    record.seconds = round_seconds(started.elapsed().as_secs_f64());
    (record, first_error)
}

/// The output stem as a `/`-separated string (the manifest's and the sink's form).
fn source_stem(stem: &Path) -> String {
    stem.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environment(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn shard_parses_k_of_n() {
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
        for bad in ["0/8", "9/8", "2", "a/b", "2/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shard_from_kubernetes_slurm_and_aws() {
        let k8s = environment(&[("JOB_COMPLETION_INDEX", "0")]);
        assert_eq!(
            Shard::from_environment(&k8s, Some(4)),
            Ok(Shard { index: 1, count: 4 })
        );
        assert_eq!(
            Shard::from_environment(&k8s, None),
            Err(ShardError::CountNeeded {
                variable: "JOB_COMPLETION_INDEX"
            })
        );
        let slurm = environment(&[
            ("SLURM_ARRAY_TASK_ID", "5"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
        ]);
        assert_eq!(
            Shard::from_environment(&slurm, None),
            Ok(Shard { index: 5, count: 8 })
        );
        let aws = environment(&[("AWS_BATCH_JOB_ARRAY_INDEX", "3")]);
        assert_eq!(
            Shard::from_environment(&aws, Some(4)),
            Ok(Shard { index: 4, count: 4 })
        );
        assert!(Shard::from_environment(&aws, Some(3)).is_err());
        assert_eq!(
            Shard::from_environment(&environment(&[]), Some(3)),
            Err(ShardError::NoEnvironment)
        );
    }

    #[test]
    fn every_key_is_in_exactly_one_shard() {
        for key in ["a", "in/x.zip!p.txt", "reports/2019/b.md"] {
            let owners = (1..=5)
                .filter(|index| {
                    Shard {
                        index: *index,
                        count: 5,
                    }
                    .contains(key)
                })
                .count();
            assert_eq!(owners, 1, "{key}");
        }
    }
}
