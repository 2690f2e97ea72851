//! Where a batch's documents come from: files, folders (walked recursively) and archives (`.zip`,
//! `.tar`, `.tar.gz`/`.tgz`), found in folders or given directly.
//!
//! Two passes, both streaming. [`plan`] lists every document by name and declared size, without
//! keeping any content: a zip's central directory, a tar's headers, a folder's entries. Hostile
//! entries are refused here (unsafe paths, links, encryption, duplicate names, declared bombs), so
//! that collisions and shards are decided on the whole batch before anything is converted.
//! [`read_documents`] then streams the chosen documents' bytes, one at a time, checking the size
//! and expansion limits again while reading (declared sizes can lie). Archives are never unpacked
//! to disk and never held in memory whole.
//!
//! [`safe_relative_path`] is the one place that decides whether a name may become a path under
//! the output folder; `sink` calls it again before writing.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use thiserror::Error;

use super::BatchError;
use crate::error::IngestError;
use crate::ingest::READERS;

/// Default for [`Limits::max_entries`]: far above any real wiki backup (a few thousand pages),
/// far below the millions of entries of an entry-count attack.
pub const DEFAULT_MAX_ENTRIES: u64 = 100_000;
/// Default for [`Limits::max_archive_bytes`]: 4 GiB expanded.
pub const DEFAULT_MAX_ARCHIVE_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Default for [`Limits::max_ratio`]. Deflated prose shrinks 3–10×, and even a page of repeated
/// template lines stays under 50×; bombs expand 1,000× and more.
pub const DEFAULT_MAX_RATIO: u64 = 100;
/// Data smaller than this is never judged by its compression ratio: it cannot hurt, and tiny or
/// highly repetitive documents have meaningless ratios.
const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;

/// Limits that keep a hostile input from exhausting memory, disk or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document, in bytes (`--max-bytes`).
    pub max_document_bytes: u64,
    /// Most entries one archive may have (`--max-entries`).
    pub max_entries: u64,
    /// Most bytes one archive may expand to (`--max-archive-bytes`).
    pub max_archive_bytes: u64,
    /// Largest expansion ratio of an entry or a compressed stream (`--max-ratio`).
    pub max_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: crate::ingest::DEFAULT_MAX_BYTES,
            max_entries: DEFAULT_MAX_ENTRIES,
            max_archive_bytes: DEFAULT_MAX_ARCHIVE_BYTES,
            max_ratio: DEFAULT_MAX_RATIO,
        }
    }
}

/// Why a name cannot become a path under the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum UnsafePath {
    /// The name has no usable component.
    #[error("empty name")]
    Empty,
    /// `/x`, `\x` or `\\server\x`.
    #[error("absolute path")]
    Absolute,
    /// `C:x` or `C:\x`.
    #[error("Windows drive letter")]
    DriveLetter,
    /// A `..` component.
    #[error("`..` climbs out of the folder")]
    ParentComponent,
    /// NUL or another control character, which no file system name should hold.
    #[error("control character in the name")]
    ControlCharacter,
}

/// The one path-safety check, shared by planning and `sink`: turns an entry name (either slash
/// direction, as zips made on Windows use backslashes) into a relative path that stays inside
/// the folder it is joined to. Refuses instead of repairing: a zip-slip name is an attack or a
/// broken archive, and a silently renamed output would hide that.
pub fn safe_relative_path(name: &str) -> Result<PathBuf, UnsafePath> {
    if name.chars().any(char::is_control) {
        return Err(UnsafePath::ControlCharacter);
    }
    let name = name.replace('\\', "/");
    if name.starts_with('/') {
        return Err(UnsafePath::Absolute);
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Err(UnsafePath::DriveLetter);
    }
    let mut path = PathBuf::new();
    for component in name.split('/') {
        match component {
            "" | "." => {}
            ".." => return Err(UnsafePath::ParentComponent),
            normal => path.push(normal),
        }
    }
    if path.as_os_str().is_empty() {
        return Err(UnsafePath::Empty);
    }
    Ok(path)
}

/// The archive formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    /// `.zip`.
    Zip,
    /// `.tar`.
    Tar,
    /// `.tar.gz` or `.tgz`.
    TarGz,
}

impl ArchiveKind {
    /// The archive kind a file name announces, and the name without that suffix (the folder
    /// its documents are written under).
    pub fn of(file_name: &str) -> Option<(ArchiveKind, &str)> {
        let lower = file_name.to_ascii_lowercase();
        [
            (".tar.gz", ArchiveKind::TarGz),
            (".tgz", ArchiveKind::TarGz),
            (".tar", ArchiveKind::Tar),
            (".zip", ArchiveKind::Zip),
        ]
        .into_iter()
        .find(|(suffix, _)| lower.len() > suffix.len() && lower.ends_with(suffix))
        .map(|(suffix, kind)| (kind, &file_name[..file_name.len() - suffix.len()]))
    }

