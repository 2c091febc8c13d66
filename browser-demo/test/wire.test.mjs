// The page's wire v1 codec (src/wire.js), which sessions use, against the
// shared byte-exact vectors: it must write the engine's canonical form and
// read every kind. Plain Node: no browser needed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeFrame, encodeItem } from '../src/wire.js';
import { readShared } from './browser.mjs';

const vectors = readShared('conformance/frames.json').frames;
const toHex = (buf) => Buffer.from(buf).toString('hex');
const fromHex = (hex) => new Uint8Array(Buffer.from(hex, 'hex'));

// The item a vector's value stands for, as an app would push it.
function item(value) {
  if ('json' in value) return value.json;
  if ('text' in value) return value.text;
  if ('audio' in value) return { audio: { ...value.audio, samples: new Float32Array(value.audio.samples) } };
  return undefined; // bytes and tensors are pushed as ready-made frames
}

// A decoded value with typed arrays as plain arrays, in the vector's form.
function plain(v) {
  if (v?.audio) return { audio: { sample_rate: v.audio.sample_rate, channels: v.audio.channels, samples: [...v.audio.samples] } };
  if (v?.tensor) return { tensor: { ...v.tensor, data: [...v.tensor.data] } };
  if (v?.bytes) return { bytes_hex: toHex(v.bytes) };
  return typeof v === 'string' ? { text: v } : { json: v };
}

describe('wire v1 in JavaScript', () => {
  for (const v of vectors) {
    test(`decodes ${v.name}`, () => assert.deepEqual(plain(decodeFrame(fromHex(v.hex))), v.value));
    if (item(v.value) !== undefined) {
      test(`encodes ${v.name} byte for byte`, () => assert.equal(toHex(encodeItem(item(v.value))), v.hex));
    }
  }

  test('there are vectors of every kind', () => assert.ok(vectors.length >= 6));

  test('a timestamp goes in the meta, as a number or a bigint', () => {
    for (const ts of [20_000_000, 20_000_000n]) {
      const f = decodeFrame(encodeItem({ audio: { samples: new Float32Array([0.25]), sample_rate: 8000, channels: 1, timestamp_ns: ts } }));
      assert.equal(f.audio.timestamp_ns, 20_000_000);
      assert.deepEqual([...f.audio.samples], [0.25]);
    }
  });

  test('a Uint8Array frame is copied, so the caller keeps its buffer', () => {
    const frame = fromHex(vectors[0].hex);
    const buf = encodeItem(frame);
    assert.notEqual(buf, frame.buffer);
    assert.equal(toHex(buf), vectors[0].hex);
  });

  test('a value JSON cannot hold is a TypeError', () => {
    assert.throws(() => encodeItem(undefined), TypeError);
    assert.throws(() => encodeItem(() => 1), TypeError);
  });
});
