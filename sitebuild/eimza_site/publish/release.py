"""After `make publish`: send, withdraw or roll back editions (Turkish messages, exit 1 on refusal).

- `make push`: the current branch (main), gh-pages and every `baski-…` tag the remote lacks,
  in one `git push --atomic` (all or nothing), then a Turkish summary. A tag that the remote
  has with another commit is refused (published tags never move; see edition_tags).
- `make withdraw EDITION=…`: `mike delete EDITION`; when it was the current edition,
  `guncel` points at the previous published one.
- `make rollback`: `guncel` points at the edition before the one it points at now (the newer
  one stays reachable under its date)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from .. import messages
from .edition_tags import TAG_PREFIX, tags
from .publish import ALIAS, BRANCH, Refused, published_dates, published_versions


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def _mike(root: Path, *args: str) -> None:
    mike = str(Path(sys.executable).with_name("mike"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    proc = subprocess.run(
        [mike, *args, "--branch", BRANCH], cwd=root, env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise Refused(messages.mike_failed(args[0], proc.stderr.strip()))


def push(root: Path, remote: str = "origin") -> list[str]:
    """Push; return the summary lines."""
    if _git(root, "remote", "get-url", remote).returncode != 0:
        raise Refused(messages.no_remote(remote))
    head = _git(root, "symbolic-ref", "--short", "HEAD")
    if head.returncode != 0:
        raise Refused(messages.DETACHED_HEAD)
    branch = head.stdout.strip()
    listed = _git(root, "ls-remote", "--tags", remote, f"refs/tags/{TAG_PREFIX}*")
    if listed.returncode != 0:
        raise Refused(messages.remote_unreachable(remote, listed.stderr.strip()))
    theirs = {}
    for line in listed.stdout.splitlines():
        sha, ref = line.split("\t")
        if not ref.endswith("^{}"):
            theirs[ref.removeprefix("refs/tags/")] = sha
    new_tags = []
    for tag in tags(root):
        mine = _git(root, "rev-parse", f"refs/tags/{tag}").stdout.strip()
        if tag not in theirs:
            new_tags.append(tag)
        elif theirs[tag] != mine:
            raise Refused(messages.tag_moved(tag, remote))
    refs = [branch]
    if _git(root, "rev-parse", "--verify", "-q", f"refs/heads/{BRANCH}").returncode == 0:
        refs.append(BRANCH)
    refs += [f"refs/tags/{t}" for t in new_tags]
    proc = _git(root, "push", "--atomic", remote, *refs)
    if proc.returncode != 0:
        raise Refused(messages.push_failed(remote, branch, proc.stderr.strip()))
    return messages.pushed(remote, branch, BRANCH if BRANCH in refs else None, new_tags)


def _current(root: Path) -> dt.date | None:
    for v in published_versions(root):
        if ALIAS in (v.get("aliases") or []):  # type: ignore[operator]
            return dt.date.fromisoformat(str(v["version"]))
    return None


def _point_alias(root: Path, day: dt.date) -> None:
    _mike(root, "alias", "--update-aliases", "--alias-type=redirect", day.isoformat(), ALIAS)
    _mike(root, "set-default", ALIAS)


def withdraw(root: Path, edition: str) -> list[str]:
    try:
        day = dt.date.fromisoformat(edition)
    except ValueError:
        raise Refused(messages.withdraw_format(edition)) from None
    published = published_dates(root)
    if day not in published:
        raise Refused(messages.not_published(day, published))
    rest = [d for d in published if d != day]
    if not rest:
        raise Refused(messages.only_edition(day))
    was_current = _current(root) == day
    _mike(root, "delete", day.isoformat())
    out = [messages.withdrawn(day, BRANCH)]
    if was_current:
        _point_alias(root, rest[-1])
        out.append(messages.alias_moved(ALIAS, rest[-1]))
    out.append(messages.withdraw_next(day))
    return out


def rollback(root: Path) -> list[str]:
    published = published_dates(root)
    current = _current(root)
    older = [d for d in published if current is not None and d < current]
    if not older:
        raise Refused(messages.nothing_to_roll_back(ALIAS))
    _point_alias(root, older[-1])
    assert current is not None
    return messages.rolled_back(ALIAS, current, older[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="make push|withdraw|rollback")
    ap.add_argument("command", choices=["push", "withdraw", "rollback"])
    ap.add_argument("--edition", default="")
    ap.add_argument("--remote", default="origin")
    ap.add_argument("--root", default=".")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    try:
        if args.command == "push":
            lines = push(root, args.remote)
        elif args.command == "withdraw":
            lines = withdraw(root, args.edition)
        else:
            lines = rollback(root)
    except Refused as exc:
        word = messages.NOT_SENT if args.command == "push" else messages.NOT_DONE
        print(f"{word}: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
