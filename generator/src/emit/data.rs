//! Data types: structures, enums and unions with their serde (structures' in `json`), Debug and
//! constructor code.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

use super::{deprecated, docs, ident, inner_docs, path_tokens};
use crate::ir::unraw;
use crate::ir::*;

const REDACTED: &str = "*** Sensitive Data Redacted ***";

pub fn types_rs(krate: &Crate) -> TokenStream {
    let items = krate.types.iter().map(|t| match t {
        TypeDef::Struct(s) => struct_tokens(s),
        TypeDef::Enum(e) => enum_tokens(e),
        TypeDef::Union(u) => union_tokens(u),
    });
    quote! {
        //! Shapes shared by the operations' inputs, outputs and errors.
        #![allow(deprecated)]
        #( #items )*
    }
}

pub fn error_rs(krate: &Crate) -> TokenStream {
    let items = krate.errors.iter().map(struct_tokens);
    quote! {
        //! The errors the service models. Each is generated once, however many operations return it.
        #![allow(deprecated)]
        #( #items )*
    }
}

pub fn operation_rs(op: &OperationDef) -> TokenStream {
    let route = format!("{} {}", op.http.method, op.http.uri);
    let mut lines = Docs::from(format!("`{}`: {}.", op.name, super::code_span(&route)));
    if !op.docs.is_empty() {
        lines.push(String::new());
        lines.append(&op.docs);
    }
    if let Some(p) = &op.pagination {
        let part = |label: &str, v: &Option<String>| v.as_ref().map(|v| format!("{label} {}", super::code_span(v)));
        let parts: Vec<String> = [
            part("input token", &p.input_token),
            part("output token", &p.output_token),
            part("items", &p.items),
            part("page size", &p.page_size),
        ]
        .into_iter()
        .flatten()
        .collect();
        lines.push(String::new());
        lines.push(format!("Paginated: {}.", parts.join(", ")));
    }
    let module_docs = inner_docs(&lines);
    let input = struct_tokens(&op.input);
    // The same structure as input and output is written once.
    let output = (op.output.id != op.input.id).then(|| struct_tokens(&op.output));
    let errors = super::client::operation_errors(op);
    let paginator = op.paginator.as_ref().map(|p| super::paginators::paginator(op, p));
    quote! {
        #module_docs
        #![allow(deprecated)]
        #input
        #output
        #errors
        #paginator
    }
}

