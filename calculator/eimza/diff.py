"""`python -m eimza diff`: what an edit of the data changes for readers, in Turkish.

Two data states (two directorate folders, or the files at a git revision and the working
files) are compared: tariff periods, items, VAT, Kamu SM's services, the directorate's dated
facts, its sources and the procedure table's rules; then every case the form can post is
quoted with both on the dates that matter (each period start, each verified date, each rule's
and fact's date, today), and the totals that differ are listed side by side. A directorate
the revision does not have (a new one, not yet committed) is not compared: it is said to be
new, and what its readers will see is listed (`first_look`)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from . import wording_editor as say
from .cases import boundaries
from .errors import DataError, EimzaError, Problem
from .evaluate import quote
from .instant import form_cases
from .loader import load_data, parse
from .model import FACT_KEYS, KAMUSM_KEYS, Data, Rule, TariffPeriod, VatPeriod, describe_case
from .money import format_tl, plain, vat_of
from .paths import ENV_IL
from .report import check_command, problem_lines
from .turkish import date_long
from .wording import CONFIDENCE

SECTION_LABELS = {"facts": "Kurum", "kamusm": "Kamu SM"}
RULE_LABELS = {"payment": "Ödeme kuralı", "step": "Adım", "note": "Not", "unknown": "Bilinmeyen durum"}


@dataclass(frozen=True)
class Row:
    first: dt.date
    last: dt.date
    case: str
    before: str
    after: str

    @property
    def days(self) -> str:
        if self.first == self.last:
            return date_long(self.first)
        return f"{date_long(self.first)} – {date_long(self.last)}"


@dataclass
class Report:
    old_name: str
    new_name: str
    periods: list[str]
    vat: list[str]
    fields: list[str]
    rows: list[Row]
    text_rows: list[Row]
    compared: int


# --- loading -------------------------------------------------------------------------------


def _revision_unreadable(rev: str) -> str:
    return (
        f"Veri dosyası git sürümünde ({rev}) okunamadı: sürüm adını (ör. HEAD, main, "
        "tekirdag/baski-2024-03-04) ve dosyanın o sürümde bulunduğunu kontrol edin."
    )


def _at_revision(rev: str, file: Path) -> tuple[str, str]:
    """(text, name) of a file as it was at git revision `rev` (same path in the repository)."""
    file = file.resolve()
    name = f"{rev}:{file.name}"
    try:
        top = subprocess.run(
            ["git", "-C", str(file.parent), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        rel = file.relative_to(Path(top).resolve()).as_posix()
        name = f"{rev}:{rel}"
        shown = subprocess.run(
            ["git", "-C", top, "show", name],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, ValueError, subprocess.CalledProcessError) as exc:
        detail = ""
        if isinstance(exc, subprocess.CalledProcessError) and exc.stderr:
            err = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else exc.stderr
            detail = f" (git: {err.strip().splitlines()[-1]})"
        raise DataError([Problem(name, "", None, _revision_unreadable(rev) + detail)]) from None
    try:
        return shown.decode("utf-8"), name
    except UnicodeDecodeError:
        raise DataError([Problem(name, "", None, say.not_utf8())]) from None


def missing_at(rev: str, file: Path) -> str | None:
    """The file's name in the repository when the revision exists and does not have it (a
    directorate added since: nothing of it was committed or published there); else None."""
    file = file.resolve()
    top = subprocess.run(
        ["git", "-C", str(file.parent), "rev-parse", "--show-toplevel"], capture_output=True, text=True
    )
    if top.returncode != 0:
        return None
    root = top.stdout.strip()
    try:
        rel = file.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return None
    commit = subprocess.run(
        ["git", "-C", root, "rev-parse", "-q", "--verify", f"{rev}^{{commit}}"], capture_output=True
    )
    there = subprocess.run(["git", "-C", root, "cat-file", "-e", f"{rev}:{rel}"], capture_output=True)
    return rel if commit.returncode == 0 and there.returncode != 0 else None


def load_revision(rev: str, new: Data) -> tuple[Data, str]:
    """The data (national file and directorate file) as it was at git revision `rev`."""
    national, national_name = _at_revision(rev, Path(new.national_path))
    il, il_name = _at_revision(rev, Path(new.path))
    return parse(national, national_name, il, il_name), il_name


# --- what changed in the data ----------------------------------------------------------------


def _fmt(value: object) -> str:
    if isinstance(value, dt.date):
        return date_long(value)
    if value is None:
        return "yok"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "yok"
    return str(value)


def _items_text(data: Data, period: TariffPeriod) -> str:
    if not period.amounts_known:
        return "tutarlar bilinmiyor"
    parts = [
        f"{data.items[c].label if c in data.items else c} {format_tl(i.net)}" for c, i in period.items.items()
    ]
    return "; ".join(parts) + " (KDV hariç)"


def _period_head(period: TariffPeriod) -> str:
    return f"{date_long(period.start)} dönemi"


_Period = TypeVar("_Period", TariffPeriod, VatPeriod)


def _by_start(
    old: Iterable[_Period], new: Iterable[_Period]
) -> Iterator[tuple[dt.date, _Period | None, _Period | None]]:
    """(start, the old file's period or None, the new file's or None) for every start in either."""
    before = {p.start: p for p in old}
    after = {p.start: p for p in new}
    for start in sorted(set(before) | set(after)):
        yield start, before.get(start), after.get(start)


def period_changes(old: Data, new: Data) -> list[str]:
    out: list[str] = []
    for _start, a, b in _by_start(old.tariffs, new.tariffs):
        if a is None and b is not None:
            out.append(f"+ Yeni dönem: {_period_head(b)} ({b.label}); {_items_text(new, b)}.")
            continue
        if b is None and a is not None:
            out.append(f"- Kaldırılan dönem: {_period_head(a)} ({a.label}); {_items_text(old, a)}.")
            continue
        assert a is not None and b is not None
        head = _period_head(b)
        if a.amounts_known != b.amounts_known:
            state = "artık biliniyor" if b.amounts_known else "artık bilinmiyor"
            out.append(f"~ {head}: tutarlar {state}.")
        labels = {**{c: i.label for c, i in old.items.items()}, **{c: i.label for c, i in new.items.items()}}
        for code in [c for c in labels if c in a.items or c in b.items]:
            ia, ib = a.items.get(code), b.items.get(code)
            if ia is None and ib is not None:
                out.append(f"~ {head}: {labels[code]} eklendi: {format_tl(ib.net)} (KDV hariç).")
            elif ib is None and ia is not None:
                out.append(f"~ {head}: {labels[code]} kaldırıldı (önce {format_tl(ia.net)}).")
            elif ia is not None and ib is not None and ia.net != ib.net:
                out.append(f"~ {head}: {labels[code]} {format_tl(ia.net)} → {format_tl(ib.net)} (KDV hariç).")
        if a.end != b.end:
            out.append(f"~ {head}: süresi {a.label} → {b.label}.")
        if a.start_assumed != b.start_assumed:
            out.append(
                f"~ {head}: başlangıç tarihi {'varsayım' if b.start_assumed else 'kesin'} olarak işaretlendi."
            )
        if a.verified != b.verified:
            was = date_long(a.verified) if a.verified else "yok"
            now = date_long(b.verified) if b.verified else "yok"
            out.append(f"~ {head}: doğrulama tarihi {was} → {now}.")
        if a.confidence != b.confidence:
            out.append(f"~ {head}: güvenilirlik {CONFIDENCE[a.confidence]} → {CONFIDENCE[b.confidence]}.")
        if a.sources != b.sources:
            added = [s for s in b.sources if s not in a.sources]
            removed = [s for s in a.sources if s not in b.sources]
            bits = [f"eklenen {s}" for s in added] + [f"çıkarılan {s}" for s in removed]
            out.append(f"~ {head}: kaynaklar değişti ({'; '.join(bits) or 'sıra değişti'}).")
        if a.note != b.note:
            out.append(f"~ {head}: not değişti: “{b.note}”.")
    return out


def vat_changes(old: Data, new: Data) -> list[str]:
    out: list[str] = []
    for start, a, b in _by_start(old.vat, new.vat):
        if a is None and b is not None:
            out.append(f"+ Yeni KDV dönemi: {date_long(start)} itibarıyla %{b.rate.normalize()}.")
        elif b is None and a is not None:
            out.append(f"- Kaldırılan KDV dönemi: {date_long(start)} (%{a.rate.normalize()}).")
        elif a is not None and b is not None and a.rate != b.rate:
            out.append(f"~ {date_long(start)} KDV oranı %{a.rate.normalize()} → %{b.rate.normalize()}.")
    return out


def _fact_days(old: Data, new: Data) -> list[dt.date]:
    return sorted({dt.date.min, *(b.start for d in (old, new) for b in d.facts_blocks if b.start)})


def field_changes(old: Data, new: Data) -> list[str]:
    """Kamu SM's services, the directorate's facts (on each date a block of either starts),
    the sources and the procedure's rules."""
    out: list[str] = []
    for name, (_, label) in KAMUSM_KEYS.items():
        va, vb = getattr(old.kamusm, name), getattr(new.kamusm, name)
        if va != vb:
            out.append(f"~ {SECTION_LABELS['kamusm']} · {label}: {_fmt(va)} → {_fmt(vb)}")
    if old.kamusm.menus != new.kamusm.menus:
        out.append(f"~ {SECTION_LABELS['kamusm']} · menü yolları değişti")
    said: dict[str, tuple[Any, Any]] = {}  # a change is named once, on the day it starts
    for day in _fact_days(old, new):
        a, b = old.facts_on(day), new.facts_on(day)
        since = "" if day == dt.date.min else f" ({date_long(day)} tarihinden itibaren)"
        for name, (_, label) in FACT_KEYS.items():
            va, vb = getattr(a, name), getattr(b, name)
            if va != vb and said.get(name) != (va, vb):
                out.append(f"~ {SECTION_LABELS['facts']} · {label}{since}: {_fmt(va)} → {_fmt(vb)}")
            said[name] = (va, vb)
    for sid in sorted(set(old.sources) | set(new.sources)):
        sa, sb = old.sources.get(sid), new.sources.get(sid)
        if sa is None and sb is not None:
            out.append(f"+ Yeni kaynak: {sb.citation}")
        elif sb is None and sa is not None:
            out.append(f"- Kaldırılan kaynak: {sa.citation}")
        elif sa != sb and sb is not None:
            out.append(f"~ Kaynak değişti: {sb.citation}")
    out += rule_changes(old, new)
    return out


