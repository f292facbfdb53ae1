"""The worker's single entry point: case JSON in, answer JSON (quote + HTML) out."""

from __future__ import annotations

import json
from typing import Any

from .checks import is_valid_tckn
from .errors import EimzaError
from .present import render_error_html, render_html
from .rules import quote


def answer(case_json: str) -> str:
    """Never raises: every failure becomes {"ok": false, "error": {...}, "html": ...}."""
    try:
        raw: Any = json.loads(case_json)
        q = quote(raw)
    except EimzaError as err:
        return json.dumps({"ok": False, "error": err.to_dict(), "html": render_error_html(err)})
    except ValueError:
        bad = EimzaError("case-invalid", "Hesaplayıcıya gönderilen veri okunamadı.")
        return json.dumps({"ok": False, "error": bad.to_dict(), "html": render_error_html(bad)})
    return json.dumps({"ok": True, "quote": q, "html": render_html(q)}, ensure_ascii=False)


def check_tckn(value: str) -> bool:
    return is_valid_tckn(value)
