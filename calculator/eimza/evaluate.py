"""The evaluator: a case and the data in, a JSON-ready answer out. It computes only what is
computation — the facts on the case's date, which rules of the procedure table match, the
channel, the payee, the amounts and VAT, the description, the title, the tariff warnings and
the templates' filling. Every sentence of the procedure comes from the data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from . import wording
from .checks import group_iban, tel_href
from .errors import EimzaError
from .model import Data, Facts, Rule, TariffPeriod, matching, when_matches
from .money import format_tl, plain, vat_of
from .request import Case, description, description_tokens, parse_case
from .template import Context, fill


def _period_dict(period: TariffPeriod, data: Data) -> dict[str, Any]:
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat() if period.end else None,
        "from_assumed": period.start_assumed,
        "label": period.label,
        "verified": period.verified.isoformat() if period.verified else None,
        "confidence": period.confidence,
        "confidence_label": wording.CONFIDENCE[period.confidence],
        "sources": data.source_texts(period.sources),
        "note": period.note,
    }


def _unknown_amounts(data: Data, facts: Facts, head: str) -> EimzaError:
    """tariff-unknown, said for a reader: what is missing, where to learn the fee (Kamu SM's
    tariff page, its call centre, the unit and its e-mails), and not to pay an old amount."""
    k = data.kamusm
    emails = facts.emails or ()
    whom = wording.the_unit(facts.unit, facts.name or "")
    message = wording.how_to_learn_the_fee(head, k.tariff, k.phone, whom, emails)
    links = (k.tariff, tel_href(k.phone), *(f"mailto:{e}" for e in emails))
    return EimzaError("tariff-unknown", message, link=k.tariff, links=links, lead=head)


def amounts_unknown(data: Data, day: dt.date, facts: Facts | None = None) -> EimzaError | None:
    """The day's unknown-amount error (tariff-unknown: before the data's first period, or a
    period whose amounts the data does not have), or None when the day's period has amounts.
    The same message every answer that pays on that day gives."""
    facts = data.facts_on(day) if facts is None else facts
    if day < data.tariffs[0].start:
        return _unknown_amounts(data, facts, wording.before_first_head(data.tariffs[0].start))
    period = data.tariff_for(day)
    if period.amounts_known:
        return None
    year_end = dt.date(day.year, 12, 31)
    whole_year = period.start <= dt.date(day.year, 1, 1) and (period.end is None or period.end >= year_end)
    return _unknown_amounts(data, facts, wording.fees_unknown(day, whole_year))


def _priced_items(
    day: dt.date, data: Data, facts: Facts, codes: tuple[str, ...]
) -> tuple[list[dict[str, Any]], Decimal, TariffPeriod]:
    """Each item's net, VAT and gross on the day; error tariff-unknown when the data has no
    amount for it (never a guessed one)."""
    error = amounts_unknown(data, day, facts)
    if error is not None:
        raise error
    period = data.tariff_for(day)
    rate = data.vat_rate_for(day)
    items = []
    total = Decimal("0.00")
    for code in codes:
        item = period.items.get(code)
        if item is None:
            raise _unknown_amounts(data, facts, wording.item_unknown_head(data.items[code].in_sentence))
        vat = vat_of(item.net, rate)
        gross = item.net + vat
        total += gross
        items.append(
            {
                "code": code,
                "label": data.items[code].label,
                "net": plain(item.net),
                "vat_rate": format(rate.normalize(), "f"),  # "20", "18" (never "2E+1")
                "vat": plain(vat),
                "gross": plain(gross),
            }
        )
    return items, total, period


def _text(rule_text: str | None, ctx: Context, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    text, links = fill(rule_text or "", ctx)
    return {"text": text, "links": [*links, *(u for u in extra if u not in links)]}


def _payment(
    rule: Rule, case: Case, data: Data, facts: Facts, priced: dict[str, Any], ctx: Context
) -> dict[str, Any]:
    """Where and how to pay: the directorate's account and description, or Kamu SM's POS."""
    if rule.payee == "kamusm":
        return {"payee": "kamusm", "payee_name": data.kamusm.name, **priced, "pay_url": data.kamusm.sanalpos}
    pattern = rule.description or facts.description or ""
    iban = facts.iban or ""
    return {
        "payee": "directorate",
        "payee_name": facts.name,
        **priced,
        "bank": facts.bank,
        "branch": facts.branch,
        "account_holder": facts.account_holder,
        "iban": iban,
        "iban_grouped": group_iban(iban),
        "description": description(pattern, case.identity),
        "description_is_template": case.identity is None or not description_tokens(pattern),
        "receipt_emails": list(facts.emails or ()) if rule.receipt_email else [],
        "receipt": _text(rule.receipt, ctx) if rule.receipt else None,
        "basis": _text(rule.basis, ctx) if rule.basis else None,
    }


def _pay_values(rule: Rule, case: Case, data: Data, facts: Facts, total: Decimal | None) -> dict[str, Any]:
    """The `pay.*` placeholders."""
    pattern = rule.description or facts.description
    values: dict[str, Any] = {"items": tuple(data.items[c].in_sentence for c in rule.items)}
    if total is not None:
        values["total"] = format_tl(total)
    if rule.payee == "kamusm":
        values["payee_name"] = data.kamusm.name
    elif facts.name is not None:
        values["payee_name"] = facts.name
    if rule.payee == "directorate" and pattern is not None:
        values["description"] = description(pattern, case.identity)
    return values


def _tariff_warnings(case: Case, data: Data, period: TariffPeriod) -> list[dict[str, str]]:
    out = []
    assert period.verified is not None
    if case.date > period.verified:
        out.append(
            {"code": "tariff-unverified", "message": wording.unverified(period.verified, data.kamusm.tariff)}
        )
    elif period.start_assumed and case.date < period.verified:
        out.append(
            {"code": "tariff-start-assumed", "message": wording.start_assumed(period.start, period.verified)}
        )
    if period.confidence in ("low", "low-medium"):
        label = wording.CONFIDENCE[period.confidence]
        out.append({"code": "low-confidence", "message": wording.low_confidence(label)})
    return out


def _selection(data: Data, values: dict[str, Any], day: dt.date) -> tuple[Rule | None, Rule | None]:
    """(the matching [[unknown]], the matching payment rule): the data's check guarantees one
    of them (and at most one payment)."""
    p = data.procedure
    unknown = next(iter(matching(p.unknowns, values, day)), None)
    payment = None if unknown else next(iter(matching(p.payments, values, day)), None)
    return unknown, payment


def _for_whom(data: Data, case: Case, values: dict[str, Any], signature: tuple[Any, ...]) -> str:
    """The role, or everyone when on that date every role gets the same rules."""
    for role in data.roles:
        other = _signature(data, {**values, "role": role.id}, case.date, values.get("priced"))
        if other != signature:
            return data.role(case.role).label
    return wording.EVERYONE


def _signature(data: Data, values: dict[str, Any], day: dt.date, priced: bool | None) -> tuple[Any, ...]:
    unknown, payment = _selection(data, values, day)
    if unknown is not None or payment is None:
        return (unknown,)
    full = {**values, "payee": payment.payee, "priced": priced}
    p = data.procedure
    return (payment, tuple(matching(p.steps, full, day)), tuple(matching(p.notes, full, day)))


def quote(
    raw: dict[str, Any] | Case,
    data: Data | None = None,
    today: dt.date | None = None,
    *,
    require_amounts: bool = True,
) -> dict[str, Any]:
    """The answer for one case: channel, steps, payment, tariff used, warnings.

    When the data has no amount for the case's date, this is error tariff-unknown; with
    `require_amounts=False` it is instead the same answer without amounts (items named,
    `total` null, `tariff` null): the steps, payee, IBAN and description still hold."""
    if data is None:
        from .loader import load_data

        data = load_data()
    case = parse_case(raw, data, today)
    day = case.date
    facts = data.facts_on(day)
    values = case.values()
    channel = next(ch for ch in data.channels if when_matches(ch.when, values))
    values["channel"] = channel.id
    answer: dict[str, Any] = {
        "case": case.to_dict(),
        "title": "",
        "channel": channel.id,
        "channel_label": channel.label,
        "steps": [],
        "payment": None,
        "payee": None,
        "no_payment_reason": None,
        "no_payment_links": [],
        "tariff": None,
        "warnings": [],
        "unknown": None,
    }
    ctx = Context(facts, data.kamusm, data.sources)
    unknown, rule = _selection(data, values, day)
    situation = data.situation(case.situation).label
    if unknown is not None or rule is None:
        answer["title"] = f"{situation} · {_for_whom(data, case, values, (unknown,))}"
        found = _text(unknown.text if unknown else None, ctx)
        ask = wording.ask_the_unit(wording.the_unit(facts.unit, facts.name or ""), facts.emails or ())
        emails = [f"mailto:{e}" for e in facts.emails or ()]
        answer["unknown"] = {"text": f"{found['text']} {ask}", "links": [*found["links"], *emails]}
        return answer

    warnings: list[dict[str, Any]] = []
    period: TariffPeriod | None = None
    total: Decimal | None = None
    priced: dict[str, Any] = {}
    answer["payee"] = rule.payee
    if rule.payee in ("directorate", "kamusm"):
        try:
            items, total, period = _priced_items(day, data, facts, rule.items)
            priced = {"items": items, "total": plain(total)}
        except EimzaError as err:
            if require_amounts or err.code != "tariff-unknown":
                raise
            priced = {"items": [{"code": c, "label": data.items[c].label} for c in rule.items], "total": None}
    values.update(payee=rule.payee, priced=period is not None)
    ctx = Context(facts, data.kamusm, data.sources, _pay_values(rule, case, data, facts, total))
    if rule.payee in ("directorate", "kamusm"):
        answer["payment"] = _payment(rule, case, data, facts, priced, ctx)
    else:
        reason = _text(rule.text, ctx)
        answer["no_payment_reason"], answer["no_payment_links"] = reason["text"], reason["links"]

    p = data.procedure
    steps = matching(p.steps, values, day)
    answer["steps"] = [{"id": s.id, **_text(s.text, ctx, s.links)} for s in steps]
    for note in matching(p.notes, values, day):
        filled = _text(note.text, ctx, note.links)
        warnings.append({"code": note.id, "message": filled["text"], "links": filled["links"]})
    if period is not None:
        answer["tariff"] = _period_dict(period, data)
        warnings += _tariff_warnings(case, data, period)
    if rule.payee == "kamusm":
        warnings.append({"code": "kamusm-debt", "message": wording.KAMUSM_DEBT})
    elif rule.payee == "directorate" and not description_tokens(rule.description or facts.description or ""):
        warnings.append({"code": "description-instruction", "message": wording.DESCRIPTION_INSTRUCTION})
    elif rule.payee == "directorate" and case.identity is None:
        warnings.append({"code": "description-template", "message": wording.DESCRIPTION_TEMPLATE})
    answer["warnings"] = warnings
    signature = (rule, tuple(steps), tuple(matching(p.notes, values, day)))
    answer["title"] = f"{situation} · {_for_whom(data, case, values, signature)}"
    return answer
