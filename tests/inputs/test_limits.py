"""What ctrules reads of a file (ctrules.inputs.limits.read_bytes): every byte of a file within the size cap, read
at once; nothing over the cap."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ctrules.inputs import limits
from ctrules.inputs._model import InputError
from ctrules.inputs.limits import max_bytes, read_bytes, set_max_bytes


@pytest.fixture
def cap() -> Iterator[None]:
    before = max_bytes()
    yield
    set_max_bytes(before)


@pytest.mark.parametrize("size", [0, 1, 4096, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17])
def test_every_byte_is_read(tmp_path: Path, size: int) -> None:
    data = bytes(i % 251 for i in range(size))
    path = tmp_path / "f.json"
    path.write_bytes(data)
    assert read_bytes(path, "f.json") == data


def test_a_file_is_read_in_one_buffer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"x" * (3 << 20))
    asked: list[int] = []
    real_read = limits.os.read

    def read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(limits.os, "read", read)
    assert len(read_bytes(path, "f.json")) == 3 << 20
    assert asked[0] == (3 << 20) + 1  # the file's size (plus one, to see the end), then the end


@pytest.mark.parametrize(("size", "ok"), [(999, True), (1000, True), (1001, False), (5000, False)])
def test_the_cap_holds(tmp_path: Path, cap: None, size: int, ok: bool) -> None:
    set_max_bytes(1000)
    path = tmp_path / "f.json"
    path.write_bytes(b"a" * size)
    if ok:
        assert len(read_bytes(path, "f.json")) == size
    else:
        with pytest.raises(InputError, match="over the 1,000 bytes limit"):
            read_bytes(path, "f.json")


def test_a_file_that_grows_after_it_is_opened_is_read_whole_or_refused(
    tmp_path: Path, cap: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_max_bytes(1 << 20)
    path = tmp_path / "f.json"
    path.write_bytes(b"a" * 100)
    real_fstat = limits.os.fstat
    grown = {"bytes": 0}

    def fstat(fd: int) -> object:
        info = real_fstat(fd)
        with path.open("ab") as f:  # the file grows between the size check and the read
            f.write(b"b" * grown["bytes"])
        return info

    monkeypatch.setattr(limits.os, "fstat", fstat)
    grown["bytes"] = 5000
    assert read_bytes(path, "f.json") == b"a" * 100 + b"b" * 5000
    path.write_bytes(b"a" * 100)
    grown["bytes"] = 2 << 20
    with pytest.raises(InputError, match="over the"):
        read_bytes(path, "f.json")
