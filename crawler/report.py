"""``python -m crawler report``: coverage and extraction health of the archive, per site.

Per site: the last successful crawl, articles per day (the site's local day, from ``published``),
the days with none between the first and the last (gaps), and extraction health: the share of
articles with a date, a body and an author, the extraction methods used, and a chrome leak check
(articles whose stored body still holds a paragraph that :func:`crawler.chrome.is_chrome_paragraph`
calls chrome: a cross-link, an ad label, a counter...). ``--png`` draws articles per day per site
(matplotlib, Agg backend: no display needed); ``--html`` writes a page with the tables and the
chart embedded.
"""

from __future__ import annotations

import base64
import html
import io
import sqlite3
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path


@dataclass
class SiteReport:
    site: str
    last_crawl: str | None = None             # finished_at of the newest crawl run that finished
    articles: int = 0
    per_day: dict[str, int] = field(default_factory=dict)   # YYYY-MM-DD -> articles
    gaps: list[tuple[str, str]] = field(default_factory=list)   # (first, last) day of each run of empty days
    with_date: int = 0
    with_body: int = 0
    with_author: int = 0
    methods: Counter = field(default_factory=Counter)
    chrome_leaks: int = 0                      # articles with a chrome paragraph in the body
    leak_samples: list[str] = field(default_factory=list)

    def share(self, n: int) -> str:
        return f"{100 * n / self.articles:.0f}%" if self.articles else "-"

    def gap_days(self) -> int:
        return sum((date.fromisoformat(b) - date.fromisoformat(a)).days + 1 for a, b in self.gaps)


def _gaps(days: list[str]) -> list[tuple[str, str]]:
    """Runs of days with no article between the first and the last day of ``days`` (sorted)."""
    out = []
    for prev, nxt in zip(days, days[1:]):
        a, b = date.fromisoformat(prev), date.fromisoformat(nxt)
        if (b - a).days > 1:
            out.append(((a + timedelta(days=1)).isoformat(), (b - timedelta(days=1)).isoformat()))
    return out


def build(db: str, *, site: str | None = None, since: str | None = None) -> dict[str, SiteReport]:
    """The report of every site the archive holds (or only ``site``), for articles published on or
    after ``since`` (YYYY-MM-DD, local day)."""
    from crawler.chrome import is_chrome_paragraph

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        where, params = ["1"], []
        if site:
            where.append("site = ?")
            params.append(site)
        reports: dict[str, SiteReport] = {}
        sites = [r[0] for r in conn.execute(
            "SELECT DISTINCT site FROM articles WHERE " + " AND ".join(where) +
            " UNION SELECT DISTINCT site FROM crawl_runs WHERE " + " AND ".join(where) + " ORDER BY 1",
            params + params)]
        for key in sites:
            rep = reports[key] = SiteReport(key)
            rep.last_crawl = conn.execute(
                "SELECT max(finished_at) FROM crawl_runs WHERE site = ? AND kind = 'crawl' "
                "AND finish_reason = 'finished'", (key,)).fetchone()[0]
        art_where = where + (["(published IS NULL OR substr(published, 1, 10) >= ?)"] if since else [])
        cur = conn.execute(
            "SELECT site, substr(published, 1, 10), body_text, authors, extraction_method FROM articles WHERE "
            + " AND ".join(art_where), params + ([since] if since else []))
        per_day: dict[str, Counter] = defaultdict(Counter)
        for key, day, body, authors, method in cur:
            rep = reports.setdefault(key, SiteReport(key))
            rep.articles += 1
            if day:
                rep.with_date += 1
                per_day[key][day] += 1
            if body and body.strip():
                rep.with_body += 1
                leaks = [p for p in body.split("\n\n") if p.strip() and is_chrome_paragraph(p)]
                if leaks:
                    rep.chrome_leaks += 1
                    if len(rep.leak_samples) < 3:
                        rep.leak_samples.append(leaks[0][:80])
            if authors and authors not in ("[]", "null"):
                rep.with_author += 1
            rep.methods[method or "?"] += 1
        for key, counts in per_day.items():
            days = sorted(counts)
            reports[key].per_day = {d: counts[d] for d in days}
            reports[key].gaps = _gaps(days)
        return reports
    finally:
        conn.close()


def text(reports: dict[str, SiteReport]) -> str:
    lines = []
    for rep in reports.values():
        days = list(rep.per_day)
        span = f"{days[0]} .. {days[-1]}" if days else "no dated articles"
        lines.append(f"{rep.site}")
        lines.append(f"  last successful crawl  {rep.last_crawl or 'never'}")
        lines.append(f"  articles               {rep.articles} ({span}; {len(days)} days with articles, "
                     f"{rep.gap_days()} without)")
        if rep.gaps:
            shown = ", ".join(a if a == b else f"{a}..{b}" for a, b in rep.gaps[:6])
            more = f" and {len(rep.gaps) - 6} more" if len(rep.gaps) > 6 else ""
            lines.append(f"  gaps                   {shown}{more}")
        lines.append(f"  with a date            {rep.share(rep.with_date)}")
        lines.append(f"  with a body            {rep.share(rep.with_body)}")
        lines.append(f"  with an author         {rep.share(rep.with_author)}")
        lines.append("  methods                " + ", ".join(f"{m} {n}" for m, n in rep.methods.most_common()))
        leak = f"{rep.chrome_leaks} article(s)" + (f", e.g. {rep.leak_samples[0]!r}" if rep.leak_samples else "")
        lines.append(f"  chrome leaks           {leak}")
    return "\n".join(lines) if lines else "the archive holds no articles"


