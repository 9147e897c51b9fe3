//! The Rust-facing description of the crate to emit.
//!
//! Every decision is made by `lower` and recorded here: Rust names beside wire names, `T` vs
//! `Option<T>`, boxing, constraints, sensitivity, HTTP bindings and rendered documentation. The
//! emitter reads these fields and never goes back to the model.

pub mod endpoint;

use crate::model::{Bounds, ShapeId};
use crate::select::Roles;

#[derive(Debug, Clone)]
pub struct Crate {
    /// Cargo package name (`amazon-connect`).
    pub package: String,
    pub version: String,
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
    pub patterns: Vec<(String, &'static str)>,
    /// Things a maintainer should know (defective patterns, …), each naming its shape.
    pub warnings: Vec<String>,
    /// The service's endpoint rules, when it has a rule set.
    pub endpoints: Option<endpoint::EndpointRules>,
}

/// Runtime pieces the emitted code needs, so the crate carries only what it uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    pub patterns: bool,
    pub timestamps: bool,
    /// `date-time` or `http-date` timestamps (text formats, which need the `time` crate).
    pub timestamp_text: bool,
    pub blobs: bool,
    pub documents: bool,
}

#[derive(Debug, Clone)]
pub struct ServiceInfo {
    pub id: ShapeId,
    pub title: String,
    pub docs: Vec<String>,
    pub api_version: String,
    /// `aws.api#service` sdkId, or the shape name.
    pub sdk_id: String,
    /// `aws.auth#sigv4` name.
    pub signing_name: Option<String>,
    pub endpoint_prefix: Option<String>,
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

#[derive(Debug, Clone)]
pub struct OperationDef {
    pub id: ShapeId,
    /// `StartChatContact`.
    pub name: String,
    /// `start_chat_contact`: the module and the client method.
    pub module: String,
    pub docs: Vec<String>,
    pub http: Http,
    pub input: StructDef,
    pub output: StructDef,
    /// The modelled errors, in model order.
    pub errors: Vec<TypePath>,
    /// `StartChatContactError`.
    pub error_enum: String,
    /// `@paginated`, merged with the service's defaults: (input token, output token, items, page size).
    pub pagination: Option<Pagination>,
    pub deprecated: Option<String>,
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriPart {
    Literal(String),
    /// `{Name}` or greedy `{Name+}`, bound to the input field `field` (Rust name).
    Label { member: String, field: String, greedy: bool },
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
}

#[derive(Debug, Clone)]
pub struct StructDef {
    pub id: ShapeId,
    pub name: String,
    pub docs: Vec<String>,
    pub roles: Roles,
    pub fields: Vec<Field>,
    /// The whole structure is `@sensitive`.
    pub sensitive: bool,
    pub error: Option<ErrorInfo>,
    pub deprecated: Option<String>,
    /// Documented rules, checked in strict validation mode.
    pub rules: Vec<DocRule>,
    /// An operation output: carries response metadata (the request id) beside its members.
    pub response_metadata: bool,
}

impl StructDef {
    pub fn has_sensitive_field(&self) -> bool {
        self.sensitive || self.fields.iter().any(|f| f.sensitive)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error code on the wire: the shape name.
    pub code: String,
    pub server_fault: bool,
    pub http_status: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Member name in the model.
    pub member: String,
    /// Name on the wire (`@jsonName` or the member name).
    pub wire: String,
    /// Rust field name, possibly raw (`r#type`).
    pub name: String,
    pub docs: Vec<String>,
    pub ty: Ty,
    /// `Option<T>` in Rust.
    pub optional: bool,
    /// `Box<T>` to break a cycle.
    pub boxed: bool,
    /// The member or its target is `@sensitive`.
    pub sensitive: bool,
    /// `@required` in the model (whatever the Rust type).
    pub required: bool,
    pub idempotency_token: bool,
    pub binding: Binding,
    pub deprecated: Option<String>,
    /// On error structures: the member is the error message (`Message`/`message`).
    pub is_error_message: bool,
    /// The member's `@default` as JSON text: leaving it unset is never a `@required` violation,
    /// and the docs name it.
    pub default: Option<String>,
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
    /// The shape id the type comes from (for messages), if any.
    pub shape: Option<ShapeId>,
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
    Timestamp(TimestampFormat),
    Document,
    /// A generated struct, enum or union.
    Named { path: TypePath, kind: NamedKind },
    List { item: Box<Ty>, sparse: bool },
    Map { key: Box<Ty>, value: Box<Ty>, sparse: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Union,
    /// An enum; `open` when it has an `Unknown` variant; `int` for intEnum.
    Enum { open: bool, int: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Constraints {
    pub length: Option<Bounds<u64>>,
    pub range: Option<Bounds<String>>,
    pub pattern: Option<PatternRef>,
    pub unique_items: bool,
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
    MutuallyExclusive { id: String, fields: Vec<FieldRef>, message: String },
    MapUtf8Bytes { id: String, field: FieldRef, max: u64, message: String },
    MapKeyChars { id: String, field: FieldRef, extra: String, message: String },
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
    pub id: ShapeId,
    pub name: String,
    pub docs: Vec<String>,
    pub roles: Roles,
    pub variants: Vec<EnumVariant>,
    /// `Some(name)` when the enum keeps unknown values (it can arrive from the service).
    pub unknown: Option<String>,
    /// intEnum (values are `i32`) rather than enum (values are strings).
    pub int: bool,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub name: String,
    pub value: VariantValue,
    pub docs: Vec<String>,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantValue {
    String(String),
    Int(i32),
}

#[derive(Debug, Clone)]
pub struct UnionDef {
    pub id: ShapeId,
    pub name: String,
    pub docs: Vec<String>,
    pub roles: Roles,
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
    pub docs: Vec<String>,
    /// `None` for members that target `smithy.api#Unit`.
    pub ty: Option<Ty>,
    pub boxed: bool,
    pub sensitive: bool,
    pub deprecated: Option<String>,
}