    fn name(self) -> &'static str {
        match self {
            ArchiveKind::Zip => "zip",
            ArchiveKind::Tar => "tar",
            ArchiveKind::TarGz => "tar.gz",
        }
    }
}

/// An archive the plan reads documents from.
#[derive(Debug, Clone)]
pub struct Archive {
    /// The archive's file.
    pub path: PathBuf,
    /// How the user sees it (the path as given or found).
    pub origin: String,
    /// Its format.
    pub kind: ArchiveKind,
}

/// Where a document's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A file on disk.
    File(PathBuf),
    /// An entry of `Plan::archives[archive]`: the zip index or the tar entry's ordinal.
    Entry {
        /// Index into [`Plan::archives`].
        archive: usize,
        /// The entry's position in the archive.
        position: usize,
    },
}

/// One document of the batch.
#[derive(Debug, Clone)]
pub struct Document {
    /// How the user sees it: `in/page.txt` or `in/pages.zip!dir/page.txt`.
    pub origin: String,
    /// The archive's origin, for entries of an archive.
    pub archive: Option<String>,
    /// The path inside the archive, for entries of an archive.
    pub entry: Option<String>,
    /// Where to read it.
    pub location: Location,
    /// Output path relative to the output folder, without extension.
    pub output_stem: PathBuf,
    /// Stable identity across machines (input folder or archive name and the path inside it),
    /// hashed to choose the document's shard.
    pub shard_key: String,
    /// Why the document was refused while planning; such a document is reported, never read.
    pub problem: Option<BatchError>,
}

/// A file or entry passed over because it is not a session document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file or entry.
    pub origin: String,
    /// Why it was passed over.
    pub reason: String,
    /// As [`Document::shard_key`].
    pub shard_key: String,
}

/// An input (path, folder or archive) that could not be used, as a whole or from some point on.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The input.
    pub origin: String,
    /// Why.
    pub error: BatchError,
    /// As [`Document::shard_key`].
    pub shard_key: String,
}

/// What [`plan`] found.
#[derive(Debug, Default)]
pub struct Plan {
    /// Documents, in a stable order: inputs as given, folders sorted, archives in entry order.
    pub documents: Vec<Document>,
    /// The archives that `documents` point into.
    pub archives: Vec<Archive>,
    /// Files and entries passed over (not session documents).
    pub skipped: Vec<Skipped>,
    /// Inputs that could not be used.
    pub failures: Vec<Failure>,
}

/// True for names read as session documents: the extensions the readers claim.
pub fn is_document_name(name: &str) -> bool {
    let Some((_, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let extension = extension.to_ascii_lowercase();
    READERS
        .iter()
        .any(|reader| reader.extensions().contains(&extension.as_str()))
}

/// The extensions [`is_document_name`] accepts, for messages.
pub fn document_extensions() -> Vec<&'static str> {
    let mut extensions: Vec<&'static str> = READERS
        .iter()
        .flat_map(|reader| reader.extensions().iter().copied())
        .collect();
    extensions.sort_unstable();
    extensions.dedup();
    extensions
}

/// Hidden files and the metadata folders that archivers add (`__MACOSX/._page.txt` is a
/// resource fork, not a page).
fn is_hidden(relative: &Path) -> bool {
    relative.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || name == "__MACOSX"
    })
}

/// The output stem of a document: its relative path without the last extension.
fn output_stem(prefix: &Path, relative: &Path) -> PathBuf {
    prefix.join(relative.with_extension(""))
}

