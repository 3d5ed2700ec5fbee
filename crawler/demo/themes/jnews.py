"""JNews 11.x, classic single template (``jeg_single_tpl_1``), as a kk-locale WordPress prints it.

Structure after real JNews pages: ``jeg_header`` with the ``jeg_top_date`` "today" date,
``jeg_breadcrumbs``, ``h1.jeg_post_title`` + ``h2.jeg_post_subtitle``, ``jeg_meta_author`` /
``jeg_meta_date`` (a visible date only; JNews prints no ``<time>``), ``jeg_share_button`` with
``jeg_sharelist``, the body in ``div.entry-content > div.content-inner`` holding injected
``jeg_ad`` blocks, the ``jnews_inline_related_post`` block and -- as JNews does -- the
``jeg_post_tags`` list, then prev/next, author box, ``jnews_related_post_container``, comments,
the ``jeg_sidebar`` widgets and ``jeg_footer``.
"""

from __future__ import annotations

from ..model import Post, Site, kk_date, kk_today
from .common import Chrome, content_html, esc, head_meta, share_links

STR = {
    "home": "Басты бет", "ad": "ЖАРНАМА", "inline": "Тағы оқыңыз:", "related_a": "Ұқсас", "related_b": " жаңалықтар",
    "tags": "Тегтер:", "prev": "Алдыңғы жаңалық", "next": "Келесі жаңалық", "shares": "SHARES",
    "share_fb": "Facebook-те бөлісу", "share_tg": "Telegram-да бөлісу", "reply": "Пікір қалдыру",
    "email_notes": "Электрондық пошта мекенжайыңыз жарияланбайды.", "required": "Міндетті өрістер * белгіленген",
    "cookies": "Келесі пікірім үшін атымды, электрондық поштамды және веб-сайтымды осы браузерде сақтаңыз.",
    "popular": "Көп оқылған", "recent": "Соңғы пікірлер", "about_title": "Біз туралы", "cats_title": "Айдарлар",
    "follow": "Бізді бақылаңыз", "author_desc": "«Дала хабары» порталының тілшісі", "read_more": "Толығырақ",
}
TOP_MENU = [("Байланыс", "bailanys"), ("Жарнама", "zharnama")]
ICONS = {"Facebook": "facebook", "Instagram": "instagram", "Telegram": "telegram"}


def module_id(post: Post | None, n: int) -> str:
    pid = post.post_id if post else 0
    return f"jnews_module_{pid}_{n}_{(pid * 7919 + n * 104729) % 16**13:013x}"


def doc_start(site: Site, head: str, body_class: str) -> str:
    lang = site.html_lang
    return f"""<!doctype html>
<!--[if lt IE 7]> <html class="no-js lt-ie9 lt-ie8 lt-ie7" lang="{lang}"> <![endif]-->
<!--[if IE 8]>    <html class="no-js lt-ie9" lang="{lang}"> <![endif]-->
<!--[if gt IE 8]><!--> <html class="no-js" lang="{lang}"> <!--<![endif]-->
<head>
{head}
<script type="text/javascript">var jnews_ajax_url = '/?ajax-request=jnews'</script>
<link rel='stylesheet' id='jnews-frontend-css' href='{site.base_url}/wp-content/themes/jnews/assets/dist/frontend.min.css?ver=11.6.6' type='text/css' media='all' />
</head>
<body class="{body_class} theme-jnews jeg_toggle_light jeg_single_tpl_1 jnews jsc_normal">
    <div class="jeg_ad jeg_ad_top jnews_header_top_ads">
        <div class='ads-wrapper  '></div>    </div>
    <div class="jeg_viewport">
"""


