;; abi_v2: a well-formed module that claims an ABI version this host does
;; not speak.
;;
;; Rebuild (wabt from Debian): wat2wasm abi_v2.wat -o abi_v2.wasm
(module
  (memory (export "memory") 1)
  (func (export "rm_abi_version") (result i32) (i32.const 2))
  (func (export "rm_alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "rm_free") (param i32 i32))
  (func (export "rm_process") (param i32 i32) (result i64) (i64.const 0))
)
