//! Command-line arguments (clap derive). Help texts carry worked examples.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rapporteur::ingest::DEFAULT_MAX_BYTES;
use rapporteur::render::DEFAULT_TIMESTAMP;

const MAIN_EXAMPLES: &str = "\
Examples:
  rapporteur                                   convert every document in inputs/ into outputs/
  rapporteur convert report.txt -o out         PDF, DOCX, Markdown, text and JSON of one file
  rapporteur convert notes/ --style large-print --to pdf,docx
                                               accessible large-print versions of a folder
  rapporteur inspect report.txt                what was recognised, and what was dropped

Exit status: 0 all converted, 1 some document failed, 2 usage or setup error.";

const CONVERT_EXAMPLES: &str = "\
Examples:
  rapporteur convert inputs/seed.txt -o outputs
  rapporteur convert reports/ -o out --to pdf,txt --jobs 2
  rapporteur convert minutes.txt --style large-print --paper letter -o large
  cat notes.txt | rapporteur convert - --to md -o -      Markdown on standard output

Outputs are OUT/<path inside the input folder>/<name>.<format>, each written to a temporary file
and renamed into place. Exit status: 0 all converted, 1 some document failed, 2 usage or setup
error. SOURCE_DATE_EPOCH sets the date written into PDF and DOCX metadata (default 2000-01-01).";

const INSPECT_EXAMPLES: &str = "\
Examples:
  rapporteur inspect inputs/seed.txt          title, people, counts, what was removed and why
  rapporteur inspect --json inputs/seed.txt   the model as JSON (schema rapporteur/session/v1)
  rapporteur inspect --keep-boilerplate page.txt";

const MERGE_EXAMPLES: &str = "\
Example:
  rapporteur manifest merge out/manifest-*-of-4.json -o out/manifest.json

Exit status: 0 merged and every document converted, 1 some document failed or the manifests do
not belong together, 2 usage error.";

/// Turn session documents into accessible PDF, DOCX, Markdown, plain text and JSON.
///
/// Rapporteur reads session reports, wiki pages, rapporteur templates and transcripts, recovers
/// one model (title, people, questions, sections, key points, and an audit of the boilerplate it
/// removed), and renders it to every format at once. With no arguments it converts inputs/ into
/// outputs/.
#[derive(Debug, Parser)]
#[command(name = "rapporteur", version, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// What to do; with none, `convert inputs -o outputs`.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// When to colour `error:` and `warning:` (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Say more: every output file written.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard error is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert documents, folders of documents or standard input into every output format.
    ///
    /// Each document is read, cleaned of site chrome, turned into the session model and rendered
    /// to the chosen formats in parallel. A document that fails gets one error line naming it and
    /// the reason; the others still convert.
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
    /// Show the model recovered from one document.
    ///
    /// Without --json, a short summary for people: title, people, counts and every removed line
    /// with the rule that removed it. With --json, the model exactly as `convert` writes it.
    #[command(after_help = INSPECT_EXAMPLES)]
    Inspect(InspectArgs),
    /// List the input readers and output renderers with their file extensions.
    #[command(after_help = "Examples:\n  rapporteur formats\n  rapporteur formats | grep pdf")]
    Formats,
    /// List the built-in styles, or print one as TOML to start a custom style.
    ///
    /// A custom style only needs the keys it changes; every other key comes from the default
    /// style. Use it with `convert --style my-style.toml`.
    #[command(after_help = STYLES_EXAMPLES)]
    Styles(StylesArgs),
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    #[command(
        after_help = "Examples:\n  rapporteur man > rapporteur.1\n  rapporteur man | man -l -"
    )]
    Man,
    /// Audit PDF, DOCX, Markdown or text files against the accessibility rules.
    ///
    /// Each file, ours or anyone's, is checked against the rules of its format (tagging, language,
    /// title, one H1, no skipped heading levels, real lists, embedded fonts, the accessible-text
    /// profile, …). Every finding is one line with a rule id and, where possible, a page,
    /// paragraph or line; `--list-rules` prints the rule table.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Print the JSON Schema of the session model (rapporteur/session/v1).
    #[command(after_help = "Examples:\n  rapporteur schema > session-v1.schema.json")]
    Schema,
    /// Work with batch manifests (OUT/manifest.json).
    Manifest(ManifestArgs),
}

const STYLES_EXAMPLES: &str = "\
Examples:
  rapporteur styles                              the built-in styles
  rapporteur styles --show large-print           one style as TOML
  rapporteur styles --show default > mine.toml   then edit, and: convert --style mine.toml";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  rapporteur completions bash > ~/.local/share/bash-completion/completions/rapporteur
  rapporteur completions zsh > ~/.zfunc/_rapporteur
  rapporteur completions fish > ~/.config/fish/completions/rapporteur.fish";

