"""The data check's collector: one `Checker` per file gathers its problems and warnings, each
with the file, the key (as editors count: `payment[2].when`) and the line; and the checks
every table shares (unknown and missing keys, types, plain text, amounts)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from . import textcheck
from . import wording_editor as say
from .errors import Problem
from .tomlines import key_name, locate_keys

Key = tuple[str | int, ...]

_AMOUNT = re.compile(r"^[0-9]+\.[0-9]{2}$")
_NEGATIVE = re.compile(r"^\s*-\s*[0-9]+(\.[0-9]*)?\s*$")
_THOUSANDS = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_MARKUP = ("<", ">", "](")
MAX_DIGITS = 7  # before the point: more is refused


class Checker:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = locate_keys(text)
        self.last_line = len(text.splitlines())
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        # ids of tables refused for a problem already reported (a source with a misspelt key):
        # a use of one elsewhere is that problem's consequence, not another problem
        self.refused_ids: set[str] = set()

    def line(self, key: Key) -> int | None:
        k = key
        while k:
            if k in self.lines:
                return self.lines[k]
            k = k[:-1]
        return None

    def add(self, key: Key, message: str) -> None:
        problem = Problem(self.path, key_name(key), self.line(key), message)
        if problem not in self.problems:
            self.problems.append(problem)

    def warn(self, key: Key, message: str) -> None:
        self.warnings.append(Problem(self.path, key_name(key), self.line(key), message))

    def typed(self, key: Key, name: str, value: Any, kind: type) -> bool:
        """The value has the kind; else a problem (a date gets the exact form to write)."""
        if _is_type(value, kind):
            if kind is str and has_markup(value):
                self.add(key, say.markup_in_text(name, value))
                return False
            return True
        if kind is dt.date and isinstance(value, str):
            self.add(key, say.date_advice(value))
        else:
            self.add(key, say.wrong_type(name, kind))
        return False

    def fields(
        self,
        raw: Mapping[str, Any],
        key: Key,
        required: Mapping[str, type],
        optional: Mapping[str, type] = {},
    ) -> bool:
        """Unknown keys, missing required keys and every value's type; True when all is well."""
        return self.usable(raw, key, required, optional)[0]

    def usable(
        self,
        raw: Mapping[str, Any],
        key: Key,
        required: Mapping[str, type],
        optional: Mapping[str, type] = {},
    ) -> tuple[bool, dict[str, Any]]:
        """`fields`, and the values that can still be checked: each declared key present with
        its declared type. A misspelt key (`amount_known`) stands for the declared key it
        resembles when that one is not written: it is reported once, as the misspelling with
        its right name (a second "missing key" would be the same slip twice), and its value
        is checked as the right key's, so that the table's other problems show in the same run."""
        ok = True
        allowed = [*required, *optional]
        meant: dict[str, str] = {}  # a misspelt key → the declared key it stands for
        for name in raw:
            if name not in allowed:
                self.add((*key, name), say.unknown_key(name, allowed))
                ok = False
                close = say.closest(name, allowed)
                if close is not None and close not in raw and close not in meant.values():
                    meant[name] = close
        written = {meant.get(name, name): name for name in raw}
        values: dict[str, Any] = {}
        for name, kind in {**required, **optional}.items():
            if name not in written:
                if name in required:
                    self.add((*key, name), say.missing_key(name))
                    ok = False
            elif self.typed((*key, written[name]), name, raw[written[name]], kind):
                values[name] = raw[written[name]]
            else:
                ok = False
        return ok, values

    def missing_table(self, name: str, order: Sequence[str], header: str, fix: str) -> None:
        """A required top-level key or table is not in the file (deleted, most likely): the
        problem names the line where it goes (that of the next key of `order`, the order the
        guide writes the file in, that the file has; else after its last line), what is
        missing (`header`, as written in the file) and `fix`, what to write there."""
        after = list(order)[list(order).index(name) + 1 :]
        line = next((self.lines[(n,)] for n in after if (n,) in self.lines), None)
        where = line if line is not None else self.last_line + 1
        message = say.missing_table(header, line is not None, fix)
        problem = Problem(self.path, key_name((name,)), where, message)
        if problem not in self.problems:
            self.problems.append(problem)

    def text(self, key: Key, name: str, value: Any, kind: str) -> bool:
        """Deceiving or malformed text (textcheck): control, bidi and zero-width characters,
        mixed scripts, a phone that is no phone number, too long a value."""
        if not isinstance(value, str):
            return False
        found = textcheck.problems(name, value, kind)
        for message in found:
            self.add(key, message)
        return not found

    def strings(self, key: Key, name: str, value: Any) -> list[str] | None:
        """A list of texts (`["a", "b"]`); else a problem and None."""
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(key, say.not_a_string_list(name))
            return None
        for i, v in enumerate(value):
            if has_markup(v):
                self.add((*key, i), say.markup_in_text(name, v))
                return None
        return list(value)

    def amount(self, value: Any, key: Key) -> Decimal | None:
        if not isinstance(value, str):
            self.add(key, say.amount_not_string(value))
            return None
        if "," in value:
            self.add(key, say.amount_comma(value))
            return None
        if _NEGATIVE.match(value):
            self.add(key, say.amount_not_positive(value))
            return None
        if _THOUSANDS.match(value.strip()):
            self.add(key, say.amount_thousands(value.strip()))
            return None
        if not _AMOUNT.match(value):
            self.add(key, say.amount_format(value))
            return None
        if len(value.split(".")[0].lstrip("0")) > MAX_DIGITS:
            self.add(key, say.amount_too_large(value))
            return None
        amount = Decimal(value)
        if amount <= 0:
            self.add(key, say.amount_not_positive(value))
            return None
        return amount


def has_markup(text: str) -> bool:
    """Text fields are plain text: `<`, `>` and Markdown's link `](` would become HTML or links."""
    return any(m in text for m in _MARKUP)


def _is_type(value: Any, kind: type) -> bool:
    if kind is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)
