"""The command line, run as users run it: `python -m eimza …` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine_facts import DATA_FILE, FIXTURE_IL, fixture_il, fixture_national

IL = fixture_il()
FACTS = IL["facts"][0]
IBAN = FACTS["iban"].replace(" ", "")
SANALPOS = fixture_national()["kamusm"]["sanalpos"]
DATA_ARGS = ("--il", str(FIXTURE_IL))
SHIPPED = sorted(p.parent.name for p in DATA_FILE.parent.glob("iller/*/il.toml"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """python -m eimza, with the fixture directorate for quote and check."""
    extra = DATA_ARGS if args[:1] in (("quote",), ("check",)) and "--il" not in args else ()
    return subprocess.run(
        [sys.executable, "-m", "eimza", *args, *extra],
        capture_output=True,
        text=True,
        timeout=60,
        encoding="utf-8",
    )


def run_json(*args: str) -> tuple[int, Any]:
    proc = run(*args, "--json")
    return proc.returncode, json.loads(proc.stdout)


def test_quote_text() -> None:
    proc = run("quote", "--situation", "first", "--role", "family-doctor", "--date", "2024-03-12",
               "--name", "ilker", "--surname", "çiftçi", "--tckn", "17291716060")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    grouped = " ".join(IBAN[i : i + 4] for i in range(0, 26, 4))
    for shown in (
        "İlk başvuru",
        "Toplam: 1.080,00 TL",
        grouped,
        "İLKER-ÇİFTÇİ-17291716060",
        *FACTS["emails"],
    ):
        assert shown in proc.stdout


def test_quote_json_directorate_shape() -> None:
    code, q = run_json("quote", "--situation", "renewal", "--role", "family-doctor", "--date", "2019-02-04")
    assert code == 0
    assert {"channel", "steps", "payment", "tariff", "warnings"} <= set(q)
    assert q["channel"] == "electronic"
    assert all({"id", "text", "links"} <= set(s) for s in q["steps"])
    pay = q["payment"]
    assert pay["payee"] == "directorate" and pay["total"] == "112.10"
    assert [set(i) >= {"code", "net", "vat_rate", "vat", "gross"} for i in pay["items"]] == [True]
    assert pay["items"][0] | {"label": None} == {
        "code": "nes-3y", "label": None, "net": "95.00", "vat_rate": "18", "vat": "17.10", "gross": "112.10",
    }  # fmt: skip
    own = next(p["description"] for p in IL["payment"] if p["id"] == "family-doctor-renewal")
    assert (pay["iban"], pay["description"], pay["receipt"]["links"]) == (IBAN, own, [])
    assert {"from", "verified", "confidence", "sources"} <= set(q["tariff"])
    assert all({"code", "message"} <= set(w) for w in q["warnings"])


def test_quote_json_options() -> None:
    code, q = run_json(
        "quote", "--situation", "lost", "--role", "staff", "--date", "2024-03-12", "--with-reader"
    )
    assert code == 0 and q["channel"] == "online"
    assert q["payment"]["payee"] == "kamusm" and q["payment"]["total"] == "1080.00"
    assert q["payment"]["pay_url"] == SANALPOS and "iban" not in q["payment"]
    code, q = run_json("quote", "--situation", "renewal", "--role", "staff", "--no-electronic")
    assert code == 0 and q["channel"] == "wet-signed" and q["payment"] is None
    code, q = run_json("quote", "--situation", "renewal", "--role", "staff", "--electronic")
    assert code == 0 and q["channel"] == "electronic"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--situation", "moved", "--role", "staff"], "situation-unknown"),
        (["--situation", "first", "--role", "staff", "--date", "2024-02-30"], "date-invalid"),
        (["--situation", "first", "--role", "staff", "--no-electronic"], "option-not-applicable"),
        (
            ["--situation", "first", "--role", "family-doctor", "--date", "2018-12-31"],
            "tariff-unknown",
        ),  # before the data
        (["--situation", "first", "--role", "family-doctor", "--name", "Ali"], "identity-incomplete"),
        (["--situation", "first"], "usage"),
    ],
)
def test_quote_errors(args: list[str], code: str) -> None:
    proc = run("quote", *args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() and "Traceback" not in proc.stderr
    jproc = run("quote", *args, "--json")
    assert jproc.returncode == 2
    out = json.loads(jproc.stdout)
    assert set(out) == {"error"} and set(out["error"]) == {"code", "message"}
    assert out["error"]["code"] == code
    assert out["error"]["message"].splitlines()[0] in jproc.stderr


def test_usage_error_is_turkish() -> None:
    proc = run("quote", "--situation", "first")
    assert "şu seçenekler gerekli" in proc.stderr and "--role" in proc.stderr


def test_check_the_files() -> None:
    """The frozen fixture on a fixed day; the shipped files only to what always holds: every
    directorate checks clean on the real day (a verified date is never in the future; a new
    tariff period or edition changes nothing here)."""
    proc = run("check", "--today", "2024-06-01")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and "Tamam" in proc.stdout
    assert str(FIXTURE_IL / "il.toml") in proc.stdout and "kamusm.toml" in proc.stdout  # both files named
    for il in SHIPPED:
        shipped = run("check", "--il", il, "--national", str(DATA_FILE))
        assert shipped.returncode == 0, shipped.stderr
        assert "Tamam" in shipped.stdout and f"{il}/il.toml" in shipped.stdout


def test_check_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "iller" / "sinama"
    folder.mkdir(parents=True)
    (tmp_path / "kamusm.toml").write_bytes((FIXTURE_IL.parent.parent / "kamusm.toml").read_bytes())
    lines = (FIXTURE_IL / "il.toml").read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("iban = "))
    lines[number - 1] = lines[number - 1][:-2] + str((int(lines[number - 1][-2]) + 1) % 10) + '"'
    (folder / "il.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run("check", "--il", str(folder))
    assert proc.returncode == 1
    assert f"{folder / 'il.toml'}:{number} [facts[1].iban]" in proc.stderr and "IBAN geçersiz" in proc.stderr
    proc = run("check", "--il", str(tmp_path / "yok"))
    assert proc.returncode == 1 and "diye bir il (müdürlük) yok" in proc.stderr
    assert "No such file" not in proc.stderr
    proc = run("check", "--il", "yok")  # as make check IL=yok passes it: the repository's directorates
    assert proc.returncode == 1 and "'yok' diye bir il (müdürlük) yok" in proc.stderr
    assert all(f"{p.parent.name}" in proc.stderr for p in DATA_FILE.parent.glob("iller/*/il.toml"))
    proc = run("quote", "--situation", "first", "--role", "staff", "--il", str(folder), "--json")
    assert proc.returncode == 2 and json.loads(proc.stdout)["error"]["code"] == "data-invalid"


@pytest.mark.parametrize("argv", [("--help",), ("quote", "--help"), ("check", "-h"), ("diff", "--help")])
def test_help_is_turkish(argv: tuple[str, ...]) -> None:
    proc = run(*argv)
    assert proc.returncode == 0
    assert proc.stdout.startswith("Kullanım: python -m eimza")
    assert "seçenekler:" in proc.stdout and "bu yardımı gösterir" in proc.stdout
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in proc.stdout
