// readWav reads a 16-bit PCM WAV file as the engine does (core/internal/wav):
// interleaved float32 samples, each integer divided by 2^15.
import { readFileSync } from 'node:fs';

export function readWav(path) {
  const b = readFileSync(path);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let fmt;
  for (let at = 12; at + 8 <= b.length;) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      fmt = { format: b.readUInt16LE(body), channels: b.readUInt16LE(body + 2), rate: b.readUInt32LE(body + 4), bits: b.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!fmt || fmt.format !== 1 || fmt.bits !== 16) throw new Error(`${path}: want 16-bit PCM, got ${JSON.stringify(fmt)}`);
      const n = Math.min(size, b.length - body) >> 1;
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = b.readInt16LE(body + 2 * i) / 32768;
      return { rate: fmt.rate, channels: fmt.channels, samples };
    }
    at = body + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}
