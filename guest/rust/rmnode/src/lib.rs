//! rmnode writes RemoteMedia WASM nodes in Rust. It implements WASM ABI v1
//! (docs/WASM_ABI.md): implement [`Node`], name the type with
//! [`export_node!`], and build a `cdylib` for `wasm32-unknown-unknown`:
//!
//! ```text
//! rustc --edition 2021 --crate-type cdylib --target wasm32-unknown-unknown \
//!   -C opt-level=3 -C panic=abort -C target-feature=+simd128,+bulk-memory \
//!   --extern rmnode=librmnode.rlib mynode.rs -o mynode.wasm
//! ```
//!
//! The module exports every ABI function and keeps its outputs
//! (`rm_keeps_output`), so a frame costs one guest call. Frames are read in
//! place; audio samples are copied once into aligned memory, with
//! `memory.copy`, since a sandboxed host checks its deadline at every loop
//! iteration of guest code (see docs/WASM_RUST.md).

mod frame;
mod json;
mod output;

pub use frame::{audio_meta, Audio, Frame, Kind};
pub use json::Value;
pub use output::{encode, sample_bytes, Level, Output};
#[cfg(target_arch = "wasm32")]
pub use output::{emit, log};

/// A node. The host builds one per pipeline node and never calls it
/// concurrently.
pub trait Node: Sized {
    /// Builds the node from the manifest's params object (`{}` when none).
    fn new(params: &Value) -> Result<Self, String>;

    /// Processes one input frame. Write at most one result into `out`
    /// (none means no output); [`emit`] sends more.
    fn process(&mut self, input: &Frame, out: &mut Output) -> Result<(), String>;

    /// Called once at end of stream.
    fn flush(&mut self, _out: &mut Output) -> Result<(), String> {
        Ok(())
    }
}

/// The ABI's "error" length in a packed result.
const FAILED: i64 = 0xFFFF_FFFF;

fn pack(ptr: usize, len: usize) -> i64 {
    ((ptr as i64) << 32) | len as i64
}

/// The state behind the exports of one module. Used by [`export_node!`].
#[doc(hidden)]
pub struct Runtime<T> {
    node: Option<T>,
    out: Output,
    samples: Vec<f32>,
    err: String,
}

impl<T> Runtime<T> {
    pub const fn new() -> Runtime<T> {
        Runtime { node: None, out: Output::new(), samples: Vec::new(), err: String::new() }
    }
}

impl<T: Node> Runtime<T> {
    fn fail(&mut self, err: String) -> i64 {
        self.err = err;
        FAILED
    }

    fn result(&mut self, r: Result<(), String>) -> i64 {
        match r {
            Ok(()) => match self.out.take() {
                Some((ptr, len)) => pack(ptr, len),
                None => 0,
            },
            Err(e) => {
                self.out.take();
                self.fail(e)
            }
        }
    }

    /// rm_init: builds the node from the params.
    ///
    /// # Safety
    /// `ptr` and `len` must describe readable memory, as the host's do.
    pub unsafe fn init(&mut self, ptr: usize, len: usize) -> i32 {
        #[cfg(target_arch = "wasm32")]
        std::panic::set_hook(Box::new(|info| log(Level::Error, &info.to_string())));
        let params = core::slice::from_raw_parts(ptr as *const u8, len);
        match Value::parse(params).and_then(|p| T::new(&p)) {
            Ok(n) => {
                self.node = Some(n);
                0
            }
            Err(e) => {
                self.err = e;
                1
            }
        }
    }

    /// rm_process.
    ///
    /// # Safety
    /// As [`Runtime::init`].
    pub unsafe fn process(&mut self, ptr: usize, len: usize) -> i64 {
        let bytes = core::slice::from_raw_parts(ptr as *const u8, len);
        let (kind, meta, payload) = match Frame::decode(bytes) {
            Ok(parts) => parts,
            Err(e) => return self.fail(e),
        };
        if kind == Kind::Audio {
            if payload.len() % 4 != 0 {
                return self.fail(format!("audio payload of {} bytes is not whole f32 samples", payload.len()));
            }
            // One memory.copy into aligned memory: the payload follows the
            // meta, so it is rarely 4-byte aligned in the input buffer.
            let n = payload.len() / 4;
            self.samples.clear();
            if self.samples.try_reserve(n).is_err() {
                return self.fail(format!("out of memory for {} samples", n));
            }
            core::ptr::copy_nonoverlapping(payload.as_ptr(), self.samples.as_mut_ptr() as *mut u8, payload.len());
            self.samples.set_len(n);
        }
        let node = match self.node.as_mut() {
            Some(n) => n,
            None => return self.fail(String::from("rm_process before rm_init")),
        };
        let samples: &[f32] = if kind == Kind::Audio { &self.samples } else { &[] };
        let r = node.process(&Frame::new(kind, meta, payload, samples), &mut self.out);
        self.result(r)
    }

    /// rm_flush.
    pub fn flush(&mut self) -> i64 {
        let r = match self.node.as_mut() {
            Some(n) => n.flush(&mut self.out),
            None => Ok(()),
        };
        self.result(r)
    }

    /// rm_last_error.
    pub fn last_error(&self) -> i64 {
        pack(self.err.as_ptr() as usize, self.err.len())
    }
}

/// The alignment of every block rm_alloc hands out.
const ALLOC_ALIGN: usize = 8;

/// rm_alloc: a block from Rust's allocator, or 0.
#[doc(hidden)]
pub fn alloc(size: usize) -> usize {
    match std::alloc::Layout::from_size_align(size.max(1), ALLOC_ALIGN) {
        Ok(layout) => unsafe { std::alloc::alloc(layout) as usize },
        Err(_) => 0,
    }
}

/// rm_free.
///
/// # Safety
/// `ptr` must come from [`alloc`] with the same `size`.
#[doc(hidden)]
pub unsafe fn free(ptr: usize, size: usize) {
    if ptr != 0 {
        std::alloc::dealloc(ptr as *mut u8, std::alloc::Layout::from_size_align_unchecked(size.max(1), ALLOC_ALIGN));
    }
}

/// Exports the ABI functions for the node type `$t`. Use it once per module.
#[macro_export]
macro_rules! export_node {
    ($t:ty) => {
        // The host never calls a module concurrently, and wasm32 here has one thread.
        static mut RM_RUNTIME: $crate::Runtime<$t> = $crate::Runtime::new();

        #[no_mangle]
        pub extern "C" fn rm_abi_version() -> i32 {
            1
        }
        #[no_mangle]
        pub extern "C" fn rm_keeps_output() -> i32 {
            1
        }
        #[no_mangle]
        pub extern "C" fn rm_alloc(size: usize) -> usize {
            $crate::alloc(size)
        }
        #[no_mangle]
        pub unsafe extern "C" fn rm_free(ptr: usize, size: usize) {
            $crate::free(ptr, size)
        }
        #[no_mangle]
        pub unsafe extern "C" fn rm_init(ptr: usize, len: usize) -> i32 {
            RM_RUNTIME.init(ptr, len)
        }
        #[no_mangle]
        pub unsafe extern "C" fn rm_process(ptr: usize, len: usize) -> i64 {
            RM_RUNTIME.process(ptr, len)
        }
        #[no_mangle]
        pub unsafe extern "C" fn rm_flush() -> i64 {
            RM_RUNTIME.flush()
        }
        #[no_mangle]
        pub unsafe extern "C" fn rm_last_error() -> i64 {
            RM_RUNTIME.last_error()
        }
    };
}
