"""The kiosk's pages, named (kiosk.ui.kiosk.flow moves between them): a module of its own, so the
window and its Welcome page can be built before the services' modules are imported."""

from __future__ import annotations

import enum


class Step(enum.StrEnum):
    """A page of the kiosk."""

    WELCOME = "welcome"
    TYPE = "type"
    NAME = "name"
    DETAILS = "details"
    PASSWORD = "password"  # a collector, when the child they named has a family collection password
    POLICY = "policy"
    DONE = "done"
    HOLD = "hold"
    DECLINED = "declined"
    SIGN_OUT = "sign-out"
    SIGNED_OUT = "signed-out"
    CONFIRM_OUT = "confirm-out"
    ALREADY_IN = "already-in"
    SORRY = "sorry"
    STAFF = "staff"
    STAFF_ROLL = "staff-roll"  # a member of staff signs in or out with their name and PIN
    STAFF_DONE = "staff-done"  # "Signed in, Anna Abbott, 08:12"
