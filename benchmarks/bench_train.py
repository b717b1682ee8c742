"""One epoch of training the site's digits network: convdemo against PyTorch on the CPU.

Run from the repository root::

    python benchmarks/bench_train.py                 # float64, 2 threads, 2 rounds
    python benchmarks/bench_train.py --dtype float32 --threads 1 --timer cpu

The network is :func:`convdemo.digits_cnn` (seed 0): 5x5 conv 1->8, ReLU, 2x2 max
pool, 3x3 conv 8->16, ReLU, 2x2 max pool, flatten, linear 400->10. Both peers start
from the same weights and take the same 125 mini-batches of 32 of the 4,000 training
digits of :func:`convdemo.data.handwritten_digits` (seed 0), in the same shuffled
order, with Adam (lr 0.005) on softmax cross-entropy: the inner loop of
:func:`convdemo.train` (convdemo) and its usual PyTorch equivalent
(``zero_grad``, forward, ``cross_entropy``, ``backward``, ``step``). Only the epoch
is timed, not loading the data or building the network. Each peer also reports its
mean training loss, which should agree closely (same start, same batches).

Each peer runs in its own child process with the same thread settings
(``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS``,
``torch.set_num_threads``): OpenMP's and OpenBLAS's worker threads spin after each
call and take each other's cores when two libraries share a process. The peers
alternate for ``--rounds`` rounds and each keeps its best time, so a burst of load
from other processes rarely hits only one. The ratio convdemo / torch is printed,
with the target (2x or less); nothing is asserted, the numbers depend on the machine
and on what else it runs. Without torch installed, convdemo's time is printed alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0  # convdemo's epoch should take at most twice torch's
BATCH = 32
LR = 0.005
# See bench_conv2d.BLAS_OVERRIDES: unset for the timed processes unless --keep-blas-env.
BLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
TIMERS = {"wall": time.perf_counter, "cpu": time.process_time}


def setup(dtype: str):
    """The same data, initial weights and batch order in every process."""
    from convdemo import digits_cnn
    from convdemo.data import handwritten_digits

    digits = handwritten_digits(test_size=1000, seed=0)
    x = digits.train_images.astype(dtype)
    y = digits.train_labels
    network = digits_cnn(seed=0)
    order = np.random.default_rng(0).permutation(len(x))
    batches = [order[i : i + BATCH] for i in range(0, len(x), BATCH)]
    return x, y, network, batches


def convdemo_epoch(dtype: str, timer) -> tuple[float, float]:
    import convdemo as cd

    x, y, network, batches = setup(dtype)
    for layer in network:  # the weights in the benchmark's dtype (float32 or float64)
        for name, value in list(layer.parameters().items()):
            setattr(layer, name, value.astype(dtype))
    params = network.parameters()
    optimizer = cd.Adam(lr=LR)
    losses = []
    start = timer()
    for batch in batches:
        trace = network.trace(x[batch])
        loss, grad = cd.softmax_cross_entropy(trace[-1], y[batch])
        _, layer_grads = network.backward(x[batch], grad, trace=trace)
        grads = {
            f"{index}.{key}": value
            for index, layer_grad in enumerate(layer_grads)
            for key, value in layer_grad.items()
        }
        optimizer.step(params, grads)
        losses.append(loss * len(batch))
    return timer() - start, float(np.sum(losses) / len(x))


def torch_epoch(dtype: str, timer, threads: int) -> tuple[float, float]:
    import torch

    torch.set_num_threads(threads)
    x, y, network, batches = setup(dtype)
    torch_dtype = getattr(torch, dtype)
    conv1, conv2, linear = network[0].weight.shape, network[3].weight.shape, network[7].weight
    model = torch.nn.Sequential(  # the same layers, read off convdemo's network
        torch.nn.Conv2d(conv1[1], conv1[0], conv1[2]),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(conv2[1], conv2[0], conv2[2]),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(linear.shape[1], linear.shape[0]),
    ).to(torch_dtype)
    with torch.no_grad():
        for ours, theirs in zip(
            (network[0], network[3], network[7]), (model[0], model[3], model[7]), strict=True
        ):
            theirs.weight.copy_(torch.from_numpy(ours.weight))
            theirs.bias.copy_(torch.from_numpy(ours.bias))
    optimizer = torch.optim.Adam(model.parameters(), lr=LR, betas=(0.9, 0.999), eps=1e-8)
    images = torch.from_numpy(x)
    labels = torch.from_numpy(y)
    losses = []
    start = timer()
    for batch in batches:
        index = torch.from_numpy(batch)
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(images[index]), labels[index])
        loss.backward()
        optimizer.step()
        losses.append(loss.item() * len(batch))
    return timer() - start, float(np.sum(losses) / len(x))


def spawn(peer: str, args: argparse.Namespace) -> dict | None:
    env = dict(os.environ)
    if not args.keep_blas_env:
        for name in BLAS_OVERRIDES:
            env.pop(name, None)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = str(args.threads)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, __file__, "--worker", peer, "--dtype", args.dtype]
    command += ["--threads", str(args.threads), "--timer", args.timer]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"[{peer}] failed:\n{done.stderr}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dtype", choices=("float64", "float32"), default="float64")
    parser.add_argument("--threads", type=int, default=2, help="threads for BLAS and torch")
    parser.add_argument(
        "--timer",
        choices=list(TIMERS),
        default="wall",
        help="'cpu' (process time) resists load from other processes; use with --threads 1",
    )
    parser.add_argument("--rounds", type=int, default=2, help="alternations of the peers")
    parser.add_argument(
        "--keep-blas-env",
        action="store_true",
        help=f"keep {' and '.join(BLAS_OVERRIDES)} for the timed processes (default: unset)",
    )
    parser.add_argument("--worker", choices=("convdemo", "torch"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    timer = TIMERS[args.timer]
    if args.worker == "convdemo":
        seconds, loss = convdemo_epoch(args.dtype, timer)
        print(json.dumps({"seconds": seconds, "loss": loss}))
        return
    if args.worker == "torch":
        seconds, loss = torch_epoch(args.dtype, timer, args.threads)
        print(json.dumps({"seconds": seconds, "loss": loss}))
        return

    peers = ["convdemo"]
    if importlib.util.find_spec("torch") is not None:
        peers.append("torch")
    else:
        print("torch is not installed: timing convdemo alone (pip install torch to compare)")
    best: dict[str, dict] = {}
    for _ in range(args.rounds):
        for peer in peers:
            result = spawn(peer, args)
            if result and (peer not in best or result["seconds"] < best[peer]["seconds"]):
                best[peer] = result
    print(
        f"one epoch of the digits network (4,000 digits, batches of {BATCH}), {args.dtype}, "
        f"{args.threads} thread(s), {args.timer} time, best of {args.rounds} round(s):"
    )
    for name in BLAS_OVERRIDES:
        if name in os.environ:
            kept = (
                "kept (--keep-blas-env)" if args.keep_blas_env else "unset for the timed processes"
            )
            print(
                f"  note: {name}={os.environ[name]} is set; it can select a slower kernel: {kept}"
            )
    for peer, result in best.items():
        print(f"  {peer:>8}: {result['seconds']:7.2f} s   mean training loss {result['loss']:.4f}")
    if "convdemo" in best and "torch" in best:
        ratio = best["convdemo"]["seconds"] / best["torch"]["seconds"]
        verdict = "met" if ratio <= TARGET else "missed"
        print(f"  convdemo / torch = {ratio:.2f} (target {TARGET:g}x or less: {verdict})")


if __name__ == "__main__":
    main()
