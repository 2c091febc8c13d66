;; driver: the resident call of a sandboxed instance (resident.go). Its run
;; export is called once and loops: it asks the host for the next operation
;; (step), calls the guest export, and hands back the result with the next
;; step. So the host pays wazero's per-call cost (a watcher goroutine) once
;; per instance, not once per frame.
;;
;; Rebuild (wabt from Debian): wat2wasm driver.wat -o driver.wasm
(module
  (import "remotemedia_driver" "step" (func $step (param i64) (result i32 i32 i32)))
  (import "rm_guest" "rm_process" (func $process (param i32 i32) (result i64)))
  (import "rm_guest" "rm_alloc" (func $alloc (param i32) (result i32)))
  (import "rm_guest" "rm_free" (func $free (param i32 i32)))

  ;; Operations, as in resident.go: 0 return, 1 rm_process, 2 rm_alloc, 3 rm_free.
  (func (export "run")
    (local $op i32) (local $a i32) (local $b i32) (local $result i64)
    (loop $next
      (call $step (local.get $result))
      (local.set $b)
      (local.set $a)
      (local.set $op)
      (block $return
        (block $free
          (block $alloc
            (block $process
              (br_table $return $process $alloc $free $return (local.get $op)))
            (local.set $result (call $process (local.get $a) (local.get $b)))
            (br $next))
          (local.set $result (i64.extend_i32_u (call $alloc (local.get $a))))
          (br $next))
        (call $free (local.get $a) (local.get $b))
        (local.set $result (i64.const 0))
        (br $next))))
)