def header(site: Site, c: Chrome, today: str) -> str:
    socials = "".join(f'<a href="{url}" target=\'_blank\' rel=\'external noopener nofollow\' class="jeg_{ICONS[name]}">'
                      f'<i class="fa fa-{ICONS[name]}"></i> </a>' for name, url in site.social.items())
    top = "".join(f'<li class="menu-item menu-item-type-post_type"><a href="{site.base_url}/{slug}/">{c(name)}</a></li>'
                  for name, slug in TOP_MENU)
    menu = "".join(f'<li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a href="'
                   f'{site.category_url(slug)}">{c(name)}</a></li>' for slug, name in site.categories.items())
    logo = f"{site.base_url}/wp-content/uploads/2022/03/dala-habar-logo.png"
    return f"""        <div class="jeg_header_wrapper">
<div class="jeg_header normal">
    <div class="jeg_topbar jeg_container jeg_navbar_wrapper dark">
    <div class="container">
        <div class="jeg_nav_row">
                <div class="jeg_nav_col jeg_nav_left  jeg_nav_grow">
                    <div class="item_wrap jeg_nav_alignleft">
                        <div class="jeg_nav_item jeg_top_date">
    {c(today)}</div>			<div
				class="jeg_nav_item socials_widget jeg_social_icon_block nobg">
				{socials}			</div>
                    </div>
                </div>
                <div class="jeg_nav_col jeg_nav_right  jeg_nav_grow">
                    <div class="item_wrap jeg_nav_alignright">
                        <div class="jeg_nav_item">
	<ul class="jeg_menu jeg_top_menu">{top}</ul></div>
                    </div>
                </div>
        </div>
    </div>
</div><!-- /.jeg_container --><div class="jeg_midbar jeg_container jeg_navbar_wrapper normal">
    <div class="container"><div class="jeg_nav_row"><div class="jeg_nav_col jeg_nav_left jeg_nav_normal"><div class="item_wrap jeg_nav_alignleft">
        <div class="jeg_nav_item jeg_logo jeg_desktop_logo"><div class="site-title"><a href="{site.base_url}/" style="padding: 0px 0px 0px 0px;"><img width="400" height="96" class='jeg_logo_img' src="{logo}" alt="{esc(site.name)}" data-light-src="{logo}"></a></div></div>
    </div></div></div></div>
</div><div class="jeg_bottombar jeg_navbar jeg_container jeg_navbar_wrapper jeg_navbar_normal">
    <div class="container"><div class="jeg_nav_row"><div class="jeg_nav_col jeg_nav_left jeg_nav_grow"><div class="item_wrap jeg_nav_alignleft">
        <div class="jeg_nav_item jeg_main_menu_wrapper"><div class="jeg_mainmenu_wrap"><ul class="jeg_menu jeg_main_menu jeg_menu_style_1" data-animation="animate"><li class="menu-item menu-item-home"><a href="{site.base_url}/">{c(STR["home"])}</a></li>{menu}</ul></div></div>
    </div></div></div></div>
</div>
</div><!-- /.jeg_header -->
        </div>
"""


def breadcrumbs(site: Site, c: Chrome, cat_slug: str) -> str:
    return (f'<div class="jeg_breadcrumbs jeg_breadcrumb_container"><div id="breadcrumbs"><span class="">\n'
            f'                <a href="{site.base_url}">{c(STR["home"])}</a>\n            </span><i class="fa fa-angle-right">'
            f'</i><span class="breadcrumb_last_link">\n                <a href="{site.category_url(cat_slug)}">'
            f"{c(site.categories[cat_slug])}</a>\n            </span></div></div>")


def ad(site: Site, c: Chrome, spot: str, size: str) -> str:
    return (f'<div class="jeg_ad jeg_ad_article {spot}  "><div class=\'ads-wrapper align-center \'><a href=\''
            f'{site.base_url}/zharnama/\' rel="noopener" class=\'adlink ads_image align-center\'><img src=\''
            f'{site.base_url}/wp-content/uploads/2024/01/banner-{size}.jpg\' alt=\'\' data-pin-no-hover="true"></a>'
            f"<div class='ads-text'>{c(STR['ad'])}</div></div></div>")


def small_post(site: Site, c: Chrome, post: Post, cls: str = "jeg_pl_sm", thumb: str = "120x86") -> str:
    """A post in a JNews block: the sidebar and related blocks reuse ``jeg_post_title``/``jeg_meta_date``."""
    url = site.url(post)
    return (f'<article class="jeg_post {cls} format-standard"><div class="jeg_thumb"><a href="{url}"><div class="'
            f'thumbnail-container animate-lazy  size-715 "><img width="120" height="86" src="'
            f'{site.image_url(post, size="-" + thumb)}" class="attachment-jnews-{thumb} size-jnews-{thumb} wp-post-image" '
            f'alt="{esc(post.title)}" decoding="async" /></div></a></div><div class="jeg_postblock_content"><h3 class="'
            f'jeg_post_title"><a href="{url}">{c(post.title)}</a></h3><div class="jeg_post_meta"><div class="jeg_meta_date">'
            f'<a href="{url}" ><i class="fa fa-clock-o"></i> {kk_date(post.published_dt)}</a></div></div></div></article>')


