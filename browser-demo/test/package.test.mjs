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
  const tamperedModule = () => {
    const files = { 'manifest.json': upManifest, 'nodes/uppercase.wasm': readFileSync(uppercaseWasm) };
    const good = makePackage(files);
    // Same checksums, different module bytes: rebuild with a tampered file.
    const sums = unzipSync(good)['checksums.sha256'];
    return makePackage({ ...files, 'nodes/uppercase.wasm': new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), 'checksums.sha256': sums }, { checksums: false });
  };
  // The engine checks packages with the CLI's own code (core/rmpkg/verify),
  // so each problem the page reports is one `package validate` reports.
  const checkedLikeTheCLI = [
    ['no manifest.json', () => makePackage({ 'nodes/uppercase.wasm': readFileSync(uppercaseWasm) }), /missing manifest\.json/],
    ['a checksum mismatch', tamperedModule, /nodes\/uppercase\.wasm: checksum mismatch/],
    ['a wasm node without its module', () => makePackage({ 'manifest.json': upManifest }), /node upper is wasm:uppercase, but the package has no nodes\/uppercase\.wasm/],
    ['an entry outside the package', () => makePackage({ 'manifest.json': upManifest, 'nodes/uppercase.wasm': readFileSync(uppercaseWasm), '../evil.py': new TextEncoder().encode('x') }), /unsafe|\.\./],
  ];
  for (const [name, make, message] of checkedLikeTheCLI) {
    test(`an invalid package fails as in the CLI: ${name}`, async () => {
      const bytes = make();
      const res = await runPackage(site.page, bytes, ['x']);
      assert.ok(res.error, `want an error, got ${JSON.stringify(res.value)}`);
      assert.equal(res.error.exit, 2);
      assert.equal(res.error.code, 'package');
      assert.match(res.error.message, message);
      const path = join(tmp, 'invalid.rmpkg');
      writeFileSync(path, bytes);
      let report;
      try {
        execFileSync(cli, ['package', 'validate', '--json', path], { encoding: 'utf8' });
        assert.fail('the CLI accepted the package');
      } catch (err) {
        assert.equal(err.status, 2);
        report = JSON.parse(err.stdout);
      }
      const cliErrors = report.errors.map((e) => ({ path: e.entry ?? '', message: e.message }));
      assert.ok(res.error.problems.length > 0);
      for (const problem of res.error.problems) assert.deepEqual(cliErrors.filter((e) => e.message === problem.message), [problem]);
    });
  }

  test('a file that is not a ZIP fails with the CLI\'s message', async () => {
    const bytes = new TextEncoder().encode('just text, not a package');
    const res = await runPackage(site.page, bytes, ['x']);
    assert.equal(res.error?.exit, 2);
    const path = join(tmp, 'text.rmpkg');
    writeFileSync(path, bytes);
    let stderr;
    try {
      execFileSync(cli, ['package', 'validate', path], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      stderr = err.stderr;
    }
    assert.match(res.error.message, /not an \.rmpkg package \(not a ZIP archive\)/);
    assert.ok(stderr.includes(res.error.problems[0].message), `${stderr} vs ${res.error.problems[0].message}`);
  });

  test('a module that breaks the ABI fails when the browser instantiates it', async () => {
    const bytes = makePackage({
      'manifest.json': upManifest,
      'nodes/uppercase.wasm': new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), // an empty module
    });
    const res = await runPackage(site.page, bytes, ['x']);
    assert.equal(res.error?.exit, 2);
    assert.match(res.error.message, /nodes\/uppercase\.wasm: missing export rm_abi_version/);
  });

  test('no request left the origin', () => assert.deepEqual(site.foreignRequests(), []));
});
