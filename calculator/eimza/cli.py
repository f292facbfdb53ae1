"""Command line: `python -m eimza quote …`, `check` and `diff OLD NEW` / `diff --rev REV`; each
takes `--il` (a directorate id or folder; default EIMZA_IL, else tekirdag) and `--national`
(the national file; default: the data root's). The quote's situations, roles and option
flags come from the data."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from . import turkish
from .diff import main_diff
from .errors import DataError, EimzaError
from .evaluate import quote
from .loader import load_data
from .model import Data
from .present import render_text
from .report import check_command, dated_problems, problem_lines, warning_lines, yearly_update_warnings


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Kullanım: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Turkish: help texts, headings, and complaints turned into EimzaError (exit 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "bağımsız değişkenler"
        self._optionals.title = "seçenekler"
        self.add_argument("-h", "--help", action="help", help="bu yardımı gösterir ve çıkar")

    def error(self, message: str) -> NoReturn:
        raise EimzaError("usage", f"Komut satırı hatalı: {_tr_usage(message)}\n{self.format_usage()}")


def _tr_usage(message: str) -> str:
    table = (
        ("the following arguments are required:", "şu seçenekler gerekli:"),
        ("unrecognized arguments:", "tanınmayan seçenekler:"),
        ("invalid choice:", "geçersiz seçim:"),
        ("expected one argument", "bir değer bekleniyordu"),
        ("argument ", "seçenek "),
        ("choose from", "seçenekler:"),
    )
    for en, tr in table:
        message = message.replace(en, tr)
    return message


def _data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--il",
        metavar="İL",
        help="müdürlük: kimliği (ör. mersin) veya klasörü (varsayılan: EIMZA_IL, yoksa tekirdag)",
    )
    p.add_argument(
        "--national", metavar="DOSYA", help="ulusal dosya (varsayılan: veri klasörünün kamusm.toml dosyası)"
    )


def _option_flag(option_id: str) -> str:
    return "--" + option_id.replace("_", "-")


def _parser(data: Data | None = None) -> _Parser:
    """The command line; the quote's choices and option flags from `data` when it is loaded."""
    ap = _Parser(prog="python -m eimza", description="E-İmza Rehberi ücret ve işlem motoru.")
    sub = ap.add_subparsers(dest="command", parser_class=_Parser, metavar="KOMUT")
    q = sub.add_parser("quote", help="bir durum için adımları ve ödemeyi yazar")
    situations = ", ".join(s.id for s in data.situations) if data else ""
    roles = ", ".join(r.id for r in data.roles) if data else ""
    q.add_argument("--situation", required=True, metavar="DURUM", help=situations or "başvuru türü")
    q.add_argument("--role", required=True, metavar="GÖREV", help=roles or "görev")
    q.add_argument(
        "--date", metavar="TARİH", help="ödeme/başvuru tarihi, YYYY-AA-GG (varsayılan: bugün, Türkiye)"
    )
    for option in data.options if data else ():
        situation = data.situation(option.situation).label if data else ""
        q.add_argument(
            _option_flag(option.id),
            dest=f"option_{option.id}",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=f"{situation}: {option.true_title} (--no-… : {option.false_title})",
        )
    q.add_argument("--name", metavar="AD", help="ad (açıklama için)")
    q.add_argument("--surname", metavar="SOYAD", help="soyad (açıklama için)")
    q.add_argument("--tckn", metavar="TCKN", help="T.C. Kimlik No (açıklama için)")
    _data_args(q)
    q.add_argument("--json", action="store_true", help="sonucu JSON olarak yaz")
    c = sub.add_parser("check", help="ulusal dosyayı ve müdürlüğün dosyalarını denetler")
    _data_args(c)
    c.add_argument("--today", help=argparse.SUPPRESS)
    d = sub.add_parser("diff", help="iki veri durumunu okurun göreceği değişikliklerle karşılaştırır")
    d.add_argument(
        "dirs", nargs="*", metavar="KLASÖR", help="ESKİ YENİ: iki müdürlük klasörü (veya --rev ile hiçbiri)"
    )
    d.add_argument("--rev", metavar="SÜRÜM", help="ESKİ: dosyaların bu git sürümündeki hâli (ör. HEAD)")
    _data_args(d)
    d.add_argument("--today", help=argparse.SUPPRESS)
    return ap


