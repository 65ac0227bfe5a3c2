"""The bans in force reach the screening engine as small in-place updates, on SQLite and PostgreSQL."""

from __future__ import annotations

from kiosk.domain.model import PersonType
from kiosk.screening import Screener
from kiosk.services.screening import ActiveBanList
from tests.helpers import add_ban


def _held(services, first, last):
    return services.sign_in.screen(first, last, PersonType.VISITOR, services.place).held


def test_a_ban_added_or_lifted_later_updates_the_index_in_place(services, staff):
    built = []

    def factory(entries):
        built.append(Screener(entries))
        return built[-1]

    services.sign_in.bans = ActiveBanList(services.deps, factory)
    add_ban(services, staff["head"], name="William Hargreaves")
    assert _held(services, "Bill", "Hargreaves")
    later = add_ban(services, staff["head"], name="Darren Cole", aliases=("Daz Cole",))
    assert _held(services, "Darren", "Cole") and _held(services, "Daz", "Cole")
    services.bans.lift(staff["head"], later.id, "Representations accepted")
    assert not _held(services, "Darren", "Cole") and not _held(services, "Daz", "Cole")
    assert _held(services, "William", "Hargreaves")
    assert len(built) == 1  # one index, brought up to date twice


# A large change builds a new index: tests/integration/services/test_screening_refresh.py.
