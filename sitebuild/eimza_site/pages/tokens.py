"""The `{{ token }}` Markdown preprocessor: fills values and blocks from the engine's data.

Registered below markdown-include (priority 101) and normalize_whitespace (30), so tokens
inside included fragments are filled too. An unknown token, or a block token that is not
alone on its line, stops the build with a message naming the page and the line. A second
preprocessor, above markdown-include, checks every `{!file!}` include (recursively) and
stops the build when one is missing, instead of letting the line silently drop.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

import eimza
from eimza import editions, wording, wording_site
from eimza.checks import tel_href
from eimza.request import Identity, description

from ..publish import edition_tags
from . import escaping, facts, render

TOKEN = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
INCLUDE = re.compile(r"\{!\s*(.+?)\s*!\}")
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2} TL")  # "1.080,00 TL", as money.format_tl writes it
INCLUDE_PRIORITY = 101  # markdown_include's own
# Below markdown-include (fragments are filled too) and below normalize_whitespace (30),
# which strips the HTML stash's placeholder markers; above fenced code (25) and html_block (20).
TOKEN_PRIORITY = 28


# the worked example of the payment description: an invented person, and a number that is
# not a valid T.C. Kimlik No (its check digits fail), so it can be no one's
EXAMPLE_PERSON = Identity("Ayşe", "Yılmaz", "12345678901")


class Context:
    """Everything a page may ask for, computed once per build."""

    def __init__(self, choice: facts.Choice) -> None:
        self.choice = choice
        self.data = data = choice.data
        self.edition = edition = choice.edition
        d, k = data.facts_on(edition), data.kamusm
        current = data.tariff_for(edition)
        latest = data.latest_known(edition)
        source, letter, lost = facts.procedure_source(data), facts.letter(data), facts.lost_changed(data)
        values: dict[str, str | None] = {
            "iban": d.iban,
            "iban_grouped": eimza.group_iban(d.iban) if d.iban else None,
            "email": wording.join_or(d.emails) if d.emails else None,
            "bank": d.bank,
            "account_holder": d.account_holder,
            "description": d.description,
            "directorate": d.name,
            "unit": d.unit,
            "url.portal": k.portal,
            "url.online": k.online,
            "url.sanalpos": k.sanalpos,
            "url.reader": k.reader,
            "url.tariff": k.tariff,
            "phone": k.phone,
            "years": str(k.certificate_years),
            "letter.authority": letter.issuer if letter else None,
            "letter.date": facts.date_long(letter.date) if letter else None,
            "letter.number": letter.number if letter else None,
            "lost.changed": facts.date_long(lost) if lost else None,
            "source.title": source.title,
            "source.date": facts.date_long(source.date) if source.date else None,
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
            "description.example": description(d.description, EXAMPLE_PERSON) if d.description else None,
        }
        # a fact the directorate's files do not give is no token (a page naming it stops the build)
        self.values: dict[str, str] = {name: v for name, v in values.items() if v is not None}
        self.current_known = bool(current.amounts_known)
        self.current = current
        self.latest = latest

    def inline(self, name: str) -> str | None:
        if name in self.values:
            return self.values[name]
        parts = name.split(":")
        if parts[0] == "total" and len(parts) == 3:
            ans = facts.answer(self.data, parts[1], parts[2], self.edition)
            if ans.error is not None:  # never another date's amount in its place
                return "bu sitede henüz yok"
            return facts.total(ans.quote) or "kişisel ödeme yok"
        if parts[0] == "date" and len(parts) == 2:
            return facts.date_long(dt.date.fromisoformat(parts[1]))
        return None

    def price_updates(self) -> list[str]:
        """Periods whose start date is certain (not assumed): the announced updates."""
        lines = [
            f"- {facts.date_long(p.start)} tarihinden itibaren fiyat listesi güncellenmiştir"
            + ("." if p.amounts_known else " (tutarlar bu sitede yok).")
            for p in self.data.tariffs
            if not p.start_assumed
        ]
        return ["", *lines, ""]

    def unknown(self) -> eimza.EimzaError | None:
        """The engine's unknown-amount error for the edition date, when the tariff period's
        amounts are not in the data (the same message for every case that pays)."""
        if self.current_known:
            return None
        for key, _fields, _title in facts.CASES:
            for role in facts.ROLES:
                error = facts.answer(self.data, key, role, self.edition).error
                if error is not None:
                    return error
        return None

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

    def _answer(self, ans: facts.Answer, level: int) -> list[str]:
        """A static answer; the unknown-amount message is left out when this page's notice
        has already said it (once per page, not once per answer)."""
        said = ans.error is not None and ans.error.message == self.said_above
        return self._stash(render.answer_block(ans, heading_level=level, with_error=not said))

    def block(self, name: str) -> list[str] | None:
        ctx = self.ext.context()
        parts = name.split(":")
        if name == "table:tariffs":
            return self._stash(render.tariff_table(ctx.data))
        if name == "chart:nes":
            return self._stash(render.nes_chart(ctx.data, ctx.edition))
        if name == "diagram:decision":
            return render.decision_diagram()
        if name == "changelog":
            return render.changelog(ctx.data, text=self.values.put)
        if name == "editions":
            eds = ctx.choice.editions
            own = edition_tags.states_for_build(ctx.choice.files.directorate, [e.date for e in eds])
            this = ctx.edition if ctx.choice.published else None
            return editions.edition_markdown(eds, ctx.data, own, this=this, text=self.values.put)
        if name == "notice:tariff":
            error = ctx.unknown()
            self.said_above = error.message if error is not None else None
            link = self.ext.page != "ucret-tarifesi.md"  # not a link to the page itself
            return ctx.tariff_notice(text=self.values.put, stash=self.md.htmlStash.store, history_link=link)
        if name == "list:price-updates":
            return ctx.price_updates()
        if parts[0] == "answer" and len(parts) in (3, 4):  # answer:CASE:ROLE[:HEADING LEVEL]
            ans = facts.answer(ctx.data, parts[1], parts[2], ctx.edition)
            level = int(parts[3]) if len(parts) == 4 and parts[3] in ("2", "3", "4", "5") else 4
            return self._answer(ans, level)
        if name == "answers:all":
            lines: list[str] = []
            for key, _fields, title in facts.CASES:
                lines += [f"### {title}", ""]
                for role, role_name in facts.ROLES.items():
                    ans = facts.answer(ctx.data, key, role, ctx.edition)
                    lines += [f"#### {title}: {role_name.lower()}", ""]
                    lines += self._answer(ans, 5)
            return lines
        return None

    def run(self, lines: list[str]) -> list[str]:
        self.said_above = None
        out: list[str] = []
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            whole = TOKEN.fullmatch(stripped)
            if whole:
                try:
                    lines_out = self.block(whole.group(1))
                except facts.SiteError as exc:
                    raise self.ext.fail(number, whole.group(0), str(exc)) from exc
                except eimza.EimzaError as exc:  # e.g. amount-too-large in a table
                    raise self.ext.fail(number, whole.group(0), exc.message) from exc
                if lines_out is not None:
                    indent = line[: len(line) - len(line.lstrip())]
                    out.extend(indent + x if x else x for x in lines_out)
                    continue
            out.append(TOKEN.sub(lambda m, n=number: self._inline(m, n), line))
        return out

    def _inline(self, m: re.Match[str], number: int) -> str:
        name = m.group(1)
        try:
            value = self.ext.context().inline(name)
        except facts.SiteError as exc:
            raise self.ext.fail(number, m.group(0), str(exc)) from exc
        except eimza.EimzaError as exc:
            raise self.ext.fail(number, m.group(0), exc.message) from exc
        if value is None:
            known = ", ".join(sorted(self.ext.context().values))
            raise self.ext.fail(
                number,
                m.group(0),
                "bilinmeyen belirteç (blok belirteçleri tek başına bir satırda olmalı). "
                f"Bilinen değerler: {known}; bloklar: table:tariffs, chart:nes, "
                "diagram:decision, changelog, editions, notice:tariff, list:price-updates, answers:all, "
                "answer:DURUM:ROL, total:DURUM:ROL",
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

    def fail(self, line: int, token: str, message: str) -> TokenError:
        return TokenError(f"E-İmza Rehberi: {self.page or 'sayfa'}, satır {line}: {token}: {message}")

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(IncludeCheck(md, self), "eimza_include_check", INCLUDE_PRIORITY + 1)
        values = escaping.Values()
        md.preprocessors.register(TokenPreprocessor(md, self, values), "eimza_tokens", TOKEN_PRIORITY)
        md.treeprocessors.register(escaping.ValueTreeprocessor(md, values), "eimza_values", escaping.PRIORITY)
        md.postprocessors.register(LeftoverCheck(md, self), "eimza_leftover", 0)
