//! `templates`: the built-in templates listed, or one exported as an editable folder.

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::TemplatesCommand;
use crate::t;
use crate::template;

pub(in crate::cli) fn run(action: Option<TemplatesCommand>) -> Outcome {
    match action {
        Some(TemplatesCommand::Export { name, dir }) => {
            let path = template::export_builtin(&name, &dir)?;
            println!("{}", t!("templates-exported", name = name.as_str(), file = path.display().to_string()));
        }
        None => {
            for (name, desc) in template::builtins() {
                let mark = if name == template::DEFAULT_TEMPLATE {
                    format!(" {}", t!("templates-default"))
                } else {
                    String::new()
                };
                println!("{name}{mark}\n    {desc}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
