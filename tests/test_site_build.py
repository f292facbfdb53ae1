"""The built site (one real build per session, real data): HTML validity, links, the source
page's facts, amounts equal to the engine's, data-driven rebuilds and failing builds."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import eimza
from conftest import SESSION_EDITION, build_site
from edition_builds import copy_root
from eimza import editions, instant, money, turkish
from eimza_site.pages import facts, sitecheck
from engine_facts import (
    half_up,
    raw_periods,
    tr_date,
    vat_rate,
)
from site_helpers import (
    AMOUNT,
    ROOT,
    by_id,
    engine_amounts,
    pages,
    parse_links,
    parse_tree,
    priced_case,
    quote_dates,
    site_text,
    text_of,
)

EXPECTED_PAGES = [
    "index.html",
    "ilk-basvuru/index.html",
    "yenileme/index.html",
    "suresi-dolmus/index.html",
    "aile-hekimleri/index.html",
    "kayip-calinti/index.html",
    "kart-okuyucu/index.html",
    "ucret-tarifesi/index.html",
    "ucret-hesaplama/index.html",
    "sss/index.html",
    "degisiklik-gecmisi/index.html",
    "iletisim/index.html",
]


def _page(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def test_every_page_is_built(site_dir: Path) -> None:
    for name in EXPECTED_PAGES:
        assert (site_dir / name).is_file(), name


_CODE = re.compile(r"<(script|style|code|pre)\b.*?</\1>", re.S | re.I)


def test_no_token_left(site_dir: Path) -> None:
    """No {{ token }} or {! include !} left anywhere in the markup, attributes included
    (code blocks and scripts may show braces)."""
    for page in pages(site_dir):
        markup = _CODE.sub(" ", page.read_text(encoding="utf-8"))
        assert "{{" not in markup and "{!" not in markup, page


def test_vnu_reports_no_error(site_dir: Path) -> None:
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), "vnu-jar missing: run make setup-test"
    assert shutil.which("java"), "java missing: run make setup-test (default-jre-headless)"
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--skip-non-html", str(site_dir)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


def test_internal_links_resolve(site_dir: Path) -> None:
    cache: dict[Path, set[str]] = {}

    def ids(path: Path) -> set[str]:
        if path not in cache:
            cache[path] = parse_links(path.read_text(encoding="utf-8"))[1]
        return cache[path]

    broken = []
    for page in pages(site_dir):
        links, _ = parse_links(page.read_text(encoding="utf-8"))
        for link in links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            if parts.path.startswith("/"):
                target = (site_dir / unquote(parts.path).lstrip("/")).resolve()
            elif parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
            else:
                target = page
            if target == site_dir.resolve().parent:
                continue  # the outdated-edition banner's link: mike's root of all editions
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site_dir)} → {link}")
                continue
            if parts.fragment and target.suffix == ".html" and parts.fragment not in ids(target):
                broken.append(f"{page.relative_to(site_dir)} → {link} (anchor)")
    assert not broken, "\n".join(broken)


# --- the directorate's facts (from its data on the edition date, never written here) -----------------


def _session_data() -> eimza.Data:
    return eimza.load_data()  # the session site's directorate (EIMZA_IL, default tekirdag)


def test_kamusm_addresses_are_on_the_site(site_dir: Path) -> None:
    markup = " ".join(p.read_text(encoding="utf-8") for p in pages(site_dir))
    k = _session_data().kamusm
    urls = [k.portal, k.online, k.sanalpos, k.reader, k.tariff]
    for url in urls:
        assert f'href="{url}"' in markup, url


def test_directorate_facts_are_on_the_site(site_dir: Path) -> None:
    """What the directorate's answers use on the edition date is on its site: the account of
    each payment to it (bank, holder, IBAN grouped and plain, the description pattern), each
    receipt e-mail, its name and unit, the certificate's years and every announced tariff
    update's date, in words. (That nothing else is there: sitecheck, test_directorates.py.)"""
    data, edition = _session_data(), dt.date.fromisoformat(SESSION_EDITION)
    text = site_text(site_dir)
    folded = turkish.lower(text)
    facts_on = data.facts_on(edition)
    wanted = [facts_on.name, facts_on.unit, f"{data.kamusm.certificate_years} yıllık"]
    for case in instant.form_cases(data):
        q = eimza.quote({**case, "date": edition.isoformat()}, data, require_amounts=False)
        pay = q["payment"]
        if pay and pay["payee"] == "directorate":
            wanted += [pay[k] for k in ("bank", "account_holder", "iban", "iban_grouped", "description")]
            wanted += list(pay["receipt_emails"])
    for period in data.tariffs:
        if not period.start_assumed:
            wanted.append(tr_date(period.start))
    for words in filter(None, wanted):
        assert turkish.lower(words) in folded, words


