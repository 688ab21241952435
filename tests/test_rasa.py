"""The Rasa side, checked with Rasa's own tools in .venv-rasa.

- the training data is NFC and the held-out NLU set shares no example with it;
- `rasa data validate --fail-on-warnings` passes;
- the end-to-end test conversations pass `rasa test core --fail-on-prediction-errors`
  (intents, entities and predicted actions of every turn);
- intent macro-F1 on the held-out set is reported, with a floor that can fail.

The model under test is the one `scripts/train-rasa.sh` built (make test builds
it first); these tests never train, so they never take minutes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
NLU_DIR = ROOT / "nlu_data"
HELD_OUT = ROOT / "tests" / "rasa" / "nlu_test.yml"
TEST_STORIES = ROOT / "tests" / "rasa" / "test_stories.yml"
IN_CI = os.environ.get("CI", "").lower() == "true"

# Target is 0.95 (issue 5); the assertion floor leaves room for retraining noise.
MACRO_F1_TARGET = 0.95
MACRO_F1_FLOOR = 0.90

# [text](entity) and [text]{"entity": ...} annotations -> text
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def examples(path: Path) -> list[tuple[str, str]]:
    """(intent, plain text) pairs of an NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            if line.startswith("- "):
                pairs.append((block["intent"], ANNOTATION.sub(r"\1", line[2:])))
    return pairs


def training_examples() -> list[tuple[str, str]]:
    return [pair for path in sorted(NLU_DIR.glob("nlu*.yml")) for pair in examples(path)]


def rasa_env() -> dict[str, str]:
    return dict(os.environ, RASA_TELEMETRY_ENABLED="false", PYTHONWARNINGS="ignore")


def run_rasa(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RASA), *args], cwd=ROOT, env=rasa_env(), capture_output=True, text=True, timeout=timeout
    )


def unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(reason + " (CI=true: the Rasa tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def rasa_installed() -> Path:
    if not RASA.exists():
        unavailable("Rasa is not installed in .venv-rasa (run scripts/setup-venvs.sh rasa)")
    return RASA


@pytest.fixture(scope="session")
def trained_model(rasa_installed: Path) -> Path:
    """The current model from scripts/train-rasa.sh; stale or missing models are not tested."""
    data_dir = Path(os.environ.get("TTHC_DATA_DIR", ROOT / "var"))
    model = data_dir / "rasa" / "models" / "tthc.tar.gz"
    check = subprocess.run(
        [str(ROOT / "scripts" / "train-rasa.sh"), "--check"], cwd=ROOT, capture_output=True, text=True
    )
    if check.returncode != 0 or not model.exists():
        unavailable(f"the Rasa model {model} is missing or older than its data (run scripts/train-rasa.sh)")
    return model


# --- data hygiene: plain Python, no Rasa needed --------------------------------


def test_training_examples_are_nfc_and_trimmed() -> None:
    """Entity offsets are computed on the raw example, before the NFC component runs,
    so an example the component would change could shift its annotations."""
    bad = [
        text
        for _, text in training_examples()
        if text != unicodedata.normalize("NFC", text) or text != " ".join(text.split())
    ]
    assert bad == []


def test_every_intent_has_enough_varied_examples() -> None:
    by_intent: dict[str, list[str]] = {}
    for intent, text in training_examples():
        by_intent.setdefault(intent, []).append(text)
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert set(by_intent) == set(domain["intents"])
    for intent, texts in by_intent.items():
        assert len(texts) >= 25, intent
        if intent in {"inform_dossier_code", "inform_phone_digits", "choose_option"}:
            continue  # mostly codes and digits: diacritics are beside the point
        ascii_only = sum(t.isascii() for t in texts)
        assert ascii_only >= 0.3 * len(texts), f"{intent}: only {ascii_only}/{len(texts)} without diacritics"


def test_held_out_examples_are_not_training_examples() -> None:
    seen = {text.lower() for _, text in training_examples()}
    held_out = examples(HELD_OUT)
    assert len(held_out) >= 150
    assert [text for _, text in held_out if text.lower() in seen] == []


def test_there_are_at_least_40_test_conversations() -> None:
    stories = yaml.safe_load(TEST_STORIES.read_text(encoding="utf-8"))["stories"]
    assert len(stories) >= 40


# --- Rasa's own checks ------------------------------------------------------------


def run_in_rasa_python(script: str) -> dict:
    """Run ``script`` in .venv-rasa's Python; its last output line is JSON."""
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", script],
        cwd=ROOT,
        env=rasa_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.rasa
def test_rasa_data_validate(rasa_installed: Path) -> None:
    result = run_rasa("data", "validate", "--data", "nlu_data", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.rasa
def test_nfc_component_and_folding_tokenizer(rasa_installed: Path) -> None:
    """The custom components, run in Rasa's own venv, on decomposed input."""
    script = """
import json, sys, unicodedata
from rasa.shared.nlu.training_data.message import Message
from rasa_addons.nfc_normalizer import NFCNormalizer
from rasa_addons.folding_tokenizer import AccentFoldingTokenizer
normaliser = NFCNormalizer({"max_chars": 20})
tokenizer = AccentFoldingTokenizer({**AccentFoldingTokenizer.get_default_config()})
nfd = unicodedata.normalize("NFD", "Lệ phí đăng ký   kết hôn là bao nhiêu")
message = Message(data={"text": nfd})
normaliser.process([message])
tokens = tokenizer.tokenize(message, "text")
print(json.dumps({"text": message.get("text"), "lemmas": [t.lemma for t in tokens]}))
"""
    output = run_in_rasa_python(script)
    assert output["text"] == "Lệ phí đăng ký kết hôn là bao nhiêu"[:20]  # NFC, spaces collapsed, capped
    assert output["lemmas"] == ["le", "phi", "dang", "ky", "ket", "h"]


@pytest.mark.rasa
def test_action_responses_are_still_validated_after_the_speed_fix(rasa_installed: Path) -> None:
    """rasa_addons swaps Rasa's per-call schema check for a cached validator: same verdicts."""
    script = """
import json
from jsonschema import ValidationError
import rasa_addons  # installs the fix
from rasa.core.actions.action import RemoteAction
action = RemoteAction("action_answer_procedure", None)
good = {"events": [{"event": "slot", "name": "aspect", "value": "fee"}], "responses": [{"text": "Dạ"}]}
bad = {"events": [{"event": "slot", "name": 3}], "responses": "not a list"}
verdicts = {"patched": RemoteAction._validate_action_result.__module__, "good": action._validate_action_result(good)}
try:
    action._validate_action_result(bad)
    verdicts["bad"] = "accepted"
except ValidationError as error:
    verdicts["bad"] = error.message
print(json.dumps(verdicts))
"""
    verdicts = run_in_rasa_python(script)
    assert verdicts["patched"] == "rasa_addons.action_response_validation"
    assert verdicts["good"] is True
    assert "Failed to validate Action server response" in verdicts["bad"]


@pytest.mark.rasa
@pytest.mark.slow
def test_conversations_pass_rasa_test_core(trained_model: Path, tmp_path: Path) -> None:
    result = run_rasa(
        "test", "core",
        "--model", str(trained_model),
        "--stories", str(TEST_STORIES),
        "--out", str(tmp_path),
        "--fail-on-prediction-errors",
        "--e2e",  # without it, user turns are replayed from their labels and NLU goes unchecked
        "--no-plot",
    )  # fmt: skip
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.exists() else ""
    assert result.returncode == 0, (result.stdout[-4000:] + result.stderr[-4000:] + details)[-8000:]


@pytest.mark.rasa
@pytest.mark.slow
def test_held_out_intent_macro_f1(trained_model: Path, tmp_path: Path) -> None:
    result = run_rasa(
        "test", "nlu",
        "--model", str(trained_model),
        "--nlu", str(HELD_OUT),
        "--out", str(tmp_path),
        "--no-plot",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "intent_report.json").read_text(encoding="utf-8"))
    macro_f1 = report["macro avg"]["f1-score"]
    errors = json.loads((tmp_path / "intent_errors.json").read_text(encoding="utf-8"))
    print(
        f"\nheld-out intent macro-F1 = {macro_f1:.4f} (target {MACRO_F1_TARGET}), accuracy = {report['accuracy']:.4f}"
    )
    for error in errors:
        print(f"  {error['intent']} -> {error['intent_prediction']['name']}: {error['text']}")
    assert macro_f1 >= MACRO_F1_FLOOR


@pytest.mark.rasa
def test_rest_channel_with_search_ahead_is_rasas_rest_channel(rasa_installed: Path) -> None:
    """Same name (so the same URL) and messages as RestInput; hints only when a URL is set."""
    script = """
import json
from rasa.core.channels.rest import RestInput
from rasa_addons.search_ahead import RestInputWithSearchAhead as Channel
configured = Channel.from_credentials({"search_ahead_url": "http://127.0.0.1:5055/search-ahead"})
try:
    Channel("ftp://example/search-ahead")
    bad_url = "accepted"
except ValueError as error:
    bad_url = str(error)
print(json.dumps({
    "name": Channel.name(),
    "is_rest": issubclass(Channel, RestInput),
    "off_when_empty": Channel.from_credentials({"search_ahead_url": ""}).hints is None,
    "off_without_credentials": Channel.from_credentials(None).hints is None,
    "url": configured.hints.url,
    "bad_url": bad_url,
}))
"""
    output = run_in_rasa_python(script)
    assert output["name"] == "rest" and output["is_rest"]
    assert output["off_when_empty"] and output["off_without_credentials"]
    assert output["url"] == "http://127.0.0.1:5055/search-ahead"
    assert "must be an http:// URL" in output["bad_url"]


@pytest.mark.rasa
def test_search_ahead_hints_reach_a_server_and_survive_its_absence(rasa_installed: Path) -> None:
    """Hints arrive as JSON, each on its own closed connection; with nothing listening they are dropped."""
    script = """
import json, socket, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from rasa_addons.search_ahead import SearchAheadHints

received, connections = [], set()

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        received.append((self.path, json.loads(body), self.headers["Connection"]))
        connections.add(self.client_address)
        self.send_response(202)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")
    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
hints = SearchAheadHints(f"http://127.0.0.1:{server.server_port}/search-ahead")
for text in ["lệ phí đăng ký kết hôn", "làm hộ chiếu", "   ", None]:
    hints.send(text)
hints.wait_until_sent()
server.shutdown()
server.server_close()

with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    free_port = probe.getsockname()[1]
absent = SearchAheadHints(f"http://127.0.0.1:{free_port}/search-ahead", reply_timeout=0.5)
absent.send("xin chào")  # refused at once: dropped, and hints pause
absent.send("lệ phí")  # paused: not even tried
absent.wait_until_sent()
print(json.dumps({"received": received, "connections": len(connections), "sent": hints.sent,
                  "absent_sent": absent.sent, "absent_dropped": absent.dropped}))
"""
    output = run_in_rasa_python(script)
    assert output["received"] == [
        ["/search-ahead", {"text": "lệ phí đăng ký kết hôn"}, "close"],
        ["/search-ahead", {"text": "làm hộ chiếu"}, "close"],
    ]
    # Nothing kept open: a stopping action server must not wait for Rasa's connection.
    assert output["connections"] == 2
    assert output["sent"] == 2
    assert (output["absent_sent"], output["absent_dropped"]) == (0, 2)
