"""Each published edition's own data, read back from its git tags.

`make publish` tags the published commit `<il>/baski-YYYY-MM-DD`, and each correction of that
edition `<il>/baski-YYYY-MM-DD-duzeltme-N` (N = 1, 2, …: a tag never moves, so a push never
overwrites one). An edition's states, oldest first, are the data of its tags (the original,
then each correction); the change history compares consecutive states. A withdrawn edition's
tags are retired (`<il>/geri-cekilen/<k>/baski-…`): no state of it is read any more.

An edition without a tag (the repository's first: tags do not travel with the commits we
submit) may record its state in the editions file instead: `[[edition]] data = { kamusm =
"<blob id>", il = "<blob id>" }`, the git blob ids of both data files as it was published
(`record_state` writes them). A tag, where there is one, wins."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import messages
from ..directorate import NATIONAL, Directorate

CORRECTION = "-duzeltme-"


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True)


def edition_tag(d: Directorate, day: dt.date) -> str:
    return f"{d.tag_prefix}{day.isoformat()}"


def correction_tag(d: Directorate, day: dt.date, n: int) -> str:
    return f"{edition_tag(d, day)}{CORRECTION}{n}"


def tags(d: Directorate, root: Path | None = None) -> list[str]:
    """The directorate's edition tags in the repository (retired ones are not among them)."""
    proc = _git(root or d.root, "tag", "--list", f"{d.tag_prefix}*")
    return proc.stdout.split() if proc.returncode == 0 else []


def number(d: Directorate, day: dt.date, tag: str) -> int | None:
    """0 for the edition's own tag, N for its N-th correction, None for another edition's."""
    base = edition_tag(d, day)
    if tag == base:
        return 0
    m = re.fullmatch(re.escape(base + CORRECTION) + r"(\d+)", tag)
    return int(m.group(1)) if m else None


def state_tags(d: Directorate, day: dt.date, present: Iterable[str]) -> list[str]:
    """The edition's tags, oldest first: its original publication, then each correction."""
    numbered = [(n, t) for t in present if (n := number(d, day, t)) is not None]
    return [t for _, t in sorted(numbered)]


def newest_tag(d: Directorate, day: dt.date, present: Iterable[str]) -> str | None:
    """The tag holding the edition's data as last published (its newest correction)."""
    found = state_tags(d, day, present)
    return found[-1] if found else None


def recorded(d: Directorate) -> dict[dt.date, tuple[str, str]]:
    """{edition date: its recorded data state (blob ids)} from the directorate's editions file."""
    from eimza import DataError, editions

    try:
        eds = editions.load_editions(d.editions_file)
    except (DataError, OSError):
        return {}
    return {e.date: e.data for e in eds if e.data is not None}


def edition_states(d: Directorate, days: Iterable[dt.date]) -> dict[dt.date, list[Any]]:
    """{edition date: the Data of each of its published states, oldest first (None where a
    state's files do not load); an edition without a tag: its recorded state, else []}."""
    present = tags(d)
    states = recorded(d)
    out: dict[dt.date, list[Any]] = {}
    for day in days:
        found = state_tags(d, day, present)
        if found:
            out[day] = [d.load_at(tag) for tag in found]
        else:
            out[day] = [d.load_objects(*states[day])] if day in states else []
    return out


def published_data(d: Directorate, days: Iterable[dt.date]) -> dict[dt.date, Any]:
    """{edition date: its Data as last published, or None when it has no tag}."""
    return {day: (states[-1] if states else None) for day, states in edition_states(d, days).items()}


def states_for_build(il_path: Path, days: Iterable[dt.date]) -> dict[dt.date, list[Any]]:
    """`edition_states` for a build's directorate file (data/iller/<id>/il.toml): the
    directorate is its folder's in the repository holding it; outside a repository (or a
    folder that is not a repository's data/iller/<id>/), no state is known."""
    days = list(days)
    top = _git(il_path.resolve().parent, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return {day: [] for day in days}
    d = Directorate(il_path.resolve().parent.name, Path(top.stdout.strip()))
    if (d.root / d.data_rel).resolve() != il_path.resolve():
        return {day: [] for day in days}
    return edition_states(d, days)


def record(d: Directorate, day: dt.date, rev: str = "HEAD") -> tuple[str, str]:
    """Record in the editions file that the edition of `day` was published with the data files
    of `rev` (their blob ids); the ids."""
    from . import editions_edit

    blobs = []
    for rel in (NATIONAL, d.data_rel):
        found = _git(d.root, "rev-parse", f"{rev}:{rel.as_posix()}")
        if found.returncode != 0:
            raise editions_edit.EditFailed(found.stderr.strip())
        blobs.append(found.stdout.strip())
    text = d.editions_file.read_text(encoding="utf-8")
    d.editions_file.write_text(editions_edit.record_state(text, day, blobs[0], blobs[1]), encoding="utf-8")
    return blobs[0], blobs[1]


def main(argv: list[str] | None = None) -> int:
    """`python -m eimza_site.publish.edition_tags --il ID --edition YYYY-MM-DD [--rev REV]`."""
    import argparse

    from ..directorate import UnknownDirectorate, resolve
    from .editions_edit import EditFailed

    parser = argparse.ArgumentParser(description=messages.RECORD_DESCRIPTION)
    parser.add_argument("--il", default=None, help=messages.HELP_IL)
    parser.add_argument("--edition", required=True, help=messages.PUBLISH_HELP_EDITION)
    parser.add_argument("--rev", default="HEAD", help=messages.RECORD_HELP_REV)
    args = parser.parse_args(argv)
    try:
        d = resolve(args.il, Path.cwd())
        found = record(d, dt.date.fromisoformat(args.edition), args.rev)
    except (UnknownDirectorate, EditFailed, ValueError) as exc:
        print(messages.record_failed(args.edition, exc), file=sys.stderr)
        return 1
    print(messages.state_recorded(args.edition, *found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
