//! Hostile and broken input (issue 5): each case gets one error or warning line naming the
//! archive, the entry and the reason; every other document still converts; nothing is ever
//! written outside the output folder. Every archive is built here, byte by byte where the
//! writers refuse to make it.

use std::io::Write;
use std::path::Path;

use crate::batch::{
    FORMATS, convert, doc, error_lines, gzip, output_names, stderr, stdout, tar_header, tar_of,
    tree, write, zip_of,
};
use crate::common::run_cli_in;

/// Every file outside `out/`, to show that a run wrote nothing there.
fn outside_out(dir: &Path) -> Vec<(String, Vec<u8>)> {
    tree(dir)
        .into_iter()
        .filter(|(name, _)| !name.starts_with("out/"))
        .collect()
}

/// Converts `inputs` (plus a good document in `good/`) and checks the common promises: the good
/// document converted, nothing written outside `out/`. Returns the run's output.
fn convert_beside_a_good_document(
    dir: &Path,
    inputs: &[&str],
    extra: &[&str],
) -> std::process::Output {
    write(&dir.join("good/fine.txt"), &doc("A fine document"));
    let before = outside_out(dir);
    let mut all = vec!["good"];
    all.extend_from_slice(inputs);
    let out = convert(dir, &all, extra);
    assert!(
        dir.join("out/good/fine.md").is_file(),
        "the good document still converts: {}",
        stderr(&out)
    );
    assert!(
        outside_out(dir) == before,
        "something was written outside out/"
    );
    out
}

fn sorted(mut lines: Vec<String>) -> Vec<String> {
    lines.sort();
    lines
}

const UNSAFE: &str = "refused, nothing is written outside the output folder";

#[test]
fn zip_slip_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fine = doc("Inside");
    let evil = doc("Evil");
    let entries: [(&str, &[u8]); 6] = [
        ("../../evil.txt", &evil),
        ("/tmp/rapporteur-zip-slip-absolute.txt", &evil),
        ("C:\\evil.txt", &evil),
        ("..\\..\\evil.txt", &evil),
        ("sub/../../evil.txt", &evil),
        ("ok.txt", &fine),
    ];
    write(&dir.path().join("slip.zip"), &zip_of(&entries));
    let out = convert_beside_a_good_document(dir.path(), &["slip.zip"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let climbs = "unsafe entry name (`..` climbs out of the folder)";
    assert_eq!(
        sorted(error_lines(&out)),
        sorted(vec![
            format!("error: slip.zip!../../evil.txt: {climbs}; {UNSAFE}"),
            format!(
                "error: slip.zip!/tmp/rapporteur-zip-slip-absolute.txt: unsafe entry name (absolute path); {UNSAFE}"
            ),
            format!(
                "error: slip.zip!C:\\evil.txt: unsafe entry name (Windows drive letter); {UNSAFE}"
            ),
            format!("error: slip.zip!..\\..\\evil.txt: {climbs}; {UNSAFE}"),
            format!("error: slip.zip!sub/../../evil.txt: {climbs}; {UNSAFE}"),
        ])
    );
    assert!(dir.path().join("out/slip/ok.md").is_file());
    assert!(!Path::new("/tmp/rapporteur-zip-slip-absolute.md").exists());
}

#[test]
fn tar_slip_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let entries: [(&str, &[u8]); 3] = [
        ("../evil.txt", &doc("Evil")),
        ("/etc/rapporteur-evil.txt", &doc("Evil")),
        ("ok.txt", &doc("Inside")),
    ];
    write(&dir.path().join("slip.tar"), &tar_of(&entries));
    let out = convert_beside_a_good_document(dir.path(), &["slip.tar"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&out),
        vec![
            format!(
                "error: slip.tar!../evil.txt: unsafe entry name (`..` climbs out of the folder); {UNSAFE}"
            ),
            format!(
                "error: slip.tar!/etc/rapporteur-evil.txt: unsafe entry name (absolute path); {UNSAFE}"
            ),
        ]
    );
    assert!(dir.path().join("out/slip/ok.md").is_file());
}

