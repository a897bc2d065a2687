"""Publication dates as inputs write them: "Nov 20, 2025", "Mar 3", "2025-11-20", "2025-11", "2025", "--03-03"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_LISTING = re.compile(r"^(?P<mon>[A-Za-z]{3})[a-z]*\.? (?P<day>\d{1,2})(?:, (?P<year>\d{4}))?$")
_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_NO_YEAR = re.compile(r"^--(?P<month>\d{2})-(?P<day>\d{2})$")  # what `PaperDate.iso` writes without a year


@dataclass(frozen=True, slots=True)
class PaperDate:
    """A whole or partial date. `iso` is "2025-11-20", "2025-11", "2025" or "--03-03" (no year)."""

    iso: str
    year: int | None
    month: int | None
    day: int | None


def parse_date(text: str) -> PaperDate | None:
    """The date `text` names, or None when it is not a date in one of the known forms (or impossible)."""
    text = text.strip()
    match = _LISTING.match(text)
    if match:
        month = _MONTHS.get(match["mon"].lower())
        year = int(match["year"]) if match["year"] else None
        return _checked(year, month, int(match["day"])) if month else None
    match = _ISO.match(text)
    if match:
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        return _checked(int(match["year"]), month, day)
    match = _NO_YEAR.match(text)
    if match:
        return _checked(None, int(match["month"]), int(match["day"]))
    return None


def _checked(year: int | None, month: int | None, day: int | None) -> PaperDate | None:
    try:
        dt.date(year or 2000, month or 1, day or 1)  # 2000 is a leap year, so "Feb 29" stays valid
    except ValueError:
        return None
    if year is None:
        return PaperDate(f"--{month:02d}-{day:02d}", None, month, day)
    parts = [f"{year:04d}"] + [f"{part:02d}" for part in (month, day) if part is not None]
    return PaperDate("-".join(parts), year, month, day)
