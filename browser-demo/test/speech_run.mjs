// The speech WAV through a manifest on both sides, for the speech node
// tests: cliLines runs the CLI on it, feedWav a page session.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { inPage, openSite, repoDir } from './browser.mjs';
import { installFrames, readWav } from './wav.mjs';

// The CLI built on the resampler's pure-Go kernels, the ones js/wasm runs,
// so the models see the very same samples in both.
export const cli = process.env.REMOTEMEDIA_CLI_PUREGO || join(repoDir, 'bin', 'remotemedia-purego');
export const wavPath = process.env.SPEECH_WAV || join(repoDir, 'build', 'speech.wav');
export const FRAME_MS = 20;

// withParams is manifest with params merged into node id's.
export function withParams(manifest, id, params) {
  return { ...manifest, nodes: manifest.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } } : n)) };
}

// cliLines runs the CLI on the WAV cut in FRAME_MS frames: its outputs.
export function cliLines(manifest) {
  const dir = mkdtempSync(join(tmpdir(), 'rm-speech-'));
  const path = join(dir, 'm.json');
  writeFileSync(path, JSON.stringify(manifest));
  try {
    const out = execFileSync(cli, ['run', path, '--input-wav', wavPath, '--frame-ms', String(FRAME_MS), '--jsonl'],
      { encoding: 'utf8', maxBuffer: 1 << 30 });
    return out.trim().split('\n').map((line) => JSON.parse(line));
  } finally {
    rmSync(dir, { recursive: true });
  }
}

// feedWav pushes the page's window.wavFrames (installFrames) through a
// session of manifest: {value: outputs} or {error}.
export async function feedWav(page, manifest) {
  return inPage(page, async (rt, manifest) => {
    const outputs = [];
    const plain = (v) => (v?.audio ? { audio: { ...v.audio, samples: Array.from(v.audio.samples) } } : v);
    const s = await rt.start(manifest, { onOutput: (sink, value) => outputs.push(plain(value)) });
    for (const f of window.wavFrames) s.push(f);
    await s.close();
    return outputs;
  }, manifest);
}

// openSpeechSite opens the demo site with the speech WAV's frames installed
// in the page (window.wavFrames, for feedWav), after checking that the CLI
// and the WAV the tests compare against exist.
export async function openSpeechSite() {
  assert.ok(existsSync(cli), `${cli} is missing: make bin/remotemedia-purego`);
  assert.ok(existsSync(wavPath), `${wavPath} is missing: make speech-wav`);
  const site = await openSite();
  await site.page.goto(site.url);
  await inPage(site.page, () => 0);
  await installFrames(site.page, readWav(wavPath), FRAME_MS);
  return site;
}
