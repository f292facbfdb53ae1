"""Editors' mistakes in the data files: `make check` (`python -m eimza check`) names the file,
the line and the fix in Turkish and exits 1, and publishing refuses the data. Each case edits
the text of the frozen fixture files (tests/data/: the national file and Tekirdağ's il.toml)
the way a person would."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from editor_helpers import FIXTURE_DATA, FIXTURE_EDITIONS, FIXTURE_IL, IL
from eimza import turkish

ROOT = Path(__file__).resolve().parent.parent
TEXT = FIXTURE_DATA.read_text(encoding="utf-8")  # the national file (the tariff)
IL_TEXT = (FIXTURE_IL / "il.toml").read_text(encoding="utf-8")  # the directorate's file
EDITIONS = FIXTURE_EDITIONS.read_text(encoding="utf-8")


def _root(root: Path, national: str = TEXT, il: str = IL_TEXT, editions: str = EDITIONS) -> Path:
    """A data root at root/data (kamusm.toml, iller/tekirdag/): the directorate's folder."""
    folder = root / "data" / "iller" / IL
    folder.mkdir(parents=True, exist_ok=True)
    (root / "data" / "kamusm.toml").write_text(national, encoding="utf-8")
    (folder / "il.toml").write_text(il, encoding="utf-8")
    (folder / "baskilar.toml").write_text(editions, encoding="utf-8")
    return folder


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not in the edited text"
    return hits[occurrence - 1]


def _typo(text: str) -> tuple[str, str]:
    # the 2024 period's "amounts_known" mistyped
    start = text.index("from = 2024-01-01")
    i = text.index("amounts_known = true", start)
    return text[:i] + "amount_known = true" + text[i + len("amounts_known = true") :], "amount_known = true"


def _comma(text: str) -> tuple[str, str]:
    edited = text.replace('nes-3y = { net = "650.00"', 'nes-3y = { net = "650,00"', 1)
    return edited, 'net = "650,00"'


def _comma_unquoted(text: str) -> tuple[str, str]:
    edited = text.replace('nes-3y = { net = "650.00"', "nes-3y = { net = 650,00", 1)
    return edited, "net = 650,00"


def _out_of_order(text: str) -> tuple[str, str]:
    # the 2021 period is given a start before the 2020 one
    edited = text.replace("from = 2021-01-01", "from = 2019-06-01", 1)
    return edited, "from = 2019-06-01"


def _iban(text: str) -> tuple[str, str]:
    m = re.search(r'^iban = "(TR\d{24})"', text, re.M)
    assert m
    iban = m.group(1)
    wrong = iban[:-1] + str((int(iban[-1]) + 1) % 10)
    return text.replace(iban, wrong, 1), f'iban = "{wrong}"'


def _duplicate(text: str) -> tuple[str, str]:
    m = re.search(r"^bank = .*$", text, re.M)
    assert m
    edited = text[: m.end()] + '\nbank = "Ziraat Bankası"' + text[m.end() :]
    return edited, 'bank = "Ziraat Bankası"'


# name: (edit, the file it edits, phrases of the message)
CASES = {
    "typo": (_typo, "kamusm.toml", ("Bilinmeyen anahtar", "'amounts_known' mı demek istediniz")),
    "comma": (_comma, "kamusm.toml", ("virgül değil nokta", '"650.00" yazın')),
    "comma-unquoted": (_comma_unquoted, "kamusm.toml", ("tırnak içinde", "nokta")),
    "out-of-order": (_out_of_order, "kamusm.toml", ("sıralı olmalı", "taşıyın")),
    "iban": (_iban, "il.toml", ("IBAN geçersiz", "bankanın yazısıyla karşılaştırın")),
    "duplicate": (_duplicate, "il.toml", ("facts[1].bank", "iki kez", "birini silin")),
}


def _run(args: list[str], cwd: Path = ROOT, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env)


def _publish(
    root: Path, edition: str, *extra: str, today: str = "2026-12-01"
) -> subprocess.CompletedProcess[str]:
    """publish in `root` (not a repository: nothing published there), today fixed."""
    args = ["-m", "eimza_site.publish.publish", "--root", str(root), "--edition", edition, "--today", today]
    return _run([*args, *extra], EIMZA_IL=IL)  # the root's only directorate