const CHECK_EXAMPLES: &str = "\
Examples:
  rapporteur check outputs/seed.pdf outputs/seed.docx   audit two files, one line per finding
  rapporteur check --json outputs/*.md                  a summary for scripts on standard output
  rapporteur check --as txt notes                       a file whose name does not say its format
  rapporteur check --list-rules                         every rule id and what it checks

Exit status: 0 every file passed, 1 a rule failed or a file could not be read, 2 usage error.";

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to audit; the format comes from the content (PDF, DOCX) or the extension (.md, .txt).
    #[arg(value_name = "FILE", required_unless_present = "list_rules")]
    pub files: Vec<PathBuf>,
    /// Audit every file as this format: pdf, docx, md or txt.
    #[arg(long = "as", value_name = "FORMAT")]
    pub kind: Option<String>,
    /// Print a machine-readable summary on standard output (finding lines go to standard error).
    #[arg(long)]
    pub json: bool,
    /// Print the rule table (id, severity, what it checks) and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// Arguments of `styles`.
#[derive(Debug, Args)]
pub struct StylesArgs {
    /// Print this built-in style as TOML.
    #[arg(long, value_name = "NAME")]
    pub show: Option<String>,
}

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Files or folders to convert (folders are searched recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output folder; `-` writes the single requested format of a single document to standard
    /// output.
    #[arg(short, long, value_name = "DIR", default_value = "outputs")]
    pub output: PathBuf,
    /// Output formats, comma separated.
    #[arg(
        long,
        value_name = "FORMATS",
        value_delimiter = ',',
        default_value = "pdf,docx,md,txt,json"
    )]
    pub to: Vec<String>,
    #[command(flatten)]
    pub render: RenderArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Worker threads (default: every core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Print a machine-readable summary on standard output (human lines go to standard error).
    #[arg(long)]
    pub json: bool,
    /// Print only errors and warnings.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub batch: BatchArgs,
}

/// How a batch runs: resuming, sharding, archive limits.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Convert every document again, even those that OUT/manifest.json shows are up to date.
    #[arg(long)]
    pub force: bool,
    /// Convert only shard K of N (by a stable hash of archive and entry names), writing
    /// OUT/manifest-K-of-N.json; `auto` reads the shard from JOB_COMPLETION_INDEX (Kubernetes),
    /// SLURM_ARRAY_TASK_ID (Slurm) or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch).
    #[arg(long, value_name = "K/N|auto")]
    pub shard: Option<String>,
    /// The number of shards, for `--shard auto` where the scheduler does not say.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub shards: Option<u32>,
    /// Refuse archives with more entries than this.
    #[arg(long, value_name = "N", default_value_t = rapporteur::batch::source::DEFAULT_MAX_ENTRIES)]
    pub max_entries: u64,
    /// Refuse archives that expand to more than this many bytes in total.
    #[arg(long, value_name = "BYTES", default_value_t = rapporteur::batch::source::DEFAULT_MAX_ARCHIVE_BYTES)]
    pub max_archive_bytes: u64,
    /// Refuse entries and compressed streams over 1 MiB that expand more than this many times.
    #[arg(long, value_name = "RATIO", default_value_t = rapporteur::batch::source::DEFAULT_MAX_RATIO)]
    pub max_ratio: u64,
}

/// Arguments of `manifest`.
#[derive(Debug, Args)]
pub struct ManifestArgs {
    /// What to do with manifests.
    #[command(subcommand)]
    pub command: ManifestCommand,
}

/// The `manifest` subcommands.
#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Join the manifests of all shards of a batch into one manifest.
    ///
    /// Refuses a missing or repeated shard, shards run with different options, and a document
    /// found in two shards.
    #[command(after_help = MERGE_EXAMPLES)]
    Merge(MergeArgs),
}

/// Arguments of `manifest merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shard manifests (manifest-K-of-N.json).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write the merged manifest (default: manifest.json beside the first file).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// How outputs look.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Style: a built-in name (default, large-print, high-contrast) or a TOML file.
    #[arg(long, value_name = "NAME|FILE", default_value = "default")]
    pub style: String,
    /// Paper size, overriding the style's.
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Hard-wrap the text output at N characters (off by default: screen readers and braille
    /// displays wrap for themselves).
    #[arg(long, value_name = "N")]
    pub wrap: Option<usize>,
    /// Seconds since 1970 written as the creation date of PDF and DOCX files.
    #[arg(long, env = "SOURCE_DATE_EPOCH", value_name = "SECONDS", default_value_t = DEFAULT_TIMESTAMP, hide_default_value = false)]
    pub source_date_epoch: i64,
}

/// How inputs are read.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Input format, instead of detecting it: text, json.
    #[arg(long, value_name = "FORMAT")]
    pub from: Option<String>,
    /// Run the boilerplate rules but keep what they match (still listed as removed).
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Refuse documents larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Arguments of `inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The document to inspect; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print the model as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Paper sizes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 inches.
    Letter,
}
