"""Data validation: one malformed copy of the fixture data (tests/data/: the national file and the
directorate sinama) per kind of error, each rejected with file, key and the line of the edit,
in Turkish with what to write; every problem of both files in one run; the line finder behind
it; and the shipped files held to their invariants."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import eimza
from eimza import DataError, banks, textcheck
from eimza.tomlines import locate_keys
from engine_facts import DATA_FILE, FIXTURE_IL, FIXTURE_NATIONAL, ROOT

REAL = FIXTURE_NATIONAL.read_text(encoding="utf-8")
LINES = REAL.splitlines()
NATIONAL = tomllib.loads(REAL)
IL_TEXT = (FIXTURE_IL / "il.toml").read_text(encoding="utf-8")
IL_LINES = IL_TEXT.splitlines()
IL = tomllib.loads(IL_TEXT)
FACTS = IL["facts"][0]


def _line_of(lines: list[str], text: str, after: int = 0) -> int:
    for number, line in enumerate(lines, start=1):
        if number > after and line.strip() == text:
            return number
    raise AssertionError(f"not in the data file: {text}")


def line_of(text: str, after: int = 0) -> int:
    """1-based number of the national fixture's first line that is exactly `text` (stripped)."""
    return _line_of(LINES, text, after)


def il_line_of(text: str, after: int = 0) -> int:
    """The same in the fixture directorate's il.toml."""
    return _line_of(IL_LINES, text, after)


def header_before(number: int, header: str = "[[tariff]]", lines: list[str] = LINES) -> int:
    return max(n for n, line in enumerate(lines[:number], start=1) if line.strip() == header)


def index_of(number: int, header: str, lines: list[str] = LINES) -> int:
    """1-based element of an array of tables (`[[tariff]]`) a line belongs to, as keys show it."""
    return sum(1 for line in lines[:number] if line.strip() == header)


ITEM_2024 = 'nes-3y = { net = "650.00", quoted_gross = "780.00" }'
L_ITEM_2024 = line_of(ITEM_2024)
T_2024 = index_of(L_ITEM_2024, "[[tariff]]")
L_FROM_2021 = line_of("from = 2021-01-01")
T_2021 = index_of(L_FROM_2021, "[[tariff]]")
L_SOURCES_2023 = line_of("sources = [")
T_2023 = index_of(L_SOURCES_2023, "[[tariff]]")
PHONE = f'phone = "{NATIONAL["kamusm"]["phone"]}"'
PORTAL = f'portal = "{NATIONAL["kamusm"]["portal"]}"'
CHANNEL_ONLINE = 'when = { situation = ["lost", "reader-only"] }'
L_PALU = line_of('id = "palu-2021-10-06"')
L_BKK_DATE = line_of("date = " + next(s["date"] for s in NATIONAL["source"] if "url" not in s).isoformat())

