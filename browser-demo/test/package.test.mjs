// .rmpkg packages in the browser: packages made by `remotemedia package
// create` run with their WASM nodes instantiated by the browser (ABI v1)
// and give the CLI's outputs; broken packages fail with clear errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { makePackage } from '../tools/make_package.mjs';
import { demoDir, inPage, openSite, readShared, repoDir } from './browser.mjs';

const cli = process.env.REMOTEMEDIA_CLI || join(repoDir, 'bin', 'remotemedia');
const uppercaseDir = join(demoDir, 'examples', 'packages', 'uppercase_wasm');
const uppercaseWasm = join(repoDir, 'examples', 'wasm', 'uppercase', 'uppercase.wasm');
const gainWasm = join(repoDir, 'examples', 'wasm', 'gain_wat', 'gain.wasm');

const runPackage = (page, bytes, input) => inPage(page, (rt, a) => {
  const inputs = a.frames ? a.input.map((h) => new Uint8Array(h.match(/../g).map((b) => parseInt(b, 16)))) : a.input;
  return rt.runPackage(new Uint8Array(a.bytes), inputs);
}, { bytes: Array.from(bytes), input, frames: input.frames });

describe('.rmpkg packages in the browser', () => {
  let site;
  let tmp;
  before(async () => {
    assert.ok(existsSync(cli), `${cli} is missing: make bin/remotemedia`);
    tmp = mkdtempSync(join(tmpdir(), 'rm-pkg-'));
    site = await openSite();
    await site.page.goto(site.url);
  });
  after(async () => {
    await site?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('a WASM-node package made by the CLI gives the CLI\'s outputs', async () => {
    const pkg = join(tmp, 'uppercase.rmpkg');
    execFileSync(cli, ['package', 'create', '--manifest', join(uppercaseDir, 'manifest.json'),
      '--wasm', `uppercase=${uppercaseWasm}`, '--output', pkg]);
    const inputFile = join(uppercaseDir, 'uppercase_wasm.input.json');
    const native = JSON.parse(execFileSync(cli, ['run', pkg, '--input-file', inputFile], { encoding: 'utf8' }));
    const res = await runPackage(site.page, readFileSync(pkg), JSON.parse(readFileSync(inputFile, 'utf8')));
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, native);
    assert.deepEqual(res.value, JSON.parse(readFileSync(join(uppercaseDir, 'uppercase_wasm.expected.json'), 'utf8')));
  });

  test('a WASM guest error names the node and input', async () => {
    const pkg = join(tmp, 'uppercase.rmpkg'); // from the test above: uppercase rejects JSON frames
    const res = await runPackage(site.page, readFileSync(pkg), ['ok', { not: 'text' }]);
    assert.ok(res.error);
    assert.equal(res.error.node, 'upper');
    assert.equal(res.error.input, 1);
    assert.equal(res.error.exit, 1);
    assert.match(res.error.message, /wasm:uppercase: rm_process: uppercase: expected text, got json/);
  });

  test('audio frames cross as wire v1 bytes to a hand-written WASM node', async () => {
    const manifest = join(tmp, 'gain.json');
    writeFileSync(manifest, JSON.stringify({ version: 'v1', nodes: [{ id: 'gain', node_type: 'wasm:gain', params: { gain: 0.5 } }] }));
    const pkg = join(tmp, 'gain.rmpkg');
    execFileSync(cli, ['package', 'create', '--manifest', manifest, '--wasm', `gain=${gainWasm}`, '--output', pkg]);
    const frames = readShared('conformance/frames.json').frames;
    const audio = frames.find((f) => f.name === 'audio_mono_16k');
    const input = [audio.hex];
    input.frames = true;
    const res = await runPackage(site.page, readFileSync(pkg), input);
    assert.ok(!res.error, JSON.stringify(res.error));
    const want = audio.value.audio;
    assert.deepEqual(res.value, [{ audio: { sample_rate: want.sample_rate, channels: want.channels, timestamp_ns: 0,
      samples: want.samples.map((s) => s * 0.5) } }]);
  });

  test('a Python package made by the CLI runs its node in Pyodide', async () => {
    const dir = join(demoDir, 'examples', 'packages', 'shout_python');
    const pkg = join(tmp, 'shout.rmpkg');
    execFileSync(cli, ['package', 'create', '--manifest', join(dir, 'manifest.json'),
      '--python', join(dir, 'python', 'shout.py'), '--output', pkg]);
    const res = await runPackage(site.page, readFileSync(pkg), [{ text: 'made by the cli' }]);
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, ['MADE BY THE CLI!']);
  });

  const upManifest = readFileSync(join(uppercaseDir, 'manifest.json'));
  const invalid = [
    ['not a zip file', () => new TextEncoder().encode('just text, not a package'), /not a readable \.rmpkg \(ZIP\) file/],
    ['no manifest.json', () => makePackage({ 'nodes/uppercase.wasm': readFileSync(uppercaseWasm) }), /missing manifest\.json/],
    ['a checksum mismatch', () => {
      const files = { 'manifest.json': upManifest, 'nodes/uppercase.wasm': readFileSync(uppercaseWasm) };
      const good = makePackage(files);
      // Same checksums, different module bytes: rebuild with a tampered file.
      const sums = unzipSync(good)['checksums.sha256'];
      return makePackage({ ...files, 'nodes/uppercase.wasm': new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), 'checksums.sha256': sums }, { checksums: false });
    }, /nodes\/uppercase\.wasm: checksum mismatch/],
    ['a module that breaks the ABI', () => makePackage({
      'manifest.json': upManifest,
      'nodes/uppercase.wasm': new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), // an empty module
    }), /nodes\/uppercase\.wasm: missing export rm_abi_version/],
    ['a wasm node without its module', () => makePackage({ 'manifest.json': upManifest }), /wasm:uppercase needs the WebAssembly module "uppercase"/],
  ];
  for (const [name, make, message] of invalid) {
    test(`an invalid package fails clearly: ${name}`, async () => {
      const res = await runPackage(site.page, make(), ['x']);
      assert.ok(res.error, `want an error, got ${JSON.stringify(res.value)}`);
      assert.equal(res.error.exit, 2);
      assert.match(res.error.message, message);
    });
  }

  test('no request left the origin', () => assert.deepEqual(site.foreignRequests(), []));
});
