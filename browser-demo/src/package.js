// Opening a .rmpkg in the browser (docs/RMPKG_FORMAT.md). The Go engine
// reads and checks it (core/rmpkg/verify: the CLI's limits, entry, checksum
// and manifest rules and messages, from the same code); only the modules'
// ABI check is left to wasm_host.js, which instantiates them.
import { Failure } from './host.js';

const decoder = new TextDecoder();

// openPackage returns {manifest: Uint8Array, wasm: Map<name, Uint8Array>,
// python: {file: text} | null, files: [names]} or throws a Failure with
// code "package", exit 2, and every problem found.
export async function openPackage(api, bytes) {
  if (!(bytes instanceof Uint8Array)) {
    throw new Failure({ code: 'package', exit: 2, message: 'invalid package: want the package bytes as a Uint8Array', problems: [] });
  }
  const { envelope, manifest, wasm, python, files } = await api.openPackage(bytes);
  const env = JSON.parse(decoder.decode(envelope));
  if (!env.ok) throw new Failure(env.error);
  return { manifest, wasm, python, files };
}
