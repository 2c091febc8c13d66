// Writes the static site to dist/ (run by `make web`, after the engine is
// built to dist/remotemedia.wasm): the page and worker sources, Go's
// wasm_exec.js and Pyodide from node_modules, the Pyodide
// `remotemedia` package, the examples (.rmpkg packages built here), and
// onnxruntime-web with the speech models.
//
//   node build.mjs --wasm-exec "$(go env GOROOT)/lib/wasm/wasm_exec.js" --venv ../.venv
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { makePackage } from './tools/make_package.mjs';
import { pinnedFiles, pinnedModels } from './tools/pinned_files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const dist = join(here, 'dist');
const { values: args } = parseArgs({ options: { 'wasm-exec': { type: 'string' }, venv: { type: 'string' } } });
if (!args['wasm-exec'] || !args.venv) throw new Error('usage: node build.mjs --wasm-exec PATH --venv DIR');

// The engine (dist/remotemedia.wasm) is built by make before this script.
const engine = join(dist, 'remotemedia.wasm');
if (!existsSync(engine)) throw new Error(`${engine} is missing: run make web`);
for (const entry of readdirSync(dist)) {
  if (entry !== 'remotemedia.wasm') rmSync(join(dist, entry), { recursive: true });
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// Page, worker and JS API.
for (const f of readdirSync(join(here, 'src'))) {
  if (/\.(js|html|css)$/.test(f)) copy(join(here, 'src', f), join(dist, f));
}
copy(args['wasm-exec'], join(dist, 'wasm_exec.js'));

// Pyodide's core runtime: everything it loads without packages.
const pyodide = join(here, 'node_modules', 'pyodide');
for (const f of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json', 'package.json']) {
  copy(join(pyodide, f), join(dist, 'pyodide', f));
}

// onnxruntime-web's wasm backend and the models of SileroVADNode (from npm)
// and TurnDetectorNode (from the venv, make speech-models); each file
// checked against its pin first.
function copyPinned(from, sha256, to, fix) {
  const sha = createHash('sha256').update(readFileSync(from)).digest('hex');
  if (sha !== sha256) throw new Error(`${from} has sha256 ${sha}, want ${sha256}: ${fix}`);
  copy(from, join(dist, to));
}
for (const [from, to] of pinnedFiles) copyPinned(join(here, 'node_modules', from.file), from.sha256, to, 'run npm ci');
for (const [from, to] of pinnedModels(args.venv)) copyPinned(from.path, from.sha256, to, 'run make speech-models');

// The Pyodide `remotemedia` package: this folder's shim and bridge, plus the
// pure-Python modules of python/remotemedia copied unchanged.
const pyDist = join(dist, 'python');
const pyFiles = [];
function addPython(from, rel) {
  copy(from, join(pyDist, rel));
  pyFiles.push(rel);
}
for (const f of walk(join(here, 'src', 'python'))) {
  if (f.endsWith('.py')) addPython(f, relative(join(here, 'src', 'python'), f));
}
const pkg = join(repo, 'python', 'remotemedia');
for (const f of ['node.py', '_registry.py', 'exceptions.py', '_audio.py']) addPython(join(pkg, f), `remotemedia/${f}`);
for (const f of readdirSync(join(pkg, 'stdnodes'))) {
  if (f.endsWith('.py')) addPython(join(pkg, 'stdnodes', f), `remotemedia/stdnodes/${f}`);
}
writeFileSync(join(pyDist, 'files.json'), JSON.stringify(pyFiles.sort(), null, 1));

// Examples: the shared CLI examples (examples/*.json), this folder's own
// manifests, and packages zipped here in the .rmpkg format.
const exDist = join(dist, 'examples');
mkdirSync(exDist, { recursive: true });
const catalog = [];
function addManifest(dir, name, source) {
  const manifest = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const entry = { id: name, source, kind: 'manifest', title: manifest.metadata?.name ?? name,
    description: manifest.metadata?.description ?? '', manifest: `examples/${name}.json` };
  copy(join(dir, `${name}.json`), join(exDist, `${name}.json`));
  for (const part of ['input', 'expected']) {
    const f = join(dir, `${name}.${part}.json`);
    if (existsSync(f)) {
      copy(f, join(exDist, `${name}.${part}.json`));
      entry[part] = `examples/${name}.${part}.json`;
    }
  }
  catalog.push(entry);
}
const manifestNames = (dir) => readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !/\.(input|expected)\.json$/.test(f))
  .map((f) => f.slice(0, -'.json'.length)).sort();
for (const name of manifestNames(join(repo, 'examples'))) addManifest(join(repo, 'examples'), name, 'examples');
const own = join(here, 'examples');
for (const name of manifestNames(own)) addManifest(own, name, 'browser-demo/examples');

// The Live panel's pipelines (live.js): the CLI's speech examples, unchanged.
for (const [dir, file] of [['audio', 'speech.json'], ['speech', 'vad.json']]) {
  mkdirSync(join(exDist, dir), { recursive: true });
  copy(join(repo, 'examples', dir, file), join(exDist, dir, file));
}

for (const name of readdirSync(join(own, 'packages')).sort()) {
  const dir = join(own, 'packages', name);
  const spec = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const files = {};
  for (const f of walk(dir)) {
    const rel = relative(dir, f);
    if (rel !== 'package.json' && !/\.(input|expected)\.json$/.test(rel)) files[rel] = readFileSync(f);
  }
  for (const [rel, from] of Object.entries(spec.include ?? {})) files[rel] = readFileSync(join(repo, from));
  writeFileSync(join(exDist, `${name}.rmpkg`), makePackage(files));
  const entry = { id: name, source: 'browser-demo/examples/packages', kind: 'package',
    title: spec.title ?? name, description: spec.description ?? '', package: `examples/${name}.rmpkg` };
  for (const part of ['input', 'expected']) {
    const f = join(dir, `${name}.${part}.json`);
    if (existsSync(f)) {
      copy(f, join(exDist, `${name}.${part}.json`));
      entry[part] = `examples/${name}.${part}.json`;
    }
  }
  catalog.push(entry);
}
writeFileSync(join(exDist, 'index.json'), JSON.stringify(catalog, null, 1));

console.log(`web: wrote ${relative(repo, dist)} (${catalog.length} examples, ${pyFiles.length} Python files)`);