/// Expands files, folders and archives into documents, reading only names and sizes.
/// `out_dir` is never walked into, so a run never re-reads its own outputs.
pub fn plan(paths: &[PathBuf], out_dir: &Path, limits: &Limits) -> Plan {
    let mut plan = Plan::default();
    let output_folder = out_dir;
    let out_dir = out_dir.canonicalize().ok();
    let prefix_folders = paths.len() > 1;
    for path in paths {
        let origin = path.display().to_string();
        let root_name = root_name(path);
        if path.is_dir() {
            let before = plan.documents.len();
            let failures_before = plan.failures.len();
            if out_dir.is_some() && path.canonicalize().ok() == out_dir {
                plan.failures.push(Failure {
                    origin,
                    error: BatchError::OutputIsInput,
                    shard_key: root_name,
                });
                continue;
            }
            let prefix = if prefix_folders {
                PathBuf::from(&root_name)
            } else {
                PathBuf::new()
            };
            let root = Root {
                dir: path,
                prefix: &prefix,
                key: &root_name,
                out_dir: out_dir.as_deref(),
            };
            walk(&root, path, limits, &mut plan);
            if plan.documents.len() == before && plan.failures.len() == failures_before {
                plan.failures.push(Failure {
                    origin,
                    error: BatchError::NoDocuments,
                    shard_key: root_name,
                });
            }
        } else if path.is_file() {
            match ArchiveKind::of(&root_name) {
                Some((kind, stem)) => {
                    let archive = Archive {
                        path: path.clone(),
                        origin,
                        kind,
                    };
                    plan_archive(archive, Path::new(stem), &root_name, limits, &mut plan);
                }
                None => plan.documents.push(Document {
                    origin,
                    archive: None,
                    entry: None,
                    location: Location::File(path.clone()),
                    output_stem: path.file_stem().map(PathBuf::from).unwrap_or_default(),
                    shard_key: root_name,
                    problem: None,
                }),
            }
        } else {
            plan.failures.push(Failure {
                origin,
                error: BatchError::NotFound,
                shard_key: root_name,
            });
        }
    }
    claim_outputs(&mut plan.documents, output_folder);
    plan
}

/// Gives each output path to the first document that wants it (compared case-insensitively, as
/// on macOS and Windows file systems); a later document wanting it is refused, never allowed to
/// overwrite. Decided on the whole plan, before sharding, so every shard agrees.
fn claim_outputs(documents: &mut [Document], out_dir: &Path) {
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    for document in documents.iter_mut().filter(|d| d.problem.is_none()) {
        let key = slashed(&document.output_stem).to_lowercase();
        match owners.get(&key) {
            Some(other) => {
                document.problem = Some(BatchError::Collision {
                    path: out_dir.join(&document.output_stem),
                    other: other.clone(),
                });
            }
            None => {
                owners.insert(key, document.origin.clone());
            }
        }
    }
}

/// The name an input is known by on every machine: its file name (`reports` for
/// `/data/reports/`), so shards agree however the path is spelt.
fn root_name(path: &Path) -> String {
    match path.file_name() {
        Some(name) => name.to_string_lossy().into_owned(),
        None => path
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default(),
    }
}

/// A folder given on the command line, as seen while walking it.
struct Root<'a> {
    dir: &'a Path,
    prefix: &'a Path,
    key: &'a str,
    out_dir: Option<&'a Path>,
}

