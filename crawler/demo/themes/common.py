"""What every WordPress theme page shares: the Yoast SEO ``<head>``, JSON-LD, and the post content.

The post content is rendered twice: as WordPress stores it (for the feed's ``content:encoded``) and
as the theme shows it (with the theme's in-body ad and, for JNews, the inline related-post block).
Both come from the same blocks, so the feed and the page can never disagree about a paragraph.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from typing import Callable
from urllib.parse import quote

from ..model import Ad, CrossLink, Figure, InlineRelated, Nbsp, P, Post, Site


def esc(text: str) -> str:
    return escape(text, quote=True)


class Chrome:
    """Collects the visible chrome strings a page renders, so the truth lists exactly those.

    Theme code writes every label, widget title and other-post title through ``chrome(text)``,
    which records the text and returns it HTML-escaped.
    """

    def __init__(self) -> None:
        self.strings: list[str] = []

    def __call__(self, text: str) -> str:
        if text and text not in self.strings:
            self.strings.append(text)
        return esc(text)


def crosslink_text(site: Site, block: CrossLink) -> str:
    """The visible text of an editor's «Тағы оқыңыз: …» paragraph (a chrome string)."""
    return f"{block.label} {site.by_slug(block.target).title}"


# ---------------------------------------------------------------------------------------------
# Post content


def figure_html(site: Site, post: Post, fig: Figure) -> str:
    src = site.image_url(post, fig.image, "-696x464")
    if site.cms == "jnews":  # block editor markup
        return (f'<figure class="wp-block-image size-large"><img decoding="async" width="696" height="464" '
                f'src="{src}" alt="{esc(fig.alt)}" class="wp-image-{fig.attachment_id}"/>'
                f'<figcaption class="wp-element-caption">{esc(fig.caption)}</figcaption></figure>')
    aid = fig.attachment_id
    return (f'<figure id="attachment_{aid}" aria-describedby="caption-attachment-{aid}" style="width: 696px" '
            f'class="wp-caption aligncenter"><img decoding="async" class="size-large wp-image-{aid}" '
            f'src="{src}" alt="{esc(fig.alt)}" width="696" height="464" /><figcaption '
            f'id="caption-attachment-{aid}" class="wp-caption-text">{esc(fig.caption)}</figcaption></figure>')


def content_html(site: Site, post: Post, ad: Callable[[], str] | None = None,
                 inline_related: Callable[[Post], str] | None = None, chrome: Chrome | None = None) -> str:
    """The post body, one block per line. Without ``ad``/``inline_related``: the stored post_content."""
    out = []
    if chrome is None:
        chrome = Chrome()
    for block in post.blocks:
        if isinstance(block, P):
            out.append(f"<p>{block.html}</p>")
        elif isinstance(block, Figure):
            out.append(figure_html(site, post, block))
        elif isinstance(block, CrossLink):
            target = site.by_slug(block.target)
            chrome(crosslink_text(site, block))
            out.append(f'<p><strong>{esc(block.label)}</strong> <a href="{site.url(target)}">'
                       f"{esc(target.title)}</a></p>")
        elif isinstance(block, Nbsp):
            out.extend(["<p>&nbsp;</p>"] * block.count)
        elif isinstance(block, Ad) and ad:
            out.append(ad())
        elif isinstance(block, InlineRelated) and inline_related:
            out.append(inline_related(site.by_slug(block.target)))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# <head>


def person_id(site: Site, post: Post) -> str:
    return f"{site.base_url}/#/schema/person/{hashlib.md5(post.author_slug.encode()).hexdigest()}"


