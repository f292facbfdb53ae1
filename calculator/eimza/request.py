"""A case as the engine receives it (from the CLI, the worker or the site build), checked
against the data's situations, roles and options: every bad input raises EimzaError with a
stable code and a Turkish message."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from . import turkish, wording
from .checks import is_valid_tckn
from .errors import EimzaError
from .model import Data

PERSON_KEYS = ("name", "surname", "tckn")
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")


@dataclass(frozen=True)
class Identity:
    name: str
    surname: str
    tckn: str


@dataclass(frozen=True)
class Case:
    situation: str
    role: str
    date: dt.date
    options: tuple[tuple[str, bool | None], ...]  # every option of the data: its value or None
    identity: Identity | None

    def option(self, oid: str) -> bool | None:
        return dict(self.options).get(oid)

    def values(self) -> dict[str, Any]:
        """The fields a `when` matches on (before channel, payee and priced)."""
        return {"situation": self.situation, "role": self.role, **dict(self.options)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "situation": self.situation,
            "role": self.role,
            "date": self.date.isoformat(),
            **dict(self.options),
        }


def case_keys(data: Data) -> tuple[str, ...]:
    return ("situation", "role", "date", *(o.id for o in data.options), *PERSON_KEYS)


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise EimzaError("date-invalid", wording.bad_date(value))


def _clean_name(value: Any, field: str, code: str) -> str:
    # NFC first: a decomposed "ş" (s + combining cedilla) is the same letter as "ş"
    text = " ".join(unicodedata.normalize("NFC", value).split()) if isinstance(value, str) else ""
    if not text or len(text) > wording.NAME_MAX or not _NAME.match(text):
        raise EimzaError(code, wording.bad_name(field, value if isinstance(value, str) else str(value)))
    return text


def parse_case(raw: dict[str, Any] | Case, data: Data, today: dt.date | None = None) -> Case:
    """Validate a case dict; raise EimzaError for every bad input."""
    if isinstance(raw, Case):
        return raw
    if not isinstance(raw, dict):
        raise EimzaError("case-invalid", wording.CASE_NOT_OBJECT)
    allowed = case_keys(data)
    for key in raw:
        if key not in allowed:
            raise EimzaError("case-invalid", wording.unknown_case_key(key))
    situation = raw.get("situation")
    situations = [(s.id, s.label) for s in data.situations]
    if not isinstance(situation, str) or situation not in dict(situations):
        raise EimzaError("situation-unknown", wording.bad_situation(situation, situations))
    role = raw.get("role")
    roles = [(r.id, r.label) for r in data.roles]
    if not isinstance(role, str) or role not in dict(roles):
        raise EimzaError("role-unknown", wording.bad_role(role, roles))
    date_value = raw.get("date")
    day = _parse_date(date_value) if date_value not in (None, "") else (today or turkish.today_tr())
    options: list[tuple[str, bool | None]] = []
    for option in data.options:
        value = raw.get(option.id)
        if option.situation != situation:
            if value is not None:
                applies = data.situation(option.situation).label
                chosen = data.situation(situation).label
                message = wording.option_not_applicable(option.name, applies, chosen)
                raise EimzaError("option-not-applicable", message)
            options.append((option.id, None))
        elif value is None:
            options.append((option.id, option.default))
        elif not isinstance(value, bool):
            raise EimzaError("option-invalid", wording.bad_option_value(option.id, value))
        else:
            options.append((option.id, value))

    parts = [raw.get(k) for k in PERSON_KEYS]
    given = [p not in (None, "") for p in parts]
    identity = None
    if any(given):
        if not all(given):
            raise EimzaError("identity-incomplete", wording.IDENTITY_INCOMPLETE)
        name = _clean_name(parts[0], "Ad", "name-invalid")
        surname = _clean_name(parts[1], "Soyad", "surname-invalid")
        tckn = str(parts[2]).strip()
        if not is_valid_tckn(tckn):
            raise EimzaError("tckn-invalid", wording.bad_tckn(tckn))
        identity = Identity(name, surname, tckn)
    return Case(situation, role, day, tuple(options), identity)


# The person's tokens of a payment description pattern, declared once (the check, the guide's
# test and the filling read them): what each stands for, and the spellings directorates write.
# A capitalised spelling takes the value capitalised ("Ayşe"), an all-capital one in capitals
# ("AYŞE"), Turkish-aware; TC and TCKN take the number. Lower-case "adı soyadı" is prose (an
# instruction such as "adı soyadı, kimlik numarası ve …"), never a token.
DESCRIPTION_TOKENS: dict[str, tuple[str, ...]] = {
    "name": ("Ad", "AD", "Adı", "ADI"),
    "surname": ("Soyad", "SOYAD", "Soyadı", "SOYADI"),
    "tckn": ("TC", "TCKN"),
}
_SPELLINGS = sorted(
    (s for spellings in DESCRIPTION_TOKENS.values() for s in spellings), key=len, reverse=True
)
_TOKENS = re.compile(r"\b(" + "|".join(_SPELLINGS) + r")\b")


def description_tokens(pattern: str) -> set[str]:
    """What a pattern names of the person (keys of DESCRIPTION_TOKENS), as whole words."""
    return {
        kind
        for kind, spellings in DESCRIPTION_TOKENS.items()
        if set(_TOKENS.findall(pattern)) & set(spellings)
    }


def description(pattern: str, identity: Identity | None) -> str:
    """A payment description pattern filled for the person: each token of DESCRIPTION_TOKENS
    replaced by the person's value, as whole words; everything else kept verbatim. Without a
    person, or for a pattern without tokens (an instruction: the reader writes it), the
    pattern itself."""
    if identity is None:
        return pattern

    def value(token: str) -> str:
        if token in DESCRIPTION_TOKENS["tckn"]:
            return identity.tckn
        text = identity.name if token in DESCRIPTION_TOKENS["name"] else identity.surname
        return turkish.upper(text) if token.isupper() else turkish.title(text)

    return _TOKENS.sub(lambda m: value(m.group(1)), pattern)
