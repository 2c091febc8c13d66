// SileroVADNode in the page: the same Go node as natively, with its model
// call in onnxruntime-web (engine/silero.go, src/silero_host.js), against
// the CLI on the same WAV.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoDir } from './browser.mjs';
import { cliLines, feedWav, openSpeechSite, withParams } from './speech_run.mjs';

const vadPath = join(repoDir, 'examples', 'speech', 'vad.json');
const vad = JSON.parse(readFileSync(vadPath, 'utf8'));
// onnxruntime-web's wasm kernels and the native CPU provider may order
// float sums differently: probabilities may differ in the last bits, so
// they are compared within 1e-4 (measured: 2e-6 on this WAV); every
// decision (segments, start/end flags, times) and sample must match exactly.
const PROB_TOLERANCE = 1e-4;

const withEvents = withParams(vad, 'vad', { emit: 'events' });

describe('SileroVADNode in the page', () => {
  let site;
  before(async () => { site = await openSpeechSite(); });
  after(async () => site?.close());

  test('examples/speech/vad.json gives the CLI\'s utterances: same starts, lengths and samples', async () => {
    const want = cliLines(vad);
    assert.ok(want.length >= 2, `${want.length} utterances`); // make_speech_wav.sh speaks two sentences
    const res = await feedWav(site.page, vad);
    assert.ok(!res.error, JSON.stringify(res.error));
    const got = res.value;
    assert.equal(got.length, want.length);
    // The CLI prints an utterance as its audio: its timestamp is the start,
    // its length the end, and every sample must be the same float.
    for (let i = 0; i < want.length; i++) {
      const [g, w] = [got[i].audio, want[i].audio];
      assert.deepEqual({ ...g, samples: g.samples.length }, { ...w, samples: w.samples.length }, `utterance ${i}`);
      assert.deepEqual(g.samples, w.samples.map(Math.fround), `utterance ${i} samples`);
    }
  });

  for (const rate of [16000, 8000]) {
    test(`emit "events" gives the CLI's per-window decisions at ${rate} Hz`, async () => {
      const manifest = withParams(withEvents, 'to16k', { target_rate: rate });
      const want = cliLines(manifest);
      assert.ok(want.length > 100, `${want.length} windows`);
      const res = await feedWav(site.page, manifest);
      assert.ok(!res.error, JSON.stringify(res.error));
      const got = res.value;
      assert.equal(got.length, want.length);
      let worst = 0;
      for (let i = 0; i < want.length; i++) {
        const { speech_probability: gp, ...g } = got[i];
        const { speech_probability: wp, ...w } = want[i];
        assert.deepEqual(g, w, `window ${i}`);
        worst = Math.max(worst, Math.abs(gp - wp));
      }
      console.log(`${rate} Hz: largest speech_probability difference from the native CLI over ${want.length} windows: ${worst}`);
      assert.ok(worst <= PROB_TOLERANCE, String(worst));
    });
  }

  test('bytes that are not the pinned model give a clear error', async () => {
    // Not an ONNX file at all, through the model param (used as given).
    const notOnnx = withParams(vad, 'vad', { model: 'examples/index.json' });
    let res = await feedWav(site.page, notOnnx);
    assert.ok(res.error, 'want an error');
    assert.match(res.error.message, /SileroVADNode: load model examples\/index\.json \(corrupt, or not the model this node runs\?\)/);
    // The default model with one byte changed: the pin catches it.
    await site.context.route('**/models/silero_vad.onnx', async (route) => {
      const body = await (await route.fetch()).body();
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ body, contentType: 'application/octet-stream' });
    });
    res = await feedWav(site.page, vad);
    await site.context.unroute('**/models/silero_vad.onnx');
    assert.ok(res.error, 'want an error');
    assert.match(res.error.message, /model models\/silero_vad\.onnx has sha256 [0-9a-f]{64}, want 1a153a22/);
  });

  test('no request leaves the origin', () => {
    assert.deepEqual(site.foreignRequests(), []);
    assert.ok(site.requests.some((u) => u.endsWith('/models/silero_vad.onnx')), 'the model came from the site');
    assert.ok(site.requests.some((u) => u.endsWith('/vendor/ort/ort-wasm-simd-threaded.wasm')), 'ort-web came from the site');
  });
});
