"""The extraction worker pool: real processes, one of them killed mid-call."""

from __future__ import annotations

import asyncio
import os

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.crawl import project_settings
from crawler.workers import PageWorkers, WorkerDied, WorkerPool, run_page_work

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


def test_the_extension_is_the_crawls_pool_and_zero_workers_means_inline():
    crawler = Crawler(Spider, project_settings({"EXTRACT_WORKERS": 2}))
    assert PageWorkers.from_crawler(crawler).size == 2
    with pytest.raises(NotConfigured):
        PageWorkers.from_crawler(Crawler(Spider, project_settings({"EXTRACT_WORKERS": 0})))
    assert asyncio.run(run_page_work(None, os.getpid)) == os.getpid()
