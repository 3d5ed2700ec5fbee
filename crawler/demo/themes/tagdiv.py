"""tagDiv "Newspaper" 12.x, classic single-post template, as a ru_RU WordPress prints it.

The markup follows the structure of real Newspaper pages: ``td-header-wrap`` with the top-bar
``td_data_time`` "today" date, ``td-crumb-container``, ``td-post-header``, ``td-post-content`` with
the featured image and an injected ``td-a-rec`` ad, tags, prev/next, ``td_block_related_posts``,
the comment form, ``td_block_widget`` sidebar blocks and ``td-footer-wrapper``.  Theme strings are
a mix, as on real Kazakh sites: Kazakh where the editors translated them in tagDiv's panel, English
where they did not, Russian where WordPress core prints them.

Every visible chrome string goes through a :class:`Chrome` collector (``c``), so the truth file can
list exactly what the page shows outside the article body.
"""

from __future__ import annotations

from ..model import Post, Site, dotted, ru_today
from .common import Chrome, content_html, esc, head_meta, share_links

STR = {
    "home": "Басты бет", "share": "Бөлісу", "ad": "- Advertisment -", "related": "RELATED ARTICLES",
    "popular": "Most Popular", "recent": "Recent Comments", "popular_cat": "POPULAR CATEGORY",
    "reply": "ЖАУАП ҚАЛДЫРУ", "warn_comment": "Пікіріңізді енгізіңіз!", "warn_author": "Атыңызды жазыңыз",
    "warn_email_error": "Электрондық пошта мекенжайы қате жазылған!",
    "warn_email": "Электрондық пошта мекенжайыңызды жазыңыз",
    "cookies": "Сохранить моё имя, email и адрес сайта в этом браузере для последующих моих комментариев.",
    "tags": "TAGS", "prev": "Алдыңғы мақала", "next": "Келесі мақала", "about": "РЕДАКЦИЯ ТУРАЛЫ",
    "follow": "ӘЛЕУМЕТТІК ЖЕЛІЛЕР", "search": "Іздеу",
}
TOP_MENU = [("Редакция", "redaksiya"), ("Жарнама", "zharnama"), ("Байланыс", "bailanys")]
THEME = "/wp-content/themes/Newspaper"


class Uid:
    """tagDiv numbers its blocks tdi_1, tdi_2, ... in page order."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"tdi_{self.n}_{(self.n * 2654435761) % 4096:03x}"


def socials(site: Site, c: Chrome | None = None) -> str:
    label = c or esc
    return "".join(
        f'\n        <span class="td-social-icon-wrap"><a target="_blank" href="{url}" title="{name}">'
        f'<i class="td-icon-font td-icon-{name.lower()}"></i><span style="display: none">{label(name)}</span>'
        f"</a></span>" for name, url in site.social.items())


def main_menu(site: Site, c: Chrome, ul_id: str, cls: str) -> str:
    items = [f'<li class="menu-item menu-item-home menu-item-first td-menu-item td-normal-menu">'
             f'<a href="{site.base_url}/">{c(STR["home"])}</a></li>']
    items += [f'<li class="menu-item menu-item-type-taxonomy menu-item-object-category td-menu-item td-normal-menu">'
              f'<a href="{site.category_url(slug)}">{c(name)}</a></li>' for slug, name in site.categories.items()]
    return f'<div class="menu-main-menu-container"><ul id="{ul_id}" class="{cls}">' + "\n".join(items) + "</ul></div>"


def doc_start(site: Site, head: str, body_class: str) -> str:
    return f"""<!doctype html >
<html lang="{site.html_lang}">
<head>
    {head}
<link rel='stylesheet' id='td-theme-css' href='{site.base_url}{THEME}/style.css?ver=12.6.1' type='text/css' media='all' />
<script type="text/javascript" src="{site.base_url}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script>
    var tdBlocksArray = [];
    var td_ajax_url="{site.base_url}/wp-admin/admin-ajax.php?td_theme_name=Newspaper&v=12.6.1";
    var td_please_wait="Күте тұрыңыз...";
    var td_magnific_popup_translation_tPrev="Алдыңғы (Сол жақ көрсеткі пернесі)";
</script>
</head>

