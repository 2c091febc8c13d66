// TurnDetectorNode in the page: the same Go node as natively (padding and
// log-mel features included), with only its session run in onnxruntime-web
// (engine/turn.go, src/turn_host.js), against the CLI on the same WAV.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inPage, repoDir } from './browser.mjs';
import { cliLines, feedWav, openSpeechSite, withParams } from './speech_run.mjs';

// examples/speech/vad.json with voice_loop.json's turn detector after it.
const vad = JSON.parse(readFileSync(join(repoDir, 'examples', 'speech', 'vad.json'), 'utf8'));
const turns = {
  ...vad,
  nodes: [...vad.nodes, { id: 'turn', node_type: 'TurnDetectorNode', params: { threshold: 0.5 } }],
  connections: [...vad.connections, { from: 'vad', to: 'turn' }],
};
// The model's input is the same bits on both sides (the samples are
// compared exactly below, and core/logmel/logmel_test.go checks that the
// features are the same natively and under js/wasm), yet the scores cannot
// agree to 1e-3: smart-turn-v3.2-cpu.onnx is quantized
// (QDQ, int8), and native ONNX Runtime 1.31.1 and ort-web 1.30.0 run its
// int8 kernels differently. Measured on the very same (numpy) features of
// this WAV's three utterances: native 0.1183, 0.9849, 0.5197; ort-web
// 0.1312, 0.9809, 0.4607, up to 0.059 apart (the page gives ort-web's
// 0.1312 and 0.9809 for the first two, the CLI native's 0.1183 and 0.9849).
// The model also turns last-bit input differences into large score
// changes: native alone scores the first utterance 0.1183 in
// bin/remotemedia-purego and 0.0495 in bin/remotemedia, whose resamplers
// differ in the last bits. So scores are compared within 0.1 (measured:
// 0.091, on the two-utterance turn), and every decision, count, time and
// sample must match exactly.
const PROB_TOLERANCE = 0.1;

describe('TurnDetectorNode in the page', () => {
  let site;
  before(async () => { site = await openSpeechSite(); });
  after(async () => site?.close());

  test('the turns are the CLI\'s: same count, starts, lengths and samples', async () => {
    for (const threshold of [0.5, 0]) { // 0: every utterance its own turn
      const manifest = withParams(turns, 'turn', { threshold });
      const want = cliLines(manifest);
      const res = await feedWav(site.page, manifest);
      assert.ok(!res.error, JSON.stringify(res.error));
      const got = res.value;
      assert.equal(got.length, want.length, `threshold ${threshold}`);
      for (let i = 0; i < want.length; i++) {
        const [g, w] = [got[i].audio, want[i].audio];
        assert.deepEqual({ ...g, samples: g.samples.length }, { ...w, samples: w.samples.length }, `turn ${i}`);
        assert.deepEqual(g.samples, w.samples.map(Math.fround), `turn ${i} samples`);
      }
    }
  });

  for (const threshold of [0.5, 0]) {
    test(`emit "events" gives the CLI's scores and turn ends, threshold ${threshold}`, async () => {
      const manifest = withParams(turns, 'turn', { threshold, emit: 'events' });
      const want = cliLines(manifest);
      assert.ok(want.length >= 3, `${want.length} scores`); // vad.json cuts the speech WAV into 3 utterances
      const res = await feedWav(site.page, manifest);
      assert.ok(!res.error, JSON.stringify(res.error));
      const got = res.value;
      assert.equal(got.length, want.length);
      let worst = 0;
      for (let i = 0; i < want.length; i++) {
        const { turn_probability: gp, ...g } = got[i];
        const { turn_probability: wp, ...w } = want[i];
        assert.deepEqual(g, w, `event ${i}`); // is_turn_end, utterances, start_ms, end_ms
        worst = Math.max(worst, Math.abs(gp - wp));
      }
      const scores = (events) => events.map((e) => e.turn_probability.toFixed(4)).join(', ');
      console.log(`threshold ${threshold}: scores ${scores(got)} (CLI ${scores(want)}); ` +
        `largest turn_probability difference from the native CLI: ${worst}`);
      assert.ok(worst <= PROB_TOLERANCE, String(worst));
    });
  }

  test('time per score in the page (features in Go, session in ort-web)', async () => {
    const res = await inPage(site.page, async (rt) => {
      // Every score runs on the 8 s window, whatever the audio: 3 s of a tone.
      const samples = new Float32Array(3 * 16000).map((_, i) => 0.1 * Math.sin(i / 10));
      const utterance = { audio: { samples, sample_rate: 16000, channels: 1 } };
      const manifest = { version: 'v1', nodes: [{ id: 'turn', node_type: 'TurnDetectorNode', params: { emit: 'events', max_hold_ms: 0 } }], connections: [] };
      const probs = [];
      let seen = 0;
      let waiter = null;
      const s = await rt.start(manifest, { onOutput: (_sink, v) => { probs.push(v.turn_probability); seen++; waiter?.(); } });
      const until = (n) => new Promise((ok) => { waiter = () => seen >= n && ok(); waiter(); });
      s.push(utterance); // not timed: the session's first run warms ort-web up
      await until(1);
      const k = 10;
      const t0 = performance.now();
      for (let i = 0; i < k; i++) s.push(utterance);
      await until(1 + k);
      const ms = (performance.now() - t0) / k;
      await s.close();
      return { ms, probs };
    });
    assert.ok(!res.error, JSON.stringify(res.error));
    const { ms, probs } = res.value;
    console.log(`page: ${ms.toFixed(1)} ms per turn score (8 s window)`);
    // The same window every time: 11 scores, all one probability.
    assert.equal(probs.length, 11);
    assert.ok(probs.every((p) => p === probs[0] && p >= 0 && p <= 1), JSON.stringify(probs));
  });

  test('bytes that are not the pinned model give a clear error', async () => {
    let res = await feedWav(site.page, withParams(turns, 'turn', { model: 'examples/index.json' }));
    assert.ok(res.error, 'want an error');
    assert.match(res.error.message, /TurnDetectorNode: load model examples\/index\.json \(corrupt, or not the model this node runs\?\)/);
    const url = '**/models/smart-turn-v3.2-cpu.onnx';
    await site.context.route(url, async (route) => {
      const body = await (await route.fetch()).body();
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ body, contentType: 'application/octet-stream' });
    });
    res = await feedWav(site.page, turns);
    await site.context.unroute(url);
    assert.ok(res.error, 'want an error');
    assert.match(res.error.message, /model models\/smart-turn-v3\.2-cpu\.onnx has sha256 [0-9a-f]{64}, want 2bb02631/);
  });

  test('no request leaves the origin', () => {
    assert.deepEqual(site.foreignRequests(), []);
    assert.ok(site.requests.some((u) => u.endsWith('/models/smart-turn-v3.2-cpu.onnx')), 'the model came from the site');
  });
});
