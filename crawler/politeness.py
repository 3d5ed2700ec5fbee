"""Politeness by RFC 9309 and common practice: robots.txt, Crawl-delay, a User-Agent with a contact.

- :class:`PoliteRobotsTxtMiddleware` (Scrapy's ``RobotsTxtMiddleware`` and its Protego parser):
  robots.txt is fetched once per site and run, with its own short timeout
  (``ROBOTSTXT_TIMEOUT``) and few retries (``ROBOTSTXT_RETRY_TIMES``), and only that site's
  requests wait for it. A 4xx answer means no rules: everything is allowed. A 5xx answer, or no
  answer at all, means the site's rules are unknown, so RFC 9309 (§2.3.1.3-4) says to assume
  complete disallow: every URL of the site is refused as ``robots`` with a reason saying
  robots.txt was unavailable, and the next run asks again. A refusal is a
  :class:`~crawler.middlewares.RobotsForbidden`, so the spider records it as ``robots``, and
  nothing else is ever recorded so.
- ``Crawl-delay`` (for our agent, else ``*``) becomes the download slot's delay for that site,
  without jitter, capped at ``CRAWL_DELAY_MAX``; :class:`PoliteAutoThrottle` never lowers a slot's
  delay below it.
- :class:`ContactUserAgentMiddleware`: the User-Agent names a contact from ``ARCHIVE_CONTACT``
  (``USER_AGENT``'s ``{contact}``); without one it says ``contact not set`` and the crawl logs one
  warning asking the archivist to set it.
"""

from __future__ import annotations

import logging

from twisted.internet.defer import Deferred

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

from crawler.middlewares import RobotsForbidden, RobotsUnavailable

logger = logging.getLogger(__name__)

CONTACT_NOT_SET = "contact not set"
_warned_contact = False       # one warning per process, however many sites it crawls


def user_agent(template: str, contact: str) -> str:
    """``USER_AGENT`` with its ``{contact}`` filled: ``+CONTACT``, or ``contact not set``."""
    if "{contact}" not in template:
        return template
    return template.replace("{contact}", f"+{contact}" if contact else CONTACT_NOT_SET)


class ContactUserAgentMiddleware(UserAgentMiddleware):
    """Scrapy's ``UserAgentMiddleware`` with the archivist's contact in the User-Agent."""

    @classmethod
    def from_crawler(cls, crawler):
        contact = (crawler.settings.get("ARCHIVE_CONTACT") or "").strip()
        o = cls(user_agent(crawler.settings["USER_AGENT"] or "", contact))
        crawler.signals.connect(o.spider_opened, signal=signals.spider_opened)
        o.contact = contact
        return o

    def spider_opened(self, spider) -> None:
        global _warned_contact
        super().spider_opened(spider)
        if not self.contact and CONTACT_NOT_SET in self.user_agent and not _warned_contact:
            _warned_contact = True
            logger.warning("ARCHIVE_CONTACT is not set: the User-Agent says %r. Set it to a URL or e-mail "
                           "where site owners can reach the archive (-s ARCHIVE_CONTACT=mailto:you@example.org)",
                           self.user_agent)