def inline_related(site: Site, c: Chrome, post: Post, target: Post) -> str:
    return (f'<div class="jnews_inline_related_post_wrapper left">\n<div class="jnews_inline_related_post">\n<div  class='
            f'"jeg_postblock_29 jeg_postblock jeg_module_hook jeg_pagination_disable jeg_col_2o3 {module_id(post, 0)} " '
            f'data-unique="{module_id(post, 0)}"><div class="jeg_block_heading jeg_block_heading_6 jeg_subcat_right"><h3 '
            f'class="jeg_block_title"><span>{c(STR["inline"])}</span></h3></div><div class="jeg_posts "><div class='
            f'"jeg_postsmall jeg_load_more_flag"><article class="jeg_post jeg_pl_xs format-standard"><div class="'
            f'jeg_postblock_content"><h3 class="jeg_post_title"><a href="{site.url(target)}">{c(target.title)}</a></h3>'
            f"</div></article></div></div></div>\n</div>\n</div>")


def sidebar(site: Site, c: Chrome, post: Post | None) -> str:
    popular = "".join(small_post(site, c, p) for p in site.most_popular(post, 3 if post else 4))
    comments = ""
    for i, (name, slug) in enumerate(site.recent_comments):
        target = site.by_slug(slug)
        c(f"{name} - {target.title} жазбасына")
        comments += (f'<li class="recentcomments"><span class="comment-author-link">{esc(name)}</span> - <a href="'
                     f'{site.url(target)}#comment-{210 + i}">{esc(target.title)}</a> жазбасына</li>')
    return f"""<div class="jeg_sidebar  jeg_sticky_sidebar col-md-4">
    <div class="jegStickyHolder"><div class="theiaStickySidebar"><div class="widget widget_jnews_module_element_ads" id="jnews_module_element_ads-2">{ad(site, c, "jeg_ad_module", "300x250")}</div><div class="widget widget_jnews_module_block_21" id="jnews_module_block_21-2"><div  class="jeg_postblock_21 jeg_postblock jeg_module_hook jeg_pagination_disable jeg_col_1o3 {module_id(post, 2)}  normal " data-unique="{module_id(post, 2)}">
					<div class="jeg_block_heading jeg_block_heading_6 jeg_subcat_right">
                     <h3 class="jeg_block_title"><span>{c(STR["popular"])}</span></h3>
                 </div>
					<div class="jeg_block_container"><div class="jeg_posts jeg_load_more_flag">{popular}</div></div></div></div><div class="widget widget_recent_comments" id="recent-comments-2"><div class="jeg_block_heading jeg_block_heading_6"><h3 class="jeg_block_title"><span>{c(STR["recent"])}</span></h3></div><ul id="recentcomments">{comments}</ul></div></div></div>
</div>"""


def footer(site: Site, c: Chrome, year: int) -> str:
    cats = "".join(f'<li class="cat-item"><a href="{site.category_url(s)}">{esc(n)}</a></li>'
                   for s, n in site.categories.items())
    socials = "".join(f'<a href="{url}" target="_blank" rel="external noopener nofollow" class="jeg_{ICONS[name]}">'
                      f'<i class="fa fa-{ICONS[name]}"></i></a>' for name, url in site.social.items())
    heading = '<div class="jeg_footer_heading jeg_footer_heading_1"><h3 class="jeg_footer_title"><span>{}</span></h3></div>'
    return f"""        <div class="footer-holder" id="footer" data-id="footer">
<div class="jeg_footer jeg_footer_1 dark">
    <div class="jeg_footer_container jeg_container">
        <div class="jeg_footer_content"><div class="container"><div class="row"><div class="jeg_footer_primary clearfix">
            <div class="col-md-4 footer_column"><div class="footer_widget widget_jnews_about" id="jnews_about-2">{heading.format(c(STR["about_title"]))}<div class="jeg_about "><p>{c(site.about)}</p></div></div></div>
            <div class="col-md-4 footer_column"><div class="footer_widget widget_categories" id="categories-2">{heading.format(c(STR["cats_title"]))}<ul>{cats}</ul></div></div>
            <div class="col-md-4 footer_column"><div class="footer_widget widget_jnews_social" id="jnews_social-2">{heading.format(c(STR["follow"]))}<div class="jeg_social_wrap"><div class="socials_widget nobg">{socials}</div></div></div></div>
        </div></div></div></div>
        <div class="jeg_footer_secondary clearfix"><div class="container"><div class="footer_right"><ul class="jeg_menu_footer">{"".join(f'<li><a href="{site.base_url}/{s}/">{esc(n)}</a></li>' for n, s in TOP_MENU)}</ul></div>
            <p class="copyright"> {c(site.copyright.format(year=year))} </p>
        </div></div>
    </div>
</div><!-- /.footer -->
        </div>
        <div class="jscroll-to-top"><a href="#back-to-top" class="jscroll-to-top_link"><i class="fa fa-angle-up"></i></a></div>
    </div>
<script type="text/javascript" src="{site.base_url}/wp-content/themes/jnews/assets/dist/frontend.min.js?ver=11.6.6" id="jnews-frontend-js"></script>
</body>
</html>
"""


