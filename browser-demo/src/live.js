// The demo page's Live panel: rt.microphone on one of two pipelines plus a
// level meter, drawing speech segments (and, with the Silero pipeline,
// turns) on a timeline as they are found, with the per-frame latency
// (docs/BROWSER.md, "Microphone").
const WINDOW_MS = 30000; // the timeline shows the last 30 s

const $ = (id) => document.getElementById(id);

async function example(path) {
  return (await fetch(path)).json();
}

// Each pipeline adds its level meter and names the sinks the panel draws.
const PIPELINES = {
  // examples/audio/speech.json: VADNode's {start_ms, end_ms} objects.
  energy: async () => {
    const manifest = await example('examples/audio/speech.json');
    manifest.nodes.push({ id: 'level', node_type: 'AudioLevelNode', params: {} });
    manifest.connections.push({ from: 'frames20ms', to: 'level' });
    return manifest;
  },
  // examples/speech/vad.json, with a turn detector after the VAD emitting
  // events, and a PassThrough sink for the utterances themselves.
  silero: async () => {
    const manifest = await example('examples/speech/vad.json');
    manifest.nodes.push(
      { id: 'turn', node_type: 'TurnDetectorNode', params: { threshold: 0.5, emit: 'events' } },
      { id: 'seg', node_type: 'PassThrough', params: {} },
      { id: 'level', node_type: 'AudioLevelNode', params: {} },
    );
    manifest.connections.push({ from: 'vad', to: 'turn' }, { from: 'vad', to: 'seg' }, { from: 'to16k', to: 'level' });
    return manifest;
  },
};

// An utterance as the panel draws it: VADNode's object, or SileroVADNode's
// audio frame (its timestamp and length).
function utterance(sink, value) {
  if (sink === 'vad') return value;
  const { timestamp_ns: ts, samples, sample_rate: rate, channels } = value.audio;
  const start = Number(ts) / 1e6;
  return { start_ms: start, end_ms: start + (samples.length / channels / rate) * 1000 };
}

const seconds = (ms) => (ms / 1000).toFixed(2);

export function setupLive(runtime) {
  let mic = null;
  let nowMs = 0;
  const button = $('mic');
  const timeline = $('timeline');
  const place = (el) => {
    const [startMs, endMs] = [+el.dataset.start, +el.dataset.end];
    const left = Math.max(0, 1 - (nowMs - startMs) / WINDOW_MS);
    el.style.left = `${left * 100}%`;
    el.style.width = `${Math.max(0.2, ((endMs - startMs) / WINDOW_MS) * 100)}%`;
  };
  const redraw = () => {
    for (const el of timeline.querySelectorAll('.segment, .turn')) place(el);
  };
  // A span on the timeline, with its entry in the list below it.
  const span = (el, startMs, endMs, text) => {
    el.dataset.start = startMs;
    el.dataset.end = endMs;
    el.title = text;
    place(el);
    const li = document.createElement('li');
    li.textContent = text;
    $('segments').append(li);
  };
  const showSegment = (u) => {
    const el = document.createElement('div');
    el.className = 'segment';
    timeline.append(el);
    span(el, u.start_ms, u.end_ms, `speech ${seconds(u.start_ms)}–${seconds(u.end_ms)} s`);
  };
  // One element per turn: a held turn's later scores (same start) widen it.
  const showTurn = (e) => {
    let el = timeline.querySelector(`.turn[data-start="${e.start_ms}"]`);
    if (!el) {
      el = document.createElement('div');
      el.className = 'turn';
      timeline.append(el);
    }
    el.classList.toggle('ended', e.is_turn_end);
    const state = e.is_turn_end ? 'turn' : 'turn held';
    span(el, e.start_ms, e.end_ms,
      `${state} ${seconds(e.start_ms)}–${seconds(e.end_ms)} s (p ${e.turn_probability.toFixed(2)}, ${e.utterances} utterance${e.utterances === 1 ? '' : 's'})`);
  };
  const onOutput = (sink, value, { latencyMs }) => {
    if (latencyMs !== undefined) $('latency').textContent = `latency ${latencyMs.toFixed(1)} ms per frame`;
    if (sink === 'vad' || sink === 'seg') showSegment(utterance(sink, value));
    else if (sink === 'turn') showTurn(value);
  };
  const stopped = () => { mic = null; button.textContent = 'Start microphone'; $('live-pipeline').disabled = false; };
  button.addEventListener('click', async () => {
    if (mic) {
      button.disabled = true;
      try { await mic.stop(); } finally { stopped(); button.disabled = false; }
      return;
    }
    button.disabled = true;
    $('live-pipeline').disabled = true;
    try {
      const rt = await runtime;
      const manifest = await PIPELINES[$('live-pipeline').value]();
      mic = await rt.microphone(manifest, {
        frameMs: 20,
        onLevel: (rms, timeMs) => { $('level').value = Math.min(1, rms * 4); nowMs = timeMs; redraw(); },
        onOutput,
        onError: (err) => { $('latency').textContent = `error: ${err.message}`; stopped(); },
      });
      button.textContent = 'Stop microphone';
    } catch (err) {
      $('latency').textContent = `cannot start the microphone: ${err.message}`;
      stopped();
    } finally {
      button.disabled = false;
    }
  });
}
