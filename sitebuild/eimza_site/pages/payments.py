"""Who pays whom, from the engine's answers of every case on the edition date: the table of
payments by situation and role (`payments_table`), one role's fees (`fees_table`), in which
situations a role pays the directorate and why (`pays_html`, `basis_html`), its answers that
pay (`details_lines`) and the directorate's account box (`bank_lines`): bank, branch, holder,
the IBAN to copy, the description pattern(s) with a worked example, where the receipt goes."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from eimza import present, turkish, wording
from eimza.checks import group_iban
from eimza.request import Identity, description

from . import cases, slug
from .blocks import Text, _join, _low
from .cases import Answer, Answers
from .citations import sources_attr

# the worked example of the payment description: an invented person, and a number that is
# not a valid T.C. Kimlik No (its check digits fail), so it can be no one's
EXAMPLE_PERSON = Identity("Ayşe", "Yılmaz", "12345678901")
NO_PAYMENT = "Duyuruda ödeme istenmiyor"
UNKNOWN = "Bilinmiyor"
PAYMENT_UNKNOWN = "Ödeme bilgisi bu sitede yok"
AMOUNT_UNKNOWN = "tutar bu sitede henüz yok"


# --- who pays what -------------------------------------------------------------------------


def cell(data: Any, ans: Answer, short: bool = True) -> str:
    """What one answer asks the reader to pay, as a table cell's text (HTML)."""
    q = ans.quote
    if ans.unknown:
        return UNKNOWN
    if q["payee"] == "none":
        return NO_PAYMENT
    if q["payee"] == "unknown" or q["payment"] is None:
        return PAYMENT_UNKNOWN
    pay = q["payment"]
    whom = "Kamu SM'ye" if q["payee"] == "kamusm" else turkish.suffix(pay["payee_name"], "dat")
    total = cases.total(q)
    amount = present.amount_html(total) if total else escape(AMOUNT_UNKNOWN)
    if short:
        return f"{escape(whom)}: {amount}"
    items = _join([data.items[i["code"]].in_sentence for i in pay["items"]])
    return f"{escape(whom)}: {escape(items)}"


def _rows(data: Any, answers: Answers, roles: tuple[str, ...], short: bool) -> list[tuple[str, list[Answer]]]:
    """(label, one answer per role) for each situation, split by its options only where they
    change what is paid, in the form's order."""
    rows: list[tuple[str, list[Answer]]] = []
    for situation in data.situations:
        case = {"situation": situation.id}
        variants = answers.variants(case)
        per = [[answers.get(v, r) for r in roles] for v in variants]
        cells = [[cell(data, a, short) + cell(data, a, not short) for a in row] for row in per]
        if all(c == cells[0] for c in cells):
            rows.append((situation.label, per[0]))
        else:
            rows += [(cases.title(data, v), row) for v, row in zip(variants, per, strict=True)]
    return rows


def payments_table(data: Any, answers: Answers) -> str:
    """Who pays whom, by situation (rows) and role (columns), on the edition date."""
    roles = tuple(r.id for r in data.roles)
    head = "".join(f'<th scope="col">{escape(data.role(r).plural)}</th>' for r in roles)
    body, ids = [], []
    for label, row in _rows(data, answers, roles, short=True):
        cells = "".join(f"<td{sources_attr(a.sources)}>{cell(data, a)}</td>" for a in row)
        body.append(f'<tr><th scope="row">{escape(label)}</th>{cells}</tr>')
        ids += [i for a in row for i in a.sources]
    caption = f"Kim, kime öder? ({turkish.date_long(answers.day)} tarihine göre)"
    return (
        f'<div class="eimza-payments md-typeset__scrollwrap"{sources_attr(ids)}>'
        '<div class="md-typeset__table">'
        f'<table><caption>{escape(caption)}</caption><thead><tr><th scope="col">Durum</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div></div>"
    )


