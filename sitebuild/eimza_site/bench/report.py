"""The bench's arithmetic and its table: medians, percentiles, ratios against the bare page
measured in the same run, and the targets of issue 11 item 4 (met / not met with the figure).
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


# --- the table of item 3: (label, calculator figure, same-run bare page figure) ---
# A row's reducer picks the figure from Figures; `against` names the bare page's key.
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
    ("ilk yanıt, varsayılan durum, soğuk", "default.cold", "bare.cold"),
    ("ilk yanıt, varsayılan durum, tekrar", "default.repeat", "bare.repeat"),
    ("ilk yanıt, paylaşılan bağlantı, soğuk", "link.cold", "bare.cold"),
    ("ilk yanıt, paylaşılan bağlantı, tekrar", "link.repeat", "bare.repeat"),
    ("Python hazır (başka tarih), soğuk", "ready.cold", "bare.cold"),
    ("Python hazır (başka tarih), tekrar", "ready.repeat", "bare.repeat"),
    ("ana sayfa FCP, soğuk", "home.fcp", None),
    ("4× CPU: ilk yanıt, paylaşılan bağlantı", "link.cpu4", "bare.cpu4"),
    ("4× CPU: Python hazır, soğuk", "ready.cpu4", "bare.cpu4"),
    ("4× CPU süreç (sayfa + çalışan): ilk yanıt, bağlantı", "link.cpu4p", "bare.cpu4p"),
    ("4× CPU süreç (sayfa + çalışan): Python hazır", "ready.cpu4p", "bare.cpu4p"),
    ("20 Mbit/s 40 ms: ilk yanıt, paylaşılan bağlantı", "link.net", "bare.net"),
    ("20 Mbit/s 40 ms: Python hazır, soğuk", "ready.net", "bare.net"),
]
INTERACTIONS = [
    ("", "interaction"),
    ("4× CPU: ", "interaction.cpu4"),
    ("4× CPU süreç: ", "interaction.cpu4p"),
    ("20 Mbit/s 40 ms: ", "interaction.net"),
]
BYTES: list[tuple[str, str, str | None]] = [
    ("aktarılan, soğuk, Python hazır olana dek", "bytes.ready", "bytes.bare.cold"),
    ("aktarılan, soğuk, çevrim dışı kopya dahil", "bytes.cold", None),
    ("aktarılan, tekrar ziyaret", "bytes.repeat", "bytes.bare.repeat"),
    ("aktarılan, soğuk, Save-Data", "bytes.savedata", None),
    ("  bunun Pyodide/çalışan dosyaları", "bytes.savedata.python", None),
]
TASKS = [
    ("en uzun ana iş parçacığı görevi (hesaplayıcı)", "task.any"),
    ("  projenin kendi betikleri", "task.own"),
    ("  Material paketi (bundle)", "task.material"),
    ("  diğer / betiksiz (stil, yerleşim)", "task.other"),
    ("en uzun görev, ana sayfa", "task.home"),
]
LH_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def rows(f: Figures) -> list[Row]:
    out = [_timing(f, *t) for t in TIMINGS]
    for prefix, key in INTERACTIONS:
        n, lost = f.count(key), f.count(f"{key}.unchanged")
        count = f"{n} değişiklik" + (f", {lost} tanesinde 20 s içinde yanıt yok" if lost else "")
        for p in (50, 95):
            out.append(Row(f"{prefix}etkileşim p{p} ({count})", ms(f.pct(key, p))))
        for path in ("instant", "worker"):
            if f.count(f"{key}.{path}"):
                out.append(Row(f"  yalnız {path} yanıtları p95", ms(f.pct(f"{key}.{path}", 95))))
    for label, key, against in BYTES:
        v, b = f.median(key), f.median(against) if against else None
        out.append(Row(label, kb(v), kb(b) if against else "", times(ratio(v, b))))
    for label, key in TASKS:
        out.append(Row(label, ms(f.most(key)), ms(f.most("task.bare")) if key == "task.any" else ""))
    for page, scores in sorted(f.lighthouse.items()):
        text = " / ".join(f"{scores[c]:.2f}" if c in scores else "-" for c in LH_CATEGORIES)
        out.append(Row(f"Lighthouse {page} (başarım / erişilebilirlik / iyi uygulamalar / SEO)", text))
    return out


# --- the targets of item 4 ---
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
    out = []
    for name, key in (("varsayılan durum", "default.cold"), ("paylaşılan bağlantı", "link.cold")):
        if f.facts.get(f"{key}.path") not in (None, "instant"):
            out.append(Target(f"anında ilk yanıt, {name}", "yanıtı çalışan verdi", "anında yol", False))
            continue
        r = ratio(f.median(key), f.median("bare.cold"))
        out.append(_cmp(f"anında ilk yanıt soğuk, {name} / yalın sayfa", r, 0.10, times, "≤ 0.10×"))
        r = ratio(f.median(key), f.median("home.fcp"))
        out.append(_cmp(f"anında ilk yanıt soğuk, {name} / ana sayfa FCP", r, 1.5, times, "≤ 1.50×"))
    r = ratio(f.median("ready.cold"), f.median("bare.cold"))
    out.append(_cmp("Python hazır soğuk / yalın sayfa", r, 0.40, times, "≤ 0.40×"))
    out.append(_cmp("etkileşim p95", f.pct("interaction", 95), 50, ms, "≤ 50 ms"))
    out.append(
        _cmp("etkileşim p95, 4× CPU (DevTools: sayfa)", f.pct("interaction.cpu4", 95), 150, ms, "≤ 150 ms")
    )
    if f.count("interaction.cpu4p"):
        p95 = f.pct("interaction.cpu4p", 95)
        out.append(_cmp("etkileşim p95, 4× CPU (süreç: sayfa + çalışan)", p95, 150, ms, "≤ 150 ms"))
    out.append(_cmp("aktarılan, soğuk, Save-Data", f.median("bytes.savedata"), 300 * KB, kb, "≤ 300 KB"))
    out.append(_cmp("projenin kendi betiklerinden uzun görev", f.most("task.own"), 50, ms, "≤ 50 ms"))
    for page in ("home", "calc"):
        scores = f.lighthouse.get(page, {})
        for cat, limit in zip(LH_CATEGORIES, (0.95, 1.0, 1.0, 1.0), strict=True):
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
    head = ("ölçüm", "hesaplayıcı", "yalın Pyodide", "oran")
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
    links = f"paylaşılan bağlantı: {x.get('instant_link')}; Python gereken bağlantı: {x.get('worker_link')}"
    lines = [head_line, links, "", part1, "", part2, "", f"hedefler: {met} / {len(tg)} karşılandı"]
    share = f.median("cpu4p.stopped_share")
    if share is not None:
        lines.append(
            f"- 4× CPU süreç: işleyici süreçler zamanın %{share * 100:.0f} kadarında durduruldu (hedef %75)"
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
