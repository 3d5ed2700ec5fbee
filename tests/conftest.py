"""Shared fixtures: the ../shared material, loopback servers and crawls run with the real engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def need(path: Path) -> Path:
    """``path`` (reference data under ../shared); skips locally when it is missing, fails under CI."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must provide ../shared beside the checkout")
        pytest.skip(f"{path} not available")
    return path


def shared_path(*parts) -> Path:
    """A path under ../shared, through :func:`need`."""
    return need(SHARED.joinpath(*parts))


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return shared_path("corpus", "seed")


@pytest.fixture(scope="session")
def seed_truth(seed_dir) -> list[dict]:
    return json.loads((seed_dir / "truth.json").read_text("utf-8"))


def run_crawl(*args: str, db: Path, timeout: int = 180) -> subprocess.CompletedProcess:
    """``python -m crawler crawl ...`` in a subprocess: a fresh Twisted reactor per crawl, as a user runs it."""
    cmd = [sys.executable, "-m", "crawler", "crawl", *args, "--db", str(db), "--loopback",
           "-s", "LOG_LEVEL=INFO"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
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
