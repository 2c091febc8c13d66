"""Compare RemoteMedia's resampler with python-soxr on the same signals.

Quality: every signal is a sum of sinusoids, so its ideal value at each
output instant k/out_rate is known exactly; the error is measured against it.
  pass SNR   multitone noise (64 tones, 20 Hz-0.8 of the lower Nyquist) vs ideal, dB
  sweep SNR  linear sine sweep 20 Hz-0.9 of the lower Nyquist vs ideal, dB
  alias      (downsampling) multitone noise between the output and the input
             Nyquist: output power relative to input power, dB (lower is better)
Speed: median CPU time over RUNS runs, after one warm-up, to resample 10 s of
white noise in one call (ours: AudioResampleNode via resamplecli, timed
inside the Go process, I/O excluded; soxr: soxr.resample). CPU time, because
wall time on a shared machine measures the neighbours; both are
single-threaded, so on an idle machine the two agree.
Ratio: our top level (veryhigh) against soxr HQ, timed in ROUNDS alternating
rounds (each the median of RUNS runs of one, then of the other); the figure
is the median of the per-round ratios, so a neighbour's burst hits both.

Usage: python resample_vs_soxr.py path/to/resamplecli
"""

import json
import platform
import statistics
import subprocess
import sys
import time

import numpy as np
import soxr

CONVERSIONS = [(48000, 16000), (44100, 16000), (16000, 48000), (8000, 16000), (16000, 8000), (44100, 48000)]
OURS = ["low", "medium", "high", "veryhigh"]
SOXR = ["LQ", "MQ", "HQ", "VHQ"]
RUNS = 7
ROUNDS = 9
EDGE_S = 0.05  # seconds skipped at each end: start-up and flush transients
SPEED_SECONDS = 10


def multitone(rng, k, lo, hi):
    freqs = rng.uniform(lo, hi, k)
    phases = rng.uniform(0, 2 * np.pi, k)
    amp = 0.5 / np.sqrt(k)

    def at(t):
        return (amp * np.sin(2 * np.pi * np.outer(t, freqs) + phases)).sum(axis=1)

    return at, k * amp * amp / 2


def sweep(f0, f1, duration):
    def at(t):
        return 0.5 * np.sin(2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * duration)))

    return at


def ours(cli, x, rate_in, rate_out, quality, runs=1):
    proc = subprocess.run(
        [cli, "-from", str(rate_in), "-to", str(rate_out), "-quality", quality, "-runs", str(runs)],
        input=x.astype("<f4").tobytes(), capture_output=True, check=True)
    return np.frombuffer(proc.stdout, dtype="<f4"), json.loads(proc.stderr)["seconds"]


def theirs(x, rate_in, rate_out, quality, runs=1):
    seconds = []
    for _ in range(runs):
        start = time.process_time()
        y = soxr.resample(x, rate_in, rate_out, quality)
        seconds.append(time.process_time() - start)
    return y, seconds


def snr_db(y, rate, at):
    k = np.arange(len(y))
    keep = (k >= EDGE_S * rate) & (k < len(y) - EDGE_S * rate)
    ref = at(k[keep] / rate)
    err = y[keep] - ref
    return 10 * np.log10(np.sum(ref * ref) / np.sum(err * err))


def level_db(y, rate, power):
    edge = int(EDGE_S * rate)
    mid = y[edge:len(y) - edge].astype(np.float64)
    return 10 * np.log10(np.mean(mid * mid) / power)


def main():
    cli = sys.argv[1]
    rng = np.random.default_rng(6)
    noise = (0.1 * rng.standard_normal(48000 * SPEED_SECONDS)).astype(np.float32)
    print(f"python-soxr {soxr.__version__}, numpy {np.__version__}, {platform.processor() or platform.machine()}, "
          f"median CPU time of {RUNS} runs after a warm-up, {SPEED_SECONDS} s mono per run\n")
    print("| conversion | resampler | pass SNR dB | sweep SNR dB | alias dB | CPU ms per 10 s | x real time |")
    print("|---|---|---|---|---|---|---|")
    summary = []
    for rate_in, rate_out in CONVERSIONS:
        nyq = min(rate_in, rate_out) / 2
        n = rate_in // 2
        t = np.arange(n) / rate_in
        pass_at, _ = multitone(rng, 64, 20, 0.8 * nyq)
        sweep_at = sweep(20, 0.9 * nyq, n / rate_in)
        signals = {"pass": pass_at(t).astype(np.float32), "sweep": sweep_at(t).astype(np.float32)}
        if rate_out < rate_in:
            stop_at, stop_power = multitone(rng, 64, rate_out / 2, 0.98 * rate_in / 2)
            signals["stop"] = stop_at(t).astype(np.float32)
        x = noise[:rate_in * SPEED_SECONDS]
        rows = [("ours " + q, lambda s, q=q, r=1: ours(cli, s, rate_in, rate_out, q, r)) for q in OURS]
        rows += [("soxr " + q, lambda s, q=q, r=1: theirs(s, rate_in, rate_out, q, r)) for q in SOXR]
        measured = {}
        for name, resample in rows:
            pass_snr = snr_db(resample(signals["pass"])[0], rate_out, pass_at)
            sweep_snr = snr_db(resample(signals["sweep"])[0], rate_out, sweep_at)
            alias = level_db(resample(signals["stop"])[0], rate_out, stop_power) if "stop" in signals else None
            seconds = resample(x, r=RUNS + 1)[1][1:]
            ms = 1000 * statistics.median(seconds)
            measured[name] = (pass_snr, sweep_snr, alias)
            print(f"| {rate_in}→{rate_out} | {name} | {pass_snr:.1f} | {sweep_snr:.1f} | {fmt_alias(alias)} | "
                  f"{ms:.2f} | {SPEED_SECONDS * 1000 / ms:.0f} |")
        ratios = []
        for _ in range(ROUNDS):
            a = statistics.median(rows[len(OURS) - 1][1](x, r=RUNS + 1)[1][1:])
            b = statistics.median(theirs(x, rate_in, rate_out, "HQ", RUNS + 1)[1][1:])
            ratios.append(a / b)
        summary.append((rate_in, rate_out, measured["ours veryhigh"], measured["soxr HQ"], ratios))

    print(f"\nours veryhigh vs soxr HQ: CPU time ratio (below 1: ours is faster), median of {ROUNDS} alternating "
          f"rounds (range); quality as above, ours / soxr\n")
    print("| conversion | CPU ratio ours/soxr | pass SNR dB | sweep SNR dB | alias dB | quality at least soxr's |")
    print("|---|---|---|---|---|---|")
    for rate_in, rate_out, o, s, ratios in summary:
        better = o[0] >= s[0] and o[1] >= s[1] and (o[2] is None or o[2] <= s[2])
        print(f"| {rate_in}→{rate_out} | {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) | "
              f"{o[0]:.1f} / {s[0]:.1f} | {o[1]:.1f} / {s[1]:.1f} | {fmt_alias(o[2])} / {fmt_alias(s[2])} | "
              f"{'yes' if better else 'no'} |")


def fmt_alias(v):
    return "n/a" if v is None else f"{v:.1f}"

if __name__ == "__main__":
    main()
