//! Batches (issue 5): folders, zip, tar and tar.gz inputs and their mixes, output layout,
//! collisions, the manifest and `--json`, resuming, interruption, and sharding.
//!
//! Archives are built here with the zip and tar crates, never committed. Formats are md, txt and
//! json, the ones that must always succeed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{run_cli_in, seed};

pub const FORMATS: &str = "md,txt,json";

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A short session document with its own title, so outputs can be told apart.
pub fn doc(title: &str) -> Vec<u8> {
    format!("{title}\n\nModerator: Ana Silva, Chair, Example Org\n\nWe met about {title}.\n")
        .into_bytes()
}

/// A zip of (name, bytes) entries, deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A tar header for a regular file, with its name written as raw bytes (the tar crate's own
/// setters refuse `..` and absolute names, which hostile tests need).
pub fn tar_header(name: &str, size: u64, kind: tar::EntryType) -> tar::Header {
    let mut header = tar::Header::new_old();
    let field = &mut header.as_old_mut().name;
    field.fill(0);
    field[..name.len()].copy_from_slice(name.as_bytes());
    header.set_size(size);
    header.set_mode(0o644);
    header.set_entry_type(kind);
    header.set_cksum();
    header
}

/// A tar of (name, bytes) regular entries.
pub fn tar_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in entries {
        let header = tar_header(name, bytes.len() as u64, tar::EntryType::Regular);
        builder.append(&header, *bytes).unwrap();
    }
    builder.into_inner().unwrap()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Runs `rapporteur convert INPUTS... -o out --to md,txt,json EXTRA...` in `dir`.
pub fn convert(dir: &Path, inputs: &[&str], extra: &[&str]) -> Output {
    convert_into(dir, inputs, "out", extra)
}

/// As [`convert`], into another output folder.
pub fn convert_into(dir: &Path, inputs: &[&str], out: &str, extra: &[&str]) -> Output {
    let mut args = vec!["convert"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["-o", out, "--to", FORMATS]);
    args.extend_from_slice(extra);
    run_cli_in(dir, &args)
}

pub fn error_lines(out: &Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_owned)
        .collect()
}

/// Every file under `dir`, relative, sorted, with its bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn visit(root: &Path, dir: &Path, found: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(root, &path, found);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                found.push((
                    relative.to_string_lossy().replace('\\', "/"),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    let mut found = Vec::new();
    if dir.exists() {
        visit(dir, dir, &mut found);
    }
    found.sort();
    found
}

/// The names in `tree(dir)`, without the manifests.
pub fn output_names(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|n| !n.starts_with("manifest"))
        .collect()
}

pub fn manifest(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn origins(manifest: &serde_json::Value) -> Vec<String> {
    manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["origin"].as_str().unwrap().to_owned())
        .collect()
}

/// A folder `in/` with two documents and a picture, plus `pages.zip`, `minutes.tar` and
/// `reports.tgz`, each with a nested document and a non-document.
fn mixed_inputs(dir: &Path) {
    write(&dir.join("in/a.txt"), &doc("Folder A"));
    write(&dir.join("in/deep/b.md"), &doc("Folder B"));
    write(&dir.join("in/logo.png"), b"\x89PNG\r\n\x1a\n");
    let entries: [(&str, &[u8]); 3] = [
        ("index.txt", &doc("Archive index")),
        ("2019/day1/notes.txt", &doc("Archive day one")),
        ("img/photo.jpg", b"\xff\xd8\xff"),
    ];
    write(&dir.join("pages.zip"), &zip_of(&entries));
    write(&dir.join("minutes.tar"), &tar_of(&entries));
    write(&dir.join("reports.tgz"), &gzip(&tar_of(&entries)));
}

