"""tagDiv pages that are not single posts: the home page, category listings and a WordPress page.

Listings carry the same teaser markup as the sidebar (``entry-title``, ``td-module-date``), so a
crawler has to tell a listing from an article by structure, not by class names alone.  The photo
gallery is a WordPress *page* at a URL shaped like a post URL: no article body, ``og:type=website``
and no ``article:published_time``.
"""

from __future__ import annotations

from datetime import date

from ..model import Post, Site, dotted, ru_today
from .common import Chrome, esc, head_meta
from .tagdiv import STR, Uid, ad_block, doc_start, footer, header, module, sidebar


def _plain_head(site: Site, title: str, url: str, og_type: str = "website") -> str:
    return f"""<title>{esc(title)}</title>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
	<link rel="canonical" href="{url}" />
	<meta property="og:locale" content="{site.og_locale}" />
	<meta property="og:type" content="{og_type}" />
	<meta property="og:title" content="{esc(title)}" />
	<meta property="og:url" content="{url}" />
	<meta property="og:site_name" content="{esc(site.name)}" />
<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; Лента" href="{site.base_url}/feed/" />"""


def _wrap(site: Site, c: Chrome, uid: Uid, main: str, year: int) -> str:
    return f"""
<div class="td-main-content-wrap td-container-wrap">
    <div class="td-container">
        <div class="td-pb-row">
                                <div class="td-pb-span8 td-main-content">
                        <div class="td-ss-main-content">
{main}
                        </div>
                    </div>
                    {sidebar(site, c, None, uid)}
                            </div> <!-- /.td-pb-row -->
    </div> <!-- /.td-container -->
</div> <!-- /.td-main-content-wrap -->
""" + footer(site, c, year)


def teaser(site: Site, c: Chrome, post: Post, href: str | None = None) -> str:
    """A ``td_module_10`` listing teaser: thumb, title, author, date, excerpt."""
    url = href or site.url(post)
    return (f'        <div class="td_module_10 td_module_wrap td-animation-stack">\n'
            f'            <div class="td-module-thumb"><a href="{url}" rel="bookmark" class="td-image-wrap " '
            f'title="{esc(post.title)}" ><img width="218" height="150" class="entry-thumb" '
            f'src="{site.image_url(post, size="-218x150")}" alt="" title="{esc(post.title)}" /></a></div>\n'
            f'            <div class="item-details">\n            <h3 class="entry-title td-module-title"><a href="{url}" '
            f'rel="bookmark" title="{esc(post.title)}">{esc(post.title)}</a></h3>\n'
            f'                <div class="td-module-meta-info"><span class="td-post-author-name"><a href="'
            f'{site.base_url}/author/{post.author_slug}/">{esc(post.author)}</a> <span>-</span> </span>'
            f'<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{post.published}" >'
            f'{dotted(post.published_dt)}</time></span></div>\n'
            f'                <div class="td-excerpt">{esc(post.excerpt())}</div>\n            </div>\n        </div>')


def listing(site: Site, posts: list[Post], page: int, pages: int, today: date) -> str:
    """``/category/<slug>/`` (page 1) or ``/category/<slug>/page/N/``."""
    c, uid = Chrome(), Uid()
    slug = site.listing_category
    name = site.categories[slug]
    url = site.category_url(slug, page)
    head = _plain_head(site, f"{name} Архивтері - {site.name}" + (f" - Бет {page}" if page > 1 else ""), url)
    if page < pages:
        head += f'\n<link rel="next" href="{site.category_url(slug, page + 1)}" />'
    if page > 1:
        head += f'\n<link rel="prev" href="{site.category_url(slug, page - 1)}" />'
    nav = "".join(f'<span class="current">{n}</span>' if n == page else
                  f'<a href="{site.category_url(slug, n)}" class="page" title="{n}">{n}</a>' for n in range(1, pages + 1))
    if page < pages:
        nav += f'<a href="{site.category_url(slug, page + 1)}"  aria-label="next-page" ><i class="td-icon-menu-right"></i></a>'
    main = (f'<div class="td-category-header"><div class="td-crumb-container"><div class="entry-crumbs"><span><a '
            f'title="" class="entry-crumb" href="{site.base_url}/">{c(STR["home"])}</a></span><i class="td-icon-right '
            f'td-bread-sep td-bred-no-url-last"></i><span class="td-bred-no-url-last">{esc(name)}</span></div></div>'
            f'<h1 class="entry-title td-page-title">{esc(name)}</h1></div>\n'
            + "\n".join(teaser(site, c, p) for p in posts)
            + f'\n        <div class="page-nav td-pb-padding-side">{nav}<span class="pages">Page {page} of {pages}</span>'
            f'<div class="clearfix"></div></div>')
    html = doc_start(site, head, f"archive category category-{slug}")
    return html + header(site, c, ru_today(today)) + _wrap(site, c, uid, main, today.year)


