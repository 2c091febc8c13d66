;; gain.wat: an audio gain node written by hand from docs/WASM_ABI.md alone,
;; to show the ABI needs no SDK. Params: {"gain": <plain decimal>} (default
;; 1), e.g. {"gain": 0.5} or {"gain": -2}. It multiplies every sample of an
;; audio frame with SIMD (64 samples per loop, then 4, then 1) and keeps the
;; frame's meta.
;;
;; It keeps its outputs (rm_keeps_output returns 1): one output buffer,
;; reused by every call, which the host copies and never frees. Its
;; allocator is a demo, a bump pointer plus one reusable freed block: all the
;; host's call pattern needs (the host keeps one input buffer and only frees
;; it to get a bigger one).
;;
;; Rebuild (wabt from Debian, from the repository root; make wasm-fixtures):
;;   wat2wasm examples/wasm/gain_wat/gain.wat -o examples/wasm/gain_wat/gain.wasm
(module
  (memory (export "memory") 1)

  (data (i32.const 16) "gain: expected an audio frame")      ;; 29 bytes
  (data (i32.const 48) "gain: param gain must be a plain decimal number") ;; 47 bytes
  (data (i32.const 112) "gain: out of memory")               ;; 19 bytes

  (global $heap (mut i32) (i32.const 1024))
  (global $freePtr (mut i32) (i32.const 0))
  (global $freeSize (mut i32) (i32.const 0))
  (global $gain (mut f32) (f32.const 1))
  (global $err (mut i64) (i64.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $outCap (mut i32) (i32.const 0))

  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "rm_keeps_output") (result i32) (i32.const 1))

  (func $alloc (export "rm_alloc") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (if (i32.ge_u (global.get $freeSize) (local.get $size))
      (then
        (global.set $freeSize (i32.const 0))
        (return (global.get $freePtr))))
    (local.set $ptr (global.get $heap))
    (local.set $end (i32.and (i32.add (i32.add (local.get $ptr) (local.get $size)) (i32.const 15)) (i32.const -16)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)) (memory.size)))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap (local.get $end))
    (local.get $ptr))

  ;; Keep the largest freed block for reuse.
  (func $free (export "rm_free") (param $ptr i32) (param $size i32)
    (if (i32.gt_u (local.get $size) (global.get $freeSize))
      (then
        (global.set $freePtr (local.get $ptr))
        (global.set $freeSize (local.get $size)))))

  (func $pack (param $ptr i32) (param $len i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32)) (i64.extend_i32_u (local.get $len))))

  (func $fail (param $msg i32) (param $len i32) (result i64)
    (global.set $err (call $pack (local.get $msg) (local.get $len)))
    (i64.const 0xFFFFFFFF))

  (func (export "rm_last_error") (result i64) (global.get $err))

  ;; rm_init finds "gain" and parses [-]digits[.digits] after the colon.
  (func (export "rm_init") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $end i32) (local $c i32)
    (local $neg i32) (local $digits i32) (local $value f64) (local $scale f64)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (local.set $i (local.get $ptr))
    ;; find the 6 bytes "gain" (with quotes), i.e. 0x22 g a i n 0x22
    (block $found
      (loop $scan
        (if (i32.gt_u (i32.add (local.get $i) (i32.const 6)) (local.get $end))
          (then (return (i32.const 0)))) ;; no gain param: keep 1
        (br_if $found
          (i32.and
            (i32.eq (i32.load align=1 (local.get $i)) (i32.const 0x69616722))            ;; "gai
            (i32.eq (i32.load16_u offset=4 align=1 (local.get $i)) (i32.const 0x226e)))) ;; n"
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (local.set $i (i32.add (local.get $i) (i32.const 6)))
    ;; skip spaces and the colon
    (block $value_start
      (loop $skip
        (br_if $value_start (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $value_start
          (i32.and (i32.ne (local.get $c) (i32.const 58)) (i32.ne (local.get $c) (i32.const 32))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $skip)))
    (if (i32.and (i32.lt_u (local.get $i) (local.get $end)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 45))) ;; '-'
      (then
        (local.set $neg (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (local.set $scale (f64.const 0))
    (block $number_end
      (loop $digit
        (br_if $number_end (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.and (i32.eq (local.get $c) (i32.const 46)) (f64.eq (local.get $scale) (f64.const 0))) ;; first '.'
          (then
            (local.set $scale (f64.const 1))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $digit)))
        (br_if $number_end (i32.gt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)))
        (local.set $value (f64.add (f64.mul (local.get $value) (f64.const 10)) (f64.convert_i32_u (i32.sub (local.get $c) (i32.const 48)))))
        (if (f64.ne (local.get $scale) (f64.const 0))
          (then (local.set $scale (f64.mul (local.get $scale) (f64.const 10)))))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $digit)))
    ;; a number must have digits and end at ',', '}' or a space
    (if (i32.eqz (local.get $digits))
      (then
        (global.set $err (call $pack (i32.const 48) (i32.const 47)))
        (return (i32.const 1))))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.and (i32.ne (local.get $c) (i32.const 44))
              (i32.and (i32.ne (local.get $c) (i32.const 125)) (i32.ne (local.get $c) (i32.const 32))))
          (then
            (global.set $err (call $pack (i32.const 48) (i32.const 47)))
            (return (i32.const 1))))))
    (if (f64.gt (local.get $scale) (f64.const 0))
      (then (local.set $value (f64.div (local.get $value) (local.get $scale)))))
    (if (local.get $neg)
      (then (local.set $value (f64.neg (local.get $value)))))
    (global.set $gain (f32.demote_f64 (local.get $value)))
    (i32.const 0))

  ;; rm_process: copy header and meta, then write the scaled samples.
  (func (export "rm_process") (param $ptr i32) (param $len i32) (result i64)
    (local $out i32) (local $head i32) (local $i i32) (local $n i32) (local $g v128)
    (if (i32.ne (i32.load8_u offset=1 (local.get $ptr)) (i32.const 4))
      (then (return (call $fail (i32.const 16) (i32.const 29)))))
    (if (i32.gt_u (local.get $len) (global.get $outCap))
      (then
        (if (global.get $outCap)
          (then (call $free (global.get $out) (global.get $outCap))))
        (global.set $outCap (i32.const 0))
        (global.set $out (call $alloc (local.get $len)))
        (if (i32.eqz (global.get $out))
          (then (return (call $fail (i32.const 112) (i32.const 19)))))
        (global.set $outCap (local.get $len))))
    (local.set $out (global.get $out))
    (local.set $head (i32.add (i32.const 8) (i32.load offset=4 (local.get $ptr))))
    (memory.copy (local.get $out) (local.get $ptr) (local.get $head))
    (local.set $i (local.get $head))
    (local.set $g (f32x4.splat (global.get $gain)))
    ;; 64 samples per iteration: a sandboxing host checks for termination
    ;; at every loop iteration (a call out of the guest), so fewer, longer
    ;; iterations cost less.
    (local.set $n (i32.sub (local.get $len) (i32.const 255)))
    (block $wide_done
      (loop $wide
        (br_if $wide_done (i32.ge_s (local.get $i) (local.get $n)))
        (v128.store align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=16 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=16 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=32 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=32 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=48 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=48 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=64 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=64 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=80 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=80 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=96 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=96 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=112 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=112 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=128 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=128 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=144 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=144 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=160 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=160 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=176 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=176 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=192 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=192 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=208 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=208 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=224 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=224 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (v128.store offset=240 align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load offset=240 align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (local.set $i (i32.add (local.get $i) (i32.const 256)))
        (br $wide)))
    (local.set $n (i32.sub (local.get $len) (i32.const 15)))
    (block $simd_done
      (loop $simd
        (br_if $simd_done (i32.ge_s (local.get $i) (local.get $n)))
        (v128.store align=1 (i32.add (local.get $out) (local.get $i))
          (f32x4.mul (v128.load align=1 (i32.add (local.get $ptr) (local.get $i))) (local.get $g)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $simd)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 3)) (local.get $len)))
        (f32.store align=1 (i32.add (local.get $out) (local.get $i))
          (f32.mul (f32.load align=1 (i32.add (local.get $ptr) (local.get $i))) (global.get $gain)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail)))
    (call $pack (local.get $out) (local.get $len)))
)
