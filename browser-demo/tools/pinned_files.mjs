// Files build.mjs copies from node_modules into the site, each with its
// sha256. The Silero model's pin is read from speech/models.go, the one the
// native node checks, so the page runs the very same model; the engine
// checks it again when it loads it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function nativePin(name) {
  const src = readFileSync(join(repo, 'speech', 'models.go'), 'utf8');
  const m = new RegExp(`${name} = model\\{[^}]*sha256:\\s*"([0-9a-f]{64})"`).exec(src);
  if (!m) throw new Error(`speech/models.go: no sha256 for ${name}`);
  return m[1];
}

const ort = 'onnxruntime-web/dist/';
export const pinnedFiles = [
  [{ file: `${ort}ort.wasm.min.mjs`, sha256: '219e6a1fc8a9938268d18efca3c91d310bd2f4a59bbd13744df5b2b7fc6cee3b' }, 'vendor/ort/ort.wasm.min.mjs'],
  [{ file: `${ort}ort-wasm-simd-threaded.mjs`, sha256: 'e13f7f94fc51b4ca72b12faeb1ee95f4ace6dfbc8939bc718aabdc0a27c4299b' }, 'vendor/ort/ort-wasm-simd-threaded.mjs'],
  [{ file: `${ort}ort-wasm-simd-threaded.wasm`, sha256: '3398c10d07d229bd91b364548e130e0e51a8e5704b88c7c083ebbeb78842dee2' }, 'vendor/ort/ort-wasm-simd-threaded.wasm'],
  [{ file: '@ricky0123/vad-web/dist/silero_vad_v6.onnx', sha256: nativePin('sileroVADModel') }, 'models/silero_vad.onnx'],
];
