"""The procedure on the pages: blocks rendered from the directorate's table through the
engine's answers (cases.Answers), so that a page never restates a step by hand: the steps of a
case (`steps_html`, `first_step_html`), the answers of a case by whom they are for
(`answers_lines`, `all_answers_lines`) and the decision diagram (`diagram_lines`). Who pays
whom and the account are in payments.py; sources, citations, the contact facts and Kamu SM's
services in citations.py.

Each block carries `data-sources` (the source ids of the data behind it; pages/claims.py holds
the pages to that). HTML is returned as one string (stashed by the token preprocessor);
Markdown blocks as lines, data text through `text` (escaping.Values.put)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from eimza import present, turkish

from . import cases, slug
from .cases import Answer, Answers
from .citations import sources_attr

Text = Callable[[str], str]


def _low(label: str) -> str:
    return turkish.lower(label[:1]) + label[1:]


def _join(words: list[str], last: str = " ve ") -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])}{last}{words[-1]}"


# --- steps ---------------------------------------------------------------------------------


def _steps_of(ans: Answer) -> tuple[Any, ...]:
    if ans.unknown:
        return ("unknown", ans.quote["unknown"]["text"])
    return tuple((s["id"], s["text"], tuple(s["links"])) for s in ans.quote["steps"])


def steps_html(data: Any, answers: Answers, case: dict[str, Any], role: str | None = None) -> str:
    """The case's steps on the edition date (options not given: their defaults), for one role
    or for every role: the steps all roles share first, then each role's own (or what is not
    known), headed by whom they are for."""
    roles = (role,) if role else tuple(r.id for r in data.roles)
    own = [answers.get(case, r) for r in roles]
    groups: dict[tuple[Any, ...], list[Answer]] = {}
    for ans in own:
        groups.setdefault(_steps_of(ans), []).append(ans)
    known = [a.quote["steps"] for a in own if not a.unknown]
    shared = 0
    if len(groups) > 1 and len(known) == len(own):
        while all(len(s) > shared for s in known) and len({_steps_of_one(s[shared]) for s in known}) == 1:
            shared += 1
    full = answers.full(case)
    date = answers.day.isoformat()
    ids = [i for a in own for i in a.sources]
    out = [
        f'<div class="eimza-steps-block" data-case="{escape(cases.instant.case_key(full))}" '
        f'data-roles="{escape(" ".join(roles))}" data-date="{date}"{sources_attr(ids)}>'
    ]
    if shared:
        out.append(present.render_steps_html(known[0][:shared]))
    for members in groups.values():
        first = members[0]
        if not first.unknown and len(first.quote["steps"]) == shared:
            continue  # nothing more than the shared steps
        if len(groups) > 1:
            whom = cases.who(data, tuple(a.role for a in members)) + (", ardından" if shared else "")
            out.append(f'<p class="eimza-steps-for"><strong>{escape(whom)}:</strong></p>')
        if first.unknown:
            out.append(f'<p class="eimza-unknown">{present.linked(first.quote["unknown"])}</p>')
        else:
            out.append(present.render_steps_html(first.quote["steps"][shared:], start=shared + 1))
    out.append("</div>")
    return "".join(out)


def _steps_of_one(step: dict[str, Any]) -> tuple[Any, ...]:
    return (step["id"], step["text"], tuple(step["links"]))


def first_step_html(data: Any, answers: Answers, case: dict[str, Any]) -> str:
    """The case's first step when it is every role's (a lost card: revoke, or suspend), else
    what every role's answer says first (or that the way is not known)."""
    own = [answers.get(case, r.id) for r in data.roles]
    ids = sources_attr(i for a in own for i in a.sources)
    firsts = {_steps_of(a)[:1] if not a.unknown else _steps_of(a) for a in own}
    if len(firsts) != 1:
        return steps_html(data, answers, case)
    a = own[0]
    if a.unknown:
        return f'<p class="eimza-unknown"{ids}>{present.linked(a.quote["unknown"])}</p>'
    step = a.quote["steps"][0]
    return f'<p{ids}><span data-step="{escape(step["id"])}">{present.linked(step)}</span></p>'


# --- answers -------------------------------------------------------------------------------


def answer_html(ans: Answer, heading_level: int, prefix: str, with_error: bool) -> str:
    """A static answer: the calculator's for the case on the edition date, in a wrapper that
    names its case (`data-case`: eimza.instant.case_key), role, date and sources."""
    attrs = (
        f'data-case="{escape(ans.key)}" data-role="{escape(ans.role)}" '
        f'data-date="{escape(ans.quote["case"]["date"])}"{sources_attr(ans.sources)}'
    )
    html = cases.render_answer(ans, heading_level, prefix, with_error)
    return f'<div class="eimza-static-answer" {attrs}>{html}</div>'


