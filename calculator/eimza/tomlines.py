"""TOML text → line numbers: TOML parsers forget them, editors need them. `locate_keys` maps
each key path to its line; `toml_problem` turns a tomllib error into a Turkish Problem with
its line and key."""

from __future__ import annotations

import re
import tomllib

from . import wording_editor
from .errors import Problem

_TOKEN = re.compile(
    r"""(?P<ws>[ \t]+)|(?P<comment>\#[^\n]*)|(?P<nl>\r?\n)"""
    r"""|(?P<mlb>\"\"\"(?:[^\\]|\\.)*?\"\"\"\"{0,2})|(?P<mll>'\'\'[\s\S]*?'\'\''{0,2})"""
    r"""|(?P<basic>"(?:[^"\\\n]|\\.)*")|(?P<literal>'[^'\n]*')"""
    r"""|(?P<bare>[A-Za-z0-9_\-]+)|(?P<punct>[=.\[\]{},])|(?P<other>.)""",
    re.DOTALL,
)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, line) for every token but blanks and comments; strings unquoted."""
    out: list[tuple[str, str, int]] = []
    line = 1
    for m in _TOKEN.finditer(text):
        kind, value = m.lastgroup or "other", m.group(0)
        if kind in ("basic", "literal"):
            out.append(("key", value[1:-1], line))
        elif kind in ("mlb", "mll"):
            out.append(("string", value, line))
        elif kind == "bare":
            out.append(("key", value, line))
        elif kind in ("punct", "other"):
            out.append((value, value, line))
        elif kind == "nl":
            out.append(("nl", value, line))
        line += value.count("\n")
    return out


def locate_keys(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each key path (arrays of tables by 0-based index) to its 1-based line number."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[dict[tuple[str | int, ...], int], tuple[str | int, ...]]:
    """(key path → line, the table in force at the end of text).

    Map each key path (arrays of tables by 0-based index) to its 1-based line number.

    Understands what the data file may use: [table] and [[array]] headers, [array.sub]
    sub-tables of the last array element, dotted and quoted keys, inline tables (nested),
    multi-line arrays and strings. Keys inside arrays of inline tables are not indexed; a
    lookup then falls back to the array's own key."""
    where: dict[tuple[str | int, ...], int] = {}
    toks = _tokens(text)
    counters: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    i = 0

    def key_path(j: int) -> tuple[list[str], int]:
        names: list[str] = []
        while j < len(toks) and toks[j][0] == "key":
            names.append(toks[j][1])
            j += 1
            if j < len(toks) and toks[j][0] == ".":
                j += 1
            else:
                break
        return names, j

    def record(base: tuple[str | int, ...], names: list[str], line: int) -> tuple[str | int, ...]:
        path = base
        for name in names:
            path = (*path, name)
            where.setdefault(path, line)
        return path

    def value(j: int, base: tuple[str | int, ...]) -> int:
        """Skip one value starting at j; record the keys of inline tables under base."""
        if j < len(toks) and toks[j][0] == "{":
            j += 1
            while j < len(toks) and toks[j][0] != "}":
                if toks[j][0] in (",", "nl"):
                    j += 1
                    continue
                names, j = key_path(j)
                if not names or j >= len(toks) or toks[j][0] != "=":
                    j += 1
                    continue
                path = record(base, names, toks[j][2])
                j = value(j + 1, path)
            return j + 1
        if j < len(toks) and toks[j][0] == "[":
            # record each element's line under (*base, index): a multi-line array's bad
            # element is reported on its own line
            depth, index, expecting = 0, 0, False
            while j < len(toks):
                kind = toks[j][0]
                if depth == 1 and expecting and kind not in (",", "nl", "]"):
                    where.setdefault((*base, index), toks[j][2])
                    index, expecting = index + 1, False
                elif depth == 1 and kind == ",":
                    expecting = True
                depth += (kind in ("[", "{")) - (kind in ("]", "}"))
                if depth == 1 and kind == "[":
                    expecting = True
                j += 1
                if depth == 0:
                    break
            return j
        while j < len(toks) and toks[j][0] not in ("nl", ",", "}"):
            j += 1
        return j

    while i < len(toks):
        kind, _, line = toks[i]
        if kind == "nl":
            i += 1
        elif kind == "[":
            array = i + 1 < len(toks) and toks[i + 1][0] == "["
            names, j = key_path(i + (2 if array else 1))
            if names and array:
                parent = _owner(tuple(names[:-1]), counters)
                name = (*parent, names[-1])
                counters[name] = counters.get(name, -1) + 1
                current = (*name, counters[name])
                where.setdefault(name, line)  # the array itself: its first header
                where.setdefault(current, line)
            elif names:
                current = _owner(tuple(names), counters)
                where.setdefault(current, line)
            while j < len(toks) and toks[j][0] != "nl":
                j += 1
            i = j
        elif kind == "key":
            names, j = key_path(i)
            if j < len(toks) and toks[j][0] == "=":
                path = record(current, names, line)
                i = value(j + 1, path)
            else:
                i = j + 1
        else:
            i += 1
    return where, current


def _owner(names: tuple[str, ...], counters: dict[tuple[str | int, ...], int]) -> tuple[str | int, ...]:
    """[tariff.items] after [[tariff]] belongs to the last [[tariff]] element."""
    path: tuple[str | int, ...] = ()
    for name in names:
        path = (*path, name)
        if path in counters:
            path = (*path, counters[path])
    return path


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_PART = r"""(?:[A-Za-z0-9_\-]+|"[^"\n]*"|'[^'\n]*')"""
_LINE_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_LINE_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")


def toml_problem(path: str, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    """A tomllib error in Turkish, with its line and, when the line shows one, its key."""
    message = str(exc)
    line: int | None = getattr(exc, "lineno", None)  # Python 3.14 has it; 3.11 only says it
    if line is None:
        m = _TOML_POS.search(message)
        if m:
            line = int(m.group(1))
        elif "end of document" in message:
            line = max(1, len(text.splitlines()))
    key = ""
    lines = text.splitlines()
    line_text = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    header = _LINE_HEADER.match(line_text)
    keyval = _LINE_KEY.match(line_text)
    if header:
        key = "".join(header.group(1).split())
    elif keyval and line is not None:
        table = _scan("\n".join(lines[: line - 1]))[1]
        key = ".".join(p for p in (key_name(table), "".join(keyval.group(1).split())) if p)
    return Problem(path, key, line, wording_editor.toml_syntax(message, line_text))


def key_name(key: tuple[str | int, ...]) -> str:
    """("tariff", 5, "items") → "tariff[6].items" (1-based, as editors count)."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out
