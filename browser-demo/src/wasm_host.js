// WASM nodes in the browser: the same guest ABI v1 the wazero host speaks
// (docs/WASM_ABI.md, core/internal/wasmhost), on WebAssembly.instantiate.
// Frames cross as wire v1 bytes copied into and out of guest memory.
const ABI_VERSION = 1;
const ERROR_LEN = 0xffffffff;
const MIN_INPUT_BUFFER = 1024;
const WASI = 'wasi_snapshot_preview1';
const HOST = 'remotemedia';

const REQUIRED_EXPORTS = ['rm_abi_version', 'rm_alloc', 'rm_free', 'rm_process'];

const decoder = new TextDecoder();

class GuestFailure extends Error {}

// createWasmHost serves one run with the modules of one package
// (Map name -> Uint8Array).
export function createWasmHost(modules) {
  const compiled = new Map();
  return {
    // compileAll compiles and checks every module of the package before the
    // run, so a broken module is a package error before any input.
    async compileAll() {
      for (const [name, bytes] of modules) {
        let module;
        try {
          module = await WebAssembly.compile(bytes);
        } catch (err) {
          throw Object.assign(new Error(`nodes/${name}.wasm: compile: ${err.message}`), { code: 'package', exit: 2 });
        }
        const problems = checkABI(module);
        if (problems.length > 0) {
          throw Object.assign(new Error(`nodes/${name}.wasm: ${problems.join('; ')}`), { code: 'package', exit: 2 });
        }
        compiled.set(name, module);
      }
    },
    async prepare(names) {
      // Names without a module stay unregistered: the engine reports them.
      return Object.fromEntries(names.filter((n) => compiled.has(n)).map((n) => [n, {}]));
    },
    create(name, paramsJSON) {
      try {
        return { node: new Instance(name, compiled.get(name), paramsJSON) };
      } catch (err) {
        return { error: err.message };
      }
    },
    call(inst, op, frame) {
      try {
        return inst.call(op, frame);
      } catch (err) {
        return { error: err.message };
      }
    },
    disposeNode() {},
    dispose() {
      compiled.clear();
    },
  };
}

function checkABI(module) {
  const problems = [];
  const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  for (const name of REQUIRED_EXPORTS) {
    if (exports.get(name) !== 'function') problems.push(`missing export ${name}`);
  }
  if (exports.get('memory') !== 'memory') problems.push('missing export memory (the guest\'s linear memory)');
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === HOST && !['log', 'emit'].includes(imp.name)) {
      problems.push(`imports ${imp.module}.${imp.name}, which the host does not provide (it provides log and emit)`);
    } else if (imp.module !== HOST && imp.module !== WASI) {
      problems.push(`imports ${imp.module}.${imp.name}; only ${HOST} and ${WASI} imports are allowed`);
    }
  }
  return problems;
}

// Instance is one node's guest instance, with the reusable input buffer and
// the frames emitted during the current call.
class Instance {
  constructor(name, module, paramsJSON) {
    this.name = name;
    this.output = ''; // guest stdout/stderr, shown when it traps
    this.emitted = null;
    this.inPtr = 0;
    this.inCap = 0;
    this.params = new TextEncoder().encode(paramsJSON || '{}');
    const imports = { [HOST]: this.hostImports(), [WASI]: wasiImports(this) };
    this.instance = new WebAssembly.Instance(module, imports);
    this.exports = this.instance.exports;
    if (this.exports._initialize) this.guard('instantiate', () => this.exports._initialize());
    const version = this.guard('rm_abi_version', () => this.exports.rm_abi_version());
    if (version !== ABI_VERSION) {
      throw new Error(`wasm:${name}: rm_abi_version returned ${version}; this host speaks ABI v${ABI_VERSION}`);
    }
  }

  get memory() {
    return new Uint8Array(this.exports.memory.buffer);
  }

