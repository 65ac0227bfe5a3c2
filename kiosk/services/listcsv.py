"""Reading the school's lists from CSV: header names as the common exports spell them, one clear line per fault.

Each import names its columns with the headers it accepts (``Column``): a supply agency's booking list says
"Forename", a school information system says "Legal Surname", a spreadsheet says "First name". Headers are
compared without case, spaces, underscores or punctuation, so "First_Name", "first name" and "FIRSTNAME"
are one header. An unknown column is ignored (exports carry many), a required one missing refuses the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.domain.errors import InvalidInput
from kiosk.domain.spreadsheet import unguard

MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    """One field an import reads: its name and the headers that mean it (the first is the documented one)."""

    field: str
    headers: tuple[str, ...]
    required: bool = False


def _fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def read_rows(text: str, columns: Sequence[Column], source: str) -> list[tuple[int, dict[str, str]]]:
    """(line, {field: cell}) for every non-blank row; raises InvalidInput naming the source and line."""
    if "\x00" in text:
        raise InvalidInput(f"{source} is not a CSV text file.")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InvalidInput(f"{source}, line 1: the header row cannot be read ({exc}).") from None
    if not header or not any(h.strip() for h in header):
        raise InvalidInput(f"{source} is empty: it needs a header row.")
    folded = [_fold(h) for h in header]
    where: dict[str, int] = {}
    for col in columns:
        for alias in col.headers:
            if _fold(alias) in folded:
                where[col.field] = folded.index(_fold(alias))
                break
        if col.required and col.field not in where:
            raise InvalidInput(f"{source}, line 1: the header has no {col.headers[0]!r} column.")
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise InvalidInput(f"{source} has more than {MAX_ROWS} rows: split it into smaller files.")
            row = {f: unguard(cells[i].strip()) if i < len(cells) else "" for f, i in where.items()}
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise InvalidInput(f"{source}, line {reader.line_num}: {exc}") from None
    return rows


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y")


def parse_date(value: str, label: str) -> date | None:
    """A date as UK exports write it (2026-12-03, 03/12/2026, 3 Dec 2026); "" is None."""
    value = value.strip()
    if not value:
        return None
    if "T" in value or (len(value) > 10 and value[:4].isdigit()):
        value = value[:10]  # "2026-12-03T09:00" or "2026-12-03 09:00:00": the day counts
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise InvalidInput(f"the {label} {value[:30]!r} is not a date (write it as 2026-12-03 or 03/12/2026).")


_YES = {"yes", "y", "true", "1", "x", "checked", "confirmed", "seen", "✓"}
_NO = {"", "no", "n", "false", "0", "not checked", "pending", "none"}


def parse_yes(value: str, label: str) -> bool:
    """A yes/no cell ("Yes", "Y", "TRUE", "1", "x"); anything else is refused."""
    v = value.strip().casefold()
    if v in _YES:
        return True
    if v in _NO:
        return False
    raise InvalidInput(f"the {label} {value[:30]!r} is not yes or no.")
