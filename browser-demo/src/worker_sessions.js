// Streaming sessions in the worker (browser-demo/engine/session.go does the
// work). The page names each session by the id of its start call; events
// go back as {event: 'output', session, sink, input, frame: ArrayBuffer}
// (transferred) and one {event: 'ended', session, ok, value | error}.
import { Failure, createHost } from './host.js';
import { openPackage } from './package.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Session ops for an engine promise ({api}) and a poster (self.postMessage). */
export function createSessions(engine, post) {
  const live = new Map(); // page's session id -> engine session number
  let api; // set by the first start, before any session is live

  // A session runs a manifest (JSON text) or the pipeline of a .rmpkg
  // package (its bytes), whose Python and WASM nodes the host then serves.
  async function start({ id, manifest, bytes, options = {} }) {
    ({ api } = await engine);
    let hostConfig;
    if (bytes) {
      const pkg = await openPackage(api, bytes);
      manifest = decoder.decode(pkg.manifest);
      hostConfig = { pythonSources: pkg.python, wasmModules: pkg.wasm };
    }
    const host = createHost(hostConfig);
    let ended = false;
    const end = (env) => {
      ended = true;
      live.delete(id);
      host.dispose();
      post(env.ok ? { event: 'ended', session: id, ok: true, value: { metrics: env.metrics, skipped: env.skipped } }
        : { event: 'ended', session: id, ok: false, error: env.error });
    };
    try {
      await host.load();
      const started = JSON.parse(decoder.decode(await api.start({
        manifest: encoder.encode(manifest),
        skipErrors: Boolean(options.skipErrors),
        host,
        onOutput: (sink, frame, input) => post({ event: 'output', session: id, sink, input, frame: frame.buffer }, [frame.buffer]),
        onEnd: (envelope) => end(JSON.parse(decoder.decode(envelope))),
      })));
      if (!started.ok) throw new Failure(started.error);
      // A node failing in Init may have ended the session already.
      if (!ended) live.set(id, started.session);
      return { sinks: started.sinks };
    } catch (err) {
      host.dispose();
      throw err;
    }
  }

  // push, close and cancel get no reply: the session's events tell the rest.
  // A session that has ended drops them.
  // They run synchronously, so the engine takes them in the order sent.
  function push({ session, frame }) {
    const handle = live.get(session);
    if (handle !== undefined) api.push(handle, new Uint8Array(frame));
  }

  function control(method, { session }) {
    const handle = live.get(session);
    if (handle !== undefined) api[method](handle);
  }

  return {
    start,
    push,
    close: (msg) => control('close', msg),
    cancel: (msg) => control('cancel', msg),
    count: () => live.size,
  };
}
