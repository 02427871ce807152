"""Every Coach reads the policy's and the wording's YAML files (the test suite once per test, a
Conversation the parameters at every chat turn): a file's text parsed before in the process is
not parsed again, yet each reader gets a copy of its own, a changed file is read as it is now,
and a broken one is refused at every read."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import yaml_io
from assistant.yaml_io import DataFileError, read_yaml


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The sources the YAML parser is run on from now."""
    seen: list[str] = []
    real = yaml_io.load_yaml_documents

    def counting(text, source="<text>", **limits):
        seen.append(source)
        return real(text, source, **limits)

    monkeypatch.setattr(yaml_io, "load_yaml_documents", counting)
    return seen


def test_a_file_read_again_is_not_parsed_again(tmp_path, parses):
    path = tmp_path / "params.yaml"
    path.write_text("floor: 0.6\nwhen: 2026-11-03\nlist: [a, b]\n")
    first = read_yaml(path)
    again = read_yaml(tmp_path / "params.yaml")
    assert parses == [str(path)]
    assert again == first == {"floor": 0.6, "when": dt.date(2026, 11, 3), "list": ["a", "b"]}


def test_each_reader_gets_a_copy_of_its_own(tmp_path, parses):
    path = tmp_path / "params.yaml"
    path.write_text("floor: 0.6\nlist: [a, b]\n")
    first = read_yaml(path)
    first["floor"] = 0.9
    first["list"].append("c")
    assert read_yaml(path) == {"floor": 0.6, "list": ["a", "b"]}
    changed = read_yaml(path)
    changed["list"].clear()
    assert read_yaml(path) == {"floor": 0.6, "list": ["a", "b"]}


def test_a_changed_file_is_read_as_it_is_now(tmp_path, parses):
    path = tmp_path / "params.yaml"
    path.write_text("floor: 0.6\n")
    assert read_yaml(path) == {"floor": 0.6}
    path.write_text("floor: 0.7\n")
    assert read_yaml(path) == {"floor": 0.7}
    assert len(parses) == 2


def test_a_broken_file_is_refused_at_every_read(tmp_path, parses):
    path = tmp_path / "broken.yaml"
    path.write_text("when: 2026-02-30\n")
    for _ in range(2):
        with pytest.raises(DataFileError, match=r"broken.yaml: '2026-02-30' is not a valid date"):
            read_yaml(path)
    assert len(parses) == 2


def test_stricter_limits_are_checked_on_a_text_read_before(tmp_path):
    path = tmp_path / "nested.yaml"
    path.write_text("a: {b: {c: {d: 1}}}\n")
    assert read_yaml(path) == {"a": {"b": {"c": {"d": 1}}}}
    with pytest.raises(DataFileError, match="nested more than 2 levels deep"):
        read_yaml(path, max_depth=2)
