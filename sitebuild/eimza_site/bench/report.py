"""The bench's arithmetic and its table: medians, percentiles, ratios against baselines
measured in the same run (the bare Pyodide page; the bare swap page for interactions), and
the targets of issue 23 item 5 (met / not met with the figure).
Pure Python, no browser: tests/test_bench_report.py runs it on made-up figures.

Figures are kept by key as lists of raw values, one per run (milliseconds or bytes), or for
interactions one per change; `Figures.median` / `Figures.pct` reduce them. A key that was not
measured (a scenario failed or does not apply) prints as "ölçülmedi" and its target as not
checked, never as met."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KB = 1024


def median(values: list[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def percentile(values: list[float], p: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default): p in [0, 100]."""
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return float(s[lo] + (s[hi] - s[lo]) * (k - lo))


def ratio(value: float | None, against: float | None) -> float | None:
    if value is None or against is None or against <= 0:
        return None
    return value / against


@dataclass
class Figures:
    values: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)  # link, dates, load average, …
    lighthouse: dict[str, dict[str, float]] = field(default_factory=dict)

    def add(self, key: str, value: float | None) -> None:
        if value is not None:
            self.values.setdefault(key, []).append(float(value))

    def extend(self, key: str, values: list[float]) -> None:
        self.values.setdefault(key, []).extend(float(v) for v in values)

    def median(self, key: str) -> float | None:
        return median(self.values.get(key, []))

    def pct(self, key: str, p: float) -> float | None:
        return percentile(self.values.get(key, []), p)

    def most(self, key: str) -> float | None:
        v = self.values.get(key, [])
        return max(v) if v else None

    def count(self, key: str) -> int:
        return len(self.values.get(key, []))

    def to_json(self) -> dict[str, Any]:
        return {
            "values": self.values,
            "notes": self.notes,
            "facts": self.facts,
            "lighthouse": self.lighthouse,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        return cls(data["values"], data["notes"], data["facts"], data["lighthouse"])


def ms(x: float | None) -> str:
    return "ölçülmedi" if x is None else f"{x:,.0f} ms"


def kb(x: float | None) -> str:
    if x is None:
        return "ölçülmedi"
    return f"{x / KB:,.1f} KB" if x < 10 * KB else f"{x / KB:,.0f} KB"


def times(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}×"


# --- the table of issue 23's item 4: (label, calculator figure, same-run baseline figure) ---
# A row's reducer picks the figure from Figures; `against` names the baseline's key: the bare
# Pyodide page (cold, and under the same 4× CPU), or the bare swap page for interactions.
@dataclass
class Row:
    label: str
    value: str
    bare: str = ""
    ratio: str = ""


def _timing(f: Figures, label: str, key: str, against: str | None) -> Row:
    v = f.median(key)
    b = f.median(against) if against else None
    return Row(label, ms(v), ms(b) if against else "", times(ratio(v, b)))


TIMINGS: list[tuple[str, str, str | None]] = [
    ("yalın Pyodide sayfası (taban), soğuk", "bare.cold", None),
    ("yalın Pyodide sayfası (taban), 4× CPU", "bare.cpu4", None),
    ("anında ilk yanıt, niyet yok, soğuk", "instant.cold", "bare.cold"),
    ("yazım (8 karakter/s): ilk odaktan açıklamaya, soğuk", "typing.total", "bare.cold"),
    ("yazım: 11. haneden açıklamaya, soğuk", "typing.wait", "bare.cold"),
    ("yazım: ilk odaktan açıklamaya, 4× CPU (sayfa + çalışan)", "typing.total.cpu4", "bare.cpu4"),
    ("yazım: 11. haneden açıklamaya, 4× CPU (sayfa + çalışan)", "typing.wait.cpu4", "bare.cpu4"),
    ("Python gereken ilk yanıt (aralık dışı tarih), soğuk, önceden niyet yok", "ready.cold", "bare.cold"),
]
# (label prefix, the calculator's key, the bare swap page's key)
INTERACTIONS = [("", "interaction", "swap"), ("4× CPU: ", "interaction.cpu4", "swap.cpu4")]
BYTES: list[tuple[str, str]] = [
    ("aktarılan, soğuk, niyet yok (çevrim dışı kopya dahil)", "bytes.nointent"),
    ("  bunun Pyodide/çalışan dosyaları", "bytes.nointent.python"),
    ("aktarılan, soğuk, niyetle: Python hazır olana dek", "bytes.ready"),
    ("aktarılan, soğuk, niyetle: hepsi (çalışma zamanı çevrim dışı kopyada)", "bytes.ready.all"),
    ("çevrim dışı kopya (Cache Storage), Python kullanılmadan", "offline.before"),
    ("çevrim dışı kopya (Cache Storage), Python kullanıldıktan sonra", "offline.after"),
]
TASKS = [
    ("en uzun ana iş parçacığı görevi (hesaplayıcı)", "task.any"),
    ("  projenin kendi betikleri", "task.own"),
    ("  Material paketi (bundle)", "task.material"),
    ("  diğer / betiksiz (stil, yerleşim)", "task.other"),
]
LH_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def rows(f: Figures) -> list[Row]:
    out = [_timing(f, *t) for t in TIMINGS]
    for prefix, key, swap in INTERACTIONS:
        n, lost = f.count(key), f.count(f"{key}.unchanged")
        count = f"{n} değişiklik" + (f", {lost} tanesinde 20 s içinde yanıt yok" if lost else "")
        for p in (50, 95):
            v, b = f.pct(key, p), f.pct(swap, p)
            label = f"{prefix}etkileşim p{p} ({count}; taban: yalın takas sayfası)"
            out.append(Row(label, ms(v), ms(b), times(ratio(v, b))))
        for path in ("instant", "worker"):
            if f.count(f"{key}.{path}"):
                out.append(Row(f"  yalnız {path} yanıtları p95", ms(f.pct(f"{key}.{path}", 95))))
    for label, key in BYTES:
        out.append(Row(label, kb(f.median(key))))
    for label, key in TASKS:
        out.append(Row(label, ms(f.most(key)), ms(f.most("task.bare")) if key == "task.any" else ""))
    for page, scores in sorted(f.lighthouse.items()):
        text = " / ".join(f"{scores[c]:.2f}" if c in scores else "-" for c in LH_CATEGORIES)
        out.append(Row(f"Lighthouse {page} (başarım / erişilebilirlik / iyi uygulamalar / SEO)", text))
    return out


# --- the targets of issue 23's item 5: each a ratio to a baseline of the same run (a slower
# machine moves both sides), or bytes, or a score ---
@dataclass
class Target:
    what: str
    figure: str
    limit: str
    met: bool | None  # None: not measured


def _cmp(
    what: str,
    value: float | None,
    limit: float,
    show: Callable[[float | None], str],
    lim: str,
    at_least: bool = False,
) -> Target:
    met = None if value is None else (value >= limit if at_least else value <= limit)
    return Target(what, show(value), lim, met)


def score(x: float | None) -> str:
    return "ölçülmedi" if x is None else f"{x:.2f}"


def targets(f: Figures) -> list[Target]:
    out = [_cmp("aktarılan, soğuk, niyet yok", f.median("bytes.nointent"), 150 * KB, kb, "≤ 150 KB")]
    for key, bare, limit, what in (
        ("typing.wait", "bare.cold", 0.10, "11. haneden açıklamaya / yalın sayfa"),
        ("typing.wait.cpu4", "bare.cpu4", 0.15, "11. haneden açıklamaya, 4× CPU / yalın sayfa 4× CPU"),
        ("ready.cold", "bare.cold", 0.45, "Python gereken ilk yanıt, soğuk / yalın sayfa"),
    ):
        r = ratio(f.median(key), f.median(bare))
        out.append(_cmp(what, r, limit, times, f"≤ {limit:.2f}×"))
    for prefix, key, swap in INTERACTIONS:
        r = ratio(f.pct(key, 95), f.pct(swap, 95))
        out.append(_cmp(f"{prefix}etkileşim p95 / yalın takas sayfası p95", r, 1.5, times, "≤ 1.50×"))
    out.append(_cmp("projenin kendi betiklerinden uzun görev", f.most("task.own"), 50, ms, "≤ 50 ms"))
    for page in ("home", "calc"):
        scores = f.lighthouse.get(page, {})
        for cat, limit in zip(LH_CATEGORIES, (0.98, 1.0, 1.0, 1.0), strict=True):
            out.append(
                _cmp(f"Lighthouse {cat} ({page})", scores.get(cat), limit, score, f"≥ {limit:.2f}", True)
            )
    return out


def table(cells: list[tuple[str, ...]]) -> str:
    widths = [max(len(c[i]) for c in cells) for i in range(len(cells[0]))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*cells[0]), fmt.format(*("-" * w for w in widths))]
    return "\n".join([*lines, *(fmt.format(*c).rstrip() for c in cells[1:])])


