//! Batch: finds the documents under the given paths, converts them in parallel and writes every
//! output atomically into the output folder.
//!
//! `plan` turns paths into a list of documents (folders are walked recursively, in sorted order);
//! `run` converts them on a local rayon pool and reports each result as an [`Event`]. Only this
//! module and the CLI touch the file system; the conversion itself is the library's pure API.

pub mod sink;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use thiserror::Error;

use crate::error::{IngestError, RenderError};
use crate::ingest::IngestOptions;
use crate::render::{Format, RenderContext, render_all};
use crate::{Session, normalise};

/// Extensions of files that are read as session documents when a folder is walked.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "json"];

/// Why one document of a batch failed.
#[derive(Debug, Error)]
pub enum BatchError {
    /// The input path does not exist.
    #[error("no such file or folder")]
    NotFound,
    /// A folder holds no session documents.
    #[error("no session documents found (looked for .{})", DOCUMENT_EXTENSIONS.join(", ."))]
    NoDocuments,
    /// The document could not be read from disk.
    #[error("cannot read: {0}")]
    Read(std::io::Error),
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
        source: std::io::Error,
    },
    /// Another document of the batch already writes this output.
    #[error("output {path} would overwrite the output of {other}")]
    Collision {
        /// The output path.
        path: PathBuf,
        /// The document that owns it.
        other: String,
    },
}

/// One document to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// How the user sees it: the path as given or found.
    pub origin: String,
    /// The file to read.
    pub path: PathBuf,
    /// Output path relative to the output folder, without extension.
    pub output_stem: PathBuf,
}

/// What `plan` found.
#[derive(Debug, Default)]
pub struct Plan {
    /// Documents to convert, in a stable order.
    pub documents: Vec<Document>,
    /// Files passed over (not session documents), with the reason.
    pub skipped: Vec<(String, String)>,
    /// Input paths that could not be used at all.
    pub failures: Vec<(String, BatchError)>,
}

/// Expands files and folders into documents. `out_dir` is never walked into, so a run never
/// re-reads its own outputs.
pub fn plan(paths: &[PathBuf], out_dir: Option<&Path>) -> Plan {
    let mut plan = Plan::default();
    let out_dir = out_dir.and_then(|d| d.canonicalize().ok());
    let prefix_folders = paths.len() > 1;
    for path in paths {
        let origin = path.display().to_string();
        if path.is_dir() {
            let before = plan.documents.len();
            let prefix = if prefix_folders {
                path.file_name().map(PathBuf::from).unwrap_or_default()
            } else {
                PathBuf::new()
            };
            walk(path, path, &prefix, out_dir.as_deref(), &mut plan);
            if plan.documents.len() == before {
                plan.failures.push((origin, BatchError::NoDocuments));
            }
        } else if path.is_file() {
            let stem = path.file_stem().map(PathBuf::from).unwrap_or_default();
            plan.documents.push(Document {
                origin,
                path: path.clone(),
                output_stem: stem,
            });
        } else {
            plan.failures.push((origin, BatchError::NotFound));
        }
    }
    plan
}

fn walk(root: &Path, dir: &Path, prefix: &Path, out_dir: Option<&Path>, plan: &mut Plan) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            plan.failures
                .push((dir.display().to_string(), BatchError::Read(e)));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.as_deref().is_none_or(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            let is_output = out_dir.is_some_and(|o| path.canonicalize().ok().as_deref() == Some(o));
            if !is_output {
                walk(root, &path, prefix, out_dir, plan);
            }
            continue;
        }
        let origin = path.display().to_string();
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        if !extension.is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.as_str())) {
            plan.skipped
                .push((origin, "not a session document (by extension)".to_owned()));
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path).with_extension("");
        plan.documents.push(Document {
            origin,
            path: path.clone(),
            output_stem: prefix.join(relative),
        });
    }
}

/// How to convert.
#[derive(Debug, Clone)]
pub struct Options {
    /// The formats to write.
    pub formats: Vec<Format>,
    /// How to read the inputs.
    pub ingest: IngestOptions,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
}

/// One written output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Its format.
    pub format: Format,
    /// Where it was written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
}

