"""The one error type of the engine: a stable code and a Turkish message."""

from __future__ import annotations

from dataclasses import dataclass


class EimzaError(Exception):
    """Every bad input ends here: `code` is stable (for programs), `message` is Turkish."""

    def __init__(self, code: str, message: str, *, link: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.link = link

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
        super().__init__("data-invalid", f"Veri dosyasında {len(problems)} hata var:\n{lines}")