fn walk(root: &Root, dir: &Path, limits: &Limits, plan: &mut Plan) {
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
            .collect(),
        Err(e) => {
            plan.failures.push(Failure {
                origin: dir.display().to_string(),
                error: BatchError::read(e),
                shard_key: root.key.to_owned(),
            });
            return;
        }
    };
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in entries {
        let relative = path.strip_prefix(root.dir).unwrap_or(&path).to_path_buf();
        if is_hidden(&relative) {
            continue;
        }
        let origin = path.display().to_string();
        let shard_key = format!("{}/{}", root.key, slashed(&relative));
        if file_type.is_symlink() {
            // A link can point outside the input or back up the tree (a loop); the user can
            // name its target directly.
            plan.skipped.push(Skipped {
                origin,
                reason: "symbolic link, not followed".to_owned(),
                shard_key,
            });
            continue;
        }
        if file_type.is_dir() {
            let is_output = root
                .out_dir
                .is_some_and(|o| path.canonicalize().ok().as_deref() == Some(o));
            if !is_output {
                walk(root, &path, limits, plan);
            }
            continue;
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some((kind, stem)) = ArchiveKind::of(&file_name) {
            let prefix = root
                .prefix
                .join(relative.parent().unwrap_or(Path::new("")))
                .join(stem);
            let archive = Archive {
                path: path.clone(),
                origin,
                kind,
            };
            plan_archive(archive, &prefix, &shard_key, limits, plan);
            continue;
        }
        if !is_document_name(&file_name) {
            plan.skipped.push(Skipped {
                origin,
                reason: "not a session document (by extension)".to_owned(),
                shard_key,
            });
            continue;
        }
        plan.documents.push(Document {
            origin,
            archive: None,
            entry: None,
            location: Location::File(path.clone()),
            output_stem: output_stem(root.prefix, &relative),
            shard_key,
            problem: None,
        });
    }
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What planning learnt about one archive entry.
struct EntryFacts {
    position: usize,
    name: String,
    /// `Some(kind)` for symbolic and hard links.
    link: Option<(&'static str, String)>,
    is_regular: bool,
    is_encrypted: bool,
    size: u64,
    /// Bytes stored in the archive, when the format says (zip).
    compressed_size: Option<u64>,
}

/// Lists an archive's entries into the plan; refuses the whole archive when it cannot be read or
/// breaks an archive-wide limit.
fn plan_archive(archive: Archive, prefix: &Path, key: &str, limits: &Limits, plan: &mut Plan) {
    let listed = match archive.kind {
        ArchiveKind::Zip => list_zip(&archive.path, limits),
        ArchiveKind::Tar | ArchiveKind::TarGz => list_tar(&archive.path, archive.kind, limits),
    };
    let (entries, stopped_by) = match listed {
        Ok(listed) => listed,
        Err(error) => {
            plan.failures.push(Failure {
                origin: archive.origin,
                error,
                shard_key: key.to_owned(),
            });
            return;
        }
    };
    let index = plan.archives.len();
    // `./a.txt`, `a.txt` and `dir\a.txt` name the same file as `a.txt` and `dir/a.txt`: entries
    // are known by their normalised name, unsafe names by their name as written.
    let entries: Vec<EntryFacts> = entries
        .into_iter()
        .map(|mut entry| {
            if let Ok(relative) = safe_relative_path(&entry.name) {
                entry.name = slashed(&relative);
            }
            entry
        })
        .collect();
    let mut name_counts: BTreeMap<String, usize> = BTreeMap::new();
    for entry in &entries {
        if entry.is_regular || entry.link.is_some() {
            *name_counts.entry(entry.name.clone()).or_default() += 1;
        }
    }
    let documents_before = plan.documents.len();
    let mut seen_names = std::collections::BTreeSet::new();
    for entry in entries {
        if !entry.is_regular && entry.link.is_none() {
            continue;
        }
        // A duplicated name is reported once, on its first entry.
        if !seen_names.insert(entry.name.clone()) {
            continue;
        }
        let origin = format!("{}!{}", archive.origin, entry.name);
        let shard_key = format!("{key}!{}", entry.name);
        let relative = safe_relative_path(&entry.name);
        let hidden = relative.as_ref().is_ok_and(|r| is_hidden(r));
        let is_document = is_document_name(&entry.name);
        // Unsafe names and links are reported even when they are not documents: they are the
        // signature of a hostile archive, and the user should hear of it.
        let problem = match (&relative, &entry.link) {
            (Err(unsafe_path), _) => Some(BatchError::UnsafePath(*unsafe_path)),
            (Ok(_), Some((kind, target))) => Some(BatchError::Link {
                kind,
                target: target.clone(),
            }),
            _ if hidden || !is_document => {
                plan.skipped.push(Skipped {
                    origin,
                    reason: if hidden {
                        "hidden or archiver metadata entry".to_owned()
                    } else {
                        "not a session document (by extension)".to_owned()
                    },
                    shard_key,
                });
                continue;
            }
            _ => entry_problem(&entry, name_counts.get(&entry.name).copied(), limits),
        };
        plan.documents.push(Document {
            origin,
            archive: Some(archive.origin.clone()),
            entry: Some(entry.name.clone()),
            location: Location::Entry {
                archive: index,
                position: entry.position,
            },
            output_stem: output_stem(prefix, relative.as_deref().unwrap_or(Path::new(""))),
            shard_key,
            problem,
        });
    }
    let found_documents = plan.documents.len() > documents_before;
    match stopped_by {
        Some(error) => plan.failures.push(Failure {
            origin: archive.origin.clone(),
            error,
            shard_key: key.to_owned(),
        }),
        None if !found_documents => plan.failures.push(Failure {
            origin: archive.origin.clone(),
            error: BatchError::NoDocuments,
            shard_key: key.to_owned(),
        }),
        None => {}
    }
    plan.archives.push(archive);
}

/// The problem of a regular document entry, judged from its header alone.
fn entry_problem(entry: &EntryFacts, copies: Option<usize>, limits: &Limits) -> Option<BatchError> {
    if let Some(count) = copies.filter(|c| *c > 1) {
        return Some(BatchError::DuplicateEntry { count });
    }
    if entry.is_encrypted {
        return Some(BatchError::Encrypted);
    }
    if entry.size > limits.max_document_bytes {
        return Some(BatchError::Ingest(IngestError::TooLarge {
            size: entry.size,
            limit: limits.max_document_bytes,
        }));
    }
    if let Some(compressed) = entry.compressed_size
        && let Some(ratio) = bomb_ratio(entry.size, compressed, limits)
    {
        return Some(BatchError::Bomb {
            ratio,
            limit: limits.max_ratio,
        });
    }
    None
}

/// The expansion ratio when it is over the limit (only for data over the ratio floor).
fn bomb_ratio(expanded: u64, compressed: u64, limits: &Limits) -> Option<u64> {
    let ratio = expanded / compressed.max(1);
    (expanded > RATIO_FLOOR_BYTES && ratio > limits.max_ratio).then_some(ratio)
}

type Listing = (Vec<EntryFacts>, Option<BatchError>);

fn list_zip(path: &Path, limits: &Limits) -> Result<Listing, BatchError> {
    let file = File::open(path).map_err(BatchError::read)?;
    let mut names_in_directory = central_directory_names(&file).unwrap_or_default();
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| BatchError::Archive {
        format: "zip",
        reason: e.to_string(),
    })?;
    let entry_count = (zip.len() as u64).max(names_in_directory.len() as u64);
    if entry_count > limits.max_entries {
        return Err(BatchError::TooManyEntries {
            count: entry_count,
            limit: limits.max_entries,
        });
    }
    let mut entries = Vec::with_capacity(zip.len());
    let mut expanded_total: u64 = 0;
    for position in 0..zip.len() {
        // `by_index_raw` reads headers without decrypting or inflating anything.
        let file = zip
            .by_index_raw(position)
            .map_err(|e| BatchError::Archive {
                format: "zip",
                reason: e.to_string(),
            })?;
        expanded_total = expanded_total.saturating_add(file.size());
        let link = if file.is_symlink() {
            Some(("symbolic link", String::new()))
        } else {
            None
        };
        entries.push(EntryFacts {
            position,
            name: file.name().to_owned(),
            is_regular: !file.is_dir() && link.is_none(),
            link,
            is_encrypted: file.encrypted(),
            size: file.size(),
            compressed_size: Some(file.compressed_size()),
        });
    }
    if expanded_total > limits.max_archive_bytes {
        return Err(BatchError::ArchiveTooLarge {
            limit: limits.max_archive_bytes,
        });
    }
    // The zip crate keeps one entry per name (the last); duplicates only show in the central
    // directory itself. Add the hidden copies so that the name is reported as duplicated.
    for entry in &entries {
        if let Some(found) = names_in_directory.iter().position(|n| *n == entry.name) {
            names_in_directory.swap_remove(found);
        }
    }
    for name in names_in_directory {
        entries.push(EntryFacts {
            position: usize::MAX,
            name,
            link: None,
            is_regular: true,
            is_encrypted: false,
            size: 0,
            compressed_size: None,
        });
    }
    Ok((entries, None))
}

/// Every file name in a zip's central directory, duplicates included, or `None` when the
/// directory cannot be found this simply (zip64, or a comment hiding the end record). Only used to
/// find duplicate names, which the zip crate merges away.
fn central_directory_names(file: &File) -> Option<Vec<String>> {
    const END_RECORD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const CENTRAL_HEADER: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    let mut file = file;
    let length = file.metadata().ok()?.len();
    // The end record is 22 bytes plus a comment of at most 65,535 bytes.
    let tail_length = length.min(22 + 65_535);
    file.seek(SeekFrom::Start(length - tail_length)).ok()?;
    let mut tail = vec![0; usize::try_from(tail_length).ok()?];
    file.read_exact(&mut tail).ok()?;
    let end = tail.windows(4).rposition(|w| w == END_RECORD)?;
    let record = tail.get(end..end + 22)?;
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let count = u16_at(record, 10);
    let size = u32_at(record, 12);
    let offset = u32_at(record, 16);
    if count == u16::MAX || size == u32::MAX || offset == u32::MAX {
        return None;
    }
    file.seek(SeekFrom::Start(u64::from(offset))).ok()?;
    let mut directory = vec![0; size as usize];
    file.read_exact(&mut directory).ok()?;
    let mut names = Vec::with_capacity(usize::from(count));
    let mut at = 0;
    for _ in 0..count {
        let header = directory.get(at..at + 46)?;
        if header[..4] != CENTRAL_HEADER {
            return None;
        }
        let name_length = usize::from(u16_at(header, 28));
        let extra_length = usize::from(u16_at(header, 30));
        let comment_length = usize::from(u16_at(header, 32));
        let name = directory.get(at + 46..at + 46 + name_length)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 46 + name_length + extra_length + comment_length;
    }
    Some(names)
}

/// Counts the bytes read through it, into a counter shared with the code that checks limits.
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// The expanded stream of a tar or tar.gz, refusing to go past the archive limits while it is
/// read: the tar parser sees an I/O error, and [`ExpansionGuard::tripped`] says which limit.
struct ExpansionGuard<R> {
    inner: R,
    compressed: Option<Rc<Cell<u64>>>,
    expanded: u64,
    limits: Limits,
    tripped: Rc<Cell<Option<BatchError>>>,
}

impl<R: Read> Read for ExpansionGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.expanded += n as u64;
        let over = if self.expanded > self.limits.max_archive_bytes {
            Some(BatchError::ArchiveTooLarge {
                limit: self.limits.max_archive_bytes,
            })
        } else {
            self.compressed.as_ref().and_then(|compressed| {
                bomb_ratio(self.expanded, compressed.get(), &self.limits).map(|ratio| {
                    BatchError::Bomb {
                        ratio,
                        limit: self.limits.max_ratio,
                    }
                })
            })
        };
        match over {
            Some(error) => {
                let message = error.to_string();
                self.tripped.set(Some(error));
                Err(std::io::Error::other(message))
            }
            None => Ok(n),
        }
    }
}

