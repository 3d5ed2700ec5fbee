"""A fault-injecting loopback server: one URL per way a server or a network can fail a crawler.

``FaultServer`` is a ``ThreadingHTTPServer`` on a free 127.0.0.1 port, in a daemon thread. It
serves a small site shaped like the registry's ``zhetysu-gazeti`` entry (``/robots.txt``,
``/wp-sitemap.xml``, ``/feed/``, ``/category/zhanalyqtar/``) whose sitemap lists one article URL
per fault (``/2024/12/01/<fault>/``, matching the site's ``article_pattern``). The tests crawl it
with ``--host-map https://zhetysu-gazeti.kz=http://127.0.0.1:PORT`` and read the ``pages`` rows.

Bounded and self-stopping: every stall or drip ends after at most ``max_stall`` seconds or as
soon as the server stops, and the server stops itself after ``lifetime`` seconds, so a crawler
that hangs cannot hang the test run. ``log`` keeps ``(monotonic time, path, status)`` for every
request, so a test can read the waits the crawler made (Retry-After, Crawl-delay) off the
server's own clock.

Run by hand: ``python -m tests.faultserver`` prints the port and the fault URLs.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit

SITE = "https://zhetysu-gazeti.kz"
ARTICLE_PREFIX = "/2024/12/01/"

RU_PARAGRAPHS = [
    "В областном центре открылась новая библиотека, в которой собрано более двадцати тысяч книг "
    "на казахском и русском языках. Читальный зал рассчитан на сто двадцать мест.",
    "Строительство здания велось два года за счёт средств местного бюджета. Подрядчик завершил "
    "работы на месяц раньше срока, сообщили в управлении культуры области.",
    "В библиотеке также оборудованы компьютерный класс, детская комната и зал для встреч с "
    "писателями. Первая такая встреча пройдёт уже в следующую субботу.",
    "Жители района давно просили открыть в микрорайоне современную библиотеку, отметил аким "
    "города на торжественной церемонии открытия, где собрались сотни горожан.",
]
KK_PARAGRAPHS = [
    "Облыс орталығында жиырма мыңнан астам кітап жинақталған жаңа кітапхана ашылды. Оқу залы "
    "жүз жиырма орынға арналған, онда қазақ және орыс тілдеріндегі кітаптар бар.",
    "Ғимарат құрылысы жергілікті бюджет қаражаты есебінен екі жыл бойы жүргізілді. Мердігер "
    "жұмысты мерзімінен бір ай бұрын аяқтады, деп хабарлады облыстық мәдениет басқармасы.",
    "Кітапханада компьютер сыныбы, балалар бөлмесі және жазушылармен кездесу залы жабдықталған. "
    "Алғашқы осындай кездесу келесі сенбіде өтеді деп жоспарланып отыр.",
    "Аудан тұрғындары шағын ауданда заманауи кітапхана ашуды көптен бері сұрап келген еді, деді "
    "қала әкімі салтанатты ашылу рәсімінде жиналған жүздеген тұрғынға.",
]


def article_html(key: str, *, lang: str = "ru", charset: str | None = "utf-8", body_prefix: str = "",
                 nesting: int = 0, nul: bool = False) -> str:
    """A plain news article (its own title and text, so no two are duplicates) as HTML text.

    ``charset`` goes into ``<meta charset>`` (None: no declaration); ``nesting`` wraps the body in
    that many ``<div>``; ``nul`` puts NUL characters in the head and in a paragraph.
    """
    paragraphs = RU_PARAGRAPHS if lang == "ru" else KK_PARAGRAPHS
    title = (f"Новая библиотека открылась: выпуск {key}" if lang == "ru"
             else f"Жаңа кітапхана ашылды: {key} шығарылым")
    # every paragraph carries the key: shared paragraphs would be learned as the site's template
    body = "".join(f"<p>{key}: {p}</p>" for p in paragraphs)
    if nul:
        body = body.replace("</p>", "\x00</p>", 1)
    if nesting:
        body = "<div>" * nesting + body + "</div>" * nesting
    meta = f'<meta charset="{charset}">' if charset else ""
    home, name = ("Главная", "Жетысу") if lang == "ru" else ("Басты бет", "Жетісу")
    head_nul = "<!-- \x00 -->" if nul else ""
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head>{meta}{head_nul}<title>{title} | {name}</title>"
            f'<meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="2024-12-01T10:00:00+05:00">'
            f'<link rel="canonical" href="{SITE}{ARTICLE_PREFIX}{key}/">'
            f"</head><body><header><nav><a href=\"/\">{home}</a></nav></header>"
            f"<main><article><h1 class=\"entry-title\">{title}</h1>"
            f'<time class="entry-date" datetime="2024-12-01T10:00:00+05:00">01.12.2024</time>'
            f'<div class="entry-content">{body_prefix}{body}</div></article></main>'
            f"<footer>© {name}</footer></body></html>\n")


def gzip_bomb(size: int) -> bytes:
    """A gzip body of about ``size / 1000`` bytes that inflates to ``size`` bytes of spaces."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 20)
    out = [compressor.compress(b"<html><body>")]
    left = size
    while left > 0:
        out.append(compressor.compress(chunk[:min(left, len(chunk))]))
        left -= len(chunk)
    out.append(compressor.flush())
    return b"".join(out)


