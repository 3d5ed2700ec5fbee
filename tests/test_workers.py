"""The extraction worker pool: real processes, one of them killed mid-call."""

from __future__ import annotations

import asyncio
import os

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler

from crawler.crawl import project_settings
from crawler.workers import WorkerDied, run_cpu, start_pool, stop_pool

pytestmark = pytest.mark.e2e   # starts extraction worker processes: slow; `-m "not e2e"` skips it


def test_a_dead_worker_costs_its_own_call_and_the_crawl_goes_on():
    """A page that kills its worker (out of memory, a crash in C code) must not fail every page
    after it: the call raises WorkerDied, the pipelines record the page as an extract_error with
    its capture kept, and new workers take the next pages."""
    crawler = Crawler(Spider, project_settings({"EXTRACT_WORKERS": 1}))
    start_pool(crawler)
    try:
        async def calls():
            assert await run_cpu(crawler, pow, 2, 10) == 1024
            with pytest.raises(WorkerDied):
                await run_cpu(crawler, os._exit, 3)           # the worker process dies mid-call
            return [await run_cpu(crawler, pow, 3, k) for k in range(3)]

        assert asyncio.run(calls()) == [1, 3, 9]
    finally:
        stop_pool(crawler)


def test_without_workers_the_work_runs_inline():
    crawler = Crawler(Spider, project_settings({"EXTRACT_WORKERS": 0}))
    start_pool(crawler)
    assert asyncio.run(run_cpu(crawler, os.getpid)) == os.getpid()
    stop_pool(crawler)
