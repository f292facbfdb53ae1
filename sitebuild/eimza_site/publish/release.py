"""After `make publish`: send, withdraw, roll back, or undo a correction (IL=… chooses the
directorate; Turkish messages; exit 1 on refusal). Every act can be undone by another, and
every state readers were shown stays in git (the branch's history, the tags or retired tags).

- `make push`: the current branch (main), the directorate's publishing branch, its edition
  tags the remote lacks (of editions still published) and its retired tags, in one
  `git push --atomic` (all or nothing); a tag the remote has and this repository retired
  (`make withdraw`) is deleted there in the same push. A tag the remote has with another
  commit is refused (published tags never move).
- `make withdraw EDITION=…`: the edition leaves the branch (`mike delete`; `guncel` moves back
  when it was the current one), its tags are retired (`<il>/geri-cekilen/<k>/baski-…`: diff,
  push and a new publication of that date behave as for an edition never published) and its
  entry leaves the editions file (committed). Undone by publishing the date again.
- `make rollback [EDITION=…]`: `guncel` points at the previous published edition (or the one
  named: a rollback is undone by naming the newer edition); the newer one stays at its date.
- `make undo-correction EDITION=…`: the edition's newest correction is undone: the
  directorate's own files (its folder, its editions file apart) as they were published before
  it, the undo recorded in the editions file (a new date in `corrections`, the number in
  `undone`). That commit is built, checked and published as a correction before the branch
  takes it: a refusal leaves the branch, the working tree, the publishing branch and the tags
  as they were. The national file is every directorate's: a correction that changed it (its
  published states differ there) is not undone, the refusal says what to do instead (correct
  the value, publish a correction). A national file changed since the correction by others is
  kept: readers get the directorate's previous state with today's national file, and the
  change history says what differs."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from eimza import turkish

from .. import directorate, messages
from ..directorate import NATIONAL, Directorate
from . import deploy, editions_edit
from .edition_tags import state_tags, tags
from .publish import (
    ALIAS,
    Refused,
    check_clean,
    publish,
    published_dates,
    published_versions,
    redirect_template,
)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def _sha(root: Path, ref: str) -> str:
    return _git(root, "rev-parse", "-q", "--verify", f"{ref}^{{commit}}").stdout.strip()


def _published_day(value: str, d: Directorate, target: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Refused(messages.withdraw_format(value, d.id, target)) from None


# ── make push ─────────────────────────────────────────────────────────────────────────────
def retired(d: Directorate, root: Path) -> dict[str, str]:
    """{retired tag: the edition tag it was}."""
    proc = _git(root, "tag", "--list", f"{d.retired_prefix}*")
    out = {}
    for name in proc.stdout.split():
        parts = name.removeprefix(d.retired_prefix).split("/", 1)
        if len(parts) == 2 and parts[0].isdigit():
            out[name] = f"{d.id}/{parts[1]}"
    return out


def push(root: Path, d: Directorate, remote: str = "origin") -> list[str]:
    """Push; return the summary lines."""
    if _git(root, "remote", "get-url", remote).returncode != 0:
        raise Refused(messages.no_remote(remote))
    head = _git(root, "symbolic-ref", "--short", "HEAD")
    if head.returncode != 0:
        raise Refused(messages.DETACHED_HEAD)
    branch = head.stdout.strip()
    listed = _git(root, "ls-remote", "--tags", remote, f"refs/tags/{d.id}/*")
    if listed.returncode != 0:
        raise Refused(messages.remote_unreachable(remote, listed.stderr.strip()))
    theirs = {}
    for line in listed.stdout.splitlines():
        sha, ref = line.split("\t")
        if not ref.endswith("^{}"):
            theirs[ref.removeprefix("refs/tags/")] = sha
    published = {day.isoformat() for day in published_dates(root, d.branch)}
    mine = {t: _sha(root, t) for t in tags(d)}
    old = retired(d, root)
    new_tags, gone, stale = [], [], []
    for tag, sha in sorted(mine.items()):
        if tag in theirs:
            if theirs[tag] != sha:
                raise Refused(messages.tag_moved(tag, remote, d.id))
        elif tag.removeprefix(d.tag_prefix)[:10] in published:
            new_tags.append(tag)
        else:
            stale.append(tag)  # its edition is not on the branch (withdrawn elsewhere): not sent
    for name, was in sorted(old.items()):
        if name not in theirs:
            new_tags.append(name)
        if was in theirs and was not in mine and theirs[was] == _sha(root, name):
            gone.append(was)
    refs = [branch]
    if deploy.head(root, d.branch):
        refs.append(d.branch)
    refs += [f"refs/tags/{t}" for t in new_tags] + [f":refs/tags/{t}" for t in gone]
    proc = _git(root, "push", "--atomic", "--quiet", remote, *refs)
    if proc.returncode != 0:
        raise Refused(messages.push_failed(remote, branch, proc.stderr.strip(), d.id))
    pages = d.branch if d.branch in refs else None
    return messages.pushed(remote, branch, pages, new_tags, gone, stale)


# ── make withdraw ─────────────────────────────────────────────────────────────────────────
def _current(root: Path, d: Directorate) -> dt.date | None:
    for v in published_versions(root, d.branch):
        if ALIAS in (v.get("aliases") or []):  # type: ignore[operator]
            return dt.date.fromisoformat(str(v["version"]))
    return None


def _point_alias(root: Path, d: Directorate, day: dt.date) -> None:
    try:
        deploy.point_alias(
            root, d.branch, day.isoformat(), redirect_template(d), messages.alias_commit(ALIAS, day)
        )
    except deploy.BranchError as exc:
        raise Refused(messages.branch_failed(d.branch, str(exc))) from None


def retire(root: Path, d: Directorate, day: dt.date) -> list[str]:
    """Rename the edition's tags to retired ones (same commits); return the new names."""
    done = []
    for tag in state_tags(d, day, tags(d)):
        tail = tag.removeprefix(f"{d.id}/")
        k = 1
        while _sha(root, f"refs/tags/{d.retired_prefix}{k}/{tail}"):
            k += 1
        name = f"{d.retired_prefix}{k}/{tail}"
        made = _git(root, "tag", name, _sha(root, f"refs/tags/{tag}"))
        if made.returncode != 0:
            raise Refused(messages.tag_failed(name, made.stderr.strip()))
        _git(root, "tag", "-d", tag)
        done.append(name)
    return done


