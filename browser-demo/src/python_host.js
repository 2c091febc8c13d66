// Python nodes in Pyodide. Pyodide (from the npm package, served from this
// site's pyodide/ folder) is loaded on first need only, once per worker.
// Frames cross as wire v1 bytes: Uint8Array in, one bytes batch out.
const base = new URL('./', import.meta.url);
const LIB_DIR = '/home/pyodide/remotemedia-lib';

let loading = null;
let loadInfo = null;

// loadPython resolves to {pyodide, bridge, builtin}; concurrent callers
// share one load, and a failed load is retried by the next caller.
export function loadPython() {
  if (!loading) {
    loading = doLoad().catch((err) => {
      loading = null;
      throw err;
    });
  }
  return loading;
}

export function pythonLoadInfo() {
  return loadInfo;
}

async function doLoad() {
  const started = performance.now();
  const { loadPyodide } = await import(new URL('pyodide/pyodide.mjs', base).href);
  const pyodide = await loadPyodide({
    indexURL: new URL('pyodide/', base).href,
    stdout: (line) => console.log(`[python] ${line}`),
    stderr: (line) => console.warn(`[python] ${line}`),
  });
  const runtimeMs = performance.now() - started;
  const files = await (await fetch(new URL('python/files.json', base))).json();
  const sources = await Promise.all(files.map(async (f) => {
    const res = await fetch(new URL(`python/${f}`, base));
    if (!res.ok) throw new Error(`python/${f}: HTTP ${res.status}`);
    return [f, await res.text()];
  }));
  for (const [f, text] of sources) {
    const path = `${LIB_DIR}/${f}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    pyodide.FS.writeFile(path, text);
  }
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(LIB_DIR)})`);
  const bridge = pyodide.pyimport('remotemedia._browser');
  const builtin = bridge.builtin_scope();
  loadInfo = {
    loadMs: performance.now() - started,
    runtimeMs,
    pythonVersion: pyodide.runPython('import sys; sys.version.split()[0]'),
    pyodideVersion: pyodide.version,
  };
  return { pyodide, bridge, builtin };
}

// toJS turns what a bridge method returned into a host value: a Uint8Array
// frame batch, a failure {error, type, traceback}, or a Promise of either
// when the node was async.
function toJS(result) {
  if (result === undefined || result === null) return result;
  if (typeof result !== 'object' || typeof result.toJs !== 'function') return result;
  const type = result.type;
  if (type === 'coroutine') {
    // then() consumes (destroys) the proxy; the webloop runs the coroutine.
    return result.then((value) => toJS(value), (err) => ({ error: String(err.message ?? err) }));
  }
  try {
    if (type === 'bytes') return result.toJs();
    if (type === 'dict') return result.toJs({ dict_converter: Object.fromEntries });
    return { error: `the Python bridge returned a ${type}` };
  } finally {
    result.destroy();
  }
}

function isFailure(proxy) {
  return proxy && typeof proxy === 'object' && proxy.type === 'dict';
}

// createPythonHost serves one run. sources, for a package, maps python/*.py
// file names to their text; their node types join the built-in ones.
export function createPythonHost(sources) {
  let py = null;
  let scope = null;
  let ownScope = false;
  const load = async () => {
    if (py) return;
    const started = performance.now();
    const wasLoaded = loading !== null;
    py = await loadPython();
    host.loadMs = wasLoaded ? 0 : performance.now() - started;
  };
  const host = {
    loadMs: undefined,
    // loadPackage imports a package's python/*.py before the run, so a
    // module that fails to import is a package error with its traceback.
    async loadPackage() {
      await load();
      const dict = py.pyodide.toPy(sources);
      let made;
      try {
        made = py.bridge.package_scope(dict);
      } finally {
        dict.destroy();
      }
      if (isFailure(made)) {
        const f = toJS(made);
        throw Object.assign(new Error(`package python/: ${f.error}`), { code: 'package', exit: 2, traceback: f.traceback });
      }
      scope = made;
      ownScope = true;
    },
    async prepare(types) {
      if (!scope) {
        await load();
        scope = py.builtin;
      }
      const list = py.pyodide.toPy(types);
      try {
        return JSON.parse(scope.specs(list));
      } finally {
        list.destroy();
      }
    },
    create(type, paramsJSON) {
      const made = scope.create(type, paramsJSON);
      if (isFailure(made)) return toJS(made);
      return { node: made };
    },
    call(adapter, op, frame) {
      return toJS(adapter.call(op, frame));
    },
    disposeNode(adapter) {
      adapter.destroy();
    },
    dispose() {
      if (ownScope && scope) scope.destroy();
      scope = null;
    },
  };
  return host;
}
