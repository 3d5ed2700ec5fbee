"""Plain WordPress themes (Twenty*, Astra, GeneratePress, ...): ``.entry-content``. The most generic
WordPress markup, so it is tried after every theme profile (JNews pages carry ``.entry-content`` too).
"""

from __future__ import annotations

from crawler.extract.profiles import Profile

WORDPRESS = Profile(
    name="wordpress",
    cms_hints=("wordpress",),
    body=("article .entry-content", "div.entry-content", "div.post-content", "div.single-content"),
    title=("h1.entry-title", "article h1", "h1.post-title"),
    authors=(".byline .author a", ".author.vcard a", "a[rel=author]"),
    tags=(".tags-links a", "a[rel=tag]"),
    dates=(("article time.entry-date[datetime]", "datetime", "time"), ("time.published[datetime]", "datetime", "time")),
    prune=(".sharedaddy", ".jp-relatedposts", ".wp-block-buttons", ".post-navigation", ".entry-footer"),
    # Plain-WordPress containers hold whatever the theme and its plugins print (newsletter boxes,
    # related-post lists, author cards): measured on the trafilatura evaluation set, trafilatura's
    # filters inside the container beat reading every block (see README, Benchmarks).
    reader="trafilatura",
)
