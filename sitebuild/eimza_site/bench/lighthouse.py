"""Lighthouse 12.2.3 (npm, pinned in package.json) on a page of the project's own server, in
Debian's chromium (its default mobile configuration, simulated throttling): the four category
scores, the audits that lost points, and every request that left the origin (none may)."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from eimza_site.bench.report import LH_CATEGORIES
from eimza_site.bench.site import ROOT
from eimza_site.browser import CHROMIUM, FLAGS

METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")


def file_name(item: dict[str, Any]) -> str:
    """A Lighthouse item's script, by its file name (its whole URL when it has no path)."""
    url = str(item.get("url", "?"))
    return url.split("#")[0].rstrip("/").rsplit("/", 1)[-1] or url


def run(url: str) -> tuple[dict[str, float], list[str], list[str], dict[str, float]]:
    """(scores, failed audit ids, foreign request URLs, simulated metrics in ms; also
    "bootup <file>": the three scripts with the most main-thread scripting time, and
    "longest task: <file>": the longest main-thread task of the simulated load; and
    "benchmarkIndex": Lighthouse's measure of this machine's CPU speed, higher is faster)."""
    lh = ROOT / "node_modules" / ".bin" / "lighthouse"
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with tempfile.TemporaryDirectory(prefix="eimza-lh-") as tmp:
        out = Path(tmp) / "lh.json"
        cmd = [
            str(lh),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(LH_CATEGORIES)}",
            f"--chrome-flags={' '.join(FLAGS)}",
        ]
        subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=300)
        report: dict[str, Any] = json.loads(out.read_text())
    metrics = {m: float(report["audits"][m]["numericValue"]) for m in METRICS if m in report["audits"]}
    items = report["audits"].get("bootup-time", {}).get("details", {}).get("items", [])
    for i in sorted(items, key=lambda i: -float(i.get("scripting", 0)))[:3]:
        metrics[f"bootup {file_name(i)}"] = float(i.get("scripting", 0))
    tasks = report["audits"].get("long-tasks", {}).get("details", {}).get("items", [])
    if tasks:
        top = max(tasks, key=lambda i: float(i.get("duration", 0)))
        metrics[f"longest task: {file_name(top)}"] = float(top.get("duration", 0))
    index = report.get("environment", {}).get("benchmarkIndex")
    if index is not None:
        metrics["benchmarkIndex"] = float(index)
    return scores(report), failed(report), foreign(report, url), metrics


def scores(report: dict[str, Any]) -> dict[str, float]:
    cats = report["categories"]
    return {k: float(cats[k]["score"]) for k in LH_CATEGORIES if cats.get(k, {}).get("score") is not None}


def failed(report: dict[str, Any]) -> list[str]:
    audits = report["audits"]
    return sorted(
        {
            ref["id"]
            for cat in report["categories"].values()
            for ref in cat["auditRefs"]
            if ref.get("weight")
            and audits[ref["id"]].get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
            and (audits[ref["id"]].get("score") if audits[ref["id"]].get("score") is not None else 1) < 1
        }
    )


def foreign(report: dict[str, Any], url: str) -> list[str]:
    origin = urlsplit(url)[:2]
    items = report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    return sorted(
        {
            i["url"]
            for i in items
            if urlsplit(i["url"]).scheme in ("http", "https", "ws", "wss")
            and urlsplit(i["url"])[:2] != origin
        }
    )
