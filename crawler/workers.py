"""CPU-bound page work (packing the capture, extraction) in worker processes, one pool per crawl.

Downloading, discovery and SQLite writes keep the reactor thread busy; a page's CPU work is a pure
function of the page, so it runs in ``EXTRACT_WORKERS`` processes on the other cores, in one trip
per page (see :class:`crawler.pipelines.CapturePipeline`). With ``EXTRACT_WORKERS = 0`` it runs
inline (same results, one core).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

_POOLS: dict[int, ProcessPoolExecutor] = {}


def start_pool(crawler) -> None:
    workers = crawler.settings.getint("EXTRACT_WORKERS")
    if workers > 0 and id(crawler) not in _POOLS:
        # spawn, not fork: forking a process that runs a reactor and threads is unsafe.
        _POOLS[id(crawler)] = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def stop_pool(crawler) -> None:
    pool = _POOLS.pop(id(crawler), None)
    if pool is not None:
        pool.shutdown(wait=True)


async def run_cpu(crawler, fn, *args):
    """``fn(*args)`` in the crawl's worker pool, or inline when it has none."""
    pool = _POOLS.get(id(crawler))
    if pool is None:
        return fn(*args)
    return await asyncio.wrap_future(pool.submit(fn, *args))
