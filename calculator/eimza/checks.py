"""Checks of identifiers: T.C. Kimlik No, Turkish IBAN, e-mail, URL."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
# http/https only; after the host, only the characters RFC 3986 allows (unreserved, reserved, %)
_URL = re.compile(
    r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?([/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?$"
)


def is_valid_tckn(value: str) -> bool:
    """11 digits, first not 0, and both check digits (10th and 11th) right."""
    if not isinstance(value, str) or len(value) != 11 or not value.isascii():
        return False
    if not value.isdigit() or value[0] == "0":
        return False
    d = [int(c) for c in value]
    odd = d[0] + d[2] + d[4] + d[6] + d[8]
    even = d[1] + d[3] + d[5] + d[7]
    if (odd * 7 - even) % 10 != d[9]:
        return False
    return sum(d[:10]) % 10 == d[10]


def normalize_iban(value: str) -> str:
    return "".join(value.split()).upper()


def is_valid_iban(value: str) -> bool:
    """A Turkish IBAN: 'TR', 26 characters, ISO 7064 MOD 97-10 remainder 1. Spaces allowed."""
    if not isinstance(value, str):
        return False
    iban = normalize_iban(value)
    if len(iban) != 26 or not iban.startswith("TR") or not iban.isascii():
        return False
    if not iban[2:].isdigit():
        return False
    moved = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def group_iban(value: str) -> str:
    """'TR64 0001 2009 3040 0005 0000 16'."""
    iban = normalize_iban(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def is_valid_email(value: str) -> bool:
    return isinstance(value, str) and bool(_EMAIL.match(value))


_LOCAL_URL = re.compile(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/[A-Za-z0-9\-._~/]*$")


def is_valid_url(value: str, local_ok: bool = False) -> bool:
    """An http(s) address with a domain; `local_ok`: also this machine's (a preview's)."""
    if not isinstance(value, str):
        return False
    return bool(_URL.match(value)) or (local_ok and bool(_LOCAL_URL.match(value)))


def tel_href(phone: str) -> str:
    """'444 5 576' → 'tel:4445576' (a number a phone can dial)."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")
