"""schema.org JSON-LD as pages embed it: which types an object claims.

Below both the page parse (:class:`crawler.extract.page.Page` finds the article object) and the date
stage (which also reads the dates of page and video objects), so neither imports the other for it.
"""

from __future__ import annotations

# The types whose object is the story itself.
ARTICLE_TYPES = {
    "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "LiveBlogPosting", "ScholarlyArticle", "TechArticle", "Report",
}


def jsonld_types(obj: dict) -> set[str]:
    """The ``@type`` names of a JSON-LD object (one string or a list; other values ignored)."""
    t = obj.get("@type", [])
    return {t} if isinstance(t, str) else {x for x in t if isinstance(x, str)}
