//! Each case as a Rust function that runs it against the generated client, and the table of
//! cases. Values come from the case's JSON through the client's public API (builders, enum
//! parsing, union variants), typed by the generator's IR.

use std::collections::BTreeMap;
use std::path::Path;

use generator::emit::{path_tokens, type_tokens};
use generator::ir::{
    Crate, EnumDef, EnumValues, NamedKind, OperationDef, StructDef, Ty, TyKind, TypeDef, TypeId, UnionDef,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::suites::{Case, Kind, Suites};

/// The cases file when the suites are not there: the harness says so and runs nothing.
pub fn missing(dir: &Path) -> String {
    let why = format!("the protocol test suites are not at {} (set PROTOCOL_TESTS_DIR)", dir.display());
    let tokens = quote! {
        pub const MISSING: ::std::option::Option<&str> = ::std::option::Option::Some(#why);
        pub const CASES: &[crate::support::Case] = &[];
    };
    tokens.to_string()
}

enum Def<'a> {
    Struct(&'a StructDef),
    Union(&'a UnionDef),
    Enum(&'a EnumDef),
}

/// How to fill a required member the case leaves out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// It must not be left out: the case cannot be built.
    Refuse,
    /// With a value the client can send (an output case's input): non-empty text, so labels
    /// can be built.
    Sendable,
    /// With the value the client reads when the service leaves it out (its zero value).
    Zero,
}

struct Cx<'a> {
    types: BTreeMap<TypeId, Def<'a>>,
}

pub fn cases(suites: &Suites, krate: &Crate, refused: &BTreeMap<String, String>) -> Result<String, String> {
    let mut types = BTreeMap::new();
    for t in &krate.types {
        let def = match t {
            TypeDef::Struct(s) => Def::Struct(s),
            TypeDef::Union(u) => Def::Union(u),
            TypeDef::Enum(e) => Def::Enum(e),
        };
        types.insert(t.id(), def);
    }
    for e in &krate.errors {
        types.insert(e.id, Def::Struct(e));
    }
    for op in &krate.operations {
        types.insert(op.input.id, Def::Struct(&op.input));
        types.insert(op.output.id, Def::Struct(&op.output));
    }
    let cx = Cx { types };
    let mut functions = Vec::new();
    let mut table = Vec::new();
    for (i, case) in suites.cases.iter().enumerate() {
        let name = format_ident!("case_{i}");
        let body = match refused.get(&case.operation) {
            Some(why) => Err(format!("the generator refuses the operation: {why}")),
            None => operation(krate, &case.operation).and_then(|op| match case.kind {
                Kind::Input => cx.input_case(op, case),
                Kind::Output => cx.output_case(op, case),
            }),
        };
        let body = body.unwrap_or_else(|why| quote! { ::std::result::Result::Err(::std::string::String::from(#why)) });
        functions.push(quote! {
            fn #name() -> crate::support::CaseFuture {
                ::std::boxed::Box::pin(async move { #body })
            }
        });
        let kind = match case.kind {
            Kind::Input => quote! { crate::support::Kind::Input },
            Kind::Output => quote! { crate::support::Kind::Output },
        };
        let (suite, id, ignored) = (&case.suite, &case.id, case.ignored);
        table.push(quote! {
            crate::support::Case { kind: #kind, suite: #suite, id: #id, ignored: #ignored, run: #name }
        });
    }
    let protocol = &suites.protocol;
    let tokens = quote! {
        pub const MISSING: ::std::option::Option<&str> = ::std::option::Option::None;
        pub const PROTOCOL: &str = #protocol;
        #( #functions )*
        pub const CASES: &[crate::support::Case] = &[ #( #table ),* ];
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("the cases do not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

fn operation<'a>(krate: &'a Crate, name: &str) -> Result<&'a OperationDef, String> {
    let rust = generator::naming::type_name(name).unwrap_or_default();
    let rust = rust.strip_prefix("r#").unwrap_or(&rust).to_owned();
    krate.operations.iter().find(|o| o.name == rust).ok_or_else(|| format!("no generated operation `{name}`"))
}

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn lit(text: String) -> Result<TokenStream, String> {
    text.parse().map_err(|e| format!("`{text}` is not a Rust literal: {e}"))
}

fn op_path(op: &OperationDef) -> (TokenStream, syn::Ident) {
    let module: TokenStream = op.module.parse().unwrap_or_default();
    (quote! { crate::operation::#module }, syn::parse_str(&op.module).unwrap_or_else(|_| format_ident!("invalid")))
}

impl Cx<'_> {
    fn input_case(&self, op: &OperationDef, case: &Case) -> Result<TokenStream, String> {
        let (module, method) = op_path(op);
        let input = self.structure(&op.input, &quote! { #module }, &case.data["params"], Fill::Refuse)?;
        let serialized = text(&case.data["serialized"]);
        // A host with a path (`example.com/custom`) is a custom endpoint with that path.
        let endpoint = match case.data["serialized"]["host"].as_str().and_then(|h| h.find('/').map(|i| &h[i..])) {
            Some(path) => format!("https://example.com{path}"),
            None => "https://example.com".to_owned(),
        };
        Ok(quote! {
            let mock = crate::http::mock::MockTransport::new();
            mock.push_json(200, "{}");
            let client = crate::support::client_at(&mock, true, #endpoint);
            let result = client.#method(#input).await;
            crate::support::check_request(&mock, result.err().map(|e| crate::support::chain(&e)), #serialized)
        })
    }

    fn output_case(&self, op: &OperationDef, case: &Case) -> Result<TokenStream, String> {
        let (module, method) = op_path(op);
        let input = self.structure(&op.input, &module, &Value::Null, Fill::Sendable)?;
        let response = text(&case.data["response"]);
        let call = quote! {
            let mock = crate::http::mock::MockTransport::new();
            mock.push_response(crate::support::response(#response)?);
            let client = crate::support::client(&mock, false);
            let result = client.#method(#input).await;
        };
        if let Some(code) = case.data["errorCode"].as_str() {
            let error = op
                .errors
                .iter()
                .find(|e| e.path.name == code || generator::ir::unraw(&e.path.name) == code)
                .ok_or_else(|| format!("`{}` has no modelled error `{code}`", op.name))?;
            let Some(Def::Struct(def)) = self.types.get(&error.id) else {
                return Err(format!("the error `{code}` is not a generated structure"));
            };
            let path = path_tokens(&error.path);
            let expected = self.structure_at(def, &path, &case.data["error"], Fill::Zero)?;
            let enum_name = format_ident!("{}", op.error_enum);
            let variant: syn::Ident = syn::parse_str(&error.variant).map_err(|e| e.to_string())?;
            return Ok(quote! {
                #call
                match result {
                    ::std::result::Result::Ok(output) => ::std::result::Result::Err(::std::format!("expected the error {}, got {:?}", #code, output)),
                    ::std::result::Result::Err(e) => {
                        let chain = crate::support::chain(&e);
                        match e.into_service_error() {
                            ::std::option::Option::Some(#module::#enum_name::#variant(actual)) => crate::support::same(&actual, &#expected),
                            ::std::option::Option::Some(other) => ::std::result::Result::Err(::std::format!("expected the error {}, got {:?}", #code, other)),
                            ::std::option::Option::None => ::std::result::Result::Err(::std::format!("expected the error {}, got: {}", #code, chain)),
                        }
                    }
                }
            });
        }
        let expected = self.structure(&op.output, &module, &case.data["result"], Fill::Zero)?;
        Ok(quote! {
            #call
            match result {
                ::std::result::Result::Ok(actual) => crate::support::same(&actual, &#expected),
                ::std::result::Result::Err(e) => ::std::result::Result::Err(::std::format!("the call failed: {}", crate::support::chain(&e))),
            }
        })
    }

    /// A structure from the members in `v` (a JSON object, or null for none), through its
    /// builder. `module` is the path of the module the structure lives in, for operation
    /// inputs and outputs; named types carry their own path.
    fn structure(&self, def: &StructDef, module: &TokenStream, v: &Value, fill: Fill) -> Result<TokenStream, String> {
        let name: TokenStream = def.name.parse().map_err(|_| format!("bad type name {}", def.name))?;
        self.structure_at(def, &quote! { #module::#name }, v, fill)
    }

    fn structure_at(&self, def: &StructDef, path: &TokenStream, v: &Value, fill: Fill) -> Result<TokenStream, String> {
        let empty = serde_json::Map::new();
        let members = match v {
            Value::Null => &empty,
            Value::Object(m) => m,
            other => return Err(format!("{} is not a structure value", text(other))),
        };
        for key in members.keys() {
            if !def.fields.iter().any(|f| &f.member == key) {
                return Err(format!("`{key}` is not a member of {}", def.name));
            }
        }
        let mut setters = Vec::new();
        for f in &def.fields {
            let setter: syn::Ident = syn::parse_str(&f.builder.setter).map_err(|e| e.to_string())?;
            let value = match members.get(&f.member) {
                Some(v) if !v.is_null() => self.value(&f.ty, v)?,
                _ if f.builder.state.is_none() => continue,
                _ => match fill {
                    Fill::Refuse => return Err(format!("the case leaves out the required member `{}`", f.member)),
                    _ => self.placeholder(&f.ty, fill)?,
                },
            };
            setters.push(quote! { .#setter(#value) });
        }
        Ok(quote! { #path::builder() #( #setters )* .build() })
    }

    fn value(&self, ty: &Ty, v: &Value) -> Result<TokenStream, String> {
        let wrong = || format!("{} is not a value of {:?}", text(v), ty.kind);
        Ok(match &ty.kind {
            TyKind::String => {
                let s = v.as_str().ok_or_else(wrong)?;
                quote! { ::std::string::String::from(#s) }
            }
            TyKind::Bool => {
                let b = v.as_bool().ok_or_else(wrong)?;
                quote! { #b }
            }
            TyKind::I8 | TyKind::I16 | TyKind::I32 | TyKind::I64 => {
                let n = v.as_i64().ok_or_else(wrong)?;
                let suffix = match ty.kind {
                    TyKind::I8 => "i8",
                    TyKind::I16 => "i16",
                    TyKind::I32 => "i32",
                    _ => "i64",
                };
                lit(format!("{n}_{suffix}"))?
            }
            TyKind::F32 | TyKind::F64 => {
                let t = if ty.kind == TyKind::F32 {
                    quote! { f32 }
                } else {
                    quote! { f64 }
                };
                match v {
                    Value::String(s) if s == "NaN" => quote! { #t::NAN },
                    Value::String(s) if s == "Infinity" => quote! { #t::INFINITY },
                    Value::String(s) if s == "-Infinity" => quote! { #t::NEG_INFINITY },
                    Value::Number(n) => {
                        let f = n.as_f64().ok_or_else(wrong)?;
                        lit(format!("{f:?}_{t}"))?
                    }
                    _ => return Err(wrong()),
                }
            }
            TyKind::Blob => {
                let s = v.as_str().ok_or_else(wrong)?;
                quote! { crate::primitives::Blob::from(#s.as_bytes().to_vec()) }
            }
            TyKind::Stream { .. } => {
                let s = v.as_str().ok_or_else(wrong)?;
                quote! { crate::primitives::ByteStream::from(#s.as_bytes().to_vec()) }
            }
            TyKind::Timestamp(_) => match v.as_i64() {
                Some(secs) => quote! { crate::primitives::DateTime::from_secs(#secs) },
                None => {
                    let f = v.as_f64().ok_or_else(wrong)?;
                    quote! { crate::support::timestamp(#f)? }
                }
            },
            TyKind::Document => {
                let t = text(v);
                quote! { crate::support::document(#t)? }
            }
            TyKind::Named { id, path, kind } => {
                let p = path_tokens(path);
                match (kind, self.types.get(id)) {
                    (NamedKind::Enum { .. }, _) => {
                        let t = text(v);
                        quote! { crate::support::enum_value::<#p>(#t)? }
                    }
                    (NamedKind::Struct, Some(Def::Struct(def))) => self.structure_at(def, &p, v, Fill::Refuse)?,
                    (NamedKind::Union, Some(Def::Union(def))) => self.union(def, &p, v)?,
                    _ => return Err(format!("no definition of {}", path.name)),
                }
            }
            TyKind::List { item, sparse } => {
                let items = v.as_array().ok_or_else(wrong)?;
                let item_ty = type_tokens(item);
                let mut values = Vec::new();
                for x in items {
                    values.push(match (sparse, x) {
                        (true, Value::Null) => quote! { ::std::option::Option::None },
                        (true, x) => {
                            let x = self.value(item, x)?;
                            quote! { ::std::option::Option::Some(#x) }
                        }
                        (false, x) => self.value(item, x)?,
                    });
                }
                let item_ty = if *sparse {
                    quote! { ::std::option::Option<#item_ty> }
                } else {
                    item_ty
                };
                quote! { ::std::vec::Vec::<#item_ty>::from([ #( #values ),* ]) }
            }
            TyKind::Map { key, value, sparse } => {
                let entries = v.as_object().ok_or_else(wrong)?;
                let map_ty = type_tokens(ty);
                let mut pairs = Vec::new();
                for (k, x) in entries {
                    let k = self.value(key, &Value::String(k.clone()))?;
                    let x = match (sparse, x) {
                        (true, Value::Null) => quote! { ::std::option::Option::None },
                        (true, x) => {
                            let x = self.value(value, x)?;
                            quote! { ::std::option::Option::Some(#x) }
                        }
                        (false, x) => self.value(value, x)?,
                    };
                    pairs.push(quote! { (#k, #x) });
                }
                quote! { <#map_ty>::from([ #( #pairs ),* ]) }
            }
        })
    }

    fn union(&self, def: &UnionDef, path: &TokenStream, v: &Value) -> Result<TokenStream, String> {
        let members = v.as_object().filter(|m| m.len() == 1).ok_or_else(|| {
            format!("{} is not a value of the union {}: it must have exactly one member", text(v), def.name)
        })?;
        let (member, x) = members.iter().next().ok_or("an empty union value")?;
        let variant = def
            .variants
            .iter()
            .find(|u| &u.member == member)
            .ok_or_else(|| format!("`{member}` is not a member of the union {}", def.name))?;
        let name: syn::Ident = syn::parse_str(&variant.name).map_err(|e| e.to_string())?;
        Ok(match &variant.ty {
            None => quote! { #path::#name },
            Some(ty) => {
                let x = self.value(ty, x)?;
                if variant.boxed {
                    quote! { #path::#name(::std::boxed::Box::new(#x)) }
                } else {
                    quote! { #path::#name(#x) }
                }
            }
        })
    }

    /// A value for a required member the case leaves out.
    fn placeholder(&self, ty: &Ty, fill: Fill) -> Result<TokenStream, String> {
        let sendable = fill == Fill::Sendable;
        Ok(match &ty.kind {
            TyKind::String if sendable => quote! { ::std::string::String::from("x") },
            TyKind::String => quote! { ::std::string::String::new() },
            TyKind::Bool => quote! { false },
            TyKind::I8 | TyKind::I16 | TyKind::I32 | TyKind::I64 => {
                let t = type_tokens(ty);
                quote! { (0 as #t) }
            }
            TyKind::F32 | TyKind::F64 => {
                let t = type_tokens(ty);
                quote! { (0.0 as #t) }
            }
            TyKind::Blob => quote! { crate::primitives::Blob::default() },
            TyKind::Stream { .. } => quote! { crate::primitives::ByteStream::new() },
            TyKind::Timestamp(_) => quote! { crate::primitives::DateTime::from_secs(0) },
            TyKind::Document => quote! { ::serde_json::Value::Null },
            TyKind::List { .. } | TyKind::Map { .. } => {
                let t = type_tokens(ty);
                quote! { <#t>::new() }
            }
            TyKind::Named { id, path, .. } => {
                let p = path_tokens(path);
                match self.types.get(id) {
                    Some(Def::Struct(def)) => self.structure_at(def, &p, &Value::Null, fill)?,
                    Some(Def::Enum(def)) => {
                        let first = match &def.values {
                            EnumValues::String(v) => v.first().map(|x| Value::String(x.value.clone())),
                            EnumValues::Int(v) => v.first().map(|x| Value::from(x.value)),
                        };
                        let t = text(&first.ok_or("an enum without values")?);
                        quote! { crate::support::enum_value::<#p>(#t)? }
                    }
                    Some(Def::Union(def)) => {
                        let first = def.variants.first().ok_or("a union without members")?;
                        let name: syn::Ident = syn::parse_str(&first.name).map_err(|e| e.to_string())?;
                        match &first.ty {
                            None => quote! { #p::#name },
                            Some(t) => {
                                let x = self.placeholder(t, fill)?;
                                if first.boxed {
                                    quote! { #p::#name(::std::boxed::Box::new(#x)) }
                                } else {
                                    quote! { #p::#name(#x) }
                                }
                            }
                        }
                    }
                    None => return Err(format!("no definition of {}", path.name)),
                }
            }
        })
    }
}
