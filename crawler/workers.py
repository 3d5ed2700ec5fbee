"""CPU-bound page work (packing the capture, extraction) in worker processes, one pool per crawl.

Downloading, discovery and SQLite writes keep the reactor thread busy; a page's CPU work is a pure
function of the page, so it runs in ``EXTRACT_WORKERS`` processes on the other cores, in one trip
per page (see :class:`crawler.pipelines.CapturePipeline`). With ``EXTRACT_WORKERS = 0`` it runs
inline (same results, one core).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

logger = logging.getLogger(__name__)

_POOLS: dict[int, ProcessPoolExecutor] = {}


class WorkerDied(RuntimeError):
    """A worker process died on this call (killed, out of memory, a crash in C code). The pool
    has been replaced for the calls that follow; this one's work is lost, not retried, since
    the same input may kill the next worker too."""


def _new_pool(crawler) -> ProcessPoolExecutor:
    # spawn, not fork: forking a process that runs a reactor and threads is unsafe.
    return ProcessPoolExecutor(crawler.settings.getint("EXTRACT_WORKERS"), mp_context=multiprocessing.get_context("spawn"))


def start_pool(crawler) -> None:
    if crawler.settings.getint("EXTRACT_WORKERS") > 0 and id(crawler) not in _POOLS:
        _POOLS[id(crawler)] = _new_pool(crawler)


def stop_pool(crawler) -> None:
    pool = _POOLS.pop(id(crawler), None)
    if pool is not None:
        pool.shutdown(wait=True)


async def run_cpu(crawler, fn, *args):
    """``fn(*args)`` in the crawl's worker pool, or inline when it has none.

    Raises :class:`WorkerDied` when a worker process dies on the call: the crawl goes on with a
    new pool instead of failing every page that follows.
    """
    pool = _POOLS.get(id(crawler))
    if pool is None:
        return fn(*args)
    try:
        return await asyncio.wrap_future(pool.submit(fn, *args))
    except BrokenProcessPool as exc:
        if _POOLS.get(id(crawler)) is pool:      # the first call to notice replaces it
            logger.error("a worker process died (%s): starting new workers", exc)
            pool.shutdown(wait=False, cancel_futures=True)
            _POOLS[id(crawler)] = _new_pool(crawler)
        raise WorkerDied(str(exc)) from exc
