"""Extraction: from a fetched page to an article record (see ``article.extract_article``)."""

from crawler.extract.article import Article, NotAnArticle, extract_article
from crawler.extract.page import Page, PageError

__all__ = ["Article", "NotAnArticle", "Page", "PageError", "extract_article"]
