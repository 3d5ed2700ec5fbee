"""Fallback for markup no profile knows: trafilatura, the strongest open generic extractor.

We hand it the already-parsed tree (no second parse of the HTML string) and keep its output as
paragraphs, then apply our own phrase rules.
"""

from __future__ import annotations

import copy
import logging

from crawler.extract.body import Body

logger = logging.getLogger(__name__)

# Blocks generic extractors are known to leak: related links and comments.
PRUNE_XPATH = [
    "//*[contains(@class,'related')]",
    "//*[contains(@class,'comment')]",
    "//*[contains(@class,'share')]",
    "//*[contains(@class,'widget')]",
    "//aside",
]


def generic_body(page) -> Body | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            copy.deepcopy(page.tree),
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
