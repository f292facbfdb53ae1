"""The procedure table's coverage: every case (situation × role × option values, its channel,
its payee, amounts known or not) on every date segment that the rules' from/until and the
facts' from cut must have exactly one payment rule (or one [[unknown]]), at least one step,
no two rules of a kind with the same id, and every fact and value its rules' texts use.
A rule that matches no case at all is reported too (a misspelt `when`, most likely)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from . import wording_editor as say
from .checker import Checker, Key
from .model import PAYEES, Data, Facts, Rule, matching, when_matches
from .money import format_tl
from .template import Context, missing
from .validate_national import all_case_values

_DAY = dt.timedelta(days=1)
_PROBE_TOTAL = format_tl("1000.00")  # any amount: the texts are checked, not the sums


def segments(data: Data) -> list[tuple[dt.date, dt.date]]:
    """[first, last] day ranges over which no rule starts or ends and no fact changes."""
    cuts: set[dt.date] = set()
    for r in data.procedure.rules:
        if r.start:
            cuts.add(r.start)
        if r.until and r.until < dt.date.max:
            cuts.add(r.until + _DAY)
    cuts |= {b.start for b in data.facts_blocks if b.start}
    starts = [dt.date.min, *sorted(cuts)]
    ends = [s - _DAY for s in starts[1:]] + [dt.date.max]
    return list(zip(starts, ends, strict=True))


class _Found:
    """Problems gathered per (key, what) and case, with the segments they hold on; said once
    per date range, with the ranges merged, the roles folded when every role has them and
    the cases that share a range listed together."""

    def __init__(self) -> None:
        self.hits: dict[tuple[Key, str], dict[tuple[str, str], list[int]]] = {}

    def add(self, key: Key, what: str, case: tuple[str, str], segment: int) -> None:
        where = self.hits.setdefault((key, what), {})
        segs = where.setdefault(case, [])
        if segment not in segs:
            segs.append(segment)

    def report(self, c: Checker, data: Data, segs: list[tuple[dt.date, dt.date]]) -> None:
        roles = {r.label for r in data.roles}
        for (key, what), cases in self.hits.items():
            folded: dict[tuple[str, tuple[int, ...]], list[str]] = {}
            for (case, role), hit in cases.items():
                folded.setdefault((case, tuple(sorted(hit))), []).append(role)
            by_when: dict[tuple[int, ...], list[str]] = {}  # the cases of one date range: one message
            for (case, when), case_roles in folded.items():
                who = (
                    case
                    if set(case_roles) == roles and len(roles) > 1
                    else f"{case} · {', '.join(case_roles)}"
                )
                by_when.setdefault(when, []).append(who)
            for when, whos in by_when.items():
                c.add(key, say.coverage(what, "; ".join(whos), _when_words(when, segs)))


def _when_words(found: tuple[int, ...], segs: list[tuple[dt.date, dt.date]]) -> str:
    if len(found) == len(segs):
        return ""
    ranges: list[list[int]] = []
    for i in found:
        if ranges and ranges[-1][-1] == i - 1:
            ranges[-1].append(i)
        else:
            ranges.append([i])
    return ", ".join(say.date_range(segs[r[0]][0], segs[r[-1]][1]) for r in ranges)


def _cases(data: Data) -> Iterator[tuple[dict[str, Any], tuple[str, str]]]:
    situations = {s.id: s.label for s in data.situations}
    for values in all_case_values(data.situations, data.roles, data.options):
        channel = next((ch for ch in data.channels if when_matches(ch.when, values)), None)
        if channel is None:
            continue
        words = situations[values["situation"]]
        for o in data.options:
            if values.get(o.id) is not None:
                words += f" ({o.true_title if values[o.id] else o.false_title})"
        yield {**values, "channel": channel.id}, (words, data.role(values["role"]).label)


def check_coverage(
    c: Checker,
    data: Data,
    failed: set[str] = frozenset(),  # type: ignore[assignment]
    refused: Sequence[Rule] = (),
) -> None:
    """Report every gap and overlap. `failed`: what had problems already ("facts",
    "kamusm"); `refused`: the rules refused for a problem already reported (as far as they
    could be read: when and dates). A gap they may have caused is left out: the fact or rule
    is only missing because it was refused (a refused payment rule leaves the cases it would
    match without one; a gap in any other case is still said)."""
    segs = segments(data)
    found = _Found()
    used: set[int] = set()
    p = data.procedure
    for values, case in _cases(data):
        for index, (first, _) in enumerate(segs):
            facts = data.facts_on(first)
            for key, what, cause, seen in _case_on(data, values, first, facts, used):
                if not cause & failed and not matching(
                    tuple(r for r in refused if r.kind in cause), seen, first
                ):
                    found.add(key, what, case, index)
    found.report(c, data, segs)
    for rule in p.rules:
        if id(rule) not in used:
            c.add((rule.kind, rule.index), say.rule_matches_nothing(rule.kind, rule.id))


def _rule_key(rule: Rule, name: str = "") -> Key:
    return (rule.kind, rule.index, name) if name else (rule.kind, rule.index)


def _case_on(
    data: Data, values: dict[str, Any], day: dt.date, facts: Facts, used: set[int]
) -> Iterator[tuple[Key, str, set[str], dict[str, Any]]]:
    """The problems of one case on one day (the first of its segment), each with what could
    have caused it (a refused fact or a refused rule of these kinds matching these values)."""
    p = data.procedure
    unknowns = matching(p.unknowns, values, day)
    payments = matching(p.payments, values, day)
    used.update(id(r) for r in unknowns + payments)
    ctx = Context(facts, data.kamusm, data.sources)
    if unknowns:
        if len(unknowns) > 1:
            yield _rule_key(unknowns[1]), say.two_unknowns([u.id for u in unknowns]), set(), values
        if payments:
            yield (
                _rule_key(payments[0]),
                say.unknown_and_payment(unknowns[0].id, payments[0].id),
                set(),
                values,
            )
        for u in unknowns:
            yield from _uses(u, "text", u.text, ctx, values)
        return
    if not payments:
        yield ("payment",) if p.payments else ("procedure",), say.no_payment(), {"payment", "unknown"}, values
        # the steps and notes this case would have with a payment rule (one that was refused,
        # or the one the gap asks for) are not "matching no case": that is the gap's
        # consequence, and the gap (or the refused rule) is what the editor reads
        for payee in PAYEES:
            for priced in (True, False):
                full = {**values, "payee": payee, "priced": priced}
                used.update(id(r) for r in matching(p.steps, full, day) + matching(p.notes, full, day))
        return
    if len(payments) > 1:
        yield _rule_key(payments[1]), say.two_payments([r.id for r in payments]), set(), values
    rule = payments[0]
    pays = rule.payee in ("directorate", "kamusm")
    for priced in (True, False) if pays else (False,):
        full = {**values, "payee": rule.payee, "priced": priced}
        pay = _probe_pay(data, rule, facts, priced)
        pctx = Context(facts, data.kamusm, data.sources, pay)
        steps = matching(p.steps, full, day)
        notes = matching(p.notes, full, day)
        used.update(id(r) for r in steps + notes)
        if not steps:
            yield (
                ("step",) if p.steps else ("procedure",),
                say.no_step(_priced_words(pays, priced)),
                {"step"},
                full,
            )
        for kind_rules in (steps, notes):
            seen: dict[str, Rule] = {}
            for r in kind_rules:
                if r.id in seen:
                    yield _rule_key(r, "id"), say.same_id_twice(r.kind, r.id), set(), full
                seen[r.id] = r
        for r in steps + notes:
            yield from _uses(r, "text", r.text, pctx, full)
        for name in ("text", "basis", "receipt"):
            yield from _uses(rule, name, getattr(rule, name), pctx, full)
        if rule.payee == "directorate":
            needed = ["bank", "account_holder", "iban", "name"]
            if rule.description is None:
                needed.append("description")
            if rule.receipt_email:
                needed.append("emails")
            for fact in needed:
                if getattr(facts, fact) in (None, ()):
                    yield _rule_key(rule), say.payment_needs_fact(rule.id, fact), {"facts"}, full


def _priced_words(pays: bool, priced: bool) -> str:
    if not pays:
        return ""
    return say.WHEN_PRICED if priced else say.WHEN_UNPRICED


def _probe_pay(data: Data, rule: Rule, facts: Facts, priced: bool) -> dict[str, Any]:
    pay: dict[str, Any] = {"items": tuple(data.items[c].in_sentence for c in rule.items if c in data.items)}
    if priced:
        pay["total"] = _PROBE_TOTAL
    if rule.payee == "kamusm":
        pay["payee_name"] = data.kamusm.name
    elif rule.payee == "directorate":
        if facts.name:
            pay["payee_name"] = facts.name
        if rule.description or facts.description:
            pay["description"] = rule.description or facts.description
    if rule.payee not in ("directorate", "kamusm"):
        return {}
    return pay


def _uses(
    rule: Rule, name: str, text: str | None, ctx: Context, values: dict[str, Any]
) -> Iterator[tuple[Key, str, set[str], dict[str, Any]]]:
    for placeholder in missing(text or "", ctx):
        cause = {"kamusm"} if placeholder.startswith("kamusm.") else {"facts"}
        yield _rule_key(rule, name), say.missing_value(rule.kind, rule.id, placeholder), cause, values
