"""The breach process, by responsibility.

- ``service``: CaseService, the use cases (incidents, cases, steps, bans through BanService);
- ``letters``: what each letter says (placeholders, dates in words, who signs);
- ``demo_letters``: sample letters filled with one demo case;
- ``reports``: open cases, bans due for review, incidents per term, and CSV.

The settings are ``kiosk.domain.cases.CaseSettings`` (the one definition; kiosk.config validates the
settings file into it).
"""

from kiosk.domain.cases import CaseSettings, SchoolDetails, Term, parse_terms, term_of
from kiosk.services.cases.demo_letters import demo_fields, sample_letters
from kiosk.services.cases.letters import LetterRenderer, add_months, clock_time, long_date, signer
from kiosk.services.cases.reports import BanLine, CasesReport
from kiosk.services.cases.service import CaseService

__all__ = [
    "BanLine",
    "CaseService",
    "CaseSettings",
    "CasesReport",
    "LetterRenderer",
    "SchoolDetails",
    "Term",
    "add_months",
    "clock_time",
    "demo_fields",
    "long_date",
    "parse_terms",
    "sample_letters",
    "signer",
    "term_of",
]
