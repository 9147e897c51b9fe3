//! The work both command lines share. `smithy-codegen` (this crate's binary) and
//! `cargo xtask codegen` each describe a [`Job`]; [`Job::run`] reads the model file (and the rules
//! file, if any), generates, and reports the generator's warnings on stderr. Each front-end then
//! writes the files its own way: `smithy-codegen` writes them (or lists them), xtask keeps a
//! directory in sync with them or checks that it is.
//!
//! This is the only module that touches the filesystem, and it only reads: [`crate::generate`]
//! stays pure.

use std::path::{Path, PathBuf};

use crate::model::Read;
use crate::{generate_owned, rules::Rules, Config, Generated, Model, Runtime, Selection};

/// One crate to generate, as a command line asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The model: a Smithy JSON AST or a botocore service description.
    pub model: PathBuf,
    /// Operation names (shape names or ids); empty means every operation of the service.
    pub operations: Vec<String>,
    /// Every operation of the service, whatever `operations` says.
    pub all: bool,
    /// Cargo package name (default: `amazon-{sdkId}`).
    pub package: Option<String>,
    /// Documented rules for strict validation.
    pub rules: Option<PathBuf>,
    /// The crate is written outside the workspace (its manifest gets an empty `[workspace]`).
    pub standalone: bool,
    /// `[dev-dependencies]` lines for the generated manifest.
    pub dev_dependencies: Vec<String>,
    /// How the crate gets the shared runtime.
    pub runtime: Runtime,
}

impl Job {
    /// A job for every operation of `model`, with no rules, written inside a workspace.
    pub fn new(model: impl Into<PathBuf>) -> Job {
        Job {
            model: model.into(),
            operations: Vec::new(),
            all: false,
            package: None,
            rules: None,
            standalone: false,
            dev_dependencies: Vec::new(),
            runtime: Config::default().runtime,
        }
    }

    /// The operations to generate.
    pub fn selection(&self) -> Selection {
        if self.all || self.operations.is_empty() {
            Selection::All
        } else {
            Selection::Named(self.operations.clone())
        }
    }

    /// Reads the model and the rules, generates, and prints each of the generator's warnings to
    /// stderr (they stay in the result too). An error names the file it is about, its path as
    /// `show` displays it.
    pub fn run(&self, show: impl Fn(&Path) -> String) -> Result<Generated, String> {
        let read = |path: &Path| std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", show(path)));
        let bytes = read(&self.model)?;
        let rules = match &self.rules {
            None => None,
            Some(path) => Some(Rules::from_json(&read(path)?).map_err(|e| format!("{}: {e}", show(path)))?),
        };
        let config = Config {
            operations: self.selection(),
            package: self.package.clone(),
            standalone: self.standalone,
            rules,
            dev_dependencies: self.dev_dependencies.clone(),
            runtime: self.runtime.clone(),
            ..Config::default()
        };
        let model = self.load(&bytes, &read).map_err(|e| format!("{}: {e}", show(&self.model)))?;
        // The model holds what it needs: the file's bytes go before generation starts.
        drop(bytes);
        let generated = generate_owned(model, &config).map_err(|e| format!("{}: {e}", show(&self.model)))?;
        for w in &generated.warnings {
            eprintln!("warning: {w}");
        }
        Ok(generated)
    }
}

