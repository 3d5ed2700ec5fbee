"""tagDiv "Newspaper" with a Cloud Library (tdb) single-post template and header template.

Sites that switch to a cloud template keep the same domain, head and sidebar widgets, but the post
itself is laid out as composer blocks: ``tdb_title`` (``h1.tdb-title-text``), ``tdb_single_author``,
``tdb_single_date``, ``tdb_single_content`` (body in ``div.tdb-block-inner``; the wrapper still
carries ``td-post-content``), ``tdb_single_tags``, ``tdb_single_next_prev``, ``tdb_single_related``
and ``tdb_single_comments``.  The header date moves to ``tdb_header_date``/``tdb-head-date-txt``.
"""

from __future__ import annotations

from ..model import Post, Site, dotted, ru_today
from .common import Chrome, content_html, esc, head_meta, share_links
from .tagdiv import STR, Uid, ad_block, comment_form, doc_start, footer, module, sidebar


def block(name: str, uid: str, inner: str, extra: str = "") -> str:
    """A composer block: ``td_block_wrap <name>`` with its own ``<style>`` and ``tdb-block-inner``."""
    return (f'<div class="td_block_wrap {name} {uid} {extra}td-pb-border-top td_block_template_1"  '
            f'data-td-block-uid="{uid}" >\n<style>.{uid}{{margin-bottom:24px!important}}</style>'
            f'<div class="tdb-block-inner td-fix-index">{inner}</div></div>')


def cloud_header(site: Site, c: Chrome, uid: Uid, today: str) -> str:
    items = [("Басты бет", site.base_url + "/")] + [(n, site.category_url(s)) for s, n in site.categories.items()]
    menu = "".join(f'<li class="menu-item tdb-menu-item-button tdb-menu-item tdb-normal-menu"><a href="{href}">'
                   f'<div class="tdb-menu-item-text">{c(name)}</div></a></li>' for name, href in items)
    logo = f"{site.base_url}/wp-content/uploads/2023/05/zhuldyz-logo.png"
    date_block = block("tdb_header_date", uid(), f'<div class="tdb-head-date-txt">{c(today)}</div>', "tdb-header-align ")
    logo_block = block("tdb_header_logo", uid(), f'<a class="tdb-logo-a" href="{site.base_url}/"><span class="tdb-logo-img-wrap">'
                       f'<img class="tdb-logo-img" src="{logo}" alt="Logo" title="" width="272" height="90" /></span>'
                       f'<span class="tdb-logo-text-wrap"><span class="tdb-logo-text-title">{esc(site.name)}</span></span></a>',
                       "tdb-header-align ")
    menu_block = block("tdb_header_menu", uid(), f'<ul id="menu-main-menu-1" class="tdb-block-menu tdb-menu '
                       f'tdb-menu-items-visible">{menu}</ul>', "tds_menu_active1 tdb-header-align ")
    return f"""    <div class="td-header-template-wrap" style="position: relative">
        <div class="td-header-desktop-wrap ">
            <div id="{uid()}" class="tdc-zone"><div class="tdc_zone wpb_row td-pb-row tdc-element-style">
<div class="tdc-row"><div class="vc_row wpb_row td-pb-row" >
<div class="vc_column wpb_column vc_column_container tdc-column td-pb-span4"><div class="wpb_wrapper" >{date_block}</div></div>
<div class="vc_column wpb_column vc_column_container tdc-column td-pb-span8"><div class="wpb_wrapper" >{logo_block}
{menu_block}</div></div>
</div></div></div></div>
        </div>
    </div>
"""


def share(site: Site, c: Chrome, post: Post, uid: str) -> str:
    links = "".join(f'<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-'
                    f'{n.lower()}" href="{h}" title="{n}" ><div class="td-social-but-icon"><i class="td-icon-{n.lower()}">'
                    f'</i></div><div class="td-social-but-text">{c(n)}</div></a>' for n, h in share_links(site, post).items())
    return (f'<div class="td_block_wrap tdb_single_post_share {uid} td-pb-border-top td_block_template_1"  data-td-block-'
            f'uid="{uid}" ><div id="{uid}" class="td-post-sharing tdb-block td-ps-bg td-ps-notext td-post-sharing-style1 ">'
            f'<div class="td-post-sharing-visible"><div class="td-social-sharing-button td-social-handler td-social-share-'
            f'text"><div class="td-social-but-text">{c(STR["share"])}</div></div>{links}</div></div></div>')


