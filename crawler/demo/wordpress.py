"""WordPress discovery files: the RSS 2.0 feed, core and Yoast sitemaps, robots.txt.

Formats follow what WordPress 6.x and Yoast SEO emit: ``pubDate`` in RFC 2822 *UTC*, sitemap
``lastmod`` = the *modified* time in UTC, ``content:encoded`` = the post content as stored (no
theme ad or featured image, but with the editor's cross-link paragraph and ``&nbsp;`` paragraphs).
Sitemaps are split at ``MAX_URLS`` entries per file, as both generators do.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from .model import Post, Site, rfc2822_utc, w3c_utc
from .themes.common import content_html

MAX_URLS = 1000


def rss(site: Site, posts: list[Post], links: dict[str, str] | None = None) -> str:
    """``/feed/``: every item with ``content:encoded``; ``links`` may override an item's ``<link>``."""
    links = links or {}
    newest = max((p.modified_dt for p in posts), default=None)
    items = []
    for post in posts:
        url = site.url(post)
        cats = [site.categories[post.category]] + [name for name, _ in post.tags]
        items.append(f"""	<item>
		<title>{xml_escape(post.title)}</title>
		<link>{xml_escape(links.get(post.slug, url))}</link>
					<comments>{url}#respond</comments>

		<dc:creator><![CDATA[{post.author}]]></dc:creator>
		<pubDate>{rfc2822_utc(post.published_dt)}</pubDate>
{"".join(f"		<category><![CDATA[{c}]]></category>{chr(10)}" for c in cats)}		<guid isPermaLink="false">{site.base_url}/?p={post.post_id}</guid>

					<description><![CDATA[{post.excerpt(40)} [&#8230;]]]></description>
										<content:encoded><![CDATA[{content_html(site, post)}]]></content:encoded>
					<wfw:commentRss>{url}feed/</wfw:commentRss>
			<slash:comments>0</slash:comments>
		</item>""")
    build = rfc2822_utc(newest) if newest else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>{xml_escape(site.name)}</title>
	<atom:link href="{site.base_url}/feed/" rel="self" type="application/rss+xml" />
	<link>{site.base_url}</link>
	<description>{xml_escape(site.description)}</description>
	<lastBuildDate>{build}</lastBuildDate>
	<language>{site.html_lang}</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<sy:updateFrequency>
	1	</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.6.2</generator>
{chr(10).join(items)}
	</channel>
</rss>
"""


def _chunks(items: list, size: int = MAX_URLS) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def wp_core_sitemaps(site: Site, posts: list[Post], pages: list[Post]) -> dict[str, str]:
    """``/wp-sitemap.xml`` and its ``/wp-sitemap-posts-{post,page}-N.xml`` files."""
    files: dict[str, str] = {}
    for kind, items in (("post", posts), ("page", pages)):
        if not items:
            continue
        for n, chunk in enumerate(_chunks(items), 1):
            urls = "".join(f"<url><loc>{site.url(p)}</loc><lastmod>{w3c_utc(p.modified_dt)}</lastmod></url>"
                           for p in chunk)
            files[f"/wp-sitemap-posts-{kind}-{n}.xml"] = (
                '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="'
                f'{site.base_url}/wp-sitemap.xsl" ?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>\n")
    entries = "".join(f"<sitemap><loc>{site.base_url}{path}</loc></sitemap>" for path in files)
    files["/wp-sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="'
        f'{site.base_url}/wp-sitemap-index.xsl" ?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>\n")
    return files


def yoast_sitemaps(site: Site, posts: list[Post]) -> dict[str, str]:
    """``/sitemap_index.xml`` -> ``/post-sitemap.xml`` (``post-sitemap2.xml`` ...) and ``/category-sitemap.xml``."""
    files: dict[str, str] = {}
    head = ('<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="//'
            f'{site.base_url.split("//")[1]}/main-sitemap.xsl"?>\n')
    urlset = ('<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:image="http://www.google.com/'
              'schemas/sitemap-image/1.1" xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.'
              'sitemaps.org/schemas/sitemap/0.9/sitemap.xsd http://www.google.com/schemas/sitemap-image/1.1 http://www.'
              'google.com/schemas/sitemap-image/1.1/sitemap-image.xsd" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    index = []
    for n, chunk in enumerate(_chunks(posts), 1):
        urls = "".join(f"\n\t<url>\n\t\t<loc>{site.url(p)}</loc>\n\t\t<lastmod>{w3c_utc(p.modified_dt)}</lastmod>\n"
                       f"\t\t<image:image>\n\t\t\t<image:loc>{site.image_url(p)}</image:loc>\n\t\t</image:image>\n\t</url>"
                       for p in chunk)
        path = "/post-sitemap.xml" if n == 1 else f"/post-sitemap{n}.xml"
        files[path] = f"{head}{urlset}{urls}\n</urlset>\n<!-- XML Sitemap generated by Yoast SEO -->"
        newest = max((p.modified_dt for p in chunk), default=None)
        index.append((path, w3c_utc(newest) if newest else ""))
    cats = "".join(f"\n\t<url>\n\t\t<loc>{site.category_url(slug)}</loc>\n\t</url>" for slug in site.categories)
    files["/category-sitemap.xml"] = f"{head}{urlset}{cats}\n</urlset>\n<!-- XML Sitemap generated by Yoast SEO -->"
    index.append(("/category-sitemap.xml", index[0][1]))
    entries = "".join(f"\n\t<sitemap>\n\t\t<loc>{site.base_url}{path}</loc>\n\t\t<lastmod>{mod}</lastmod>\n\t</sitemap>"
                      for path, mod in index)
    files["/sitemap_index.xml"] = (f'{head}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}\n'
                                   "</sitemapindex>\n<!-- XML Sitemap generated by Yoast SEO -->")
    return files


def robots(site: Site, sitemap_path: str, disallow: list[str] = ()) -> str:
    lines = ["User-agent: *", "Disallow: /wp-admin/"] + [f"Disallow: {p}" for p in disallow]
    lines += ["Allow: /wp-admin/admin-ajax.php", "", f"Sitemap: {site.base_url}{sitemap_path}", ""]
    return "\n".join(lines)
