"""The extraction worker pool: real processes, one of them killed mid-call."""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.crawl import project_settings
from crawler.workers import PageWorkers, TimeLimitExceeded, WorkerDied, WorkerPool, run_page_work

pytestmark = pytest.mark.e2e   # starts extraction worker processes: slow; `-m "not e2e"` skips it


def test_a_dead_worker_costs_its_own_call_and_the_crawl_goes_on():
    """A page that kills its worker (out of memory, a crash in C code) must not fail every page
    after it: the call raises WorkerDied, the pipelines record the page as an extract_error with
    its capture kept, and new workers take the next pages."""
    pool = WorkerPool(1)
    try:
        async def calls():
            assert await pool.run(pow, 2, 10) == 1024
            with pytest.raises(WorkerDied):
                await pool.run(os._exit, 3)           # the worker process dies mid-call
            return [await pool.run(pow, 3, k) for k in range(3)]

        assert asyncio.run(calls()) == [1, 3, 9]
    finally:
        pool.stop()


def spin(seconds: float) -> str:
    """Busy for ``seconds``, swallowing every Exception as some libraries' loops do."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            sum(range(1000))
        except Exception:  # noqa: BLE001 - the point: the time limit must get through this
            pass
    return "finished"


def test_a_call_past_the_time_limit_is_stopped_and_the_worker_lives_on():
    pool = WorkerPool(1, time_limit=0.5)
    try:
        async def calls():
            pid = await pool.run(os.getpid)
            assert await pool.run(spin, 0.1) == "finished"
            started = time.monotonic()
            with pytest.raises(TimeLimitExceeded, match=r"EXTRACT_TIME_LIMIT \(0.5 s\)"):
                await pool.run(spin, 30)
            took = time.monotonic() - started
            return pid, took, await pool.run(os.getpid)

        pid, took, pid_after = asyncio.run(calls())
        assert 0.5 <= took < 5 and pid_after == pid          # stopped, not killed: the same worker
    finally:
        pool.stop()


def test_the_extension_is_the_crawls_pool_and_zero_workers_means_inline():
    crawler = Crawler(Spider, project_settings({"EXTRACT_WORKERS": 2}))
    assert PageWorkers.from_crawler(crawler).size == 2
    assert PageWorkers.from_crawler(crawler).time_limit == 120
    with pytest.raises(NotConfigured):
        PageWorkers.from_crawler(Crawler(Spider, project_settings({"EXTRACT_WORKERS": 0})))
    assert asyncio.run(run_page_work(None, os.getpid)) == os.getpid()
