// Reading a .rmpkg in the browser (docs/RMPKG_FORMAT.md): a ZIP holding
// manifest.json, optional metadata.json, nodes/<name>.wasm, python/*.py and
// checksums.sha256. It is read in memory, never extracted, with the same
// size limits and checksum rules as core/internal/rmpkg.
const LIMITS = { maxPackage: 256 << 20, maxFile: 64 << 20, maxTotal: 512 << 20, maxEntries: 4096 };
const decoder = new TextDecoder();

export class PackageError extends Error {
  constructor(problems) {
    super(`invalid package: ${problems.join('; ')}`);
    this.code = 'package';
    this.exit = 2;
    this.problems = problems.map((message) => ({ path: '', message }));
  }
}

// openPackage returns {manifest: Uint8Array, wasm: Map<name, Uint8Array>,
// python: {file: text} | null, files: [names]} or throws a PackageError
// listing every problem found.
export async function openPackage(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new PackageError(['want the package bytes as a Uint8Array']);
  if (bytes.length > LIMITS.maxPackage) throw new PackageError([`package is ${bytes.length} bytes, over the ${LIMITS.maxPackage} limit`]);
  const { unzipSync } = await import('./vendor/fflate.js');
  const problems = [];
  let entries = 0;
  let total = 0;
  let files;
  try {
    files = unzipSync(bytes, {
      filter(f) {
        entries++;
        total += f.originalSize;
        if (entries > LIMITS.maxEntries) throw new Error(`more than ${LIMITS.maxEntries} entries`);
        if (f.originalSize > LIMITS.maxFile) throw new Error(`${f.name} is ${f.originalSize} bytes, over the ${LIMITS.maxFile} limit`);
        if (total > LIMITS.maxTotal) throw new Error(`contents exceed ${LIMITS.maxTotal} bytes`);
        return !f.name.endsWith('/');
      },
    });
  } catch (err) {
    throw new PackageError([`not a readable .rmpkg (ZIP) file: ${err.message}`]);
  }
  for (const name of Object.keys(files)) {
    if (name.startsWith('/') || name.split('/').includes('..') || name.includes('\\')) {
      problems.push(`${name}: unsafe entry name`);
    }
  }
  const manifest = files['manifest.json'];
  if (!manifest) problems.push('missing manifest.json');
  await checkChecksums(files, problems);

  const wasm = new Map();
  const python = {};
  for (const [name, content] of Object.entries(files)) {
    const node = /^nodes\/([A-Za-z0-9][A-Za-z0-9_.-]*)\.wasm$/.exec(name);
    if (node) {
      if (!(content[0] === 0 && content[1] === 0x61 && content[2] === 0x73 && content[3] === 0x6d)) {
        problems.push(`${name}: not a WebAssembly module (bad magic)`);
      }
      wasm.set(node[1], content);
    } else if (/^python\/[^/]+\.py$/.test(name)) {
      python[name.slice('python/'.length)] = decoder.decode(content);
    }
  }
  if (problems.length > 0) throw new PackageError(problems);
  return {
    manifest,
    wasm,
    python: Object.keys(python).length > 0 ? python : null,
    files: Object.keys(files).sort(),
  };
}

async function checkChecksums(files, problems) {
  const list = files['checksums.sha256'];
  if (!list) return; // seed-format packages have none; the CLI only warns
  const listed = new Set();
  const lines = decoder.decode(list).replace(/\n+$/, '').split('\n');
  for (const [i, line] of lines.entries()) {
    const at = line.indexOf('  ');
    const sum = at < 0 ? '' : line.slice(0, at);
    const name = at < 0 ? '' : line.slice(at + 2);
    if (!/^[0-9a-f]{64}$/.test(sum) || name === '') {
      problems.push(`checksums.sha256: line ${i + 1} is not "<sha256 hex>  <name>"`);
      continue;
    }
    listed.add(name);
    if (!files[name]) {
      problems.push(`checksums.sha256: lists ${name}, which the package does not contain`);
      continue;
    }
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', files[name]));
    const got = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    if (got !== sum) problems.push(`${name}: checksum mismatch: checksums.sha256 says ${sum}, content hashes to ${got}`);
  }
  for (const name of Object.keys(files)) {
    if (name !== 'checksums.sha256' && !listed.has(name)) problems.push(`${name}: not covered by checksums.sha256`);
  }
}