def _rules_by_id(data: Data) -> dict[tuple[str, str], list[Rule]]:
    out: dict[tuple[str, str], list[Rule]] = {}
    for rule in data.procedure.rules:
        out.setdefault((rule.kind, rule.id), []).append(rule)
    return out


def _rule_shape(rule: Rule) -> Rule:
    """The rule without its place in the file (moving a rule is no change)."""
    from dataclasses import replace

    return replace(rule, index=0)


def rule_changes(old: Data, new: Data) -> list[str]:
    out = []
    before, after = _rules_by_id(old), _rules_by_id(new)
    for key in [*before, *(k for k in after if k not in before)]:
        kind, rid = key
        label = RULE_LABELS[kind]
        if key not in after:
            out.append(f"- Kaldırılan {label.lower()}: {rid}")
        elif key not in before:
            out.append(f"+ Yeni {label.lower()}: {rid}")
        elif [_rule_shape(r) for r in before[key]] != [_rule_shape(r) for r in after[key]]:
            out.append(f"~ {label} değişti: {rid}")
    order_a = [(r.kind, r.id) for r in old.procedure.steps]
    order_b = [(r.kind, r.id) for r in new.procedure.steps]
    if order_a != order_b and sorted(order_a) == sorted(order_b):
        out.append("~ Adımların sırası değişti")
    return out


