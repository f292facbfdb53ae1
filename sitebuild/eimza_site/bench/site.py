"""The site the bench measures: a fresh build in a temporary folder, two baselines added to it
(a bare Pyodide page; the bare swap page: the calculator page of the same build that swaps in
the engine's answer HTML on the same form changes), the project's own server counting the
bytes it sends, and the cases the scenarios use (chosen from the build's own instant table and
the engine, never typed here)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eimza_site.bench import probe
from eimza_site.preview import serve

ROOT = Path(__file__).resolve().parents[3]
CALC = "ucret-hesaplama/"
BARE = "_bench/bare.html"
# Pyodide on the main thread, one line of Python: what a page that just loads Pyodide costs.
BARE_HTML = """<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>Yalın Pyodide</title>
<link rel="icon" href="data:,"></head>
<body><p id="out">…</p>
<script type="module">
import { loadPyodide } from "../assets/pyodide/%s/pyodide.mjs";
const pyodide = await loadPyodide();
document.getElementById("out").textContent = pyodide.runPython("str(6 * 7)");
</script></body></html>
"""
PYTHON_FILES = ("/assets/pyodide/", "/worker-", "/snapshot-", ".whl")
SWAP = "_bench-swap/"  # as deep as the calculator page: its relative links hold
SWAP_SCRIPT = "_bench/swap.mjs"
# the person a reader types (a valid T.C. Kimlik No: the engine writes the description)
PERSON = {"name": "Ayşe", "surname": "Yılmaz", "tckn": "17291716060"}


def build(dest: Path, edition: str | None) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if edition:
        env["EIMZA_EDITION"] = edition
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)]
    subprocess.run(cmd, cwd=ROOT, check=True, env=env)
    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]
    (dest / BARE).parent.mkdir(parents=True, exist_ok=True)
    (dest / BARE).write_text(BARE_HTML % version, "utf-8")
    (dest / SWAP_SCRIPT).write_text(probe.SWAP_MJS, "utf-8")


_BOOT = re.compile(r"<script(?: data-eimza-blob)?>(?:(?!</script>).)*__eimzaNewWorker.*?</script>", re.S)
_MODULE = re.compile(
    r'<(?:script type="module" src|link rel="modulepreload" href)="[^"]*/calculator-[0-9a-f]+\.mjs"'
    r'(?: integrity="[^"]*")?>'
    r"(?:</script>)?"
)


def swap_page(site: Path, answers: list[dict[str, str]]) -> None:
    """The bare swap page: the calculator page without the calculator's scripts (no boot
    script, no module, so no worker), with the answers in a data block and SWAP_MJS."""
    html = (site / CALC / "index.html").read_text("utf-8")
    html, n_boot = _BOOT.subn("", html, count=1)
    html, n_module = _MODULE.subn("", html)
    if n_boot != 1 or n_module != 2:
        raise SystemExit(f"bench: the calculator page's scripts were not found ({n_boot}, {n_module})")
    block = json.dumps(answers, ensure_ascii=False).replace("</", "<\\/")
    tail = (
        f'<script type="application/json" id="bench-swap">{block}</script>'
        f'<script type="module" src="../{SWAP_SCRIPT}"></script></body>'
    )
    (site / SWAP).mkdir(parents=True, exist_ok=True)
    (site / SWAP / "index.html").write_text(html.replace("</body>", tail, 1), "utf-8")


class Counter:
    """Bodies as sent (compressed when compressed), with the path that asked for them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []

    def add(self, path: str, n: int) -> None:
        with self.lock:
            self.sent.append((path, n))

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            out, self.sent = self.sent, []
        return out


def total(sent: list[tuple[str, int]]) -> int:
    return sum(n for _, n in sent)


def python_bytes(sent: list[tuple[str, int]]) -> int:
    return sum(n for p, n in sent if any(s in p for s in PYTHON_FILES))


def start_server(site: Path, counter: Counter) -> tuple[Any, str]:
    class CountingHandler(serve.Handler):
        root = site

        def send_header(self, keyword: str, value: str) -> None:
            if keyword.lower() == "content-length" and self.command == "GET":
                counter.add(self.path, int(value))
            super().send_header(keyword, value)

    srv = serve.make_server(site, "127.0.0.1", 0)
    srv.RequestHandlerClass = CountingHandler
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}/"


