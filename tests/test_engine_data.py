"""Data validation: one malformed copy of the frozen fixture data file (tests/data/) per kind of
error, each rejected with file, key and the line of the edit, in Turkish; the line finder behind
it; and the shipped file held to its invariants (it validates, its periods are in order)."""

from __future__ import annotations

from pathlib import Path

import pytest

import eimza
from editor_helpers import FIXTURE_DATA
from eimza import DataError
from eimza.rates import locate_keys
from engine_facts import DATA_FILE

REAL = FIXTURE_DATA.read_text(encoding="utf-8")
LINES = REAL.splitlines()


def line_of(text: str, after: int = 0) -> int:
    """1-based number of the first line that is exactly `text` (stripped), after line `after`."""
    for number, line in enumerate(LINES, start=1):
        if number > after and line.strip() == text:
            return number
    raise AssertionError(f"not in the data file: {text}")


def header_before(number: int, header: str = "[[tariff]]") -> int:
    return max(n for n, line in enumerate(LINES[:number], start=1) if line.strip() == header)


def tariff_index(number: int) -> int:
    """1-based [[tariff]] element a line belongs to (as DataError keys show it)."""
    return sum(1 for line in LINES[:number] if line.strip() == "[[tariff]]")


ITEM_2024 = 'nes-3y = { net = "650.00", quoted_gross = "780.00" }'
L_ITEM_2024 = line_of(ITEM_2024)
T_2024 = tariff_index(L_ITEM_2024)
L_FROM_2021 = line_of("from = 2021-01-01")
T_2021 = tariff_index(L_FROM_2021)
L_SOURCES_2023 = line_of("sources = [")
T_2023 = tariff_index(L_SOURCES_2023)

