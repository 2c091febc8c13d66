"""remotemedia.audio: Audio from numpy, WAV files, frames(), and the speech
pipeline run on a numpy array."""

from __future__ import annotations

import gc
import importlib.util
import re
import struct
import subprocess
import wave
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

import remotemedia as rm
from remotemedia._native import bindings
from remotemedia.testing import run_node

REPO = Path(__file__).resolve().parents[2]
BITS = {"u8": 8, "s16": 16, "s24": 24, "s32": 32}


class Identity(rm.Node):
    def process(self, x: Any) -> Any:
        return x


def quantized(x: np.ndarray, fmt: str) -> np.ndarray:
    """What a WAV of integer format fmt stores for x, read back: the rule of
    docs/AUDIO.md (scale by 2^(b-1), clamp, round half away from zero, NaN
    is 0), computed independently of the engine."""
    limit = 2.0 ** (BITS[fmt] - 1)
    v = np.clip(np.where(np.isnan(x), 0.0, x.astype(np.float64)) * limit, -limit, limit - 1)
    q = np.trunc(v + np.copysign(0.5, v))
    out: np.ndarray = (q / limit).astype(np.float32)
    return out


def signal(frames: int, channels: int, seed: int) -> np.ndarray:
    """(frames, channels) float32: random values, exact ties between 16-bit
    steps, full scale, beyond full scale, and NaN/inf."""
    x = np.random.default_rng(seed).uniform(-1, 1, (frames, channels)).astype(np.float32)
    ties = [0.5 / 32768, -0.5 / 32768, 2.5 / 32768]
    special = np.array([0, 1, -1, 1.5, -1.5, *ties, np.inf, -np.inf, np.nan], np.float32)
    x.reshape(-1)[: special.size] = special
    return x


# --- Audio from numpy -------------------------------------------------------


def test_audio_from_frames_by_channels_round_trips_through_the_engine() -> None:
    x = np.arange(12, dtype=np.float32).reshape(6, 2) / 12  # (frames, channels)
    a = rm.Audio(x, sample_rate=16000, timestamp=0.5)
    assert (a.channels, a.frames) == (2, 6)
    np.testing.assert_array_equal(a.samples, x.reshape(-1))  # interleaved
    for pipe_out in (run_node(Identity(), [a]), rm.Pipeline.from_manifest(
        {"version": "v1", "nodes": [{"id": "g", "node_type": "AudioGainNode", "params": {"gain_db": 0}}]}
    ).run([a])):
        (out,) = pipe_out
        assert isinstance(out, rm.Audio)
        assert (out.sample_rate, out.channels, out.timestamp) == (16000, 2, 0.5)
        np.testing.assert_array_equal(out.samples.reshape(-1, out.channels), x)


def test_audio_from_1d_and_non_float32_arrays() -> None:
    a = rm.Audio(np.arange(4, dtype=np.float64), sample_rate=8000)
    assert a.samples.dtype == np.float32 and a.channels == 1
    b = rm.Audio(np.arange(8, dtype=np.float32).reshape(4, 2)[::2], sample_rate=8000)  # non-contiguous
    (out,) = run_node(Identity(), [b])
    np.testing.assert_array_equal(out.samples, [0, 1, 4, 5])


