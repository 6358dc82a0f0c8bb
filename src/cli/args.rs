//! The command line, as clap derive structs. The doc comments are the help
//! text; `pizhu --help` and `pizhu COMMAND --help` show them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::io::export::Format;

/// Pizhu (批注): close reading and qualitative coding of texts, Chinese first.
///
/// Without a command, opens the app: on FILE (a document: text in any
/// encoding, HTML, DOCX, EPUB or PDF; or a .pizhu.ron project), or on the bundled 1998 China–Russia declaration.
/// The commands work headless, on project files.
#[derive(Debug, Parser)]
#[command(
    name = "pizhu",
    version,
    // `pizhu FILE` and `pizhu COMMAND …` share the first position: a word
    // that names a command is the command, anything else is FILE.
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 success, 1 bad input or failed check (the message names the file), 2 usage error."
)]
pub(super) struct Cli {
    /// A document or a .pizhu.ron project to open in the app.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// A headless command.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Create a project from documents: text (UTF-8, UTF-16, GB18030, Big5…), HTML, DOCX, EPUB, PDF.
    ///
    /// The format is recognised from the content, then the extension. Text
    /// comes in any encoding, detected; HTML, DOCX, EPUB and PDF give their
    /// text as paragraphs separated by blank lines (EPUB chapters in reading
    /// order, PDF pages in order). A PDF needs a text layer: run OCR on a
    /// scan first; an encrypted PDF must be unlocked first. Starts with the declaration's codebook when a document is the bundled
    /// declaration, else with an empty codebook. An existing PROJECT is
    /// replaced, and kept as PROJECT.bak.
    New {
        /// The project file to write (e.g. study.pizhu.ron); its name gives the project's.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// A document to add (text, .html, .docx, .epub, .pdf); repeat for several.
        #[arg(long = "doc", value_name = "FILE", required = true)]
        docs: Vec<PathBuf>,
    },
    /// Annotate the first (or every) occurrence of a quote with a code.
    Tag(TagArgs),
    /// Export the annotations to another tool's format.
    Export(ExportArgs),
    /// Import annotations from another tool (REFI-QDA, brat, W3C).
    ///
    /// Adds the file's documents (matched to the project's by their text),
    /// codes (matched by name) and annotations; creates PROJECT when it does
    /// not exist. What cannot be imported is listed on stderr and skipped.
    Import {
        /// The project to add the annotations to.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// The format of FILE.
        #[arg(long, value_enum, value_name = "FMT", ignore_case = true)]
        format: ImportFormat,
        /// The file to import: a .qdpx, a brat directory (or one of its .ann files), a W3C .json.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Counts per code and document (segments and characters), and code co-occurrence.
    Stats {
        /// The project.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
        /// Co-occurrence of segments at most N characters apart, instead of overlapping ones.
        #[arg(long, value_name = "N")]
        within: Option<usize>,
    },
    /// Validate a project: exit 0 if it is sound as written, 1 with the reasons if not.
    Check {
        /// The project.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
    },
    /// Combine annotators' projects of the same documents (matched by text).
    ///
    /// Keeps every annotation with its author; unifies codes by name. Conflicts
    /// (codes of one name with different colours, parents, descriptions or
    /// shortcuts; codes sharing an id; different annotations sharing an id; a
    /// document whose text differs) are reported on stderr and settled without
    /// losing anything: the first project's code attributes win, both
    /// annotations are kept. OUT is written atomically (an existing one is kept
    /// as OUT.bak).
    Merge {
        /// The merged project to write.
        #[arg(value_name = "OUT")]
        out: PathBuf,
        /// The projects to merge (two or more).
        #[arg(value_name = "PROJECT", num_args = 2.., required = true)]
        projects: Vec<PathBuf>,
        /// Treat any conflict as an error: exit 1 and write nothing.
        #[arg(long)]
        strict: bool,
    },
    /// Inter-annotator agreement: percent, Cohen's κ, Krippendorff's α.
    ///
    /// Between the authors of the annotations, per document and pooled, per
    /// code and overall, at the character level (unit: one non-whitespace
    /// character) and the segment level (unit: a coded passage; segments sharing
    /// at least half of the longer one are the same passage). See
    /// docs/agreement.md.
    Agree {
        /// The project.
        #[arg(value_name = "PROJECT")]
        project: PathBuf,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
}

/// `pizhu tag`.
#[derive(Debug, Args)]
pub(super) struct TagArgs {
    /// The project to annotate (rewritten atomically; the previous file is kept as PROJECT.bak).
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// The document, by name or id.
    #[arg(long, value_name = "NAME")]
    pub doc: String,
    /// The exact text to annotate (within the document's line breaks).
    // Quotes and notes may start with "-": they are values, not flags.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub quote: String,
    /// The code, by name or id; a new name creates the code.
    #[arg(long, value_name = "CODE")]
    pub code: String,
    /// A note for the new annotations.
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "",
        allow_hyphen_values = true
    )]
    pub note: String,
    /// Annotate every occurrence, not just the first.
    #[arg(long)]
    pub all: bool,
}

/// `pizhu export`.
#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// The project to export.
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// The format to write.
    #[arg(long, value_enum, value_name = "FMT", ignore_case = true)]
    pub format: ExportFormat,
    /// The file to write (replaced atomically).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// CSV only: start with a UTF-8 byte order mark, so that Excel reads Chinese correctly.
    #[arg(long)]
    pub bom: bool,
}

/// The formats `pizhu export` writes; mirrors [`Format`] so that clap can
/// list them in the help and refuse others as a usage error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ExportFormat {
    /// One row per coded segment (offsets in characters).
    Csv,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// brat standoff (.txt + .ann).
    Brat,
    /// REFI-QDA project (QDA Miner, MAXQDA, NVivo, ATLAS.ti, QualCoder).
    Qdpx,
    /// REFI-QDA codebook.
    Qdc,
    /// Self-contained HTML report.
    Html,
    /// Markdown, grouped by code.
    Md,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Csv => Self::Csv,
            ExportFormat::W3c => Self::W3c,
            ExportFormat::Brat => Self::Brat,
            ExportFormat::Qdpx => Self::Qdpx,
            ExportFormat::Qdc => Self::Qdc,
            ExportFormat::Html => Self::Html,
            ExportFormat::Md => Self::Md,
        }
    }
}

/// The formats `pizhu import` will read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ImportFormat {
    /// REFI-QDA project.
    Qdpx,
    /// brat standoff.
    Brat,
    /// W3C Web Annotation JSON-LD.
    W3c,
}