class Unavailable:
    """The rules of a site whose robots.txt could not be read: RFC 9309 says assume disallow."""

    def __init__(self, reason: str):
        self.reason = reason

    def allowed(self, url, user_agent) -> bool:
        return False

    def crawl_delay(self, user_agent):
        return None


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    """See the module docstring."""

    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.timeout = settings.getfloat("ROBOTSTXT_TIMEOUT")
        self.retry_times = settings.getint("ROBOTSTXT_RETRY_TIMES")
        self.crawl_delay_max = settings.getfloat("CRAWL_DELAY_MAX")
        self.agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")

    def process_request_2(self, rp, request) -> None:
        if rp is None:
            return
        if isinstance(rp, Unavailable):
            self._stats.inc_value("robotstxt/unavailable_refused")
            raise RobotsUnavailable(rp.reason)
        useragent = self._robotstxt_useragent or request.headers.get(b"User-Agent", self._default_useragent)
        if not rp.allowed(request.url, useragent):
            self._stats.inc_value("robotstxt/forbidden")
            raise RobotsForbidden("forbidden by robots.txt")

    async def robot_parser(self, request):
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            robotsreq = Request(
                f"{url.scheme}://{netloc}/robots.txt",
                priority=self.DOWNLOAD_PRIORITY,
                meta={"dont_obey_robotstxt": True, "download_timeout": self.timeout,
                      "max_retry_times": self.retry_times},
                callback=NO_CALLBACK,
            )
            try:
                resp = await self.crawler.engine.download_async(robotsreq)
                await self._parse_robots(resp, netloc, request)
            except Exception as exc:  # noqa: BLE001: any failure to fetch is "unreachable"
                self._robots_error(exc, netloc)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            # One Deferred of its own per waiter: awaited directly, the first waiter's callback
            # would hand the next ones None ("no robots.txt": allow all) instead of the rules.
            waiter: Deferred = Deferred()

            def relay(result):
                waiter.callback(result)
                return result

            parser.addCallback(relay)
            return await maybe_deferred_to_future(waiter)
        return parser

    async def _parse_robots(self, response, netloc, request) -> None:
        status = response.status
        if status >= 500 or status < 200 or 300 <= status < 400:
            # 5xx (after its retries), or a redirect chain that did not end on a page
            self._stats.inc_value("robotstxt/response_count")
            self._stats.inc_value(f"robotstxt/response_status_count/{status}")
            self._unavailable(netloc, f"robots.txt unavailable (HTTP {status}): the whole site is "
                                      "disallowed until it answers (RFC 9309); retried next run")
            return
        if 400 <= status < 500:
            logger.info("robots.txt of %s answers HTTP %d: no rules, everything allowed (RFC 9309)", netloc, status)
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)
        parser = self._parsers[netloc]
        if parser is not None:
            self._apply_crawl_delay(parser, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if not isinstance(exc, IgnoreRequest):
            self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        what = " ".join(str(exc).split()) or type(exc).__name__
        self._unavailable(netloc, f"robots.txt unreachable ({type(exc).__name__}: {what}): the whole site is "
                                  "disallowed until it answers (RFC 9309); retried next run")

    def _unavailable(self, netloc: str, reason: str) -> None:
        logger.warning("%s: %s", netloc, reason)
        self._stats.inc_value("robotstxt/unavailable")
        pending = self._parsers[netloc]
        self._parsers[netloc] = Unavailable(reason)
        if isinstance(pending, Deferred):
            pending.callback(self._parsers[netloc])

    def _apply_crawl_delay(self, parser, request) -> None:
        try:
            delay = parser.crawl_delay(self.agent)
        except (AttributeError, NotImplementedError):
            return
        if not delay or delay <= 0:
            return
        if delay > self.crawl_delay_max:
            logger.warning("robots.txt of %s asks Crawl-delay %.0f s: capped at CRAWL_DELAY_MAX (%.0f s)",
                           urlparse_cached(request).netloc, delay, self.crawl_delay_max)
            delay = self.crawl_delay_max
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        per_slot = downloader.per_slot_settings.setdefault(key, {})
        floor = max(delay, float(per_slot.get("delay", 0) or 0))
        per_slot.update(delay=floor, jitter=0.0)       # slots made later (after the idle slot GC) too
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = max(slot.delay, floor)
            slot.jitter = 0.0
        self._stats.set_value(f"robotstxt/crawl_delay/{key}", floor)
        logger.info("robots.txt Crawl-delay for %s: one request every %.1f s", key, floor)


class PoliteAutoThrottle(AutoThrottle):
    """Scrapy's AutoThrottle, never going below a slot's ``Crawl-delay``."""

    def _response_downloaded(self, response, request, spider) -> None:
        super()._response_downloaded(response, request, spider)
        key, slot = self._get_slot(request, spider)
        if slot is None:
            return
        floor = self.crawler.engine.downloader.per_slot_settings.get(key, {}).get("delay")
        if floor and slot.delay < floor:
            slot.delay = floor

