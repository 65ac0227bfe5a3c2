"""Letters of the breach process: the placeholders each step fills, dates in words, who signs.

The layout (PDF) is an adapter's job (kiosk.printing.letters); this module only says what goes in.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, time
from typing import Protocol

from kiosk.domain.cases import (
    CaseFile,
    CaseSettings,
    CaseStep,
    Incident,
    IncidentPlace,
    LetterContent,
    ReviewOutcome,
    SchoolDetails,
    StepKind,
    plain_behaviours,
)
from kiosk.domain.model import Ban, BanStage, Role


class LetterRenderer(Protocol):
    """Lays out a letter as PDF bytes (kiosk.printing.letters.TemplateLetterRenderer)."""

    def render(self, letter: LetterContent) -> bytes: ...


def signer(settings: CaseSettings, school: SchoolDetails) -> tuple[str, str]:
    """The name and title that sign letters; a generic head name ("the Head of School") signs as the title."""
    name = school.head_name.strip()
    if name.casefold().removeprefix("the ").strip() == settings.head_title.casefold():
        return settings.head_title, ""
    return name, settings.head_title


def representations_contact(settings: CaseSettings, school: SchoolDetails) -> str:
    """How to make representations: the setting, else in writing to the head at the school's address."""
    if settings.representations_contact:
        return settings.representations_contact
    name, title = signer(settings, school)
    return f"in writing to {name}{', ' + title if title else ''}, at the address above"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when that month is shorter)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_date(day: date | None, weekday: bool = False) -> str:
    """3 December 2026 (or Thursday 3 December 2026)."""
    if day is None:
        return ""
    text = f"{day.day} {day:%B %Y}"
    return f"{day:%A} {text}" if weekday else text


def clock_time(t: time) -> str:
    """3:30pm."""
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"


def role_title(role: Role | None, settings: CaseSettings) -> str:
    """How a letter names the signer's role."""
    titles = {
        Role.HEAD: settings.head_title,
        Role.SAFEGUARDING_LEAD: "Designated Safeguarding Lead",
        Role.ADMINISTRATOR: "School Administrator",
        Role.RECEPTIONIST: "School Office",
    }
    return titles.get(role, "") if role is not None else ""


def salutation(name: str, title: str = "", preferred: str = "") -> str:
    """ "Dear ..." as the person prefers: their own salutation, else title and surname, else the full name."""
    if preferred.strip():
        return preferred.strip()
    parts = name.split()
    if title.strip() and parts:
        return f"{title.strip()} {parts[-1]}"
    return name


def addressed_name(name: str, title: str = "") -> str:
    """The name on the envelope: "Mr Jürgen Müller" (with the title, when recorded)."""
    return f"{title.strip()} {name}" if title.strip() else name


def representations_review(ban: Ban, reps_by: date) -> str:
    """What happens to representations: a temporary ban is reviewed after they are due; a ban (not
    temporary) keeps its one review date, so the letter names no second one."""
    if ban.stage is BanStage.TEMPORARY:
        return (
            "The ban will be reviewed after that date, taking into account anything you send us, and I will "
            "write to you with the outcome."
        )
    return (
        "I will consider anything you send us and write to you with my response; the ban itself will be "
        f"reviewed by {long_date(ban.review_date)}, as set out above."
    )


