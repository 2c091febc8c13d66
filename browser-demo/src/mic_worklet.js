// The AudioWorklet side of rt.microphone (microphone.js): it cuts the
// captured audio into frames of a fixed number of sample frames,
// interleaved when the input has several channels, and transfers each one
// to the page with the index of its first sample, from which the page
// stamps it: a clock of samples, not of wall time.
class MicFrames extends AudioWorkletProcessor {
  constructor({ processorOptions }) {
    super();
    this.frameSamples = processorOptions.frameSamples; // per channel
    this.channels = 0; // fixed by the first input block
    this.buf = null;
    this.fill = 0; // sample frames in buf
    this.sent = 0; // sample frames sent before buf
    this.stopped = false;
    this.port.onmessage = ({ data }) => {
      if (data === 'stop') {
        this.stopped = true;
        if (this.fill > 0) this.send(this.fill);
        this.port.postMessage({ done: true, samples: this.sent });
      }
    };
  }

  process(inputs) {
    const input = inputs[0];
    if (this.stopped) return false;
    if (!input || input.length === 0) return true; // no source connected yet
    if (this.buf === null) {
      this.channels = input.length;
      this.buf = new Float32Array(this.frameSamples * this.channels);
    }
    const n = input[0].length;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < this.channels; c++) {
        // A channel that went missing mid-stream reads as silence.
        this.buf[this.fill * this.channels + c] = input[c] ? input[c][i] : 0;
      }
      if (++this.fill === this.frameSamples) this.send(this.fill);
    }
    return true;
  }

  send(count) {
    const samples = count === this.frameSamples ? this.buf : this.buf.slice(0, count * this.channels);
    this.port.postMessage({ samples, channels: this.channels, first: this.sent }, [samples.buffer]);
    this.sent += count;
    this.fill = 0;
    this.buf = new Float32Array(this.frameSamples * this.channels);
  }
}

registerProcessor('remotemedia-mic', MicFrames);
