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
# A site's front page: its root, a language root (/kk/, /ru/, /kz/, /qaz/, /kk-latn/), an index file,
# a ?lang= switch. Path and query of a URL, as Site._owned_path gives them.
_FRONT_PAGE = re.compile(r"(?:/(?:[a-z]{2,3}(?:[-_][a-z]{2,4})?/?)?)?(?:index\.(?:php|html?|aspx?))?"
                         r"(?:\?(?:lang|language)=[\w-]+)?", re.IGNORECASE)


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

    def landing(self, url: str) -> str | None:
        """``"the home page"`` or ``"a listing"`` when ``url`` is one of the site's front pages (its
        root, a language root such as ``/kk/``, an ``index.php``) or listing pages (a registered
        listing or feed, or what ``listing_pattern`` matches); None otherwise. An archived article
        whose URL now redirects to one of these was taken down."""
        path = self._owned_path(url)
        if path is None:
            return None
        if _FRONT_PAGE.fullmatch(path):
            return "the home page"
        bare = url.split("#", 1)[0].rstrip("/")
        starts = self.start_urls
        if self.is_listing_url(url) or bare in {u.rstrip("/") for u in starts["listing"] + starts["feed"]}:
            return "a listing"
        return None

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
_STR_FIELDS = ("key", "name", "base_url", "region", "cms", "timezone", "article_pattern", "listing_pattern", "notes")
_URL_FIELDS = ("feeds", "sitemaps", "listings")
_ALLOWED = {f for f in Site.__dataclass_fields__ if not f.startswith("_")}
# A hostname: dot-separated labels of letters, digits and inner hyphens (IDNs in their xn-- form).
_HOSTNAME = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


# Suggestions for what people write for a language: the country code, ISO 639-2/3.
_LANGUAGE_MIXUPS = {"kz": "kk", "kaz": "kk", "qaz": "kk", "rus": "ru", "eng": "en"}


def _nearest(value: str, choices, mixups: dict | None = None) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing when none is close."""
    import difflib

    choices = sorted(choices)
    lowered = {c.lower(): c for c in choices}
    match = (mixups or {}).get(value.lower()) or lowered.get(value.lower()) or next(iter(difflib.get_close_matches(value, choices, 1, 0.5)), None)
    return f" (did you mean {match!r}?)" if match else ""


def _valid_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def cms_names() -> set[str]:
    """The values ``cms`` may take: every page profile's hints, and ``custom`` (no profile: the
    markup alone decides)."""
    from crawler.extract.profiles import PROFILES

    return {hint for profile in PROFILES for hint in profile.cms_hints} | {"custom"}


def _owned(host: str, domains) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _check_url(url, domains, *, relative_ok: bool) -> str | None:
    """Why ``url`` is not a usable discovery URL, or None: an absolute http(s) URL on one of the
    site's domains, or (``relative_ok``) a path on the site starting with ``/``."""
    if not isinstance(url, str) or not url:
        return "must be a non-empty string"
    if url != url.strip() or any(c.isspace() for c in url):
        return "contains white space"
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        if relative_ok and url.startswith("/") and not url.startswith("//"):
            return None
        return "must be an absolute http(s) URL" + (" or a path starting with '/'" if relative_ok else "")
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http or https"
    try:
        host, _port = parts.hostname, parts.port
    except ValueError as exc:
        return f"bad host or port ({exc})"
    if not host:
        return "has no host"
    if domains and not _owned(host, domains):
        return f"host {host!r} is not one of the site's domains {list(domains)}"
    return None


