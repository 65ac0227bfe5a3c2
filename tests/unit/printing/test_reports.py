"""Fire roll and visit log, read back as text."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta

import pypdf
import pytest
from conftest import page_size_mm

from kiosk.domain.documents import FireRoll, RosterLine, VisitLog
from kiosk.domain.model import PersonType
from kiosk.printing.reports import render_fire_roll, render_visit_log

START = datetime(2025, 6, 3, 8, 0)


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _roll(n_per_type: int) -> FireRoll:
    lines = []
    for t_index, person_type in enumerate(PersonType):
        for i in range(n_per_type):
            lines.append(
                RosterLine(
                    name=f"{person_type.label.split('/')[0]} Person{i:02d}",
                    person_type=person_type,
                    signed_in_at=START + timedelta(minutes=t_index * 10 + i),
                    host="Mrs Patel",
                    organisation="Acme Ltd" if i % 2 else "",
                )
            )
    return FireRoll("Oakfield Primary School", "Main site", datetime(2025, 6, 3, 10, 12), tuple(lines))


def test_fire_roll_lists_everybody_grouped_by_type_with_counts():
    roll = _roll(3)
    pdf = render_fire_roll(roll)
    text = "\n".join(_pages(pdf))
    for line in roll.lines:
        assert line.name in text
    assert "On site now: 21 people" in text
    for heading in (
        "Visitors (3)",
        "Contractors (3)",
        "Parents/carers (3)",
        "Collectors (3)",
        "Volunteers (3)",
    ):
        assert heading in text
    # Everyone appears under their own group's heading: groups come in order, each with its people.
    positions = [text.index(f"{t.label.split('/')[0]} Person00") for t in PersonType]
    assert positions == sorted(positions)
    assert (
        text.index("Contractors (3)") < text.index("Contractor Person00") < text.index("Parents/carers (3)")
    )
    assert "Printed Tuesday 3 June 2025 at 10:12" in text
    assert "08:00" in text and "Mrs Patel" in text


def test_fire_roll_is_a4_with_page_numbers_and_headers_on_every_page():
    pdf = render_fire_roll(_roll(12))
    pages = _pages(pdf)
    assert len(pages) >= 2
    assert page_size_mm(pdf) == pytest.approx((210, 297), abs=0.5)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Name" in text and "Here" in text  # the table header, with the tick column
    assert "Everyone accounted for" in pages[-1]


def test_fire_roll_with_nobody_on_site():
    pdf = render_fire_roll(FireRoll("Oakfield", "Main site", START, ()))
    text = "\n".join(_pages(pdf))
    assert "On site now: 0 people" in text
    assert "Nobody is signed in" in text


def test_visit_log_is_landscape_multi_page_with_headers_on_every_page():
    lines = tuple(
        RosterLine(
            name=f"Visitor {i:03d}",
            person_type=PersonType.VISITOR if i % 3 else PersonType.CONTRACTOR,
            signed_in_at=START + timedelta(hours=i),
            host="Reception",
            organisation="Acme Ltd",
            signed_out_at=START + timedelta(hours=i, minutes=45),
            status="signed-out",
            kiosk="Front door",
        )
        for i in range(90)
    )
    log = VisitLog(
        "Oakfield", "Main site", datetime(2025, 6, 1), datetime(2025, 6, 30), datetime(2025, 7, 1), lines
    )
    pdf = render_visit_log(log)
    pages = _pages(pdf)
    assert len(pages) >= 3
    width, height = page_size_mm(pdf)
    assert (width, height) == pytest.approx((297, 210), abs=0.5)
    assert "1 June 2025 to 30 June 2025" in pages[0]
    assert "90 visits" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert re.search(r"Date\s+Name\s+Type\s+Organisation\s+Visiting\s+In\s+Out\s+Status\s+Kiosk", text)
        assert f"Page {number} of {len(pages)}" in text
    everything = "\n".join(pages)
    assert all(f"Visitor {i:03d}" in everything for i in range(90))


def test_names_with_markup_characters_are_printed_as_typed():
    line = RosterLine("Tom <b>O'Brien & Sons</b>", PersonType.CONTRACTOR, START)
    text = "\n".join(_pages(render_fire_roll(FireRoll("Oakfield", "Main", START, (line,)))))
    assert "Tom <b>O'Brien & Sons</b>" in text