def page_table(site: Path) -> dict[str, list[dict[str, Any]]]:
    html = (site / CALC / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="eimza-instant">(.*?)</script>', html, re.S)
    return json.loads(m.group(1)) if m else {}


def instant_for(site: Path, case: dict[str, Any], day: dt.date) -> bool:
    """Whether the page answers this case on this day from its instant table."""
    from eimza import instant

    return instant.lookup(page_table(site), {**case, "date": day.isoformat()}) is not None


def link(case: dict[str, Any], day: str, data: Any = None) -> str:
    """calculator.mjs's hash for a case (caseToHash): each option whose box the case ticks by
    its link name (the data's options)."""
    from eimza import load_data

    data = data or load_data()
    h = f"durum={case['situation']}&gorev={case['role']}&tarih={day}"
    for o in data.options_of(case["situation"]):
        if case.get(o.id) == o.form_checked_means:
            h += f"&{o.link_name}=1"
    return f"{CALC}#{h}"


def form_case(situation: str, role: str, data: Any = None) -> dict[str, Any]:
    """The case calculator.mjs's readCase posts with the options' boxes unticked."""
    from eimza import load_data

    data = data or load_data()
    c: dict[str, Any] = {"situation": situation, "role": role}
    for o in data.options_of(situation):
        c[o.id] = not o.form_checked_means
    return c


@dataclass
class Plan:
    """The cases the scenarios use: a shared link the page answers instantly, and a case and
    date outside every instant interval (the worker must answer) with a priced answer."""

    edition: str
    instant_link: str | None
    worker_link: str
    steps: list[tuple[str, str]]  # form changes after ready: (input name or "date", value)
    answers: list[dict[str, str]]  # the engine's answer (head, HTML) before the steps and after each
    inline: list[str]  # the calculator page's own inline scripts (probe.inline_scripts)


def plan(site: Path, day: dt.date, n_steps: int) -> Plan:
    import eimza
    from eimza import instant, load_data

    data = load_data()
    table = page_table(site)
    edition = day.isoformat()
    # the shared link: the first form case the page answers at once, the first role's first
    first_role = data.roles[0].id
    cases = sorted(instant.form_cases(data), key=lambda c: c["role"] != first_role)
    inst = next((c for c in cases if table.get(instant.case_key(c))), None)
    full = instant.table(data)

    def answers(case: dict[str, Any], day: str) -> bool:  # the engine prices it (no error)
        try:
            eimza.quote({**case, "date": day}, data)
        except eimza.EimzaError:
            return False
        return True

    chosen: tuple[dict[str, Any], str] | None = None
    # a family doctor's first application if the page must ask the worker for it, else the next
    # situation (a directorate's first application may be an unknown answer, one interval)
    for role, situation in ((r.id, s.id) for r in data.roles for s in data.situations):
        case = form_case(situation, role, data)
        spans = sorted(full[instant.case_key(case)], key=lambda i: i["to"], reverse=True)
        for i in spans:
            lo, hi = dt.date.fromisoformat(max(i["from"], "2019-01-01")), dt.date.fromisoformat(i["to"])
            if hi < lo:
                continue
            day = (lo + (min(hi, dt.date(2099, 1, 1)) - lo) / 2).isoformat()
            if instant.lookup(table, {**case, "date": day}) is None and answers(case, day):
                chosen = (case, day)
                break
        if chosen:
            break
    if chosen is None:
        raise SystemExit("bench: no priced date outside the instant intervals (the worker's answer)")
    case, day = chosen
    html = (site / CALC / "index.html").read_text(encoding="utf-8")
    changes = steps(case, day, edition, n_steps, data)
    return Plan(
        edition=edition,
        instant_link=link(inst, edition, data) if inst else None,
        worker_link=link(case, day, data),
        steps=changes,
        answers=answer_html(case, day, changes, data),
        inline=probe.inline_scripts(html),
    )


def answer_html(
    start: dict[str, Any], day: str, changes: list[tuple[str, str]], data: Any
) -> list[dict[str, str]]:
    """The worker's answer (eimza.web.handle, no person) for the form before the changes and
    after each: its head (the date in words, another day's notice) and its HTML, both of which
    the page shows. The reader's today is the link's day, as the scenarios set it (LINK_DAY)."""
    from eimza.web import handle

    state = {"situation": start["situation"], "role": start["role"], "date": day}
    out = []
    for kind, value in [("", ""), *changes]:
        if kind:
            state = {**state, kind: value}
        c = {**form_case(state["situation"], state["role"], data), "date": state["date"]}
        message = json.dumps(
            {"case": c, "person": {"name": "", "surname": "", "tckn": ""}, "today": day}, ensure_ascii=False
        )
        answer = json.loads(handle(message, data))["answer"]
        out.append({"head": str(answer.get("head", "")), "html": str(answer["html"])})
    return out


def steps(start: dict[str, Any], out_day: str, in_day: str, n: int, data: Any) -> list[tuple[str, str]]:
    """n form changes, one input each, cycling role / date / situation, each changing the
    engine's answer (checked here with eimza.instant.shown, the worker's own text)."""
    from eimza import instant

    situations = [s.id for s in data.situations]
    roles = [r.id for r in data.roles]
    state = {"situation": start["situation"], "role": start["role"], "date": out_day}

    def text(s: dict[str, str]) -> Any:
        case = form_case(s["situation"], s["role"], data)
        return instant.shown(case, dt.date.fromisoformat(s["date"]), data)

    out: list[tuple[str, str]] = []
    kinds = ["role", "date", "situation"]
    i = 0
    while len(out) < n and i < 10 * n:
        kind = kinds[i % 3]
        i += 1
        if kind == "role":
            value = roles[(roles.index(state["role"]) + 1) % len(roles)]
        elif kind == "date":
            value = in_day if state["date"] == out_day else out_day
        else:
            value = situations[(situations.index(state["situation"]) + 1) % len(situations)]
        new = {**state, kind: value}
        if text(new) != text(state):
            out.append((kind, value))
            state = new
    return out
