//! `render`: drafts, one PDF per record and/or a print file (not signed, not numbered).

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::RenderArgs;
use crate::cli::report::{self, Bar};
use crate::run::render::{self, RenderRequest};
use crate::run::{self, Variables};
use crate::t;
use crate::viet::Date;

pub(in crate::cli) fn run(a: RenderArgs, today: Date) -> Outcome {
    let loaded = run::load(&a.input.to_input(a.output.name.as_deref()), today)?;
    report::print_loaded(&loaded);
    // A draft may print a placeholder (it shows where the issuer's text goes), but not a
    // programme nobody gave: there is nothing to print in its place.
    let variables = Variables::of(&loaded);
    report::print_variables(&variables, true);
    if !variables.missing.is_empty() {
        eprintln!("{}", t!("var-missing-refused-render"));
        return Ok(report::refused());
    }
    let (out, merged) = (a.output.out.clone(), a.output.merged.clone());
    let request = RenderRequest { loaded, settings: a.output.settings(), grid: a.grid, out, merged };
    let r = render::render(request, &Bar::new(a.output.quiet))?;
    let Some(w) = r.written else {
        eprintln!("{}", t!("var-missing-refused-render"));
        return Ok(report::refused());
    };
    for p in &w.skipped {
        report::print_problem(p);
    }
    report::print_notes(&w.notes, &w.shrunk);
    let pdfa = if w.pdf_a { "PDF/A-2b" } else { "PDF" };
    let n = w.files();
    let line = match (&a.output.out, &w.merged) {
        (Some(dir), None) => t!("render-wrote-dir", n = n, pdfa = pdfa, dir = dir.display().to_string()),
        (Some(dir), Some(m)) => t!(
            "render-wrote-dir-merged",
            n = n,
            pdfa = pdfa,
            dir = dir.display().to_string(),
            merged = m.as_str()
        ),
        (None, Some(m)) => t!("render-wrote-merged", n = w.merged_pages, pdfa = pdfa, merged = m.as_str()),
        (None, None) => t!("render-wrote-nothing"),
    };
    print!("{line}");
    if w.skipped_records > 0 {
        println!("; {}", t!("summary-skipped", n = w.skipped_records));
        return Ok(ExitCode::from(report::SOME_SKIPPED));
    }
    println!();
    Ok(ExitCode::SUCCESS)
}
