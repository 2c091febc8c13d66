// The demo page's Live panel: rt.microphone on the CLI's speech example
// plus a level meter, drawing speech segments on a timeline as the VAD
// finds them, with the per-frame latency (docs/BROWSER.md, "Microphone").
const WINDOW_MS = 30000; // the timeline shows the last 30 s

const $ = (id) => document.getElementById(id);

async function liveManifest() {
  const manifest = await (await fetch('examples/audio/speech.json')).json();
  manifest.nodes.push({ id: 'level', node_type: 'AudioLevelNode', params: {} });
  manifest.connections.push({ from: 'frames20ms', to: 'level' });
  return manifest;
}

export function setupLive(runtime) {
  let mic = null;
  let nowMs = 0;
  const button = $('mic');
  const place = (el, startMs, endMs) => {
    const left = Math.max(0, 1 - (nowMs - startMs) / WINDOW_MS);
    el.style.left = `${left * 100}%`;
    el.style.width = `${Math.max(0.2, ((endMs - startMs) / WINDOW_MS) * 100)}%`;
  };
  const redraw = () => {
    for (const el of $('timeline').querySelectorAll('.segment')) place(el, +el.dataset.start, +el.dataset.end);
  };
  button.addEventListener('click', async () => {
    if (mic) {
      button.disabled = true;
      try { await mic.stop(); } finally { mic = null; button.textContent = 'Start microphone'; button.disabled = false; }
      return;
    }
    button.disabled = true;
    try {
      const rt = await runtime;
      mic = await rt.microphone(await liveManifest(), {
        frameMs: 20,
        onLevel: (rms, timeMs) => { $('level').value = Math.min(1, rms * 4); nowMs = timeMs; redraw(); },
        onOutput: (sink, value, { latencyMs }) => {
          if (latencyMs !== undefined) $('latency').textContent = `latency ${latencyMs.toFixed(1)} ms per frame`;
          if (sink !== 'vad') return;
          const el = document.createElement('div');
          el.className = 'segment';
          el.dataset.start = value.start_ms;
          el.dataset.end = value.end_ms;
          el.title = `${value.start_ms}–${value.end_ms} ms`;
          $('timeline').append(el);
          place(el, value.start_ms, value.end_ms);
          const li = document.createElement('li');
          li.textContent = `speech ${(value.start_ms / 1000).toFixed(2)}–${(value.end_ms / 1000).toFixed(2)} s`;
          $('segments').append(li);
        },
        onError: (err) => { $('latency').textContent = `error: ${err.message}`; mic = null; button.textContent = 'Start microphone'; },
      });
      button.textContent = 'Stop microphone';
    } catch (err) {
      $('latency').textContent = `cannot start the microphone: ${err.message}`;
      mic = null;
    } finally {
      button.disabled = false;
    }
  });
}