impl Job {
    /// The model: a Smithy JSON AST, or a botocore service description with the companion files
    /// botocore keeps in the same directory (`endpoint-rule-set-1.json`, `paginators-1.json`),
    /// when they are there.
    fn load(&self, bytes: &[u8], read: &dyn Fn(&Path) -> Result<Vec<u8>, String>) -> Result<Model, String> {
        let doc = match Model::read_json(bytes).map_err(|e| e.to_string())? {
            Read::Smithy(model) => return Ok(model),
            Read::Botocore(doc) => doc,
        };
        let dir = self.model.parent().unwrap_or(Path::new("."));
        let companion = |name: &str| -> Result<Option<Vec<u8>>, String> {
            let path = dir.join(name);
            if path.is_file() {
                read(&path).map(Some)
            } else {
                Ok(None)
            }
        };
        let rules = companion("endpoint-rule-set-1.json")?;
        let paginators = companion("paginators-1.json")?;
        Model::from_botocore(doc, rules.as_deref(), paginators.as_deref()).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = r#"{"smithy":"2.0","shapes":{
        "ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#A"},{"target":"ex#B"}],
            "traits":{"aws.protocols#restJson1":{},"aws.api#service":{"sdkId":"Example"}}},
        "ex#A":{"type":"operation","traits":{"smithy.api#http":{"method":"POST","uri":"/a"}}},
        "ex#B":{"type":"operation","traits":{"smithy.api#http":{"method":"POST","uri":"/b"}}}
    }}"#;

    fn shown(p: &Path) -> String {
        format!("<{}>", p.file_name().unwrap().to_string_lossy())
    }

    #[test]
    fn operations_select_unless_all_or_none_are_named() {
        let mut job = Job::new("m.json");
        assert_eq!(job.selection(), Selection::All);
        job.operations = vec!["A".into()];
        assert_eq!(job.selection(), Selection::Named(vec!["A".into()]));
        job.all = true;
        assert_eq!(job.selection(), Selection::All);
    }

    #[test]
    fn a_job_reads_the_model_and_generates_the_selection() {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("m.json");
        std::fs::write(&model, MODEL).unwrap();
        let job = Job { operations: vec!["B".into()], package: Some("ex-client".into()), ..Job::new(&model) };
        let generated = job.run(shown).unwrap();
        assert_eq!((generated.operations, generated.package.as_str()), (1, "ex-client"));
        let all = Job::new(&model).run(shown).unwrap();
        assert_eq!(all.operations, 2);
    }

    /// A botocore description with the two companion files botocore keeps beside it.
    #[test]
    fn a_botocore_description_is_read_with_its_companion_files() {
        let dir = tempfile::tempdir().unwrap();
        let service = r#"{"version":"2.0","metadata":{"apiVersion":"1","endpointPrefix":"ex","protocol":"rest-json",
            "serviceId":"Example","signatureVersion":"v4"},
            "operations":{"ListThings":{"name":"ListThings","http":{"method":"GET","requestUri":"/things"},
                "input":{"shape":"ListThingsRequest"},"output":{"shape":"ListThingsResponse"}}},
            "shapes":{"ListThingsRequest":{"type":"structure","members":{
                    "NextToken":{"shape":"String","location":"querystring","locationName":"next"}}},
                "ListThingsResponse":{"type":"structure","members":{"NextToken":{"shape":"String"},
                    "Things":{"shape":"Things"}}},
                "Things":{"type":"list","member":{"shape":"String"}},
                "String":{"type":"string"}}}"#;
        let model = dir.path().join("service-2.json");
        std::fs::write(&model, service).unwrap();
        let without = Job::new(&model).run(shown).unwrap();
        let file = |g: &Generated, path: &str| g.files.iter().find(|f| f.path == path).map(|f| f.contents.clone());
        assert!(file(&without, "src/endpoint.rs").is_none(), "no rule set, no endpoint module");
        let paginators = r#"{"pagination":{"ListThings":{"input_token":"NextToken","output_token":"NextToken",
            "result_key":"Things"}}}"#;
        std::fs::write(dir.path().join("paginators-1.json"), paginators).unwrap();
        let rules = r#"{"version":"1.0","parameters":{"Endpoint":{"builtIn":"SDK::Endpoint","required":false,
            "documentation":"The endpoint.","type":"String"}},
            "rules":[{"conditions":[{"fn":"isSet","argv":[{"ref":"Endpoint"}]}],"endpoint":{"url":{"ref":"Endpoint"}},
            "type":"endpoint"},{"conditions":[],"error":"no endpoint","type":"error"}]}"#;
        std::fs::write(dir.path().join("endpoint-rule-set-1.json"), rules).unwrap();
        let with = Job::new(&model).run(shown).unwrap();
        assert!(file(&with, "src/endpoint.rs").is_some(), "the rule set gives the crate its endpoint module");
        let op = file(&with, "src/operation/list_things.rs").unwrap();
        assert!(op.contains("Paginated: input token `NextToken`, output token `NextToken`, items `Things`."), "{op}");
        std::fs::write(dir.path().join("paginators-1.json"), r#"{"pagination":{"Nope":{}}}"#).unwrap();
        let e = Job::new(&model).run(shown).expect_err("a paginator of no operation");
        assert!(e.contains("paginates `Nope`, which is not an operation"), "{e}");
    }

    #[test]
    fn errors_name_the_file_as_shown() {
        let err = |job: Job| job.run(shown).expect_err("the job should fail");
        let dir = tempfile::tempdir().unwrap();
        let missing = err(Job::new(dir.path().join("gone.json")));
        assert!(missing.starts_with("cannot read <gone.json>: "), "{missing}");
        let model = dir.path().join("bad.json");
        std::fs::write(&model, "{}").unwrap();
        let invalid = err(Job::new(&model));
        assert!(invalid.starts_with("<bad.json>: ") && invalid.contains("version is missing"), "{invalid}");
        std::fs::write(&model, MODEL).unwrap();
        let rules = dir.path().join("rules.json");
        let e = err(Job { rules: Some(rules.clone()), ..Job::new(&model) });
        assert!(e.starts_with("cannot read <rules.json>: "), "{e}");
        std::fs::write(&rules, r#"{"rules":1}"#).unwrap();
        let e = err(Job { rules: Some(rules), ..Job::new(&model) });
        assert!(e.starts_with("<rules.json>: ") && e.contains("documented rules file"), "{e}");
    }
}