def _case(args: argparse.Namespace) -> dict[str, Any]:
    case: dict[str, Any] = {"situation": args.situation, "role": args.role}
    if args.date is not None:
        case["date"] = args.date
    for name, value in vars(args).items():
        if name.startswith("option_") and value is not None:
            case[name.removeprefix("option_")] = value
    for key in ("name", "surname", "tckn"):
        if getattr(args, key) is not None:
            case[key] = getattr(args, key)
    return case


def _cmd_quote(args: argparse.Namespace, data: Data) -> int:
    q = quote(_case(args), data)
    if args.json:
        print(json.dumps(q, ensure_ascii=False, indent=2))
    else:
        print(render_text(q))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    again = check_command(args.il)
    try:
        data = load_data(args.il, args.national)
    except DataError as err:
        for line in problem_lines(err, again):
            print(line, file=sys.stderr)
        return 1
    editions = Path(data.path).with_name("baskilar.toml")
    if editions.is_file():
        from .editions import load_editions

        try:
            load_editions(editions)
        except DataError as err:
            for line in problem_lines(err, again):
                print(line, file=sys.stderr)
            return 1
    today = dt.date.fromisoformat(args.today) if args.today else turkish.today_tr()
    dated = dated_problems(data, today)
    if dated:
        for line in problem_lines(DataError(dated), again):
            print(line, file=sys.stderr)
        return 1
    for line in warning_lines(data):
        print(line)
    for w in yearly_update_warnings(data, today):
        print(w)
    known = sum(1 for t in data.tariffs if t.amounts_known)
    rules = len(data.procedure.rules)
    print(
        f"Tamam: {data.national_path} ve {data.path} geçerli ({len(data.tariffs)} tarife dönemi, "
        f"{known} tanesinin tutarları biliniyor; {len(data.vat)} KDV dönemi; başvuru yolunda "
        f"{rules} kural, her durum ve tarih için tam bir ödeme kuralı ve en az bir adım)."
    )
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    dirs = list(args.dirs)
    if (args.rev is None and len(dirs) != 2) or (args.rev is not None and dirs):
        raise EimzaError(
            "usage",
            "Kullanım: make diff [IL=İL] [REV=SÜRÜM]  veya  "
            ".venv/bin/python -m eimza diff ESKİ_KLASÖR YENİ_KLASÖR",
        )
    today = dt.date.fromisoformat(args.today) if args.today else turkish.today_tr()
    old, new = (None, args.il) if args.rev else (dirs[0], dirs[1])
    code, out, err = main_diff(old, new, args.rev, today, args.national)
    for line in err:
        print(line, file=sys.stderr)
    for line in out:
        print(line)
    return code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    as_json = "--json" in argv
    try:
        data = None
        if argv[:1] == ["quote"]:  # its choices come from the data
            pre = argparse.ArgumentParser(add_help=False)
            _data_args(pre)
            known, _ = pre.parse_known_args(argv[1:])
            data = load_data(known.il, known.national)  # a DataError is an EimzaError: exit 2
        args = _parser(data).parse_args(argv)
        if args.command == "quote":
            assert data is not None
            return _cmd_quote(args, data)
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "diff":
            return _cmd_diff(args)
        _parser(data).print_help()
        return 2
    except EimzaError as err:
        print(err.message, file=sys.stderr)
        if as_json:
            print(json.dumps({"error": {"code": err.code, "message": err.message}}, ensure_ascii=False))
        return 2
