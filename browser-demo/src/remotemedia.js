// RemoteMedia in the browser: the JS API for apps (docs/BROWSER.md).
//
//   import { createRuntime } from './remotemedia.js';
//   const rt = await createRuntime();
//   await rt.run(manifest, [5, 7, 3]);        // -> [20, 24, 16], as the CLI prints
//   await rt.runPackage(rmpkgBytes, inputs);  // a .rmpkg file's bytes
//
// The engine is the Go core compiled to WebAssembly (GOOS=js), running in a
// Web Worker; Python nodes run in Pyodide inside that worker, loaded on
// first need.

/** An engine error: invalid manifest or input (exit 2), a node failing (exit 1). */
export class RemoteMediaError extends Error {
  constructor(info) {
    super(info.message);
    this.name = 'RemoteMediaError';
    this.code = info.code ?? 'internal';
    this.exit = info.exit ?? 1;
    this.problems = info.problems ?? [];
    if (info.node !== undefined) {
      this.node = info.node;
      this.nodeType = info.node_type;
      this.input = info.input; // null: while flushing, at end of stream
      this.phase = info.phase;
    }
    if (info.python) {
      this.pythonType = info.python.type;
      this.traceback = info.python.traceback;
    } else if (info.traceback) {
      this.traceback = info.traceback;
    }
  }
}

/**
 * Starts a worker and loads the engine in it.
 * @param {{baseURL?: string | URL}} [options] where the site's files are
 *   (default: the folder this module was loaded from).
 */
export async function createRuntime(options = {}) {
  const base = new URL(options.baseURL ?? './', import.meta.url);
  const worker = new Worker(new URL('worker.js', base), { type: 'module', name: 'remotemedia' });
  const rt = new Runtime(worker);
  const { engineLoadMs } = await rt.call({ op: 'ready' });
  rt.engineLoadMs = engineLoadMs;
  return rt;
}

class Runtime {
  constructor(worker) {
    this.worker = worker;
    this.pending = new Map();
    this.nextId = 1;
    this.engineLoadMs = undefined;
    worker.onmessage = ({ data }) => {
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.ok) p.resolve(data.value);
      else p.reject(new RemoteMediaError(data.error));
    };
    worker.onerror = (event) => {
      const err = new RemoteMediaError({ code: 'internal', message: `worker failed: ${event.message}` });
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  call(msg, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...msg }, transfer);
    });
  }

  /** Runs a manifest; resolves to what `remotemedia run` prints. */
  async run(manifest, inputs, options) {
    return (await this.runDetailed(manifest, inputs, options)).output;
  }

  /** Like run, with sinks, per-node metrics, skipped errors and timings. */
  runDetailed(manifest, inputs, options = {}) {
    return this.call({ op: 'run', manifest: manifestText(manifest), inputs: inputsMessage(inputs), options });
  }

  /** Runs the pipeline of a .rmpkg package (its bytes); resolves like run. */
  async runPackage(bytes, inputs, options) {
    return (await this.runPackageDetailed(bytes, inputs, options)).output;
  }

  runPackageDetailed(bytes, inputs, options = {}) {
    if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
    return this.call({ op: 'runPackage', bytes, inputs: inputsMessage(inputs), options });
  }

  /** Loads Pyodide now instead of at the first Python node; resolves to load timings. */
  loadPython() {
    return this.call({ op: 'loadPython' });
  }

  /** Stops the worker; the runtime cannot be used afterwards. */
  close() {
    this.worker.terminate();
    const err = new RemoteMediaError({ code: 'cancelled', exit: 130, message: 'runtime closed' });
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

function manifestText(manifest) {
  return typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
}

// Inputs are JSON text (a string, read as the CLI reads --input), wire v1
// frames (an array of Uint8Array), or any other JS value, sent as JSON.
function inputsMessage(inputs) {
  if (typeof inputs === 'string') return inputs;
  if (Array.isArray(inputs) && inputs.length > 0 && inputs.every((x) => x instanceof Uint8Array)) return inputs;
  const text = JSON.stringify(inputs);
  if (text === undefined) throw new TypeError('inputs must be JSON-serialisable, JSON text, or an array of Uint8Array frames');
  return text;
}
