"""The Code of Conduct in the visitor's language: published by the school, read, agreed, and recorded as such."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.domain.errors import Conflict, PermissionDenied
from kiosk.domain.model import PersonType
from kiosk.services.policy import policy_hash
from kiosk.services.visits import VisitDetails
from kiosk.ui.i18n import use_source_language
from kiosk.ui.kiosk.flow import Step

WELSH_TITLE = "Cod Ymddygiad"
WELSH_TEXT = (
    "# Cod Ymddygiad\n\nRydym yn disgwyl i bob ymwelydd drin disgyblion, staff ac ymwelwyr eraill "
    "â pharch.\n\nGwisgwch eich bathodyn bob amser tra byddwch ar safle'r ysgol."
)


@pytest.fixture(autouse=True)
def _english_after():
    yield
    use_source_language()


def _ack_of(services, first: str, last: str):
    with services.deps.uow.readonly() as uow:
        person = uow.people.by_exact_name(first, last)[0]
        return uow.policies.acknowledgement(person.id, uow.policies.current().id)


def test_a_translation_is_published_once_by_an_administrator_and_read_in_its_language(services, staff):
    version = services.policy.current()
    with pytest.raises(PermissionDenied):
        services.policy.publish_translation(staff["receptionist"], version.id, "cy", WELSH_TITLE, WELSH_TEXT)
    published = services.policy.publish_translation(
        staff["administrator"], version.id, "cy", WELSH_TITLE, WELSH_TEXT
    )
    assert published.sha256 == policy_hash(WELSH_TEXT)
    with pytest.raises(Conflict):
        services.policy.publish_translation(
            staff["administrator"], version.id, "cy", WELSH_TITLE, WELSH_TEXT + "x"
        )

    welsh = services.sign_in.current_policy("cy")
    assert (welsh.id, welsh.language, welsh.text, welsh.sha256) == (
        version.id,
        "cy",
        WELSH_TEXT,
        published.sha256,
    )
    polish = services.sign_in.current_policy("pl")  # none published: the English version as it is
    assert (polish.language, polish.sha256) == ("en", version.sha256)

    screened = services.sign_in.screen("Gwen", "Morgan", PersonType.VISITOR, services.place)
    services.sign_in.complete(
        screened,
        VisitDetails(host="Mrs Patel"),
        services.place,
        acknowledged_policy_id=version.id,
        policy_language="cy",
        policy_text_sha256=welsh.sha256,
    )
    ack = _ack_of(services, "Gwen", "Morgan")
    assert (ack.policy_version_id, ack.policy_sha256) == (version.id, version.sha256)
    assert (ack.language, ack.text_sha256) == ("cy", published.sha256)


def test_agreeing_to_english_is_recorded_as_english_even_if_a_translation_appeared_meanwhile(services, staff):
    version = services.policy.current()
    shown = services.sign_in.current_policy("pl")  # English: nothing in Polish yet
    services.policy.publish_translation(
        staff["administrator"], version.id, "pl", "Kodeks", "Tekst po polsku."
    )
    screened = services.sign_in.screen("Anna", "Nowak", PersonType.VISITOR, services.place)
    services.sign_in.complete(
        screened,
        VisitDetails(host="Mrs Patel"),
        services.place,
        acknowledged_policy_id=version.id,
        policy_language="pl",
        policy_text_sha256=shown.sha256,
    )
    ack = _ack_of(services, "Anna", "Nowak")
    assert (ack.language, ack.text_sha256) == ("en", version.sha256)


def test_a_visitor_reads_and_agrees_to_the_welsh_code_of_conduct(visitor, sqlite_services):
    admin = _admin(sqlite_services)
    version = sqlite_services.policy.current()
    sqlite_services.policy.publish_translation(admin, version.id, "cy", WELSH_TITLE, WELSH_TEXT)
    w = visitor.window
    visitor.tap(w.welcome.language_buttons["cy"])
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Gwen", "Morgan")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mrs Patel", organisation="Cyngor Sir")
    visitor.sees(Step.POLICY)
    page = w.policy_page
    assert "Rydym yn disgwyl i bob ymwelydd" in page.text.toPlainText()
    assert not page.untranslated.isVisible()
    assert page.title.text() == "Darllenwch ein Cod Ymddygiad, os gwelwch yn dda"
    visitor.read_policy_to_end()
    visitor.tap(page.agree_button)
    visitor.sees(Step.DONE)
    assert "Diolch, Gwen" in visitor.screen_text()
    ack = _ack_of(sqlite_services, "Gwen", "Morgan")
    assert (ack.language, ack.text_sha256) == ("cy", policy_hash(WELSH_TEXT))


def test_without_a_translation_the_english_is_shown_with_a_line_in_the_visitors_language(
    visitor, sqlite_services
):
    w = visitor.window
    visitor.tap(w.welcome.language_buttons["ur"])
    assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Ayesha", "Khan")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mrs Patel", organisation="Trust")
    visitor.sees(Step.POLICY)
    page = w.policy_page
    english = sqlite_services.policy.current()
    assert page.text.toPlainText().split()[:3] == english.text.replace("#", "").split()[:3]
    assert page.untranslated.isVisible()
    assert "استقبالیہ" in page.untranslated.text()  # "reception", in Urdu
    visitor.read_policy_to_end()
    visitor.tap(page.agree_button)
    visitor.sees(Step.DONE)
    ack = _ack_of(sqlite_services, "Ayesha", "Khan")
    assert (ack.language, ack.text_sha256) == ("en", english.sha256)


def _admin(services):
    from kiosk.domain.model import Role
    from tests.helpers import add_staff_accounts

    return add_staff_accounts(services, {Role.ADMINISTRATOR: ("Test Administrator", "9753")})[
        Role.ADMINISTRATOR
    ]


def test_an_administrator_publishes_a_translation_from_the_command_line(tmp_path):
    import os
    import sqlite3
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_DATABASE_URL=f"sqlite:///{tmp_path / 'kiosk.sqlite3'}",
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_CONFIG=str(tmp_path / "kiosk.toml"),
        KIOSK_PRINTING__FOLDER=str(tmp_path / "badges"),
    )

    def kiosk(*args: str, stdin: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", *args],
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    added = kiosk("staff", "add", "--name", "Alex Admin", "--role", "administrator", stdin="9753\n")
    assert added.returncode == 0, added.stderr
    text = tmp_path / "cod.md"
    text.write_text(WELSH_TEXT, encoding="utf-8")
    args = ("--as", "Alex Admin", "policy-translate", "--language", "cy", "--title", WELSH_TITLE, str(text))
    done = kiosk(*args, stdin="9753\n")
    assert done.returncode == 0, done.stderr
    assert "published the cy translation of policy version 1" in done.stdout
    again = kiosk(*args, stdin="9753\n")
    assert again.returncode != 0 and "Traceback" not in again.stderr
    assert again.stderr.startswith("kiosk: ") and "cannot be changed" in again.stderr
    with sqlite3.connect(tmp_path / "kiosk.sqlite3") as conn:
        rows = conn.execute("SELECT policy_version_id, language, sha256 FROM policy_translations").fetchall()
        audited = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'policy translation published'")
        count = audited.fetchone()[0]
    conn.close()
    assert rows == [(1, "cy", policy_hash(WELSH_TEXT))]
    assert count == 1
