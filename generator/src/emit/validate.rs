//! `Validate` impls for input-side structures and unions, and the `validate` module.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::ident;
use crate::ir::unraw;
use crate::ir::*;

/// The `validate` module: the runtime's validation support, re-exported, and the crate's
/// compiled patterns.
pub fn validate_module(krate: &Crate, root: &TokenStream) -> Result<TokenStream, crate::Error> {
    let bounded = krate.features.patterns_bounded.then(|| {
        quote! {
            #[doc(hidden)]
            pub use #root::pattern_bounded::BoundedPattern;
        }
    });
    let patterns = if krate.features.patterns {
        let statics = krate.patterns.iter().enumerate().map(|(i, p)| {
            let name = pattern_ident(i);
            let doc = format!(" {}", super::code_span(&p.source));
            let regex = &p.regex;
            let source = &p.source;
            let ty = if p.bounded {
                quote! { BoundedPattern }
            } else {
                quote! { Pattern }
            };
            quote! {
                #[doc = #doc]
                pub(crate) static #name: #ty = #ty::new(#source, #regex);
            }
        });
        let names: Vec<_> = (0..krate.patterns.len()).map(pattern_ident).collect();
        let count = Literal::usize_unsuffixed(krate.patterns.len());
        quote! {
            #[doc(hidden)]
            pub use #root::pattern::{Matcher, Pattern};
            #bounded

            #( #statics )*

            #[cfg(test)]
            mod pattern_tests {
                /// Every pattern the crate enforces compiles with the engine it ships with.
                #[test]
                fn every_pattern_compiles() {
                    let all: [&dyn super::Matcher; #count] = [ #( &super::#names ),* ];
                    for p in all {
                        assert!(p.compiles(), "pattern `{}` does not compile", p.source());
                    }
                }
            }
        }
    } else {
        quote! {}
    };
    Ok(quote! {
        //! Checks a request against the model's constraints before it is sent: the runtime's
        //! [`Validate`] trait and [`ValidationError`], implemented by every input-side shape.

        pub use #root::validate::*;
        #patterns
    })
}

fn pattern_ident(i: usize) -> proc_macro2::Ident {
    format_ident!("PATTERN_{}", i)
}

fn shown(sensitive: bool) -> TokenStream {
    if sensitive {
        quote! { crate::validate::Shown::Redacted }
    } else {
        quote! { crate::validate::Shown::Value }
    }
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => {
            let n = Literal::u64_unsuffixed(n);
            quote! { ::std::option::Option::Some(#n) }
        }
        None => quote! { ::std::option::Option::None },
    }
}

fn range_check(ty: &Ty, value: &TokenStream, sensitive: bool) -> TokenStream {
    let Some(range) = &ty.constraints.range else { return quote! {} };
    let shown = shown(sensitive);
    match range {
        Range::Int { min, max } => {
            let bound = |b: &Option<(i64, String)>| match b {
                Some((i, t)) => {
                    let i = Literal::i64_suffixed(*i);
                    quote! { ::std::option::Option::Some((#i, #t)) }
                }
                None => quote! { ::std::option::Option::None },
            };
            let (lo, hi) = (bound(min), bound(max));
            let as_i64 = if ty.kind == TyKind::I64 {
                quote! { *#value }
            } else {
                quote! { i64::from(*#value) }
            };
            quote! { v.range_int(#as_i64, #lo, #hi, #shown); }
        }
        Range::Float { min, max } => {
            let bound = |b: &Option<(f64, String)>| match b {
                Some((f, t)) => {
                    let f = Literal::f64_suffixed(*f);
                    quote! { ::std::option::Option::Some((#f, #t)) }
                }
                None => quote! { ::std::option::Option::None },
            };
            let (lo, hi) = (bound(min), bound(max));
            let as_f64 = match ty.kind {
                TyKind::I64 => quote! { *#value as f64 },
                TyKind::F64 => quote! { *#value },
                _ => quote! { f64::from(*#value) },
            };
            quote! { v.range_float(#as_f64, #lo, #hi, #shown); }
        }
    }
}

fn pattern_check(p: &PatternRef, value: &TokenStream, sensitive: bool) -> TokenStream {
    let shown = shown(sensitive);
    let check = |i: usize| {
        let name = pattern_ident(i);
        quote! { v.pattern(#value, &crate::validate::#name, #shown); }
    };
    match p {
        PatternRef::Enforced(i) => check(*i),
        PatternRef::Defective { repaired: Some(r) } => {
            let c = check(*r);
            quote! { if v.strict() { #c } }
        }
        PatternRef::Defective { repaired: None } => quote! {},
    }
}

/// Statements that check `value` (an expression of type `&T`) against `ty`. Empty when there
/// is nothing to check.
pub fn value_checks(ty: &Ty, value: TokenStream, sensitive: bool, depth: usize) -> TokenStream {
    let c = &ty.constraints;
    let length = c.length.as_ref();
    let (min, max) = (opt_u64(length.and_then(|l| l.min)), opt_u64(length.and_then(|l| l.max)));
    match &ty.kind {
        TyKind::String => {
            let len = if length.is_some() {
                quote! { v.length_chars(#value, #min, #max); }
            } else {
                quote! {}
            };
            let pat = c.pattern.as_ref().map(|p| pattern_check(p, &value, sensitive)).unwrap_or_default();
            quote! { #len #pat }
        }
        TyKind::Blob => {
            if length.is_some() {
                quote! { v.length(#value.0.len() as u64, #min, #max, "bytes"); }
            } else {
                quote! {}
            }
        }
        TyKind::I8 | TyKind::I16 | TyKind::I32 | TyKind::I64 | TyKind::F32 | TyKind::F64 => {
            range_check(ty, &value, sensitive)
        }
        TyKind::Bool | TyKind::Timestamp(_) | TyKind::Document | TyKind::Stream { .. } => quote! {},
        TyKind::Named { path, kind, .. } => match kind {
            NamedKind::Struct | NamedKind::Union => quote! { crate::validate::Validate::validate_into(#value, v); },
            NamedKind::Enum { open: false, .. } => quote! {},
            NamedKind::Enum { open: true, int } => {
                // Only open (service-facing) enums can hold a value outside the model.
                let p = super::path_tokens(path);
                let shown = shown(sensitive);
                if *int {
                    quote! {
                        let names: ::std::vec::Vec<::std::string::String> = #p::VALUES.iter().map(|n| n.to_string()).collect();
                        let names: ::std::vec::Vec<&str> = names.iter().map(::std::string::String::as_str).collect();
                        v.enum_value(!#value.is_unknown(), &#value.as_i32().to_string(), &names, #shown);
                    }
                } else {
                    quote! { v.enum_value(!#value.is_unknown(), #value.as_str(), #p::VALUES, #shown); }
                }
            }
        },
        TyKind::List { item, sparse } => {
            let len = if length.is_some() {
                quote! { v.length(#value.len() as u64, #min, #max, "items"); }
            } else {
                quote! {}
            };
            let unique = if c.unique_items {
                quote! { v.unique_items(#value); }
            } else {
                quote! {}
            };
            let item_var = format_ident!("item{}", depth);
            let index_var = format_ident!("i{}", depth);
            let inner = value_checks(item, quote! { #item_var }, sensitive, depth + 1);
            let each = if inner.is_empty() {
                quote! {}
            } else if *sparse {
                quote! {
                    for (#index_var, #item_var) in #value.iter().enumerate() {
                        if let ::std::option::Option::Some(#item_var) = #item_var {
                            v.enter_index(#index_var); #inner v.leave();
                        }
                    }
                }
            } else {
                quote! {
                    for (#index_var, #item_var) in #value.iter().enumerate() {
                        v.enter_index(#index_var); #inner v.leave();
                    }
                }
            };
            quote! { #len #unique #each }
        }
        TyKind::Map { key, value: val, sparse } => {
            let len = if length.is_some() {
                quote! { v.length(#value.len() as u64, #min, #max, "entries"); }
            } else {
                quote! {}
            };
            let key_var = format_ident!("key{}", depth);
            let val_var = format_ident!("value{}", depth);
            let key_inner = value_checks(key, quote! { #key_var }, sensitive, depth + 1);
            let val_inner = value_checks(val, quote! { #val_var }, sensitive, depth + 1);
            if key_inner.is_empty() && val_inner.is_empty() {
                return quote! { #len };
            }
            let key_text = match key.kind {
                TyKind::String => quote! { #key_var.as_str() },
                _ => quote! { #key_var.as_ref() },
            };
            let key_shown = shown(sensitive);
            let key_block = if key_inner.is_empty() {
                quote! {}
            } else {
                quote! { v.enter_map_key(); #key_inner v.leave_map_key(); }
            };
            let values_checked = !val_inner.is_empty();
            let val_block = if !values_checked {
                quote! {}
            } else if *sparse {
                quote! { if let ::std::option::Option::Some(#val_var) = #val_var { #val_inner } }
            } else {
                val_inner
            };
            // Only the keys are checked: walk them alone, so no entry's value is bound unused.
            let entries = if values_checked {
                quote! { (#key_var, #val_var) in #value.iter() }
            } else {
                quote! { #key_var in #value.keys() }
            };
            quote! {
                #len
                for #entries {
                    v.enter_key(#key_text, #key_shown); #key_block #val_block v.leave();
                }
            }
        }
    }
}

/// `impl Validate` for an input-side structure.
pub fn struct_validate(s: &StructDef) -> TokenStream {
    if !s.validate {
        return quote! {};
    }
    let name = ident(&s.name);
    let type_name = unraw(&s.name);
    let checks: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| {
            let fname = ident(&f.name);
            let label = unraw(&f.name);
            let value = if f.boxed {
                quote! { &**value }
            } else {
                quote! { value }
            };
            let inner = value_checks(&f.ty, value, f.sensitive, 0);
            let required = f.check_presence;
            match (f.optional, inner.is_empty()) {
                (false, true) => None,
                (false, false) => {
                    Some(quote! { { v.enter_field(#label); let value = &self.#fname; #inner v.leave(); } })
                }
                (true, true) if required => {
                    Some(quote! { v.enter_field(#label); v.required(self.#fname.is_some()); v.leave(); })
                }
                (true, true) => None,
                (true, false) => {
                    let missing = if required {
                        quote! { else { v.enter_field(#label); v.required(false); v.leave(); } }
                    } else {
                        quote! {}
                    };
                    Some(quote! {
                        if let ::std::option::Option::Some(value) = &self.#fname {
                            v.enter_field(#label); #inner v.leave();
                        } #missing
                    })
                }
            }
        })
        .collect();
    let rules = doc_rules(s);
    let body = if checks.is_empty() && rules.is_empty() {
        quote! { let _ = v; }
    } else {
        quote! { #( #checks )* #rules }
    };
    quote! {
        impl crate::validate::Validate for #name {
            const TYPE_NAME: &'static str = #type_name;
            fn validate_into(&self, v: &mut crate::validate::Validator) {
                #body
            }
        }
    }
}

/// `impl Validate` for an input-side union.
pub fn union_validate(u: &UnionDef) -> TokenStream {
    if !u.validate {
        return quote! {};
    }
    let name = ident(&u.name);
    let type_name = unraw(&u.name);
    let arms: Vec<(TokenStream, TokenStream)> = u
        .variants
        .iter()
        .filter_map(|var| {
            let ty = var.ty.as_ref()?;
            let vn = ident(&var.name);
            let value = if var.boxed {
                quote! { &**value }
            } else {
                quote! { value }
            };
            let inner = value_checks(ty, value, var.sensitive, 0);
            if inner.is_empty() {
                return None;
            }
            let label = &var.path_name;
            Some((quote! { Self::#vn(value) }, quote! { v.enter_field(#label); #inner v.leave(); }))
        })
        .collect();
    let all_variants = u.variants.len() + usize::from(u.unknown.is_some());
    let body = match arms.as_slice() {
        [] => quote! { let _ = v; },
        [(pat, check)] if all_variants == 1 => quote! { let #pat = self; #check },
        [(pat, check)] => quote! { if let #pat = self { #check } },
        many => {
            let arms = many.iter().map(|(pat, check)| quote! { #pat => { #check } });
            let rest = if many.len() < all_variants {
                quote! { _ => {} }
            } else {
                quote! {}
            };
            quote! {
                match self {
                    #( #arms )*
                    #rest
                }
            }
        }
    };
    quote! {
        impl crate::validate::Validate for #name {
            const TYPE_NAME: &'static str = #type_name;
            fn validate_into(&self, v: &mut crate::validate::Validator) {
                #body
            }
        }
    }
}

/// An `&Option<T>` or `&T` field as `Option<&T>`.
fn field_opt(f: &FieldRef) -> TokenStream {
    let n = ident(&f.name);
    if f.optional {
        quote! { self.#n.as_ref() }
    } else {
        quote! { ::std::option::Option::Some(&self.#n) }
    }
}

fn doc_rules(s: &StructDef) -> TokenStream {
    if s.rules.is_empty() {
        return quote! {};
    }
    let rules = s.rules.iter().map(|r| match r {
        DocRule::ListContains { id, field, values, message, when, when_absent } => {
            let list = field_opt(field);
            let label = unraw(&field.name);
            let absent = match when_absent {
                None => quote! { ::std::option::Option::None },
                Some(d) => quote! { ::std::option::Option::Some(&[ #( #d ),* ][..]) },
            };
            let check = quote! {
                let have: ::std::option::Option<::std::vec::Vec<&str>> = match #list {
                    ::std::option::Option::Some(list) => ::std::option::Option::Some(list.iter().map(::std::string::String::as_str).collect()),
                    ::std::option::Option::None => {
                        let absent: ::std::option::Option<&[&str]> = #absent;
                        absent.map(<[&str]>::to_vec)
                    }
                };
                if let ::std::option::Option::Some(have) = have {
                    let missing: ::std::vec::Vec<&str> = [ #( #values ),* ]
                        .into_iter()
                        .filter(|want| !have.contains(want))
                        .collect();
                    if !missing.is_empty() {
                        v.enter_field(#label); v.documented(#id, ::std::format!("{} (missing: {})", #message, missing.join(", "))); v.leave();
                    }
                }
            };
            match when {
                None => quote! { { #check } },
                Some(w) => {
                    let map = field_opt(&w.field);
                    let key = &w.key;
                    let equals = &w.equals;
                    let vf = ident(&w.value_field.name);
                    let get = if w.value_field.optional { quote! { entry.#vf.as_deref() } } else { quote! { ::std::option::Option::Some(entry.#vf.as_str()) } };
                    quote! {
                        if #map.and_then(|m| m.get(#key)).is_some_and(|entry| #get == ::std::option::Option::Some(#equals)) {
                            #check
                        }
                    }
                }
            }
        }
        DocRule::MutuallyExclusive { id, fields, message } => {
            let present = fields.iter().map(|f| {
                let n = ident(&f.name);
                let label = unraw(&f.name);
                quote! { (#label, self.#n.is_some()) }
            });
            quote! {
                let set: ::std::vec::Vec<&str> = [ #( #present ),* ].into_iter().filter(|(_, set)| *set).map(|(name, _)| name).collect();
                if set.len() > 1 {
                    v.documented(#id, ::std::format!("{} (set: {})", #message, set.join(", ")));
                }
            }
        }
        DocRule::MapUtf8Bytes { id, field, max, message } => {
            let map = field_opt(field);
            let label = unraw(&field.name);
            let max = Literal::u64_unsuffixed(*max);
            quote! {
                if let ::std::option::Option::Some(map) = #map {
                    let bytes: usize = map.iter().map(|(k, val)| k.len() + val.len()).sum();
                    if bytes as u64 > #max {
                        v.enter_field(#label); v.documented(#id, ::std::format!("{} (got {} bytes, at most {})", #message, bytes, #max)); v.leave();
                    }
                }
            }
        }
        DocRule::MapKeyChars { id, field, extra, message } => {
            let map = field_opt(field);
            let label = unraw(&field.name);
            quote! {
                if let ::std::option::Option::Some(map) = #map {
                    v.enter_field(#label);
                    for key in map.keys() {
                        if !key.chars().all(|c| c.is_ascii_alphanumeric() || #extra.contains(c)) {
                            v.enter_key(key, crate::validate::Shown::Value);
                            v.documented(#id, #message.to_owned());
                            v.leave();
                        }
                    }
                    v.leave();
                }
            }
        }
    });
    quote! {
        if v.strict() {
            #( #rules )*
        }
    }
}
