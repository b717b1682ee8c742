"""Work buffers kept between calls, one set per thread.

A large array that numpy allocates afresh is often memory that the operating
system maps in on first touch, one page fault per 4 KiB page. On the benchmark
machine (shared, busy) each fault cost several microseconds, and the im2col
backward pass of benchmark case B (``benchmarks/README.md``) spent about 40% of
its time in them: glibc hands freed memory back to the system once more than
twice the largest recent block is free, so every call faulted its buffers in
again. The engine's scratch arrays (im2col columns, their gradient, padded
copies) are therefore kept and reused by the next call on the same thread.
Arrays handed back to the caller are never scratch.
"""

from __future__ import annotations

import threading

import numpy as np

__all__ = ["buffer", "clear"]

# Buffers larger than this are not kept (allocated afresh each call).
KEEP_AT_MOST_BYTES = 1 << 26

_local = threading.local()


def buffer(name: str, size: int, dtype: np.dtype) -> np.ndarray:
    """A flat array of ``size`` elements of ``dtype`` with undefined contents.

    The same memory is returned to the next call with the same ``name`` on this
    thread, so one call must not use one name for two arrays at once.
    """
    dtype = np.dtype(dtype)
    nbytes = size * dtype.itemsize
    if nbytes > KEEP_AT_MOST_BYTES:
        return np.empty(size, dtype=dtype)
    pool = getattr(_local, "pool", None)
    if pool is None:
        pool = _local.pool = {}
    raw = pool.get(name)
    if raw is None or raw.size < nbytes:
        raw = pool[name] = np.empty(max(nbytes, 64), dtype=np.uint8)
    return raw[:nbytes].view(dtype)


def clear() -> None:
    """Let this thread's buffers go (the memory tests measure allocations)."""
    _local.pool = {}
