// SileroVADNode in the page against @ricky0123/vad-web's own Silero runner
// on the same 16 kHz audio, for docs/PERFORMANCE.md; written to
// test-results/silero_perf.json and printed. Not a timed assertion: the
// checks only make sure each figure comes from a run that worked.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { demoDir, inPage, openSite, repoDir } from './browser.mjs';
import { installFrames, readWav } from './wav.mjs';

const wavPath = process.env.SPEECH_WAV || join(repoDir, 'build', 'speech.wav');
const vad = JSON.parse(readFileSync(join(repoDir, 'examples', 'speech', 'vad.json'), 'utf8'));
const RUNS = 5;
const vadWeb = join(demoDir, 'node_modules', '@ricky0123', 'vad-web', 'dist');

describe('Silero VAD per 32 ms window', () => {
  let site;
  before(async () => {
    site = await openSite();
    // vad-web's CommonJS model class and its logger, served on the page's
    // own origin for the comparison only (the site does not ship them).
    await site.context.route('**/__vad-web/**', (route) => route.fulfill({
      body: readFileSync(join(vadWeb, new URL(route.request().url()).pathname.replace('/__vad-web/', ''))),
      contentType: 'text/javascript',
    }));
    await site.page.goto(site.url);
    await inPage(site.page, () => 0);
    await installFrames(site.page, readWav(wavPath), 20);
  });
  after(async () => site?.close());

  test('SileroVADNode (Go engine + onnxruntime-web) vs vad-web\'s Silero class, interleaved', async () => {
    const resample = { version: 'v1', nodes: vad.nodes.filter((n) => n.id !== 'vad'), connections: vad.connections.filter((c) => c.to !== 'vad') };
    const node = { version: 'v1', nodes: vad.nodes.filter((n) => n.id === 'vad'), connections: [] };
    const res = await inPage(site.page, async (rt, { resample, node, runs }) => {
      // The WAV at 16 kHz mono, as the page's own resampler makes it.
      const parts = [];
      const s = await rt.start(resample, { onOutput: (_, v) => parts.push(v.audio.samples) });
      for (const f of window.wavFrames) s.push(f);
      await s.close();
      const audio = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((at, p) => (audio.set(p, at), at + p.length), 0);
      const windows = Math.floor(audio.length / 512);
      const frames = Array.from({ length: windows }, (_, i) => audio.subarray(i * 512, (i + 1) * 512));

      // vad-web's Silero (models/silero.js, what its MicVAD runs per frame),
      // loaded as the CommonJS module it is, on the same ort-web build.
      const ort = await import('./vendor/ort/ort.wasm.min.mjs');
      ort.env.wasm.wasmPaths = new URL('vendor/ort/', location.href).href;
      ort.env.wasm.numThreads = 1;
      const modules = {};
      const load = async (name) => {
        const src = await (await fetch(`__vad-web/${name}.js`)).text();
        const module = { exports: {} };
        new Function('exports', 'require', 'module', src)(module.exports, (dep) => modules[dep.replace(/^\.\.?\//, '')], module);
        modules[name.replace(/^models\//, '')] = module.exports;
        return module.exports;
      };
      await load('logging');
      const { Silero } = await load('models/silero');
      const model = await Silero.new(ort, async () => (await fetch('models/silero_vad.onnx')).arrayBuffer());

      const starts = [];
      const ours = [];
      const oursBusy = [];
      const theirs = [];
      for (let r = 0; r < runs; r++) {
        let t = performance.now();
        const session = await rt.start(node, { onOutput: () => {} });
        starts.push(performance.now() - t); // fetch, hash and open the model
        t = performance.now();
        for (const f of frames) session.push({ audio: { samples: f, sample_rate: 16000, channels: 1 } });
        const report = await session.close();
        ours.push((performance.now() - t) / windows);
        oursBusy.push(report.metrics[0].busy_ns / 1e6 / windows);
        model.reset_state();
        t = performance.now();
        for (const f of frames) await model.process(f);
        theirs.push((performance.now() - t) / windows);
      }
      return { windows, starts, ours, oursBusy, theirs };
    }, { resample, node, runs: RUNS });
    assert.ok(!res.error, JSON.stringify(res.error));
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const us = (ms) => Math.round(ms * 1000);
    const out = {
      measured_at: new Date().toISOString(),
      windows: res.value.windows,
      runs: RUNS,
      silero_vad_node_wall_us_per_window: us(median(res.value.ours)),
      silero_vad_node_busy_us_per_window: us(median(res.value.oursBusy)),
      vad_web_silero_us_per_window: us(median(res.value.theirs)),
      silero_vad_node_start_ms: Math.round(median(res.value.starts)),
      all_ms: res.value,
    };
    assert.ok(out.windows > 100);
    mkdirSync(join(demoDir, 'test-results'), { recursive: true });
    writeFileSync(join(demoDir, 'test-results', 'silero_perf.json'), JSON.stringify(out, null, 1));
    console.log(JSON.stringify({ ...out, all_ms: undefined }));
    assert.deepEqual(site.foreignRequests(), []);
  });
});
