//! Atomic output: every file is written to a temporary file in its target folder and renamed into
//! place, so a reader (or a crash) never sees a half-written output, and an earlier output is only
//! replaced by a complete new one. There is no fsync per file: it would cost more than the
//! conversion itself on large batches, and the rename already protects against a killed process.
//!
//! [`Sink`] is the only writer of a batch: it puts every path through
//! [`safe_relative_path`](super::source::safe_relative_path) and checks that the folder it
//! writes into really is inside the output folder, so nothing is ever written outside it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::BatchError;
use super::source::safe_relative_path;

/// Every temporary file starts with this, so that stale ones (from a killed run) can be found.
const TEMPORARY_PREFIX: &str = ".rapporteur-";
/// … and ends with this.
const TEMPORARY_SUFFIX: &str = ".part";

/// Writes `bytes` to `path` atomically, creating the parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_prefix(path, bytes, TEMPORARY_PREFIX)
}

fn write_with_prefix(path: &Path, bytes: &[u8], prefix: &str) -> std::io::Result<()> {
    stream_with_prefix(path, prefix, &mut |file| file.write_all(bytes))
}

/// As [`write_atomic`], with the content written by `write` (into a buffered temporary file), so
/// that a large file such as a manifest never has to be held in memory whole.
pub fn stream_atomic(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    stream_with_prefix(path, TEMPORARY_PREFIX, write)
}

fn stream_with_prefix(
    path: &Path,
    prefix: &str,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)?;
    let mut file = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(parent)?;
    {
        let mut buffered = std::io::BufWriter::new(file.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Temporary files are created 0600; outputs are ordinary shareable documents.
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The writer of one batch run into one output folder.
#[derive(Debug)]
pub struct Sink {
    out_dir: PathBuf,
    /// Temporary files of this run are named `.rapporteur-<tag>-….part`: shards sharing an
    /// output folder then never sweep away each other's files in flight.
    temporary_prefix: String,
    canonical_out_dir: OnceLock<Option<PathBuf>>,
}

impl Sink {
    /// A sink into `out_dir`; `tag` names the run's temporary files (the shard, or `all`).
    pub fn new(out_dir: &Path, tag: &str) -> Sink {
        Sink {
            out_dir: out_dir.to_owned(),
            temporary_prefix: format!("{TEMPORARY_PREFIX}{tag}-"),
            canonical_out_dir: OnceLock::new(),
        }
    }

    /// The output folder.
    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }

    /// Where an output would go: `relative` checked by the path-safety rule and joined to the
    /// output folder.
    pub fn target(&self, relative: &str) -> Result<PathBuf, BatchError> {
        let relative = safe_relative_path(relative).map_err(BatchError::UnsafePath)?;
        Ok(self.out_dir.join(relative))
    }

    /// Writes `bytes` atomically to `relative` (a `/`-separated path) inside the output folder
    /// and returns the full path.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<PathBuf, BatchError> {
        self.stream(relative, &mut |file| file.write_all(bytes))
    }

    /// As [`Sink::write`], with the content written by `write`.
    pub fn stream(
        &self,
        relative: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<PathBuf, BatchError> {
        let path = self.target(relative)?;
        let write_error = |source: std::io::Error| BatchError::Write {
            path: path.clone(),
            source: std::sync::Arc::new(source),
        };
        let parent = path.parent().unwrap_or(&self.out_dir);
        std::fs::create_dir_all(parent).map_err(write_error)?;
        // The name is safe, but a folder inside OUT could be a link to elsewhere (made by
        // someone else: a batch never creates links). Refuse to write through it.
        let canonical_out = self
            .canonical_out_dir
            .get_or_init(|| self.out_dir.canonicalize().ok());
        let canonical_parent = parent.canonicalize().map_err(write_error)?;
        if !canonical_out
            .as_ref()
            .is_some_and(|out| canonical_parent.starts_with(out))
        {
            return Err(BatchError::EscapesOutput { path });
        }
        stream_with_prefix(&path, &self.temporary_prefix, write).map_err(write_error)?;
        Ok(path)
    }

    /// Removes temporary files that a killed run with the same tag left behind (a clean stop
    /// removes its own). Links are not followed; errors are ignored, as a leftover temporary
    /// file harms nothing but tidiness.
    pub fn sweep_stale_temporaries(&self) {
        sweep(&self.out_dir, &self.temporary_prefix);
    }
}

fn sweep(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            sweep(&entry.path(), prefix);
        } else if file_type.is_file() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(prefix) && name.ends_with(TEMPORARY_SUFFIX) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
