"""An alert on a trust ban reaches the school's reception and the trust's console; a school's stays its own."""

from __future__ import annotations

import pytest

from kiosk.domain.model import BanScope, PersonType
from tests.helpers import add_ban

pytestmark = pytest.mark.postgres


def hold(app, first: str, last: str) -> int:
    result = app.sign_in.screen(first, last, PersonType.VISITOR, app.place)
    assert result.held and result.visit_id is not None
    return result.visit_id


def test_the_trust_console_is_called_for_trust_bans_at_every_school_and_no_school_for_anothers(two_schools):
    t = two_schools
    add_ban(t.central, t.trust_lead, name="Darren Cole", scope=BanScope.TRUST)
    add_ban(t.central, t.trust_lead, name="Gary Oldfield", scope=BanScope.SCHOOLS, school_ids=(2,))
    add_ban(t.b, t.staff_b["head"], name="Brian Hollis")
    add_ban(t.a, t.staff_a["head"], name="Colin Pratt")
    at_b_trust = hold(t.b, "Darren", "Cole")
    at_b_schools = hold(t.b, "Gary", "Oldfield")
    at_b_own = hold(t.b, "Brian", "Hollis")
    at_a_own = hold(t.a, "Colin", "Pratt")
    # Each school's reception is called for its own held visitors, whatever the ban.
    assert t.b.sign_in.held_visit_ids() == [at_b_trust, at_b_schools, at_b_own]
    assert t.a.sign_in.held_visit_ids() == [at_a_own]
    # The trust's console (School A's site, the trust's role): its school's, and the trust's bans anywhere.
    assert t.central.sign_in.held_visit_ids() == [at_b_trust, at_b_schools, at_a_own]