def fees_table(data: Any, answers: Answers, role: str) -> str:
    """One role's payments by situation: to whom and which items, and the total (consecutive
    situations that ask the same are one row: "Yenileme veya süresi dolmuş")."""
    rows: list[tuple[list[str], Answer, str, str]] = []
    for label, (ans,) in _rows(data, answers, (cases.check_role(data, role),), short=False):
        what, total = cell(data, ans, short=False), cases.total(ans.quote)
        priced = ans.quote["payment"] is not None and not ans.unknown
        amount = present.amount_html(total) if total else (escape(AMOUNT_UNKNOWN) if priced else "—")
        if rows and rows[-1][2:] == (what, amount):
            rows[-1][0].append(_low(label))
            continue
        rows.append(([label], ans, what, amount))
    body = "".join(
        f"<tr{sources_attr(a.sources)}><td>{escape(_join(labels, ' veya '))}</td>"
        f"<td>{what}</td><td>{amount}</td></tr>"
        for labels, a, what, amount in rows
    )
    ids = [i for _, a, _, _ in rows for i in a.sources]
    return (
        f'<div class="eimza-fees md-typeset__scrollwrap"{sources_attr(ids)}>'
        '<div class="md-typeset__table"><table>'
        '<thead><tr><th scope="col">Başvurunuz</th><th scope="col">Ödenecek yer ve kalemler</th>'
        f'<th scope="col">Tutar</th></tr></thead><tbody>{body}</tbody></table></div></div>'
    )


def pays_html(data: Any, answers: Answers, role: str) -> str:
    """One sentence: in which situations the role pays the directorate's account."""
    name = data.facts_on(answers.day).name
    found = _paying(answers, cases.check_role(data, role))
    plural = data.role(role).plural
    situations = _situations(data, found)
    if not situations:  # said from all the role's answers (their sources)
        found = [a for a in answers.forms() if a.role == role]
        unknown = _situations(data, [a for a in found if a.quote["payee"] == "unknown"])
        whose, whom = turkish.suffix(_low(plural), "gen"), turkish.suffix(name, "dat")
        sentence = f"Bu rehberin kaynaklarında {whose} {whom} ödeyeceği bir ücret yok."
        if unknown:
            sentence = f"{plural} için şu durumlarda ödeme bilgisi bu sitede yok: {_join(unknown)}."
    else:
        where = turkish.suffix(name, "gen")
        sentence = f"{plural} şu durumlarda e-imza ücretini {where} hesabına öder: {_join(situations)}."
    return f"<p{sources_attr(i for a in found for i in a.sources)}>{escape(sentence)}</p>"


def basis_html(data: Any, answers: Answers, role: str) -> str:
    """Why the role pays the directorate: each distinct `basis` of its payment rules (the
    engine's filled text, with its citation), or nothing."""
    found = [a for a in _paying(answers, role) if a.quote["payment"].get("basis")]
    seen: dict[str, Answer] = {}
    for a in found:
        seen.setdefault(a.quote["payment"]["basis"]["text"], a)
    return "".join(
        f'<p class="eimza-basis"{sources_attr(a.sources)}>{present.linked(a.quote["payment"]["basis"])}</p>'
        for a in seen.values()
    )


def details_lines(
    data: Any, answers: Answers, role: str, render: Callable[[Answer, int, str], list[str]], text: Text
) -> list[str]:
    """The role's answers that pay the directorate, each in a closed box titled by its case."""
    lines: list[str] = []
    for situation in data.situations:
        case = {"situation": situation.id}
        for group in answers.groups(case, (cases.check_role(data, role),)):
            if group.answer.quote["payee"] != "directorate":
                continue
            own = {k: v for k, v in group.answer.case.items() if k != "role"}
            varied = len(answers.groups(case, (role,))) > 1
            title = cases.title(data, own) if varied else situation.label
            lines += [f'??? note "{text(title)}: adımlar ve ödeme"', ""]
            lines += [
                "    " + x if x else x for x in render(group.answer, 3, slug.slugify(f"{title} ayrinti"))
            ]
    return lines


def _situations(data: Any, found: list[Answer]) -> list[str]:
    return list(dict.fromkeys(_low(data.situation(a.case["situation"]).label) for a in found))


def _paying(answers: Answers, role: str | None = None) -> list[Answer]:
    return [
        a for a in answers.forms() if a.quote["payee"] == "directorate" and (role is None or a.role == role)
    ]


# --- the directorate's account -------------------------------------------------------------


