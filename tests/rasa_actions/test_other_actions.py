"""Fallback, asking for a person, failures, and how rasa_sdk finds the actions."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

from actions import services
from actions.fallback import ActionDefaultFallback
from actions.human import ActionRequestHuman
from actions.procedure import ActionAnswerProcedure, ActionChooseOption
from knowledge.catalogue.store import CatalogueNotBuilt
from rasa_actions.conftest import make_tracker, run_action


def test_out_of_scope_says_what_the_assistant_can_do_with_three_examples():
    outcome = run_action(ActionDefaultFallback(), make_tracker("thời tiết hôm nay thế nào", "out_of_scope"))
    assert outcome.text.startswith("Xin lỗi, câu hỏi này nằm ngoài phạm vi tôi có thể hỗ trợ.")
    assert outcome.text.count("\n- ") == 3
    assert outcome.events == []  # no revert: the rules continue after the fallback


def test_low_nlu_confidence_says_it_did_not_understand():
    outcome = run_action(ActionDefaultFallback(), make_tracker("asdfgh", "nlu_fallback"))
    assert outcome.text.startswith("Xin lỗi, tôi chưa hiểu rõ câu hỏi của anh/chị.")


def test_fallback_works_without_catalogue(use_services):
    use_services(lambda: (_ for _ in ()).throw(CatalogueNotBuilt(services.__file__)))
    outcome = run_action(ActionDefaultFallback(), make_tracker("xin chào bạn", "nlu_fallback"))
    assert "Tôi có thể cho anh/chị biết" in outcome.text


def test_catalogue_not_built_gives_an_apology_not_a_trace(use_services, tmp_path):
    def not_built() -> services.Services:
        raise CatalogueNotBuilt(tmp_path / "catalogue.sqlite3")

    use_services(not_built)
    for action, intent in ((ActionAnswerProcedure(), "ask_fee"), (ActionChooseOption(), "choose_option")):
        outcome = run_action(action, make_tracker("lệ phí hộ chiếu", intent, {"candidates": ["1.001456"]}))
        assert outcome.text.startswith("Xin lỗi anh/chị, hiện tôi chưa tra cứu được cơ sở dữ liệu")
        assert "sqlite3" not in outcome.text
        assert outcome.events == []


def test_an_unexpected_error_gives_a_polite_reply(searcher, caplog):
    def broken(query: str, top_k: int = 5):
        raise RuntimeError("index corrupted")

    searcher.search = broken
    outcome = run_action(ActionAnswerProcedure(), make_tracker("lệ phí hộ chiếu", "ask_fee"))
    assert outcome.text.startswith("Xin lỗi anh/chị, đã có lỗi khi tra cứu thông tin.")
    assert "index corrupted" in caplog.text  # the operator sees it in the log


def test_services_are_built_once_per_process(use_services, catalogue, searcher):
    built = []

    def factory() -> services.Services:
        built.append(1)
        return services.Services(catalogue, searcher, searcher.names_procedure)

    use_services(factory)
    for _ in range(3):
        run_action(ActionAnswerProcedure(), make_tracker("hộ chiếu mất bao lâu", "ask_time"))
    assert built == [1]


def test_a_failed_build_is_retried_on_the_next_message(use_services, catalogue, searcher, tmp_path):
    attempts = []

    def factory() -> services.Services:
        attempts.append(1)
        if len(attempts) == 1:
            raise CatalogueNotBuilt(tmp_path / "catalogue.sqlite3")
        return services.Services(catalogue, searcher, searcher.names_procedure)

    use_services(factory)
    first = run_action(ActionAnswerProcedure(), make_tracker("kết hôn mất bao lâu", "ask_time"))
    second = run_action(ActionAnswerProcedure(), make_tracker("kết hôn mất bao lâu", "ask_time"))
    assert first.text.startswith("Xin lỗi anh/chị")
    assert "(mã 1.004746, cấp xã)" in second.text


def test_request_human_gives_the_configured_contact(monkeypatch):
    monkeypatch.setenv(
        "TTHC_CENTRE_CONTACT", "Trung tâm Phục vụ hành chính công tỉnh X, điện thoại 0123 456 789"
    )
    outcome = run_action(ActionRequestHuman(), make_tracker("cho tôi gặp nhân viên", "request_human"))
    assert "Trung tâm Phục vụ hành chính công tỉnh X, điện thoại 0123 456 789" in outcome.text


def test_request_human_reads_the_centre_file(monkeypatch, tmp_path):
    config = tmp_path / "centre.yml"
    config.write_text('placeholder: false\nname: "Trung tâm X"\nphone: "0123 456 789"\n', encoding="utf-8")
    monkeypatch.delenv("TTHC_CENTRE_CONTACT", raising=False)
    monkeypatch.setenv("TTHC_CENTRE_CONFIG", str(config))
    outcome = run_action(ActionRequestHuman(), make_tracker("gặp người thật", "request_human"))
    assert outcome.text.endswith("Trung tâm X\nĐiện thoại: 0123 456 789")


def test_placeholder_contact_is_never_shown(monkeypatch):
    monkeypatch.delenv("TTHC_CENTRE_CONTACT", raising=False)
    monkeypatch.delenv("TTHC_CENTRE_CONFIG", raising=False)  # the shipped placeholder file
    outcome = run_action(ActionRequestHuman(), make_tracker("gặp người thật", "request_human"))
    assert "0000 000 000" not in outcome.text
    assert "Bộ phận Một cửa" in outcome.text


def test_action_server_registers_exactly_the_contract_actions():
    executor = ActionExecutor()
    executor.register_package("actions")
    expected = {
        "action_answer_procedure",
        "action_choose_option",
        "action_default_fallback",
        "action_request_human",
        "validate_dossier_status_form",
        "action_dossier_status",
    }
    assert expected <= set(executor.actions)
    assert "CatalogueAction" not in executor.actions
