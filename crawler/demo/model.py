"""The demo sites as data: a site, its posts, and the blocks a post body is made of.

Content modules (``content_tagdiv``, ``content_jnews``) fill these classes; theme modules render them;
``truth.py`` derives the expected extraction results from the same objects.  Keeping one source of
content is what lets the tests prove that every truth paragraph really is on the page.

Which other posts a page shows in its chrome (related, popular, previous/next) is decided here, in
one place, because both the theme (which renders those titles) and the truth (which lists them in
``must_not_contain``) need the same answer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cached_property
from email.utils import format_datetime

# ---------------------------------------------------------------------------------------------
# Body blocks (the post_content as an editor stored it, plus the spots where the theme injects)


@dataclass(frozen=True)
class P:
    """A body paragraph; ``html`` may hold inline markup (strong, em, a) but never a newline."""

    html: str

    @property
    def text(self) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", self.html))


@dataclass(frozen=True)
class Figure:
    """An in-body image with a caption: content, but not a paragraph."""

    image: str
    caption: str
    alt: str
    attachment_id: int


@dataclass(frozen=True)
class CrossLink:
    """An editor-typed «Тағы оқыңыз: …» / «Читайте также: …» paragraph: chrome inside the body."""

    label: str
    target: str  # slug of another post on the same site


@dataclass(frozen=True)
class Ad:
    """Where the theme injects its in-body ad (not stored in the post, so absent from the feed)."""


@dataclass(frozen=True)
class Nbsp:
    """``count`` empty ``<p>&nbsp;</p>`` paragraphs, as the classic editor leaves them."""

    count: int


@dataclass(frozen=True)
class InlineRelated:
    """JNews' injected inline related-post block (heading "Тағы оқыңыз:")."""

    target: str


# ---------------------------------------------------------------------------------------------
# Posts and sites

#: ``Post.special`` values that make a page a truth article with a twist.
TRUTH_SPECIALS = {None, "tracking_duplicate", "windows-1251", "retry_500", "malformed", "cloud_template"}
#: ``Post.special`` values for pages that must end up stored nowhere.
NON_ARTICLE_SPECIALS = {"robots", "not_article", "truncated", "404"}
#: ``Post.special`` of a story the site took down since it was archived (a re-visit test): no page
#: and in no listing, feed or sitemap, while other pages' related and popular blocks still show it.
REMOVED = "removed"


@dataclass(eq=False)  # identity comparison: posts are looked up, never compared by value
class Post:
    slug: str
    title: str
    published: str  # ISO 8601 with seconds and the Asia/Almaty offset of that instant
    modified: str
    captured: str  # YYYY-MM-DD: the day the page was fetched (the theme's "today" date)
    language: str  # kk | kk-Latn | ru
    author: str
    author_slug: str
    category: str  # slug of the primary category (breadcrumb)
    tags: list[tuple[str, str]]  # (name, slug)
    blocks: list
    image: str  # featured image file stem
    post_id: int
    subtitle: str | None = None
    special: str | None = None
    prefix: str = ""  # a path prefix before the permalink (the robots-disallowed section)

    @property
    def published_dt(self) -> datetime:
        return datetime.fromisoformat(self.published)

    @property
    def modified_dt(self) -> datetime:
        return datetime.fromisoformat(self.modified)

    @property
    def captured_date(self) -> date:
        return date.fromisoformat(self.captured)

    @property
    def is_truth_article(self) -> bool:
        return self.special in TRUTH_SPECIALS

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, P) and b.text.strip("\xa0 ")]

    def captions(self) -> list[str]:
        return [b.caption for b in self.blocks if isinstance(b, Figure)]

    def excerpt(self, words: int = 30) -> str:
        text = " ".join(self.paragraphs())
        parts = text.split()
        return " ".join(parts[:words]) + ("..." if len(parts) > words else "")


