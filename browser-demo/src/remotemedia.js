// RemoteMedia in the browser: the JS API for apps (docs/BROWSER.md).
//
//   import { createRuntime } from './remotemedia.js';
//   const rt = await createRuntime();
//   await rt.run(manifest, [5, 7, 3]);        // -> [20, 24, 16], as the CLI prints
//   await rt.runPackage(rmpkgBytes, inputs);  // a .rmpkg file's bytes
//   const s = await rt.start(manifest, { onOutput: (sink, value) => show(sink, value) });
//   s.push(frame); await s.close();           // a streaming session (session.js)
//
// The engine is the Go core compiled to WebAssembly (GOOS=js), running in a
// Web Worker; Python nodes run in Pyodide inside that worker, loaded on
// first need.

import { RemoteMediaError } from './errors.js';
import { Session } from './session.js';
import { startMicrophone } from './microphone.js';

export { RemoteMediaError };

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
    this.sessions = new Map(); // by the id of their start call
    this.nextId = 1;
    this.engineLoadMs = undefined;
    worker.onmessage = ({ data }) => {
      if (data.event) {
        const s = this.sessions.get(data.session);
        if (data.event === 'ended') this.sessions.delete(data.session);
        s?.handle(data);
        return;
      }
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.ok) p.resolve(data.value);
      else p.reject(new RemoteMediaError(data.error));
    };
    worker.onerror = (event) => {
      const err = new RemoteMediaError({ code: 'internal', message: `worker failed: ${event.message}` });
      this.failAll(err);
    };
  }

  failAll(err) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const s of this.sessions.values()) s.end(err);
    this.sessions.clear();
  }

  call(msg, transfer = [], id = this.nextId++) {
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

  /**
   * Checks a .rmpkg package (its bytes) as the CLI's `package validate`
   * does, without running anything; resolves to {files, manifest} (entry
   * names, sorted, and the manifest's JSON text) or rejects like runPackage.
   */
  inspectPackage(bytes) {
    if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
    return this.call({ op: 'inspectPackage', bytes });
  }

  /**
   * Starts a streaming session: resolves once every node is built, with a
   * Session to push items into. options.onOutput(sink, value, {input}) gets
   * each output as it is produced.
   */
  start(manifest, options = {}) {
    return this.startSession({ manifest: manifestText(manifest) }, options);
  }

  /**
   * Starts a session of manifest fed live by the microphone (getUserMedia,
   * or options.stream) through an AudioWorklet: frames of options.frameMs
   * (20) at the device rate, stamped by the audio clock. Resolves to a
   * Microphone; its stop() flushes and resolves after the last output.
   */
  microphone(manifest, options = {}) {
    return startMicrophone(this, manifest, options);
  }

  /** Starts a session of the pipeline of a .rmpkg package (its bytes). */
  startPackage(bytes, options = {}) {
    if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
    return this.startSession({ bytes }, options);
  }

  async startSession(what, options) {
    const id = this.nextId++;
    const session = new Session(id, (msg, transfer) => this.worker.postMessage(msg, transfer), options);
    this.sessions.set(id, session);
    try {
      const { sinks } = await this.call({ op: 'start', ...what, options: { skipErrors: Boolean(options.skipErrors) } }, [], id);
      session.sinks = sinks;
    } catch (err) {
      this.sessions.delete(id);
      throw err;
    }
    return session;
  }

  /** What the worker holds (Go heap, goroutines, sessions, linear memory), for leak checks. */
  stats() {
    return this.call({ op: 'stats' });
  }

  /** Loads Pyodide now instead of at the first Python node; resolves to load timings. */
  loadPython() {
    return this.call({ op: 'loadPython' });
  }

  /** Stops the worker; the runtime cannot be used afterwards. */
  close() {
    this.worker.terminate();
    this.failAll(new RemoteMediaError({ code: 'cancelled', exit: 130, message: 'runtime closed' }));
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