@pytest.mark.parametrize(
    ("samples", "channels", "match"),
    [
        (np.zeros((4, 2), np.float32), 3, r"shape \(4, 2\) are \(frames, channels\) = 2 channels, not 3"),
        (np.zeros((2, 2, 2), np.float32), 1, "must be 1-D .* or 2-D"),
        (np.zeros(5, np.float32), 2, "5 samples do not divide into 2 channels"),
    ],
)
def test_audio_rejects_shapes_that_are_not_frames_by_channels(samples: Any, channels: int, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        rm.Audio(samples, sample_rate=8000, channels=channels)


# --- frames() ---------------------------------------------------------------


@pytest.mark.parametrize(("rate", "frame_ms", "size"), [(48000, 20, 960), (44100, 20, 882), (22050, 10, 221)])
def test_frames_are_views_with_exact_timestamps(rate: int, frame_ms: float, size: int) -> None:
    x = np.random.default_rng(1).uniform(-1, 1, (rate * 3 + 17, 2)).astype(np.float32)
    a = rm.Audio(x, sample_rate=rate, timestamp=12.5)
    out = list(rm.audio.frames(a, frame_ms=frame_ms))
    assert [f.frames for f in out] == [size] * (len(out) - 1) + [a.frames - size * (len(out) - 1)]
    assert 0 < out[-1].frames <= size
    for k, f in enumerate(out):
        assert f.timestamp == 12.5 + k * size / rate  # from the sample count, not a running sum
        assert (f.sample_rate, f.channels) == (rate, 2)
        assert np.shares_memory(f.samples, a.samples)
    np.testing.assert_array_equal(np.concatenate([f.samples for f in out]), a.samples)


def test_frames_timestamps_reach_the_engine_to_the_nanosecond() -> None:
    # AudioChunkerNode re-frames by sample count from its first input's
    # timestamp, so its outputs' timestamps say whether ours were exact.
    a = rm.Audio(np.zeros(44100 * 2, np.float32), sample_rate=44100, timestamp=1.0)
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.AudioChunkerNode(frame_samples=441), id="chunk")
    out = pipe.run(list(rm.audio.frames(a, frame_ms=20)))
    assert len(out) == 200
    assert [round(f.timestamp * 1e9) for f in out] == [10**9 + k * 441 * 10**9 // 44100 for k in range(200)]


def test_frames_rejects_a_frame_below_one_sample() -> None:
    with pytest.raises(ValueError, match="frame_ms 0.01 is less than one sample at 8000 Hz"):
        list(rm.audio.frames(rm.Audio(np.zeros(8, np.float32), 8000), frame_ms=0.01))


# --- WAV files --------------------------------------------------------------


@pytest.mark.parametrize("law", ["ulaw", "alaw"])
def test_g711_wav_is_what_sox_reads_and_survives_a_second_round(tmp_path: Path, law: str) -> None:
    # Telephony audio: 8 kHz G.711. Companding keeps the error relative to
    # the level; a decoded file written again is the same file.
    x = signal(801, 1, seed=7)
    first, second = tmp_path / "a.wav", tmp_path / "b.wav"
    rm.audio.write_wav(first, rm.Audio(x, sample_rate=8000), format=law)
    assert first.stat().st_size >= 801 + 44
    back = rm.audio.read_wav(first)
    assert (back.sample_rate, back.channels, back.frames) == (8000, 1, 801)
    y, full_scale = back.samples.reshape(-1), np.clip(np.nan_to_num(x.reshape(-1)), -1, 1)  # NaN codes 0
    assert np.all(np.abs(y - full_scale) <= np.abs(full_scale) / 16 + 1 / 256)
    rm.audio.write_wav(second, back, format=law)
    assert second.read_bytes() == first.read_bytes()
    sox = subprocess.run(["sox", str(first), "-t", "f32", "-"], capture_output=True, check=True).stdout
    np.testing.assert_array_equal(np.frombuffer(sox, np.float32), y)


def test_g711_bytes_decode_in_a_pipeline() -> None:
    # Raw mu-law payloads, as a telephony media stream sends them (20 ms of
    # 8 kHz each), become audio timed by their samples.
    pipe = rm.Pipeline()
    pipe.add(rm.nodes.AudioG711DecodeNode(law="mu-law"))
    out = pipe.run([bytes(range(160)), bytes(range(160))])
    assert [(a.sample_rate, a.channels, a.frames, a.timestamp) for a in out] == [(8000, 1, 160, 0.0), (8000, 1, 160, 0.02)]
    # 0xFF and 0x7F are mu-law's two zeros; 0x00 its most negative code.
    assert out[0].samples[0] == -32124 / 32768 and out[0].samples[127] == 0.0


@pytest.mark.parametrize("channels", [1, 2, 3, 6])
@pytest.mark.parametrize("fmt", ["u8", "s16", "s24", "s32", "f32", "f64"])
def test_wav_round_trip_matches_numpy(tmp_path: Path, fmt: str, channels: int) -> None:
    rate = {1: 8000, 2: 44100, 3: 48000, 6: 96000}[channels]
    x = signal(1001, channels, seed=channels)
    path = tmp_path / "x.wav"
    rm.audio.write_wav(path, rm.Audio(x, sample_rate=rate), format=fmt)
    bytes_per_sample = {"u8": 1, "s16": 2, "s24": 3, "s32": 4, "f32": 4, "f64": 8}[fmt]
    assert path.stat().st_size >= x.size * bytes_per_sample + 44
    back = rm.audio.read_wav(path)
    assert (back.sample_rate, back.channels, back.frames, back.timestamp) == (rate, channels, 1001, 0.0)
    want = x if fmt in ("f32", "f64") else quantized(x, fmt)
    np.testing.assert_array_equal(back.samples.reshape(-1, channels), want)


def test_wav_matches_the_standard_library_wave_module(tmp_path: Path) -> None:
    # An independent reader and writer: Python's wave (integer PCM, 1-2 channels).
    x = signal(500, 2, seed=3)
    ours = tmp_path / "ours.wav"
    rm.audio.write_wav(ours, rm.Audio(x, sample_rate=22050), format="s16")
    with wave.open(str(ours), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth(), w.getnframes()) == (22050, 2, 2, 500)
        pcm = np.frombuffer(w.readframes(500), dtype="<i2").reshape(500, 2)
    np.testing.assert_array_equal(pcm / 32768, quantized(x, "s16"))

    theirs = tmp_path / "theirs.wav"
    ints = np.array([[0, 255], [128, 1], [200, 60]], dtype=np.uint8)  # 8-bit WAV is unsigned
    with wave.open(str(theirs), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(1)
        w.setframerate(11025)
        w.writeframes(ints.tobytes())
    back = rm.audio.read_wav(theirs)
    assert (back.sample_rate, back.channels) == (11025, 2)
    np.testing.assert_array_equal(back.samples.reshape(-1, 2), (ints.astype(np.float32) - 128) / 128)


def test_read_wav_is_a_zero_copy_view_released_when_collected(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    rm.audio.write_wav(path, rm.Audio(np.ones(4800, np.float32), sample_rate=48000), format="f32")
    gc.collect()
    before = bindings.LentBuffers()
    a = rm.audio.read_wav(path)
    assert bindings.LentBuffers() == before + 1  # Go memory, viewed by numpy
    assert not a.samples.flags.writeable
    (out,) = rm.Pipeline.from_manifest(
        {"version": "v1", "nodes": [{"id": "g", "node_type": "AudioGainNode", "params": {"gain_db": -6.0206}}]}
    ).run([a])
    np.testing.assert_allclose(out.samples, 0.5, rtol=1e-4)
    del a, out
    gc.collect()
    assert bindings.LentBuffers() == before


def test_empty_wav_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    rm.audio.write_wav(path, rm.Audio(np.zeros((0, 2), np.float32), sample_rate=16000))
    back = rm.audio.read_wav(path)
    assert (back.sample_rate, back.channels, back.frames) == (16000, 2, 0)


def wav_header(tag: int, channels: int, rate: int, bits: int, data_bytes: int) -> bytes:
    align = channels * bits // 8
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * align, align, bits)
    return (b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", data_bytes))


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "truncated RIFF header: need 12 bytes, file has 0"),
        (b"OggS" + bytes(60), 'not a RIFF file: starts with "OggS"'),
        (b"RIFF\x00\x00\x00\x00AVI ", 'RIFF form is "AVI ", want "WAVE"'),
        (wav_header(1, 1, 16000, 16, 48000) + bytes(1200),
         "truncated data chunk: header says 48000 bytes, file has 1200"),
        (wav_header(2, 1, 8000, 4, 4) + bytes(4), r"unsupported format tag 0x0002 \(MS ADPCM\)"),
        (wav_header(1, 1, 16000, 12, 4) + bytes(4), "unsupported 12-bit"),
    ],
)
def test_read_wav_bad_files_raise_input_error(tmp_path: Path, content: bytes, match: str) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(rm.InputError, match=match) as info:
        rm.audio.read_wav(path)
    assert str(path) in str(info.value) and info.value.code == "invalid_input"


