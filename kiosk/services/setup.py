"""The first-run set-up's use cases: the school, the first two accounts, the badge printer, alert mail, bans.

The set-up window (kiosk.ui.setup) walks a new school through these in order. Nothing here is reachable
once the set-up is over except through the same role checks as ever: the accounts are the staff
service's (the first administrator is its bootstrap; the head is added by that administrator), the
settings are written by the administrator, and the ban list is imported by the head as drafts that
screen no one until the head approves them in the console's ban list.

Settings are written to the user's kiosk.toml through a port (``save_section``) and also applied to the
running program's settings object, so the kiosk started right after the set-up uses them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from kiosk.config import Settings, SmtpSettings
from kiosk.domain.errors import InvalidInput
from kiosk.domain.model import Actor, Role
from kiosk.domain.permissions import Action, require
from kiosk.services.bans import BanService, decode_csv
from kiosk.services.common import Deps, audit
from kiosk.services.printing import PrintingService
from kiosk.services.staff import StaffService

# What the test message says: it carries nothing about anyone, like every alert message.
TEST_SUBJECT = "Test message from the reception kiosk"
TEST_BODY = (
    "This is a test message from the {school} reception kiosk's set-up.\n\n"
    "When a visitor at the front door needs a member of staff, a message like this one goes to this "
    "address. It never contains names or personal details.\n"
)
# Printer value for "no label printer yet": badges are saved as PDF files in the badge folder.
FILE_PRINTER = "file"


@dataclass(frozen=True)
class LabelChoice:
    """A label stock the badge can be laid out for (kiosk.printing.labels)."""

    name: str
    description: str


@dataclass
class SetupService:
    """The steps of the first-run set-up, each checked against the role table like any other action."""

    deps: Deps
    settings: Settings
    staff: StaffService
    bans: BanService
    printing: PrintingService | None
    # Ports, wired by kiosk.app: write keys of one settings section; the label stocks; send one message.
    save_section: Callable[[str, dict[str, Any]], object]
    labels: Callable[[], list[LabelChoice]] = field(default_factory=lambda: list)
    send_mail: Callable[[SmtpSettings, dict[str, object]], None] | None = None

    # ------------------------------------------------------------------ when

    def needed(self) -> bool:
        """Whether this database has no staff yet, so the set-up is the way in."""
        return not self.staff.has_staff()

    # ------------------------------------------------------------------ accounts

    def create_administrator(self, name: str, pin: str, pin_again: str) -> Actor:
        """The first administrator (the staff service's bootstrap), signed in for the steps that follow."""
        if pin.strip() != pin_again.strip():
            raise InvalidInput("The two PINs are different. Please type them again.")
        if self.staff.has_staff():
            raise InvalidInput("This kiosk already has staff accounts: sign in to the console instead.")
        bootstrap = Actor(name="first-run set-up", role=None, source="set-up")
        self.staff.add(bootstrap, name, Role.ADMINISTRATOR, pin)
        return self.staff.authenticate(" ".join(name.split()), pin, source="set-up")

    def create_head(self, administrator: Actor, name: str, pin: str, pin_again: str) -> Actor:
        """The head of school's account (added by the administrator), signed in for the ban import."""
        require(administrator, Action.ADMINISTER)
        if pin.strip() != pin_again.strip():
            raise InvalidInput("The two PINs are different. Please type them again.")
        self.staff.add(administrator, name, Role.HEAD, pin)
        return self.staff.authenticate(" ".join(name.split()), pin, source="set-up")

    def head_pin_rule(self) -> str:
        """The head's PIN rule in words ("6 to 12 digits")."""
        return self.staff.pin_rules(Role.HEAD)

    # ------------------------------------------------------------------ the school

    def save_school(self, administrator: Actor, name: str, accent_colour: str = "", logo: str = "") -> None:
        """The school's name, accent colour and logo: in kiosk.toml, and used by this program from now."""
        require(administrator, Action.ADMINISTER)
        values: dict[str, Any] = {"name": " ".join(name.split())}
        if not values["name"]:
            raise InvalidInput("Please type the school's name.")
        if accent_colour.strip():
            values["accent_colour"] = accent_colour.strip()
        if logo.strip():
            values["logo"] = logo.strip()
        self._save(administrator, "school", values)

    # ------------------------------------------------------------------ the badge printer

    def label_choices(self) -> list[LabelChoice]:
        """The label stocks, the one in settings first."""
        found = list(self.labels())
        current = self.settings.printing.label
        return sorted(found, key=lambda c: c.name != current)

    def choose_badge_printer(self, administrator: Actor, printer: str, label: str) -> None:
        """Save the badge printer and its label stock (the file printer when there is no label printer)."""
        require(administrator, Action.ADMINISTER)
        printer = " ".join((printer or "").split()) or FILE_PRINTER
        known = {c.name for c in self.labels()}
        if known and label not in known:
            raise InvalidInput(f"Choose a label size from the list ({label!r} is not one).")
        self._save(administrator, "printing", {"printer": printer, "label": label})

    def test_badge(self, administrator: Actor) -> str:
        """Print a sample badge on the chosen printer and label; returns where it went."""
        if self.printing is None:
            raise InvalidInput("Test printing is not available in this program.")
        return self.printing.test_print(administrator, "badge", self.settings.printing.printer)

    # ------------------------------------------------------------------ alert mail

    def mail_settings(self, values: dict[str, Any]) -> SmtpSettings:
        """The [smtp] settings these form values make; InvalidInput names the first one that is wrong."""
        cleaned = dict(values)
        if isinstance(cleaned.get("alert_recipients"), str):
            text = str(cleaned["alert_recipients"]).replace(";", ",")
            cleaned["alert_recipients"] = [a.strip() for a in text.split(",") if a.strip()]
        if not str(cleaned.get("host", "")).strip():
            raise InvalidInput("Type the mail server's name (e.g. smtp.office365.com), or skip this step.")
        if not cleaned.get("alert_recipients"):
            raise InvalidInput(
                "Type at least one address for the alert messages (e.g. office@school.org.uk)."
            )
        try:
            return SmtpSettings.model_validate(cleaned)
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(p) for p in err["loc"]).replace("_", " ")
            raise InvalidInput(f"The {key}: {err['msg'].removeprefix('Value error, ')}.") from None

    def test_mail(self, administrator: Actor, values: dict[str, Any]) -> list[str]:
        """Send a test message with these (not yet saved) settings; returns the addresses it went to."""
        require(administrator, Action.ADMINISTER)
        smtp = self.mail_settings(values)
        if self.send_mail is None:
            raise InvalidInput("Mail cannot be sent from this program.")
        self.send_mail(
            smtp,
            {
                "to": list(smtp.alert_recipients),
                "subject": TEST_SUBJECT,
                "body": TEST_BODY.format(school=self.settings.school.name),
                "school": self.settings.school.name,
            },
        )
        with self.deps.uow() as uow:
            audit(uow, self.deps.clock.now(), administrator, "mail tested", "settings", 0, detail=smtp.host)
            uow.commit()
        return list(smtp.alert_recipients)

    def save_mail(self, administrator: Actor, values: dict[str, Any]) -> SmtpSettings:
        """Save the mail server for alert messages (the outbox sends with it from the next start)."""
        require(administrator, Action.ADMINISTER)
        smtp = self.mail_settings(values)
        self._save(administrator, "smtp", smtp.model_dump())
        return smtp

    # ------------------------------------------------------------------ the ban list

    def import_bans(self, head: Actor, data: bytes, source: str) -> int:
        """Import a ban list CSV as drafts waiting for the head's approval; returns how many."""
        created, _updated = self.bans.import_csv(head, decode_csv(data, source), source, for_approval=True)
        return created

    # ------------------------------------------------------------------ the end

    def finish(self, administrator: Actor) -> None:
        """Record that the set-up is over (the audit log says who set the kiosk up, and when)."""
        require(administrator, Action.ADMINISTER)
        with self.deps.uow() as uow:
            audit(uow, self.deps.clock.now(), administrator, "set-up finished", "settings", 0)
            uow.commit()

    def _save(self, actor: Actor, section: str, values: dict[str, Any]) -> None:
        self.save_section(section, values)
        target = getattr(self.settings, section)
        for key, value in values.items():
            setattr(target, key, value)
        detail = ", ".join(k for k in values if k != "password")
        with self.deps.uow() as uow:
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "settings changed",
                "settings",
                0,
                detail=f"[{section}] {detail}",
            )
            uow.commit()
