//! Emission: IR → token streams → formatted files. Pure functions of the IR; every path is
//! fully qualified (`::std::…`, `crate::…`) so a model shape named `Option` or `Result` cannot
//! capture a name the generated code relies on.

mod builder;
mod client;
mod data;
mod doc_blocks;
pub mod endpoints;
mod examples;
mod json;
mod paginators;
mod primitives;
mod runtime;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::error::Error;
use crate::ir::*;
use crate::GeneratedFile;

pub use data::{struct_tokens, type_tokens};
pub use runtime::{partitions_file as runtime_partitions, ENDPOINT_RUNTIME};

/// Every file of the crate, in path order.
pub fn emit(krate: &Crate) -> Result<Vec<GeneratedFile>, Error> {
    doc_blocks::reset();
    let header = header(krate);
    let endpoint_header = krate.endpoints.as_ref().map(|rules| generated_header(&rules.service));
    // The largest files first, so that the workers end together.
    let mut jobs = vec![
        job("src/types.rs", &header, Box::new(move || Ok(data::types_rs(krate)))),
        job("src/error.rs", &header, Box::new(move || Ok(data::error_rs(krate)))),
        job("src/client.rs", &header, Box::new(move || Ok(client::client_rs(krate)))),
        job("src/lib.rs", &header, Box::new(move || Ok(lib_rs(krate)))),
        job(
            "src/primitives.rs",
            &header,
            Box::new(move || Ok(primitives::primitives_rs(krate, &runtime::root(&krate.runtime)))),
        ),
        job("src/operation/mod.rs", &header, Box::new(move || Ok(operation_mod(krate)))),
        job(
            "src/validate.rs",
            &header,
            Box::new(move || validate::validate_module(krate, &runtime::root(&krate.runtime))),
        ),
    ];
    if let (Some(rules), Some(header)) = (&krate.endpoints, &endpoint_header) {
        jobs.extend(endpoint_jobs(rules, &krate.runtime, header));
    }
    for op in &krate.operations {
        let path = format!("src/operation/{}.rs", crate::ir::unraw(&op.module));
        jobs.push(job(&path, &header, Box::new(move || Ok(data::operation_rs(op)))));
    }
    let mut files = vec![GeneratedFile { path: "Cargo.toml".into(), contents: cargo_toml(krate) }];
    files.extend(run_jobs(jobs)?);
    files.extend(runtime::vendored_files(krate, &header)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// One Rust file to write: its tokens (made on the thread that formats them: token streams stay
/// on one thread) and the header put before the formatted code.
struct Job<'a> {
    path: String,
    header: &'a str,
    tokens: Tokens<'a>,
}

fn job<'a>(path: &str, header: &'a str, tokens: Tokens<'a>) -> Job<'a> {
    Job { path: path.to_owned(), header, tokens }
}

/// What makes a file's tokens.
type Tokens<'a> = Box<dyn Fn() -> Result<TokenStream, Error> + Send + Sync + 'a>;

/// The files of `jobs`, made and formatted on every core; the first error in the jobs' order is
/// the one returned, so the outcome never depends on timing.
fn run_jobs(jobs: Vec<Job<'_>>) -> Result<Vec<GeneratedFile>, Error> {
    crate::parallel::map(&jobs, |job| {
        // The header put in front in place: a large file is not copied again.
        let mut contents = format_file(&job.path, (job.tokens)()?)?;
        contents.insert_str(0, job.header);
        Ok(GeneratedFile { path: job.path.clone(), contents })
    })
    .into_iter()
    .collect()
}

/// The endpoint module and its tests (when the rule set has test cases), as jobs.
fn endpoint_jobs<'a>(
    rules: &'a crate::ir::endpoint::EndpointRules,
    runtime: &'a Runtime,
    header: &'a str,
) -> Vec<Job<'a>> {
    let mut jobs = vec![Job {
        path: endpoints::MODULE_PATH.into(),
        header,
        tokens: Box::new(move || Ok(endpoints::module(rules, &runtime::root(runtime)))),
    }];
    if !rules.tests.is_empty() {
        jobs.push(Job {
            path: endpoints::TESTS_PATH.into(),
            header,
            tokens: Box::new(move || Ok(endpoints::tests(rules))),
        });
    }
    jobs
}

