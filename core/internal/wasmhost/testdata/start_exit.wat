;; start_exit: a reactor whose _initialize calls WASI proc_exit(3).
;; Instantiating it must fail naming the exit and its code.
;;
;; Rebuild (wabt from Debian): wat2wasm start_exit.wat -o start_exit.wasm
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_initialize") (call $exit (i32.const 3)))
  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "rm_free") (param i32 i32))
  (func (export "rm_process") (param i32 i32) (result i64) (i64.const 0))
)
