// The demo page: pick an example or drop an .rmpkg, edit the input, run,
// and see outputs, per-node timings and errors. All the work happens in
// the runtime's Web Worker; this file only renders.
import { createRuntime } from './remotemedia.js';
import { setupLive } from './live.js';

const $ = (id) => document.getElementById(id);
const runtime = createRuntime();
setupLive(runtime);
let catalog = [];
let current = null; // {kind: 'manifest'} or {kind: 'package', bytes, name}
let pythonLoaded = false;

async function init() {
  try {
    const rt = await runtime;
    setStatus(`Engine loaded in ${ms(rt.engineLoadMs)}. Python (Pyodide): loaded on first use.`);
  } catch (err) {
    setStatus(`The engine failed to load: ${err.message}`);
    return;
  }
  catalog = await (await fetch('examples/index.json')).json();
  const select = $('example');
  for (const [i, ex] of catalog.entries()) {
    const opt = document.createElement('option');
    opt.value = String(i);
    opt.textContent = `${ex.title}${ex.kind === 'package' ? ' (.rmpkg)' : ''}`;
    select.append(opt);
  }
  select.disabled = false;
  select.addEventListener('change', () => chooseExample(catalog[Number(select.value)]));
  $('run').addEventListener('click', run);
  setupDrop();
  const wanted = new URLSearchParams(location.search).get('example');
  const start = Math.max(0, catalog.findIndex((ex) => ex.id === wanted));
  select.value = String(start);
  await chooseExample(catalog[start]);
  $('run').disabled = false;
}

async function chooseExample(ex) {
  $('description').textContent = ex.description;
  const text = async (path) => (await fetch(path)).text();
  $('input').value = ex.input ? await text(ex.input) : '[]';
  $('expected').textContent = ex.expected ? `Expected: ${JSON.stringify(JSON.parse(await text(ex.expected)))}` : '';
  if (ex.kind === 'package') {
    const bytes = new Uint8Array(await (await fetch(ex.package)).arrayBuffer());
    await showPackage(bytes, ex.package.split('/').pop());
  } else {
    current = { kind: 'manifest' };
    $('manifest').value = await text(ex.manifest);
    $('manifest').readOnly = false;
    $('manifest-note').textContent = '(editable)';
  }
  clearResults();
}

// showPackage lists a package's files and shows its manifest (read-only:
// the package runs as it is, checksums included).
async function showPackage(bytes, name) {
  current = { kind: 'package', bytes, name };
  $('manifest-note').textContent = `(from ${name}, read-only)`;
  $('manifest').readOnly = true;
  try {
    const { files, manifest } = await (await runtime).inspectPackage(bytes);
    const list = files.map((f) => `//   ${f}`).join('\n');
    $('manifest').value = `// ${name}:\n${list}\n\n${manifest}`;
  } catch (err) {
    $('manifest').value = `// ${name}: invalid package:\n// ${err.message.replaceAll('\n', '\n// ')}`;
  }
}

function setupDrop() {
  const drop = $('drop');
  const take = async (file) => {
    if (!file) return;
    $('description').textContent = `Dropped package ${file.name}`;
    $('expected').textContent = '';
    await showPackage(new Uint8Array(await file.arrayBuffer()), file.name);
    clearResults();
  };
  // Anywhere on the page accepts the drop; the zone shows where to aim.
  document.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  document.addEventListener('dragleave', () => drop.classList.remove('over'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    take(e.dataTransfer.files[0]);
  });
  $('file').addEventListener('change', (e) => take(e.target.files[0]));
}

async function run() {
  const rt = await runtime;
  clearResults();
  $('run').disabled = true;
  $('busy').hidden = false;
  const started = performance.now();
  // The ticker runs on the page's thread: it keeps moving because the
  // engine and Pyodide work in the worker.
  const ticker = setInterval(() => { $('elapsed').textContent = ((performance.now() - started) / 1000).toFixed(1); }, 100);
  try {
    const input = $('input').value;
    const res = current.kind === 'package'
      ? await rt.runPackageDetailed(current.bytes, input)
      : await rt.runDetailed($('manifest').value, input);
    $('output').textContent = JSON.stringify(res.output, null, 2);
    $('output').dataset.state = 'ok';
    showMetrics(res.metrics);
    const parts = [`run took ${ms(res.timings.totalMs)} in the worker`];
    if (res.timings.pythonLoadMs > 0) parts.push(`Pyodide loaded in ${ms(res.timings.pythonLoadMs)}`);
    if (res.skipped.length > 0) parts.push(`${res.skipped.length} items skipped`);
    $('timings').textContent = parts.join('; ');
    if (res.timings.pythonLoadMs > 0 && !pythonLoaded) {
      pythonLoaded = true;
      setStatus(`Engine loaded in ${ms(rt.engineLoadMs)}. Python (Pyodide) loaded in ${ms(res.timings.pythonLoadMs)}.`);
    }
  } catch (err) {
    showError(err);
  } finally {
    clearInterval(ticker);
    $('busy').hidden = true;
    $('run').disabled = false;
  }
}

function showMetrics(metrics) {
  const body = $('metrics').querySelector('tbody');
  body.replaceChildren(...metrics.map((m) => {
    const tr = document.createElement('tr');
    tr.dataset.node = m.id;
    const perItem = m.items_in > 0 ? m.busy_ns / m.items_in : 0;
    for (const v of [m.id, m.type, m.items_in, m.items_out, m.errors, ns(m.busy_ns), ns(perItem), ns(m.p50_ns), ns(m.p95_ns)]) {
      const td = document.createElement('td');
      td.textContent = String(v);
      tr.append(td);
    }
    return tr;
  }));
}

function showError(err) {
  $('output').textContent = '(failed)';
  $('output').dataset.state = 'error';
  $('error').hidden = false;
  $('error-message').textContent = err.message;
  const where = [];
  if (err.node !== undefined) where.push(['node', err.node], ['node type', err.nodeType]);
  if (err.input !== undefined) where.push(['input', err.input === null ? 'end of stream' : String(err.input)]);
  if (err.phase && err.phase !== 'process') where.push(['phase', err.phase]);
  where.push(['code', `${err.code} (exit ${err.exit})`]);
  for (const p of err.problems ?? []) where.push(['problem', p.path ? `${p.path}: ${p.message}` : p.message]);
  $('error-where').replaceChildren(...where.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
  $('traceback').hidden = !err.traceback;
  $('traceback').textContent = err.traceback ?? '';
}

function clearResults() {
  $('output').textContent = '(run a pipeline)';
  delete $('output').dataset.state;
  $('error').hidden = true;
  $('metrics').querySelector('tbody').replaceChildren();
  $('timings').textContent = '';
}

function setStatus(text) {
  $('status').textContent = text;
}

function ms(v) {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`;
}

function ns(v) {
  if (v >= 1e9) return `${(v / 1e9).toFixed(2)} s`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)} ms`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} µs`;
  return `${Math.round(v)} ns`;
}

init();