def jsonld(site: Site, post: Post, article_type: str | None, ascii_only: bool = False) -> str:
    """A Yoast ``@graph``: (News)Article + WebPage + breadcrumbs + WebSite + Organization + Person."""
    url = site.url(post)
    image = site.image_url(post)
    crumbs = [{"@type": "ListItem", "position": 1, "name": "Басты бет", "item": site.base_url + "/"}]
    if article_type:
        crumbs.append({"@type": "ListItem", "position": 2, "name": site.categories[post.category],
                       "item": site.category_url(post.category)})
    crumbs.append({"@type": "ListItem", "position": len(crumbs) + 1, "name": post.title})
    webpage = {"@type": "WebPage", "@id": url, "url": url, "name": f"{post.title} - {site.name}",
               "isPartOf": {"@id": f"{site.base_url}/#website"},
               "primaryImageOfPage": {"@id": f"{url}#primaryimage"}, "thumbnailUrl": image,
               "datePublished": post.published, "dateModified": post.modified,
               "breadcrumb": {"@id": f"{url}#breadcrumb"}, "inLanguage": site.html_lang.replace("_", "-"),
               "potentialAction": [{"@type": "ReadAction", "target": [url]}]}
    graph = []
    if article_type:
        words = sum(len(t.split()) for t in post.paragraphs())
        graph.append({
            "@type": article_type, "@id": f"{url}#article", "isPartOf": {"@id": url},
            "author": {"name": post.author, "@id": person_id(site, post)}, "headline": post.title,
            "datePublished": post.published, "dateModified": post.modified, "mainEntityOfPage": {"@id": url},
            "wordCount": words, "commentCount": 0, "publisher": {"@id": f"{site.base_url}/#organization"},
            "image": {"@id": f"{url}#primaryimage"}, "thumbnailUrl": image,
            "keywords": [name for name, _ in post.tags], "articleSection": [site.categories[post.category]],
            "inLanguage": site.html_lang, "potentialAction": [
                {"@type": "CommentAction", "name": "Comment", "target": [f"{url}#respond"]}]})
    else:  # a page: Yoast still dates the WebPage, but there is no Article node
        webpage["@type"] = ["WebPage", "CollectionPage"]
    graph += [webpage,
              {"@type": "ImageObject", "inLanguage": site.html_lang, "@id": f"{url}#primaryimage", "url": image,
               "contentUrl": image, "width": 1200, "height": 800},
              {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": crumbs},
              {"@type": "WebSite", "@id": f"{site.base_url}/#website", "url": site.base_url + "/",
               "name": site.name, "description": site.description,
               "publisher": {"@id": f"{site.base_url}/#organization"}, "inLanguage": site.html_lang},
              {"@type": "Organization", "@id": f"{site.base_url}/#organization", "name": site.name,
               "url": site.base_url + "/", "sameAs": list(site.social.values())}]
    if article_type:
        graph.append({"@type": "Person", "@id": person_id(site, post), "name": post.author,
                      "url": f"{site.base_url}/author/{post.author_slug}/"})
    data = {"@context": "https://schema.org", "@graph": graph}
    return json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"))


def head_meta(site: Site, post: Post, *, is_article: bool = True, charset: str = "UTF-8",
              title_pos: str = "first", article_type: str = "NewsArticle", sep: str = "-") -> str:
    """``<title>``, charset and the Yoast block.

    ``title_pos``: "first" (before the charset meta, as tagDiv prints it), "after_charset", or
    "yoast" (inside the Yoast block, as themes using the ``title-tag`` feature get it).
    """
    url = site.url(post)
    title = f"{esc(post.title)} {sep} {esc(site.name)}"
    desc = esc(post.excerpt(22)) if post.paragraphs() else esc(post.title)
    charset_meta = f'<meta charset="{charset}" />'
    title_tag = f"<title>{title}</title>"
    top = {"first": [title_tag, charset_meta], "after_charset": [charset_meta, title_tag]}.get(title_pos, [charset_meta])
    lines = top + [
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f'<link rel="pingback" href="{site.base_url}/xmlrpc.php" />',
        "<meta name='robots' content='index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1' />",
        "\t<!-- This site is optimized with the Yoast SEO plugin v23.9 - https://yoast.com/wordpress/plugins/seo/ -->",
        *(["\t" + title_tag] if title_pos == "yoast" else []),
        f'\t<meta name="description" content="{desc}" />',
        f'\t<link rel="canonical" href="{url}" />',
        f'\t<meta property="og:locale" content="{site.og_locale}" />',
        f'\t<meta property="og:type" content="{"article" if is_article else "website"}" />',
        f'\t<meta property="og:title" content="{title}" />',
        f'\t<meta property="og:description" content="{desc}" />',
        f'\t<meta property="og:url" content="{url}" />',
        f'\t<meta property="og:site_name" content="{esc(site.name)}" />',
    ]
    if is_article:
        lines += [f'\t<meta property="article:publisher" content="{site.social["Facebook"]}" />',
                  f'\t<meta property="article:published_time" content="{post.published}" />']
    lines += [f'\t<meta property="article:modified_time" content="{post.modified}" />',
              f'\t<meta property="og:image" content="{site.image_url(post)}" />',
              '\t<meta property="og:image:width" content="1200" />',
              '\t<meta property="og:image:height" content="800" />',
              '\t<meta property="og:image:type" content="image/jpeg" />']
    if is_article:
        lines += [f'\t<meta name="author" content="{esc(post.author)}" />',
                  '\t<meta name="twitter:card" content="summary_large_image" />',
                  '\t<meta name="twitter:label1" content="Написано автором" />',
                  f'\t<meta name="twitter:data1" content="{esc(post.author)}" />']
    ascii_only = charset.lower() != "utf-8"
    lines.append('\t<script type="application/ld+json" class="yoast-schema-graph">'
                 f'{jsonld(site, post, article_type if is_article else None, ascii_only)}</script>')
    lines.append("\t<!-- / Yoast SEO plugin. -->")
    lines += [
        f'<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; Лента" '
        f'href="{site.base_url}/feed/" />',
        f'<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; Лента комментариев" '
        f'href="{site.base_url}/comments/feed/" />',
        f'<link rel="https://api.w.org/" href="{site.base_url}/wp-json/" />',
        f'<link rel="alternate" title="JSON" type="application/json" '
        f'href="{site.base_url}/wp-json/wp/v2/{"posts" if is_article else "pages"}/{post.post_id}" />',
        f"<link rel='shortlink' href='{site.base_url}/?p={post.post_id}' />",
        f'<link rel="alternate" title="oEmbed (JSON)" type="application/json+oembed" '
        f'href="{site.base_url}/wp-json/oembed/1.0/embed?url={quote(url, safe="")}" />',
        '<meta name="generator" content="WordPress 6.6.2" />',
    ]
    return "\n".join(lines)


def share_links(site: Site, post: Post) -> dict[str, str]:
    url, title = quote(site.url(post), safe=""), quote(post.title, safe="")
    return {
        "Facebook": f"https://www.facebook.com/sharer.php?u={url}",
        "Twitter": f"https://twitter.com/intent/tweet?text={title}&amp;url={url}",
        "WhatsApp": f"https://api.whatsapp.com/send?text={title}%20%0A%0A%20{url}",
        "Telegram": f"https://telegram.me/share/url?url={url}&amp;text={title}",
    }
