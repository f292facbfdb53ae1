"""Speed and size of the calculator page against a bare Pyodide page (``make bench``).

One run builds the site into a temporary folder, adds a bare page (Pyodide loaded on the main
thread, one line of Python) served by the same server (eimza_site.serve), and measures in
Debian's chromium, headless:

- time from navigation to the first answer (the calculator's ``eimza-first-answer`` mark, the
  bare page's ``bench-done`` mark), median of N runs: cold (new context) and repeat (reload);
- the instant answer (the page's ``eimza-instant-answer`` mark: the build's table, no Python)
  for a shared link to a case whose interval holds the edition's date, cold, repeat and
  throttled, against the bare page and against the home page's first contentful paint;
- the same cold figures under a throttled network (CDP Network.emulateNetworkConditions,
  20 Mbit/s, 40 ms latency, applied to the page and its workers);
- bytes sent by the server (bodies as sent: compressed when compressed);
- main-thread long tasks (PerformanceObserver "longtask");
- Lighthouse 12 scores (performance, accessibility) of the home and calculator pages.

Prints a table with ratios against the targets; writes bench-results/bench.json. It measures,
it does not judge: the exit status is 0 whenever the measurements could be made.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eimza_site import serve
from eimza_site.browser import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parents[2]
THROTTLE = {
    "offline": False,
    "latency": 40,
    "downloadThroughput": 20_000_000 / 8,
    "uploadThroughput": 20_000_000 / 8,
}
CALC = "ucret-hesaplama/"
BARE = "_bench/bare.html"
BARE_HTML = """<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>Yalın Pyodide</title>
<link rel="icon" href="data:,"></head>
<body><p id="out">…</p>
<script type="module">
import { loadPyodide } from "../assets/pyodide/%s/pyodide.mjs";
const pyodide = await loadPyodide();
document.getElementById("out").textContent = pyodide.runPython("str(6 * 7)");
performance.mark("bench-done");
</script></body></html>
"""
LONGTASKS = """
window.__longtasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
} catch (e) {}
// Long animation frames name the scripts that ran in them: which code made a task long.
window.__loaf = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      for (const s of e.scripts || []) window.__loaf.push([s.sourceURL || s.invoker || "?", s.duration]);
    }
  }).observe({ type: "long-animation-frame", buffered: true });
} catch (e) {}
"""
CULPRIT = """(() => {
  const all = (window.__loaf || []).filter(([, d]) => d > 0);
  if (!all.length) return null;
  const [url, d] = all.reduce((a, b) => (b[1] > a[1] ? b : a));
  return `${url.split("/").pop() || url} (${Math.round(d)} ms)`;
})()"""
MARK = {CALC: "eimza-first-answer", BARE: "bench-done"}
INSTANT_MARK = "eimza-instant-answer"


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bytes = 0

    def take(self) -> int:
        with self.lock:
            n, self.bytes = self.bytes, 0
        return n


COUNTER = Counter()


class CountingHandler(serve.Handler):
    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            with COUNTER.lock:
                COUNTER.bytes += int(value)
        super().send_header(keyword, value)


@dataclass
class Visit:
    ms: float
    bytes: int
    longest_task: float
    mode: str | None = None
    culprit: str | None = None  # the script that ran longest inside a long frame


@dataclass
class Series:
    visits: list[Visit] = field(default_factory=list)

    @property
    def ms(self) -> float:
        return statistics.median(v.ms for v in self.visits)

    @property
    def bytes(self) -> int:
        return int(statistics.median(v.bytes for v in self.visits))

    @property
    def longest_task(self) -> float:
        return max(v.longest_task for v in self.visits)


def build(dest: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)]
    subprocess.run(cmd, cwd=ROOT, check=True, env=env)
    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]
    (dest / BARE).parent.mkdir(parents=True, exist_ok=True)
    (dest / BARE).write_text(BARE_HTML % version, "utf-8")


def throttle(context: Any, page: Any) -> None:
    """CDP network emulation for the page and, through auto-attach, its workers."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", THROTTLE)
    # Dedicated workers are their own targets: attach to them (paused) and throttle them too.
    cdp.on(
        "Target.attachedToTarget",
        lambda ev: _throttle_child(cdp, ev["sessionId"]),
    )
    cdp.send(
        "Target.setAutoAttach",
        {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False},
    )


