"""The change history readers see (what each edition and each correction changed, an undone
correction said as such, nothing technical where a state is unknown), the editions file's
`undone` key, the two edits commands make to that file for the editor, and `make publish`'s
proof that its branch holds the checked bytes (a difference puts the branch back). No
browser, no build: the data states are the fixture's, edited as dataclasses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from editor_helpers import FIXTURE_EDITIONS, FIXTURE_IL, ROOT, git
from eimza import DataError, load_data
from eimza.editions import Edition, edition_list, edition_markdown, parse_editions
from eimza.money import format_tl, vat_of

FIRST, SECOND = dt.date(2024, 3, 4), dt.date(2026, 2, 1)
FIX1, FIX2 = dt.date(2026, 2, 3), dt.date(2026, 2, 3)  # a correction and its undo, the same day


def _with_net(data: Any, start: dt.date, code: str, net: str) -> Any:
    period = next(p for p in data.tariffs if p.start == start)
    item = dataclasses.replace(period.items[code], net=Decimal(net), quoted_gross=None)
    moved = dataclasses.replace(period, items={**period.items, code: item})
    return dataclasses.replace(data, tariffs=tuple(moved if p is period else p for p in data.tariffs))


def _gross(data: Any, start: dt.date, code: str) -> str:
    """The amount the tariff page shows (net + VAT on the verified day), by the engine's money."""
    period = next(p for p in data.tariffs if p.start == start)
    net = period.items[code].net
    return format_tl(net + vat_of(net, data.vat_rate_for(period.verified)))


@pytest.fixture(scope="module")
def states() -> dict[str, Any]:
    base = load_data(FIXTURE_IL)
    start = next(p.start for p in base.tariffs if p.amounts_known and "nes-3y" in p.items)
    wrong = _with_net(base, start, "nes-3y", "700.00")
    return {"base": base, "wrong": wrong, "start": start}


def _text(lines: list[str]) -> str:
    return "\n".join(lines)


def test_a_correction_and_its_undo_are_told_to_readers(states: dict[str, Any]) -> None:
    base, wrong, start = states["base"], states["wrong"], states["start"]
    eds = (
        Edition(FIRST, "İlk.", ()),
        Edition(SECOND, "İkinci.", (), (FIX1, FIX2), (1,)),
    )
    # published: the first edition; the second, then its (wrong) correction; now the undo
    page = _text(edition_markdown(eds, base, {FIRST: [base], SECOND: [base, wrong]}, this=SECOND))
    old, new = _gross(base, start, "nes-3y"), _gross(wrong, start, "nes-3y")
    assert old != new
    first = page.index("**1. düzeltme (3 Şubat 2026):**")
    second = page.index("**2. düzeltme (3 Şubat 2026):** 1. düzeltme geri alındı")
    assert first < second
    assert f"{old} yerine {new}" in page[first:second]
    assert f"{new} yerine {old}" in page[second:]
    assert "Bu baskı düzeltildi: 3 Şubat 2026, 3 Şubat 2026." in page
    # the edition's own lines compare its original with the previous edition: nothing changed
    own = edition_list(eds, base, {FIRST: [base], SECOND: [base, wrong]})[0]
    assert own["changes"] == [] and [c["undoes"] for c in own["corrections"]] == [None, 1]


def test_a_correction_that_changed_no_amount_says_so(states: dict[str, Any]) -> None:
    base = states["base"]
    eds = (Edition(FIRST, "İlk.", (), (FIX1,)),)
    page = _text(edition_markdown(eds, base, {FIRST: [base]}, this=FIRST))
    assert "**1. düzeltme (3 Şubat 2026):**\n\nTutarlar değişmedi." in page


def test_an_unknown_state_says_nothing_technical(states: dict[str, Any]) -> None:
    """The first edition never tagged, a correction whose state is not recorded: no line is
    guessed, and no git word (tag, baski-, etiket) reaches readers."""
    base, wrong = states["base"], states["wrong"]
    eds = (Edition(FIRST, "İlk.", ()), Edition(SECOND, "İkinci.", (), (FIX1,)))
    listed = edition_list(eds, wrong, {FIRST: []})
    assert listed[0]["changes"] == [] and listed[0]["corrections"][0]["changes"] is None
    page = _text(edition_markdown(eds, wrong, {FIRST: []}, this=SECOND))
    assert "**1. düzeltme (3 Şubat 2026):**" in page and "Tutarlar değişmedi" not in page
    assert not re.search(r"baski-|etiket|\btag\b|\bgit\b", page), page
    # with the first edition's state known, the second edition lists what it changed
    known = edition_list(eds, wrong, {FIRST: [base], SECOND: [wrong]})
    assert any("yerine" in line for line in known[0]["changes"]), known[0]


