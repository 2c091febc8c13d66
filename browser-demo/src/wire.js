// Frame encoding v1 (docs/FRAMES.md) on the page's side of a session. The
// engine owns the format (core/frame/encoding.go); this module writes the
// frames the page pushes and reads the frames sessions output, so audio
// crosses page -> worker -> engine as one transferable ArrayBuffer of raw
// float32 samples, never as JSON or base64. It writes the canonical form
// (shared/conformance/frames.json holds byte-exact vectors the tests check).
//
//   u8 version=1 | u8 kind | u16 reserved=0 | u32 LE meta_len | meta (JSON) | payload

const VERSION = 1;
const HEADER = 8;
const JSON_KIND = 1;
const TEXT = 2;
const BYTES = 3;
const AUDIO = 4;
const TENSOR = 5;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

// Samples and tensor data are copied as the platform's bytes, and the format
// is little-endian; every browser engine in use is.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('remotemedia: frame encoding v1 needs a little-endian platform');
}

/** True for an audio value: {audio: {samples: Float32Array, sample_rate, channels, timestamp_ns?}}. */
export function isAudioValue(v) {
  return v !== null && typeof v === 'object' && v.audio !== null && typeof v.audio === 'object'
    && v.audio.samples instanceof Float32Array;
}

/**
 * One input item as a fresh ArrayBuffer holding its wire v1 frame, ready to
 * be transferred: a Uint8Array is a frame already (copied, so the caller's
 * buffer stays usable), an audio value becomes an audio frame, a string a
 * text frame, and any other value a JSON frame.
 */
export function encodeItem(item) {
  if (item instanceof Uint8Array) return item.slice().buffer;
  if (isAudioValue(item)) return encodeAudio(item.audio);
  if (typeof item === 'string') return frameBuffer(TEXT, null, encoder.encode(item));
  const text = JSON.stringify(item);
  if (text === undefined) throw new TypeError(`cannot push ${typeof item}: push a JSON value, a string, an audio value or a Uint8Array frame`);
  return frameBuffer(JSON_KIND, null, encoder.encode(text));
}

// The engine checks the values (positive integers, whole frames) when it
// decodes, and fails the session with a clear error if they are wrong.
function encodeAudio({ samples, sample_rate: rate, channels = 1, timestamp_ns: ts = 0 }) {
  // Keys in byte order, timestamp_ns only when not zero: the canonical meta.
  const meta = ts === 0 || ts === 0n
    ? `{"channels":${json(channels)},"sample_rate":${json(rate)}}`
    : `{"channels":${json(channels)},"sample_rate":${json(rate)},"timestamp_ns":${json(ts)}}`;
  return frameBuffer(AUDIO, encoder.encode(meta), new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
}

function json(v) {
  return typeof v === 'bigint' ? v.toString() : JSON.stringify(v ?? null);
}

function frameBuffer(kind, meta, payload) {
  const metaLen = meta ? meta.length : 0;
  const buf = new ArrayBuffer(HEADER + metaLen + payload.length);
  const view = new DataView(buf);
  view.setUint8(0, VERSION);
  view.setUint8(1, kind);
  view.setUint32(4, metaLen, true);
  const bytes = new Uint8Array(buf);
  if (meta) bytes.set(meta, HEADER);
  bytes.set(payload, HEADER + metaLen);
  return buf;
}

const TYPED = {
  float32: Float32Array, float64: Float64Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  bool: Uint8Array,
};

/**
 * The value of one wire v1 frame (an ArrayBuffer or Uint8Array), in the plain
 * form the CLI prints (docs/FRAMES.md) except that samples, tensor data and
 * bytes stay binary: {audio: {..., samples: Float32Array}},
 * {tensor: {dtype, shape, data: <TypedArray>}}, {bytes: Uint8Array}.
 */
export function decodeFrame(frame) {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.length < HEADER || bytes[0] !== VERSION) throw new Error('not a wire v1 frame');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metaLen = view.getUint32(4, true);
  const meta = metaLen > 0 ? JSON.parse(decoder.decode(bytes.subarray(HEADER, HEADER + metaLen))) : {};
  const payload = bytes.subarray(HEADER + metaLen);
  switch (bytes[1]) {
    case JSON_KIND: return JSON.parse(decoder.decode(payload));
    case TEXT: return decoder.decode(payload);
    case BYTES: return { bytes: payload.slice() };
    case AUDIO: return {
      audio: {
        sample_rate: meta.sample_rate,
        channels: meta.channels,
        timestamp_ns: meta.timestamp_ns ?? 0,
        samples: typed(Float32Array, payload),
      },
    };
    case TENSOR: {
      const type = TYPED[meta.dtype];
      if (!type) throw new Error(`unknown tensor dtype ${meta.dtype}`);
      return { tensor: { dtype: meta.dtype, shape: meta.shape, data: typed(type, payload) } };
    }
    default: throw new Error(`unknown frame kind ${bytes[1]}`);
  }
}

// typed views the payload in place when it is aligned, else copies it.
function typed(Type, payload) {
  const n = payload.byteLength / Type.BYTES_PER_ELEMENT;
  if (payload.byteOffset % Type.BYTES_PER_ELEMENT === 0) return new Type(payload.buffer, payload.byteOffset, n);
  return new Type(payload.slice().buffer, 0, n);
}