def _throttle_child(cdp: Any, session_id: str) -> None:
    # Non-flattened child sessions are driven through Target.sendMessageToTarget.
    for method, params in (
        ("Network.enable", {}),
        ("Network.emulateNetworkConditions", THROTTLE),
        ("Runtime.runIfWaitingForDebugger", {}),
    ):
        msg = json.dumps({"id": int(time.time() * 1000) % 1_000_000, "method": method, "params": params})
        try:
            cdp.send("Target.sendMessageToTarget", {"sessionId": session_id, "message": msg})
        except Exception:
            pass


def visit(page: Any, url: str, mark: str, reload: bool = False) -> Visit:
    COUNTER.take()
    if reload:
        page.reload(wait_until="commit")
    else:
        page.goto(url, wait_until="commit")
    page.wait_for_function(
        f"() => performance.getEntriesByName('{mark}').length > 0", timeout=180_000, polling=20
    )
    ms = page.evaluate(f"performance.getEntriesByName('{mark}')[0].startTime")
    sent = COUNTER.take()
    tasks = page.evaluate("window.__longtasks || []")
    mode = page.evaluate(
        "document.getElementById('eimza-calc') && document.getElementById('eimza-calc').dataset.mode"
    )
    culprit = page.evaluate(CULPRIT)
    return Visit(ms=ms, bytes=sent, longest_task=max(tasks, default=0.0), mode=mode, culprit=culprit)


def instant_link(site: Path) -> str | None:
    """A shared link (path and hash) the page answers from its instant table: a family
    doctor's case if one has an interval (a paying case), else any; on the edition's date,
    which every interval of the page's table holds (eimza_site.facts.instant_json)."""
    import re

    html = (site / CALC / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="eimza-instant">(.*?)</script>', html, re.S)
    table = json.loads(m.group(1)) if m else {}
    keys = sorted((k for k, v in table.items() if v), key=lambda k: '"family-doctor"' not in k)
    if not keys:
        return None
    case = json.loads(keys[0])
    from eimza_site import facts

    day = facts.edition_date().isoformat()
    hash_ = f"durum={case['situation']}&gorev={case['role']}&tarih={day}"
    if case.get("electronic") is False:
        hash_ += "&islak=1"
    if case.get("with_reader"):
        hash_ += "&okuyucu=1"
    return f"{CALC}#{hash_}"


def instant_series(browser: Any, base: str, link: str, runs: int) -> dict[str, Series]:
    out = {"cold": Series(), "repeat": Series(), "throttled": Series()}
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(LONGTASKS)
        page = context.new_page()
        out["cold"].visits.append(visit(page, base + link, INSTANT_MARK))
        out["repeat"].visits.append(visit(page, base + link, INSTANT_MARK, reload=True))
        context.close()
        context = browser.new_context()
        page = context.new_page()
        throttle(context, page)
        out["throttled"].visits.append(visit(page, base + link, INSTANT_MARK))
        context.close()
    return out


def home_fcp(browser: Any, base: str, runs: int) -> float:
    """Median first contentful paint of the home page, cold."""
    values = []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base, wait_until="load")
        page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
        values.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
        context.close()
    return float(statistics.median(values))


def home_series(browser: Any, base: str, runs: int) -> Series:
    """The home page (no calculator, Material only): the same-run baseline for long tasks."""
    out = Series()
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(LONGTASKS)
        page = context.new_page()
        page.goto(base, wait_until="load")
        page.wait_for_timeout(500)
        ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        tasks = page.evaluate("window.__longtasks || []")
        culprit = page.evaluate(CULPRIT)
        out.visits.append(Visit(ms=ms, bytes=0, longest_task=max(tasks, default=0.0), culprit=culprit))
        context.close()
    return out