#[test]
fn symbolic_and_hard_link_entries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut builder = tar::Builder::new(Vec::new());
    let mut symlink = tar_header("passwd.txt", 0, tar::EntryType::Symlink);
    symlink.set_link_name("/etc/passwd").unwrap();
    symlink.set_cksum();
    builder.append(&symlink, std::io::empty()).unwrap();
    let ok = doc("Real");
    builder
        .append(
            &tar_header("ok.txt", ok.len() as u64, tar::EntryType::Regular),
            ok.as_slice(),
        )
        .unwrap();
    let mut hard = tar_header("hard.txt", 0, tar::EntryType::Link);
    hard.set_link_name("ok.txt").unwrap();
    hard.set_cksum();
    builder.append(&hard, std::io::empty()).unwrap();
    write(
        &dir.path().join("tarlinks.tar"),
        &builder.into_inner().unwrap(),
    );

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.add_symlink("shadow.txt", "/etc/shadow", options)
        .unwrap();
    zip.start_file("ok.txt", options).unwrap();
    zip.write_all(&ok).unwrap();
    write(
        &dir.path().join("ziplinks.zip"),
        &zip.finish().unwrap().into_inner(),
    );

    let out = convert_beside_a_good_document(dir.path(), &["tarlinks.tar", "ziplinks.zip"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&out),
        vec![
            "error: tarlinks.tar!passwd.txt: symbolic link entry to \"/etc/passwd\" refused: links are never followed",
            "error: tarlinks.tar!hard.txt: hard link entry to \"ok.txt\" refused: links are never followed",
            "error: ziplinks.zip!shadow.txt: symbolic link entry refused: links are never followed",
        ]
    );
    assert!(dir.path().join("out/tarlinks/ok.md").is_file());
}

#[test]
fn a_zip_bomb_entry_is_refused_by_its_ratio() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = vec![b'a'; 20 * 1024 * 1024];
    let entries: [(&str, &[u8]); 2] = [("bomb.txt", &bomb), ("ok.txt", &doc("Small"))];
    write(&dir.path().join("bomb.zip"), &zip_of(&entries));
    let out = convert_beside_a_good_document(dir.path(), &["bomb.zip"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: bomb.zip!bomb.txt: expands ")
            && errors[0].ends_with(
                ":1, over the 100:1 limit (--max-ratio); refused as a likely decompression bomb"
            ),
        "{}",
        errors[0]
    );
    assert!(dir.path().join("out/bomb/ok.md").is_file());
}

#[test]
fn a_gzip_bomb_is_refused_while_streaming() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = vec![b'a'; 16 * 1024 * 1024];
    let entries: [(&str, &[u8]); 2] = [("ok.txt", &doc("Before")), ("bomb.txt", &bomb)];
    write(&dir.path().join("bomb.tgz"), &gzip(&tar_of(&entries)));
    let out = convert_beside_a_good_document(dir.path(), &["bomb.tgz"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: bomb.tgz: expands ")
            && errors[0].contains("over the 100:1 limit (--max-ratio)"),
        "the whole archive is refused: {}",
        errors[0]
    );
    assert!(!dir.path().join("out/bomb").exists());
}

#[test]
fn the_total_size_limit_is_configurable_and_applies_to_every_archive_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (doc("One"), doc("Two"), doc("Three"));
    let entries: [(&str, &[u8]); 3] = [("a.txt", &a), ("b.txt", &b), ("c.txt", &c)];
    write(&dir.path().join("big.zip"), &zip_of(&entries));
    write(&dir.path().join("big.tgz"), &gzip(&tar_of(&entries)));
    let out = convert_beside_a_good_document(
        dir.path(),
        &["big.zip", "big.tgz"],
        &["--max-archive-bytes", "150"],
    );
    assert_eq!(out.status.code(), Some(1));
    let reason = "expands to more than 150 bytes (--max-archive-bytes); refused as a likely decompression bomb";
    assert_eq!(
        error_lines(&out),
        vec![
            format!("error: big.zip: {reason}"),
            format!("error: big.tgz: {reason}"),
        ]
    );
}