@dataclass
class Fault:
    """What one path answers. ``handler`` takes over the socket for faults that are not a
    plain response (stalls, drips, resets); otherwise ``status``, ``headers`` and ``body``
    (bytes, or a callable giving an iterator of chunks, sent chunked) are sent."""

    status: int = 200
    body: bytes | Callable[[], object] = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    fail_first: int = 0                 # answer 503/500 this many times first
    fail_status: int = 500
    fail_headers: dict[str, str] = field(default_factory=dict)
    handler: Callable | None = None     # handler(request_handler, server) -> None
    article: bool = True                # listed in the sitemap


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass        # a crawler that resets or times out a connection is what the faults are for


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FaultServer"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        srv: FaultServer = self.server.fault_server  # type: ignore[attr-defined]
        path = urlsplit(self.path).path or "/"
        fault = srv.faults.get(path)
        n = srv.count(path)
        if fault is None:
            self._send(404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body>404</body></html>", path)
            return
        if n <= fault.fail_first:
            self._send(fault.fail_status, {"Content-Type": "text/html; charset=utf-8", **fault.fail_headers},
                       b"<html><body>busy</body></html>", path)
            return
        if fault.handler:
            srv.record(path, 0)
            fault.handler(self, srv)
            self.close_connection = True
            return
        self._send(fault.status, fault.headers, fault.body, path)

    def _send(self, status: int, headers: dict[str, str], body, path: str) -> None:
        self.server.fault_server.record(path, status)  # type: ignore[attr-defined]
        self.send_response(status)
        # One request per connection: a kept-alive connection that a fault's thread has closed
        # could be picked from the client's pool, fail, and cost a retry the test did not plan.
        self.send_header("Connection", "close")
        self.close_connection = True
        for name, value in headers.items():
            self.send_header(name, value)
        if callable(body):
            chunked = "Content-Length" not in headers      # else the length is announced up front
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for chunk in body():
                    if self.server.fault_server.stopped.is_set():  # type: ignore[attr-defined]
                        break
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            return
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, fmt: str, *args) -> None:
        pass


