"""make bench's logic without a browser: medians and percentiles, the ratios against the
same-run baselines (the bare Pyodide page, the bare swap page), the targets of issue 23 item 5
(met / not met / not measured), the attribution of long-frame scripts and the printed table.
Figures here are made up."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from eimza import load_data
from eimza_site.bench import probe, report, site
from eimza_site.bench.report import KB, Figures


def figures(**over: list[float]) -> Figures:
    f = Figures()
    base = {
        "bare.cold": [2000, 1900, 2100, 2050, 1950, 2000, 2000, 2000, 2000],  # median 2000
        "bare.cpu4": [8000, 8000, 8000],
        "instant.cold": [90, 100, 110],
        "typing.total": [3000, 3100, 2900],
        "typing.wait": [150, 200, 250],  # median 200 → 0.10×: the limit itself is met
        "typing.total.cpu4": [9000],
        "typing.wait.cpu4": [1300],  # 0.1625× the 4× bare page: over 0.15×
        "ready.cold": [700, 800, 900],  # median 800 → 0.40×
        "interaction": [float(x) for x in range(1, 21)],  # p95 = 19.05
        "swap": [float(x) / 2 for x in range(1, 21)],  # p95 = 9.525 → 2.00×
        "interaction.cpu4": [100, 200],  # p95 = 195
        "swap.cpu4": [100, 200, 150],  # p95 = 195 → 1.00×
        "bytes.nointent": [120 * KB, 160 * KB, 140 * KB],  # median 140 KB
        "bytes.nointent.python": [0, 0, 0],
        "offline.before": [900 * KB],
        "offline.after": [21_000 * KB],
        "task.own": [20, 49.9],
        "task.material": [140],
    }
    for key, values in {**base, **over}.items():
        f.extend(key, values)
    f.lighthouse = {
        "home": {"performance": 0.99, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0},
        "calc": {"performance": 0.97, "accessibility": 1.0, "best-practices": 0.96, "seo": 1.0},
    }
    return f


def by_what(f: Figures) -> dict[str, report.Target]:
    return {t.what: t for t in report.targets(f)}


def test_median_and_percentile_arithmetic() -> None:
    assert report.median([3, 1, 2]) == 2
    assert report.median([4, 1, 2, 3]) == 2.5
    assert report.median([]) is None
    assert report.percentile([1, 2, 3, 4, 5], 95) == pytest.approx(4.8)
    assert report.percentile([5, 1, 4, 2, 3], 50) == 3
    assert report.percentile([7], 95) == 7
    assert report.percentile([], 95) is None
    assert report.ratio(100, 2000) == pytest.approx(0.05)
    assert report.ratio(None, 2000) is None
    assert report.ratio(100, 0) is None


def test_targets_are_ratios_to_the_same_runs_baselines() -> None:
    t = by_what(figures())
    nointent = t["aktarılan, soğuk, niyet yok"]
    assert (nointent.figure, nointent.met) == ("140 KB", True)
    wait = t["11. haneden açıklamaya / yalın sayfa"]
    assert (wait.figure, wait.met) == ("0.10×", True)  # 200 / 2000: the limit itself is met
    slow = t["11. haneden açıklamaya, 4× CPU / yalın sayfa 4× CPU"]
    assert (slow.figure, slow.met) == ("0.16×", False)  # 1300 / 8000 > 0.15
    ready = t["Python gereken ilk yanıt, soğuk / yalın sayfa"]
    assert (ready.figure, ready.met) == ("0.40×", True)
    swap = t["etkileşim p95 / yalın takas sayfası p95"]
    assert (swap.figure, swap.met) == ("2.00×", False)
    swap4 = t["4× CPU: etkileşim p95 / yalın takas sayfası p95"]
    assert (swap4.figure, swap4.met) == ("1.00×", True)
    assert t["projenin kendi betiklerinden uzun görev"].met is True  # 49.9 ms; Material's 140 ms not targeted
    assert t["Lighthouse performance (home)"].met is True
    assert t["Lighthouse performance (calc)"].met is False  # 0.97 < 0.98
    assert t["Lighthouse best-practices (calc)"].met is False
    assert t["Lighthouse seo (calc)"].met is True


def test_a_target_flips_just_past_its_limit() -> None:
    t = by_what(figures(**{"ready.cold": [901, 901, 901], "task.own": [50.1]}))
    assert t["Python gereken ilk yanıt, soğuk / yalın sayfa"].met is False  # 0.4505×
    assert t["projenin kendi betiklerinden uzun görev"].met is False
    t = by_what(figures(**{"bytes.nointent": [150 * KB + 1]}))
    assert t["aktarılan, soğuk, niyet yok"].met is False  # one byte over 150 KB
    t = by_what(figures(**{"bytes.nointent": [150 * KB]}))
    assert t["aktarılan, soğuk, niyet yok"].met is True
    t = by_what(figures(**{"typing.wait": [201, 201, 201]}))
    assert t["11. haneden açıklamaya / yalın sayfa"].met is False


def test_unmeasured_figures_are_not_met() -> None:
    f = figures()
    del f.values["ready.cold"], f.values["swap.cpu4"]
    f.lighthouse = {}
    t = by_what(f)
    assert t["Python gereken ilk yanıt, soğuk / yalın sayfa"].met is None
    assert t["4× CPU: etkileşim p95 / yalın takas sayfası p95"].met is None
    assert t["Lighthouse seo (calc)"].met is None
    text = report.render(f)
    assert "ölçülmedi" in text
    assert f"hedefler: {sum(x.met is True for x in t.values())} / {len(t)} karşılandı" in text


def test_table_rows_carry_figures_and_ratios() -> None:
    text = report.render(figures())
    line = next(x for x in text.splitlines() if x.startswith("yazım: 11. haneden açıklamaya, soğuk"))
    assert "200 ms" in line and "2,000 ms" in line and line.endswith("0.10×")
    line = next(x for x in text.splitlines() if x.startswith("etkileşim p95 (20 değişiklik"))
    assert "19 ms" in line and "10 ms" in line and line.endswith("2.00×")
    assert "0.99 / 1.00 / 1.00 / 1.00" in text
    assert "KARŞILANMADI" in text and "karşılandı" in text


def test_the_head_line_says_how_fast_the_machine_was() -> None:
    f = figures()
    assert "benchmarkIndex" not in report.render(f)  # no Lighthouse run: nothing to say
    f.extend("lh.home.benchmarkIndex", [900, 1100, 1000])
    f.extend("lh.calc.benchmarkIndex", [700, 800])  # median of all five: 900
    head = report.render(f).splitlines()[0]
    assert head.endswith("makinenin hızı (Lighthouse benchmarkIndex, büyük olan hızlı): 900"), head


def test_figures_survive_the_json_file(tmp_path: object) -> None:
    from pathlib import Path

    f = figures()
    f.notes.append("yavaşlatılamadı: worker w.mjs")
    out = Path(str(tmp_path)) / "b.json"
    report.write(f, out)
    again = Figures.from_json(json.loads(out.read_text("utf-8")))
    assert report.render(again) == report.render(f)


def test_long_frame_scripts_are_attributed_by_whose_code() -> None:
    page = "http://127.0.0.1:1/ucret-hesaplama/#durum=first"
    entries = [
        ["http://127.0.0.1:1/assets/calculator/calculator-1a2b.mjs", "", 30.0, 0, 0],
        ["http://127.0.0.1:1/assets/javascripts/bundle.a5f9.min.js", "", 140.0, 0, 0],
        ["http://127.0.0.1:1/ucret-hesaplama/", "Promise.resolve", 60.0, 0, 12],
        ["", "frame: style, layout, paint", 90.0, 0, -1],
        ["http://127.0.0.1:1/", "", 200.0, 0, 0],  # another page's script
    ]
    assert [probe.owner(e, page) for e in entries] == ["own", "material", "own", "other", "other"]
    assert probe.longest_by_owner(entries, page) == {"own": 60.0, "material": 140.0, "other": 200.0}
    html = (
        '<script>var palette = 1;</script><script type="application/json" id="eimza-instant">{}</script>'
        "<script>window.__eimzaStart = function () { go(); };</script>"
    )
    inline = probe.inline_scripts(html)
    assert inline == ["window.__eimzaStart = function () { go(); };"]
    named = probe.culprit(entries[:3], inline)
    assert named == "bundle.a5f9.min.js [] (140 ms)"
    named = probe.culprit([entries[2]], inline)  # position 12: counted from the script's own start
    assert named == "satır içi: “zaStart = function () { go(); };…” [Promise.resolve] (60 ms)"


def test_shared_links_are_the_calculators_hash() -> None:
    """The links people share: a ticked box by its option's link name (the national file's
    `link`; "islak" and "okuyucu" are pinned here on purpose: links already shared use them),
    an unticked one not at all; the form's unticked boxes give each option's value."""
    data = load_data()
    case = {"situation": "renewal", "role": "staff", "electronic": False}
    assert (
        site.link(case, "2024-03-12", data)
        == "ucret-hesaplama/#durum=renewal&gorev=staff&tarih=2024-03-12&islak=1"
    )
    lost = site.form_case("lost", "family-doctor", data)
    assert lost == {"situation": "lost", "role": "family-doctor", "with_reader": False}
    assert (
        site.link(lost, "2024-03-12", data)
        == "ucret-hesaplama/#durum=lost&gorev=family-doctor&tarih=2024-03-12"
    )


def test_the_swap_page_is_the_calculator_page_without_its_scripts(site_dir: Path, tmp_path: Path) -> None:
    """The bare swap page: the same build's calculator page, no boot script and no module
    (so no worker), the answers the worker gives before and after each form change."""
    import datetime as dt

    import eimza

    (tmp_path / site.CALC).mkdir(parents=True)
    (tmp_path / site.CALC / "index.html").write_bytes((site_dir / site.CALC / "index.html").read_bytes())
    from conftest import SESSION_EDITION

    day = dt.date.fromisoformat(SESSION_EDITION)  # the session site's edition
    plan = site.plan(tmp_path, day, 6)
    assert len(plan.answers) == len(plan.steps) + 1
    assert all(a != b for a, b in zip(plan.answers, plan.answers[1:], strict=False))  # each step changes it
    site.swap_page(tmp_path, plan.answers)
    html = (tmp_path / site.SWAP / "index.html").read_text("utf-8")
    assert "__eimzaNewWorker" not in html and not re.search(r"calculator-[0-9a-f]+\.mjs", html)
    assert f'<script type="module" src="../{site.SWAP_SCRIPT}"></script>' in html
    block = re.search(r'<script type="application/json" id="bench-swap">(.*?)</script>', html, re.S)
    assert block and json.loads(block.group(1)) == plan.answers
    link = parse_qs(plan.worker_link.split("#", 1)[1])  # the first state: the link's case
    first = {**site.form_case(link["durum"][0], link["gorev"][0], load_data()), "date": link["tarih"][0]}
    nobody = {"name": "", "surname": "", "tckn": ""}
    message = {"case": first, "person": nobody, "today": first["date"]}  # a reader on the link's day
    reply = json.loads(eimza.web.handle(json.dumps(message, ensure_ascii=False)))["answer"]
    assert plan.answers[0] == {"head": reply["head"], "html": reply["html"]}
    assert "Ödeme tarihi" in reply["head"]
