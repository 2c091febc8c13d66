// The worker's side of host nodes: one host per run or session routes each
// node the engine cannot run itself to the runtime that can (see
// browser-demo/engine/hostnode.go for the protocol).
import { createPythonHost } from './python_host.js';
import { createWasmHost } from './wasm_host.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// A failure carries the same fields as an engine error envelope.
export class Failure extends Error {
  constructor(info) {
    super(info.message);
    this.info = info;
  }
}

export function createHost({ pythonSources = null, wasmModules = new Map() } = {}) {
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
