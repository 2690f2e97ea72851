//! The batch manifest: what happened to every document of a run, written as
//! `OUT/manifest.json` (or `OUT/manifest-K-of-N.json` for a shard) and printed by `--json`.
//!
//! For each document: its input (archive and entry), the input's sha256, every output with its
//! size and sha256, the warnings, the error and the time taken; plus totals. Records are sorted
//! by origin so that the file does not depend on thread scheduling. The manifest is also the
//! memory of resumable runs: a document whose input hash and options match its record, and whose
//! outputs are still there, is not converted again. While a run is going, finished records are
//! appended to a journal beside it, so that even a killed run can be resumed.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Shard;

/// The manifest's schema name; a new optional field keeps v1.
pub const SCHEMA: &str = "rapporteur/manifest/v1";

/// The tool and version written into manifests; a different version never resumes.
pub const TOOL: &str = concat!("rapporteur ", env!("CARGO_PKG_VERSION"));

/// A whole run (or, merged, a whole sharded batch).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The tool and version that wrote it ([`TOOL`]).
    pub tool: String,
    /// Hash of every option that changes output bytes (see `batch::options_fingerprint`).
    pub options: String,
    /// The shard this run processed; none for a whole batch.
    pub shard: Option<Shard>,
    /// True when the run was stopped before it had seen every document.
    pub interrupted: bool,
    /// Counts over `documents` and `skipped`.
    pub totals: Totals,
    /// Every document, sorted by origin.
    pub documents: Vec<Record>,
    /// Files and entries passed over, sorted by origin.
    pub skipped: Vec<SkippedRecord>,
}

/// Counts of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Documents (and unusable inputs) in the run.
    pub documents: usize,
    /// Documents whose outputs are all in place: converted now or unchanged.
    pub converted: usize,
    /// Of `converted`, those skipped because an earlier run had already converted them.
    pub unchanged: usize,
    /// Documents and inputs that failed.
    pub failed: usize,
    /// Files and entries passed over.
    pub skipped: usize,
    /// Warnings over all documents.
    pub warnings: usize,
    /// Wall-clock seconds of the run (of the longest shard, when merged).
    pub seconds: f64,
}

/// What became of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every requested format was written.
    Converted,
    /// An earlier run's outputs were up to date and kept.
    Unchanged,
    /// The document, or one of its outputs, failed.
    Failed,
}

/// One document (or an input that could not be used at all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// As in error lines: `in/page.txt` or `in/pages.zip!dir/page.txt`.
    pub origin: String,
    /// The archive, for entries of an archive.
    pub archive: Option<String>,
    /// The path inside the archive.
    pub entry: Option<String>,
    /// What became of it.
    pub status: Status,
    /// Lower-case hex sha256 of the input bytes, when they could be read.
    pub sha256: Option<String>,
    /// The session's title.
    pub title: Option<String>,
    /// The files written, in format order.
    pub outputs: Vec<OutputRecord>,
    /// Warnings from reading and rendering.
    pub warnings: Vec<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// Seconds spent converting it (for an unchanged document, its original conversion).
    pub seconds: f64,
}

/// One written file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputRecord {
    /// The format's name (`md`, `pdf`, …).
    pub format: String,
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Lower-case hex sha256 of the file.
    pub sha256: String,
}

/// A file or entry passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRecord {
    /// The file or entry.
    pub origin: String,
    /// Why.
    pub reason: String,
}

impl Totals {
    /// Counts the records.
    pub fn count(documents: &[Record], skipped: usize, seconds: f64) -> Totals {
        let with = |status| documents.iter().filter(|r| r.status == status).count();
        Totals {
            documents: documents.len(),
            converted: with(Status::Converted) + with(Status::Unchanged),
            unchanged: with(Status::Unchanged),
            failed: with(Status::Failed),
            skipped,
            warnings: documents.iter().map(|r| r.warnings.len()).sum(),
            seconds,
        }
    }
}

impl Manifest {
    /// A manifest of these records, sorted by origin.
    pub fn new(
        options: String,
        shard: Option<Shard>,
        interrupted: bool,
        mut documents: Vec<Record>,
        mut skipped: Vec<SkippedRecord>,
        seconds: f64,
    ) -> Manifest {
        documents.sort_by(|a, b| a.origin.cmp(&b.origin));
        skipped.sort_by(|a, b| a.origin.cmp(&b.origin));
        Manifest {
            schema: SCHEMA.to_owned(),
            tool: TOOL.to_owned(),
            options,
            shard,
            interrupted,
            totals: Totals::count(&documents, skipped.len(), seconds),
            documents,
            skipped,
        }
    }

    /// Writes the manifest as pretty JSON with a final newline, streaming: a 10,000-document
    /// manifest is 10 MB, which need not sit in memory.
    pub fn write_json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        out.write_all(b"\n")
    }
}

