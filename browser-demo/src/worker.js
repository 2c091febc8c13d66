// The RemoteMedia Web Worker: the Go engine (GOOS=js) runs here, Pyodide is
// loaded here on first need, and WASM nodes are instantiated here, so the
// page never blocks. remotemedia.js talks to it with messages
// {id, op, ...} -> {id, ok, value | error}.
import './wasm_exec.js';
import { createPythonHost, loadPython, pythonLoadInfo } from './python_host.js';
import { openPackage } from './package.js';
import { createWasmHost } from './wasm_host.js';

const base = new URL('./', import.meta.url);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const engineStart = performance.now();
const engine = startEngine();

async function startEngine() {
  const go = new Go();
  const ready = new Promise((resolve) => { globalThis.remotemediaEngineReady = resolve; });
  const source = fetch(new URL('remotemedia.wasm', base));
  const { instance } = await WebAssembly.instantiateStreaming(source, go.importObject);
  go.run(instance); // resolves only if Go's main returns, which it never does
  await ready;
  return { api: globalThis.remotemediaEngine, loadMs: performance.now() - engineStart };
}

// A failure carries the same fields as an engine error envelope.
class Failure extends Error {
  constructor(info) {
    super(info.message);
    this.info = info;
  }
}

// One host per run: it routes each node the engine cannot run itself to the
// runtime that can (see browser-demo/engine/hostnode.go for the protocol).
function createHost({ pythonSources = null, wasmModules = new Map() } = {}) {
  const python = createPythonHost(pythonSources);
  const wasm = createWasmHost(wasmModules);
  const nodes = new Map();
  let nextHandle = 1;
  return {
    timings: {},
    async prepare(request) {
      const want = JSON.parse(decoder.decode(request));
      const out = { python: {}, wasm: {} };
      // Unknown types may be user Python nodes only when a package brought
      // Python sources; otherwise the manifest parser reports them.
      const pythonTypes = pythonSources ? [...want.python, ...want.unknown] : want.python;
      if (pythonTypes.length > 0) {
        out.python = await python.prepare(pythonTypes);
        this.timings.pythonLoadMs = python.loadMs;
      }
      out.wasm = await wasm.prepare(want.wasm);
      return encoder.encode(JSON.stringify(out));
    },
    create(runtime, type, params) {
      const impl = runtime === 'python' ? python : wasm;
      const made = impl.create(type, decoder.decode(params));
      if (made.error !== undefined) return made;
      const handle = nextHandle++;
      nodes.set(handle, { impl, node: made.node });
      return handle;
    },
    call(handle, op, frame) {
      const entry = nodes.get(handle);
      if (!entry) return { error: `no node with handle ${handle}` };
      const res = entry.impl.call(entry.node, op, frame);
      if (op !== 'close') return res;
      nodes.delete(handle);
      const release = () => entry.impl.disposeNode(entry.node);
      if (res && typeof res.then === 'function') return res.finally(release);
      release();
      return res;
    },
    async load() {
      await wasm.compileAll();
      if (pythonSources) await python.loadPackage();
      this.timings.pythonLoadMs = python.loadMs;
    },
    dispose() {
      for (const { impl, node } of nodes.values()) impl.disposeNode(node);
      nodes.clear();
      python.dispose();
      wasm.dispose();
    },
  };
}

async function run({ manifest, inputs, options = {} }, hostConfig) {
  const { api } = await engine;
  const host = createHost(hostConfig);
  const started = performance.now();
  try {
    await host.load();
    const request = {
      manifest: encoder.encode(manifest),
      inputs: Array.isArray(inputs) ? inputs : encoder.encode(inputs),
      skipErrors: Boolean(options.skipErrors),
      frames: Boolean(options.frames),
      host,
    };
    const { envelope, frames } = await api.run(request);
    const env = JSON.parse(decoder.decode(envelope));
    if (!env.ok) throw new Failure(env.error);
    const totalMs = performance.now() - started;
    return {
      output: env.output,
      sinks: env.sinks,
      metrics: env.metrics,
      skipped: env.skipped,
      frames,
      timings: { totalMs, ...host.timings },
    };
  } finally {
    host.dispose();
  }
}

async function runPackage({ bytes, inputs, options = {} }) {
  const pkg = await openPackage(bytes);
  const manifest = decoder.decode(pkg.manifest);
  return run({ manifest, inputs, options }, { pythonSources: pkg.python, wasmModules: pkg.wasm });
}

const ops = {
  async ready() {
    const { loadMs } = await engine;
    return { engineLoadMs: loadMs };
  },
  run: (msg) => run(msg, {}),
  runPackage,
  async loadPython() {
    await loadPython();
    return pythonLoadInfo();
  },
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    const value = await ops[op](data);
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    const info = err instanceof Failure
      ? err.info
      : {
        code: err.code ?? 'internal',
        exit: err.exit ?? 1,
        message: String(err.message ?? err),
        problems: err.problems,
        traceback: err.traceback,
      };
    self.postMessage({ id, ok: false, error: info });
  }
};
