//! Builders: every structure is `#[non_exhaustive]` and made through `X::builder()`, whose
//! required members are type parameters, so `build()` compiles only once each is set. Also the
//! role-based serde derives.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::data::{field_type, type_tokens};
use super::{docs, ident};
use crate::ir::unraw;
use crate::ir::*;

/// The value a builder setter stores for `f`: `value.into()` (boxed if the field is), or for
/// lists and maps any iterable of convertible items.
fn setter_param(f: &Field) -> (TokenStream, TokenStream) {
    let (param, value) = match &f.ty.kind {
        TyKind::List { item, sparse } => {
            let mut item = type_tokens(item);
            if *sparse {
                item = quote! { ::std::option::Option<#item> };
            }
            (
                quote! { impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#item>> },
                quote! { value.into_iter().map(::std::convert::Into::into).collect() },
            )
        }
        TyKind::Map { key, value, sparse } => {
            let key = type_tokens(key);
            let mut value_ty = type_tokens(value);
            if *sparse {
                value_ty = quote! { ::std::option::Option<#value_ty> };
            }
            (
                quote! { impl ::std::iter::IntoIterator<Item = (impl ::std::convert::Into<#key>, impl ::std::convert::Into<#value_ty>)> },
                quote! { value.into_iter().map(|(k, v)| (k.into(), v.into())).collect() },
            )
        }
        _ => {
            let t = type_tokens(&f.ty);
            (quote! { impl ::std::convert::Into<#t> }, quote! { value.into() })
        }
    };
    let value = if f.boxed {
        quote! { ::std::boxed::Box::new(#value) }
    } else {
        value
    };
    (param, value)
}

/// `builder()` and its builder type. Required members are type parameters of the builder
/// (`Unset` until their setter is called), so `build()` only compiles once every one is set:
/// a missing member is a compile error naming it, and there is no positional argument to swap.
pub fn builder(s: &StructDef, required: &[&Field]) -> TokenStream {
    let name = ident(&s.name);
    let label = unraw(&s.name);
    let builder_name = format_ident!("{}Builder", label);
    let states: Vec<proc_macro2::Ident> =
        required.iter().map(|f| ident(f.builder.state.as_deref().unwrap_or("Member"))).collect();
    let unset = quote! { crate::primitives::Unset };
    let field_defs = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        match &f.builder.state {
            Some(state) => {
                let state = ident(state);
                quote! { #n: #state, }
            }
            None => {
                let t = field_type(f);
                quote! { #n: #t, }
            }
        }
    });
    let start_inits = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        if f.optional {
            quote! { #n: ::std::option::Option::None, }
        } else if f.builder.defaulted {
            quote! { #n: ::std::default::Default::default(), }
        } else {
            quote! { #n: #unset, }
        }
    });
    let setters = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        let setter = ident(&f.builder.setter);
        let (param, value) = setter_param(f);
        let member = unraw(&f.name);
        // A setter is `fn(self, value) -> _`, the shape of a binary operator's method: one named
        // `add` (a member `Add`) is the member's setter like every other, not an operator.
        let operator_name = BINARY_OPERATOR_METHODS.contains(&unraw(&f.builder.setter)).then(|| {
            quote! { #[allow(clippy::should_implement_trait, reason = "the setter of the member of this name")] }
        });
        let sensitive = if f.sensitive { " Sensitive: redacted from `Debug` output." } else { "" };
        if f.builder.defaulted {
            let d = docs(&Docs::from(format!("Sets `{member}` (empty when not set).{sensitive}")));
            quote! {
                #d
                #operator_name
                pub fn #setter(mut self, value: #param) -> Self {
                    self.#n = #value;
                    self
                }
            }
        } else if f.optional {
            let d = docs(&Docs::from(format!("Sets `{member}` (optional).{sensitive}")));
            let item = f.builder.item_setter.as_ref().map(|item| {
                let item = ident(item);
                match &f.ty.kind {
                    TyKind::List { item: it, sparse } => {
                        let mut t = type_tokens(it);
                        if *sparse {
                            t = quote! { ::std::option::Option<#t> };
                        }
                        let doc = format!(" Adds one item to `{member}`.");
                        let push = if f.boxed {
                            quote! { self.#n.get_or_insert_with(::std::default::Default::default).push(value.into()); }
                        } else {
                            quote! { self.#n.get_or_insert_with(::std::vec::Vec::new).push(value.into()); }
                        };
                        quote! {
                            #[doc = #doc]
                            pub fn #item(mut self, value: impl ::std::convert::Into<#t>) -> Self {
                                #push
                                self
                            }
                        }
                    }
                    TyKind::Map { key, value, sparse } => {
                        let k = type_tokens(key);
                        let mut v = type_tokens(value);
                        if *sparse {
                            v = quote! { ::std::option::Option<#v> };
                        }
                        let doc = format!(" Adds one entry to `{member}` (replacing the key's value, if any).");
                        quote! {
                            #[doc = #doc]
                            pub fn #item(mut self, key: impl ::std::convert::Into<#k>, value: impl ::std::convert::Into<#v>) -> Self {
                                self.#n.get_or_insert_with(::std::default::Default::default).insert(key.into(), value.into());
                                self
                            }
                        }
                    }
                    _ => quote! {},
                }
            });
            quote! {
                #d
                #operator_name
                pub fn #setter(mut self, value: #param) -> Self {
                    self.#n = ::std::option::Option::Some(#value);
                    self
                }
                #item
            }
        } else {
            let d = docs(&Docs::from(format!("Sets `{member}` (required).{sensitive}")));
            let this = f.builder.state.as_deref().map(ident);
            let out_params = required.iter().zip(&states).map(|(g, st)| {
                if Some(st) == this.as_ref() {
                    field_type(g)
                } else {
                    quote! { #st }
                }
            });
            let moves = s.fields.iter().map(|g| {
                let gn = ident(&g.name);
                if g.name == f.name {
                    quote! { #gn: #value, }
                } else {
                    quote! { #gn: self.#gn, }
                }
            });
            // The setter's return type names the builder with every required member's state:
            // past clippy's threshold, the lint is about that one-parameter-per-member design
            // (what makes a missing member a compile error), not about a type to factor out.
            let this_score = required.iter().find(|g| g.name == f.name).map_or(0, |g| field_type_score(g, 2));
            let score = 10 + 20 * (required.len() as u32 - 1) + this_score;
            let allow = (score > TYPE_COMPLEXITY_THRESHOLD).then(|| {
                quote! { #[allow(clippy::type_complexity, reason = "one type parameter per required member")] }
            });
            quote! {
                #d
                #allow
                #operator_name
                pub fn #setter(self, value: #param) -> #builder_name< #( #out_params ),* > {
                    #builder_name { #( #moves )* }
                }
            }
        }
    });
    let build_fields = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        if f.optional || f.builder.defaulted {
            quote! { #n: self.#n, }
        } else {
            quote! { #n: crate::primitives::Required::into_value(self.#n), }
        }
    });
    let bounds = required.iter().zip(&states).map(|(f, st)| {
        let t = field_type(f);
        quote! { #st: crate::primitives::Required<#t>, }
    });
    let meta_init = if s.response_metadata {
        quote! { _meta: ::std::default::Default::default(), }
    } else {
        quote! {}
    };
    let listed = required.iter().map(|f| format!("`{}`", unraw(&f.builder.setter))).collect::<Vec<_>>().join(", ");
    let struct_doc = if required.is_empty() {
        format!(" A builder for [`{label}`]: set what you need, then [`build`]({builder_name}::build).")
    } else {
        format!(
            " A builder for [`{label}`]: [`build`]({builder_name}::build) compiles once every required member ({listed}) is set."
        )
    };
    let builder_doc = if required.is_empty() {
        format!(" A builder for a `{label}`; every member is optional.")
    } else {
        format!(" A builder for a `{label}`. Its required members: {listed}.")
    };
    let build_doc = if required.is_empty() {
        format!(" The `{label}`.")
    } else {
        format!(" The `{label}`. Compiles once every required member ({listed}) is set.")
    };
    let defaults = states.iter().map(|st| quote! { #st = #unset });
    // A required member named like its structure (`DomainName` in `DomainName`) makes a type
    // parameter of that name, which hides the structure inside the impl: `self::` names the
    // module's item, which no type parameter can be.
    let built = if states.contains(&name) {
        quote! { self::#name }
    } else {
        quote! { #name }
    };
    quote! {
        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder_name {
                #builder_name { #( #start_inits )* }
            }
        }

        #[doc = #struct_doc]
        #[must_use]
        pub struct #builder_name< #( #defaults ),* > {
            #( #field_defs )*
        }

        impl< #( #states ),* > #builder_name< #( #states ),* > {
            #( #setters )*
            #[doc = #build_doc]
            pub fn build(self) -> #built
            where
                #( #bounds )*
            {
                #built { #( #build_fields )* #meta_init }
            }
        }
    }
}

/// The methods of `std::ops`' binary operators, which clippy's `should_implement_trait` expects
/// a method of that name and shape to be.
const BINARY_OPERATOR_METHODS: [&str; 10] =
    ["add", "sub", "mul", "div", "rem", "shl", "shr", "bitand", "bitor", "bitxor"];

/// Clippy's default `type-complexity-threshold`: a type scoring more is linted.
const TYPE_COMPLEXITY_THRESHOLD: u32 = 250;

/// Clippy's `type_complexity` score of `f`'s type written at nesting level `nest`: 10 × the
/// level for each named type, whose generic arguments are one level deeper.
fn field_type_score(f: &Field, nest: u32) -> u32 {
    let mut extra = 0;
    let mut nest = nest;
    for wrapped in [f.optional, f.boxed] {
        if wrapped {
            extra += 10 * nest;
            nest += 1;
        }
    }
    extra + type_score(&f.ty, nest)
}

fn type_score(ty: &Ty, nest: u32) -> u32 {
    let here = 10 * nest;
    match &ty.kind {
        TyKind::List { item, sparse } => {
            let sparse = if *sparse { 10 * (nest + 1) } else { 0 };
            here + sparse + type_score(item, nest + 1 + u32::from(sparse > 0))
        }
        TyKind::Map { key, value, sparse } => {
            let sparse = if *sparse { 10 * (nest + 1) } else { 0 };
            here + type_score(key, nest + 1) + sparse + type_score(value, nest + 1 + u32::from(sparse > 0))
        }
        _ => here,
    }
}
