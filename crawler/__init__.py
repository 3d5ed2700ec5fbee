"""kz-news-archive: a Scrapy crawler that builds a durable, queryable archive of Kazakh regional news."""

__version__ = "0.1.0"