def common_fields(
    settings: CaseSettings,
    school: SchoolDetails,
    file: CaseFile,
    day: date,
    sites: dict[int, str],
    signed_by: tuple[str, str] | None = None,
) -> dict[str, str]:
    """The placeholders every letter of a case shares. ``signed_by`` is (name, role) of the member of
    staff who made the decision; without it the head signs (settings)."""
    s, incident = settings, file.incident
    where = "online" if incident.place is IncidentPlace.ONLINE else "on the school premises"
    if incident.location:
        where = f"{where} ({incident.location})"
    lado = ""
    if incident.lado_referred_on:
        lado = (
            f"The concern was referred to the Local Authority Designated Officer (LADO) on "
            f"{long_date(incident.lado_referred_on)}"
        )
        lado += f" (reference {incident.lado_reference})." if incident.lado_reference else "."
    fields = {key: "" for key in STEP_FIELDS}
    name, role = signed_by or signer(s, school)
    fields.update(
        school_name=school.name,
        school_address=school.address,
        signer_name=name,
        signer_role=role,
        head_name=name,
        head_title=role,
        salutation=salutation(incident.subject_name, incident.subject_title, incident.subject_salutation),
        date=long_date(day),
        case_ref=file.case.reference,
        recipient_name=addressed_name(incident.subject_name, incident.subject_title),
        recipient_address=incident.subject_address,
        person_name=incident.subject_name,
        person_address=incident.subject_address,
        subject_type=incident.subject_type.value,
        incident_date=long_date(incident.occurred_on),
        incident_where=where,
        behaviour=plain_behaviours(incident.behaviours),
        description=incident.description,
        witnesses=incident.witnesses,
        lado_referral=lado,
        police_force=s.police_force,
        legal_team=s.legal_team,
        complaints_route=COMPLAINTS_ROUTE,
        section_547=SECTION_547 if s.cite_section_547 else "",
        ban_scope=ban_scope(school, (), sites),
    )
    return fields


def ban_scope(school_details: SchoolDetails, site_ids: Sequence[int], sites: dict[int, str]) -> str:
    """Where the ban applies, in words."""
    school = school_details.name
    if not site_ids or len(sites) <= 1:
        return f"the premises of {school}, including its buildings, grounds and gates"
    names = [sites.get(i, f"site {i}") for i in site_ids]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"the premises of {school} at {listed}, including the buildings, grounds and gates"


def warning_fields(file: CaseFile, refused: bool, refusal: str = "") -> dict[str, str]:
    """The warning letter's placeholders."""
    invite = last_step(file.steps, StepKind.MEETING_INVITATION)
    held = last_step(file.steps, StepKind.MEETING_HELD)
    meeting_on = date.fromisoformat(invite.details["meeting_on"]) if invite else None
    if refused and refusal:
        outcome = "You told us that you would not come to the meeting, and we have not been able to resolve matters with you."
    elif refused or held is None:
        outcome = "You did not attend the meeting, and we have not been able to resolve matters with you."
    else:
        outcome = f"We met on {long_date(held.on)}, but I am sorry to say the behaviour has continued."
    return {
        "first_letter_date": long_date(invite.on) if invite else "",
        "meeting_date": long_date(meeting_on, weekday=True),
        "meeting_outcome": outcome,
    }


def ban_fields(
    settings: CaseSettings,
    school: SchoolDetails,
    file: CaseFile,
    day: date,
    ban: Ban,
    reps_by: date,
    kind: StepKind,
    latest: Incident,
    behaviours: list[str],
) -> dict[str, str]:
    """The ban letter's placeholders."""
    s = settings
    behaviour = plain_behaviours(behaviours)
    where = "online" if latest.place is IncidentPlace.ONLINE else "on the school premises"
    warning = last_step(file.steps, StepKind.WARNING)
    if kind is StepKind.BAN and warning is not None:
        background = (
            f"On {long_date(warning.on)} I wrote to you asking you to stop {behaviour}, and warned you that if "
            "it continued you might be banned from the school premises. I am sorry to say that the behaviour "
            "has continued"
        )
        background += (
            f", most recently on {long_date(latest.occurred_on)}." if latest is not file.incident else "."
        )
    else:
        background = (
            f"On {long_date(latest.occurred_on)}, {where}, our Code of Conduct for Parents, Carers and Visitors "
            f"was broken by {behaviour}. Because this was so serious, the school is acting at once, without "
            "the usual steps of a meeting and a warning letter."
        )
    how = representations_contact(s, school)
    if ban.stage is BanStage.TEMPORARY:
        title = "Temporary ban from the school premises"
        kind_sentence = (
            f"For now this is a temporary ban (a temporary bar): it will be reviewed after "
            f"{long_date(reps_by)}, taking into account any representations you make."
        )
    else:
        title = "Ban from the school premises"
        kind_sentence = (
            f"The Head of School will monitor the ban and review it by {long_date(ban.review_date)}."
        )
    return {
        "behaviour": behaviour,
        "warning_date": long_date(warning.on) if warning else "",
        "ban_title": title,
        "ban_background": background,
        "ban_kind_sentence": kind_sentence,
        "ban_start": long_date(ban.start),
        "ban_end": long_date(ban.end),
        "ban_months": str(round(((ban.end - ban.start).days + 1) / 30.4)) if ban.end else "",
        "ban_review_date": long_date(ban.review_date),
        "ban_conditions": ban.conditions,
        "representations_by": long_date(reps_by),
        "representations_review": representations_review(ban, reps_by),
        "representations_how": how,
    }


