"""A loopback HTTP server for the demo sites and fixture trees.

``ThreadingHTTPServer`` in a daemon thread, HTTP/1.1 with keep-alive (so a benchmark measures the
crawler, not connection setup).  The query string is ignored for lookup -- the tracking-parameter
URL gets the same bytes as the clean one, as on a real WordPress.  A missing path gets a 404 page,
or a 301 to the slash-terminated path when that exists (WordPress does the same).
``Resource.fail_first`` makes a path answer 500 that many times per server instance.

Run by hand::

    python -m crawler.demo.server --site demo-tagdiv --port 8123
    python -m crawler.demo.server --dir ../shared/corpus/seed/site
"""

from __future__ import annotations

import argparse
import hashlib
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .resources import Resource

NOT_FOUND = ('<!doctype html>\n<html lang="kk"><head><meta charset="UTF-8"><title>Бет табылмады</title></head>'
             "<body><h1>404</h1><p>Сұралған бет табылмады.</p></body></html>\n").encode()
SERVER_ERROR = (b"<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head><title>500 Internal Server Error"
                b"</title></head><body><h1>Internal Server Error</h1></body></html>\n")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The headers and the body go out in two writes; with Nagle's algorithm the body's last
    # segment waits for the client's delayed ACK of the headers (40 ms on Linux), which added
    # ~50 ms to every answer of a keep-alive connection.
    disable_nagle_algorithm = True
    server_version = "Apache"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        demo: DemoServer = self.server.demo  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        path = parts.path or "/"
        status, ctype, body, extra = demo.answer(path, parts.query, self.path)
        if status == 200:
            # a validator, as Apache and nginx send one: a conditional re-visit of an unchanged
            # page gets a 304 and no body
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            extra = {**extra, "ETag": etag}
            if self.headers.get("If-None-Match") == etag:
                demo.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, fmt: str, *args) -> None:
        if self.server.demo.verbose:  # type: ignore[attr-defined]
            super().log_message(fmt, *args)


class DemoServer:
    """Serve ``resources`` on 127.0.0.1; use as a context manager.

    ``base_url`` is ``http://127.0.0.1:PORT``; ``hits`` counts requested paths (query stripped);
    ``requests`` keeps every raw request target in order.
    """

    def __init__(self, resources: dict[str, Resource], port: int = 0, host: str = "127.0.0.1",
                 verbose: bool = False) -> None:
        self.resources = resources
        self.host, self.port, self.verbose = host, port, verbose
        self.hits: Counter = Counter()
        self.requests: list[str] = []
        self.not_modified = 0                  # 304s sent to conditional requests
        self._failures: Counter = Counter()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def answer(self, path: str, query: str, raw: str) -> tuple[int, str, bytes, dict[str, str]]:
        """Status, content type, body and extra headers for one request (thread-safe)."""
        with self._lock:
            self.hits[path] += 1
            self.requests.append(raw)
            res = self.resources.get(path)
            if res is not None and self._failures[path] < res.fail_first:
                self._failures[path] += 1
                return 500, "text/html; charset=iso-8859-1", SERVER_ERROR, {}
        if res is not None:
            return res.status, res.content_type, res.body, dict(res.headers)
        if not path.endswith("/") and path + "/" in self.resources:
            location = path + "/" + (f"?{query}" if query else "")
            return 301, "text/html; charset=UTF-8", b"", {"Location": location}
        return 404, "text/html; charset=UTF-8", NOT_FOUND, {}

    def start(self) -> "DemoServer":
        self._httpd = ThreadingHTTPServer((self.host, self.port), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.demo = self  # type: ignore[attr-defined]
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="demo-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> "DemoServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    from . import DEMO_SITES, build_site, resources_from_dir

    parser = argparse.ArgumentParser(description="Serve one bundled demo site (or a fixture folder) on 127.0.0.1.")
    parser.add_argument("--site", default="demo-tagdiv", choices=sorted(DEMO_SITES))
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--scale", type=int, default=1, help="generate a bigger copy with >= N articles")
    parser.add_argument("--dir", help="serve this static tree instead (e.g. ../shared/corpus/seed/site)")
    args = parser.parse_args(argv)
    resources = resources_from_dir(args.dir) if args.dir else build_site(args.site, scale=args.scale)
    with DemoServer(resources, port=args.port, verbose=True) as server:
        label = args.dir or f"{args.site} ({DEMO_SITES[args.site]})"
        print(f"serving {label}: {len(resources)} paths on {server.base_url}/  (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
