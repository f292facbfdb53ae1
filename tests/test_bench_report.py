"""make bench's logic without a browser: medians and percentiles, the ratios against the
same-run bare page, the targets of issue 11 item 4 (met / not met / not measured), the
attribution of long-frame scripts and the printed table. Figures here are made up."""

from __future__ import annotations

import json

import pytest

from eimza_site.bench import probe, report, site
from eimza_site.bench.report import KB, Figures


def figures(**over: list[float]) -> Figures:
    f = Figures()
    base = {
        "bare.cold": [2000, 1900, 2100, 2050, 1950],  # median 2000
        "bare.repeat": [1000, 1000, 1000],
        "default.cold": [150, 150, 150],
        "link.cold": [90, 100, 110, 300, 95],  # median 100
        "home.fcp": [80, 80, 80],
        "ready.cold": [700, 800, 900],  # median 800 → 0.40×
        "interaction": [float(x) for x in range(1, 21)],  # p95 = 19.05
        "interaction.cpu4": [100, 200],  # p95 = 195
        "bytes.savedata": [200 * KB, 310 * KB, 250 * KB],  # median 250 KB
        "task.own": [20, 49.9],
        "task.material": [140],
    }
    for key, values in {**base, **over}.items():
        f.extend(key, values)
    f.facts.update({"default.cold.path": "instant", "link.cold.path": "instant"})
    f.lighthouse = {
        "home": {"performance": 0.99, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0},
        "calc": {"performance": 0.94, "accessibility": 1.0, "best-practices": 0.96, "seo": 1.0},
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


def test_targets_against_the_same_run_bare_page_and_home_fcp() -> None:
    t = by_what(figures())
    link = t["anında ilk yanıt soğuk, paylaşılan bağlantı / yalın sayfa"]
    assert (link.figure, link.met) == ("0.05×", True)
    fcp = t["anında ilk yanıt soğuk, paylaşılan bağlantı / ana sayfa FCP"]
    assert (fcp.figure, fcp.met) == ("1.25×", True)  # 100 / 80
    default_fcp = t["anında ilk yanıt soğuk, varsayılan durum / ana sayfa FCP"]
    assert (default_fcp.figure, default_fcp.met) == ("1.88×", False)  # 150 / 80
    ready = t["Python hazır soğuk / yalın sayfa"]
    assert (ready.figure, ready.met) == ("0.40×", True)  # the limit itself is met
    assert t["etkileşim p95"].met is True
    cpu = t["etkileşim p95, 4× CPU (DevTools: sayfa)"]
    assert (cpu.figure, cpu.met) == ("195 ms", False)
    assert "etkileşim p95, 4× CPU (süreç: sayfa + çalışan)" not in t  # not measured: no row
    assert (t["aktarılan, soğuk, Save-Data"].figure, t["aktarılan, soğuk, Save-Data"].met) == ("250 KB", True)
    assert (
        t["projenin kendi betiklerinden uzun görev"].met is True
    )  # 49.9 ms; Material's 140 ms is not targeted
    assert t["Lighthouse performance (home)"].met is True
    assert t["Lighthouse performance (calc)"].met is False
    assert t["Lighthouse best-practices (calc)"].met is False
    assert t["Lighthouse seo (calc)"].met is True


def test_a_target_flips_just_past_its_limit() -> None:
    t = by_what(figures(**{"ready.cold": [801, 801, 801], "task.own": [50.1]}))
    assert t["Python hazır soğuk / yalın sayfa"].met is False
    assert t["projenin kendi betiklerinden uzun görev"].met is False
    t = by_what(figures(**{"bytes.savedata": [300 * KB + 1]}))
    assert t["aktarılan, soğuk, Save-Data"].met is False  # one byte over 300 KB
    t = by_what(figures(**{"bytes.savedata": [300 * KB]}))
    assert t["aktarılan, soğuk, Save-Data"].met is True


def test_unmeasured_figures_are_not_met_and_a_worker_answer_is_no_instant_one() -> None:
    f = figures()
    del f.values["ready.cold"], f.values["interaction.cpu4"]
    f.lighthouse = {}
    f.facts["default.cold.path"] = "worker"
    t = by_what(f)
    assert t["Python hazır soğuk / yalın sayfa"].met is None
    assert t["etkileşim p95, 4× CPU (DevTools: sayfa)"].met is None
    assert t["Lighthouse seo (calc)"].met is None
    assert t["anında ilk yanıt, varsayılan durum"].met is False
    text = report.render(f)
    assert "ölçülmedi" in text
    assert f"hedefler: {sum(x.met is True for x in t.values())} / {len(t)} karşılandı" in text


def test_table_rows_carry_figures_and_ratios() -> None:
    text = report.render(figures())
    line = next(x for x in text.splitlines() if x.startswith("ilk yanıt, paylaşılan bağlantı, soğuk"))
    assert "100 ms" in line and "2,000 ms" in line and line.endswith("0.05×")
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
    case = {"situation": "renewal", "role": "staff", "electronic": False}
    assert (
        site.link(case, "2024-03-12") == "ucret-hesaplama/#durum=renewal&gorev=staff&tarih=2024-03-12&islak=1"
    )
    lost = site.form_case("lost", "family-doctor")
    assert lost == {"situation": "lost", "role": "family-doctor", "with_reader": False}
    assert site.link(lost, "2024-03-12") == "ucret-hesaplama/#durum=lost&gorev=family-doctor&tarih=2024-03-12"
