"""What runs is what was checked, and a bad offline copy heals (issue 25, items 2 and 3), in
Chromium (Playwright), Firefox ESR and WebKitGTK (tests/engines.py).

- A script served patched (engines.PATCH: in a worker it turns every IBAN the worker posts into
  "TR99…"; on a page it marks the page) never gets to answer: pyodide.asm.mjs patched for every
  request after the first (a host without a cache: only a second request would bring it) gives
  the right answer, since the worker runs the bytes it checked; the worker's script or the
  page's script patched for every request ends in the Turkish failure message (the page's
  script refused by its integrity attribute, the worker's by the boot script's check).
- Corrupted entries of the offline copy (same length, other bytes), after the runtime was kept:
  on the snapshot path the snapshot, the .wasm and the worker's script; in a build without a
  snapshot (the editors' preview) the standard library and the wheel. The next online visit
  answers right, and the copy holds the build's bytes again. Corrupted while the network is
  away (the worker's script, the .wasm, the snapshot): the failure message; online again,
  "Yeniden dene" answers right, and the copy holds the build's bytes again.
Expected answers come from the native engine."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import eimza
from engine_facts import known_days
from engines import Engine, ProbeServer, open_engine
from instant_helpers import inside, link, outside
from site_trees import preview_tree

pytestmark = pytest.mark.browser

CALC = "document.getElementById('eimza-calc')"
RESULT = "document.getElementById('eimza-result')"
FAILED = "Hesaplayıcı bu tarayıcıda çalıştırılamadı"
KEPT = "Hesaplayıcı bu cihaza indirildi: bağlantı olmadan da çalışır."
# a family doctor's first application on a priced day (chosen from the data): paid to the
# directorate, so the answer shows its IBAN
CASE = {
    "situation": "first",
    "role": "family-doctor",
    "date": max(day for day, _ in known_days()).isoformat(),
}
PERSON = {"name": "Ayşe", "surname": "Çağlar", "tckn": "17291716060"}
QUOTE = eimza.quote({**CASE, **PERSON})
IBAN = QUOTE["payment"]["iban"]

# (URL pattern, fault of engines.ProbeServer)
PATCHED = {
    "asm-later": (r"/pyodide\.asm\.mjs$", "patched-later"),
    "worker": (r"/worker-[0-9a-f]+\.mjs$", "patched"),
    "page-script": (r"/calculator-[0-9a-f]+\.mjs$", "patched"),
}
_WORKER_SAYS = r"^warning: (\(worker\) )?eimza calculator: \S+"
# what each fault makes the page report on purpose: (pattern, required)
PATCH_REPORTS: dict[str, list[tuple[str, bool]]] = {
    # the offline copy refuses to keep the patched copy (a service worker's console: the
    # drivers may or may not show it)
    "asm-later": [(r"eimza sw: \S+/pyodide\.asm\.mjs: not the build's bytes", False)],
    "worker": [
        (_WORKER_SAYS + r"/worker-[0-9a-f]+\.mjs: digest mismatch, fetching it again past the cache$", True),
        (r"^warning: eimza calculator: Error: \S+/worker-[0-9a-f]+\.mjs: digest mismatch \(twice", True),
    ],
    "page-script": [
        (r"^resource: SCRIPT \S+/calculator-[0-9a-f]+\.mjs$", True),
        (r"^resource: LINK \S+/calculator-[0-9a-f]+\.mjs$", False),
        # Chromium's and Firefox's own words for a refused integrity
        (
            r"^error: Failed to find a valid digest in the 'integrity' attribute"
            r" for resource '\S+/calculator-",
            False,
        ),
        (
            r"^pageerror: None of the “sha256” hashes in the integrity attribute match the content of the"
            r" subresource at “\S+/calculator-[0-9a-f]+\.mjs”",
            False,
        ),
    ],
}

# the copy's entries corrupted (patterns on its paths: the page's script is one of the pages'
# files, which the service worker checks itself), and the path the calculator boots on
HEAL = {
    "snapshot": (
        [
            r"/snapshot-[0-9a-f]+\.bin$",
            r"/pyodide\.asm\.wasm$",
            r"/worker-[0-9a-f]+\.mjs$",
            r"/calculator-[0-9a-f]+\.mjs$",
        ],
        "snapshot",
    ),
    "plain": ([r"/python_stdlib\.zip$", r"\.whl$"], "plain"),
}
_MISMATCH = r": digest mismatch, fetching it again past the cache$"
_SNAPSHOT_REFETCHED = r"^warning: eimza calculator: snapshot unusable, fetching it again past the cache: "
# the service worker's own report (its console: the drivers may or may not show it)
_SW_SAYS = (r"eimza sw: \S+: the offline copy's bytes differ from the build's; fetched again", False)
HEAL_REPORTS: dict[str, list[tuple[str, bool]]] = {
    "snapshot": [
        (_WORKER_SAYS + r"/worker-[0-9a-f]+\.mjs" + _MISMATCH, True),
        (_WORKER_SAYS + r"/pyodide\.asm\.wasm" + _MISMATCH, True),
        (_SNAPSHOT_REFETCHED + r".*snapshot: digest mismatch", True),
        _SW_SAYS,
    ],
    "plain": [
        (_WORKER_SAYS + r"/python_stdlib\.zip" + _MISMATCH, True),
        (_WORKER_SAYS + r"\.whl" + _MISMATCH, True),
    ],
}


@pytest.fixture(scope="module", params=["chromium", "firefox", "webkit"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    yield from open_engine(request)


@pytest.fixture(scope="module")
def trees(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The session build (a snapshot) and the editors' preview (none: the plain path keeps the
    standard library and the wheel)."""
    preview = preview_tree(tmp_path_factory.mktemp("preview") / "kok")
    return {"snapshot": site_dir, "plain": preview}


