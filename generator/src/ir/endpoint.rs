//! A service's endpoint rule set, lowered: type-checked, simplified and laid out as the Rust
//! the generated `endpoint::resolve` runs.
//!
//! `lower::endpoints` decides everything here: which parameters are read and how, which
//! conditions become `if`, `if let` or a binding, which bindings are dropped because nothing
//! reads them, which rules are unreachable, and what each generated test case asserts. The
//! emitter prints it and decides nothing.

use super::Docs;

/// The endpoint rules of one service.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointRules {
    /// The service shape id, for documentation.
    pub service: String,
    /// The rule set's `version`.
    pub version: String,
    pub params: Vec<Param>,
    /// `Params` derives `Default` (every default is `None` or `false`); otherwise it implements
    /// it with [`Param::default`].
    pub derive_default: bool,
    /// How `Params::from_builtins` fills the built-in parameters, in parameter order.
    pub builtins: Vec<BuiltInSet>,
    /// The parameters `resolve` destructures, and how it reads them.
    pub prologue: Prologue,
    /// The rules, in order.
    pub body: Block,
    /// Some endpoint sets headers: `Endpoint` has a `headers` field.
    pub headers: bool,
    /// Some endpoint sets properties: `Endpoint` has a `properties` field (JSON).
    pub properties: bool,
    /// The `smithy.rules#endpointTests` cases; empty when there are none.
    pub tests: Vec<TestCase>,
    /// The AWS partitions `aws.partition` resolves against, in the order they are tried.
    pub partitions: Vec<Partition>,
}

/// One AWS partition, as the runtime's `Partition` holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// `id`, the rules language's `name`.
    pub id: String,
    pub dns_suffix: String,
    pub dual_stack_dns_suffix: String,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: String,
    /// `regionRegex`, as published (ECMAScript syntax).
    pub region_regex: String,
    /// The known regions, in the order of the data file.
    pub regions: Vec<String>,
    /// The region pattern as the literal prefixes it allows before `\w+\-\d+`.
    pub region_prefixes: Vec<String>,
}

/// The error message of `resolve` when no rule (or no rule of an entered tree) matches.
pub const NO_RULE_MATCHED: &str = "No endpoint rule matched the parameters";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Boolean,
    StringArray,
}

/// A value of a parameter: its default, or a test case's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    String(String),
    Boolean(bool),
    StringArray(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The rules-language name (`UseFIPS`).
    pub name: String,
    /// The Rust field and local name (`use_fips`), possibly raw.
    pub field: String,
    pub ty: ParamType,
    /// The field is `Option<T>` (the parameter has no default).
    pub optional: bool,
    pub default: Option<ParamValue>,
    /// Rendered documentation.
    pub docs: Docs,
}

/// Where `Params::from_builtins` takes a built-in parameter from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltInSource {
    /// `region: Option<&str>`.
    Region,
    /// `endpoint: Option<&str>`.
    Endpoint,
    /// `use_fips: bool`.
    UseFips,
    /// `use_dual_stack: bool`.
    UseDualStack,
}

/// One built-in parameter set from the client's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltInSet {
    pub field: String,
    pub source: BuiltInSource,
    /// The field is `Option<T>`.
    pub optional: bool,
}

/// The start of `resolve`: destructure `params`, then read each bound parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prologue {
    /// The fields bound from `params`, in parameter order.
    pub bound: Vec<String>,
    /// `bound` is every field (no `..` in the pattern).
    pub binds_all: bool,
    pub reads: Vec<ParamRead>,
}

/// How `resolve` reads one bound parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamRead {
    /// A required parameter without a default that no rule reads: only checked to be set.
    CheckSet { field: String, missing: String },
    /// `let field = <field as read>;`
    Read { field: String, read: ReadAs },
    /// `let Some(field) = <field as read> else { return missing };`
    ReadRequired { field: String, read: ReadAs, missing: String },
}

/// The expression a parameter is read through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAs {
    /// `field.as_deref()` (an optional string or string array).
    AsDeref,
    /// `field.as_str()`.
    AsStr,
    /// `field.as_slice()`.
    AsSlice,
    /// `*field` (booleans).
    Copy,
}