# (id, line to edit, new text (may hold several lines; None deletes), key, line reported, words)
EDITS: list[tuple[str, int, str | None, str, int, tuple[str, ...]]] = [
    (
        "unknown-key",
        line_of('bank = "Halkbank"'),
        'bnak = "Halkbank"',
        "directorate.bnak",
        line_of('bank = "Halkbank"'),
        ("Bilinmeyen anahtar", "bnak"),
    ),
    (
        "unknown-key-in-tariff",
        line_of('confidence = "medium-high"'),
        'confidence = "medium-high"\nprice = "1.00"',
        f"tariff[{T_2024}].price",
        line_of('confidence = "medium-high"') + 1,
        ("Bilinmeyen anahtar",),
    ),
    (
        "missing-key",
        line_of("verified = 2024-03-12"),
        None,
        f"tariff[{T_2024}].verified",
        header_before(line_of("verified = 2024-03-12")),
        ("Eksik anahtar", "verified"),
    ),
    (
        "missing-key-in-table",
        line_of('email = "tekirdag.sbs@saglik.gov.tr"'),
        None,
        "directorate.email",
        line_of("[directorate]"),
        ("Eksik anahtar", "email"),
    ),
    (
        "unsorted-periods",
        L_FROM_2021,
        "from = 2019-06-01",
        f"tariff[{T_2021}].from",
        L_FROM_2021,
        ("sıralı", "2019-06-01"),
    ),
    (
        "overlapping-periods",
        L_FROM_2021,
        "from = 2020-01-01",
        f"tariff[{T_2021}].from",
        L_FROM_2021,
        ("çakışmamalı",),
    ),
    (
        "unsorted-vat",
        line_of("from = 2023-07-10"),
        "from = 2018-01-01",
        "vat[2].from",
        line_of("from = 2023-07-10"),
        ("sıralı",),
    ),
    (
        "amount-zero",
        L_ITEM_2024,
        'nes-3y = { net = "0.00", quoted_gross = "780.00" }',
        f"tariff[{T_2024}].items.nes-3y.net",
        L_ITEM_2024,
        ("sıfırdan büyük",),
    ),
    (
        "amount-negative",
        L_ITEM_2024,
        'nes-3y = { net = "-650.00", quoted_gross = "780.00" }',
        f"tariff[{T_2024}].items.nes-3y.net",
        L_ITEM_2024,
        ("sıfırdan büyük",),
    ),
    (
        "amount-one-decimal",
        L_ITEM_2024,
        'nes-3y = { net = "650.0", quoted_gross = "780.00" }',
        f"tariff[{T_2024}].items.nes-3y.net",
        L_ITEM_2024,
        ("iki ondalık",),
    ),
    (
        "amount-no-decimals",
        L_ITEM_2024,
        'nes-3y = { net = "650.00", quoted_gross = "780" }',
        f"tariff[{T_2024}].items.nes-3y.quoted_gross",
        L_ITEM_2024,
        ("iki ondalık",),
    ),
    (
        "amount-not-string",
        L_ITEM_2024,
        'nes-3y = { net = 650.00, quoted_gross = "780.00" }',
        f"tariff[{T_2024}].items.nes-3y.net",
        L_ITEM_2024,
        ("tırnak içinde",),
    ),
    (
        "amount-comma",
        L_ITEM_2024,
        'nes-3y = { net = "650,00", quoted_gross = "780.00" }',
        f"tariff[{T_2024}].items.nes-3y.net",
        L_ITEM_2024,
        ("virgül", '"650.00"'),
    ),
    (
        "amount-comma-unquoted",
        L_ITEM_2024,
        'nes-3y = { net = 650,00, quoted_gross = "780.00" }',
        f"tariff[{T_2024}].items.nes-3y",
        L_ITEM_2024,
        ("virgül", "söz dizimi"),
    ),
    (
        "quoted-gross-mismatch",
        L_ITEM_2024,
        'nes-3y = { net = "650.00", quoted_gross = "781.00" }',
        f"tariff[{T_2024}].items.nes-3y.quoted_gross",
        L_ITEM_2024,
        ("uyuşmuyor", "780,00 TL"),
    ),
    (
        "iban-mod97",
        line_of('iban = "TR640001200930400005000016"'),
        'iban = "TR640001200930400005000061"',
        "directorate.iban",
        line_of('iban = "TR640001200930400005000016"'),
        ("IBAN geçersiz", "mod 97"),
    ),
    (
        "email",
        line_of('email = "tekirdag.sbs@saglik.gov.tr"'),
        'email = "tekirdag.sbs(at)saglik.gov.tr"',
        "directorate.email",
        line_of('email = "tekirdag.sbs@saglik.gov.tr"'),
        ("e-posta",),
    ),
    (
        "url",
        line_of('portal = "https://portal.kamusm.gov.tr/bp/ws.go"'),
        'portal = "portal.kamusm.gov.tr/bp/ws.go"',
        "kamusm.portal",
        line_of('portal = "https://portal.kamusm.gov.tr/bp/ws.go"'),
        ("bağlantı",),
    ),
    (
        "source-url-in-multiline-array",
        L_SOURCES_2023 + 1,
        '  "112acilfm.net/ilk-defa",',
        f"tariff[{T_2023}].sources[1]",
        L_SOURCES_2023 + 1,
        ("kaynak", "bağlantı"),
    ),
    (
        "duplicate-key",
        line_of('iban = "TR640001200930400005000016"'),
        'iban = "TR640001200930400005000016"\niban = "TR640001200930400005000016"',
        "directorate.iban",
        line_of('iban = "TR640001200930400005000016"') + 1,
        ("iki kez",),
    ),
    (
        "duplicate-item",
        L_ITEM_2024,
        f'{ITEM_2024}\nnes-3y = {{ net = "600.00" }}',
        f"tariff[{T_2024}].items.nes-3y",
        L_ITEM_2024 + 1,
        ("iki kez",),
    ),
    (
        "duplicate-table",
        line_of("[procedure]"),
        "[kamusm]",
        "kamusm",
        line_of("[procedure]"),
        ("iki kez",),
    ),
    (
        "bad-date",
        line_of("verified = 2024-03-12"),
        "verified = 2024-02-30",
        f"tariff[{T_2024}].verified",
        line_of("verified = 2024-03-12"),
        ("Geçersiz tarih",),
    ),
    (
        "date-as-string",
        line_of("verified = 2024-03-12"),
        'verified = "2024-03-12"',
        f"tariff[{T_2024}].verified",
        line_of("verified = 2024-03-12"),
        ("tırnaksız", '"2024-03-12" yerine 2024-03-12 yazın'),
    ),
    (
        "unterminated-string",
        line_of('bank = "Halkbank"'),
        'bank = "Halkbank',
        "directorate.bank",
        line_of('bank = "Halkbank"'),
        ("tırnak",),
    ),
    (
        "unknown-item",
        L_ITEM_2024,
        'nes-5y = { net = "650.00" }',
        f"tariff[{T_2024}].items.nes-5y",
        L_ITEM_2024,
        ("Bilinmeyen kalem",),
    ),
    (
        "bad-confidence",
        line_of('confidence = "medium-high"'),
        'confidence = "orta"',
        f"tariff[{T_2024}].confidence",
        line_of('confidence = "medium-high"'),
        ("güvenilirlik",),
    ),
    (
        "wrong-type",
        line_of("certificate_years = 3"),
        'certificate_years = "3"',
        "procedure.certificate_years",
        line_of("certificate_years = 3"),
        ("tam sayı",),
    ),
    (
        "schema",
        line_of("schema = 1"),
        "schema = 2",
        "schema",
        line_of("schema = 1"),
        ("sürüm",),
    ),
]


