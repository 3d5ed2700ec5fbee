"""WARC: every fetched response kept as the web-archiving world keeps it (WARC/1.1, warcio).

:class:`WarcRecorder` is a downloader middleware with one job: write each response the crawl
receives (articles, listings, feeds, sitemaps, robots.txt, errors and redirects alike) as a
``response`` record (or a ``revisit`` when an identical payload is already archived), with the
``request`` that asked for it and a ``metadata`` record saying how the URL was found. It sits at
priority 800, closer to the downloader than ``RedirectMiddleware`` (600) and
``HttpCompressionMiddleware`` (590): it sees every hop of a redirect, and the body as the server
sent it, still gzip/br-compressed when it was. Twisted has already removed a chunked transfer
coding, so a ``Transfer-Encoding`` header is kept as ``X-Archive-Orig-Transfer-Encoding`` (what
warcprox and pywb do) and the record says ``WARC-Transfer-Decoded: chunked``.

Files: ``<WARC_DIR>/<site>/<site>-<UTC time>-<serial>.warc.gz`` (``WARC_DIR`` defaults to
``<ARCHIVE_DB>.warcs``), gzip per record, a ``warcinfo`` record first, a new file once one passes
``WARC_MAX_SIZE`` bytes. Each response/revisit record gets a ``warc_records`` row in the archive
(where it is, its payload digest, how it was found); the response handed to the spider carries
``meta["warc"]``, the record that holds its payload, which the page stage stores with the capture.

Reading: :func:`read_payload` gets one record back from ``(file, offset, length)``;
:func:`decode_capture` turns it into the page text exactly as the crawl decoded the response.
"""

from __future__ import annotations

import base64
import collections
import concurrent.futures
import hashlib
import io
import logging
import os
import queue
import sqlite3
import threading
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

SOFTWARE = "kz-news-archive (warcio)"
# Heritrix's and Browsertrix's convention: an empty body is never deduplicated.
_NO_DEDUPE_BELOW = 1