#[test]
fn too_many_entries_refuses_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..12).map(|i| format!("p{i}.txt")).collect();
    let body = doc("Many");
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &body[..])).collect();
    write(&dir.path().join("many.zip"), &zip_of(&entries));
    write(&dir.path().join("many.tar"), &tar_of(&entries));
    let out = convert_beside_a_good_document(
        dir.path(),
        &["many.zip", "many.tar"],
        &["--max-entries", "10"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&out),
        vec![
            "error: many.zip: 12 entries or more, over the limit of 10 (--max-entries)",
            "error: many.tar: 11 entries or more, over the limit of 10 (--max-entries)",
        ]
    );
}

#[test]
fn duplicate_entry_names_are_refused_once() {
    let dir = tempfile::tempdir().unwrap();
    // The zip writer refuses duplicates, so write two names of the same length and rename one
    // in place, in both the local header and the central directory.
    let entries: [(&str, &[u8]); 3] = [
        ("dup_a.txt", &doc("First copy")),
        ("dup_b.txt", &doc("Second copy")),
        ("ok.txt", &doc("Unique")),
    ];
    let mut zip = zip_of(&entries);
    let from = b"dup_b.txt";
    let mut at = 0;
    while let Some(found) = zip[at..].windows(from.len()).position(|w| w == from) {
        zip[at + found..at + found + from.len()].copy_from_slice(b"dup_a.txt");
        at += found + from.len();
    }
    write(&dir.path().join("dup.zip"), &zip);
    let tar_entries: [(&str, &[u8]); 3] = [
        ("dup.txt", &doc("First copy")),
        ("./dup.txt", &doc("Second copy")),
        ("ok.txt", &doc("Unique")),
    ];
    write(&dir.path().join("tardup.tar"), &tar_of(&tar_entries));
    let out = convert_beside_a_good_document(dir.path(), &["dup.zip", "tardup.tar"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let reason =
        "duplicate entry name (2 entries); none converted, as which one is meant is ambiguous";
    assert_eq!(
        error_lines(&out),
        vec![
            format!("error: dup.zip!dup_a.txt: {reason}"),
            format!("error: tardup.tar!dup.txt: {reason}"),
        ]
    );
    assert!(dir.path().join("out/dup/ok.md").is_file());
    assert!(dir.path().join("out/tardup/ok.md").is_file());
}

#[test]
fn an_encrypted_zip_entry_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let entries: [(&str, &[u8]); 2] = [("secret.txt", &doc("Secret")), ("ok.txt", &doc("Open"))];
    let mut zip = zip_of(&entries);
    // Set bit 0 of the general purpose flags ("encrypted") of the first entry, in its local
    // header (offset 6) and its central directory header (offset 8): what a ZipCrypto writer
    // sets, without needing one.
    let local = zip.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
    zip[local + 6] |= 1;
    let central = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    zip[central + 8] |= 1;
    write(&dir.path().join("locked.zip"), &zip);
    let out = convert_beside_a_good_document(dir.path(), &["locked.zip"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&out),
        vec![
            "error: locked.zip!secret.txt: encrypted entry (password-protected archives are not supported)"
        ]
    );
    assert!(dir.path().join("out/locked/ok.md").is_file());
}

#[test]
fn a_truncated_zip_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let entries: [(&str, &[u8]); 2] = [("a.txt", &doc("A")), ("b.txt", &doc("B"))];
    let zip = zip_of(&entries);
    write(&dir.path().join("cut.zip"), &zip[..zip.len() / 2]);
    let out = convert_beside_a_good_document(dir.path(), &["cut.zip"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: cut.zip: not a readable zip archive: "),
        "{}",
        errors[0]
    );
}

#[test]
fn a_truncated_tar_gz_converts_what_comes_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let long = |title: &str| {
        let mut bytes = doc(title);
        bytes.extend_from_slice(&crate::common::seed());
        bytes
    };
    // The last entry is text that does not compress (pseudo-random words), so that a cut at
    // three quarters of the compressed stream falls inside it.
    let mut state: u32 = 1;
    let mut words = String::from("C\n\n");
    for _ in 0..40_000 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let length = 2 + (state >> 16) % 8;
        for i in 0..length {
            words.push(char::from(b'a' + ((state >> (i % 16)) % 26) as u8));
        }
        words.push(' ');
    }
    let (a, b, c) = (long("A"), long("B"), words.into_bytes());
    let entries: [(&str, &[u8]); 3] = [("a.txt", &a), ("b.txt", &b), ("c.txt", &c)];
    let tgz = gzip(&tar_of(&entries));
    write(&dir.path().join("cut.tgz"), &tgz[..tgz.len() * 3 / 4]);
    let out = convert_beside_a_good_document(dir.path(), &["cut.tgz"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        dir.path().join("out/cut/a.md").is_file(),
        "{}",
        stderr(&out)
    );
    let errors = error_lines(&out);
    assert!(!errors.is_empty());
    for error in &errors {
        assert!(
            error.starts_with("error: cut.tgz") && error.contains("truncated"),
            "{error}"
        );
    }
}

