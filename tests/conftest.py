"""Shared fixtures: the ../shared material, loopback servers and crawls run with the real engine.

The reference data lives beside the checkout in ``../shared`` (never copied into the repository);
``KZ_SHARED=/some/dir`` points the tests at another copy. Tests that need it skip when it is
missing, and fail when the ``CI`` environment variable is set, where a missing copy is a broken set-up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KZ_SHARED") or REPO.parent / "shared")


def need(path: Path) -> Path:
    """``path`` (reference data under ../shared); skips locally when it is missing, fails under CI."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must provide ../shared beside the checkout (or KZ_SHARED)")
        pytest.skip(f"{path} not available")
    return path


def shared_path(*parts) -> Path:
    """A path under ../shared, through :func:`need`."""
    return need(SHARED.joinpath(*parts))


class MissingShared:
    """The one case of a parametrized test whose case list is read from a missing shared file."""

    def __init__(self, path: Path):
        self.path = path

    def __repr__(self) -> str:
        return f"MissingShared({self.path})"


def shared_cases(*parts, params: Callable[[object], list]) -> list:
    """Parametrize values built from the JSON file at ``parts`` under the shared root.

    Case lists are read at collection time, where a skip would be a collection error. When the file
    is missing this returns one placeholder case instead, which :func:`pytest_runtest_setup` skips
    (or fails under CI) before the test or its fixtures run.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        return [pytest.param(MissingShared(path), id=f"missing-{path.name}")]
    return params(json.loads(path.read_text("utf-8")))


@pytest.hookimpl(tryfirst=True)   # before fixture set-up: a module fixture may read the same files
def pytest_runtest_setup(item):
    for value in getattr(getattr(item, "callspec", None), "params", {}).values():
        if isinstance(value, MissingShared):
            need(value.path)


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return shared_path("corpus", "seed")


@pytest.fixture(scope="session")
def seed_truth(seed_dir) -> list[dict]:
    return json.loads((seed_dir / "truth.json").read_text("utf-8"))


def run_crawl(*args: str, db: Path, timeout: int = 180, exit_codes=(0, 3)) -> subprocess.CompletedProcess:
    """``python -m crawler crawl ...`` in a subprocess: a fresh Twisted reactor per crawl, as a user runs it.

    The run must finish: exit 0, or 3 when some pages failed (the demo sites fail some on purpose)."""
    cmd = [sys.executable, "-m", "crawler", "crawl", *args, "--db", str(db), "--loopback",
           "-s", "LOG_LEVEL=INFO"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    if proc.returncode not in exit_codes:
        raise AssertionError(f"crawl failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr[-4000:]}")
    return proc


def rows(db: Path, sql: str, params=()) -> list[dict]:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def crawl_demo_sites(db: Path, resources: dict | None = None) -> dict:
    """Serve the demo sites (``resources``: ``{site key: build_site(key)}``, built when not given)
    on loopback and crawl them all into ``db`` with the real engine; returns the resources served."""
    from crawler.demo import DEMO_SITES, DemoServer, build_site

    resources = resources or {key: build_site(key) for key in DEMO_SITES}
    servers = {key: DemoServer(res) for key, res in resources.items()}
    for server in servers.values():
        server.__enter__()
    try:
        host_map = [arg for key, server in servers.items() for arg in ("--host-map", f"{DEMO_SITES[key]}={server.base_url}")]
        run_crawl(*resources, *host_map, db=db)
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)
    return resources