def review_fields(
    file: CaseFile, day: date, ban: Ban, outcome: ReviewOutcome, reason: str, reps: CaseStep | None
) -> dict[str, str]:
    """The review letter's placeholders."""
    ban_step = last_step(file.steps, *BAN_STEPS)
    if reps is not None:
        reps_sentence = f"Thank you for your representations, which we received on {long_date(reps.on)}."
    else:
        reps_sentence = "We did not receive any representations from you."
    decisions = {
        ReviewOutcome.CONFIRM: "I have decided that the ban will continue as set out below.",
        ReviewOutcome.EXTEND: f"I have decided to extend the ban until {long_date(ban.end)}.",
        ReviewOutcome.CHANGE: "I have decided that the ban will continue with the changes set out below.",
        ReviewOutcome.LIFT: "I have decided to lift the ban with immediate effect. You are welcome on the "
        "school premises again, and we ask you to continue to follow our Code of Conduct.",
    }
    in_force = outcome is not ReviewOutcome.LIFT
    return {
        "ban_letter_date": long_date(ban_step.on) if ban_step else "",
        "representations_sentence": reps_sentence,
        "review_outcome": outcome.value,
        "review_decision": decisions[outcome],
        "review_reason": reason,
        "ban_in_force": "yes" if in_force else "",
        "ban_end": long_date(ban.end) if in_force else "",
        "ban_review_date": long_date(ban.review_date) if in_force else "",
        "ban_conditions": ban.conditions if in_force else "",
        "ban_start": long_date(ban.start),
    }


BAN_STEPS = (StepKind.BAN, StepKind.IMMEDIATE_BAN)

# Every placeholder a step may fill; all start empty so any template can use any of them.
STEP_FIELDS = (
    "crime_reference",
    "meeting_date",
    "meeting_time",
    "meeting_place",
    "reply_by",
    "first_letter_date",
    "meeting_outcome",
    "warning_date",
    "ban_title",
    "ban_background",
    "ban_kind_sentence",
    "ban_start",
    "ban_end",
    "ban_months",
    "ban_review_date",
    "ban_scope",
    "ban_conditions",
    "representations_by",
    "representations_how",
    "ban_letter_date",
    "representations_sentence",
    "review_outcome",
    "review_decision",
    "review_reason",
    "ban_in_force",
    "representations_review",
)

COMPLAINTS_ROUTE = (
    "This letter does not prevent you from raising a concern or complaint in the proper way. If you have a "
    "concern about your child, please speak first to your child's class teacher; if the concern remains, "
    "contact the head teacher; and if it is still unresolved, follow the complaints procedure in our "
    "complaints policy, which is on the school's website (the school office can give you a paper copy). "
    "Please do not use social media to raise concerns or grievances."
)
SECTION_547 = (
    "Please be aware that under section 547 of the Education Act 1996 it is an offence for a person who is on "
    "school premises without lawful authority to cause or permit a nuisance or disturbance, and such a person "
    "may be removed from the premises."
)


def last_step(steps: Sequence[CaseStep], *kinds: StepKind, after: CaseStep | None = None) -> CaseStep | None:
    """The last step of one of these kinds (only those after ``after``, when given)."""
    found = None
    for step in steps:
        if after is not None and step.id is not None and after.id is not None and step.id <= after.id:
            continue
        if step.kind in kinds:
            found = step
    return found
