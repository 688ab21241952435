"""Demo dossiers: deterministic, clearly fake, covering every state and the late cases."""

from __future__ import annotations

import json
from collections import Counter

from knowledge.dossiers.codes import parse_code
from knowledge.dossiers.demo import SCENARIOS, generate, load_agencies, showcase
from knowledge.dossiers.lookup import DossierLookup, OutcomeKind
from knowledge.dossiers.status import DossierStatus

from .conftest import TODAY


def test_same_seed_same_data_other_seed_other_data():
    assert generate(50, seed=7, today=TODAY) == generate(50, seed=7, today=TODAY)
    assert generate(50, seed=7, today=TODAY) != generate(50, seed=8, today=TODAY)


def test_every_state_and_late_case_is_present_and_consistent(calendar):
    dossiers = generate(300, today=TODAY, calendar=calendar)
    assert len({d.code for d in dossiers}) == 300
    assert set(Counter(d.status for d in dossiers)) == set(DossierStatus)
    views = [d.public_view(TODAY, calendar) for d in dossiers]
    late = [v for v in views if v.is_late]
    assert any(v.new_due_on and v.new_due_on >= TODAY for v in late)
    assert any(v.new_due_on is None for v in late)
    assert any(v.finished_late for v in views)
    for dossier in dossiers:
        parsed = parse_code(dossier.code)
        assert parsed.code == dossier.code and parsed.agency == dossier.agency_code
        assert parsed.received_on == dossier.received_at.date() <= TODAY
        assert calendar.is_working_day(dossier.received_at.date())
        assert dossier.due_at == calendar.add_working_days(dossier.received_at.date(), _days(dossier))
        for moment in (dossier.finished_at, dossier.returned_at):
            assert moment is None or dossier.received_at <= moment and moment.date() <= TODAY
        assert [c.at for c in dossier.history] == sorted(c.at for c in dossier.history)


def _days(dossier):
    from knowledge.dossiers.demo import PROCEDURES

    return next(p.working_days for p in PROCEDURES if p.code == dossier.procedure_code)


def test_marked_as_demo_and_obviously_fake():
    for dossier in generate(100, today=TODAY):
        assert dossier.demo
        assert dossier.applicant.name.startswith("(DEMO) ")
        assert dossier.applicant.phone.startswith("0100") and len(dossier.applicant.phone) == 10
        assert dossier.applicant.id_number.startswith("000")


def test_showcase_unlocks_each_scenario(sqlite_store):
    dossiers = generate(40, today=TODAY)
    sqlite_store.replace_demo(dossiers)
    lookup = DossierLookup(sqlite_store, today=lambda: TODAY)
    items = showcase(dossiers)
    assert [item.scenario for item in items] == list(SCENARIOS)
    for item in items:
        outcome = lookup.check(item.code, item.phone_last4, conversation_id=item.scenario)
        assert outcome.kind is OutcomeKind.FOUND, item
    late = {item.scenario: lookup.check(item.code, item.phone_last4, "x").view for item in items[2:5]}
    assert all(view.is_late for view in late.values())
    assert late["late_new_date"].new_due_on >= TODAY and late["late"].new_due_on is None


def test_agencies_from_an_alias_file(tmp_path):
    path = tmp_path / "agencies.json"
    path.write_text(
        json.dumps(
            {
                "1": {"đơn vị": "sở tư pháp", "địa chỉ": "Địa chỉ: 1 Đường A, Phường 1\n Điện thoại: 0299"},
                "2": {"đơn vị": "ubnd xã b", "địa chỉ": ""},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    agencies = load_agencies(path)
    assert [(a.name, a.address) for a in agencies] == [
        ("Sở tư pháp", "1 Đường A, Phường 1"),
        ("Ubnd xã b", ""),
    ]
    names = {d.agency_name for d in generate(30, today=TODAY, agencies=agencies)}
    assert names <= {"Sở tư pháp", "Ubnd xã b"}