@pytest.fixture(scope="module")
def servers(trees: dict[str, Path]) -> Iterator[dict[str, ProbeServer]]:
    """One server (an origin: its own HTTP cache, service worker and copy) per test."""
    made = {f"patched-{fault}": ProbeServer(trees["snapshot"]) for fault in PATCHED}
    made["heal-snapshot"] = ProbeServer(trees["snapshot"])
    made["heal-plain"] = ProbeServer(trees["plain"], fallback="onizleme")
    made["heal-retry"] = ProbeServer(trees["snapshot"])
    yield made
    for srv in made.values():
        srv.close()


def settled(engine: Engine, promise: str, timeout: float = 60.0) -> Any:
    """The value of an async expression in the page (WebKit's driver does not wait for a
    promise: it is started, and its outcome polled)."""
    engine.run(
        f"(window.__settled = null, Promise.resolve({promise}).then("
        "(value) => { window.__settled = { value }; },"
        " (err) => { window.__settled = { error: String(err) }; }), true)"
    )
    out = engine.wait_for("window.__settled", timeout)
    assert "error" not in out, out
    return out.get("value")


def python_ready(engine: Engine, mode: str) -> None:
    """Start Python as a reader would (focus on Ad) and wait until it is ready on `mode`."""
    engine.run("(document.getElementById('eimza-name').focus(), true)")
    state = engine.wait_for(
        f"!['idle', 'loading'].includes({CALC}.dataset.state) && {CALC}.dataset.state", 90
    )
    assert state == "ready", state
    assert engine.run(f"{CALC}.dataset.mode") == mode


TYPE_PERSON = """(person => {
  const form = document.getElementById("eimza-form");
  for (const [name, value] of Object.entries(person)) {
    const field = form.elements.namedItem(name);
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return true;
})"""


def right_answer(engine: Engine) -> None:
    """With the person typed, the worker writes the description; the IBAN is the data's."""
    engine.run(f"{TYPE_PERSON}({json.dumps(PERSON, ensure_ascii=False)})")
    description = json.dumps(QUOTE["payment"]["description"], ensure_ascii=False)
    engine.wait_for(
        f"{CALC}.dataset.answer === 'worker'"
        " && [...document.querySelectorAll('#eimza-result code[data-copy]')]"
        f".some(c => c.textContent === {description})",
        timeout=60,
    )
    assert engine.run(f"!!document.querySelector('#eimza-result code[data-copy=\"{IBAN}\"]')")


# Firefox reports a load cut short (a page left while its search index or offline copy still
# loads, the previous test's too: these tests move on quickly) as a page error of its own
CUT_SHORT = (r"^pageerror: NS_BINDING_ABORTED$", False)


