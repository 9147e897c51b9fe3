//! `@examples` as doc examples of the client methods: the example's input written as builder
//! calls, sent through the mock transport. An example whose input the generator cannot write
//! as Rust (an unknown member, a value of the wrong JSON type, a required member left out, a
//! type without a literal form here) is left out of the docs: examples are documentation, and
//! never fail generation.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::ident;
use crate::ir::*;

/// The generated types by identity, for following `Named` types.
pub struct Types<'a> {
    structs: BTreeMap<TypeId, &'a StructDef>,
    unions: BTreeMap<TypeId, &'a UnionDef>,
    enums: BTreeMap<TypeId, &'a EnumDef>,
    lib: Ident,
}

type Ident = proc_macro2::Ident;

impl<'a> Types<'a> {
    pub fn new(krate: &'a Crate) -> Self {
        let mut t = Types {
            structs: BTreeMap::new(),
            unions: BTreeMap::new(),
            enums: BTreeMap::new(),
            lib: format_ident!("{}", krate.package.replace('-', "_")),
        };
        for def in &krate.types {
            match def {
                TypeDef::Struct(s) => {
                    t.structs.insert(s.id, s);
                }
                TypeDef::Union(u) => {
                    t.unions.insert(u.id, u);
                }
                TypeDef::Enum(e) => {
                    t.enums.insert(e.id, e);
                }
            }
        }
        t
    }

    /// Whether writing `ty` names a `#[deprecated]` type: a deprecated structure, union or enum,
    /// or a list or map of one.
    pub fn names_deprecated(&self, ty: &Ty) -> bool {
        match &ty.kind {
            TyKind::Named { id, .. } => {
                self.structs.get(id).is_some_and(|s| s.deprecated.is_some())
                    || self.unions.get(id).is_some_and(|u| u.deprecated.is_some())
                    || self.enums.get(id).is_some_and(|e| e.deprecated.is_some())
            }
            TyKind::List { item, .. } => self.names_deprecated(item),
            TyKind::Map { key, value, .. } => self.names_deprecated(key) || self.names_deprecated(value),
            _ => false,
        }
    }

    /// The crate's library name, as doc examples name it.
    pub fn lib_name(&self) -> String {
        self.lib.to_string()
    }