# --- what changes for readers ------------------------------------------------------------------


def case_label(variant: dict[str, Any], data: Data) -> str:
    """'Yenileme · Aile hekimi (ıslak imzalı)': the situation, role and each non-default option."""
    return describe_case(variant, data.situations, data.roles, data.options, all_options=False)


def answer_text(case: dict[str, Any], data: Data) -> tuple[str, dict[str, str]]:
    """(short total for the table, the other parts the reader sees, by Turkish name). Where the
    amounts are unknown, the rest of the answer (steps, account) is compared all the same."""
    error: dict[str, str] = {}
    try:
        q = quote(case, data)
    except EimzaError as err:
        if err.code != "tariff-unknown":
            return f"bilinmiyor ({err.code})", {"hata metni": err.message}
        q = quote(case, data, require_amounts=False)
        error = {"hata metni": err.message}
    pay = q["payment"]
    if error:
        total = "bilinmiyor (tariff-unknown)"
    elif q["unknown"]:
        total = "yol bilinmiyor"
    elif pay is None:
        total = "ödeme bilinmiyor" if q["payee"] == "unknown" else "ödeme yok"
    else:
        payee = "müdürlüğe" if pay["payee"] == "directorate" else "Kamu SM'ye"
        total = f"{format_tl(pay['total'])} ({payee})"
    parts = {
        "adımlar": repr(q["steps"]),
        "uyarılar": repr(q["warnings"]),
        "tarife bilgisi": repr(q["tariff"]),
        "ödeme bilgileri": repr({k: v for k, v in (pay or {}).items() if k != "total"}),
        "ödeme metni": repr((q["no_payment_reason"], q["unknown"])),
        **error,
    }
    return total, parts


