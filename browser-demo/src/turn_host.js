// The model call of TurnDetectorNode in the browser (engine/turn.go): one
// score per call. The padding and the log-mel features stay in the Go
// engine.
import { float32s, ortHost } from './ort_host.js';

// bytes: float32 log-mel features [1, 80, 800]; returns float32 [probability].
export const turnHost = ortHost(async ({ ort, session }, bytes) => {
  const input_features = new ort.Tensor('float32', float32s(bytes), [1, 80, 800]);
  const { logits } = await session.run({ input_features });
  return new Uint8Array(Float32Array.of(logits.data[0]).buffer);
});