    fn path(&self, path: &TypePath) -> TokenStream {
        let lib = &self.lib;
        let name = ident(&path.name);
        match &path.module {
            Module::Types => quote! { #lib::types::#name },
            Module::Error => quote! { #lib::error::#name },
            Module::Operation(m) => {
                let m = ident(m);
                quote! { #lib::operation::#m::#name }
            }
        }
    }

    /// The Markdown lines of every example of `op`.
    pub fn docs(&self, op: &OperationDef) -> Docs {
        let mut lines = Docs::new();
        for example in &op.examples {
            let Some(code) = self.example_code(op, &example.input) else { continue };
            lines.push(String::new());
            lines.push(format!("# Example: {}", example.title.trim()));
            if !example.docs.is_empty() {
                lines.push(String::new());
                lines.append(&example.docs);
            }
            lines.push(String::new());
            lines.push("```");
            lines.extend(code);
            lines.push("```");
        }
        lines
    }

    fn example_code(&self, op: &OperationDef, input: &Value) -> Option<Vec<String>> {
        let module = ident(&op.module);
        let input_ty = ident(&op.input.name);
        let lib = &self.lib;
        let build = self.structure(&op.input, quote! { #lib::operation::#module::#input_ty }, input)?;
        let method = ident(&op.module);
        let body = quote! {
            fn example() {
                let input = #build;
                let output = client.#method(input).await;
            }
        };
        let file: syn::File = syn::parse2(body).ok()?;
        let text = prettyplease::unparse(&file);
        let inner: Vec<String> = text
            .lines()
            .skip(1)
            .take_while(|l| *l != "}")
            .map(|l| l.strip_prefix("    ").unwrap_or(l).to_owned())
            .collect();
        let lib = lib.to_string();
        let mut lines = vec![
            format!("# use {lib}::{{Client, Config, Credentials}};"),
            format!("# use {lib}::http::mock::MockTransport;"),
            "# tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {".into(),
            "# let mock = MockTransport::new();".into(),
            "# mock.push_json(200, \"{}\");".into(),
            "# let config = Config::builder().region(\"us-east-1\").credentials(Credentials::new(\"AKIDEXAMPLE\", \"secret\", None));".into(),
            "# let client = Client::new(config.transport(mock.clone()).build());".into(),
        ];
        lines.extend(inner);
        lines.push("# output.expect(\"the mock answers\");".into());
        lines.push("# assert_eq!(mock.request_count(), 1);".into());
        lines.push("# });".into());
        Some(lines)
    }

    fn structure(&self, s: &StructDef, path: TokenStream, v: &Value) -> Option<TokenStream> {
        let obj = v.as_object()?;
        let mut setters = Vec::new();
        for (key, value) in obj {
            let f = s.fields.iter().find(|f| &f.member == key)?;
            if value.is_null() {
                continue;
            }
            let setter = ident(&f.builder.setter);
            let v = self.value(&f.ty, value, true)?;
            setters.push(quote! { .#setter(#v) });
        }
        // Every member the builder requires must be in the example.
        let set = |f: &Field| obj.get(&f.member).is_some_and(|v| !v.is_null());
        if s.fields.iter().any(|f| (f.builder.state.is_some() || f.check_presence) && !set(f)) {
            return None;
        }
        Some(quote! { #path::builder() #( #setters )* .build() })
    }

    /// `v` as a Rust value of `ty`; `into`: the place takes `impl Into<T>` (a builder setter, an
    /// item of a list or map it sets), so a string literal or an array will do.
    fn value(&self, ty: &Ty, v: &Value, into: bool) -> Option<TokenStream> {
        Some(match &ty.kind {
            TyKind::String => {
                let s = v.as_str()?;
                if into {
                    quote! { #s }
                } else {
                    quote! { String::from(#s) }
                }
            }
            TyKind::Bool => {
                let b = v.as_bool()?;
                quote! { #b }
            }
            TyKind::I8 | TyKind::I16 | TyKind::I32 | TyKind::I64 => {
                let n = v.as_i64()?;
                let lit = match ty.kind {
                    TyKind::I8 => Literal::i8_suffixed(i8::try_from(n).ok()?),
                    TyKind::I16 => Literal::i16_suffixed(i16::try_from(n).ok()?),
                    TyKind::I32 => Literal::i32_suffixed(i32::try_from(n).ok()?),
                    _ => Literal::i64_suffixed(n),
                };
                quote! { #lit }
            }
            TyKind::F32 => {
                let f = Literal::f32_suffixed(v.as_f64()? as f32);
                quote! { #f }
            }
            TyKind::F64 => {
                let f = Literal::f64_suffixed(v.as_f64()?);
                quote! { #f }
            }
            TyKind::Timestamp(_) => {
                let secs = v.as_i64()?;
                let lib = &self.lib;
                quote! { #lib::primitives::DateTime::from_secs(#secs) }
            }
            TyKind::List { item, sparse: false } => {
                // An item converts with `Into` when it is a string; a nested collection must be its own type.
                let item_into = into && item.kind == TyKind::String;
                let items: Vec<TokenStream> =
                    v.as_array()?.iter().map(|i| self.value(item, i, item_into)).collect::<Option<_>>()?;
                if into {
                    quote! { [ #( #items ),* ] }
                } else {
                    quote! { vec![ #( #items ),* ] }
                }
            }
            TyKind::Map { key, value, sparse: false } if key.kind == TyKind::String => {
                let entries: Vec<TokenStream> = v
                    .as_object()?
                    .iter()
                    .map(|(k, x)| {
                        let x = self.value(value, x, into && value.kind == TyKind::String)?;
                        Some(if into {
                            quote! { (#k, #x) }
                        } else {
                            quote! { (String::from(#k), #x) }
                        })
                    })
                    .collect::<Option<_>>()?;
                if into {
                    quote! { [ #( #entries ),* ] }
                } else {
                    quote! { std::collections::BTreeMap::from([ #( #entries ),* ]) }
                }
            }
            TyKind::Named { id, path, kind } => {
                let p = self.path(path);
                match kind {
                    NamedKind::Struct => self.structure(self.structs.get(id)?, p, v)?,
                    NamedKind::Enum { .. } => {
                        let e = self.enums.get(id)?;
                        let name = match (&e.values, v) {
                            (EnumValues::String(vs), Value::String(s)) => &vs.iter().find(|x| &x.value == s)?.name,
                            (EnumValues::Int(vs), Value::Number(n)) => {
                                &vs.iter().find(|x| Some(i64::from(x.value)) == n.as_i64())?.name
                            }
                            _ => return None,
                        };
                        let variant = ident(name);
                        quote! { #p::#variant }
                    }
                    NamedKind::Union => {
                        let u = self.unions.get(id)?;
                        let (key, inner) = v.as_object().filter(|o| o.len() == 1)?.iter().next()?;
                        let variant = u.variants.iter().find(|x| &x.member == key)?;
                        let name = ident(&variant.name);
                        match &variant.ty {
                            None => quote! { #p::#name },
                            Some(t) => {
                                let x = self.value(t, inner, false)?;
                                if variant.boxed {
                                    quote! { #p::#name(::std::boxed::Box::new(#x)) }
                                } else {
                                    quote! { #p::#name(#x) }
                                }
                            }
                        }
                    }
                }
            }
            // Blobs, documents, streams and sparse collections have no example form here.
            _ => return None,
        })
    }
}