#[test]
fn a_corrupt_gzip_stream_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let entries: [(&str, &[u8]); 1] = [("a.txt", &doc("A"))];
    let mut tgz = gzip(&tar_of(&entries));
    for byte in &mut tgz[12..40] {
        *byte ^= 0x5a;
    }
    write(&dir.path().join("bad.tgz"), &tgz);
    write(&dir.path().join("notgz.tar.gz"), b"this is not gzip at all");
    let out = convert_beside_a_good_document(dir.path(), &["bad.tgz", "notgz.tar.gz"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("error: bad.tgz: not a readable tar.gz archive: "),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("error: notgz.tar.gz: not a readable tar.gz archive: "),
        "{}",
        errors[1]
    );
}

#[test]
fn empty_archives_are_one_error_each() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("empty.zip"), &zip_of(&[]));
    write(&dir.path().join("empty.tar"), &tar_of(&[]));
    write(&dir.path().join("zero.tgz"), b"");
    let out =
        convert_beside_a_good_document(dir.path(), &["empty.zip", "empty.tar", "zero.tgz"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].starts_with("error: empty.zip: no session documents found"));
    assert!(errors[1].starts_with("error: empty.tar: no session documents found"));
    assert!(errors[2].starts_with("error: zero.tgz: "), "{}", errors[2]);
}

#[test]
fn a_zero_byte_document_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let entries: [(&str, &[u8]); 2] = [("empty.txt", b""), ("ok.txt", &doc("Content"))];
    write(&dir.path().join("z.zip"), &zip_of(&entries));
    let out = convert_beside_a_good_document(dir.path(), &["z.zip"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&out),
        vec!["error: z.zip!empty.txt: empty document (no text)"]
    );
}

#[test]
fn a_100_mb_document_is_refused_by_size_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("huge")).unwrap();
    // Sparse: 100 MB of apparent size, no disk or time spent, and the size check must refuse it
    // before reading a byte.
    let file = std::fs::File::create(dir.path().join("huge/big.txt")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    drop(file);
    let body = doc("Over the small limit");
    let entries: [(&str, &[u8]); 1] = [("big.txt", &body)];
    write(&dir.path().join("small-limit.zip"), &zip_of(&entries));
    let out = convert_beside_a_good_document(dir.path(), &["huge"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&out),
        vec!["error: huge/big.txt: 104857600 bytes is over the 52428800-byte limit (--max-bytes)"]
    );
    // The limit is configurable and applies to archive entries, from their headers.
    let limit = (body.len() - 1).to_string();
    let out = run_cli_in(
        dir.path(),
        &[
            "convert",
            "small-limit.zip",
            "-o",
            "out2",
            "--to",
            "md",
            "--max-bytes",
            &limit,
        ],
    );
    assert_eq!(
        error_lines(&out),
        vec![format!(
            "error: small-limit.zip!big.txt: {} bytes is over the {limit}-byte limit (--max-bytes)",
            body.len()
        )]
    );
}

