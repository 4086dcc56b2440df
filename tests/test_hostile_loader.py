"""Mutated and hostile fact files: the loader answers with a FactBase or positioned problems.

Each property starts from the default fact base and breaks it in one way a hand edit, a bad merge,
a wrong encoding or a hostile author would. Whatever comes in, `loads` either returns a FactBase or
raises FactBaseError whose problems each name a line (or say they are about the whole file); no
other exception escapes. Examples are derandomized so CI sees the same files every run;
HOSTILE_EXAMPLES=5000 looks much further when there is time.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaoning_tui.facts import FactBase, FactBaseError, default_path, loads
from liaoning_tui.facts.checker import MAX_PROBLEMS
from liaoning_tui.facts.load import MAX_BYTES

FILE = "mutated.toml"
TEXT = default_path().read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)
DATA = TEXT.encode("utf-8")
ASSIGNMENT = re.compile(r"^(\s*[A-Za-z0-9_.\"' -]+?\s*=\s*)(.+)$")
ASSIGNED = [index for index, line in enumerate(LINES) if ASSIGNMENT.match(line)]
BASIC_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def _string_spans() -> list[tuple[int, int]]:
    """Where the insides of basic strings in values stand in TEXT (not in comments or keys)."""
    spans = []
    offset = 0
    for line in LINES:
        match = ASSIGNMENT.match(line)
        if match and not line.lstrip().startswith("#") and match.group(2)[:1] in '"[{':
            start = offset + match.start(2)
            spans += [
                (start + found.start(1), start + found.end(1))
                for found in BASIC_STRING.finditer(match.group(2))
            ]
        offset += len(line)
    return spans


STRING_SPANS = _string_spans()

HOSTILE = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "100")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

LITERALS = [
    "true",
    "0",
    "-17",
    "9223372036854775807",
    "99999999999999999999999999",
    "0x7fffffff",
    "-0.0",
    "1e400",
    "nan",
    "-inf",
    '""',
    '"text"',
    "'literal'",
    '"""two\nlines"""',
    "[]",
    '[1, "mixed"]',
    "[[]]",
    "{}",
    "{ a = 1 }",
    "1979-05-27T07:32:00Z",
    "1979-05-27",
    "07:32:00",
    '"\\u001b]52;c;aGk=\\u0007"',
    '"[b]bold[/b] [@click=app.quit]x[/]"',
]

CONTROLS = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))] + [
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\ud7ff",
]


def whole_file(problem_message: str) -> bool:
    return any(
        words in problem_message
        for words in ("binary file", "file is empty", "are refused", "not UTF-8", "stopped after")
    )


def assert_answered(data: bytes | str) -> FactBase | None:
    """`loads` returned a FactBase or raised FactBaseError with well-placed problems."""
    try:
        facts = loads(data, FILE)
    except FactBaseError as error:
        assert error.problems
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        last_line = text.count("\n") + 1
        for problem in error.problems:
            assert problem.file == FILE
            assert str(problem).startswith(FILE)
            if problem.line == 0:
                assert problem.column == 0
                assert problem.path == ""
                assert whole_file(problem.message), problem
            else:
                assert 1 <= problem.line <= last_line, problem
                assert problem.column >= 1, problem
        return None
    assert isinstance(facts, FactBase)
    return facts


def test_the_default_base_loads() -> None:
    assert assert_answered(DATA) is not None


line_edit = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "move"]),
    st.integers(0, len(LINES) - 1),
    st.integers(0, len(LINES) - 1),
)


@HOSTILE
@given(st.lists(line_edit, min_size=1, max_size=8))
def test_deleted_duplicated_and_swapped_lines(edits: list[tuple[str, int, int]]) -> None:
    lines = list(LINES)
    for operation, first, second in edits:
        first %= len(lines)
        second %= len(lines)
        if operation == "delete" and len(lines) > 1:
            del lines[first]
        elif operation == "duplicate":
            lines.insert(second, lines[first])
        elif operation == "swap":
            lines[first], lines[second] = lines[second], lines[first]
        else:
            lines.insert(second, lines.pop(first))
    assert_answered("".join(lines))


@HOSTILE
@given(
    st.lists(
        st.tuples(st.sampled_from(ASSIGNED), st.sampled_from(LITERALS)), min_size=1, max_size=6
    )
)
def test_values_of_another_type(swaps: list[tuple[int, str]]) -> None:
    lines = list(LINES)
    for index, literal in swaps:
        match = ASSIGNMENT.match(LINES[index])
        assert match is not None
        lines[index] = f"{match.group(1)}{literal}\n"
    assert_answered("".join(lines))


@HOSTILE
@given(
    st.lists(
        st.tuples(st.integers(0, len(DATA)), st.binary(min_size=1, max_size=32), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_random_bytes(damage: list[tuple[int, bytes, bool]]) -> None:
    data = bytearray(DATA)
    for offset, chunk, overwrite in damage:
        if overwrite:
            data[offset : offset + len(chunk)] = chunk
        else:
            data[offset:offset] = chunk
    assert_answered(bytes(data))


@HOSTILE
@given(st.binary(max_size=512))
def test_any_bytes_at_all(data: bytes) -> None:
    assert_answered(data)


@HOSTILE
@given(st.text(max_size=512))
def test_any_text_at_all(text: str) -> None:
    assert_answered(text)


@HOSTILE
@given(
    st.sampled_from(STRING_SPANS),
    st.integers(1, 2_000_000),
    st.sampled_from(["x", "长", "a b ", "\\u202e", "[b]"]),
)
def test_huge_strings(span: tuple[int, int], length: int, unit: str) -> None:
    start, end = span
    huge = (unit * (length // len(unit) + 1))[:length].rstrip("\\")
    assert_answered(TEXT[:start] + huge + TEXT[end:])


@HOSTILE
@given(
    st.integers(1, 1500),
    st.sampled_from(["array", "inline", "mixed", "header", "dotted", "unclosed"]),
    st.sampled_from(ASSIGNED),
)
def test_deep_nesting(depth: int, shape: str, where: int) -> None:
    if shape == "array":
        value = "[" * depth + "1" + "]" * depth
    elif shape == "inline":
        value = "{ a = " * depth + "1" + " }" * depth
    elif shape == "mixed":
        value = "[{ a = " * depth + "1" + " }]" * depth
    elif shape == "unclosed":
        value = "[" * depth
    else:
        value = "1"
    lines = list(LINES)
    match = ASSIGNMENT.match(lines[where])
    assert match is not None
    if shape == "header":
        lines.insert(where, "[" + ".".join(["deep"] * depth) + "]\n")
    elif shape == "dotted":
        lines[where] = ".".join(["deep"] * depth) + " = 1\n"
    else:
        lines[where] = f"{match.group(1)}{value}\n"
    assert_answered("".join(lines))


def escaped(text: str) -> str:
    """`text` as the inside of a TOML basic string."""
    return "".join(
        f"\\u{ord(char):04x}"
        if char in '"\\' or ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0
        else char
        for char in text
    )


unicode_text = st.text(
    st.characters(exclude_categories=["Cs"]) | st.sampled_from(CONTROLS), min_size=1, max_size=64
)


@HOSTILE
@given(st.sampled_from(STRING_SPANS), unicode_text, st.booleans())
def test_any_unicode_in_a_string(span: tuple[int, int], text: str, raw: bool) -> None:
    start, end = span
    inside = text if raw else escaped(text)
    facts = assert_answered(TEXT[:start] + inside + TEXT[end:])
    if not raw:
        assert facts is None or any(text in value for value in _strings(facts)), (
            "an escaped string should load as written"
        )


@HOSTILE
@given(st.integers(0, len(TEXT)), unicode_text)
def test_any_unicode_anywhere(offset: int, text: str) -> None:
    assert_answered(TEXT[:offset] + text + TEXT[offset:])


def _strings(facts: FactBase) -> list[str]:
    found = [facts.title]
    for source in facts.sources.values():
        found += [source.id, source.title, source.publisher, source.date, source.url, source.note]
    for entity in facts.entities.values():
        found += [entity.id, entity.name, entity.name_zh, entity.summary, entity.date]
        found += list(entity.aliases)
        for figure in entity.figures:
            found += [figure.metric, figure.quote, figure.doubt, figure.note, figure.as_published]
            found += [figure.period, figure.source, figure.unit, figure.scale, figure.qualifier]
        for series in entity.series:
            found += [series.id, series.metric, series.confidence, series.scope]
            found += [point.quote for point in series.points]
            found += [point.note for point in series.points]
        for link in entity.links:
            found += [link.role, link.quote]
        for statement in entity.statements:
            found += [statement.text, statement.quote, statement.date]
    return found


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xef\xbb\xbf",
        b"   \n\t\n",
        b"\x00" * 64,
        b"title = 1\x00",
        DATA[:-1] + b"\xff",
        DATA.replace(b"\n", b"\r\n"),
        DATA.replace(b"\n", b"\r"),
        "\ufeff".encode() + DATA,
        DATA.decode().encode("utf-16"),
        DATA[: len(DATA) // 2],
        b"[[entities]]\n" * 2000,
        b"x = [" + b"1," * 100_000 + b"]\n",
    ],
    ids=[
        "empty",
        "only-a-bom",
        "only-blanks",
        "nul-bytes",
        "nul-late",
        "bad-last-byte",
        "crlf",
        "cr-only",
        "bom",
        "utf-16",
        "half",
        "many-empty-tables",
        "long-array",
    ],
)
def test_hostile_whole_files(data: bytes) -> None:
    assert_answered(data)


def test_too_much_data_in_memory_is_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(FactBaseError) as caught:
        loads(b"#" * (MAX_BYTES + 1), FILE)
    assert time.perf_counter() - started < 2
    (problem,) = caught.value.problems
    assert "are refused" in problem.message


FIFTY_MB = 50 * 2**20
HEADER = 'title = "big"\n\n[[sources]]\nid = "s"\ntitle = "A source"\n\n'


def _fill(path: Path, head: str, unit: str, size: int = FIFTY_MB) -> Path:
    """`head`, then `unit` with {n} counting up, until the file holds `size` bytes."""
    count = (size - len(head)) // len(unit.format(n=0))
    path.write_text(head + "".join(unit.format(n=n) for n in range(count)), encoding="utf-8")
    return path


MEMORY_LIMIT = 2 * 2**30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _check_in_a_child(path: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """`liaoning-tui check PATH` in a process of at most 2 GiB, and the seconds it took."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "liaoning_tui", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        check=False,
    )
    return time.perf_counter() - started, done