/// The Rust type of a value at its use site (without the field's `Option`/`Box`).
pub fn type_tokens(ty: &Ty) -> TokenStream {
    match &ty.kind {
        TyKind::String => quote! { ::std::string::String },
        TyKind::Bool => quote! { bool },
        TyKind::I8 => quote! { i8 },
        TyKind::I16 => quote! { i16 },
        TyKind::I32 => quote! { i32 },
        TyKind::I64 => quote! { i64 },
        TyKind::F32 => quote! { f32 },
        TyKind::F64 => quote! { f64 },
        TyKind::Blob => quote! { crate::primitives::Blob },
        TyKind::Stream { .. } => quote! { crate::primitives::ByteStream },
        TyKind::Timestamp(_) => quote! { crate::primitives::DateTime },
        TyKind::Document => quote! { ::serde_json::Value },
        TyKind::Named { path, .. } => path_tokens(path),
        TyKind::List { item, sparse } => {
            let item = type_tokens(item);
            if *sparse {
                quote! { ::std::vec::Vec<::std::option::Option<#item>> }
            } else {
                quote! { ::std::vec::Vec<#item> }
            }
        }
        TyKind::Map { key, value, sparse } => {
            let key = type_tokens(key);
            let value = type_tokens(value);
            if *sparse {
                quote! { ::std::collections::BTreeMap<#key, ::std::option::Option<#value>> }
            } else {
                quote! { ::std::collections::BTreeMap<#key, #value> }
            }
        }
    }
}

pub(super) fn field_type(f: &Field) -> TokenStream {
    let mut t = type_tokens(&f.ty);
    if f.boxed {
        t = quote! { ::std::boxed::Box<#t> };
    }
    if f.optional {
        t = quote! { ::std::option::Option<#t> };
    }
    t
}

pub fn struct_tokens(s: &StructDef) -> TokenStream {
    let name = ident(&s.name);
    let docs_attr = docs(&s.docs);
    let dep = deprecated(&s.deprecated);
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let ty = field_type(f);
        let mut lines = f.docs.clone();
        if f.sensitive {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push("Sensitive: redacted from `Debug` output and validation messages.");
        }
        if let Some(d) = &f.default {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(format!("When not set, the service uses the default `{d}`."));
        }
        if f.idempotency_token {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push("Idempotency token: when left empty, the client fills it with a fresh UUID v4 once per call.");
        }
        let d = docs(&lines);
        let dep = deprecated(&f.deprecated);
        quote! { #d #dep pub #fname: #ty, }
    });
    let meta_field = if s.response_metadata {
        quote! {
            /// Response metadata (the request id): not part of the wire shape, ignored by `PartialEq`.
            #[doc(hidden)]
            pub _meta: crate::sdk_error::ResponseMetadata,
        }
    } else {
        quote! {}
    };
    let meta_impls = if s.response_metadata {
        let what = if s.error.is_some() { "error" } else { "output" };
        let id_doc = format!(" The `x-amzn-RequestId` of the response this {what} came from.");
        let raw = if s.error.is_some() {
            quote! {
                /// The whole error response this error was read from: status, headers and body.
                pub fn raw_response(&self) -> ::std::option::Option<&crate::http::HttpResponse> {
                    self._meta.raw_response()
                }
            }
        } else {
            quote! {}
        };
        quote! {
            impl #name {
                #[doc = #id_doc]
                pub fn request_id(&self) -> ::std::option::Option<&str> {
                    self._meta.request_id()
                }
                #raw
            }
            impl crate::sdk_error::RequestId for #name {
                fn request_id(&self) -> ::std::option::Option<&str> {
                    self._meta.request_id()
                }
            }
            impl crate::sdk_error::SetResponseMetadata for #name {
                fn set_response_metadata(&mut self, meta: crate::sdk_error::ResponseMetadata) {
                    self._meta = meta;
                }
            }
        }
    } else {
        quote! {}
    };
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.builder.state.is_some()).collect();
    let debug_derive = if s.has_sensitive_field() {
        quote! {}
    } else {
        quote! { ::std::fmt::Debug, }
    };
    let default_derive = if s.derive_default {
        quote! { ::std::default::Default, }
    } else {
        quote! {}
    };
    let debug_impl = if s.has_sensitive_field() {
        debug_impl(s)
    } else {
        quote! {}
    };
    let ctor = super::builder::builder(s, &required);
    let error_impls = error_impls(s);
    let validate = super::validate::struct_validate(s);
    let serialize = s.serialize.then(|| super::json::struct_serialize(s));
    let deserialize = s.deserialize.then(|| super::json::struct_deserialize(s));
    // A stream is read once: it can be neither cloned nor compared.
    let value_derives = if s.stream_field().is_some() {
        quote! {}
    } else {
        quote! { ::std::clone::Clone, ::std::cmp::PartialEq, }
    };
    quote! {
        #docs_attr
        #dep
        #[derive(#value_derives #debug_derive #default_derive)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
            #meta_field
        }
        #meta_impls
        #ctor
        #debug_impl
        #error_impls
        #validate
        #serialize
        #deserialize
    }
}