/// Rules in order; `falls_through` when no rule is unconditional, so the block ends in the
/// "no rule matched" error. Rules after an unconditional one are unreachable and left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub rules: Vec<Rule>,
    pub falls_through: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The layers around the body, outermost first.
    pub layers: Vec<Layer>,
    pub body: Body,
    /// Every condition always holds: the rule always returns.
    pub unconditional: bool,
}

/// One layer around a rule's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    /// `let local = value;`
    Let(String, Value),
    /// `if a && b && … { … }`
    If(Vec<Bool>),
    /// `if let Some(local) = value { … }`
    IfLet(String, Code),
}

/// The value a `let` binds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(Bool),
    /// A string, as `&str`.
    StrRef(Str),
    /// A string, as an owned `String`.
    StrOwned(Str),
    Code(Code),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Endpoint { url: Str, headers: Vec<(String, Vec<Str>)>, properties: Vec<(String, Property)> },
    Error(Str),
    Tree(Block),
}

/// A `serde_json::Value` expression for an endpoint property.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    Array(Vec<Property>),
    Object(Vec<(String, Property)>),
    Int(u64),
    Str(Str),
    Bool(Bool),
}

/// A string value.
#[derive(Debug, Clone, PartialEq)]
pub enum Str {
    Lit(String),
    /// A local: `&str`, or `String` when owned.
    Var(String, bool),
    /// An expression of type `&str`.
    Ref(Code),
    /// An expression of type `String`.
    Owned(Code),
    /// `format!`: literal text, inline locals and positional arguments.
    Format(Vec<FormatPart>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormatPart {
    /// Text, unescaped.
    Lit(String),
    /// `{local}`, an inline argument.
    Inline(String),
    /// `{}`, a positional argument.
    Arg(Str),
}

/// A boolean value, kept structured so negation and comparison print minimally.
#[derive(Debug, Clone, PartialEq)]
pub enum Bool {
    Lit(bool),
    /// An atomic expression (local, field, call).
    Expr(Code),
    Not(Code),
    Eq(Operand, Operand),
    Ne(Operand, Operand),
    IsSome(Code),
    IsNone(Code),
}

/// An operand of `==` / `!=`.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A string, as `&str`.
    Str(Str),
    /// A boolean (parenthesised when it is itself a comparison).
    Bool(Box<Bool>),
    /// `Some(true)`, compared with an optional boolean.
    SomeTrue,
    Code(Code),
}

/// An atomic Rust expression of the resolver.
#[derive(Debug, Clone, PartialEq)]
pub enum Code {
    Local(String),
    /// `value.field`.
    Field(Box<Code>, &'static str),
    /// `value.field.as_str()`.
    FieldStr(Box<Code>, &'static str),
    /// `&value`.
    Borrow(Box<Code>),
    /// Item `index` of a string array, as `Option<&str>`.
    Item(Box<Code>, usize),
    /// A function of the endpoint runtime.
    Call(RuntimeFn, Vec<Arg>),
}

/// An argument of a runtime call.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A string, as `&str`.
    Str(Str),
    Bool(Bool),
    Usize(usize),
}

/// The functions of `endpoint/runtime.rs` the resolver calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeFn {
    Partition,
    ParseArn,
    ParseUrl,
    Substring,
    IsValidHostLabel,
    UriEncode,
}

impl RuntimeFn {
    /// The function's name in the runtime module.
    pub fn rust_name(self) -> &'static str {
        match self {
            RuntimeFn::Partition => "partition",
            RuntimeFn::ParseArn => "parse_arn",
            RuntimeFn::ParseUrl => "parse_url",
            RuntimeFn::Substring => "substring",
            RuntimeFn::IsValidHostLabel => "is_valid_host_label",
            RuntimeFn::UriEncode => "uri_encode",
        }
    }
}