def verdict(met: bool | None) -> str:
    return {True: "karşılandı", False: "KARŞILANMADI", None: "ölçülmedi"}[met]


def render(f: Figures) -> str:
    head = ("ölçüm", "hesaplayıcı", "taban", "oran")
    part1 = table([head, *((r.label, r.value, r.bare, r.ratio) for r in rows(f))])
    tg = targets(f)
    part2 = table(
        [("hedef", "ölçülen", "sınır", "sonuç"), *((t.what, t.figure, t.limit, verdict(t.met)) for t in tg)]
    )
    met = sum(t.met is True for t in tg)
    x = f.facts
    runs = f.count("bare.cold")
    head_line = (
        f"{runs} tur, medyanlar; Chromium {x.get('chromium', '?')}; baskı {x.get('edition', '?')}; "
        f"yük ortalaması başta {x.get('load_start', '?')}, sonda {x.get('load_end', '?')}"
    )
    # The absolute figures (ms, Lighthouse's scores) move with the machine's speed; the
    # ratios against the same run's bare page much less: this says how fast this one was.
    index = median([v for page in ("home", "calc") for v in f.values.get(f"lh.{page}.benchmarkIndex", [])])
    if index is not None:
        head_line += f"; makinenin hızı (Lighthouse benchmarkIndex, büyük olan hızlı): {index:.0f}"
    links = (
        f"anında yanıtlanan bağlantı: {x.get('instant_link')}; "
        f"Python gereken bağlantı: {x.get('worker_link')}"
    )
    lines = [head_line, links, "", part1, "", part2, "", f"hedefler: {met} / {len(tg)} karşılandı"]
    share = f.median("cpu4.stopped_share")
    if share is not None:
        lines.append(
            f"- 4× CPU: işleyici süreçler (sayfa ve çalışanları) zamanın %{share * 100:.0f} kadarında"
            " durduruldu (hedef %75)"
        )
    culprits = f.facts.get("task.own.culprits") or []
    if culprits:
        worst = max(culprits, key=lambda c: float(c.rsplit("(", 1)[1].split()[0]))
        lines.append(f"- projenin en uzun betik çalışması: {worst}")
    lines += [f"- {n}" for n in f.notes]
    return "\n".join(lines)


def write(f: Figures, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(f.to_json(), indent=1, ensure_ascii=False), "utf-8")
