"""Fallback for markup no profile knows: trafilatura, the strongest open generic extractor.

We hand it the already-parsed tree (no second parse of the HTML string, no copy: trafilatura
may mutate it, so the caller reads every page-level field first) and keep its output as
paragraphs, then apply our own phrase rules.
"""

from __future__ import annotations

import logging

from crawler.extract.body import Body

logger = logging.getLogger(__name__)

# Blocks generic extractors are known to leak (related links, comments, share bars, widgets),
# named by exact class tokens of common WordPress themes and plugins. Exact tokens, not substrings:
# JNews marks the article container itself "entry-content no-share".
CHROME_CLASSES = (
    "related-posts", "related_posts", "jp-relatedposts", "yarpp-related", "crp_related",
    "td_block_related_posts", "jnews_related_post_container", "jnews_inline_related_post",
    "comments", "comments-area", "comment-respond", "commentlist", "comment-list",
    "sharedaddy", "share-buttons", "social-share", "addtoany_share_save_container",
    "td-post-sharing", "jeg_share_button", "jeg_sharelist",
    "widget", "td_block_widget", "sidebar", "td-a-rec", "jeg_ad",
)


def _token_xpath(token: str) -> str:
    return f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {token} ')]"


PRUNE_XPATH = [_token_xpath(t) for t in CHROME_CLASSES] + ["//aside"]


def generic_body(page) -> Body | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            page.tree,
            url=page.url,
            include_comments=False,
            include_tables=False,
            prune_xpath=PRUNE_XPATH,
            with_metadata=False,
        )
    except Exception as exc:  # trafilatura raises a variety of errors on odd markup
        logger.warning("trafilatura failed on %s: %s", page.url, exc)
        return None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return None
    body = Body()
    for line in text.split("\n"):
        body.add("p", line)
    return body
