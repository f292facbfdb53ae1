"""The `{{ token }}` Markdown preprocessor: fills values and blocks from the engine's data.

Registered below markdown-include (priority 101) and normalize_whitespace (30), so tokens
inside included fragments are filled too. An unknown token, or a block token that is not
alone on its line, stops the build with a message naming the page and the line. A second
preprocessor, above markdown-include, checks every `{!file!}` include (recursively) and
stops the build when one is missing, instead of letting the line silently drop.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

import eimza
from eimza import editions, turkish, wording, wording_site
from eimza.checks import tel_href
from eimza.evaluate import amounts_unknown
from eimza.request import description
from eimza.template import FILTERS

from ..publish import edition_tags
from . import blocks, cases, citations, escaping, facts, payments, render, slug

TOKEN = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
EMAIL_TOKEN = re.compile(r"<\{\{\s*email\s*\}\}>|\{\{\s*email\s*\}\}")  # a link, autolinked or not
INCLUDE = re.compile(r"\{!\s*(.+?)\s*!\}")
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2} TL")  # "1.080,00 TL", as money.format_tl writes it
INCLUDE_PRIORITY = 101  # markdown_include's own
# Below markdown-include (fragments are filled too) and below normalize_whitespace (30),
# which strips the HTML stash's placeholder markers; above fenced code (25) and html_block (20).
TOKEN_PRIORITY = 28
LOCAL_FOLDER = "sayfalar"  # beside the directorate's il.toml: its own page texts
LOCAL_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
BLOCKS = (
    "table:tariffs", "chart:nes", "diagram:decision", "changelog", "editions", "notice:tariff",
    "list:price-updates", "list:sources", "table:payments", "table:kamusm", "table:fees:ROL",
    "pays:ROL", "basis:ROL", "details:ROL", "first-step:DURUM", "bank", "contact",
    "steps:DURUM[:ROL]", "answer:DURUM:ROL[:DÜZEY]", "answers:DURUM[:DÜZEY]", "answers:all", "local:AD",
)  # fmt: skip


class Context:
    """Everything a page may ask for, computed once per build."""

    def __init__(self, choice: facts.Choice) -> None:
        self.choice = choice
        self.data = data = choice.data
        self.edition = edition = choice.edition
        d, k = data.facts_on(edition), data.kamusm
        current = data.tariff_for(edition)
        latest = data.latest_known(edition)
        self.answers = cases.Answers(data, edition)
        roles = [turkish.lower(r.plural[:1]) + r.plural[1:] for r in data.roles]
        singular = [turkish.lower(r.label[:1]) + r.label[1:] for r in data.roles]
        values: dict[str, str | None] = {
            "iban": d.iban,
            "iban_grouped": eimza.group_iban(d.iban) if d.iban else None,
            "email": wording.join_or(d.emails) if d.emails else None,
            "bank": d.bank,
            "account_holder": d.account_holder,
            "description": d.description,
            "directorate": d.name,
            "unit": d.unit,
            "province": d.province,
            "url.portal": k.portal,
            "url.online": k.online,
            "url.sanalpos": k.sanalpos,
            "url.reader": k.reader,
            "url.tariff": k.tariff,
            "phone": k.phone,
            "years": str(k.certificate_years),
            "roles": " ve ".join(roles) if len(roles) < 3 else ", ".join(roles[:-1]) + " ve " + roles[-1],
            "roles.or": wording.join_or(singular),
            "situations": ", ".join(turkish.lower(s.label[:1]) + s.label[1:] for s in data.situations),
            "edition.date": facts.date_long(edition),
            "edition.stamp": facts.edition_stamp(choice),
            "edition.basis": wording_site.edition_basis(edition, choice.published),
            "edition.statement": wording_site.edition_statement(edition, choice.published),
            "edition.year": str(edition.year),
            "current.label": current.label,
            "current.year": str(current.start.year),
            "latest.label": latest.label if latest else "yok",
            "latest.verified": facts.date_long(latest.verified) if latest else "yok",
            "phone.tel": tel_href(k.phone),
            "description.example": description(d.description, payments.EXAMPLE_PERSON)
            if d.description
            else None,
        }
        # a fact the directorate's files do not give is no token (a page naming it stops the build)
        self.values: dict[str, str] = {name: v for name, v in values.items() if v is not None}
        self.current_known = bool(current.amounts_known)
        self.current = current
        self.latest = latest

    def inline(self, name: str) -> str | None:
        """A value token's text: a value (`{{ directorate|gen }}`: with the engine's template
        filters), `total:CASE:ROLE` or `date:YYYY-MM-DD`; None when there is no such token."""
        head, *filters = (part.strip() for part in name.split("|"))
        value = self._inline(head)
        if value is None or any(f not in FILTERS for f in filters):
            return None
        for f in filters:
            value = FILTERS[f](value)
        return value

    def _inline(self, name: str) -> str | None:
        if name in self.values:
            return self.values[name]
        parts = name.split(":")
        if parts[0] == "total" and len(parts) == 3:
            ans = self.answers.get(cases.parse_case(self.data, parts[1]), parts[2])
            if ans.error is not None:  # never another date's amount in its place
                return "bu sitede henüz yok"
            return cases.total(ans.quote) or "kişisel ödeme yok"
        if parts[0] == "date" and len(parts) == 2:
            return facts.date_long(dt.date.fromisoformat(parts[1]))
        return None

    def unknown(self) -> eimza.EimzaError | None:
        """The engine's unknown-amount error for the edition date, when the tariff period's
        amounts are not in the data (the same message for every case that pays; said even
        when no case of the directorate pays a known amount)."""
        return None if self.current_known else amounts_unknown(self.data, self.edition)

    def tariff_notice(
        self, text: Callable[[str], str] = str, stash: Callable[[str], str] = str, history_link: bool = True
    ) -> list[str]:
        """An admonition on whether the edition date's amounts are in the data; when they are
        not, the engine's unknown-amount message (how to learn the fee before paying, never an
        old amount in its place), said once for the page's answers. Data text goes through
        `text` (escaping.Values.put on the pages), the engine's HTML through `stash`."""
        k = self.data.kamusm
        tariff = text(k.tariff)
        error = self.unknown()
        if error is None:
            return [
                '!!! info "Tutarların dayanağı"',
                "",
                f"    Tutarlar {text(self.current.label)} tarife dönemine aittir (kaynağın tarihi: "
                f"{facts.date_long(self.current.verified)}). Ödemeden önce "
                f"[Kamu SM'nin ücret tarifesi]({tariff}) sayfasına bakın.",
                "",
            ]
        return [
            f'!!! warning "{wording_site.fee_notice_title(self.edition, self.choice.published)}"',
            "",
            f"    {stash(eimza.render_error_html(error))}",
            "",
            f"    {wording_site.PAST_AMOUNTS_ONLY_HISTORY}"
            + (": [Ücret tarifesi](ucret-tarifesi.md)." if history_link else "."),
            "",
        ]


class TokenPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, ext: TokenExtension, values: escaping.Values) -> None:
        super().__init__(md)
        self.ext = ext
        self.values = values  # data text goes in as placeholders (escaping.py)
        self.said_above: str | None = None  # the unknown-amount message this page has shown

    def _stash(self, html: str) -> list[str]:
        return ["", self.md.htmlStash.store(html), ""]

    def _inline_html(self, html: str) -> str:
        """A piece of HTML inside a line of Markdown (a link in a list item, a citation)."""
        return str(self.md.htmlStash.store(html))

    def _answer(self, ans: cases.Answer, level: int, prefix: str) -> list[str]:
        """A static answer; the unknown-amount message is left out when this page's notice
        has already said it (once per page, not once per answer)."""
        said = ans.error is not None and ans.error.message == self.said_above
        return self._stash(blocks.answer_html(ans, level, prefix, with_error=not said))

    @staticmethod
    def _sourced(lines: list[str], ids: Any) -> list[str]:
        """Markdown lines from the data, in an element that names their sources."""
        return [
            f'<div class="eimza-data"{citations.sources_attr(ids)} markdown>',
            "",
            *lines,
            "",
            "</div>",
            "",
        ]

    def block(self, name: str, top: bool = True) -> list[str] | None:
        ctx = self.ext.context()
        data, put = ctx.data, self.values.put
        parts = name.split(":")
        kind, args = parts[0], parts[1:]
        if name == "table:tariffs":
            return self._stash(render.tariff_table(data))
        if name == "chart:nes":
            return self._stash(render.nes_chart(data, ctx.edition))
        if name == "diagram:decision":
            return blocks.diagram_lines(data, ctx.answers, put, self._inline_html)
        if name == "changelog":
            return self._stash(render.changelog(data, ctx.edition))
        if name == "editions":  # the site's record of its own editions
            eds = ctx.choice.editions
            own = edition_tags.states_for_build(ctx.choice.files.directorate, [e.date for e in eds])
            this = ctx.edition if ctx.choice.published else None
            lines = editions.edition_markdown(eds, data, own, this=this, text=put)
            return ['<div class="eimza-site" markdown>', "", *lines, "", "</div>", ""] if top else lines
        if name == "notice:tariff":
            error = ctx.unknown()
            self.said_above = error.message if error is not None else None
            link = self.ext.page != "ucret-tarifesi.md"  # not a link to the page itself
            notice = ctx.tariff_notice(text=put, stash=self.md.htmlStash.store, history_link=link)
            ids = ctx.current.sources if error is None else data.kamusm.sources
            return self._sourced(notice, ids) if top else notice
        if name == "list:price-updates":
            return self._stash(render.price_updates(data))
        if name == "list:sources":
            return self._stash(citations.sources_html(data, citations.own_sources(data, ctx.edition)))
        if name == "table:payments":
            return self._stash(payments.payments_table(data, ctx.answers))
        if name == "table:kamusm":
            return self._stash(citations.kamusm_table(data))
        if kind == "table" and len(args) == 2 and args[0] == "fees":  # table:fees:ROLE
            return self._stash(payments.fees_table(data, ctx.answers, args[1]))
        if kind == "pays" and len(args) == 1:  # pays:ROLE
            return self._stash(payments.pays_html(data, ctx.answers, args[0]))
        if kind == "basis" and len(args) == 1:  # basis:ROLE
            html = payments.basis_html(data, ctx.answers, cases.check_role(data, args[0]))
            return self._stash(html) if html else []
        if kind == "details" and len(args) == 1:  # details:ROLE
            return payments.details_lines(data, ctx.answers, args[0], self._answer, put)
        if kind == "first-step" and len(args) == 1:  # first-step:CASE
            return self._stash(blocks.first_step_html(data, ctx.answers, cases.parse_case(data, args[0])))
        if name == "bank":
            lines, ids = payments.bank_lines(data, ctx.answers, put, self._inline_html)
            return self._sourced(lines, ids) if top else lines
        if name == "contact":
            lines = citations.contact_lines(data, ctx.edition, put)
            ids = citations.facts_sources(data, ctx.edition)
            return self._sourced(lines, ids) if top else lines
        if kind == "steps" and len(args) in (1, 2):  # steps:CASE[:ROLE]
            case = cases.parse_case(data, args[0])
            return self._stash(
                blocks.steps_html(data, ctx.answers, case, args[1] if len(args) == 2 else None)
            )
        if kind == "answer" and len(args) in (2, 3):  # answer:CASE:ROLE[:HEADING LEVEL]
            case = cases.parse_case(data, args[0])
            ans = ctx.answers.get(case, args[1])
            level = int(args[2]) if len(args) == 3 and args[2] in ("2", "3", "4", "5") else 4
            prefix = slug.slugify(f"{cases.title(data, case)} {data.role(ans.role).plural}")
            return self._answer(ans, level, prefix)
        if kind == "answers" and args == ["all"]:
            return blocks.all_answers_lines(data, ctx.answers, put, self._answer)
        if kind == "answers" and len(args) in (1, 2):  # answers:CASE[:HEADING LEVEL]
            case = cases.parse_case(data, args[0])
            level = int(args[1]) if len(args) == 2 and args[1] in ("2", "3", "4", "5") else 3
            return blocks.answers_lines(data, ctx.answers, case, level, put, self._answer)
        if kind == "local" and len(args) == 1:  # local:NAME, the directorate's own page text
            return self._local(args[0])
        return None

    def _local(self, name: str) -> list[str]:
        """The directorate's own text `sayfalar/NAME.md` beside its il.toml (its tokens filled;
        nothing when it has none), in an element naming its procedure's sources."""
        if not LOCAL_NAME.fullmatch(name):
            raise facts.SiteError(f"geçersiz sayfa parçası adı {name!r} (küçük harf, rakam ve '-')")
        path = Path(self.ext.context().choice.files.directorate).parent / LOCAL_FOLDER / f"{name}.md"
        if not path.is_file():
            return []
        lines = self._fill(path.read_text(encoding="utf-8").splitlines(), f"{LOCAL_FOLDER}/{name}.md")
        ids = self.ext.context().data.procedure.sources
        return [
            f'<div class="eimza-local"{citations.sources_attr(ids)} markdown>',
            "",
            *lines,
            "",
            "</div>",
            "",
        ]

    def run(self, lines: list[str]) -> list[str]:
        self.said_above = None
        return self._fill(lines, None)

    def _fill(self, lines: list[str], where: str | None) -> list[str]:
        out: list[str] = []
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            whole = TOKEN.fullmatch(stripped)
            if whole:
                indent = line[: len(line) - len(line.lstrip())]
                try:
                    lines_out = self.block(whole.group(1), top=not indent)
                except facts.SiteError as exc:
                    raise self.ext.fail(number, whole.group(0), str(exc), where) from exc
                except eimza.EimzaError as exc:  # e.g. amount-too-large in a table
                    raise self.ext.fail(number, whole.group(0), exc.message, where) from exc
                if lines_out is not None:
                    out.extend(indent + x if x else x for x in lines_out)
                    continue
            line = EMAIL_TOKEN.sub(lambda m, n=number: self._emails(m, n, where), line)
            out.append(TOKEN.sub(lambda m, n=number: self._inline(m, n, where), line))
        return out

    def _emails(self, m: re.Match[str], number: int, where: str | None) -> str:
        """`{{ email }}` (or `<{{ email }}>`): each of the directorate's e-mails its own mailto
        link ("a veya b"); a directorate without one: the unknown token's message."""
        ctx = self.ext.context()
        emails = ctx.data.facts_on(ctx.edition).emails
        token = TOKEN.search(m.group(0))
        if not emails and token is not None:
            return self._inline(token, number, where)
        links = [f'<a href="mailto:{html.escape(e)}">{html.escape(e)}</a>' for e in emails]
        return self._inline_html(wording.join_or(links))

    def _inline(self, m: re.Match[str], number: int, where: str | None = None) -> str:
        name = m.group(1)
        ctx = self.ext.context()
        try:
            if name.startswith("cite:"):  # an inline citation: general information's sources
                ids = [i.strip() for i in name.removeprefix("cite:").split(",")]
                return self._inline_html(citations.cite_html(ctx.data, ids))
            value = ctx.inline(name)
        except facts.SiteError as exc:
            raise self.ext.fail(number, m.group(0), str(exc), where) from exc
        except eimza.EimzaError as exc:
            raise self.ext.fail(number, m.group(0), exc.message, where) from exc
        if value is None:
            known = ", ".join(sorted(ctx.values))
            raise self.ext.fail(
                number,
                m.group(0),
                "bilinmeyen belirteç (blok belirteçleri tek başına bir satırda olmalı). "
                f"Bilinen değerler: {known} (süzgeçler: |{', |'.join(FILTERS)}); değerler: "
                "total:DURUM:ROL, date:YYYY-AA-GG, cite:KAYNAK; bloklar: "
                f"{', '.join(BLOCKS)}",
                where,
            )
        if name.startswith("total:") and AMOUNT.fullmatch(value):
            # one unit with its number: "1.080,00 TL" never breaks inside (site.css)
            return f'<span class="eimza-amount">{self.values.put(value)}</span>'
        return self.values.put(value)


