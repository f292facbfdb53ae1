"""What the bench runs inside the page: an init script (before any page script) that records
when the reader first sees each kind of answer, the main thread's long tasks and the scripts
that ran in long animation frames; the timed form change; and the split of long-task time by
whose script it was. It reads only the page's public state (#eimza-calc data-answer /
data-state, the result region's content, the bare page's #out), so the page needs no hook."""

from __future__ import annotations

import re
from typing import Any

# window.__bench.t: instant (data-answer=instant, result filled), ready (data-answer=worker,
# or swap on the bare swap page, data-state=ready, result filled), first (instant or worker),
# bare (the bare page printed 42);
# times are performance.now(), i.e. from the navigation's start. Mutation observers run at
# the end of the task that changed the DOM, so a time is the moment the answer was inserted.
INIT = r"""
(() => {
  const b = (window.__bench = { t: {}, longtasks: [], scripts: [] });
  const mark = (k) => { if (!(k in b.t)) b.t[k] = performance.now(); };
  const filled = (r) => !!r && r.textContent.trim() !== "" && !r.querySelector(".eimza-progress");
  const check = () => {
    const calc = document.getElementById("eimza-calc");
    const result = document.getElementById("eimza-result");
    if (calc && filled(result)) {
      const a = calc.dataset.answer;
      if (a === "instant") { mark("instant"); mark("first"); }
      if (a === "worker") mark("first");
      if ((a === "worker" || a === "swap") && calc.dataset.state === "ready") mark("ready");
    }
    const out = document.getElementById("out");
    if (out && out.textContent === "42") mark("bare");
  };
  // watching stops once Python answered (or the bare page printed): nothing more to time
  const observer = new MutationObserver(() => {
    check();
    if ("ready" in b.t || "bare" in b.t) observer.disconnect();
  });
  observer.observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  // Long animation frames name the scripts that ran in them (URL, duration incl. forced layout).
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        let inScripts = 0;
        for (const s of e.scripts || []) {
          const layout = s.forcedStyleAndLayoutDuration || 0;
          const at = s.sourceCharPosition ?? -1;
          b.scripts.push([s.sourceURL || "", s.invoker || "", s.duration, layout, at]);
          inScripts += s.duration;
        }
        b.scripts.push(["", "frame: style, layout, paint", Math.max(0, e.duration - inScripts), 0, -1]);
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (e) {}
})();
"""

# The wait a person sees (issue 23): installed once the page shows its answer, before the
# first focus. window.__bench.t gets focus (the first focus on Ad), digit (the input event of
# the T.C. Kimlik No's 11th digit) and desc (the paint that shows a description holding that
# number: a message posted from the next animation frame, as in CHANGE). An event's
# timeStamp is when the browser received it, so a busy page's queue counts as waiting.
TYPING = r"""
(tckn) => {
  const t = window.__bench.t;
  const form = document.getElementById("eimza-form");
  const result = document.getElementById("eimza-result");
  form.elements.namedItem("name").addEventListener("focus", (e) => {
    if (!("focus" in t)) t.focus = e.timeStamp;
  });
  form.elements.namedItem("tckn").addEventListener("input", (e) => {
    if (e.target.value.length === 11 && !("digit" in t)) t.digit = e.timeStamp;
  });
  const obs = new MutationObserver(() => {
    if ([...result.querySelectorAll("code[data-copy]")].some((c) => c.textContent.includes(tckn))) {
      obs.disconnect();
      requestAnimationFrame(() => {
        const painted = new MessageChannel();
        painted.port1.onmessage = () => { t.desc = performance.now(); };
        painted.port2.postMessage(null);
      });
    }
  });
  obs.observe(result, { subtree: true, childList: true, characterData: true });
  return true;
}
"""