@pytest.mark.parametrize("name", list(CASES))
def test_check_names_line_and_fix(name: str, tmp_path: Path) -> None:
    edit, file, phrases = CASES[name]
    original = TEXT if file == "kamusm.toml" else IL_TEXT
    text, needle = edit(original)
    assert text != original
    national, il = (text, IL_TEXT) if file == "kamusm.toml" else (TEXT, text)
    folder = _root(tmp_path, national, il)
    proc = _run(["-m", "eimza", "check", "--il", str(folder)])
    assert proc.returncode == 1, proc.stdout + proc.stderr
    line = _line_of(text, needle)
    errors = [x for x in proc.stderr.splitlines() if x.startswith("HATA")]
    assert errors, proc.stderr
    assert any(f"satır {line}" in x and f"{file}:{line}" in x for x in errors), (line, proc.stderr)
    for phrase in phrases:
        assert phrase in proc.stderr, (phrase, proc.stderr)
    assert "dosya yayımlanamaz" in proc.stderr and "make check" in proc.stderr
    assert "Traceback" not in proc.stderr

    # publishing refuses the same data, before any build runs
    pub = _publish(tmp_path, "2024-03-04")
    assert pub.returncode == 1, pub.stdout + pub.stderr
    assert "YAYIMLANMADI" in pub.stderr and f"satır {line}" in pub.stderr
    assert "mike deploy" not in pub.stdout


def test_the_shipped_files_check_clean() -> None:
    proc = _run(["-m", "eimza", "check"])
    assert proc.returncode == 0, proc.stderr
    assert "Tamam:" in proc.stdout


def test_check_clean_file_and_yearly_warning() -> None:
    newest = max(p for p in re.findall(r"^verified = (\d{4}-\d{2}-\d{2})", TEXT, re.M))
    after = dt.date(dt.date.fromisoformat(newest).year + 1, 6, 1)
    proc = _run(["-m", "eimza", "check", "--il", str(FIXTURE_IL), "--today", after.isoformat()])
    assert proc.returncode == 0, proc.stderr
    assert "Tamam:" in proc.stdout
    assert "yıllık tarife güncellemesi" in proc.stdout
    same_year = dt.date.fromisoformat(newest) + dt.timedelta(days=1)
    proc = _run(["-m", "eimza", "check", "--il", str(FIXTURE_IL), "--today", same_year.isoformat()])
    assert proc.returncode == 0 and "yıllık tarife güncellemesi" not in proc.stdout


@pytest.mark.parametrize(
    ("edition", "phrase"),
    [
        ("2026-02-30", "takvimde yok"),
        ("20-01-2026", "YYYY-AA-GG"),
        ("", "YYYY-AA-GG"),
        ("2999-01-01", "sonra olamaz"),
    ],
)
def test_publish_refuses_bad_edition(edition: str, phrase: str, tmp_path: Path) -> None:
    proc = _publish(tmp_path, edition)
    assert proc.returncode == 1
    assert "YAYIMLANMADI" in proc.stderr and phrase in proc.stderr, proc.stderr


def test_publish_refuses_edition_missing_from_list(tmp_path: Path) -> None:
    _root(tmp_path)
    newest = max(re.findall(r"^date = (\d{4}-\d{2}-\d{2})", EDITIONS, re.M))
    absent = (dt.date.fromisoformat(newest) + dt.timedelta(days=1)).isoformat()
    proc = _publish(tmp_path, absent)
    assert proc.returncode == 1
    assert f"{absent} tarihli baskı yok" in proc.stderr and "[[edition]]" in proc.stderr


def test_editions_file_errors_have_lines(tmp_path: Path) -> None:
    older = EDITIONS + '\n[[edition]]\ndate = 2020-01-01\nnote = "Geri tarihli"\n'
    folder = _root(tmp_path, editions=older)
    proc = _run(["-m", "eimza", "check", "--il", str(folder)])
    assert proc.returncode == 1
    assert f"satır {_line_of(older, 'date = 2020-01-01')}" in proc.stderr
    # said the right way round, the dates in words: the older entry is to move up
    newest = max(re.findall(r"^date = (\d{4}-\d{2}-\d{2})", EDITIONS, re.M))
    words = turkish.date_long(dt.date.fromisoformat(newest))
    assert f"bu 1 Ocak 2020 baskısı, kendinden önce yazılmış {words} baskısından eski" in proc.stderr


