//! The client: one async method per operation and each operation's error enum; the call path
//! itself is the shared runtime's.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, ident, path_tokens};
use crate::ir::unraw;
use crate::ir::*;

/// `src/client.rs`.
pub fn client_rs(krate: &Crate) -> TokenStream {
    let name = &krate.service.name;
    let prefix = &krate.service.endpoint_prefix;
    let signing = &krate.service.signing_name;
    let title = format!(" A client for {}. Cheap to clone: the [`Config`] is shared.", krate.service.title);
    let ops = krate.operations.iter().map(operation_method);
    let (resolve, resolve_fn) = if krate.endpoints.is_some() {
        (
            quote! { ::std::option::Option::Some(resolve_endpoint) },
            quote! {
                /// The service's endpoint rules (see [`crate::endpoint`]) fed from the client's configuration.
                fn resolve_endpoint(
                    region: ::std::option::Option<&str>,
                    use_fips: bool,
                    use_dual_stack: bool,
                    endpoint: ::std::option::Option<&str>,
                ) -> ::std::result::Result<::std::string::String, ::std::string::String> {
                    let params = crate::endpoint::Params::from_builtins(region, use_fips, use_dual_stack, endpoint);
                    crate::endpoint::resolve(&params).map(|e| e.url).map_err(|e| e.to_string())
                }
            },
        )
    } else {
        (quote! { ::std::option::Option::None }, quote! {})
    };
    quote! {
        //! The client: one async method per operation.

        use crate::config::Config;
        use crate::runtime;

        /// The service, as the runtime needs it.
        static SERVICE: runtime::ServiceInfo = runtime::ServiceInfo {
            name: #name,
            endpoint_prefix: #prefix,
            signing_name: #signing,
            resolve_endpoint: #resolve,
            user_agent: ::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION")),
        };

        #resolve_fn

        #[doc = #title]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            config: Config,
        }

        impl Client {
            /// A client using `config`.
            pub fn new(config: Config) -> Self {
                Self { config }
            }

            /// A client configured from the environment (see [`crate::config::ConfigBuilder::from_env`]).
            pub fn from_env() -> Self {
                Self::new(Config::from_env())
            }

            /// The client's configuration.
            pub fn config(&self) -> &Config {
                &self.config
            }
        }

        #( #ops )*
    }
}