def test_read_wav_os_errors_are_python_os_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        rm.audio.read_wav(tmp_path / "missing.wav")
    with pytest.raises(IsADirectoryError):
        rm.audio.read_wav(tmp_path)


def test_write_wav_errors(tmp_path: Path) -> None:
    a = rm.Audio(np.zeros(8, np.float32), sample_rate=8000)
    with pytest.raises(rm.InputError, match="unknown WAV sample format 's8'; want one of u8, s16, s24, s32, f32, f64, ulaw, alaw"):
        rm.audio.write_wav(tmp_path / "x.wav", a, format="s8")
    with pytest.raises(TypeError, match="needs a remotemedia.Audio, got ndarray"):
        rm.audio.write_wav(tmp_path / "x.wav", np.zeros(8, np.float32))  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        rm.audio.write_wav(tmp_path / "no" / "x.wav", a)
    # The engine refuses the layout: no file is left behind.
    too_many = rm.Audio(np.zeros(8192, np.float32), sample_rate=8000, channels=8192)
    with pytest.raises(rm.InputError, match="channel count 8192 out of range 1..8191"):
        rm.audio.write_wav(tmp_path / "wide.wav", too_many)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_write_wav_never_harms_what_was_at_the_path(tmp_path: Path) -> None:
    # Issue 9: bad audio used to truncate, then delete, an existing file.
    existing = tmp_path / "take1.wav"
    existing.write_bytes(b"precious")
    too_many = rm.Audio(np.zeros(8192, np.float32), sample_rate=8000, channels=8192)
    with pytest.raises(rm.InputError, match="channel count"):
        rm.audio.write_wav(existing, too_many)
    assert existing.read_bytes() == b"precious"

    # A symlink is refused: neither it nor its target changes.
    link = tmp_path / "link.wav"
    link.symlink_to(existing)
    good = rm.Audio(np.zeros(8, np.float32), sample_rate=8000)
    with pytest.raises(rm.InputError, match="is a symlink, not a regular file; refusing to replace it"):
        rm.audio.write_wav(link, good)
    assert link.is_symlink() and existing.read_bytes() == b"precious"
    with pytest.raises(rm.InputError, match="a device"):
        rm.audio.write_wav("/dev/null", good)

    # Good audio replaces a regular file, and nothing else is left.
    rm.audio.write_wav(existing, good)
    assert rm.audio.read_wav(existing).samples.tolist() == [0.0] * 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.wav", "take1.wav"]