<body class="{body_class} td-standard-pack global-block-template-1 td-full-layout" itemscope="itemscope" itemtype="https://schema.org/WebPage">
<div class="td-scroll-up" data-style="style1"><i class="td-icon-menu-up"></i></div>
<div class="td-menu-background" style="visibility:hidden"></div>
<div id="td-mobile-nav" style="visibility:hidden">
    <div class="td-mobile-container">
        <div class="td-menu-socials-wrap"><div class="td-menu-socials">{socials(site)}</div>
            <div class="td-mobile-close"><span><i class="td-icon-close-mobile"></i></span></div></div>
    </div>
</div>
    <div id="td-outer-wrap" class="td-theme-wrap">
"""


def header(site: Site, c: Chrome, today: str) -> str:
    top = "\n".join(f'<li class="menu-item menu-item-type-custom td-menu-item td-normal-menu"><a href="{site.base_url}/{slug}/">'
                    f"{c(name)}</a></li>" for name, slug in TOP_MENU)
    logo = f"{site.base_url}/wp-content/uploads/2023/05/zhuldyz-logo.png"
    return f"""        <div class="tdc-header-wrap ">
<div class="td-header-wrap td-header-style-1 ">
    <div class="td-header-top-menu-full td-container-wrap ">
        <div class="td-container td-header-row td-header-top-menu">
    <div class="top-bar-style-1">
<div class="td-header-sp-top-menu">
	        <div class="td_data_time">
            <div >

                {c(today)}
            </div>
        </div>
    <div class="menu-top-container"><ul id="menu-top-menu" class="top-header-menu">{top}</ul></div></div>
        <div class="td-header-sp-top-widget">{socials(site, c)}
    </div>
    </div>
        </div>
    </div>
    <div class="td-banner-wrap-full td-logo-wrap-full td-container-wrap ">
        <div class="td-container td-header-row td-header-header">
            <div class="td-header-sp-logo">
                <a class="td-main-logo" href="{site.base_url}/"><img class="td-retina-data" src="{logo}" alt="{esc(site.name)}" title="{esc(site.name)}" width="272" height="90"/>
                <span class="td-visual-hidden">{esc(site.name)}</span></a>
            </div>
        </div>
    </div>
    <div class="td-header-menu-wrap-full td-container-wrap ">
        <div class="td-header-menu-wrap td-header-gradient ">
            <div class="td-container td-header-row td-header-main-menu">
                <div id="td-header-menu" role="navigation">
    {main_menu(site, c, "menu-main-menu-1", "sf-menu")}</div>
    <div class="header-search-wrap"><div class="td-drop-down-search"><form method="get" class="td-search-form" action="{site.base_url}/">
        <div role="search" class="td-head-form-search-wrap"><input id="td-header-search" type="text" value="" name="s" autocomplete="off" /><input class="wpb_button wpb_btn-inverse btn" type="submit" id="td-header-search-top" value="{STR["search"]}" /></div>
    </form></div></div>
            </div>
        </div>
    </div>
</div>            </div>
"""


def crumbs(site: Site, c: Chrome, post: Post) -> str:
    cat = site.categories[post.category]
    return (f'<div class="td-crumb-container"><div class="entry-crumbs"><span><a title="" class="entry-crumb" '
            f'href="{site.base_url}/">{c(STR["home"])}</a></span><i class="td-icon-right td-bread-sep"></i><span>'
            f'<a title="Барлық жазбаларды қарау: {esc(cat)}" class="entry-crumb" href="{site.category_url(post.category)}">'
            f'{c(cat)}</a></span><i class="td-icon-right td-bread-sep td-bred-no-url-last"></i>'
            f'<span class="td-bred-no-url-last">{esc(post.title)}</span></div></div>')


def sharing(site: Site, c: Chrome, post: Post, where: str) -> str:
    links = "".join(
        f'<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-{name.lower()}" '
        f'href="{href}" title="{name}" ><div class="td-social-but-icon"><i class="td-icon-{name.lower()}"></i></div>'
        f'<div class="td-social-but-text">{c(name)}</div></a>' for name, href in share_links(site, post).items())
    return (f'<div class="td-post-sharing-{where}"><div id="td_social_sharing_article_{where}" class="td-post-sharing '
            f'td-ps-bg td-ps-notext td-post-sharing-style1 "><div class="td-post-sharing-visible"><div class="td-social-'
            f'sharing-button td-social-sharing-button td-social-handler td-social-share-text"><div class="td-social-but-'
            f'icon"><i class="td-icon-share"></i></div><div class="td-social-but-text">{c(STR["share"])}</div></div>'
            f'{links}</div><div class="td-social-sharing-hidden"><ul class="td-pulldown-filter-list"></ul></div></div></div>')


def ad_block(site: Site, c: Chrome, uid: str, spot: str, size: str) -> str:
    """An injected tagDiv ad: an inline ``<style>`` and the "- Advertisment -" label."""
    return f"""<div class="td-a-rec td-a-rec-id-{spot}  {uid} td_block_template_1">
