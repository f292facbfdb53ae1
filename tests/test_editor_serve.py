"""`make serve IL=…` as the blind directorate's editor met it: a directorate folder outside
data/iller/ (a fixture, a copy) is previewed as `make check` and `make build` take it, a
refusal shows a `make serve` example (never publish), and a failed first build does not
claim that an earlier one is still shown: there is none yet, and it says how to start again.
Such a folder is never published, so no published edition is offered beside it. One real
preview build (fixture data, in a temporary folder)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor_helpers import ROOT, env_for
from engine_facts import FIXTURE_IL, FIXTURE_NATIONAL

STILL_SHOWN = "Son başarılı derleme sunulmaya devam ediyor"


@pytest.mark.parametrize("il", ["tests/data/iller/yok", "yokil"])
def test_serve_refuses_with_a_serve_example(il: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "eimza_site.preview.serve", "--watch", "--port", "0"],
        cwd=ROOT,
        env=env_for(ROOT, EIMZA_IL=il),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"IL=“{il}”" in proc.stderr
    assert re.search(r"Örnek: make serve IL=[a-z]+$", proc.stderr.strip()), proc.stderr
    assert "publish" not in proc.stderr and "EDITION" not in proc.stderr


def test_serve_previews_a_folder_and_says_when_no_build_succeeded(tmp_path: Path) -> None:
    """A copy of the fixture directorate in a folder of its own (with its national file), its
    e-mail made unique: first broken (no build ever succeeded), then fixed (the preview shows
    that folder's data), then broken again (the last good build stays on show)."""
    from eimza_site.preview.watch import PREVIEW, Preview

    folder = tmp_path / "veri" / "iller" / FIXTURE_IL.name
    shutil.copytree(FIXTURE_IL, folder)
    shutil.copyfile(FIXTURE_NATIONAL, tmp_path / "veri" / "kamusm.toml")
    il = folder / "il.toml"
    text = il.read_text(encoding="utf-8")
    email = re.search(r'^emails = \["([^"]+)"', text, re.M)
    assert email, "the fixture directorate has an e-mail"
    good = text.replace(email.group(1), "klasor.onizleme@example.org")
    iban = re.search(r'^iban = "([^"]+)"', good, re.M)
    assert iban
    broken = good.replace(iban.group(1), iban.group(1)[:-1] + str((int(iban.group(1)[-1]) + 1) % 10))

    logs: list[str] = []
    il.write_text(broken, encoding="utf-8")
    preview = Preview(ROOT, tmp_path / "kok", log=logs.append, il=str(folder))
    assert preview.d.build_env()["EIMZA_IL"] == str(folder)
    preview.prepare()
    assert preview.build() is False
    failed = logs[-1]
    assert failed.startswith("Önizleme derlenemedi") and "IBAN" in failed, failed
    assert "Henüz başarılı bir derleme yok" in failed and STILL_SHOWN not in failed
    assert f"make serve IL={folder}" in failed and f"make check IL={folder}" in failed

    il.write_text(good, encoding="utf-8")
    assert preview.build() is True, logs[-3:]
    contact = (tmp_path / "kok" / PREVIEW / "iletisim" / "index.html").read_text(encoding="utf-8")
    assert "klasor.onizleme@example.org" in contact

    il.write_text(broken, encoding="utf-8")
    assert preview.build() is False
    assert STILL_SHOWN in logs[-1] and "Henüz" not in logs[-1], logs[-1]


def test_a_folder_preview_lists_no_published_edition(tmp_path: Path) -> None:
    """A folder outside data/iller/ is never published: a local branch named after its id
    (gh-pages-<id>) is another directorate's, and its editions are not offered beside it."""
    import json

    from editor_helpers import git
    from eimza_site.preview.watch import PREVIEW, Preview

    repo = tmp_path / "depo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", f"gh-pages-{FIXTURE_IL.name}")
    versions = [{"version": "2026-01-20", "title": "20 Ocak 2026", "aliases": ["guncel"]}]
    (repo / "versions.json").write_text(json.dumps(versions), encoding="utf-8")
    git(repo, "add", "versions.json")
    git(repo, "commit", "-q", "-m", "baskı")
    shutil.copytree(FIXTURE_IL, repo / "deneme" / FIXTURE_IL.name)
    preview = Preview(repo, tmp_path / "kok", log=lambda _: None, il=f"deneme/{FIXTURE_IL.name}")
    preview.prepare()
    listed = json.loads((tmp_path / "kok" / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in listed] == [PREVIEW]
    assert not (tmp_path / "kok" / "2026-01-20").exists()