def dates_that_matter(old: Data, new: Data, today: dt.date) -> list[dt.date]:
    """Today, every period's start and verified date, and every boundary of either data
    (cases.boundaries: VAT, rules' from/until, facts' from)."""
    days: set[dt.date] = {today}
    for data in (old, new):
        for p in data.tariffs:
            days.add(p.start)
            if p.verified is not None:
                days.add(p.verified)
        days |= set(boundaries(data))
    return sorted(days)


def _grouped(hits: list[tuple[int, dt.date, str, str, str]], days: list[dt.date]) -> list[Row]:
    """Merge a case's rows on consecutive dates that say the same thing."""
    rows: list[Row] = []
    last: dict[tuple[str, str, str], tuple[int, int]] = {}  # key -> (row index, day index)
    for day_index, day, label, before, after in hits:
        key = (label, before, after)
        if key in last and last[key][1] == day_index - 1:
            i = last[key][0]
            rows[i] = Row(rows[i].first, day, label, before, after)
            last[key] = (i, day_index)
            continue
        rows.append(Row(day, day, label, before, after))
        last[key] = (len(rows) - 1, day_index)
    return sorted(rows, key=lambda r: r.first)  # stable: the case table order within a date


def reader_rows(old: Data, new: Data, today: dt.date) -> tuple[list[Row], list[Row], int]:
    """Rows whose total changes, rows where only the text changes, number compared."""
    days = dates_that_matter(old, new, today)
    totals: list[tuple[int, dt.date, str, str, str]] = []
    texts: list[tuple[int, dt.date, str, str, str]] = []
    compared = 0
    variants = form_cases(new) + [c for c in form_cases(old) if c not in form_cases(new)]
    for variant in variants:
        label = case_label(variant, new)
        for day_index, day in enumerate(days):
            case = {**variant, "date": day.isoformat()}
            compared += 1
            before, parts_before = answer_text(case, old)
            after, parts_after = answer_text(case, new)
            if before != after:
                totals.append((day_index, day, label, before, after))
            else:
                changed = [k for k in parts_after if parts_before.get(k) != parts_after[k]]
                if changed:
                    texts.append((day_index, day, label, before, ", ".join(changed)))
    return _grouped(totals, days), _grouped(texts, days), compared


def compare(
    old: Data, new: Data, today: dt.date, old_name: str | None = None, new_name: str | None = None
) -> Report:
    rows, text_rows, compared = reader_rows(old, new, today)
    return Report(
        old_name=old_name or old.path,
        new_name=new_name or new.path,
        periods=period_changes(old, new),
        vat=vat_changes(old, new),
        fields=field_changes(old, new),
        rows=rows,
        text_rows=text_rows,
        compared=compared,
    )


# --- Turkish text ----------------------------------------------------------------------------


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  " + " │ ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  " + "─┼─".join("─" * w for w in widths)
    return [line(header), rule, *(line(r) for r in rows)]


def render(report: Report) -> list[str]:
    out = [
        "Veri karşılaştırması",
        f"  Önce:  {report.old_name}",
        f"  Sonra: {report.new_name}",
        "",
    ]
    if not (report.periods or report.vat or report.fields or report.rows or report.text_rows):
        out.append("Okurların göreceği hiçbir şey değişmiyor.")
        return out
    sections = (
        ("Tarife dönemleri", report.periods),
        ("KDV", report.vat),
        ("Kurum, Kamu SM, kaynaklar ve başvuru yolu", report.fields),
    )
    for title, items in sections:
        out.append(f"{title}:")
        out.extend(f"  {x}" for x in items or ["değişiklik yok"])
        out.append("")
    out.append(
        f"Okurun ödeyeceği tutarlar ({report.compared} durum × tarih karşılaştırıldı; "
        "yalnızca değişenler, art arda tarihler birleştirildi):"
    )
    if report.rows:
        body = [(r.days, r.case, r.before, r.after) for r in report.rows]
        out.extend(_table(("Tarih", "Durum", "Önce", "Sonra"), body))
    else:
        out.append("  Hiçbir durumda ödenecek tutar değişmiyor.")
    if report.text_rows:
        out.append("")
        out.append("Tutarı aynı kalıp okurun gördüğü metni değişen durumlar:")
        body = [(r.days, r.case, r.before, r.after) for r in report.text_rows]
        out.extend(_table(("Tarih", "Durum", "Tutar", "Değişen"), body))
    return out


