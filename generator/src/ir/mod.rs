//! The Rust-facing description of the crate to emit.
//!
//! Every decision is made by `lower` and recorded here: Rust names beside wire names, `T` vs
//! `Option<T>`, boxing, constraints, sensitivity, serde behaviour, HTTP bindings, endpoint
//! rules and rendered documentation. The IR holds no model types: the emitter reads these
//! fields and never goes back to the model.

mod docs;
pub mod endpoint;

pub use docs::Docs;

/// The identifier text without a raw prefix, for building derived names (`with_type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Rustdoc Markdown naming the operation module `module` as `text`: an intra-doc link, or plain
/// code when the module is a raw identifier (`r#match`), which intra-doc links cannot name.
pub fn operation_link(text: &str, module: &str) -> String {
    if module.starts_with("r#") {
        format!("`{text}`")
    } else {
        format!("[`{text}`](crate::operation::{module})")
    }
}

#[derive(Debug, Clone)]
pub struct Crate {
    /// Cargo package name (`amazon-connect`).
    pub package: String,
    pub version: String,
    /// The manifest has an empty `[workspace]` table, so the crate builds on its own anywhere.
    pub standalone: bool,
    /// Extra `[dev-dependencies]` lines (the project's own tests of the crate need them).
    pub dev_dependencies: Vec<String>,
    /// How the crate gets the shared runtime.
    pub runtime: Runtime,
    pub service: ServiceInfo,
    pub operations: Vec<OperationDef>,
    /// Shared shapes: module `types`, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Modelled error structures: module `error`, sorted by Rust name.
    pub errors: Vec<StructDef>,
    pub features: Features,
    /// Number of model shapes in the closure (operations included).
    pub shape_count: usize,
    /// Every compiled pattern the crate uses, indexed by [`PatternRef`].
    pub patterns: Vec<PatternDef>,
    /// Things a maintainer should know (defective patterns, …), each naming its shape.
    pub warnings: Vec<String>,
    /// The service's endpoint rules, when it has a rule set.
    pub endpoints: Option<endpoint::EndpointRules>,
    /// The `#![recursion_limit]` its deepest chain of nested types needs, when the default
    /// (128) does not cover it.
    pub recursion_limit: Option<usize>,
    /// The protocol the crate speaks (its rules are already applied to everything here).
    pub protocol: crate::protocol::Protocol,
}

/// How a generated crate gets the shared runtime (config, transport, retries, signing, errors,
/// validation support, the endpoint rules' standard library).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// A dependency on the `amazon-runtime` crate at this path, as written in the manifest
    /// (relative to the generated crate, or absolute).
    Path(String),
    /// A copy of the runtime's modules inside the crate (`src/rt/`), with the runtime's own
    /// dependencies in the manifest: one file tree, no path dependency. Each crate then has its
    /// own `Config` and error types, and compiles the runtime again.
    Vendored,
}

/// Runtime pieces the emitted code needs, so the crate carries only what it uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    pub patterns: bool,
    /// Some enforced pattern uses lookaround: the bounded backtracking engine is needed too.
    pub patterns_bounded: bool,
    pub timestamps: bool,
    /// `date-time` or `http-date` timestamps (text formats, which need the `time` crate).
    pub timestamp_text: bool,
    pub blobs: bool,
    pub documents: bool,
    /// An operation has `@requestCompression` (gzip).
    pub compression: bool,
    /// An operation has `@httpChecksumRequired` (`Content-MD5`).
    pub checksums: bool,
    /// An operation's input or output has a `@streaming` blob payload (`ByteStream`).
    pub streams: bool,
}

#[derive(Debug, Clone)]
pub struct ServiceInfo {
    /// The service shape id (`com.amazonaws.connect#AmazonConnectService`).
    pub shape: String,
    /// The service shape's name, as the runtime reports it.
    pub name: String,
    pub title: String,
    pub docs: Docs,
    pub api_version: String,
    /// `aws.api#service` sdkId, or the shape name.
    pub sdk_id: String,
    /// The SigV4 signing name: `aws.auth#sigv4` name, else the endpoint prefix.
    pub signing_name: String,
    /// `aws.api#service` endpointPrefix, else the sdkId in lower case.
    pub endpoint_prefix: String,
}

