;; start_emit: a reactor whose _initialize calls emit, which is only allowed
;; during rm_process and rm_flush. Instantiating it must fail saying so.
;;
;; Rebuild (wabt from Debian): wat2wasm start_emit.wat -o start_emit.wasm
(module
  (import "remotemedia" "emit" (func $emit (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "_initialize") (call $emit (i32.const 0) (i32.const 8)))
  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "rm_free") (param i32 i32))
  (func (export "rm_process") (param i32 i32) (result i64) (i64.const 0))
)
