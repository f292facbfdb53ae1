"""What a reader meets on the pages (issue 13): no stale amount to pay on a date whose
amounts are unknown, one receipt warning, the payment details first, Turkish anchors.

The unknown-amount state is built from a copy of the data with a period of its own (never
today's shipped state)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import eimza
from conftest import SESSION_EDITION
from edition_builds import IL, with_national
from site_helpers import AMOUNT, ROOT, pages, text_of

DATA = ROOT / "data" / "kamusm.toml"  # the national file (the tariff periods)
UNKNOWN_FROM, UNKNOWN_DAY = "2031-01-01", "2031-06-01"  # a period of this file's own
RECEIPT = "Dekontu gönderilmeyen hiçbir aile hekiminin e-imza başvurusu onaylanmayacaktır."
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
        case_pages += bool(steps)
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
    answer without amounts) is, on the page, the message said once above + the static answer."""
    from eimza_site.pages import facts

    data = eimza.load_data(unknown_site.parent / "data" / "iller" / IL)
    markup = (unknown_site / "ucret-hesaplama" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<div class="eimza-static-answer" data-case="([\w-]+)" data-role="([\w-]+)" '
                       r'data-date="([\d-]+)">', markup)  # fmt: skip
    assert len(found) == len(facts.CASES) * 2
    [said] = blocks(markup, "eimza-error")
    texts = blocks(markup, "eimza-static-answer")
    for (key, role, day), shown in zip(found, texts, strict=True):
        assert day == UNKNOWN_DAY
        fields = facts.CASE_KEYS[key][0]
        case = {**fields, "role": role, "date": day}
        html = json.loads(eimza.web.answer(json.dumps(case), data))["html"]
        assert blocks(html, "eimza-answer") == [shown], (key, role)
        assert blocks(html, "eimza-error") in ([said], []), (key, role)  # [] : nothing to pay
        assert "Eski tutarları" not in shown, (key, role)


def test_one_receipt_warning_per_page(site_dir: Path) -> None:
    for page in pages(site_dir):
        markup = page.read_text(encoding="utf-8")
        assert text_of(markup).count(RECEIPT) <= 1, page
        assert "eimza-receipt-warning" not in markup, page
    family = text_of((site_dir / "aile-hekimleri" / "index.html").read_text(encoding="utf-8"))
    assert family.count(RECEIPT) == 1


def test_family_doctors_read_payment_first(site_dir: Path) -> None:
    markup = (site_dir / "aile-hekimleri" / "index.html").read_text(encoding="utf-8")
    iban = eimza.group_iban(eimza.load_data().facts_on(dt.date.fromisoformat(SESSION_EDITION)).iban)
    order = [markup.index('id="ne-odenir"'), markup.index('id="nasil-odenir"'), markup.index(iban),
             markup.index('id="tutari-nasil-ogrenirim"'), markup.index('id="ayrintilar-adimlar-ve-odeme"'),
             markup.index('class="eimza-static-answer"')]  # fmt: skip
    assert order == sorted(order)
    text = text_of(markup)
    assert "Örnek" in text and "Ayşe-YILMAZ-" in text  # a worked example, marked as one
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="aile-hekimleri/#nasil-odenir"' in home


def test_account_users_include_expired_family_doctors(site_dir: Path) -> None:
    for name in ("aile-hekimleri", "sss", "index"):
        path = site_dir / ("index.html" if name == "index" else f"{name}/index.html")
        assert "süresi dolmuş e-imza" in text_of(path.read_text(encoding="utf-8")), name


def test_lost_page_reads_on_a_phone(site_dir: Path) -> None:
    markup = (site_dir / "kayip-calinti" / "index.html").read_text(encoding="utf-8")
    menu = re.search(r'<ol class="eimza-menu-path"[^>]*>(.*?)</ol>', markup, re.S)
    assert menu and [text_of(li) for li in re.findall(r"<li>(.*?)</li>", menu.group(1))] == [
        "NES İŞLEMLERİ", "BİREYSEL İŞLEMLER", "BAŞVURU İŞLEMLERİ", "KİŞİ ÖDEMELİ BAŞVURU"]  # fmt: skip
    assert not re.search(r"<pre[^>]*>(?:(?!</pre>).)*KİŞİ ÖDEMELİ", markup, re.S)
    heads = [text_of(h) for h in re.findall(r"<h3[^>]*>(.*?)</h3>", markup, re.S)]
    assert any("Kart okuyucunuz elinizdeyse" in h.replace("k", "K", 1) or "kart okuyucunuz elinizdeyse" in h
               for h in heads), heads  # fmt: skip
    assert any("kart okuyucunuz da kaybolduysa" in h for h in heads), heads
    assert all("Tüm sağlık çalışanları" in h for h in heads if "kart okuyucunuz" in h)
    assert "Diğer sağlık çalışanı" not in text_of(markup)
    assert 'href="tel:4445576"' in markup
    sss = text_of((site_dir / "sss" / "index.html").read_text(encoding="utf-8"))
    lost = sss[sss.index("E-imzam kayboldu") :]
    assert lost.index("Önce") < lost.index("iptal") < lost.index("arayabilirsiniz")


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
