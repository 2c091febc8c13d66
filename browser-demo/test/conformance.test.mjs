// Every case of the shared conformance vectors runs through rt.run in the
// page, with the same checks as the CLI's and Python's conformance tests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inPage, openSite, readShared } from './browser.mjs';
import { checkExpectation } from './expect.mjs';

const vectors = readShared('conformance/manifests.json');

describe('conformance vectors in the browser', () => {
  let site;
  before(async () => {
    site = await openSite();
    await site.page.goto(site.url);
  });
  after(async () => site?.close());

  for (const c of vectors.cases) {
    test(c.name, async () => {
      const res = await inPage(site.page, (rt, c) => rt.run(c.manifest, c.input), c);
      checkExpectation(c.expect, res);
    });
  }

  test('wire v1 frames in and out', async () => {
    const frames = readShared('conformance/frames.json').frames;
    const manifest = { version: 'v1', nodes: [{ id: 'p', node_type: 'PassThrough', params: {} }], connections: [] };
    const res = await inPage(site.page, async (rt, { manifest, hexes }) => {
      const fromHex = (h) => new Uint8Array(h.match(/../g).map((b) => parseInt(b, 16)));
      const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      const r = await rt.runDetailed(manifest, hexes.map(fromHex), { frames: true });
      return r.frames.p.map(toHex);
    }, { manifest, hexes: frames.map((f) => f.hex) });
    assert.deepEqual(res.value, frames.map((f) => f.hex), 'PassThrough must return every vector byte for byte');
  });

  test('no request left the origin', () => {
    assert.deepEqual(site.foreignRequests(), []);
  });
});
