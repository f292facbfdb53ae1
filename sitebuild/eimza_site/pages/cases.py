"""The pages' cases and the engine's answers for them (with facts.py, the site's door to the
engine). A page names a case by its situation and, where it matters, options of the national
file: `first`, `lost,with_reader=false`; a role is a role id of the national file. Nothing
here lists a situation, a role or an option: every one comes from the loaded data.

`Answers` computes the engine's answer of every case of a build once (on the edition date);
`groups` puts together the roles and option values whose answers are one and the same, so a
page shows an answer once, headed by whom it is for ("Tüm sağlık çalışanları" when it is
everyone's). Each answer carries the sources of what it says (`sources_of`): the rules of the
procedure table that made it, the directorate's facts in force, the tariff period."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

import eimza
from eimza import instant, wording
from eimza.model import matching
from eimza.template import PLACEHOLDER

from .facts import SiteError, tl


@dataclass(frozen=True)
class Answer:
    """The engine's answer for one full case (situation, role, every option of the situation)
    on a date. When that date's amounts are not in the data it is the calculator's answer
    too: the unknown-amount message (`error`) and the quote without amounts."""

    case: dict[str, Any]  # without the date
    quote: dict[str, Any]
    error: Any = None  # eimza.EimzaError "tariff-unknown", or None
    sources: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        return str(self.case["role"])

    @property
    def key(self) -> str:
        """The case as compact JSON with sorted keys (eimza.instant.case_key): the wrapper's
        `data-case`."""
        return instant.case_key(self.case)

    @property
    def unknown(self) -> bool:
        return bool(self.quote.get("unknown"))


def parse_case(data: Any, text: str) -> dict[str, Any]:
    """`situation[,option=true|false…]` → {"situation": …, option: bool, …}; SiteError (Turkish,
    with what is known) for anything else."""
    head, *rest = (part.strip() for part in text.split(","))
    known = [s.id for s in data.situations]
    if head not in known:
        raise SiteError(f"bilinmeyen durum {head!r}; geçerli olanlar: {', '.join(known)}")
    case: dict[str, Any] = {"situation": head}
    own = {o.id: o for o in data.options_of(head)}
    for part in rest:
        name, _, value = part.partition("=")
        if name not in own or value not in ("true", "false"):
            choices = ", ".join(f"{o}=true|false" for o in own) or "yok"
            raise SiteError(f"{head!r} durumu için geçersiz seçenek {part!r}; geçerli olanlar: {choices}")
        case[name] = value == "true"
    return case


def check_role(data: Any, role: str) -> str:
    known = [r.id for r in data.roles]
    if role not in known:
        raise SiteError(f"bilinmeyen rol {role!r}; geçerli olanlar: {', '.join(known)}")
    return role


def option_title(option: Any, value: bool) -> str:
    return str(option.true_title if value else option.false_title)


def title(data: Any, case: dict[str, Any]) -> str:
    """'Yenileme (e-imzalı/e-onaylı)': the situation's label and the titles of the options
    the case gives."""
    label = data.situation(case["situation"]).label
    titles = [option_title(o, case[o.id]) for o in data.options_of(case["situation"]) if o.id in case]
    return f"{label} ({', '.join(titles)})" if titles else str(label)


def who(data: Any, roles: tuple[str, ...]) -> str:
    """Whom an answer is for, as a heading: the roles' plural labels, or everyone's."""
    if set(roles) == {r.id for r in data.roles}:
        return wording.EVERYONE
    return " ve ".join(data.role(r).plural for r in roles)


@dataclass
class Group:
    """Roles and option values that get one and the same answer."""

    roles: tuple[str, ...]
    variants: list[dict[str, Any]]  # the situation and option values (no role)
    answer: Answer


@dataclass
class Answers:
    """The engine's answers of one build (its data, its edition date), each computed once."""

    data: Any
    day: dt.date
    _cache: dict[str, Answer] = field(default_factory=dict)

    def get(self, case: dict[str, Any], role: str) -> Answer:
        full = {**self.full(case), "role": check_role(self.data, role)}
        key = instant.case_key(full)
        if key not in self._cache:
            self._cache[key] = self._answer(full)
        return self._cache[key]

    def full(self, case: dict[str, Any]) -> dict[str, Any]:
        """The case with every option of its situation (the default where not given)."""
        own = self.data.options_of(case["situation"])
        return {"situation": case["situation"], **{o.id: case.get(o.id, o.default) for o in own}}

    def variants(self, case: dict[str, Any]) -> list[dict[str, Any]]:
        """Every value of the options the case leaves open (the default first), as the
        calculator's form offers them."""
        own = [o for o in self.data.options_of(case["situation"]) if o.id not in case]
        values = [(o.default, not o.default) for o in own]
        return [
            {**case, **{o.id: v for o, v in zip(own, combo, strict=True)}}
            for combo in itertools.product(*values)
        ]

    def groups(self, case: dict[str, Any], roles: tuple[str, ...] | None = None) -> list[Group]:
        """The answers for the case over every role (or `roles`) and every open option value,
        the identical ones together, in the form's order."""
        out: list[Group] = []
        seen: dict[str, Group] = {}
        for variant in self.variants(case):
            for role in roles or tuple(r.id for r in self.data.roles):
                ans = self.get(variant, role)
                same = _sameness(ans)
                if same in seen:
                    group = seen[same]
                    if role not in group.roles:
                        group.roles += (role,)
                    if variant not in group.variants:
                        group.variants.append(variant)
                    continue
                seen[same] = Group((role,), [variant], ans)
                out.append(seen[same])
        return out

    def forms(self) -> list[Answer]:
        """Every case the calculator's form can post (eimza.instant.form_cases), in its order."""
        return [self.get(c, c["role"]) for c in instant.form_cases(self.data)]

    def _answer(self, case: dict[str, Any]) -> Answer:
        dated = {**case, "date": self.day.isoformat()}
        try:
            quote, error = eimza.quote(dated, self.data), None
        except eimza.EimzaError as exc:
            if getattr(exc, "code", None) != "tariff-unknown":
                raise SiteError(f"motor {dated} için hata verdi: {exc.code}: {exc.message}") from exc
            quote, error = eimza.quote(dated, self.data, require_amounts=False), exc
        return Answer(case, quote, error, sources_of(self.data, quote))


