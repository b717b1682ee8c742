"""How well ``method="auto"`` picks, and constants for its cost model refitted.

Run from the repository root, single-threaded (the model's BLAS term is then
halved by hand for two threads, see ``convdemo/_cost.py``)::

    OPENBLAS_NUM_THREADS=1 python benchmarks/calibrate_auto.py          # ~3 minutes
    OPENBLAS_NUM_THREADS=1 python benchmarks/calibrate_auto.py --count 20

It times ``conv2d(..., method="direct")`` and ``method="fft"`` on random
geometries in float32 and float64 (process time, minimum over repeats), prints
how much slower the method ``"auto"`` picks is than the faster one (mean and
worst; the data here are random floats, so ``"auto"`` is the cost model's ranking:
only integer-valued data keep the exact direct method, see ``convdemo/_exact.py``), and
prints constants fitted to these timings by non-negative least
squares on relative error. Nothing is changed: copying constants into
``convdemo/_cost.py`` is a decision for a person.
"""

from __future__ import annotations

import argparse
import math
import time
import timeit

import numpy as np

from convdemo import _cost, _direct, _fft, _shifted, _stacked
from convdemo import conv as c


def best(fn) -> float:
    fn()
    start = time.process_time()
    fn()
    first = max(time.process_time() - start, 1e-6)
    number = max(1, int(0.01 / first))
    return min(timeit.repeat(fn, number=number, repeat=5, timer=time.process_time)) / number


def geometries(count: int, rng: np.random.Generator):
    found = []
    while len(found) < count:
        n = int(rng.choice([1, 1, 2, 4, 16, 64]))
        c_in = int(rng.choice([1, 1, 2, 3, 8, 16, 32]))
        c_out = int(rng.choice([1, 1, 2, 4, 8, 16, 32]))
        h = int(rng.choice([16, 28, 32, 64, 100, 128, 256, 512]))
        w = h if rng.random() < 0.7 else int(rng.choice([16, 28, 64, 128]))
        k = int(rng.choice([1, 2, 3, 3, 5, 7, 9, 11, 15, 21, 31]))
        big = n * max(c_in, c_out) * h * w > 4e6 or n * c_in * c_out * h * w * k * k > 1.5e9
        if k <= min(h, w) and not big:
            found.append((n, c_in, c_out, h, w, k))
    return found


def features(geometry) -> tuple[list[float], list[float]]:
    """The terms of _cost.direct_cost and _cost.fft_cost, without their constants."""
    n, c_in, _, _ = geometry.in_shape
    _, c_out, ho, wo = geometry.out_shape
    kh, kw = geometry.kernel
    taps = kh * kw
    if _shifted.applies(geometry):
        blocks = -(-n * ho * wo * geometry.dtype.itemsize // _shifted.BLOCK_BYTES)
        direct = [0.0, 0.0, 2.0 * taps * n * ho * wo, 2.0 * taps * blocks]
    elif _stacked.applies(geometry):
        item = geometry.dtype.itemsize
        blocks = -(-n * geometry.padded[0] * wo * item // _stacked.BLOCK_BYTES)
        pixels = n * (ho + geometry.dilation[0] * (kh - 1)) * wo
        macs = kh * c_out * c_in * kw * pixels
        copies = c_in * kw * pixels * (1 + 16 / wo)
        sums = (kh - 1) * c_out * n * ho * wo
        direct = [macs, copies, sums, (3 + kh) * blocks]
    else:
        width = geometry.padded[1] if _direct.forward_uses_wide(geometry) else wo
        k = c_in * taps
        pixels = n * ho * width
        blocks = -(-k * pixels * geometry.dtype.itemsize // _direct.BLOCK_BYTES)
        calls = (ho * wo if _direct.loops_over_pixels(geometry) else 3) * blocks
        run = ho * width if width != wo else (wo if geometry.stride[1] == 1 else 1)
        direct = [c_out * k * pixels * (1 + 4 / c_out), k * pixels * (1 + 16 / run), 0.0, calls]
    hp, wp = geometry.padded
    f1, f2 = _fft.next_fast_length(hp), _fft.next_fast_length(wp)
    transforms = n * c_in + c_out * c_in + n * c_out
    fft = [
        transforms * f1 * f2 * math.log2(max(f1 * f2, 2)),
        transforms * (f1 + f2 // 2 + 1),
        n * c_out * c_in * f1 * (f2 // 2 + 1),
        1.0,
    ]
    return direct, fft


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=60, help="geometries per dtype")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    shapes = geometries(args.count, rng)
    for dtype in ("float32", "float64"):
        rows = []
        for n, c_in, c_out, h, w, k in shapes:
            x = rng.standard_normal((n, c_in, h, w)).astype(dtype)
            weight = rng.standard_normal((c_out, c_in, k, k)).astype(dtype)
            geometry = c.conv_operands(x, weight).geometry
            direct = best(lambda x=x, weight=weight: c.conv2d(x, weight, method="direct"))
            fft = best(lambda x=x, weight=weight: c.conv2d(x, weight, method="fft"))
            # the model's constants are for 2 BLAS threads; these timings use one
            mac = _cost.NS_PER_MAC
            _cost.NS_PER_MAC = tuple(2 * m for m in mac)
            picked = c._choose_method("auto", geometry)  # the cost model's ranking
            _cost.NS_PER_MAC = mac
            chosen = fft if picked == "fft" else direct
            fastest = min(direct, fft)
            shape = (n, c_in, c_out, h, w, k)
            rows.append((chosen / fastest, direct, fft, geometry, shape))
        slowdowns = [r[0] for r in rows]
        print(
            f"{dtype}: auto is {np.mean(slowdowns):.3f}x the faster method on average, "
            f"worst {max(slowdowns):.2f}x"
        )
        for slow, direct, fft, _, shape in sorted(rows, key=lambda r: -r[0])[:3]:
            print(
                f"  worst: (N, C_in, C_out, H, W, k) = {shape}: {slow:.2f}x "
                f"(direct {direct * 1e3:.2f} ms, fft {fft * 1e3:.2f} ms)"
            )
        try:
            from scipy.optimize import nnls
        except ImportError:
            continue
        direct_x = np.array([features(r[3])[0] for r in rows])
        direct_y = np.array([r[1] for r in rows]) * 1e9
        fft_x = np.array([features(r[3])[1] for r in rows])
        fft_y = np.array([r[2] for r in rows]) * 1e9
        fit_d, _ = nnls(direct_x / direct_y[:, None], np.ones(len(rows)))
        fit_f, _ = nnls(fft_x / fft_y[:, None], np.ones(len(rows)))
        names_d = ("MAC (1 thread)", "COPY", "SHIFT", "CALL")
        names_f = ("BUTTERFLY", "FFT_ROW", "PRODUCT", "FFT_FIXED")
        print(
            "  fitted ns: " + ", ".join(f"{a}={b:.4g}" for a, b in zip(names_d, fit_d, strict=True))
        )
        print(
            "             " + ", ".join(f"{a}={b:.4g}" for a, b in zip(names_f, fit_f, strict=True))
        )


if __name__ == "__main__":
    main()