fn debug_impl(s: &StructDef) -> TokenStream {
    let name = ident(&s.name);
    let label = unraw(&s.name);
    if s.sensitive {
        let text = format!("{label} {{ {REDACTED} }}");
        return quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#text)
                }
            }
        };
    }
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let label = unraw(&f.name);
        if f.sensitive {
            quote! { .field(#label, &::std::format_args!(#REDACTED)) }
        } else {
            quote! { .field(#label, &self.#fname) }
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #( #fields )* .finish()
            }
        }
    }
}

fn error_impls(s: &StructDef) -> TokenStream {
    let Some(info) = &s.error else { return quote! {} };
    let name = ident(&s.name);
    let code = &info.code;
    let (message_fn, display) = match info.message.map(|i| &s.fields[i]) {
        Some(f) => {
            let n = ident(&f.name);
            let get = if f.optional {
                quote! { self.#n.as_deref() }
            } else {
                quote! { ::std::option::Option::Some(self.#n.as_str()) }
            };
            (
                quote! {
                    /// The message the service sent with the error, if any.
                    pub fn message(&self) -> ::std::option::Option<&str> { #get }
                },
                quote! {
                    f.write_str(#code)?;
                    if let ::std::option::Option::Some(m) = self.message() {
                        ::std::write!(f, ": {m}")?;
                    }
                    ::std::result::Result::Ok(())
                },
            )
        }
        _ => (
            quote! {
                /// The message the service sent with the error: this error's model has none (or it is sensitive).
                pub fn message(&self) -> ::std::option::Option<&str> {
                    ::std::option::Option::None
                }
            },
            quote! { f.write_str(#code) },
        ),
    };
    let status = match info.http_status {
        Some(c) => {
            let c = Literal::u16_unsuffixed(c);
            quote! { ::std::option::Option::Some(#c) }
        }
        None => quote! { ::std::option::Option::None },
    };
    let fault = info.server_fault;
    let bindings = super::client::read_bindings(
        s,
        quote! { value },
        [quote! { error.headers() }, quote! { error.status() }, quote! { error.body() }],
        |what| quote! { |e| crate::runtime::binding::error_binding_error(error, #what, e) },
    );
    let value_binding = if bindings.is_empty() {
        quote! { let value }
    } else {
        quote! { let mut value }
    };
    quote! {
        impl #name {
            /// Reads the error from an error response: the body, then the members bound to
            /// headers.
            #[doc(hidden)]
            pub fn from_response(error: &crate::runtime::ErrorResponse) -> ::std::result::Result<Self, crate::sdk_error::ResponseError> {
                #[allow(unused_imports)]
                use crate::runtime;
                #value_binding: Self = error.deserialize()?;
                #( #bindings )*
                ::std::result::Result::Ok(value)
            }
            /// The error code that identifies this error on the wire.
            pub const CODE: &'static str = #code;
            /// The HTTP status the model assigns to this error.
            pub const HTTP_STATUS: ::std::option::Option<u16> = #status;
            /// Whether the model blames the server (`true`) or the client (`false`).
            pub const SERVER_FAULT: bool = #fault;
            #message_fn
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }
        impl ::std::error::Error for #name {}
        impl crate::sdk_error::ErrorVariant for #name {
            fn message(&self) -> ::std::option::Option<&str> { Self::message(self) }
            fn request_id(&self) -> ::std::option::Option<&str> { Self::request_id(self) }
            fn raw_response(&self) -> ::std::option::Option<&crate::http::HttpResponse> { Self::raw_response(self) }
            fn is_retryable(&self) -> bool {
                crate::runtime::is_retryable_error(Self::HTTP_STATUS, ::std::option::Option::Some(Self::CODE))
            }
            fn is_server_fault(&self) -> bool { Self::SERVER_FAULT }
        }
    }
}

/// An enum or intEnum: the variants, `VALUES`, the wire accessor, serde, and the conversions
/// from wire values (total for open enums, fallible for closed ones).
fn enum_tokens(e: &EnumDef) -> TokenStream {
    let name = ident(&e.name);
    let label = unraw(&e.name);
    let mut doc_lines = e.docs.clone();
    if e.unknown.is_some() {
        doc_lines.push(String::new());
        doc_lines.push("Values this version of the crate does not know arrive as the catch-all variant, and convert back to the same text.");
    }
    let docs_attr = docs(&doc_lines);
    let dep = deprecated(&e.deprecated);
    /// A variant with its wire value as a literal and as doc text.
    struct Variant<'a> {
        name: &'a str,
        literal: TokenStream,
        text: String,
        docs: &'a Docs,
        deprecated: &'a Option<String>,
    }
    fn variant<'a, V: ::std::fmt::Display>(v: &'a EnumVariant<V>, literal: TokenStream) -> Variant<'a> {
        Variant { name: &v.name, literal, text: v.value.to_string(), docs: &v.docs, deprecated: &v.deprecated }
    }
    let variants: Vec<Variant<'_>> = match &e.values {
        EnumValues::String(vs) => vs.iter().map(|v| variant(v, v.value.to_token_stream())).collect(),
        EnumValues::Int(vs) => {
            vs.iter().map(|v| variant(v, Literal::i32_unsuffixed(v.value).into_token_stream())).collect()
        }
    };
    let variant_defs = variants.iter().map(|v| {
        let vn = ident(v.name);
        let mut lines = v.docs.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Wire value: {}.", super::code_span(&v.text)));
        let d = docs(&lines);
        let dep = deprecated(v.deprecated);
        quote! { #d #dep #vn, }
    });
    let names: Vec<_> = variants.iter().map(|v| ident(v.name)).collect();
    let values: Vec<&TokenStream> = variants.iter().map(|v| &v.literal).collect();
    let non_exhaustive = if e.unknown.is_some() {
        quote! { #[non_exhaustive] }
    } else {
        quote! {}
    };
    let values_doc = format!(" Every value the model defines for `{label}`, in model order.");
    let int = matches!(e.values, EnumValues::Int(_));
    let (value_ty, accessor, accessor_ty, serialize) = if int {
        (quote! { i32 }, quote! { as_i32 }, quote! { i32 }, quote! { serialize_i32(self.as_i32()) })
    } else {
        (quote! { &'static str }, quote! { as_str }, quote! { &str }, quote! { serialize_str(self.as_str()) })
    };
    let (unknown_variant, accessor_unknown, conversions) = match (&e.unknown, int) {
        (Some(u), false) => {
            let un = ident(u);
            (
                quote! {
                    /// A value not in this version of the model; its text is kept as received.
                    #un(crate::primitives::UnknownVariantValue),
                },
                quote! { Self::#un(v) => v.as_str(), },
                quote! {
                    impl ::std::convert::From<&str> for #name {
                        fn from(value: &str) -> Self {
                            match value {
                                #( #values => Self::#names, )*
                                other => Self::#un(crate::primitives::UnknownVariantValue::new(other)),
                            }
                        }
                    }
                    impl ::std::str::FromStr for #name {
                        type Err = ::std::convert::Infallible;
                        fn from_str(s: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                            ::std::result::Result::Ok(Self::from(s))
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for #name {
                        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                            let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                            ::std::result::Result::Ok(Self::from(text.as_str()))
                        }
                    }
                },
            )
        }
        (Some(u), true) => {
            let un = ident(u);
            (
                quote! {
                    /// A value not in this version of the model, kept as received.
                    #un(crate::primitives::UnknownIntValue),
                },
                quote! { Self::#un(v) => v.value(), },
                quote! {
                    impl ::std::convert::From<i32> for #name {
                        fn from(value: i32) -> Self {
                            match value {
                                #( #values => Self::#names, )*
                                other => Self::#un(crate::primitives::UnknownIntValue::new(other)),
                            }
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for #name {
                        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                            ::std::result::Result::Ok(Self::from(<i32 as ::serde::Deserialize>::deserialize(deserializer)?))
                        }
                    }
                },
            )
        }
        (None, false) => (
            quote! {},
            quote! {},
            quote! {
                impl ::std::str::FromStr for #name {
                    type Err = crate::primitives::UnknownEnumValue;
                    fn from_str(s: &str) -> ::std::result::Result<Self, crate::primitives::UnknownEnumValue> {
                        match s {
                            #( #values => ::std::result::Result::Ok(Self::#names), )*
                            other => ::std::result::Result::Err(crate::primitives::UnknownEnumValue::new(#label, other, Self::VALUES)),
                        }
                    }
                }
                impl ::std::convert::TryFrom<&str> for #name {
                    type Error = crate::primitives::UnknownEnumValue;
                    fn try_from(s: &str) -> ::std::result::Result<Self, crate::primitives::UnknownEnumValue> {
                        s.parse()
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                        text.parse().map_err(<D::Error as ::serde::de::Error>::custom)
                    }
                }
            },
        ),
        (None, true) => (
            quote! {},
            quote! {},
            quote! {
                impl ::std::convert::TryFrom<i32> for #name {
                    type Error = crate::primitives::UnknownEnumValue;
                    fn try_from(value: i32) -> ::std::result::Result<Self, crate::primitives::UnknownEnumValue> {
                        match value {
                            #( #values => ::std::result::Result::Ok(Self::#names), )*
                            other => ::std::result::Result::Err(crate::primitives::UnknownEnumValue::new(#label, &other.to_string(), &[])),
                        }
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        let value = <i32 as ::serde::Deserialize>::deserialize(deserializer)?;
                        Self::try_from(value).map_err(<D::Error as ::serde::de::Error>::custom)
                    }
                }
            },
        ),
    };
    let is_unknown = e.unknown.as_ref().map(|u| {
        let un = ident(u);
        quote! {
            impl #name {
                /// Whether the value is outside this version of the model.
                pub fn is_unknown(&self) -> bool {
                    ::std::matches!(self, Self::#un(_))
                }
            }
        }
    });
    // Text enums also read as text.
    let text_impls = (!int).then(|| {
        quote! {
            impl ::std::convert::AsRef<str> for #name {
                fn as_ref(&self) -> &str { self.as_str() }
            }
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.as_str()) }
            }
        }
    });
    quote! {
        #docs_attr
        #dep
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::fmt::Debug)]
        #non_exhaustive
        pub enum #name {
            #( #variant_defs )*
            #unknown_variant
        }
        impl #name {
            #[doc = #values_doc]
            pub const VALUES: &'static [#value_ty] = &[ #( #values ),* ];
            /// The value as it appears on the wire.
            pub fn #accessor(&self) -> #accessor_ty {
                match self {
                    #( Self::#names => #values, )*
                    #accessor_unknown
                }
            }
        }
        #text_impls
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.#serialize
            }
        }
        #is_unknown
        #conversions
    }
}

