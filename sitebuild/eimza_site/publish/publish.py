"""`make publish EDITION=YYYY-MM-DD [DUZELTME=1] [IL=…]`: check, then publish a dated edition of
one directorate into its local publishing branch (`make push` sends it).

What reaches the branch is the very folder the checks read, built from the commit the
edition's tag names. Order (each refusal is Turkish, names the check and what to do, exit 1):
1. the date: a real date, not in the future; not older than the newest published edition;
   already published only with DUZELTME=1 (a correction), a correction only of a published one;
2. the data check (the directorate's data and editions files): clean, the edition listed and
   the newest, a correction listed in its `corrections`;
3. nothing uncommitted in anything the build reads (directorate.BUILD_INPUTS; the files are
   named); the commit (HEAD) is checked out alone into build/yayin/<il>/kaynak (a linked
   worktree: the build reads the repository's tags for the change history) and its data
   checked again; the site's public address (https, not this machine, ending in "/");
4. the strict build of that checkout into build/yayin/<il>/EDITION as mike builds an edition
   (MIKE_DOCS_VERSION), the built-site checks (sitecheck) and the calculator in the shipped
   Pyodide (calccheck); the checked folder's blob ids are taken at once (deploy.manifest);
5. that folder committed to the directorate's branch with mike as a library (edition folder,
   `guncel` redirect, default), then the branch's `EDITION/` compared with the manifest: any
   difference puts the branch back where it was and refuses;
6. the tag on the built commit: `<il>/baski-EDITION`, or `…-duzeltme-N` for the N-th
   correction (a published tag never moves, so `make push` never overwrites one).
Every tool's output is captured: the editor reads Turkish lines only (a failed build's first
error with its file and line; the whole output in a file beside the build)."""

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
from eimza.loader import load_data
from eimza.model import Data
from eimza.report import dated_problems, problem_lines, warning_lines, yearly_update_warnings

from .. import directorate, messages
from ..directorate import Directorate
from ..pages import sitecheck
from ..runtime import calccheck
from . import deploy
from .edition_tags import correction_tag, edition_tag, tags

ALIAS = deploy.ALIAS
CHECK_DIR = Path("build") / "yayin"