#[test]
fn folders_zip_tar_and_tgz_mix_keep_each_documents_path() {
    let dir = tempfile::tempdir().unwrap();
    mixed_inputs(dir.path());
    let out = convert(
        dir.path(),
        &["in", "pages.zip", "minutes.tar", "reports.tgz"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut expected = Vec::new();
    for stem in [
        "in/a",
        "in/deep/b",
        "pages/index",
        "pages/2019/day1/notes",
        "minutes/index",
        "minutes/2019/day1/notes",
        "reports/index",
        "reports/2019/day1/notes",
    ] {
        for ext in ["json", "md", "txt"] {
            expected.push(format!("{stem}.{ext}"));
        }
    }
    expected.sort();
    assert_eq!(output_names(&dir.path().join("out")), expected);
    let text = std::fs::read_to_string(dir.path().join("out/reports/2019/day1/notes.txt")).unwrap();
    assert!(text.starts_with("# Archive day one"), "{text}");
    assert!(
        stdout(&out).contains("8 converted, 0 failed, 4 skipped"),
        "non-documents are counted, not failed: {}",
        stdout(&out)
    );
}

#[test]
fn an_archive_inside_a_folder_is_read_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let entries: [(&str, &[u8]); 1] = [("page.txt", &doc("Inside"))];
    write(&dir.path().join("in/2019/pages.zip"), &zip_of(&entries));
    write(&dir.path().join("in/2019/page.txt"), &doc("Beside"));
    let out = convert(dir.path(), &["in"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names = output_names(&dir.path().join("out"));
    assert!(
        names.contains(&"2019/pages/page.md".to_owned()),
        "{names:?}"
    );
    assert!(names.contains(&"2019/page.md".to_owned()), "{names:?}");
}

#[test]
fn a_remaining_collision_is_an_error_for_that_document_only() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/notes.md"), &doc("First meeting notes"));
    write(
        &dir.path().join("in/notes.txt"),
        &doc("Second meeting notes"),
    );
    write(&dir.path().join("in/other.txt"), &doc("Other"));
    let out = convert(dir.path(), &["in"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&out),
        vec!["error: in/notes.txt: output out/notes would overwrite the output of in/notes.md"]
    );
    let kept = std::fs::read_to_string(dir.path().join("out/notes.txt")).unwrap();
    assert!(
        kept.starts_with("# First meeting notes"),
        "the first owner keeps it: {kept}"
    );
    assert!(dir.path().join("out/other.txt").is_file());
}

#[test]
fn a_document_named_manifest_cannot_overwrite_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/manifest.txt"), &doc("Called manifest"));
    write(&dir.path().join("in/ok.txt"), &doc("Fine"));
    let out = convert(dir.path(), &["in"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        error_lines(&out),
        vec![
            "error: in/manifest.txt: output out/manifest would overwrite the output of the batch manifest"
        ]
    );
    let manifest = manifest(&dir.path().join("out/manifest.json"));
    assert_eq!(manifest["schema"], "rapporteur/manifest/v1");
}

#[test]
fn the_manifest_records_every_document_and_json_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    mixed_inputs(dir.path());
    write(&dir.path().join("in/bad.txt"), b"GIF89a\x01\x00\x00\x00");
    let out = convert(dir.path(), &["in", "pages.zip"], &["--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let file = std::fs::read(dir.path().join("out/manifest.json")).unwrap();
    assert_eq!(
        String::from_utf8(file.clone()).unwrap(),
        stdout(&out),
        "--json prints the manifest"
    );
    let manifest: serde_json::Value = serde_json::from_slice(&file).unwrap();
    let totals = &manifest["totals"];
    assert_eq!(totals["documents"], 5);
    assert_eq!(totals["converted"], 4);
    assert_eq!(totals["failed"], 1);
    assert_eq!(totals["skipped"], 2);
    let listed = origins(&manifest);
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "sorted by origin");

    let entry = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["origin"] == "pages.zip!2019/day1/notes.txt")
        .unwrap();
    assert_eq!(entry["archive"], "pages.zip");
    assert_eq!(entry["entry"], "2019/day1/notes.txt");
    assert_eq!(entry["status"], "converted");
    assert_eq!(
        entry["sha256"].as_str().unwrap(),
        rapporteur::sha256_hex(&doc("Archive day one"))
    );
    assert!(entry["seconds"].as_f64().unwrap() >= 0.0);
    let outputs = entry["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 3);
    for output in outputs {
        let path = dir
            .path()
            .join("out")
            .join(output["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(output["bytes"], bytes.len());
        assert_eq!(output["sha256"], rapporteur::sha256_hex(&bytes));
    }
    let bad = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["origin"] == "in/bad.txt")
        .unwrap();
    assert_eq!(bad["status"], "failed");
    assert_eq!(bad["error"], "not a text document (binary data at byte 6)");
}

#[test]
fn a_rerun_skips_what_is_done_and_redoes_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b", "c"] {
        write(&dir.path().join(format!("in/{name}.txt")), &doc(name));
    }
    let first = convert(dir.path(), &["in"], &[]);
    assert!(stdout(&first).contains("3 converted, 0 failed"));

    write(&dir.path().join("in/a.txt"), &doc("a, edited"));
    std::fs::remove_file(dir.path().join("out/b.md")).unwrap();
    let second = convert(dir.path(), &["in"], &["--json"]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let manifest: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    let status: Vec<(String, String)> = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["origin"].as_str().unwrap().to_owned(),
                d["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("in/a.txt", "converted"),
        ("in/b.txt", "converted"),
        ("in/c.txt", "unchanged"),
    ]
    .iter()
    .map(|(o, s)| ((*o).to_owned(), (*s).to_owned()))
    .collect();
    assert_eq!(status, expected);
    let a = std::fs::read_to_string(dir.path().join("out/a.txt")).unwrap();
    assert!(a.starts_with("# a, edited"), "{a}");
    assert!(dir.path().join("out/b.md").is_file());

    let forced = convert(dir.path(), &["in"], &["--force"]);
    assert!(
        stdout(&forced).contains("3 converted, 0 failed"),
        "{}",
        stdout(&forced)
    );
    // Other options (here, the formats) make other bytes: nothing is taken as up to date.
    let other_options = run_cli_in(dir.path(), &["convert", "in", "-o", "out", "--to", "md"]);
    assert!(
        stdout(&other_options).contains("3 converted, 0 failed"),
        "{}",
        stdout(&other_options)
    );
    let again = run_cli_in(dir.path(), &["convert", "in", "-o", "out", "--to", "md"]);
    assert!(
        stdout(&again).contains("3 converted (3 already up to date)"),
        "{}",
        stdout(&again)
    );
}

/// A folder of `count` documents, each different.
fn many_documents(dir: &Path, count: usize) {
    let seed = seed();
    for i in 0..count {
        let mut bytes = format!("Session number {i}\n\n").into_bytes();
        bytes.extend_from_slice(&seed);
        write(&dir.join(format!("in/d{i:04}.txt")), &bytes);
    }
}

/// Starts a conversion of `in/` and stops it with `signal` once the first outputs exist.
fn convert_and_stop(dir: &Path, signal: &str) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args([
            "convert", "in", "-o", "out", "--to", FORMATS, "--jobs", "1", "-q",
        ])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !dir.join("out/d0003.json").exists() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "no output after a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait_with_output().unwrap()
}

fn assert_no_partial_files(out: &Path, reference: &Path) {
    for (name, bytes) in tree(out) {
        assert!(!name.ends_with(".part"), "temporary file left: {name}");
        if name.starts_with("manifest") || name.contains(".journal") {
            continue;
        }
        let expected = std::fs::read(reference.join(&name)).unwrap();
        assert!(bytes == expected, "{name} is partial or wrong");
    }
}

#[test]
fn ctrl_c_stops_cleanly_and_the_rerun_resumes() {
    let dir = tempfile::tempdir().unwrap();
    many_documents(dir.path(), 300);
    let reference = tempfile::tempdir().unwrap();
    many_documents(reference.path(), 300);
    let full = convert(reference.path(), &["in"], &["-q"]);
    assert_eq!(full.status.code(), Some(0));

    let stopped = convert_and_stop(dir.path(), "-INT");
    assert_eq!(stopped.status.code(), Some(130), "{}", stderr(&stopped));
    assert!(
        stderr(&stopped).contains("interrupted"),
        "{}",
        stderr(&stopped)
    );
    assert_no_partial_files(&dir.path().join("out"), &reference.path().join("out"));
    let manifest = manifest(&dir.path().join("out/manifest.json"));
    assert_eq!(manifest["interrupted"], true);
    let done = manifest["totals"]["converted"].as_u64().unwrap();
    assert!(done > 0 && done < 300, "{done} of 300 done before the stop");

    let resumed = convert(dir.path(), &["in"], &[]);
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    assert!(
        stdout(&resumed).contains(&format!("300 converted ({done} already up to date)")),
        "{}",
        stdout(&resumed)
    );
    assert_eq!(
        tree(&dir.path().join("out"))
            .into_iter()
            .filter(|(n, _)| !n.starts_with("manifest"))
            .collect::<Vec<_>>(),
        tree(&reference.path().join("out"))
            .into_iter()
            .filter(|(n, _)| !n.starts_with("manifest"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_killed_run_leaves_no_partial_output_and_resumes_from_its_journal() {
    let dir = tempfile::tempdir().unwrap();
    many_documents(dir.path(), 300);
    let reference = tempfile::tempdir().unwrap();
    many_documents(reference.path(), 300);
    assert_eq!(
        convert(reference.path(), &["in"], &["-q"]).status.code(),
        Some(0)
    );

    let killed = convert_and_stop(dir.path(), "-KILL");
    assert_eq!(killed.status.code(), None, "killed by a signal");
    // A temporary file may be left by SIGKILL, but never a partial file under an output's name.
    for (name, bytes) in tree(&dir.path().join("out")) {
        if name.ends_with(".part") || name.contains(".journal") {
            continue;
        }
        let expected = std::fs::read(reference.path().join("out").join(&name)).unwrap();
        assert!(bytes == expected, "{name} is partial");
    }
    let resumed = convert(dir.path(), &["in"], &[]);
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    assert!(
        stdout(&resumed).contains("already up to date"),
        "the journal of the killed run is used: {}",
        stdout(&resumed)
    );
    assert_no_partial_files(&dir.path().join("out"), &reference.path().join("out"));
}

/// Inputs for the shard tests: a folder, a zip and a tar.gz, 30 documents in all.
fn shard_inputs(dir: &Path) {
    for i in 0..10 {
        write(
            &dir.join(format!("in/f{i}.txt")),
            &doc(&format!("Folder {i}")),
        );
    }
    let zip_docs: Vec<(String, Vec<u8>)> = (0..10)
        .map(|i| (format!("z/{i}.txt"), doc(&format!("Zip {i}"))))
        .collect();
    let zip_entries: Vec<(&str, &[u8])> = zip_docs
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    write(&dir.join("pages.zip"), &zip_of(&zip_entries));
    let tar_docs: Vec<(String, Vec<u8>)> = (0..10)
        .map(|i| (format!("t/{i}.md"), doc(&format!("Tar {i}"))))
        .collect();
    let tar_entries: Vec<(&str, &[u8])> = tar_docs
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    write(&dir.join("reports.tar.gz"), &gzip(&tar_of(&tar_entries)));
}

#[test]
fn shards_are_disjoint_cover_the_batch_and_match_a_single_run_byte_for_byte() {
    const SHARDS: u32 = 3;
    let dir = tempfile::tempdir().unwrap();
    shard_inputs(dir.path());
    let inputs = ["in", "pages.zip", "reports.tar.gz"];
    let single = convert_into(dir.path(), &inputs, "single", &[]);
    assert_eq!(single.status.code(), Some(0), "{}", stderr(&single));

    let mut seen: Vec<String> = Vec::new();
    let mut manifests = Vec::new();
    for k in 1..=SHARDS {
        let shard = format!("{k}/{SHARDS}");
        let out = convert(dir.path(), &inputs, &["--shard", &shard]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let path = dir
            .path()
            .join(format!("out/manifest-{k}-of-{SHARDS}.json"));
        let shard_origins = origins(&manifest(&path));
        assert!(!shard_origins.is_empty(), "shard {k} is empty");
        for origin in &shard_origins {
            assert!(!seen.contains(origin), "{origin} is in two shards");
        }
        seen.extend(shard_origins);
        manifests.push(path.to_string_lossy().into_owned());
    }
    let whole = manifest(&dir.path().join("single/manifest.json"));
    seen.sort();
    assert_eq!(seen, origins(&whole), "the shards' union is the batch");
    assert_eq!(seen.len(), 30);

    let mut merge = vec!["manifest", "merge"];
    merge.extend(manifests.iter().map(String::as_str));
    let merged = run_cli_in(dir.path(), &merge);
    assert_eq!(merged.status.code(), Some(0), "{}", stderr(&merged));
    let merged = manifest(&dir.path().join("out/manifest.json"));
    let without_timings = |m: &serde_json::Value| {
        let mut documents = m["documents"].clone();
        for d in documents.as_array_mut().unwrap() {
            d["seconds"] = serde_json::Value::Null;
        }
        documents
    };
    assert_eq!(without_timings(&merged), without_timings(&whole));
    assert_eq!(merged["totals"]["converted"], 30);

    let strip = |files: Vec<(String, Vec<u8>)>| {
        files
            .into_iter()
            .filter(|(n, _)| !n.starts_with("manifest"))
            .collect::<Vec<_>>()
    };
    let sharded = strip(tree(&dir.path().join("out")));
    let single = strip(tree(&dir.path().join("single")));
    assert_eq!(sharded.len(), 90);
    assert!(
        sharded == single,
        "sharded outputs differ from a single run"
    );
}

#[test]
fn merging_refuses_a_missing_shard() {
    let dir = tempfile::tempdir().unwrap();
    shard_inputs(dir.path());
    for k in [1, 3] {
        let shard = format!("{k}/3");
        convert(dir.path(), &["in"], &["--shard", &shard, "-q"]);
    }
    let out = run_cli_in(
        dir.path(),
        &[
            "manifest",
            "merge",
            "out/manifest-1-of-3.json",
            "out/manifest-3-of-3.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "error: shards [2] of 3 are missing; merge all of them"
    );
    assert!(!dir.path().join("out/manifest.json").exists());
}

fn run_with_environment(dir: &Path, args: &[&str], environment: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command.args(args).current_dir(dir);
    for variable in [
        "JOB_COMPLETION_INDEX",
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_COUNT",
        "AWS_BATCH_JOB_ARRAY_INDEX",
    ] {
        command.env_remove(variable);
    }
    command.envs(environment.iter().copied());
    command.output().unwrap()
}

#[test]
fn shard_auto_reads_kubernetes_slurm_and_aws_batch() {
    let dir = tempfile::tempdir().unwrap();
    shard_inputs(dir.path());
    let base = [
        "convert", "in", "-o", "out", "--to", "md", "-q", "--shard", "auto",
    ];
    for (environment, extra, manifest_name) in [
        (
            &[("JOB_COMPLETION_INDEX", "0")][..],
            &["--shards", "2"][..],
            "manifest-1-of-2.json",
        ),
        (
            &[
                ("SLURM_ARRAY_TASK_ID", "3"),
                ("SLURM_ARRAY_TASK_MIN", "1"),
                ("SLURM_ARRAY_TASK_COUNT", "4"),
            ][..],
            &[][..],
            "manifest-3-of-4.json",
        ),
        (
            &[("AWS_BATCH_JOB_ARRAY_INDEX", "4")][..],
            &["--shards", "5"][..],
            "manifest-5-of-5.json",
        ),
    ] {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        let out = run_with_environment(dir.path(), &args, environment);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{environment:?}: {}",
            stderr(&out)
        );
        assert!(
            dir.path().join("out").join(manifest_name).is_file(),
            "{environment:?}"
        );
    }
    let out = run_with_environment(dir.path(), &base, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("JOB_COMPLETION_INDEX"),
        "{}",
        stderr(&out)
    );
    let out = run_with_environment(dir.path(), &base, &[("JOB_COMPLETION_INDEX", "1")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--shards N"), "{}", stderr(&out));
}

#[test]
fn quiet_prints_nothing_when_all_is_well() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), &doc("Quiet"));
    let out = convert(dir.path(), &["in"], &["--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "");
}
