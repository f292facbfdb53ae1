"""The table of cases: every situation × role × option path on the dates that matter.

Natively and inside the Pyodide the site ships, each must give the same output (parity)."""

from __future__ import annotations

from typing import Any

DATES = (
    "2018-12-31",  # before the first period: tariff-unknown
    "2019-02-04",
    "2020-03-10",
    "2021-10-06",
    "2022-06-01",  # amounts unknown
    "2023-07-09",  # last day of 18 % VAT
    "2023-07-10",  # first day of 20 % VAT
    "2024-03-12",
    "2024-12-31",
    "2025-06-01",  # amounts unknown
    "2026-01-15",  # amounts unknown
)

IDENTITY = {"name": "ilker", "surname": "çiftçi", "tckn": "17291716060"}


def _cases() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for date in DATES:
        for role in ("family-doctor", "staff"):
            out.append({"situation": "first", "role": role, "date": date})
            out.append({"situation": "renewal", "role": role, "date": date})
            out.append({"situation": "renewal", "role": role, "date": date, "electronic": False})
            out.append({"situation": "expired", "role": role, "date": date})
            out.append({"situation": "lost", "role": role, "date": date})
            out.append({"situation": "lost", "role": role, "date": date, "with_reader": True})
            out.append({"situation": "reader-only", "role": role, "date": date})
    out.append({"situation": "first", "role": "family-doctor", "date": "2024-03-12", **IDENTITY})
    out.append(
        {"situation": "renewal", "role": "family-doctor", "date": "2024-03-12", "name": "ayşe nur",
         "surname": "ışık", "tckn": "17291716060"}
    )  # fmt: skip
    # bad inputs: each must give the same documented error everywhere
    out += [
        {"situation": "moved", "role": "staff"},
        {"situation": "first", "role": "nurse"},
        {"situation": "first", "role": "staff", "date": "2024-02-30"},
        {"situation": "first", "role": "staff", "electronic": False},
        {"situation": "renewal", "role": "staff", "with_reader": True},
        {"situation": "first", "role": "family-doctor", "date": "2024-03-12", "name": "Ali"},
        {"situation": "first", "role": "family-doctor", "date": "2024-03-12", **IDENTITY,
         "tckn": "17291716050"},
    ]  # fmt: skip
    return out


CASES: list[dict[str, Any]] = _cases()
