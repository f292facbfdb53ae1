"""Each published edition's own data, read back from its git tag.

`make publish` tags the published commit `baski-YYYY-MM-DD`, and each correction of that
edition `baski-YYYY-MM-DD-duzeltme-N` (N = 1, 2, …: the original tag never moves, so a
push never has to overwrite a tag). An edition's data is the data file in its newest tag;
the change history compares consecutive editions' data."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eimza import DataError
from eimza.rates import parse

TAG_PREFIX = "baski-"
CORRECTION = "-duzeltme-"


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True)


def edition_tag(day: dt.date) -> str:
    return f"{TAG_PREFIX}{day.isoformat()}"


def correction_tag(day: dt.date, n: int) -> str:
    return f"{edition_tag(day)}{CORRECTION}{n}"


def tags(cwd: Path) -> list[str]:
    proc = _git(cwd, "tag", "--list", f"{TAG_PREFIX}*")
    return proc.stdout.split() if proc.returncode == 0 else []


def newest_tag(day: dt.date, present: Iterable[str]) -> str | None:
    """The tag holding the edition's data as last published (its newest correction)."""
    base = edition_tag(day)
    best: tuple[int, str] | None = None
    for tag in present:
        if tag == base:
            n = 0
        else:
            m = re.fullmatch(re.escape(base + CORRECTION) + r"(\d+)", tag)
            if not m:
                continue
            n = int(m.group(1))
        if best is None or n > best[0]:
            best = (n, tag)
    return best[1] if best else None


def published_data(data_path: Path, days: Iterable[dt.date]) -> dict[dt.date, Any]:
    """{edition date: its Data, or None when its tag is missing or its file unreadable}."""
    folder = data_path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    days = list(days)
    if top.returncode != 0:
        return dict.fromkeys(days)
    rel = data_path.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    present = tags(folder)
    out: dict[dt.date, Any] = {}
    for day in days:
        tag = newest_tag(day, present)
        shown = _git(folder, "show", f"{tag}:{rel}") if tag else None
        if shown is None or shown.returncode != 0:
            out[day] = None
            continue
        try:
            out[day] = parse(shown.stdout, f"{tag}:{rel}")
        except DataError:
            out[day] = None
    return out
