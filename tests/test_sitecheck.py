"""The checks `make publish` runs on a built edition (eimza_site.pages.sitecheck, calccheck), on small
hand-made sites: each kind of problem is found, with its page and line, in Turkish; a clean
site passes. (The real build is checked by test_editor_e2e.py through make publish.)"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

import eimza
from eimza import editions, instant, web
from eimza_site.pages import sitecheck
from eimza_site.runtime import calccheck
from engine_facts import fixture_data, tr_iban

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


# --- the facts of a page against the data: hand-made pages with the fixture's data -----------


def _facts(tmp_path: Path, body: str) -> list[sitecheck.SiteProblem]:
    return sitecheck.check_facts(site(tmp_path, {"index.html": body}), DATA, EDITION)


def test_kamusm_links_sit_where_the_page_names_the_service(tmp_path: Path) -> None:
    k = DATA.kamusm
    good = (
        f'<p>Kamu SM Online İşlemler sayfasından (<a href="{k.online}">{k.online}</a>) iptal edin.</p>\n'
        f'<table><tr><td>Borç ödeme (sanal POS)</td><td><a href="{k.sanalpos}">{k.sanalpos}</a></td></tr>'
        f'</table>\n<p>Kamu SM başvuru portalına (<a href="{k.portal}">{k.portal}</a>) girin; yardım '
        f'için Kamu SM çağrı merkezi: <a href="tel:{k.phone.replace(" ", "")}">{k.phone}</a>.</p>'
    )
    assert _facts(tmp_path / "a", good) == []
    # the online-services link pointed at the portal's address (text and link alike)
    wrong = good.replace(f'<a href="{k.online}">{k.online}</a>', f'<a href="{k.portal}">{k.portal}</a>', 1)
    (problem,) = _facts(tmp_path / "b", wrong)
    assert (problem.check, problem.page, problem.line) == ("Kamu SM bağlantıları", "index.html", 3)
    assert "“Online İşlemler” hizmetini anıyor" in problem.message and k.online in problem.message
    # in a table the row is the unit: its first cell names the service the second links
    row = good.replace(f'<a href="{k.sanalpos}">{k.sanalpos}</a>', f'<a href="{k.reader}">{k.reader}</a>')
    (problem,) = _facts(tmp_path / "c", row)
    assert problem.line == 4 and "“sanal POS”" in problem.message
    # a suffix is still the name ("portalına"); the phone is a service too
    tel = good.replace(f'<a href="{k.portal}">{k.portal}</a>', f'<a href="{k.online}">{k.online}</a>')
    (problem,) = _facts(tmp_path / "d", tel)
    assert problem.line == 5 and "“başvuru portalı”" in problem.message


def test_links_leaving_the_site_come_from_the_data(tmp_path: Path) -> None:
    k = DATA.kamusm
    source = next(s.url for s in DATA.sources.values() if s.url)
    ok = (
        f'<p><a href="{k.tariff}">ücret tarifesi</a>, <a href="{source}">kaynak</a>, '
        f'<a href="{DATA.site.url}">site</a></p>'
    )
    assert _facts(tmp_path / "a", ok) == []
    found = _facts(
        tmp_path / "b",
        '<p>\n<a href="https://ornek.example.org/">başka bir site</a>\n'
        '<a href="tel:4440000">444 0 000</a></p>',
    )
    assert [(p.check, p.line) for p in found] == [("bağlantılar", 4), ("bağlantılar", 5)], found
    assert "verinin verdiği adreslerden biri değil" in found[0].message
    assert "verideki telefonlardan" in found[1].message
    # the address a link shows is where it goes
    (shown,) = _facts(tmp_path / "c", f'<p><a href="{k.portal}">{k.online}</a></p>')
    assert "Bağlantının yazısı" in shown.message and "gittiği yer" in shown.message
    # the editors' guide may name tools and the preview's address, and show a made-up IBAN in
    # an example of the file (not in its text)
    example = eimza.group_iban(tr_iban("00012" + "0" + "1" * 16))
    page = f'<p><a href="https://toml.io/">TOML</a></p><pre><code>iban = "{example}"</code></pre>'
    guide = site(tmp_path / "d", {"editor/kilavuz/index.html": page})
    assert sitecheck.check_facts(guide, DATA, EDITION) == []
    guide.joinpath("editor/kilavuz/index.html").write_text(f"<p>{example}</p>", encoding="utf-8")
    assert [p.check for p in sitecheck.check_facts(guide, DATA, EDITION)] == ["IBAN"]


def test_ibans_and_emails_are_the_directorates_on_the_edition_date(tmp_path: Path) -> None:
    facts = DATA.facts_on(EDITION)
    assert facts.iban and facts.emails
    grouped = eimza.group_iban(facts.iban)
    mail = facts.emails[0]
    ok = f'<p><code data-copy="{facts.iban}">{grouped}</code> <a href="mailto:{mail}">{mail}</a></p>'
    assert _facts(tmp_path / "a", ok) == []
    other = tr_iban("00012" + "0" + "9" * 16)
    found = _facts(tmp_path / "b", f"<p>IBAN: {eimza.group_iban(other)}</p>\n<p>Yazın: baska@example.org</p>")
    assert [(p.check, p.line) for p in found] == [("IBAN", 3), ("bağlantılar", 4)], found
    assert "bu müdürlüğün verisindeki IBAN değil" in found[0].message and grouped in found[0].message
    assert f"make check IL={DATA.site.id} " in found[0].message  # the command names this directorate
    assert "e-posta adreslerinden biri değil" in found[1].message and mail in found[1].message
    # an IBAN one digit short is still an IBAN-looking string (and not this one)
    (short,) = _facts(tmp_path / "c", f"<p>{facts.iban[:-1]}</p>")
    assert short.check == "IBAN"
    # an e-mail in a code block is an example (the guide's git settings), not a fact
    assert _facts(tmp_path / "d", "<pre><code>git config user.email eposta@example.org</code></pre>") == []


# --- mutations of a real built page (the session site): each caught, with its line ----------

CALCULATOR = "ucret-hesaplama/index.html"  # the page with every static answer and the instant table


def _session() -> tuple[Any, dt.date]:
    from conftest import SESSION_EDITION

    return eimza.load_data(), dt.date.fromisoformat(SESSION_EDITION)  # the session site's


def _mutated(site_dir: Path, tmp_path: Path, edit: Any, rel: str = CALCULATOR) -> list[sitecheck.SiteProblem]:
    """The facts and amounts checks of one page of the session site, first as built (clean),
    then after `edit(markup) -> (new markup, the offset edited)`; the problems must be on the
    edited line."""
    data, edition = _session()
    markup = (site_dir / rel).read_text(encoding="utf-8")
    page = tmp_path / "site" / rel
    page.parent.mkdir(parents=True)
    page.write_text(markup, encoding="utf-8")
    root = tmp_path / "site"
    assert sitecheck.check_facts(root, data, edition) + sitecheck.check_amounts(root, data, edition) == []
    changed, at = edit(markup)
    assert changed != markup
    page.write_text(changed, encoding="utf-8")
    found = sitecheck.check_facts(root, data, edition) + sitecheck.check_amounts(root, data, edition)
    line = markup.count("\n", 0, at) + 1
    assert found and all(p.page == rel for p in found), found
    assert any(p.line is not None and abs(p.line - line) <= 2 for p in found), (line, found)
    return found


def _answers_start(markup: str) -> int:
    return markup.index('class="eimza-static-answer"')


def test_a_changed_kamusm_link_in_an_answer_is_caught(site_dir: Path, tmp_path: Path) -> None:
    k = _session()[0].kamusm
    urls = [k.portal, k.online, k.sanalpos, k.reader, k.tariff]

    def edit(markup: str) -> tuple[str, int]:
        start = _answers_start(markup)
        hits = [(markup.find(f'href="{u}"', start), u) for u in urls]
        at, url = min((h for h in hits if h[0] >= 0), key=lambda h: h[0])
        other = next(u for u in urls if u != url)
        end = markup.index("</a>", at)
        link = markup[at:end].replace(url, other)  # where it goes and what it shows
        return markup[:at] + link + markup[end:], at

    found = _mutated(site_dir, tmp_path, edit)
    answers = [p for p in found if p.check == "yanıtlar"]
    assert answers and "motorun bu veriyle verdiği yanıttan farklı" in answers[0].message, found


def test_a_link_showing_one_address_and_going_to_another_is_caught(site_dir: Path, tmp_path: Path) -> None:
    k = _session()[0].kamusm

    def edit(markup: str) -> tuple[str, int]:
        at = markup.find(f'href="{k.online}"')
        at = at if at >= 0 else markup.index(f'href="{k.portal}"')
        target = markup[at + 6 : markup.index('"', at + 6)]
        other = k.portal if target != k.portal else k.online
        return markup[:at] + f'href="{other}"' + markup[at + 7 + len(target) :], at

    found = _mutated(site_dir, tmp_path, edit)
    assert any(p.check == "bağlantılar" and "Bağlantının yazısı" in p.message for p in found), found


def test_a_wrong_iban_is_caught(site_dir: Path, tmp_path: Path) -> None:
    data, edition = _session()
    grouped = eimza.group_iban(data.facts_on(edition).iban)

    def edit(markup: str) -> tuple[str, int]:
        at = markup.index(grouped, _answers_start(markup))
        wrong = grouped[:-1] + str((int(grouped[-1]) + 1) % 10)
        return markup[:at] + wrong + markup[at + len(grouped) :], at

    found = _mutated(site_dir, tmp_path, edit)
    assert any(p.check == "IBAN" and "verisindeki IBAN değil" in p.message for p in found), found


def test_an_email_not_in_the_data_is_caught(site_dir: Path, tmp_path: Path) -> None:
    def edit(markup: str) -> tuple[str, int]:
        at = markup.index("</article>", _answers_start(markup))
        mail = '<p>Sorular: <a href="mailto:bilgi@ornek.example.org">bilgi@ornek.example.org</a></p>'
        return markup[:at] + mail + markup[at:], at

    found = _mutated(site_dir, tmp_path, edit)
    assert any(
        "bilgi@ornek.example.org bu müdürlüğün e-posta adreslerinden biri değil" in p.message for p in found
    )


def test_a_changed_step_is_caught(site_dir: Path, tmp_path: Path) -> None:
    def edit(markup: str) -> tuple[str, int]:
        at = markup.index("<li data-step=", _answers_start(markup))
        at = markup.index(">", at) + 1
        return markup[:at] + "Gerekirse " + markup[at:], at

    found = _mutated(site_dir, tmp_path, edit)
    (step,) = [p for p in found if p.check == "yanıtlar"]
    assert "adımı motorun bu veriyle verdiği yanıttan farklı" in step.message
    assert "“Gerekirse" in step.message  # the quote shows the difference


def test_a_changed_amount_is_caught(site_dir: Path, tmp_path: Path) -> None:
    def edit(markup: str) -> tuple[str, int]:
        at = markup.index("data-total=", _answers_start(markup))
        at = markup.index(">", at) + 1
        while markup.startswith("<", at):  # the amount's own markup (span.eimza-amount)
            at = markup.index(">", at) + 1
        end = markup.index("<", at)
        whole, cents = markup[at:end].split(",")
        return markup[:at] + f"{whole},{int(cents[:2]) ^ 1:02d} TL" + markup[end:], at

    found = _mutated(site_dir, tmp_path, edit)
    assert {p.check for p in found} >= {"yanıtlar", "tutarlar"}, found


def test_a_changed_instant_answer_is_caught(site_dir: Path, tmp_path: Path) -> None:
    def edit(markup: str) -> tuple[str, int]:
        at = markup.index('id="eimza-instant"')
        at = markup.index("<ol", at)
        return markup[:at] + "<p>x</p>" + markup[at:], at

    found = _mutated(site_dir, tmp_path, edit)
    assert any("hazır yanıtlar tablosundaki" in p.message for p in found), found


def test_an_answer_under_another_cases_key_is_caught(site_dir: Path, tmp_path: Path) -> None:
    """A static answer is held to the case its wrapper names (data-case), not to any answer
    with its title: the first answer's wrapper given the key of a case the engine answers
    otherwise is caught."""
    data, edition = _session()
    answers = {
        instant.case_key(c): eimza.render_html(_quote(c, data, edition)) for c in instant.form_cases(data)
    }

    def edit(markup: str) -> tuple[str, int]:
        at = markup.index('data-case="', _answers_start(markup)) + len('data-case="')
        end = markup.index('"', at)
        key = html.unescape(markup[at:end])
        other = next(k for k, a in answers.items() if a != answers[key])
        return markup[:at] + html.escape(other) + markup[end:], at

    found = _mutated(site_dir, tmp_path, edit)
    assert all(p.check == "yanıtlar" for p in found), found


def _quote(case: dict[str, Any], data: Any, day: dt.date) -> dict[str, Any]:
    return eimza.quote({**case, "date": day.isoformat()}, data, require_amounts=False)


def test_an_address_written_in_a_procedure_text_may_be_linked(tmp_path: Path) -> None:
    """A procedure text's own http(s) address is a link of the data (the engine makes it one):
    allowed, and only that address."""
    from eimza.template import written_urls

    data = eimza.load_data(FIXTURE / "iller" / "istanbul")
    written = sorted({u for r in data.procedure.rules for u in written_urls(r.text or "")})
    assert written  # the fixture writes one out
    url = written[0]
    page = {"index.html": f'<p><a href="{url}">{url}</a></p>'}
    assert sitecheck.check_facts(site(tmp_path / "a", page), data, EDITION) == []
    other = url.rstrip("/") + "-baska"
    page = {"index.html": f'<p><a href="{other}">{other}</a></p>'}
    (found,) = sitecheck.check_facts(site(tmp_path / "b", page), data, EDITION)
    assert found.check == "bağlantılar" and "verinin verdiği adreslerden biri değil" in found.message


def test_the_unknown_amount_box_of_the_edition_date(tmp_path: Path) -> None:
    """The engine's unknown-amount message for the edition date may stand above the answers
    even when no answer of the directorate pays (the tariff notice); a box that differs from it
    is caught."""
    from eimza.evaluate import amounts_unknown

    data = eimza.load_data(FIXTURE / "iller" / "istanbul")
    day = editions.load_editions(FIXTURE / "iller" / "istanbul" / "baskilar.toml")[0].date
    error = amounts_unknown(data, day)
    assert error is not None  # the fixture's edition date has no amounts
    box = eimza.render_error_html(error)
    assert sitecheck.check_facts(site(tmp_path / "a", {"index.html": box}), data, day) == []
    changed = box.replace("</p>", " Eski tutarları yatırabilirsiniz.</p>", 1)
    (found,) = sitecheck.check_facts(site(tmp_path / "b", {"index.html": changed}), data, day)
    assert found.check == "yanıtlar" and "uyarı kutusu" in found.message