def test_fifty_megabytes_of_tiny_tables_are_refused_at_once(tmp_path: Path) -> None:
    path = _fill(
        tmp_path / "tiny.toml",
        HEADER,
        '[[entities]]\nid = "e{n:07}"\nkind = "city"\nname = "E{n}"\n',
    )
    elapsed, done = _check_in_a_child(path)
    assert done.returncode == 1, done.stderr
    assert "tables and arrays" in done.stderr
    assert "are refused" in done.stderr
    assert "Traceback" not in done.stderr
    assert elapsed < 10


def test_fifty_megabytes_of_broken_tables_are_answered_quickly(tmp_path: Path) -> None:
    path = _fill(tmp_path / "broken.toml", HEADER, "[t{n:07}]  # " + "padding " * 5 + "\n")
    elapsed, done = _check_in_a_child(path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0] == f"{path}:7:1: t0000000: unknown key 't0000000'"
    assert "checking stopped after" in lines[-1]
    assert "Traceback" not in done.stderr
    assert elapsed < 15


def test_fifty_megabytes_of_text_load(tmp_path: Path) -> None:
    words = "a long summary of nothing much " * 1000
    body = '[[entities]]\nid = "e{n}"\nkind = "city"\nname = "E{n}"\nsummary = "' + words + '"\n'
    path = _fill(tmp_path / "text.toml", HEADER, body)
    elapsed, done = _check_in_a_child(path)
    assert done.returncode == 0, done.stderr
    assert ": ok: " in done.stdout
    assert elapsed < 15


def test_thousands_of_broken_links_are_answered_quickly() -> None:
    entities = "".join(
        f'[[entities]]\nid = "e{n}"\nkind = "city"\nname = "E{n}"\n'
        f'links = [{{ rel = "part_of", to = "gone-{n}" }}]\n'
        for n in range(3000)
    )
    started = time.perf_counter()
    with pytest.raises(FactBaseError) as caught:
        loads(HEADER + entities, FILE)
    assert time.perf_counter() - started < 5
    assert "no entity with id 'gone-0'" in caught.value.problems[0].message


def test_nesting_tomli_accepts_loads_or_is_placed() -> None:
    for depth in (99, 101, 390, 399):
        value = "{ a = " * depth + "1" + " }" * depth
        with pytest.raises(FactBaseError) as caught:
            loads(f"{TEXT}\n[extra]\ndeep = {value}\n", FILE)
        assert all(problem.line >= 1 for problem in caught.value.problems)
