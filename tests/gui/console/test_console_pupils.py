"""The Pupils page through the real console window: import, collectors, password; orders for the lead only."""

from __future__ import annotations

ROLL = (
    "Legal Forename,Legal Surname,Reg Group,UPN,Contact 1 Name,Contact 1 Relationship\n"
    "Amelia,Okafor,3B,A123,Grace Okafor,Mother\n"
    "Leo,Hart,1R,A124,Emma Hart,Mother\n"
)


def _open(qtbot, window, key):
    window.shell.show_page(key)
    page = window.shell.pages[key]
    qtbot.waitUntil(lambda: page.isVisible(), timeout=5_000)
    return page


def _choose(qtbot, page, first_name):
    row = next(i for i, p in enumerate(page.pupils) if p.first_name == first_name)
    page.table.selectRow(row)
    qtbot.waitUntil(
        lambda: page.chosen() is not None and page.chosen().first_name == first_name, timeout=5_000
    )


def test_reception_imports_the_roll_and_edits_a_childs_collectors(qtbot, app, make_window, sign_in, tmp_path):
    window = make_window(app)
    sign_in(window, "receptionist")
    window.resize(1024, 768)
    page = _open(qtbot, window, "pupils")
    roll = tmp_path / "sims.csv"
    roll.write_text(ROLL, encoding="utf-8")
    page.choose_open_path = lambda: str(roll)
    page.import_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert page.message.text() == "Imported: 2 pupils added, 0 updated, 2 collectors."
    assert not page.orders_box.isVisible()  # court orders are not there at all for reception

    _choose(qtbot, page, "Amelia")
    assert page.collectors_title.text() == "Collectors of Amelia Okafor"
    page.add_collector_button.click()
    dialog = page.dialog
    dialog.fields["name"].setText("Daniel Okafor")
    dialog.fields["relationship"].setText("Father")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.collector_table.rowCount() == 2, timeout=10_000)
    assert page.collector_table.item(1, 0).text() == "Daniel Okafor"

    page.password_button.click()
    page.dialog.fields["password"].setText("bluebell")
    page.dialog.ok_button.click()
    qtbot.waitUntil(lambda: "password of Amelia Okafor is set" in page.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: any(page.table.item(r, 4).text() == "set" for r in range(2)), timeout=10_000)
    reception = app.staff.authenticate("Rachel Reception", "2468")
    amelia = next(p for p in app.pupils.pupils(reception) if p.first_name == "Amelia")
    assert amelia.has_password and [c.name for c in amelia.collectors] == ["Grace Okafor", "Daniel Okafor"]
    assert app.pupils.desk.verdict("Daniel Okafor", "Amelia Okafor", "BLUEBELL").outcome.value == "authorised"


def test_the_safeguarding_lead_keeps_the_orders(qtbot, app, make_window, sign_in):
    reception = app.staff.authenticate("Rachel Reception", "2468")
    app.pupils.import_csv(reception, ROLL, "sims.csv")
    window = make_window(app)
    sign_in(window, "safeguarding lead")
    page = _open(qtbot, window, "pupils")
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert page.orders_box.isVisible()
    _choose(qtbot, page, "Leo")
    page.add_order_button.click()
    dialog = page.dialog
    dialog.fields["kind"].setCurrentText("Do not release to")
    dialog.fields["person_name"].setText("Ryan Hart")
    dialog.fields["details"].setText("Child arrangements order; call the mother")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.order_table.rowCount() == 1, timeout=10_000)
    assert page.order_table.item(0, 1).text() == "Ryan Hart"
    page.order_table.selectRow(0)
    assert "call the mother" in page.order_details.text()
    assert (
        "⚠ order"
        in page.table.item(next(i for i, p in enumerate(page.pupils) if p.first_name == "Leo"), 0).text()
    )
    assert app.pupils.desk.verdict("Ryan Hart", "Leo Hart").outcome.value.startswith("named in")