class LeftoverCheck(Postprocessor):
    """Stops the build if a value's placeholder survived (put where it could not be escaped)."""

    def __init__(self, md: Markdown, ext: TokenExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, text: str) -> str:
        found = escaping.leftover(text)
        if found:
            raise TokenError(
                f"E-İmza Rehberi: {self.ext.page or 'sayfa'}: bir veri değeri sayfada yerine konamadı "
                f"({found}); belirteci düz metne, bağlantıya veya koda taşıyın."
            )
        return text


class IncludeCheck(Preprocessor):
    """Runs before markdown-include: every `{!file!}` must exist (recursively)."""

    def __init__(self, md: Markdown, ext: TokenExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def _check(self, lines: list[str], where: str, seen: tuple[Path, ...]) -> None:
        base = Path(self.ext.include_base)
        for number, line in enumerate(lines, start=1):
            for m in INCLUDE.finditer(line):
                target = Path(os.path.expanduser(m.group(1)))
                if not target.is_absolute():
                    target = base / target
                if not target.is_file():
                    raise self.ext.fail(
                        number,
                        m.group(0),
                        f"eklenecek parça dosyası yok: {target} ({where})",
                    )
                if target.resolve() in seen:
                    raise self.ext.fail(number, m.group(0), f"döngüsel ekleme: {target}")
                text = target.read_text(encoding="utf-8").splitlines()
                self._check(text, str(target), (*seen, target.resolve()))

    def run(self, lines: list[str]) -> list[str]:
        self._check(lines, self.ext.page or "sayfa", ())
        return lines


class TokenError(PluginError):
    """Stops the build; MkDocs prints the message without a traceback."""


class TokenExtension(Extension):
    def __init__(self, context: Callable[[], Context], include_base: str) -> None:
        super().__init__()
        self.context = context
        self.include_base = include_base
        self.page: str | None = None

    def fail(self, line: int, token: str, message: str, where: str | None = None) -> TokenError:
        page = self.page or "sayfa"
        if where:  # a line of the directorate's own page text
            page = f"{page} ({where})"
        return TokenError(f"E-İmza Rehberi: {page}, satır {line}: {token}: {message}")

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(IncludeCheck(md, self), "eimza_include_check", INCLUDE_PRIORITY + 1)
        values = escaping.Values()
        md.preprocessors.register(TokenPreprocessor(md, self, values), "eimza_tokens", TOKEN_PRIORITY)
        md.treeprocessors.register(escaping.ValueTreeprocessor(md, values), "eimza_values", escaping.PRIORITY)
        md.postprocessors.register(LeftoverCheck(md, self), "eimza_leftover", 0)
