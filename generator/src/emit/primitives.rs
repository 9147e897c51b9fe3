//! `primitives`: the runtime's support types the generated shapes use, re-exported (the text
//! timestamp formats, blobs and streams only when the closure has them).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Crate;

pub fn primitives_rs(krate: &Crate, root: &TokenStream) -> TokenStream {
    let text = if krate.features.timestamp_text {
        quote! {
            pub use #root::timestamp_text::{date_time, http_date, DateTimeText, HttpDateText};
            #[doc(hidden)]
            pub use #root::timestamp_text::{nested, parse_date_time_text, parse_http_date_text};
        }
    } else {
        quote! {}
    };
    let blobs = if krate.features.blobs {
        quote! {
            pub use #root::blob::Blob;
            #[doc(hidden)]
            pub use #root::blob::{decode_media_type, encode_media_type};
        }
    } else {
        quote! {}
    };
    let streams = if krate.features.streams {
        quote! { pub use #root::byte_stream::{ByteStream, StreamError}; }
    } else {
        quote! {}
    };
    quote! {
        //! Support types shared by the generated shapes: unknown enum and union values, the empty
        //! object of unit union members, timestamps and blobs (from the shared runtime).

        pub use #root::primitives::*;
        #text
        #blobs
        #streams
    }
}
