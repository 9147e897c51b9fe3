//! Paginators: for each `@paginated` operation, a type that requests its pages one after the
//! other (and one that yields their items), in the operation's module.

use proc_macro2::TokenStream;
use quote::quote;

use super::data::type_tokens;
use super::ident;
use crate::ir::unraw;
use crate::ir::*;

/// `a.b.c` of `root` as an `Option<&str>` (the output token).
fn token_path(root: TokenStream, steps: &[PathStep]) -> TokenStream {
    let mut expr = TokenStream::new();
    for (i, step) in steps.iter().enumerate() {
        let f = ident(&step.field);
        let last = i + 1 == steps.len();
        expr = match (i, last, step.optional) {
            (0, true, true) => quote! { #root.#f.as_deref() },
            (0, true, false) => quote! { ::std::option::Option::Some(#root.#f.as_str()) },
            (0, false, true) => quote! { #root.#f.as_ref() },
            (0, false, false) => quote! { ::std::option::Option::Some(&#root.#f) },
            (_, true, true) => quote! { #expr.and_then(|v| v.#f.as_deref()) },
            (_, true, false) => quote! { #expr.map(|v| v.#f.as_str()) },
            (_, false, true) => quote! { #expr.and_then(|v| v.#f.as_ref()) },
            (_, false, false) => quote! { #expr.map(|v| &v.#f) },
        };
    }
    expr
}

/// `a.b.c` moved out of `root`: the collection (the items), in an `Option` when a step on the way
/// is optional.
fn items_path(root: TokenStream, steps: &[PathStep]) -> (TokenStream, bool) {
    let mut expr = root;
    let mut in_option = false;
    for step in steps {
        let f = ident(&step.field);
        expr = match (in_option, step.optional) {
            (false, _) => quote! { #expr.#f },
            (true, true) => quote! { #expr.and_then(|v| v.#f) },
            (true, false) => quote! { #expr.map(|v| v.#f) },
        };
        in_option |= step.optional;
    }
    (expr, in_option)
}

/// The paginator of a `@paginated` operation (and its items), in the operation's module.
pub fn paginator(op: &OperationDef, p: &Paginator) -> TokenStream {
    let name = ident(&p.name);
    let input_ty = ident(&op.input.name);
    let output_ty = ident(&op.output.name);
    let error_ty = ident(&op.error_enum);
    let method = ident(&op.module);
    let in_token = ident(&p.input_token);
    let out_token = token_path(quote! { output }, &p.output_token);
    let result = quote! {
        ::std::option::Option<::std::result::Result<#output_ty, crate::sdk_error::SdkError<#error_ty>>>
    };
    let page_size = p.page_size.as_ref().map(|(field, ty)| {
        let f = ident(field);
        let t = type_tokens(ty);
        quote! {
            /// Asks for at most `size` results per page.
            pub fn page_size(mut self, size: #t) -> Self {
                self.input.#f = ::std::option::Option::Some(size);
                self
            }
        }
    });
    let doc = format!(
        " The pages of `{}`, one request each: the token of each page goes into the next request, \
         and the pages end when the service sends no token (or an empty one). A token the service \
         sent before ends them with an error instead of a loop. Dropping the paginator stops it.",
        op.name
    );
    let items = p.items.as_ref().map(|(steps, ty)| {
        let items_name = ident(&p.items_name);
        let (item, push) = match &ty.kind {
            TyKind::Map { key, value, .. } => {
                let (k, v) = (type_tokens(key), type_tokens(value));
                (quote! { (#k, #v) }, quote! { self.buffer.extend(items); })
            }
            TyKind::List { item, .. } => {
                let t = type_tokens(item);
                (t, quote! { self.buffer.extend(items); })
            }
            _ => return quote! {},
        };
        let take = match items_path(quote! { page }, steps) {
            (path, true) => quote! { #path.unwrap_or_default() },
            (path, false) => path,
        };
        let items_doc = format!(
            " The items of every page of `{}`, in order: pages are requested as the items run out.",
            op.name
        );
        quote! {
            impl #name {
                /// The items of the pages, one at a time.
                pub fn items(self) -> #items_name {
                    #items_name { pages: self, buffer: ::std::collections::VecDeque::new() }
                }
            }

            #[doc = #items_doc]
            #[must_use = "items are requested only when you call `next`"]
            pub struct #items_name {
                pages: #name,
                buffer: ::std::collections::VecDeque<#item>,
            }

            impl ::std::fmt::Debug for #items_name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(::std::stringify!(#items_name)).field("buffered", &self.buffer.len()).finish_non_exhaustive()
                }
            }

            impl #items_name {
                /// The next item, or `None` after the last; an error ends the items.
                pub async fn next(&mut self) -> ::std::option::Option<::std::result::Result<#item, crate::sdk_error::SdkError<#error_ty>>> {
                    loop {
                        if let ::std::option::Option::Some(item) = self.buffer.pop_front() {
                            return ::std::option::Option::Some(::std::result::Result::Ok(item));
                        }
                        match self.pages.next_page().await? {
                            ::std::result::Result::Err(e) => return ::std::option::Option::Some(::std::result::Result::Err(e)),
                            ::std::result::Result::Ok(page) => {
                                let items = #take;
                                #push
                            }
                        }
                    }
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[must_use = "pages are requested only when you call `next_page`"]
        pub struct #name {
            client: crate::Client,
            input: #input_ty,
            tokens: crate::paginate::Tokens,
        }

        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(::std::stringify!(#name)).field("done", &self.tokens.is_done()).finish_non_exhaustive()
            }
        }

        impl #name {
            pub(crate) fn new(client: crate::Client, input: #input_ty) -> Self {
                let tokens = crate::paginate::Tokens::new(input.#in_token.clone());
                Self { client, input, tokens }
            }

            #page_size

            /// The next page, or `None` after the last; an error ends the pages.
            pub async fn next_page(&mut self) -> #result {
                if self.tokens.is_done() {
                    return ::std::option::Option::None;
                }
                let mut input = self.input.clone();
                input.#in_token = self.tokens.next_token();
                match self.client.#method(input).await {
                    ::std::result::Result::Err(e) => {
                        self.tokens.finish();
                        ::std::option::Option::Some(::std::result::Result::Err(e))
                    }
                    ::std::result::Result::Ok(output) => {
                        if let ::std::result::Result::Err(e) = self.tokens.advance(#out_token, output.request_id()) {
                            return ::std::option::Option::Some(::std::result::Result::Err(e));
                        }
                        ::std::option::Option::Some(::std::result::Result::Ok(output))
                    }
                }
            }
        }

        #items
    }
}

/// A compile-checked doc example of the paginator method: the input comes in as a parameter,
/// so it holds for any model.
pub(super) fn example(op: &OperationDef, lib: &str, next: &str) -> TokenStream {
    let m = unraw(&op.module);
    let call = if next.is_empty() {
        format!("let mut pages = client.{m}_paginator(input);\nwhile let Some(page) = pages.next_page().await {{\n    let page = page?;\n    # let _ = page;\n}}")
    } else {
        format!("let mut items = client.{m}_paginator(input).{next};\nwhile let Some(item) = items.next().await {{\n    let item = item?;\n    # let _ = item;\n}}")
    };
    let text = format!(
        "\n```\n# async fn demo(client: &{lib}::Client, input: {lib}::operation::{module}::{input}) -> Result<(), Box<dyn std::error::Error>> {{\n{call}\n# Ok(())\n# }}\n```",
        module = op.module,
        input = op.input.name,
    );
    let lines: Vec<String> = text.lines().map(|l| format!(" {l}").trim_end().to_owned()).collect();
    quote! { #( #[doc = #lines] )* }
}