def _commit(root: Path, message: str, *paths: Path) -> None:
    rels = [str(p.relative_to(root)) for p in paths]
    _git(root, "add", "--", *rels)
    made = _git(root, "commit", "--quiet", "-m", message, "--", *rels)
    if made.returncode != 0:
        raise Refused(messages.commit_failed(made.stderr.strip() or made.stdout.strip()))


def withdraw(root: Path, d: Directorate, edition: str) -> list[str]:
    day = _published_day(edition, d, "withdraw")
    published = published_dates(root, d.branch)
    if day not in published:
        raise Refused(messages.not_published(day, published))
    rest = [p for p in published if p != day]
    if not rest:
        raise Refused(messages.only_edition(day))
    if _git(root, "status", "--porcelain", "--", str(d.editions_rel)).stdout.strip():
        raise Refused(messages.editions_uncommitted(d.editions_rel))
    text = d.editions_file.read_text(encoding="utf-8")
    try:
        edited = editions_edit.remove_entry(text, day)
    except editions_edit.EditFailed:
        raise Refused(messages.edit_by_hand(d.editions_rel, messages.remove_entry_hint(day))) from None
    was_current = _current(root, d) == day
    try:
        deploy.delete(root, d.branch, day.isoformat(), messages.withdraw_commit(day))
    except deploy.BranchError as exc:
        raise Refused(messages.branch_failed(d.branch, str(exc))) from None
    out = [messages.withdrawn(day, d.branch)]
    if was_current:
        _point_alias(root, d, rest[-1])
        out.append(messages.alias_moved(ALIAS, rest[-1]))
    out.append(messages.tags_retired(retire(root, d, day)))
    if edited is not None:
        d.editions_file.write_text(edited, encoding="utf-8")
        _commit(root, messages.withdraw_commit(day), d.editions_file)
        out.append(messages.entry_removed(d.editions_rel, day))
    out.append(messages.withdraw_next(day, d.id))
    return out


# ── make rollback ─────────────────────────────────────────────────────────────────────────
def rollback(root: Path, d: Directorate, edition: str = "") -> list[str]:
    published = published_dates(root, d.branch)
    current = _current(root, d)
    if edition:
        target = _published_day(edition, d, "rollback")
        if target not in published:
            raise Refused(messages.not_published(target, published))
        if target == current:
            raise Refused(messages.already_current(ALIAS, target))
    else:
        older = [p for p in published if current is not None and p < current]
        if not older:
            fixed = current is not None and len(state_tags(d, current, tags(d))) > 1
            raise Refused(messages.nothing_to_roll_back(ALIAS, current if fixed else None, d.id))
        target = older[-1]
    _point_alias(root, d, target)
    return messages.rolled_back(ALIAS, current, target, d.id)


