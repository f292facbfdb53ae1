"""Parity: the engine in the Pyodide, wheel and snapshot the site ships (run by
scripts/parity.mjs in Node, offline, from the built site) answers the worker's call
(eimza.web.handle) for every case of eimza.cases.CASES, with and without a person (and a
refused name and an invalid T.C. Kimlik No for the directorate's payers), exactly
like the native engine, field for field; booting plainly and restoring the snapshot alike.
The instant-answer table (eimza.instant) equals, on sampled days of each interval, what the
worker's call gives in the shipped Pyodide."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calc_helpers import run_parity
from conftest import SESSION_IL
from eimza import instant, load_data, web
from eimza.cases import CASES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def shipped(directorate_parity: Any) -> dict[str, Any]:
    return directorate_parity(SESSION_IL)  # the session site's run (test_directorates.py shares it)


def diff(native: Any, other: Any, path: str = "$") -> list[str]:
    """Every path where two JSON values differ (types included: 1 != 1.0 != "1")."""
    if type(native) is not type(other):
        return [f"{path}: {native!r} != {other!r}"]
    if isinstance(native, dict):
        out = [f"{path}.{k}: missing in Pyodide" for k in native.keys() - other.keys()]
        out += [f"{path}.{k}: only in Pyodide" for k in other.keys() - native.keys()]
        for k in sorted(native.keys() & other.keys()):
            out += diff(native[k], other[k], f"{path}.{k}")
        return out
    if isinstance(native, list):
        if len(native) != len(other):
            return [f"{path}: length {len(native)} != {len(other)}"]
        return [
            d for i, (a, b) in enumerate(zip(native, other, strict=True)) for d in diff(a, b, f"{path}[{i}]")
        ]
    return [] if native == other else [f"{path}: {native!r} != {other!r}"]


def test_parity_runs_the_shipped_files(shipped: dict[str, Any], site_dir: Path) -> None:
    pkg = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())
    assert shipped["pyodide"] == pkg["version"]
    assert (site_dir / shipped["wheel"]).is_file()
    assert shipped["snapshot"] and (site_dir / shipped["snapshot"]).is_file()


@pytest.mark.parametrize("mode", ["plain", "snapshot_answers"])
def test_parity_every_case_field_for_field(shipped: dict[str, Any], mode: str) -> None:
    runs = shipped[mode]
    assert runs is not None
    assert [r["message"]["case"] for r in runs if r["message"]["person"] is None] == CASES
    assert any(r["message"]["person"] for r in runs)
    # the person paths of the worker's call: a refused name and an invalid number
    assert any(r["out"]["personError"] for r in runs)
    assert any(r["out"]["tcknValid"] is False for r in runs)
    problems: list[str] = []
    for i, run in enumerate(runs):
        native = json.loads(web.handle(json.dumps(run["message"])))
        problems += [f"message {i} {run['message']}: {d}" for d in diff(native, run["out"])]
    assert not problems, "\n".join(problems[:50])


def test_parity_covers_answers_and_errors(shipped: dict[str, Any]) -> None:
    oks = {r["out"]["answer"]["ok"] for r in shipped["plain"]}
    assert oks == {True, False}


def run_instant(site_dir: Path, table: dict[str, Any], tmp: Path, *extra: str) -> dict[str, Any]:
    path = tmp / "instant.json"
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    return run_parity(site_dir, f"--instant={path}", *extra)


def test_instant_table_equals_the_shipped_pyodide(site_dir: Path, tmp_path: Path) -> None:
    # every interval of the native table (all dates, not only the edition's), sampled on its
    # first, second, middle, second-to-last and last day, booting plainly and from the snapshot
    table = instant.table(load_data())
    intervals = sum(len(v) for v in table.values())
    out = run_instant(site_dir, table, tmp_path)
    for mode in ("plain", "snapshot_answers"):
        assert out[mode]["mismatches"] == [], out[mode]["mismatches"][:2]
        assert intervals <= out[mode]["checked"] <= 5 * intervals


def test_instant_parity_sees_a_changed_character(site_dir: Path, tmp_path: Path) -> None:
    key = instant.case_key({"situation": "first", "role": "family-doctor"})
    interval = next(i for i in instant.table(load_data())[key] if i["from"] != i["to"])
    wrong = {key: [{**interval, "html": interval["html"].replace("</article>", "</article> ")}]}
    out = run_instant(site_dir, wrong, tmp_path, "--mode=plain")
    assert out["plain"]["checked"] == len(out["plain"]["mismatches"]) >= 3