/// The outcome of one document.
#[derive(Debug)]
pub enum Event<'a> {
    /// Every requested format was written.
    Finished {
        /// The document.
        document: &'a Document,
        /// The session's title.
        title: String,
        /// The files written.
        written: Vec<Written>,
        /// Warnings from reading and rendering.
        warnings: Vec<String>,
    },
    /// The document, or one of its outputs, failed.
    Failed {
        /// The document.
        document: &'a Document,
        /// Why.
        error: BatchError,
        /// Outputs that were written before or beside the failure.
        written: Vec<Written>,
    },
}

/// Totals of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents converted in every format.
    pub converted: usize,
    /// Documents that failed.
    pub failed: usize,
}

/// Converts every planned document into `out_dir`, calling `report` once per document as it
/// completes (from worker threads).
pub fn run(
    documents: &[Document],
    options: &Options,
    cx: &RenderContext,
    out_dir: &Path,
    report: &(dyn Fn(Event) + Sync),
) -> Summary {
    let owners = claim_outputs(documents, out_dir);
    let convert_all = || {
        documents
            .par_iter()
            .zip(owners.par_iter())
            .map(|(document, owner)| {
                let event = match owner {
                    Some(other) => Event::Failed {
                        document,
                        error: BatchError::Collision {
                            path: out_dir.join(&document.output_stem),
                            other: other.clone(),
                        },
                        written: Vec::new(),
                    },
                    None => convert(document, options, cx, out_dir),
                };
                let failed = matches!(event, Event::Failed { .. });
                report(event);
                failed
            })
            .collect::<Vec<bool>>()
    };
    let failures = match options.jobs {
        Some(jobs) => match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool.install(convert_all),
            Err(_) => convert_all(),
        },
        None => convert_all(),
    };
    let failed = failures.iter().filter(|f| **f).count();
    Summary {
        converted: documents.len() - failed,
        failed,
    }
}

/// For each document, the origin of an earlier document that already writes to the same output
/// path (compared case-insensitively, as on macOS and Windows file systems).
fn claim_outputs(documents: &[Document], out_dir: &Path) -> Vec<Option<String>> {
    let mut owners = std::collections::BTreeMap::new();
    documents
        .iter()
        .map(|document| {
            let key = out_dir
                .join(&document.output_stem)
                .to_string_lossy()
                .to_lowercase();
            match owners.get(&key) {
                Some(other) => Some(String::clone(other)),
                None => {
                    owners.insert(key, document.origin.clone());
                    None
                }
            }
        })
        .collect()
}

/// Reads, normalises and renders one document, writing its outputs.
fn convert<'a>(
    document: &'a Document,
    options: &Options,
    cx: &RenderContext,
    out_dir: &Path,
) -> Event<'a> {
    let failed = |error: BatchError, written: Vec<Written>| Event::Failed {
        document,
        error,
        written,
    };
    let session = match read_document(document, &options.ingest) {
        Ok(session) => session,
        Err(error) => return failed(error, Vec::new()),
    };
    let mut written = Vec::new();
    let mut warnings = session.warnings.clone();
    let mut first_error = None;
    for (format, result) in render_all(&session, &options.formats, cx) {
        let outcome = result.map_err(BatchError::from).and_then(|rendered| {
            warnings.extend(rendered.warnings.iter().map(ToString::to_string));
            let path = out_dir
                .join(&document.output_stem)
                .with_extension(format.name());
            sink::write_atomic(&path, &rendered.bytes)
                .map_err(|source| BatchError::Write {
                    path: path.clone(),
                    source,
                })
                .map(|()| Written {
                    format,
                    path,
                    size: rendered.bytes.len() as u64,
                })
        });
        match outcome {
            Ok(w) => written.push(w),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(error) => failed(error, written),
        None => Event::Finished {
            document,
            title: session.title,
            written,
            warnings,
        },
    }
}

/// Reads a document's file (refusing it before reading when it is over the size limit) and
/// normalises it.
pub fn read_document(document: &Document, options: &IngestOptions) -> Result<Session, BatchError> {
    let size = std::fs::metadata(&document.path)
        .map_err(BatchError::Read)?
        .len();
    if size > options.max_bytes {
        return Err(IngestError::TooLarge {
            size,
            limit: options.max_bytes,
        }
        .into());
    }
    let bytes = std::fs::read(&document.path).map_err(BatchError::Read)?;
    let options = IngestOptions {
        source_path: Some(document.origin.clone()),
        ..options.clone()
    };
    Ok(normalise(&bytes, &options)?)
}