def single(site: Site, post: Post) -> tuple[str, list[str]]:
    """The cloud-template single page and the chrome strings it shows."""
    c, uid = Chrome(), Uid()
    head = head_meta(site, post, title_pos="after_charset")
    header = cloud_header(site, c, uid, ru_today(post.captured_date))
    author_url = f"{site.base_url}/author/{post.author_slug}/"
    cat = site.categories[post.category]
    crumbs = block("tdb_breadcrumbs", uid(), f'<span><a title="" class="tdb-entry-crumb" href="{site.base_url}/">'
                   f'{c(STR["home"])}</a></span><i class="tdb-bread-sep td-icon-right"></i><span><a title="" '
                   f'class="tdb-entry-crumb" href="{site.category_url(post.category)}">{c(cat)}</a></span>', "tdb-breadcrumbs ")
    cats = (f'<div class="td_block_wrap tdb_single_categories {uid()} td-pb-border-top td_block_template_1 " ><div class='
            f'"tdb-category td-fix-index"><a class="tdb-entry-category" href="{site.category_url(post.category)}" ><span '
            f'class="tdb-cat-bg"></span>{esc(cat)}</a></div></div>')
    title = block("tdb_title", uid(), f'<h1 class="tdb-title-text">{esc(post.title)}</h1><div></div>'
                  f'<div class="tdb-title-line"></div>', "tdb-single-title ")
    author = block("tdb_single_author", uid(), f'<a class="tdb-author-photo" href="{author_url}" title="{esc(post.author)}">'
                   f'<img alt="{esc(post.author)}" src="https://secure.gravatar.com/avatar/?s=26&#038;d=mm&#038;r=g" '
                   f'class="avatar avatar-26 photo" height="26" width="26" /></a><div class="tdb-author-name-wrap"><span '
                   f'class="tdb-author-by">Автор</span> <a class="tdb-author-name" href="{author_url}">{esc(post.author)}'
                   f'</a></div>', "tdb-post-meta ")
    date = block("tdb_single_date", uid(), f'<time class="entry-date updated td-module-date" datetime="{post.published}">'
                 f"{dotted(post.published_dt)}</time>", "tdb-post-meta ")
    featured = block("tdb_single_featured_image", uid(), f'<figure><a href="{site.image_url(post)}" data-caption=""><img '
                     f'width="696" height="464" class="entry-thumb td-modal-image" src="{site.image_url(post, size="-696x464")}" '
                     f'alt="" title="{esc(post.title)}" /></a></figure>', "tdb-content-horiz-left ")
    ad_uid = uid()
    body = content_html(site, post, ad=lambda: ad_block(site, c, ad_uid, "content_inline", "696x120"), chrome=c)
    content = block("tdb_single_content", uid(), "\n" + body + "\n", "td-post-content tagdiv-type ")
    tags = "".join(f'<li><a href="{site.base_url}/tag/{slug}/">{esc(name)}</a></li>' for name, slug in post.tags)
    tags = block("tdb_single_tags", uid(), f'<ul class="tdb-tags"><li><span>{c(STR["tags"])}</span></li>{tags}</ul>')
    prev, nxt = site.prev_next(post)
    nav = "".join(f'<div class="tdb-next-post tdb-next-post-bg tdb-post-{kind}"><span>{c(label)}</span>'
                  f'<a href="{site.url(p)}">{c(p.title)}</a></div>'
                  for p, kind, label in ((prev, "prev", STR["prev"]), (nxt, "next", STR["next"])) if p)
    nav = block("tdb_single_next_prev", uid(), nav)
    rel_uid = uid()
    mods = "".join(module(site, c, p, "218x150", "tdb_module_related", False) for p in site.related(post))
    related = (f'<div class="td_block_wrap tdb_single_related {rel_uid} td_with_ajax_pagination td-pb-border-top '
               f'td_block_template_1 tdb-single-related tdb-related-posts"  data-td-block-uid="{rel_uid}" ><div class="td-'
               f'block-title-wrap"><h4 class="td-block-title"><span>{c(STR["related"])}</span></h4></div><div id={rel_uid} '
               f'class="td_block_inner tdb-block-inner td-fix-index">{mods}</div></div>')
    comments = block("tdb_single_comments", uid(), comment_form(site, c, post), "tdb-comm-layout1 ")
    tpl = 1877
    html = doc_start(site, head, f"post-template-default single single-post postid-{post.post_id} single-format-standard "
                                 f"tdb_template_{tpl} tdb-template tdc-header-template")
    html += header + f"""
<div id="tdb-autoload-article" data-autoload="off" data-autoload-org-post-id="{post.post_id}" data-autoload-type="" data-autoload-count="5" >
        <div class="td-main-content-wrap td-container-wrap">
            <div class="tdc-content-wrap">
                <article id="template-id-{tpl}" class="post-{tpl} tdb_templates type-tdb_templates status-publish post" itemscope itemtype="https://schema.org/Article">
<div id="{uid()}" class="tdc-zone"><div class="tdc_zone wpb_row td-pb-row"  >
<div class="tdc-row"><div class="vc_row wpb_row td-pb-row" ><div class="vc_column wpb_column vc_column_container tdc-column td-pb-span12"><div class="wpb_wrapper" >{crumbs}</div></div></div></div>
<div class="tdc-row"><div class="vc_row td-ss-row wpb_row td-pb-row" >
<div class="vc_column wpb_column vc_column_container tdc-column td-pb-span8"><div class="wpb_wrapper" >
{cats}{title}{author}{date}
{share(site, c, post, uid())}
{featured}
{content}
{tags}
{share(site, c, post, uid())}
{nav}
{related}
{comments}
</div></div>
<div class="vc_column wpb_column vc_column_container tdc-column td-pb-span4 td-is-sticky"><div class="wpb_wrapper" >
{sidebar(site, c, post, uid)}
</div></div>
</div></div>
</div></div>
                </article>
            </div>
        </div>
</div>

"""
    html += footer(site, c, post.captured_date.year)
    return html, c.strings