def first_look(new: Data, today: dt.date, rel: str, rev: str, il: str) -> list[str]:
    """A new directorate (its file not at `rev`): nothing published to compare with, so what
    its readers will see: the tariff periods, its facts (from each date they change), the
    sources it cites, and each case's payment from each date it changes."""
    out = [*say.new_directorate(rel, rev, il), "", "Tarife dönemleri:"]
    out += [f"  {_period_head(p)} ({p.label}): {_items_text(new, p)}." for p in new.tariffs]
    out += ["", f"{SECTION_LABELS['facts']}:"]
    shown: dict[str, Any] = {}
    for day in _fact_days(new, new):
        since = "" if day == dt.date.min else f" ({date_long(day)} tarihinden itibaren)"
        for name, (_, label) in FACT_KEYS.items():
            value = getattr(new.facts_on(day), name)
            if name not in shown or shown[name] != value:
                out.append(f"  {label}{since}: {_fmt(value)}")
            shown[name] = value
    cited = {*new.procedure.sources, *(s for b in new.facts_blocks for s in b.sources)}
    cited |= {s for r in new.procedure.rules for s in r.sources}
    out += ["", "İlin dayandığı kaynaklar:"]
    out += [f"  {s.citation}" for sid, s in new.sources.items() if sid in cited] or ["  yok"]
    rows: list[tuple[str, str, str]] = []
    for variant in form_cases(new):
        label, last = case_label(variant, new), None
        for day in dates_that_matter(new, new, today):
            total = answer_text({**variant, "date": day.isoformat()}, new)[0]
            if total != last:
                rows.append((label, date_long(day), total))
            last = total
    out += ["", "Okurun ödeyeceği tutar (her durum için; Başlangıç: tutarın geçerli olduğu ilk tarih):"]
    return out + _table(("Durum", "Başlangıç", "Tutar"), rows)


def main_diff(
    old_dir: str | None, new_dir: str | None, rev: str | None, today: dt.date, national: str | None = None
) -> tuple[int, list[str], list[str]]:
    """(exit code, lines for stdout, lines for stderr). `rev`: compare the files of the
    directorate `new_dir` (default: paths.py's) with the same files at that git revision."""
    try:
        new = load_data(new_dir, national)
        if rev is not None:
            rel = missing_at(rev, Path(new.path))
            if rel is not None:  # a new directorate: nothing to compare with
                il = new_dir or os.environ.get(ENV_IL) or Path(new.path).parent.name
                return 0, first_look(new, today, rel, rev, il), []
            old, old_name = load_revision(rev, new)
        else:
            assert old_dir is not None
            old = load_data(old_dir)
            old_name = old.path
    except DataError as err:
        return 1, [], problem_lines(err, check_command(new_dir))
    return 0, render(compare(old, new, today, old_name, new.path)), []


def summary(old: Data, new: Data) -> list[str]:
    """Short lines for the change history (Değişiklik geçmişi) of an edition."""
    out: list[str] = []
    before = {p.start: p for p in old.tariffs}
    for p in new.tariffs:
        a = before.get(p.start)
        if p.amounts_known and (a is None or not a.amounts_known or a.items != p.items):
            totals = []
            rate = new.vat_rate_for(p.verified or p.start)
            for code, item in p.items.items():
                gross = item.net + vat_of(item.net, rate)
                totals.append(f"{new.items[code].label} {format_tl(plain(gross))}")
            out.append(f"{p.label} tarife tutarları: " + "; ".join(totals) + " (KDV dahil).")
        elif a is None:
            out.append(f"Yeni tarife dönemi: {p.label} (tutarlar bilinmiyor).")
    for line in field_changes(old, new):
        out.append(line.removeprefix("~ ") + ".")
    return out