def test_iban_is_copyable(site_dir: Path) -> None:
    iban = _session_data().facts_on(dt.date.fromisoformat(SESSION_EDITION)).iban
    assert iban, "the directorate's family doctors pay it: it has an account"
    markup = _page(site_dir, "aile-hekimleri/index.html")
    grouped = eimza.group_iban(iban)
    # a code block (Material adds the copy button to every <pre><code>)
    assert re.search(r"<pre[^>]*>.*?" + re.escape(grouped) + r".*?</pre>", markup, re.S)


# --- amounts ----------------------------------------------------------------------------------


def test_every_amount_is_the_engines(site_dir: Path) -> None:
    data = eimza.load_data()
    edition = dt.date.fromisoformat(SESSION_EDITION)
    allowed = engine_amounts(data, quote_dates(data, edition)) | sitecheck.quoted_amounts(data)
    seen = set()
    for page in pages(site_dir):
        for amount in AMOUNT.findall(text_of(page.read_text(encoding="utf-8"))):
            assert amount in allowed, f"{page}: {amount} is not an amount the engine produces"
            seen.add(amount)
    assert len(seen) >= 5


ITEM_NAMES = {"nes-3y": "3 yıllık NES", "mini-reader": "Mini kart okuyucu", "nes-1y": "1 yıllık NES",
              "nes-2y": "2 yıllık NES", "desktop-reader": "Masaüstü kart okuyucu"}  # fmt: skip


def _tl(x: Decimal) -> str:
    """1.080,00 TL, written here."""
    whole, cents = f"{x:.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + f",{cents} TL"


def test_tariff_page_shows_every_period(site_dir: Path) -> None:
    """The tariff table, row by row: each period (newest first) with its label; each known
    item with net, VAT (rate of the day it was seen), VAT-inclusive and that day, computed
    here from the TOML; unknown periods say so."""
    markup = _page(site_dir, "ucret-tarifesi/index.html")
    tables = parse_tree(markup).find_all(lambda n: n.tag == "table" and "Kamu SM" in n.text()[:80])
    assert len(tables) == 1
    rows = tables[0].find_all(lambda n: n.tag == "tr")[1:]  # the head row first
    national = facts.data_files().national.read_text(encoding="utf-8")  # the session's
    periods = sorted(raw_periods(national), key=lambda p: p["from"])
    ends = [n["from"] - dt.timedelta(days=1) for n in periods[1:]] + [None]
    expected: list[list[str]] = []
    for p, end in reversed(list(zip(periods, ends, strict=True))):
        label = (
            f"{tr_date(p['from'])} – {tr_date(end)}" if end else f"{tr_date(p['from'])} tarihinden itibaren"
        )
        if not p["amounts_known"]:
            expected.append([label, "Tüm kalemler", "Tutarlar bilinmiyor (bu sitede yok)"])
            continue
        rate = vat_rate(p["verified"])
        for k, (code, item) in enumerate(p["items"].items()):
            net = Decimal(item["net"])
            vat = half_up(net * rate / 100)
            if "quoted_gross" in item:
                assert net + vat == Decimal(item["quoted_gross"]), (p["from"], code)  # the TOML agrees
            cells = [
                ITEM_NAMES[code],
                _tl(net),
                f"{_tl(vat)} (%{rate})",
                _tl(net + vat),
                tr_date(p["verified"]),
            ]
            expected.append(([label] if k == 0 else []) + cells)
    got = []
    for row in rows:
        cells = [c.text() for c in row.elements()]
        if cells and cells[0].endswith("(başlangıcı kesin değil)"):  # the Turkish of issue 13
            cells[0] = cells[0].removesuffix("(başlangıcı kesin değil)").strip()
        # the source cell (rowspan) ends a period's first row: not compared here
        got.append(cells[: len(expected[len(got)])] if len(got) < len(expected) else cells)
    assert got == expected
    assert _session_data().kamusm.tariff in text_of(markup)
    svg = re.search(r"<svg class=\"eimza-chart\".*?</svg>", markup, re.S)
    assert svg and "<title" in svg.group(0) and "<desc" in svg.group(0)
    assert "<script" not in svg.group(0)