def payload_digest(body: bytes) -> str:
    """``sha1:<base32>``, the WARC payload digest."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def warc_root(settings) -> Path:
    return Path(settings.get("WARC_DIR") or f"{settings.get('ARCHIVE_DB')}.warcs")


def stored_path(path: Path, db_path: str | os.PathLike) -> str:
    """How a WARC file is named in the archive: relative to the archive's directory when under
    it (the archive and its WARCs move together), else absolute."""
    base = Path(db_path).resolve().parent
    path = Path(path).resolve()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def resolve_path(stored: str, db_path: str | os.PathLike) -> Path:
    p = Path(stored)
    return p if p.is_absolute() else Path(db_path).resolve().parent / p


class WarcFiles:
    """The WARC files of one site: written in order, gzip per record, rotated by size."""

    def __init__(self, root: Path, site: str, *, max_size: int, gzip_level: int = 3, tag: str = ""):
        self.dir = Path(root) / site
        self.site, self.max_size, self.gzip_level, self.tag = site, max_size, gzip_level, tag
        self.serial = 0
        self.fh = None
        self.path: Path | None = None
        self.writer = WARCWriter(None, gzip=False, warc_version="1.1")

    def _open(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        while True:
            name = f"{self.site}-{stamp}{self.tag}-{self.serial:05d}.warc.gz"
            self.serial += 1
            path = self.dir / name
            if not path.exists():
                break
        self.path, self.fh = path, open(path, "xb")
        info = self.writer.create_warcinfo_record(name, {
            "software": SOFTWARE, "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": self.site, "hostname": os.uname().nodename,
        })
        self.write(info)

    def write(self, record) -> tuple[Path, int, int]:
        """Append one record as its own gzip member: ``(path, offset, length)``."""
        if self.fh is None:
            self._open()
        buf = io.BytesIO()
        self.writer.out = buf
        self.writer.write_record(record)
        comp = zlib.compressobj(self.gzip_level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        data = comp.compress(buf.getvalue()) + comp.flush()
        offset = self.fh.tell()
        self.fh.write(data)
        path = self.path
        if offset + len(data) >= self.max_size:
            self.close()
        return path, offset, len(data)

    def flush(self) -> None:
        if self.fh is not None:
            self.fh.flush()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


def _http_headers(scrapy_headers) -> tuple[list[tuple[str, str]], bool]:
    """Scrapy's headers as a list (one pair per value, latin-1 as on the wire); a chunked
    transfer coding Twisted removed is renamed so replay does not de-chunk the body again."""
    pairs, dechunked = [], False
    for name, values in scrapy_headers.items():
        name = name.decode("latin-1")
        lower = name.lower()
        for value in values:
            value = value.decode("latin-1")
            if lower == "transfer-encoding":
                dechunked = dechunked or "chunked" in value.lower()
                name = "X-Archive-Orig-Transfer-Encoding"
            pairs.append((name, value))
    return pairs, dechunked


_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
            307: "Temporary Redirect", 308: "Permanent Redirect", 404: "Not Found", 410: "Gone",
            403: "Forbidden", 500: "Internal Server Error", 503: "Service Unavailable"}


class WarcRecorder:
    """Downloader middleware: every response the crawl receives, as WARC records (see module doc).

    The reactor thread only takes a copy of what is to be recorded (headers, body, how the URL
    was found) and queues it: one writer thread digests, looks up identical payloads, builds the
    records with warcio, compresses and appends them (zlib and sha1 let go of the GIL). The
    response's ``meta["warc"]`` is a :class:`concurrent.futures.Future` of the record's location,
    which the page stage awaits before it stores the capture. The ``warc_records`` rows are
    written by the reactor thread (the archive's one connection), drained from the writer's
    queue as responses come and when the run closes.

    Settings: ``WARC_ENABLED`` (default True; off raises NotConfigured), ``WARC_DIR``,
    ``WARC_MAX_SIZE`` (bytes, default 1 GB), ``WARC_GZIP_LEVEL`` (default 3)."""

    def __init__(self, crawler):
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED"):
            raise NotConfigured
        from crawler.extension import ArchiveExtension

        self.crawler = crawler
        self.stats = crawler.stats
        self.archive_ext = crawler.get_extension(ArchiveExtension)
        if self.archive_ext is None:
            raise NotConfigured("WARC recording needs crawler.extension.ArchiveExtension")
        self.root = warc_root(settings)
        self.db_path = settings.get("ARCHIVE_DB")
        self.max_size = settings.getint("WARC_MAX_SIZE")
        self.gzip_level = settings.getint("WARC_GZIP_LEVEL")
        self.files: WarcFiles | None = None
        self.failed: str | None = None
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.rows: collections.deque = collections.deque()   # warc_records rows, writer -> reactor
        self.thread: threading.Thread | None = None
        self.seen: dict[str, dict] = {}       # payload digest -> first record, this run (writer thread)
        self.reactor_seconds = 0.0
        self.writer_seconds = 0.0
        hooks = getattr(self.archive_ext, "before_finish", None)
        if hooks is not None:
            hooks.append(self.finish)          # drained before the run's row is closed

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    # --- reactor thread --------------------------------------------------------------------------
    def process_response(self, request, response, spider=None):
        started = time.perf_counter()
        if self.rows:
            self._drain()
        if self.failed:
            request.meta.pop("warc", None)
            return response
        if self.thread is None:
            spider = spider or self.crawler.spider
            site = getattr(getattr(spider, "site", None), "key", None) or spider.name
            self.files = WarcFiles(self.root, site, max_size=self.max_size, gzip_level=self.gzip_level)
            self.thread = threading.Thread(target=self._writer, name=f"warc-{site}", daemon=True)
            self.thread.start()
        meta = request.meta
        via, via_url = self._how_found(request)
        job = {
            "url": response.url, "status": response.status, "protocol": (response.protocol or "HTTP/1.1").upper(),
            "headers": _http_headers(response.headers), "body": response.body,
            "ctype": response.headers.get("Content-Type", b"").decode("latin-1") or None,
            "ip": str(response.ip_address) if response.ip_address is not None else None,
            "request": self._request_headers(request), "via": via, "via_url": via_url,
            "depth": meta.get("listing_depth"), "now": datetime.now(timezone.utc),
        }
        future: concurrent.futures.Future = concurrent.futures.Future()
        meta["warc"] = future
        self.queue.put((job, future))
        self.reactor_seconds += time.perf_counter() - started
        return response

    def _drain(self) -> None:
        archive, run_id = self.archive_ext.archive, self.archive_ext.run_id
        while self.rows:
            row = self.rows.popleft()
            row["crawl_run_id"] = run_id
            archive.store_warc_record(row)
            self.stats.inc_value(f"warc/{row['warc_type']}_records")

    def finish(self) -> None:
        """Wait for the writer, store its last rows, close the file (the run is closing)."""
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
            self.thread = None
        self._drain()
        if self.files is not None:
            self.files.close()
        if self.failed:
            self.stats.set_value("warc/error", self.failed)
        n = (self.stats.get_value("warc/response_records") or 0) + (self.stats.get_value("warc/revisit_records") or 0)
        self.stats.set_value("warc/reactor_seconds", round(self.reactor_seconds, 3))
        self.stats.set_value("warc/writer_seconds", round(self.writer_seconds, 3))
        if n:
            logger.info("WARC: %d responses recorded; %.3f ms each on the reactor thread, %.3f ms in the writer "
                        "thread", n, 1000 * self.reactor_seconds / n, 1000 * self.writer_seconds / n)

    # --- writer thread ---------------------------------------------------------------------------
    def _writer(self) -> None:
        conn = None
        try:
            conn = sqlite3.connect(f"file:{Path(self.db_path).resolve()}?mode=ro", uri=True, timeout=10)
        except sqlite3.Error:
            pass
        try:
            while True:
                item = self.queue.get()
                if item is None:
                    return
                job, future = item
                if self.failed:
                    future.set_exception(OSError(self.failed))
                    continue
                started = time.perf_counter()
                try:
                    location, row = self.record(job, conn)
                except Exception as exc:      # noqa: BLE001 - the crawl goes on; pages keep zlib captures
                    self.failed = f"{type(exc).__name__}: {exc}"
                    logger.error("cannot write WARC records under %s: %s; the crawl goes on without them",
                                 self.root, self.failed)
                    future.set_exception(exc)
                    continue
                self.rows.append(row)
                future.set_result(location)
                self.writer_seconds += time.perf_counter() - started
        finally:
            if conn is not None:
                conn.close()

    def _original(self, digest: str, conn) -> dict | None:
        found = self.seen.get(digest)
        if found is None and conn is not None:
            try:
                cur = conn.execute(
                    "SELECT url, warc_date, record_id, warc_file, warc_offset, warc_length FROM warc_records "
                    "WHERE payload_digest=? AND warc_type IN ('response', 'resource') ORDER BY id LIMIT 1", (digest,))
                row = cur.fetchone()
            except sqlite3.Error:        # an archive from before warc_records: nothing to refer to
                row = None
            if row:
                found = self.seen[digest] = dict(zip([d[0] for d in cur.description], row))
        return found

    def record(self, job: dict, conn=None) -> tuple[dict, dict]:
        """Write one response's records; ``(location of the payload's record, warc_records row)``."""
        writer = self.files.writer
        url, body, now = job["url"], job["body"], job["now"]
        warc_date = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond:06d}Z"
        digest = payload_digest(body)
        headers, dechunked = job["headers"]
        status = job["status"]
        http = StatusAndHeaders(f"{status} {_REASONS.get(status, 'Unknown')}", headers, protocol=job["protocol"])
        extra = {"WARC-Date": warc_date}
        if dechunked:
            extra["WARC-Transfer-Decoded"] = "chunked"
        if job["ip"]:
            extra["WARC-IP-Address"] = job["ip"]
        original = self._original(digest, conn) if len(body) >= _NO_DEDUPE_BELOW else None
        if original:
            rec = writer.create_revisit_record(url, digest, original["url"], original["warc_date"],
                                               http_headers=http, warc_headers_dict=extra)
            rec.rec_headers.add_header("WARC-Refers-To", original["record_id"])
            kind = "revisit"
        else:
            extra["WARC-Payload-Digest"] = digest
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                            http_headers=http, warc_headers_dict=extra)
            kind = "response"
        record_id = rec.rec_headers.get_header("WARC-Record-ID")
        path, offset, length = self.files.write(rec)
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0, http_headers=job["request"],
                                        warc_headers_dict={"WARC-Date": warc_date, "WARC-Concurrent-To": record_id})
        self.files.write(req)
        fields = [("discoveredVia", job["via"])]
        if job["via_url"]:
            fields.append(("via", job["via_url"]))
        if job["depth"]:
            fields.append(("listingDepth", str(job["depth"])))
        meta_body = "".join(f"{k}: {v}\r\n" for k, v in fields).encode("utf-8")
        meta = writer.create_warc_record(url, "metadata", payload=io.BytesIO(meta_body), length=len(meta_body),
                                         warc_content_type="application/warc-fields",
                                         warc_headers_dict={"WARC-Date": warc_date, "WARC-Concurrent-To": record_id})
        self.files.write(meta)
        # to the OS before the archive row that points here can commit: a killed crawl keeps both
        self.files.flush()
        stored = stored_path(path, self.db_path)
        row = {"site": self.files.site, "url": url, "fetched_at": now.isoformat(timespec="seconds"),
               "warc_date": warc_date, "status": status, "mime": job["ctype"], "warc_type": kind,
               "record_id": record_id, "warc_file": stored, "warc_offset": offset, "warc_length": length,
               "payload_digest": digest, "refers_to": original["record_id"] if original else None,
               "discovered_via": job["via"], "via_url": job["via_url"]}
        if original:
            location = {k: original[k] for k in ("warc_file", "warc_offset", "warc_length")}
        else:
            location = {"warc_file": stored, "warc_offset": offset, "warc_length": length}
            self.seen[digest] = {"url": url, "warc_date": warc_date, "record_id": record_id, **location}
        return {**location, "payload_digest": digest}, row

    @staticmethod
    def _request_headers(request) -> StatusAndHeaders:
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        pairs = [("Host", parts.netloc)]
        for name, values in request.headers.items():
            for value in values:
                pairs.append((name.decode("latin-1"), value.decode("latin-1")))
        return StatusAndHeaders(f"{request.method} {target} HTTP/1.1", pairs, is_http_request=True)

    @staticmethod
    def _how_found(request) -> tuple[str, str | None]:
        meta = request.meta
        via_url = meta.get("via_url")
        referer = request.headers.get("Referer")
        if not via_url and referer:
            via_url = referer.decode("latin-1")
        if meta.get("discovered_via"):
            return meta["discovered_via"], via_url
        if urlsplit(request.url).path == "/robots.txt":
            return "robots", None
        if meta.get("redirect_urls"):
            return "redirect", meta["redirect_urls"][-1]
        return "seed", via_url


async def warc_location(value) -> dict | None:
    """A page's ``meta["warc"]`` (a Future of the record's location, or the location) once known;
    None when the record could not be written."""
    if isinstance(value, concurrent.futures.Future):
        import asyncio

        try:
            return await asyncio.wrap_future(value)
        except Exception:        # noqa: BLE001 - logged by the writer; the page keeps a zlib capture
            return None
    return value


# --- reading ------------------------------------------------------------------------------------
class WarcReader:
    """Reads single records by ``(file, offset, length)``; keeps a few files open."""

    def __init__(self, db_path, keep_open: int = 8):
        self.db_path = db_path
        self.keep_open = keep_open
        self._open: dict[str, object] = {}

    def raw(self, stored: str, offset: int, length: int) -> bytes:
        fh = self._open.get(stored)
        if fh is None:
            if len(self._open) >= self.keep_open:
                self._open.pop(next(iter(self._open))).close()
            fh = self._open[stored] = open(resolve_path(stored, self.db_path), "rb")
        fh.seek(offset)
        data = fh.read(length)
        if len(data) != length:
            raise OSError(f"{stored}: record at {offset} is truncated")
        return data

    def record(self, stored: str, offset: int, length: int):
        """``(warc type, http StatusAndHeaders or None, payload with its content coding removed,
        warc Content-Type)``."""
        data = self.raw(stored, offset, length)
        if data[:2] == b"\x1f\x8b":       # one gzip member: inflated in one call (warcio's reader inflates by lines)
            data = zlib.decompress(data, zlib.MAX_WBITS | 16)
        fast = self._fast(data)
        if fast is not None:
            return fast
        for rec in ArchiveIterator(io.BytesIO(data)):
            body = rec.content_stream().read()
            return rec.rec_type, rec.http_headers, body, rec.rec_headers.get_header("Content-Type")
        raise OSError(f"{stored}: no WARC record at {offset}")

    _warc_parser = StatusAndHeadersParser(["WARC/1.1", "WARC/1.0"])
    _http_parser = StatusAndHeadersParser([], verify=False)

    def _fast(self, data: bytes):
        """The record as :meth:`record` gives it, parsed with warcio's header parser on the
        inflated bytes and the payload sliced out (about half the time of warcio's stream
        readers); None for what it does not handle (a content coding other than gzip or
        deflate, a transfer coding in the record): warcio's ArchiveIterator reads those."""
        end = data.find(b"\r\n\r\n")
        if end < 0:
            return None
        warc = self._warc_parser.parse(io.BytesIO(data[:end + 4]))
        kind = warc.get_header("WARC-Type")
        block_len = int(warc.get_header("Content-Length") or -1)
        start = end + 4
        block = data[start:start + block_len]
        if len(block) != block_len:
            return None
        ctype = warc.get_header("Content-Type")
        if kind not in ("response", "revisit") or not (ctype or "").startswith("application/http"):
            return kind, None, block, ctype
        head_end = block.find(b"\r\n\r\n")
        if head_end < 0:
            return None
        http = self._http_parser.parse(io.BytesIO(block[:head_end + 4]))
        if http.get_header("Transfer-Encoding"):
            return None
        body = block[head_end + 4:]
        coding = (http.get_header("Content-Encoding") or "").strip().lower()
        if coding in ("gzip", "x-gzip"):
            body = zlib.decompress(body, zlib.MAX_WBITS | 32)
        elif coding == "deflate":
            try:
                body = zlib.decompress(body)
            except zlib.error:
                body = zlib.decompress(body, -zlib.MAX_WBITS)
        elif coding not in ("", "identity"):
            return None
        return kind, http, body, ctype

    def close(self) -> None:
        for fh in self._open.values():
            fh.close()
        self._open.clear()