/// Where a generated type lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Module {
    Types,
    Error,
    Operation(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypePath {
    pub module: Module,
    pub name: String,
}

/// The identity of a generated type: its index in the crate's type table, in shape-id order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

#[derive(Debug, Clone)]
pub struct OperationDef {
    /// `StartChatContact`.
    pub name: String,
    /// `start_chat_contact`: the module and the client method.
    pub module: String,
    pub docs: Docs,
    pub http: Http,
    pub input: StructDef,
    pub output: StructDef,
    /// The modelled errors, in model order.
    pub errors: Vec<OperationError>,
    /// `StartChatContactError`.
    pub error_enum: String,
    /// `@paginated`, merged with the service's defaults: (input token, output token, items, page size).
    pub pagination: Option<Pagination>,
    pub deprecated: Option<String>,
    /// `@examples` with an input (and no error), rendered as doc examples of the method.
    pub examples: Vec<Example>,
    /// The paginator of a `@paginated` operation with input and output tokens.
    pub paginator: Option<Paginator>,
    /// The auth schemes it accepts, in order of preference.
    pub auth: Vec<AuthDef>,
}

/// One auth scheme an operation accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthDef {
    SigV4 {
        signing_name: String,
    },
    Bearer,
    /// Sent unsigned.
    None,
}

/// What a paginator reads and writes, resolved against the operation's input and output.
#[derive(Debug, Clone, PartialEq)]
pub struct Paginator {
    /// `ListQueuesPaginator`.
    pub name: String,
    /// `ListQueuesItems`, when `items` is set.
    pub items_name: String,
    /// The input's token field (`Option<String>`).
    pub input_token: String,
    /// The output token: fields from the output down to an optional string.
    pub output_token: Vec<PathStep>,
    /// The input's page-size field and its integer type.
    pub page_size: Option<(String, Ty)>,
    /// The items: fields from the output down to a list or map, and that collection's type.
    pub items: Option<(Vec<PathStep>, Ty)>,
}

/// One member on a path through nested structures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The Rust field name.
    pub field: String,
    /// `Option<T>` in Rust.
    pub optional: bool,
}

/// One `@examples` entry: its title, documentation and input (member names as keys).
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub title: String,
    pub docs: Docs,
    pub input: serde_json::Value,
}

/// A variant of an operation's error enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationError {
    pub id: TypeId,
    /// The error structure, in `crate::error`.
    pub path: TypePath,
    /// The variant's name.
    pub variant: String,
    pub docs: Docs,
    /// The awsQuery code `code()` reports (`@awsQueryError` on an `@awsQueryCompatible`
    /// service's error), instead of the shape name.
    pub query_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    pub method: String,
    pub uri: String,
    pub code: u16,
    /// The path template, split into literal text and labels.
    pub path: Vec<UriPart>,
    /// The query string written in the URI itself (`?type=x`), already encoded, or empty.
    pub literal_query: String,
    /// The `@endpoint` host prefix, split into literal text and labels (`UriPart::Label`
    /// naming `@hostLabel` input fields).
    pub host_prefix: Option<Vec<UriPart>>,
    /// `@requestCompression` encodings this client supports (gzip), in the model's order of
    /// preference; empty when the body is never compressed.
    pub compression: Vec<String>,
    /// `@httpChecksumRequired`: the request carries the body's `Content-MD5`.
    pub checksum_required: bool,
    /// The `X-Amz-Target` header naming the operation (RPC protocols).
    pub target: Option<String>,
    /// The `Content-Type` of a JSON body.
    pub json_content_type: &'static str,
    /// The input's JSON is the body even when no member is bound to it (RPC protocols: `{}`).
    pub always_body: bool,
    /// The request says `x-amzn-query-mode: true` (`@awsQueryCompatible`).
    pub query_mode: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriPart {
    Literal(String),
    /// `{Name}` or greedy `{Name+}`, bound to the input field at index `field`.
    Label {
        member: String,
        field: usize,
        greedy: bool,
    },
}

#[derive(Debug, Clone)]
pub enum TypeDef {
    Struct(StructDef),
    Enum(EnumDef),
    Union(UnionDef),
}

impl TypeDef {
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }

    pub fn id(&self) -> TypeId {
        match self {
            TypeDef::Struct(s) => s.id,
            TypeDef::Enum(e) => e.id,
            TypeDef::Union(u) => u.id,
        }
    }
}