def _check_site(values: dict, label: str) -> None:
    """Every field's value, beyond its presence: raises :class:`RegistryError` naming the site and
    the field, with the nearest valid value where there is one."""
    from crawler.language import LABELS

    def fail(field_name: str, message: str):
        raise RegistryError(f"site {label!r}: field {field_name!r}: {message}")

    for name in _STR_FIELDS:
        if name in values and not isinstance(values[name], str):
            fail(name, f"must be a string, not {values[name]!r}")
    for name in _TUPLE_FIELDS:
        if name in values and (not isinstance(values[name], list)
                               or not all(isinstance(v, str) and v for v in values[name])):
            fail(name, f"must be a list of non-empty strings, not {values[name]!r}")
    if not _KEY.match(values["key"]):
        fail("key", f"{values['key']!r} must be lower-case letters, digits, '-' or '_' (it is the spider's name)")
    domains = tuple(values["domains"])
    for domain in domains:
        if not _HOSTNAME.match(domain):
            fail("domains", f"{domain!r} is not a host name (no scheme, path, port or upper case: e.g. 'site.kz')")
    problem = _check_url(values["base_url"], domains, relative_ok=False)
    if problem:
        fail("base_url", f"{values['base_url']!r} {problem}")
    for name in _URL_FIELDS:
        for url in values.get(name, ()):
            problem = _check_url(url, domains, relative_ok=True)
            if problem:
                fail(name, f"{url!r} {problem}")
    zone = values.get("timezone", DEFAULT_TIMEZONE)
    if not _valid_zone(zone):
        from zoneinfo import available_timezones

        fail("timezone", f"unknown time zone {zone!r}{_nearest(zone, available_timezones())}")
    cms = values.get("cms", "custom")
    known_cms = cms_names()
    if cms not in known_cms:
        fail("cms", f"unknown CMS {cms!r}{_nearest(cms, known_cms)}; one of {', '.join(sorted(known_cms))}")
    for language in values.get("languages", ()):
        if language not in LABELS:
            fail("languages", f"unknown language {language!r}{_nearest(language, LABELS, _LANGUAGE_MIXUPS)}; "
                              f"one of {', '.join(LABELS)}")
    for name in ("article_pattern", "listing_pattern"):
        if values.get(name):
            try:
                re.compile(values[name])
            except re.error as exc:
                fail(name, f"bad regex {values[name]!r}: {exc}")


def _site_from_table(table: dict, index: int) -> Site:
    label = table.get("key", f"entry #{index + 1}")
    unknown = set(table) - _ALLOWED
    if unknown:
        raise RegistryError(f"site {label!r}: unknown field(s) {sorted(unknown)}"
                            f"{_nearest(sorted(unknown)[0], _ALLOWED) if len(unknown) == 1 else ''}")
    for required in ("key", "name", "base_url", "domains"):
        if not table.get(required):
            raise RegistryError(f"site {label!r}: missing {required!r}")
    for flag in _BOOL_FIELDS:
        # `demo = "false"` would be truthy: a flag is a TOML boolean or absent.
        if flag in table and not isinstance(table[flag], bool):
            raise RegistryError(f"site {label!r}: {flag!r} must be true or false, not {table[flag]!r}")
    _check_site(table, label)
    values = {k: (tuple(v) if k in _TUPLE_FIELDS else v) for k, v in table.items()}
    values["base_url"] = values["base_url"].rstrip("/")
    article_re = re.compile(values["article_pattern"]) if values.get("article_pattern") else None
    listing_re = re.compile(values["listing_pattern"]) if values.get("listing_pattern") else None
    return Site(**values, _article_re=article_re, _listing_re=listing_re)


def load_registry(path: Path | str | None = None) -> dict[str, Site]:
    """Read and validate the registry at ``path`` (default: the project's ``spiders/sites.toml``):
    ``{key: Site}`` in file order. A mistake is a :class:`RegistryError` whose one-line message
    names the file, the site and the field."""
    if path is None:
        source = f"{REGISTRY_PACKAGE}/{REGISTRY_FILE}"
        raw = resources.files(REGISTRY_PACKAGE).joinpath(REGISTRY_FILE).read_bytes()
    else:
        source = str(path)
        raw = Path(path).read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RegistryError(f"{source}: not valid TOML: {exc}") from None
    sites: dict[str, Site] = {}
    tables = data.get("site", [])
    if not isinstance(tables, list):
        raise RegistryError(f"{source}: sites are [[site]] tables")
    for i, table in enumerate(tables):
        try:
            site = _site_from_table(table, i)
        except RegistryError as exc:
            raise RegistryError(f"{source}: {exc}") from None
        if site.key in sites:
            raise RegistryError(f"{source}: duplicate site key {site.key!r}")
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
