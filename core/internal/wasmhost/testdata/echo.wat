;; echo: the smallest useful node, for the per-call benchmark. It returns a
;; copy of each input frame and keeps its output (rm_keeps_output), so the
;; host makes one guest call per frame. The export "frees" counts rm_free
;; calls.
;;
;; Rebuild (wabt from Debian): wat2wasm echo.wat -o echo.wasm
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (global $out (mut i32) (i32.const 0))
  (global $outCap (mut i32) (i32.const 0))
  (global $frees (mut i32) (i32.const 0))

  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_keeps_output") (result i32) (i32.const 1))
  (func (export "frees") (result i32) (global.get $frees))

  ;; Bump allocation, growing memory as needed; never reuses memory.
  (func $alloc (export "rm_alloc") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (global.get $heap))
    (local.set $end (i32.and (i32.add (i32.add (local.get $ptr) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)) (memory.size)))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap (local.get $end))
    (local.get $ptr))

  (func (export "rm_free") (param i32 i32)
    (global.set $frees (i32.add (global.get $frees) (i32.const 1))))

  (func (export "rm_process") (param $ptr i32) (param $len i32) (result i64)
    (if (i32.gt_u (local.get $len) (global.get $outCap))
      (then
        (global.set $out (call $alloc (local.get $len)))
        (global.set $outCap (local.get $len))))
    (memory.copy (global.get $out) (local.get $ptr) (local.get $len))
    (i64.or (i64.shl (i64.extend_i32_u (global.get $out)) (i64.const 32)) (i64.extend_i32_u (local.get $len))))
)
