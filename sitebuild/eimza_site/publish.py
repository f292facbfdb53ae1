"""`make publish EDITION=YYYY-MM-DD [DUZELTME=1]`: check, then publish a dated edition into
the local gh-pages branch (`make push` sends it).

Order (each refusal is Turkish, names the check and what to do, exit 1):
1. the date: a real date, not in the future; not older than the newest published edition;
   already published only with DUZELTME=1 (a correction), a correction only of a published one;
2. the data check (tarife.toml, baskilar.toml): clean, the edition listed and the newest,
   a correction listed in its `corrections`; both files committed;
3. the strict build of this edition into build/yayin/EDITION, then the built-site checks
   (sitecheck: amounts = the engine's for this data, no token left, links) and the calculator
   in the shipped Pyodide (calccheck);
4. `mike deploy --update-aliases EDITION guncel` (redirect aliases), `mike set-default guncel`,
   and the tag: `baski-EDITION`, or `baski-EDITION-duzeltme-N` for the N-th correction (a
   published tag never moves, so `make push` never overwrites one).
The data reaches the build only through EIMZA_DATA (the plugin's one data door)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from eimza import turkish
from eimza.editions import PLACEHOLDER_NOTE, Edition, load_editions
from eimza.errors import DataError
from eimza.rates import Data, load_data
from eimza.report import dated_problems, problem_lines, warning_lines, yearly_update_warnings

from . import calccheck, facts, sitecheck
from .edition_tags import correction_tag, edition_tag, tags

ALIAS = "guncel"
BRANCH = "gh-pages"
CHECK_DIR = Path("build") / "yayin"


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


def published_dates(root: Path, branch: str = BRANCH) -> list[dt.date]:
    dates = []
    for v in published_versions(root, branch):
        try:
            dates.append(dt.date.fromisoformat(str(v.get("version"))))
        except ValueError:
            continue
    return sorted(dates)


def check_order(day: dt.date, published: list[dt.date], correction: bool, today: dt.date) -> None:
    """Refused at once: an older date, a second publish without DUZELTME=1, a correction of
    an edition that was never published."""
    if published and day < published[-1]:
        raise Refused(
            f"Yayımlanmış en yeni baskı {published[-1].isoformat()}; {day.isoformat()} ondan eski. "
            "Yeni baskı en yeni baskıdan sonra gelir: baskilar.toml'a bugünün tarihiyle yeni bir "
            f"[[edition]] ekleyin ve make publish EDITION={_suggest(published[-1], today)} ile yayımlayın. "
            f"Yayımlanmış {published[-1].isoformat()} baskısındaki bir hatayı düzeltmek için: "
            f"make publish EDITION={published[-1].isoformat()} DUZELTME=1."
        )
    if day in published and not correction:
        raise Refused(
            f"{day.isoformat()} baskısı zaten yayımlanmış; üzerine yazılmaz. Bu baskıdaki bir hatayı "
            f"düzeltiyorsanız baskilar.toml'da bu baskıya düzeltme tarihini ekleyin (corrections = "
            f"[{today.isoformat()}]), kaydedin ve make publish EDITION={day.isoformat()} "
            "DUZELTME=1 yazın. Yeni bir baskıysa bugünün tarihiyle yeni bir [[edition]] ekleyin."
        )
    if correction and day not in published:
        raise Refused(
            f"DUZELTME=1 yalnızca yayımlanmış bir baskı için kullanılır; {day.isoformat()} "
            "yayımlanmamış. Yeni baskıyı DUZELTME=1 olmadan yayımlayın: "
            f"make publish EDITION={day.isoformat()}"
        )


def _suggest(after: dt.date, today: dt.date) -> str:
    return max(today, after + dt.timedelta(days=1)).isoformat()


def check_data(
    data_path: str, editions_path: Path, day: dt.date, correction: bool, today: dt.date
) -> tuple[Data, Edition, list[str]]:
    """Data and editions must check clean and list this edition; (data, edition, warnings)."""
    try:
        data = load_data(data_path)
        editions = load_editions(editions_path)
    except DataError as err:
        raise Refused(
            "\n".join(
                ["[veri denetimi]", *problem_lines(err), "Veri dosyasında hata olduğu için yayımlanmadı."]
            )
        ) from None
    dated = dated_problems(data, today)
    if dated:
        lines = problem_lines(DataError(dated))
        raise Refused(
            "\n".join(["[veri denetimi]", *lines, "Veri dosyasında hata olduğu için yayımlanmadı."])
        )
    entry = next((e for e in editions if e.date == day), None)
    if entry is None:
        raise Refused(
            f"[veri denetimi] {editions_path} dosyasında {day.isoformat()} tarihli baskı yok. Dosyanın "
            "sonuna şunu ekleyin, notu okurlar için yazın (örnek metin yayımlanmaz), sonra kaydedip "
            "(git commit) yeniden deneyin:\n\n" + suggested_entry(day)
        )
    if editions[-1].date != day:
        raise Refused(
            f"[veri denetimi] {day.isoformat()} tarihli baskı {editions_path} dosyasındaki en yeni baskı "
            f"değil (en yenisi {editions[-1].date.isoformat()}); eski bir baskı yeniden yayımlanmaz."
        )
    if correction and (not entry.corrections or entry.corrections[-1] != today):
        raise Refused(
            f"[veri denetimi] Düzeltme kayda geçmeli: {editions_path} dosyasında {day.isoformat()} "
            f"baskısına bugünün tarihini ekleyin: corrections = [{_with_today(entry, today)}] "
            "(okurlar değişiklik geçmişinde baskının düzeltildiğini ve ne zaman düzeltildiğini görür). "
            "Kaydedip (git commit) yeniden deneyin."
        )
    return data, entry, [*warning_lines(data), *yearly_update_warnings(data, day)]


def _with_today(entry: Edition, today: dt.date) -> str:
    return ", ".join(d.isoformat() for d in (*entry.corrections, today))


def suggested_entry(day: dt.date) -> str:
    return f'[[edition]]\ndate = {day.isoformat()}\nnote = "{PLACEHOLDER_NOTE}"\n'


def check_committed(root: Path, paths: list[Path]) -> None:
    inside = []
    for p in paths:
        try:
            inside.append(str(p.resolve().relative_to(root.resolve())))
        except ValueError:
            raise Refused(
                f"{p} bu deponun ({root}) dışında; yayımlanan veri deponun içindeki dosyadır "
                "(calculator/eimza/data/). Dosyayı oraya kopyalayıp kaydedin."
            ) from None
    status = _git(root, "status", "--porcelain", "--", *inside)
    if status.returncode != 0:
        raise Refused(f"git çalışmadı ({status.stderr.strip()}); yayın bir git deposunda yapılır.")
    if status.stdout.strip():
        raise Refused(
            "Veri dosyalarında kaydedilmemiş değişiklik var:\n"
            + status.stdout.rstrip()
            + "\nÖnce kaydedin: git add "
            + " ".join(inside)
            + ' && git commit -m "Tarife güncellemesi"'
        )


def run(cmd: list[str], root: Path, env: dict[str, str], what: str, hint: str = "") -> None:
    print(f"→ {what}: {' '.join(cmd)}", flush=True)
    proc = subprocess.run(cmd, cwd=root, env=env)
    if proc.returncode != 0:
        more = f" {hint}" if hint else ""
        raise Refused(f"[{what}] başarısız oldu (çıkış kodu {proc.returncode}); yayımlanmadı.{more}")


BUILD_HINT = (
    "Yukarıdaki ilk ERROR/WARNING satırı hangi sayfada (docs/…) ya da veri dosyasının hangi "
    "satırında sorun olduğunu söyler. Düzeltip make serve ile önizlemede bakın, kaydedin ve "
    "yeniden yayımlayın."
)


def check_built(site: Path, root: Path, data: Data, day: dt.date) -> None:
    """The built-site checks and the calculator in the shipped Pyodide; refuse on a problem."""
    started = time.monotonic()
    problems = sitecheck.check_site(site, data, day)
    print(f"→ Sayfa denetimi (tutarlar, etiketler, bağlantılar): {len(problems)} sorun", flush=True)
    if not problems:
        problems = calccheck.check_calculator(site, root, data)
        print(f"→ Hesaplayıcı denetimi (sitenin Pyodide'ı): {len(problems)} sorun", flush=True)
    if problems:
        raise Refused(
            "\n".join(
                [
                    *sitecheck.report(problems[:20]),
                    *([f"… ve {len(problems) - 20} sorun daha."] if len(problems) > 20 else []),
                    f"Denetlenen derleme: {site}. Sorunları düzeltip kaydedin ve yeniden yayımlayın.",
                ]
            )
        )
    print(f"  denetimler {time.monotonic() - started:.0f} sn sürdü", flush=True)


def publish(
    root: Path,
    edition: str,
    *,
    today: dt.date,
    correction: bool = False,
    site_checks: bool = True,
    data_path: str | None = None,
    editions_path: Path | None = None,
    branch: str = BRANCH,
) -> tuple[dt.date, str]:
    """Publish; return (edition date, the tag written)."""
    day = parse_edition(edition, today)
    check_order(day, published_dates(root, branch), correction, today)
    # The same door as the build's (facts.choose): the data file and the editions file beside it.
    data_file = facts.data_path(data_path)
    editions_file = editions_path or facts.editions_path(data_file)
    data, entry, warnings = check_data(str(data_file), editions_file, day, correction, today)
    for warning in warnings:
        print(warning)
    check_committed(root, [data_file, editions_file])
    tag = correction_tag(day, len(entry.corrections)) if correction else edition_tag(day)
    if tag in tags(root):
        raise Refused(
            f"{tag} etiketi zaten var: bu baskı bu hâliyle yayımlanmış. Yeni bir düzeltmeyse "
            f"baskilar.toml'da corrections listesine bir tarih daha ekleyin: "
            f"corrections = [{_with_today(entry, today)}]."
        )
    env = {**os.environ, "EIMZA_EDITION": day.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    # mkdocs and mike: the ones next to this Python (the project's .venv)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["EIMZA_DATA"] = str(data_file)  # the build reads the data only through facts.choose
    if site_checks:
        env.pop("EIMZA_NO_SNAPSHOT", None)  # a checked edition ships its calculator's snapshot
        site = root / CHECK_DIR / day.isoformat()
        shutil.rmtree(site, ignore_errors=True)
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
        run(build, root, env, "Derleme (mkdocs build --strict)", BUILD_HINT)
        check_built(site, root, data, day)
    title = turkish.date_long(day)
    message = f"Baskı {day.isoformat()} ({title})" + (f", düzeltme {today.isoformat()}" if correction else "")
    message += f" [{tag}]"  # the edition workflow (.github/workflows/baski.yml) looks for it
    mike = [str(Path(sys.executable).with_name("mike"))]
    run(
        [
            *mike, "deploy", "--update-aliases", "--alias-type=redirect", "--branch", branch,
            "--title", title, "--message", message, day.isoformat(), ALIAS,
        ],
        root, env, "Yayın (mike deploy)", BUILD_HINT,
    )  # fmt: skip
    run([*mike, "set-default", "--branch", branch, ALIAS], root, env, "Varsayılan baskı (mike set-default)")
    made = _git(root, "tag", tag)
    if made.returncode != 0:
        raise Refused(
            f"{tag} etiketi yazılamadı ({made.stderr.strip()}); baskı gh-pages dalında ama etiketsiz."
        )
    return day, tag


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="make publish", description="Tarihli bir baskıyı denetleyip yerel gh-pages dalına yayımlar."
    )
    ap.add_argument("--edition", default="", help="baskı tarihi, YYYY-AA-GG (EDITION=)")
    ap.add_argument("--correction", action="store_true", help="yayımlanmış baskıyı düzelt (DUZELTME=1)")
    ap.add_argument("--root", default=".", help="depo kökü")
    ap.add_argument("--data", help="veri dosyası (varsayılan: paketteki tarife.toml)")
    ap.add_argument("--today", help=argparse.SUPPRESS)
    # test set-up only: publish an edition that is not under test without the site checks
    ap.add_argument("--no-site-checks", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    today = dt.date.fromisoformat(args.today) if args.today else turkish.today_tr()
    root = Path(args.root).resolve()
    started = time.monotonic()
    try:
        day, tag = publish(
            root,
            args.edition,
            today=today,
            correction=args.correction,
            site_checks=not args.no_site_checks,
            data_path=args.data,
        )
    except Refused as exc:
        print(f"YAYIMLANMADI: {exc}", file=sys.stderr)
        return 1
    what = "düzeltmesi" if args.correction else "baskısı"
    print(
        f"Yayımlandı: {turkish.date_long(day)} {what} yerel '{BRANCH}' dalında ({tag} etiketiyle), "
        f"'{ALIAS}' bu baskıyı gösteriyor ({time.monotonic() - started:.0f} sn).\n"
        "Siteye göndermek için: make push"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
