"""Sample letters: every template filled with one demo case's data, dated along its timeline."""

from __future__ import annotations

from dataclasses import replace

from kiosk.domain.cases import TEMPLATE_TITLES, CaseSettings, LetterContent, SchoolDetails, plain_behaviours
from kiosk.services.cases.letters import (
    COMPLAINTS_ROUTE,
    SECTION_547,
    STEP_FIELDS,
    LetterRenderer,
    representations_contact,
    signer,
)


def demo_fields(s: CaseSettings, school: SchoolDetails | None = None) -> dict[str, str]:
    """Every placeholder filled with demo data, for sample letters."""
    school = school or SchoolDetails()
    if signer(s, school)[1] == "":  # no head's name in the settings yet: show what a named signer looks like
        school = replace(school, head_name="Mrs Helen Carter")
    fields = {key: "" for key in STEP_FIELDS}
    fields.update(
        school_name=school.name,
        school_address=school.address,
        head_name=signer(s, school)[0],
        head_title=signer(s, school)[1],
        signer_name=signer(s, school)[0],
        signer_role=signer(s, school)[1],
        salutation="Mr Blake",
        date="3 December 2026",
        case_ref="CoC-0007",
        recipient_name="Mr Jordan Blake",
        recipient_address="14 Elm Road, Oakfield, OK1 4CD",
        person_name="Jordan Blake",
        person_address="14 Elm Road, Oakfield, OK1 4CD",
        subject_type="parent/carer",
        incident_date="28 November 2026",
        incident_where="on the school premises (the main gate at pick-up)",
        behaviour=plain_behaviours(
            ("loud or offensive language or temper", "threatening staff, visitors, parents or pupils")
        ),
        description="At 3:20pm Mr Blake shouted at the Year 3 teacher at the main gate and said he would "
        "'sort her out'. Several parents and children were nearby.",
        witnesses="Two members of staff on gate duty; a parent (details held by the school office).",
        lado_referral="The concern was referred to the Local Authority Designated Officer (LADO) on "
        "28 November 2026 (reference L-2026-114).",
        police_force=s.police_force,
        legal_team=s.legal_team,
        complaints_route=COMPLAINTS_ROUTE,
        section_547=SECTION_547 if s.cite_section_547 else "",
        crime_reference="CAD 4417/28NOV",
        meeting_date="Tuesday 8 December 2026",
        meeting_time="3:45pm",
        meeting_place="the head's office (please come to the main reception)",
        reply_by="Monday 7 December 2026",
        first_letter_date="1 December 2026",
        meeting_outcome="You did not attend the meeting, and we have not been able to resolve matters with you.",
        warning_date="10 December 2026",
        ban_title="Temporary ban from the school premises",
        ban_background="On 10 December 2026 I wrote to you asking you to stop this behaviour, and warned you "
        "that if it continued you might be banned from the school premises. I am sorry to say "
        "that the behaviour has continued, most recently on 14 December 2026.",
        ban_kind_sentence="For now this is a temporary ban (a temporary bar): it will be reviewed after "
        "29 December 2026, taking into account any representations you make.",
        ban_start="15 December 2026",
        ban_end="14 December 2027",
        ban_months="12",
        ban_review_date="5 January 2027",
        ban_scope=f"the premises of {school.name}, including its buildings, grounds and gates",
        ban_conditions="You may wait at the corner of School Lane, outside the gates, for your child to be "
        "brought to you at the end of the day.",
        representations_by="29 December 2026",
        representations_how=representations_contact(s, school),
        representations_review="The ban will be reviewed after that date, taking into account anything you "
        "send us, and I will write to you with the outcome.",
        ban_letter_date="15 December 2026",
        representations_sentence="Thank you for your representations, which we received on 22 December 2026.",
        review_outcome="confirmed",
        review_decision="I have decided that the ban will continue as set out below.",
        review_reason="The representations do not dispute what happened at the gate, and the behaviour "
        "was repeated after the warning.",
        ban_in_force="yes",
    )
    return fields


def sample_letters(
    letters: LetterRenderer, settings: CaseSettings, school: SchoolDetails | None = None
) -> dict[str, bytes]:
    """One letter per template filled with demo data (for `kiosk letters samples`)."""
    fields = demo_fields(settings, school)
    recipients = {"police_referral": settings.police_force, "legal_referral": settings.legal_team}
    # Each sample is dated where it falls in the demo case's timeline, so the dates in it make sense.
    dated = {
        "meeting_invitation": "1 December 2026",
        "warning": "10 December 2026",
        "ban": "15 December 2026",
        "ban_review": "5 January 2027",
    }
    out = {}
    for name in TEMPLATE_TITLES:
        filled = dict(fields)
        if name in dated:
            filled["date"] = dated[name]
        if name == "ban_review":  # the review sets the next one: after its own date, before the end
            filled["ban_review_date"] = "5 July 2027"
        if name in recipients:
            filled.update(recipient_name=recipients[name], recipient_address="")
        out[name] = letters.render(LetterContent(name, filled))
    return out
