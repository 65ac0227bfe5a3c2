"""The cases page of the reception console (safeguarding lead and head): the breach process."""

from kiosk.ui.console.cases.page import CasesPage

__all__ = ["CasesPage"]
