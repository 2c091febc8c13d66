// The shared example manifests (examples/*.json with *.input.json) give the
// same outputs in the browser as `bin/remotemedia run`, and as their
// *.expected.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inPage, openSite, repoDir } from './browser.mjs';

const cli = process.env.REMOTEMEDIA_CLI || join(repoDir, 'bin', 'remotemedia');
const examplesDir = join(repoDir, 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json') && !/\.(input|expected)\.json$/.test(f))
  .map((f) => f.slice(0, -5))
  .filter((name) => existsSync(join(examplesDir, `${name}.input.json`)))
  .sort();

describe('browser and CLI give the same outputs', () => {
  let site;
  before(async () => {
    assert.ok(existsSync(cli), `${cli} is missing: make bin/remotemedia`);
    site = await openSite();
    await site.page.goto(site.url);
  });
  after(async () => site?.close());

  test('there are shared examples to compare', () => assert.ok(examples.length >= 3, examples.join(', ')));

  for (const name of examples) {
    test(name, async () => {
      const manifestPath = join(examplesDir, `${name}.json`);
      const inputPath = join(examplesDir, `${name}.input.json`);
      const native = JSON.parse(execFileSync(cli, ['run', manifestPath, '--input-file', inputPath], { encoding: 'utf8' }));
      const res = await inPage(site.page, (rt, a) => rt.run(a.manifest, a.input), {
        manifest: readFileSync(manifestPath, 'utf8'),
        input: readFileSync(inputPath, 'utf8'), // JSON text, read by the engine as the CLI reads --input-file
      });
      assert.ok(!res.error, JSON.stringify(res.error));
      assert.deepEqual(res.value, native);
      const expected = join(examplesDir, `${name}.expected.json`);
      if (existsSync(expected)) assert.deepEqual(res.value, JSON.parse(readFileSync(expected, 'utf8')));
    });
  }

  test('an invalid manifest fails the same way (exit 2, same problems)', async () => {
    const manifest = { version: 'v1', nodes: [{ id: 'a', node_type: 'AddNod', params: {} }], connections: [] };
    const dir = mkdtempSync(join(tmpdir(), 'rm-parity-'));
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(manifest));
    let stderr = '';
    let status = 0;
    try {
      execFileSync(cli, ['run', path, '--input', '[1]'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = e.status;
      stderr = e.stderr;
    }
    rmSync(dir, { recursive: true });
    const res = await inPage(site.page, (rt, m) => rt.run(m, [1]), manifest);
    assert.equal(status, 2, stderr);
    assert.equal(res.error.exit, status);
    assert.ok(res.error.problems.length > 0);
    for (const p of res.error.problems) assert.ok(stderr.includes(p.message), `CLI stderr ${stderr} lacks ${p.message}`);
  });

  test('no request left the origin', () => assert.deepEqual(site.foreignRequests(), []));
});
