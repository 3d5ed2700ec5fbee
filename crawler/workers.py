"""CPU-bound page work in worker processes: the :class:`PageWorkers` extension.

Downloading, discovery and SQLite writes keep the reactor thread busy; a page's CPU work (packing
its capture, :func:`crawler.process.process_page`) is a pure function of the page, so it runs in
``EXTRACT_WORKERS`` processes on the other cores, in one trip per page. With
``EXTRACT_WORKERS = 0`` the extension is not configured and the pipelines run that work inline
(same results, one core).

Components reach the pool through ``crawler.get_extension(PageWorkers)``.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy import signals
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


class PageWorkFailed(RuntimeError):
    """A call in a worker gave no answer; its message says why (the page's ``extract_error``)."""


class WorkerDied(PageWorkFailed):
    """A worker process died on this call (killed, out of memory, a crash in C code). The pool
    has been replaced for the calls that follow; this one's work is lost, not retried, since
    the same input may kill the next worker too."""


class TimeLimitExceeded(PageWorkFailed):
    """A call ran past ``EXTRACT_TIME_LIMIT`` seconds (a pathological page: megabytes of
    paragraphs or links). The worker stopped it and lives on."""


class _Alarm(BaseException):
    # A BaseException, so that no ``except Exception`` inside the extractor or its libraries
    # swallows it and carries on.
    pass


def _on_alarm(signum, frame):
    raise _Alarm


def time_limited(seconds: float, fn, *args):
    """``fn(*args)`` in a worker process, stopped by SIGALRM after ``seconds`` (0: no limit).
    Only in a worker: the alarm belongs to the process's main thread, which there runs nothing else."""
    if seconds <= 0:
        return fn(*args)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    except _Alarm:
        raise TimeLimitExceeded(f"took longer than EXTRACT_TIME_LIMIT ({seconds:g} s)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this worker when the crawl process ends, even by SIGKILL, which
    gives the pool no chance to stop its workers (each holds ~80 MB).

    Linux sends SIGKILL on the parent's death (``prctl(PR_SET_PDEATHSIG)``); elsewhere, and
    should the parent already be gone, a thread checks the parent once a second."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:          # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="parent-watch").start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)


class WorkerPool:
    """A process pool that survives the death of one of its processes."""

    def __init__(self, size: int, time_limit: float = 0.0):
        self.size = size
        self.time_limit = time_limit        # seconds a call may take (0: no limit)
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: forking a process that runs a reactor and threads is unsafe.
        return ProcessPoolExecutor(self.size, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=die_with_parent, initargs=(os.getpid(),))

    def start(self) -> None:
        if self._pool is None:
            self._pool = self._new_pool()

    def stop(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    async def run(self, fn, *args):
        """``fn(*args)`` in a worker process.

        Raises :class:`WorkerDied` when the worker process dies on the call: the crawl goes on
        with a new pool instead of failing every page that follows; :class:`TimeLimitExceeded`
        when the call took longer than ``time_limit``.
        """
        self.start()
        pool = self._pool
        try:
            return await asyncio.wrap_future(pool.submit(time_limited, self.time_limit, fn, *args))
        except BrokenProcessPool as exc:
            if self._pool is pool:      # the first call to notice replaces it
                logger.error("a worker process died (%s): starting new workers", exc)
                pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            raise WorkerDied(f"worker process died: {exc}") from exc


class PageWorkers(WorkerPool):
    """The crawl's worker pool as a Scrapy extension: started with the spider, stopped after the
    pipelines have closed. ``EXTRACT_WORKERS = 0`` raises ``NotConfigured``."""

    @classmethod
    def from_crawler(cls, crawler):
        size = crawler.settings.getint("EXTRACT_WORKERS")
        if size <= 0:
            raise NotConfigured("EXTRACT_WORKERS is 0: page work runs inline")
        ext = cls(size, crawler.settings.getfloat("EXTRACT_TIME_LIMIT"))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.start()

    def spider_closed(self, spider):
        self.stop()


async def run_page_work(workers: WorkerPool | None, fn, *args):
    """``fn(*args)`` in ``workers``, or inline when there are none."""
    if workers is None:
        return fn(*args)
    return await workers.run(fn, *args)