def home(site: Site, posts: list[Post], today: date, hrefs: dict[str, str], extra: list[Post]) -> str:
    """The front page: a big grid, a «Жаңалықтар» block and a photo block (``extra``)."""
    c, uid = Chrome(), Uid()
    head = _plain_head(site, f"{site.name} - {site.description}", site.base_url + "/")
    grid = "\n".join(module(site, c, p, "324x400", "td_module_mx5", True, href=hrefs.get(p.slug)) for p in posts[:4])
    rest = "\n".join(teaser(site, c, p, hrefs.get(p.slug)) for p in posts[4:])
    photo = "\n".join(module(site, c, p, "218x150", "td_module_mx1", False) for p in extra)
    main = f"""<div class="td_block_wrap td_block_big_grid_1 {uid()} td-grid-style-1"><div class="td_block_inner">{grid}</div></div>
{ad_block(site, c, uid(), "custom_ad_1", "696x120")}
<div class="td_block_wrap td_block_1 {uid()}"><div class="td-block-title-wrap"><h4 class="block-title td-block-title"><a href="{site.category_url(site.listing_category)}" class="td-pulldown-size">{esc(site.categories[site.listing_category])}</a></h4></div>
<div class="td_block_inner">
{rest}
</div></div>
<div class="td_block_wrap td_block_2 {uid()}"><div class="td-block-title-wrap"><h4 class="block-title td-block-title"><span class="td-pulldown-size">Фотогалерея</span></h4></div><div class="td_block_inner">{photo}</div></div>"""
    html = doc_start(site, head, "home page-template page-template-page-pagebuilder-latest page")
    return html + header(site, c, ru_today(today)) + _wrap(site, c, uid, main, today.year)


def gallery(site: Site, post: Post) -> str:
    """A WordPress page holding only a ``[gallery]``: no article, though its URL looks like one."""
    c, uid = Chrome(), Uid()
    head = head_meta(site, post, is_article=False)
    figures = "".join(
        f"<figure class='gallery-item'><div class='gallery-icon landscape'><a href='{site.image_url(post, f.image)}'>"
        f"<img width=\"300\" height=\"200\" src=\"{site.image_url(post, f.image, '-300x200')}\" class=\"attachment-medium "
        f"size-medium\" alt=\"{esc(f.alt)}\" decoding=\"async\" /></a></div><figcaption class='wp-caption-text "
        f"gallery-caption' id='gallery-1-{f.attachment_id}'>{esc(f.caption)}</figcaption></figure>"
        for f in post.blocks)
    main = (f'<div class="td-crumb-container"><div class="entry-crumbs"><span><a title="" class="entry-crumb" '
            f'href="{site.base_url}/">{c(STR["home"])}</a></span><i class="td-icon-right td-bread-sep td-bred-no-url-last">'
            f'</i><span class="td-bred-no-url-last">{esc(post.title)}</span></div></div>\n<div class="td-page-header">'
            f'<h1 class="entry-title td-page-title"><span>{esc(post.title)}</span></h1></div>\n<div class="td-page-content '
            f"tagdiv-type\"><div id='gallery-1' class='gallery galleryid-{post.post_id} gallery-columns-3 "
            f"gallery-size-medium'>{figures}</div></div>")
    html = doc_start(site, head, f"page-template-default page page-id-{post.post_id}")
    return html + header(site, c, ru_today(post.captured_date)) + _wrap(site, c, uid, main, post.captured_date.year)