class Refused(Exception):
    """Publishing stops here; the message (Turkish) says why and what to do."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def parse_edition(value: str, today: dt.date, il: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        raise Refused(messages.edition_format(value, il))
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise Refused(messages.edition_not_in_calendar(value)) from None
    if day > today:
        raise Refused(messages.edition_in_future(day, today))
    return day


def published_versions(root: Path, branch: str) -> list[dict[str, object]]:
    shown = _git(root, "show", f"refs/heads/{branch}:versions.json")
    if shown.returncode != 0:
        return []
    versions = json.loads(shown.stdout)
    return versions if isinstance(versions, list) else []


def published_dates(root: Path, branch: str) -> list[dt.date]:
    dates = []
    for v in published_versions(root, branch):
        try:
            dates.append(dt.date.fromisoformat(str(v.get("version"))))
        except ValueError:
            continue
    return sorted(dates)


def check_order(day: dt.date, published: list[dt.date], correction: bool, today: dt.date, il: str) -> None:
    """Refused at once: an older date, a second publish without DUZELTME=1, a correction of
    an edition that was never published."""
    if published and day < published[-1]:
        raise Refused(messages.edition_older(day, published[-1], _suggest(published[-1], today), il))
    if day in published and not correction:
        raise Refused(messages.edition_already_published(day, today, il))
    if correction and day not in published:
        raise Refused(messages.correction_of_unpublished(day, il))


def _suggest(after: dt.date, today: dt.date) -> str:
    return max(today, after + dt.timedelta(days=1)).isoformat()


def check_data(
    data_path: Path, editions_path: Path, day: dt.date, correction: bool, today: dt.date, il: str
) -> tuple[Data, Edition, list[str]]:
    """Data and editions must check clean and list this edition; (data, edition, warnings)."""
    again = messages.command(il, "check")
    try:
        data = load_data(str(data_path))
        editions = load_editions(editions_path)
    except DataError as err:
        lines = problem_lines(err, again)
        raise Refused("\n".join([messages.DATA_CHECK, *lines, messages.DATA_REFUSED])) from None
    dated = dated_problems(data, today)
    if dated:
        lines = problem_lines(DataError(dated), again)
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


_STATUS = {"?": messages.FILE_NEW, "D": messages.FILE_DELETED}


def check_clean(root: Path) -> str:
    """Nothing the build reads may differ from the last commit (the edition is built from it);
    return that commit."""
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain=v1", "-z", "--untracked-files=all", "--",
         *directorate.BUILD_INPUTS],
        capture_output=True, text=True,
    )  # fmt: skip
    if status.returncode != 0:
        raise Refused(messages.git_failed(status.stderr.strip()))
    dirty = []
    entries = iter(status.stdout.split("\0"))
    for entry in entries:
        if not entry:
            continue
        code, name = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            next(entries, None)  # the old name of a rename
        kind = next((_STATUS[c] for c in code if c in _STATUS), messages.FILE_CHANGED)
        dirty.append((name, kind))
    if dirty:
        raise Refused(messages.uncommitted(sorted(dirty)))
    head = _git(root, "rev-parse", "-q", "--verify", "HEAD^{commit}")
    if head.returncode != 0:
        raise Refused(messages.NO_COMMIT)
    return head.stdout.strip()


def checkout(root: Path, commit: str, dest: Path) -> Path:
    """The commit alone in `dest` (a linked worktree, so the build still reads the repository's
    tags); node_modules and the runtime cache are the project's."""
    remove_checkout(root, dest)
    made = _git(root, "worktree", "add", "--detach", "--quiet", str(dest), commit)
    if made.returncode != 0:
        raise Refused(messages.git_failed(made.stderr.strip()))
    modules = (root / "node_modules").resolve()
    if modules.is_dir():
        (dest / "node_modules").symlink_to(modules)
    cache = (root / "build" / "runtime-cache").resolve()
    cache.mkdir(parents=True, exist_ok=True)
    (dest / "build").mkdir(exist_ok=True)
    (dest / "build" / "runtime-cache").symlink_to(cache)
    return dest


def remove_checkout(root: Path, dest: Path) -> None:
    _git(root, "worktree", "remove", "--force", str(dest))
    shutil.rmtree(dest, ignore_errors=True)
    _git(root, "worktree", "prune")


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


def check_address(d: Directorate, data: Data) -> str:
    """The directorate's public address (its il.toml's [site] url), when it can be a published
    edition's (sitemap, canonical links); refused otherwise."""
    value = directorate.site_url(data)
    problem = address_problem(value)
    if problem:
        raise Refused(messages.address_refused(value, problem, d.data_rel))
    return value


def build(src: Path, site: Path, env: dict[str, str], il: str) -> None:
    """The strict build of the checkout `src` into `site`; its output goes to a file beside it,
    a failure is told by its first error (file, line, message)."""
    from ..preview.watch import build_error

    print(messages.step(messages.STEP_BUILD, site), flush=True)
    started = time.monotonic()
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True)
    log = site.with_name(site.name + "-derleme.txt")
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0:
        error = build_error(proc.stdout + proc.stderr, src)
        raise Refused(messages.build_failed(error, log, il))
    print(messages.built(time.monotonic() - started), flush=True)


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


def deploy_checked(
    root: Path,
    d: Directorate,
    site: Path,
    checked: dict[str, str],
    day: dt.date,
    message: str,
    template: Path,
) -> None:
    """Commit the checked folder to the directorate's branch, then prove that the branch's
    edition folder has exactly the checked bytes; otherwise put the branch back and refuse."""
    print(messages.step(messages.STEP_DEPLOY, d.branch), flush=True)
    before = deploy.head(root, d.branch)
    version = day.isoformat()
    try:
        deploy.deploy(root, d.branch, site, version, turkish.date_long(day), message, template)
    except deploy.BranchError as exc:
        deploy.reset(root, d.branch, before)
        raise Refused(messages.branch_failed(d.branch, str(exc))) from None
    wrong = deploy.differences(checked, deploy.branch_files(root, d.branch, version))
    if wrong:
        deploy.reset(root, d.branch, before)
        again = messages.command(d.id, "publish", f"EDITION={version}")
        raise Refused(messages.deploy_mismatch(d.branch, version, wrong, again))
    print(messages.deploy_verified(len(checked)), flush=True)


