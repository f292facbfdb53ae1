"""Shared by the tests that drive the calculator or run the shipped Pyodide:
- `fill_case(page, case, person=False)`: fills the calculator form (Playwright) by its Turkish
  labels, as a reader would (labels in SITUATION_LABEL, ROLE_LABEL; the person NAME, SURNAME,
  TCKN);
- `expect_answer(page, case)`: the result region shows what the native engine says;
- `check_no_personal_data(page, guard)`: the person's data is in no request, URL, storage,
  cache or cookie;
- `run_parity(site, *args)`: scripts/parity.mjs's JSON for a built site (node is a
  prerequisite: `make setup-test`; its absence fails, it never skips)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route, expect

import eimza
from browser_guard import BrowserGuard

ROOT = Path(__file__).resolve().parent.parent

NAME, SURNAME, TCKN = "ilker", "çiftçi", "17291716060"
SITUATION_LABEL = {
    "first": "İlk başvuru",
    "renewal": "Yenileme",
    "expired": "Süresi dolmuş",
    "lost": "Kayıp veya çalıntı",
    "reader-only": "Yalnızca kart okuyucu",
}
ROLE_LABEL = {"family-doctor": "Aile hekimi", "staff": "Diğer sağlık çalışanı"}
NO_E_SIGNATURE = "E-imzalı veya e-onaylı başvuru yapamıyorum"
WITH_READER = "Kart okuyucu da gerekiyor"


def fill_case(page: Page, case: dict[str, Any], person: bool = False) -> None:
    """Fill the form for `case` (an eimza case: situation, role, date, options); with
    `person`, also the name, surname and T.C. Kimlik No."""
    form = page.locator("#eimza-form")
    form.get_by_label(SITUATION_LABEL[case["situation"]], exact=True).check()
    form.get_by_label(ROLE_LABEL[case["role"]], exact=True).check()
    if case["situation"] == "renewal":
        form.get_by_label(NO_E_SIGNATURE).set_checked(case.get("electronic") is False)
    if case["situation"] == "lost":
        form.get_by_label(WITH_READER).set_checked(bool(case.get("with_reader")))
    form.get_by_label("Ödeme tarihi").fill(case["date"])
    if person:
        form.get_by_label("Ad", exact=True).fill(NAME)
        form.get_by_label("Soyad", exact=True).fill(SURNAME)
        form.get_by_label("T.C. Kimlik No").fill(TCKN)


def hold(page: Page, pattern: str) -> list[Route]:
    """Requests matching the pattern wait until the test continues them."""
    held: list[Route] = []
    page.route(pattern, lambda route: held.append(route))
    return held


def release(page: Page, pattern: str, held: list[Route]) -> None:
    for route in held:
        route.continue_()
    page.unroute(pattern)


def wait_for(page: Page, what: list[Any], why: str = "") -> None:
    deadline = time.monotonic() + 60
    while not what and time.monotonic() < deadline:  # poll, no fixed wait
        page.wait_for_timeout(50)  # (Playwright dispatches the route handlers meanwhile)
    assert what, why


def result(page: Page) -> Any:
    return page.get_by_role("region", name="Sonuç")  # an ordinary region (issue 13), not a live one


def expect_answer(page: Page, case: dict[str, Any]) -> None:
    """The region shows exactly what the native engine says for this case."""
    region = result(page)
    try:
        q = eimza.quote(case)
    except eimza.EimzaError as err:
        expect(region.locator(f'[data-error="{err.code}"]')).to_be_visible()
        expect(region).to_contain_text(err.message.split("http")[0].strip()[:60])
        if err.code != "tariff-unknown":
            return
        # no amount for that date: the steps, account and description are still shown
        q = eimza.quote(case, require_amounts=False)
    expect(region.locator(".eimza-answer__title")).to_have_text(q["title"])
    steps = region.locator("ol.eimza-steps > li")
    expect(steps).to_have_count(len(q["steps"]))
    for i, step in enumerate(q["steps"]):
        expect(steps.nth(i)).to_have_text(step["text"])
    warnings = region.locator("[data-warning]")
    expect(warnings).to_have_count(len(q["warnings"]))
    for i, w in enumerate(q["warnings"]):
        expect(warnings.nth(i)).to_have_attribute("data-warning", w["code"])
    if q["payment"] is None:
        expect(region.locator("[data-total]")).to_have_count(0)
        return
    pay = q["payment"]
    if pay["total"] is None:
        expect(region.locator("[data-total]")).to_have_count(0)
        expect(region.locator(f'code[data-copy="{pay["iban"]}"]')).to_have_count(int("iban" in pay))
        return
    expect(region.locator("[data-total]")).to_have_attribute("data-total", pay["total"])
    expect(region.locator("[data-total]")).to_have_text(eimza.format_tl(pay["total"]))
    rows = region.locator("tr[data-item]")
    expect(rows).to_have_count(len(pay["items"]))
    for i, item in enumerate(pay["items"]):
        cells = [eimza.format_tl(item[k]) for k in ("net", "vat", "gross")]
        expect(rows.nth(i).locator("td")).to_have_text([cells[0], re.compile(re.escape(cells[1])), cells[2]])
        expect(rows.nth(i)).to_have_attribute("data-item", item["code"])
    if pay["payee"] == "directorate":
        expect(region.locator(f'code[data-copy="{pay["description"]}"]')).to_have_text(pay["description"])


def check_no_personal_data(page: Page, guard: BrowserGuard) -> None:
    secrets = [TCKN, NAME, SURNAME, "%C3%A7ift"]
    assert TCKN not in page.url and "ilker" not in page.url
    for req in guard.requests:
        blob = req.url + (req.post_data or "")
        for s in secrets:
            assert s.lower() not in blob.lower(), req.url
    stored = page.evaluate(
        """async () => {
          const out = [JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie];
          for (const name of await caches.keys()) {
            out.push(name);
            const cache = await caches.open(name);
            for (const req of await cache.keys()) out.push(req.url);
          }
          return out.join('\\n');
        }"""
    )
    cookies = json.dumps(page.context.cookies())
    for s in secrets:
        assert s.lower() not in stored.lower()
        assert s.lower() not in cookies.lower()


def run_parity(site: Path, *args: str, root: Path = ROOT, timeout: float = 300) -> dict[str, Any]:
    """`node <root>/scripts/parity.mjs SITE ARGS…` (options: --mode=both|plain|snapshot,
    --dates=D1,D2, --no-person, --instant=FILE); its JSON, or the test fails with its stderr."""
    assert shutil.which("node"), "node is missing: it is a prerequisite of the tests (make setup-test)"
    script = root / "scripts" / "parity.mjs"
    assert (root / "node_modules" / "pyodide").is_dir(), f"{root}/node_modules missing: run make setup-test"
    proc = subprocess.run(
        ["node", str(script), str(site), *args], cwd=root, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out: dict[str, Any] = json.loads(proc.stdout)
    return out