  hostImports() {
    return {
      emit: (ptr, len) => {
        if (!this.emitted) throw new GuestFailure('remotemedia.emit is only allowed during rm_process and rm_flush');
        this.emitted.push(this.read(ptr >>> 0, len >>> 0, 'emit'));
      },
      log: (level, ptr, len) => {
        const text = decoder.decode(this.read(ptr >>> 0, len >>> 0, 'log'));
        const fn = level <= 0 ? console.debug : level === 1 ? console.info : level === 2 ? console.warn : console.error;
        fn(`[wasm:${this.name}] ${text}`);
      },
    };
  }

  read(ptr, len, what) {
    if (ptr + len > this.exports.memory.buffer.byteLength) {
      throw new GuestFailure(`${what}: ${len} bytes at ${ptr} are outside guest memory`);
    }
    return this.memory.slice(ptr, ptr + len);
  }

  // guard runs a guest call, turning traps into errors named after it.
  guard(fn, thunk) {
    try {
      return thunk();
    } catch (err) {
      if (err instanceof GuestFailure) throw new Error(`wasm:${this.name}: ${fn}: ${err.message}`);
      let msg = `wasm:${this.name}: ${fn} trapped: ${err.message}`;
      const out = this.output.trim();
      this.output = '';
      if (out) msg += `; guest output: ${out}`;
      throw new Error(msg);
    }
  }

  call(op, frame) {
    switch (op) {
      case 'init':
        this.init();
        return null;
      case 'process':
        this.ensureInit();
        return this.run('rm_process', () => {
          const ptr = this.writeInput(frame);
          return this.exports.rm_process(ptr, frame.length);
        });
      case 'flush':
        this.ensureInit();
        if (!this.exports.rm_flush) return null;
        return this.run('rm_flush', () => this.exports.rm_flush());
      case 'close':
        this.instance = null;
        this.exports = null;
        return null;
      default:
        throw new Error(`unknown op ${op}`);
    }
  }

  ensureInit() {
    if (!this.inited) this.init();
  }

  init() {
    this.inited = true;
    const params = this.params;
    if (!this.exports.rm_init) {
      if (params.length > 0 && decoder.decode(params) !== '{}') {
        throw new Error(`wasm:${this.name}: params ${decoder.decode(params)} given, but the module exports no rm_init to receive them`);
      }
      return;
    }
    const status = this.guard('rm_init', () => this.exports.rm_init(this.writeInput(params), params.length));
    if (status !== 0) throw new Error(this.guestError('rm_init', `status ${status}`));
  }

  // run calls rm_process or rm_flush and returns a frame batch: the frames
  // emitted during the call, then the one it returned.
  run(fn, thunk) {
    const emitted = [];
    this.emitted = emitted;
    let result;
    try {
      result = this.guard(fn, thunk);
    } finally {
      this.emitted = null;
    }
    const ptr = Number(BigInt.asUintN(64, result) >> 32n);
    const len = Number(BigInt.asUintN(32, result));
    if (len === ERROR_LEN) throw new Error(this.guestError(fn, ''));
    if (len > 0) {
      emitted.push(this.read(ptr, len, fn));
      this.guard('rm_free', () => this.exports.rm_free(ptr, len));
    }
    return batch(emitted);
  }

  writeInput(data) {
    if (data.length > this.inCap) {
      if (this.inCap > 0) {
        const [p, c] = [this.inPtr, this.inCap];
        this.inPtr = 0;
        this.inCap = 0;
        this.guard('rm_free', () => this.exports.rm_free(p, c));
      }
      const size = Math.max(data.length + Math.floor(data.length / 4), MIN_INPUT_BUFFER);
      const ptr = this.guard('rm_alloc', () => this.exports.rm_alloc(size)) >>> 0;
      if (ptr === 0) throw new Error(`wasm:${this.name}: rm_alloc(${size}) returned 0: out of guest memory`);
      this.inPtr = ptr;
      this.inCap = size;
    }
    if (this.inPtr + data.length > this.exports.memory.buffer.byteLength) {
      throw new Error(`wasm:${this.name}: rm_alloc returned ${this.inPtr}, but ${data.length} bytes there are outside guest memory`);
    }
    this.memory.set(data, this.inPtr);
    return this.inPtr;
  }

