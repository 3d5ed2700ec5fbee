"""Import direction between the packages: extraction may use the date stage, never the reverse.

``crawler.text``, ``crawler.jsonld`` and ``crawler.chrome`` hold what both sides share, below both.
Checked on the source (every import statement, those inside functions included, since a lazy import
is still a cycle) and at run time (what importing the date stage actually loads).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CRAWLER = ROOT / "crawler"

# (modules, by path under crawler/, and the packages they must not import)
LAYERS = [
    ("dates/*.py", ("crawler.extract",)),
    ("chrome.py", ("crawler.extract", "crawler.dates")),
    ("jsonld.py", ("crawler.extract", "crawler.dates", "crawler.chrome", "crawler.text")),
    ("text.py", ("crawler.extract", "crawler.dates", "crawler.chrome", "crawler.jsonld")),
]


def imported_modules(path: Path) -> set[str]:
    """Every module an ``import`` or ``from ... import`` in ``path`` names (absolute imports)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return out


def _cases():
    for pattern, forbidden in LAYERS:
        for path in sorted(CRAWLER.glob(pattern)):
            yield pytest.param(path, forbidden, id=str(path.relative_to(CRAWLER)))


@pytest.mark.parametrize("path, forbidden", list(_cases()))
def test_module_imports_only_downwards(path, forbidden):
    wrong = sorted(m for m in imported_modules(path) if m.startswith(forbidden))
    assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}: that is an import cycle with crawler.extract"


def test_layers_table_covers_every_date_module():
    assert len(list(CRAWLER.glob("dates/*.py"))) >= 7


def test_importing_the_date_stage_loads_no_extraction_module():
    code = ("import sys, crawler.dates, crawler.dates.page, crawler.dates.cli, crawler.chrome; "
            "print(sorted(m for m in sys.modules if m.startswith('crawler.extract')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
