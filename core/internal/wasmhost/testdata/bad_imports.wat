;; bad_imports: WASI imports the host cannot satisfy, one with the wrong
;; type and one that WASI preview 1 does not define, plus a memory import.
;; Compile (and so package validate) must list all three.
;;
;; Rebuild (wabt from Debian): wat2wasm bad_imports.wat -o bad_imports.wasm
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "no_such_call" (func))
  (import "remotemedia" "memory" (memory 1))
  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "rm_free") (param i32 i32))
  (func (export "rm_process") (param i32 i32) (result i64) (i64.const 0))
)
