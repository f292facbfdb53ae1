"""Rendering: render_html is well-formed HTML for every case of the parity table; text and HTML
show what the quote says; eimza.web.answer wraps both."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from eimza import EimzaError, render_error_html, render_html, render_text
from eimza import quote as engine_quote
from eimza.cases import for_data
from eimza.web import answer as engine_answer
from engine_facts import fixture_il, known_days, pre_data_day, with_shipped_national

DATA = with_shipped_national()  # the fixture directorate with the shipped tariff
CASES = for_data(DATA)
FACTS = fixture_il()["facts"][0]
IBAN_GROUPED = " ".join(FACTS["iban"].replace(" ", "")[i : i + 4] for i in range(0, 26, 4))
TARIFF_PAGE = DATA.kamusm.tariff


def quote(case: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    return engine_quote(case, DATA, **kwargs)


def answer(case_json: str) -> str:
    return engine_answer(case_json, DATA)


PRE_DATA = pre_data_day().isoformat()  # no tariff before the data starts
# the day after the newest verification: its amounts come with the tariff-unverified warning
AFTER_VERIFIED = (max(day for day, _ in known_days()) + dt.timedelta(days=1)).isoformat()

VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}
PHRASING_ONLY = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "a", "code", "dt", "caption", "th", "td"}
BLOCK = {
    "p",
    "ol",
    "ul",
    "li",
    "table",
    "section",
    "article",
    "div",
    "dl",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
CONTENT_OF = {  # elements whose children are restricted
    "ol": {"li"},
    "ul": {"li"},
    "dl": {"dt", "dd"},
    "table": {"caption", "thead", "tbody"},
    "thead": {"tr"},
    "tbody": {"tr"},
    "tr": {"th", "td"},
}


class Checker(HTMLParser):
    """Strict enough for a fragment: balanced tags, valid nesting, unique ids, safe links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack:
            parent = self.stack[-1]
            if parent in CONTENT_OF and tag not in CONTENT_OF[parent]:
                self.errors.append(f"<{tag}> inside <{parent}>")
            if parent in PHRASING_ONLY and tag in BLOCK:
                self.errors.append(f"block <{tag}> inside <{parent}>")
            if tag == "a" and "a" in self.stack:
                self.errors.append("nested <a>")
        names = [n for n, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append(f"duplicate attribute in <{tag}>")
        for name, value in attrs:
            if value is None:
                self.errors.append(f"attribute without value: {name}")
            if name == "id":
                if value in self.ids:
                    self.errors.append(f"duplicate id {value}")
                self.ids.add(value or "")
            if name == "href":
                self.hrefs.append(value or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(html: str) -> Checker:
    c = Checker()
    c.feed(html)
    c.close()
    assert not c.errors, c.errors
    assert not c.stack, f"unclosed: {c.stack}"
    assert all(h.startswith(("https://", "http://", "mailto:", "tel:")) for h in c.hrefs), c.hrefs
    return c


def _answers() -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for case in CASES:
        try:
            out.append(("quote", quote(case)))
        except EimzaError as err:
            out.append(("error", err))
    return out


ANSWERS = _answers()


@pytest.mark.parametrize("level", [1, 2, 3, 5])
def test_render_html_is_well_formed_for_every_case(level: int) -> None:
    for kind, a in ANSWERS:
        html = render_html(a, heading_level=level) if kind == "quote" else render_error_html(a)
        check_html(html)
    assert {k for k, _ in ANSWERS} == {"quote", "error"}


def test_html_and_text_say_what_the_quote_says() -> None:
    q = quote({"situation": "first", "role": "family-doctor", "date": "2024-03-12", "name": "ilker",
               "surname": "çiftçi", "tckn": "17291716060"})  # fmt: skip
    c = check_html(render_html(q))
    text = " ".join(c.text)
    for shown in ("1.080,00 TL", "780,00 TL", "300,00 TL", "130,00 TL", "%20", IBAN_GROUPED,
                  q["payment"]["description"], FACTS["branch"], *FACTS["emails"]):  # fmt: skip
        assert shown in text
        assert shown in render_text(q)
    assert "İLKER" in q["payment"]["description"]
    assert [f"mailto:{e}" for e in FACTS["emails"]] == [h for h in c.hrefs if h.startswith("mailto:")][:2]
    assert DATA.kamusm.portal in c.hrefs


def test_html_escapes_what_it_shows() -> None:
    q = quote({"situation": "first", "role": "family-doctor", "date": "2024-03-12"})
    q["title"] = "<script>alert(1)</script>"
    html = render_html(q)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_error_html_links_the_tariff_page() -> None:
    with pytest.raises(EimzaError) as err:
        quote({"situation": "first", "role": "family-doctor", "date": PRE_DATA})
    c = check_html(render_error_html(err.value))
    # the ways to learn the fee: the tariff page, the call centre, the unit's e-mails
    phone = "tel:" + DATA.kamusm.phone.replace(" ", "")
    assert c.hrefs == [TARIFF_PAGE, phone, *(f"mailto:{e}" for e in FACTS["emails"])]
    assert "Eski tutarları yatırmayın." in " ".join(c.text)


def test_warning_links_are_links() -> None:
    q = quote({"situation": "renewal", "role": "family-doctor", "date": AFTER_VERIFIED})
    assert "tariff-unverified" in [w["code"] for w in q["warnings"]]
    assert TARIFF_PAGE in check_html(render_html(q)).hrefs


def test_web_answer_shapes() -> None:
    ok = json.loads(answer(json.dumps({"situation": "first", "role": "family-doctor", "date": "2024-03-12"})))
    assert ok["ok"] is True and ok["quote"]["payment"]["total"] == "1080.00"
    # the calculator page puts the answer under its own "Sonuç" h2: the answer starts at h3
    assert ok["html"] == render_html(ok["quote"], heading_level=3)
    assert re.search(r"<h3 class=\"eimza-answer__title\">", ok["html"])
    bad = json.loads(answer(json.dumps({"situation": "moved", "role": "staff"})))
    assert bad["ok"] is False and bad["error"]["code"] == "situation-unknown"
    check_html(bad["html"])
    unknown = json.loads(
        answer(json.dumps({"situation": "first", "role": "family-doctor", "date": PRE_DATA}))
    )
    assert unknown["error"]["code"] == "tariff-unknown" and unknown["error"]["link"] == TARIFF_PAGE


def _ids_and_refs(html: str) -> tuple[list[str], list[str]]:
    ids = re.findall(r'\bid="([^"]+)"', html)
    refs = [r for v in re.findall(r'\baria-(?:labelledby|describedby)="([^"]+)"', html) for r in v.split()]
    return ids, refs


def test_id_prefix_lets_answers_share_a_page() -> None:
    priced = [c for c in CASES if json.loads(answer(json.dumps(c)))["ok"]]
    case = next(c for c in priced if quote(c)["payment"] is not None)
    q = quote(case)
    plain_ids, plain_refs = _ids_and_refs(render_html(q))
    assert plain_ids and set(plain_refs) <= set(plain_ids)
    a_ids, a_refs = _ids_and_refs(render_html(q, id_prefix="a"))
    b_ids, b_refs = _ids_and_refs(render_html(q, id_prefix="b"))
    # every id (and every reference to it) moves under its prefix; none is shared
    assert a_ids == [f"a-{i}" for i in plain_ids] and b_ids == [f"b-{i}" for i in plain_ids]
    assert set(a_refs) <= set(a_ids) and set(b_refs) <= set(b_ids)
    assert not set(a_ids) & set(b_ids)


def test_payment_to_the_directorate_comes_before_the_steps() -> None:
    """A family doctor looks for the amount, IBAN and description first (issue 13: phone
    screens); a lost card's answer starts with its steps (revoke the certificate first)."""
    payees = set()
    for q in (a for kind, a in ANSWERS if kind == "quote"):
        html = render_html(q)
        if q["payment"] is None:
            assert 'class="eimza-payment"' not in html
            continue
        payees.add(q["payment"]["payee"])
        payment, steps = html.index('class="eimza-payment"'), html.index('class="eimza-steps"')
        if q["payment"]["payee"] == "directorate":
            assert payment < steps and "Ödeme başvurudan sonra yapılır" in html, q["title"]
        else:
            assert steps < payment and "Ödeme başvurudan sonra yapılır" not in html, q["title"]
    assert payees == {"directorate", "kamusm"}


def test_an_unknown_procedure_and_an_unknown_payment_render() -> None:
    unknown = quote({"situation": "reader-only", "role": "staff", "date": "2024-03-12"})
    c = check_html(render_html(unknown))
    assert unknown["unknown"]["text"] in "".join(c.text) and "Adımlar" not in c.text
    assert render_text(unknown).endswith(unknown["unknown"]["text"])
    payment = quote({"situation": "renewal", "role": "staff", "date": "2024-03-12"})
    c = check_html(render_html(payment))
    assert payment["no_payment_reason"] in "".join(c.text)
    assert [h for h in c.hrefs if h.startswith("mailto:")] == payment["no_payment_links"]


def test_the_text_answer_states_its_date_in_words() -> None:
    q = engine_quote({"situation": "first", "role": "staff", "date": "2024-03-12"}, DATA)
    assert render_text(q).splitlines()[1] == "Ödeme tarihi: 12 Mart 2024"
