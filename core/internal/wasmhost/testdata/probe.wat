;; probe: a test node that exercises every ABI v1 path. What it does with an
;; input depends on the first payload byte of the frame (send text frames):
;;   'e' error via rm_last_error     't' trap (unreachable)
;;   'l' loop forever                'm' try to grow memory by 128 MiB
;;   'x' emit the input twice, return nothing
;;   'n' return nothing              'b' return an out-of-bounds output
;;   'g' return a garbage frame      'w' emit a garbage frame
;;   'p' write "probe panics" to stderr (WASI fd_write), then trap
;;   anything else: echo the input frame back.
;; rm_init fails when the params contain '!'. rm_flush returns text "flushed".
;; The export "live" counts rm_alloc calls minus rm_free calls.
;;
;; Rebuild (wabt from Debian): wat2wasm probe.wat -o probe.wasm
(module
  (import "remotemedia" "emit" (func $emit (param i32 i32)))
  (import "remotemedia" "log" (func $log (param i32 i32 i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)

  (data (i32.const 16) "init rejected params")            ;; 20 bytes
  (data (i32.const 48) "bad input: e")                    ;; 12 bytes
  (data (i32.const 64) "probe ready")                     ;; 11 bytes
  (data (i32.const 80) "\01\02\00\00\00\00\00\00flushed") ;; 15 bytes
  (data (i32.const 96) "zzzzzzzzzz")                      ;; 10 bytes
  (data (i32.const 112) "growing memory failed")          ;; 21 bytes
  (data (i32.const 136) "probe panics")                   ;; 12 bytes
  (data (i32.const 152) "\88\00\00\00\0c\00\00\00")  ;; iovec {136, 12}

  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))
  (global $freePtr (mut i32) (i32.const 0))
  (global $freeSize (mut i32) (i32.const 0))
  (global $err (mut i64) (i64.const 0))

  (func (export "rm_abi_version") (result i32) (i32.const 1))
  (func (export "live") (result i32) (global.get $live))

  ;; A bump allocator that reuses the largest freed block: enough for the
  ;; host's call pattern, and it grows memory on demand.
  (func $alloc (export "rm_alloc") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (if (i32.ge_u (global.get $freeSize) (local.get $size))
      (then
        (global.set $freeSize (i32.const 0))
        (return (global.get $freePtr))))
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

  (func (export "rm_free") (param $ptr i32) (param $size i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.gt_u (local.get $size) (global.get $freeSize))
      (then
        (global.set $freePtr (local.get $ptr))
        (global.set $freeSize (local.get $size)))))

  (func $pack (param $ptr i32) (param $len i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $ptr)) (i64.const 32)) (i64.extend_i32_u (local.get $len))))

  (func $fail (param $msg i32) (param $len i32) (result i64)
    (global.set $err (call $pack (local.get $msg) (local.get $len)))
    (i64.const 0xFFFFFFFF))

  (func $copy (param $src i32) (param $len i32) (result i64)
    (local $dst i32)
    (local.set $dst (call $alloc (local.get $len)))
    (memory.copy (local.get $dst) (local.get $src) (local.get $len))
    (call $pack (local.get $dst) (local.get $len)))

  (func (export "rm_last_error") (result i64) (global.get $err))

  (func (export "rm_init") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32)
    (block $done
      (loop $scan
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (if (i32.eq (i32.load8_u (i32.add (local.get $ptr) (local.get $i))) (i32.const 33)) ;; '!'
          (then
            (global.set $err (call $pack (i32.const 16) (i32.const 20)))
            (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (call $log (i32.const 1) (i32.const 64) (i32.const 11))
    (i32.const 0))

  (func (export "rm_process") (param $ptr i32) (param $len i32) (result i64)
    (local $op i32) (local $payload i32)
    (local.set $payload (i32.add (i32.add (local.get $ptr) (i32.const 8)) (i32.load (i32.add (local.get $ptr) (i32.const 4)))))
    (if (i32.lt_u (local.get $payload) (i32.add (local.get $ptr) (local.get $len)))
      (then (local.set $op (i32.load8_u (local.get $payload)))))
    (if (i32.eq (local.get $op) (i32.const 101)) ;; 'e'
      (then (return (call $fail (i32.const 48) (i32.const 12)))))
    (if (i32.eq (local.get $op) (i32.const 116)) ;; 't'
      (then unreachable))
    (if (i32.eq (local.get $op) (i32.const 112)) ;; 'p': fd 2, 1 iovec at 152, written count at 160
      (then
        (drop (call $fd_write (i32.const 2) (i32.const 152) (i32.const 1) (i32.const 160)))
        unreachable))
    (if (i32.eq (local.get $op) (i32.const 108)) ;; 'l'
      (then (loop $forever (br $forever))))
    (if (i32.eq (local.get $op) (i32.const 109)) ;; 'm'
      (then
        (if (i32.eq (memory.grow (i32.const 2048)) (i32.const -1))
          (then (return (call $fail (i32.const 112) (i32.const 21)))))))
    (if (i32.eq (local.get $op) (i32.const 120)) ;; 'x'
      (then
        (call $emit (local.get $ptr) (local.get $len))
        (call $emit (local.get $ptr) (local.get $len))
        (return (i64.const 0))))
    (if (i32.eq (local.get $op) (i32.const 110)) ;; 'n'
      (then (return (i64.const 0))))
    (if (i32.eq (local.get $op) (i32.const 98)) ;; 'b'
      (then (return (call $pack (i32.const 0xFFFFFF00) (i32.const 100)))))
    (if (i32.eq (local.get $op) (i32.const 103)) ;; 'g'
      (then (return (call $copy (i32.const 96) (i32.const 10)))))
    (if (i32.eq (local.get $op) (i32.const 119)) ;; 'w'
      (then (call $emit (i32.const 96) (i32.const 10))))
    (call $copy (local.get $ptr) (local.get $len)))

  (func (export "rm_flush") (result i64)
    (call $copy (i32.const 80) (i32.const 15)))
)
