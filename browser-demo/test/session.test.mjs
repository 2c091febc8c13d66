// Streaming sessions (rt.start): fed the frames of a WAV, a session gives
// what `remotemedia run --input-wav ... --jsonl` prints; sessions run side
// by side; an error ends one session with rt.run's error and leaves the next
// working; and ten sessions leave the worker's memory as they found it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { demoDir, inPage, openSite, repoDir } from './browser.mjs';
import { makePackage } from '../tools/make_package.mjs';
import { installFrames, readWav } from './wav.mjs';

const cli = process.env.REMOTEMEDIA_CLI || join(repoDir, 'bin', 'remotemedia');
// The same CLI built with -tags purego,noasm runs the resampler's pure-Go
// kernels, which are the ones js/wasm has; the default build uses AVX2+FMA
// kernels on amd64, whose rounding differs (docs/AUDIO.md).
const pureCli = process.env.REMOTEMEDIA_CLI_PUREGO || join(repoDir, 'bin', 'remotemedia-purego');
const wavPath = process.env.SPEECH_WAV || join(repoDir, 'build', 'speech.wav');
const speechPath = join(repoDir, 'examples', 'audio', 'speech.json');
const speech = JSON.parse(readFileSync(speechPath, 'utf8'));
const FRAME_MS = 20; // the CLI's --frame-ms

// The speech pipeline without its VAD: mono, 16 kHz, 20 ms audio frames,
// so every output sample can be compared.
const resample = {
  version: 'v1',
  nodes: speech.nodes.filter((n) => n.node_type !== 'VADNode'),
  connections: speech.connections.filter((c) => c.to !== 'vad'),
};
const calculator = JSON.parse(readFileSync(join(repoDir, 'examples', 'calculator.json'), 'utf8'));

function cliLines(manifestPath, bin = cli) {
  const out = execFileSync(bin, ['run', manifestPath, '--input-wav', wavPath, '--frame-ms', String(FRAME_MS), '--jsonl'],
    { encoding: 'utf8', maxBuffer: 1 << 30 });
  return out.trim().split('\n').map((line) => JSON.parse(line));
}

// feed runs one session over the WAV's frames in the page and returns what
// it output (audio as plain arrays, so they cross back to Node), its sinks
// and its close() report.
async function feed(page, manifest) {
  return inPage(page, async (rt, manifest) => {
    const outputs = [];
    const plain = (v) => (v?.audio ? { audio: { ...v.audio, samples: Array.from(v.audio.samples) } } : v);
    const s = await rt.start(manifest, { onOutput: (sink, value, { input }) => outputs.push({ sink, input, value: plain(value) }) });
    for (const f of window.wavFrames) s.push(f);
    const report = await s.close();
    return { outputs, sinks: s.sinks, report };
  }, manifest);
}

// audioDiff checks that two lists of audio values have the same frames and
// formats, and returns the largest difference between their samples. Float32
// samples print as their shortest form, so fround gives the float back.
function audioDiff(got, want) {
  assert.equal(got.length, want.length, 'number of audio frames');
  let max = 0;
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i].audio, want[i].audio];
    assert.deepEqual({ ...g, samples: g.samples.length }, { ...w, samples: w.samples.length }, `frame ${i} format`);
    for (let j = 0; j < w.samples.length; j++) max = Math.max(max, Math.abs(g.samples[j] - Math.fround(w.samples[j])));
  }
  return max;
}

