"""The first-run set-up's service on both databases: the accounts, settings applied, bans as drafts."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import InvalidInput, PermissionDenied
from kiosk.domain.model import BanStatus, PersonType, Role

CSV = "name,aliases,start,reason\nWilliam Hargreaves,Bill Hargreaves,2026-01-05,Threatened staff.\n"


def test_the_set_up_makes_both_accounts_and_imports_drafts_for_the_head(services):
    setup = services.setup
    assert setup.needed()
    with pytest.raises(InvalidInput, match="different"):
        setup.create_administrator("Alex Admin", "9753", "9751")
    admin = setup.create_administrator("Alex Admin", "9753", "9753")
    assert admin.role is Role.ADMINISTRATOR and not setup.needed()
    with pytest.raises(InvalidInput, match="6 to 12 digits"):
        setup.create_head(admin, "Helen Head", "9753", "9753")
    head = setup.create_head(admin, "Helen Head", "864213", "864213")
    with pytest.raises(PermissionDenied):
        setup.create_head(head, "Another Head", "864219", "864219")  # only the administrator adds staff
    with pytest.raises(PermissionDenied):
        setup.save_school(head, "Oakfield Primary")
    setup.save_school(admin, "Oakfield Primary", "#2E7D32")
    assert services.settings.school.name == "Oakfield Primary"  # the running program uses it at once
    with pytest.raises(InvalidInput, match="label size"):
        setup.choose_badge_printer(admin, "file", "no-such-label")
    setup.choose_badge_printer(admin, "", "a6")
    assert (services.settings.printing.printer, services.settings.printing.label) == ("file", "a6")
    with pytest.raises(InvalidInput, match="mail server"):
        setup.save_mail(admin, {"host": "", "alert_recipients": "office@school.uk"})
    smtp = setup.save_mail(
        admin, {"host": "mail.school.uk", "port": 587, "alert_recipients": "a@s.uk; b@s.uk"}
    )
    assert smtp.alert_recipients == ["a@s.uk", "b@s.uk"] and services.settings.smtp.host == "mail.school.uk"

    assert setup.import_bans(head, CSV.encode(), "bans.csv") == 1
    (ban,) = services.bans.list(head)
    assert ban.status is BanStatus.DRAFT and ban.approved_by is None and ban.created_by == head.staff_id
    assert services.sign_in.screen("Bill", "Hargreaves", PersonType.VISITOR, services.place).held is False
    services.bans.approve(head, ban.id)
    assert services.sign_in.screen("Bill", "Hargreaves", PersonType.VISITOR, services.place).held is True
    setup.finish(admin)
    actions = [e.action for e in services.staff.audit_log(head)]
    assert {"ban drafted by import", "ban approved", "set-up finished", "settings changed"} <= set(actions)
    details = [e.detail for e in services.staff.audit_log(head) if e.action == "settings changed"]
    assert not any("password" in d for d in details)