def share_bar(site: Site, c: Chrome, post: Post) -> str:
    links = share_links(site, post)
    return (f'<div class="jeg_share_top_container"><div class="jeg_share_button clearfix">\n<div class="jeg_share_stats">'
            f'<div class="jeg_share_count"><div class="counts">{post.post_id % 97 + 3}</div><span class="sharetext">'
            f'{c(STR["shares"])}</span></div></div>\n<div class="jeg_sharelist"><a href="{links["Facebook"]}" rel=\'nofollow\''
            f'  class="jeg_btn-facebook expanded"><i class="fa fa-facebook-official"></i><span>{c(STR["share_fb"])}</span>'
            f'</a><a href="{links["Telegram"]}" rel=\'nofollow\'  class="jeg_btn-telegram expanded"><i class="fa fa-'
            f'telegram"></i><span>{c(STR["share_tg"])}</span></a><div class="share-secondary"><a href="{links["WhatsApp"]}" '
            f'rel=\'nofollow\'  class="jeg_btn-whatsapp "><i class="fa fa-whatsapp"></i></a></div><a href="#" class="'
            f'jeg_btn-toggle"><i class="fa fa-share"></i></a></div></div></div>')


def after_body(site: Site, c: Chrome, post: Post) -> str:
    """Prev/next, author box, related posts and the comment form (all outside ``content-inner``)."""
    prev, nxt = site.prev_next(post)
    nav = "".join(f'<a href="{site.url(p)}" class="post {kind}-post"><span class="caption">{c(label)}</span><h3 class="'
                  f'post-title">{c(p.title)}</h3></a>'
                  for p, kind, label in ((prev, "prev", STR["prev"]), (nxt, "next", STR["next"])) if p)
    related = "".join(small_post(site, c, p, "jeg_pl_md_5", "350x250") for p in site.related(post))
    c(STR["related_a"] + STR["related_b"])  # rendered as "Ұқсас<strong> жаңалықтар</strong>"
    author_url = f"{site.base_url}/author/{post.author_slug}/"
    return f"""<div class="jnews_prev_next_container"><div class="jeg_prevnext_post">{nav}</div></div><div class="jnews_author_box_container "><div class="jeg_authorbox"><div class="jeg_author_image"><img alt='{esc(post.author)}' src='https://secure.gravatar.com/avatar/?s=80&#038;d=mm&#038;r=g' class='avatar avatar-80 photo' height='80' width='80' decoding='async'/></div><div class="jeg_author_content"><h3 class="jeg_author_name"><a href="{author_url}">{esc(post.author)}</a></h3><p class="jeg_author_desc">{c(STR["author_desc"])}</p></div></div></div><div class="jnews_related_post_container"><div  class="jeg_postblock_22 jeg_postblock jeg_module_hook jeg_pagination_disable jeg_col_2o3 {module_id(post, 1)}  normal " data-unique="{module_id(post, 1)}">
					<div class="jeg_block_heading jeg_block_heading_6 jeg_subcat_right">
                     <h3 class="jeg_block_title"><span>{esc(STR["related_a"])}<strong>{esc(STR["related_b"])}</strong></span></h3>
                 </div>
					<div class="jeg_block_container"><div class="jeg_posts_wrap"><div class="jeg_posts jeg_load_more_flag">{related}</div></div></div></div></div><div class="jnews_popup_post_container"></div><div class="jnews_comment_container"><div class="comment-wrapper section"><div class="jeg_comments" id="comments">
	<div id="respond" class="comment-respond">
		<h3 id="reply-title" class="comment-reply-title">{c(STR["reply"])} <small><a rel="nofollow" id="cancel-comment-reply-link" href="{site.path(post)}#respond" style="display:none;">Жауапты болдырмау</a></small></h3><form action="{site.base_url}/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes"><span id="email-notes">{c(STR["email_notes"])}</span> <span class="required-field-message">{c(STR["required"])}</span></p><p class="comment-form-comment"><label for="comment">Пікір <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p><p class="comment-form-author"><label for="author">Аты <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required /></p>
<p class="comment-form-email"><label for="email">Эл. пошта <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" autocomplete="email" required /></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes" /> <label for="wp-comment-cookies-consent">{c(STR["cookies"])}</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Пікір жіберу" /> <input type='hidden' name='comment_post_ID' value='{post.post_id}' id='comment_post_ID' /></p></form>	</div><!-- #respond -->
	</div></div></div>"""


