//! Exports to the tools researchers analyse with. Offsets are chars
//! (Unicode scalar values), end exclusive, in every format; see `DESIGN.md`.

pub mod csv;
pub mod w3c;

use std::path::Path;

use super::IoError;
use crate::model::Project;

/// An export format, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One row per coded segment.
    Csv,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// brat standoff.
    Brat,
    /// REFI-QDA project.
    Qdpx,
    /// REFI-QDA codebook.
    Qdc,
    /// Self-contained HTML report.
    Html,
    /// Markdown, grouped by code.
    Md,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "csv" => Self::Csv,
            "w3c" => Self::W3c,
            "brat" => Self::Brat,
            "qdpx" => Self::Qdpx,
            "qdc" => Self::Qdc,
            "html" => Self::Html,
            "md" => Self::Md,
            other => {
                return Err(format!(
                    "unknown format {other:?} (csv, w3c, brat, qdpx, qdc, html, md)"
                ));
            }
        })
    }
}

/// Options shared by the exporters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// CSV only: start with a UTF-8 BOM so that Excel reads CJK correctly.
    pub csv_bom: bool,
}

/// Export `project` as `format` to `out`, atomically: the whole file is
/// built in memory first, so on error nothing is written and an existing
/// file is left as it was.
pub fn export(
    project: &Project,
    format: Format,
    out: &Path,
    options: ExportOptions,
) -> Result<(), IoError> {
    match format {
        Format::Csv => self::csv::export(project, out, options.csv_bom),
        Format::W3c => w3c::export(project, out),
        Format::Brat | Format::Qdpx | Format::Qdc | Format::Html | Format::Md => {
            Err(IoError::Unsupported {
                path: out.to_owned(),
                message: format!("export to {format:?} is not yet supported"),
            })
        }
    }
}
