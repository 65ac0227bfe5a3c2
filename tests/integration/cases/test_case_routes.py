"""The breach process end to end on SQLite and PostgreSQL: every route, its letters (read back from the
PDFs), the ban it ends with (and that the ban screens), the audit trail, and who may see cases."""

from __future__ import annotations

import io
from datetime import time, timedelta

import pdfplumber
import pytest

from kiosk.domain.cases import (
    AttachmentUpload,
    BanTerms,
    CaseStage,
    Incident,
    IncidentPlace,
    ReviewOutcome,
    StepKind,
    StepNotAllowed,
    SubjectType,
)
from kiosk.domain.errors import InvalidInput, NotFound, PermissionDenied
from kiosk.domain.model import BanStage, BanStatus, PersonType
from kiosk.services.cases import long_date


def pdf_text(pdf: bytes) -> str:
    """The letter's text as a reader sees it (lines joined with spaces, so wrapped phrases match)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    return " ".join(text.split())


def letter_text(services, actor, letter_id: int) -> str:
    return pdf_text(services.cases.letter(actor, letter_id).pdf)


def new_incident(services, actor, *, name="Jordan Blake", days_ago=40, behaviours=None, **kw) -> Incident:
    today = services.deps.clock.today()
    kw.setdefault("lado_referred_on", today - timedelta(days=days_ago))
    kw.setdefault("lado_reference", "L-2026-114")
    incident = Incident(
        id=None,
        subject_name=name,
        subject_type=SubjectType.PARENT,
        occurred_on=today - timedelta(days=days_ago),
        place=IncidentPlace.PREMISES,
        location="the main gate at pick-up",
        behaviours=tuple(behaviours or ("loud or offensive language or temper",)),
        description="Shouted at the Year 3 teacher at the gate in front of children.",
        witnesses="Two members of staff on gate duty.",
        subject_address="14 Elm Road, Oakfield, OK1 4CD",
        **kw,
    )
    return services.cases.record_incident(actor, incident)


def open_case(services, actor, **kw):
    incident = new_incident(services, actor, **kw)
    return incident, services.cases.open_case(actor, incident.id)


def held(services, first, last) -> bool:
    return services.sign_in.screen(first, last, PersonType.PARENT, services.place).held


def test_letters_route_meeting_warning_ban_representations_review(services, staff):
    head = staff["head"]
    today = services.deps.clock.today()
    incident, case = open_case(services, head)
    assert case.stage is CaseStage.OPEN and case.reference == f"CoC-{case.id:04d}"

    meeting_on = today - timedelta(days=25)
    file = services.cases.invite_to_meeting(
        head,
        case.id,
        meeting_on=meeting_on,
        meeting_at=time(15, 45),
        place="the head's office",
        on=today - timedelta(days=30),
    )
    assert file.case.stage is CaseStage.MEETING_INVITED
    assert file.next_steps == [
        StepKind.POLICE_REFERRAL,  # serious behaviour can surface at any stage
        StepKind.LEGAL_REFERRAL,
        StepKind.MEETING_HELD,
        StepKind.WARNING,
        StepKind.IMMEDIATE_BAN,
        StepKind.CLOSED,
    ]
    invite = letter_text(services, head, file.letters[-1].id)
    for expected in (
        "Jordan Blake",
        "14 Elm Road",
        "Invitation to a meeting",
        long_date(meeting_on, True),
        "3:45pm",
        "the head's office",
        long_date(incident.occurred_on),
        "using loud or offensive language or displaying temper",
        "class teacher",
        "head teacher",
        "complaints procedure",
        long_date(today - timedelta(days=30)),
        case.reference,
    ):
        assert expected in invite, expected
    assert "section 547" not in invite  # off unless the school's setting turns it on

    file = services.cases.send_warning(head, case.id, refused=True, on=today - timedelta(days=24))
    assert file.case.stage is CaseStage.WARNED
    warning = letter_text(services, head, file.letters[-1].id)
    assert "You did not attend the meeting" in warning
    assert "you may be banned from the school premises" in warning
    assert long_date(today - timedelta(days=30)) in warning  # the first letter's date

    assert not held(services, "Jordan", "Blake")
    # The policy's last step needs the behaviour to have continued after the warning.
    with pytest.raises(InvalidInput, match="incident after the warning"):
        services.cases.issue_ban(head, case.id, BanTerms(months=6), on=today - timedelta(days=20))
    again = new_incident(services, head, days_ago=21)
    file = services.cases.issue_ban(
        head,
        case.id,
        BanTerms(months=6, temporary=True, representations_days=14, conditions="Wait outside the gate."),
        further_incident_id=again.id,
        on=today - timedelta(days=20),
    )
    assert file.case.stage is CaseStage.BANNED
    ban = file.ban
    assert ban is not None and ban.status is BanStatus.ACTIVE  # the head's ban screens at once
    assert ban.stage is BanStage.TEMPORARY
    assert ban.start == today - timedelta(days=20)
    assert ban.end is not None and 180 <= (ban.end - ban.start).days <= 184
    reps_by = today - timedelta(days=6)
    assert ban.review_date == reps_by + timedelta(days=7)
    assert ban.categories == incident.behaviours
    assert held(services, "Jordan", "Blake")

    ban_letter = letter_text(services, head, file.letters[-1].id)
    for expected in (
        "Temporary ban from the school premises",
        "Jordan Blake",
        long_date(ban.start),
        long_date(ban.end),
        long_date(reps_by),
        "representations",
        "Wait outside the gate.",
        long_date(today - timedelta(days=24)),
        "premises of Kestrel House School",
        "complaints procedure",
    ):
        assert expected in ban_letter, expected
    assert [s.kind for s in file.steps][-1] is StepKind.BAN
    assert file.steps[-1].details["ban_id"] == str(ban.id)

    file = services.cases.record_representations(
        head,
        case.id,
        text="I was upset about my son's treatment; I apologise.",
        received_on=today - timedelta(days=8),
    )
    assert file.case.stage is CaseStage.REPRESENTATIONS
    file = services.cases.review_ban(
        head, case.id, ReviewOutcome.CONFIRM, reason="The behaviour was repeated."
    )
    assert file.case.stage is CaseStage.REVIEWED
    assert file.ban.stage is BanStage.REVIEWED and file.ban.status is BanStatus.ACTIVE
    review = letter_text(services, head, file.letters[-1].id)
    assert "Outcome of the review" in review
    assert long_date(today - timedelta(days=8)) in review  # representations received
    assert "The behaviour was repeated." in review
    assert long_date(file.ban.end) in review
    assert held(services, "Jordan", "Blake")

    assert [(ltr.template, ltr.letter_date) for ltr in file.letters] == [
        ("meeting_invitation", today - timedelta(days=30)),
        ("warning", today - timedelta(days=24)),
        ("ban", today - timedelta(days=20)),
        ("ban_review", today),
    ]
    assert [s.kind for s in file.steps] == [
        StepKind.OPENED,
        StepKind.MEETING_INVITATION,
        StepKind.WARNING,
        StepKind.BAN,
        StepKind.REPRESENTATIONS,
        StepKind.BAN_REVIEW,
    ]
    assert all(s.by == head.staff_id for s in file.steps)

    log = services.staff.audit_log(head)
    actions = [e.action for e in log]
    for kind in (
        StepKind.MEETING_INVITATION,
        StepKind.WARNING,
        StepKind.BAN,
        StepKind.REPRESENTATIONS,
        StepKind.BAN_REVIEW,
    ):
        assert f"case step: {kind.value}" in actions
    assert "Dear Jordan Blake," in ban_letter and "Test Head Head of School" in ban_letter
    for action in ("incident recorded", "case opened", "ban created", "ban edited", "letter opened"):
        assert action in actions
    steps = [e for e in log if e.action.startswith("case step")]
    assert all(e.entity_ids[0] == case.id for e in steps)
    assert not any("Jordan" in (e.detail + e.actor) for e in log)  # ids only, never names


def test_police_route_then_ban_without_earlier_steps_needs_reason(services, staff):
    lead, head = staff["safeguarding lead"], staff["head"]
    today = services.deps.clock.today()
    _incident, case = open_case(
        services, lead, name="Darren Cole", behaviours=("threatening staff, visitors, parents or pupils",)
    )
    file = services.cases.refer_to_police(
        lead, case.id, crime_reference="CAD 4417", on=today - timedelta(days=3)
    )
    assert file.case.stage is CaseStage.POLICE
    referral = letter_text(services, lead, file.letters[-1].id)
    assert "Metropolitan Police" in referral and "CAD 4417" in referral and "Darren Cole" in referral
    assert "threatening a member of staff" in referral and "L-2026-114" in referral

    with pytest.raises(InvalidInput, match="reason"):
        services.cases.issue_ban(lead, case.id, BanTerms(temporary=False))
    assert services.cases.case_file(lead, case.id).case.stage is CaseStage.POLICE  # nothing changed
    assert services.bans.list(head) == []

    file = services.cases.issue_ban(
        lead, case.id, BanTerms(temporary=False), skip_reason="Threatened violence against a teacher."
    )
    assert file.steps[-1].kind is StepKind.IMMEDIATE_BAN
    assert file.steps[-1].details["skip_reason"] == "Threatened violence against a teacher."
    assert file.ban.status is BanStatus.DRAFT  # a lead's ban waits for the head
    assert file.ban.stage is BanStage.BAN and file.ban.end is not None
    assert 364 <= (file.ban.end - file.ban.start).days <= 366
    letter = letter_text(services, lead, file.letters[-1].id)
    assert "Ban from the school premises" in letter and "without the usual steps" in letter
    # Not in force yet: the letter is a DRAFT, signed by the lead who wrote it, not by the head.
    assert file.letters[-1].draft and "DRAFT" in letter and "Designated Safeguarding Lead" in letter
    assert "Test Head" not in letter
    assert not held(services, "Darren", "Cole")
    with pytest.raises(PermissionDenied):
        services.cases.approve_ban(lead, case.id)
    file = services.cases.approve_ban(head, case.id)
    assert held(services, "Darren", "Cole")
    final = letter_text(services, head, file.letters[-1].id)
    assert not file.letters[-1].draft and "DRAFT" not in final
    assert "Test Head Head of School" in final and "a ban is now in place" in final
    actions = [e.action for e in services.staff.audit_log(head)]
    assert f"case step: {StepKind.IMMEDIATE_BAN.value}" in actions


def test_legal_route_and_closing(services, staff):
    head = staff["head"]
    _incident, case = open_case(services, head, behaviours=("defamatory comments online",))
    file = services.cases.refer_to_legal(head, case.id)
    text = letter_text(services, head, file.letters[-1].id)
    assert (
        "Outcomes First Legal Team" in text
        and "libel or slander" in text
        and "posting defamatory comments" in text
    )
    file = services.cases.close_case(head, case.id, reason="The legal team will write to the person.")
    assert file.case.stage is CaseStage.CLOSED and not file.case.is_open
    assert file.next_steps == []
    with pytest.raises(StepNotAllowed, match="closed"):
        services.cases.refer_to_police(head, case.id)


def test_steps_that_do_not_follow_are_refused_clearly(services, staff):
    head = staff["head"]
    _incident, case = open_case(services, head)
    with pytest.raises(StepNotAllowed, match="What may come next: referred to the police"):
        services.cases.send_warning(head, case.id)
    with pytest.raises(StepNotAllowed):
        services.cases.review_ban(head, case.id, ReviewOutcome.CONFIRM, reason="x")
    with pytest.raises(StepNotAllowed):
        services.cases.record_representations(head, case.id, text="x")
    with pytest.raises(InvalidInput, match="6 or 12 months"):
        services.cases.issue_ban(head, case.id, BanTerms(months=9), skip_reason="Serious.")
    with pytest.raises(InvalidInput, match="future"):
        services.cases.refer_to_police(head, case.id, on=services.deps.clock.today() + timedelta(days=1))
    with pytest.raises(NotFound):
        services.cases.case_file(head, 999_999)
    assert services.cases.case_file(head, case.id).case.stage is CaseStage.OPEN


def test_review_waits_for_representations_then_extends_or_lifts(services, staff):
    lead, head = staff["safeguarding lead"], staff["head"]
    today = services.deps.clock.today()
    _incident, case = open_case(services, head, name="Kim Rowe")
    services.cases.issue_ban(head, case.id, BanTerms(), skip_reason="Assault on a parent.")
    with pytest.raises(InvalidInput, match="to make representations"):
        services.cases.review_ban(head, case.id, ReviewOutcome.CONFIRM, reason="No change.")

    _incident, case = open_case(services, head, name="Sam Ward", days_ago=60)
    services.cases.issue_ban(
        head, case.id, BanTerms(), skip_reason="Assault on a parent.", on=today - timedelta(days=30)
    )
    file = services.cases.case_file(head, case.id)
    old_end = file.ban.end
    with pytest.raises(InvalidInput, match="new end date"):
        services.cases.review_ban(head, case.id, ReviewOutcome.EXTEND, reason="Continued.", new_end=old_end)
    file = services.cases.review_ban(
        head,
        case.id,
        ReviewOutcome.EXTEND,
        reason="Messages continued.",
        new_end=old_end + timedelta(days=20),
    )
    assert file.ban.end == old_end + timedelta(days=20) and file.case.stage is CaseStage.REVIEWED
    assert today < file.ban.review_date <= file.ban.end  # each extension sets a new review
    text = letter_text(services, head, file.letters[-1].id)
    assert (
        "We did not receive any representations" in text and long_date(old_end + timedelta(days=20)) in text
    )
    with pytest.raises(InvalidInput, match="at most 12 months"):  # extensions are capped (setting)
        services.cases.review_ban(
            head, case.id, ReviewOutcome.EXTEND, reason="Again.", new_end=today + timedelta(days=800)
        )
    with pytest.raises(PermissionDenied):  # the Head of School reviews bans (policy note 2)
        services.cases.review_ban(lead, case.id, ReviewOutcome.CONFIRM, reason="No change.")

    with pytest.raises(PermissionDenied):  # only the head lifts a ban
        services.cases.review_ban(lead, case.id, ReviewOutcome.LIFT, reason="Apology accepted.")
    file = services.cases.review_ban(head, case.id, ReviewOutcome.LIFT, reason="Apology accepted.")
    assert file.case.stage is CaseStage.CLOSED and file.ban.status is BanStatus.LIFTED
    assert "lift the ban" in letter_text(services, head, file.letters[-1].id)
    assert not held(services, "Sam", "Ward")


def test_receptionist_cannot_see_or_open_cases(services, staff):
    head, desk = staff["head"], staff["receptionist"]
    incident, case = open_case(services, head)
    file = services.cases.refer_to_police(head, case.id)
    calls = [
        lambda: services.cases.list_cases(desk),
        lambda: services.cases.case_file(desk, case.id),
        lambda: services.cases.letter(desk, file.letters[0].id),
        lambda: services.cases.list_incidents(desk),
        lambda: services.cases.incident(desk, incident.id),
        lambda: services.cases.report(desk),
        lambda: services.cases.reviews_due(desk),
        lambda: services.cases.export_csv(desk, "cases"),
        lambda: services.cases.record_incident(desk, incident),
        lambda: services.cases.open_case(desk, incident.id),
        lambda: services.cases.close_case(desk, case.id, reason="x"),
        lambda: services.cases.add_attachment(
            desk, incident.id, AttachmentUpload("a.txt", "text/plain", b"x")
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(PermissionDenied):
        services.cases.list_cases(staff["administrator"])


def test_attachments_round_trip_and_are_size_limited(services, staff):
    lead = staff["safeguarding lead"]
    photo = bytes(range(256)) * 4000  # about 1 MB of every byte value
    today = services.deps.clock.today()
    incident = services.cases.record_incident(
        lead,
        Incident(
            None,
            "Priya Shah",
            SubjectType.VISITOR,
            today,
            IncidentPlace.ONLINE,
            ("abusive or personal comments online",),
            "Posted abusive comments in the class WhatsApp group.",
        ),
        [AttachmentUpload("C:\\Users\\office\\screenshot.png", "image/png", photo)],
    )
    assert [a.filename for a in incident.attachments] == ["screenshot.png"]
    extra = services.cases.add_attachment(
        lead, incident.id, AttachmentUpload("email.eml", "message/rfc822", b"Hi")
    )
    found = services.cases.incident(lead, incident.id)
    assert [(a.filename, a.size) for a in found.attachments] == [
        ("screenshot.png", len(photo)),
        ("email.eml", 2),
    ]
    opened = services.cases.attachment(lead, found.attachments[0].id)
    assert opened.data == photo and opened.content_type == "image/png"
    assert services.cases.attachment(lead, extra.id).data == b"Hi"
    with pytest.raises(InvalidInput, match="at most 10 MB"):
        services.cases.add_attachment(
            lead, incident.id, AttachmentUpload("video.mp4", "video/mp4", b"\0" * (10 * 1024 * 1024 + 1))
        )
    with pytest.raises(InvalidInput, match="empty"):
        services.cases.add_attachment(lead, incident.id, AttachmentUpload("a.txt", "text/plain", b""))
    actions = [e.action for e in services.staff.audit_log(staff["head"])]
    assert actions.count("attachment added") == 2 and "attachment opened" in actions


def test_every_concern_is_referred_to_the_lado_and_waits_on_the_list_until_it_is(services, staff):
    lead, head = staff["safeguarding lead"], staff["head"]
    for who in (lead, head):  # the policy refers every concern: no "do not refer", for anyone
        with pytest.raises(InvalidInput, match="no 'do not refer'"):
            new_incident(
                services, who, lado_referred_on=None, lado_reference="", lado_not_referred_reason="No risk."
            )
    pending = new_incident(services, lead, lado_referred_on=None, lado_reference="")
    due = services.cases.lado_referrals_due(lead)
    assert [i.id for i, _ in due] == [pending.id] and "LADO referral not yet recorded" in due[0][1]
    with pytest.raises(PermissionDenied):
        services.cases.lado_referrals_due(staff["receptionist"])
    today = services.deps.clock.today()
    with pytest.raises(InvalidInput, match="future"):
        services.cases.record_lado_referral(lead, pending.id, on=today + timedelta(days=1))
    services.cases.record_lado_referral(lead, pending.id, on=today, reference="L-9")
    assert services.cases.lado_referrals_due(lead) == []
    assert services.cases.incident(lead, pending.id).lado_reference == "L-9"
    with pytest.raises(InvalidInput, match="behaviour"):
        new_incident(services, lead, behaviours=("being rude",))


def test_reports_and_csv(services, staff):
    head = staff["head"]
    today = services.deps.clock.today()
    _i, first = open_case(services, head, name="Alex One", behaviours=("disruptive behaviour",))
    _i, second = open_case(
        services, head, name="Bo Two", behaviours=("disruptive behaviour", "defamatory comments online")
    )
    services.cases.refer_to_police(head, first.id)
    services.cases.issue_ban(head, second.id, BanTerms(), skip_reason="Serious.", on=today)
    report = services.cases.report(head)
    assert report.open_by_stage == {CaseStage.POLICE: 1, CaseStage.BANNED: 1}
    assert [ln.ban.name for ln in report.active_bans] == ["Bo Two"]
    assert report.active_bans[0].case_id == second.id
    assert report.reviews_due == []  # a temporary bar is reviewed 7 days after the 14 for representations
    counts = next(iter(report.incidents_by_term.values()))
    assert counts == {"disruptive behaviour": 2, "defamatory comments online": 1}
    assert services.cases.reviews_due(head, within_days=30)[0].case_id == second.id

    cases_csv = services.cases.export_csv(head, "cases").splitlines()
    assert cases_csv[0] == "case,name,stage,opened,last_changed,ban_id" and len(cases_csv) == 3
    bans_csv = services.cases.export_csv(head, "bans").splitlines()
    assert bans_csv[1].startswith(
        f"{report.active_bans[0].ban.id},{second.reference},Bo Two,active,temporary"
    )
    incidents_csv = services.cases.export_csv(head, "incidents").splitlines()
    assert incidents_csv[0] == "term,behaviour,incidents" and len(incidents_csv) == 3
