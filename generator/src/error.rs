//! The generator's one error type: every variant says where (shape id) and what is wrong.

/// Why generation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The input is not JSON, or not the JSON AST's top-level form.
    #[error("the model is not valid Smithy JSON: {0}")]
    Json(String),
    /// The `smithy` version is missing or unsupported.
    #[error("{0}")]
    Version(String),
    /// A shape is malformed or refers to something that does not exist.
    #[error("invalid model: shape `{shape}`: {problem}")]
    Model { shape: String, problem: String },
    /// The model is valid Smithy but uses something this generator does not support.
    #[error("unsupported: shape `{shape}`: {what}")]
    Unsupported { shape: String, what: String },
    /// Two Rust names collide, or a name cannot be made into a Rust identifier.
    #[error("naming conflict: shape `{shape}`: {problem}")]
    Naming { shape: String, problem: String },
    /// The configuration asks for something the model does not have.
    #[error("configuration: {0}")]
    Config(String),
    /// A data file compiled into the generator (the partition table) is invalid: a generator
    /// bug, reported rather than panicking.
    #[error("the generator's data file `{file}` is invalid: {problem}")]
    Data { file: String, problem: String },
    /// Emitted code failed to parse: a generator bug, reported rather than panicking.
    #[error("internal error while emitting `{file}`: {problem}")]
    Emit { file: String, problem: String },
}
