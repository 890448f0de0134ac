"""What every benchmark shares (/work/shared/spec/benchmarks.md, "Convention"): the --size flag,
timing, peak memory and the last line

    bench <name>: size=<N> ours=<seconds>s baseline=<seconds>s speedup=<x> floor=<seconds>s
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Memory bandwidth of this machine class (benchmarks.md): the floor of a workload that only
# has to read its bytes once.
MEMORY_BYTES_PER_SECOND = 31e9


def arguments(description: str, default_size: int) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--size", type=int, default=default_size, help=f"workload size (default {default_size:,})"
    )
    return parser


def setup_django() -> None:
    """Django for a benchmark that uses the project's models (the environment names the
    database)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """`work()` and the wall-clock seconds it took."""
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def best_of(runs: int, work: Callable[[], T]) -> tuple[T, float]:
    """The result and the shortest time of `runs` runs (the others are noise on a shared box)."""
    best: tuple[T, float] | None = None
    for _ in range(runs):
        result, seconds = timed(work)
        if best is None or seconds < best[1]:
            best = (result, seconds)
    assert best is not None
    return best


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def say(text: str) -> None:
    print(text, flush=True)


def result_line(name: str, size: int, ours: float, baseline: float, floor: float) -> str:
    speedup = baseline / ours if ours > 0 else float("inf")
    return (
        f"bench {name}: size={size} ours={ours:.4f}s baseline={baseline:.4f}s"
        f" speedup={speedup:.1f} floor={floor:.4f}s"
    )


def finish(name: str, size: int, ours: float, baseline: float, floor: float, ok: bool) -> None:
    """Print the last line; exit 1 when ours and the baseline (or the oracle) disagreed."""
    say(result_line(name, size, ours, baseline, floor))
    if not ok:
        sys.exit(1)
