"""`make publish EDITION=YYYY-MM-DD [DUZELTME=1]`: check, then publish a dated edition into
the local gh-pages branch (`make push` sends it).

Order (each refusal is Turkish, names the check and what to do, exit 1):
1. the date: a real date, not in the future; not older than the newest published edition;
   already published only with DUZELTME=1 (a correction), a correction only of a published one;
2. the data check (tarife.toml, baskilar.toml): clean, the edition listed and the newest,
   a correction listed in its `corrections`; both files committed; the site's public
   address (mkdocs.yml's site_url: https, not this machine, ending in "/");
3. the strict build of this edition into build/yayin/EDITION, then the built-site checks
   (sitecheck: amounts = the engine's for this data, no token left, links) and the calculator
   in the shipped Pyodide (calccheck);
4. `mike deploy --update-aliases EDITION guncel` (redirect aliases), `mike set-default guncel`,
   and the tag: `baski-EDITION`, or `baski-EDITION-duzeltme-N` for the N-th correction (a
   published tag never moves, so `make push` never overwrites one).
The data reaches the build only through EIMZA_DATA (the plugin's one data door)."""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from eimza import turkish
from eimza.editions import PLACEHOLDER_NOTE, Edition, load_editions
from eimza.errors import DataError
from eimza.rates import Data, load_data
from eimza.report import dated_problems, problem_lines, warning_lines, yearly_update_warnings

from .. import messages
from ..pages import facts, sitecheck
from ..runtime import calccheck
from .edition_tags import correction_tag, edition_tag, tags

ALIAS = "guncel"
BRANCH = "gh-pages"
CHECK_DIR = Path("build") / "yayin"


class Refused(Exception):
    """Publishing stops here; the message (Turkish) says why and what to do."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def parse_edition(value: str, today: dt.date) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        raise Refused(messages.edition_format(value))
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise Refused(messages.edition_not_in_calendar(value)) from None
    if day > today:
        raise Refused(messages.edition_in_future(day, today))
    return day


def published_versions(root: Path, branch: str = BRANCH) -> list[dict[str, object]]:
    shown = _git(root, "show", f"{branch}:versions.json")
    if shown.returncode != 0:
        return []
    versions = json.loads(shown.stdout)
    return versions if isinstance(versions, list) else []


def published_dates(root: Path, branch: str = BRANCH) -> list[dt.date]:
    dates = []
    for v in published_versions(root, branch):
        try:
            dates.append(dt.date.fromisoformat(str(v.get("version"))))
        except ValueError:
            continue
    return sorted(dates)


def check_order(day: dt.date, published: list[dt.date], correction: bool, today: dt.date) -> None:
    """Refused at once: an older date, a second publish without DUZELTME=1, a correction of
    an edition that was never published."""
    if published and day < published[-1]:
        raise Refused(messages.edition_older(day, published[-1], _suggest(published[-1], today)))
    if day in published and not correction:
        raise Refused(messages.edition_already_published(day, today))
    if correction and day not in published:
        raise Refused(messages.correction_of_unpublished(day))


def _suggest(after: dt.date, today: dt.date) -> str:
    return max(today, after + dt.timedelta(days=1)).isoformat()


def check_data(
    data_path: str, editions_path: Path, day: dt.date, correction: bool, today: dt.date
) -> tuple[Data, Edition, list[str]]:
    """Data and editions must check clean and list this edition; (data, edition, warnings)."""
    try:
        data = load_data(data_path)
        editions = load_editions(editions_path)
    except DataError as err:
        raise Refused("\n".join([messages.DATA_CHECK, *problem_lines(err), messages.DATA_REFUSED])) from None
    dated = dated_problems(data, today)
    if dated:
        lines = problem_lines(DataError(dated))
        raise Refused("\n".join([messages.DATA_CHECK, *lines, messages.DATA_REFUSED]))
    entry = next((e for e in editions if e.date == day), None)
    if entry is None:
        raise Refused(messages.edition_not_listed(editions_path, day, suggested_entry(day)))
    if editions[-1].date != day:
        raise Refused(messages.edition_not_newest(editions_path, day, editions[-1].date))
    if correction and (not entry.corrections or entry.corrections[-1] != today):
        raise Refused(messages.correction_not_recorded(editions_path, day, _with_today(entry, today)))
    return data, entry, [*warning_lines(data), *yearly_update_warnings(data, day)]


def _with_today(entry: Edition, today: dt.date) -> str:
    return ", ".join(d.isoformat() for d in (*entry.corrections, today))


def suggested_entry(day: dt.date) -> str:
    return f'[[edition]]\ndate = {day.isoformat()}\nnote = "{PLACEHOLDER_NOTE}"\n'


def check_committed(root: Path, paths: list[Path]) -> None:
    inside = []
    for p in paths:
        try:
            inside.append(str(p.resolve().relative_to(root.resolve())))
        except ValueError:
            raise Refused(messages.outside_repository(p, root)) from None
    status = _git(root, "status", "--porcelain", "--", *inside)
    if status.returncode != 0:
        raise Refused(messages.git_failed(status.stderr.strip()))
    if status.stdout.strip():
        raise Refused(messages.uncommitted(status.stdout.rstrip(), inside))


def address_problem(value: str | None) -> str | None:
    """Why `value` cannot be a published edition's public address (site_url), or None: it
    must be a full https address ending in "/" (mike puts each edition under it) whose host
    is not this machine or a local network."""
    parts = urlsplit(value or "")
    host = (parts.hostname or "").rstrip(".")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        local = host == "localhost" or host.endswith((".localhost", ".local"))
    else:
        local = ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified
    if local:
        return messages.ADDRESS_LOCAL
    if parts.scheme != "https" or not host:
        return messages.ADDRESS_NOT_HTTPS
    if not parts.path.endswith("/") or parts.query or parts.fragment:
        return messages.ADDRESS_NO_SLASH
    return None


def check_address(root: Path) -> str:
    """The site_url of the project's mkdocs.yml (read by mkdocs itself), when it can be a
    published edition's address (sitemap, canonical links); refused otherwise."""
    from mkdocs.config import load_config

    value = load_config(config_file=str(root / "mkdocs.yml")).site_url
    problem = address_problem(value)
    if problem:
        raise Refused(messages.address_refused(value, problem))
    return str(value)


