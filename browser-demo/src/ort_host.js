// onnxruntime-web's wasm backend in the worker, shared by the ONNX nodes'
// hosts (silero_host.js, turn_host.js; engine/ort.go calls them): loaded
// from this site on first use, one session per node.
const base = new URL('./', import.meta.url);
let ortLoaded = null;
const sessions = new Map();
let nextHandle = 1;

function loadOrt() {
  ortLoaded ??= import(new URL('vendor/ort/ort.wasm.min.mjs', base).href).then((ort) => {
    ort.env.wasm.wasmPaths = new URL('vendor/ort/', base).href;
    ort.env.wasm.numThreads = 1; // one stream per node, as natively
    ort.env.wasm.proxy = false; // already in a worker
    return ort;
  });
  return ortLoaded;
}

// ortHost is a host whose run(handle, ...args) is run({ort, session}, ...args).
export function ortHost(run) {
  return {
    async load(url) {
      const res = await fetch(new URL(url, base));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async open(model) {
      const ort = await loadOrt();
      const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
      const handle = nextHandle++;
      sessions.set(handle, { ort, session });
      return handle;
    },
    run: (handle, ...args) => run(sessions.get(handle), ...args),
    async close(handle) {
      const s = sessions.get(handle);
      sessions.delete(handle);
      await s?.session.release();
    },
  };
}

// float32s views a Uint8Array from the engine as float32s.
export const float32s = (bytes) => new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
