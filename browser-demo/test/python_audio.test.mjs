// Python nodes receiving audio in Pyodide (no numpy there): the same node
// source (fixtures/audio_nodes.py) gives the same outputs in the page as
// under CPython with the native package.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makePackage } from '../tools/make_package.mjs';
import { demoDir, inPage, openSite } from './browser.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const nodesFile = join(here, 'fixtures', 'audio_nodes.py');
const python = process.env.REMOTEMEDIA_PYTHON ?? join(demoDir, '..', '.venv', 'bin', 'python');

// Float32-exact test audio: 20 ms mono frames of a 440 Hz tone rising in
// level, one silent frame and one stereo frame, at 16 kHz.
function testFrames() {
  const rate = 16000;
  const tone = (n, amp, ch) => Array.from({ length: n * ch }, (_, i) =>
    Math.fround(amp * Math.sin((2 * Math.PI * 440 * Math.floor(i / ch)) / rate) * (i % 2 && ch === 2 ? -0.5 : 1)) + 0); // + 0: no -0, which JSON cannot carry to CPython
  return [
    { samples: tone(320, 0.1, 1), sample_rate: rate, channels: 1, timestamp_ns: 0 },
    { samples: tone(320, 0.5, 1), sample_rate: rate, channels: 1, timestamp_ns: 20_000_000 },
    { samples: new Array(320).fill(0), sample_rate: rate, channels: 1, timestamp_ns: 40_000_000 },
    { samples: tone(160, 0.9, 2), sample_rate: rate, channels: 2, timestamp_ns: 60_000_000 },
  ];
}

const manifest = (node) => ({ version: 'v1', nodes: [{ id: 'n', node_type: node.type, params: node.params ?? {} }] });

function inCPython(m, frames) {
  const out = execFileSync(python, [join(here, 'cpython_audio.py'), nodesFile], {
    input: JSON.stringify({ manifest: m, frames }), encoding: 'utf8', cwd: '/tmp',
  });
  return JSON.parse(out);
}

// A session of the package, pushed the frames as Float32Array audio (the
// binary path); audio outputs come back with their samples as plain arrays.
async function inBrowser(page, m, frames) {
  const bytes = makePackage({ 'manifest.json': JSON.stringify(m), 'python/audio_nodes.py': readFileSync(nodesFile, 'utf8') });
  return inPage(page, async (rt, a) => {
    // A wire v1 tensor frame (docs/FRAMES.md): the page pushes frames as they are.
    const tensorFrame = ({ dtype, shape, data }) => {
      const typed = { int16: Int16Array, float64: Float64Array, uint8: Uint8Array }[dtype];
      const meta = new TextEncoder().encode(JSON.stringify({ dtype, shape }));
      const payload = new Uint8Array(new typed(data).buffer);
      const f = new Uint8Array(8 + meta.length + payload.length);
      new DataView(f.buffer).setUint8(0, 1);
      new DataView(f.buffer).setUint8(1, 5);
      new DataView(f.buffer).setUint32(4, meta.length, true);
      f.set(meta, 8);
      f.set(payload, 8 + meta.length);
      return f;
    };
    const got = [];
    const s = await rt.startPackage(new Uint8Array(a.bytes), { onOutput: (_sink, v) => got.push(v) });
    for (const f of a.frames) s.push(f.tensor ? tensorFrame(f.tensor) : { audio: { ...f, samples: new Float32Array(f.samples) } });
    await s.close();
    return got.map((v) => (v && v.audio ? { audio: { ...v.audio, samples: Array.from(v.audio.samples),
      timestamp_ns: Number(v.audio.timestamp_ns ?? 0) } } : v));
  }, { bytes: Array.from(bytes), frames });
}

describe('Python nodes get audio in Pyodide', () => {
  let site;
  before(async () => {
    site = await openSite();
    await site.page.goto(site.url);
  });
  after(async () => site?.close());

  test('RMS of each frame: the same values as in CPython', async () => {
    const frames = testFrames();
    const m = manifest({ type: 'FrameRMS' });
    const want = inCPython(m, frames);
    assert.equal(want.length, frames.length);
    assert.ok(want[1].rms > 0.3 && want[2].rms === 0, JSON.stringify(want)); // the signal is what it says
    const res = await inBrowser(site.page, m, frames);
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, want);
  });

  test('a node returning rm.Audio (gain): the same samples as in CPython', async () => {
    const frames = testFrames();
    const m = manifest({ type: 'Gain', params: { gain: 0.25 } });
    const want = inCPython(m, frames);
    assert.equal(want.length, frames.length);
    assert.equal(want[0].audio.samples[10], Math.fround(frames[0].samples[10] * 0.25));
    const res = await inBrowser(site.page, m, frames);
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, want);
  });

  test('audio a Python node returns reaches the next Python node with its meta, inherited as in CPython', async () => {
    const frames = testFrames();
    const m = { version: 'v1',
      nodes: [{ id: 'g', node_type: 'Gain', params: { gain: 2 } }, { id: 'i', node_type: 'Invert' }, { id: 'r', node_type: 'FrameRMS' }],
      connections: [{ from: 'g', to: 'i' }, { from: 'i', to: 'r' }] };
    const want = inCPython(m, frames);
    assert.deepEqual(want[0].meta, { gain: 2 });
    const res = await inBrowser(site.page, m, frames);
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, want);
  });

  test('tensors: shape, dtype, data and tolist as numpy gives them in CPython', async () => {
    const frames = [
      { tensor: { dtype: 'int16', shape: [2, 3], data: [1, -2, 3, -4, 5, 32767] } },
      { tensor: { dtype: 'float64', shape: [], data: [2.5] } },
      { tensor: { dtype: 'uint8', shape: [0, 4], data: [] } },
    ];
    const m = manifest({ type: 'TensorStats' });
    const want = inCPython(m, frames);
    assert.deepEqual(want[0].values, [1, -2, 3, -4, 5, 32767]);
    const res = await inBrowser(site.page, m, frames);
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, want);
  });

  test('no request left the origin', () => assert.deepEqual(site.foreignRequests(), []));
});
