"""The other-language editions a page links to: its alternates.

Kazakh sites publish one story in Kazakh and Russian (and some in Latin-script Kazakh) and say so
in the markup: ``<link rel="alternate" hreflang="ru" href="…">`` in the head (WordPress SEO
plugins, WPML, Polylang, Bitrix, custom CMSs), and language switchers in the page, WPML's
(``.wpml-ls-item a``, the language in ``hreflang``, a ``lang`` span or the item's
``wpml-ls-item-ru`` class) and Polylang's (``.lang-item a`` with ``hreflang``/``lang``, class
``lang-item-ru``). :func:`page_alternates` reads them all into one list of ``{"lang", "url"}``.

Left out: the page itself, ``x-default``, the switcher's current-language item, Polylang's
``no-translation`` items and links to a language's home page (a switcher with no translation of
this story points there: that is no edition of it). Pure: a function of the parsed :class:`Page`,
called before body reading (which prunes the switcher).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from crawler.discovery import clean_url

SWITCHER_LINKS = ".wpml-ls-item a, .lang-item a, .pll-switcher a, .pll-parent-menu-item a"
_CLASS_LANG = re.compile(r"(?:wpml-ls-item|lang-item)-([a-z]{2,3}(?:[-_][A-Za-z]{2,4})?)\b")
_SKIP_CLASSES = ("wpml-ls-current-language", "current-lang", "no-translation")


def normalize_lang(value: str | None) -> str | None:
    """``ru-RU`` -> ``ru``, ``kk_KZ`` -> ``kk``, ``kk-latn`` -> ``kk-Latn``: the language and its
    script, as the ``articles.language`` labels are written; the region is dropped."""
    if not value:
        return None
    parts = value.strip().replace("_", "-").split("-")
    primary = parts[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return None
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    return f"{primary}-{script}" if script else primary


def _is_home(url: str) -> bool:
    path = urlsplit(url).path.strip("/")
    return path == "" or re.fullmatch(r"[a-z]{2}(?:-[a-z]{2,4})?", path) is not None


def _switcher_lang(a) -> str | None:
    lang = a.get("hreflang") or a.get("lang")
    if not lang:
        for span in a.iter("span"):
            if span.get("lang"):
                lang = span.get("lang")
                break
    if not lang:
        for el in (a, a.getparent()):
            if el is None:
                continue
            m = _CLASS_LANG.search(el.get("class") or "")
            if m:
                lang = m.group(1)
                break
    return normalize_lang(lang)


def page_alternates(page) -> list[dict]:
    """The page's other-language editions, ``[{"lang": "ru", "url": "https://…"}]``, sorted by
    language then URL, each URL once (its cleaned absolute form)."""
    own = {clean_url(page.url)}
    if page.canonical_url:
        own.add(clean_url(page.canonical_url))
    found: dict[str, str] = {}

    def add(lang: str | None, href: str | None) -> None:
        if not lang or not href or href.startswith(("#", "javascript:")):
            return
        url = clean_url(urljoin(page.url, href.strip()).split("#", 1)[0])
        if url in own or _is_home(url) or not url.startswith(("http://", "https://")):
            return
        found.setdefault(url, lang)

    for link in page.tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        hreflang = link.get("hreflang")
        if "alternate" in rel and hreflang and hreflang.strip().lower() != "x-default":
            add(normalize_lang(hreflang), link.get("href"))
    for a in page.select(SWITCHER_LINKS):
        item = a.getparent()
        classes = " ".join(filter(None, [a.get("class"), item.get("class") if item is not None else None]))
        if any(skip in classes for skip in _SKIP_CLASSES):
            continue
        add(_switcher_lang(a), a.get("href"))
    return sorted(({"lang": lang, "url": url} for url, lang in found.items()),
                  key=lambda d: (d["lang"], d["url"]))