def group_headings(data: Any, answers: Answers, case: dict[str, Any], groups: list[cases.Group]) -> list[str]:
    """Each group's heading: whom it is for, and the option values it holds when the groups
    differ by them ("Tüm sağlık çalışanları: kart okuyucunuz elinizdeyse")."""
    open_options = [o for o in data.options_of(case["situation"]) if o.id not in case]
    out = []
    for g in groups:
        parts = []
        for o in open_options:
            values = {v[o.id] for v in g.variants}
            if len(values) == 1 and len(groups) > 1:
                parts.append(cases.option_title(o, values.pop()))
        whom = cases.who(data, g.roles)
        out.append(f"{whom}: {', '.join(parts)}" if parts else whom)
    return out


def answers_lines(
    data: Any,
    answers: Answers,
    case: dict[str, Any],
    level: int,
    text: Text,
    render: Callable[[Answer, int, str], list[str]],
) -> list[str]:
    """Markdown: for each distinct answer of the case (over roles and the options it leaves
    open) a heading of `level` saying whom it is for, then the answer (`render`: the token
    preprocessor's, which stashes it and says the unknown-amount message once a page)."""
    groups = answers.groups(case)
    lines: list[str] = []
    for group, heading in zip(groups, group_headings(data, answers, case, groups), strict=True):
        prefix = slug.slugify(f"{cases.title(data, case)} {heading}")
        lines += ["#" * level + " " + text(heading), ""]
        lines += render(group.answer, level + 1, prefix)
    return lines


def all_answers_lines(
    data: Any, answers: Answers, text: Text, render: Callable[[Answer, int, str], list[str]]
) -> list[str]:
    """The calculator page's ready answers: every case its form can post, in its order."""
    lines: list[str] = []
    last = None
    for ans in answers.forms():
        own = {k: v for k, v in ans.case.items() if k != "role"}
        title = cases.title(data, own)
        if title != last:
            lines += [f"### {text(title)}", ""]
            last = title
        role = _low(data.role(ans.role).label)
        lines += [f"#### {text(title)}: {text(role)}", ""]
        lines += render(ans, 5, slug.slugify(f"{title} {role}"))
    return lines


# --- the decision diagram ------------------------------------------------------------------


def diagram_lines(data: Any, answers: Answers, text: Text, inline: Callable[[str], str]) -> list[str]:
    """ "Hangi yol benim?": the national situations' questions in their `diagram` order, each
    "Evet" leading to its page; where a situation's first step is its own (the same for every
    role, and not the first step of another situation: a lost card's revoke or suspend), the
    directorate's first step is named; where its way is not known, that is said."""
    ordered = sorted(data.situations, key=lambda s: s.diagram)
    firsts: dict[str, Any] = {}
    unknown: set[str] = set()
    ids: list[str] = []
    opening: dict[str, set[str]] = {}  # first step id → the situations any answer opens with it
    for s in ordered:
        own = [answers.get({"situation": s.id}, r.id) for r in data.roles]
        ids += [i for a in own for i in a.sources]
        if all(a.unknown for a in own):
            unknown.add(s.id)
        for a in own:
            if a.quote["steps"]:
                opening.setdefault(a.quote["steps"][0]["id"], set()).add(s.id)
        steps = {_steps_of_one(a.quote["steps"][0]) if a.quote["steps"] else None for a in own}
        if len(steps) == 1 and None not in steps:
            firsts[s.id] = own[0].quote["steps"][0]
    lines = [
        f'<nav class="eimza-flow" aria-label="Hangi yol benim? Karar şeması"{sources_attr(ids)} markdown>',
        "",
    ]
    for i, s in enumerate(ordered, start=1):
        yes = f"[{text(s.label)}]({s.page})"
        first = firsts.get(s.id)
        if s.id in unknown:
            yes += " (bu durumun yolu bu rehberin kaynaklarında yok)"
        elif first is not None and opening[first["id"]] == {s.id}:  # its own first step
            step = f'<span data-step="{escape(first["id"])}">{present.linked(first)}</span>'
            yes += f". İlk adım: {inline(step)}"
        lines.append(f"{i}. **{text(s.question)}**  ")
        lines.append(f"    Evet → {yes}  ")
        last = "bu rehberdeki durumlardan biri değil: sorunuz için [İletişim](iletisim.md)"
        lines.append(f"    Hayır → {'sonraki soru ↓' if i < len(ordered) else last}")
        lines.append("")
    return [*lines, "</nav>", ""]
