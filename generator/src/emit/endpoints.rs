//! Endpoint rules, emitted: `src/endpoint.rs` (`Params`, `Endpoint`, `EndpointError`,
//! `resolve`) and `src/endpoint/tests.rs` (one `#[test]` per
//! `endpointTests` case). Everything was decided by `lower::endpoints`; this only prints it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{docs, ident, inner_docs};
use crate::ir::endpoint::*;
use crate::ir::Docs;

/// Where the compiled rules go in the crate.
pub const MODULE_PATH: &str = "src/endpoint.rs";
/// Where the test cases go in the crate.
pub const TESTS_PATH: &str = "src/endpoint/tests.rs";

/// `src/endpoint.rs`.
pub fn module(rules: &EndpointRules, root: &TokenStream) -> TokenStream {
    let params = params_struct(rules);
    let endpoint = endpoint_struct(rules);
    let error = error_struct();
    let resolve = resolve_fn(rules);
    let docs = inner_docs(&Docs::from_iter([
        format!("Endpoint resolution for `{}`, compiled from its endpoint rule set (version {}).", rules.service, rules.version),
        String::new(),
        "Fill in [`Params`] (the client sets the built-in parameters from its configuration) and call [`resolve`]: it returns the [`Endpoint`] to send the request to, or the rule set's own [`EndpointError`].".into(),
        String::new(),
        "The rules are compiled to plain Rust, so resolution parses nothing at run time; [`runtime`] holds the partition table and the rules engine's standard library.".into(),
    ]));
    let tests_mod = if rules.tests.is_empty() {
        quote! {}
    } else {
        quote! { #[cfg(test)] mod tests; }
    };
    quote! {
        #docs
        /// The rules engine's standard library and the partition table, from the shared runtime.
        pub use #root::endpoint as runtime;
        #tests_mod
        #params
        #endpoint
        #error
        #resolve
    }
}

fn param_type(ty: ParamType, optional: bool) -> TokenStream {
    let inner = match ty {
        ParamType::String => quote! { ::std::string::String },
        ParamType::Boolean => quote! { bool },
        ParamType::StringArray => quote! { ::std::vec::Vec<::std::string::String> },
    };
    if optional {
        quote! { ::std::option::Option<#inner> }
    } else {
        inner
    }
}

fn param_value(v: &ParamValue) -> TokenStream {
    match v {
        ParamValue::Boolean(b) => quote! { #b },
        ParamValue::String(s) => quote! { ::std::string::String::from(#s) },
        ParamValue::StringArray(items) => quote! { ::std::vec![#(::std::string::String::from(#items)),*] },
    }
}

fn params_struct(rules: &EndpointRules) -> TokenStream {
    let fields = rules.params.iter().map(|p| {
        let doc = docs(&p.docs);
        let name = ident(&p.field);
        let ty = param_type(p.ty, p.optional);
        quote! { #doc pub #name: #ty, }
    });
    let derive_default = if rules.derive_default {
        quote! { Default, }
    } else {
        quote! {}
    };
    let manual_default = if rules.derive_default {
        quote! {}
    } else {
        let inits = rules.params.iter().map(|p| {
            let name = ident(&p.field);
            let value = match &p.default {
                Some(v) => param_value(v),
                None => quote! { ::std::option::Option::None },
            };
            quote! { #name: #value, }
        });
        quote! {
            impl ::std::default::Default for Params {
                fn default() -> Self {
                    Params { #(#inits)* }
                }
            }
        }
    };
    // The client's configuration feeds the built-in parameters.
    let builtin_sets = rules.builtins.iter().map(|b| {
        let name = ident(&b.field);
        let source = match b.source {
            BuiltInSource::Region => quote! { region },
            BuiltInSource::Endpoint => quote! { endpoint },
            BuiltInSource::UseFips => quote! { use_fips },
            BuiltInSource::UseDualStack => quote! { use_dual_stack },
        };
        let is_bool = matches!(b.source, BuiltInSource::UseFips | BuiltInSource::UseDualStack);
        match (is_bool, b.optional) {
            (true, true) => quote! { params.#name = ::std::option::Option::Some(#source); },
            (true, false) => quote! { params.#name = #source; },
            (false, true) => quote! { params.#name = #source.map(::std::borrow::ToOwned::to_owned); },
            (false, false) => quote! {
                if let ::std::option::Option::Some(value) = #source {
                    params.#name = value.to_owned();
                }
            },
        }
    });
    quote! {
        /// The inputs of endpoint resolution: the rule set's parameters.
        ///
        /// [`Params::default`] applies the rule set's defaults; parameters without a default
        /// are `None`.
        #[derive(Clone, Debug, #derive_default PartialEq, Eq)]
        pub struct Params {
            #(#fields)*
        }
        #manual_default

        impl Params {
            /// The parameters a client fills from its configuration (the rule set's built-ins:
            /// `AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`); the others
            /// keep their defaults.
            #[allow(clippy::field_reassign_with_default)]
            pub fn from_builtins(
                region: ::std::option::Option<&str>,
                use_fips: bool,
                use_dual_stack: bool,
                endpoint: ::std::option::Option<&str>,
            ) -> Self {
                let _ = (region, use_fips, use_dual_stack, endpoint);
                #[allow(unused_mut)]
                let mut params = Self::default();
                #(#builtin_sets)*
                params
            }
        }
    }
}

fn endpoint_struct(rules: &EndpointRules) -> TokenStream {
    let headers = if rules.headers {
        quote! {
            /// Headers to add to the request, by name, each with its values in order.
            pub headers: ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::string::String>>,
        }
    } else {
        quote! {}
    };
    let (properties, eq) = if rules.properties {
        (
            quote! {
                /// Properties of the endpoint (for example `authSchemes`), as the rule set writes them.
                pub properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            },
            quote! {},
        )
    } else {
        (quote! {}, quote! { Eq, })
    };
    quote! {
        /// A resolved endpoint.
        #[derive(Clone, Debug, PartialEq, #eq)]
        #[non_exhaustive]
        pub struct Endpoint {
            /// The URL to send the request to.
            pub url: ::std::string::String,
            #headers
            #properties
        }
    }
}

fn error_struct() -> TokenStream {
    quote! {
        /// Why no endpoint could be resolved: the message of the rule set's `error` rule, verbatim.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct EndpointError {
            message: ::std::borrow::Cow<'static, str>,
        }

        impl EndpointError {
            /// The rule set's message.
            pub fn message(&self) -> &str {
                &self.message
            }
        }

        impl ::std::fmt::Display for EndpointError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.message)
            }
        }

        impl ::std::error::Error for EndpointError {}
    }
}

fn err_value(message: TokenStream) -> TokenStream {
    quote! { ::std::result::Result::Err(crate::endpoint::EndpointError { message: #message }) }
}

fn static_err(message: &str) -> TokenStream {
    err_value(quote! { ::std::borrow::Cow::Borrowed(#message) })
}

/// `value` as the last expression of a block, or as a `return` statement.
fn finish(value: TokenStream, tail: bool) -> TokenStream {
    if tail {
        value
    } else {
        quote! { return #value; }
    }
}

fn resolve_fn(rules: &EndpointRules) -> TokenStream {
    let body = block(rules, &rules.body, true);
    let p = &rules.prologue;
    let bound: Vec<_> = p.bound.iter().map(|b| ident(b)).collect();
    let destructure = if bound.is_empty() {
        quote! { let _ = params; }
    } else if p.binds_all {
        quote! { let Params { #(#bound),* } = params; }
    } else {
        quote! { let Params { #(#bound,)* .. } = params; }
    };
    let read = |field: &str, how: ReadAs| {
        let id = ident(field);
        match how {
            ReadAs::AsDeref => quote! { #id.as_deref() },
            ReadAs::AsStr => quote! { #id.as_str() },
            ReadAs::AsSlice => quote! { #id.as_slice() },
            ReadAs::Copy => quote! { *#id },
        }
    };
    let reads = p.reads.iter().map(|r| match r {
        ParamRead::CheckSet { field, missing } => {
            let id = ident(field);
            let missing = static_err(missing);
            quote! { if #id.is_none() { return #missing; } }
        }
        ParamRead::Read { field, read: how } => {
            let id = ident(field);
            let value = read(field, *how);
            quote! { let #id = #value; }
        }
        ParamRead::ReadRequired { field, read: how, missing } => {
            let id = ident(field);
            let value = read(field, *how);
            let missing = static_err(missing);
            quote! { let ::std::option::Option::Some(#id) = #value else { return #missing; }; }
        }
    });
    quote! {
        /// Resolves the endpoint for `params` by evaluating the rule set.
        ///
        /// # Errors
        ///
        /// The rule set's error for these parameters (for example a FIPS endpoint asked of a
        /// partition without one), verbatim.
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, EndpointError> {
            #destructure
            #(#reads)*
            #body
        }
    }
}

/// The rules in order, then the "no rule matched" error unless a rule always terminates.
fn block(rules: &EndpointRules, b: &Block, tail: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for r in &b.rules {
        out.extend(rule(rules, r, tail));
    }
    if b.falls_through {
        out.extend(finish(static_err(NO_RULE_MATCHED), tail));
    }
    out
}

fn rule(rules: &EndpointRules, r: &Rule, tail: bool) -> TokenStream {
    let mut tokens = body(rules, &r.body, tail && r.unconditional);
    for layer in r.layers.iter().rev() {
        tokens = match layer {
            Layer::Let(id, value) => {
                let id = ident(id);
                let value = match value {
                    Value::Bool(b) => bool_tokens(b),
                    Value::StrRef(s) => as_str(s),
                    Value::StrOwned(s) => to_owned(s),
                    Value::Code(c) => code(c),
                };
                quote! { let #id = #value; #tokens }
            }
            Layer::If(conds) => {
                let conds = conds.iter().map(bool_tokens);
                quote! { if #(#conds)&&* { #tokens } }
            }
            Layer::IfLet(id, value) => {
                let id = ident(id);
                let value = code(value);
                quote! { if let ::std::option::Option::Some(#id) = #value { #tokens } }
            }
        };
    }
    tokens
}

fn body(rules: &EndpointRules, b: &Body, tail: bool) -> TokenStream {
    match b {
        Body::Endpoint { url, headers, properties } => {
            let url = to_owned(url);
            let headers = if rules.headers {
                let entries = headers.iter().map(|(name, values)| {
                    let values = values.iter().map(to_owned);
                    quote! { (::std::string::String::from(#name), ::std::vec![#(#values),*]) }
                });
                if headers.is_empty() {
                    quote! { headers: ::std::collections::BTreeMap::new(), }
                } else {
                    quote! { headers: ::std::collections::BTreeMap::from([#(#entries),*]), }
                }
            } else {
                quote! {}
            };
            let properties = if rules.properties {
                let entries = properties.iter().map(|(name, value)| {
                    let value = property(value);
                    quote! { (::std::string::String::from(#name), #value) }
                });
                if properties.is_empty() {
                    quote! { properties: ::serde_json::Map::new(), }
                } else {
                    quote! { properties: ::std::iter::IntoIterator::into_iter([#(#entries),*]).collect(), }
                }
            } else {
                quote! {}
            };
            let value = quote! {
                ::std::result::Result::Ok(crate::endpoint::Endpoint { url: #url, #headers #properties })
            };
            finish(value, tail)
        }
        Body::Error(message) => {
            let message = match message {
                Str::Lit(s) => quote! { ::std::borrow::Cow::Borrowed(#s) },
                other => {
                    let owned = to_owned(other);
                    quote! { ::std::borrow::Cow::Owned(#owned) }
                }
            };
            finish(err_value(message), tail)
        }
        Body::Tree(b) => block(rules, b, tail),
    }
}

fn property(p: &Property) -> TokenStream {
    match p {
        Property::Array(items) => {
            let items = items.iter().map(property);
            quote! { ::serde_json::Value::Array(::std::vec![#(#items),*]) }
        }
        Property::Object(fields) => {
            if fields.is_empty() {
                return quote! { ::serde_json::Value::Object(::serde_json::Map::new()) };
            }
            let entries = fields.iter().map(|(k, v)| {
                let v = property(v);
                quote! { (::std::string::String::from(#k), #v) }
            });
            quote! { ::serde_json::Value::Object(::std::iter::IntoIterator::into_iter([#(#entries),*]).collect()) }
        }
        Property::Int(n) => {
            let n = Literal::u64_suffixed(*n);
            quote! { ::serde_json::Value::from(#n) }
        }
        Property::Str(s) => {
            let s = to_owned(s);
            quote! { ::serde_json::Value::String(#s) }
        }
        Property::Bool(b) => {
            let b = bool_tokens(b);
            quote! { ::serde_json::Value::Bool(#b) }
        }
    }
}

// --- values ---------------------------------------------------------------------------------

fn code(c: &Code) -> TokenStream {
    match c {
        Code::Local(l) => {
            let l = ident(l);
            quote! { #l }
        }
        Code::Field(t, f) => {
            let t = code(t);
            let f = ident(f);
            quote! { #t.#f }
        }
        Code::FieldStr(t, f) => {
            let t = code(t);
            let f = ident(f);
            quote! { #t.#f.as_str() }
        }
        Code::Borrow(t) => {
            let t = code(t);
            quote! { &#t }
        }
        Code::Item(t, i) => {
            let t = code(t);
            let item = if *i == 0 {
                quote! { #t.first() }
            } else {
                let i = Literal::usize_unsuffixed(*i);
                quote! { #t.get(#i) }
            };
            quote! { #item.map(::std::string::String::as_str) }
        }
        Code::Call(f, args) => {
            let f = ident(f.rust_name());
            let args = args.iter().map(|a| match a {
                Arg::Str(s) => as_str(s),
                Arg::Bool(b) => bool_tokens(b),
                Arg::Usize(n) => {
                    let n = Literal::usize_unsuffixed(*n);
                    quote! { #n }
                }
            });
            quote! { crate::endpoint::runtime::#f(#(#args),*) }
        }
    }
}

/// A string as `&str`.
fn as_str(s: &Str) -> TokenStream {
    match s {
        Str::Lit(s) => quote! { #s },
        Str::Var(id, false) => {
            let id = ident(id);
            quote! { #id }
        }
        Str::Var(id, true) => {
            let id = ident(id);
            quote! { #id.as_str() }
        }
        Str::Ref(c) => code(c),
        Str::Owned(c) => {
            let c = code(c);
            quote! { #c.as_str() }
        }
        Str::Format(_) => {
            let f = to_owned(s);
            quote! { #f.as_str() }
        }
    }
}

/// A string as an owned `String`.
fn to_owned(s: &Str) -> TokenStream {
    match s {
        Str::Lit(s) => quote! { ::std::string::String::from(#s) },
        Str::Var(id, false) => {
            let id = ident(id);
            quote! { ::std::string::String::from(#id) }
        }
        Str::Var(id, true) => {
            let id = ident(id);
            quote! { ::std::clone::Clone::clone(&#id) }
        }
        Str::Ref(c) => {
            let c = code(c);
            quote! { ::std::string::String::from(#c) }
        }
        Str::Owned(c) => code(c),
        Str::Format(parts) => {
            let mut fmt = String::new();
            let mut args = Vec::new();
            for p in parts {
                match p {
                    FormatPart::Lit(s) => fmt.push_str(&s.replace('{', "{{").replace('}', "}}")),
                    FormatPart::Inline(id) => {
                        fmt.push('{');
                        fmt.push_str(id);
                        fmt.push('}');
                    }
                    FormatPart::Arg(s) => {
                        fmt.push_str("{}");
                        args.push(match s {
                            Str::Var(id, _) => {
                                let id = ident(id);
                                quote! { #id }
                            }
                            Str::Ref(c) | Str::Owned(c) => code(c),
                            other => to_owned(other),
                        });
                    }
                }
            }
            quote! { ::std::format!(#fmt #(, #args)*) }
        }
    }
}

fn bool_tokens(expr: &Bool) -> TokenStream {
    match expr {
        Bool::Lit(b) => quote! { #b },
        Bool::Expr(c) => code(c),
        Bool::Not(c) => {
            let c = code(c);
            quote! { !#c }
        }
        Bool::Eq(a, b) | Bool::Ne(a, b) => {
            let eq = matches!(expr, Bool::Eq(..));
            // A comparison with the empty string is `is_empty()`.
            let empty = |o: &Operand| matches!(o, Operand::Str(Str::Lit(s)) if s.is_empty());
            let other = match (empty(a), empty(b)) {
                (false, true) => Some(a),
                (true, false) => Some(b),
                _ => None,
            };
            if let Some(Operand::Str(s)) = other {
                let s = as_str(s);
                return if eq {
                    quote! { #s.is_empty() }
                } else {
                    quote! { !#s.is_empty() }
                };
            }
            let (a, b) = (operand(a), operand(b));
            if eq {
                quote! { #a == #b }
            } else {
                quote! { #a != #b }
            }
        }
        Bool::IsSome(c) => {
            let c = code(c);
            quote! { #c.is_some() }
        }
        Bool::IsNone(c) => {
            let c = code(c);
            quote! { #c.is_none() }
        }
    }
}

fn operand(o: &Operand) -> TokenStream {
    match o {
        Operand::Str(s) => as_str(s),
        Operand::Bool(b) => match **b {
            Bool::Eq(..) | Bool::Ne(..) => {
                let t = bool_tokens(b);
                quote! { (#t) }
            }
            _ => bool_tokens(b),
        },
        Operand::SomeTrue => quote! { ::std::option::Option::Some(true) },
        Operand::Code(c) => code(c),
    }
}

/// `src/endpoint/runtime/partitions.rs`: the partition table.
pub fn partitions(table: &[Partition]) -> TokenStream {
    let docs = inner_docs(&Docs::from_iter([
        "The AWS partitions, from the generator's `data/partitions.json`.".into(),
        String::new(),
        "The literal region prefixes of each partition's matcher are derived from its `region_regex`.".into(),
    ]));
    let count = Literal::usize_unsuffixed(table.len());
    let rows = table.iter().map(|p| {
        let Partition {
            id,
            dns_suffix,
            dual_stack_dns_suffix,
            supports_fips,
            supports_dual_stack,
            implicit_global_region,
            region_regex,
            regions,
            region_prefixes,
        } = p;
        quote! {
            Partition {
                name: #id,
                dns_suffix: #dns_suffix,
                dual_stack_dns_suffix: #dual_stack_dns_suffix,
                supports_fips: #supports_fips,
                supports_dual_stack: #supports_dual_stack,
                implicit_global_region: #implicit_global_region,
                region_regex: #region_regex,
                regions: &[#(#regions),*],
                region_prefixes: &[#(#region_prefixes),*],
            }
        }
    });
    quote! {
        #docs
        use super::Partition;
        /// Every partition, in the order of the data file (which is also the order patterns are tried in).
        pub static PARTITIONS: [Partition; #count] = [#(#rows),*];
    }
}

// --- tests ----------------------------------------------------------------------------------

/// `src/endpoint/tests.rs`: unit tests inside the crate, one per case.
pub fn tests(rules: &EndpointRules) -> TokenStream {
    let fns = rules.tests.iter().map(|case| {
        let inits = case.params.iter().map(|(field, value, optional)| {
            let name = ident(field);
            let inner = param_value(value);
            let value = if *optional { quote! { ::std::option::Option::Some(#inner) } } else { inner };
            quote! { #name: #value, }
        });
        let rest = if case.rest_default { quote! { ..::std::default::Default::default() } } else { quote! {} };
        let check = match &case.expect {
            Expect::Endpoint { url, headers, properties } => {
                let headers = headers.as_ref().map(|h| {
                    let entries = h.iter().map(|(k, values)| {
                        quote! { (::std::string::String::from(#k), ::std::vec![#(::std::string::String::from(#values)),*]) }
                    });
                    let expected = if h.is_empty() {
                        quote! { ::std::collections::BTreeMap::new() }
                    } else {
                        quote! { ::std::collections::BTreeMap::from([#(#entries),*]) }
                    };
                    quote! {
                        let expected: ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::string::String>> = #expected;
                        ::std::assert_eq!(endpoint.headers, expected);
                    }
                });
                let properties = properties.as_ref().map(|json| {
                    quote! {
                        let expected: ::serde_json::Value = ::serde_json::from_str(#json).expect("the expected properties are JSON");
                        ::std::assert_eq!(::serde_json::Value::Object(endpoint.properties), expected);
                    }
                });
                quote! {
                    let endpoint = match crate::endpoint::resolve(&params) {
                        ::std::result::Result::Ok(endpoint) => endpoint,
                        ::std::result::Result::Err(error) => ::std::panic!("expected an endpoint, got the error `{error}`"),
                    };
                    ::std::assert_eq!(endpoint.url, #url);
                    #headers
                    #properties
                }
            }
            Expect::Error(message) => quote! {
                match crate::endpoint::resolve(&params) {
                    ::std::result::Result::Ok(endpoint) => ::std::panic!("expected an error, got the endpoint `{}`", endpoint.url),
                    ::std::result::Result::Err(error) => ::std::assert_eq!(error.to_string(), #message),
                }
            },
        };
        let doc = docs(&case.docs);
        let name = ident(&case.name);
        quote! {
            #doc
            #[test]
            fn #name() {
                let params = crate::endpoint::Params { #(#inits)* #rest };
                #check
            }
        }
    });
    let docs = inner_docs(&Docs::from_iter([format!(
        "The `smithy.rules#endpointTests` cases of `{}` ({} cases), run against the generated `endpoint::resolve`.",
        rules.service,
        rules.tests.len()
    )]));
    quote! {
        #docs
        #(#fns)*
    }
}
