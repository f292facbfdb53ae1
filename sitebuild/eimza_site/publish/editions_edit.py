"""The two edits a command makes to the editions file (baskilar.toml) for the editor, on its
text (comments and layout kept), each proved by reading the result back:

- `make withdraw`: the withdrawn edition's `[[edition]]` entry is removed (readers of later
  editions no longer see it in the change history);
- `make undo-correction`: the edition's entry gets today's date in `corrections` and the
  undone correction's number in `undone`;
- `edition_tags.record` (an edition without a tag, e.g. the repository's first): the entry
  gets `data`, the blob ids of the data files it was published with."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

_HEADER = re.compile(r"^\[\[edition\]\][ \t]*(?:#.*)?$", re.M)


class EditFailed(Exception):
    """The file is not laid out as expected: the editor makes the edit by hand."""


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `[[edition]]` entry: from its header to its last key's line (the
    blank and comment lines after it go with the next entry)."""
    starts = [m.start() for m in _HEADER.finditer(text)]
    out = []
    for start, stop in zip(starts, [*starts[1:], len(text)], strict=True):
        lines = text[start:stop].splitlines(keepends=True)
        while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
            lines.pop()
        out.append((start, start + len("".join(lines))))
    return out


def _entries(text: str) -> list[dict[str, Any]]:
    try:
        items = tomllib.loads(text).get("edition", [])
    except tomllib.TOMLDecodeError:
        raise EditFailed from None
    return items if isinstance(items, list) else []


def _block_of(text: str, day: dt.date) -> tuple[int, int]:
    found = [
        (a, b)
        for a, b in _blocks(text)
        if re.search(rf"^date[ \t]*=[ \t]*{day.isoformat()}[ \t]*(?:#.*)?$", text[a:b], re.M)
    ]
    if len(found) != 1:
        raise EditFailed
    return found[0]


def remove_entry(text: str, day: dt.date) -> str | None:
    """The text without the entry of `day` (None: there is none)."""
    if not any(e.get("date") == day for e in _entries(text)):
        return None
    a, b = _block_of(text, day)
    rest = text[b:].lstrip("\n")
    out = text[:a].rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    if _entries(out) != [e for e in _entries(text) if e.get("date") != day]:
        raise EditFailed
    return out


def _list_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^{key}[ \t]*=[ \t]*\[[^\]]*\][ \t]*(?:#[^\n]*)?$", re.M)


def _set_list(block: str, key: str, values: list[str], after: str) -> str:
    """The block with `key = [...]` (on one line or several) replaced, or added on the line
    after the `after = [...]` list."""
    line = f"{key} = [{', '.join(values)}]"
    found = _list_line(key).search(block)
    if found:
        return block[: found.start()] + line + block[found.end() :]
    if re.search(rf"^{key}[ \t]*=", block, re.M):
        raise EditFailed  # written some other way: by hand
    anchor = _list_line(after).search(block)
    if anchor is None:
        raise EditFailed
    return block[: anchor.end()] + "\n" + line + block[anchor.end() :]


def record_undo(text: str, day: dt.date, today: dt.date) -> tuple[str, int]:
    """The text with the undo of the edition's newest correction recorded; (text, the number
    of the correction undone)."""
    entry = next((e for e in _entries(text) if e.get("date") == day), None)
    if entry is None or not entry.get("corrections"):
        raise EditFailed
    fixes = [*entry["corrections"], today]
    undone = [*entry.get("undone", []), len(entry["corrections"])]
    a, b = _block_of(text, day)
    block = _set_list(text[a:b], "corrections", [f.isoformat() for f in fixes], after="note")
    block = _set_list(block, "undone", [str(n) for n in undone], after="corrections")
    out = text[:a] + block + text[b:]
    after = next((e for e in _entries(out) if e.get("date") == day), {})
    if after.get("corrections") != fixes or after.get("undone") != undone:
        raise EditFailed
    return out, undone[-1]


def record_state(text: str, day: dt.date, national: str, il: str) -> str:
    """The text with the edition's published data state recorded (`data = { kamusm = …, il = … }`,
    the blob ids of both data files), replacing a recorded one."""
    if not any(e.get("date") == day for e in _entries(text)):
        raise EditFailed
    a, b = _block_of(text, day)
    block = text[a:b]
    line = f'data = {{ kamusm = "{national}", il = "{il}" }}'
    found = re.search(r"^data[ \t]*=[ \t]*\{[^}\n]*\}[ \t]*(?:#[^\n]*)?$", block, re.M)
    if found:
        block = block[: found.start()] + line + block[found.end() :]
    elif re.search(r"^data[ \t]*=", block, re.M):
        raise EditFailed  # written some other way: by hand
    else:
        block = block.rstrip("\n") + "\n" + line + ("\n" if block.endswith("\n") else "")
    out = text[:a] + block + text[b:]
    after = next((e for e in _entries(out) if e.get("date") == day), {})
    if after.get("data") != {"kamusm": national, "il": il}:
        raise EditFailed
    return out