fn union_tokens(u: &UnionDef) -> TokenStream {
    let name = ident(&u.name);
    let label = unraw(&u.name);
    let docs_attr = docs(&u.docs);
    let dep = deprecated(&u.deprecated);
    let variant_ty = |v: &UnionVariant| -> Option<TokenStream> {
        v.ty.as_ref().map(|t| {
            let t = type_tokens(t);
            if v.boxed {
                quote! { ::std::boxed::Box<#t> }
            } else {
                t
            }
        })
    };
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.name);
        let d = docs(&v.docs);
        let dep = deprecated(&v.deprecated);
        match variant_ty(v) {
            Some(t) => quote! { #d #dep #vn(#t), },
            None => quote! { #d #dep #vn, },
        }
    });
    let unknown_variant = match &u.unknown {
        Some(un) => {
            let un = ident(un);
            quote! {
                /// A member not in this version of the model, kept with its name and JSON value.
                #un(crate::primitives::UnknownMember),
            }
        }
        None => quote! {},
    };
    let non_exhaustive = if u.unknown.is_some() {
        quote! { #[non_exhaustive] }
    } else {
        quote! {}
    };
    let any_sensitive = u.sensitive || u.variants.iter().any(|v| v.sensitive);
    let debug_derive = if any_sensitive {
        quote! {}
    } else {
        quote! { ::std::fmt::Debug, }
    };

    let text_wrapper = |v: &UnionVariant| match v.ty.as_ref().map(|t| &t.kind) {
        Some(TyKind::Timestamp(TimestampFormat::DateTime)) => Some(quote! { crate::primitives::DateTimeText }),
        Some(TyKind::Timestamp(TimestampFormat::HttpDate)) => Some(quote! { crate::primitives::HttpDateText }),
        _ => None,
    };
    let floats = |v: &UnionVariant| v.ty.as_ref().is_some_and(Ty::has_float);
    let ser_arms = u.variants.iter().map(|v| {
        let vn = ident(&v.name);
        let wire = &v.wire;
        if let Some(w) = text_wrapper(v) {
            quote! { Self::#vn(value) => map.serialize_entry(#wire, &#w(*value))?, }
        } else if floats(v) {
            quote! { Self::#vn(value) => map.serialize_entry(#wire, &crate::primitives::float_json::Ser(value))?, }
        } else if v.ty.is_some() {
            quote! { Self::#vn(value) => map.serialize_entry(#wire, value)?, }
        } else {
            quote! { Self::#vn => map.serialize_entry(#wire, &crate::primitives::EmptyObject {})?, }
        }
    });
    let ser_unknown = match &u.unknown {
        Some(un) => {
            let un = ident(un);
            quote! { Self::#un(unknown) => map.serialize_entry(unknown.name(), unknown.value())?, }
        }
        None => quote! {},
    };
    let de_arms = u.variants.iter().map(|v| {
        let vn = ident(&v.name);
        let wire = &v.wire;
        if let Some(w) = text_wrapper(v) {
            return quote! { #wire => map.next_value::<::std::option::Option<#w>>()?.map(|t| #name::#vn(t.0)), };
        }
        if floats(v) {
            let t = variant_ty(v);
            return quote! { #wire => map.next_value::<::std::option::Option<crate::primitives::float_json::De<#t>>>()?.map(|t| #name::#vn(t.0)), };
        }
        match variant_ty(v) {
            Some(t) => quote! { #wire => map.next_value::<::std::option::Option<#t>>()?.map(#name::#vn), },
            None => quote! { #wire => map.next_value::<::std::option::Option<::serde::de::IgnoredAny>>()?.map(|_| #name::#vn), },
        }
    });
    let wires: Vec<&String> = u.variants.iter().map(|v| &v.wire).collect();
    let de_unknown = match &u.unknown {
        Some(un) => {
            let un = ident(un);
            quote! {
                _ => map
                    .next_value::<::std::option::Option<::serde_json::Value>>()?
                    .map(|value| #name::#un(crate::primitives::UnknownMember::new(key, value))),
            }
        }
        None => quote! {
            _ => return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::unknown_field(&key, FIELDS)),
        },
    };
    let expecting = format!("a `{label}` union: an object with exactly one member");
    let two = format!("more than one member of the `{label}` union is set");
    let none = format!("no member of the `{label}` union is set");
    let debug_impl = if any_sensitive {
        let redacted = format!("{label}::{REDACTED}");
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#redacted)
                }
            }
        }
    } else {
        quote! {}
    };
    let validate = super::validate::union_validate(u);
    // A variant holding a structure or a union by value can be far larger than the others
    // (`Unknown` among them). Boxing it would make every construction and match of the
    // model's own types go through a `Box`, for a value that is built once and read once.
    let holds_aggregate = u.variants.iter().any(|v| {
        !v.boxed
            && matches!(
                v.ty.as_ref().map(|t| &t.kind),
                Some(TyKind::Named { kind: NamedKind::Struct | NamedKind::Union, .. })
            )
    });
    let large = holds_aggregate && u.variants.len() + usize::from(u.unknown.is_some()) > 1;
    let allow_large = if large {
        quote! { #[allow(clippy::large_enum_variant, reason = "variants hold the model's structures unboxed")] }
    } else {
        quote! {}
    };
    let serialize = if u.serialize {
        quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #( #ser_arms )*
                    #ser_unknown
                }
                map.end()
            }
        }
        }
    } else {
        quote! {}
    };
    let deserialize = if u.deserialize {
        quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                const FIELDS: &[&str] = &[ #( #wires ),* ];
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        let mut found: ::std::option::Option<#name> = ::std::option::Option::None;
                        while let ::std::option::Option::Some(key) = map.next_key::<::std::string::String>()? {
                            let value = match key.as_str() {
                                // Some services tag union objects with their type name.
                                "__type" => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                    continue;
                                }
                                #( #de_arms )*
                                #de_unknown
                            };
                            if let ::std::option::Option::Some(value) = value {
                                if found.is_some() {
                                    return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::custom(#two));
                                }
                                found = ::std::option::Option::Some(value);
                            }
                        }
                        found.ok_or_else(|| <A::Error as ::serde::de::Error>::custom(#none))
                    }
                }
                let _ = FIELDS;
                deserializer.deserialize_map(Visitor)
            }
        }
        }
    } else {
        quote! {}
    };
    quote! {
        #docs_attr
        #dep
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #debug_derive)]
        #non_exhaustive
        #allow_large
        pub enum #name {
            #( #variants )*
            #unknown_variant
        }
        #debug_impl
        #validate
        #serialize
        #deserialize
    }
}