# (id, line to edit, new text (may hold several lines; None deletes) — or a list of such
# (line, new) changes —, key, line reported (in the edited file), words of the message)
Change = list[tuple[int, str | None]]
Edit = tuple[str, int | Change, str | None, str, int, tuple[str, ...]]
EDITS: list[Edit] = [
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
        line_of(PHONE),
        None,
        "kamusm.phone",
        line_of("[kamusm]"),
        ("Eksik anahtar", "phone"),
    ),
    (
        "unsorted-periods",
        L_FROM_2021,
        "from = 2019-06-01",
        f"tariff[{T_2021}].from",
        L_FROM_2021,
        ("sıralı", "1 Haziran 2019"),
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
        "url",
        line_of(PORTAL),
        'portal = "portal.kamusm.gov.tr/bp/ws.go"',
        "kamusm.portal",
        line_of(PORTAL),
        ("bağlantı",),
    ),
    (
        "unknown-source-in-multiline-array",
        L_SOURCES_2023 + 1,
        '  "112acilfm.net",',
        f"tariff[{T_2023}].sources[1]",
        L_SOURCES_2023 + 1,
        ("Bilinmeyen kaynak kimliği", "[[source]]"),
    ),
    ("duplicate-key", line_of(PHONE), f"{PHONE}\n{PHONE}", "kamusm.phone", line_of(PHONE) + 1, ("iki kez",)),
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
        line_of("[kamusm.menus]"),
        "[kamusm]",
        "kamusm",
        line_of("[kamusm.menus]"),
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
        line_of(PHONE),
        'phone = "444 5 576',
        "kamusm.phone",
        line_of(PHONE),
        ("tırnak",),
    ),
    (
        "unknown-item",
        L_ITEM_2024,
        'nes-5y = { net = "650.00" }',
        f"tariff[{T_2024}].items.nes-5y",
        L_ITEM_2024,
        ("Bilinmeyen kalem", "[item.…]"),
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
        "kamusm.certificate_years",
        line_of("certificate_years = 3"),
        ("tam sayı",),
    ),
    ("schema", line_of("schema = 2"), "schema = 1", "schema", line_of("schema = 2"), ("sürüm", "schema = 2")),
    # the vocabulary: sources, situations, options, channels
    (
        "duplicate-source-id",
        line_of('id = "palu-2021-10-06"'),
        'id = "adana-2019-02-04"',
        f"source[{index_of(L_PALU, '[[source]]')}].id",
        line_of('id = "palu-2021-10-06"'),
        ("iki kez", "adana-2019-02-04"),
    ),
    (
        "source-without-date-or-url",
        L_BKK_DATE,
        None,
        f"source[{index_of(L_BKK_DATE, '[[source]]')}]",
        header_before(L_BKK_DATE, "[[source]]"),
        ("url", "date"),
    ),
    (
        "channel-overlap",
        line_of(CHANNEL_ONLINE),
        'when = { situation = ["lost", "reader-only", "first"] }',
        "channel",
        line_of("[[channel]]"),
        ("İlk başvuru", "birden çok başvuru şekli", "wet-signed, online"),
    ),
    (
        "channel-gap",
        line_of(CHANNEL_ONLINE),
        'when = { situation = ["lost"] }',
        "channel",
        line_of("[[channel]]"),
        ("Yalnızca kart okuyucu", "hiçbir başvuru şekli"),
    ),
    (
        "option-reserved-id",
        line_of('id = "with_reader"'),
        'id = "role"',
        "option[2].id",
        line_of('id = "with_reader"'),
        ("olamaz", "situation, role"),
    ),
    (
        "option-unknown-situation",
        line_of('situation = "lost"'),
        'situation = "stolen"',
        "option[2].situation",
        line_of('situation = "lost"'),
        ('"stolen"', '"lost"'),
    ),
    (
        "diagram-order",
        line_of("diagram = 5"),
        "diagram = 6",
        "situation",
        line_of("[[situation]]"),
        ("1'den",),
    ),
]

FD_FIRST = il_line_of('id = "family-doctor-first"')
STAFF_FIRST = il_line_of('id = "staff-first"')
SEND_WET = il_line_of('id = "send-wet-signed"')
L_IBAN = il_line_of(f'iban = "{FACTS["iban"]}"')
L_BANK = il_line_of(f'bank = "{FACTS["bank"]}"')
L_LATER = il_line_of("from = 2027-02-01")


L_STEP_SOURCE = il_line_of('sources = ["sinama-yazi"]', after=SEND_WET)
L_APPLY_ONLINE = il_line_of('id = "apply-online"')
L_LOST = il_line_of('id = "lost"')
L_UNTIL = il_line_of("until = 2027-01-31")
L_APPLY_READER = il_line_of('id = "apply-reader"')
L_READER_ONLY = il_line_of('id = "reader-only"')


def _payment(number: int) -> str:
    return f"payment[{index_of(number, '[[payment]]', IL_LINES)}]"


def _step(number: int) -> str:
    return f"step[{index_of(number, '[[step]]', IL_LINES)}]"