/// The file name of a run's manifest: `manifest.json`, or `manifest-K-of-N.json` for a shard.
pub fn file_name(shard: Option<Shard>) -> String {
    match shard {
        None => "manifest.json".to_owned(),
        Some(shard) => format!("manifest-{}-of-{}.json", shard.index, shard.count),
    }
}

/// True when an output stem at the top of the output folder would be written over by a
/// manifest (`manifest`, `manifest-2-of-4`), compared as file systems that ignore case do.
pub fn is_reserved_stem(stem: &Path) -> bool {
    let name = stem.to_string_lossy().to_lowercase();
    stem.components().count() == 1
        && (name == "manifest" || (name.starts_with("manifest-") && name.contains("-of-")))
}

/// Why shard manifests could not be merged.
#[derive(Debug, Error)]
pub enum MergeError {
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not a manifest.
    #[error("{path}: not a rapporteur manifest: {reason}")]
    NotAManifest {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        reason: String,
    },
    /// A manifest of a whole run was given where shard manifests were expected.
    #[error("{0}: not a shard manifest (it has no \"shard\")")]
    NotAShard(PathBuf),
    /// Manifests from runs with different options, tool versions or shard counts.
    #[error("{path}: {what} differs from {first} ({this} vs {other})")]
    Mismatch {
        /// The file that differs.
        path: PathBuf,
        /// The first file.
        first: PathBuf,
        /// What differs.
        what: &'static str,
        /// Its value in `path`.
        this: String,
        /// Its value in `first`.
        other: String,
    },
    /// The same shard twice.
    #[error("{path}: shard {index} is also in {other}")]
    DuplicateShard {
        /// The file.
        path: PathBuf,
        /// The shard number.
        index: u32,
        /// The other file with it.
        other: PathBuf,
    },
    /// Some shards are missing.
    #[error("shards {missing:?} of {count} are missing; merge all of them")]
    MissingShards {
        /// The missing shard numbers.
        missing: Vec<u32>,
        /// The shard count.
        count: u32,
    },
    /// A document is in two shards (the shard manifests do not come from one batch).
    #[error("{origin} is in two shard manifests")]
    Overlap {
        /// The document.
        origin: String,
    },
    /// No file was given.
    #[error("no manifests to merge")]
    Nothing,
}

/// Reads a manifest file.
pub fn read(path: &Path) -> Result<Manifest, MergeError> {
    let text = std::fs::read_to_string(path).map_err(|source| MergeError::Read {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| MergeError::NotAManifest {
        path: path.to_owned(),
        reason: e.to_string(),
    })
}

/// Joins the manifests of the shards 1..=N of one batch into the manifest of the whole batch, as
/// a single run would have written it (but for timings). Refuses anything that would make the
/// result lie: a missing or repeated shard, different options, a document in two shards.
pub fn merge(manifests: Vec<(PathBuf, Manifest)>) -> Result<Manifest, MergeError> {
    let Some((first_path, first)) = manifests.first() else {
        return Err(MergeError::Nothing);
    };
    let first_path = first_path.clone();
    let Some(first_shard) = first.shard else {
        return Err(MergeError::NotAShard(first_path));
    };
    let (options, tool) = (first.options.clone(), first.tool.clone());
    let mut seen: BTreeMap<u32, PathBuf> = BTreeMap::new();
    let mut documents: Vec<Record> = Vec::new();
    let mut skipped = Vec::new();
    let mut interrupted = false;
    let mut seconds: f64 = 0.0;
    for (path, manifest) in manifests {
        let shard = manifest
            .shard
            .ok_or_else(|| MergeError::NotAShard(path.clone()))?;
        let mismatch = |what, this: String, other: String| MergeError::Mismatch {
            path: path.clone(),
            first: first_path.clone(),
            what,
            this,
            other,
        };
        if manifest.options != options {
            return Err(mismatch("options", manifest.options, options));
        }
        if manifest.tool != tool {
            return Err(mismatch("tool version", manifest.tool, tool));
        }
        if shard.count != first_shard.count {
            return Err(mismatch(
                "shard count",
                shard.count.to_string(),
                first_shard.count.to_string(),
            ));
        }
        if let Some(other) = seen.insert(shard.index, path.clone()) {
            return Err(MergeError::DuplicateShard {
                path,
                index: shard.index,
                other,
            });
        }
        interrupted |= manifest.interrupted;
        seconds = seconds.max(manifest.totals.seconds);
        documents.extend(manifest.documents);
        skipped.extend(manifest.skipped);
    }
    let missing: Vec<u32> = (1..=first_shard.count)
        .filter(|k| !seen.contains_key(k))
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::MissingShards {
            missing,
            count: first_shard.count,
        });
    }
    let merged = Manifest::new(options, None, interrupted, documents, skipped, seconds);
    if let Some(pair) = merged
        .documents
        .windows(2)
        .find(|pair| pair[0].origin == pair[1].origin)
    {
        return Err(MergeError::Overlap {
            origin: pair[0].origin.clone(),
        });
    }
    Ok(merged)
}

