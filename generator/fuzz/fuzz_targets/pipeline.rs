//! The whole pipeline (load, select, lower, emit, format, endpoint rules) on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = generator::Model::from_json(data) {
        let _ = generator::generate(&model, &generator::Config::default());
    }
});
