// The test WAV on both sides: readWav reads a 16-bit PCM WAV file as the
// engine does (core/internal/wav): interleaved float32 samples, each integer
// divided by 2^15. installFrames cuts it in the page as the CLI cuts
// --input-wav.
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

// installFrames sets window.wavFrames in the page: the WAV cut as the CLI
// cuts --input-wav, into audio values of frameMs each (the last one
// shorter), each stamped with the time of its first sample in integer
// nanoseconds, as core's WAV reader does. Returns how many there are.
export function installFrames(page, wav, frameMs) {
  return page.evaluate(({ b64, rate, channels, frameMs }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const samples = new Float32Array(bytes.buffer);
    const block = Math.floor((rate * frameMs) / 1000);
    window.wavFrames = [];
    for (let at = 0; at < samples.length; at += block * channels) {
      const ts = (BigInt(at / channels) * 1_000_000_000n) / BigInt(rate);
      window.wavFrames.push({ audio: { samples: samples.subarray(at, at + block * channels), sample_rate: rate, channels, timestamp_ns: ts } });
    }
    return window.wavFrames.length;
  }, { b64: Buffer.from(wav.samples.buffer).toString('base64'), rate: wav.rate, channels: wav.channels, frameMs });
}
