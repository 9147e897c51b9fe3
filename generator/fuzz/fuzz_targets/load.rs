//! Model loading on arbitrary bytes: an error or a model, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = generator::Model::from_json(data);
});
