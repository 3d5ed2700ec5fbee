"""Page profiles: what each CMS family's article markup looks like, as data.

A profile is detected from the markup (its ``body`` selector matches), not from the domain, so an
unknown site on a known theme works on first contact. The registry's ``cms`` is only a hint that
decides which profile is tried first.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    name: str
    body: tuple[str, ...]                 # CSS for the body container; the first match wins
    title: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # (css, attribute or None for the element's text, source label for the date stage)
    dates: tuple[tuple[str, str | None, str], ...] = ()
    prune: tuple[str, ...] = ()           # removed from the body container before reading it
    captions: tuple[str, ...] = ("figcaption",)
    cms_hints: tuple[str, ...] = field(default=())


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
)

JNEWS = Profile(
    name="jnews",
    cms_hints=("jnews",),
    body=(".entry-content .content-inner", ".jeg_post_content .content-inner", ".content-inner"),
    title=("h1.jeg_post_title",),
    authors=(".jeg_meta_author a",),
    tags=(".jeg_post_tags a",),
    dates=((".jeg_meta_container .jeg_meta_date a", None, "visible"), (".jeg_meta_date", None, "visible")),
    prune=(
        ".jeg_ad", ".jnews_inline_related_post", ".jnews_inline_related_post_wrapper", ".jeg_share_button",
        ".jeg_post_tags", ".jnews_related_post_container", ".jnews_prev_next_container", ".jeg_authorbox",
        ".jnews_comment_container", ".jeg_featured", ".jnews_content_bottom_ads", ".jnews_content_top_ads",
    ),
)

WORDPRESS = Profile(
    name="wordpress",
    cms_hints=("wordpress",),
    body=("article .entry-content", "div.entry-content", "div.post-content", "div.single-content"),
    title=("h1.entry-title", "article h1", "h1.post-title"),
    authors=(".byline .author a", ".author.vcard a", "a[rel=author]"),
    tags=(".tags-links a", "a[rel=tag]"),
    dates=(("article time.entry-date[datetime]", "datetime", "time"), ("time.published[datetime]", "datetime", "time")),
    prune=(".sharedaddy", ".jp-relatedposts", ".wp-block-buttons", ".post-navigation", ".entry-footer"),
)

# Tried in this order after the hinted ones; the more specific markup first.
PROFILES: tuple[Profile, ...] = (TAGDIV_CLASSIC, TAGDIV_CLOUD, JNEWS, WORDPRESS)


def profiles_for(cms_hint: str | None) -> list[Profile]:
    hinted = [p for p in PROFILES if cms_hint and cms_hint in p.cms_hints]
    return hinted + [p for p in PROFILES if p not in hinted]