<style>
/* custom css */
.{uid}.td-a-rec-img{{
				    text-align: left;
				}}.{uid}.td-a-rec-img img{{
                    margin: 0 auto 0 0;
                }}
</style><span class="td-adspot-title">{c(STR["ad"])}</span><div class="td-all-devices"><a href="{site.base_url}/zharnama/" target="_blank"><img src="{site.base_url}/wp-content/uploads/2024/01/zharnama-{size}.jpg" alt="" width="{size.split("x")[0]}" height="{size.split("x")[1]}"/></a></div></div>"""


def module(site: Site, c: Chrome, post: Post, thumb: str, cls: str, with_date: bool, excerpt: bool = False,
           href: str | None = None) -> str:
    """A teaser module: the same ``entry-title``/``td-module-date`` markup as the article's own header."""
    url = href or site.url(post)
    date = (f'<div class="td-module-meta-info"><span class="td-post-date"><time class="entry-date updated '
            f'td-module-date" datetime="{post.published}" >{dotted(post.published_dt)}</time></span></div>'
            if with_date else "")
    ex = f'<div class="td-excerpt">{esc(post.excerpt())}</div>' if excerpt else ""
    return (f'<div class="{cls} td_module_wrap td-animation-stack"><div class="td-module-thumb"><a href="{url}" '
            f'rel="bookmark" class="td-image-wrap " title="{esc(post.title)}" ><img width="218" height="150" '
            f'class="entry-thumb" src="{site.image_url(post, size="-" + thumb)}" alt="" title="{esc(post.title)}" />'
            f'</a></div><div class="item-details"><h3 class="entry-title td-module-title"><a href="{url}" '
            f'rel="bookmark" title="{esc(post.title)}">{c(post.title)}</a></h3>{date}{ex}</div></div>')


def related(site: Site, c: Chrome, post: Post, uid: str) -> str:
    mods = "\n".join(f'<div class="td-related-span4">{module(site, c, p, "218x150", "td_module_related_posts", False)}'
                     f"</div> <!-- ./td-related-span4 -->" for p in site.related(post))
    return (f'<div class="td_block_wrap td_block_related_posts {uid} td_with_ajax_pagination td-pb-border-top '
            f'td_block_template_1" data-td-block-uid="{uid}" ><script>var block_{uid} = new tdBlock();\n'
            f'block_{uid}.id = "{uid}";\ntdBlocksArray.push(block_{uid});\n</script><h4 class="td-related-title '
            f'td-block-title"><a id="{uid}_title" class="td-related-left td-cur-simple-item" href="#">'
            f'{c(STR["related"])}</a></h4><div id={uid} class="td_block_inner">\n<div class="td-related-row">\n'
            f"{mods}</div><!--./row-fluid--></div></div>")


def comment_form(site: Site, c: Chrome, post: Post) -> str:
    return f"""    <div class="comments" id="comments">
	<div id="respond" class="comment-respond">
		<h3 id="reply-title" class="comment-reply-title">{c(STR["reply"])} <small><a rel="nofollow" id="cancel-comment-reply-link" href="{site.path(post)}#respond" style="display:none;">Отменить ответ</a></small></h3><form action="{site.base_url}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><div class="clearfix"></div>
				<div class="comment-form-input-wrap td-form-comment">
					<textarea placeholder="Пікір:" id="comment" name="comment" cols="45" rows="8" aria-required="true"></textarea>
					<div class="td-warning-comment">{c(STR["warn_comment"])}</div>
				</div><div class="comment-form-input-wrap td-form-author">
			            <input class="" id="author" name="author" placeholder="Аты:*" type="text" value="" size="30"  aria-required='true' />
			            <div class="td-warning-author">{c(STR["warn_author"])}</div>
					 </div>
<div class="comment-form-input-wrap td-form-email">
			            <input class="" id="email" name="email" placeholder="Email:*" type="text" value="" size="30"  aria-required='true' />
			            <div class="td-warning-email-error">{c(STR["warn_email_error"])}</div>
			            <div class="td-warning-email">{c(STR["warn_email"])}</div>
					 </div>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes" /><label for="wp-comment-cookies-consent">{c(STR["cookies"])}</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Пікір қалдыру" /> <input type='hidden' name='comment_post_ID' value='{post.post_id}' id='comment_post_ID' />
<input type='hidden' name='comment_parent' id='comment_parent' value='0' />
</p></form>	</div><!-- #respond -->
	</div> <!-- /.content -->"""


