"""Distributed workers on Scrapyd nodes: deploy the project, start N workers per site across the
nodes, see them, stop them. Standard library only; every failure is one line on stderr.

    scripts/scrapyd_workers.py deploy --node URL [--node URL ...] [--version V]
    scripts/scrapyd_workers.py start  --node URL [--node URL ...] --redis REDIS_URL --workers N
                                      [-s NAME=VALUE ...] [--jobs FILE] SITE [SITE ...]
    scripts/scrapyd_workers.py status [--jobs FILE | --job NODE JOBID ...]
    scripts/scrapyd_workers.py wait   [--jobs FILE | --job NODE JOBID ...] [--timeout SECONDS]
    scripts/scrapyd_workers.py stop   [--jobs FILE | --job NODE JOBID ...]

``deploy`` builds the egg once (``scrapyd-deploy --build-egg``) and uploads it to every node with
``addversion.json``. ``start`` schedules ``N`` jobs of each site round-robin over the nodes through
``schedule.json``, each a distributed worker (``setting=REDIS_URL=...``: a Scrapy crawl with
``REDIS_URL`` is a worker, see docs/distributed.md), prints ``node job site`` a line and writes the
jobs file (default ``scrapyd-jobs.json``) that ``status``, ``wait`` and ``stop`` read. ``stop``
cancels through ``cancel.json`` (SIGINT: a graceful stop, the worker hands over what it holds);
``status`` and ``wait`` read ``listjobs.json``. The archive writer is not a Scrapyd job: run
``python -m crawler writer`` next to the archive.

Exit codes: 0 done; 1 a node refused or could not be reached (or ``wait`` timed out); 2 usage.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT = "kz_news_archive"           # scrapy.cfg's [deploy] project
DEFAULT_JOBS = "scrapyd-jobs.json"


class NodeError(RuntimeError):
    """A node that could not be reached or answered with an error; str() is one line."""


class UsageError(ValueError):
    """A wrong argument or jobs file; str() is one line. Exit code 2."""


def call(node: str, endpoint: str, fields: list[tuple[str, str]] | None = None, *, body: bytes | None = None,
         content_type: str | None = None, timeout: float = 60) -> dict:
    """One Scrapyd API call: GET without fields or body, else POST. The answer's JSON, or NodeError."""
    url = f"{node.rstrip('/')}/{endpoint}"
    if fields is not None:
        body, content_type = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type} if content_type else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise NodeError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise NodeError(f"{url}: {getattr(exc, 'reason', exc)}") from None
    except ValueError:
        raise NodeError(f"{url}: the answer is not JSON (is this a Scrapyd node?)") from None
    if answer.get("status") != "ok":
        raise NodeError(f"{url}: {answer.get('message') or answer}")
    return answer


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# --- deploy -------------------------------------------------------------------------------------------
def build_egg(out: Path) -> Path:
    """``scrapyd-deploy --build-egg``: the egg Scrapyd runs (setup.py, package data included)."""
    tool = shutil.which("scrapyd-deploy") or str(Path(sys.executable).parent / "scrapyd-deploy")
    egg = out / f"{PROJECT}.egg"
    proc = subprocess.run([tool, "--build-egg", str(egg)], cwd=REPO, capture_output=True, text=True)
    if proc.returncode or not egg.exists():
        last = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise NodeError(f"scrapyd-deploy --build-egg failed ({proc.returncode}): {last[0]}")
    return egg


def deploy(nodes: list[str], project: str, version: str) -> int:
    with tempfile.TemporaryDirectory(prefix="kz-egg-") as tmp:
        egg = build_egg(Path(tmp)).read_bytes()
    body, ctype = multipart({"project": project, "version": version}, {"egg": (f"{project}.egg", egg)})
    failed = 0
    for node in nodes:
        try:
            answer = call(node, "addversion.json", body=body, content_type=ctype, timeout=300)
            print(f"{node} {project} {answer.get('version', version)} {answer.get('spiders')} spiders")
        except NodeError as exc:
            print(f"deploy: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


# --- start ----------------------------------------------------------------------------------------------
def start(nodes: list[str], project: str, sites: list[str], workers: int, redis_url: str, settings: list[str],
          jobs_file: Path) -> int:
    """``workers`` jobs of each site, round-robin over ``nodes`` (a site's workers land on different
    nodes first). The jobs file is written after every scheduled job, so a failure halfway still
    leaves what was started stoppable."""
    for s in settings:
        if "=" not in s:
            raise UsageError(f"-s {s!r} is not NAME=VALUE")
    jobs: list[dict] = []
    nodes_cycle = itertools.cycle(nodes)
    for _ in range(workers):
        for site in sites:
            node = next(nodes_cycle)
            fields = [("project", project), ("spider", site), ("setting", f"REDIS_URL={redis_url}"),
                      *(("setting", s) for s in settings)]
            answer = call(node, "schedule.json", fields)      # NodeError: main prints it, exit 1
            jobs.append({"node": node, "project": project, "spider": site, "job": answer["jobid"]})
            write_jobs(jobs_file, jobs)
            print(f"{node} {answer['jobid']} {site}", flush=True)
    return 0


def write_jobs(path: Path, jobs: list[dict]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"jobs": jobs}, indent=1) + "\n")
    tmp.replace(path)