def run(cmd: list[str], root: Path, env: dict[str, str], what: str, hint: str = "") -> None:
    print(f"→ {what}: {' '.join(cmd)}", flush=True)
    proc = subprocess.run(cmd, cwd=root, env=env)
    if proc.returncode != 0:
        raise Refused(messages.step_failed(what, proc.returncode, hint))


def check_built(site: Path, root: Path, data: Data, day: dt.date, base: str = "/") -> None:
    """The built-site checks and the calculator in the shipped Pyodide; refuse on a problem."""
    started = time.monotonic()
    problems = sitecheck.check_site(site, data, day, base)
    print(messages.site_checked(len(problems)), flush=True)
    if not problems:
        problems = calccheck.check_calculator(site, root, data)
        print(messages.calculator_checked(len(problems)), flush=True)
    if problems:
        raise Refused(
            "\n".join(
                [
                    *sitecheck.report(problems[:20]),
                    *([messages.more_problems(len(problems) - 20)] if len(problems) > 20 else []),
                    messages.checked_build(site),
                ]
            )
        )
    print(messages.checks_took(time.monotonic() - started), flush=True)


def publish(
    root: Path,
    edition: str,
    *,
    today: dt.date,
    correction: bool = False,
    site_checks: bool = True,
    data_path: str | None = None,
    editions_path: Path | None = None,
    branch: str = BRANCH,
) -> tuple[dt.date, str]:
    """Publish; return (edition date, the tag written)."""
    day = parse_edition(edition, today)
    check_order(day, published_dates(root, branch), correction, today)
    # The same door as the build's (facts.choose): the data file and the editions file beside it.
    data_file = facts.data_path(data_path)
    editions_file = editions_path or facts.editions_path(data_file)
    data, entry, warnings = check_data(str(data_file), editions_file, day, correction, today)
    for warning in warnings:
        print(warning)
    check_committed(root, [data_file, editions_file])
    address = check_address(root)
    print(messages.address_used(address, day.isoformat()), flush=True)
    tag = correction_tag(day, len(entry.corrections)) if correction else edition_tag(day)
    if tag in tags(root):
        raise Refused(messages.tag_exists(tag, _with_today(entry, today)))
    env = {**os.environ, "EIMZA_EDITION": day.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    # mkdocs and mike: the ones next to this Python (the project's .venv)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["EIMZA_DATA"] = str(data_file)  # the build reads the data only through facts.choose
    if site_checks:
        env.pop("EIMZA_NO_SNAPSHOT", None)  # a checked edition ships its calculator's snapshot
        site = root / CHECK_DIR / day.isoformat()
        shutil.rmtree(site, ignore_errors=True)
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
        run(build, root, env, messages.STEP_BUILD, messages.BUILD_HINT)
        check_built(site, root, data, day, urlsplit(address).path)  # the build's site_url
    title = turkish.date_long(day)
    message = messages.edition_commit(day, today if correction else None, tag)
    mike = [str(Path(sys.executable).with_name("mike"))]
    run(
        [
            *mike, "deploy", "--update-aliases", "--alias-type=redirect", "--branch", branch,
            "--title", title, "--message", message, day.isoformat(), ALIAS,
        ],
        root, env, messages.STEP_DEPLOY, messages.BUILD_HINT,
    )  # fmt: skip
    run([*mike, "set-default", "--branch", branch, ALIAS], root, env, messages.STEP_DEFAULT)
    made = _git(root, "tag", tag)
    if made.returncode != 0:
        raise Refused(messages.tag_failed(tag, made.stderr.strip()))
    return day, tag


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="make publish", description=messages.PUBLISH_DESCRIPTION)
    ap.add_argument("--edition", default="", help=messages.PUBLISH_HELP_EDITION)
    ap.add_argument("--correction", action="store_true", help=messages.PUBLISH_HELP_CORRECTION)
    ap.add_argument("--root", default=".", help=messages.PUBLISH_HELP_ROOT)
    ap.add_argument("--data", help=messages.PUBLISH_HELP_DATA)
    ap.add_argument("--today", help=argparse.SUPPRESS)
    # test set-up only: publish an edition that is not under test without the site checks
    ap.add_argument("--no-site-checks", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    today = dt.date.fromisoformat(args.today) if args.today else turkish.today_tr()
    root = Path(args.root).resolve()
    started = time.monotonic()
    try:
        day, tag = publish(
            root,
            args.edition,
            today=today,
            correction=args.correction,
            site_checks=not args.no_site_checks,
            data_path=args.data,
        )
    except Refused as exc:
        print(f"{messages.NOT_PUBLISHED}: {exc}", file=sys.stderr)
        return 1
    print(messages.published(day, args.correction, BRANCH, tag, ALIAS, time.monotonic() - started))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