def write_edit(tmp_path: Path, number: int, new: str | None) -> Path:
    lines = list(LINES)
    if new is None:
        del lines[number - 1]
    else:
        lines[number - 1] = new
    path = tmp_path / "tarife.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_shipped_file_is_valid() -> None:
    data = eimza.load_data(DATA_FILE)
    starts = [p.start for p in data.tariffs]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(p.verified is not None for p in data.tariffs if p.amounts_known)
    assert eimza.load_data(FIXTURE_DATA).directorate.iban == "TR640001200930400005000016"


@pytest.mark.parametrize(("edit", "number", "new", "key", "line", "words"), EDITS, ids=[e[0] for e in EDITS])
def test_malformed_file(
    tmp_path: Path, edit: str, number: int, new: str | None, key: str, line: int, words: tuple[str, ...]
) -> None:
    path = write_edit(tmp_path, number, new)
    with pytest.raises(DataError) as err:
        eimza.load_data(path)
    assert err.value.code == "data-invalid"
    problems = [p for p in err.value.problems if p.key == key]
    assert problems, f"no problem for {key}: {err.value.problems}"
    p = problems[0]
    assert p.file == str(path)
    assert p.line == line, (p, line)
    for word in words:
        assert word in p.message, p.message
    assert f"{path}:{line} [{key}]" in str(p)
    assert str(p) in err.value.message


def test_missing_key_also_reported_for_a_renamed_key(tmp_path: Path) -> None:
    path = write_edit(tmp_path, line_of('bank = "Halkbank"'), 'bnak = "Halkbank"')
    with pytest.raises(DataError) as err:
        eimza.load_data(path)
    keys = {p.key: p.line for p in err.value.problems}
    assert keys["directorate.bank"] == line_of("[directorate]")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "tarife.toml"
    path.write_bytes(REAL.encode("cp1254"))
    with pytest.raises(DataError) as err:
        eimza.load_data(path)
    assert "UTF-8" in err.value.problems[0].message and err.value.problems[0].file == str(path)


def test_unknown_amounts_with_items(tmp_path: Path) -> None:
    number = next(n for n, line in enumerate(LINES, 1) if line.startswith('note = "2025 tutarları'))
    path = write_edit(tmp_path, number, LINES[number - 1] + '\n[tariff.items]\nnes-3y = { net = "1.00" }')
    with pytest.raises(DataError) as err:
        eimza.load_data(path)
    p = err.value.problems[0]
    assert p.key.endswith(".items") and p.line == number + 1 and "items yazılmaz" in p.message


