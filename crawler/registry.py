"""The site registry: what the crawler knows about each site, loaded from ``spiders/sites.toml``.

Site knowledge is data. Code reads :class:`Site` records and never branches on a site's key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# The registry is package data of ``spiders``, read through importlib.resources so that an installed
# package or a zipped egg (Scrapyd) finds it as a checkout does.
REGISTRY_PACKAGE, REGISTRY_FILE = "spiders", "sites.toml"
DEFAULT_TIMEZONE = "Asia/Almaty"


class RegistryError(ValueError):
    """The registry file is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class Site:
    key: str
    name: str
    base_url: str
    domains: tuple[str, ...]
    region: str = ""
    languages: tuple[str, ...] = ()
    cms: str = "custom"
    timezone: str = DEFAULT_TIMEZONE
    verified: bool = False
    demo: bool = False
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    article_pattern: str = ""
    listing_pattern: str = ""
    notes: str = ""
    _article_re: re.Pattern | None = field(default=None, repr=False, compare=False)
    _listing_re: re.Pattern | None = field(default=None, repr=False, compare=False)

    def absolute(self, url: str) -> str:
        return urljoin(self.base_url + "/", url)

    @property
    def start_urls(self) -> dict[str, list[str]]:
        """Discovery entry points by kind, as absolute URLs."""
        return {
            "sitemap": [self.absolute(u) for u in self.sitemaps],
            "feed": [self.absolute(u) for u in self.feeds],
            "listing": [self.absolute(u) for u in self.listings],
        }

    def owns(self, url: str) -> bool:
        return self._owned_path(url) is not None

    def _owned_path(self, url: str) -> str | None:
        """Path and query of ``url`` if it is on one of the site's domains, else None."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if not any(host == d or host.endswith("." + d) for d in self.domains):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _matches(self, pattern: re.Pattern | None, url: str) -> bool:
        if pattern is None:
            return False
        path = self._owned_path(url)
        return path is not None and pattern.search(path) is not None

    def is_article_url(self, url: str) -> bool:
        return self._matches(self._article_re, url)

    def is_listing_url(self, url: str) -> bool:
        return self._matches(self._listing_re, url)

    def as_row(self) -> dict:
        """The row stored in the archive's ``sites`` table."""
        return {
            "key": self.key,
            "name": self.name,
            "base_url": self.base_url,
            "domains": list(self.domains),
            "region": self.region,
            "languages": list(self.languages),
            "cms": self.cms,
            "timezone": self.timezone,
            "verified": int(self.verified),
        }


_TUPLE_FIELDS = ("domains", "languages", "feeds", "sitemaps", "listings")
_BOOL_FIELDS = ("verified", "demo")
_ALLOWED = {f for f in Site.__dataclass_fields__ if not f.startswith("_")}


def _site_from_table(table: dict, index: int) -> Site:
    label = table.get("key", f"entry #{index + 1}")
    unknown = set(table) - _ALLOWED
    if unknown:
        raise RegistryError(f"site {label!r}: unknown field(s) {sorted(unknown)}")
    for required in ("key", "name", "base_url", "domains"):
        if not table.get(required):
            raise RegistryError(f"site {label!r}: missing {required!r}")
    for flag in _BOOL_FIELDS:
        # `demo = "false"` would be truthy: a flag is a TOML boolean or absent.
        if flag in table and not isinstance(table[flag], bool):
            raise RegistryError(f"site {label!r}: {flag!r} must be true or false, not {table[flag]!r}")
    values = {k: (tuple(v) if k in _TUPLE_FIELDS else v) for k, v in table.items()}
    values["base_url"] = values["base_url"].rstrip("/")
    try:
        article_re = re.compile(values["article_pattern"]) if values.get("article_pattern") else None
        listing_re = re.compile(values["listing_pattern"]) if values.get("listing_pattern") else None
    except re.error as exc:
        raise RegistryError(f"site {label!r}: bad regex: {exc}") from exc
    return Site(**values, _article_re=article_re, _listing_re=listing_re)


def load_registry(path: Path | str | None = None) -> dict[str, Site]:
    """Read and validate the registry at ``path`` (default: the project's ``spiders/sites.toml``):
    ``{key: Site}`` in file order."""
    if path is None:
        raw = resources.files(REGISTRY_PACKAGE).joinpath(REGISTRY_FILE).read_bytes()
    else:
        raw = Path(path).read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    sites: dict[str, Site] = {}
    for i, table in enumerate(data.get("site", [])):
        site = _site_from_table(table, i)
        if site.key in sites:
            raise RegistryError(f"duplicate site key {site.key!r}")
        sites[site.key] = site
    return sites


@lru_cache(maxsize=None)
def registry() -> dict[str, Site]:
    """The project's registry, loaded once per process."""
    return load_registry()


def get_site(key: str) -> Site:
    try:
        return registry()[key]
    except KeyError:
        raise KeyError(f"unknown site {key!r}; known: {', '.join(registry())}") from None