/// The endpoint module and its tests (when the rule set has test cases). Its standard library
/// is the runtime's `endpoint` module (copied under `src/rt/` when the crate is self-contained).
pub fn endpoint_files(
    rules: &crate::ir::endpoint::EndpointRules,
    runtime: &Runtime,
) -> Result<Vec<GeneratedFile>, Error> {
    let header = generated_header(&rules.service);
    run_jobs(endpoint_jobs(rules, runtime, &header))
}

/// Tokens → formatted Rust source: `syn` parses, `prettyplease` prints, and top-level items
/// are separated by a blank line.
pub(crate) fn format_file(path: &str, tokens: TokenStream) -> Result<String, Error> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| Error::Emit { file: path.to_owned(), problem: e.to_string() })?;
    Ok(doc_blocks::expand(space_items(&prettyplease::unparse(&file))))
}

/// A blank line between top-level items, which `prettyplease` runs together.
fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev_closed = false;
    for line in code.lines() {
        let starts_item = !line.is_empty() && !line.starts_with([' ', '}', ')', ']']) && !line.starts_with("//!");
        if prev_closed && starts_item {
            out.push('\n');
        }
        let top_level = !line.starts_with(' ');
        prev_closed = top_level && (line.ends_with('}') || line.ends_with(';') || line.starts_with("//!"));
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn header(krate: &Crate) -> String {
    generated_header(&krate.service.shape)
}

/// The minimum Rust version of generated crates: the workspace's own, declared once in its
/// `Cargo.toml`.
pub const MSRV: &str = env!("CARGO_PKG_RUST_VERSION");

/// The `// @generated` banner every Rust file of a generated crate starts with. Its attribute
/// tells rustfmt to leave the file as the generator formatted it, so `cargo fmt` in a workspace
/// that holds a generated crate (whatever its rustfmt settings) never rewrites generated code.
pub fn generated_header(service: &str) -> String {
    format!(
        "// @generated by the `generator` crate from the Smithy model of `{service}`.\n\
         // DO NOT EDIT: change the model or the generator and run `cargo xtask codegen`.\n\
         #![cfg_attr(rustfmt, rustfmt::skip)]\n\n"
    )
}

/// An identifier from IR text, raw when the IR says so (`r#type`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// One `#[doc]` attribute per line.
pub(crate) fn docs(lines: &Docs) -> TokenStream {
    if let Some(marker) = doc_blocks::defer(lines, write_doc_line) {
        return quote! { #[doc = #marker] };
    }
    let lines = lines.iter().map(doc_line);
    quote! { #( #[doc = #lines] )* }
}

/// `text` as a Markdown code span: fenced with more backticks than any run inside it, and with
/// every character a doc comment cannot carry written as an escape (see [`doc_safe`]).
#[must_use]
pub(crate) fn code_span(text: &str) -> String {
    // Tabs too: inside code, the exact character matters more than its look.
    let text: String = text.chars().map(|c| if c == '\t' { "\\u{9}".to_owned() } else { c.to_string() }).collect();
    let text = doc_safe(&text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `line` as one line of a doc comment can hold it: a tab becomes four spaces, and every other
/// control character, and each code point that changes the direction of text (which rustc
/// refuses in comments), becomes its `\u{…}` escape.
#[must_use]
pub(crate) fn doc_safe(line: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !line.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if unsafe_char(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// One line of a doc comment, after its `///`: a space, then the text made safe for a comment.
fn doc_line(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {}", doc_safe(line))
    }
}

/// [`doc_line`], written to the end of `out`.
fn write_doc_line(out: &mut String, line: &str) {
    if !line.is_empty() {
        out.push(' ');
        out.push_str(&doc_safe(line));
    }
}

/// Inner (`//!`) documentation.
pub(crate) fn inner_docs(lines: &Docs) -> TokenStream {
    if let Some(marker) = doc_blocks::defer(lines, write_doc_line) {
        return quote! { #![doc = #marker] };
    }
    let lines = lines.iter().map(doc_line);
    quote! { #( #![doc = #lines] )* }
}

pub(crate) fn deprecated(note: &Option<String>) -> TokenStream {
    match note {
        None => quote! {},
        Some(n) if n.is_empty() => quote! { #[deprecated] },
        Some(n) => quote! { #[deprecated(note = #n)] },
    }
}

/// The path generated code names a generated type by (`crate::types::Name`).
pub fn path_tokens(path: &TypePath) -> TokenStream {
    let name = ident(&path.name);
    match &path.module {
        Module::Types => quote! { crate::types::#name },
        Module::Error => quote! { crate::error::#name },
        Module::Operation(m) => {
            let m = ident(m);
            quote! { crate::operation::#m::#name }
        }
    }
}

fn lib_rs(krate: &Crate) -> TokenStream {
    let mut lines: Docs =
        [format!("Typed client types for {}, generated from its Smithy model.", krate.service.title), String::new()]
            .into_iter()
            .collect();
    lines.push(format!(
        "API version `{}`. Operations: {}.",
        krate.service.api_version,
        krate.operations.iter().map(|o| crate::ir::operation_link(&o.name, &o.module)).collect::<Vec<_>>().join(", ")
    ));
    lines.push(String::new());
    lines.push("Module layout: [`Client`] has one async method per operation, configured by [`Config`]; [`operation`] holds one module per operation with its input, output and error enum; [`types`] holds the shapes they share; [`error`] holds the modelled errors; [`sdk_error`] the errors of a call; [`validate`] checks requests against the model's constraints; [`http`] is the transport (with a mock for tests); [`primitives`] holds small support types.");
    lines.push(String::new());
    lines.push("# Building requests");
    lines.push(String::new());
    lines.push("Every structure is `#[non_exhaustive]` and is made with its builder (`X::builder()`): one setter per member, lists and maps from any iterable of convertible items plus `push_…`/`insert_…` for one item. Required members are checked by the compiler: `build()` exists only once each of them is set, and a missing one is an error that names it.");
    let lib_name = krate.package.replace('-', "_");
    if let Some(op) = krate.operations.iter().find(|o| o.input.fields.iter().any(|f| f.builder.state.is_some())) {
        lines.push(String::new());
        lines.push("```compile_fail,E0277");
        lines.push(format!(
            "// `{}` has required members, and none is set: this does not compile.",
            unraw(&op.input.name)
        ));
        lines
            .push(format!("let request = {lib_name}::operation::{}::{}::builder().build();", op.module, op.input.name));
        lines.push("```");
    }
    if let Some(op) = krate.operations.first() {
        lines.push(String::new());
        lines.push("A struct literal does not compile either, so adding a member is never a breaking change:");
        lines.push(String::new());
        lines.push("```compile_fail,E0639");
        lines.push(format!("let request = {lib_name}::operation::{}::{} {{}};", op.module, op.input.name));
        lines.push("```");
    }
    // A call against the mock transport, with the first operation that needs no member set
    // (an empty input, so the example holds for any model).
    if let Some(op) = example_operation(krate) {
        let call = crate::ir::unraw(&op.module);
        lines.push(String::new());
        lines.push("# Calling the service");
        lines.push(String::new());
        lines.push(format!(
            "One `{}` call, answered by the mock transport (a real client leaves the transport out, and gets HTTPS):",
            op.name
        ));
        lines.push(String::new());
        lines.push("```");
        lines.push(format!("use {lib_name}::http::mock::MockTransport;"));
        lines.push(format!("use {lib_name}::operation::{}::{};", op.module, op.input.name));
        lines.push(format!("use {lib_name}::{{Client, Config, Credentials}};"));
        lines.push(String::new());
        lines.push("# tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {");
        lines.push("let mock = MockTransport::new();");
        lines.push("mock.push_json(200, \"{}\");");
        lines.push("let config = Config::builder()");
        lines.push("    .region(\"us-east-1\")");
        lines.push("    .credentials(Credentials::new(\"AKIDEXAMPLE\", \"secret\", None))");
        lines.push("    .transport(mock.clone())");
        lines.push("    .build();");
        lines.push(format!(
            "let output = Client::new(config).{call}({}::builder().build()).await.expect(\"the mock answers\");",
            op.input.name
        ));
        lines.push("let sent = &mock.requests()[0];");
        lines.push(format!("assert_eq!(sent.method, \"{}\");", op.http.method));
        if let Some(target) = &op.http.target {
            lines.push(format!("assert_eq!(sent.header(\"x-amz-target\"), Some(\"{target}\"));"));
        }
        lines.push("# let _ = output;");
        lines.push("# });");
        lines.push("```");
    }
    if !krate.service.docs.is_empty() {
        lines.push(String::new());
        lines.push("# Service");
        lines.push(String::new());
        lines.append(&krate.service.docs);
    }
    let docs = inner_docs(&lines);
    let endpoint = if krate.endpoints.is_some() {
        quote! { pub mod endpoint; }
    } else {
        quote! {}
    };
    let root = runtime::root(&krate.runtime);
    let compression = krate.features.compression.then(|| quote! { #[doc(hidden)] pub use #root::compression; });
    let checksum = krate.features.checksums.then(|| quote! { #[doc(hidden)] pub use #root::checksum; });
    let paginate = krate
        .operations
        .iter()
        .any(|o| o.paginator.is_some())
        .then(|| quote! { #[doc(hidden)] pub use #root::paginate; });
    let body_support = quote! { #compression #checksum #paginate };
    let (rt, shared) = match krate.runtime {
        Runtime::Path(_) => (quote! {}, "the shared `amazon-runtime` crate"),
        Runtime::Vendored => (quote! { mod rt; }, "this crate's copy of the shared runtime (`amazon-runtime`)"),
    };
    let config_doc = format!(" Configuration and credentials, from {shared}.");
    let http_doc = format!(" The HTTP transport and its mock, from {shared}.");
    let error_doc = format!(" The errors of a call, from {shared}.");
    let auth_doc = format!(" The auth schemes operations accept, and bearer tokens, from {shared}.");
    // Deeply nested types need a deeper limit for rustc's recursive checks of them.
    let limit = krate.recursion_limit.map(|n| {
        let n = n.to_string();
        // Doc examples are crates of their own: they get the limit too.
        quote! {
            #![recursion_limit = #n]
            #![doc(test(attr(recursion_limit = #n)))]
        }
    });
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
        #limit

        pub mod client;
        #endpoint
        pub mod error;
        pub mod operation;
        pub mod primitives;
        pub mod types;
        pub mod validate;
        #rt

        #[doc = #auth_doc]
        pub use #root::auth;
        #[doc = #config_doc]
        pub use #root::config;
        #[doc = #http_doc]
        pub use #root::http;
        #[doc(hidden)]
        pub use #root::runtime;
        #body_support
        #[doc = #error_doc]
        pub use #root::sdk_error;

        pub use client::Client;
        pub use config::{Config, Credentials};
    }
}

fn operation_mod(krate: &Crate) -> TokenStream {
    let mods = krate.operations.iter().map(|op| {
        let m = ident(&op.module);
        let mut lines = op.docs.clone();
        if lines.is_empty() {
            lines.push(format!("The `{}` operation.", op.name));
        }
        let d = docs(&lines);
        quote! { #d pub mod #m; }
    });
    quote! {
        //! One module per operation: its input, its output and (with the client) its errors.
        #( #mods )*
    }
}

fn cargo_toml(krate: &Crate) -> String {
    let ops: Vec<&str> = krate.operations.iter().map(|o| o.name.as_str()).collect();
    let summary = if ops.len() <= 3 { ops.join(", ") } else { format!("{} operations", ops.len()) };
    // What the model needs of the runtime, beyond its core.
    let mut needs: Vec<&str> = Vec::new();
    if krate.features.blobs {
        needs.push("blobs");
    }
    if krate.features.patterns_bounded {
        needs.push("patterns-bounded");
    } else if krate.features.patterns {
        needs.push("patterns");
    }
    if krate.features.timestamp_text {
        needs.push("text-timestamps");
    }
    if krate.features.compression {
        needs.push("compression");
    }
    if krate.features.checksums {
        needs.push("checksums");
    }
    let (features, mut deps): (String, Vec<String>) = match &krate.runtime {
        Runtime::Path(path) => {
            let needs = if needs.is_empty() {
                String::new()
            } else {
                format!(", features = [{}]", needs.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", "))
            };
            let path = path.replace('\\', "/");
            (
                "default = [\"rustls-webpki-roots\"]\n\
                 # Trust the Mozilla root set compiled into the binary (works in scratch/distroless images).\n\
                 rustls-webpki-roots = [\"amazon-runtime/rustls-webpki-roots\"]\n\
                 # Trust the operating system's root store instead (read once, when the Config is built).\n\
                 rustls-native-roots = [\"amazon-runtime/rustls-native-roots\"]\n\
                 # `ConfigBuilder::from_sdk_config(&aws_types::SdkConfig)`: reuse an existing aws-config setup.\n\
                 aws-config = [\"amazon-runtime/aws-config\"]\n"
                    .to_owned(),
                vec![format!("amazon-runtime = {{ path = {path:?}, default-features = false{needs} }}")],
            )
        }
        Runtime::Vendored => {
            let mut deps: Vec<String> = VENDORED_DEPENDENCIES.iter().map(|d| d.to_string()).collect();
            const BASE64: &str = "base64 = \"0.22\"";
            const REGEX: &str = "regex = { version = \"1.13.2\", default-features = false, features = [\"std\", \"unicode-gencat\", \"unicode-script\", \"unicode-bool\", \"perf-dfa\", \"perf-onepass\", \"perf-backtrack\", \"perf-inline\"] }";
            const FANCY_REGEX: &str = "fancy-regex = { version = \"0.20.2\", default-features = false, features = [\"std\", \"unicode\", \"variable-lookbehinds\"] }";
            for need in &needs {
                let lines: &[&str] = match *need {
                    "blobs" => &[BASE64],
                    "patterns" => &[REGEX],
                    "patterns-bounded" => &[REGEX, FANCY_REGEX],
                    "compression" => &["flate2 = { version = \"1\", default-features = false, features = [\"rust_backend\"] }"],
                    "checksums" => &["md-5 = { version = \"0.11\", default-features = false }", BASE64],
                    _ => &["time = { version = \"0.3.36\", default-features = false, features = [\"std\", \"formatting\", \"parsing\"] }"],
                };
                for line in lines {
                    if !deps.iter().any(|d| d == line) {
                        deps.push((*line).to_owned());
                    }
                }
            }
            (
                "default = [\"rustls-webpki-roots\"]\n\
                 # Trust the Mozilla root set compiled into the binary (works in scratch/distroless images).\n\
                 rustls-webpki-roots = [\"hyper-rustls/webpki-roots\"]\n\
                 # Trust the operating system's root store instead (read once, when the Config is built).\n\
                 rustls-native-roots = [\"hyper-rustls/native-tokio\"]\n\
                 # `ConfigBuilder::from_sdk_config(&aws_types::SdkConfig)`: reuse an existing aws-config setup.\n\
                 aws-config = [\"dep:aws-types\"]\n"
                    .to_owned(),
                deps,
            )
        }
    };
    let mut out = format!(
        "# @generated by the `generator` crate from the Smithy model of `{id}`.\n\
         # DO NOT EDIT: run `cargo xtask codegen`.\n\
         [package]\n\
         name = \"{package}\"\n\
         version = \"{version}\"\n\
         edition = \"2021\"\n\
         rust-version = \"{msrv}\"\n\
         description = \"Typed Rust client for {title} ({summary}), generated from its Smithy model.\"\n\
         license = \"Apache-2.0\"\n\
         publish = false\n\
         \n\
         # Explicit, so the workspace still loads (and `cargo xtask codegen` can repair it) when src/ is missing.\n\
         [lib]\n\
         path = \"src/lib.rs\"\n\
         \n\
         [features]\n\
         {features}\
         \n\
         [dependencies]\n",
        id = krate.service.shape,
        package = krate.package,
        version = krate.version,
        title = krate.service.title.replace('"', "'"),
        msrv = MSRV,
    );
    deps.push("serde = \"1.0.200\"".to_owned());
    deps.push("serde_json = \"1.0.100\"".to_owned());
    deps.sort();
    for d in deps {
        out.push_str(&d);
        out.push('\n');
    }
    // A self-contained crate carries the runtime's unit tests, and the crate docs' example call
    // runs on one: both need a Tokio runtime.
    let mut dev: Vec<String> = Vec::new();
    let has_examples = example_operation(krate).is_some() || krate.operations.iter().any(|o| !o.examples.is_empty());
    if krate.runtime != Runtime::Vendored && has_examples {
        dev.push("tokio = { version = \"1\", features = [\"rt\"] }".to_owned());
    }
    if krate.runtime == Runtime::Vendored {
        dev.push(
            "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"net\", \"io-util\", \"time\"] }"
                .to_owned(),
        );
    }
    for d in &krate.dev_dependencies {
        let name = d.split([' ', '=']).next().unwrap_or_default();
        dev.retain(|existing| existing.split([' ', '=']).next() != Some(name));
        dev.push(d.clone());
    }
    dev.sort();
    if !dev.is_empty() {
        out.push_str("\n[dev-dependencies]\n");
        for d in dev {
            out.push_str(&d);
            out.push('\n');
        }
    }
    if krate.standalone {
        out.push_str("\n# A crate of its own, even when written inside another workspace.\n[workspace]\n");
    }
    out
}

/// The runtime's own dependencies, which a self-contained crate lists itself (keep in step with
/// `runtime/Cargo.toml`; a test compares them).
pub const VENDORED_DEPENDENCIES: &[&str] = &[
    "aws-credential-types = { version = \"1\", default-features = false }",
    "aws-types = { version = \"1\", default-features = false, optional = true }",
    "bytes = \"1\"",
    "fastrand = \"2\"",
    "futures-core = { version = \"0.3\", default-features = false }",
    "http = \"1\"",
    "http-body = \"1\"",
    "http-body-util = \"0.1\"",
    "hyper = { version = \"1\", default-features = false, features = [\"client\", \"http1\"] }",
    "hyper-rustls = { version = \"0.27\", default-features = false, features = [\"http1\", \"ring\", \"tls12\"] }",
    "hyper-util = { version = \"0.1\", default-features = false, features = [\"client-legacy\", \"http1\", \"tokio\"] }",
    "percent-encoding = \"2\"",
    "ring = \"0.17\"",
    "rustls = { version = \"0.23\", default-features = false, features = [\"std\", \"ring\", \"tls12\"] }",
    "tokio = { version = \"1\", default-features = false, features = [\"rt\", \"time\"] }",
    "tracing = { version = \"0.1\", default-features = false, features = [\"std\"] }",
    "uuid = { version = \"1\", default-features = false, features = [\"v4\", \"std\"] }",
];

/// The operation the crate docs call in their example: the first whose input needs no member
/// set (so the example holds for any model), if there is one.
fn example_operation(krate: &Crate) -> Option<&OperationDef> {
    krate.operations.iter().find(|o| {
        o.input.fields.iter().all(|f| f.builder.state.is_none() && !f.check_presence)
            && o.input.stream_field().is_none()
    })
}

#[cfg(test)]
mod doc_text_tests {
    use super::{code_span, doc_line};

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code_span("a-b"), "`a-b`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("^a\rb$"), "`^a\\u{d}b$`");
    }

    #[test]
    fn doc_lines_carry_no_control_or_direction_characters() {
        assert_eq!(doc_line("a\tb"), " a    b");
        assert_eq!(doc_line("bare\rcr"), " bare\\u{d}cr");
        assert_eq!(doc_line("rtl \u{202E}x"), " rtl \\u{202e}x");
        assert_eq!(doc_line(""), "");
    }
}
