"""Speed of convdemo's conv2d and conv2d_backward against their peers.

Run from the repository root::

    python benchmarks/bench_conv2d.py            # every case, float32 and float64
    python benchmarks/bench_conv2d.py --cases B C --dtypes float32

Peers: ``scipy.signal`` (``correlate`` with its own direct/FFT choice, looped over
images and channel pairs, and ``fftconvolve`` batched over them by broadcasting),
a naive numpy loop over output pixels, and PyTorch's CPU ``conv2d`` + autograd
when torch is importable. Each entry of the table is a time divided by the
fastest peer's time for the same row (1.00 = fastest); the last column is that
fastest time. Times are the minimum over repeats (``timeit``). Nothing is
asserted: the numbers depend on the machine and on what else it is running.

Every peer runs in its own child process with the same thread settings
(``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS`` and
``torch.set_num_threads``, 2 by default): OpenBLAS's and OpenMP's worker threads
spin for a while after each call, and two libraries in one process slow each
other down by factors of 10 or more on a small machine.

The Python loops cost the same for every image (scipy.correlate, looped over
images and channel pairs) or output row (naive), so they are timed on at most
8 images or 24 rows and scaled up; those entries are marked ``~``. "backward"
times ``conv2d_backward`` and, for torch, autograd's backward pass alone
(``out.backward(grad, retain_graph=True)`` on a graph recorded once).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import timeit
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

# name: (x shape, weight shape, description)
CASES = {
    "A": ((1, 1, 512, 512), (1, 1, 3, 3), "1 image 512x512, 3x3"),
    "B": ((1, 16, 128, 128), (32, 16, 3, 3), "N=1, 16->32 ch, 128x128, 3x3"),
    "C": ((64, 8, 28, 28), (16, 8, 5, 5), "N=64, 8->16 ch, 28x28, 5x5"),
    "D": ((1, 1, 512, 512), (1, 1, 31, 31), "1 image 512x512, 31x31"),
}
DTYPES = ("float32", "float64")
PEERS = ("convdemo", "scipy.correlate", "scipy.fftconvolve", "naive", "torch")
# The process that times each peer (peers sharing a process share one library stack).
WORKERS = {
    "convdemo": ("convdemo",),
    "scipy": ("scipy.correlate", "scipy.fftconvolve"),
    "naive": ("naive",),
    "torch": ("torch",),
}
# Variables that make OpenBLAS pick a kernel or block size for another CPU (on the
# project machine OPENBLAS_CORETYPE=Haswell runs AVX2 kernels on an AVX-512 CPU, at
# half the float32 peak, while torch's oneDNN uses AVX-512). The timed processes run
# without them unless --keep-blas-env is given; tests and CI are not affected.
BLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
NAIVE_ROWS = 24  # output rows timed by the naive loop (then scaled to all rows)
LOOP_IMAGES = 8  # images timed by the Python loops (then scaled to the batch)


def make_data(case: str, dtype: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same x, weight and grad_output in every process."""
    x_shape, w_shape, _ = CASES[case]
    rng = np.random.default_rng(sum(map(ord, case + dtype)))
    x = rng.standard_normal(x_shape).astype(dtype)
    w = rng.standard_normal(w_shape).astype(dtype)
    out_shape = (x_shape[0], w_shape[0], x_shape[2] - w_shape[2] + 1, x_shape[3] - w_shape[3] + 1)
    g = rng.standard_normal(out_shape).astype(dtype)
    return x, w, g


TIMERS = {"wall": time.perf_counter, "cpu": time.process_time}


def best_time(fn, budget: float, timer=time.perf_counter) -> float:
    """Minimum time of one call, over repeats that take about ``budget`` seconds."""
    start = timer()
    fn()  # warm-up (plans, caches, lazy initialisation)
    first = max(timer() - start, 1e-9)
    if first > budget / 2:  # slow: one more call is all the budget allows
        return min(first, min(timeit.repeat(fn, number=1, repeat=1, timer=timer)))
    number = max(1, int(0.02 / first))
    repeat = int(min(9, max(3, budget / (first * number))))
    return min(timeit.repeat(fn, number=number, repeat=repeat, timer=timer)) / number


# --------------------------------------------------------------------------- peers


def convdemo_functions(x, w, g):
    from convdemo import conv2d, conv2d_backward

    return (lambda: conv2d(x, w)), (lambda: conv2d_backward(x, w, g))