#[derive(Debug, Clone)]
pub struct StructDef {
    pub id: TypeId,
    pub name: String,
    /// Never empty: the model's documentation, or a line naming the shape.
    pub docs: Docs,
    /// Input-side: implements `Validate`.
    pub validate: bool,
    /// Every member is optional: derives `Default`.
    pub derive_default: bool,
    pub fields: Vec<Field>,
    /// The whole structure is `@sensitive`.
    pub sensitive: bool,
    pub error: Option<ErrorInfo>,
    pub deprecated: Option<String>,
    /// Documented rules, checked in strict validation mode.
    pub rules: Vec<DocRule>,
    /// An operation output or an error: carries response metadata (the request id, and for
    /// errors the raw response) beside its members.
    pub response_metadata: bool,
    /// Sent by the client (input side): derives `Serialize`.
    pub serialize: bool,
    /// Read by the client (output side, errors included): derives `Deserialize`.
    pub deserialize: bool,
}

impl StructDef {
    pub fn has_sensitive_field(&self) -> bool {
        self.sensitive || self.fields.iter().any(|f| f.sensitive)
    }

    /// The member bound to a streaming body, if any: the structure then is neither `Clone` nor
    /// `PartialEq` (a stream is read once).
    pub fn stream_field(&self) -> Option<&Field> {
        self.fields.iter().find(|f| matches!(f.ty.kind, TyKind::Stream { .. }))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error code on the wire: the shape name.
    pub code: String,
    pub server_fault: bool,
    pub http_status: Option<u16>,
    /// The field that carries the error message (a string member named `message` in any
    /// case), unless it or the structure is sensitive.
    pub message: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Member name in the model.
    pub member: String,
    /// Name on the wire (`@jsonName` or the member name).
    pub wire: String,
    /// Another name the field is read from (`message` and `Message` for error messages).
    pub alias: Option<String>,
    /// Rust field name, possibly raw (`r#type`).
    pub name: String,
    /// Never empty.
    pub docs: Docs,
    pub ty: Ty,
    /// `Option<T>` in Rust.
    pub optional: bool,
    /// `Box<T>` to break a cycle.
    pub boxed: bool,
    /// The member, its target or its structure is `@sensitive` (or the rules file says it is a
    /// secret): redacted from `Debug` and validation messages.
    pub sensitive: bool,
    /// Validation reports the field when it is `None` (`@required`, `Option<T>`, no default).
    pub check_presence: bool,
    /// A required output member the service left out reads as its zero value (Smithy's client
    /// error correction), so the field reads as its default when missing, though not an `Option`.
    pub default_when_missing: bool,
    pub idempotency_token: bool,
    /// `@hostLabel`: the value fills a label of the operation's `@endpoint` host prefix.
    pub host_label: bool,
    pub binding: Binding,
    pub deprecated: Option<String>,
    /// The member's `@default` as JSON text, which the docs name.
    pub default: Option<String>,
    /// How the structure's builder sets the member.
    pub builder: BuilderNames,
    /// `@mediaType` of the member or its target (a string header carrying it is base64).
    pub media_type: Option<String>,
}

/// A member's names in its structure's builder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuilderNames {
    /// The setter (the field name, unless that is taken by `build`).
    pub setter: String,
    /// The builder's type parameter that tracks whether a required member is set
    /// (`InstanceId`); `None` for optional members.
    pub state: Option<String>,
    /// `push_…` / `insert_…`: adds one item to an optional list or map member, when that name
    /// is free.
    pub item_setter: Option<String>,
    /// Neither optional nor required: the builder starts from the type's default (a stream
    /// the model does not require, empty until set).
    pub defaulted: bool,
}

/// Where a member travels in the HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    Body,
    Label,
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload,
    ResponseCode,
}

/// A value type at its use site, with the constraints that apply there (member traits over
/// target traits).
#[derive(Debug, Clone, PartialEq)]
pub struct Ty {
    pub kind: TyKind,
    pub constraints: Constraints,
}

impl Ty {
    /// A float, or a list or map holding floats: JSON needs strings for their non-finite values.
    pub fn has_float(&self) -> bool {
        match &self.kind {
            TyKind::F32 | TyKind::F64 => true,
            TyKind::List { item, .. } => item.has_float(),
            TyKind::Map { value, .. } => value.has_float(),
            _ => false,
        }
    }

