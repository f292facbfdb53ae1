"""The one error type of the engine: a stable code and a Turkish message."""

from __future__ import annotations

from dataclasses import dataclass

# Every code an EimzaError can carry (stable: programs and pages match on them).
ERROR_CODES: dict[str, str] = {
    "case-invalid": "the case is not a JSON object, cannot be read, or has an unknown key",
    "situation-unknown": "situation is not one of the national file's [[situation]] ids",
    "role-unknown": "role is not one of the national file's [[role]] ids",
    "date-invalid": "date is not a real YYYY-MM-DD date",
    "option-not-applicable": "an [[option]] given for another situation than its own",
    "option-invalid": "an [[option]]'s value is not true or false",
    "identity-incomplete": "name, surname and tckn are not all given (or all left out)",
    "name-invalid": "name has characters other than letters, spaces, ' and -, or is too long",
    "surname-invalid": "surname has characters other than letters, spaces, ' and -, or is too long",
    "tckn-invalid": "T.C. Kimlik No fails its format or check digits",
    "tariff-unknown": "no tariff amounts for the date (before the data, or a period of unknown amounts)",
    "vat-unknown": "no VAT rate for the date (cannot happen with valid data)",
    "amount-too-large": "an amount (or a sum) is a trillion lira or more: beyond the engine's range",
    "data-invalid": "a data file is unreadable or invalid (see DataError.problems)",
    "usage": "bad command line (CLI only)",
    "internal-error": "an unexpected failure, caught by eimza.web.answer only",
}


class EimzaError(Exception):
    """Every bad input ends here: `code` is stable (for programs), `message` is Turkish."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        link: str | None = None,
        links: tuple[str, ...] = (),
        lead: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.link = link
        # tariff-unknown: the message's first sentence, what is missing ("2026 yılının e-imza
        # ücretleri bu sitede henüz yok."), which an answer for another day repeats (eimza.dated)
        self.lead = lead
        # every address the message names (https:, mailto:, tel:), made links on a page
        self.links = links or ((link,) if link else ())

    def to_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message": self.message}
        if self.link:
            out["link"] = self.link
        return out


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file: where it is and what to do."""

    file: str
    key: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.message}"


class DataError(EimzaError):
    """The data file is not valid; `problems` lists each one with file, key and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__("data-invalid", f"Veri dosyalarında {len(problems)} hata var:\n{lines}")
