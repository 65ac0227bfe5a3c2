"""What changed: typed change events that services send and screens refresh on (as Anki's OpChanges).

A service names the change (``Change``, whose value is the event name sent between programs); each change
concerns one or more ``Topic``s (what a screen shows); a ``ChangeEvent`` carries who caused it and which
program it came from, so a screen refreshes only for its own topics and skips the echo of its own action.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class Topic(enum.StrEnum):
    """What a screen shows, and so what it refreshes for."""

    VISITS = "visits"  # who is on site, the visit log, badges
    ALERTS = "alerts"  # held visitors and review matches
    BANS = "bans"
    CASES = "cases"  # incidents, breach cases, letters
    STAFF = "staff"  # staff accounts, PINs
    POLICY = "policy"  # Code of Conduct versions
    PRIVACY = "privacy"  # retention purge, erasure (records disappear from any list)
    AUDIT = "audit"  # anything that writes the audit log
    PRINTERS = "printers"  # a badge printer stopped or is printing again
    EXPECTED = "expected"  # expected visitors (bookings) and the single central record of checks
    PUPILS = "pupils"  # pupils, who may collect them, and the restrictions on them
    ROLL_CALL = "roll call"  # a roll call at the assembly point and its ticks


class Change(enum.StrEnum):
    """A kind of change; the value is the event name programs send each other (unchanged since 0.1)."""

    ALERT_RAISED = "alert.raised"
    ALERT_DECIDED = "alert.decided"
    VISIT_SIGNED_IN = "visit.signed_in"
    VISIT_SIGNED_OUT = "visit.signed_out"
    VISITS_CLOSED = "visits.closed"
    BADGE_FAILED = "badge.failed"
    BADGE_REPRINTED = "badge.reprinted"
    BANS_CHANGED = "bans.changed"
    CASES_CHANGED = "cases.changed"
    POLICY_PUBLISHED = "policy.published"
    STAFF_CHANGED = "staff.changed"
    PRIVACY_PURGED = "privacy.purged"
    PERSON_ERASED = "person.erased"
    PRINTER_STATUS = "printer.status"  # a kiosk's badge printer stopped printing, or prints again
    EXPECTED_CHANGED = "expected.changed"
    EXPECTED_ARRIVED = "expected.arrived"  # a booked visitor signed in: their host is told
    CLEARANCES_CHANGED = "clearances.changed"
    CLEARANCE_REVIEW = "clearance.review"  # a checked type signed in without a valid check (not a hold)
    PUPILS_CHANGED = "pupils.changed"
    STAFF_PRESENCE = "staff.presence"  # a member of staff signed in or out (the on-site list, the fire roll)
    ROLL_CALL = "rollcall.changed"  # a roll call began, someone was ticked, or it finished
    # Only the fact of a change is known (a lost connection, a commit without an audit row): anything.
    DB_CHANGED = "db.changed"

    @property
    def topics(self) -> frozenset[Topic]:
        """The topics this change concerns (every topic for DB_CHANGED)."""
        return _TOPICS.get(self, ALL_TOPICS)

    @classmethod
    def parse(cls, name: object) -> Change:
        """The change named ``name``; an unknown name (a newer program's) counts as DB_CHANGED."""
        try:
            return cls(str(name))
        except ValueError:
            return cls.DB_CHANGED


ALL_TOPICS = frozenset(Topic)
_V, _AL, _B, _C, _S, _P, _PR = (
    Topic.VISITS,
    Topic.ALERTS,
    Topic.BANS,
    Topic.CASES,
    Topic.STAFF,
    Topic.POLICY,
    Topic.PRIVACY,
)
_TOPICS: dict[Change, frozenset[Topic]] = {
    Change.ALERT_RAISED: frozenset({_AL, _V}),
    Change.ALERT_DECIDED: frozenset({_AL, _V}),
    Change.VISIT_SIGNED_IN: frozenset({_V, _AL}),  # a review-band match appears on Alerts
    Change.VISIT_SIGNED_OUT: frozenset({_V, _AL}),  # a signed-out visitor's review match goes
    Change.VISITS_CLOSED: frozenset({_V, _AL}),
    Change.BADGE_FAILED: frozenset({_V}),
    Change.BADGE_REPRINTED: frozenset({_V}),
    Change.BANS_CHANGED: frozenset({_B, _AL}),  # an alert shows its ban
    Change.CASES_CHANGED: frozenset({_C, _B}),  # a case's decision makes or lifts a ban
    Change.POLICY_PUBLISHED: frozenset({_P}),
    Change.STAFF_CHANGED: frozenset({_S}),
    Change.PRIVACY_PURGED: frozenset({_PR, _V, _AL, _B, _C, Topic.EXPECTED, Topic.PUPILS}),
    Change.PERSON_ERASED: frozenset({_PR, _V, _AL, _C, Topic.EXPECTED}),
    Change.PRINTER_STATUS: frozenset({Topic.PRINTERS}),
    Change.EXPECTED_CHANGED: frozenset({Topic.EXPECTED}),
    Change.EXPECTED_ARRIVED: frozenset({Topic.EXPECTED, _V}),
    Change.CLEARANCES_CHANGED: frozenset({Topic.EXPECTED, _V}),
    Change.CLEARANCE_REVIEW: frozenset({Topic.EXPECTED, _V}),
    Change.PUPILS_CHANGED: frozenset({Topic.PUPILS}),
    Change.STAFF_PRESENCE: frozenset({_V, Topic.ROLL_CALL}),
    Change.ROLL_CALL: frozenset({Topic.ROLL_CALL}),
}
for _change in Change:
    if _change is not Change.DB_CHANGED:
        _TOPICS[_change] = _TOPICS[_change] | {Topic.AUDIT}

# The topics of one school's own records: a change to these alone concerns no other school of a trust.
SCHOOL_TOPICS = frozenset(
    {
        Topic.VISITS,
        Topic.ALERTS,
        Topic.CASES,
        Topic.AUDIT,
        Topic.PRINTERS,
        Topic.EXPECTED,
        Topic.PUPILS,
        Topic.ROLL_CALL,
    }
)

# Audit-log actions that only read: they are not changes any screen shows (bar the audit log itself).
READ_ACTIONS = frozenset(
    {
        "alert viewed",
        "ban viewed",
        "case viewed",
        "incident viewed",
        "letter opened",
        "bans exported",
        "visits exported",
        "fire roll made",
        "fire roll printed",
        "expected visitors exported",
        "single central record exported",
        "pupils exported",
        "staff roll exported",
        "staff cards printed",
        "roll call missing list made",
    }
)

_BY_ACTION: dict[str, Change] = {
    "visit held for reception": Change.ALERT_RAISED,
    "collector held for reception": Change.ALERT_RAISED,
    "held visitor released": Change.ALERT_DECIDED,
    "entry refused": Change.ALERT_DECIDED,
    "signed out": Change.VISIT_SIGNED_OUT,
    "closed at end of day (not signed out)": Change.VISITS_CLOSED,
    "badge reprinted": Change.BADGE_REPRINTED,
    "person erased": Change.PERSON_ERASED,
    "retention purge": Change.PRIVACY_PURGED,
    "badge printer stopped": Change.PRINTER_STATUS,
    "badge printer ready again": Change.PRINTER_STATUS,
    "expected visitor arrived": Change.EXPECTED_ARRIVED,
    "signed in without a valid check": Change.CLEARANCE_REVIEW,
}
_BY_ENTITY: dict[str, Change] = {
    "visit": Change.VISIT_SIGNED_IN,
    "alert": Change.ALERT_DECIDED,
    "dismissed_match": Change.ALERT_DECIDED,
    "ban": Change.BANS_CHANGED,
    "case": Change.CASES_CHANGED,
    "incident": Change.CASES_CHANGED,
    "letter": Change.CASES_CHANGED,
    "staff": Change.STAFF_CHANGED,
    "policy_version": Change.POLICY_PUBLISHED,
    "person": Change.PERSON_ERASED,
    "privacy": Change.PRIVACY_PURGED,
    "expected_visit": Change.EXPECTED_CHANGED,
    "clearance": Change.CLEARANCES_CHANGED,
    "pupil": Change.PUPILS_CHANGED,
    "staff_roll": Change.STAFF_CHANGED,
    "staff_presence": Change.STAFF_PRESENCE,
    "roll_call": Change.ROLL_CALL,
}


def change_for_audit(entity: str, action: str) -> Change | None:
    """The change an audit-log row records, or None for a read (see READ_ACTIONS).

    SQLite has no NOTIFY: its feed learns what changed from the audit rows written since it last looked.
    """
    if action in READ_ACTIONS or action.endswith(" viewed"):
        return None
    if entity == "staff" and action == "signed in":
        return None  # a staff member signing in to the console changes nothing shown
    return _BY_ACTION.get(action) or _BY_ENTITY.get(entity) or Change.DB_CHANGED


@dataclass(frozen=True)
class ChangeEvent:
    """One change as a screen hears it: what, which topics, who caused it, and which program sent it.

    ``by`` is the audit-log actor ("staff:3", "kiosk:Front door", "system"), "" when unknown; ``origin``
    identifies the program that made the change (Deps.origin), "" when unknown (SQLite, a lost NOTIFY).
    """

    change: Change
    by: str = ""
    origin: str = ""
    payload: Mapping[str, object] = field(default_factory=dict)
    # The school of a trust whose program made the change (its NOTIFY says so); None: a single school's,
    # an older program's, or a change heard without its details.
    school: int | None = None

    @property
    def topics(self) -> frozenset[Topic]:
        return self.change.topics

    def concerns(self, topics: Iterable[Topic]) -> bool:
        """Whether this change touches any of ``topics``."""
        return not self.topics.isdisjoint(topics)

    @property
    def may_change_holds(self) -> bool:
        """Whether the set of visitors held for reception may differ after this change (the console's call
        for held visitors looks again only then). A clear visitor signing in holds no one (a collector
        held at the door is an ALERT_RAISED): at a trust's gate peak that is most events, 30 a second,
        heard by every console."""
        return self.change is not Change.VISIT_SIGNED_IN and self.concerns({Topic.ALERTS})

    def concerns_school(self, school: int | None, *, trust_office: bool = False) -> bool:
        """Whether a program of ``school`` (None: a single school's) should hear this change at all.

        Every school of a trust hears every NOTIFY on the shared channel; another school's visits,
        alerts, cases, bookings, pupils, roll calls and printers are nothing it can read (row-level
        security), so its console does not look. Bans, the policy, staff, purges and unknown changes may
        be the trust's (a trust ban, a trust lead's PIN): every school hears those. The trust's console
        (``trust_office``) hears everything."""
        if trust_office or school is None or self.school is None or self.school == school:
            return True
        return not self.topics <= SCHOOL_TOPICS

    @classmethod
    def parse(cls, name: object, payload: Mapping[str, object] | None = None) -> ChangeEvent:
        """An event from its name and payload as sent between programs ("by"/"origin"/"school" lifted out)."""
        data = dict(payload or {})
        by = str(data.pop("by", "") or "")
        origin = str(data.pop("origin", "") or "")
        raw_school = data.pop("school", None)
        school = raw_school if isinstance(raw_school, int) and not isinstance(raw_school, bool) else None
        return cls(Change.parse(name), by=by, origin=origin, payload=data, school=school)
