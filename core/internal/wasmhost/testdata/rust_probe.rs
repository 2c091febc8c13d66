//! rust_probe: a Rust guest (guest/rust/rmnode) for the host's sandbox
//! tests. Text inputs: "spin" loops forever, "grow N" allocates and touches
//! N MiB, "panic" panics, anything else comes back unchanged.
//!
//! Rebuild the checked-in rust_probe.wasm from the repository root: `make wasm-rust`.

use rmnode::{Frame, Node, Output, Value};

struct Probe {
    kept: Vec<Vec<u8>>,
}

static SPIN: u32 = 0;

impl Node for Probe {
    fn new(_: &Value) -> Result<Probe, String> {
        Ok(Probe { kept: Vec::new() })
    }

    fn process(&mut self, input: &Frame, out: &mut Output) -> Result<(), String> {
        let text = input.text()?;
        if text == "spin" {
            // A volatile read each time round, so the loop cannot be optimised away.
            while unsafe { core::ptr::read_volatile(&SPIN) } == 0 {}
        }
        if text == "panic" {
            panic!("probe panicked on purpose");
        }
        if let Some(mib) = text.strip_prefix("grow ") {
            let mib: usize = mib.parse().map_err(|_| format!("bad size {:?}", mib))?;
            let mut block = Vec::new();
            block.try_reserve_exact(mib << 20).map_err(|_| format!("could not allocate {} MiB", mib))?;
            block.resize(mib << 20, 1);
            self.kept.push(block);
        }
        out.text(input.meta(), text);
        Ok(())
    }
}

rmnode::export_node!(Probe);