@dataclass
class Site:
    key: str
    cms: str  # tagdiv | jnews
    base_url: str
    name: str
    description: str
    html_lang: str  # what <html lang> says (the WordPress locale), whatever the article language
    og_locale: str
    permalink: str  # "date" -> /YYYY/MM/DD/slug/ ; "postname" -> /slug/
    categories: dict[str, str]  # slug -> name
    listing_category: str
    social: dict[str, str]
    about: str
    copyright: str  # str.format template with {year}
    posts: list[Post]
    popular: list[str] = field(default_factory=list)  # slugs, most viewed first
    recent_comments: list[tuple[str, str]] = field(default_factory=list)  # (commenter, slug)
    per_page: int = 7
    upload_prefix: str = "/wp-content/uploads"

    # -- URLs -------------------------------------------------------------------------------
    def path(self, post: Post) -> str:
        if self.permalink == "date":
            d = post.published_dt
            return f"{post.prefix}/{d:%Y}/{d:%m}/{d:%d}/{post.slug}/"
        return f"{post.prefix}/{post.slug}/"

    def url(self, post_or_path) -> str:
        path = post_or_path if isinstance(post_or_path, str) else self.path(post_or_path)
        return self.base_url + path

    def image_url(self, post: Post, stem: str | None = None, size: str = "") -> str:
        d = post.published_dt
        return f"{self.base_url}{self.upload_prefix}/{d:%Y}/{d:%m}/{stem or post.image}{size}.jpg"

    def category_url(self, slug: str, page: int = 1) -> str:
        return f"{self.base_url}/category/{slug}/" + (f"page/{page}/" if page > 1 else "")

    def by_slug(self, slug: str) -> Post:
        return self._slugs[slug]

    @cached_property
    def _slugs(self) -> dict[str, Post]:
        return {p.slug: p for p in self.posts}

    @cached_property
    def _pool(self) -> tuple[list[Post], dict[int, int]]:
        pool = sorted((p for p in self.posts if p.is_truth_article or p.special == REMOVED), key=lambda p: p.published_dt)
        return pool, {id(p): i for i, p in enumerate(pool)}

    # -- which pages go where ---------------------------------------------------------------
    def chrome_pool(self) -> list[Post]:
        """Posts other pages may show in related/popular/prev-next blocks, oldest first."""
        return self._pool[0]

    def listed(self) -> list[Post]:
        """Teasers of the category listing, newest first (stale entries included, pages excluded)."""
        items = [p for p in self.posts if p.special not in ("not_article", REMOVED)]
        return sorted(items, key=lambda p: p.published_dt, reverse=True)

    def in_feed(self) -> list[Post]:
        items = [p for p in self.posts if p.special not in ("robots", "404", "not_article", REMOVED)]
        return sorted(items, key=lambda p: p.published_dt, reverse=True)

    def in_post_sitemap(self) -> list[Post]:
        items = [p for p in self.posts if p.special not in ("not_article", REMOVED)]
        return sorted(items, key=lambda p: p.published_dt)

    def pages(self) -> list[Post]:
        return [p for p in self.posts if p.special == "not_article"]

    # -- chrome selections (shared by themes and truth) -------------------------------------
    def related(self, post: Post, n: int = 3) -> list[Post]:
        """The posts nearest in time, as tagDiv/JNews "related" blocks of a small site pick them."""
        pool, index = self._pool
        if id(post) not in index:
            return pool[-n:][::-1]
        i = index[id(post)]
        picks = []
        for step in range(1, len(pool)):
            for j in (i - step, i + step):
                if 0 <= j < len(pool) and len(picks) < n:
                    picks.append(pool[j])
            if len(picks) >= n:
                break
        return picks

    def most_popular(self, post: Post | None, n: int = 3) -> list[Post]:
        slugs = self.popular or [p.slug for p in self.chrome_pool()[::-1]]
        picks = [self.by_slug(s) for s in slugs if post is None or s != post.slug]
        return picks[:n]

    def prev_next(self, post: Post) -> tuple[Post | None, Post | None]:
        pool, index = self._pool
        if id(post) not in index:
            return (pool[-1] if pool else None), None
        i = index[id(post)]
        return (pool[i - 1] if i > 0 else None), (pool[i + 1] if i + 1 < len(pool) else None)


# ---------------------------------------------------------------------------------------------
# Dates as the themes print them

RU_WEEKDAYS = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"]
RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"]
KK_WEEKDAYS = ["Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі"]
KK_MONTHS = ["Қаңтар", "Ақпан", "Наурыз", "Сәуір", "Мамыр", "Маусым", "Шілде", "Тамыз",
             "Қыркүйек", "Қазан", "Қараша", "Желтоқсан"]


def ru_today(d: date) -> str:
    """tagDiv's ``td_data_time`` in a ru_RU WordPress: "Суббота, 23 ноября, 2024"."""
    return f"{RU_WEEKDAYS[d.weekday()]}, {d.day} {RU_MONTHS_GEN[d.month - 1]}, {d.year}"


def kk_today(d: date) -> str:
    """JNews' top-bar date, format ``l, F j, Y`` in the kk locale: "Жұма, Қыркүйек 20, 2024"."""
    return f"{KK_WEEKDAYS[d.weekday()]}, {KK_MONTHS[d.month - 1]} {d.day}, {d.year}"


def kk_date(d: date) -> str:
    """WordPress ``j F Y`` in the kk locale: "20 Қыркүйек 2024"."""
    return f"{d.day} {KK_MONTHS[d.month - 1]} {d.year}"


def dotted(d: date) -> str:
    return f"{d:%d.%m.%Y}"


def utc(dt: datetime) -> datetime:
    return dt.astimezone(timezone.utc)


def rfc2822_utc(dt: datetime) -> str:
    """RSS ``pubDate`` as WordPress writes it: "Sat, 23 Nov 2024 06:42:00 +0000"."""
    return format_datetime(utc(dt))


def w3c_utc(dt: datetime) -> str:
    """Sitemap ``lastmod`` as WordPress core and Yoast write it: "2024-11-23T06:45:12+00:00"."""
    return utc(dt).isoformat()


def almaty_offset(local: datetime) -> str:
    """The Asia/Almaty offset of a wall-clock time after 2005: +06:00 before 2024-03-01, then +05:00."""
    return "+06:00" if local < datetime(2024, 3, 1) else "+05:00"
