//! Builds a synthetic batch of N varied session documents from the shipped `inputs/`, for
//! benchmarks (see BENCHMARKS.md):
//!
//! ```text
//! cargo run --release --example make_corpus -- 10000 /tmp/corpus-10k
//! cargo run --release --example make_corpus -- 1000 /tmp/corpus.zip     # one zip archive
//! ```
//!
//! Each document takes a shipped input, keeps a varying share of its paragraphs (from a third to
//! all of them, so sizes vary), rotates them, renames it with a new title line, and is written as
//! plain text (70 %), Markdown (20 %) or our own JSON model (10 %, which skips clean and
//! extract, as such files do in real batches). Documents go 100 to a folder. The generator is
//! deterministic: the same N gives the same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rapporteur::{IngestOptions, normalise};

/// A small deterministic generator (64-bit LCG, Knuth's constants): no dependency, same corpus
/// on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOPICS: &[&str] = &[
    "Lessons learned from multistakeholder processes",
    "Capacity building in the Global South",
    "Securing critical infrastructure",
    "Accessible documents for all",
    "Data protection across borders",
    "Community networks and last-mile access",
    "Measuring the digital divide",
    "Content moderation at scale",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(target)) = (args.first(), args.get(1)) else {
        eprintln!("usage: make_corpus N DIR|FILE.zip");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("make_corpus: N must be a number, not {count:?}");
        return ExitCode::from(2);
    };
    match make(count, Path::new(target)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("make_corpus: {error}");
            ExitCode::FAILURE
        }
    }
}

fn make(count: usize, target: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let sources = shipped_inputs()?;
    let mut zip = match target.extension().and_then(|e| e.to_str()) {
        Some("zip") => Some(zip::ZipWriter::new(std::fs::File::create(target)?)),
        _ => None,
    };
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut random = Lcg(0x5eed);
    for index in 0..count {
        let source = &sources[random.below(sources.len())];
        let (name, bytes) = vary(index, source, &mut random)?;
        let relative = format!("batch-{:03}/{name}", index / 100);
        match zip.as_mut() {
            Some(zip) => {
                zip.start_file(relative, options)?;
                zip.write_all(&bytes)?;
            }
            None => {
                let path = target.join(relative);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(path, bytes)?;
            }
        }
    }
    if let Some(zip) = zip {
        zip.finish()?;
    }
    eprintln!("make_corpus: {count} documents in {}", target.display());
    Ok(())
}

/// The paragraphs of every shipped input.
fn shipped_inputs() -> Result<Vec<Vec<String>>, Box<dyn std::error::Error>> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut sources = Vec::new();
    for path in paths {
        let text = String::from_utf8_lossy(&std::fs::read(&path)?).into_owned();
        let paragraphs: Vec<String> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        if !paragraphs.is_empty() {
            sources.push(paragraphs);
        }
    }
    if sources.is_empty() {
        return Err(format!("no documents in {}", folder.display()).into());
    }
    Ok(sources)
}

/// One varied document: its file name and bytes.
fn vary(
    index: usize,
    paragraphs: &[String],
    random: &mut Lcg,
) -> Result<(String, Vec<u8>), Box<dyn std::error::Error>> {
    let keep = (paragraphs.len() / 3).max(1) + random.below(paragraphs.len() * 2 / 3 + 1);
    let start = random.below(paragraphs.len());
    let body: Vec<&str> = (0..keep.min(paragraphs.len()))
        .map(|i| paragraphs[(start + i) % paragraphs.len()].as_str())
        .collect();
    let title = format!(
        "{} (session {})",
        TOPICS[random.below(TOPICS.len())],
        index + 1
    );
    let kind = random.below(10);
    let text = if kind < 7 {
        format!("{title}\n\n{}\n", body.join("\n\n"))
    } else {
        format!("# {title}\n\n{}\n", body.join("\n\n"))
    };
    if kind < 7 {
        return Ok((format!("session-{index:05}.txt"), text.into_bytes()));
    }
    if kind < 9 {
        return Ok((format!("session-{index:05}.md"), text.into_bytes()));
    }
    let session = normalise(text.as_bytes(), &IngestOptions::named("corpus.md"))?;
    Ok((
        format!("session-{index:05}.json"),
        serde_json::to_vec_pretty(&session)?,
    ))
}