IL_EDITS: list[Edit] = [
    (
        "unknown-key",
        L_BANK,
        f'bnak = "{FACTS["bank"]}"',
        "facts[1].bnak",
        L_BANK,
        ("Bilinmeyen anahtar", "'bank' mı"),
    ),
    (
        "first-facts-without-name",
        il_line_of(f'name = "{FACTS["name"]}"'),
        None,
        "facts[1]",
        il_line_of("[[facts]]"),
        ("name =",),
    ),
    (
        "first-facts-with-from",
        il_line_of("[[facts]]"),
        "[[facts]]\nfrom = 2020-01-01",
        "facts[1].from",
        il_line_of("[[facts]]") + 1,
        ("İlk [[facts]]", "from"),
    ),
    ("later-facts-without-from", L_LATER, None, "facts[2]", L_LATER - 1, ("from = YYYY-AA-GG",)),
    (
        "later-facts-unsorted",
        L_LATER + 2,
        f'iban = "{IL["facts"][1]["iban"]}"\n\n[[facts]]\nfrom = 2026-01-01\n'
        'sources = ["sinama-yazi"]\nunit = "Başka Birim"',
        "facts[3].from",
        L_LATER + 5,
        ("sıralı", "1 Ocak 2026"),
    ),
    (
        "iban-mod97",
        L_IBAN,
        f'iban = "{FACTS["iban"][:-1]}{(int(FACTS["iban"][-1]) + 1) % 10}"',
        "facts[1].iban",
        L_IBAN,
        ("IBAN geçersiz", "mod 97"),
    ),
    (
        "email",
        il_line_of(f'emails = ["{FACTS["emails"][0]}", "{FACTS["emails"][1]}"]'),
        f'emails = ["{FACTS["emails"][0].replace("@", "(at)")}"]',
        "facts[1].emails[1]",
        il_line_of(f'emails = ["{FACTS["emails"][0]}", "{FACTS["emails"][1]}"]'),
        ("e-posta",),
    ),
    (
        "description-naming-the-person-in-part",  # (naming no one: an instruction, a warning)
        il_line_of(f'description = "{FACTS["description"]}"'),
        'description = "AD-SOYAD NES ÜCRETİ"',
        "facts[1].description",
        il_line_of(f'description = "{FACTS["description"]}"'),
        ("eksik: 'TC' veya 'TCKN'", "'Ad' veya 'AD' veya 'Adı' veya 'ADI'"),
    ),
    (
        "site-id-not-folder",
        il_line_of('id = "sinama"'),
        'id = "mersin"',
        "site.id",
        il_line_of('id = "sinama"'),
        ('id = "sinama"',),
    ),
    (
        "unknown-source",
        L_STEP_SOURCE,
        'sources = ["sinama-yazı"]',
        f"{_step(L_STEP_SOURCE)}.sources[1]",
        L_STEP_SOURCE,
        ("Bilinmeyen kaynak kimliği", "sinama-yazi"),
    ),
    (
        "source-id-of-the-national-file",
        il_line_of('id = "sinama-duyuru"'),
        'id = "cbk-7346"',
        "source[1].id",
        il_line_of('id = "sinama-duyuru"'),
        ("iki kez", "cbk-7346"),
    ),
    (
        "unknown-when-key",
        FD_FIRST + 1,
        'when = { situation = "first", rol = "family-doctor" }',
        f"{_payment(FD_FIRST)}.when.rol",
        FD_FIRST + 1,
        ("'when' içinde bilinmeyen alan", "'role' mı"),
    ),
    (
        "unknown-when-value",
        FD_FIRST + 1,
        'when = { situation = "frist", role = "family-doctor" }',
        f"{_payment(FD_FIRST)}.when.situation",
        FD_FIRST + 1,
        ('"frist"', '"first"'),
    ),
    (
        "when-value-of-the-wrong-type",
        FD_FIRST + 1,
        'when = { situation = "first", electronic = "yes" }',
        f"{_payment(FD_FIRST)}.when.electronic",
        FD_FIRST + 1,
        ('"yes"', "true, false"),
    ),
    (
        "payee-in-a-payment-when",
        FD_FIRST + 1,
        'when = { situation = "first", payee = "none" }',
        f"{_payment(FD_FIRST)}.when.payee",
        FD_FIRST + 1,
        ("bilinmeyen alan 'payee'",),
    ),
    (
        "unknown-placeholder",
        SEND_WET + 2,
        'text = "Formu {il.unti|dat} teslim edin."',
        f"{_step(SEND_WET)}.text",
        SEND_WET + 2,
        ("Bilinmeyen yer tutucu {il.unti}", "il.unit"),
    ),
    (
        "unknown-filter",
        SEND_WET + 2,
        'text = "Formu {il.unit|datif} teslim edin."',
        f"{_step(SEND_WET)}.text",
        SEND_WET + 2,
        ("Bilinmeyen süzgeç |datif", "dat"),
    ),
    (
        "stray-brace",
        SEND_WET + 2,
        'text = "Formu {il.unit teslim edin."',
        f"{_step(SEND_WET)}.text",
        SEND_WET + 2,
        ("süslü ayraç",),
    ),
    (
        "unknown-menu",
        il_line_of('text = "Ardından {kamusm.online} adresinden başvurun: {kamusm.menus.lost_apply}."'),
        'text = "{kamusm.menus.revoke}"',
        f"{_step(L_APPLY_ONLINE)}.text",
        il_line_of('text = "Ardından {kamusm.online} adresinden başvurun: {kamusm.menus.lost_apply}."'),
        ("{kamusm.menus.revoke}",),
    ),
    (
        "none-without-text",
        STAFF_FIRST + 3,
        None,
        _payment(STAFF_FIRST),
        STAFF_FIRST - 1,
        ("metin yazılmalı", "ödeme olmadığını"),
    ),
    ("directorate-without-items", FD_FIRST + 3, None, _payment(FD_FIRST), FD_FIRST - 1, ("items = [",)),
    (
        "basis-on-kamusm",
        L_LOST + 3,
        'items = ["nes-3y"]\nbasis = "x"',
        f"{_payment(L_LOST)}.basis",
        L_LOST + 4,
        ("yalnızca müdürlüğe",),
    ),
    (
        "until-before-from",
        L_UNTIL,
        "until = 2027-01-31\nfrom = 2027-03-01",
        f"{_step(L_UNTIL)}.until",
        L_UNTIL,
        ("önce olamaz",),
    ),
    ("schema", il_line_of("schema = 2"), "schema = 3", "schema", il_line_of("schema = 2"), ("schema = 2",)),
    # coverage: every case on every date
    (
        "no-payment",
        STAFF_FIRST + 1,
        'when = { situation = "first", role = "staff", electronic = true }',
        "payment",
        il_line_of("[[payment]]"),
        ("İlk başvuru · Diğer sağlık çalışanı:", "hiçbir ödeme kuralı"),
    ),
    (
        "two-payments",
        STAFF_FIRST + 1,
        'when = { situation = "first" }',
        _payment(STAFF_FIRST),
        STAFF_FIRST - 1,
        ("İlk başvuru · Aile hekimi", "birden çok ödeme kuralı", "family-doctor-first, staff-first"),
    ),
    (
        "no-step",
        [
            (
                il_line_of('when = { channel = ["wet-signed", "electronic"] }'),
                'when = { channel = "electronic" }',
            ),
            (SEND_WET + 1, 'when = { channel = "wet-signed", role = "family-doctor" }'),
        ],
        None,
        "step",
        il_line_of("[[step]]"),
        ("İlk başvuru · Diğer sağlık çalışanı", "hiçbir adım"),
    ),
    (
        "same-id-together",
        L_UNTIL,
        None,
        f"{_step(il_line_of('from = 2027-02-01', after=L_LATER))}.id",
        il_line_of('id = "send-receipt"', after=L_UNTIL) - 1,
        ("1 Şubat 2027 tarihinden itibaren", "aynı kimlikli iki adım", "send-receipt"),
    ),
    (
        "fact-missing-on-a-date",
        [
            (il_line_of(f'recipient = "{FACTS["recipient"]}"'), None),
            (L_LATER, f'from = 2027-02-01\nrecipient = "{FACTS["recipient"]}"'),
        ],
        None,
        f"{_step(SEND_WET)}.text",
        SEND_WET + 2,
        ("1 Şubat 2027 tarihinden önce", "{il.recipient}", "'recipient' yok"),
    ),
    (
        "rule-matches-nothing",
        il_line_of('when = { situation = "reader-only" }'),
        'when = { situation = "reader-only", electronic = true }',
        _step(L_APPLY_READER),
        L_APPLY_READER - 1,
        ("hiçbir duruma, hiçbir tarihte uymuyor",),
    ),
    (
        "unknown-overlaps-a-payment",
        il_line_of('when = { situation = "reader-only", role = "staff" }'),
        'when = { situation = "reader-only" }',
        _payment(L_READER_ONLY),
        L_READER_ONLY - 1,
        ("hem [[unknown]] 'reader-only-staff' hem ödeme kuralı 'reader-only'",),
    ),
]