def scipy_functions(x, w, g, batched: bool):
    from scipy import signal

    n, c_in = x.shape[:2]
    c_out = w.shape[0]
    if batched:  # one fftconvolve over every (image, output, input channel) triple
        flipped = w[:, :, ::-1, ::-1]
        axes = (-2, -1)

        def forward():
            full = signal.fftconvolve(x[:, None], flipped[None], mode="valid", axes=axes)
            return full.sum(axis=2)

        def backward():
            grad_x = signal.fftconvolve(g[:, :, None], w[None], mode="full", axes=axes).sum(1)
            grad_w = signal.fftconvolve(
                x[:, None], g[:, :, None, ::-1, ::-1], mode="valid", axes=axes
            ).sum(0)
            return grad_x, grad_w, g.sum(axis=(0, 2, 3))

        return forward, backward

    def forward():
        out = np.zeros(
            (n, c_out, x.shape[2] - w.shape[2] + 1, x.shape[3] - w.shape[3] + 1), x.dtype
        )
        for i in range(n):
            for o in range(c_out):
                for c in range(c_in):
                    out[i, o] += signal.correlate(x[i, c], w[o, c], mode="valid")
        return out

    def backward():
        grad_x = np.zeros_like(x)
        grad_w = np.zeros_like(w)
        for i in range(n):
            for o in range(c_out):
                for c in range(c_in):
                    grad_x[i, c] += signal.convolve(g[i, o], w[o, c], mode="full")
                    grad_w[o, c] += signal.correlate(x[i, c], g[i, o], mode="valid")
        return grad_x, grad_w, g.sum(axis=(0, 2, 3))

    return forward, backward


def naive_functions(x, w, g, rows: int | None):
    """Loop over output pixels; each is one tensordot of a window with the kernels."""
    kh, kw = w.shape[2:]
    ho, wo = g.shape[2:]
    rows = ho if rows is None else rows

    def forward():
        out = np.empty((x.shape[0], w.shape[0], rows, wo), x.dtype)
        for y in range(rows):
            for z in range(wo):
                window = x[:, :, y : y + kh, z : z + kw]
                out[:, :, y, z] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3]))
        return out

    def backward():
        grad_x = np.zeros_like(x)
        grad_w = np.zeros_like(w)
        for y in range(rows):
            for z in range(wo):
                grad_out = g[:, :, y, z]  # (N, C_out)
                grad_x[:, :, y : y + kh, z : z + kw] += np.tensordot(grad_out, w, axes=(1, 0))
                window = x[:, :, y : y + kh, z : z + kw]
                grad_w += np.tensordot(grad_out, window, axes=(0, 0))
        return grad_x, grad_w, g.sum(axis=(0, 2, 3))

    return forward, backward


def torch_functions(x, w, g):
    import torch

    tx, tw, tg = (torch.from_numpy(a) for a in (x, w, g))
    x_req = tx.clone().requires_grad_(True)
    w_req = tw.clone().requires_grad_(True)
    b_req = torch.zeros(w.shape[0], dtype=tx.dtype, requires_grad=True)

    def forward():
        with torch.no_grad():
            return torch.nn.functional.conv2d(tx, tw)

    # Autograd's backward pass alone, on a graph recorded once and kept.
    out = torch.nn.functional.conv2d(x_req, w_req, b_req)

    def backward():
        x_req.grad = w_req.grad = b_req.grad = None
        out.backward(tg, retain_graph=True)
        return x_req.grad, w_req.grad, b_req.grad

    return forward, backward


