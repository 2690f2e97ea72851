//! Per-document stages, one benchmark each, on the shipped seed document (a typical 25 KB wiki
//! session page): reading (decode and split), clean, extract, the whole of `normalise`, every
//! renderer, and the batch's own per-document costs (input hash, atomic write).
//!
//! ```text
//! cargo bench --bench stages                 # all
//! cargo bench --bench stages -- render/      # only the renderers
//! ```
//! BENCHMARKS.md turns these into the per-stage breakdown. A renderer that fails (a stub) is
//! reported and skipped, not benchmarked.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rapporteur::ingest::{self, Input, Read};
use rapporteur::model::Source;
use rapporteur::{FontSet, Format, IngestOptions, RenderContext, Style, normalise, render};

fn seed() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs/seed.txt");
    std::fs::read(&path).expect("inputs/seed.txt ships with the project")
}

fn stages(c: &mut Criterion) {
    let bytes = seed();
    let path = Some("inputs/seed.txt");
    let input = Input {
        bytes: &bytes,
        path,
    };
    let reader = ingest::detect(&input, None).expect("the text reader accepts any text");
    let read = |input: &Input| {
        let mut warnings = Vec::new();
        match reader.read(input, &mut warnings) {
            Ok(Read::Raw(raw)) => raw,
            other => panic!("the seed reads as raw text, not {other:?}"),
        }
    };
    c.bench_function("ingest/read", |b| b.iter(|| read(black_box(&input))));

    let raw = read(&input);
    c.bench_function("clean", |b| {
        b.iter_batched(
            || raw.clone(),
            |raw| rapporteur::clean::clean(raw, false),
            BatchSize::SmallInput,
        )
    });

    let cleaned = rapporteur::clean::clean(raw.clone(), false);
    let source = Source {
        path: path.map(str::to_owned),
        format: reader.name().to_owned(),
        sha256: rapporteur::sha256_hex(&bytes),
    };
    c.bench_function("extract", |b| {
        b.iter_batched(
            || (cleaned.clone(), source.clone()),
            |(cleaned, source)| rapporteur::extract::extract(cleaned, source),
            BatchSize::SmallInput,
        )
    });

    let options = IngestOptions {
        source_path: path.map(str::to_owned),
        ..IngestOptions::default()
    };
    c.bench_function("normalise (read + clean + extract)", |b| {
        b.iter(|| normalise(black_box(&bytes), &options))
    });

    let session = normalise(&bytes, &options).expect("the seed normalises");
    let style = Style::built_in("default").expect("the default style parses");
    let fonts = FontSet::embedded();
    let cx = RenderContext {
        style: &style,
        fonts: &fonts,
        timestamp: 0,
        wrap: None,
    };
    for format in Format::ALL {
        if let Err(error) = render(&session, format, &cx) {
            eprintln!("render/{format}: skipped, the renderer fails: {error}");
            continue;
        }
        c.bench_function(&format!("render/{format}"), |b| {
            b.iter(|| render(black_box(&session), format, &cx))
        });
    }

    c.bench_function("batch/sha256 of the input", |b| {
        b.iter(|| rapporteur::sha256_hex(black_box(&bytes)))
    });
    let folder = tempfile::tempdir().expect("a temporary folder");
    let target = folder.path().join("out.md");
    let output = render(&session, Format::Md, &cx)
        .expect("Markdown renders")
        .bytes;
    c.bench_function("batch/atomic write of one output", |b| {
        b.iter(|| rapporteur::batch::sink::write_atomic(&target, black_box(&output)))
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
