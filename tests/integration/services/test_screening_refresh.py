"""The screening index follows the ban list in place when little changed, and is built once at a time."""

from __future__ import annotations

import threading

from kiosk.screening import Screener
from kiosk.services.screening import ActiveBanList
from tests.helpers import add_ban


class CountingFactory:
    """Builds real screeners and counts the builds (each one indexes the whole list)."""

    def __init__(self, delay: threading.Event | None = None):
        self.builds = 0
        self.delay = delay

    def __call__(self, entries):
        self.builds += 1
        if self.delay is not None:
            self.delay.wait(10)
        return Screener(entries)


def _names(ban_list, services, name):
    return [m.ban.name for m in ban_list.screen(name, services.place.site_id)]


def test_a_ban_approved_beside_many_updates_the_index_in_place(sqlite_services, clock):
    services = sqlite_services
    from tests.conftest import make_staff

    head = make_staff(services)["head"]
    for n in range(8):
        add_ban(services, head, name=f"Person{n} Listed")
    factory = CountingFactory()
    ban_list = ActiveBanList(services.deps, factory)
    ban_list.prepare(services.place.site_id)
    first = ban_list._screener
    assert factory.builds == 1
    added = add_ban(services, head, name="William Hargreaves")
    assert _names(ban_list, services, "Bill Hargreaves") == ["William Hargreaves"]
    assert factory.builds == 1 and ban_list._screener is first  # one entry added, no rebuild
    services.bans.lift(head, added.id, "appeal upheld")
    assert _names(ban_list, services, "William Hargreaves") == []
    assert factory.builds == 1 and len(first) == 8


def test_many_changes_build_a_new_index(sqlite_services):
    services = sqlite_services
    from tests.conftest import make_staff

    head = make_staff(services)["head"]
    add_ban(services, head, name="Karolina Nowak")
    factory = CountingFactory()
    ban_list = ActiveBanList(services.deps, factory)
    ban_list.prepare(services.place.site_id)
    first = ["Amara", "Bogdan", "Ciaran", "Delphine", "Eilidh", "Faisal", "Gwen", "Hamish", "Ines", "Jonas"]
    last = ["Okafor", "Lindqvist", "Petrakis", "Ferreira"]
    names = [f"{f} {s}" for f in first for s in last]
    text = "name,start,end\n" + "".join(f"{n},2026-01-05,2099-01-05\n" for n in names)
    services.bans.import_csv(head, text, "bans.csv")
    assert _names(ban_list, services, "Hamish Petrakis")[:1] == ["Hamish Petrakis"]
    assert _names(ban_list, services, "Karolina Nowak") == ["Karolina Nowak"]
    assert factory.builds == 2


def test_a_screening_during_a_background_refresh_waits_for_it_and_builds_nothing_more(sqlite_services):
    services = sqlite_services
    from tests.conftest import make_staff

    head = make_staff(services)["head"]
    release = threading.Event()
    factory = CountingFactory(delay=release)
    ban_list = ActiveBanList(services.deps, factory)
    add_ban(services, head, name="Priya Shah")
    ban_list.refresh_in_background(services.place.site_id)  # the kiosk heard the list change
    found: list[list[str]] = []
    visitor = threading.Thread(target=lambda: found.append(_names(ban_list, services, "Priya Shah")))
    visitor.start()
    visitor.join(0.5)
    assert visitor.is_alive() and not found  # fail closed: no screening against an index not yet built
    release.set()
    visitor.join(20)
    assert found == [["Priya Shah"]] and factory.builds == 1
