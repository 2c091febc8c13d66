// checkExpectation applies one conformance "expect" object (see the "about"
// field of manifests.json) to what inPage returned: {value} or {error}.
import assert from 'node:assert/strict';

const canon = (v) => JSON.stringify(sortKeys(v));
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
const sorted = (list) => [...list].sort((a, b) => (canon(a) < canon(b) ? -1 : canon(a) > canon(b) ? 1 : 0));

export function checkExpectation(expect, res) {
  if (expect.exit !== 0) {
    assert.ok(res.error, `want exit ${expect.exit}, got output ${JSON.stringify(res.value)}`);
    assert.equal(res.error.exit, expect.exit, `exit code of: ${res.error.message}`);
    for (const s of expect.message_contains ?? []) {
      assert.ok(res.error.message.includes(s), `message ${JSON.stringify(res.error.message)} lacks ${JSON.stringify(s)}`);
    }
    return;
  }
  assert.ok(!res.error, `want success, got ${JSON.stringify(res.error)}`);
  const out = res.value;
  if ('output' in expect) assert.deepEqual(out, expect.output);
  if ('output_sorted' in expect) assert.deepEqual(sorted(out), sorted(expect.output_sorted));
  if ('output_contains' in expect) {
    for (const s of [expect.output_contains].flat()) assert.ok(canon(out).includes(s), `${canon(out)} lacks ${s}`);
  }
  if ('output_input_order' in expect) {
    // Per input index, the sorted outputs derived from it, in input order:
    // flattening the groups must give the output once each group is sorted.
    let at = 0;
    for (const group of expect.output_input_order) {
      assert.deepEqual(sorted(out.slice(at, at + group.length)), sorted(group));
      at += group.length;
    }
    assert.equal(at, out.length);
  }
}