def sidebar(site: Site, c: Chrome, post: Post | None, uid) -> str:
    popular = site.most_popular(post, 3 if post else 4)
    mods = "\n".join(f'<div class="td-block-span12">{module(site, c, p, "100x70", "td_module_6", True)}</div>'
                     for p in popular)
    comments = "".join(
        f'<li class="recentcomments"><span class="comment-author-link">{esc(name)}</span> к записи <a href="'
        f'{site.url(site.by_slug(slug))}#comment-{400 + i}">{esc(site.by_slug(slug).title)}</a></li>'
        for i, (name, slug) in enumerate(site.recent_comments))
    for name, slug in site.recent_comments:
        c(f"{name} к записи {site.by_slug(slug).title}")
    block = uid()
    return (f'<div class="td-pb-span4 td-main-sidebar" role="complementary">\n<div class="td-ss-main-sidebar">\n'
            f'{ad_block(site, c, uid(), "sidebar", "300x250")}<div class="td_block_wrap td_block_7 td_block_widget '
            f'{block} td-pb-border-top td_block_template_1 td-column-1 td_block_padding" data-td-block-uid="{block}" >'
            f'<div class="td-block-title-wrap"><h4 class="block-title td-block-title"><span class="td-pulldown-size">'
            f'{c(STR["popular"])}</span></h4></div><div id={block} class="td_block_inner">\n{mods}</div></div> <!-- ./block -->\n'
            f'<aside id="recent-comments-2" class="td_block_template_1 widget recent-comments-2 widget_recent_comments">'
            f'<h4 class="block-title"><span>{c(STR["recent"])}</span></h4><ul id="recentcomments">{comments}</ul></aside>'
            f"\n</div>\n</div>")


def footer(site: Site, c: Chrome, year: int) -> str:
    cats = "".join(f'<li><a href="{site.category_url(slug)}"><span class="td-cat-name">{esc(name)}</span>'
                   f'<span class="td-cat-no">{(len(slug) * 397) % 3000 + 140}</span></a></li>'
                   for slug, name in list(site.categories.items())[:5])
    return f"""<!-- Footer -->
<div class="td-footer-wrapper td-footer-container td-container-wrap td-footer-template-2 ">
    <div class="td-container">
        <div class="td-pb-row"><div class="td-pb-span12">
                <div class="td_block_wrap td_block_popular_categories td_block_widget widget widget_categories td-pb-border-top td_block_template_1"><div class="td-block-title-wrap"><h4 class="block-title td-block-title"><span class="td-pulldown-size">{c(STR["popular_cat"])}</span></h4></div><ul class="td-pb-padding-side">{cats}</ul></div> <!-- ./block -->
        </div></div>
    </div>
    <div class="td-footer-bottom-full">
        <div class="td-container"><div class="td-pb-row">
                <div class="td-pb-span5"><aside class="footer-text-wrap"><div class="block-title"><span>{c(STR["about"])}</span></div>{c(site.about)}<div class="footer-email-wrap">Байланыс: <a href="mailto:info@{site.base_url.split("//")[1]}">info@{site.base_url.split("//")[1]}</a></div></aside></div>
                <div class="td-pb-span4"><aside class="footer-social-wrap td-social-style-2"><div class="block-title"><span>{c(STR["follow"])}</span></div>{socials(site)}</aside></div>
        </div></div>
    </div>
</div>
<!-- Sub Footer -->
    <div class="td-sub-footer-container td-container-wrap ">
        <div class="td-container"><div class="td-pb-row">
                <div class="td-pb-span td-sub-footer-copy">
                    {c(site.copyright.format(year=year))}                </div>
        </div></div>
    </div>
</div><!--close td-outer-wrap-->

<!--

    Theme: Newspaper by tagDiv.com 2024
    Version: 12.6.1 (rara)

-->

<script type="text/javascript" src="{site.base_url}{THEME}/js/tagdiv_theme.min.js?ver=12.6.1" id="td-site-min-js"></script>
</body>
</html>
"""


