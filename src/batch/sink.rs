//! Atomic output: every file is written to a temporary file in its target folder and renamed into
//! place, so a reader (or a crash) never sees a half-written output, and an earlier output is only
//! replaced by a complete new one. There is no fsync per file: it would cost more than the
//! conversion itself on large batches, and the rename already protects against a killed process.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically, creating the parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)?;
    let mut file = tempfile::Builder::new()
        .prefix(".rapporteur-")
        .suffix(".part")
        .tempfile_in(parent)?;
    file.write_all(bytes)?;
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