# --- locate_keys -----------------------------------------------------------------------------


def test_locate_keys_on_the_real_file() -> None:
    where = locate_keys(REAL)
    assert where[("directorate", "iban")] == line_of('iban = "TR640001200930400005000016"')
    assert where[("tariff", T_2024 - 1, "items")] == L_ITEM_2024 - 1
    assert where[("tariff", T_2024 - 1, "items", "nes-3y", "net")] == L_ITEM_2024
    mini = line_of('mini-reader = { net = "250.00", quoted_gross = "300.00" }', after=L_ITEM_2024)
    assert where[("tariff", T_2024 - 1, "items", "mini-reader", "quoted_gross")] == mini
    assert where[("vat", 1, "rate")] == line_of('rate = "20"')
    assert where[("tariff", T_2023 - 1, "note")] == L_SOURCES_2023 + 4  # after a multi-line array


def test_locate_keys_syntax_variants() -> None:
    text = "\n".join(
        [
            "[[tariff]]",  # 1
            'from = 2024-01-01  # { not = "a key" }',  # 2
            '"quoted.key" = 1',  # 3
            "[tariff.items]",  # 4
            'nes-3y.net = "1.00"',  # 5
            'a = { b = { c = "x = {" }, d = [1, { e = 2 }], f = 3 }',  # 6
            'note = """',  # 7
            "fake = 1",  # 8
            '"""',  # 9
            "after = 4",  # 10
            "[[tariff]]",  # 11
            "[ tariff . items ]",  # 12
            "x = 1",  # 13
            "[other]",  # 14
            "y = 2",  # 15
            "list = [",  # 16
            '  "first",  # a comment, ]',  # 17
            "",  # 18
            '  ["nested", 1], "third",',  # 19
            "]",  # 20
        ]
    )
    where = locate_keys(text)
    assert where[("tariff", 0, "quoted.key")] == 3
    assert where[("tariff", 0, "items")] == 4
    assert where[("tariff", 0, "items", "nes-3y", "net")] == 5
    assert where[("tariff", 0, "items", "a", "b", "c")] == 6
    assert where[("tariff", 0, "items", "a", "f")] == 6
    assert ("tariff", 0, "items", "fake") not in where and ("tariff", 0, "not") not in where
    assert where[("tariff", 0, "items", "after")] == 10
    assert where[("tariff", 1, "items", "x")] == 13
    assert where[("other", "y")] == 15
    # the elements of arrays, each on its own line when the array spans several
    assert where[("other", "list")] == 16
    assert [where.get(("other", "list", i)) for i in range(4)] == [17, 19, 19, None]
    assert where[("tariff", 0, "items", "a", "d", 1)] == 6


def test_locate_keys_never_fails_on_odd_text() -> None:
    for text in (
        "",
        "[",
        "[[",
        "a =",
        "= 1",
        '"unterminated',
        "{{{",
        "x = [1, 2",
        "[a.b",
        "a = 1\n[b]\nc = 2",
    ):
        where = locate_keys(text)
        assert isinstance(where, dict)
        assert all(isinstance(v, int) and 1 <= v <= len(text.splitlines()) + 1 for v in where.values()), where
    assert locate_keys("a = 1\n[b]\nc = 2") == {("a",): 1, ("b",): 2, ("b", "c"): 3}


def test_toml_error_line_from_attribute() -> None:
    """Python 3.14's tomllib gives lineno as an attribute; 3.11 only writes it in the message."""
    import tomllib

    from eimza.rates import _toml_problem

    number = line_of('bank = "Halkbank"')
    err = tomllib.TOMLDecodeError("Cannot overwrite a value")
    err.lineno = number  # type: ignore[attr-defined]
    p = _toml_problem("f.toml", REAL, err)
    assert (p.file, p.key, p.line) == ("f.toml", "directorate.bank", number) and "iki kez" in p.message
    end = _toml_problem("f.toml", REAL, tomllib.TOMLDecodeError("Unterminated string (at end of document)"))
    assert end.line == len(LINES) and "Tırnak" in end.message
