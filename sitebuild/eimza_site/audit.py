"""`make audit`: the packages whose code reaches readers, against the advisories their
registries publish. Exit 1 when one has a known advisory; a source that cannot be reached, or
a version it has no record of, is said in Turkish and does not fail (see docs/dev/tests.md, "Advisories").

- npm: the production dependencies of package-lock.json (Pyodide, which the site ships, and
  its own), through `npm audit --omit=dev` (the registry's bulk advisory endpoint; npm
  matches the version ranges).
- PyPI: every distribution the build's `docs` extra installs (mkdocs, Material, whose
  JavaScript and CSS the pages carry, Markdown, …), as installed here, through PyPI's JSON API:
  `/pypi/<name>/<version>/json` and its `vulnerabilities` (OSV records). Where that answers
  404, the project's `/pypi/<name>/json` counts only if its latest version is the installed
  one (its `vulnerabilities` are the latest version's).
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from . import messages

PYPI = "https://pypi.org/pypi"
PROJECT = "eimza-rehberi"
TIMEOUT = 20


@dataclass
class Report:
    advisories: list[str] = field(default_factory=list)
    checked: int = 0
    unchecked: int = 0
    lines: list[str] = field(default_factory=list)


def build_packages(project: str = PROJECT, extras: frozenset[str] = frozenset({"docs"})) -> dict[str, str]:
    """Name → installed version of every distribution `project[extras]` pulls in (markers
    evaluated here), the project itself left out."""
    found: dict[str, tuple[str, frozenset[str]]] = {}
    todo = [(project, extras)]
    while todo:
        name, wanted = todo.pop()
        dist = md.distribution(name)
        key = canonicalize_name(dist.metadata["Name"])
        have = found.get(key, ("", frozenset()))[1]
        if key in found and wanted <= have:
            continue
        found[key] = (dist.version, have | wanted)
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in (wanted or {""})):
                todo.append((req.name, frozenset(req.extras)))
    found.pop(canonicalize_name(project), None)
    return {name: version for name, (version, _) in sorted(found.items())}


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as resp:
        return json.load(resp)


def _pypi_one(base: str, name: str, version: str) -> tuple[str, Any]:
    """("ok", [advisory, …]) | ("unknown", latest version) | ("unreachable", detail)."""
    try:
        try:
            record = _get_json(f"{base}/{name}/{version}/json")
        except urllib.error.HTTPError as exc:
            if exc.code != 404:
                raise
            record = _get_json(f"{base}/{name}/json")
            latest = record.get("info", {}).get("version")
            if latest != version:
                return "unknown", latest
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        return "unreachable", str(getattr(exc, "reason", None) or exc)
    return "ok", [v for v in record.get("vulnerabilities") or [] if not v.get("withdrawn")]


def audit_pypi(report: Report, packages: dict[str, str], base: str = PYPI) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda nv: _pypi_one(base, *nv), packages.items()))
    unreachable, checked = "", 0
    for (name, version), (kind, value) in zip(packages.items(), results, strict=True):
        if kind == "ok":
            checked += 1
            for v in value:
                fixed = ", ".join(v.get("fixed_in") or [])
                text = v.get("summary") or v.get("details") or ""
                report.advisories.append(
                    messages.advisory("PyPI", name, version, v.get("id", "?"), text, fixed)
                )
        else:
            report.unchecked += 1
            if kind == "unknown":
                report.lines.append(messages.audit_no_record(name, version, value))
            else:
                unreachable = unreachable or value
    if unreachable:
        report.lines.append(messages.audit_unreachable("PyPI", unreachable))
    report.checked += checked
    report.lines.append(messages.audit_source_done("PyPI", checked, len(packages)))


def npm_packages(root: Path) -> dict[str, str]:
    """Name → version of the lock file's production packages."""
    lock = json.loads((root / "package-lock.json").read_text("utf-8"))
    out = {}
    for path, meta in lock.get("packages", {}).items():
        if path and not meta.get("dev"):
            out[path.rsplit("node_modules/", 1)[-1]] = meta.get("version", "?")
    return out


def audit_npm(report: Report, root: Path, registry: str | None = None) -> None:
    packages = npm_packages(root)
    cmd = ["npm", "audit", "--omit=dev", "--json", *([f"--registry={registry}"] if registry else [])]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=120)
    try:
        result = json.loads(proc.stdout or "{}")
    except ValueError:
        result = {}
    if "vulnerabilities" not in result:
        detail = (result.get("error") or {}).get("summary") or result.get("message") or ""
        lines = [x for x in (proc.stdout + proc.stderr).splitlines() if x.strip()]
        report.unchecked += len(packages)
        report.lines.append(messages.audit_unreachable("npm", detail or (lines[0] if lines else "?")))
        return
    for name, vuln in sorted(result["vulnerabilities"].items()):
        for via in vuln.get("via", []):
            if isinstance(via, dict):  # else: the name of a vulnerable dependency, listed itself
                version = packages.get(name, "?")
                report.advisories.append(
                    messages.advisory("npm", name, version, via.get("url", "?"), via.get("title", ""), "")
                )
    report.checked += len(packages)
    report.lines.append(messages.audit_source_done("npm", len(packages), len(packages)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eimza_site.audit", description=messages.AUDIT_TITLE)
    ap.add_argument("--root", default=".", help=messages.AUDIT_HELP_ROOT)
    ap.add_argument("--npm-registry", default=None, help=messages.AUDIT_HELP_NPM)
    ap.add_argument("--pypi", default=PYPI, help=messages.AUDIT_HELP_PYPI)
    args = ap.parse_args(argv)
    report = Report()
    print(messages.AUDIT_TITLE, flush=True)
    audit_npm(report, Path(args.root), args.npm_registry)
    audit_pypi(report, build_packages(), args.pypi.rstrip("/"))
    for line in report.lines + report.advisories:
        print(line)
    print(messages.audit_summary(report.checked, report.unchecked, len(report.advisories)))
    return 1 if report.advisories else 0


if __name__ == "__main__":
    sys.exit(main())
