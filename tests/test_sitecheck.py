"""The checks `make publish` runs on a built edition (eimza_site.pages.sitecheck, calccheck), on small
hand-made sites: each kind of problem is found, with its page and line, in Turkish; a clean
site passes. (The real build is checked by test_editor_e2e.py through make publish.)"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from eimza import web
from eimza_site.pages import sitecheck
from eimza_site.runtime import calccheck
from engine_facts import fixture_data

DATA = fixture_data()
FIXTURE = Path(__file__).resolve().parent / "data"
EDITION = dt.date(2024, 6, 1)


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html>\n<html><body>\n{body}\n</body></html>\n", encoding="utf-8")
    return tmp_path / "site"


def test_a_clean_site_passes(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {
            "index.html": '<p>Toplam: 1.080,00 TL</p>\n<a href="ucret/">ücret</a> '
            '<a href="ucret/#tablo">tablo</a>',
            "ucret/index.html": '<h2 id="tablo">Tablo</h2><p>780,00 TL</p><pre><code>{{ iban }}</code></pre>',
        },
    )
    assert sitecheck.check_site(root, DATA, EDITION) == []


def test_each_problem_has_its_page_and_line(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {
            "index.html": "<p>ilk satır</p>\n<p>Toplam: 1.081,00 TL</p>\n<p>{{ iban }}</p>\n"
            '<a href="yok/">x</a>',
            "ucret/index.html": '<a href="../#bolum-yok">x</a>\n<a title="{{ url.portal }}" href="../">y</a>',
        },
    )
    problems = sitecheck.check_site(root, DATA, EDITION)
    found = {(p.check, p.page, p.line) for p in problems}
    assert found == {
        ("etiketler", "index.html", 5),
        ("etiketler", "ucret/index.html", 4),  # in an attribute too
        ("tutarlar", "index.html", 4),
        ("bağlantılar", "index.html", 6),
        ("bağlantılar", "ucret/index.html", 3),
    }, problems
    text = "\n".join(sitecheck.report(problems))
    assert "HATA [tutarlar] index.html, satır 4: 1.081,00 TL motorun bu veriyle hesapladığı" in text
    assert "{{ … }} etiketi koyun" in text and "bağlantıyı" in text


def test_a_left_token_is_quoted_as_typed(tmp_path: Path) -> None:
    long = "{{ answer:first:family-doctor:bir-seviye-daha }}"
    root = site(tmp_path, {"index.html": f"<p>{long}</p>\n<p>{{{{ iban }}}}</p>"})
    messages = [p.message for p in sitecheck.check_tokens(root)]
    assert len(messages) == 2, messages
    # Turkish quotes, not a Python repr; at most 40 characters, a cut one ends in "…"
    assert f"kaldı: “{long[:40]}…”." in messages[0], messages[0]
    assert "kaldı: “{{ iban }}</p>”." in messages[1], messages[1]
    assert not any("'{{" in m for m in messages)


def _fake_site(tmp_path: Path, il_bytes: bytes) -> tuple[Path, str]:
    root = tmp_path / "site"
    wheel = "assets/calculator/abcdef012345/eimza-1.0.0-py3-none-any.whl"
    (root / wheel).parent.mkdir(parents=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("eimza/data/kamusm.toml", Path(DATA.national_path).read_bytes())
        zf.writestr("eimza/data/il.toml", il_bytes)
    (root / wheel).write_bytes(buf.getvalue())
    return root, wheel


def _answers(case: dict[str, Any]) -> list[dict[str, Any]]:
    message = {"case": case, "person": None}
    return [{"message": message, "out": json.loads(web.handle(json.dumps(message), DATA))}]


def test_calculator_check_compares_with_the_native_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, wheel = _fake_site(tmp_path, Path(DATA.path).read_bytes())
    case = {"situation": "first", "role": "family-doctor", "date": "2024-03-12"}
    shipped = {
        "wheel": wheel,
        "snapshot": "x.bin",
        "plain": _answers(case),
        "snapshot_answers": _answers(case),
    }
    monkeypatch.setattr(calccheck, "run_parity", lambda site, root: shipped)
    assert calccheck.check_calculator(root, tmp_path, DATA) == []

    shipped["snapshot_answers"][0]["out"]["answer"]["quote"]["payment"]["total"] = "1081.00"
    (problem,) = calccheck.check_calculator(root, tmp_path, DATA)
    assert problem.check == "hesaplayıcı" and "bellek görüntüsü" in problem.message
    assert "1081.00" in problem.message and "yayımlamayın" in problem.message


def test_calculator_check_wants_this_data_in_the_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, wheel = _fake_site(tmp_path, b"schema = 1\n")
    case = {"situation": "first", "role": "staff", "date": "2024-03-12"}
    shipped = {"wheel": wheel, "snapshot": "x.bin", "plain": _answers(case), "snapshot_answers": None}
    monkeypatch.setattr(calccheck, "run_parity", lambda site, root: shipped)
    messages = [p.message for p in calccheck.check_calculator(root, tmp_path, DATA)]
    assert any("paketindeki veri" in m and DATA.path in m for m in messages)
    assert any("bellek görüntüsü (snapshot) yok" in m for m in messages)


def test_links_from_the_server_root_are_read_under_the_site_address(tmp_path: Path) -> None:
    # mkdocs writes 404.html's links from the server's root, under site_url's path
    root = site(
        tmp_path,
        {
            "404.html": '<a href="/eimza/ucret/">a</a>\n<a href="/eimza/">b</a>\n<a href="/eimza">c</a>\n'
            '<a href="/ucret/">d</a>',
            "ucret/index.html": "<p>Ücret</p>",
            "index.html": "<p>Ana sayfa</p>",
        },
    )
    under = sitecheck.check_links(root, "/eimza/")
    assert [(p.page, p.line) for p in under] == [("404.html", 6)], under  # only /ucret/
    at_root = sitecheck.check_links(root)
    assert sorted(p.line for p in at_root) == [3, 4, 5], at_root  # /eimza/… is not this site


def _commit_and_tag(repo: Path, tag: str) -> None:
    for args in (["add", "-A"], ["commit", "-q", "-m", tag], ["tag", tag]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=GIT_ENV)


GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Editör",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editör",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}


def test_the_change_history_may_name_amounts_of_recorded_states(tmp_path: Path) -> None:
    """A correction of an amount, then a correction putting it back: the change history names
    the wrong amount (recorded in the corrections' tags) that the data being published no
    longer has. It passes on the history's own line, and only there."""
    from eimza import editions, load_data, money
    from eimza_site.publish import edition_tags

    repo = tmp_path / "depo"
    folder = repo / "data" / "iller" / "sinama"
    folder.mkdir(parents=True)
    national = (FIXTURE / "kamusm.toml").read_text(encoding="utf-8")
    (folder / "il.toml").write_text((FIXTURE / "iller/sinama/il.toml").read_text(encoding="utf-8"))
    listed = (FIXTURE / "iller/sinama/baskilar.toml").read_text(encoding="utf-8")
    right = 'nes-3y = { net = "650.00", quoted_gross = "780.00" }'
    assert national.count(right) == 1
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    steps = [
        ("sinama/baski-2024-03-04", national, listed),
        (
            "sinama/baski-2024-03-04-duzeltme-1",
            national.replace(right, 'nes-3y = { net = "700.00", quoted_gross = "840.00" }'),
            listed + "corrections = [2024-03-05]\n",
        ),
        ("sinama/baski-2024-03-04-duzeltme-2", national, listed + "corrections = [2024-03-05, 2024-03-06]\n"),
    ]
    for tag, text, fixes in steps:
        (repo / "data" / "kamusm.toml").write_text(text, encoding="utf-8")
        (folder / "baskilar.toml").write_text(fixes, encoding="utf-8")
        _commit_and_tag(repo, tag)
    data = load_data(folder)
    wrong = money.format_tl("840.00")
    eds = editions.load_editions(folder / "baskilar.toml")
    states = edition_tags.states_for_build(folder / "il.toml", [e.date for e in eds])  # as the build
    lines = [
        c
        for ed in editions.edition_list(eds, data, states)
        for fix in ed["corrections"]
        for c in fix["changes"] or ()
    ]
    assert sum(wrong in line for line in lines) == 2, lines  # "780 → 840", then "840 → 780"
    root = site(
        tmp_path,
        {
            "degisiklik-gecmisi/index.html": "<ul>\n"
            + "".join(f"<li>{line}</li>\n" for line in lines)
            + "</ul>",
            "ucret/index.html": f"<p>Toplam: {wrong}</p>",
        },
    )
    problems = sitecheck.check_amounts(root, data, EDITION)
    assert [(p.page, p.line) for p in problems] == [("ucret/index.html", 3)], problems
    assert wrong in problems[0].message