# ── make undo-correction ──────────────────────────────────────────────────────────────────
def undo_correction(
    root: Path, d: Directorate, edition: str, *, today: dt.date, site_checks: bool = True
) -> list[str]:
    from eimza import DataError
    from eimza.editions import load_editions

    day = _published_day(edition, d, "undo-correction")
    if day not in published_dates(root, d.branch):
        raise Refused(messages.not_published(day, published_dates(root, d.branch)))
    states = state_tags(d, day, tags(d))
    if len(states) < 2:
        raise Refused(messages.no_correction(day, d.id))
    try:
        listed = load_editions(d.editions_file)
    except DataError:
        raise Refused(messages.editions_invalid(d.editions_rel, d.id)) from None
    entry = next((e for e in listed if e.date == day), None)
    if entry is None or listed[-1].date != day or len(entry.corrections) != len(states) - 1:
        raise Refused(messages.undo_not_newest(day, d.editions_rel))
    check_clean(root)
    before, after, number = states[-2], states[-1], len(states) - 1
    national = NATIONAL.as_posix()
    if _blob(root, before, national) != _blob(root, after, national):
        own = _own_changes(root, d, before, after)
        raise Refused(messages.undo_national_changed(day, number, before, after, national, own, today, d.id))
    later = _own_changes(root, d, after, "HEAD")
    if later:  # committed after the correction, never published: the undo would drop them
        raise Refused(messages.undo_would_drop(day, number, after, later, d.id))
    text = d.editions_file.read_text(encoding="utf-8")
    try:
        edited, recorded = editions_edit.record_undo(text, day, today)
    except editions_edit.EditFailed:
        raise Refused(messages.edit_by_hand(d.editions_rel, messages.undo_hint(day, today, d.id))) from None
    commit = _undo_commit(root, d, before, edited, messages.undo_commit(day, recorded))
    print(messages.undo_prepared(day, recorded, d.editions_rel), flush=True)
    try:
        _, tag = publish(
            root,
            day.isoformat(),
            today=today,
            correction=True,
            site_checks=site_checks,
            il=d.id,
            commit=commit,
        )
    except Refused as exc:
        raise Refused(messages.undo_refused(day, recorded, str(exc), d.id)) from None
    # published: the branch takes the commit (a fast-forward; the working tree follows)
    moved = _git(root, "merge", "--ff-only", "--quiet", commit)
    if moved.returncode != 0:
        raise Refused(messages.undo_not_merged(day, tag, commit, moved.stderr.strip(), d.id))
    since = _blob(root, after, national) != _blob(root, "HEAD", national)
    return messages.undone(day, recorded, tag, d.branch, since, d.id)


def _blob(root: Path, rev: str, rel: str) -> str:
    """The git object id of a file at a revision ("" when it is not there)."""
    return _git(root, "rev-parse", "-q", "--verify", f"{rev}:{rel}").stdout.strip()


def _own_files(root: Path, d: Directorate, rev: str) -> dict[str, tuple[str, str]]:
    """The directorate's own files at a revision, its editions file apart: path → (mode, blob)."""
    listed = _git(root, "ls-tree", "-r", "-z", rev, "--", d.folder_rel.as_posix())
    out = {}
    for entry in filter(None, listed.stdout.split("\0")):
        info, path = entry.split("\t", 1)
        mode, _, blob = info.split()
        if path != d.editions_rel.as_posix():
            out[path] = (mode, blob)
    return out


def _own_changes(root: Path, d: Directorate, before: str, after: str) -> list[str]:
    """The directorate's own files that differ between two revisions."""
    a, b = _own_files(root, d, before), _own_files(root, d, after)
    return sorted(path for path in set(a) | set(b) if a.get(path) != b.get(path))


def _undo_commit(root: Path, d: Directorate, before: str, editions_text: str, message: str) -> str:
    """A commit on top of HEAD (on no branch yet) whose directorate folder is as it was at
    `before`, its editions file `editions_text`: built in a temporary index, so that the
    working tree, the index and the branch stay as they are until it is published."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}

        def run(*args: str, stdin: str | None = None) -> str:
            proc = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, env=env, input=stdin
            )
            if proc.returncode != 0:
                raise Refused(messages.commit_failed(proc.stderr.strip() or proc.stdout.strip()))
            return proc.stdout.strip()

        run("read-tree", "HEAD")
        for path in _own_files(root, d, "HEAD"):
            run("update-index", "--force-remove", "--", path)
        for path, (mode, blob) in _own_files(root, d, before).items():
            run("update-index", "--add", "--cacheinfo", f"{mode},{blob},{path}")
        blob = run("hash-object", "-w", "--stdin", stdin=editions_text)
        run("update-index", "--add", "--cacheinfo", f"100644,{blob},{d.editions_rel.as_posix()}")
        tree = run("write-tree")
        return run("commit-tree", tree, "-p", "HEAD", "-m", message)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="make push|withdraw|rollback|undo-correction")
    ap.add_argument("command", choices=["push", "withdraw", "rollback", "undo-correction"])
    ap.add_argument("--edition", default="")
    ap.add_argument("--remote", default="origin")
    ap.add_argument("--root", default=".")
    ap.add_argument("--il", help=messages.HELP_IL)
    ap.add_argument("--today", help=argparse.SUPPRESS)
    ap.add_argument("--no-site-checks", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    today = dt.date.fromisoformat(args.today) if args.today else turkish.today_tr()
    try:
        d = directorate.resolve(args.il, root, target=args.command)
        if args.command == "push":
            lines = push(root, d, args.remote)
        elif args.command == "withdraw":
            lines = withdraw(root, d, args.edition)
        elif args.command == "rollback":
            lines = rollback(root, d, args.edition)
        else:
            lines = undo_correction(root, d, args.edition, today=today, site_checks=not args.no_site_checks)
    except (Refused, directorate.UnknownDirectorate) as exc:
        word = messages.NOT_SENT if args.command == "push" else messages.NOT_DONE
        print(f"{word}: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
