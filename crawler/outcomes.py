"""What became of a page, and of a run: the ``pages.outcome`` values and the exit codes, in one place.

Every article URL the crawler requested or was refused ends with one ``pages`` row whose
``outcome`` is one of :data:`PAGE_OUTCOMES`. A run that leaves failed pages behind, or could not
reach a discovery URL, still finishes, but says so in its exit code.
"""

from __future__ import annotations

ARTICLE = "article"
# The page was fetched and read, and gave no article: expected, not a failure.
NOT_AN_ARTICLE = "not_article"
NOT_ARTICLE = {NOT_AN_ARTICLE}
# robots.txt forbade it: the site's wish, not a failure.
REFUSED = {"robots"}
# The server or the network failed us, or what it sent cannot be read.
FETCH_FAILURES = {"http_error", "network_error", "timeout", "not_html", "too_large", "redirect_loop",
                  "too_many_redirects", "off_site_redirect"}
# It was fetched but could not be read: a truncated or non-HTML document, a bug in the extractor
# (the capture is kept for ``reextract``), or a text worse than the one archived (garbled, empty,
# much shorter: the archived text stays current, the capture is kept).
READ_FAILURES = {"unparseable", "extract_error", "worse_text"}
PAGE_OUTCOMES = {ARTICLE} | NOT_ARTICLE | REFUSED | FETCH_FAILURES | READ_FAILURES
FAILED = FETCH_FAILURES | READ_FAILURES

# Exit codes of ``python -m crawler crawl|reextract|demo`` (also in the README and --help).
EXIT_OK = 0                 # every site finished; nothing failed
EXIT_ERROR = 1              # an unexpected error (a bug): see the log
EXIT_USAGE = 2              # a usage or configuration error (unknown site, bad setting, bad registry)
EXIT_FAILED_PAGES = 3       # finished, but some pages failed or a discovery URL could not be fetched
EXIT_STORAGE = 4            # could not store: disk full, read-only, not a database, locked too long
EXIT_LOCKED = 5             # another run holds the archive's writer lock
# stopped by SIGINT/SIGTERM: 128 + the signal's number (130, 143), as shells report it

EXIT_CODES_HELP = """exit codes:
  0    every site finished and nothing failed
  1    an unexpected error (a bug): see the log
  2    usage or configuration error (unknown site, bad -s value, bad registry)
  3    finished, but some pages failed or a discovery URL could not be fetched
  4    could not store: disk full, read-only, not a database, locked too long
  5    another run holds the archive's writer lock (see --wait)
  130  stopped by SIGINT, 143 by SIGTERM (the current batch is committed, the run row closed as 'shutdown')"""