def apply(lines: list[str], number: int | Change, new: str | None) -> str:
    changes = number if isinstance(number, list) else [(number, new)]
    out = list(lines)
    for at, text in sorted(changes, key=lambda c: -c[0]):  # from the bottom: numbers stay right
        if text is None:
            del out[at - 1]
        else:
            out[at - 1] = text
    return "\n".join(out) + "\n"


def write_pair(tmp_path: Path, national: str = REAL, il: str = IL_TEXT) -> tuple[Path, Path]:
    """A data root in tmp_path: kamusm.toml and iller/sinama/il.toml; (national, il.toml)."""
    folder = tmp_path / "iller" / "sinama"
    folder.mkdir(parents=True, exist_ok=True)
    (tmp_path / "kamusm.toml").write_text(national, encoding="utf-8")
    (folder / "il.toml").write_text(il, encoding="utf-8")
    return tmp_path / "kamusm.toml", folder / "il.toml"


def problems_of(tmp_path: Path, national: str = REAL, il: str = IL_TEXT) -> list[Any]:
    _, path = write_pair(tmp_path, national, il)
    with pytest.raises(DataError) as err:
        eimza.load_data(path.parent)
    assert err.value.code == "data-invalid"
    for p in err.value.problems:
        assert str(p) in err.value.message
    return list(err.value.problems)


