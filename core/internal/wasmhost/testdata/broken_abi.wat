;; broken_abi: breaks the ABI four ways at once, to check that loading
;; reports every problem: rm_process returns i32, rm_alloc is missing, no
;; memory is exported, and it imports a function the host does not provide.
;;
;; Rebuild (wabt from Debian): wat2wasm broken_abi.wat -o broken_abi.wasm
(module
  (import "env" "now" (func $now (result i64)))
  (memory 1)
  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_free") (param i32 i32))
  (func (export "rm_process") (param i32 i32) (result i32) (i32.const 0))
)
