"""python -m eimza_site.bench [--runs N] [--steps N] [--no-lighthouse] [--lighthouse-runs N]
[--no-slowdown] [--edition YYYY-MM-DD] [--out FILE] [--report FILE]: see the package docstring."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from eimza_site.bench import report, scenarios, site


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(args: argparse.Namespace) -> report.Figures:
    from playwright.sync_api import sync_playwright

    from eimza import load_data
    from eimza_site.bench import lighthouse
    from eimza_site.browser import CHROMIUM, FLAGS
    from eimza_site.pages import facts

    f = report.Figures()
    f.facts["load_start"] = load()
    edition = facts.edition_date(args.edition or None)
    with tempfile.TemporaryDirectory(prefix="eimza-bench-") as tmp:
        root = Path(args.site or Path(tmp) / "site")
        if not args.site:
            print("Site derleniyor…", flush=True)
            site.build(root, args.edition)
        plan = site.plan(root, edition, args.steps)
        site.swap_page(root, plan.answers)
        data = load_data()  # the form's default: the first situation and role
        default = site.form_case(data.situations[0].id, data.roles[0].id, data)
        default_instant = site.instant_for(root, default, edition)
        f.facts.update(
            edition=plan.edition,
            instant_link=plan.instant_link,
            worker_link=plan.worker_link,
            steps=plan.steps,
            default_instant=default_instant,
        )
        counter = site.Counter()
        srv, base = site.start_server(root, counter)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            f.facts["chromium"] = browser.version
            for i in range(args.runs):
                print(f"Ölçüm turu {i + 1}/{args.runs} (yük: {load()})…", flush=True)
                f.facts.setdefault("load_runs", []).append(load())
                scenarios.one_run(f, browser, base, counter, plan, default_instant, not args.no_slowdown)
            browser.close()
        if not args.no_lighthouse:
            for name, path in (("home", ""), ("calc", site.CALC)):
                failed: set[str] = set()
                foreign: set[str] = set()
                for i in range(args.lighthouse_runs):
                    print(f"Lighthouse: {name} {i + 1}/{args.lighthouse_runs}…", flush=True)
                    scores, bad, away, metrics = lighthouse.run(base + path)
                    for k, v in {**scores, **metrics}.items():
                        f.add(f"lh.{name}.{k}", v)
                    failed |= set(bad)
                    foreign |= set(away)
                f.lighthouse[name] = {
                    k: v for k in report.LH_CATEGORIES if (v := f.median(f"lh.{name}.{k}")) is not None
                }
                pre = f"lh.{name}."
                named = sorted(
                    {k[len(pre) :] for k in f.values if k.startswith((pre + "bootup ", pre + "longest "))}
                )
                simulated = ", ".join(
                    f"{m} {report.ms(f.median(pre + m))}" for m in [*lighthouse.METRICS, *named]
                )
                f.notes.append(f"Lighthouse {name} (medyan, benzetimli mobil): {simulated}")
                if failed:
                    f.notes.append(
                        f"Lighthouse {name}: puan kaybettiren denetimler: {', '.join(sorted(failed))}"
                    )
                away_text = ", ".join(sorted(foreign)) if foreign else "yok"
                f.notes.append(f"Lighthouse {name}: kökenin dışına istek: {away_text}")
        srv.shutdown()
    f.facts["load_end"] = load()
    return f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eimza_site.bench")
    ap.add_argument("--runs", type=int, default=9, help="runs (medians; at least 9 for the ratio rows)")
    ap.add_argument("--steps", type=int, default=24, help="form changes per series and run (pooled: ≥ 60)")
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (median)")
    ap.add_argument("--no-slowdown", action="store_true", help="skip the 4× CPU rows (development)")
    ap.add_argument("--edition", default="", help="build for this edition date (default: today in Türkiye)")
    ap.add_argument("--site", default="", help=argparse.SUPPRESS)  # an existing build (development)
    ap.add_argument("--out", default=str(site.ROOT / "bench-results" / "bench.json"))
    ap.add_argument("--report", default="", help="print the table of an earlier run's JSON, measure nothing")
    args = ap.parse_args(argv)
    if args.report:
        import json

        f = report.Figures.from_json(json.loads(Path(args.report).read_text("utf-8")))
    else:
        f = measure(args)
        report.write(f, Path(args.out))
    print()
    print(report.render(f))
    if not args.report:
        print(f"ayrıntılar: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