def test_unknown_current_tariff_is_said_honestly(site_dir: Path) -> None:
    data = eimza.load_data()
    edition = dt.date.fromisoformat(SESSION_EDITION)
    current = data.tariff_for(edition)
    text = text_of(_page(site_dir, "ucret-hesaplama/index.html"))
    if current.amounts_known:
        assert "bu sitede henüz yok" not in text
        return
    assert "e-imza ücretleri bu sitede henüz yok" in text
    assert "Eski tutarları yatırmayın." in text
    assert "Son bilinen" not in text  # no other date's amount in its place


def test_static_answers_are_in_their_container(site_dir: Path) -> None:
    """Inside <div id="eimza-static">: every case the calculator's form can post (the data's
    situations × roles × options) has a heading "<situation (options)>: <role>" followed by its
    answer, whose title, total and items are the engine's for that case on the edition date."""
    data = eimza.load_data()
    static = by_id(parse_tree(_page(site_dir, "ucret-hesaplama/index.html")), "eimza-static")
    kids = static.elements()
    shown = []
    for i, node in enumerate(kids):
        if node.tag != "h4":
            continue
        answer = kids[i + 1]
        assert "eimza-static-answer" in answer.classes(), node.text()
        case = json.loads(answer.attrs["data-case"])
        situation, role = data.situation(case["situation"]), data.role(case["role"])
        titles = [o.true_title if case[o.id] else o.false_title for o in data.options_of(situation.id)]
        title = situation.label + (f" ({', '.join(titles)})" if titles else "")
        assert node.text().removesuffix("¶").strip() == f"{title}: {turkish.lower(role.label)}"
        q = eimza.quote({**case, "date": SESSION_EDITION}, data)
        article = answer.find_all(lambda n: "eimza-answer" in n.classes())
        assert len(article) == 1
        heads = article[0].find_all(lambda n: "eimza-answer__title" in n.classes())
        assert heads and heads[0].text() == q["title"]
        totals = answer.find_all(lambda n: "data-total" in n.attrs)
        if q["payment"] is None:
            assert totals == []
        else:
            assert [t.attrs["data-total"] for t in totals] == [q["payment"]["total"]], case
            rows = answer.find_all(lambda n: n.tag == "tr" and "data-item" in n.attrs)
            assert [r.attrs["data-item"] for r in rows] == [it["code"] for it in q["payment"]["items"]]
        shown.append(case)
    assert shown == instant.form_cases(data)  # every case the form posts, once, in its order


def test_last_updated_in_turkish(site_dir: Path) -> None:
    """The session site is built as its directorate's first edition (conftest.SESSION_EDITION),
    which the editions file lists: a published edition, dated as such on every page
    (tests/test_edition_labels.py checks the labels of both kinds of build in full)."""
    day = tr_date(dt.date.fromisoformat(SESSION_EDITION))  # written here: "4 Mart 2024"
    for name in EXPECTED_PAGES:
        assert f"Bu baskının tarihi: {day}" in text_of(_page(site_dir, name)), name


def test_no_foreign_origin_in_markup(site_dir: Path) -> None:
    """Scripts, styles, fonts and images load only from the site itself."""
    for page in pages(site_dir):
        markup = page.read_text(encoding="utf-8")
        for m in re.finditer(r"<(script|link|img|source|iframe)\b[^>]*>", markup):
            tag = m.group(0)
            if m.group(1) == "link" and "stylesheet" not in tag and "icon" not in tag:
                continue
            assert not re.search(r"(src|href)=\"(https?:)?//", tag), f"{page}: {tag}"


