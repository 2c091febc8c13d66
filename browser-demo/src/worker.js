// The RemoteMedia Web Worker: the Go engine (GOOS=js) runs here, Pyodide is
// loaded here on first need, and WASM nodes are instantiated here, so the
// page never blocks. remotemedia.js talks to it with requests
// {id, op, ...} -> {id, ok, value | error}, and, for streaming sessions
// (worker_sessions.js), one-way messages {op: 'push' | 'close' | 'cancel'}
// and events {event, session, ...}.
import './wasm_exec.js';
import { Failure, createHost } from './host.js';
import { loadPython, pythonLoadInfo } from './python_host.js';
import { openPackage } from './package.js';
import { createSessions } from './worker_sessions.js';
import { sileroHost } from './silero_host.js';
import { turnHost } from './turn_host.js';

globalThis.remotemediaSilero = sileroHost; // engine/silero.go calls it
globalThis.remotemediaTurn = turnHost; // engine/turn.go calls it

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
  return { api: globalThis.remotemediaEngine, memory: instance.exports.mem, loadMs: performance.now() - engineStart };
}

const sessions = createSessions(engine, (msg, transfer = []) => self.postMessage(msg, transfer));

// What the worker holds, for leak checks: the Go heap after a collection,
// goroutines, sessions, and the engine's linear memory (which never shrinks).
async function stats() {
  const { api, memory } = await engine;
  const go = api.stats();
  return {
    goHeapBytes: go.heapAllocBytes,
    goHeapSysBytes: go.heapSysBytes,
    goroutines: go.goroutines,
    engineSessions: go.sessions,
    workerSessions: sessions.count(),
    wasmMemoryBytes: memory.buffer.byteLength,
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
  const { api } = await engine;
  const pkg = await openPackage(api, bytes);
  const manifest = decoder.decode(pkg.manifest);
  return run({ manifest, inputs, options }, { pythonSources: pkg.python, wasmModules: pkg.wasm });
}

async function inspectPackage({ bytes }) {
  const { api } = await engine;
  const pkg = await openPackage(api, bytes);
  return { files: pkg.files, manifest: decoder.decode(pkg.manifest) };
}

const ops = {
  async ready() {
    const { loadMs } = await engine;
    return { engineLoadMs: loadMs };
  },
  run: (msg) => run(msg, {}),
  runPackage,
  inspectPackage,
  async loadPython() {
    await loadPython();
    return pythonLoadInfo();
  },
  start: sessions.start,
  stats,
};

const oneWay = { push: sessions.push, close: sessions.close, cancel: sessions.cancel };

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  if (oneWay[op]) {
    oneWay[op](data);
    return;
  }
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
