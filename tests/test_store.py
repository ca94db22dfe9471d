"""Tests for game.session.store: atomic, checksummed saves and autosave slots."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from game.session import store
from game.session.store import (
    FORMAT_VERSION, AutosaveSlots, SaveCorrupt, SaveFileError, SaveMissing, SaveTampered, SaveTooNew,
    SaveTruncated, payload_checksum, read_envelope, read_save, user_data_dir, write_atomic, write_save,
)

PAYLOAD = {"scenario": "cst-1999", "round": 3, "actors": ["ru", "ge"], "score": 0.25,
           "note": "Тбилиси ✓"}


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, PAYLOAD)
    assert read_save(path) == PAYLOAD
    envelope = json.loads(path.read_text("utf-8"))
    assert envelope["format"] == "treaty-table-save"
    assert envelope["format_version"] == FORMAT_VERSION == 1
    canonical = json.dumps(PAYLOAD, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert envelope["sha256"] == expected == payload_checksum(PAYLOAD)


def test_write_creates_folders_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "game.json"
    write_save(path, PAYLOAD)
    assert os.listdir(path.parent) == ["game.json"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SaveMissing) as caught:
        read_save(tmp_path / "nope.json")
    assert "no save file" in str(caught.value)


@pytest.mark.parametrize("cut", [0, 1, 20, 60, -30, -2])
def test_truncated_file(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "game.json"
    write_save(path, PAYLOAD)
    path.write_bytes(path.read_bytes()[:cut])
    with pytest.raises(SaveTruncated) as caught:
        read_save(path)
    assert "game.json" in str(caught.value)


def test_zero_filled_file_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    path.write_bytes(b"\x00" * 4096)
    with pytest.raises(SaveTruncated):
        read_save(path)


@pytest.mark.parametrize("content", [b"hello", b"\xff\xfe\x00garbage", b"[1, 2]", b'{"format": "other"}',
                                     b'{"a": 1} trailing',
                                     b'{"format": "treaty-table-save", "format_version": "1"}'])
def test_corrupt_or_foreign_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "game.json"
    path.write_bytes(content)
    with pytest.raises(SaveCorrupt):
        read_save(path)


def test_flipped_byte_in_payload_is_tampering(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, PAYLOAD)
    raw = path.read_bytes()
    at = raw.index(b'"round": 3') + len(b'"round": ')
    path.write_bytes(raw[:at] + b"4" + raw[at + 1:])
    with pytest.raises(SaveTampered) as caught:
        read_save(path)
    assert "checksum" in str(caught.value)


def test_reformatted_json_is_still_valid(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, PAYLOAD)
    path.write_text(json.dumps(json.loads(path.read_text("utf-8")), indent=4, ensure_ascii=True), "utf-8")
    assert read_save(path) == PAYLOAD


def test_newer_format_is_refused_with_a_clear_sentence(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, PAYLOAD, format_version=FORMAT_VERSION + 1)
    with pytest.raises(SaveTooNew) as caught:
        read_save(path)
    assert str(caught.value) == ("this save was written by a newer version of Treaty Table (format 2); "
                                 "update the game to open it")
    assert caught.value.format_version == 2
    assert read_save(path, supported_version=2) == PAYLOAD


def test_older_format_is_returned_with_its_version(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, PAYLOAD, format_version=1)
    envelope = read_envelope(path, supported_version=3)
    assert envelope.format_version == 1 and envelope.payload == PAYLOAD


def test_errors_share_a_base_class() -> None:
    for kind in (SaveMissing, SaveTruncated, SaveCorrupt, SaveTampered, SaveTooNew):
        assert issubclass(kind, SaveFileError)


def test_unserialisable_payload_is_refused_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, PAYLOAD)
    with pytest.raises(ValueError):
        write_save(path, {"x": float("nan")})
    with pytest.raises(TypeError):
        write_save(path, {"x": object()})
    assert read_save(path) == PAYLOAD


def test_crash_between_write_and_rename_keeps_the_old_file(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "game.json"
    write_save(path, PAYLOAD)
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("simulated crash before rename")

    monkeypatch.setattr(store.os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        write_save(path, {"round": 99})
    assert path.read_bytes() == before
    assert read_save(path) == PAYLOAD
    assert os.listdir(tmp_path) == ["game.json"]


def test_write_atomic_fsyncs_file_and_replaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(store.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(store.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    write_atomic(tmp_path / "x.bin", b"data")
    assert (tmp_path / "x.bin").read_bytes() == b"data"
    assert calls[:2] == ["fsync", "replace"]


def test_autosave_rotation_keeps_five(tmp_path: Path) -> None:
    slots = AutosaveSlots(tmp_path / "autosaves")
    written = [slots.write({"turn": n}) for n in range(1, 9)]
    assert [p.name for p in written[:2]] == ["autosave-0001.json", "autosave-0002.json"]
    entries = slots.entries()
    assert [p.name for p in entries] == [f"autosave-{n:04d}.json" for n in (8, 7, 6, 5, 4)]
    assert sorted(os.listdir(tmp_path / "autosaves")) == sorted(p.name for p in entries)
    assert slots.latest_good() == (entries[0], {"turn": 8})
    assert slots.problems() == []


def test_latest_good_skips_a_truncated_newest(tmp_path: Path) -> None:
    slots = AutosaveSlots(tmp_path, keep=5)
    for n in range(1, 4):
        newest = slots.write({"turn": n})
    newest.write_bytes(newest.read_bytes()[:25])
    path, payload = slots.latest_good()  # type: ignore[misc]
    assert path.name == "autosave-0002.json" and payload == {"turn": 2}
    [(broken, reason)] = slots.problems()
    assert broken == newest and "cut off" in reason


def test_numbering_continues_after_pruning_and_restart(tmp_path: Path) -> None:
    for n in range(7):
        AutosaveSlots(tmp_path, keep=2).write({"turn": n})
    assert [p.name for p in AutosaveSlots(tmp_path).entries()] == ["autosave-0007.json", "autosave-0006.json"]


def test_empty_or_missing_autosave_folder(tmp_path: Path) -> None:
    slots = AutosaveSlots(tmp_path / "none")
    assert slots.entries() == [] and slots.latest_good() is None and slots.problems() == []


def test_user_data_dir_override_and_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    assert user_data_dir() == tmp_path / "home"
    monkeypatch.delenv("TREATY_TABLE_HOME")
    import platformdirs
    assert user_data_dir() == Path(platformdirs.user_data_dir("treaty-table"))


def test_errors_can_be_raised_with_a_message_only() -> None:
    err = SaveCorrupt("x.json: this is not a Treaty Table game save")
    assert str(err) == "x.json: this is not a Treaty Table game save" and err.path is None


def test_the_duplicate_check_reads_a_save_only_when_the_file_is_not_the_one_last_written(tmp_path, monkeypatch):
    from game.session import store as S

    reads = []
    real = S.read_save
    monkeypatch.setattr(S, "read_save", lambda path, *a: reads.append(Path(path).name) or real(path, *a))
    slots = S.AutosaveSlots(tmp_path)
    payload = {"kind": "treaty-table-game", "scenario": {"id": "s"}, "seed": 1, "actions": [1]}
    first = slots.write(payload)
    assert slots.write(dict(payload)) == first and reads == []  # known: no read
    second = slots.write(payload | {"actions": [1, 2]})
    assert second != first and reads == []
    # another writer replaces the newest file: it is read, and told apart
    S.write_save(second, payload | {"actions": [9]})
    assert slots.write(payload | {"actions": [9]}) == second and reads == [second.name]
    # a fresh object (a new session) reads the newest once, then knows it
    fresh = S.AutosaveSlots(tmp_path)
    assert fresh.write(payload | {"actions": [9]}) == second
    assert fresh.write(payload | {"actions": [9]}) == second and reads == [second.name] * 2
    third = fresh.write(payload | {"actions": [9, 10]})
    assert third not in (first, second) and len(slots.entries()) == 3
