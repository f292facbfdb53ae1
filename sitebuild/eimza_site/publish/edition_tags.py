"""Each published edition's own data, read back from its git tags.

`make publish` tags the published commit `<il>/baski-YYYY-MM-DD`, and each correction of that
edition `<il>/baski-YYYY-MM-DD-duzeltme-N` (N = 1, 2, …: a tag never moves, so a push never
overwrites one). An edition's states, oldest first, are the data of its tags (the original,
then each correction); the change history compares consecutive states. A withdrawn edition's
tags are retired (`<il>/geri-cekilen/<k>/baski-…`): no state of it is read any more."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..directorate import Directorate

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


def edition_states(d: Directorate, days: Iterable[dt.date]) -> dict[dt.date, list[Any]]:
    """{edition date: the Data of each of its published states, oldest first (None where a
    state's files do not load); [] when the edition has no tag}."""
    present = tags(d)
    return {day: [d.load_at(tag) for tag in state_tags(d, day, present)] for day in days}


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