def series(browser: Any, base: str, path: str, runs: int, throttled: bool = False) -> tuple[Series, Series]:
    cold, repeat = Series(), Series()
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(LONGTASKS)
        page = context.new_page()
        if throttled:
            throttle(context, page)
        cold.visits.append(visit(page, base + path, MARK[path]))
        if not throttled:
            if path == CALC:  # let the service worker finish its first install
                page.wait_for_function(
                    "() => navigator.serviceWorker.ready.then(r => !!r.active)", timeout=120_000
                )
                page.wait_for_timeout(500)
            repeat.visits.append(visit(page, base + path, MARK[path], reload=True))
        context.close()
    return cold, repeat


def lighthouse(url: str) -> dict[str, Any]:
    lh = ROOT / "node_modules" / ".bin" / "lighthouse"
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        cmd = [
            str(lh),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={' '.join(FLAGS)}",
        ]
        subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=300)
        report = json.loads(out.read_text())
    cats = report["categories"]
    out: dict[str, Any] = {k: float(cats[k]["score"]) for k in ("performance", "accessibility")}
    out["failed"] = sorted(
        ref["id"]
        for cat in cats.values()
        for ref in cat["auditRefs"]
        if ref.get("weight")
        and (report["audits"][ref["id"]].get("score") or 0) < 1
        and report["audits"][ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")
    )
    return out


def fmt_ms(x: float) -> str:
    return f"{x:,.0f} ms"


def fmt_kb(x: float) -> str:
    return f"{x / 1024:,.0f} KB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eimza_site.bench")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "bench-results" / "bench.json"))
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="eimza-bench-") as tmp:
        site = Path(tmp) / "site"
        print("Site derleniyor…", flush=True)
        build(site)
        srv = serve.make_server(site, "127.0.0.1", 0)
        srv.RequestHandlerClass = _bind(site)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{srv.server_address[1]}/"
        res: dict[str, Any] = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for name, path in (("bare", BARE), ("calc", CALC)):
                print(f"Ölçülüyor: {name} ({args.runs} kez)…", flush=True)
                cold, repeat = series(browser, base, path, args.runs)
                thr, _ = series(browser, base, path, args.runs, throttled=True)
                res[name] = {"cold": cold, "repeat": repeat, "throttled": thr}
            print(f"Ölçülüyor: ana sayfa, uzun görevler ({args.runs} kez)…", flush=True)
            res["home"] = {"cold": home_series(browser, base, args.runs)}
            res["home_fcp"] = home_fcp(browser, base, args.runs)
            link = instant_link(site)
            res["instant_link"] = link
            if link:
                print(f"Ölçülüyor: anında yanıt, {link} ({args.runs} kez)…", flush=True)
                res["instant"] = instant_series(browser, base, link, args.runs)
            browser.close()
        scores: dict[str, dict[str, Any]] = {}
        if not args.no_lighthouse:
            for name, path in (("home", ""), ("calc", CALC)):
                print(f"Lighthouse: {name}…", flush=True)
                scores[name] = lighthouse(base + path)
        srv.shutdown()
    report(res, scores, Path(args.out))
    return 0


def _bind(site: Path) -> Any:
    return type("CountingSiteHandler", (CountingHandler,), {"root": site})


