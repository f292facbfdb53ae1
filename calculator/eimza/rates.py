"""Dated data, read from one TOML file with `tomllib` and validated strictly (validate.py):
the loader, and the one import path for the model (model.py) and the line finder
(tomlines.py)."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from . import wording
from .errors import DataError, Problem
from .model import (
    CONFIDENCES,
    ITEM_CODES,
    Data,
    Directorate,
    Item,
    KamuSM,
    Procedure,
    TariffPeriod,
    VatPeriod,
)
from .tomlines import locate_keys, toml_problem
from .validate import Checker, check_all

_toml_problem = toml_problem  # the older name, still used by editions

__all__ = [
    "CONFIDENCES",
    "ITEM_CODES",
    "Data",
    "Directorate",
    "Item",
    "KamuSM",
    "Procedure",
    "TariffPeriod",
    "VatPeriod",
    "load_data",
    "locate_keys",
    "parse",
    "read_data_text",
]


def default_path() -> str:
    return str(resources.files("eimza").joinpath("data", "tarife.toml"))


def parse(text: str, path: str) -> Data:
    """Parse and validate data text; raise DataError listing every problem."""
    if not text.strip():
        raise DataError([Problem(path, "", 1, wording.empty_file(path))])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([toml_problem(path, text, exc)]) from None
    checker = Checker(path, text)
    data = check_all(checker, raw)
    if data is None or checker.problems:
        raise DataError(checker.problems)
    return data


_CACHE: dict[str, Data] = {}


def read_data_text(name: str, packaged: str | None = None) -> str:
    """A data file's text (`packaged`: a file of the eimza package's data/ folder instead);
    unreadable or not UTF-8 is a DataError naming the file, in Turkish."""
    try:
        if packaged is not None:
            text = resources.files("eimza").joinpath("data", packaged).read_text("utf-8")
        else:
            text = Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Problem(name, "", None, wording.cannot_read(exc))]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(name, "", None, wording.not_utf8())]) from None
    # a UTF-8 byte order mark (what Windows Notepad may write) is accepted
    return text.removeprefix("\ufeff")


def load_data(path: str | Path | None = None) -> Data:
    """Load and validate the data file (default: the packaged one). Cached per path."""
    name = str(path) if path is not None else default_path()
    if path is None and name in _CACHE:
        return _CACHE[name]
    text = read_data_text(name, "tarife.toml" if path is None else None)
    data = parse(text, name)
    if path is None:
        _CACHE[name] = data
    return data