# --- the speech pipeline on numpy ------------------------------------------


def speech_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("speech_example", REPO / "examples" / "python" / "speech.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Tolerance on every segment edge, in ms. The VAD pads segments by
# speech_pad_ms (30) and decides per 20 ms frame; its own tests hold edges
# within 60 ms of the truth on these signals.
EDGE_MS = 80


@pytest.mark.parametrize("rate", [44100, 48000])
def test_speech_pipeline_finds_both_synthesised_utterances(rate: int) -> None:
    ex = speech_example()
    audio, spans = ex.two_utterances(rate=rate)
    assert (audio.sample_rate, audio.channels) == (rate, 2)
    segments = ex.find_speech(audio)
    assert len(segments) == 2, segments
    for seg, (start, end) in zip(segments, spans, strict=True):
        assert abs(seg["start_ms"] - start) <= EDGE_MS, (segments, spans)
        assert abs(seg["end_ms"] - end) <= EDGE_MS, (segments, spans)


def test_speech_pipeline_on_a_wav_of_real_speech(tmp_path: Path) -> None:
    # espeak-ng and sox (apt-get install -y espeak-ng sox) speak two phrases;
    # the same bounds as examples/audio/speech_test.go.
    path = tmp_path / "speech.wav"
    made = subprocess.run(["sh", str(REPO / "examples" / "audio" / "make_speech_wav.sh"), str(path)],
                          capture_output=True, text=True)
    assert made.returncode == 0, "make_speech_wav.sh needs espeak-ng and sox: " + made.stderr
    m = re.search(r"utterance 1 at (\d+)-(\d+) ms, utterance 2 at (\d+)-(\d+) ms", made.stdout)
    assert m is not None, made.stdout
    b = [int(g) for g in m.groups()]
    audio = rm.audio.read_wav(path)
    assert (audio.sample_rate, audio.channels) == (48000, 2)
    segments = speech_example().find_speech(audio)
    assert len(segments) == 2, segments
    for seg, (start, end) in zip(segments, [(b[0], b[1]), (b[2], b[3])], strict=True):
        assert abs(seg["start_ms"] - start) <= 100, (segments, b)
        assert abs(seg["end_ms"] - end) <= 150, (segments, b)
