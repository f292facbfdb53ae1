"""Command line: `python -m eimza quote …`, `check [FILE]` and `diff OLD NEW` / `diff --rev REV [NEW]`."""

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
from .present import render_text
from .rates import load_data
from .report import dated_problems, problem_lines, warning_lines, yearly_update_warnings
from .rules import quote


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


def _parser() -> _Parser:
    ap = _Parser(prog="python -m eimza", description="E-İmza Rehberi ücret ve işlem motoru.")
    sub = ap.add_subparsers(dest="command", parser_class=_Parser, metavar="KOMUT")
    q = sub.add_parser("quote", help="bir durum için adımları ve ödemeyi yazar")
    q.add_argument(
        "--situation", required=True, metavar="DURUM", help="first, renewal, expired, lost, reader-only"
    )
    q.add_argument("--role", required=True, metavar="GÖREV", help="family-doctor veya staff")
    q.add_argument(
        "--date", metavar="TARİH", help="ödeme/başvuru tarihi, YYYY-AA-GG (varsayılan: bugün, Türkiye)"
    )
    q.add_argument(
        "--no-electronic",
        action="store_true",
        help="yenilemede e-imzalı/e-onaylı başvuru yapılamıyor",
    )
    q.add_argument("--with-reader", action="store_true", help="kayıp/çalıntıda kart okuyucu da gerekiyor")
    q.add_argument("--name", metavar="AD", help="ad (açıklama için)")
    q.add_argument("--surname", metavar="SOYAD", help="soyad (açıklama için)")
    q.add_argument("--tckn", metavar="TCKN", help="T.C. Kimlik No (açıklama için)")
    q.add_argument("--data", metavar="DOSYA", help="veri dosyası (varsayılan: paketteki tarife.toml)")
    q.add_argument("--json", action="store_true", help="sonucu JSON olarak yaz")
    c = sub.add_parser("check", help="veri dosyasını denetler")
    c.add_argument(
        "file", nargs="?", metavar="DOSYA", help="veri dosyası (varsayılan: paketteki tarife.toml)"
    )
    c.add_argument("--today", help=argparse.SUPPRESS)
    d = sub.add_parser("diff", help="iki veri dosyasını okurun göreceği değişikliklerle karşılaştırır")
    d.add_argument("files", nargs="*", metavar="DOSYA", help="ESKİ YENİ, veya --rev ile yalnızca YENİ")
    d.add_argument("--rev", metavar="SÜRÜM", help="ESKİ: veri dosyasının bu git sürümündeki hâli (ör. HEAD)")
    d.add_argument("--today", help=argparse.SUPPRESS)
    return ap


def _case(args: argparse.Namespace) -> dict[str, Any]:
    case: dict[str, Any] = {"situation": args.situation, "role": args.role}
    if args.date is not None:
        case["date"] = args.date
    if args.no_electronic:
        case["electronic"] = False
    if args.with_reader:
        case["with_reader"] = True
    for key in ("name", "surname", "tckn"):
        if getattr(args, key) is not None:
            case[key] = getattr(args, key)
    return case


def _cmd_quote(args: argparse.Namespace) -> int:
    data = load_data(args.data) if args.data else None
    q = quote(_case(args), data)
    if args.json:
        print(json.dumps(q, ensure_ascii=False, indent=2))
    else:
        print(render_text(q))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        data = load_data(args.file)
    except DataError as err:
        for line in problem_lines(err):
            print(line, file=sys.stderr)
        return 1
    editions = Path(data.path).with_name("baskilar.toml")
    if editions.is_file():
        from .editions import load_editions

        try:
            load_editions(editions)
        except DataError as err:
            for line in problem_lines(err):
                print(line, file=sys.stderr)
            return 1
    today = dt.date.fromisoformat(args.today) if args.today else turkish.today_tr()
    dated = dated_problems(data, today)
    if dated:
        for line in problem_lines(DataError(dated)):
            print(line, file=sys.stderr)
        return 1
    for line in warning_lines(data):
        print(line)
    for w in yearly_update_warnings(data, today):
        print(w)
    known = sum(1 for t in data.tariffs if t.amounts_known)
    print(
        f"Tamam: {data.path} geçerli ({len(data.tariffs)} tarife dönemi, {known} tanesinin "
        f"tutarları biliniyor; {len(data.vat)} KDV dönemi)."
    )
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    files = list(args.files)
    if (args.rev is None and len(files) != 2) or (args.rev is not None and len(files) > 1):
        raise EimzaError(
            "usage", "Kullanım: make diff [REV=SÜRÜM]  veya  .venv/bin/python -m eimza diff ESKİ YENİ"
        )
    today = dt.date.fromisoformat(args.today) if args.today else turkish.today_tr()
    old, new = (None, files[0] if files else None) if args.rev else (files[0], files[1])
    code, out, err = main_diff(old, new, args.rev, today)
    for line in err:
        print(line, file=sys.stderr)
    for line in out:
        print(line)
    return code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    as_json = "--json" in argv
    try:
        args = _parser().parse_args(argv)
        if args.command == "quote":
            return _cmd_quote(args)
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "diff":
            return _cmd_diff(args)
        _parser().print_help()
        return 2
    except EimzaError as err:
        print(err.message, file=sys.stderr)
        if as_json:
            print(json.dumps({"error": {"code": err.code, "message": err.message}}, ensure_ascii=False))
        return 2
