"""What the demo server serves: a path -> :class:`Resource` mapping, built or read from a folder."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"
TEXT = "text/plain; charset=UTF-8"


@dataclass
class Resource:
    """One response. ``fail_first`` is how many HTTP 500s a server instance sends before the 200;
    ``headers`` are sent as well (a redirect's ``Location``)."""

    status: int = 200
    content_type: str = HTML
    body: bytes = b""
    fail_first: int = 0
    headers: dict[str, str] = field(default_factory=dict)


def _content_type(name: str, body: bytes) -> str:
    if name.endswith("index.xml"):
        head = body[:2000]
        return RSS if b"<rss" in head else ("application/atom+xml; charset=UTF-8" if b"<feed" in head else XML)
    suffix = Path(name).suffix.lower()
    known = {".html": HTML, ".htm": HTML, ".xml": XML, ".txt": TEXT, ".json": "application/json",
             ".xsl": "text/xsl", ".css": "text/css", ".js": "application/javascript"}
    return known.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def resources_from_dir(path) -> dict[str, Resource]:
    """Serve a static tree the way WordPress URLs look.

    ``X/index.html`` -> ``/X/``; ``index.html`` -> ``/``; ``feed/index.xml`` -> ``/feed/`` (RSS);
    any other file under its own name (``robots.txt`` -> ``/robots.txt``).
    """
    root = Path(path)
    resources: dict[str, Resource] = {}
    for file in sorted(root.rglob("*")):
        if not file.is_file() or any(part.startswith(".") for part in file.relative_to(root).parts):
            continue
        rel = file.relative_to(root).as_posix()
        body = file.read_bytes()
        url = "/" + (rel[: -len(file.name)] if file.name in ("index.html", "index.htm", "index.xml") else rel)
        resources[url] = Resource(200, _content_type(rel, body), body)
    return resources
