;; big_memory: asks for 128 MiB of initial memory, over the default 64 MiB
;; limit, so instantiating it must fail.
;;
;; Rebuild (wabt from Debian): wat2wasm big_memory.wat -o big_memory.wasm
(module
  (memory (export "memory") 2048)
  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "rm_free") (param i32 i32))
  (func (export "rm_process") (param i32 i32) (result i64) (i64.const 0))
)