def _sameness(ans: Answer) -> str:
    """What makes two answers one: everything the reader is shown, but the title (which names
    the role, or says it is everyone's) and the case itself."""
    q = {k: v for k, v in ans.quote.items() if k not in ("title", "case")}
    return json.dumps(q, sort_keys=True, default=str) + (ans.error.message if ans.error else "")


def rules_of(data: Any, quote: dict[str, Any]) -> list[Any]:
    """The rules of the procedure table that made the quote (the same selection as the engine)."""
    case = quote["case"]
    day = dt.date.fromisoformat(case["date"])
    values = {k: v for k, v in case.items() if k != "date"} | {"channel": quote["channel"]}
    p = data.procedure
    unknown = matching(p.unknowns, values, day)
    if unknown:
        return unknown[:1]
    pay = quote.get("payment")
    values |= {"payee": quote["payee"], "priced": bool(pay and pay.get("total") is not None)}
    payment = matching(p.payments, values, day)[:1]
    return [*payment, *matching(p.steps, values, day), *matching(p.notes, values, day)]


def sources_of(data: Any, quote: dict[str, Any]) -> tuple[str, ...]:
    """Every source behind what the quote says: its rules' sources and the sources they cite
    (`{source:…}`), the sources of the directorate's facts in force and of the tariff period."""
    day = dt.date.fromisoformat(quote["case"]["date"])
    ids: list[str] = []
    for rule in rules_of(data, quote):
        ids += rule.sources
        for text in (rule.text, rule.basis, rule.receipt):
            names = PLACEHOLDER.findall(text or "")
            ids += [m.removeprefix("source:") for m in names if m.startswith("source:")]
            if any(m.startswith("kamusm.") for m in names):  # Kamu SM's address, phone, menus
                ids += data.kamusm.sources
    for block in data.facts_blocks:
        if block.start is None or block.start <= day:
            ids += block.sources
    if quote.get("tariff"):
        ids += data.tariff_for(day).sources
    return tuple(dict.fromkeys(ids))


def render_answer(ans: Answer, heading_level: int = 3, prefix: str = "", with_error: bool = True) -> str:
    """The engine's HTML, the calculator's for this case and date; ids get `prefix` so that two
    answers can share a page. `with_error=False` leaves out the unknown-amount message (the
    page says it once, above its answers)."""
    error = ans.error if with_error else None
    return str(eimza.render_answer_html(ans.quote, error, heading_level, id_prefix=prefix))


def total(quote: dict[str, Any]) -> str | None:
    """The amount to pay as '1.080,00 TL', or None when there is none (nothing to pay, or the
    amount is not in the data)."""
    payment = quote.get("payment")
    return tl(payment["total"]) if payment and payment["total"] is not None else None
