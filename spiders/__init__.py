"""Spiders. There is one generic class (``site_spider.SiteSpider``); the registry
(``sites.toml``) turns it into one spider per site."""