def test_search_index_finds_natural_queries(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["tr"]
    expectations = {
        "kayıp": "kayip-calinti/",
        "kart okuyucu": "kart-okuyucu/",
        "İmza": "",
        "ücret": "ucret-tarifesi/",
        "dekont": "aile-hekimleri/",
    }
    for query, where in expectations.items():
        words = turkish.lower(query).split()
        hits = {
            doc["location"].split("#")[0]
            for doc in index["docs"]
            if all(w in turkish.lower(doc["title"] + " " + doc["text"]) for w in words)
        }
        assert hits, query
        assert where in hits, (query, sorted(hits))


# --- rebuilds -----------------------------------------------------------------------------------


def _env_build(tmp_path: Path, **env: str | None) -> Path:
    return build_site(tmp_path / "site", env=env)


def test_pages_follow_a_modified_data_file(tmp_path: Path) -> None:
    data = eimza.load_data()
    latest = data.latest_known()
    assert latest is not None and "nes-3y" in latest.items
    old_net = latest.items["nes-3y"].net
    new_net = old_net + 37
    rate = data.vat_rate_for(latest.verified)
    new_gross = new_net + money.vat_of(new_net, rate)
    folder = copy_root(tmp_path / "data")
    national = tmp_path / "data" / "kamusm.toml"
    text = national.read_text(encoding="utf-8")
    # the latest known period's block starts at its `verified = …` line
    at = text.index(f"verified = {latest.verified.isoformat()}")
    head, tail = text[:at], text[at:]
    tail = re.sub(
        r'nes-3y = \{ net = "[\d.]+", quoted_gross = "[\d.]+" \}',
        f'nes-3y = {{ net = "{money.plain(new_net)}", quoted_gross = "{money.plain(new_gross)}" }}',
        tail,
        count=1,
    )
    national.write_text(head + tail, encoding="utf-8")
    # a directorate fact every directorate's answers show (family doctors pay it): its account
    # holder, changed in its first facts block
    old_holder = data.facts_on(dt.date.min).account_holder
    assert old_holder, "the directorate has an account holder to change"
    new_holder = "DENEME İL SAĞLIK MÜDÜRLÜĞÜ HESABI"
    il = (folder / "il.toml").read_text(encoding="utf-8")
    assert il.count(f'account_holder = "{old_holder}"') == 1
    il = il.replace(f'account_holder = "{old_holder}"', f'account_holder = "{new_holder}"')
    (folder / "il.toml").write_text(il, encoding="utf-8")
    assert tomllib.loads(national.read_text(encoding="utf-8"))  # still valid TOML
    changed = eimza.load_data(folder)

    site = _env_build(tmp_path, EIMZA_IL=str(folder), EIMZA_EDITION=None)
    text_all = site_text(site)
    # no edition given: the build is dated today in Türkiye (UTC+3, all year)
    today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)).date()
    assert f"Önizleme — yayımlanmamış baskı (tutarlar {tr_date(today)} tarihine göre)" in text_of(
        _page(site, "index.html")
    )
    assert new_holder in text_all and old_holder not in text_all
    tariff = text_of((site / "ucret-tarifesi" / "index.html").read_text(encoding="utf-8"))
    assert money.format_tl(new_gross) in tariff
    # every amount still is one the engine produces, now for the modified data
    allowed = engine_amounts(changed, quote_dates(changed, facts.edition_date())) | sitecheck.quoted_amounts(
        changed
    )
    for amount in AMOUNT.findall(text_all):
        assert amount in allowed, amount
    first = eimza.quote(priced_case(changed, latest.verified), changed)
    family = text_of((site / "aile-hekimleri" / "index.html").read_text(encoding="utf-8"))
    shown = money.format_tl(first["payment"]["total"]) in family
    # the edited period's total is shown only when it is the edition date's own amount: an
    # old amount never stands in for an unknown one (issue 13)
    edited = next(p for p in changed.tariffs if p.start == latest.start)
    assert shown == (changed.tariff_for(facts.edition_date()) == edited)


def test_known_edition_shows_its_amounts_without_fallback(tmp_path: Path) -> None:
    data = eimza.load_data()
    latest = data.latest_known()
    assert latest is not None and latest.verified is not None
    # a day of the latest known period that the editions file does not list (a preview)
    listed = {e.date for e in editions.load_editions(facts.data_files().editions)}
    day = next(
        latest.verified + dt.timedelta(days=n)
        for n in range(400)
        if latest.verified + dt.timedelta(days=n) not in listed
    )
    assert data.tariff_for(day) == latest
    site = _env_build(tmp_path, EIMZA_EDITION=day.isoformat())
    text = text_of((site / "aile-hekimleri" / "index.html").read_text(encoding="utf-8"))
    assert "bu sitede henüz yok" not in text
    q = eimza.quote(priced_case(data, day), data)
    assert money.format_tl(q["payment"]["total"]) in text
    # an edition date that the editions file does not list: a preview computed for that date
    assert f"yayımlanmamış baskı (tutarlar {turkish.date_long(day)} tarihine göre)" in text


