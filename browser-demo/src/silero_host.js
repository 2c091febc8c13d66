// The model call of SileroVADNode in the browser (engine/silero.go). The
// windowing, state, segmenter and events stay in the Go engine.
import { float32s, ortHost } from './ort_host.js';

// bytes: float32 [k × (context+window) inputs, then the state [2,1,128]];
// returns float32 [k probs, then the new state].
export const sileroHost = ortHost(async ({ ort, session }, sr, bytes) => {
  const all = float32s(bytes);
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
});
