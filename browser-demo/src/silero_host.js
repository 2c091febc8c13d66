// The model call of SileroVADNode in the browser (engine/silero.go):
// onnxruntime-web's wasm backend, loaded from this site on first use. The
// windowing, state, segmenter and events stay in the Go engine.
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

export const sileroHost = {
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
  // bytes: float32 [k × (context+window) inputs, then the state [2,1,128]];
  // returns float32 [k probs, then the new state].
  async run(handle, sr, bytes) {
    const { ort, session } = sessions.get(handle);
    const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    const stateLen = 2 * 128;
    const n = sr === 16000 ? 576 : 288;
    const k = (all.length - stateLen) / n;
    const out = new Float32Array(k + stateLen);
    let state = new ort.Tensor('float32', all.slice(k * n), [2, 1, 128]);
    const rate = new ort.Tensor('int64', BigInt64Array.of(BigInt(sr)), []);
    for (let i = 0; i < k; i++) {
      const input = new ort.Tensor('float32', all.subarray(i * n, (i + 1) * n), [1, n]);
      const res = await session.run({ input, state, sr: rate });
      out[i] = res.output.data[0];
      state = res.stateN;
    }
    out.set(state.data, k);
    return new Uint8Array(out.buffer);
  },
  async close(handle) {
    const s = sessions.get(handle);
    sessions.delete(handle);
    await s?.session.release();
  },
};