def bank_lines(
    data: Any, answers: Answers, text: Text, inline: Callable[[str], str]
) -> tuple[list[str], list[str]]:
    """The account box (Markdown lines) and its sources: the bank, branch, holder, the IBAN to
    copy, the description pattern(s) with a worked example, and where the receipt goes, from
    the payment rules of every case that pays the directorate on the edition date; when none
    does, a sentence saying so. `inline`: stashes a piece of HTML inside a line."""
    facts = data.facts_on(answers.day)
    paying = _paying(answers)
    ids = [i for a in paying for i in a.sources]
    if not paying:  # said from every answer (their sources); an unknown payment's own words
        unknown = [a for a in answers.forms() if a.quote["payee"] == "unknown"]
        if not unknown:
            return [
                f"Bu rehberin kaynaklarına göre {text(facts.name)} hesabına yapılacak bir ödeme yok.",
                "",
            ], [i for a in answers.forms() for i in a.sources]
        whose = turkish.suffix(facts.name, "gen")
        lines = [f"Bu rehberin kaynaklarında {text(whose)} hesap bilgileri (banka, IBAN, açıklama) yok.", ""]
        reasons = {a.quote["no_payment_reason"]: a for a in unknown}
        for reason, a in reasons.items():
            lines += [inline(present.linked({"text": reason, "links": a.quote["no_payment_links"]})), ""]
        return lines, [i for a in unknown for i in a.sources]
    kamusm = [
        _low(s.label)
        for s in data.situations
        if all(a.quote["payee"] == "kamusm" for a in answers.forms() if a.case["situation"] == s.id)
    ]
    by_role: dict[str, list[str]] = {}
    for a in paying:
        label = _low(data.situation(a.case["situation"]).label)
        by_role.setdefault(a.role, [])
        if label not in by_role[a.role]:
            by_role[a.role].append(label)
    users = "; ".join(f"{_low(data.role(r).plural)} ({', '.join(s)})" for r, s in by_role.items())
    lines = [f'!!! note "Ödeme yapılacak hesap: {text(facts.name)}"', ""]
    lines.append(f"    Bu hesaba ödeme yapanlar: {text(users)}.")
    if kamusm:
        what = _join(kamusm)
        lines[-1] += (
            f" {text(turkish.upper(what[:1]) + what[1:])} ödemeleri bu hesaba değil, Kamu SM'ye yapılır."
        )
    lines += ["", f"    - **Banka:** {text(facts.bank)}"]
    if facts.branch:
        lines.append(f"    - **Şube:** {text(facts.branch)}")
    lines += [
        f"    - **Hesap sahibi:** {text(facts.account_holder)}",
        "    - **IBAN** (kopyalamak için kutunun sağındaki düğmeyi kullanın):",
        "",
        "    ```text",
        f"    {text(group_iban(facts.iban))}",
        "    ```",
        "",
        f"    - Boşluksuz IBAN: `{text(facts.iban)}`",
    ]
    patterns = _by_value(data, paying, lambda a: a.quote["payment"]["description"])
    for pattern, where in patterns:
        label = f" — {text(where)}" if len(patterns) > 1 else ""
        example = description(pattern, EXAMPLE_PERSON)
        lines.append(f"    - **Açıklama{label}:** {text(pattern)}")
        lines.append(f"    - **Örnek** (uydurma bir kişi, Ayşe Yılmaz için): {text(example)}")
    receipts = _by_value(data, paying, _receipt_html)
    for html, where in receipts:
        if html:
            label = f" — {text(where)}" if len(receipts) > 1 else ""
            lines.append(f"    - **Dekont{label}:** {inline(html)}")
    lines.append("")
    return lines, ids


def _receipt_html(ans: Answer) -> str:
    pay = ans.quote["payment"]
    parts = []
    if pay["receipt_emails"]:
        mails = [f'<a href="mailto:{escape(e)}">{escape(e)}</a>' for e in pay["receipt_emails"]]
        parts.append(f"{wording.join_or(mails)} adresine e-postayla gönderilir.")
    if pay.get("receipt"):
        parts.append(present.linked(pay["receipt"]))
    return " ".join(parts)


def _by_value(data: Any, found: list[Answer], value: Callable[[Answer], str]) -> list[tuple[str, str]]:
    """(value, the cases it is for) for each distinct value among the answers."""
    out: dict[str, list[str]] = {}
    for a in found:
        own = {k: v for k, v in a.case.items() if k != "role"}
        where = cases.title(data, own)
        out.setdefault(value(a), [])
        if where not in out[value(a)]:
            out[value(a)].append(where)
    return [(v, ", ".join(w)) for v, w in out.items()]
