// rt.microphone (docs/BROWSER.md): live audio from getUserMedia through an
// AudioWorklet (mic_worklet.js) into a streaming session. The worklet cuts
// frames of frameMs at the device rate; each one reaches the worker as one
// transferred wire v1 audio frame, stamped from its first sample's index
// (the audio clock), so the manifest's own AudioResampleNode and VAD see
// what the CLI sees in a WAV of the same audio.
const KEPT_LATENCIES = 4096; // the most recent, for p50/p95

export class Microphone {
  #ctx;
  #node;
  #tracks;
  #pushedAt = new Map(); // session input index -> performance.now() at push
  #stopping = null;
  #done = null;

  /** @internal Made by startMicrophone. */
  constructor(session, ctx, node, tracks, onLevel) {
    /** The streaming session the frames go to. */
    this.session = session;
    /** The capture rate (the AudioContext's, the device's by default). */
    this.sampleRate = ctx.sampleRate;
    /** Frames pushed so far. */
    this.frames = 0;
    /** Milliseconds from a frame's arrival from the worklet to each output it caused (the most recent). */
    this.latenciesMs = [];
    this.#ctx = ctx;
    this.#node = node;
    this.#tracks = tracks;
    node.port.onmessage = ({ data }) => {
      if (data.done) {
        this.#done?.();
        return;
      }
      const { samples, channels, first } = data;
      const ts = (BigInt(first) * 1000000000n) / BigInt(this.sampleRate);
      this.#pushedAt.set(this.frames, performance.now());
      if (this.session.push({ audio: { samples, sample_rate: this.sampleRate, channels, timestamp_ns: ts } })) this.frames++;
      onLevel?.(rms(samples), Number(ts) / 1e6);
    };
  }

  /** @internal Records the latency of an output of session input `input`. */
  observe(input) {
    const at = this.#pushedAt.get(input);
    if (at === undefined) return;
    this.latenciesMs.push(performance.now() - at);
    if (this.latenciesMs.length > KEPT_LATENCIES) this.latenciesMs.shift();
    // Inputs before this one will produce no more outputs (they arrive in order).
    for (const k of this.#pushedAt.keys()) {
      if (k >= input) break;
      this.#pushedAt.delete(k);
    }
  }

  /**
   * Stops capturing: the worklet sends the samples it holds, the capture
   * ends (tracks this call opened are stopped), and the session is closed.
   * Resolves with the session's report after its last output.
   */
  stop() {
    this.#stopping ??= (async () => {
      await new Promise((resolve) => {
        this.#done = resolve;
        this.#node.port.postMessage('stop');
        // A context that no longer renders (closed, suspended) never answers.
        if (this.#ctx.state !== 'running') resolve();
      });
      this.#release();
      return this.session.close();
    })();
    return this.#stopping;
  }

  /** @internal Frees the capture (also when the session failed). */
  #release() {
    this.#node.port.onmessage = null;
    this.#node.disconnect();
    for (const t of this.#tracks) t.stop();
    this.#ctx.close().catch(() => {});
  }

  /** @internal The session ended with an error: stop capturing. */
  abort() {
    if (this.#stopping) return;
    this.#stopping = Promise.resolve();
    this.#release();
  }
}

function rms(samples) {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/**
 * Starts a session of manifest fed by the microphone (or options.stream, a
 * MediaStream with an audio track). options: frameMs (default 20),
 * onOutput(sink, value, {input, latencyMs}), onError, onLevel(rms, timeMs),
 * sampleRate (the capture rate; default the device's), skipErrors.
 */
export async function startMicrophone(rt, manifest, options = {}) {
  const frameMs = options.frameMs ?? 20;
  if (!(Number.isFinite(frameMs) && frameMs >= 1 && frameMs <= 1000)) {
    throw new RangeError(`frameMs must be between 1 and 1000, got ${frameMs}`);
  }
  const ctx = new AudioContext(options.sampleRate ? { sampleRate: options.sampleRate } : undefined);
  let mic = null;
  let session = null;
  const tracks = [];
  try {
    await ctx.audioWorklet.addModule(new URL('./mic_worklet.js', import.meta.url));
    session = await rt.start(manifest, {
      skipErrors: options.skipErrors,
      onOutput: (sink, value, info) => {
        mic?.observe(info.input);
        const latency = mic?.latenciesMs.at(-1);
        options.onOutput?.(sink, value, { ...info, latencyMs: latency });
      },
      onError: (err) => {
        mic?.abort();
        options.onError?.(err);
      },
    });
    let stream = options.stream;
    if (!stream) {
      stream = await navigator.mediaDevices.getUserMedia({
        // The pipeline, not the browser, decides what happens to the audio.
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
      tracks.push(...stream.getAudioTracks());
    }
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'remotemedia-mic', {
      numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1],
      processorOptions: { frameSamples: Math.round((ctx.sampleRate * frameMs) / 1000) },
    });
    // The graph must reach the destination to be rendered; a muted gain
    // keeps the microphone out of the speakers.
    const mute = ctx.createGain();
    mute.gain.value = 0;
    source.connect(node).connect(mute).connect(ctx.destination);
    mic = new Microphone(session, ctx, node, tracks, options.onLevel);
    await ctx.resume();
    return mic;
  } catch (err) {
    for (const t of tracks) t.stop();
    ctx.close().catch(() => {});
    session?.cancel();
    throw err;
  }
}
