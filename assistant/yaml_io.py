"""The one way the project reads YAML (and JSON data files): safe, bounded, with errors naming the file.

- Safe loader only (no Python objects), libyaml's parser when installed (it is much faster).
- Aliases are bounded: a document whose alias-expanded size exceeds `max_nodes` is refused
  before anything walks it, so a 500-byte "billion laughs" file cannot take gigabytes once
  pydantic or JSON serialisation expands the shared references.
- Files larger than `max_bytes` are refused before they are read.
- Invalid YAML, invalid dates (`2026-02-30`), nesting deeper than `max_depth`, a folder given
  as a file: a DataFileError naming the file (and line when known), never a traceback.
"""

from __future__ import annotations

import json
import pickle
import threading
from collections import OrderedDict
from pathlib import Path

import yaml

from assistant.errors import CoachError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Nodes after alias expansion: far above any real rules/accounts file, far below a bomb.
DEFAULT_MAX_NODES = 2_000_000
DEFAULT_MAX_ALIASES = 10_000
DEFAULT_MAX_DEPTH = 100

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(CoachError):
    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source, self.problem = source, problem


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader; timestamps that are not valid dates become a clear error."""


def _construct_timestamp(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise _BadValue(node, f"'{node.value}' is not a valid date ({exc})") from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _BadValue(Exception):
    def __init__(self, node, problem: str):
        super().__init__(problem)
        self.node, self.problem = node, problem


def _line(node) -> str:
    mark = getattr(node, "start_mark", None)
    return f" at line {mark.line + 1}" if mark is not None else ""


def _check_size(root, source: str, max_nodes: int, max_aliases: int, max_depth: int) -> None:
    """Count the alias-expanded size of the node graph without expanding it (memoised by node)."""
    expanded: dict[int, int] = {}
    visited: set[int] = set()
    aliases = 0
    # Iterative post-order walk: a deeply nested file must not overflow Python's stack here.
    stack: list[tuple[object, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if done:
            total = 1
            for child in _children(node):
                if id(child) not in expanded:  # an alias to an ancestor: the structure contains itself
                    raise DataFileError(source, f"a YAML alias refers to its own ancestor{_line(child)}; "
                                                "recursive structures are not allowed")
                total += expanded[id(child)]
            if total > max_nodes:
                raise DataFileError(source, f"refused: the document expands to more than {max_nodes:,} "
                                            "values (YAML aliases multiply it); write the values out instead")
            expanded[id(node)] = total
            continue
        if id(node) in visited:
            aliases += 1
            if aliases > max_aliases:
                raise DataFileError(source, f"refused: more than {max_aliases:,} YAML aliases")
            continue
        visited.add(id(node))
        if depth > max_depth:
            raise DataFileError(source, f"nested more than {max_depth} levels deep{_line(node)}")
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node))


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Path:
    """The path, when it names a readable file within the size limit; else a DataFileError."""
    path = Path(path)
    source = str(path)
    if path.is_dir():
        raise DataFileError(source, "is a folder, not a file; give the path of one file")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataFileError(source, "file not found") from None
    except OSError as exc:
        raise DataFileError(source, f"cannot be read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise DataFileError(source, f"is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.1f} MB limit "
                                    "(COACH_MAX_FILE_MB raises it); split the file")
    return path


def _read_text(path: Path, max_bytes: int) -> str:
    source = str(check_file(path, max_bytes))
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(source, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise DataFileError(source, f"cannot be read ({exc.strerror or exc})") from None


def load_yaml_documents(text: str, source: str = "<text>", *, max_nodes: int = DEFAULT_MAX_NODES,
                        max_aliases: int = DEFAULT_MAX_ALIASES, max_depth: int = DEFAULT_MAX_DEPTH) -> list:
    """Every document in `text` (empty documents dropped), or a DataFileError naming `source`."""
    loader = _Loader(text)
    docs = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            _check_size(node, source, max_nodes, max_aliases, max_depth)
            doc = loader.construct_document(node)
            if doc is not None:
                docs.append(doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataFileError(source, f"not valid YAML{where}: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise DataFileError(source, f"not valid YAML: {exc}") from None
    except _BadValue as exc:
        raise DataFileError(source, f"{exc.problem}{_line(exc.node)}") from None
    except RecursionError:
        raise DataFileError(source, f"nested too deeply (more than {max_depth} levels)") from None
    finally:
        loader.dispose()
    return docs


def load_yaml(text: str, source: str = "<text>", **limits) -> object:
    """One document (None for an empty text); several documents are an error."""
    docs = load_yaml_documents(text, source, **limits)
    if len(docs) > 1:
        raise DataFileError(source, f"expected one YAML document, found {len(docs)}")
    return docs[0] if docs else None


def read_yaml(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, **limits) -> object:
    """The one document of a YAML file (None when the file is empty). The file is read every
    time; a text parsed before in this process is not parsed again (`_remembered`)."""
    path = Path(path)
    text = _read_text(path, max_bytes)
    key = (text, tuple(sorted(limits.items())))
    with _PARSED_LOCK:
        blob = _PARSED.get(key)
        if blob is not None:
            _PARSED.move_to_end(key)
    if blob is not None:
        return pickle.loads(blob)  # a copy of its own: the caller may change it
    doc = load_yaml(text, str(path), **limits)  # (an error is raised every time: it is not kept)
    if len(text) <= PARSED_MAX_CHARS:
        _remember(key, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    return doc


# Parsed files by their text: every Coach reads the policy's, the draft checks' and the wording's
# YAML files (a web or Slack worker once, the test suite once per test, a Conversation the
# parameters at every chat turn), and parsing them with the checks above cost some 20 ms a Coach.
# Kept as pickles, so each caller gets a copy of its own (0.3 ms for every rules file together).
# Memory bounds, not parameters: the policy and wording files are tens of kB; a customer's
# import of many MB is read once and not kept.
PARSED_KEPT = 128
PARSED_MAX_CHARS = 1_000_000
_PARSED: OrderedDict[tuple, bytes] = OrderedDict()
_PARSED_LOCK = threading.Lock()


def _remember(key: tuple, blob: bytes) -> None:
    with _PARSED_LOCK:
        _PARSED[key] = blob
        while len(_PARSED) > PARSED_KEPT:
            _PARSED.popitem(last=False)


def read_yaml_documents(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, **limits) -> list:
    path = Path(path)
    return load_yaml_documents(_read_text(path, max_bytes), str(path), **limits)


def _json_depth_ok(text: str, max_depth: int) -> bool:
    """Brackets outside strings never nest deeper than `max_depth` (json would recurse)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return False
        elif char in "]}":
            depth -= 1
    return True


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(text: str, source: str = "<text>", *, max_depth: int = DEFAULT_MAX_DEPTH) -> object:
    """Strict JSON: no NaN/Infinity, bounded nesting, errors with line and column."""
    if not _json_depth_ok(text, max_depth):
        raise DataFileError(source, f"nested more than {max_depth} levels deep")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise DataFileError(source, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except ValueError as exc:
        raise DataFileError(source, f"not valid JSON: {exc}") from None
    except RecursionError:
        raise DataFileError(source, f"nested more than {max_depth} levels deep") from None


def read_data_documents(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list:
    """A data file a user gives (accounts, catalog, scenario): JSON by suffix, otherwise YAML."""
    path = Path(path)
    text = _read_text(path, max_bytes)
    if not text.strip():
        raise DataFileError(str(path), "the file is empty")
    if path.suffix.lower() == ".json":
        return [load_json(text, str(path))]
    return load_yaml_documents(text, str(path))
