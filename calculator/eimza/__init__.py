"""E-İmza Rehberi engine: rules, rates, money and checks for NES applications.

Standard library only: it runs natively (the site build, the CLI) and in Pyodide (the
in-page calculator)."""

from .checks import group_iban, is_valid_iban, is_valid_tckn
from .errors import ERROR_CODES, DataError, EimzaError, Problem
from .evaluate import quote
from .loader import load_data
from .model import Data, TariffPeriod
from .money import format_tl
from .present import render_answer_html, render_error_html, render_html, render_text
from .request import Case, parse_case

__version__ = "1.0.0"

__all__ = [
    "ERROR_CODES",
    "Case",
    "Data",
    "DataError",
    "EimzaError",
    "Problem",
    "TariffPeriod",
    "format_tl",
    "group_iban",
    "is_valid_iban",
    "is_valid_tckn",
    "load_data",
    "parse_case",
    "quote",
    "render_answer_html",
    "render_error_html",
    "render_html",
    "render_text",
]