/// The text of a scalar value (label, query or header), as a `String` expression.
fn scalar_text(ty: &Ty, value: TokenStream) -> TokenStream {
    match &ty.kind {
        TyKind::String => quote! { ::std::string::String::from(#value.as_str()) },
        TyKind::Named { kind: NamedKind::Enum { int: false, .. }, .. } => {
            quote! { ::std::string::String::from(#value.as_str()) }
        }
        TyKind::Named { kind: NamedKind::Enum { int: true, .. }, .. } => quote! { #value.as_i32().to_string() },
        TyKind::Timestamp(TimestampFormat::HttpDate) => quote! { #value.to_http_date().unwrap_or_default() },
        TyKind::Timestamp(TimestampFormat::DateTime) => quote! { #value.to_rfc3339().unwrap_or_default() },
        TyKind::Timestamp(TimestampFormat::EpochSeconds) => quote! { #value.secs().to_string() },
        _ => quote! { #value.to_string() },
    }
}

fn operation_method(op: &OperationDef) -> TokenStream {
    let method_name = ident(&op.module);
    let module = ident(&op.module);
    let static_name = format_ident!("{}", unraw(&op.module).to_uppercase());
    let op_name = &op.name;
    let input_ty = ident(&op.input.name);
    let output_ty = ident(&op.output.name);
    let error_ty = ident(&op.error_enum);
    let http_method = format_ident!("{}", op.http.method.to_uppercase());
    let parse_error = format_ident!("parse_{}_error", unraw(&op.module));

    let mut lines = op.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("`{} {}`.", op.http.method, op.http.uri));
    let tokens: Vec<&Field> = op.input.fields.iter().filter(|f| f.idempotency_token).collect();
    for t in &tokens {
        lines.push(String::new());
        lines.push(format!(
            "When `{}` is `None`, a fresh UUID v4 is sent, the same on every retry of this call.",
            unraw(&t.name)
        ));
    }
    let method_docs = docs(&lines);

    let fill_tokens = tokens.iter().map(|f| {
        let n = ident(&f.name);
        if f.optional {
            quote! {
                if input.#n.is_none() {
                    input.#n = ::std::option::Option::Some(runtime::idempotency_token());
                }
            }
        } else {
            quote! {
                if input.#n.is_empty() {
                    input.#n = runtime::idempotency_token();
                }
            }
        }
    });

    // Path: literal pieces and percent-encoded labels.
    let path_parts = op.http.path.iter().map(|part| match part {
        UriPart::Literal(text) => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => quote! { path.push(#c); },
                _ => quote! { path.push_str(#text); },
            }
        }
        UriPart::Label { member, field, greedy } => {
            let f = &op.input.fields[*field];
            let n = ident(&f.name);
            let text = if f.optional {
                let t = scalar_text(&f.ty, quote! { v });
                quote! { input.#n.as_ref().map(|v| #t).unwrap_or_default() }
            } else {
                scalar_text(&f.ty, quote! { input.#n })
            };
            quote! { path.push_str(&runtime::label(#member, &#text, #greedy)?); }
        }
    });

    // Query parameters.
    let literal_query = &op.http.literal_query;
    let explicit_query: Vec<&str> = op
        .input
        .fields
        .iter()
        .filter_map(|f| match &f.binding {
            Binding::Query(q) => Some(q.as_str()),
            _ => None,
        })
        .collect();
    let query_parts: Vec<TokenStream> = op
        .input
        .fields
        .iter()
        .filter_map(|f| {
            let n = ident(&f.name);
            let push_one = |key: TokenStream, ty: &Ty, v: TokenStream| {
                let text = scalar_text(ty, v);
                quote! { runtime::push_query(&mut query, #key, &#text); }
            };
            let body = match &f.binding {
                Binding::Query(key) => match &f.ty.kind {
                    TyKind::List { item, sparse } => {
                        let one = push_one(quote! { #key }, item, quote! { item });
                        if *sparse {
                            quote! { for item in value.iter().flatten() { #one } }
                        } else {
                            quote! { for item in value.iter() { #one } }
                        }
                    }
                    _ => push_one(quote! { #key }, &f.ty, quote! { value }),
                },
                Binding::QueryParams => {
                    let TyKind::Map { value: vt, .. } = &f.ty.kind else { return None };
                    let push = match &vt.kind {
                        TyKind::List { item, .. } => {
                            let one = push_one(quote! { k }, item, quote! { item });
                            quote! { for item in v.iter() { #one } }
                        }
                        _ => push_one(quote! { k }, vt, quote! { v }),
                    };
                    quote! {
                        for (k, v) in value.iter() {
                            if ![ #( #explicit_query ),* ].contains(&k.as_str()) {
                                #push
                            }
                        }
                    }
                }
                _ => return None,
            };
            Some(if f.optional {
                quote! { if let ::std::option::Option::Some(value) = &input.#n { #body } }
            } else {
                quote! { { let value = &input.#n; #body } }
            })
        })
        .collect();

    // Headers.
    let header_parts: Vec<TokenStream> = op
        .input
        .fields
        .iter()
        .filter_map(|f| {
            let Binding::Header(name) = &f.binding else { return None };
            let n = ident(&f.name);
            let text = match &f.ty.kind {
                TyKind::List { item, .. } => {
                    let t = scalar_text(item, quote! { item });
                    quote! { value.iter().map(|item| #t).collect::<::std::vec::Vec<_>>().join(", ") }
                }
                _ => scalar_text(&f.ty, quote! { value }),
            };
            let sensitive = f.sensitive;
            let set = quote! { runtime::header(&mut parts.headers, #name, &#text, #sensitive)?; };
            Some(if f.optional {
                quote! { if let ::std::option::Option::Some(value) = &input.#n { #set } }
            } else {
                quote! { { let value = &input.#n; #set } }
            })
        })
        .collect();

    // Body: the members bound to it, as the JSON document of the input.
    let body_members = op.input.fields.iter().filter(|f| f.binding == Binding::Body).count();
    let bound_elsewhere: Vec<&str> =
        op.input.fields.iter().filter(|f| f.binding != Binding::Body).map(|f| f.wire.as_str()).collect();
    let parts_binding = if header_parts.is_empty() {
        quote! { let parts }
    } else {
        quote! { let mut parts }
    };
    let build_parts = if body_members == 0 {
        quote! { #parts_binding = runtime::RequestParts::without_body(path_and_query); }
    } else if bound_elsewhere.is_empty() {
        quote! { #parts_binding = runtime::RequestParts::json(path_and_query, runtime::serialize_json(&input)?); }
    } else {
        quote! {
            let body = runtime::serialize_json_without(&input, &[ #( #bound_elsewhere ),* ])?;
            #parts_binding = runtime::RequestParts::json(path_and_query, body);
        }
    };
    let query_decl = if query_parts.is_empty() {
        quote! { let query = ::std::string::String::from(#literal_query); }
    } else {
        quote! { let mut query = ::std::string::String::from(#literal_query); }
    };
    let input_mut = if tokens.is_empty() {
        quote! { input }
    } else {
        quote! { mut input }
    };

    quote! {
        static #static_name: runtime::Operation = runtime::Operation {
            service: &SERVICE,
            name: #op_name,
            method: crate::runtime::Method::#http_method,
            retry_hook: ::std::option::Option::None,
        };

        impl Client {
            #method_docs
            pub async fn #method_name(
                &self,
                #input_mut: crate::operation::#module::#input_ty,
            ) -> ::std::result::Result<crate::operation::#module::#output_ty, crate::sdk_error::SdkError<crate::operation::#module::#error_ty>> {
                let mode = self.config.validation();
                if mode != crate::validate::ValidationMode::Off {
                    crate::validate::Validate::validate_with(&input, mode)?;
                }
                #( #fill_tokens )*
                let mut path = ::std::string::String::new();
                #( #path_parts )*
                #query_decl
                #( #query_parts )*
                let path_and_query = runtime::path_and_query(path, &query);
                #build_parts
                #( #header_parts )*
                let response = runtime::invoke(&self.config, &#static_name, parts, crate::operation::#module::#parse_error).await?;
                let mut output: crate::operation::#module::#output_ty = runtime::parse_json_output(&response)?;
                output._meta = crate::sdk_error::ResponseMetadata::new(response.request_id);
                ::std::result::Result::Ok(output)
            }
        }
    }
}

/// The operation's error enum and the function that reads it from an error response.
pub fn operation_errors(op: &OperationDef) -> TokenStream {
    let error_ty = ident(&op.error_enum);
    let parse_error = format_ident!("parse_{}_error", unraw(&op.module));
    let variants: Vec<(proc_macro2::Ident, TokenStream, &[String])> =
        op.errors.iter().map(|e| (ident(&e.variant), path_tokens(&e.path), e.docs.as_slice())).collect();
    let variant_defs = variants.iter().map(|(v, path, d)| {
        let d = docs(d);
        quote! { #d #v(#path), }
    });
    let parse_arms = variants.iter().map(|(v, path, _)| {
        quote! { ::std::option::Option::Some(#path::CODE) => #error_ty::#v(error.deserialize()?), }
    });
    let parse_body = if variants.is_empty() {
        quote! { ::std::result::Result::Ok(#error_ty::Unhandled(error.to_unhandled())) }
    } else {
        quote! {
            ::std::result::Result::Ok(match error.code() {
                #( #parse_arms )*
                _ => #error_ty::Unhandled(error.to_unhandled()),
            })
        }
    };
    let code_arms =
        variants.iter().map(|(v, path, _)| quote! { Self::#v(_) => ::std::option::Option::Some(#path::CODE), });
    let message_arms = variants.iter().map(|(v, _, _)| quote! { Self::#v(e) => e.message(), });
    let retry_arms = variants.iter().map(|(v, path, _)| {
        quote! { Self::#v(_) => crate::runtime::is_retryable_error(#path::HTTP_STATUS, ::std::option::Option::Some(#path::CODE)), }
    });
    let fault_arms = variants.iter().map(|(v, path, _)| quote! { Self::#v(_) => #path::SERVER_FAULT, });
    let display_arms = variants.iter().map(|(v, _, _)| quote! { Self::#v(e) => ::std::fmt::Display::fmt(e, f), });
    // Display is the variant's own, so the chain goes on from the variant's source: each message once.
    let source_arms = variants.iter().map(|(v, _, _)| quote! { Self::#v(e) => ::std::error::Error::source(e), });
    let request_id_arms = variants.iter().map(|(v, _, _)| quote! { Self::#v(e) => e.request_id(), });
    let raw_arms = variants.iter().map(|(v, _, _)| quote! { Self::#v(e) => e.raw_response(), });
    let doc = format!(
        " The errors `{}` can return: each modelled error, or [`Unhandled`](crate::sdk_error::Unhandled).",
        op.name
    );
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        pub enum #error_ty {
            #( #variant_defs )*
            /// An error code this version of the client does not know.
            Unhandled(crate::sdk_error::Unhandled),
        }

        impl #error_ty {
            /// The error code, such as `ResourceNotFoundException`.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #( #code_arms )*
                    Self::Unhandled(e) => e.code(),
                }
            }

            /// The message the service sent, if any.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #( #message_arms )*
                    Self::Unhandled(e) => e.message(),
                }
            }

            /// Whether the default retry policy treats this error as transient.
            pub fn is_retryable(&self) -> bool {
                match self {
                    #( #retry_arms )*
                    Self::Unhandled(e) => crate::runtime::is_retryable_error(::std::option::Option::Some(e.status()), e.code()),
                }
            }

            /// The `x-amzn-RequestId` of the error response.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                match self {
                    #( #request_id_arms )*
                    Self::Unhandled(e) => e.request_id(),
                }
            }

            /// The whole error response: status, headers and body.
            pub fn raw_response(&self) -> ::std::option::Option<&crate::http::HttpResponse> {
                match self {
                    #( #raw_arms )*
                    Self::Unhandled(e) => e.raw_response(),
                }
            }

            /// Whether the model blames the server; for `Unhandled`, a 5xx status.
            pub fn is_server_fault(&self) -> bool {
                match self {
                    #( #fault_arms )*
                    Self::Unhandled(e) => e.status() >= 500,
                }
            }
        }

        impl ::std::fmt::Display for #error_ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #( #display_arms )*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for #error_ty {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #( #source_arms )*
                    Self::Unhandled(e) => ::std::error::Error::source(e),
                }
            }
        }

        impl crate::sdk_error::RequestId for #error_ty {
            fn request_id(&self) -> ::std::option::Option<&str> {
                #error_ty::request_id(self)
            }
        }

        impl crate::sdk_error::ProvideErrorMetadata for #error_ty {
            fn code(&self) -> ::std::option::Option<&str> {
                #error_ty::code(self)
            }
            fn message(&self) -> ::std::option::Option<&str> {
                #error_ty::message(self)
            }
        }

        #[doc(hidden)]
        pub fn #parse_error(error: &crate::runtime::ErrorResponse) -> ::std::result::Result<#error_ty, crate::sdk_error::ResponseError> {
            #parse_body
        }
    }
}
