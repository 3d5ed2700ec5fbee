"""One polite fetch for ``python -m crawler extract --fetch URL``.

The project's User-Agent (``USER_AGENT`` in :mod:`crawler.settings`), a timeout, robots.txt obeyed
through Protego (the parser Scrapy itself uses), and one request for the page: no retries, no
crawling. A crawl goes through Scrapy instead; this is for looking at one page by hand.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit

TIMEOUT = 20.0
MAX_BYTES = 16 * 1024 * 1024   # DOWNLOAD_MAXSIZE of a crawl


class FetchError(RuntimeError):
    """The page could not be fetched or may not be; ``str()`` is one line."""


@dataclass
class Fetched:
    url: str                 # after redirects
    body: bytes
    content_type: str | None
    fetched_at: str          # ISO 8601 UTC


def user_agent() -> str:
    from crawler import settings

    return settings.USER_AGENT


def _get(url: str, timeout: float) -> tuple[str, bytes, str | None]:
    req = urllib.request.Request(url, headers={"User-Agent": user_agent()})
    with urllib.request.urlopen(req, timeout=timeout) as resp:   # noqa: S310 (http(s) checked by the caller)
        body = resp.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise FetchError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
        return resp.geturl(), body, resp.headers.get("Content-Type")


def robots_allows(url: str, timeout: float = TIMEOUT) -> bool:
    """Whether the site's robots.txt lets our User-Agent fetch ``url`` (no robots.txt, or one that
    cannot be read: allowed, as Scrapy's RobotsTxtMiddleware decides)."""
    from protego import Protego

    parts = urlsplit(url)
    robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
    try:
        _, body, _ = _get(robots_url, timeout)
    except (urllib.error.URLError, OSError, FetchError, ValueError):
        return True
    return Protego.parse(body.decode("utf-8", "replace")).can_fetch(url, user_agent())


def fetch(url: str, timeout: float = TIMEOUT) -> Fetched:
    """GET ``url`` once if robots.txt allows it; :class:`FetchError` with one line otherwise."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not robots_allows(url, timeout):
        raise FetchError(f"{url}: disallowed by the site's robots.txt for {user_agent().split()[0]}")
    try:
        final, body, ctype = _get(url, timeout)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: {exc.reason}") from None
    except (OSError, ValueError) as exc:    # timeouts, resets, malformed URLs
        raise FetchError(f"{url}: {' '.join(str(exc).split()) or type(exc).__name__}") from None
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return Fetched(url=final, body=body, content_type=ctype, fetched_at=now)
