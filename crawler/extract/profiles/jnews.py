"""JNews (WordPress theme by Jegtheme): ``div.entry-content > div.content-inner``."""

from __future__ import annotations

from crawler.extract.profiles import Profile

JNEWS = Profile(
    name="jnews",
    cms_hints=("jnews",),
    # .content-inner alone is a common class name (Blogger templates use it): require JNews's jeg_ markup.
    detect=("[class*='jeg_']",),
    body=(".entry-content .content-inner", ".jeg_post_content .content-inner", ".content-inner"),
    title=("h1.jeg_post_title",),
    authors=(".jeg_meta_author a",),
    tags=(".jeg_post_tags a",),
    dates=((".jeg_meta_container .jeg_meta_date a", None, "visible"), (".jeg_meta_date", None, "visible")),
    prune=(
        ".jeg_ad", ".jnews_inline_related_post", ".jnews_inline_related_post_wrapper", ".jeg_share_button",
        ".jeg_post_tags", ".jnews_related_post_container", ".jnews_prev_next_container", ".jeg_authorbox",
        ".jnews_comment_container", ".jeg_featured", ".jnews_content_bottom_ads", ".jnews_content_top_ads",
        ".jeg_push_notification",
    ),
    lead_captions=((".jeg_featured .wp-caption-text", None), (".jeg_featured figcaption", None)),
)