# The bare swap page's script (site.swap_page): the calculator page of the same build without
# its scripts, swapping in the next answer HTML (the engine's, for the same form changes) on
# every input of the form: what the browser itself needs to show that answer.
SWAP_MJS = r"""
const answers = JSON.parse(document.getElementById("bench-swap").textContent);
const calc = document.getElementById("eimza-calc");
const result = document.getElementById("eimza-result");
const when = document.getElementById("eimza-when");
let next = 0;
const swap = () => {
  const answer = answers[next % answers.length];
  when.innerHTML = answer.head; // the answer's head (its date), as the calculator shows it
  result.innerHTML = answer.html;
  next += 1;
  calc.dataset.answer = "swap";
  calc.dataset.state = "ready";
};
document.getElementById("eimza-form").addEventListener("input", swap);
swap();
"""

# One change of the form, timed in the page: from dispatching the input event to the paint
# that shows the result region's new content (a mutation that leaves it filled): the next
# animation frame runs before that paint, and a message posted from it is delivered after
# the frame has been painted. Resolves to {ms, answer} or {ms: null} when nothing changed
# within 20 s.
CHANGE = r"""
async ([kind, value]) => {
  const form = document.getElementById("eimza-form");
  const calc = document.getElementById("eimza-calc");
  const result = document.getElementById("eimza-result");
  const before = result.innerHTML;
  return await new Promise((resolve) => {
    let t0 = 0;
    const done = (v) => { obs.disconnect(); clearTimeout(timer); resolve(v); };
    const filled = () => result.textContent.trim() && !result.querySelector(".eimza-progress");
    const obs = new MutationObserver(() => {
      if (result.innerHTML !== before && filled()) {
        const answer = calc.dataset.answer;
        requestAnimationFrame(() => {
          const painted = new MessageChannel();
          painted.port1.onmessage = () => done({ ms: performance.now() - t0, answer });
          painted.port2.postMessage(null);
        });
      }
    });
    obs.observe(result, { subtree: true, childList: true, characterData: true });
    const timer = setTimeout(() => done({ ms: null, answer: calc.dataset.answer }), 20000);
    t0 = performance.now();
    if (kind === "date") {
      const input = form.elements.namedItem("date");
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    } else {
      form.querySelector(`input[name="${kind}"][value="${value}"]`).click();
    }
  });
}
"""


def inline_scripts(html: str) -> list[str]:
    """The text of each executable inline <script> of a page that is the project's (its text
    names eimza; Material's template's own few are settings of a few hundred characters)."""
    out = []
    for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        if "application/json" not in m.group(1) and "eimza" in m.group(2).lower():
            out.append(m.group(2))
    return out


def owner(entry: list[Any], page_url: str) -> str:
    """Whose code a long-frame script entry [url, invoker, ms, layout ms, char position] is:
    "own" (the calculator's modules and the page's inline scripts: Chromium names an inline
    script by the page's URL only, so Material's template's few small ones count as ours,
    which errs against us), "material" (Material's bundle), or "other" (no script: style,
    layout, paint; or anything else)."""
    url = str(entry[0]).split("#")[0]
    if "/assets/calculator/" in url or (url and url == page_url.split("#")[0]):
        return "own"
    if "/assets/javascripts/bundle." in url:
        return "material"
    return "other"


def longest_by_owner(scripts: list[list[Any]], page_url: str) -> dict[str, float]:
    """{own, material, other}: the longest single entry of each (script duration)."""
    out = {"own": 0.0, "material": 0.0, "other": 0.0}
    for entry in scripts:
        k = owner(entry, page_url)
        out[k] = max(out[k], float(entry[2]))
    return out


def culprit(scripts: list[list[Any]], inline: list[str]) -> str | None:
    """The longest entry, named: its file, or for an inline script the words at its position
    (Chromium counts it from the start of the script's own text) in each inline script of
    the project long enough to hold it."""
    if not scripts:
        return None
    entry = max(scripts, key=lambda s: float(s[2]))
    url, invoker, duration = entry[:3]
    name = str(url).split("#")[0].rstrip("/").rsplit("/", 1)[-1]
    pos = int(entry[4]) if len(entry) > 4 else -1
    if "/assets/" not in str(url) and pos >= 0:
        at = [" ".join(text[pos : pos + 50].split()) for text in inline if pos < len(text)]
        name = "satır içi: " + " | ".join(f"“{w}…”" for w in at) if at else name
    return f"{name} [{invoker}] ({float(duration):.0f} ms)"
