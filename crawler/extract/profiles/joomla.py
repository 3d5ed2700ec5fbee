"""Joomla: the ``com_content`` article view and the K2 component's item view.

com_content (Joomla 3 protostar, Joomla 4/5 cassiopeia and their overrides) marks the article
with schema.org microdata inside ``div.item-page``; ``.item-page`` keeps ``itemprop=articleBody``
of other CMSs (news platforms use it too) from firing this profile. K2 prints its own
``#k2Container.itemView`` with ``itemIntroText`` and ``itemFullText`` inside ``itemBody``.
"""

from __future__ import annotations

from crawler.extract.profiles import Profile

JOOMLA_K2 = Profile(
    name="joomla-k2",
    cms_hints=("joomla",),
    # itemBody holds the intro text and the full text (separate divs when the item has both).
    body=("div.itemView div.itemBody", "div.itemFullText"),
    title=(".itemView .itemTitle", ".itemTitle"),
    authors=(".itemView .itemAuthor a",),          # the bare .itemAuthor text starts with "Автор"
    tags=(".itemTags a",),
    dates=((".itemView .itemDateCreated", None, "visible"),),
    prune=(
        ".itemImageBlock",                          # lead image (+ credits), as other profiles drop it
        ".itemToolbar", ".itemRatingBlock",         # font size / print / email icons, stars
        ".itemExtraFields", ".itemDateModified", ".itemHits", ".itemLinks", ".itemTagsBlock",
        ".itemSocialSharing", ".itemVideoBlock", ".itemImageGallery", ".itemAttachmentsBlock",
        ".itemNavigation", ".itemAuthorBlock", ".itemRelated", ".itemComments", ".itemBackToTop",
        ".ya-share2",
    ),
    lead_captions=((".itemView .itemImageCaption", None),),
)

JOOMLA = Profile(
    name="joomla",
    cms_hints=("joomla",),
    body=(".item-page [itemprop=articleBody]", ".com-content-article__body"),
    title=(".item-page [itemprop=headline]", ".item-page .page-header h1", ".item-page .page-header h2"),
    authors=(".item-page .createdby [itemprop=name]",),  # not .createdby itself: "Автор: ..." label
    tags=(".item-page ul.tags a",),
    dates=(
        (".item-page time[itemprop=datePublished][datetime]", "datetime", "time"),
        (".item-page dd.published time[datetime]", "datetime", "time"),
        (".item-page dd.published", None, "visible"),
    ),
    prune=(
        ".pagenav", ".pager",                       # previous / next article
        ".tags", ".article-info", ".icons",         # overrides that move these into the body
        ".ya-share2", ".jcomments-links",           # share bar, JComments "add comment" link
    ),
    lead_captions=((".item-page .item-image figcaption", None), (".item-page .item-image .caption", None)),
)
