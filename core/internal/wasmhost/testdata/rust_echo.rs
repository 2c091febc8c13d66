//! rust_echo: the smallest Rust guest (guest/rust/rmnode), the Rust twin of
//! echo.wat: every frame comes back unchanged. BenchmarkCall times it.
//!
//! Rebuild the checked-in rust_echo.wasm from the repository root: `make wasm-rust`.

use rmnode::{Frame, Node, Output, Value};

struct Echo;

impl Node for Echo {
    fn new(_: &Value) -> Result<Echo, String> {
        Ok(Echo)
    }

    fn process(&mut self, input: &Frame, out: &mut Output) -> Result<(), String> {
        out.frame_of(input.kind(), input.meta(), input.payload());
        Ok(())
    }
}

rmnode::export_node!(Echo);