#[test]
fn windows_1252_utf16_and_invalid_utf8_are_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Réunion du comité\n\nNous nous sommes réunis.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let entries: [(&str, &[u8]); 3] = [
        (
            "cp1252.txt",
            b"R\xe9sum\xe9 of the session\n\nWe met \x93here\x94.\n",
        ),
        ("utf16.txt", &utf16),
        ("broken.txt", b"Broken \xc3\x28 text\n\nStill a session.\n"),
    ];
    write(&dir.path().join("enc.zip"), &zip_of(&entries));
    let out = convert_beside_a_good_document(dir.path(), &["enc.zip"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let warnings = sorted(
        stderr(&out)
            .lines()
            .filter(|l| l.starts_with("warning:"))
            .map(str::to_owned)
            .collect(),
    );
    assert_eq!(
        warnings,
        vec![
            "warning: enc.zip!broken.txt: not UTF-8; decoded as windows-1252",
            "warning: enc.zip!cp1252.txt: not UTF-8; decoded as windows-1252",
            "warning: enc.zip!utf16.txt: not UTF-8; decoded as UTF-16LE",
        ]
    );
    let text = std::fs::read_to_string(dir.path().join("out/enc/cp1252.txt")).unwrap();
    assert!(text.starts_with("# Résumé of the session"), "{text}");
    let text = std::fs::read_to_string(dir.path().join("out/enc/utf16.txt")).unwrap();
    assert!(text.starts_with("# Réunion du comité"), "{text}");
}

/// Makes a folder unwritable, even for root (chmod does not stop root; the immutable attribute
/// does), and makes it writable again when dropped.
struct ReadOnlyFolder {
    path: std::path::PathBuf,
    immutable: bool,
}

impl ReadOnlyFolder {
    /// `None`, with the reason, when no way to make it read-only works here.
    fn new(path: &Path) -> Result<ReadOnlyFolder, String> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(path).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
        let mut folder = ReadOnlyFolder {
            path: path.to_owned(),
            immutable: false,
        };
        if folder.is_writable() {
            let made_immutable = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .is_ok_and(|s| s.success());
            folder.immutable = made_immutable;
            if !made_immutable || folder.is_writable() {
                return Err(
                    "running as root, where chmod does not stop writes, and chattr +i is not available"
                        .to_owned(),
                );
            }
        }
        Ok(folder)
    }

    fn is_writable(&self) -> bool {
        let probe = self.path.join("probe");
        let writable = std::fs::write(&probe, b"").is_ok();
        let _ = std::fs::remove_file(&probe);
        writable
    }
}

impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.path)
                .status();
        }
        let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_read_only_output_folder_fails_each_document_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), &doc("A"));
    write(&dir.path().join("in/b.txt"), &doc("B"));
    let read_only = match ReadOnlyFolder::new(&dir.path().join("out")) {
        Ok(folder) => folder,
        Err(reason) => {
            eprintln!(
                "skipped: a_read_only_output_folder_fails_each_document_with_one_line: {reason}"
            );
            return;
        }
    };
    let out = run_cli_in(dir.path(), &["convert", "in", "-o", "out", "--to", FORMATS]);
    let listing = output_names(&dir.path().join("out"));
    drop(read_only);
    assert_eq!(out.status.code(), Some(1));
    let errors = sorted(error_lines(&out));
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].starts_with("error: cannot write out/manifest.json: "),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("error: in/a.txt: cannot write out/a."),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].starts_with("error: in/b.txt: cannot write out/b."),
        "{}",
        errors[2]
    );
    assert!(listing.is_empty(), "{listing:?}");
}

#[test]
fn an_output_folder_inside_the_input_folder_is_never_read_back() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), &doc("A"));
    let entries: [(&str, &[u8]); 1] = [("p.txt", &doc("P"))];
    write(&dir.path().join("in/pages.zip"), &zip_of(&entries));
    for expected in [
        "2 converted, 0 failed",
        "2 converted (2 already up to date)",
    ] {
        let out = run_cli_in(
            dir.path(),
            &["convert", "in", "-o", "in/out", "--to", FORMATS],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains(expected), "{}", stdout(&out));
    }
    // Outputs named like inputs (a .json, a .md) are not picked up either.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("in/out/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["totals"]["documents"], 2);
    // And the output folder may not be the input folder itself: outputs would replace inputs.
    let out = run_cli_in(dir.path(), &["convert", "in", "-o", "in", "--to", "txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        error_lines(&out),
        vec![
            "error: in: the output folder is this input folder: outputs would replace inputs (choose another -o)"
        ]
    );
    assert!(!dir.path().join("in/manifest.json").exists());
    assert_eq!(
        std::fs::read(dir.path().join("in/a.txt")).unwrap(),
        doc("A")
    );
}
