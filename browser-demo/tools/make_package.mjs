// makePackage zips files ({name: bytes}) into the .rmpkg layout, adding
// checksums.sha256 in sha256sum format as `remotemedia package create`
// writes it (docs/RMPKG_FORMAT.md). Used by build.mjs for the demo packages
// and by the tests for packages made on the fly.
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';

export function makePackage(files, { checksums = true } = {}) {
  const names = Object.keys(files).sort();
  const entries = Object.fromEntries(names.map((n) => [n, toBytes(files[n])]));
  if (checksums) {
    const sums = names.map((n) => `${createHash('sha256').update(entries[n]).digest('hex')}  ${n}\n`).join('');
    entries['checksums.sha256'] = new TextEncoder().encode(sums);
  }
  return zipSync(entries, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
}

function toBytes(v) {
  return typeof v === 'string' ? new TextEncoder().encode(v) : new Uint8Array(v);
}