/// The journal beside a manifest: one JSON line per finished document, appended as the run
/// goes, so that a killed run can be resumed. Removed once the manifest is written.
pub(crate) fn journal_path(out_dir: &Path, manifest_name: &str) -> PathBuf {
    out_dir.join(format!(".rapporteur-{manifest_name}.journal"))
}

/// A line of the journal: the options of the run that follows, or a finished document.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum JournalLine {
    Options { options: String, tool: String },
    Record(Box<Record>),
}

/// An open journal.
pub(crate) struct Journal {
    file: std::fs::File,
}

impl Journal {
    /// Opens (appending) the journal and records the run's options.
    pub(crate) fn open(path: &Path, options: &str) -> std::io::Result<Journal> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        let mut journal = Journal { file };
        journal.append(&JournalLine::Options {
            options: options.to_owned(),
            tool: TOOL.to_owned(),
        })?;
        Ok(journal)
    }

    /// Appends one finished document.
    pub(crate) fn record(&mut self, record: &Record) -> std::io::Result<()> {
        self.append(&JournalLine::Record(Box::new(record.clone())))
    }

    fn append(&mut self, line: &JournalLine) -> std::io::Result<()> {
        let mut text = serde_json::to_string(line).map_err(std::io::Error::other)?;
        text.push('\n');
        // One write per line: a killed process leaves at most one torn last line, which
        // `previous_records` ignores.
        self.file.write_all(text.as_bytes())
    }
}

/// The records an earlier run with the same options left: its manifest, then its journal (a
/// later record of a document replaces an earlier one). Anything unreadable is ignored: the
/// worst case is converting a document again.
pub(crate) fn previous_records(
    manifest_path: &Path,
    journal_path: &Path,
    options: &str,
) -> BTreeMap<String, Record> {
    let mut records = BTreeMap::new();
    if let Ok(text) = std::fs::read_to_string(manifest_path)
        && let Ok(manifest) = serde_json::from_str::<Manifest>(&text)
        && manifest.options == options
        && manifest.tool == TOOL
    {
        for record in manifest.documents {
            records.insert(record.origin.clone(), record);
        }
    }
    if let Ok(text) = std::fs::read_to_string(journal_path) {
        let mut same_options = false;
        for line in text.lines() {
            match serde_json::from_str::<JournalLine>(line) {
                Ok(JournalLine::Options {
                    options: those,
                    tool,
                }) => same_options = those == options && tool == TOOL,
                Ok(JournalLine::Record(record)) if same_options => {
                    records.insert(record.origin.clone(), *record);
                }
                _ => {}
            }
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(origin: &str) -> Record {
        Record {
            origin: origin.to_owned(),
            archive: None,
            entry: None,
            status: Status::Converted,
            sha256: Some("00".to_owned()),
            title: Some("T".to_owned()),
            outputs: Vec::new(),
            warnings: Vec::new(),
            error: None,
            seconds: 0.5,
        }
    }

    fn shard_manifest(index: u32, count: u32, origins: &[&str]) -> (PathBuf, Manifest) {
        (
            PathBuf::from(format!("manifest-{index}-of-{count}.json")),
            Manifest::new(
                "opts".to_owned(),
                Some(Shard { index, count }),
                false,
                origins.iter().map(|o| record(o)).collect(),
                Vec::new(),
                1.0,
            ),
        )
    }

    #[test]
    fn merge_sorts_and_counts() {
        let merged = merge(vec![
            shard_manifest(2, 2, &["b", "d"]),
            shard_manifest(1, 2, &["c", "a"]),
        ])
        .unwrap();
        let origins: Vec<&str> = merged.documents.iter().map(|r| r.origin.as_str()).collect();
        assert_eq!(origins, ["a", "b", "c", "d"]);
        assert_eq!(merged.totals.converted, 4);
        assert_eq!(merged.shard, None);
    }

    #[test]
    fn merge_refuses_missing_repeated_and_overlapping_shards() {
        assert!(matches!(
            merge(vec![shard_manifest(1, 3, &["a"]), shard_manifest(3, 3, &["b"])]),
            Err(MergeError::MissingShards { missing, .. }) if missing == [2]
        ));
        assert!(matches!(
            merge(vec![
                shard_manifest(1, 2, &["a"]),
                shard_manifest(1, 2, &["b"])
            ]),
            Err(MergeError::DuplicateShard { index: 1, .. })
        ));
        assert!(matches!(
            merge(vec![
                shard_manifest(1, 2, &["a"]),
                shard_manifest(2, 2, &["a"])
            ]),
            Err(MergeError::Overlap { .. })
        ));
    }

    #[test]
    fn manifest_names_are_reserved_at_the_top_only() {
        assert!(is_reserved_stem(Path::new("Manifest")));
        assert!(is_reserved_stem(Path::new("manifest-1-of-2")));
        assert!(!is_reserved_stem(Path::new("dir/manifest")));
        assert!(!is_reserved_stem(Path::new("manifesto")));
    }
}
