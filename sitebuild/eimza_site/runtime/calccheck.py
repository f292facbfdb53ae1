"""The calculator of a built site answers from the site's data: scripts/parity.mjs runs the
worker's call (`eimza.web.handle`) for every case of `eimza.cases.CASES` in the Pyodide,
wheel and snapshot the site ships (Node, offline), and each answer must equal the native
engine's for the same data, field for field. `make publish` runs it on the edition it is
about to publish."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from eimza import web

from .. import messages
from ..pages.sitecheck import SiteProblem

CHECK = messages.CHECK_CALCULATOR


def diff(native: Any, other: Any, path: str = "$") -> list[str]:
    """Every path where two JSON values differ (types included: 1 != 1.0 != "1")."""
    if type(native) is not type(other):
        return [f"{path}: {native!r} != {other!r}"]
    if isinstance(native, dict):
        out = [f"{path}.{k}: {messages.ONLY_NATIVE}" for k in native.keys() - other.keys()]
        out += [f"{path}.{k}: {messages.ONLY_PYODIDE}" for k in other.keys() - native.keys()]
        for k in sorted(native.keys() & other.keys()):
            out += diff(native[k], other[k], f"{path}.{k}")
        return out
    if isinstance(native, list):
        if len(native) != len(other):
            return [f"{path}: {messages.LENGTH} {len(native)} != {len(other)}"]
        return [
            d for i, (a, b) in enumerate(zip(native, other, strict=True)) for d in diff(a, b, f"{path}[{i}]")
        ]
    return [] if native == other else [f"{path}: {native!r} != {other!r}"]


def run_parity(site: Path, root: Path, timeout: int = 600) -> dict[str, Any]:
    """scripts/parity.mjs's JSON for the site (raises RuntimeError with its stderr)."""
    proc = subprocess.run(
        ["node", str(root / "scripts" / "parity.mjs"), str(site)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    out: dict[str, Any] = json.loads(proc.stdout)
    return out


def check_calculator(site: Path, root: Path, data: Any) -> list[SiteProblem]:
    """The shipped calculator carries these data files and answers like the native engine."""
    problems: list[SiteProblem] = []
    try:
        shipped = run_parity(site, root)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        return [SiteProblem(CHECK, "assets/calculator", None, messages.calculator_did_not_run(exc))]
    wheel = site / shipped["wheel"]
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for name, path in (("kamusm.toml", data.national_path), ("il.toml", data.path)):
            inside = f"eimza/data/{name}"
            if inside not in names or zf.read(inside) != Path(path).read_bytes():
                problems.append(SiteProblem(CHECK, shipped["wheel"], None, messages.wheel_data_differs(path)))
    if not shipped.get("snapshot_answers"):
        problems.append(SiteProblem(CHECK, "assets/calculator", None, messages.NO_SNAPSHOT))
    for mode, label in (("plain", messages.MODE_PLAIN), ("snapshot_answers", messages.MODE_SNAPSHOT)):
        for run in shipped.get(mode) or []:
            native = json.loads(web.handle(json.dumps(run["message"]), data))
            found = diff(native, run["out"])
            if found:
                case = json.dumps(run["message"], ensure_ascii=False)
                problems.append(
                    SiteProblem(
                        CHECK, shipped["wheel"], None, messages.calculator_differs(label, case, found[0])
                    )
                )
                break
    return problems