def reports(engine: Engine, allowed: list[tuple[str, bool]]) -> list[str]:
    """What the page reported beyond `allowed` (pattern, required), and each required
    pattern that never came."""
    allowed = [*allowed, CUT_SHORT]
    seen = engine.probe()
    out = [p for p in seen if not any(re.search(pattern, p) for pattern, _ in allowed)]
    out += [
        f"never reported: {pattern}"
        for pattern, required in allowed
        if required and not any(re.search(pattern, p) for p in seen)
    ]
    return out


@pytest.mark.parametrize("fault", list(PATCHED))
def test_a_patched_script_never_answers(
    engine: Engine, servers: dict[str, ProbeServer], site_dir: Path, fault: str
) -> None:
    assert not IBAN.startswith("TR99")  # the patch's mark must differ from the data's IBAN
    srv = servers[f"patched-{fault}"]
    pattern, kind = PATCHED[fault]
    srv.set_fault(pattern, kind)
    try:
        if fault == "asm-later":
            engine.goto(link(srv.url, CASE))
            python_ready(engine, "snapshot")
            right_answer(engine)
            assert [path for path, _ in srv.answers if re.search(pattern, path)]
        else:
            engine.goto(link(srv.url, outside(site_dir)))  # Python needed at once
            engine.wait_for(
                f"{CALC}.dataset.state === 'failed' && {RESULT}.textContent.includes({json.dumps(FAILED)})",
                60,
            )
        assert not engine.run("document.body.textContent.includes('TR99') || !!window.__eimzaPatched")
    finally:
        srv.set_fault(pattern, None)
    problems = reports(engine, PATCH_REPORTS[fault]) + [
        p for p in srv.failed() if not (fault == "page-script" and p.endswith(".mjs"))
    ]
    assert not problems, "\n".join(problems)


CORRUPT = """(async (urls) => {
  const name = (await caches.keys()).find((n) => n.startsWith("eimza-calculator-"));
  const cache = await caches.open(name);
  for (const url of urls) {
    const hit = await cache.match(url);
    if (!hit) throw new Error("not in the copy: " + url);
    const bytes = new Uint8Array(await hit.arrayBuffer());
    for (let i = 0; i < 64; i++) bytes[(bytes.length >> 1) + i] ^= 0xff;
    const headers = new Headers(hit.headers);
    headers.delete("Content-Encoding");
    headers.delete("Content-Length");
    await cache.put(url, new Response(bytes, { headers }));
  }
  return true;
})"""
# whether the copy holds exactly these bytes ({url: sha256})
HOLDS = """(async (want) => {
  const name = (await caches.keys()).find((n) => n.startsWith("eimza-calculator-"));
  const cache = await caches.open(name);
  for (const [url, sha256] of Object.entries(want)) {
    const hit = await cache.match(url);
    if (!hit) return false;
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", await hit.arrayBuffer()));
    if (Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("") !== sha256) return false;
  }
  return true;
})"""


def sw_config(tree: Path) -> dict[str, Any]:
    sw = next(p for p in (tree / "sw.js", tree / "onizleme" / "sw.js") if p.is_file()).read_text("utf-8")
    found = re.search(r"const CONFIG = (\{.*?\n\});", sw, re.S)
    assert found, "sw.js has no config"
    out: dict[str, Any] = json.loads(found.group(1))
    return out


@pytest.mark.parametrize("build", list(HEAL))
def test_a_corrupted_offline_copy_heals_on_the_next_visit(
    engine: Engine, servers: dict[str, ProbeServer], trees: dict[str, Path], build: str
) -> None:
    srv = servers[f"heal-{build}"]
    patterns, mode = HEAL[build]
    cfg = sw_config(trees[build])
    paths = [next(p for p in cfg["runtime"] + cfg["files"] if re.search(pattern, p)) for pattern in patterns]
    want = {f"{srv.url}/{p}": cfg["digests"][p]["sha256"] for p in paths}
    # one visit: the reader keeps the calculator for offline use (no Python started)
    if build == "snapshot":
        case = inside(trees[build])[0]
        srv.settings["__eimzaToday"] = case["date"]  # a reader on the link's day: answered at once
        url = link(srv.url, case)
    else:
        url = f"{srv.url}/ucret-hesaplama/"
    engine.goto(url)
    engine.wait_for("!document.querySelector('[data-eimza-keep]').hidden")
    engine.run("(document.getElementById('eimza-keep').click(), true)")
    engine.wait_for(f"document.getElementById('eimza-keep-msg').textContent === {json.dumps(KEPT)}", 90)
    assert engine.run(f"{CALC}.dataset.state") == "idle"
    assert settled(engine, f"{HOLDS}({json.dumps(want)})")
    problems = reports(engine, []) + srv.failed()
    settled(engine, f"{CORRUPT}({json.dumps(list(want))})")
    assert not settled(engine, f"{HOLDS}({json.dumps(want)})")
    # the next visit, online: the right answer, and the copy holds the build's bytes again
    engine.goto("about:blank")
    engine.goto(url)
    python_ready(engine, mode)
    right_answer(engine)
    for _ in range(60):  # (the service worker replaces an entry once its answer has arrived)
        if settled(engine, f"{HOLDS}({json.dumps(want)})"):
            break
        time.sleep(0.5)
    else:
        pytest.fail("the offline copy still holds other bytes than the build's")
    problems += reports(engine, HEAL_REPORTS[build]) + srv.failed()
    assert not problems, "\n".join(problems)