/// A tar or tar.gz opened for streaming.
struct TarStream {
    archive: tar::Archive<Box<dyn Read>>,
    tripped: Rc<Cell<Option<BatchError>>>,
}

impl TarStream {
    fn open(path: &Path, kind: ArchiveKind, limits: &Limits) -> Result<TarStream, BatchError> {
        let file = BufReader::new(File::open(path).map_err(BatchError::read)?);
        let tripped = Rc::new(Cell::new(None));
        let (expanded, compressed): (Box<dyn Read>, _) = if kind == ArchiveKind::TarGz {
            let count = Rc::new(Cell::new(0));
            let counted = Counting {
                inner: file,
                count: Rc::clone(&count),
            };
            (Box::new(flate2::read::GzDecoder::new(counted)), Some(count))
        } else {
            (Box::new(file), None)
        };
        let guard = ExpansionGuard {
            inner: expanded,
            compressed,
            expanded: 0,
            limits: *limits,
            tripped: Rc::clone(&tripped),
        };
        Ok(TarStream {
            archive: tar::Archive::new(Box::new(guard)),
            tripped,
        })
    }

    /// The error to report for an I/O error of the stream: the limit that tripped, or the
    /// stream's own failure (truncation, corrupt gzip).
    fn explain(&self, kind: ArchiveKind, error: &std::io::Error) -> BatchError {
        match self.tripped.take() {
            Some(limit) => limit,
            None => BatchError::Archive {
                format: kind.name(),
                reason: describe_stream_error(error),
            },
        }
    }
}