def read_jobs(args) -> list[dict]:
    if args.job:
        return [{"node": node, "project": args.project, "spider": "?", "job": job} for node, job in args.job]
    path = Path(args.jobs)
    try:
        return json.loads(path.read_text())["jobs"]
    except FileNotFoundError:
        raise UsageError(f"no jobs file {path} (start writes it; or give --job NODE JOBID)") from None
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{path} is not a jobs file") from None


# --- status, wait, stop ------------------------------------------------------------------------------
def states(jobs: list[dict]) -> dict[tuple[str, str], str]:
    """(node, job) -> pending | running | finished | unknown, one listjobs.json call per node and project."""
    out = {}
    for node, project in sorted({(j["node"], j["project"]) for j in jobs}):
        answer = call(node, f"listjobs.json?project={urllib.parse.quote(project)}")
        for state in ("pending", "running", "finished"):
            for entry in answer.get(state, []):
                out[(node, entry["id"])] = state
    return {(j["node"], j["job"]): out.get((j["node"], j["job"]), "unknown") for j in jobs}


def status(jobs: list[dict]) -> int:
    found = states(jobs)
    for j in jobs:
        print(f"{j['node']} {j['job']} {j['spider']} {found[(j['node'], j['job'])]}")
    return 0


def wait(jobs: list[dict], timeout: float, poll: float = 1.0) -> int:
    deadline = time.monotonic() + timeout
    while True:
        left = [key for key, state in states(jobs).items() if state not in ("finished", "unknown")]
        if not left:
            return 0
        if time.monotonic() > deadline:
            print(f"wait: {len(left)} job(s) still running after {timeout:g} s: "
                  + ", ".join(f"{node} {job}" for node, job in left), file=sys.stderr)
            return 1
        time.sleep(poll)


def stop(jobs: list[dict]) -> int:
    failed = 0
    for j in jobs:
        try:
            answer = call(j["node"], "cancel.json", [("project", j["project"]), ("job", j["job"])])
            print(f"{j['node']} {j['job']} {j['spider']} {answer.get('prevstate') or 'finished'}")
        except NodeError as exc:
            print(f"stop: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    def with_nodes(p):
        p.add_argument("--node", action="append", required=True, metavar="URL",
                       help="a Scrapyd node, e.g. http://10.0.0.5:6800 (repeat for several)")
        p.add_argument("--project", default=PROJECT)

    def with_jobs(p):
        p.add_argument("--jobs", default=DEFAULT_JOBS, metavar="FILE", help=f"jobs file (default {DEFAULT_JOBS})")
        p.add_argument("--job", nargs=2, action="append", metavar=("NODE", "JOBID"),
                       help="a job instead of the jobs file (repeat for several)")
        p.add_argument("--project", default=PROJECT)

    p = sub.add_parser("deploy", help="build the egg once and add it to every node")
    with_nodes(p)
    p.add_argument("--version", default=time.strftime("%Y%m%d%H%M%S"))
    p = sub.add_parser("start", help="schedule N distributed workers of each site across the nodes")
    with_nodes(p)
    p.add_argument("--redis", required=True, metavar="URL", help="the shared Redis, reachable from every node")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="workers per site (default 1)")
    p.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="a setting for the workers")
    p.add_argument("--jobs", default=DEFAULT_JOBS, metavar="FILE", help=f"jobs file to write (default {DEFAULT_JOBS})")
    p.add_argument("sites", nargs="+", metavar="SITE")
    for name, text in (("status", "pending, running or finished, per job"),
                       ("wait", "wait until every job has finished"), ("stop", "cancel every job (cancel.json)")):
        p = sub.add_parser(name, help=text)
        with_jobs(p)
        if name == "wait":
            p.add_argument("--timeout", type=float, default=3600.0)
    args = parser.parse_args(argv)

    try:
        if args.command == "deploy":
            return deploy(args.node, args.project, args.version)
        if args.command == "start":
            if args.workers < 1:
                parser.error("--workers must be at least 1")
            return start(args.node, args.project, args.sites, args.workers, args.redis, args.set, Path(args.jobs))
        jobs = read_jobs(args)
        if args.command == "wait":
            return wait(jobs, args.timeout)
        return status(jobs) if args.command == "status" else stop(jobs)
    except NodeError as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
