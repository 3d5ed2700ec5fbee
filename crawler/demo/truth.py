"""The expected crawl results for the demo sites: ``crawler/demo/truth.json``.

The file is written from the content data (``python -m crawler.demo.truth``) and then checked by
hand and by ``tests/test_demo_site.py`` against the *rendered bytes*: every paragraph must be the
``text_content()`` of a ``<p>`` in the page's body container, and every ``must_not_contain``
string must be visible on the page and absent from every body paragraph and caption.
``python -m crawler.demo.truth --check`` fails when the file and the content have drifted apart.

``must_not_contain`` is what the theme itself recorded while rendering the page (see
``themes.common.Chrome``): the top-bar date, breadcrumb and menu labels, the titles of other posts
in related/popular/prev-next/recent-comment blocks, widget titles, comment-form strings, ad labels,
share labels, the tags label, prev/next labels, footer texts and the editor's cross-link line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .build import TRACKING
from .content_jnews import SITE as JNEWS
from .content_tagdiv import SITE as TAGDIV
from .model import Post, Site
from .themes import jnews, tagdiv, tagdiv_cloud

TRUTH_PATH = Path(__file__).with_name("truth.json")
SITES = {TAGDIV.key: TAGDIV, JNEWS.key: JNEWS}


def chrome_of(site: Site, post: Post) -> list[str]:
    if site.cms == "jnews":
        return jnews.single(site, post)[1]
    if post.special == "cloud_template":
        return tagdiv_cloud.single(site, post)[1]
    return tagdiv.single(site, post)[1]


def article_truth(site: Site, post: Post) -> dict:
    entry = {
        "site": site.key, "url": site.url(post), "path": site.path(post), "title": post.title,
        "published": post.published, "modified": post.modified, "language": post.language,
        "authors": [post.author], "body_paragraphs": post.paragraphs(), "captions": post.captions(),
        "tags": [name for name, _ in post.tags], "must_not_contain": chrome_of(site, post),
        "special": post.special, "subtitle": post.subtitle,
    }
    if post.special == "tracking_duplicate":
        entry["aliases"] = [site.url(post) + TRACKING]
    return entry


def make_truth() -> dict:
    truth: dict = {"sites": {}, "articles": [], "not_crawled": [], "skipped": []}
    for site in SITES.values():
        truth["sites"][site.key] = {"base_url": site.base_url, "cms": site.cms, "name": site.name}
        for post in sorted(site.posts, key=lambda p: p.published_dt, reverse=True):
            if post.is_truth_article:
                truth["articles"].append(article_truth(site, post))
            elif post.special == "robots":
                truth["not_crawled"].append({"site": site.key, "url": site.url(post), "reason": "robots"})
            else:
                truth["skipped"].append({"site": site.key, "url": site.url(post), "reason": post.special})
    return truth


def dumps(truth: dict) -> str:
    return json.dumps(truth, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check crawler/demo/truth.json.")
    parser.add_argument("--check", action="store_true", help="exit 1 if truth.json differs from the content")
    args = parser.parse_args(argv)
    text = dumps(make_truth())
    if args.check:
        same = TRUTH_PATH.exists() and TRUTH_PATH.read_text("utf-8") == text
        print("truth.json is up to date" if same else "truth.json differs from the content data")
        return 0 if same else 1
    TRUTH_PATH.write_text(text, "utf-8")
    print(f"wrote {TRUTH_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