/// Stream errors in words a user can act on.
fn describe_stream_error(error: &std::io::Error) -> String {
    use std::error::Error as _;
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text = format!("{text}: {inner}");
        source = inner.source();
    }
    if error.kind() == std::io::ErrorKind::UnexpectedEof || text.contains("unexpected EOF") {
        format!("truncated ({text})")
    } else {
        text
    }
}

fn list_tar(path: &Path, kind: ArchiveKind, limits: &Limits) -> Result<Listing, BatchError> {
    let mut stream = TarStream::open(path, kind, limits)?;
    let mut entries = Vec::new();
    let mut stopped_by = None;
    let mut stream_entries = match stream.archive.entries() {
        Ok(stream_entries) => stream_entries,
        Err(e) => return Err(stream.explain(kind, &e)),
    };
    let mut position = 0;
    loop {
        let entry = match stream_entries.next() {
            None => break,
            Some(Ok(entry)) => entry,
            Some(Err(e)) => {
                stopped_by = Some(e);
                break;
            }
        };
        if position as u64 >= limits.max_entries {
            return Err(BatchError::TooManyEntries {
                count: position as u64 + 1,
                limit: limits.max_entries,
            });
        }
        let header = entry.header();
        let entry_type = header.entry_type();
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let link_target = || {
            entry
                .link_name_bytes()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        };
        let link = if entry_type.is_symlink() {
            Some(("symbolic link", link_target()))
        } else if entry_type.is_hard_link() {
            Some(("hard link", link_target()))
        } else {
            None
        };
        entries.push(EntryFacts {
            position,
            name,
            is_regular: entry_type.is_file() || entry_type == tar::EntryType::Continuous,
            link,
            is_encrypted: false,
            size: entry.size(),
            compressed_size: None,
        });
        position += 1;
    }
    let stopped_by = stopped_by.map(|e| stream.explain(kind, &e));
    // A stream that breaks an archive-wide limit is refused whole: what came before the point
    // where it tripped is part of the same attack.
    if let Some(error @ (BatchError::ArchiveTooLarge { .. } | BatchError::Bomb { .. })) =
        &stopped_by
    {
        return Err(error.clone());
    }
    Ok((entries, stopped_by))
}

