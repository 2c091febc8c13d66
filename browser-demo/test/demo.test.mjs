// The demo page: every example runs from the UI and shows its outputs and
// per-node timings; a dropped .rmpkg runs; errors show the node id and the
// Python traceback. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makePackage } from '../tools/make_package.mjs';
import { demoDir, distDir, openSite } from './browser.mjs';

const results = join(demoDir, 'test-results');
const catalog = JSON.parse(readFileSync(join(distDir, 'examples', 'index.json'), 'utf8'));

describe('demo page', () => {
  let site;
  let page;
  before(async () => {
    mkdirSync(results, { recursive: true });
    site = await openSite();
    page = site.page;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(site.url);
    await page.waitForSelector('#run:not([disabled])', { timeout: 60_000 });
  });
  after(async () => site?.close());

  async function runInUI() {
    await page.click('#run');
    await page.waitForSelector('#output[data-state]', { timeout: 120_000 });
    return page.evaluate(() => ({
      state: document.querySelector('#output').dataset.state,
      output: document.querySelector('#output').textContent,
      metricsRows: [...document.querySelectorAll('#metrics tbody tr')].map((tr) => tr.dataset.node),
      error: document.querySelector('#error-message').textContent,
      where: document.querySelector('#error-where').textContent,
      traceback: document.querySelector('#traceback').textContent,
    }));
  }

  test('the status line reports the engine load time', async () => {
    assert.match(await page.textContent('#status'), /Engine loaded in [\d.]+ m?s/);
  });

  test('the catalog has every kind of example', () => {
    const ids = catalog.map((e) => e.id);
    for (const id of ['calculator', 'text_processor', 'hybrid', 'uppercase_wasm', 'shout_python']) assert.ok(ids.includes(id), ids.join());
  });

  for (const [i, ex] of catalog.entries()) {
    test(`example ${ex.id} runs from the page`, async () => {
      await page.selectOption('#example', String(i));
      await page.waitForFunction((id) => !document.querySelector('#output').dataset.state, ex.id);
      const res = await runInUI();
      assert.equal(res.state, 'ok', res.error);
      if (ex.expected) {
        const expected = JSON.parse(readFileSync(join(distDir, ex.expected), 'utf8'));
        assert.deepEqual(JSON.parse(res.output), expected);
      }
      assert.ok(res.metricsRows.length > 0, 'per-node timings are shown');
      if (ex.id === 'hybrid') await page.screenshot({ path: join(results, 'demo-hybrid.png'), fullPage: true });
    });
  }

  test('a dropped .rmpkg with a raising Python node shows the node id and traceback', async () => {
    const bytes = makePackage({
      'manifest.json': JSON.stringify({ version: 'v1', nodes: [{ id: 'fragile', node_type: 'Fragile', params: {} }] }),
      'python/fragile.py': 'import remotemedia as rm\n\n\nclass Fragile(rm.Node):\n    def process(self, x):\n        return 10 // x\n',
    });
    await dropFile(page, 'fragile.rmpkg', bytes);
    await page.waitForFunction(() => document.querySelector('#manifest').value.includes('python/fragile.py'));
    await page.fill('#input', '[5, 0]');
    const res = await runInUI();
    assert.equal(res.state, 'error');
    assert.match(res.error, /node\[fragile\] input\[1\]: ZeroDivisionError/);
    assert.match(res.where, /nodefragile/);
    assert.match(res.where, /input1/);
    assert.match(res.traceback, /File "python\/fragile.py", line 6, in process\n\s+return 10 \/\/ x/);
    await page.screenshot({ path: join(results, 'demo-python-error.png'), fullPage: true });
  });

  test('a dropped invalid package shows a clear error', async () => {
    await dropFile(page, 'broken.rmpkg', new TextEncoder().encode('not a zip'));
    // Shown on drop, before any run, with the CLI's message.
    await page.waitForFunction(() => document.querySelector('#manifest').value.includes('broken.rmpkg: invalid package'));
    assert.match(await page.inputValue('#manifest'), /not an \.rmpkg package \(not a ZIP archive\)/);
    const res = await runInUI();
    assert.equal(res.state, 'error');
    assert.match(res.error, /invalid package: not an \.rmpkg package \(not a ZIP archive\)/);
  });

  test('an edited manifest with a typo shows the problem and a suggestion', async () => {
    await page.selectOption('#example', String(catalog.findIndex((e) => e.id === 'calculator')));
    await page.waitForFunction(() => document.querySelector('#manifest').value.includes('MultiplyNode'));
    await page.fill('#manifest', (await page.inputValue('#manifest')).replace('"AddNode"', '"AdNode"'));
    const res = await runInUI();
    assert.equal(res.state, 'error');
    assert.match(res.where, /\$\.nodes\[1\]\.node_type: unknown node_type "AdNode" \(did you mean "AddNode"\?\)/);
  });

  test('no request left the origin', () => assert.deepEqual(site.foreignRequests(), []));
});

// dropFile dispatches a real drop event carrying the file on the drop zone.
async function dropFile(page, name, bytes) {
  await page.evaluate(([name, data]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], name, { type: 'application/zip' }));
    document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, Array.from(bytes)]);
  await page.waitForFunction((name) => document.querySelector('#manifest-note').textContent.includes(name), name);
}
