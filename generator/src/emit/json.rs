//! A structure's JSON body, both ways, written out rather than derived. `Serialize` writes the
//! set members as one map; `Deserialize` is one `ReadObject::read` over the object's entries,
//! the keys looked up in the structure's table of wire names. The derives would emit, per
//! structure, a visitor for objects and one for arrays, a field enum with its own
//! `Deserialize`, and a wrapper type with its own impl per member read or written by a rule of
//! its own (every dense list and map, every float and text timestamp): most of what
//! `cargo check` spent on a whole-service crate. The rules themselves are the runtime's.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::data::field_type;
use super::ident;
use crate::ir::unraw;
use crate::ir::*;

/// Whether the field is read from the JSON body, and under which key.
fn body_key(f: &Field) -> Option<&str> {
    if f.binding == Binding::Payload && matches!(f.ty.kind, TyKind::Named { .. }) {
        // A structure, union or enum payload is read from the body wrapped as
        // `{"__payload": …}` (see the runtime's `payload_output`).
        return Some("__payload");
    }
    (f.binding == Binding::Body).then_some(f.wire.as_str())
}

/// The local that holds a member while the object is read.
fn slot(f: &Field) -> proc_macro2::Ident {
    ident(&format!("m_{}", unraw(&f.name)))
}

/// The expression reading the field's value (its whole Rust type, `Option` and `Box`
/// included) from `map`, by the rule its type reads by.
fn read_value(f: &Field) -> TokenStream {
    let ty = field_type(f);
    let p = quote! { crate::primitives };
    match &f.ty.kind {
        TyKind::Timestamp(TimestampFormat::DateTime) | TyKind::Timestamp(TimestampFormat::HttpDate) => {
            let w = if matches!(f.ty.kind, TyKind::Timestamp(TimestampFormat::DateTime)) {
                quote! { #p::DateTimeText }
            } else {
                quote! { #p::HttpDateText }
            };
            if f.optional {
                quote! { map.next_value::<::std::option::Option<#w>>()?.map(|t| t.0) }
            } else {
                quote! { map.next_value::<#w>()?.0 }
            }
        }
        _ if f.ty.has_float() => quote! { map.next_value::<#p::float_json::De<#ty>>()?.0 },
        _ if f.ty.nested_text_format() == Some(TimestampFormat::DateTime) => {
            quote! { map.next_value::<#p::nested::De<#p::nested::DateTimeFormat, #ty>>()?.0 }
        }
        _ if f.ty.nested_text_format() == Some(TimestampFormat::HttpDate) => {
            quote! { map.next_value::<#p::nested::De<#p::nested::HttpDateFormat, #ty>>()?.0 }
        }
        // Read leniently: a `null` item of a dense list or map is dropped.
        TyKind::List { sparse: false, .. } | TyKind::Map { sparse: false, .. } => {
            quote! { map.next_value::<#p::dense::De<#ty>>()?.0 }
        }
        _ => quote! { map.next_value::<#ty>()? },
    }
}

pub fn struct_deserialize(s: &StructDef) -> TokenStream {
    let name = ident(&s.name);
    let label = unraw(&s.name);
    // The wire names first, in member order, then the aliases.
    let read: Vec<(&Field, &str)> = s.fields.iter().filter_map(|f| body_key(f).map(|k| (f, k))).collect();
    let mut keys: Vec<&str> = read.iter().map(|(_, k)| *k).collect();
    let arms = read.iter().enumerate().map(|(i, (f, _))| {
        let slot = slot(f);
        let mut pats = vec![Literal::usize_unsuffixed(i)];
        if let Some(a) = &f.alias {
            pats.push(Literal::usize_unsuffixed(keys.len()));
            keys.push(a);
        }
        let value = read_value(f);
        // An optional member's slot is its field (`null` reads as `None`); a required one's
        // wraps it, to tell a missing member.
        let value = if f.optional {
            value
        } else {
            quote! { ::std::option::Option::Some(#value) }
        };
        quote! { ::std::option::Option::Some(#( #pats )|*) => #slot = #value, }
    });
    let arms: Vec<TokenStream> = arms.collect();
    let slots = read.iter().map(|(f, _)| {
        let slot = slot(f);
        let ty = field_type(f);
        let ty = if f.optional {
            ty
        } else {
            quote! { ::std::option::Option<#ty> }
        };
        quote! { let mut #slot: #ty = ::std::option::Option::None; }
    });
    let inits = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let Some(key) = body_key(f) else {
            // Bound to the path, query, headers or status: not in the body.
            return quote! { #fname: ::std::default::Default::default(), };
        };
        let slot = slot(f);
        if f.optional {
            quote! { #fname: #slot, }
        } else if f.default_when_missing {
            quote! { #fname: #slot.unwrap_or_default(), }
        } else {
            quote! { #fname: #slot.ok_or_else(|| <A::Error as ::serde::de::Error>::missing_field(#key))?, }
        }
    });
    let meta = s.response_metadata.then(|| quote! { _meta: ::std::default::Default::default(), });
    let key_loop = if read.is_empty() {
        quote! {
            while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<::serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
                const KEYS: &[&str] = &[ #( #keys ),* ];
                while let ::std::option::Option::Some(key) = map.next_key_seed(crate::primitives::de::Key(KEYS))? {
                    match key {
                        #( #arms )*
                        _ => {
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                    }
            }
        }
    };
    quote! {
        impl crate::primitives::de::ReadObject for #name {
            const NAME: &'static str = #label;
            fn read<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                #( #slots )*
                #key_loop
                ::std::result::Result::Ok(Self {
                    #( #inits )*
                    #meta
                })
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::primitives::de::read_object(deserializer)
            }
        }
    }
}

/// The expression `map.serialize_entry` writes for the field's value `v` (a reference to the
/// value inside the field's `Option`, if any), by the rule its type is written by.
fn write_value(f: &Field, v: TokenStream) -> TokenStream {
    let p = quote! { crate::primitives };
    match &f.ty.kind {
        TyKind::Timestamp(TimestampFormat::DateTime) => quote! { &#p::DateTimeText(*#v) },
        TyKind::Timestamp(TimestampFormat::HttpDate) => quote! { &#p::HttpDateText(*#v) },
        _ if f.ty.has_float() => quote! { &#p::float_json::Ser(#v) },
        _ if f.ty.nested_text_format() == Some(TimestampFormat::DateTime) => {
            quote! { &#p::nested::Ser::<#p::nested::DateTimeFormat, _>::new(#v) }
        }
        _ if f.ty.nested_text_format() == Some(TimestampFormat::HttpDate) => {
            quote! { &#p::nested::Ser::<#p::nested::HttpDateFormat, _>::new(#v) }
        }
        _ => v,
    }
}

pub fn struct_serialize(s: &StructDef) -> TokenStream {
    let name = ident(&s.name);
    // Only body members: the others travel in the path, query, headers or as the payload.
    let entries: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| f.binding == Binding::Body)
        .map(|f| {
            let fname = ident(&f.name);
            let wire = &f.wire;
            if f.optional {
                let value = write_value(f, quote! { value });
                quote! {
                    if let ::std::option::Option::Some(value) = &self.#fname {
                        map.serialize_entry(#wire, #value)?;
                    }
                }
            } else {
                let value = write_value(f, quote! { &self.#fname });
                quote! { map.serialize_entry(#wire, #value)?; }
            }
        })
        .collect();
    let map = if entries.is_empty() {
        quote! { map }
    } else {
        quote! { mut map }
    };
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let #map = serializer.serialize_map(::std::option::Option::None)?;
                #( #entries )*
                map.end()
            }
        }
    }
}