def _check(problems: list[Any], path: Path, key: str, line: int, words: tuple[str, ...]) -> None:
    found = [p for p in problems if p.key == key]
    assert found, f"no problem for {key}: {problems}"
    p = found[0]
    assert p.file == str(path)
    assert p.line == line, (p, line)
    for word in words:
        assert word in p.message, p.message
    assert f"{path}:{line} [{key}]" in str(p)


@pytest.mark.parametrize(("edit", "number", "new", "key", "line", "words"), EDITS, ids=[e[0] for e in EDITS])
def test_malformed_national_file(
    tmp_path: Path,
    edit: str,
    number: int | Change,
    new: str | None,
    key: str,
    line: int,
    words: tuple[str, ...],
) -> None:
    problems = problems_of(tmp_path, national=apply(LINES, number, new))
    _check(problems, tmp_path / "kamusm.toml", key, line, words)


@pytest.mark.parametrize(
    ("edit", "number", "new", "key", "line", "words"), IL_EDITS, ids=[e[0] for e in IL_EDITS]
)
def test_malformed_directorate_file(
    tmp_path: Path,
    edit: str,
    number: int | Change,
    new: str | None,
    key: str,
    line: int,
    words: tuple[str, ...],
) -> None:
    problems = problems_of(tmp_path, il=apply(IL_LINES, number, new))
    _check(problems, tmp_path / "iller" / "sinama" / "il.toml", key, line, words)


L_2026 = line_of("from = 2026-01-01")