GAP_SHADE_DAYS = 14   # gaps at least this long are shaded on the chart


def png(reports: dict[str, SiteReport]) -> bytes:
    """Articles per day, one panel per site on a shared time axis: a bar per day with articles,
    gaps of :data:`GAP_SHADE_DAYS` days or more shaded."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    sites = [rep for rep in reports.values() if rep.per_day] or [SiteReport("no dated articles")]
    fig, axes = plt.subplots(len(sites), 1, figsize=(10, 1.2 + 1.7 * len(sites)), dpi=100, sharex=True,
                             squeeze=False)
    try:
        for ax, rep, colour in zip(axes[:, 0], sites, plt.rcParams["axes.prop_cycle"].by_key()["color"] * 9):
            days = [date.fromisoformat(d) for d in rep.per_day]
            ax.bar(days, list(rep.per_day.values()), width=1.0, color=colour, edgecolor=colour, linewidth=1.5)
            for first, last in rep.gaps:
                a, b = date.fromisoformat(first), date.fromisoformat(last)
                if (b - a).days + 1 >= GAP_SHADE_DAYS:
                    ax.axvspan(a, b + timedelta(days=1), color="#d62728", alpha=0.08, linewidth=0)
            ax.set_title(f"{rep.site}: {rep.articles} articles, {len(rep.per_day)} days with articles, "
                         f"{rep.gap_days()} without", fontsize=10, loc="left")
            ax.set_ylabel("articles/day")
            ax.set_ylim(0, max(rep.per_day.values(), default=1) * 1.15)
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.grid(True, axis="y", alpha=0.3)
        bottom = axes[-1, 0]
        bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(bottom.xaxis.get_major_locator()))
        fig.suptitle(f"Articles per day per site (local publication day; shaded: no article for "
                     f"{GAP_SHADE_DAYS}+ days)", fontsize=11)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


def html_page(reports: dict[str, SiteReport], image: bytes | None) -> str:
    e = html.escape
    rows = []
    for rep in reports.values():
        gaps = ", ".join(a if a == b else f"{a}..{b}" for a, b in rep.gaps[:10])
        methods = "<br>".join(f"{e(m)} {n}" for m, n in rep.methods.most_common())
        rows.append(
            f"<tr><td>{e(rep.site)}</td><td>{e(rep.last_crawl or 'never')}</td><td>{rep.articles}</td>"
            f"<td>{len(rep.per_day)}</td><td>{rep.gap_days()}</td><td>{e(gaps)}</td>"
            f"<td>{rep.share(rep.with_date)}</td><td>{rep.share(rep.with_body)}</td>"
            f"<td>{rep.share(rep.with_author)}</td><td>{methods}</td><td>{rep.chrome_leaks}</td></tr>")
    img = (f'<img alt="Articles per day per site" src="data:image/png;base64,{base64.b64encode(image).decode()}">'
           if image else "")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kz-news-archive report</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}}img{{max-width:100%}}</style>
</head><body><h1>kz-news-archive: coverage and extraction health</h1>
{img}
<table><thead><tr><th>site</th><th>last successful crawl</th><th>articles</th><th>days with articles</th>
<th>days without</th><th>gaps</th><th>with a date</th><th>with a body</th><th>with an author</th>
<th>methods</th><th>chrome leaks</th></tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""


def add_parser(sub) -> None:
    """The ``report`` sub-command's parser (called by :func:`crawler.cli.build_parser`)."""
    p = sub.add_parser("report", help="per site: last crawl, articles per day, gaps, extraction health",
                       description=__doc__.split("\n\n")[1])
    p.add_argument("--db", default="archive.db")
    p.add_argument("--site", help="only this site (registry key)")
    p.add_argument("--since", metavar="DATE", help="only articles published on or after DATE (YYYY-MM-DD)")
    p.add_argument("--html", metavar="FILE", help="also write an HTML page with the tables and the chart")
    p.add_argument("--png", metavar="FILE", help="also write the chart of articles per day per site")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    if not Path(args.db).is_file():
        print(f"no archive at {args.db}", file=sys.stderr)
        return 2
    if args.since:
        try:
            date.fromisoformat(args.since)
        except ValueError:
            print(f"--since wants a date YYYY-MM-DD, got {args.since!r}", file=sys.stderr)
            return 2
    try:
        reports = build(args.db, site=args.site, since=args.since)
    except sqlite3.Error as exc:
        print(f"cannot read the archive {args.db}: {exc}", file=sys.stderr)
        return 2
    if args.site and args.site not in reports:
        print(f"the archive holds nothing of site {args.site!r}", file=sys.stderr)
        return 2
    print(text(reports))
    image = png(reports) if (args.png or args.html) else None
    try:
        if args.png:
            Path(args.png).write_bytes(image)
            print(f"chart: {args.png}")
        if args.html:
            Path(args.html).write_text(html_page(reports, image), encoding="utf-8")
            print(f"page: {args.html}")
    except OSError as exc:
        print(f"cannot write: {exc}", file=sys.stderr)
        return 2
    return 0
