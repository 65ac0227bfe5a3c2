"""Errors a person can cause, each with a message that says what to do."""


class KioskError(Exception):
    """Base of every error whose message is fit to show a user (never a traceback)."""


class PermissionDenied(KioskError):
    """The signed-in staff member's role does not allow this action."""


class NotFound(KioskError):
    """The record asked for does not exist (or no longer exists)."""


class InvalidInput(KioskError):
    """What was typed or imported cannot be accepted as it is."""


class Conflict(KioskError):
    """The action does not fit the record's current state (e.g. deciding an alert already decided)."""


class AccountLocked(KioskError):
    """Too many wrong PINs: the account is locked for a while."""


class DatabaseUnavailable(KioskError):
    """The database cannot be opened, is locked, read-only or gone."""


class DatabaseUnreachable(DatabaseUnavailable):
    """The central PostgreSQL server cannot be reached (refused, timed out, connection lost).

    Only this error lets a kiosk with offline mode carry on against its local copy of the bans
    (kiosk.services.offline); any other DatabaseUnavailable, a DatabaseFault above all, fails closed.
    """


class PrintFailed(KioskError):
    """The badge or report could not be printed."""


class DatabaseFault(DatabaseUnavailable):
    """The database is not the one this kiosk knows: gone, replaced, emptied, or its ban list vanished.

    Sign-in stops (fail closed) until the right database is back or staff adopt the new one
    (`kiosk db adopt`).
    """