/// A generated `#[test]` for one `endpointTests` case.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// The function name (`case_07_region_us_east_1_use_fips`).
    pub name: String,
    pub docs: Docs,
    /// `(field, value, field is optional)`, in parameter order.
    pub params: Vec<(String, ParamValue, bool)>,
    /// Some parameters are left to `Default`.
    pub rest_default: bool,
    pub expect: Expect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    Endpoint {
        url: String,
        /// Checked when `Some`: the expected headers, by name.
        headers: Option<Vec<(String, Vec<String>)>>,
        /// Checked when `Some`: the expected properties as JSON text.
        properties: Option<String>,
    },
    Error(String),
}

/// Whether an IR value reads the local `name` (so a binding of it must be kept).
pub trait Reads {
    fn reads(&self, name: &str) -> bool;
}

impl Reads for Code {
    fn reads(&self, name: &str) -> bool {
        match self {
            Code::Local(l) => l == name,
            Code::Field(c, _) | Code::FieldStr(c, _) | Code::Borrow(c) | Code::Item(c, _) => c.reads(name),
            Code::Call(_, args) => args.iter().any(|a| a.reads(name)),
        }
    }
}

impl Reads for Arg {
    fn reads(&self, name: &str) -> bool {
        match self {
            Arg::Str(s) => s.reads(name),
            Arg::Bool(b) => b.reads(name),
            Arg::Usize(_) => false,
        }
    }
}

impl Reads for Str {
    fn reads(&self, name: &str) -> bool {
        match self {
            Str::Lit(_) => false,
            Str::Var(v, _) => v == name,
            Str::Ref(c) | Str::Owned(c) => c.reads(name),
            Str::Format(parts) => parts.iter().any(|p| match p {
                FormatPart::Lit(_) => false,
                FormatPart::Inline(v) => v == name,
                FormatPart::Arg(s) => s.reads(name),
            }),
        }
    }
}

impl Reads for Bool {
    fn reads(&self, name: &str) -> bool {
        match self {
            Bool::Lit(_) => false,
            Bool::Expr(c) | Bool::Not(c) | Bool::IsSome(c) | Bool::IsNone(c) => c.reads(name),
            Bool::Eq(a, b) | Bool::Ne(a, b) => a.reads(name) || b.reads(name),
        }
    }
}

impl Reads for Operand {
    fn reads(&self, name: &str) -> bool {
        match self {
            Operand::Str(s) => s.reads(name),
            Operand::Bool(b) => b.reads(name),
            Operand::SomeTrue => false,
            Operand::Code(c) => c.reads(name),
        }
    }
}

impl Reads for Value {
    fn reads(&self, name: &str) -> bool {
        match self {
            Value::Bool(b) => b.reads(name),
            Value::StrRef(s) | Value::StrOwned(s) => s.reads(name),
            Value::Code(c) => c.reads(name),
        }
    }
}

impl Reads for Property {
    fn reads(&self, name: &str) -> bool {
        match self {
            Property::Array(items) => items.iter().any(|i| i.reads(name)),
            Property::Object(fields) => fields.iter().any(|(_, v)| v.reads(name)),
            Property::Int(_) => false,
            Property::Str(s) => s.reads(name),
            Property::Bool(b) => b.reads(name),
        }
    }
}

impl Reads for Layer {
    fn reads(&self, name: &str) -> bool {
        match self {
            Layer::Let(_, v) => v.reads(name),
            Layer::If(conds) => conds.iter().any(|c| c.reads(name)),
            Layer::IfLet(_, c) => c.reads(name),
        }
    }
}

impl Reads for Body {
    fn reads(&self, name: &str) -> bool {
        match self {
            Body::Endpoint { url, headers, properties } => {
                url.reads(name)
                    || headers.iter().any(|(_, vs)| vs.iter().any(|v| v.reads(name)))
                    || properties.iter().any(|(_, p)| p.reads(name))
            }
            Body::Error(s) => s.reads(name),
            Body::Tree(b) => b.reads(name),
        }
    }
}

impl Reads for Rule {
    fn reads(&self, name: &str) -> bool {
        self.layers.iter().any(|l| l.reads(name)) || self.body.reads(name)
    }
}

impl Reads for Block {
    fn reads(&self, name: &str) -> bool {
        self.rules.iter().any(|r| r.reads(name))
    }
}
