// A streaming session on the page's side (docs/BROWSER.md): Runtime.start
// makes one. Every pushed item becomes one wire v1 frame in a fresh
// ArrayBuffer that is transferred, not copied, to the worker; every output
// comes back the same way and is decoded here (wire.js).
import { RemoteMediaError } from './errors.js';
import { decodeFrame, encodeItem } from './wire.js';

export class Session {
  #post;
  #onOutput;
  #onError;
  #open = true; // takes input: until close, cancel or the end
  #ended = false;
  #outputs = 0;
  #settle;

  /** @internal Made by Runtime.start. */
  constructor(id, post, options) {
    this.id = id;
    /** Sink ids in manifest order; set once the session has started. */
    this.sinks = [];
    this.#post = post;
    this.#onOutput = options.onOutput;
    this.#onError = options.onError;
    /** Settles when the session ends: its report, or the error that ended it. */
    this.done = new Promise((resolve, reject) => { this.#settle = { resolve, reject }; });
    // The error is reported by close(), done and onError; an app that only
    // uses one of them should not also see an "unhandled rejection".
    this.done.catch(() => {});
  }

  /**
   * Feeds one input item: an audio value {audio: {samples: Float32Array,
   * sample_rate, channels?, timestamp_ns?}}, a Uint8Array wire v1 frame, a
   * string (a text frame) or any other JSON value. Returns false, and drops
   * the item, once the session takes no more input (closed or ended).
   */
  push(item) {
    if (!this.#open) return false;
    const frame = encodeItem(item);
    this.#post({ op: 'push', session: this.id, frame }, [frame]);
    return true;
  }

  /** Ends the input. Resolves after the last output, once every node has flushed. */
  close() {
    if (this.#open) {
      this.#open = false;
      this.#post({ op: 'close', session: this.id });
    }
    return this.done;
  }

  /** Stops the session now; resolves once it has ended. */
  cancel() {
    if (this.#open) {
      this.#open = false;
      this.#post({ op: 'cancel', session: this.id });
    }
    return this.done.then(() => {}, () => {});
  }

  /** @internal The worker's events for this session. */
  handle(event) {
    if (event.event === 'output') {
      if (this.#ended) return; // after onOutput threw: the cancel is on its way
      this.#outputs++;
      try {
        this.#onOutput?.(event.sink, decodeFrame(event.frame), { input: event.input });
      } catch (err) {
        this.cancel();
        this.end(new RemoteMediaError({ code: 'internal', message: `onOutput threw: ${err?.message ?? err}` }));
      }
    } else if (event.event === 'ended') {
      if (event.ok) this.#finish({ sinks: this.sinks, outputs: this.#outputs, ...event.value });
      else this.end(new RemoteMediaError(event.error));
    }
  }

  /** @internal Ends the session with an error (also when the worker is gone). */
  end(error) {
    this.#finish(undefined, error);
  }

  // Only the first end counts: after onOutput threw, the engine's own
  // "cancelled" end that follows is not news.
  #finish(report, error) {
    if (this.#ended) return;
    this.#ended = true;
    this.#open = false;
    if (!error) {
      this.#settle.resolve(report);
      return;
    }
    this.#settle.reject(error);
    this.#onError?.(error);
  }
}
