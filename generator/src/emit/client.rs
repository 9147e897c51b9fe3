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
    let examples = super::examples::Types::new(krate);
    let ops = krate.operations.iter().map(|op| operation_method(op, &examples));
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
        TyKind::F32 | TyKind::F64 => quote! { runtime::binding::float_text(#value) },
        _ => quote! { #value.to_string() },
    }
}

fn operation_method(op: &OperationDef, examples: &super::examples::Types<'_>) -> TokenStream {
    let method_name = ident(&op.module);
    let module = ident(&op.module);
    let static_name = format_ident!("{}", unraw(&op.module).to_uppercase());
    let op_name = &op.name;
    let input_ty = ident(&op.input.name);
    let output_ty = ident(&op.output.name);
    let error_ty = ident(&op.error_enum);
    let http_method = format_ident!("{}", op.http.method.to_uppercase());
    let auth = op.auth.iter().map(|a| match a {
        AuthDef::SigV4 { signing_name } => quote! { crate::auth::AuthScheme::SigV4 { signing_name: #signing_name } },
        AuthDef::Bearer => quote! { crate::auth::AuthScheme::Bearer },
        AuthDef::None => quote! { crate::auth::AuthScheme::None },
    });
    let parse_error = format_ident!("parse_{}_error", unraw(&op.module));

    let mut lines = op.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    match &op.http.target {
        Some(target) => lines.push(format!("`{} {}`, `X-Amz-Target: {target}`.", op.http.method, op.http.uri)),
        None => lines.push(format!("`{} {}`.", op.http.method, op.http.uri)),
    }
    let tokens: Vec<&Field> = op.input.fields.iter().filter(|f| f.idempotency_token).collect();
    for t in &tokens {
        lines.push(String::new());
        lines.push(format!(
            "When `{}` is `None`, a fresh UUID v4 is sent, the same on every retry of this call.",
            unraw(&t.name)
        ));
    }
    let input_stream = op.input.stream_field();
    let output_stream = op.output.stream_field();
    if let Some(f) = input_stream {
        lines.push(String::new());
        lines.push(format!(
            "`{}` is the request body, sent as it is read. Bytes in memory are signed and retried like any request; a stream is read once, so it is signed as `UNSIGNED-PAYLOAD` and a failed attempt is not retried.",
            unraw(&f.name)
        ));
        if !op.http.compression.is_empty() || op.http.checksum_required {
            lines.push(String::new());
            lines.push("A stream is read into memory first: the body is compressed or checksummed whole.");
        }
    }
    if let Some(f) = output_stream {
        lines.push(String::new());
        lines.push(format!(
            "The call returns once the response's head arrives: read the body from the output's `{}` as it comes (the read timeout does not cover it).",
            unraw(&f.name)
        ));
    }
    lines.append(&examples.docs(op));
    let method_docs = docs(&lines);

    let fill_tokens = tokens.iter().map(|f| {
        let n = ident(&f.name);
        if f.optional {
            quote! {
                if input.#n.is_none() {
                    input.#n = ::std::option::Option::Some(self.config.idempotency_token());
                }
            }
        } else {
            quote! {
                if input.#n.is_empty() {
                    input.#n = self.config.idempotency_token();
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
            let sensitive = f.sensitive;
            let n = ident(&f.name);
            let set = match &f.binding {
                Binding::Header(name) => {
                    let text = header_text(f);
                    quote! { runtime::header(&mut parts.headers, #name, &#text, #sensitive)?; }
                }
                Binding::PrefixHeaders(prefix) => quote! {
                    for (k, v) in value.iter() {
                        runtime::binding::prefix_header(&mut parts.headers, &::std::format!("{}{}", #prefix, k), v, #sensitive)?;
                    }
                },
                _ => return None,
            };
            Some(if f.optional {
                quote! { if let ::std::option::Option::Some(value) = &input.#n { #set } }
            } else {
                quote! { { let value = &input.#n; #set } }
            })
        })
        .collect();

    // Body: the members bound to it, as the JSON document of the input (the members bound
    // elsewhere are left out of its `Serialize`).
    let body_members = op.input.fields.iter().filter(|f| f.binding == Binding::Body).count();
    let host_prefix = op.http.host_prefix.as_ref().map(|prefix| {
        let pieces = prefix.iter().map(|part| match part {
            UriPart::Literal(text) if text.chars().count() == 1 => {
                let c = text.chars().next().unwrap_or('.');
                quote! { prefix.push(#c); }
            }
            UriPart::Literal(text) => quote! { prefix.push_str(#text); },
            UriPart::Label { member, field, .. } => {
                let f = &op.input.fields[*field];
                let n = ident(&f.name);
                let value = if f.optional {
                    quote! { input.#n.as_deref().unwrap_or_default() }
                } else {
                    quote! { &input.#n }
                };
                quote! { prefix.push_str(&runtime::binding::host_label(#member, #value)?); }
            }
        });
        quote! {
            let mut prefix = ::std::string::String::new();
            #( #pieces )*
            parts.host_prefix = ::std::option::Option::Some(prefix);
        }
    });
    let encodings = &op.http.compression;
    let compress = (!encodings.is_empty()).then(|| {
        quote! { crate::compression::compress(&self.config, &mut parts, &[ #( #encodings ),* ])?; }
    });
    let checksum = op.http.checksum_required.then(|| quote! { crate::checksum::content_md5(&mut parts); });
    let buffer = (input_stream.is_some() && (compress.is_some() || checksum.is_some()))
        .then(|| quote! { parts.buffer().await?; });
    let require_length = input_stream.and_then(|f| match f.ty.kind {
        TyKind::Stream { requires_length: true } => {
            let member = &f.member;
            Some(quote! { parts.require_length(#member)?; })
        }
        _ => None,
    });
    let query_mode = op
        .http
        .query_mode
        .then(|| quote! { runtime::header(&mut parts.headers, "x-amzn-query-mode", "true", false)?; });
    let target = op.http.target.as_ref().map(|t| {
        quote! {
            runtime::header(&mut parts.headers, "x-amz-target", #t, false)?;
            #query_mode
        }
    });
    let parts_binding = if header_parts.is_empty()
        && host_prefix.is_none()
        && compress.is_none()
        && checksum.is_none()
        && target.is_none()
    {
        quote! { let parts }
    } else {
        quote! { let mut parts }
    };
    let payload = op.input.fields.iter().find(|f| f.binding == Binding::Payload);
    let build_parts = if let Some(f) = payload {
        let parts = payload_parts(f);
        quote! { #parts_binding = #parts; }
    } else if body_members == 0 && !op.http.always_body {
        quote! { #parts_binding = runtime::RequestParts::without_body(path_and_query); }
    } else if op.http.json_content_type == "application/json" {
        quote! { #parts_binding = runtime::RequestParts::json(path_and_query, runtime::serialize_json(&input)?); }
    } else {
        let content_type = op.http.json_content_type;
        quote! { #parts_binding = runtime::RequestParts::payload(path_and_query, runtime::serialize_json(&input)?, #content_type); }
    };
    let output_payload = op.output.fields.iter().find(|f| f.binding == Binding::Payload);
    let (invoke, response_pattern, set_stream) = match output_stream {
        Some(f) => {
            let n = ident(&f.name);
            (quote! { invoke_streaming }, quote! { (response, body) }, Some(quote! { output.#n = body; }))
        }
        None => (quote! { invoke }, quote! { response }, None),
    };
    let parse_output = if let Some(f) = output_payload {
        match &f.ty.kind {
            TyKind::Named { kind, .. } => {
                let text = matches!(kind, NamedKind::Enum { .. });
                quote! { runtime::binding::payload_output(&response, #text)? }
            }
            _ => quote! { runtime::empty_output(&response)? },
        }
    } else {
        quote! { runtime::parse_json_output(&response)? }
    };
    let output_bindings = read_bindings(
        &op.output,
        quote! { output },
        [quote! { &response.headers }, quote! { response.status }, quote! { &response.body }],
        |what| quote! { |e| runtime::binding::binding_error(&response, #what, e) },
    );
    let query_decl = if query_parts.is_empty() {
        quote! { let query = ::std::string::String::from(#literal_query); }
    } else {
        quote! { let mut query = ::std::string::String::from(#literal_query); }
    };
    let takes_payload = payload.is_some_and(payload_is_taken);
    let input_mut = if tokens.is_empty() && !takes_payload {
        quote! { input }
    } else {
        quote! { mut input }
    };

    // The glue names the input and output structures, and reads and sets the members bound
    // outside the body by name (parsing them into their types), deprecated ones too.
    let touches_deprecated = op.input.deprecated.is_some()
        || op.output.deprecated.is_some()
        || op
            .input
            .fields
            .iter()
            .chain(&op.output.fields)
            .any(|f| f.binding != Binding::Body && (f.deprecated.is_some() || examples.names_deprecated(&f.ty)));
    let allow_deprecated = touches_deprecated.then(|| quote! { #[allow(deprecated)] });
    let op_deprecated = super::deprecated(&op.deprecated);
    let paginator_method = op.paginator.as_ref().map(|p| {
        let name = format_ident!("{}_paginator", unraw(&op.module));
        let ty = ident(&p.name);
        let doc = format!(
            " The pages of [`{m}`](Self::{m}), from `input` on: see [`{p}`](crate::operation::{module}::{p}).",
            m = unraw(&op.module),
            p = p.name,
            module = op.module,
        );
        let next = if p.items.is_some() { "items()" } else { "" };
        let example = super::paginators::example(op, &examples.lib_name(), next);
        quote! {
            #[doc = #doc]
            #example
            #op_deprecated
            pub fn #name(&self, input: crate::operation::#module::#input_ty) -> crate::operation::#module::#ty {
                crate::operation::#module::#ty::new(self.clone(), input)
            }
        }
    });
    quote! {
        static #static_name: runtime::Operation = runtime::Operation {
            service: &SERVICE,
            name: #op_name,
            method: crate::runtime::Method::#http_method,
            auth: &[ #( #auth ),* ],
            retry_hook: ::std::option::Option::None,
        };

        #allow_deprecated
        impl Client {
            #paginator_method
            #method_docs
            #op_deprecated
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
                #target
                #( #header_parts )*
                #host_prefix
                #require_length
                #buffer
                #compress
                #checksum
                let #response_pattern = runtime::#invoke(&self.config, &#static_name, parts, crate::operation::#module::#parse_error).await?;
                let mut output: crate::operation::#module::#output_ty = #parse_output;
                #( #output_bindings )*
                #set_stream
                output._meta = crate::sdk_error::ResponseMetadata::new(response.request_id);
                ::std::result::Result::Ok(output)
            }
        }
    }
}

/// A blob or string payload is moved out of the input into the body (no copy); the others are
/// serialised from a reference.
fn payload_is_taken(f: &Field) -> bool {
    matches!(f.ty.kind, TyKind::Blob | TyKind::String | TyKind::Stream { .. })
}

/// The request parts of an input with an `@httpPayload` member `f`: its bytes, text, enum value
/// or JSON as the body, typed by its `@mediaType` or its kind. An unset payload is no body,
/// except a structure, whose absence is the empty object.
fn payload_parts(f: &Field) -> TokenStream {
    let n = ident(&f.name);
    let media = |default: &str| f.media_type.clone().unwrap_or_else(|| default.to_owned());
    if let TyKind::Stream { .. } = f.ty.kind {
        // Never optional: an unset stream is an empty one.
        let content_type = media("application/octet-stream");
        return quote! { runtime::RequestParts::stream(path_and_query, ::std::mem::take(&mut input.#n), #content_type) };
    }
    let (bytes, content_type, unset) = match &f.ty.kind {
        TyKind::Blob => (quote! { value.0 }, media("application/octet-stream"), None),
        TyKind::String => (quote! { value.into_bytes() }, media("text/plain"), None),
        TyKind::Named { kind: NamedKind::Enum { .. }, .. } => {
            (quote! { value.as_str().as_bytes().to_vec() }, "text/plain".to_owned(), None)
        }
        TyKind::Named { kind: NamedKind::Struct, .. } => (
            quote! { runtime::serialize_json(value)? },
            "application/json".to_owned(),
            Some(quote! { runtime::RequestParts::payload(path_and_query, b"{}".to_vec(), "application/json") }),
        ),
        _ => (quote! { runtime::serialize_json(value)? }, media("application/json"), None),
    };
    let unset = unset.unwrap_or_else(|| quote! { runtime::RequestParts::without_body(path_and_query) });
    let takes = payload_is_taken(f);
    match (f.optional, takes) {
        (true, true) => quote! {
            match input.#n.take() {
                ::std::option::Option::Some(value) => runtime::RequestParts::payload(path_and_query, #bytes, #content_type),
                ::std::option::Option::None => #unset,
            }
        },
        (true, false) => quote! {
            match &input.#n {
                ::std::option::Option::Some(value) => runtime::RequestParts::payload(path_and_query, #bytes, #content_type),
                ::std::option::Option::None => #unset,
            }
        },
        (false, true) => quote! {
            {
                let value = ::std::mem::take(&mut input.#n);
                runtime::RequestParts::payload(path_and_query, #bytes, #content_type)
            }
        },
        (false, false) => quote! {
            {
                let value = &input.#n;
                runtime::RequestParts::payload(path_and_query, #bytes, #content_type)
            }
        },
    }
}

/// The text of a header-bound input member (`value`): a scalar, or a list as RFC 9110 writes
/// one (HTTP dates unquoted: they split on every second comma); `@mediaType` strings in base64.
fn header_text(f: &Field) -> TokenStream {
    match &f.ty.kind {
        TyKind::List { item, .. } => {
            let t = scalar_text(item, quote! { item });
            if matches!(item.kind, TyKind::Timestamp(TimestampFormat::HttpDate)) {
                quote! { value.iter().map(|item| #t).collect::<::std::vec::Vec<_>>().join(", ") }
            } else {
                quote! { runtime::binding::join_list(value.iter().map(|item| #t)) }
            }
        }
        TyKind::String if f.media_type.is_some() => quote! { crate::primitives::encode_media_type(value) },
        _ => scalar_text(&f.ty, quote! { value }),
    }
}

/// Reads a scalar of type `ty` from the header text `text`: a `Result<_, String>`.
fn parse_scalar(ty: &Ty, media_type: bool, text: TokenStream) -> TokenStream {
    match &ty.kind {
        TyKind::String if media_type => quote! { crate::primitives::decode_media_type(#text) },
        TyKind::String => {
            quote! { ::std::result::Result::<_, ::std::string::String>::Ok(::std::string::String::from(#text)) }
        }
        TyKind::Bool => quote! { runtime::binding::parse_bool(#text) },
        TyKind::Timestamp(TimestampFormat::EpochSeconds) => quote! { runtime::binding::parse_epoch_seconds(#text) },
        TyKind::Timestamp(TimestampFormat::DateTime) => quote! { crate::primitives::parse_date_time_text(#text) },
        TyKind::Timestamp(TimestampFormat::HttpDate) => quote! { crate::primitives::parse_http_date_text(#text) },
        TyKind::Named { path, kind: NamedKind::Enum { int: false, .. }, .. } => {
            let p = path_tokens(path);
            quote! { (#text).trim().parse::<#p>().map_err(|e| e.to_string()) }
        }
        TyKind::Named { path, kind: NamedKind::Enum { int: true, .. }, .. } => {
            let p = path_tokens(path);
            quote! { runtime::binding::parse_number::<i32>(#text).map(#p::from) }
        }
        _ => quote! { runtime::binding::parse_number(#text) },
    }
}

/// Sets the members of `target` (an output or an error) bound outside the body: headers, prefix
/// headers, the status code. `headers` and `status` are expressions for the response's;
/// `fail(what, problem)` makes the error of an unreadable header.
pub(super) fn read_bindings(
    s: &StructDef,
    target: TokenStream,
    [headers, status, body]: [TokenStream; 3],
    fail: impl Fn(&str) -> TokenStream,
) -> Vec<TokenStream> {
    s.fields
        .iter()
        .filter_map(|f| {
            let n = ident(&f.name);
            let wrap = |v: TokenStream| if f.optional { quote! { ::std::option::Option::Some(#v) } } else { v };
            Some(match &f.binding {
                Binding::Header(name) => {
                    let fail = fail(&format!("the header `{name}`"));
                    let parsed = match &f.ty.kind {
                        TyKind::List { item, .. } => {
                            let split = if matches!(item.kind, TyKind::Timestamp(TimestampFormat::HttpDate)) {
                                quote! { runtime::binding::split_http_dates(text) }
                            } else {
                                quote! { runtime::binding::split_list(text) }
                            };
                            let one = parse_scalar(item, false, quote! { item.as_str() });
                            quote! { #split.iter().map(|item| #one).collect::<::std::result::Result<::std::vec::Vec<_>, ::std::string::String>>() }
                        }
                        _ => parse_scalar(&f.ty, f.media_type.is_some(), quote! { text }),
                    };
                    let value = wrap(quote! { read });
                    quote! {
                        if let ::std::option::Option::Some(text) = runtime::binding::header_text(#headers, #name).map_err(#fail)? {
                            let text: &str = &text;
                            let read = #parsed.map_err(#fail)?;
                            #target.#n = #value;
                        }
                    }
                }
                Binding::PrefixHeaders(prefix) => {
                    let fail = fail(&format!("the headers `{prefix}*`"));
                    let value = wrap(quote! { map });
                    quote! {
                        let map = runtime::binding::prefix_headers(#headers, #prefix).map_err(#fail)?;
                        if !map.is_empty() {
                            #target.#n = #value;
                        }
                    }
                }
                Binding::ResponseCode => {
                    let value = wrap(quote! { i32::from(#status) });
                    quote! { #target.#n = #value; }
                }
                Binding::Payload => {
                    let fail = fail("the body");
                    let value = wrap(quote! { read });
                    let read = match &f.ty.kind {
                        TyKind::Blob => quote! {
                            (!#body.is_empty()).then(|| crate::primitives::Blob::from(<[u8]>::to_vec(#body)))
                        },
                        TyKind::String => quote! {
                            runtime::binding::text_payload(#body).map_err(#fail)?.map(::std::borrow::ToOwned::to_owned)
                        },
                        // Read with the rest of the output (`payload_output`).
                        TyKind::Named { .. } => return None,
                        // Handed over unread (`invoke_streaming`).
                        TyKind::Stream { .. } => return None,
                        _ => {
                            let t = super::type_tokens(&f.ty);
                            quote! { runtime::binding::json_payload::<#t>(#body).map_err(#fail)? }
                        }
                    };
                    quote! {
                        if let ::std::option::Option::Some(read) = #read {
                            #target.#n = #value;
                        }
                    }
                }
                _ => return None,
            })
        })
        .collect()
}

/// The operation's error enum and the function that reads it from an error response.
pub fn operation_errors(op: &OperationDef) -> TokenStream {
    let error_ty = ident(&op.error_enum);
    let parse_error = format_ident!("parse_{}_error", unraw(&op.module));
    let variants: Vec<(proc_macro2::Ident, TokenStream, &Docs)> =
        op.errors.iter().map(|e| (ident(&e.variant), path_tokens(&e.path), &e.docs)).collect();
    let variant_defs = variants.iter().map(|(v, path, d)| {
        let d = docs(d);
        quote! { #d #v(#path), }
    });
    let parse_arms = variants.iter().map(|(v, path, _)| {
        quote! { ::std::option::Option::Some(#path::CODE) => #error_ty::#v(#path::from_response(error)?), }
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
    // An `@awsQueryCompatible` service's error reports its awsQuery code, as the service does.
    let code_arms = variants.iter().zip(&op.errors).map(|((v, path, _), e)| match &e.query_code {
        Some(code) => quote! { Self::#v(_) => ::std::option::Option::Some(#code), },
        None => quote! { Self::#v(_) => ::std::option::Option::Some(#path::CODE), },
    });
    let variant_arms = variants.iter().map(|(v, _, _)| quote! { Self::#v(e) => e, });
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

            /// The error the variant holds, for the accessors below.
            fn variant(&self) -> &dyn crate::sdk_error::ErrorVariant {
                match self {
                    #( #variant_arms )*
                    Self::Unhandled(e) => e,
                }
            }

            /// The message the service sent, if any.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.variant().message()
            }

            /// Whether the default retry policy treats this error as transient.
            pub fn is_retryable(&self) -> bool {
                self.variant().is_retryable()
            }

            /// The `x-amzn-RequestId` of the error response.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.variant().request_id()
            }

            /// The whole error response: status, headers and body.
            pub fn raw_response(&self) -> ::std::option::Option<&crate::http::HttpResponse> {
                self.variant().raw_response()
            }

            /// Whether the model blames the server; for `Unhandled`, a 5xx status.
            pub fn is_server_fault(&self) -> bool {
                self.variant().is_server_fault()
            }
        }

        // Display is the variant's own, so the chain goes on from the variant's source: each
        // message once.
        impl ::std::fmt::Display for #error_ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.variant(), f)
            }
        }

        impl ::std::error::Error for #error_ty {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                self.variant().source()
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