def test_check_warns_when_todays_period_has_no_amounts() -> None:
    """The fixture's 2026 period has no amounts: a check on a 2026 day says so (and exits 0)."""
    proc = _run(["-m", "eimza", "check", "--il", str(FIXTURE_IL), "--today", "2026-02-01"])
    assert proc.returncode == 0, proc.stderr
    assert (
        "Uyarı: bugün geçerli dönemin (1 Ocak 2026 tarihinden itibaren) tutarları veri dosyasında yok; "
        "hesaplayıcı bu dönem için ödeme tutarı veremez." in proc.stdout
    )
    known = _run(["-m", "eimza", "check", "--il", str(FIXTURE_IL), "--today", "2024-06-01"])
    assert known.returncode == 0 and "tutarları veri dosyasında yok" not in known.stdout


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "http://127.0.0.1:8000/",  # the preview's own address (mkdocs.yml's default)
        "https://127.0.0.1:8000/",
        "https://localhost/",
        "https://[::1]/eimza/",
        "https://192.168.1.20/",
        "https://0.0.0.0/",
        "http://rehber.example.org/eimza/",  # not https
        "https://rehber.example.org/eimza",  # mike would put the edition next to it
        "rehber.example.org/",
    ],
)
def test_a_published_address_is_public_https_and_ends_in_a_slash(value: str | None) -> None:
    from eimza_site.publish.publish import address_problem

    assert address_problem(value), value
    assert address_problem("https://rehber.example.org/eimza/") is None
    assert address_problem("https://tekirdagism.saglik.gov.tr/") is None


def test_publish_refuses_the_preview_address_before_building(tmp_path: Path) -> None:
    from editor_helpers import FIRST_EDITION, copy_project, git, py, set_address

    repo = copy_project(tmp_path / "proje")
    set_address(repo, "http://127.0.0.1:8000/")  # the preview's address, as a new directorate has
    git(repo, "commit", "-qam", "yerel adres")
    proc = py(repo, "-m", "eimza_site.publish.publish", "--edition", FIRST_EDITION, "--today", "2026-02-01")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "YAYIMLANMADI: Sitenin herkese açık adresi" in proc.stderr, proc.stderr
    assert "[site] tablosundaki url şu an “http://127.0.0.1:8000/”" in proc.stderr
    assert "data/iller/tekirdag/il.toml" in proc.stderr and "yerel ağın" in proc.stderr
    assert "mkdocs build" not in proc.stdout and "Traceback" not in proc.stderr
    assert "gh-pages" not in git(repo, "branch", "--list")


def _sample(annotation: str) -> object:
    """An argument of the kind a message function declares (its annotation, as text)."""
    if "Sequence" in annotation or "list" in annotation:
        if "tuple" in annotation:
            return [("data/iller/mersin/il.toml", "değişti")]
        return [dt.date(2026, 2, 1)] if "date" in annotation else ["mersin"]
    if "date" in annotation:
        return dt.date(2026, 2, 1)
    if "dict" in annotation:
        return {"file": "docs/index.md", "line": 3, "message": "hata"}
    if annotation.startswith(("int", "float")):
        return 1
    if annotation.startswith("bool"):
        return True
    return "deger"


# mentions of a command that are not commands to type (what a tool is, a set-up step)
_NOT_COMMANDS = ("make check bu dosyalarda", "make check sorunu", "make setup-test", "make diff ve")


def test_every_command_a_message_prints_names_its_directorate() -> None:
    """Issue 26 item 4: a command printed by publish, push, withdraw, rollback, undo-correction
    or the preview names the directorate it is about (IL=…, the default one too), so that a
    command copied from a message never acts on another directorate."""
    import inspect

    from eimza_site import messages

    seen = 0
    for name, fn in inspect.getmembers(messages, inspect.isfunction):
        if fn.__module__ != messages.__name__:
            continue
        params = inspect.signature(fn).parameters.values()
        if any(p.kind is p.VAR_POSITIONAL for p in params):
            continue  # command() itself
        args = {p.name: ("mersin" if p.name == "il" else _sample(str(p.annotation))) for p in params}
        result = fn(**args)
        text = "\n".join(result) if isinstance(result, list) else str(result)
        for phrase in _NOT_COMMANDS:
            text = text.replace(phrase, "")
        for m in re.finditer(r"\bmake [a-z][a-z-]*(?: [A-Z]+=\S+)*", text):
            seen += 1
            assert " IL=mersin" in m.group(0), (name, m.group(0), text)
    assert seen > 20, seen  # the commands were found