def post_footer(site: Site, c: Chrome, post: Post) -> str:
    tags = "".join(f'<li><a href="{site.base_url}/tag/{slug}/">{esc(name)}</a></li>' for name, slug in post.tags)
    prev, nxt = site.prev_next(post)
    nav = ""
    for p, cls, label in ((prev, "td-post-prev-post", STR["prev"]), (nxt, "td-post-next-post", STR["next"])):
        if p:
            nav += (f'<div class="td-block-span6 {cls}"><div class="td-post-next-prev-content"><span>{c(label)}</span>'
                    f'<a href="{site.url(p)}">{c(p.title)}</a></div></div>')
    author_url = f"{site.base_url}/author/{post.author_slug}/"
    return f"""        <footer>
            <div class="td-post-source-tags">
                <ul class="td-tags td-post-small-box clearfix"><li><span>{c(STR["tags"])}</span></li>{tags}</ul>            </div>
            {sharing(site, c, post, "bottom")}
            <div class="td-block-row td-post-next-prev">{nav}</div>
            <div class="td-author-name vcard author" style="display: none"><span class="fn"><a href="{author_url}">{esc(post.author)}</a></span></div>
            <span class="td-page-meta" itemprop="author" itemscope itemtype="https://schema.org/Person"><meta itemprop="name" content="{esc(post.author)}"><meta itemprop="url" content="{author_url}"></span><meta itemprop="datePublished" content="{post.published}"><meta itemprop="dateModified" content="{post.modified}"><meta itemprop="headline " content="{esc(post.title)}">
        </footer>"""


def single(site: Site, post: Post, charset: str = "UTF-8", title_pos: str = "first") -> tuple[str, list[str]]:
    """A classic single-post page and the chrome strings it shows."""
    c, uid = Chrome(), Uid()
    head = head_meta(site, post, charset=charset, title_pos=title_pos)
    tag_cls = " ".join(f"tag-{slug}" for _, slug in post.tags)
    ad_uid = uid()
    body = content_html(site, post, ad=lambda: ad_block(site, c, ad_uid, "content_inline", "696x120"), chrome=c)
    featured = site.image_url(post, size="-696x464")
    html = doc_start(site, head, f"post-template-default single single-post postid-{post.post_id} single-format-standard")
    html += header(site, c, ru_today(post.captured_date))
    html += f"""
<div class="td-main-content-wrap td-container-wrap">

    <div class="td-container td-post-template-default ">
        {crumbs(site, c, post)}
        <div class="td-pb-row">
                                <div class="td-pb-span8 td-main-content" role="main">
                        <div class="td-ss-main-content">

    <article id="post-{post.post_id}" class="post-{post.post_id} post type-post status-publish format-standard has-post-thumbnail category-{post.category} {tag_cls}" itemscope itemtype="https://schema.org/Article">
        <div class="td-post-header">

            <ul class="td-category"><li class="entry-category"><a  href="{site.category_url(post.category)}">{esc(site.categories[post.category])}</a></li></ul>
            <header class="td-post-title">
                <h1 class="entry-title">{esc(post.title)}</h1>

                <div class="td-module-meta-info">
                    <div class="td-post-author-name"><div class="td-author-by">Автор</div> <a href="{site.base_url}/author/{post.author_slug}/">{esc(post.author)}</a><div class="td-author-line"> - </div> </div>                    <span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{post.published}" >{dotted(post.published_dt)}</time></span>                    <div class="td-post-comments"><a href="{site.url(post)}#respond"><i class="td-icon-comments"></i>0</a></div>                    <div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-{post.post_id}">{post.post_id % 900 + 57}</span></div>                </div>

            </header>

        </div>

        {sharing(site, c, post, "top")}

        <div class="td-post-content tagdiv-type">
<div class="td-post-featured-image"><a href="{site.image_url(post)}" data-caption=""><img width="696" height="464" class="entry-thumb td-modal-image" src="{featured}" alt="" title="{esc(post.title)}" /></a></div>
{body}
</div>


{post_footer(site, c, post)}

    </article> <!-- /.post -->

    {related(site, c, post, uid())}

{comment_form(site, c, post)}
                        </div>
                    </div>
                    {sidebar(site, c, post, uid)}
                            </div> <!-- /.td-pb-row -->
    </div> <!-- /.td-container -->
</div> <!-- /.td-main-content-wrap -->

"""
    html += footer(site, c, post.captured_date.year)
    return html, c.strings
