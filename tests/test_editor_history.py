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


# --- an edition without a tag: its state recorded in the editions file (issue 26, item 3) ---

BLOB_A, BLOB_B = "0" * 39 + "a", "1" * 39 + "b"


@pytest.mark.parametrize(
    ("state", "ok"),
    [
        (f'{{ kamusm = "{BLOB_A}", il = "{BLOB_B}" }}', True),
        (f'{{ kamusm = "{BLOB_A}" }}', False),
        (f'{{ kamusm = "{BLOB_A}", il = "{BLOB_B[:-1]}" }}', False),
        (f'{{ kamusm = "{BLOB_A.upper()}", il = "{BLOB_B}" }}', False),
        (f'"{BLOB_A}"', False),
    ],
)
def test_an_editions_recorded_state_is_two_blob_ids(state: str, ok: bool) -> None:
    text = f'[[edition]]\ndate = 2024-03-04\nnote = "x"\ndata = {state}\n'
    if ok:
        assert parse_editions(text, "baskilar.toml")[0].data == (BLOB_A, BLOB_B)
        return
    with pytest.raises(DataError) as err:
        parse_editions(text, "baskilar.toml")
    problem = err.value.problems[0]
    assert problem.line == 4 and "'data'" in problem.message and "git rev-parse" in problem.message


def test_recording_a_state_edits_only_that_entry() -> None:
    from eimza_site.publish.editions_edit import EditFailed, record_state

    text = (
        FIXTURE_EDITIONS.read_text(encoding="utf-8")
        + '\n# ikinci\n[[edition]]\ndate = 2026-02-01\nnote = "İki."\n'
    )
    once = record_state(text, FIRST, BLOB_A, BLOB_B)
    assert [e.data for e in parse_editions(once, "b")] == [(BLOB_A, BLOB_B), None]
    assert once.endswith('# ikinci\n[[edition]]\ndate = 2026-02-01\nnote = "İki."\n')  # the rest untouched
    again = record_state(once, FIRST, BLOB_B, BLOB_A)  # recorded again: replaced, not added
    assert [e.data for e in parse_editions(again, "b")] == [(BLOB_B, BLOB_A), None]
    assert again.count("data = {") == 1
    with pytest.raises(EditFailed):
        record_state(text, dt.date(2025, 1, 1), BLOB_A, BLOB_B)  # no such edition


def test_the_next_edition_lists_its_changes_from_the_first_editions_recorded_state(tmp_path: Path) -> None:
    """No tag anywhere: the first edition's state comes from the editions file (blob ids of the
    data it was published with), and the next edition's history lines are its new amounts."""
    from editor_helpers import DATA_REL, EDITIONS_REL, IL, IL_REL, add_2026_amounts, add_edition, copy_project
    from eimza.editions import load_editions
    from eimza_site.directorate import Directorate
    from eimza_site.publish import edition_tags

    repo = copy_project(tmp_path / "proje")
    d = Directorate(IL, repo)
    edition_tags.record(d, FIRST)  # what `python -m eimza_site.publish.edition_tags` does
    git(repo, "commit", "-qam", "ilk baskının verisi")
    # the 2026 amounts come out; a new edition is listed
    national = repo / DATA_REL
    national.write_text(add_2026_amounts(national.read_text(encoding="utf-8")), encoding="utf-8")
    editions_file = repo / EDITIONS_REL
    editions_file.write_text(
        add_edition(editions_file.read_text("utf-8"), SECOND.isoformat(), "2026."), "utf-8"
    )
    git(repo, "commit", "-qam", "2026")
    assert git(repo, "tag", "--list") == ""
    eds = load_editions(editions_file)
    new = load_data(repo / IL_REL)
    states = edition_tags.states_for_build(repo / IL_REL / "il.toml", [e.date for e in eds])
    [first_state] = states[FIRST]
    assert first_state is not None and first_state.tariffs != new.tariffs
    page = _text(edition_markdown(eds, new, states, this=SECOND))
    second = page[page.index("1 Şubat 2026 baskısı") : page.index("4 Mart 2024 baskısı")]
    period = next(p for p in new.tariffs if p.start.year == 2026)
    assert f"Ücret tarifesi, {period.label} dönemi:" in second
    for code in period.items:
        assert _gross(new, period.start, code) in second
    for word in ("git", "etiket", "commit", "blob", "kimli"):
        assert word not in page.lower(), word
    # a state whose objects are not in the repository is unknown: it says nothing
    d.editions_file.write_text(
        editions_file.read_text("utf-8").replace(first_state_blob(editions_file), BLOB_A), "utf-8"
    )
    unknown = edition_tags.states_for_build(repo / IL_REL / "il.toml", [e.date for e in eds])
    assert unknown[FIRST] == [None]
    assert edition_list(eds, new, unknown)[0]["changes"] == []


def first_state_blob(editions_file: Path) -> str:
    found = re.search(r'kamusm = "([0-9a-f]{40})"', editions_file.read_text("utf-8"))
    assert found
    return found.group(1)


def test_the_shipped_editions_recorded_states_load() -> None:
    """Each shipped directorate's recorded edition states name objects of this repository that
    load as that directorate's data (a clone with the history; CI fetches it whole)."""
    from case_files import shipped
    from eimza.editions import load_editions
    from eimza_site.directorate import Directorate

    recorded = 0
    for il in shipped():
        d = Directorate(il, ROOT)
        for edition in load_editions(d.editions_file):
            if edition.data is not None:
                loaded = d.load_objects(*edition.data)
                assert loaded is not None and loaded.site.id == il, (il, edition.date)
                recorded += 1
    assert recorded
