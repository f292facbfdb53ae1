"""`make publish EDITION=YYYY-MM-DD`: publish a dated edition into the local gh-pages branch.

Refuses (Turkish message, exit 1) unless the edition date is a real date, not in the
future and not older than the newest published edition; the data file and the editions
file (baskilar.toml) check clean and list the edition; the data files are committed; and
the tests pass. Then builds and deploys with mike (`mike deploy --update-aliases EDITION
guncel` with redirect aliases, `mike set-default guncel`), tags the commit `baski-EDITION`
and prints the command that pushes it: pushing is the editor's own step."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from eimza import turkish
from eimza.cli import problem_lines, yearly_update_warnings
from eimza.editions import load_editions
from eimza.errors import DataError
from eimza.rates import load_data

from . import facts

ALIAS = "guncel"
BRANCH = "gh-pages"
TAG_PREFIX = "baski-"


class Refused(Exception):
    """Publishing stops here; the message (Turkish) says why and what to do."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def parse_edition(value: str, today: dt.date) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        raise Refused(
            f"Baskı tarihi YYYY-AA-GG biçiminde yazılmalı (ör. make publish EDITION=2026-01-20); "
            f"yazılan: {value!r}."
        )
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise Refused(f"Baskı tarihi takvimde yok: {value} (ayı ve günü kontrol edin).") from None
    if day > today:
        raise Refused(
            f"Baskı tarihi ({turkish.date_long(day)}) bugünden ({turkish.date_long(today)}) sonra olamaz."
        )
    return day


def published_versions(root: Path, branch: str = BRANCH) -> list[dict[str, object]]:
    shown = _git(root, "show", f"{branch}:versions.json")
    if shown.returncode != 0:
        return []
    versions = json.loads(shown.stdout)
    return versions if isinstance(versions, list) else []


def check_data(data_path: str | None, editions_path: Path, day: dt.date) -> list[str]:
    """Data and editions must check clean and list this edition; return the warnings."""
    try:
        data = load_data(data_path)
        editions = load_editions(editions_path)
    except DataError as err:
        raise Refused(
            "\n".join([*problem_lines(err), "Veri dosyasında hata olduğu için yayımlanmadı."])
        ) from None
    if not any(e.date == day for e in editions):
        raise Refused(
            f"{editions_path} dosyasında {day.isoformat()} tarihli baskı yok. Dosyanın sonuna "
            "şunu ekleyin ve okurlar için notu yazın, sonra kaydedip (git commit) yeniden deneyin:\n\n"
            + suggested_entry(day)
        )
    if editions[-1].date != day:
        raise Refused(
            f"{day.isoformat()} tarihli baskı {editions_path} dosyasındaki en yeni baskı değil "
            f"(en yenisi {editions[-1].date.isoformat()}); eski bir baskı yeniden yayımlanmaz."
        )
    return yearly_update_warnings(data, day)


def suggested_entry(day: dt.date) -> str:
    note = "Bu baskıda ne değişti? (ör. 2026 ücret tarifesi eklendi.)"
    return f'[[edition]]\ndate = {day.isoformat()}\nnote = "{note}"\n'


def check_not_older(root: Path, day: dt.date) -> None:
    dates = []
    for v in published_versions(root):
        try:
            dates.append(dt.date.fromisoformat(str(v.get("version"))))
        except ValueError:
            continue
    if dates and day < max(dates):
        raise Refused(
            f"Yayımlanmış en yeni baskı {max(dates).isoformat()}; {day.isoformat()} ondan eski olduğu "
            "için 'guncel' olamaz. Bugünün tarihini kullanın."
        )


def check_committed(root: Path, paths: list[Path]) -> None:
    rels = [str(p.resolve().relative_to(root.resolve())) for p in paths if p.exists()]
    status = _git(root, "status", "--porcelain", "--", *rels)
    if status.returncode != 0:
        raise Refused(f"git çalışmadı ({status.stderr.strip()}); yayın bir git deposunda yapılır.")
    if status.stdout.strip():
        raise Refused(
            "Veri dosyalarında kaydedilmemiş değişiklik var:\n"
            + status.stdout.rstrip()
            + "\nÖnce kaydedin: git add "
            + " ".join(rels)
            + ' && git commit -m "Tarife güncellemesi"'
        )


def run(cmd: list[str], root: Path, env: dict[str, str], what: str) -> None:
    print(f"→ {what}: {' '.join(cmd)}", flush=True)
    proc = subprocess.run(cmd, cwd=root, env=env)
    if proc.returncode != 0:
        raise Refused(f"{what} başarısız oldu (çıkış kodu {proc.returncode}); yayımlanmadı.")


def publish(
    root: Path,
    edition: str,
    *,
    today: dt.date,
    run_tests: bool = True,
    data_path: str | None = None,
    editions_path: Path | None = None,
    branch: str = BRANCH,
) -> dt.date:
    day = parse_edition(edition, today)
    # The same door as the build's (facts.choose): the data file and the editions file beside it.
    data_file = facts.data_path(data_path)
    editions_file = editions_path or facts.editions_path(data_file)
    for warning in check_data(str(data_file), editions_file, day):
        print(warning)
    check_not_older(root, day)
    check_committed(root, [data_file, editions_file])
    env = {**os.environ, "EIMZA_EDITION": day.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    # mike runs `mkdocs` from PATH: use the one next to this Python (the project's .venv)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["EIMZA_DATA"] = str(data_file)  # the build reads the data only through facts.choose
    if run_tests:
        run(["make", "test"], root, env, "Testler")
    title = turkish.date_long(day)
    mike = [str(Path(sys.executable).with_name("mike"))]
    run(
        [
            *mike, "deploy", "--update-aliases", "--alias-type=redirect", "--branch", branch,
            "--title", title, "--message", f"Baskı {day.isoformat()} ({title})",
            day.isoformat(), ALIAS,
        ],
        root, env, "Derleme ve yayın (mike deploy)",
    )  # fmt: skip
    run([*mike, "set-default", "--branch", branch, ALIAS], root, env, "Varsayılan baskı (mike set-default)")
    tag = _git(root, "tag", "-f", f"{TAG_PREFIX}{day.isoformat()}")
    if tag.returncode != 0:
        print(f"Uyarı: {TAG_PREFIX}{day.isoformat()} etiketi yazılamadı: {tag.stderr.strip()}")
    return day


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m eimza_site.publish", description="Tarihli bir baskıyı yerel gh-pages dalına yayımlar."
    )
    ap.add_argument("--edition", default="", help="baskı tarihi, YYYY-AA-GG")
    ap.add_argument("--root", default=".", help="depo kökü")
    ap.add_argument(
        "--skip-tests", action="store_true", help="testleri çalıştırma (yalnızca test düzeni için)"
    )
    ap.add_argument("--data", help="veri dosyası (varsayılan: paketteki tarife.toml)")
    ap.add_argument("--today", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    today = dt.date.fromisoformat(args.today) if args.today else turkish.today_tr()
    root = Path(args.root).resolve()
    try:
        day = publish(root, args.edition, today=today, run_tests=not args.skip_tests, data_path=args.data)
    except Refused as exc:
        print(f"YAYIMLANMADI: {exc}", file=sys.stderr)
        return 1
    print(
        f"Yayımlandı: {turkish.date_long(day)} baskısı yerel '{BRANCH}' dalında, '{ALIAS}' bu baskıyı "
        f"gösteriyor.\nSiteye göndermek için: git push origin {BRANCH} {TAG_PREFIX}{day.isoformat()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