def publish(
    root: Path,
    edition: str,
    *,
    today: dt.date,
    correction: bool = False,
    site_checks: bool = True,
    il: str | None = None,
    commit: str | None = None,
) -> tuple[dt.date, str]:
    """Publish; return (edition date, the tag written). `commit`: publish that commit instead
    of HEAD (`make undo-correction` publishes its undo before any branch takes it); its data
    is checked in its checkout."""
    day = parse_edition(edition, today, il or os.environ.get(directorate.IL_ENV) or directorate.DEFAULT)
    try:
        d = directorate.resolve(il, root)
    except directorate.UnknownDirectorate as exc:
        raise Refused(str(exc)) from None
    check_order(day, published_dates(root, d.branch), correction, today, d.id)
    if commit is None:
        # what the editor sees first: the working tree's data (the same bytes as the commit's
        # once nothing is uncommitted, which comes next)
        _, entry, warnings = check_data(d.data_file, d.editions_file, day, correction, today, d.id)
        for warning in warnings:
            print(warning)
        commit = check_clean(root)
        _new_tag(d, day, entry, correction, today)
    out = root / CHECK_DIR / d.id
    src = checkout(root, commit, out / "kaynak")
    try:
        ds = d.at(src)
        data, entry, _ = check_data(ds.data_file, ds.editions_file, day, correction, today, d.id)
        tag = _new_tag(d, day, entry, correction, today)
        address = check_address(ds, data)
        print(messages.address_used(address, day.isoformat()), flush=True)
        env = {**os.environ, **ds.build_env(), "EIMZA_EDITION": day.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
        env["MIKE_DOCS_VERSION"] = day.isoformat()  # built as mike builds an edition
        # mkdocs: the one next to this Python (the project's .venv); the engine and the plugin:
        # the checkout's own
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        env["PYTHONPATH"] = os.pathsep.join([str(src / "calculator"), str(src / "sitebuild")])
        if site_checks:
            env.pop("EIMZA_NO_SNAPSHOT", None)  # a checked edition ships its calculator's snapshot
        site = out / day.isoformat()
        build(src, site, env, d.id)
        if site_checks:
            check_built(site, src, data, day, f"{urlsplit(address).path}{day.isoformat()}/")
        checked = deploy.manifest(site)
        message = messages.edition_commit(day, today if correction else None, tag)
        deploy_checked(root, d, site, checked, day, message, redirect_template(ds))
    finally:
        remove_checkout(root, out / "kaynak")
    made = _git(root, "tag", tag, commit)
    if made.returncode != 0:
        raise Refused(messages.tag_failed(tag, made.stderr.strip()))
    return day, tag


def _new_tag(d: Directorate, day: dt.date, entry: Edition, correction: bool, today: dt.date) -> str:
    """The tag this publication will write; refused when it exists (published as it is)."""
    tag = correction_tag(d, day, len(entry.corrections)) if correction else edition_tag(d, day)
    if tag in tags(d):
        raise Refused(messages.tag_exists(tag, _with_today(entry, today)))
    return tag


def redirect_template(d: Directorate) -> Path:
    """mike's redirect page template as the checkout's mkdocs.yml names it."""
    config = d.mkdocs_config()
    return d.root / str(config.plugins["mike"].config["redirect_template"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="make publish", description=messages.PUBLISH_DESCRIPTION)
    ap.add_argument("--edition", default="", help=messages.PUBLISH_HELP_EDITION)
    ap.add_argument("--correction", action="store_true", help=messages.PUBLISH_HELP_CORRECTION)
    ap.add_argument("--root", default=".", help=messages.PUBLISH_HELP_ROOT)
    ap.add_argument("--il", help=messages.HELP_IL)
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
            il=args.il,
        )
    except Refused as exc:
        print(f"{messages.NOT_PUBLISHED}: {exc}", file=sys.stderr)
        return 1
    d = directorate.resolve(args.il, root)
    seconds = time.monotonic() - started
    print(messages.published(day, args.correction, d.branch, tag, ALIAS, seconds, d.id))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
