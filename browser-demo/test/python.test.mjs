// Python nodes in Pyodide: the seed's nodes, a hybrid Go + Python pipeline,
// user nodes from a package's python/*.py, and errors with the node id and
// the Python traceback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makePackage } from '../tools/make_package.mjs';
import { demoDir, distDir, inPage, openSite } from './browser.mjs';

const example = (name, part) => JSON.parse(readFileSync(join(demoDir, 'examples', `${name}${part}.json`), 'utf8'));
const runPackage = (page, bytes, input) => inPage(page, (rt, a) => rt.runPackage(new Uint8Array(a.bytes), a.input),
  { bytes: Array.from(bytes), input });

describe('Python nodes in Pyodide', () => {
  let site;
  before(async () => {
    site = await openSite();
    await site.page.goto(site.url);
  });
  after(async () => site?.close());

  test('a Go-only pipeline does not load Pyodide', async () => {
    const res = await inPage(site.page, (rt) => rt.run({ version: 'v1', nodes: [{ id: 'a', node_type: 'AddNode', params: { addend: 1 } }] }, [1]));
    assert.deepEqual(res.value, [2]);
    assert.ok(!site.requests.some((u) => u.includes('/pyodide/')), site.requests.join('\n'));
  });

  test('text processor example (TextProcessorNode)', async () => {
    const res = await inPage(site.page, (rt, a) => rt.run(a.m, a.i), { m: example('text_processor', ''), i: example('text_processor', '.input') });
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, example('text_processor', '.expected'));
    // Pyodide came from this site: the worker's requests are recorded too.
    assert.ok(site.requests.some((u) => u.endsWith('/pyodide/pyodide.asm.wasm')), site.requests.join('\n'));
  });

  test('hybrid Go + Python example (DataTransformNode, then Go nodes)', async () => {
    const res = await inPage(site.page, (rt, a) => rt.runDetailed(a.m, a.i), { m: example('hybrid', ''), i: example('hybrid', '.input') });
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value.output, example('hybrid', '.expected'));
    const byId = Object.fromEntries(res.value.metrics.map((m) => [m.id, m]));
    assert.equal(byId.tidy.items_in, 3);
    assert.equal(byId.tidy.items_out, 2, 'the filter drops the failed record');
    assert.equal(byId.double.items_out, 2);
  });

  test('a user Python node from a package (the demo package)', async () => {
    const bytes = readFileSync(join(distDir, 'examples', 'shout_python.rmpkg'));
    const res = await runPackage(site.page, bytes, example('packages/shout_python/shout_python', '.input'));
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, example('packages/shout_python/shout_python', '.expected'));
  });

  test('a raising Python node names the node and input, with the traceback', async () => {
    const bytes = makePackage({
      'manifest.json': JSON.stringify({
        version: 'v1',
        nodes: [{ id: 'double', node_type: 'MultiplyNode', params: { multiplier: 2 } }, { id: 'picky', node_type: 'Picky', params: {} }],
        connections: [{ from: 'double', to: 'picky' }],
      }),
      'python/picky.py': [
        'import remotemedia as rm',
        '',
        'class Picky(rm.Node):',
        '    def process(self, x):',
        '        if x > 10:',
        '            raise ValueError(f"{x} is too big")',
        '        return x',
        '',
      ].join('\n'),
    });
    const res = await runPackage(site.page, bytes, [1, 2, 30, 4]);
    const err = res.error;
    assert.ok(err, `want an error, got ${JSON.stringify(res.value)}`);
    assert.equal(err.node, 'picky');
    assert.equal(err.input, 2);
    assert.equal(err.exit, 1);
    assert.equal(err.pythonType, 'ValueError');
    assert.match(err.message, /node\[picky\] input\[2\]: ValueError: 60 is too big/);
    assert.match(err.traceback, /File "python\/picky.py", line 6, in process/);
    assert.match(err.traceback, /raise ValueError\(f"\{x\} is too big"\)/);
  });

  test('a package whose Python does not import shows its traceback', async () => {
    const bytes = makePackage({
      'manifest.json': JSON.stringify({ version: 'v1', nodes: [{ id: 'n', node_type: 'Broken', params: {} }] }),
      'python/broken.py': 'import remotemedia as rm\nimport no_such_module\n',
    });
    const err = (await runPackage(site.page, bytes, [1])).error;
    assert.ok(err);
    assert.equal(err.code, 'package');
    assert.match(err.message, /ModuleNotFoundError/);
    assert.match(err.traceback, /File "python\/broken.py", line 2/);
  });

  test('a bad param fails before any input, naming the node', async () => {
    const m = { version: 'v1', nodes: [{ id: 'tidy', node_type: 'DataTransformNode', params: { operations: [{ op: 'explode' }] } }] };
    const err = (await inPage(site.page, (rt, m) => rt.run(m, [{}]), m)).error;
    assert.ok(err);
    assert.equal(err.node, 'tidy');
    assert.equal(err.exit, 2);
    assert.match(err.message, /op must be select, rename, filter or map/);
  });

  test('async process and generators work as under CPython', async () => {
    const bytes = makePackage({
      'manifest.json': JSON.stringify({
        version: 'v1',
        nodes: [{ id: 'split', node_type: 'Split', params: {} }, { id: 'later', node_type: 'Later', params: {} }],
        connections: [{ from: 'split', to: 'later' }],
      }),
      'python/nodes.py': [
        'import asyncio',
        'import remotemedia as rm',
        '',
        'class Split(rm.Node):',
        '    def process(self, text):',
        '        yield from text.split()',
        '',
        'class Later(rm.Node):',
        '    async def process(self, word):',
        '        await asyncio.sleep(0)',
        '        return len(word)',
        '',
      ].join('\n'),
    });
    const res = await runPackage(site.page, bytes, ['a bb ccc', 'dddd']);
    assert.ok(!res.error, JSON.stringify(res.error));
    assert.deepEqual(res.value, [1, 2, 3, 4]);
  });

  test('no request left the origin', () => assert.deepEqual(site.foreignRequests(), []));
});