/// Streams the bytes of the chosen documents, in plan order, to `deliver`; stops early when
/// `deliver` returns false (the run was cancelled). Each archive is opened once and read
/// front to back; each document is read into memory alone, with the limits enforced while
/// reading.
pub fn read_documents(
    plan: &Plan,
    chosen: &[usize],
    limits: &Limits,
    deliver: &mut dyn FnMut(usize, Result<Vec<u8>, BatchError>) -> bool,
) {
    let mut rest = chosen;
    while let Some(&first) = rest.first() {
        let group_length = match plan.documents[first].location {
            Location::File(_) => 1,
            Location::Entry { archive, .. } => rest
                .iter()
                .take_while(|&&i| {
                    matches!(plan.documents[i].location, Location::Entry { archive: a, .. } if a == archive)
                })
                .count(),
        };
        let (group, later) = rest.split_at(group_length);
        rest = later;
        let keep_going = match &plan.documents[first].location {
            Location::File(path) => deliver(first, read_file(path, limits)),
            Location::Entry { archive, .. } => {
                let archive = &plan.archives[*archive];
                match archive.kind {
                    ArchiveKind::Zip => read_zip_entries(plan, archive, group, limits, deliver),
                    ArchiveKind::Tar | ArchiveKind::TarGz => {
                        read_tar_entries(plan, archive, group, limits, deliver)
                    }
                }
            }
        };
        if !keep_going {
            return;
        }
    }
}

