"""What a reader meets on the pages (issue 13): no stale amount to pay on a date whose
amounts are unknown, one receipt warning, the payment details first, Turkish anchors.

The unknown-amount state is built from a copy of the data with a period of its own (never
today's shipped state)."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import eimza
import eimza.dated
from conftest import SESSION_EDITION
from edition_builds import IL, SESSION, with_national
from eimza import instant, wording
from eimza.money import format_tl
from eimza.request import Identity, description
from site_helpers import AMOUNT, ROOT, pages, text_of

DATA = SESSION.national  # the session directorate's national file (the tariff periods)
UNKNOWN_FROM, UNKNOWN_DAY = "2031-01-01", "2031-06-01"  # a period of this file's own
# the slug the issue asks for, written here from its rule (not from the site's module)
TR_ASCII = str.maketrans("ıİğĞşŞçÇöÖüÜ", "iiggssccoouu")


def expected_slug(text: str) -> str:
    folded = text.translate(TR_ASCII).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def test_expected_slug_is_the_issues_rule() -> None:
    assert expected_slug("Kayıp veya çalıntı") == "kayip-veya-calinti"
    assert expected_slug("Sık sorulan sorular") == "sik-sorulan-sorular"
    assert expected_slug("İlk başvuru: aile hekimi") == "ilk-basvuru-aile-hekimi"
    assert expected_slug("Nasıl ödenir?") == "nasil-odenir"


@pytest.fixture(scope="module")
def unknown_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built for a date inside a period whose amounts are unknown."""
    tmp = tmp_path_factory.mktemp("unknown")
    data = with_national(
        tmp / "data",
        DATA.read_text(encoding="utf-8")
        + f"\n[[tariff]]\nfrom = {UNKNOWN_FROM}\nfrom_assumed = false\namounts_known = false\n"
        'confidence = "unknown"\nsources = []\nnote = "Deneme dönemi (test)."\n',
    )
    assert not eimza.load_data(data).tariff_for(dt.date.fromisoformat(UNKNOWN_DAY)).amounts_known
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EIMZA_IL": str(data), "EIMZA_EDITION": UNKNOWN_DAY}
    dest = tmp / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )  # fmt: skip
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")
    return dest


class Blocks(HTMLParser):
    """Text of every element with a given class (nested elements included)."""

    def __init__(self, cls: str) -> None:
        super().__init__(convert_charrefs=True)
        self.cls, self.depth, self.found, self.current = cls, 0, [], []  # type: list[str]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "meta", "link", "hr", "wbr")
        elif self.cls in (dict(attrs).get("class") or "").split():
            self.depth, self.current = 1, []

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.found.append(" ".join("".join(self.current).split()))

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.current.append(data)


def blocks(markup: str, cls: str) -> list[str]:
    p = Blocks(cls)
    p.feed(markup)
    return p.found


def test_unknown_date_no_step_tells_to_pay_an_amount(unknown_site: Path) -> None:
    case_pages = 0
    for page in pages(unknown_site):
        markup = page.read_text(encoding="utf-8")
        rel = page.relative_to(unknown_site).as_posix()
        steps = blocks(markup, "eimza-steps")
        case_pages += bool(blocks(markup, "eimza-answer"))  # (an unknown procedure has no steps)
        for step in steps:
            assert not AMOUNT.search(step), f"{rel}: a step names an amount: {step}"
        assert "data-total" not in markup, rel
        assert "Son bilinen" not in markup, rel
        if rel not in ("ucret-tarifesi/index.html", "degisiklik-gecmisi/index.html"):
            # past amounts only as history: nowhere else an amount at all
            assert not AMOUNT.findall(text_of(markup)), (rel, AMOUNT.findall(text_of(markup)))
    assert case_pages >= 6


def test_unknown_date_message_gives_three_ways_and_says_not_to_pay_old_amounts(unknown_site: Path) -> None:
    data = eimza.load_data()
    for name in ("aile-hekimleri", "ilk-basvuru", "ucret-hesaplama", "kayip-calinti", "yenileme"):
        markup = (unknown_site / name / "index.html").read_text(encoding="utf-8")
        text = text_of(markup)
        assert "2031 yılının e-imza ücretleri bu sitede henüz yok" in text, name
        # said once per page, above its answers (not once per answer: 14 on ucret-hesaplama)
        assert text.count("Eski tutarları yatırmayın") == 1, name
        assert markup.count('data-error="tariff-unknown"') == 1, name
        assert markup.index('data-error="tariff-unknown"') < markup.index('class="eimza-static-answer"'), name
        assert f'href="{data.kamusm.tariff}"' in markup, name
        assert 'href="tel:4445576"' in markup, name
        for email in data.facts_on(dt.date.fromisoformat(UNKNOWN_DAY)).emails or ():
            assert f'href="mailto:{email}"' in markup, name
        for jargon in ("veride yok", "uydurul", "Tutar hesaplanamadı"):
            assert jargon not in text, (name, jargon)


