"""The data's loader: the national file and a directorate's file, read with `tomllib` and
checked together (validate_national, validate_il, coverage): every problem of both files in
one DataError, each with its file, key and line, in Turkish. Where the files are: paths.py."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from . import paths
from . import wording_editor as say
from .checker import Checker
from .coverage import check_coverage
from .errors import DataError, Problem
from .model import Data, Site
from .tomlines import toml_problem
from .validate_il import check_directorate
from .validate_national import check_national


def read_data_text(name: str | os.PathLike[str]) -> str:
    """A data file's text; unreadable or not UTF-8 is a DataError naming the file, in Turkish."""
    try:
        text = Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Problem(str(name), "", None, say.cannot_read(exc))]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(str(name), "", None, say.not_utf8())]) from None
    # a UTF-8 byte order mark (what Windows Notepad may write) is accepted
    return text.removeprefix("\ufeff")


def _toml(text: str, path: str, problems: list[Problem]) -> dict[str, Any] | None:
    if not text.strip():
        problems.append(Problem(path, "", 1, say.empty_file(path)))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(toml_problem(path, text, exc))
        return None


def parse(
    national_text: str, national_path: str, il_text: str, il_path: str, expected_id: str | None = None
) -> Data:
    """Both files' texts → Data; DataError listing every problem of both. `expected_id`: the
    directorate's folder name, which its [site] id must be (None: not checked)."""
    problems: list[Problem] = []
    national_raw = _toml(national_text, national_path, problems)
    il_raw = _toml(il_text, il_path, problems)
    nc, dc = Checker(national_path, national_text), Checker(il_path, il_text)
    n = check_national(nc, national_raw) if national_raw is not None else None
    dc.refused_ids |= nc.refused_ids  # the directorate cites the national sources too
    d = None
    if il_raw is not None:
        from .validate_national import National

        d = check_directorate(dc, il_raw, n or National(), expected_id)
    data = None
    if n is not None and d is not None and n.kamusm and d.procedure and d.facts:
        data = Data(
            path=il_path,
            national_path=national_path,
            kamusm=n.kamusm,
            vat=n.vat,
            tariffs=n.tariffs,
            items=n.items,
            situations=tuple(n.situations),
            roles=tuple(n.roles),
            options=tuple(n.options),
            channels=tuple(n.channels),
            sources={**n.sources, **d.sources},
            site=d.site or Site("", ""),
            facts_blocks=tuple(d.facts),
            procedure=d.procedure,
            warnings=(*nc.warnings, *dc.warnings),
        )
        if n.vocabulary_ok:
            check_coverage(dc, data, d.failed | (set() if n.kamusm_ok else {"kamusm"}), d.refused)
    problems += nc.problems + dc.problems
    if problems or data is None or d is None or d.site is None or not n or not n.ok or not n.tariffs:
        raise DataError(problems or [Problem(il_path, "", None, say.data_incomplete())])
    return data


_CACHE: dict[tuple[str, str, str, str], Data] = {}
# the default data (no arguments) by the environment that chose it: read once, so that a
# restored Pyodide snapshot (whose file system is fresh) never needs the files again
_DEFAULT: dict[tuple[str, str], Data] = {}


def load_data(
    il: str | os.PathLike[str] | None = None, national: str | os.PathLike[str] | None = None
) -> Data:
    """Load and check a directorate's data with the national file (defaults: paths.py).
    `il`: a directorate id or a path to its folder or il.toml. Cached per files and texts
    (the default data: once per EIMZA_IL / EIMZA_DATA_ROOT)."""
    default = il is None and national is None
    env = (os.environ.get(paths.ENV_IL, ""), os.environ.get(paths.ENV_ROOT, ""))
    if default and env in _DEFAULT:
        return _DEFAULT[env]
    files = paths.files(il, national)
    if not files.packaged and not files.folder.is_dir():  # IL names no directorate
        siblings = files.folder.parent
        known = (
            sorted(f.name for f in siblings.iterdir() if (f / paths.DIRECTORATE).is_file())
            if siblings.is_dir()
            else []
        )
        named = os.fspath(il) if il is not None else os.environ.get(paths.ENV_IL) or paths.DEFAULT_IL
        raise DataError([Problem(str(files.folder), "", None, say.no_directorate(named, known))])
    problems: list[Problem] = []
    texts = []
    for path in (files.national, files.directorate):
        try:
            texts.append(read_data_text(path))
        except DataError as err:
            problems += err.problems
            texts.append("")
    if problems:
        raise DataError(problems)
    key = (str(files.national), str(files.directorate), texts[0], texts[1])
    if key not in _CACHE:
        _CACHE[key] = parse(texts[0], key[0], texts[1], key[1], files.expected_id)
    if default:
        _DEFAULT[env] = _CACHE[key]
    return _CACHE[key]
