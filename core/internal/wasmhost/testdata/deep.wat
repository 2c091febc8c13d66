;; deep: a hostile guest whose rm_process and rm_flush recurse until wazero
;; reports a stack overflow. wazero grows the call stack (Go memory, not
;; linear memory) to about 84 MB first, whatever the memory limit; the
;; host counts that in the pipeline's budget (callstack.go).
;;
;; Rebuild (wabt from Debian): wat2wasm deep.wat -o deep.wasm
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))

  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_alloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "rm_free") (param i32 i32))

  ;; Not a tail call: the addition after the call keeps every frame.
  (func $down (param $n i64) (result i64)
    (i64.add (call $down (i64.add (local.get $n) (i64.const 1))) (i64.const 1)))

  (func (export "rm_process") (param i32 i32) (result i64)
    (call $down (i64.const 0)))
  (func (export "rm_flush") (result i64)
    (call $down (i64.const 0)))
)