def reloaded(engine: Engine, timeout: float = 60.0) -> None:
    """Wait for the page marked with window.__old to be replaced by a loaded new one."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if engine.run("!window.__old && document.readyState === 'complete'"):
                return
        except Exception:  # a driver's own error while the page is being replaced
            pass
        time.sleep(0.2)
    raise AssertionError(f"{engine.name}: the page did not reload in {timeout} s")


RETRY_CORRUPT = [r"/worker-[0-9a-f]+\.mjs$", r"/pyodide\.asm\.wasm$", r"/snapshot-[0-9a-f]+\.bin$"]
RETRY_REPORTS: list[tuple[str, bool]] = [
    (_WORKER_SAYS + r"/worker-[0-9a-f]+\.mjs" + _MISMATCH, True),
    (r"^warning: eimza calculator: Error: \S+/worker-[0-9a-f]+\.mjs: digest mismatch \(twice", True),
]


def test_a_corrupted_offline_copy_heals_on_retry(
    engine: Engine, servers: dict[str, ProbeServer], trees: dict[str, Path]
) -> None:
    """The copy's runtime corrupted, the worker's script's host unreachable: the failure
    message (the copy's bad bytes never run); online again, "Yeniden dene" replaces every bad
    entry, and Python answers right on the snapshot path."""
    srv = servers["heal-retry"]
    cfg = sw_config(trees["snapshot"])
    paths = [next(p for p in cfg["runtime"] if re.search(pattern, p)) for pattern in RETRY_CORRUPT]
    want = {f"{srv.url}/{p}": cfg["digests"][p]["sha256"] for p in paths}
    url = link(srv.url, inside(trees["snapshot"])[0])
    engine.goto(url)
    engine.wait_for("!document.querySelector('[data-eimza-keep]').hidden")
    engine.run("(document.getElementById('eimza-keep').click(), true)")
    engine.wait_for(f"document.getElementById('eimza-keep-msg').textContent === {json.dumps(KEPT)}", 90)
    assert settled(engine, f"{HOLDS}({json.dumps(want)})")
    problems = reports(engine, []) + srv.failed()
    settled(engine, f"{CORRUPT}({json.dumps(list(want))})")
    srv.set_fault(RETRY_CORRUPT[0], "down")
    try:
        engine.goto("about:blank")
        engine.goto(link(srv.url, outside(trees["snapshot"])))  # Python needed at once
        engine.wait_for(
            f"{CALC}.dataset.state === 'failed' && {RESULT}.textContent.includes({json.dumps(FAILED)})", 60
        )
        assert not settled(engine, f"{HOLDS}({json.dumps(want)})")
        problems += reports(engine, RETRY_REPORTS)
    finally:
        srv.set_fault(RETRY_CORRUPT[0], None)
    engine.run("(window.__old = 1, document.querySelector('[data-eimza-retry]').click(), true)")
    reloaded(engine)
    python_ready(engine, "snapshot")
    problems += reports(engine, []) + srv.failed()
    engine.goto("about:blank")
    engine.goto(url)
    python_ready(engine, "snapshot")
    right_answer(engine)
    for _ in range(60):  # (the service worker replaces an entry once its answer has arrived)
        if settled(engine, f"{HOLDS}({json.dumps(want)})"):
            break
        time.sleep(0.5)
    else:
        pytest.fail("the offline copy still holds other bytes than the build's")
    problems += reports(engine, []) + srv.failed()
    assert not problems, "\n".join(problems)