def test_amounts_that_became_known_and_became_unknown(states: dict[str, Any]) -> None:
    base = states["base"]
    known = [p for p in base.tariffs if p.amounts_known]
    gone = dataclasses.replace(known[-1], amounts_known=False, items={}, verified=None)
    without = dataclasses.replace(base, tariffs=tuple(gone if p is known[-1] else p for p in base.tariffs))
    eds = (Edition(FIRST, "İlk.", ()), Edition(SECOND, "İkinci.", ()))
    lost = edition_list(eds, without, {FIRST: [base]})[0]["changes"]
    assert lost == [f"Ücret tarifesi, {known[-1].label} dönemi: tutarlar artık bu sitede yok."]
    back = edition_list(eds, base, {FIRST: [without]})[0]["changes"]
    assert len(back) == 1 and back[0].startswith(f"Ücret tarifesi, {known[-1].label} dönemi: ")
    for code in known[-1].items:
        assert _gross(base, known[-1].start, code) in back[0]


@pytest.mark.parametrize(
    ("undone", "ok"),
    [("[1]", True), ("[2]", False), ("[0]", False), ('["1"]', False), ("[1, 1]", False)],
)
def test_undone_names_an_undone_correction(undone: str, ok: bool) -> None:
    text = '[[edition]]\ndate = 2026-02-01\nnote = "x"\ncorrections = [2026-02-03, 2026-02-04]\n'
    text += f"undone = {undone}\n"
    if ok:
        assert parse_editions(text, "baskilar.toml")[0].undone == (1,)
        return
    with pytest.raises(DataError) as err:
        parse_editions(text, "baskilar.toml")
    problem = err.value.problems[0]
    assert problem.line == 5 and "undone" in problem.message and "make undo-correction" in problem.message


def test_the_commands_edit_the_editions_file_as_an_editor_would() -> None:
    from eimza_site.publish.editions_edit import EditFailed, record_undo, remove_entry

    text = FIXTURE_EDITIONS.read_text(encoding="utf-8")
    text += (
        '\n[[edition]]  # ikinci\ndate = 2026-02-01\nnote = "İkinci."\ncorrections = [\n  2026-02-03,\n]\n'
    )
    text += '\n# üçüncü baskı\n[[edition]]\ndate = 2026-03-01\nnote = "Üçüncü."\n'
    undone, number = record_undo(text, SECOND, dt.date(2026, 2, 4))
    assert number == 1
    entry = parse_editions(undone, "b")[1]
    assert entry.corrections == (dt.date(2026, 2, 3), dt.date(2026, 2, 4)) and entry.undone == (1,)
    assert undone.startswith(text[: text.index("[[edition]]  # ikinci")])  # the rest untouched
    assert undone.endswith('# üçüncü baskı\n[[edition]]\ndate = 2026-03-01\nnote = "Üçüncü."\n')
    again, number = record_undo(undone, SECOND, dt.date(2026, 2, 5))
    assert number == 2 and parse_editions(again, "b")[1].undone == (1, 2)

    removed = remove_entry(text, SECOND)
    assert removed is not None
    assert [e.date for e in parse_editions(removed, "b")] == [FIRST, dt.date(2026, 3, 1)]
    assert "# üçüncü baskı" in removed and "İkinci" not in removed
    assert remove_entry(removed, SECOND) is None
    with pytest.raises(EditFailed):
        record_undo(text, dt.date(2026, 3, 1), dt.date(2026, 3, 2))  # no correction to undo


def test_a_branch_that_differs_from_the_checked_build_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eimza_site.directorate import Directorate
    from eimza_site.publish import deploy
    from eimza_site.publish.publish import Refused, deploy_checked

    for key in ("GIT_COMMITTER_NAME", "GIT_AUTHOR_NAME"):
        monkeypatch.setenv(key, "Editör")
    for key in ("GIT_COMMITTER_EMAIL", "GIT_AUTHOR_EMAIL"):
        monkeypatch.setenv(key, "editor@example.org")
    repo = tmp_path / "depo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "ilk")
    d = Directorate("tekirdag", repo)
    template = ROOT / "sitebuild" / "eimza_site" / "publish" / "mike-redirect.html"
    site = tmp_path / "baski"
    (site / "ucret-tarifesi").mkdir(parents=True)
    (site / "index.html").write_text("<p>780,00 TL</p>", encoding="utf-8")
    (site / "ucret-tarifesi" / "index.html").write_text("<p>300,00 TL</p>", encoding="utf-8")

    checked = deploy.manifest(site)
    deploy_checked(repo, d, site, checked, FIRST, "ilk baskı", template)
    good = deploy.head(repo, d.branch)
    assert deploy.branch_files(repo, d.branch, FIRST.isoformat()) == checked
    shown = subprocess.run(
        ["git", "-C", str(repo), "show", f"{d.branch}:{FIRST.isoformat()}/index.html"], capture_output=True
    )
    assert shown.stdout == (site / "index.html").read_bytes()

    # the folder changes after its checks (a data change landing during the deploy step)
    checked = deploy.manifest(site)
    (site / "index.html").write_text("<p>999,00 TL</p>", encoding="utf-8")
    with pytest.raises(Refused) as refused:
        deploy_checked(repo, d, site, checked, SECOND, "ikinci baskı", template)
    assert "denetlenen derlemeyle aynı değil (index.html)" in str(refused.value)
    assert "yayın geri alındı" in str(refused.value)
    assert deploy.head(repo, d.branch) == good  # as before the deploy
    assert SECOND.isoformat() not in git(repo, "ls-tree", "--name-only", d.branch).split()