def decode_capture(url: str, status: int, http_headers, body: bytes, warc_content_type: str | None) -> tuple[str, str]:
    """``(text, encoding)`` of an archived payload, decoded as the crawl decodes the response
    (:func:`crawler.encoding.decode_response` on the response Scrapy would have built: a
    response's encoding depends on its Content-Type header and its body only)."""
    from scrapy.http import Headers, HtmlResponse, TextResponse
    from scrapy.responsetypes import responsetypes

    from crawler.encoding import decode_response

    if http_headers is not None:
        ctype = http_headers.get_header("Content-Type")
    else:                            # a resource record (migrated capture): its WARC Content-Type
        ctype = warc_content_type or "text/html"
    headers = Headers({"Content-Type": ctype}) if ctype else Headers()
    if ctype and "html" in ctype.lower():
        cls = HtmlResponse
    else:
        cls = responsetypes.from_args(headers=headers, url=url, body=body)
        if not issubclass(cls, TextResponse):
            cls = HtmlResponse
    return decode_response(cls(url=url, status=status or 200, headers=headers, body=body))


# --- migrating zlib captures ------------------------------------------------------------------------
MIGRATED_FROM = "captures.html_zlib"


def _warc_date(iso: str | None) -> str:
    """An archive timestamp (ISO 8601, UTC) as a WARC-Date."""
    if not iso:
        return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def migrate_captures(archive, *, warc_dir: str | os.PathLike | None = None, max_size: int = 1024 ** 3,
                     drop_zlib: bool = False, batch: int = 200) -> dict:
    """Write every capture that has a zlib blob and no WARC record into WARC files, once.

    Each becomes a ``resource`` record (no HTTP exchange was kept: the blob is the decoded page,
    UTF-8) whose payload is the blob's bytes exactly, ``Content-Type: text/html; charset=utf-8``,
    a ``KZ-Migrated-From`` header, and a concurrent ``metadata`` record saying so (the capture's id,
    status and the encoding the page was decoded from). Files: ``<site>-<time>-migrated-<serial>``.
    Every record is read back and compared before its capture points at it. Captures that already
    point at a record are left alone, so a second run does nothing. ``drop_zlib``: the blob is then
    cleared (the WARC record holds the same bytes). Returns counts."""
    root = Path(warc_dir) if warc_dir else Path(f"{archive.path}.warcs")
    conn = archive.conn
    rows = conn.execute(
        """SELECT c.id, c.url, c.fetched_at, c.status, c.encoding, c.html_zlib,
                  COALESCE(p.site, r.site, '_unknown') AS site
           FROM captures c LEFT JOIN pages p ON p.url = c.url LEFT JOIN crawl_runs r ON r.id = c.crawl_run_id
           WHERE c.warc_file IS NULL AND c.html_zlib IS NOT NULL ORDER BY site, c.id""").fetchall()
    files: dict[str, WarcFiles] = {}
    reader = WarcReader(archive.path)
    done = 0
    try:
        for cap_id, url, fetched_at, status, encoding, blob, site in rows:
            body = zlib.decompress(blob)
            wf = files.get(site)
            if wf is None:
                wf = files[site] = WarcFiles(root, site, max_size=max_size, tag="-migrated")
            writer = wf.writer
            date = _warc_date(fetched_at)
            digest = payload_digest(body)
            rec = writer.create_warc_record(url, "resource", payload=io.BytesIO(body), length=len(body),
                                            warc_content_type="text/html; charset=utf-8",
                                            warc_headers_dict={"WARC-Date": date, "WARC-Payload-Digest": digest,
                                                               "KZ-Migrated-From": MIGRATED_FROM})
            record_id = rec.rec_headers.get_header("WARC-Record-ID")
            path, offset, length = wf.write(rec)
            note = (f"migrated: from {MIGRATED_FROM} (capture {cap_id}) by python -m crawler warc-migrate\r\n"
                    f"note: the payload is the page as the crawl decoded it, in UTF-8; the bytes as served "
                    f"and the HTTP headers were not kept\r\n"
                    f"status: {status}\r\ndecodedFrom: {encoding}\r\n").encode("utf-8")
            meta = writer.create_warc_record(url, "metadata", payload=io.BytesIO(note), length=len(note),
                                             warc_content_type="application/warc-fields",
                                             warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id})
            wf.write(meta)
            wf.flush()
            stored = stored_path(path, archive.path)
            _, _, back, _ = reader.record(stored, offset, length)
            if back != body:
                raise OSError(f"capture {cap_id}: the WARC record read back differs; nothing more migrated")
            archive._write()
            archive.conn.execute(
                "UPDATE captures SET warc_file=?, warc_offset=?, warc_length=?, payload_digest=?"
                + (", html_zlib=NULL" if drop_zlib else "") + " WHERE id=?",
                (stored, offset, length, digest, cap_id))
            archive._insert("warc_records", {
                "site": site, "url": url, "fetched_at": fetched_at, "warc_date": date, "status": status,
                "mime": "text/html; charset=utf-8", "warc_type": "resource", "record_id": record_id,
                "warc_file": stored, "warc_offset": offset, "warc_length": length, "payload_digest": digest,
                "discovered_via": "migrated"})
            done += 1
            if done % batch == 0:
                for f in files.values():
                    f.flush()
                    if f.fh is not None:
                        os.fsync(f.fh.fileno())
                archive.commit()
    finally:
        for f in files.values():
            f.close()
        reader.close()
        archive.commit()
    return {"migrated": done, "sites": sorted(files), "already": conn.execute(
        "SELECT count(*) FROM captures WHERE warc_file IS NOT NULL").fetchone()[0] - done}
