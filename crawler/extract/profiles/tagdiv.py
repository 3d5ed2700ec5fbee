"""tagDiv "Newspaper" (WordPress): the classic single template and the Cloud Library (tdb) template.

Cloud templates keep ``td-post-content`` on the ``tdb_single_content`` block, so the cloud profile is
registered before the classic one (its body selector is the more specific of the two).
"""

from __future__ import annotations

from crawler.extract.profiles import Profile

TAGDIV_CLASSIC = Profile(
    name="tagdiv",
    cms_hints=("tagdiv",),
    body=("div.td-post-content",),
    title=(".td-post-header h1.entry-title", "h1.entry-title", "h1.tdb-title-text", "h1.td-post-title"),
    authors=(".td-post-header .td-post-author-name a", ".td-post-author-name a"),
    tags=(".td-post-source-tags .td-tags a", "ul.td-tags a"),
    dates=(
        (".td-post-header time.entry-date[datetime]", "datetime", "time"),
        (".td-post-header time.entry-date", None, "visible"),
    ),
    prune=(
        ".td-a-rec", ".td-g-rec", ".td-post-featured-image", ".td-post-sharing", ".td-post-source-tags",
        ".td-post-next-prev", ".td_block_related_posts", ".td-author-box-wrap", ".td-post-sub-title",
    ),
    lead_captions=((".td-post-featured-image figcaption", None), (".td-post-featured-image a[data-caption]", "data-caption")),
)

TAGDIV_CLOUD = Profile(
    name="tagdiv-cloud",
    cms_hints=("tagdiv",),
    body=(".tdb_single_content .tdb-block-inner", ".tdb_single_content"),
    title=("h1.tdb-title-text", ".tdb_title h1", "h1.entry-title"),
    authors=(".tdb_single_author .tdb-author-name", ".tdb-author-name"),
    tags=(".tdb_single_tags a", ".tdb-tags a"),
    dates=(
        (".tdb_single_date time[datetime]", "datetime", "time"),
        (".tdb_single_date time", None, "visible"),
    ),
    prune=(".td-a-rec", ".tdb-a-rec", ".td-g-rec", ".tdb_single_featured_image", ".tdb_single_post_share"),
    lead_captions=(
        (".tdb_single_featured_image figcaption", None), (".tdb_single_featured_image a[data-caption]", "data-caption"),
    ),
)