def test_every_problem_of_both_files_in_one_run(tmp_path: Path) -> None:
    """Issue 26 item 5: one `make check` names every problem of both files, each with its line:
    syntax, values and the table's coverage together. A slip does not hide its neighbours'
    problems (a misspelt key in a tariff period: the period's comma, missing quoted_gross and
    unknown source too; a deleted table: the rules are still checked), and a problem's
    consequences are not said as problems of their own (the steps of a refused payment rule
    do not "match no case"; a misspelt key is not also "missing")."""
    block = [  # the 2026 period as the editor types its amounts: four slips in one block
        "[[tariff]]",
        "from = 2026-01-01",
        "from_assumed = false",
        "amount_known = true",
        "verified = 2026-01-20",
        'confidence = "high"',
        'sources = ["kamusm-tarfe-2026"]',
        "[tariff.items]",
        'nes-3y = { net = "950,00", quoted_gross = "1140.00" }',
        'mini-reader = { net = "325.00" }',
    ]
    changes: Change = [
        (line_of(PORTAL), 'portal = "portal.kamusm.gov.tr"'),
        (line_of("verified = 2024-03-12"), 'verified = "2024-03-12"'),
        *((n, None) for n in range(L_2026 - 1, len(LINES) + 1)),
    ]
    national = apply(LINES, changes, None).rstrip("\n") + "\n\n" + "\n".join(block) + "\n"
    n_lines = national.splitlines()
    at = {text: n_lines.index(text) + 1 for text in block}
    il = "surprise = 1\n" + IL_TEXT
    for old, now in (
        ('url = "https://rehber.example.org/sinama/"', 'url = "rehber.example.org"'),
        ('[procedure]\nsources = ["sinama-duyuru"]\n', ""),  # the table deleted
        (
            'when = { situation = "first", role = "staff" }',
            'when = { situation = "first", role = "staff", electronic = true }',
        ),
        ('items = ["mini-reader"]\n\n[[unknown]]', 'items = ["mini-raeder"]\n\n[[unknown]]'),  # refused
        ("until = 2027-01-31", "until = 2027-02-28"),  # two send-receipt steps in February 2027
    ):
        assert il.count(old) == 1, old
        il = il.replace(old, now)
    i_lines = il.splitlines()

    def own_line(text: str, after: int = 0) -> int:
        return _line_of(i_lines, text, after)

    send = own_line('id = "send-receipt"', after=own_line("until = 2027-02-28"))
    second_send = il_line_of('id = "send-receipt"', after=L_UNTIL)
    staff = own_line('id = "staff-first"')
    _, path = write_pair(tmp_path, national, il)
    proc = subprocess.run(
        [sys.executable, "-m", "eimza", "check", "--il", str(path.parent)], capture_output=True, text=True
    )
    assert proc.returncode == 1 and proc.stdout == "", proc.stdout
    out = proc.stderr
    errors = [line for line in out.splitlines() if line.startswith("HATA")]
    assert f"{len(errors)} hata bulundu" in out and f"make check IL={path.parent}" in out
    nat, own = tmp_path / "kamusm.toml", path
    new = T_2024 + 2  # the 2026 period's index, as keys count
    expected = [  # (file, line, key, words)
        (nat, line_of(PORTAL), "kamusm.portal", "bağlantı"),
        (nat, line_of("verified = 2024-03-12"), f"tariff[{T_2024}].verified", "tırnaksız"),
        (nat, at["amount_known = true"], f"tariff[{new}].amount_known", "'amounts_known' mı"),
        (nat, at[block[6]], f"tariff[{new}].sources[1]", "kamusm-tarfe-2026"),
        (nat, at[block[8]], f"tariff[{new}].items.nes-3y.net", '"950.00" yazın'),
        (nat, at[block[9]], f"tariff[{new}].items.mini-reader", "quoted_gross"),
        (own, 1, "surprise", "Bilinmeyen anahtar"),
        (own, own_line('url = "rehber.example.org"'), "site.url", "bağlantı"),
        (own, own_line("[[payment]]"), "procedure", "[procedure] satırını"),
        (own, own_line("[[payment]]"), "payment", "İlk başvuru · Diğer sağlık çalışanı: hiçbir ödeme kuralı"),
        (own, staff - 1, _payment(STAFF_FIRST), "hiçbir duruma, hiçbir tarihte uymuyor"),
        (own, own_line('items = ["mini-raeder"]'), f"{_payment(L_READER_ONLY)}.items[1]", "'mini-raeder'"),
        (
            own,
            send,
            f"{_step(second_send)}.id",
            "1 Şubat 2027 – 28 Şubat 2027 arasında",
        ),
    ]
    for file, line, key, words in expected:
        hit = [e for e in errors if f"(satır {line}) {file}:{line} [{key}]:" in e]
        assert hit and words in hit[0], (file.name, line, key, words, out)
    said = {e.split(" [", 1)[1].split("]:", 1)[0] for e in errors}
    assert len(errors) == len(expected), out  # nothing more: no consequence said as a problem
    assert f"tariff[{new}].amounts_known" not in said  # the misspelling, said once
    assert _step(L_APPLY_READER) not in said  # apply-reader: its payment rule was refused
    assert "2027-02-28" not in out and "2027-02-01" not in out  # dates in words


