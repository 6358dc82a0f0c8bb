//! `pizhu export PROJECT --format FMT --out PATH [--bom]`.

use anyhow::{Result, bail};

use super::args::{ExportArgs, ExportFormat};
use super::{say, warn_repaired};
use crate::io::export::{ExportOptions, export};
use crate::io::project_file;
use crate::t;

/// Load the project and write it in the chosen format.
pub(super) fn run(args: &ExportArgs) -> Result<()> {
    let loaded = project_file::load(&args.project)?;
    warn_repaired(&args.project, &loaded.repaired);
    // A slip of the keyboard must not overwrite the project with its export.
    if let (Ok(project), Ok(out)) = (args.project.canonicalize(), args.out.canonicalize())
        && project == out
    {
        bail!(t!(
            "cli-export-over-project",
            path = args.out.display().to_string()
        ));
    }
    let options = ExportOptions {
        csv_bom: args.bom && args.format == ExportFormat::Csv,
    };
    export(&loaded.project, args.format.into(), &args.out, options)?;
    say(t!(
        "cli-export-done",
        annotations = t!(
            "cli-n-annotations",
            count = loaded.project.annotations().len()
        ),
        path = args.out.display().to_string()
    ));
    Ok(())
}