def single(site: Site, post: Post) -> tuple[str, list[str]]:
    """A JNews single-post page and the chrome strings it shows."""
    c = Chrome()
    head = head_meta(site, post, title_pos="after_charset", article_type="Article", sep="&#8211;")
    body = content_html(site, post, ad=lambda: ad(site, c, "jnews_content_inline_ads", "728x90"),
                        inline_related=lambda target: inline_related(site, c, post, target), chrome=c)
    tags = "".join(f'<a href="{site.base_url}/tag/{slug}/" rel="tag">{esc(name)}</a>' for name, slug in post.tags)
    subtitle = f'\n				<h2 class="jeg_post_subtitle">{esc(post.subtitle)}</h2>' if post.subtitle else ""
    html = doc_start(site, head, f"post-template-default single single-post postid-{post.post_id} single-format-standard")
    html += header(site, c, kk_today(post.captured_date))
    html += f"""            <div class="post-wrapper">
        <div class="post-wrap" >
            <div class="jeg_main ">
                <div class="jeg_container">
                    <div class="jeg_content jeg_singlepage">
	<div class="container">
		<div class="jeg_ad jeg_article_top jnews_article_top_ads"><div class='ads-wrapper  '></div></div>
			<div class="row">
				<div class="jeg_main_content col-md-8">
					<div class="jeg_inner_content">
						{breadcrumbs(site, c, post.category)}
			<div class="entry-header">
				<h1 class="jeg_post_title">{esc(post.title)}</h1>{subtitle}
				<div class="jeg_meta_container"><div class="jeg_post_meta jeg_post_meta_1">
    <div class="meta_left">
                                    <div class="jeg_meta_author">
                    <img alt='{esc(post.author)}' src='https://secure.gravatar.com/avatar/?s=80&#038;d=mm&#038;r=g' class='avatar avatar-80 photo' height='80' width='80' decoding='async'/>                    <span class="meta_text">Автор</span>
                    <a href="{site.base_url}/author/{post.author_slug}/">{esc(post.author)}</a>                </div>
                    <div class="jeg_meta_date">
                <a href="{site.url(post)}">{kk_date(post.published_dt)}</a>
            </div>
            </div>
	<div class="meta_right"><div class="jeg_meta_comment"><a href="{site.url(post)}#comments"><i class="fa fa-comment-o"></i> 0</a></div></div>
</div>
</div>
			</div>
						<div  class="jeg_featured featured_image "><a href="{site.image_url(post)}"><div class="thumbnail-container animate-lazy" style="padding-bottom:50%"><img width="750" height="375" src="{site.image_url(post, size="-750x375")}" class="attachment-jnews-750x375 size-jnews-750x375 wp-post-image" alt="{esc(post.title)}" decoding="async" /></div></a></div>
						{share_bar(site, c, post)}
						<div class="jeg_ad jeg_article jnews_content_top_ads "><div class='ads-wrapper  '></div></div>
						<div class="entry-content no-share">
							<div class="jeg_share_button share-float jeg_sticky_share clearfix share-monocrhome"></div>
							<div class="content-inner ">
{body}
																	<div class="jeg_post_tags"><span>{c(STR["tags"])}</span> {tags}</div>
															</div>
						</div>
						<div class="jeg_ad jeg_article jnews_content_bottom_ads "><div class='ads-wrapper  '></div></div>{after_body(site, c, post)}
					</div>
				</div>
{sidebar(site, c, post)}
			</div>
	</div>
</div>
                </div>
            </div>
        </div>
    </div>
"""
    html += footer(site, c, post.captured_date.year)
    return html, c.strings