def test_missing_file_and_not_utf8(tmp_path: Path) -> None:
    national, il = write_pair(tmp_path)
    national.unlink()
    with pytest.raises(DataError) as err:
        eimza.load_data(il.parent)
    assert err.value.problems[0].file == str(national) and "okunamadı" in err.value.problems[0].message
    national.write_bytes(REAL.encode("cp1254"))
    with pytest.raises(DataError) as err:
        eimza.load_data(il.parent)
    assert "UTF-8" in err.value.problems[0].message and err.value.problems[0].file == str(national)


def test_unknown_amounts_with_items(tmp_path: Path) -> None:
    number = next(n for n, line in enumerate(LINES, 1) if line.startswith('note = "2025 tutarları'))
    problems = problems_of(
        tmp_path,
        national=apply(LINES, number, LINES[number - 1] + '\n[tariff.items]\nnes-3y = { net = "1.00" }'),
    )
    p = problems[0]
    assert p.key.endswith(".items") and p.line == number + 1 and "items yazılmaz" in p.message


def test_deceiving_text_is_reported_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every text of both files goes through textcheck with its kind; its messages come with
    the file, key and line (textcheck itself: data22's tests)."""
    seen: list[tuple[str, str]] = []

    def fake(field: str, value: str, kind: str) -> list[str]:
        seen.append((field, kind))
        return [f"sahte: {kind}"] if "\u202e" in value else []

    monkeypatch.setattr(textcheck, "problems", fake)
    national = apply(LINES, line_of(PHONE), 'phone = "444\u202e5 576"')
    holder = f'account_holder = "{FACTS["account_holder"]}"'
    changes: Change = [
        (il_line_of(holder), 'account_holder = "SINAMA\u202e"'),
        (SEND_WET + 2, 'text = "Formu\u202e {il.unit|dat} teslim edin."'),
    ]
    il = apply(IL_LINES, changes, None)
    problems = problems_of(tmp_path, national, il)
    got = {(p.key, p.line, p.message) for p in problems}
    assert ("kamusm.phone", line_of(PHONE), "sahte: phone") in got
    assert ("facts[1].account_holder", il_line_of(holder), "sahte: name") in got
    assert (f"{_step(SEND_WET)}.text", SEND_WET + 2, "sahte: text") in got
    kinds = {k for _, k in seen}
    assert {"name", "text", "description", "phone", "url", "email"} <= kinds


def test_an_iban_of_another_bank_is_reported_on_its_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On every date a facts block starts, the IBAN's bank code must be the bank's (banks.py
    decides; data22's tests hold its table): a later IBAN of another bank is its block's problem."""
    later = IL["facts"][1]["iban"]

    def fake(iban: str, bank: str) -> str | None:
        return f"sahte: {iban[4:9]} {bank}" if iban == later else None

    monkeypatch.setattr(banks, "bank_code_problem", fake)
    problems = problems_of(tmp_path)
    (p,) = problems
    assert (p.key, p.line) == ("facts[2].iban", il_line_of(f'iban = "{later}"'))
    assert p.message == f"sahte: {later[4:9]} {FACTS['bank']}"


def test_a_rule_replaced_from_a_date_keeps_its_id(tmp_path: Path) -> None:
    """Two rules with one id are fine while they never match the same case on one date."""
    assert [r["id"] for r in IL["step"]].count("send-receipt") == 2
    eimza.load_data(write_pair(tmp_path)[1].parent)


# --- the shipped files ------------------------------------------------------------------------


SHIPPED = sorted(p.name for p in (ROOT / "data" / "iller").iterdir() if (p / "il.toml").is_file())


@pytest.mark.parametrize("il", SHIPPED)
def test_the_shipped_files_are_valid(il: str) -> None:
    data = eimza.load_data(il, DATA_FILE)
    starts = [p.start for p in data.tariffs]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(p.verified is not None for p in data.tariffs if p.amounts_known)
    assert data.site.id == il and data.facts_on(starts[0]).name


def test_the_fixtures_are_valid() -> None:
    data = eimza.load_data(FIXTURE_IL)
    assert data.national_path == str(FIXTURE_NATIONAL) and data.site.id == FIXTURE_IL.name


# --- locate_keys -----------------------------------------------------------------------------


def test_locate_keys_on_the_real_file() -> None:
    where = locate_keys(REAL)
    assert where[("kamusm", "portal")] == line_of(f'portal = "{NATIONAL["kamusm"]["portal"]}"')
    assert where[("tariff", T_2024 - 1, "items")] == L_ITEM_2024 - 1
    assert where[("tariff", T_2024 - 1, "items", "nes-3y", "net")] == L_ITEM_2024
    mini = line_of('mini-reader = { net = "250.00", quoted_gross = "300.00" }', after=L_ITEM_2024)
    assert where[("tariff", T_2024 - 1, "items", "mini-reader", "quoted_gross")] == mini
    assert where[("vat", 1, "rate")] == line_of('rate = "20"')
    assert where[("tariff", T_2023 - 1, "note")] == L_SOURCES_2023 + 4  # after a multi-line array
    il = locate_keys(IL_TEXT)
    assert il[("payment", 0, "when", "situation")] == il_line_of('id = "family-doctor-first"') + 1
    assert il[("step", 3, "text")] == il_line_of('id = "pay-directorate"') + 2


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

    from eimza.tomlines import toml_problem

    number = line_of(f'phone = "{NATIONAL["kamusm"]["phone"]}"')
    err = tomllib.TOMLDecodeError("Cannot overwrite a value")
    err.lineno = number  # type: ignore[attr-defined]
    p = toml_problem("f.toml", REAL, err)
    assert (p.file, p.key, p.line) == ("f.toml", "kamusm.phone", number) and "iki kez" in p.message
    end = toml_problem("f.toml", REAL, tomllib.TOMLDecodeError("Unterminated string (at end of document)"))
    assert end.line == len(LINES) and "Tırnak" in end.message


@pytest.mark.parametrize(
    ("links", "key", "words"),
    [
        (("islak", "Okuyucu"), "option[2].link", ("küçük harf", "Okuyucu")),  # not an id's letters
        (("islak", "islak"), "option[2].link", ("islak", "iki kez")),  # two options, one link name
    ],
    ids=["bad-letters", "duplicate"],
)
def test_an_options_link_name_is_checked(
    tmp_path: Path, links: tuple[str, str], key: str, words: tuple[str, ...]
) -> None:
    """An option's `link` (its name in the calculator's shared link) is an id's letters and
    names one option only; reported on its line."""
    lines = list(LINES)
    at = [line_of('id = "electronic"'), line_of('id = "with_reader"')]
    for number, link in sorted(zip(at, links, strict=True), reverse=True):
        lines.insert(number, f'link = "{link}"')
    problems = problems_of(tmp_path, national="\n".join(lines) + "\n")
    _check(problems, tmp_path / "kamusm.toml", key, at[1] + 2, words)
