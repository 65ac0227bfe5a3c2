"""Offline mode: a kiosk on PostgreSQL keeps the door open while the central server cannot be reached.

``OfflineSignIn`` is the kiosk's SignInService with one difference: when a call finds the central
database out of reach (DatabaseUnreachable: refused, timed out, connection lost; never a database that
answers but is wrong, which fails closed, and never SQLite), the visitor's step runs against the local
store instead (kiosk.services.ports.OfflineStore, kiosk.db.offline): the name is screened against the
local copy of the bans this kiosk screens against (every sign-in is held once that copy is older than
``max_age``), the visit goes into the local queue, and the badge prints. A background worker keeps the
copy fresh (every ``refresh`` and at each ban change the feed reports), notices the server is back, and
replays the queue in order through the ordinary central calls with each journey's key, so a replay that
is interrupted and run again makes nothing twice; every replayed sign-in is screened again centrally.
"""

from __future__ import annotations

import base64
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from kiosk.domain.errors import (
    Conflict,
    DatabaseFault,
    DatabaseUnavailable,
    DatabaseUnreachable,
    InvalidInput,
    KioskError,
    NotFound,
)
from kiosk.domain.events import ChangeEvent, Topic
from kiosk.domain.model import (
    Actor,
    Ban,
    BanStatus,
    Person,
    PersonType,
    PolicyVersion,
    ScreeningOutcome,
    Visit,
    VisitStatus,
)
from kiosk.services.common import clean_name
from kiosk.services.ports import BadgePrinter, NameScreener, OfflineStore, QueuedItem, ScreenerFactory
from kiosk.services.screening import BanMatch, _to_match
from kiosk.services.visits import (
    BADGE_FROM_RECEPTION,
    Place,
    ScreenResult,
    SignInResult,
    SignInService,
    VisitDetails,
    new_token,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

SIGN_IN, HOLD, HELD_DETAILS, SIGN_OUT = "sign_in", "hold", "held_details", "sign_out"
PROBE_S = 5.0  # while offline (or with a queue), how often the worker asks the central server again
# A queued sign-in whose badge is still "pending" this soon after it was made is being printed now.
PRINTING_GRACE = timedelta(seconds=60)
REFUSED_KEPT = timedelta(days=30)  # a queued item the central database refused is kept this long for staff


@dataclass(frozen=True)
class OfflineStatus:
    """What the kiosk's staff screen and `kiosk doctor` say about offline mode."""

    offline: bool
    since: datetime | None  # when the central database was last found out of reach
    copied_at: datetime | None  # when the local copy of the bans was last refreshed (None: never)
    age: timedelta | None
    stale: bool  # older than max_age (or none): every sign-in is held
    bans: int
    queued: int
    held: int  # visitors held while offline, not yet sent
    refused: int
    reception_phone: str = ""


class _FixedClock:
    """The clock of a replayed step: the time it happened at the door."""

    def __init__(self, at: datetime, zone: ZoneInfo):
        self._at = at
        self.zone = zone

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return self._at.astimezone(self.zone).date()


@dataclass
class OfflineSignIn(SignInService):
    """SignInService that carries on against a local store when the central PostgreSQL is out of reach."""

    store: OfflineStore | None = None
    screener_factory: ScreenerFactory | None = None
    max_age: timedelta = timedelta(hours=24)
    refresh_every: timedelta = timedelta(minutes=5)
    reception_phone: str = ""
    home: Place | None = None  # this kiosk's place: its site's bans are the copy
    probe_s: float = PROBE_S
    # The database identity the copy comes from (the guard's), kept with the copy for a start while the
    # server is out of reach (kiosk.app); and that start's own central steps, run by the first refresh
    # that reaches the server (migrations, the identity check, the site and kiosk rows).
    identity: Callable[[], str | None] | None = None
    pending_start: Callable[[], None] | None = None
    # A database that answers but is not this kiosk's (replaced, emptied): every step fails closed with it
    # until a refresh finds the right one again (offline mode never carries on past it).
    _fault: DatabaseFault | None = field(default=None, repr=False)
    _offline_since: datetime | None = field(default=None, repr=False)
    _last_refresh: float = field(default=0.0, repr=False)
    _poke: threading.Event = field(default_factory=threading.Event, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)
    _worker: threading.Thread | None = field(default=None, repr=False)
    _replay_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _local_key: tuple[object, ...] | None = field(default=None, repr=False)
    _local_screener: tuple[NameScreener, dict[str, Ban]] | None = field(default=None, repr=False)
    # Whether the school checks collectors against its pupils' lists (kiosk.services.pupils), as last read
    # centrally; until a refresh has read it, assumed so: offline, such a collector cannot be checked.
    _collections_in_use: bool = field(default=True, repr=False)
    # The worker's last failure as logged: the same failure again, every few seconds while it lasts, is
    # not logged again (one line, or one traceback, per failure), and its end is (see _say, _said_done).
    _said: str | None = field(default=None, repr=False)
    _round_failed: bool = field(default=False, repr=False)

    # ---------------------------------------------------------------- state

    @property
    def offline(self) -> bool:
        return self._offline_since is not None

    def _went_offline(self, exc: BaseException) -> None:
        if self._offline_since is None:
            self._offline_since = self.deps.clock.now()
            log.error("central database out of reach; signing in offline: %s", exc)
        self._poke.set()

    def _back_online(self) -> None:
        if self._offline_since is not None:
            log.warning("central database reachable again after offline since %s", self._offline_since)
            self._offline_since = None

    def _say(self, level: int, text: str, *, exc_info: bool = False) -> None:
        """Log a failure of the worker's round once while it lasts (it repeats every ``probe_s``)."""
        self._round_failed = True
        if text != self._said:
            self._said = text
            log.log(level, text, exc_info=exc_info)

    def _said_done(self) -> None:
        """A round went through with nothing to say (and not offline): a failure logged before is over."""
        if self._said is not None and not self._round_failed and not self.offline:
            log.warning("offline mode: the refresh and the queue work again (after: %s)", self._said)
            self._said = None

    def _store(self) -> OfflineStore:
        assert self.store is not None, "kiosk.app hands the offline store in"
        return self.store

    def _either(self, central: Callable[[], T], local: Callable[[], T]) -> T:
        """The central call, or ``local`` when offline or when the central server turns out out of reach."""
        if self._fault is not None:
            raise DatabaseFault(str(self._fault))
        if self.offline:
            return local()
        try:
            return central()
        except DatabaseUnreachable as exc:
            self._went_offline(exc)
            return local()

    def status(self) -> OfflineStatus:
        """Offline or not, the local copy's age, what waits in the queue (for the staff screen)."""
        store = self._store()
        copied = store.refreshed_at()
        age = self.deps.clock.now() - copied if copied is not None else None
        pending = store.pending()
        bans = getattr(store, "ban_count", None)
        return OfflineStatus(
            offline=self.offline,
            since=self._offline_since,
            copied_at=copied,
            age=age,
            stale=age is None or age > self.max_age,
            bans=int(bans()) if callable(bans) else len(store.copy()[0]),
            queued=len(pending),
            held=sum(1 for i in pending if i.kind == HOLD),
            refused=len(store.refused()),
            reception_phone=self.reception_phone,
        )

    # ---------------------------------------------------------------- the visitor's steps

    def identify_by_pass(self, pass_token: str) -> Person | None:
        return self._either(lambda: super(OfflineSignIn, self).identify_by_pass(pass_token), lambda: None)

    def identify_by_phone(self, first_name: str, last_name: str, phone_digits: str) -> Person | None:
        return self._either(
            lambda: super(OfflineSignIn, self).identify_by_phone(first_name, last_name, phone_digits),
            lambda: None,
        )

    def screen(
        self,
        first_name: str,
        last_name: str,
        person_type: PersonType,
        place: Place,
        *,
        person_id: int | None = None,
        journey_key: str | None = None,
    ) -> ScreenResult:
        return self._either(
            lambda: super(OfflineSignIn, self).screen(
                first_name, last_name, person_type, place, person_id=person_id, journey_key=journey_key
            ),
            lambda: self._screen_local(first_name, last_name, PersonType(person_type), place),
        )

    def current_policy(self, language: str = "en") -> PolicyVersion | None:
        return self._either(
            lambda: super(OfflineSignIn, self).current_policy(language), lambda: self._store().copy()[1]
        )

    def open_visit_of(self, person_id: int, site_id: int | None = None) -> Visit | None:
        return self._either(
            lambda: super(OfflineSignIn, self).open_visit_of(person_id, site_id), lambda: None
        )

    def returning_record(self, person_id: int) -> tuple[VisitDetails | None, bool]:
        return self._either(
            lambda: super(OfflineSignIn, self).returning_record(person_id), lambda: (None, True)
        )

    def note_held_details(self, visit_id: int, details: VisitDetails, place: Place) -> None:
        if visit_id < 0:
            self._note_local(visit_id, details)
            return
        self._either(
            lambda: super(OfflineSignIn, self).note_held_details(visit_id, details, place), lambda: None
        )

    def complete(
        self,
        screened: ScreenResult,
        details: VisitDetails,
        place: Place,
        *,
        acknowledged_policy_id: int | None = None,
        signature_png: bytes | None = None,
        print_badge: bool = True,
        journey_key: str | None = None,
        policy_language: str = "en",
        policy_text_sha256: str | None = None,
        print_later: bool = False,
        badge_token: str | None = None,
        collection_password: str = "",
    ) -> SignInResult:
        key = (journey_key or "").strip()[:64] or uuid.uuid4().hex

        def local() -> SignInResult:
            return self._complete_local(
                screened, details, place, acknowledged_policy_id, signature_png, key, print_badge, print_later
            )

        if screened.offline:
            return local()  # screened against the local copy: it is queued, and screened again centrally
        return self._either(
            lambda: super(OfflineSignIn, self).complete(
                screened,
                details,
                place,
                acknowledged_policy_id=acknowledged_policy_id,
                signature_png=signature_png,
                print_badge=print_badge,
                journey_key=key,
                policy_language=policy_language,
                policy_text_sha256=policy_text_sha256,
                print_later=print_later,
                badge_token=badge_token,
                collection_password=collection_password,
            ),
            local,
        )

    def print_badge(self, visit_id: int, printer: BadgePrinter | None = None) -> tuple[bool, str]:
        if visit_id < 0:
            return self._print_local(-visit_id)
        try:
            return super().print_badge(visit_id, printer)
        except DatabaseUnreachable as exc:
            self._went_offline(exc)
            return False, BADGE_FROM_RECEPTION

    def print_released_badges(self, place: Place) -> list[int]:
        return self._either(lambda: super(OfflineSignIn, self).print_released_badges(place), lambda: [])

    def resolve_unfinished(self, place: Place | None = None, *, stale: timedelta | None = None) -> list[int]:
        return self._either(
            lambda: super(OfflineSignIn, self).resolve_unfinished(place, stale=stale), lambda: []
        )

    def sign_out_by_token(self, token: str, place: Place | None = None) -> Visit:
        token = (token or "").strip()
        item = self._store().by_badge_token(token) if 0 < len(token) <= 64 else None
        if item is not None:
            return self._sign_out_local(item, place)
        where = place or self.home

        def local() -> Visit:
            if not 16 <= len(token) <= 64:
                raise NotFound("That badge was not recognised. Please ask at reception.")
            return self._queue_sign_out({"token": token}, where)

        return self._either(lambda: super(OfflineSignIn, self).sign_out_by_token(token, place), local)

    def sign_out(self, actor: Actor, visit_id: int) -> Visit:
        if visit_id < 0:
            item = self._store().get(-visit_id)
            if item is None or item.kind != SIGN_IN:
                raise NotFound("That visit no longer exists.")
            return self._sign_out_local(item, self.home)
        if actor.source != "kiosk":
            return super().sign_out(actor, visit_id)
        return self._either(
            lambda: super(OfflineSignIn, self).sign_out(actor, visit_id),
            lambda: self._queue_sign_out({"visit_id": visit_id}, self.home),
        )

    def sign_out_matches(
        self, site_id: int, first_name: str, last_name: str
    ) -> list[tuple[int, str, datetime]]:
        central = self._either(
            lambda: super(OfflineSignIn, self).sign_out_matches(site_id, first_name, last_name), lambda: []
        )
        first, last = (first_name or "").strip().casefold(), (last_name or "").strip().casefold()
        local = [
            row
            for item, row in self._local_on_site(site_id)
            if item.payload["first"].casefold() == first and item.payload["last"].casefold() == last
        ]
        return sorted([*central, *local], key=lambda row: row[2])

    def sign_out_choices(self, site_id: int) -> list[tuple[int, str, datetime]]:
        central = self._either(lambda: super(OfflineSignIn, self).sign_out_choices(site_id), lambda: [])
        return sorted([*central, *(row for _item, row in self._local_on_site(site_id))], key=lambda r: r[2])

    # ---------------------------------------------------------------- local steps

    def _screen_local(
        self, first_name: str, last_name: str, person_type: PersonType, place: Place
    ) -> ScreenResult:
        first = clean_name(first_name, "first name")
        last = clean_name(last_name, "surname")
        bans, policy, copied = self._store().copy()
        now = self.deps.clock.now()
        if copied is None or now - copied > self.max_age:
            hours = "no" if copied is None else f"a {(now - copied).total_seconds() / 3600:.0f} hours old"
            return self._hold_local(
                first, last, person_type, place, f"offline with {hours} copy of the ban list"
            )
        matches = self._local_matches(
            f"{first_name.strip()} {last_name.strip()}", place.site_id, bans, copied
        )
        alert = [m for m in matches if m.band == "alert"]
        if alert:
            names = ", ".join(str(m.ban.id) for m in alert)
            return self._hold_local(first, last, person_type, place, f"offline match with ban {names}")
        if person_type is PersonType.COLLECTOR and self.collections is not None and self._collections_in_use:
            # The child's list of collectors (and any court order) is central: fail closed, discreetly.
            return self._hold_local(
                first, last, person_type, place, "offline: the child's list of collectors cannot be checked"
            )
        return ScreenResult(
            held=False,
            first_name=first,
            last_name=last,
            person_type=person_type,
            review=tuple(m for m in matches if m.band == "review"),
            needs_acknowledgement=policy is not None,
            offline=True,
        )

    def _local_matches(self, name: str, site_id: int, bans: list[Ban], copied: datetime) -> list[BanMatch]:
        today = self.deps.clock.today()
        key = (copied, today, site_id)
        if key != self._local_key or self._local_screener is None:
            from kiosk.screening import WatchEntry

            in_force = [b for b in bans if b.is_in_force(today) and b.applies_to_site(site_id)]
            assert self.screener_factory is not None, "kiosk.app hands the screener factory in"
            screener = self.screener_factory([WatchEntry(str(b.id), b.name, b.aliases) for b in in_force])
            self._local_screener = (screener, {str(b.id): b for b in in_force})
            self._local_key = key
        screener, by_id = self._local_screener
        return [_to_match(by_id[m.entry_id], m) for m in screener.screen(name) if m.entry_id in by_id]

    def _hold_local(
        self, first: str, last: str, person_type: PersonType, place: Place, reason: str
    ) -> ScreenResult:
        item = self._store().enqueue(
            HOLD,
            uuid.uuid4().hex,
            self.deps.clock.now(),
            {**_place(place), **_name(first, last, person_type), "reason": reason},
        )
        log.warning("visitor held offline (queued step %s): %s", item.seq, reason)
        return ScreenResult(
            held=True,
            visit_id=-item.seq,
            first_name=first,
            last_name=last,
            person_type=person_type,
            offline=True,
        )

    def _note_local(self, visit_id: int, details: VisitDetails) -> None:
        hold = self._store().get(-visit_id)
        if hold is None or hold.kind != HOLD:
            return
        d = self._clean_details(details, PersonType.VISITOR)
        self._store().enqueue(
            HELD_DETAILS,
            uuid.uuid4().hex,
            self.deps.clock.now(),
            {
                **{k: hold.payload[k] for k in ("site_id", "kiosk_id", "kiosk_name")},
                "of": hold.journey_key,
                "details": _details(d),
            },
        )

    def _complete_local(
        self,
        screened: ScreenResult,
        details: VisitDetails,
        place: Place,
        acknowledged_policy_id: int | None,
        signature_png: bytes | None,
        key: str,
        print_badge: bool,
        print_later: bool,
    ) -> SignInResult:
        if screened.held:
            raise Conflict("This visitor is waiting for reception and cannot complete sign-in at the kiosk.")
        d = self._clean_details(details, screened.person_type)
        store = self._store()
        item = store.find(SIGN_IN, key)
        if item is None:
            _bans, policy, _copied = store.copy()
            if policy is not None and acknowledged_policy_id != policy.id:
                raise InvalidInput("The Code of Conduct must be read and agreed to before signing in.")
            payload = {
                **_place(place),
                **_name(screened.first_name, screened.last_name, screened.person_type),
                "details": _details(d),
                "policy_id": policy.id if policy is not None else None,
                "policy_sha256": policy.sha256 if policy is not None else None,
                "signature": base64.b64encode(signature_png).decode("ascii") if signature_png else "",
                "review": bool(screened.review),
                "badge": "pending" if print_badge else "",
                "badge_error": "",
            }
            item = store.enqueue(SIGN_IN, key, self.deps.clock.now(), payload, badge_token=new_token())
            log.info("visitor signed in offline (queued step %s)", item.seq)
        visit, person = _local_visit(item)
        if not print_badge or visit.badge_state != "pending" or print_later:
            return self._result_of(visit, person)
        printed, message = self._print_local(item.seq)
        return SignInResult(
            replace(
                visit,
                badge_printed=printed,
                badge_state="printed" if printed else "failed",
                badge_error=message,
            ),
            person,
            badge_printed=printed,
            badge_message=message,
        )

    def _print_local(self, seq: int) -> tuple[bool, str]:
        store = self._store()
        item = store.get(seq)
        if item is None or item.kind != SIGN_IN:
            return False, BADGE_FROM_RECEPTION
        visit, person = _local_visit(item)
        printed, message = self._print(self._badge_of(visit, person))
        payload = dict(item.payload)
        payload["badge"] = "printed" if printed or payload.get("badge") == "printed" else "failed"
        payload["badge_error"] = "" if payload["badge"] == "printed" else message
        store.update_payload(seq, payload)
        return printed, message

    def _sign_out_local(self, item: QueuedItem, place: Place | None) -> Visit:
        if any(
            i.kind == SIGN_OUT and i.payload.get("of") == item.journey_key for i in self._store().pending()
        ):
            raise Conflict("You are already signed out. Thank you for visiting.")
        self._queue_sign_out({"of": item.journey_key}, place)
        visit, _person = _local_visit(item)
        return replace(visit, status=VisitStatus.SIGNED_OUT, signed_out_at=self.deps.clock.now())

    def _queue_sign_out(self, what: dict[str, Any], place: Place | None) -> Visit:
        where = place or self.home
        assert where is not None, "a kiosk has its place"
        now = self.deps.clock.now()
        item = self._store().enqueue(SIGN_OUT, uuid.uuid4().hex, now, {**_place(where), **what})
        return Visit(
            id=-item.seq,
            person_id=0,
            site_id=where.site_id,
            kiosk_id=where.kiosk_id,
            status=VisitStatus.SIGNED_OUT,
            screening=ScreeningOutcome.CLEAR,
            name_as_typed="",
            person_type=PersonType.VISITOR,
            signed_in_at=now,
            signed_out_at=now,
        )

    def _local_on_site(self, site_id: int) -> list[tuple[QueuedItem, tuple[int, str, datetime]]]:
        pending = self._store().pending()
        out_of = {i.payload.get("of") for i in pending if i.kind == SIGN_OUT}
        rows = []
        for item in pending:
            if item.kind == SIGN_IN and item.payload["site_id"] == site_id and item.journey_key not in out_of:
                _visit, person = _local_visit(item)
                rows.append((item, (-item.seq, person.short_name, item.at)))
        return rows

    # ---------------------------------------------------------------- the worker: refresh and replay

    def start(self) -> None:
        """Refresh now and every ``refresh_every``; replay the queue as soon as the server answers."""
        if self._worker is not None:
            return
        self._stopping.clear()
        self._worker = threading.Thread(target=self._run, name="offline-mode", daemon=True)
        self._worker.start()

    def stop(self) -> None:
        self._stopping.set()
        self._poke.set()
        if self._worker is not None:
            self._worker.join(timeout=30)
            self._worker = None

    def close(self) -> None:
        """Stop the worker and close the local store (the program is closing)."""
        self.stop()
        self._store().close()

    def on_change(self, event: ChangeEvent) -> None:
        """The feed's callback: a change to the bans or the policy refreshes the copy at once."""
        if event.concerns({Topic.BANS, Topic.POLICY}):
            self._last_refresh = 0.0
            self._poke.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._round_failed = False
            try:
                self.tick()
                self._said_done()
            except Exception as exc:  # noqa: BLE001 - the worker must outlive any one failure
                # the traceback once (a fault of the program: it says where), not every few seconds
                self._say(logging.ERROR, f"offline mode: refresh or replay failed: {exc!r}", exc_info=True)
            self._poke.wait(self.probe_s)
            self._poke.clear()

    def tick(self) -> None:
        """One round: refresh the copy when due (or offline: that is the probe), then replay what waits."""
        import time as _time

        due = _time.monotonic() - self._last_refresh >= self.refresh_every.total_seconds()
        if due or self.offline or self._fault is not None or self.pending_start is not None:
            if not self.refresh():
                return
        if self._store().pending():
            self.replay()

    def refresh(self) -> bool:
        """Copy this kiosk's bans (its school's and the trust's, in force or to come) and the Code of Conduct.

        Read in a write transaction, so the database guard checks this is still the kiosk's database
        (kiosk.db.identity): a replaced or emptied database never becomes the copy. False when the server
        is out of reach (the copy is kept; its age grows); any other fault is logged and the copy kept. A
        kiosk that started while the server was out of reach first finishes its start (``pending_start``).
        A database that answers but is not this kiosk's stops sign-in (DatabaseFault), offline or not.
        """
        import time as _time

        assert self.home is not None, "kiosk.app hands this kiosk's place in"
        try:
            if self.pending_start is not None:
                self.pending_start()
                self.pending_start = None
                log.warning("central database reachable: the kiosk's start, made offline, is finished")
            with self.deps.uow() as uow:
                bans = [
                    _slim(b)
                    for b in uow.bans.list([BanStatus.ACTIVE], screened_here=True)
                    if b.applies_to_site(self.home.site_id)
                ]
                policy = uow.policies.current()
            if self.collections is not None:
                self._collections_in_use = self.collections.in_use()  # a read of its own
        except DatabaseUnreachable as exc:
            self._went_offline(exc)
            return False
        except DatabaseFault as exc:
            self._say(
                logging.ERROR,
                f"offline mode: the central database answers but is not this kiosk's; sign-in stopped: {exc}",
            )
            self._fault = exc
            self._back_online()  # not offline: the server answers, wrongly; every step fails closed
            return False
        except DatabaseUnavailable as exc:
            self._say(logging.ERROR, f"offline mode: the local copy of the ban list was not refreshed: {exc}")
            return False
        now = self.deps.clock.now()
        store = self._store()
        store.replace_copy(bans, policy, now)
        identity = self.identity() if self.identity is not None else None
        if identity:
            store.remember_home({**_place(self.home), "database_id": identity})
        self._fault = None
        store.purge_refused(now - REFUSED_KEPT)
        self._last_refresh = _time.monotonic()
        self._back_online()
        return True

    def replay(self) -> int:
        """Send the queue to the central database, oldest first; returns how many items were sent.

        Each item is deleted from the queue once sent. An item sent whose deletion never happened (the
        kiosk died in between) is sent again and finds what it made (its journey key): nothing twice.
        Stops at the first item the server cannot take (out of reach: offline again); an item the central
        database refuses (a KioskError such as a changed Code of Conduct) is kept, marked, and logged.
        """
        sent = 0
        with self._replay_lock:
            store = self._store()
            for item in store.pending():
                if item.kind == SIGN_IN and item.payload.get("badge") == "pending":
                    if self.deps.clock.now() - item.at < PRINTING_GRACE:
                        break  # its badge is printing at this kiosk now: send it with the outcome, next round
                try:
                    self._send(item)
                except DatabaseUnreachable as exc:
                    self._went_offline(exc)
                    return sent
                except DatabaseUnavailable as exc:
                    self._say(logging.ERROR, f"offline queue: step {item.seq} not sent: {exc}")
                    return sent
                except KioskError as exc:
                    log.error(
                        "offline queue: the central database refused step %s (%s): %s",
                        item.seq,
                        item.kind,
                        exc,
                    )
                    store.refuse(item.seq, str(exc))
                    continue
                store.done(item.seq)
                sent += 1
        if sent:
            log.warning("offline queue: %s steps sent to the central database", sent)
        return sent

    def _at(self, when: datetime) -> SignInService:
        """The central service on a clock that says ``when``: a replayed step keeps the time it happened."""
        deps = replace(self.deps, clock=_FixedClock(when, self.deps.clock.zone))
        return SignInService(
            deps,
            self.bans,
            self.printer,
            school_name=self.school_name,
            night_cutoff=self.night_cutoff,
            print_timeout_s=self.print_timeout_s,
        )

    def _send(self, item: QueuedItem) -> None:
        central = self._at(item.at)
        p = item.payload
        place = Place(p["site_id"], p["kiosk_id"], p["kiosk_name"])
        if item.kind == SIGN_IN:
            screened = central.screen(
                p["first"], p["last"], PersonType(p["type"]), place, journey_key=item.journey_key
            )
            if screened.held:
                log.warning(
                    "offline queue: step %s is held now it is screened centrally; reception alerted", item.seq
                )
                return
            signature = base64.b64decode(p["signature"]) if p.get("signature") else None
            result = central.complete(
                screened,
                VisitDetails(**p["details"]),
                place,
                acknowledged_policy_id=p.get("policy_id"),
                signature_png=signature,
                print_badge=bool(p.get("badge")),
                journey_key=item.journey_key,
                policy_text_sha256=p.get("policy_sha256"),
                print_later=True,
                badge_token=item.badge_token,
            )
            if result.visit.badge_state == "pending" and p.get("badge") in ("printed", "failed"):
                central._write_badge_state(
                    stored(result.visit.id), p["badge"] == "printed", p.get("badge_error", "")
                )
        elif item.kind == HOLD:
            screened = central.screen(
                p["first"], p["last"], PersonType(p["type"]), place, journey_key=item.journey_key
            )
            if not screened.held:
                central.record_hold(
                    p["first"], p["last"], PersonType(p["type"]), place, item.journey_key, p["reason"]
                )
        elif item.kind == HELD_DETAILS:
            made = central._made_by(p["of"])
            if made is not None:
                central.note_held_details(stored(made[0].id), VisitDetails(**p["details"]), place)
        elif item.kind == SIGN_OUT:
            actor = Actor.kiosk(place.kiosk_name or "kiosk")
            try:
                if "of" in p:
                    made = central._made_by(p["of"])
                    if made is None:
                        raise NotFound("The visit this sign-out is for was not recorded centrally.")
                    central._sign_out(stored(made[0].id), actor)
                elif "token" in p:
                    central.sign_out_by_token(p["token"], place)
                else:
                    central._sign_out(int(p["visit_id"]), actor)
            except Conflict:
                pass  # signed out already (by reception, or by this step's first send)
        else:
            raise InvalidInput(f"Unknown queued step {item.kind!r}.")


def stored(visit_id: int | None) -> int:
    if visit_id is None:
        raise NotFound("The visit has no id.")
    return visit_id


def _slim(ban: Ban) -> Ban:
    """What the local copy keeps of a ban: what screening needs, nothing more (no reason, photo, incident)."""
    name, aliases = ban.screening_names()
    return Ban(
        id=ban.id,
        name=name,
        start=ban.start,
        aliases=aliases,
        site_ids=ban.site_ids,
        end=ban.end,
        status=BanStatus.ACTIVE,
        scope=ban.scope,
    )


def _place(place: Place) -> dict[str, Any]:
    return {"site_id": place.site_id, "kiosk_id": place.kiosk_id, "kiosk_name": place.kiosk_name}


def _name(first: str, last: str, person_type: PersonType) -> dict[str, Any]:
    return {"first": first, "last": last, "type": PersonType(person_type).value}


def _details(d: VisitDetails) -> dict[str, str]:
    return {name: getattr(d, name) for name in VisitDetails.__dataclass_fields__}


def _local_visit(item: QueuedItem) -> tuple[Visit, Person]:
    """The visit and person an offline sign-in made, as the kiosk shows them (id: minus its queue number)."""
    p = item.payload
    d = p["details"]
    person_type = PersonType(p["type"])
    badge = p.get("badge", "")
    visit = Visit(
        id=-item.seq,
        person_id=0,
        site_id=p["site_id"],
        kiosk_id=p["kiosk_id"],
        status=VisitStatus.ON_SITE,
        screening=ScreeningOutcome.REVIEW if p.get("review") else ScreeningOutcome.CLEAR,
        name_as_typed=f"{p['first']} {p['last']}",
        person_type=person_type,
        signed_in_at=item.at,
        host=d["host"],
        purpose=d["purpose"],
        organisation=d["organisation"],
        car_registration=d["car_registration"],
        child_name=d["child_name"],
        child_class=d["child_class"],
        relationship=d["relationship"],
        badge_token=item.badge_token,
        badge_printed=badge == "printed",
        badge_error=p.get("badge_error", ""),
        policy_version_id=p.get("policy_id"),
        journey_key=item.journey_key,
        badge_state=badge,
    )
    person = Person(None, p["first"], p["last"], person_type, organisation=d["organisation"])
    return visit, person
