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
