//! Prelude trait values and where they may be applied, as the prelude defines them.
//!
//! Each prelude trait the generator reads has a value of one form (an annotation trait is an
//! object, `@httpHeader` a non-empty string, `@http` an object with string `method` and `uri`,
//! …): a value of another form is an error naming the trait, so the typed accessors of
//! [`Traits`] never meet one and read it as absent. The traits that bind or refine members
//! may only be applied where their selector allows: to members of structures, of members whose
//! target has the right type (`@idempotencyToken` on a string, `@httpLabel` on a `@required`
//! scalar, …). Enum shapes count as strings and intEnum shapes as integers, as in selectors.

use std::borrow::Cow;

use serde_json::Value;

use super::{a_or_an, accept, model_err, Member, Model, Shape, ShapeId, ShapeKind, Simple, Traits, PRELUDE_NAMESPACE};
use crate::error::Error;

/// The form of a trait value, or of one property of an object-valued trait.
#[derive(Clone, Copy)]
enum Form {
    /// An annotation trait: a structure with no members, `{}` in the JSON AST.
    Annotation,
    String,
    NonEmptyString,
    /// One of these strings (an enum trait).
    OneOf(&'static [&'static str]),
    /// An integer within these inclusive bounds.
    Integer(i64, i64),
    Boolean,
    StringList,
    /// An object with these properties; properties not listed are not checked here.
    Object(&'static [Property]),
    /// A list of objects with these properties.
    ObjectList(&'static [Property]),
}

#[derive(Clone, Copy)]
struct Property {
    name: &'static str,
    form: Form,
    required: bool,
}

const fn required(name: &'static str, form: Form) -> Property {
    Property { name, form, required: true }
}

const fn optional(name: &'static str, form: Form) -> Property {
    Property { name, form, required: false }
}

const INT: Form = Form::Integer(i32::MIN as i64, i32::MAX as i64);
const ANY_OBJECT: Form = Form::Object(&[]);

/// The prelude traits whose values are checked, with their forms.
const FORMS: &[(&str, Form)] = &[
    ("required", Form::Annotation),
    ("clientOptional", Form::Annotation),
    ("addedDefault", Form::Annotation),
    ("sensitive", Form::Annotation),
    ("idempotencyToken", Form::Annotation),
    ("idempotent", Form::Annotation),
    ("readonly", Form::Annotation),
    ("sparse", Form::Annotation),
    ("uniqueItems", Form::Annotation),
    ("httpLabel", Form::Annotation),
    ("httpQueryParams", Form::Annotation),
    ("httpPayload", Form::Annotation),
    ("httpResponseCode", Form::Annotation),
    ("httpChecksumRequired", Form::Annotation),
    ("streaming", Form::Annotation),
    ("requiresLength", Form::Annotation),
    ("hostLabel", Form::Annotation),
    ("input", Form::Annotation),
    ("output", Form::Annotation),
    ("unitType", Form::Annotation),
    ("box", Form::Annotation),
    ("documentation", Form::String),
    ("mediaType", Form::String),
    ("jsonName", Form::String),
    ("pattern", Form::String),
    ("title", Form::String),
    ("xmlName", Form::String),
    ("httpPrefixHeaders", Form::String),
    ("httpQuery", Form::NonEmptyString),
    ("httpHeader", Form::NonEmptyString),
    ("error", Form::OneOf(&["client", "server"])),
    ("timestampFormat", Form::OneOf(&["date-time", "http-date", "epoch-seconds"])),
    ("httpError", INT),
    ("tags", Form::StringList),
    ("auth", Form::StringList),
    ("suppress", Form::StringList),
    (
        "http",
        Form::Object(&[
            required("method", Form::NonEmptyString),
            required("uri", Form::NonEmptyString),
            optional("code", Form::Integer(100, 999)),
        ]),
    ),
    (
        "paginated",
        Form::Object(&[
            optional("inputToken", Form::NonEmptyString),
            optional("outputToken", Form::NonEmptyString),
            optional("items", Form::NonEmptyString),
            optional("pageSize", Form::NonEmptyString),
        ]),
    ),
    ("deprecated", Form::Object(&[optional("message", Form::String), optional("since", Form::String)])),
    ("endpoint", Form::Object(&[required("hostPrefix", Form::NonEmptyString)])),
    ("requestCompression", Form::Object(&[required("encodings", Form::StringList)])),
    ("retryable", Form::Object(&[optional("throttling", Form::Boolean)])),
    ("xmlNamespace", Form::Object(&[required("uri", Form::NonEmptyString), optional("prefix", Form::NonEmptyString)])),
    ("mixin", Form::Object(&[optional("localTraits", Form::StringList)])),
    // Their bounds are checked with the type they constrain (`check_bounds`).
    ("length", ANY_OBJECT),
    ("range", ANY_OBJECT),
    (
        "examples",
        Form::ObjectList(&[
            required("title", Form::String),
            optional("documentation", Form::String),
            optional("input", ANY_OBJECT),
            optional("output", ANY_OBJECT),
            optional("error", ANY_OBJECT),
        ]),
    ),
];

/// Checks the value of every prelude trait in `traits` whose form is known.
pub(super) fn check_trait_values(at: &str, traits: &Traits) -> Result<(), Error> {
    for (key, v) in &traits.0 {
        let Some(name) = key.strip_prefix(PRELUDE_NAMESPACE).and_then(|k| k.strip_prefix('#')) else { continue };
        let Some((_, form)) = FORMS.iter().find(|(n, _)| *n == name) else { continue };
        check_form(v, *form)
            .map_err(|expected| model_err(at, format!("@{name} must be {expected}, not {}", shown(v))))?;
        match (form, v) {
            (Form::Object(props), Value::Object(_)) => check_properties(at, name, v, props)?,
            (Form::ObjectList(props), Value::Array(items)) => {
                for item in items {
                    check_properties(at, name, item, props)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The properties of an object-valued trait `name`.
fn check_properties(at: &str, name: &str, v: &Value, props: &[Property]) -> Result<(), Error> {
    for p in props {
        match v.get(p.name) {
            None if p.required => {
                let expected = describe(p.form);
                return Err(model_err(at, format!("@{name} needs the property `{}` ({expected})", p.name)));
            }
            None => {}
            Some(value) => check_form(value, p.form).map_err(|expected| {
                model_err(at, format!("@{name} `{}` must be {expected}, not {}", p.name, shown(value)))
            })?,
        }
    }
    Ok(())
}

/// Whether `v` has the form `form` (not looking into an object's properties); if not, what
/// was expected.
fn check_form(v: &Value, form: Form) -> Result<(), String> {
    let ok = match form {
        Form::Annotation | Form::Object(_) => v.is_object(),
        Form::String => v.is_string(),
        Form::NonEmptyString => v.as_str().is_some_and(|s| !s.is_empty()),
        Form::OneOf(values) => v.as_str().is_some_and(|s| values.contains(&s)),
        Form::Integer(min, max) => v.as_i64().is_some_and(|i| (min..=max).contains(&i)),
        Form::Boolean => v.is_boolean(),
        Form::StringList => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        Form::ObjectList(_) => v.as_array().is_some_and(|a| a.iter().all(Value::is_object)),
    };
    if ok {
        Ok(())
    } else {
        Err(describe(form))
    }
}

fn describe(form: Form) -> String {
    match form {
        Form::Annotation => "an object (`{}`: it is an annotation trait)".into(),
        Form::Object(_) => "an object".into(),
        Form::String => "a string".into(),
        Form::NonEmptyString => "a non-empty string".into(),
        Form::OneOf(values) => {
            let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
            format!("one of {}", quoted.join(", "))
        }
        Form::Integer(min, max) if (min, max) == (i32::MIN as i64, i32::MAX as i64) => "an integer".into(),
        Form::Integer(min, max) => format!("an integer from {min} to {max}"),
        Form::Boolean => "a boolean".into(),
        Form::StringList => "a list of strings".into(),
        Form::ObjectList(_) => "a list of objects".into(),
    }
}

/// A JSON value for a message: short scalars as written, anything else by its kind.
pub(super) fn shown(v: &Value) -> String {
    match v {
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
        other => {
            let text = other.to_string();
            if text.chars().count() > 60 {
                format!("{}…", text.chars().take(60).collect::<String>())
            } else {
                text
            }
        }
    }
}

/// The type a selector sees: enum shapes are strings and intEnum shapes integers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    String,
    Integer,
    Number,
    Boolean,
    Timestamp,
    Blob,
    Document,
    List,
    Map,
    Structure,
    Union,
    Other,
}

fn seen(kind: &ShapeKind) -> Seen {
    match kind {
        ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_) => Seen::String,
        ShapeKind::Simple(Simple::Integer) | ShapeKind::IntEnum(_) => Seen::Integer,
        ShapeKind::Simple(s) if s.is_number() => Seen::Number,
        ShapeKind::Simple(Simple::Boolean) => Seen::Boolean,
        ShapeKind::Simple(Simple::Timestamp) => Seen::Timestamp,
        ShapeKind::Simple(Simple::Blob) => Seen::Blob,
        ShapeKind::Simple(Simple::Document) => Seen::Document,
        ShapeKind::List(_) => Seen::List,
        ShapeKind::Map { .. } => Seen::Map,
        ShapeKind::Structure(_) => Seen::Structure,
        ShapeKind::Union(_) => Seen::Union,
        _ => Seen::Other,
    }
}

/// What a URI label, a query parameter or a header holds: a string, number, boolean or
/// timestamp.
fn scalar(s: Seen) -> bool {
    matches!(s, Seen::String | Seen::Integer | Seen::Number | Seen::Boolean | Seen::Timestamp)
}

/// The member traits only structure members may carry.
pub(super) const STRUCTURE_MEMBER_ONLY: &[&str] = &[
    "required",
    "clientOptional",
    "addedDefault",
    "default",
    "httpLabel",
    "httpQuery",
    "httpQueryParams",
    "httpHeader",
    "httpPrefixHeaders",
    "httpPayload",
    "httpResponseCode",
    "idempotencyToken",
    "hostLabel",
];

impl Model {
    /// Where the traits of member `m` (`at`) of `parent` may be, against its `target`.
    ///
    /// `@httpLabel` on a member that is not `@required` is accepted with a warning here (the AWS
    /// protocol tests put one in an output, where labels mean nothing); the labels an `@http`
    /// URI binds must be `@required` ([`Model::check_http_uri`]).
    pub(super) fn check_member_placement(
        &self,
        at: &str,
        parent: &Shape,
        m: &Member,
        target: &Shape,
        warnings: &mut Vec<(ShapeId, String)>,
    ) -> Result<(), Error> {
        let t = &m.traits;
        if !matches!(parent.kind, ShapeKind::Structure(_)) {
            for name in STRUCTURE_MEMBER_ONLY {
                if t.api(name).is_none() {
                    continue;
                }
                let problem = match (&parent.kind, *name) {
                    (ShapeKind::Union(_), "required") => {
                        "@required cannot be applied to a union member: exactly one member of a union is set".into()
                    }
                    (ShapeKind::Union(_), "default") => {
                        "@default cannot be applied to a union member: a union has no default value".into()
                    }
                    (kind, _) => format!(
                        "@{name} can only be applied to structure members, not to a member of {}",
                        a_or_an(kind.type_name())
                    ),
                };
                return Err(model_err(at, problem));
            }
        }
        if t.json_name().is_some() && !matches!(parent.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) {
            let kind = a_or_an(parent.kind.type_name());
            return Err(model_err(
                at,
                format!("@jsonName can only be applied to structure and union members, not to a member of {kind}"),
            ));
        }
        if super::is_unit(&m.target) && !matches!(parent.kind, ShapeKind::Union(_)) {
            let kind = a_or_an(parent.kind.type_name());
            return Err(model_err(
                at,
                format!("a member of {kind} cannot target `smithy.api#Unit` (only union members and operations can)"),
            ));
        }
        let target_is = seen(&target.kind);
        let of_target = || format!("`{}` is {}", m.target, self.described(target));
        let must_target = |name: &str, what: &str| {
            model_err(at, format!("@{name} must be applied to a member that targets {what}, but {}", of_target()))
        };
        if t.idempotency_token() && target_is != Seen::String {
            return Err(must_target("idempotencyToken", "a string"));
        }
        if t.http_label() {
            if !scalar(target_is) {
                return Err(must_target("httpLabel", "a string, number, boolean or timestamp"));
            }
            if !t.required() {
                accept(warnings, at, "an @httpLabel member must be @required (a URI label always has a value)");
            }
        }
        if t.host_label() {
            if target_is != Seen::String {
                return Err(must_target("hostLabel", "a string"));
            }
            if !t.required() {
                return Err(model_err(at, "a @hostLabel member must be @required (a host label always has a value)"));
            }
        }
        let list_item = || self.list_item(target);
        if t.http_query().is_some() && !(scalar(target_is) || list_item().is_some_and(scalar)) {
            return Err(must_target("httpQuery", "a string, number, boolean or timestamp, or a list of them"));
        }
        if t.http_header().is_some() && !(scalar(target_is) || list_item().is_some_and(scalar)) {
            return Err(must_target("httpHeader", "a string, number, boolean or timestamp, or a list of them"));
        }
        let map_value = self.map_value(target);
        if t.http_query_params() {
            let ok = map_value
                .as_ref()
                .is_some_and(|v| seen(&v.kind) == Seen::String || self.list_item(v).is_some_and(|i| i == Seen::String));
            if !ok {
                return Err(must_target("httpQueryParams", "a map of strings or of lists of strings"));
            }
        }
        if t.http_prefix_headers().is_some() {
            let ok = map_value.as_ref().is_some_and(|v| seen(&v.kind) == Seen::String) && !target.traits.sparse();
            if !ok {
                return Err(must_target("httpPrefixHeaders", "a map of strings that is not @sparse"));
            }
        }
        let payload_types =
            [Seen::String, Seen::Blob, Seen::Structure, Seen::Union, Seen::Document, Seen::List, Seen::Map];
        if t.http_payload() && !payload_types.contains(&target_is) {
            return Err(must_target("httpPayload", "a string, blob, structure, union, document, list or map"));
        }
        if t.http_response_code() {
            if target_is != Seen::Integer {
                return Err(must_target("httpResponseCode", "an integer"));
            }
            if parent.traits.api("input").is_some() {
                let problem = "@httpResponseCode cannot be applied to a member of an @input structure \
                               (a request has no status code)";
                return Err(model_err(at, problem));
            }
        }
        if t.timestamp_format().is_some() && target_is != Seen::Timestamp {
            return Err(must_target("timestampFormat", "a timestamp"));
        }
        Ok(())
    }

    /// A shape's type for a message, with what a list or map holds: "a list of `ex#T` (timestamp)".
    fn described(&self, shape: &Shape) -> String {
        let held = |m: &Member| {
            let kind = self.get(&m.target).map_or("?", |s| s.kind.type_name());
            format!("`{}` ({kind})", m.target)
        };
        let sparse = if shape.traits.sparse() { "@sparse " } else { "" };
        match &shape.kind {
            ShapeKind::List(m) => format!("a {sparse}list of {}", held(m)),
            ShapeKind::Map { value, .. } => format!("a {sparse}map of {}", held(value)),
            kind => a_or_an(kind.type_name()),
        }
    }

    /// What a list shape's member targets, as a selector sees it.
    fn list_item(&self, list: &Shape) -> Option<Seen> {
        let ShapeKind::List(m) = &list.kind else { return None };
        self.get(&m.target).map(|s| seen(&s.kind))
    }

    /// The shape a map's values target.
    fn map_value(&self, map: &Shape) -> Option<Cow<'_, Shape>> {
        let ShapeKind::Map { value, .. } = &map.kind else { return None };
        self.get(&value.target)
    }
}

/// Where the traits of the shape `at` (of kind `kind`) may be.
pub(super) fn check_shape_placement(at: &str, traits: &Traits, kind: &ShapeKind) -> Result<(), Error> {
    let is = seen(kind);
    let allowed: &[(&str, &[Seen], &str)] = &[
        ("timestampFormat", &[Seen::Timestamp], "timestamps"),
        ("sparse", &[Seen::List, Seen::Map], "lists and maps"),
        ("uniqueItems", &[Seen::List], "lists"),
        ("streaming", &[Seen::Blob, Seen::Union], "blobs and unions"),
        ("mediaType", &[Seen::Blob, Seen::String], "blobs and strings"),
    ];
    for (name, kinds, what) in allowed {
        if traits.api(name).is_some() && !kinds.contains(&is) {
            let kind = a_or_an(kind.type_name());
            return Err(model_err(at, format!("@{name} can only be applied to {what}, not to {kind}")));
        }
    }
    if traits.api("requiresLength").is_some() && !(is == Seen::Blob && traits.streaming()) {
        return Err(model_err(at, "@requiresLength can only be applied to a @streaming blob"));
    }
    for name in ["httpError", "retryable"] {
        if traits.api(name).is_some() && traits.error().is_none() {
            return Err(model_err(at, format!("@{name} can only be applied to a structure with the @error trait")));
        }
    }
    if traits.api("unitType").is_some() {
        return Err(model_err(at, "@unitType can only be applied to `smithy.api#Unit`"));
    }
    // Traits the prelude defines as conflicting with one another.
    let conflicts = [("readonly", "idempotent"), ("input", "output"), ("input", "error"), ("output", "error")];
    for (a, b) in conflicts {
        if traits.api(a).is_some() && traits.api(b).is_some() {
            return Err(model_err(at, format!("@{a} conflicts with @{b}")));
        }
    }
    Ok(())
}