def test_static_answers_are_the_calculators(unknown_site: Path) -> None:
    """The calculator's answer for a case and date (the unknown-amount message, then the
    answer without amounts) is, on the page, the message said once above + the static answer;
    the page holds one for every case the form can post (the data's situations, roles, options)."""
    data = eimza.load_data(unknown_site.parent / "data" / "iller" / IL)
    markup = (unknown_site / "ucret-hesaplama" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<div class="eimza-static-answer" data-case="([^"]+)" data-role="([\w-]+)" '
                       r'data-date="([\d-]+)"', markup)  # fmt: skip
    cases = [json.loads(html.unescape(key)) for key, _, _ in found]
    assert cases == instant.form_cases(data)
    [said] = blocks(markup, "eimza-error")
    texts = blocks(markup, "eimza-static-answer")
    for case, (_, role, day), shown in zip(cases, found, texts, strict=True):
        assert day == UNKNOWN_DAY and case["role"] == role
        answer = json.loads(eimza.web.answer(json.dumps({**case, "date": day}), data))["html"]
        # on a page the answer states its date first (the calculator: in the answer's head)
        static = eimza.dated.date_line(dt.date.fromisoformat(day)) + "\n" + answer[answer.index("<article") :]
        assert blocks(f'<div class="s">{static}</div>', "s") == [shown], case
        assert blocks(answer, "eimza-error") in ([said], []), case  # [] : nothing to pay
        assert "Eski tutarları" not in shown, case


def _family_doctor_pays() -> list[dict[str, Any]]:
    """The session site's data: every form case in which a family doctor pays the directorate."""
    data = eimza.load_data()
    day = SESSION_EDITION
    out = []
    for case in instant.form_cases(data):
        if case["role"] == "family-doctor":
            q = eimza.quote({**case, "date": day}, data, require_amounts=False)
            if q["payee"] == "directorate":
                out.append(q)
    return out


def test_receipt_rule_said_where_the_family_doctors_pay(site_dir: Path) -> None:
    """Where the receipt goes, from the payment rules: on the family doctors' page the account
    box says each rule's receipt instruction (its e-mails, or its text) once."""
    markup = (site_dir / "aile-hekimleri" / "index.html").read_text(encoding="utf-8")
    box = markup[markup.index('id="nasil-odenir"') : markup.index('id="tutari-nasil-ogrenirim"')]
    paying = _family_doctor_pays()
    assert paying, "the session directorate's family doctors pay it somewhere"
    for q in paying:
        pay = q["payment"]
        for email in pay["receipt_emails"]:
            assert f'href="mailto:{email}"' in box, email
        if pay.get("receipt"):
            assert text_of(box).count(pay["receipt"]["text"]) == 1
        assert pay["receipt_emails"] or pay.get("receipt"), q["case"]


def test_family_doctors_read_payment_first(site_dir: Path) -> None:
    markup = (site_dir / "aile-hekimleri" / "index.html").read_text(encoding="utf-8")
    facts = eimza.load_data().facts_on(dt.date.fromisoformat(SESSION_EDITION))
    iban = eimza.group_iban(facts.iban)
    order = [markup.index('id="ne-odenir"'), markup.index('id="nasil-odenir"'), markup.index(iban),
             markup.index('id="tutari-nasil-ogrenirim"'), markup.index('id="ayrintilar-adimlar-ve-odeme"'),
             markup.index('class="eimza-static-answer"')]  # fmt: skip
    assert order == sorted(order)
    text = text_of(markup)
    example = description(facts.description, Identity("Ayşe", "Yılmaz", "12345678901"))
    assert "Örnek" in text and example in text  # a worked example, marked as one
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    # the home page's card lands where the amount is said, or said to be unknown (issue 24)
    assert 'href="aile-hekimleri/#ne-odenir"' in home


