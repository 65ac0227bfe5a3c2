"""The breach process's rules without a database: the step state machine, dates, terms, templates."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from kiosk.domain.cases import (
    PLAIN_BEHAVIOUR,
    TEMPLATE_TITLES,
    TRANSITIONS,
    CaseStage,
    LetterContent,
    StepKind,
    StepNotAllowed,
    allowed_steps,
    check_step,
    plain_behaviours,
)
from kiosk.domain.errors import InvalidInput
from kiosk.domain.model import BEHAVIOUR_CATEGORIES
from kiosk.printing.letters import TemplateLetterRenderer, parse_template
from kiosk.services.cases import (
    CaseSettings,
    SchoolDetails,
    add_months,
    demo_fields,
    parse_terms,
    sample_letters,
    term_of,
)


def test_every_policy_behaviour_has_plain_words():
    assert set(PLAIN_BEHAVIOUR) == set(BEHAVIOUR_CATEGORIES)
    assert plain_behaviours(["disruptive behaviour", "bringing the school into disrepute"]) == (
        "behaving in a way that disrupted the school's normal routines and bringing the school into disrepute"
    )


def test_the_letters_route_runs_in_the_policys_order():
    stage = CaseStage.OPEN
    for step in (
        StepKind.MEETING_INVITATION,
        StepKind.WARNING,
        StepKind.BAN,
        StepKind.REPRESENTATIONS,
        StepKind.BAN_REVIEW,
        StepKind.BAN_REVIEW,
        StepKind.CLOSED,
    ):
        stage = check_step(stage, step)
    assert stage is CaseStage.CLOSED
    assert allowed_steps(CaseStage.CLOSED) == []


def test_a_ban_after_a_warning_is_not_an_immediate_ban_and_vice_versa():
    assert StepKind.BAN in allowed_steps(CaseStage.WARNED)
    # After a warning with no further incident, only a ban without the steps (note 1) remains.
    assert StepKind.IMMEDIATE_BAN in allowed_steps(CaseStage.WARNED)
    for stage in (CaseStage.OPEN, CaseStage.POLICE, CaseStage.LEGAL, CaseStage.MEETING_INVITED):
        assert StepKind.IMMEDIATE_BAN in allowed_steps(stage)
        assert StepKind.BAN not in allowed_steps(stage)


def test_a_disallowed_step_says_what_may_come_next():
    with pytest.raises(StepNotAllowed) as err:
        check_step(CaseStage.OPEN, StepKind.WARNING)
    message = str(err.value)
    assert "'Warning letter' cannot be done now" in message and "open" in message
    assert "invitation to a meeting" in message
    with pytest.raises(StepNotAllowed):
        check_step(CaseStage.BANNED, StepKind.CLOSED)  # a ban in place is reviewed, not just closed
    with pytest.raises(StepNotAllowed):
        check_step(CaseStage.OPEN, StepKind.OPENED)


def test_every_stage_but_closed_has_a_way_forward():
    reachable = {to for _sources, to in TRANSITIONS.values()} | {CaseStage.OPEN}
    assert reachable == set(CaseStage)
    assert all(allowed_steps(s) for s in CaseStage if s is not CaseStage.CLOSED)


def test_months_and_terms():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 3), 12) == date(2027, 12, 3)
    assert term_of(date(2026, 10, 1)) == "Autumn 2026"
    assert term_of(date(2027, 2, 1)) == "Spring 2027"
    assert term_of(date(2027, 5, 1)) == "Summer 2027"
    terms = parse_terms(
        [
            "Autumn 2026: 2026-09-03..2026-12-18",
            {"name": "Spring 2027", "start": "2027-01-05", "end": "2027-03-26"},
        ]
    )
    assert term_of(date(2026, 12, 1), terms) == "Autumn 2026"
    assert term_of(date(2027, 1, 10), terms) == "Spring 2027"
    with pytest.raises(InvalidInput):
        parse_terms(["Autumn: soon"])


def test_template_conditions_bullets_and_unknown_placeholders():
    text = "Subject: For $person_name\n\nDear $person_name,\n\n[if extra] Extra: $extra\n\n- **A** $x\n- B\n"
    subject, blocks = parse_template(text, {"person_name": "Ann & Bo", "extra": "", "x": "<1>"})
    assert subject == "For Ann &amp; Bo"
    assert [b.kind for b in blocks] == ["para", "bullets"]
    assert blocks[1].lines == ("<b>A</b> &lt;1&gt;", "B")
    with pytest.raises(InvalidInput, match=r"\$nope"):
        parse_template("Dear $nope", {})


def test_sample_letters_fill_every_template(tmp_path):
    settings = CaseSettings(cite_section_547=True)
    letters = sample_letters(TemplateLetterRenderer(), settings, SchoolDetails(head_name="Mrs Helen Carter"))
    assert set(letters) == set(TEMPLATE_TITLES)
    for name, pdf in letters.items():
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
        assert "Kestrel House School" in text and "Mrs Helen Carter" in text, name
        if name not in ("police_referral", "legal_referral"):
            assert "section 547 of the Education Act 1996" in text, name
            assert "complaints procedure" in text, name


def test_the_schools_own_template_wins(tmp_path):
    (tmp_path / "warning.txt").write_text(
        "Subject: Our own words\n\nStop it, $person_name.\n", encoding="utf-8"
    )
    renderer = TemplateLetterRenderer(tmp_path)
    pdf = renderer.render(LetterContent("warning", demo_fields(CaseSettings())))
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Our own words" in text and "Stop it, Jordan Blake." in text
    assert "Invitation" in " ".join(
        PdfReader(
            io.BytesIO(renderer.render(LetterContent("meeting_invitation", demo_fields(CaseSettings()))))
        )
        .pages[0]
        .extract_text()
        .split()
    )  # a template not in the school's folder falls back to the shipped one