def _project_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("data", "docs", "docs_fragments", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _failing_build(project: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode != 0, "the build should have failed"
    return proc.stdout + proc.stderr


def test_missing_include_fails_the_build(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    page = project / "docs" / "iletisim.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{!yok-boyle-parca.md!}\n", encoding="utf-8")
    out = _failing_build(project)
    assert "yok-boyle-parca.md" in out


def test_missing_nested_include_fails_the_build(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    (project / "docs_fragments" / "banka.md").write_text("{!kayip-parca.md!}\n", encoding="utf-8")
    out = _failing_build(project)
    assert "kayip-parca.md" in out


def test_unknown_token_fails_the_build(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    page = project / "docs" / "sss.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ ibna }}\n", encoding="utf-8")
    out = _failing_build(project)
    assert "ibna" in out and "bilinmeyen belirteç" in out and "sss.md" in out


def _runnable_copy(tmp_path: Path) -> Path:
    """A project copy that gets through the whole build (the runtime needs the Pyodide package,
    the snapshot script and the version), sharing the runtime cache: same data, no new snapshot."""
    project = _project_copy(tmp_path)
    for name in ("pyproject.toml", "node_modules", "scripts"):
        (project / name).symlink_to(ROOT / name)
    cache = ROOT / "build" / "runtime-cache"
    cache.mkdir(parents=True, exist_ok=True)
    (project / "build").mkdir()
    (project / "build" / "runtime-cache").symlink_to(cache)
    return project


@pytest.mark.parametrize(
    "script",
    ["<script>alert(document.domain)</script>", '<script type="module">import("/x.js")</script>'],
    ids=["classic", "module"],
)
def test_an_inline_script_no_template_wrote_fails_the_build(tmp_path: Path, script: str) -> None:
    """csp.py would allow it by hash like the project's own: the build refuses it instead."""
    project = _runnable_copy(tmp_path)
    page = project / "docs" / "sss.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{script}\n", encoding="utf-8")
    out = _failing_build(project)
    assert "docs/sss.md sayfasında projenin şablonlarında olmayan bir betik var" in out, out
    body = script.split(">", 1)[1].rsplit("<", 1)[0]
    assert f"“{body}”" in out


def test_version_selector_only_on_mike_editions(site_dir: Path, tmp_path: Path) -> None:
    """A plain build has no versions.json: Material must not be told to fetch one (a 404 on
    every page). An edition built by mike (MIKE_DOCS_VERSION set) keeps the selector and the
    outdated banner, whose script resolves the relative base against the page."""
    config_re = r'<script id="__config" type="application/json">(.*?)</script>'
    plain = _page(site_dir, "index.html")
    config = re.search(config_re, plain, re.S)
    assert config and json.loads(config.group(1))["version"] is None
    assert 'data-md-component="outdated"' not in plain
    mike = _page(_env_build(tmp_path, MIKE_DOCS_VERSION="2026-01-20"), "index.html")
    config = re.search(config_re, mike, re.S)
    assert config and json.loads(config.group(1))["version"] == {"provider": "mike", "default": "guncel"}
    banner = re.search(r'data-md-component="outdated".*?</aside>', mike, re.S)
    assert banner and "Güncel baskıya" in text_of(banner.group(0))
    assert 'new URL(".",location)' in mike and 'new URL(".")' not in mike


def test_index_chooses_the_case_page(site_dir: Path) -> None:
    """The decision diagram asks the national situations' questions in their order, each
    leading to its page."""
    data = eimza.load_data()
    markup = _page(site_dir, "index.html")
    flow = re.search(r'<nav [^>]*class="eimza-flow".*?</nav>', markup, re.S)
    assert flow
    links, _ = parse_links(flow.group(0))
    ordered = sorted(data.situations, key=lambda s: s.diagram)
    pages_in_order = [link for link in links if link.removesuffix("/") + ".md" in {s.page for s in ordered}]
    assert pages_in_order == [s.page.removesuffix(".md") + "/" for s in ordered]
    text = text_of(flow.group(0))
    places = [text.index(s.question) for s in ordered]
    assert places == sorted(places)
    all_links, _ = parse_links(markup)
    assert "ucret-hesaplama/" in all_links and "aile-hekimleri/" in all_links


def test_not_found_page_is_turkish(site_dir: Path) -> None:
    text = text_of(_page(site_dir, "404.html"))
    assert "Sayfa bulunamadı" in text and "Not found" not in text