describe('streaming sessions', () => {
  let site;
  before(async () => {
    assert.ok(existsSync(cli), `${cli} is missing: make bin/remotemedia`);
    assert.ok(existsSync(pureCli), `${pureCli} is missing: make bin/remotemedia-purego`);
    assert.ok(existsSync(wavPath), `${wavPath} is missing: make speech-wav`);
    // Eager: measureUserAgentSpecificMemory answers at once instead of at
    // the next scheduled collection (up to 20 s).
    site = await openSite({ extraArgs: ['--enable-blink-features=ForceEagerMeasureMemory'] });
    await site.page.goto(site.url);
    await inPage(site.page, () => 0); // creates window.rt
    const n = await installFrames(site.page, readWav(wavPath), FRAME_MS);
    assert.ok(n > 400, `${n} frames`);
  });
  after(async () => site?.close());

  test('VAD over a WAV gives the segments the CLI prints with --jsonl', async () => {
    const want = cliLines(speechPath);
    assert.equal(want.length, 2, JSON.stringify(want)); // the two utterances of make_speech_wav.sh
    const res = await feed(site.page, speech);
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value.outputs.map((o) => o.value), want);
    assert.deepEqual(res.value.sinks, ['vad']);
    assert.equal(res.value.report.outputs, want.length);
    const vad = res.value.report.metrics.find((m) => m.id === 'vad');
    assert.ok(vad.items_in > 400, JSON.stringify(vad));
  });

  test('mix and resample give the CLI\'s audio frames: the same floats as its pure-Go kernels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-session-'));
    const path = join(dir, 'resample.json');
    writeFileSync(path, JSON.stringify(resample));
    const want = cliLines(path);
    assert.ok(want.length > 400, `${want.length} frames`);
    const res = await feed(site.page, resample);
    assert.ok(!res.error, JSON.stringify(res.error));
    const got = res.value.outputs.map((o) => o.value);
    assert.equal(audioDiff(got, cliLines(path, pureCli)), 0, 'the pure-Go kernels give the same floats');
    // The FMA kernels round each multiply-add once instead of twice: they
    // may differ by a few units in the last place, well below 16-bit audio's
    // step of 2^-15. Measured: 2^-24 on this WAV.
    const fma = audioDiff(got, want);
    console.log(`largest difference from the default (AVX2+FMA) CLI: ${fma}`);
    assert.ok(fma <= 2 ** -22, `${fma} from the default CLI`);
    rmSync(dir, { recursive: true });
    assert.ok(res.value.outputs.every((o, i) => o.sink === 'frames20ms' && (o.input === null || o.input >= 0) && (i === 0 || o.input === null || o.input >= res.value.outputs[i - 1].input)));
  });

  test('several sessions run at once', async () => {
    const want = cliLines(speechPath);
    const numbers = Array.from({ length: 200 }, (_, i) => i - 100);
    const res = await inPage(site.page, async (rt, { speech, calculator, numbers }) => {
      const collect = () => {
        const got = [];
        return { got, onOutput: (_sink, v) => got.push(v) };
      };
      const vad = [collect(), collect(), collect()];
      const calc = collect();
      const sessions = await Promise.all([...vad.map((c) => rt.start(speech, c)), rt.start(calculator, calc)]);
      // Interleave the pushes: every session has input queued at once.
      for (let i = 0; i < Math.max(window.wavFrames.length, numbers.length); i++) {
        if (i < window.wavFrames.length) for (const s of sessions.slice(0, 3)) s.push(window.wavFrames[i]);
        if (i < numbers.length) sessions[3].push(numbers[i]);
      }
      await Promise.all(sessions.map((s) => s.close()));
      const batch = await rt.run(calculator, numbers);
      return { vad: vad.map((c) => c.got), calc: calc.got, batch };
    }, { speech, calculator, numbers });
    assert.ok(!res.error, JSON.stringify(res.error));
    for (const got of res.value.vad) assert.deepEqual(got, want);
    assert.deepEqual(res.value.calc, res.value.batch);
    assert.deepEqual(res.value.calc, numbers.map((x) => x * 2 + 10));
  });

  test('a session runs Python nodes in Pyodide, as rt.run does', async () => {
    const dir = join(demoDir, 'examples');
    const res = await inPage(site.page, async (rt, { manifest, input }) => {
      const got = {};
      const s = await rt.start(manifest, { onOutput: (sink, v) => (got[sink] ??= []).push(v) });
      for (const x of input) s.push(x);
      await s.close();
      return { got, batch: await rt.run(manifest, input) };
    }, { manifest: readFileSync(join(dir, 'hybrid.json'), 'utf8'), input: JSON.parse(readFileSync(join(dir, 'hybrid.input.json'), 'utf8')) });
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value.got, res.value.batch);
    assert.deepEqual(res.value.got, JSON.parse(readFileSync(join(dir, 'hybrid.expected.json'), 'utf8')));
  });

  test('a package\'s WASM node gets the session\'s audio frames', async () => {
    const bytes = makePackage({
      'manifest.json': JSON.stringify({ version: 'v1', nodes: [{ id: 'gain', node_type: 'wasm:gain', params: { gain: 0.5 } }] }),
      'nodes/gain.wasm': readFileSync(join(repoDir, 'examples', 'wasm', 'gain_wat', 'gain.wasm')),
    });
    const res = await inPage(site.page, async (rt, bytes) => {
      const got = [];
      const s = await rt.startPackage(new Uint8Array(bytes), { onOutput: (_sink, v) => got.push(v) });
      const sent = window.wavFrames.slice(0, 50);
      for (const f of sent) s.push(f);
      await s.close();
      // Halving a float is exact: every sample must be its input's half.
      return got.map((v, i) => ({
        format: [v.audio.sample_rate, v.audio.channels, v.audio.timestamp_ns],
        want: [sent[i].audio.sample_rate, sent[i].audio.channels, Number(sent[i].audio.timestamp_ns)],
        exact: v.audio.samples.length === sent[i].audio.samples.length && v.audio.samples.every((x, j) => x === sent[i].audio.samples[j] * 0.5),
      }));
    }, Array.from(bytes));
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.equal(res.value.length, 50);
    for (const r of res.value) {
      assert.deepEqual(r.format, r.want);
      assert.ok(r.exact);
    }
  });

  test('a node failing in init ends the session it started, with runPackage\'s error', async () => {
    const bytes = makePackage({
      'manifest.json': JSON.stringify({ version: 'v1', nodes: [{ id: 'gain', node_type: 'wasm:gain', params: { gain: 'loud' } }] }),
      'nodes/gain.wasm': readFileSync(join(repoDir, 'examples', 'wasm', 'gain_wat', 'gain.wasm')),
    });
    const res = await inPage(site.page, async (rt, bytes) => {
      const fields = (e) => ({ code: e.code, exit: e.exit, message: e.message, node: e.node, input: e.input, phase: e.phase });
      const s = await rt.startPackage(new Uint8Array(bytes));
      const session = await s.done.then(() => 'resolved', fields); // ends without close
      const batch = await rt.runPackage(new Uint8Array(bytes), [1]).then(() => 'resolved', fields);
      return { session, batch, pushed: s.push(1) };
    }, Array.from(bytes));
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.equal(res.value.session.phase, 'init');
    assert.match(res.value.session.message, /param gain must be a plain decimal number/);
    assert.deepEqual(res.value.session, res.value.batch);
    assert.equal(res.value.pushed, false);
  });

  test('a failing node ends its session with rt.run\'s error, and the next session works', async () => {
    const inputs = [1, 2, { not: 'a number' }, 4];
    const res = await inPage(site.page, async (rt, { calculator, inputs }) => {
      const got = [];
      let onError;
      const s = await rt.start(calculator, { onOutput: (_sink, v) => got.push(v), onError: (e) => { onError = e; } });
      for (const x of inputs) s.push(x);
      const fields = (e) => ({ code: e.code, exit: e.exit, message: e.message, node: e.node, nodeType: e.nodeType, input: e.input, phase: e.phase });
      const session = await s.close().then(() => 'resolved', fields);
      const batch = await rt.run(calculator, inputs).then(() => 'resolved', fields);
      const afterEnd = s.push(5);
      const next = await rt.start(calculator, { onOutput: (_sink, v) => got.push(['next', v]) });
      next.push(7);
      await next.close();
      return { session, batch, onError: onError && fields(onError), afterEnd, got };
    }, { calculator, inputs });
    assert.ok(!res.error, JSON.stringify(res.error));
    const { session, batch, onError, afterEnd, got } = res.value;
    assert.equal(session.code, 'node_failed');
    assert.equal(session.exit, 1);
    assert.equal(session.node, 'multiply');
    assert.equal(session.input, 2);
    assert.deepEqual(session, batch, 'same error as rt.run');
    assert.deepEqual(onError, session);
    assert.equal(afterEnd, false, 'push after the end is dropped');
    // The failure stops the run at once, so of the outputs of the items
    // before it (12, 14) those already past the failing node came out.
    const first = got.filter((v) => !Array.isArray(v));
    assert.deepEqual(first, [12, 14].slice(0, first.length));
    assert.deepEqual(got.filter(Array.isArray), [['next', 24]]);
  });

  test('bad input and bad manifests fail as in rt.run', async () => {
    const res = await inPage(site.page, async (rt, { calculator }) => {
      const fields = (e) => ({ code: e.code, exit: e.exit, message: e.message, problems: e.problems });
      const garbage = new Uint8Array([1, 9, 0, 0, 0, 0, 0, 0]); // kind 9 does not exist
      const s = await rt.start(calculator);
      s.push(3);
      s.push(garbage);
      const session = await s.close().then(() => 'resolved', fields);
      const batch = await rt.run(calculator, [new Uint8Array([1, 1, 0, 0, 0, 0, 0, 0, 51]), garbage]).then(() => 'resolved', fields);
      const bad = { version: 'v1', nodes: [{ id: 'a', node_type: 'AddNod', params: {} }] };
      const startErr = await rt.start(bad).then(() => 'resolved', fields);
      const runErr = await rt.run(bad, [1]).then(() => 'resolved', fields);
      const cancelled = await rt.start(calculator);
      cancelled.push(1);
      await cancelled.cancel();
      const cancelErr = await cancelled.done.then(() => 'resolved', fields);
      return { session, batch, startErr, runErr, cancelErr };
    }, { calculator });
    assert.ok(!res.error, JSON.stringify(res.error));
    const { session, batch, startErr, runErr, cancelErr } = res.value;
    assert.equal(session.exit, 2);
    assert.equal(session.code, 'invalid_input');
    assert.match(session.message, /inputs\[1\]: frame: decode: unknown kind 9/);
    assert.deepEqual(session, batch);
    assert.equal(startErr.exit, 2);
    assert.ok(startErr.problems.length > 0);
    assert.deepEqual(startErr, runErr);
    assert.equal(cancelErr.code, 'cancelled');
    assert.equal(cancelErr.exit, 130);
  });

  test('ten sessions leave the worker\'s memory as they found it', async () => {
    const res = await inPage(site.page, async (rt, speech) => {
      const once = async () => {
        const s = await rt.start(speech, { onOutput() {} });
        for (const f of window.wavFrames) s.push(f);
        return s.close();
      };
      // The JS heaps of the page and of the engine's worker (worker.js),
      // measured by Chromium after a collection.
      const jsHeaps = async () => {
        const m = await performance.measureUserAgentSpecificMemory();
        const sum = (pick) => m.breakdown.filter((b) => b.attribution.some(pick)).reduce((n, b) => n + b.bytes, 0);
        return { page: sum((a) => a.scope === 'Window'), worker: sum((a) => a.url?.endsWith('/worker.js')) };
      };
      const measure = async () => ({ ...(await rt.stats()), js: await jsHeaps() });
      await once(); // warm: the first session sizes the heaps and the caches
      const before = await measure();
      const reports = [];
      for (let i = 0; i < 10; i++) reports.push(await once());
      const after = await measure();
      return { before, after, outputs: reports.map((r) => r.outputs), pushed: window.wavFrames.length };
    }, speech);
    assert.ok(!res.error, JSON.stringify(res.error));
    const { before, after, outputs, pushed } = res.value;
    console.log(`ten sessions of ${pushed} frames each: ${JSON.stringify({ before, after })}`);
    assert.deepEqual(outputs, Array(10).fill(2));
    assert.equal(after.goroutines, before.goroutines, 'every session goroutine has exited');
    assert.equal(after.engineSessions, 0);
    assert.equal(after.workerSessions, 0);
    assert.ok(before.js.worker > 0 && before.js.page > 0, 'the JS heaps were measured');
    // One session pushes the whole WAV (9.27 s of 48 kHz stereo float32,
    // 3.6 MB) through the engine: a leak of any session's input, its queued
    // frames or its outputs shows above these bounds. Measured: the Go heap
    // and the linear memory do not grow; the JS heaps move by tens of kB.
    const MiB = 1 << 20;
    const grew = (key) => key.split('.').reduce((v, k) => v[k], after) - key.split('.').reduce((v, k) => v[k], before);
    for (const [key, bound] of [['goHeapBytes', MiB], ['wasmMemoryBytes', 4 * MiB], ['js.worker', MiB], ['js.page', MiB]]) {
      assert.ok(grew(key) < bound, `${key} grew ${grew(key)} bytes (bound ${bound})`);
    }
  });

  test('no request left the origin', () => assert.deepEqual(site.foreignRequests(), []));
});
