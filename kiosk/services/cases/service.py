"""The breach process: record incidents, move cases through the policy's routes, write letters, ban.

Only the safeguarding lead and the head may see or change any of it (Action.CASES), reads included.
Every step is a row in case_steps, a line in the audit trail (ids only) and, where the policy sends a
letter, a PDF stored with the case. Bans are made and changed through BanService, so a head's ban
screens at once and a lead's waits for the head's approval, as for any other ban.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import PurePath

from kiosk.domain.cases import (
    BAN_MONTH_CHOICES,
    LETTER_TEMPLATES,
    MAX_ATTACHMENT_BYTES,
    REVIEW_AFTER_REPRESENTATIONS_DAYS,
    TEMPLATE_TITLES,
    Attachment,
    AttachmentUpload,
    BanTerms,
    Case,
    CaseFile,
    CaseLetter,
    CaseSettings,
    CaseStage,
    CaseStep,
    Incident,
    IncidentPlace,
    LetterContent,
    ReviewOutcome,
    SchoolDetails,
    StepKind,
    SubjectType,
    check_step,
    plain_behaviours,
)
from kiosk.domain.errors import Conflict, InvalidInput, NotFound
from kiosk.domain.model import BEHAVIOUR_CATEGORIES, Actor, Ban, BanStage, BanStatus
from kiosk.domain.permissions import Action, require
from kiosk.services.bans import BanService
from kiosk.services.cases import letters as fields_of
from kiosk.services.cases.demo_letters import sample_letters
from kiosk.services.cases.letters import (
    BAN_STEPS,
    LetterRenderer,
    add_months,
    clock_time,
    last_step,
    long_date,
)
from kiosk.services.cases.reports import (
    EXPIRING_WITHIN_DAYS,
    REVIEW_WITHIN_DAYS,
    BanLine,
    CasesReport,
    bans_csv,
    build_report,
    cases_csv,
    incidents_csv,
)
from kiosk.services.common import Deps, audit, clean_name, clean_text, stored_id
from kiosk.services.ports import UnitOfWork

MAX_ATTACHMENTS = 20


@dataclass
class CaseService:
    """Incidents, cases, their steps and letters, and the bans cases lead to."""

    deps: Deps
    bans: BanService
    letters: LetterRenderer
    settings: CaseSettings = field(default_factory=CaseSettings)
    school: SchoolDetails = field(default_factory=SchoolDetails)

    # ------------------------------------------------------------------ incidents

    def record_incident(
        self, actor: Actor, incident: Incident, attachments: Sequence[AttachmentUpload] = ()
    ) -> Incident:
        """Record an incident (with its LADO referral, or the safeguarding lead's reason for none)."""
        require(actor, Action.CASES)
        today = self.deps.clock.today()
        incident = self._validated_incident(actor, incident, today)
        uploads = [self._validated_upload(a) for a in attachments]
        if len(uploads) > MAX_ATTACHMENTS:
            raise InvalidInput(f"An incident can have at most {MAX_ATTACHMENTS} attachments.")
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            if incident.person_id is not None and uow.people.get(incident.person_id) is None:
                raise NotFound(f"There is no person with id {incident.person_id}.")
            if incident.person_id is None:
                # The subject is a person record (found by name, or made), so subject access finds it.
                incident = replace(incident, person_id=_subject_person(uow, incident, now))
            saved = uow.cases.add_incident(replace(incident, recorded_by=actor.staff_id, recorded_at=now))
            stored = [uow.cases.add_attachment(stored_id(saved), u, now, actor.staff_id) for u in uploads]
            lado = "LADO referred" if saved.lado_referred_on else "LADO referral not yet made"
            audit(uow, now, actor, "incident recorded", "incident", stored_id(saved), detail=lado)
            for a in stored:
                audit(uow, now, actor, "attachment added", "incident", stored_id(saved), stored_id(a))
            uow.commit()
        self.deps.notify("cases.changed", incident_id=saved.id)
        return replace(saved, attachments=tuple(stored))

    def add_attachment(self, actor: Actor, incident_id: int, upload: AttachmentUpload) -> Attachment:
        """Attach a file (at most 10 MB) to an incident."""
        require(actor, Action.CASES)
        upload = self._validated_upload(upload)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            if uow.cases.get_incident(incident_id) is None:
                raise NotFound(f"There is no incident with id {incident_id}.")
            if len(uow.cases.attachments(incident_id)) >= MAX_ATTACHMENTS:
                raise InvalidInput(f"An incident can have at most {MAX_ATTACHMENTS} attachments.")
            stored = uow.cases.add_attachment(incident_id, upload, now, actor.staff_id)
            audit(uow, now, actor, "attachment added", "incident", incident_id, stored_id(stored))
            uow.commit()
        self.deps.notify("cases.changed", incident_id=incident_id)
        return stored

    def attachment(self, actor: Actor, attachment_id: int) -> Attachment:
        """One attachment with its bytes (opening it is audited)."""
        require(actor, Action.CASES)
        with self.deps.uow() as uow:
            found = uow.cases.get_attachment(attachment_id)
            if found is None:
                raise NotFound(f"There is no attachment with id {attachment_id}.")
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "attachment opened",
                "incident",
                found.incident_id,
                stored_id(found),
            )
            uow.commit()
        return found

    def record_lado_referral(
        self, actor: Actor, incident_id: int, *, on: date, reference: str = ""
    ) -> Incident:
        """Record that the concern was referred to the LADO (it stays on the reviews-due list until then)."""
        require(actor, Action.CASES)
        reference = clean_text(reference, "LADO reference", limit=100)
        if on > self.deps.clock.today():
            raise InvalidInput("The LADO referral date is in the future.")
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            incident = uow.cases.get_incident(incident_id)
            if incident is None:
                raise NotFound(f"There is no incident with id {incident_id}.")
            if incident.lado_referred_on is not None:
                raise Conflict(
                    f"This concern was referred to the LADO on {long_date(incident.lado_referred_on)}."
                )
            if on < incident.occurred_on:
                raise InvalidInput("The referral cannot be dated before the incident.")
            uow.cases.record_lado_referral(incident_id, on, reference)
            audit(uow, now, actor, "LADO referral recorded", "incident", incident_id)
            uow.commit()
        self.deps.notify("cases.changed", incident_id=incident_id)
        return replace(incident, lado_referred_on=on, lado_reference=reference)

    def lado_referrals_due(self, actor: Actor) -> list[tuple[Incident, str]]:
        """Concerns not yet referred to the LADO, oldest first, each with the reason it is listed."""
        require(actor, Action.CASES)
        with self.deps.uow.readonly() as uow:
            incidents = uow.cases.list_incidents()
        return [
            (i, f"LADO referral not yet recorded (incident of {long_date(i.occurred_on)})")
            for i in sorted(incidents, key=lambda i: i.occurred_on)
            if i.lado_referred_on is None
        ]

    def list_incidents(self, actor: Actor) -> list[Incident]:
        """Every incident, oldest first (without attachments)."""
        require(actor, Action.CASES)
        with self.deps.uow.readonly() as uow:
            return uow.cases.list_incidents()

    def incident(self, actor: Actor, incident_id: int) -> Incident:
        """One incident with its attachments' details (viewing it is audited)."""
        require(actor, Action.CASES)
        with self.deps.uow() as uow:
            found = uow.cases.get_incident(incident_id)
            if found is None:
                raise NotFound(f"There is no incident with id {incident_id}.")
            audit(uow, self.deps.clock.now(), actor, "incident viewed", "incident", incident_id)
            uow.commit()
        return found

    # ------------------------------------------------------------------ cases

    def open_case(self, actor: Actor, incident_id: int, note: str = "") -> Case:
        """Open the case for an incident (one case per incident)."""
        require(actor, Action.CASES)
        note = clean_text(note, "note", limit=5000)
        now, today = self.deps.clock.now(), self.deps.clock.today()
        with self.deps.uow() as uow:
            incident = uow.cases.get_incident(incident_id)
            if incident is None:
                raise NotFound(f"There is no incident with id {incident_id}.")
            existing = uow.cases.case_for_incident(incident_id)
            if existing is not None:
                raise Conflict(f"This incident already has a case ({existing.reference}).")
            case = uow.cases.add_case(
                Case(
                    id=None,
                    incident_id=incident_id,
                    subject_name=incident.subject_name,
                    stage=CaseStage.OPEN,
                    opened_at=now,
                    opened_by=actor.staff_id,
                    updated_at=now,
                )
            )
            step = uow.cases.add_step(
                CaseStep(
                    None,
                    stored_id(case),
                    StepKind.OPENED,
                    today,
                    now,
                    actor.staff_id,
                    {"incident_id": str(incident_id)},
                    note,
                )
            )
            audit(uow, now, actor, "case opened", "case", stored_id(case), stored_id(step), incident_id)
            uow.commit()
        self.deps.notify("cases.changed", case_id=case.id)
        return case

    def list_cases(self, actor: Actor, *, open_only: bool = False) -> list[Case]:
        """Cases, most recently changed first."""
        require(actor, Action.CASES)
        stages = [s for s in CaseStage if s is not CaseStage.CLOSED] if open_only else None
        with self.deps.uow.readonly() as uow:
            return uow.cases.list_cases(stages)

    def case_file(self, actor: Actor, case_id: int) -> CaseFile:
        """Everything about a case: incident, steps, letters (without PDFs), its ban. Viewing is audited."""
        require(actor, Action.CASES)
        with self.deps.uow() as uow:
            file = self._load(uow, case_id)
            audit(uow, self.deps.clock.now(), actor, "case viewed", "case", case_id)
            uow.commit()
        return file

    def letter(self, actor: Actor, letter_id: int) -> CaseLetter:
        """One letter with its PDF bytes (opening it is audited)."""
        require(actor, Action.CASES)
        with self.deps.uow() as uow:
            found = uow.cases.get_letter(letter_id)
            if found is None:
                raise NotFound(f"There is no letter with id {letter_id}.")
            audit(uow, self.deps.clock.now(), actor, "letter opened", "case", found.case_id, stored_id(found))
            uow.commit()
        return found

    # ------------------------------------------------------------------ steps

    def refer_to_police(
        self, actor: Actor, case_id: int, *, on: date | None = None, crime_reference: str = "", note: str = ""
    ) -> CaseFile:
        """Serious or potentially criminal (threats, violence, harassment, cyberbullying): refer to the police."""
        crime_reference = clean_text(crime_reference, "crime reference", limit=100)
        return self._step(
            actor,
            case_id,
            StepKind.POLICE_REFERRAL,
            on,
            note,
            details={"police_force": self.settings.police_force, "crime_reference": crime_reference},
            fields={"crime_reference": crime_reference},
            recipient=(self.settings.police_force, ""),
        )

    def refer_to_legal(
        self, actor: Actor, case_id: int, *, on: date | None = None, note: str = ""
    ) -> CaseFile:
        """Possibly libellous or slanderous: refer to the legal team."""
        return self._step(
            actor,
            case_id,
            StepKind.LEGAL_REFERRAL,
            on,
            note,
            details={"legal_team": self.settings.legal_team},
            recipient=(self.settings.legal_team, ""),
        )

    def invite_to_meeting(
        self,
        actor: Actor,
        case_id: int,
        *,
        meeting_on: date,
        meeting_at: time,
        place: str,
        on: date | None = None,
        note: str = "",
    ) -> CaseFile:
        """Other breaches: a formal letter inviting the parent/carer to a meeting."""
        place = clean_text(place, "meeting place", required=True, limit=200)
        letter_day = on or self.deps.clock.today()
        if meeting_on <= letter_day:
            raise InvalidInput("The meeting must be after the date of the letter.")
        reply_by = max(letter_day, meeting_on - timedelta(days=1))
        return self._step(
            actor,
            case_id,
            StepKind.MEETING_INVITATION,
            on,
            note,
            details={
                "meeting_on": meeting_on.isoformat(),
                "meeting_at": meeting_at.strftime("%H:%M"),
                "meeting_place": place,
            },
            fields={
                "meeting_date": long_date(meeting_on, weekday=True),
                "meeting_time": clock_time(meeting_at),
                "meeting_place": place,
                "reply_by": long_date(reply_by, weekday=True),
            },
        )

    def record_meeting_held(
        self, actor: Actor, case_id: int, *, notes: str, on: date | None = None
    ) -> CaseFile:
        """The meeting took place: record what was said and agreed (no letter)."""
        notes = clean_text(notes, "meeting notes", required=True, limit=10000)
        return self._step(actor, case_id, StepKind.MEETING_HELD, on, notes)

    def send_warning(
        self,
        actor: Actor,
        case_id: int,
        *,
        refused: bool = True,
        refusal: str = "",
        on: date | None = None,
        note: str = "",
    ) -> CaseFile:
        """The meeting was refused or not attended (or the behaviour went on after it): ask them to stop,
        or a ban may follow.

        "Did not attend" needs the meeting date to have passed, unless the refusal is recorded
        (``refusal``: what they said, and when); "the behaviour continued" needs the meeting held.
        """
        require(actor, Action.CASES)
        refusal = clean_text(refusal, "refusal", limit=2000)
        with self.deps.uow.readonly() as uow:
            file = self._load(uow, case_id)
        day = on or self.deps.clock.today()
        invite = last_step(file.steps, StepKind.MEETING_INVITATION)
        meeting_on = date.fromisoformat(invite.details["meeting_on"]) if invite else None
        if refused and not refusal and meeting_on is not None and day <= meeting_on:
            raise InvalidInput(
                f"The meeting is on {long_date(meeting_on)}: a warning for not attending can only follow it. "
                "If they have refused to come, record the refusal."
            )
        if not refused and last_step(file.steps, StepKind.MEETING_HELD) is None:
            raise InvalidInput(
                "Record the meeting first: a warning that the behaviour continued follows a meeting held."
            )
        details = {"meeting": "refused" if refused else "behaviour continued"}
        if refusal:
            details["refusal"] = refusal
        return self._step(
            actor,
            case_id,
            StepKind.WARNING,
            on,
            note,
            details=details,
            fields_from=lambda file, day: fields_of.warning_fields(file, refused, refusal),
        )

    def issue_ban(
        self,
        actor: Actor,
        case_id: int,
        terms: BanTerms | None = None,
        *,
        skip_reason: str = "",
        further_incident_id: int | None = None,
        on: date | None = None,
        note: str = "",
    ) -> CaseFile:
        """Write the ban letter and put the ban on the screening list (via BanService.create).

        After a warning this is the policy's last step. From any earlier stage it is a ban without the
        earlier steps (policy note 1), and ``skip_reason`` is required.
        """
        require(actor, Action.CASES)
        terms = terms or BanTerms()
        with self.deps.uow.readonly() as uow:
            stage = self._load(uow, case_id).case.stage
        # After a warning, the policy's last step needs the behaviour to have continued: an incident after
        # the warning. Without one, only a ban without the steps (note 1, with its reason) is possible.
        kind = (
            StepKind.BAN
            if stage is CaseStage.WARNED and (further_incident_id is not None or not skip_reason.strip())
            else StepKind.IMMEDIATE_BAN
        )
        check_step(stage, kind)
        if kind is StepKind.BAN:
            with self.deps.uow.readonly() as uow:
                warning = last_step(self._load(uow, case_id).steps, StepKind.WARNING)
                later = (
                    uow.cases.get_incident(further_incident_id) if further_incident_id is not None else None
                )
            if (
                later is None
                or warning is None
                or later.occurred_on < warning.on
                or (later.recorded_at is not None and later.recorded_at <= warning.at)
            ):
                raise InvalidInput(
                    "A ban because the behaviour continued needs an incident after the warning letter: record "
                    "it and choose it, or ban without the steps (policy note 1) giving the reason."
                )
        skip_reason = clean_text(skip_reason, "reason for banning without the earlier steps", limit=5000)
        if kind is StepKind.IMMEDIATE_BAN and not skip_reason:
            raise InvalidInput(
                "A ban without the earlier steps (meeting and warning letters) needs the reason recorded: "
                "say why the matter is serious enough."
            )
        if terms.months not in BAN_MONTH_CHOICES:
            raise InvalidInput(
                f"A ban from a case lasts {' or '.join(str(m) for m in BAN_MONTH_CHOICES)} months in the first "
                "instance (the policy limits bans and the Head of School reviews them)."
            )
        if not 7 <= terms.representations_days <= 60:
            raise InvalidInput("Allow between 7 and 60 days for representations.")
        conditions = clean_text(terms.conditions, "conditions", limit=5000)
        details = {"months": str(terms.months), "temporary": "yes" if terms.temporary else "no"}
        if skip_reason:
            details["skip_reason"] = skip_reason
        if further_incident_id is not None:
            details["further_incident_id"] = str(further_incident_id)

        def make_ban(file: CaseFile, day: date) -> tuple[Ban, dict[str, str]]:
            start = terms.start or day
            if start < day:
                raise InvalidInput("The ban cannot start before the date of the ban letter.")
            end = add_months(start, terms.months) - timedelta(days=1)
            reps_by = day + timedelta(days=terms.representations_days)
            if terms.temporary:
                review = reps_by + timedelta(days=REVIEW_AFTER_REPRESENTATIONS_DAYS)
            else:
                review = max(start, end - timedelta(days=30))
            incident = file.incident
            behaviours = list(incident.behaviours)
            latest = incident
            if further_incident_id is not None:
                with self.deps.uow.readonly() as u:
                    later = u.cases.get_incident(further_incident_id)
                if later is None:
                    raise NotFound(f"There is no incident with id {further_incident_id}.")
                behaviours += [b for b in later.behaviours if b not in behaviours]
                latest = later
            ban = Ban(
                id=None,
                name=incident.subject_name,
                start=start,
                end=end,
                review_date=review,
                aliases=terms.aliases,
                date_of_birth=terms.date_of_birth,
                categories=tuple(behaviours),
                reason=f"Code of Conduct case {file.case.reference}: {plain_behaviours(behaviours)}."[:5000],
                incident_summary=incident.description[:10000],
                stage=BanStage.TEMPORARY if terms.temporary else BanStage.BAN,
                site_ids=terms.site_ids,
                conditions=conditions,
            )
            fields = fields_of.ban_fields(
                self.settings, self.school, file, day, ban, reps_by, kind, latest, behaviours
            )
            details.update(
                start=start.isoformat(),
                end=end.isoformat(),
                review=review.isoformat(),
                representations_by=reps_by.isoformat(),
            )
            return ban, fields

        return self._step(actor, case_id, kind, on, note, details=details, ban_from=make_ban)

    def approve_ban(self, actor: Actor, case_id: int) -> CaseFile:
        """The head approves the ban a lead issued from this case: it screens from now, and the ban letter
        to send is written, dated today and signed by the head (the draft stays on file, marked DRAFT)."""
        require(actor, Action.APPROVE_BANS)
        today, now = self.deps.clock.today(), self.deps.clock.now()
        with self.deps.uow.readonly() as uow:
            file = self._load(uow, case_id)
            sites = {s.id: s.name for s in uow.sites.list()}
        ban, step = file.ban, last_step(file.steps, *BAN_STEPS)
        if ban is None or step is None:
            raise Conflict("This case has no ban to approve.")
        if ban.status is not BanStatus.DRAFT:
            raise Conflict(f"The ban is {ban.status.value}; only a ban waiting for approval can be approved.")
        approved = self.bans.approve(actor, stored_id(ban))
        latest = file.incident
        if step.details.get("further_incident_id"):
            with self.deps.uow.readonly() as uow:
                latest = uow.cases.get_incident(int(step.details["further_incident_id"])) or latest
        reps_by = date.fromisoformat(step.details["representations_by"])
        fields = fields_of.common_fields(
            self.settings,
            self.school,
            file,
            today,
            sites,
            (actor.name, fields_of.role_title(actor.role, self.settings)),
        )
        fields["ban_scope"] = fields_of.ban_scope(self.school, approved.site_ids, sites)
        fields.update(
            fields_of.ban_fields(
                self.settings,
                self.school,
                file,
                today,
                approved,
                reps_by,
                step.kind,
                latest,
                list(approved.categories),
            )
        )
        pdf = self.letters.render(LetterContent("ban", fields))
        with self.deps.uow() as uow:
            letter = uow.cases.add_letter(
                CaseLetter(
                    None,
                    case_id,
                    step.id,
                    "ban",
                    TEMPLATE_TITLES["ban"],
                    today,
                    now,
                    f"{file.case.reference}-{len(file.letters) + 1:02d}-ban.pdf",
                    len(pdf),
                    pdf,
                )
            )
            audit(
                uow,
                now,
                actor,
                "ban approved from case; letter written",
                "case",
                case_id,
                stored_id(letter),
                stored_id(ban),
            )
            uow.commit()
        self.deps.notify("cases.changed", case_id=case_id)
        with self.deps.uow.readonly() as uow:
            return self._load(uow, case_id)

    def record_representations(
        self, actor: Actor, case_id: int, *, text: str, received_on: date | None = None
    ) -> CaseFile:
        """Record the representations the person made about the ban (no letter; the review answers them)."""
        text = clean_text(text, "representations", required=True, limit=20000)
        return self._step(actor, case_id, StepKind.REPRESENTATIONS, received_on, text)

    def review_ban(
        self,
        actor: Actor,
        case_id: int,
        outcome: ReviewOutcome,
        *,
        reason: str,
        on: date | None = None,
        new_end: date | None = None,
        next_review: date | None = None,
        conditions: str | None = None,
        site_ids: tuple[int, ...] | None = None,
    ) -> CaseFile:
        """Review the case's ban: confirm, extend, change or lift it (BanService.edit / lift), with a letter."""
        require(actor, Action.CASES)
        # Policy note 2: bans are monitored and reviewed by the Head of School, whatever the outcome.
        require(actor, Action.APPROVE_BANS)
        outcome = ReviewOutcome(outcome)
        reason = clean_text(reason, "reasons for the decision", required=True, limit=5000)
        new_conditions = None if conditions is None else clean_text(conditions, "conditions", limit=5000)
        details = {"outcome": outcome.value}

        def change_ban(file: CaseFile, day: date) -> tuple[Ban, dict[str, str]]:
            ban = file.ban
            if ban is None:
                raise Conflict("This case has no ban to review (it may have been removed from the ban list).")
            if ban.status is BanStatus.DRAFT:
                raise Conflict(
                    "The ban is still waiting for approval: approve it first (it is not yet in force)."
                )
            if ban.status is not BanStatus.ACTIVE:
                raise Conflict(f"The ban is {ban.status.value}; there is nothing left to review.")
            reps = last_step(file.steps, StepKind.REPRESENTATIONS, after=last_step(file.steps, *BAN_STEPS))
            ban_step = last_step(file.steps, *BAN_STEPS)
            reps_by = date.fromisoformat(ban_step.details["representations_by"]) if ban_step else None
            if ban.stage is BanStage.TEMPORARY and reps is None and reps_by and day <= reps_by:
                raise InvalidInput(
                    f"The person has until {long_date(reps_by)} to make representations: review the ban after "
                    "that date, or record their representations first."
                )
            new = ban
            if outcome is not ReviewOutcome.LIFT:
                end = ban.end
                if outcome is ReviewOutcome.EXTEND:
                    if new_end is None or (ban.end is not None and new_end <= ban.end):
                        raise InvalidInput("To extend the ban, give a new end date after the current one.")
                    cap = add_months(day, self.settings.max_extension_months)
                    if new_end > cap:
                        raise InvalidInput(
                            f"An extension runs at most {self.settings.max_extension_months} months from the "
                            f"review (to {long_date(cap)}); extend again at the next review."
                        )
                    end = new_end
                elif outcome is ReviewOutcome.CHANGE:
                    if new_end is None and new_conditions is None and site_ids is None:
                        raise InvalidInput("Say what changes: the end date, the conditions or the sites.")
                    end = new_end or ban.end
                if end is not None and end < day:
                    raise InvalidInput("The ban's end date is before the date of the review.")
                review = next_review or (
                    max(day + timedelta(days=1), end - timedelta(days=30))
                    if end
                    else day + timedelta(days=180)
                )
                # Each review (an extension included) sets a new review, after this one and by the end.
                if review <= day:
                    raise InvalidInput("The next review must be after the date of this review.")
                if end is not None and review > end:
                    raise InvalidInput("The next review must be on or before the ban's end date.")
                new = replace(
                    ban,
                    end=end,
                    review_date=review,
                    stage=BanStage.REVIEWED,
                    conditions=ban.conditions if new_conditions is None else new_conditions,
                    site_ids=ban.site_ids if site_ids is None else tuple(site_ids),
                )
                details.update(end=end.isoformat() if end else "", review=review.isoformat())
            fields = fields_of.review_fields(file, day, new, outcome, reason, reps)
            return new, fields

        return self._step(
            actor,
            case_id,
            StepKind.BAN_REVIEW,
            on,
            reason,
            details=details,
            ban_from=change_ban,
            lift_reason=reason if outcome is ReviewOutcome.LIFT else None,
        )

    def close_case(self, actor: Actor, case_id: int, *, reason: str, on: date | None = None) -> CaseFile:
        """Close a case (resolved at the meeting, no further action, the ban has ended or been lifted)."""
        require(actor, Action.CASES)
        reason = clean_text(reason, "reason for closing the case", required=True, limit=5000)
        with self.deps.uow.readonly() as uow:
            ban = self._load(uow, case_id).ban
        if ban is not None and ban.status in (BanStatus.ACTIVE, BanStatus.DRAFT):
            raise Conflict(
                "The ban from this case is still on the list: review it (lift it) or let it end before closing."
            )
        return self._step(actor, case_id, StepKind.CLOSED, on, reason)

    # ------------------------------------------------------------------ reports

    def reviews_due(self, actor: Actor, within_days: int = REVIEW_WITHIN_DAYS) -> list[BanLine]:
        """Bans from cases whose review date is within the next days (or has passed), soonest first."""
        report = self.report(actor, review_within_days=within_days)
        return [line for line in report.reviews_due if line.case_id is not None]

    def report(
        self,
        actor: Actor,
        *,
        expiring_within_days: int = EXPIRING_WITHIN_DAYS,
        review_within_days: int = REVIEW_WITHIN_DAYS,
    ) -> CasesReport:
        """Open cases by stage; bans active, expiring and due for review; incidents by behaviour per term."""
        require(actor, Action.CASES)
        with self.deps.uow.readonly() as uow:
            cases = uow.cases.list_cases()
            incidents = uow.cases.list_incidents()
            bans = uow.bans.list([BanStatus.ACTIVE, BanStatus.DRAFT])
            links = uow.cases.ban_links()
        return build_report(
            cases=cases,
            incidents=incidents,
            bans=bans,
            ban_links=links,
            today=self.deps.clock.today(),
            terms=self.settings.terms,
            expiring_within_days=expiring_within_days,
            review_within_days=review_within_days,
        )

    def export_csv(self, actor: Actor, which: str = "cases") -> str:
        """A report as CSV: "cases" (every case), "bans" (active/waiting bans) or "incidents" (per term)."""
        require(actor, Action.CASES)
        today = self.deps.clock.today()
        ids: list[int | str] = []
        if which == "cases":
            cases = self.list_cases(actor)
            text = cases_csv(cases, self.deps.clock.zone)
            ids = [c.id for c in cases if c.id is not None]
        elif which == "bans":
            text, ban_ids = bans_csv(self.report(actor))
            ids = list(ban_ids)
        elif which == "incidents":
            text = incidents_csv(self.report(actor))
        else:
            raise InvalidInput("Choose the cases, bans or incidents report.")
        with self.deps.uow() as uow:
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                f"{which} report exported",
                "case",
                *ids[:1000],
                detail=f"as of {today.isoformat()}",
            )
            uow.commit()
        return text

    # ------------------------------------------------------------------ sample letters

    def sample_letters(self) -> dict[str, bytes]:
        """One letter per template filled with demo data; touches no records."""
        return sample_letters(self.letters, self.settings, self.school)

    # ------------------------------------------------------------------ the one way a step is taken

    def _step(
        self,
        actor: Actor,
        case_id: int,
        kind: StepKind,
        on: date | None,
        note: str,
        *,
        details: dict[str, str] | None = None,
        fields: dict[str, str] | None = None,
        fields_from: Callable[[CaseFile, date], dict[str, str]] | None = None,
        recipient: tuple[str, str] | None = None,
        ban_from: Callable[[CaseFile, date], tuple[Ban, dict[str, str] | None]] | None = None,
        lift_reason: str | None = None,
    ) -> CaseFile:
        """Check the step may follow, render its letter, change the ban, then record it all in one transaction."""
        require(actor, Action.CASES)
        note = clean_text(note, "note", limit=20000)
        today = self.deps.clock.today()
        with self.deps.uow.readonly() as uow:
            file = self._load(uow, case_id)
            scope_sites = {s.id: s.name for s in uow.sites.list()}
        stage = file.case.stage
        to = check_step(stage, kind)
        day = self._step_date(on, file, today)
        ban: Ban | None = None
        letter_fields: dict[str, str] | None = None
        template = LETTER_TEMPLATES.get(kind)
        if ban_from is not None:
            ban, letter_fields = ban_from(file, day)
            ban = self.bans.validated(ban)  # fail on a bad ban before anything is written
        elif template is not None:
            letter_fields = fields_from(file, day) if fields_from else {}
        details = dict(details or {})  # after ban_from, which adds the ban's dates
        # A ban letter says "a ban is now in place": for a ban that waits for the head it is a DRAFT,
        # watermarked and not to be sent; the head's approval (approve_ban) writes the letter to send.
        draft = kind in BAN_STEPS and not self.bans.approves_at_once(actor)
        pdf = None
        if template is not None:
            signed_by = (actor.name, fields_of.role_title(actor.role, self.settings))
            all_fields = fields_of.common_fields(
                self.settings, self.school, file, day, scope_sites, signed_by
            )
            if ban is not None:
                all_fields["ban_scope"] = fields_of.ban_scope(self.school, ban.site_ids, scope_sites)
            if recipient is not None:
                all_fields["recipient_name"], all_fields["recipient_address"] = recipient
            all_fields.update(fields or {})
            all_fields.update(letter_fields or {})
            pdf = self.letters.render(LetterContent(template, all_fields, draft=draft))

        # The ban changes through BanService (its own transaction, its own audit lines), after
        # everything that could refuse the step has been checked.
        ban_id = file.case.ban_id
        if kind in BAN_STEPS:
            assert ban is not None, "a ban step comes with ban_from"
            created = self.bans.create(actor, ban)
            ban_id = stored_id(created)
            details["ban_id"] = str(ban_id)
            details["ban_status"] = created.status.value
        elif kind is StepKind.BAN_REVIEW:
            details["ban_id"] = str(ban_id)
            if ban_id is None:
                raise Conflict("This case has no ban to review.")
            if lift_reason is not None:
                self.bans.lift(actor, ban_id, lift_reason)
                to = CaseStage.CLOSED
            else:
                assert ban is not None, "a review that keeps the ban comes with ban_from"
                self.bans.edit(actor, ban)

        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            current = uow.cases.get_case(case_id, for_update=True)
            if current is None or current.stage is not stage:
                raise Conflict(
                    "Someone else has just moved this case on. Open it again to see where it stands."
                )
            step = uow.cases.add_step(CaseStep(None, case_id, kind, day, now, actor.staff_id, details, note))
            ids: list[int | str] = [case_id, stored_id(step)]
            if kind in BAN_STEPS:
                assert ban_id is not None  # the ban created above
                uow.cases.link_ban(case_id, ban_id, now)
                ids.append(ban_id)
            if pdf is not None and template is not None:
                number = len(file.letters) + 1
                letter = uow.cases.add_letter(
                    CaseLetter(
                        None,
                        case_id,
                        stored_id(step),
                        template,
                        TEMPLATE_TITLES[template],
                        day,
                        now,
                        f"{file.case.reference}-{number:02d}-{template}.pdf",
                        len(pdf),
                        pdf,
                        draft,
                    )
                )
                ids.append(stored_id(letter))
            uow.cases.set_stage(case_id, to, now)
            audit(
                uow,
                now,
                actor,
                f"case step: {kind.value}",
                "case",
                *ids,
                detail=f"{stage.value} -> {to.value}",
            )
            uow.commit()
        self.deps.notify("cases.changed", case_id=case_id)
        if kind in BAN_STEPS:
            self.deps.notify("bans.changed", ban_id=ban_id)
        with self.deps.uow.readonly() as uow:
            return self._load(uow, case_id)

    def _step_date(self, on: date | None, file: CaseFile, today: date) -> date:
        # Steps are often recorded after the fact, so a step may be dated before the day the case was
        # opened in the system, but not before the incident nor before the step it follows.
        day = on or today
        if day > today:
            raise InvalidInput("A step cannot be dated in the future.")
        if day < file.incident.occurred_on:
            raise InvalidInput(
                f"A step cannot be dated before the incident ({long_date(file.incident.occurred_on)})."
            )
        taken = [s for s in file.steps if s.kind is not StepKind.OPENED]
        if taken and day < taken[-1].on:
            raise InvalidInput(f"A step cannot be dated before the previous one ({long_date(taken[-1].on)}).")
        return day

    def _load(self, uow: UnitOfWork, case_id: int) -> CaseFile:
        case = uow.cases.get_case(case_id)
        if case is None:
            raise NotFound(f"There is no case with id {case_id}.")
        incident = uow.cases.get_incident(case.incident_id)
        if incident is None:
            raise NotFound(f"Case {case_id} has no incident record.")
        steps = tuple(uow.cases.steps(case_id))
        ban = uow.bans.get(case.ban_id) if case.ban_id else None
        ids = {s.by for s in steps if s.by} | {x for x in (case.opened_by, incident.recorded_by) if x}
        names = {}
        for staff_id in ids:
            member = uow.staff.get(staff_id)
            names[staff_id] = member.name if member else f"staff member #{staff_id}"
        return CaseFile(case, incident, steps, tuple(uow.cases.letters(case_id)), ban, names)

    # ------------------------------------------------------------------ validation

    def _validated_incident(self, actor: Actor, incident: Incident, today: date) -> Incident:
        name = clean_name(incident.subject_name, "person's name")
        try:
            subject_type = SubjectType(incident.subject_type)
            place = IncidentPlace(incident.place)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
        if incident.occurred_on > today:
            raise InvalidInput("The incident date is in the future.")
        behaviours = tuple(dict.fromkeys(incident.behaviours))
        if not behaviours:
            raise InvalidInput("Choose at least one behaviour from the Code of Conduct.")
        unknown = [b for b in behaviours if b not in BEHAVIOUR_CATEGORIES]
        if unknown:
            raise InvalidInput(f"Unknown behaviour {unknown[0]!r}; use one from the Code of Conduct.")
        reference = clean_text(incident.lado_reference, "LADO reference", limit=100)
        reason = clean_text(
            incident.lado_not_referred_reason, "reason for not referring to the LADO", limit=5000
        )
        if reason:
            raise InvalidInput(
                "Every concern is referred to the LADO (the policy: all concerns are safeguarding concerns and "
                "will be referred): there is no 'do not refer'. Leave the date empty until the referral is made; "
                "the case stays on the reviews-due list until it is recorded."
            )
        if incident.lado_referred_on is not None and incident.lado_referred_on > today:
            raise InvalidInput("The LADO referral date is in the future.")
        return replace(
            incident,
            id=None,
            subject_name=name,
            subject_type=subject_type,
            place=place,
            behaviours=behaviours,
            description=clean_text(incident.description, "description", required=True, limit=10000),
            location=clean_text(incident.location, "place", limit=300),
            witnesses=clean_text(incident.witnesses, "witnesses", limit=5000),
            subject_address=clean_text(incident.subject_address, "address", limit=500),
            subject_title=clean_text(incident.subject_title, "title (Mr, Mrs, Ms, Dr, Mx)", limit=40),
            subject_salutation=clean_text(incident.subject_salutation, "salutation", limit=200),
            lado_reference=reference,
            lado_not_referred_reason=reason,
            attachments=(),
        )

    @staticmethod
    def _validated_upload(upload: AttachmentUpload) -> AttachmentUpload:
        filename = PurePath((upload.filename or "").replace("\\", "/")).name
        filename = clean_text(filename, "file name", required=True, limit=255)
        content_type = clean_text(upload.content_type, "file type", limit=100) or "application/octet-stream"
        if not re.fullmatch(r"[\w.+-]+/[\w.+-]+", content_type):
            raise InvalidInput(f"{content_type!r} is not a file type like image/jpeg.")
        data = bytes(upload.data or b"")
        if not data:
            raise InvalidInput(f"{filename} is empty.")
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise InvalidInput(
                f"{filename} is {len(data) / 1_048_576:.1f} MB; attachments may be at most "
                f"{MAX_ATTACHMENT_BYTES // 1_048_576} MB each."
            )
        return AttachmentUpload(filename, content_type, data)


def _subject_person(uow: UnitOfWork, incident: Incident, now: datetime) -> int | None:
    """The person record an incident is about: the one recorded under that exact name, else a new one."""
    from kiosk.domain.model import Person, PersonType

    name = " ".join((incident.subject_name or "").split())
    if not name:
        return None
    same = uow.privacy.find_people(name)
    if len(same) == 1:
        return same[0].id
    first, _, last = name.rpartition(" ")
    if not first:
        first, last = name, ""
    kind = PersonType.PARENT if incident.subject_type is SubjectType.PARENT else PersonType.VISITOR
    return uow.people.add(
        Person(id=None, first_name=first, last_name=last, person_type=kind, created_at=now)
    ).id
