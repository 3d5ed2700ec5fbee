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
    prune=(
        ".sharedaddy", ".jp-relatedposts", ".wp-block-buttons", ".post-navigation", ".navigation",
        ".nav-links", ".entry-footer", ".widget", ".wp-embedded-content", ".wp-block-latest-posts",
        # plugins that print into the content: related posts (YARPP, Related Posts for WP, Contextual
        # Related Posts), ratings, share bars (Shariff, Easy Social Share, Sassy Social Share, Yandex),
        # view counters, tables of contents
        ".yarpp-related", ".yarpp", ".rp4wp-related-posts", ".crp_related", ".post-ratings", ".shariff",
        ".essb_links", ".heateor_sss_sharing_container", ".ya-share2", ".post-views", ".pvc_stats",
        "#ez-toc-container", ".ez-toc-container",
    ),
    # Plain-WordPress containers hold whatever the theme and its plugins print (newsletter boxes,
    # related-post lists, author cards). Boxes named as such are dropped and the rest read as
    # blocks; trafilatura's filters only when unnamed link-dense blocks remain (measured against
    # trafilatura everywhere and blocks everywhere: README, Benchmarks).
    reader="auto",
)