  guestError(fn, fallback) {
    let msg = fallback;
    if (this.exports.rm_last_error) {
      const res = this.guard('rm_last_error', () => this.exports.rm_last_error());
      const ptr = Number(BigInt.asUintN(64, res) >> 32n);
      const len = Number(BigInt.asUintN(32, res));
      if (len > 0) msg = decoder.decode(this.read(ptr, len, 'rm_last_error'));
    } else {
      msg = `failed (${fallback || 'no rm_last_error export'})`;
    }
    return `wasm:${this.name}: ${fn}: ${msg || 'failed without a message'}`;
  }
}

function batch(frames) {
  let size = 0;
  for (const f of frames) size += 4 + f.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const f of frames) {
    view.setUint32(at, f.length, true);
    out.set(f, at + 4);
    at += 4 + f.length;
  }
  return out;
}

// wasiImports is a sandboxed WASI preview 1 like the wazero host's: no
// files, no environment, no arguments; stdout and stderr are kept to
// explain traps; clocks and randomness come from the browser.
function wasiImports(inst) {
  const ERRNO_SUCCESS = 0;
  const ERRNO_BADF = 8;
  const ERRNO_NOSYS = 52;
  const mem = () => new DataView(inst.exports.memory.buffer);
  const impl = {
    args_sizes_get: (argc, bufSize) => { mem().setUint32(argc, 0, true); mem().setUint32(bufSize, 0, true); return 0; },
    args_get: () => ERRNO_SUCCESS,
    environ_sizes_get: (count, bufSize) => { mem().setUint32(count, 0, true); mem().setUint32(bufSize, 0, true); return 0; },
    environ_get: () => ERRNO_SUCCESS,
    clock_res_get: (_id, out) => { mem().setBigUint64(out, 1000n, true); return 0; },
    clock_time_get: (id, _precision, out) => {
      const ms = id === 0 ? Date.now() : performance.now();
      mem().setBigUint64(out, BigInt(Math.round(ms * 1e6)), true);
      return ERRNO_SUCCESS;
    },
    random_get: (ptr, len) => {
      const bytes = new Uint8Array(inst.exports.memory.buffer, ptr, len);
      for (let at = 0; at < len; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(len, at + 65536)));
      return ERRNO_SUCCESS;
    },
    fd_write: (fd, iovs, iovsLen, nwritten) => {
      if (fd !== 1 && fd !== 2) return ERRNO_BADF;
      const view = mem();
      let written = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = view.getUint32(iovs + i * 8, true);
        const len = view.getUint32(iovs + i * 8 + 4, true);
        inst.output = (inst.output + decoder.decode(new Uint8Array(inst.exports.memory.buffer, ptr, len))).slice(-4096);
        written += len;
      }
      view.setUint32(nwritten, written, true);
      return ERRNO_SUCCESS;
    },
    fd_fdstat_get: (fd, out) => {
      if (fd > 2) return ERRNO_BADF;
      new Uint8Array(inst.exports.memory.buffer, out, 24).fill(0);
      mem().setUint8(out, 2); // character device
      return ERRNO_SUCCESS;
    },
    fd_prestat_get: () => ERRNO_BADF,
    fd_close: () => ERRNO_BADF,
    sched_yield: () => ERRNO_SUCCESS,
    proc_exit: (code) => { throw new GuestFailure(`proc_exit(${code})`); },
  };
  return new Proxy(impl, {
    get: (target, name) => target[name] ?? (() => ERRNO_NOSYS),
    has: () => true,
  });
}