/// Reads at most `limit` bytes; one byte more means the document is over the limit. The size
/// reported is what is known: the declared size when larger, else "more than the limit".
fn read_limited(reader: &mut dyn Read, declared: u64, limit: u64) -> Result<Vec<u8>, BatchError> {
    let mut bytes = Vec::with_capacity(usize::try_from(declared.min(limit)).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(BatchError::read)?;
    if bytes.len() as u64 > limit {
        return Err(BatchError::Ingest(IngestError::TooLarge {
            size: declared.max(bytes.len() as u64),
            limit,
        }));
    }
    Ok(bytes)
}

fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, BatchError> {
    let mut file = File::open(path).map_err(BatchError::read)?;
    let size = file.metadata().map_err(BatchError::read)?.len();
    // Refuse before reading: a 100 MB file costs nothing to turn away.
    if size > limits.max_document_bytes {
        return Err(BatchError::Ingest(IngestError::TooLarge {
            size,
            limit: limits.max_document_bytes,
        }));
    }
    read_limited(&mut file, size, limits.max_document_bytes)
}

fn read_zip_entries(
    plan: &Plan,
    archive: &Archive,
    group: &[usize],
    limits: &Limits,
    deliver: &mut dyn FnMut(usize, Result<Vec<u8>, BatchError>) -> bool,
) -> bool {
    let opened = File::open(&archive.path)
        .map_err(BatchError::read)
        .and_then(|file| {
            zip::ZipArchive::new(BufReader::new(file)).map_err(|e| BatchError::Archive {
                format: "zip",
                reason: e.to_string(),
            })
        });
    let mut zip = match opened {
        Ok(zip) => zip,
        Err(error) => {
            return group.iter().all(|&i| deliver(i, Err(error.clone())));
        }
    };
    let mut expanded_total: u64 = 0;
    for &index in group {
        let Location::Entry { position, .. } = plan.documents[index].location else {
            continue;
        };
        let result = match zip.by_index(position) {
            Ok(mut entry) => {
                let declared = entry.size();
                let compressed = entry.compressed_size();
                let limit = limits
                    .max_document_bytes
                    .min(limits.max_archive_bytes.saturating_sub(expanded_total));
                read_limited(&mut entry, declared, limit).and_then(|bytes| {
                    expanded_total += bytes.len() as u64;
                    // The header's sizes were checked while planning; the data itself is
                    // checked here, as a forged header could understate it.
                    match bomb_ratio(bytes.len() as u64, compressed, limits) {
                        Some(ratio) => Err(BatchError::Bomb {
                            ratio,
                            limit: limits.max_ratio,
                        }),
                        None => Ok(bytes),
                    }
                })
            }
            Err(e) => Err(zip_entry_error(e)),
        };
        if !deliver(index, result) {
            return false;
        }
    }
    true
}

fn zip_entry_error(error: zip::result::ZipError) -> BatchError {
    match error {
        zip::result::ZipError::UnsupportedArchive(reason) if reason.contains("assword") => {
            BatchError::Encrypted
        }
        zip::result::ZipError::Io(e) => BatchError::read(e),
        other => BatchError::Archive {
            format: "zip",
            reason: other.to_string(),
        },
    }
}

fn read_tar_entries(
    plan: &Plan,
    archive: &Archive,
    group: &[usize],
    limits: &Limits,
    deliver: &mut dyn FnMut(usize, Result<Vec<u8>, BatchError>) -> bool,
) -> bool {
    // Wanted positions, in stream order (the plan lists them in that order already).
    let mut wanted = group
        .iter()
        .filter_map(|&index| match plan.documents[index].location {
            Location::Entry { position, .. } => Some((position, index)),
            Location::File(_) => None,
        });
    let mut next_wanted = wanted.next();
    let fail_rest =
        |error: BatchError,
         first: Option<(usize, usize)>,
         rest: &mut dyn Iterator<Item = (usize, usize)>,
         deliver: &mut dyn FnMut(usize, Result<Vec<u8>, BatchError>) -> bool| {
            first
                .into_iter()
                .chain(rest)
                .all(|(_, index)| deliver(index, Err(error.clone())))
        };
    let mut stream = match TarStream::open(&archive.path, archive.kind, limits) {
        Ok(stream) => stream,
        Err(error) => return fail_rest(error, next_wanted, &mut wanted, deliver),
    };
    let mut stream_entries = match stream.archive.entries() {
        Ok(stream_entries) => stream_entries,
        Err(e) => {
            let error = stream.explain(archive.kind, &e);
            return fail_rest(error, next_wanted, &mut wanted, deliver);
        }
    };
    let mut position = 0;
    while let Some((wanted_position, index)) = next_wanted {
        let mut entry = match stream_entries.next() {
            Some(Ok(entry)) => entry,
            Some(Err(e)) => {
                let error = stream.explain(archive.kind, &e);
                return fail_rest(error, next_wanted, &mut wanted, deliver);
            }
            None => {
                let error = BatchError::Archive {
                    format: archive.kind.name(),
                    reason: "changed while being read (entry no longer there)".to_owned(),
                };
                return fail_rest(error, next_wanted, &mut wanted, deliver);
            }
        };
        if position == wanted_position {
            let declared = entry.size();
            let result = read_limited(&mut entry, declared, limits.max_document_bytes);
            drop(entry);
            let result = result.map_err(|error| match (&error, stream.tripped.take()) {
                (_, Some(limit)) => limit,
                (BatchError::Read(io), None) => BatchError::Archive {
                    format: archive.kind.name(),
                    reason: describe_stream_error(io),
                },
                _ => error,
            });
            if !deliver(index, result) {
                return false;
            }
            next_wanted = wanted.next();
        }
        position += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_relative_path_keeps_ordinary_names() {
        assert_eq!(
            safe_relative_path("dir/page.txt"),
            Ok(PathBuf::from("dir/page.txt"))
        );
        assert_eq!(
            safe_relative_path("./dir//page.txt"),
            Ok(PathBuf::from("dir/page.txt"))
        );
        assert_eq!(
            safe_relative_path("dir\\page.txt"),
            Ok(PathBuf::from("dir/page.txt"))
        );
    }

    #[test]
    fn safe_relative_path_refuses_every_way_out() {
        for (name, why) in [
            ("../../x.txt", UnsafePath::ParentComponent),
            ("dir/../../x.txt", UnsafePath::ParentComponent),
            ("..\\..\\x.txt", UnsafePath::ParentComponent),
            ("/etc/x.txt", UnsafePath::Absolute),
            ("\\\\server\\share\\x.txt", UnsafePath::Absolute),
            ("C:\\x.txt", UnsafePath::DriveLetter),
            ("c:x.txt", UnsafePath::DriveLetter),
            ("a\0b.txt", UnsafePath::ControlCharacter),
            ("", UnsafePath::Empty),
            ("./", UnsafePath::Empty),
        ] {
            assert_eq!(safe_relative_path(name), Err(why), "{name:?}");
        }
    }

    #[test]
    fn archive_kind_by_suffix() {
        assert_eq!(
            ArchiveKind::of("Wiki.TAR.GZ"),
            Some((ArchiveKind::TarGz, "Wiki"))
        );
        assert_eq!(ArchiveKind::of("a.tgz"), Some((ArchiveKind::TarGz, "a")));
        assert_eq!(ArchiveKind::of("a.zip"), Some((ArchiveKind::Zip, "a")));
        assert_eq!(ArchiveKind::of(".zip"), None);
        assert_eq!(ArchiveKind::of("a.txt"), None);
    }

    #[test]
    fn documents_by_extension() {
        assert!(is_document_name("a/b.TXT"));
        assert!(is_document_name("b.md"));
        assert!(is_document_name("b.json"));
        assert!(!is_document_name("b.png"));
        assert!(!is_document_name("README"));
    }
}
