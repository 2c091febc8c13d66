;; say: a hostile-text node. rm_process logs the payload of its input frame
;; (level 3, error), then, if the payload starts with 'E', fails with the
;; payload as its rm_last_error message; otherwise it returns nothing. Tests
;; send escape sequences, newlines, invalid UTF-8 and huge messages through
;; it.
;;
;; Rebuild (wabt from Debian): wat2wasm say.wat -o say.wasm
(module
  (import "remotemedia" "log" (func $log (param i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (global $err (mut i64) (i64.const 0))

  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_last_error") (result i64) (global.get $err))
  (func (export "rm_free") (param i32 i32))

  ;; Bump allocation, growing memory as needed.
  (func (export "rm_alloc") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (global.get $heap))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)) (memory.size)))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap (local.get $end))
    (local.get $ptr))

  (func (export "rm_process") (param $ptr i32) (param $len i32) (result i64)
    (local $payload i32) (local $n i32)
    (local.set $payload (i32.add (i32.add (local.get $ptr) (i32.const 8)) (i32.load (i32.add (local.get $ptr) (i32.const 4)))))
    (local.set $n (i32.sub (i32.add (local.get $ptr) (local.get $len)) (local.get $payload)))
    (call $log (i32.const 3) (local.get $payload) (local.get $n))
    (if (i32.and (i32.gt_u (local.get $n) (i32.const 0)) (i32.eq (i32.load8_u (local.get $payload)) (i32.const 69))) ;; 'E'
      (then
        (global.set $err (i64.or (i64.shl (i64.extend_i32_u (local.get $payload)) (i64.const 32)) (i64.extend_i32_u (local.get $n))))
        (return (i64.const 0xFFFFFFFF))))
    (i64.const 0))
)