    /// The text format (`date-time`, `http-date`) of the timestamps a list or map holds, at any
    /// depth.
    pub fn nested_text_format(&self) -> Option<TimestampFormat> {
        let inner = match &self.kind {
            TyKind::List { item, .. } => item,
            TyKind::Map { value, .. } => value,
            _ => return None,
        };
        match inner.kind {
            TyKind::Timestamp(f) if f != TimestampFormat::EpochSeconds => Some(f),
            _ => inner.nested_text_format(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TyKind {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    Blob,
    /// A `@streaming` blob, the whole body of an operation's input or output: a `ByteStream`,
    /// written or read a chunk at a time. `requires_length`: `@requiresLength`, the request
    /// must say its length.
    Stream {
        requires_length: bool,
    },
    Timestamp(TimestampFormat),
    Document,
    /// A generated struct, enum or union: its identity and where it lives.
    Named {
        id: TypeId,
        path: TypePath,
        kind: NamedKind,
    },
    List {
        item: Box<Ty>,
        sparse: bool,
    },
    Map {
        key: Box<Ty>,
        value: Box<Ty>,
        sparse: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Union,
    /// An enum; `open` when it has an `Unknown` variant; `int` for intEnum.
    Enum {
        open: bool,
        int: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Constraints {
    pub length: Option<Length>,
    pub range: Option<Range>,
    pub pattern: Option<PatternRef>,
    pub unique_items: bool,
}

/// `@length` bounds (characters, bytes, items or entries, by the value's type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Length {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// `@range` bounds, each with the model's decimal text for messages. Integer values with
/// integral bounds compare as `i64`; everything else as `f64`.
#[derive(Debug, Clone, PartialEq)]
pub enum Range {
    Int { min: Option<(i64, String)>, max: Option<(i64, String)> },
    Float { min: Option<(f64, String)>, max: Option<(f64, String)> },
}

/// One compiled pattern of the crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PatternDef {
    /// The pattern as the model writes it (or its repair), shown in violations.
    pub source: String,
    /// Its translation for the engine that checks it.
    pub regex: String,
    /// Checked by the bounded backtracking engine (lookaround), not the linear one.
    pub bounded: bool,
}

/// A `@pattern` as the generated crate enforces it: indices into [`Crate::patterns`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternRef {
    /// Enforced in `Model` and `Strict` modes.
    Enforced(usize),
    /// The model's pattern is defective: not enforced in `Model` mode; its repair, when one
    /// exists, is enforced in `Strict` mode.
    Defective { repaired: Option<usize> },
}

/// A documented rule, resolved against the structure's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocRule {
    ListContains {
        id: String,
        field: FieldRef,
        values: Vec<String>,
        message: String,
        when: Option<WhenRef>,
        /// What an absent list counts as; `None`: an absent list passes.
        when_absent: Option<Vec<String>>,
    },
    MutuallyExclusive {
        id: String,
        fields: Vec<FieldRef>,
        message: String,
    },
    MapUtf8Bytes {
        id: String,
        field: FieldRef,
        max: u64,
        message: String,
    },
    MapKeyChars {
        id: String,
        field: FieldRef,
        extra: String,
        message: String,
    },
}

/// A field named by a rule: its Rust name and whether it is an `Option`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRef {
    pub name: String,
    pub optional: bool,
}

/// `when`: the map `field` has an entry `key` whose structure `value_field` equals `equals`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhenRef {
    pub field: FieldRef,
    pub key: String,
    pub value_field: FieldRef,
    pub equals: String,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.range.is_none() && self.pattern.is_none() && !self.unique_items
    }
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub id: TypeId,
    pub name: String,
    /// Never empty.
    pub docs: Docs,
    /// The values: all strings (`enum`) or all `i32` (`intEnum`).
    pub values: EnumValues,
    /// `Some(name)` when the enum keeps unknown values (it can arrive from the service).
    pub unknown: Option<String>,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub enum EnumValues {
    String(Vec<EnumVariant<String>>),
    Int(Vec<EnumVariant<i32>>),
}

#[derive(Debug, Clone)]
pub struct EnumVariant<V> {
    pub name: String,
    pub value: V,
    pub docs: Docs,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub struct UnionDef {
    pub id: TypeId,
    pub name: String,
    /// Never empty.
    pub docs: Docs,
    /// Input-side: implements `Validate`.
    /// Sent by the client: implements `Serialize`.
    pub serialize: bool,
    /// Read by the client: implements `Deserialize`.
    pub deserialize: bool,
    pub validate: bool,
    pub variants: Vec<UnionVariant>,
    /// `Some(name)` when the union keeps unknown members (it can arrive from the service).
    pub unknown: Option<String>,
    pub sensitive: bool,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub member: String,
    pub wire: String,
    pub name: String,
    /// The member as a path segment in validation messages (`value_list`).
    pub path_name: String,
    /// Never empty.
    pub docs: Docs,
    /// `None` for members that target `smithy.api#Unit`.
    pub ty: Option<Ty>,
    pub boxed: bool,
    /// As [`Field::sensitive`], the union's own `@sensitive` included.
    pub sensitive: bool,
    pub deprecated: Option<String>,
}