class FaultServer:
    """Serve ``faults`` (``{path: Fault}``) plus the site's discovery URLs on 127.0.0.1."""

    def __init__(self, faults: dict[str, Fault], *, robots: Fault | None = None, lifetime: float = 300,
                 max_stall: float = 60) -> None:
        self.faults = dict(faults)
        self.max_stall = max_stall
        self.lifetime = lifetime
        self.log: list[tuple[float, str, int]] = []
        self.stopped = threading.Event()
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._timer: threading.Timer | None = None
        articles = [p for p, f in self.faults.items() if f.article]
        self.faults.setdefault("/robots.txt", robots or Fault(
            headers={"Content-Type": "text/plain"}, body=b"User-agent: *\nDisallow: /wp-admin/\n", article=False))
        urls = "".join(f"<url><loc>{SITE}{p}</loc></url>" for p in articles)
        self.faults.setdefault("/wp-sitemap.xml", Fault(
            headers={"Content-Type": "application/xml"}, article=False,
            body=f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"{urls}</urlset>".encode()))
        self.faults.setdefault("/feed/", Fault(
            headers={"Content-Type": "application/rss+xml"}, article=False,
            body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'))
        self.faults.setdefault("/category/zhanalyqtar/", Fault(
            article=False, body=b"<html><body><h1>News</h1><p>No posts.</p></body></html>"))

    # --- bookkeeping ------------------------------------------------------------------------------
    def count(self, path: str) -> int:
        """This request's number for ``path``, from 1."""
        with self._lock:
            self._counts[path] = self._counts.get(path, 0) + 1
            return self._counts[path]

    def record(self, path: str, status: int) -> None:
        with self._lock:
            self.log.append((time.monotonic(), path, status))

    def hits(self, path: str) -> int:
        with self._lock:
            return self._counts.get(path, 0)

    def times(self, path: str) -> list[float]:
        with self._lock:
            return [t for t, p, _ in self.log if p == path]

    def requested(self) -> set[str]:
        with self._lock:
            return set(self._counts)

    @property
    def base_url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def stall(self, seconds: float | None = None) -> None:
        """Wait ``seconds`` (at most ``max_stall``) or until the server stops."""
        self.stopped.wait(min(seconds if seconds is not None else self.max_stall, self.max_stall))

    # --- life -------------------------------------------------------------------------------------
    def start(self) -> "FaultServer":
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.fault_server = self  # type: ignore[attr-defined]
        threading.Thread(target=self._httpd.serve_forever, name="fault-server", daemon=True).start()
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        httpd, self._httpd = self._httpd, None
        if httpd:
            httpd.shutdown()
            httpd.server_close()
        if self._timer:
            self._timer.cancel()

    def __enter__(self) -> "FaultServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# --- handlers for faults that are not a plain response -----------------------------------------------
def stall_handler(seconds: float | None = None):
    """Accept the request and answer nothing for ``seconds`` (default: the server's max_stall)."""
    def handle(h: _Handler, srv: FaultServer) -> None:
        srv.stall(seconds)
    return handle


def drip_handler(body: bytes, *, every: float, chunk: int, content_type: str = "text/html; charset=utf-8"):
    """Send the headers at once, then ``chunk`` bytes of ``body`` every ``every`` seconds."""
    def handle(h: _Handler, srv: FaultServer) -> None:
        try:
            h.send_response(200)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            for i in range(0, len(body), chunk):
                if srv.stopped.is_set():
                    return
                h.wfile.write(body[i:i + chunk])
                h.wfile.flush()
                srv.stopped.wait(every)
        except (BrokenPipeError, ConnectionResetError):
            pass
    return handle


def reset_handler(after_bytes: bytes = b""):
    """Send ``after_bytes`` (e.g. the status line and half the headers), then reset the connection
    (SO_LINGER 0: the peer gets an RST, not a clean close)."""
    def handle(h: _Handler, srv: FaultServer) -> None:
        try:
            if after_bytes:
                h.wfile.write(after_bytes)
                h.wfile.flush()
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
        except OSError:
            pass
    return handle


def streamed(size: int, piece: bytes = b"<p>" + b"x" * 65531 + b"</p>"):
    """A body of ``size`` bytes made on the fly (chunked): no 50 MB buffer on either side."""
    def gen():
        yield b"<html><body>"
        left = size
        while left > 0:
            yield piece[:left]
            left -= len(piece)
        yield b"</body></html>"
    return gen


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


if __name__ == "__main__":
    with FaultServer({ARTICLE_PREFIX + "ok/": Fault(body=article_html("ok").encode())}) as server:
        print(f"serving on {server.base_url} (stops after {server.lifetime:.0f} s)")
        for path in sorted(server.faults):
            print(f"  {server.base_url}{path}")
        server.stopped.wait()