def report(res: dict[str, Any], scores: dict[str, dict[str, Any]], out: Path) -> None:
    b, c = res["bare"], res["calc"]
    rows: list[tuple[str, str, str, str, str]] = []

    def row(what: str, calc: str, bare: str, ratio: str, target: str, ok: bool | None) -> None:
        mark = "" if ok is None else (" ✓" if ok else " ✗")
        rows.append((what, calc, bare, ratio, target + mark))

    # (label, calculator series, bare series shown, bare series the ratio is against, limit, suffix)
    ratios = [
        ("ilk yanıt, soğuk (medyan)", "cold", "cold", "cold", 0.30, "yalın"),
        ("ilk yanıt, tekrar ziyaret", "repeat", "repeat", "cold", 0.20, "yalın soğuk"),
        ("ilk yanıt, soğuk, 20 Mbit/s 40 ms", "throttled", "throttled", "throttled", 0.80, "yalın"),
    ]
    for what, mine, shown, against, limit, of in ratios:
        r = c[mine].ms / b[against].ms
        ratio = f"{r:.2f}×" if mine == against else f"{r:.2f}× {of}"
        row(what, fmt_ms(c[mine].ms), fmt_ms(b[shown].ms), ratio, f"≤ {limit:.2f}× {of}", r <= limit)
    inst = res.get("instant")
    if inst:
        for what, kind, of in (
            ("anında yanıt, paylaşılan bağlantı, soğuk", "cold", "cold"),
            ("anında yanıt, paylaşılan bağlantı, tekrar", "repeat", "cold"),
            ("anında yanıt, soğuk, 20 Mbit/s 40 ms", "throttled", "throttled"),
        ):
            r = inst[kind].ms / b[of].ms
            row(what, fmt_ms(inst[kind].ms), fmt_ms(b[of].ms), f"{r:.2f}×", "≤ 0.10× yalın", r <= 0.10)
        fcp = res["home_fcp"]
        r = inst["cold"].ms / fcp
        row(
            "anında yanıt / ana sayfa FCP",
            fmt_ms(inst["cold"].ms),
            fmt_ms(fcp),
            f"{r:.2f}×",
            "≤ 1.50×",
            r <= 1.5,
        )
    else:
        row("anında yanıt", "tabloda bu baskının tarihini içeren aralık yok", "", "", "", None)
    kb = c["repeat"].bytes
    row("aktarılan, tekrar ziyaret", fmt_kb(kb), fmt_kb(b["repeat"].bytes), "", "≤ 100 KB", kb <= 100 * 1024)
    row("aktarılan, soğuk", fmt_kb(c["cold"].bytes), fmt_kb(b["cold"].bytes), "", "", None)
    lt = max(c["cold"].longest_task, c["repeat"].longest_task, c["throttled"].longest_task)
    blt = max(b["cold"].longest_task, b["repeat"].longest_task, b["throttled"].longest_task)
    row("en uzun ana iş parçacığı görevi", fmt_ms(lt), fmt_ms(blt), "", "≤ 50 ms", lt <= 50)
    worst = max((v for s in c.values() for v in s.visits), key=lambda v: v.longest_task)
    row("  en uzun görevdeki betik", worst.culprit or "-", "", "", "", None)
    home = res["home"]["cold"]
    hv = max(home.visits, key=lambda v: v.longest_task)
    row("en uzun görev, ana sayfa (hesaplayıcısız)", fmt_ms(home.longest_task), "", "", "", None)
    row("  en uzun görevdeki betik", hv.culprit or "-", "", "", "", None)
    for name, s in scores.items():
        row(
            f"Lighthouse başarım ({name})",
            f"{s['performance']:.2f}",
            "",
            "",
            "≥ 0.95",
            s["performance"] >= 0.95,
        )
        row(
            f"Lighthouse erişilebilirlik ({name})",
            f"{s['accessibility']:.2f}",
            "",
            "",
            "= 1.00",
            s["accessibility"] >= 1.0,
        )
    modes = sorted({v.mode or "?" for s in c.values() for v in s.visits})
    head = ("ölçüm", "hesaplayıcı", "yalın Pyodide", "oran", "hedef")
    widths = [max(len(x[i]) for x in [head, *rows]) for i in range(5)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print()
    print(line.format(*head))
    print(line.format(*("-" * w for w in widths)))
    for rr in rows:
        print(line.format(*rr))
    print(f"\nhesaplayıcı başlatma kipi: {', '.join(modes)}; her ölçüm {len(c['cold'].visits)} çalıştırma")
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {
        page: {
            kind: {
                "median_ms": s.ms,
                "median_bytes": s.bytes,
                "longest_task_ms": s.longest_task,
                "runs": [v.__dict__ for v in s.visits],
            }
            for kind, s in series_.items()
            if s.visits
        }
        for page, series_ in res.items()
        if isinstance(series_, dict)
    }
    data["instant_link"] = res.get("instant_link")  # type: ignore[assignment]
    data["home_fcp_ms"] = res.get("home_fcp")  # type: ignore[assignment]
    data["lighthouse"] = scores  # type: ignore[assignment]
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
    print(f"ayrıntılar: {out}")


if __name__ == "__main__":
    raise SystemExit(main())