def blas_description() -> str:
    """Which BLAS numpy runs in this process, its kernel and threads (threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown (pip install threadpoolctl to see the BLAS kernel)"
    found = [
        f"{i.get('internal_api')} {i.get('version')}, kernel {i.get('architecture')}, "
        f"{i.get('num_threads')} threads"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    return "; ".join(found) or "none found"


def run_worker(
    worker: str, cases: list[str], dtypes: list[str], budget: float, timer: str = "wall"
) -> dict:
    """Time every (case, dtype, op) for the peers of one worker process."""
    if worker == "torch":
        try:
            import torch
        except ImportError:
            return {}
        torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    if worker == "scipy":
        try:
            import scipy.signal  # noqa: F401
        except ImportError:
            return {}
    results = {}
    if worker == "convdemo":
        results["info|blas"] = blas_description()
    for case in cases:
        for dtype in dtypes:
            x, w, g = make_data(case, dtype)
            # peer: (functions, scale): a Python loop whose cost is the same for
            # every image or output row is timed on a part and scaled up.
            if worker == "convdemo":
                pairs = {"convdemo": (convdemo_functions(x, w, g), 1.0)}
            elif worker == "scipy":
                images = min(len(x), LOOP_IMAGES)
                pairs = {
                    "scipy.correlate": (
                        scipy_functions(x[:images], w, g[:images], batched=False),
                        len(x) / images,
                    ),
                    "scipy.fftconvolve": (scipy_functions(x, w, g, batched=True), 1.0),
                }
            elif worker == "naive":  # batched over images: only rows are cut
                rows = min(g.shape[2], NAIVE_ROWS)
                pairs = {"naive": (naive_functions(x, w, g, rows), g.shape[2] / rows)}
            else:
                pairs = {"torch": (torch_functions(x, w, g), 1.0)}
            for peer, ((forward, backward), scale) in pairs.items():
                for op, fn in (("conv2d", forward), ("backward", backward)):
                    seconds = best_time(fn, budget, TIMERS[timer]) * scale
                    results[f"{case}|{dtype}|{op}|{peer}"] = (seconds, scale != 1.0)
    return results


# --------------------------------------------------------------------------- driver


def spawn(worker: str, args: argparse.Namespace) -> dict:
    env = dict(os.environ)
    if not args.keep_blas_env:
        for name in BLAS_OVERRIDES:
            env.pop(name, None)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = str(args.threads)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [
        sys.executable,
        __file__,
        "--worker",
        worker,
        "--cases",
        *args.cases,
        "--dtypes",
        *args.dtypes,
        "--budget",
        str(args.budget),
        "--timer",
        args.timer,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"[{worker}] failed:\n{done.stderr}", file=sys.stderr)
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: dict, args: argparse.Namespace) -> str:
    peers = [p for p in PEERS if any(k.endswith("|" + p) for k in results)]
    header = ["case", "dtype", "op", *peers, "fastest"]
    rows = []
    for case in args.cases:
        for dtype in args.dtypes:
            for op in ("conv2d", "backward"):
                times = {
                    p: results[f"{case}|{dtype}|{op}|{p}"]
                    for p in peers
                    if f"{case}|{dtype}|{op}|{p}" in results
                }
                if not times:
                    continue
                best = min(t for t, _ in times.values())
                cells = []
                for p in peers:
                    if p not in times:
                        cells.append("-")
                        continue
                    seconds, scaled = times[p]
                    cells.append(("~" if scaled else "") + f"{seconds / best:.2f}")
                rows.append([case, dtype, op, *cells, f"{best * 1e3:.2f} ms"])
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "| " + " | ".join(str(c).rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    parser.add_argument("--dtypes", nargs="+", default=list(DTYPES), choices=list(DTYPES))
    parser.add_argument("--peers", nargs="+", default=list(WORKERS), choices=list(WORKERS))
    parser.add_argument("--threads", type=int, default=2, help="threads for BLAS and torch")
    parser.add_argument("--budget", type=float, default=0.3, help="seconds per measurement")
    parser.add_argument(
        "--timer",
        choices=list(TIMERS),
        default="wall",
        help="'cpu' (process time) resists load from other processes; use with --threads 1",
    )
    parser.add_argument("--rounds", type=int, default=2, help="alternations of convdemo/torch")
    parser.add_argument(
        "--keep-blas-env",
        action="store_true",
        help=f"keep {' and '.join(BLAS_OVERRIDES)} for the timed processes (default: unset)",
    )
    parser.add_argument("--worker", choices=list(WORKERS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(run_worker(args.worker, args.cases, args.dtypes, args.budget, args.timer)))
        return

    started = time.perf_counter()
    results = {}
    info = {}
    # convdemo and torch (the ratios the targets are about) alternate for
    # --rounds rounds, each keeping its best time: a burst of load from other
    # processes then rarely hits only one of them.
    for round_ in range(args.rounds):
        for worker in args.peers:
            if round_ > 0 and worker not in ("convdemo", "torch"):
                continue
            for key, value in spawn(worker, args).items():
                if key.startswith("info|"):
                    info[key[5:]] = value
                    continue
                seconds, scaled = value
                if key not in results or seconds < results[key][0]:
                    results[key] = (seconds, scaled)
    if not any(k.endswith("|torch") for k in results) and "torch" in args.peers:
        print("(torch is not importable: no PyTorch column)")
    for case in args.cases:
        print(f"{case}: {CASES[case][2]}")
    if "blas" in info:
        print(f"numpy's BLAS (convdemo's process): {info['blas']}")
    for name in BLAS_OVERRIDES:
        if name in os.environ:
            kept = (
                "kept (--keep-blas-env)" if args.keep_blas_env else "unset for the timed processes"
            )
            print(f"note: {name}={os.environ[name]} is set; it can select a slower kernel: {kept}")
    print(
        f"threads: {args.threads}, timer: {args.timer}; "
        "entries: time / fastest peer's time (1.00 = fastest)\n"
    )
    print(table(results, args))
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