def test_who_pays_follows_the_table(site_dir: Path) -> None:
    """Where the pages say who pays whom (the home page and the questions' table), each
    situation in which a family doctor pays the directorate shows, in the family doctors'
    column, the directorate and the engine's total for that case on the edition date."""
    data = eimza.load_data()
    paying = _family_doctor_pays()
    assert paying
    column = 1 + [r.id for r in data.roles].index("family-doctor")
    for name in ("index.html", "sss/index.html"):
        markup = (site_dir / name).read_text(encoding="utf-8")
        table = re.search(r'<div class="eimza-payments.*?</table>', markup, re.S)
        assert table, name
        rows = {}
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S)[1:]:
            cells = [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            rows[cells[0]] = cells
        for q in paying:
            label = data.situation(q["case"]["situation"]).label
            [cells] = [c for head, c in rows.items() if head.startswith(label)]
            payee = q["payment"]["payee_name"]
            assert payee in cells[column] and format_tl(q["payment"]["total"]) in cells[column], (name, cells)


def test_lost_page_reads_on_a_phone(site_dir: Path) -> None:
    """The lost page's steps are the engine's, in order, for every role; no menu path in a code
    block (a line that does not wrap); one heading per distinct answer, named by whom it is for
    and, where the answers differ by it, by the reader option's title."""
    data = eimza.load_data()
    markup = (site_dir / "kayip-calinti" / "index.html").read_text(encoding="utf-8")
    first_block = markup[markup.index('class="eimza-steps-block"') :]
    first_block = first_block[: first_block.index("</div>")]
    items = re.findall(r"<li data-step=[^>]*>(.*?)</li>", first_block, re.S)
    shown = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", li)).split()) for li in items]
    day = SESSION_EDITION
    for role in data.roles:
        q = eimza.quote({"situation": "lost", "role": role.id, "date": day}, data, require_amounts=False)
        for step in q["steps"]:
            assert step["text"] in shown, step["id"]
    for menu in data.kamusm.menus.values():
        assert not re.search(r"<pre[^>]*>(?:(?!</pre>).)*" + re.escape(menu[-1]), markup, re.S)
    heads = [text_of(h).rstrip("¶ ") for h in re.findall(r"<h3[^>]*>(.*?)</h3>", markup, re.S)]
    assert heads and all(
        h.split(":")[0] in {r.plural for r in data.roles} | {wording.EVERYONE} for h in heads
    )
    option = data.options_of("lost")[0]
    distinct = {
        text_of(a) for a in re.findall(r'<div class="eimza-static-answer".*?</article>', markup, re.S)
    }
    if len(distinct) > 1:
        titles = {option.true_title, option.false_title}
        assert {h.split(": ", 1)[1] for h in heads if ": " in h} <= titles


def test_every_heading_id_is_its_turkish_slug(site_dir: Path) -> None:
    checked = 0
    for page in pages(site_dir):
        markup = page.read_text(encoding="utf-8")
        article = markup[markup.find("<article") : markup.find("</article>")]
        for _level, hid, inner in re.findall(r'<h([1-6])[^>]* id="([^"]+)"[^>]*>(.*?)</h\1>', article, re.S):
            text = text_of(re.sub(r'<a class="headerlink".*?</a>', "", inner))
            assert hid.endswith(expected_slug(text)) or hid == expected_slug(text), (page, hid, text)
            checked += 1
        # the engine's ids are Turkish and carry no date (a shared link survives an edition)
        for hid in re.findall(r'\bid="([^"]+)"', article):
            assert not re.search(r"\d{4}-\d{2}-\d{2}", hid), (page, hid)
            assert "eimza-pay" not in hid, (page, hid)
    assert checked > 40


def test_titles_and_editor_guide_placement(site_dir: Path) -> None:
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>E-İmza Rehberi</title>", home)
    assert "Ana sayfa" not in text_of(home)
    missing = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "<title>Sayfa bulunamadı - E-İmza Rehberi</title>" in missing  # its own title
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "editor/kilavuz" not in nav
    footer = home[home.index("<footer") :]
    assert 'href="./editor/kilavuz/"' in footer or 'href="editor/kilavuz/"' in footer


def test_one_date_style_on_every_page(site_dir: Path) -> None:
    """Dates in words ("12 Mart 2024") on every reader's page; a quotation keeps its own."""
    numeric = re.compile(r"(?<![\d.])\d{1,2}[./]\d{1,2}[./]\d{4}(?![\d.])")
    found = {}
    for page in pages(site_dir):
        if "editor" in page.relative_to(site_dir).parts:  # the editors' guide shows the file's own
            continue
        text = text_of(page.read_text(encoding="utf-8"))
        unquoted = re.sub(r'"[^"]*"|“[^”]*”', " ", text)
        if numeric.search(unquoted):
            found[page.relative_to(site_dir).as_posix()] = numeric.findall(unquoted)
    assert not found, found
