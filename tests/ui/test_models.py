"""The table models pass Qt's model tester and search and sort in SQL."""
from __future__ import annotations

from PySide6.QtCore import Qt

from churnguard_gui.ui.table_models import ID_ROLE, client_model, staff_model


def test_client_model_passes_modeltester(qtmodeltester, demo_db):
    model = client_model(demo_db)
    qtmodeltester.check(model)
    model.sort(3, Qt.SortOrder.DescendingOrder)
    model.set_search("五金")
    qtmodeltester.check(model)


def test_staff_model_passes_modeltester(qtmodeltester, demo_db):
    model = staff_model(demo_db)
    qtmodeltester.check(model)
    model.sort(8, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_search_matches_name_code_contact_phone_and_owner(demo_db):
    model = client_model(demo_db)
    assert model.rowCount() == 300
    column = {model.column_key(c): c for c in range(model.columnCount())}
    for text, key in (("KH00042", "code"), ("David Chen", "owner")):
        model.set_search(text)
        assert model.rowCount() >= 1
        assert all(text in model.index(r, column[key]).data() for r in range(model.rowCount()))
    contact = demo_db.execute("SELECT name, phone FROM client_contacts WHERE client_id = 7 AND is_primary").fetchone()
    model.set_search(contact[1].replace("-", " "))  # typed with a space instead of the dash
    assert 7 in [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]
    model.set_search("")
    assert model.rowCount() == 300


def test_sort_by_value_is_numeric(demo_db):
    model = client_model(demo_db)
    column = [model.column_key(c) for c in range(model.columnCount())].index("annual_value")
    model.sort(column, Qt.SortOrder.DescendingOrder)
    values = [int(model.index(r, column).data().replace(",", "")) for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    assert model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_rows_beyond_the_first_page_are_fetched(demo_db):
    model = client_model(demo_db)
    last = model.index(299, 1).data()
    assert last and last == demo_db.execute("SELECT name FROM clients WHERE id = ?", [model.id_at(299)]).fetchone()[0]


def test_agreement_model_passes_modeltester(qtmodeltester, demo_db):
    from churnguard_gui.core.agreements import AgreementDraft
    from churnguard_gui.store.agreements import save_agreement
    from churnguard_gui.ui.table_models import agreement_model

    for staff_id in (1, 2):
        save_agreement(demo_db, AgreementDraft(staff_id, "confidentiality", "other", False, secrets=("plans",)),
                       lambda number: ("fingerprint", "v1"))
    model = agreement_model(demo_db)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.index(0, 3).data() == "draft"
    model.set_filter("staff_id", 2)
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_the_selected_record_stays_selected_when_the_list_is_sorted(demo_db, qtbot):
    from PySide6.QtWidgets import QTableView

    model = client_model(demo_db)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setCurrentIndex(model.index(5, 1))
    chosen = model.index(5, 1).data(ID_ROLE)
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert view.currentIndex().row() == model.row_of(chosen) != 5
    assert view.currentIndex().data(ID_ROLE) == chosen and view.currentIndex().column() == 1
