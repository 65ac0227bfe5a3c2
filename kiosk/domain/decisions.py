"""What reception checked before deciding a held visitor is not the person banned."""

from __future__ import annotations

import enum


class IdentityCheck(enum.StrEnum):
    """A check reception made of who the visitor is; recorded with the "not the same person" decision."""

    VISITOR_PASS = "visitor pass"  # scanned or looked at their visitor pass
    PHOTO_ID = "photo ID"  # saw photo identification (driving licence, passport, staff card)
    SPOKE_TO_THEM = "spoke to them"  # spoke to them in person (and e.g. confirmed their date of birth)

    @property
    def caption(self) -> str:
        """The words on the check box."""
        return _CAPTIONS[self]


_CAPTIONS = {
    IdentityCheck.VISITOR_PASS: "I checked their visitor pass",
    IdentityCheck.PHOTO_ID: "I saw photo ID (driving licence, passport, work ID)",
    IdentityCheck.SPOKE_TO_THEM: "I spoke to them in person",
}

RELEASE_REASON_MIN = 5  # characters: "short", but more than "ok"
