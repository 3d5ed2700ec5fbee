"""JNews archive (category listing) and home pages.

Teasers reuse ``jeg_post_title`` and ``jeg_meta_date``, the very classes of the article header, so
a listing can only be told from an article by structure: no ``entry-content``/``content-inner``.
"""

from __future__ import annotations

from datetime import date

from ..model import Post, Site, kk_date, kk_today
from .common import Chrome, esc
from .jnews import STR, breadcrumbs, doc_start, footer, header, module_id, sidebar


def _head(site: Site, title: str, url: str, extra: str = "") -> str:
    return f"""<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0, viewport-fit=cover" />
<title>{esc(title)}</title>
<link rel="canonical" href="{url}" />
<meta property="og:locale" content="{site.og_locale}" />
<meta property="og:type" content="website" />
<meta property="og:title" content="{esc(title)}" />
<meta property="og:url" content="{url}" />
<meta property="og:site_name" content="{esc(site.name)}" />{extra}
<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; Арна" href="{site.base_url}/feed/" />"""


def teaser(site: Site, post: Post) -> str:
    url = site.url(post)
    return (f'<article class="jeg_post jeg_pl_lg_2 format-standard"><div class="jeg_thumb"><a href="{url}"><div class="'
            f'thumbnail-container animate-lazy  size-715 "><img width="350" height="250" src="'
            f'{site.image_url(post, size="-350x250")}" class="attachment-jnews-350x250 size-jnews-350x250 wp-post-image" '
            f'alt="{esc(post.title)}" decoding="async" /></div></a></div><div class="jeg_postblock_content"><h3 class="'
            f'jeg_post_title"><a href="{url}">{esc(post.title)}</a></h3><div class="jeg_post_meta"><div class="'
            f'jeg_meta_author"><span class="by">Автор</span> <a href="{site.base_url}/author/{post.author_slug}/">'
            f'{esc(post.author)}</a></div><div class="jeg_meta_date"><a href="{url}"><i class="fa fa-clock-o"></i> '
            f'{kk_date(post.published_dt)}</a></div></div><div class="jeg_post_excerpt"><p>{esc(post.excerpt(24))}</p>'
            f'<a href="{url}" class="jeg_readmore">{STR["read_more"]}</a></div></div></article>')


def _page(site: Site, c: Chrome, head: str, body_class: str, today: date, main: str) -> str:
    return doc_start(site, head, body_class) + header(site, c, kk_today(today)) + f"""        <div class="jeg_main ">
            <div class="jeg_container">
                <div class="jeg_content">
                    <div class="jeg_section">
                        <div class="container">
                            <div class="jeg_ad jeg_archive jnews_archive_above_content_ads "><div class='ads-wrapper  '></div></div>
                            <div class="jeg_cat_content row">
                                <div class="jeg_main_content jeg_column col-sm-8">
                                    <div class="jeg_inner_content">
{main}
                                    </div>
                                </div>
{sidebar(site, c, None)}
                            </div>
                        </div>
                    </div>
                </div>
            </div>
        </div>
""" + footer(site, c, today.year)


def listing(site: Site, posts: list[Post], page: int, pages: int, today: date) -> str:
    c = Chrome()
    slug = site.listing_category
    url = site.category_url(slug, page)
    extra = ""
    if page > 1:
        extra += f'\n<link rel="prev" href="{site.category_url(slug, page - 1)}" />'
    if page < pages:
        extra += f'\n<link rel="next" href="{site.category_url(slug, page + 1)}" />'
    title = f"{site.categories[slug]} архивтері &#8211; {site.name}"
    nav = f'<span class="page_info">Бет {page} / {pages}</span>'
    if page > 1:
        nav += (f'<a class="page_nav prev" data-id="{page - 1}" href="{site.category_url(slug, page - 1)}"><span '
                f'class="navtext">Алдыңғы</span></a>')
    nav += "".join(f'<span class="page_number active">{n}</span>' if n == page else
                   f'<a class="page_number" data-id="{n}" href="{site.category_url(slug, n)}">{n}</a>'
                   for n in range(1, pages + 1))
    if page < pages:
        nav += (f'<a class="page_nav next" data-id="{page + 1}" href="{site.category_url(slug, page + 1)}"><span '
                f'class="navtext">Келесі</span></a>')
    main = f"""<div class="jeg_archive_header">{breadcrumbs(site, c, slug)}<h1 class="jeg_archive_title">{esc(site.categories[slug])}</h1></div>
<div class="jnews_archive_content_wrapper"><div class="jeg_module_hook {module_id(None, page)}"><div class="jeg_postblock_5 jeg_postblock jeg_col_2o3"><div class="jeg_block_container"><div class="jeg_posts jeg_load_more_flag">
{"".join(teaser(site, p) for p in posts)}
</div></div></div></div>
<div class="jeg_navigation jeg_pagination jeg_pagenav_1 jeg_aligncenter no_navtext no_pageinfo">{nav}</div></div>"""
    return _page(site, c, _head(site, title.replace("&#8211;", "–"), url, extra),
                 f"archive category category-{slug} jnews", today, main)


def home(site: Site, posts: list[Post], today: date) -> str:
    c = Chrome()
    hero, rest = posts[0], posts[1:]
    main = f"""<div class="jeg_postblock_9 jeg_postblock jeg_col_2o3"><div class="jeg_block_heading jeg_block_heading_6"><h3 class="jeg_block_title"><span>Соңғы жаңалықтар</span></h3></div>
<div class="jeg_posts jeg_load_more_flag">{teaser(site, hero)}</div></div>
<div class="jeg_postblock_5 jeg_postblock jeg_col_2o3"><div class="jeg_posts">{"".join(teaser(site, p) for p in rest)}</div>
<div class="jeg_block_navigation"><a href="{site.category_url(site.listing_category)}" class="jeg_readmore">{esc(site.categories[site.listing_category])}</a></div></div>"""
    return _page(site, c, _head(site, f"{site.name} – {site.description}", site.base_url + "/"),
                 "home blog jnews", today, main)
