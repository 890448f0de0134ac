"""Running a parser in a child process with a memory and a time limit.

A malformed upload may make a native parser (calamine) allocate without bound or crash. In a
child only that one read fails, with a message; the web process and the worker carry on.
Forked, not spawned: the child needs Django's models already imported and starts in
milliseconds. The callers (the worker, the CLI, the tests) fork from their main thread.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
_PAGE = os.sysconf("SC_PAGE_SIZE")


class ChildCrashed(Exception):
    """The child ran out of memory, died or sent nothing back."""


class ChildTimedOut(Exception):
    """The child ran longer than allowed and was killed."""


def _limit_memory(budget_mb: int) -> None:
    # The forked child starts with the parent's address space mapped: allow that plus the budget.
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * _PAGE
    limit = mapped + budget_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(
    sender: Connection,
    budget_mb: int,
    passed: tuple[type[BaseException], ...],
    func: Callable[..., Any],
    args: tuple[Any, ...],
) -> None:
    try:
        _limit_memory(budget_mb)
        reply: tuple[str, Any] = ("ok", func(*args))
    except passed as exc:
        reply = ("raised", exc)
    except BaseException as exc:  # MemoryError above all: reported, never re-raised here
        reply = ("crashed", f"{type(exc).__name__}: {exc}"[:500])
    try:
        sender.send(reply)
    except BaseException:  # the reply itself too large for the budget
        os._exit(3)
    sender.close()


def run_in_child(
    func: Callable[..., T],
    *args: Any,
    memory_mb: int,
    timeout: float,
    passed: tuple[type[BaseException], ...] = (),
    on_wait: Callable[[], None] | None = None,
    wait_step: float = 1.0,
) -> T:
    """`func(*args)` in a forked child; exceptions of a `passed` type are raised here as they
    were there. Raises `ChildCrashed` or `ChildTimedOut` otherwise. `on_wait` runs about every
    `wait_step` seconds while the child works (the import's heartbeat)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, memory_mb, passed, func, args), daemon=True
    )
    process.start()
    sender.close()  # the child holds the only sending end: its death is an EOF here
    deadline = time.monotonic() + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChildTimedOut(f"killed after {timeout} s")
            if receiver.poll(min(wait_step, remaining)):
                try:
                    kind, value = receiver.recv()
                except Exception as exc:  # EOF: it died; or a reply that does not unpickle
                    process.join(5)
                    raise ChildCrashed(f"no reply, exit code {process.exitcode}") from exc
                break
            if on_wait is not None:
                on_wait()
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if kind == "raised":
        raise value
    if kind == "crashed":
        raise ChildCrashed(value)
    return value  # type: ignore[no-any-return]
