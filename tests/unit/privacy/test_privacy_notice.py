"""The privacy notice texts, retention periods in words, and what an audited reason may say."""

from __future__ import annotations

from kiosk.config import RetentionSettings
from kiosk.domain.model import Person, PersonType
from kiosk.resources_path import read_text
from kiosk.services.privacy import PrivacyService, _redact, describe_days


def service(short: str, full: str = "", **retention) -> PrivacyService:
    return PrivacyService(
        deps=None,
        retention=RetentionSettings(**retention),
        notice_short=short,
        notice_full=full,
        school_name="Oakfield Primary School",
    )


def test_notice_states_the_schools_name_and_its_retention_periods():
    notice = service(
        read_text("privacy", "notice-short.md"), read_text("privacy", "notice-full.md")
    ).privacy_notice()
    assert "Oakfield Primary School" in notice.short
    assert "visits for 2 years" in notice.short
    assert "safeguard" in notice.short.lower() and "fire" in notice.short.lower()
    assert "{" not in notice.short and "{" not in notice.full
    assert "| Visits (sign-in and sign-out) | 2 years after the visit |" in notice.full
    assert len(notice.sha256) == 64


def test_notice_version_changes_with_its_text_or_settings():
    a = service("Kept for {visits}.").privacy_notice()
    assert a.short == "Kept for 2 years."
    assert service("Kept for {visits}.", visits_days=400).privacy_notice().short == "Kept for 400 days."
    assert service("Kept for {visits}.", visits_days=400).privacy_notice().sha256 != a.sha256
    assert service("Kept for {visits}.").privacy_notice().sha256 == a.sha256
    assert service("Unknown {placeholder} stays.").privacy_notice().short == "Unknown {placeholder} stays."


def test_days_in_words():
    assert describe_days(730) == "2 years"
    assert describe_days(365) == "1 year"
    assert describe_days(90) == "3 months"
    assert describe_days(45) == "45 days"
    assert describe_days(1) == "1 day"


def test_retention_rules_cover_every_kind_with_a_meaning():
    rules = service("").retention_rules()
    kinds = {r.kind for r in rules}
    assert {
        "visits",
        "acknowledgements and signatures",
        "photos",
        "dismissed matches",
        "alerts",
        "incidents and cases",
        "letters",
        "expired or lifted bans",
        "audit log",
    } <= kinds
    assert all(r.meaning and r.days > 0 for r in rules)


def test_an_audited_reason_loses_the_persons_own_name():
    p = Person(1, "Zebedee", "Quarmby", PersonType.VISITOR, email="zq@example.org", phone="07700 900123")
    text = _redact("Email from ZEBEDEE quarmby (zq@example.org, 07700 900123) asking to be forgotten", p)
    assert (
        "zebedee" not in text.lower()
        and "quarmby" not in text.lower()
        and "zq@" not in text
        and "07700" not in text
    )
    assert "asking to be forgotten" in text
