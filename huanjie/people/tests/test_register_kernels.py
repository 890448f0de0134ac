"""The fast paths of register reading against the paths they shortcut, kept as their oracles:
the shared strings split at their separators (`_simple_strings`) against the tag-by-tag
reading (`_tagged_strings`), the shared-string cells found from their <v> tags
(`_shared_cells`) against every tag's kind (`_cells`), the columns' plain cells tested in bulk
(`plain_cells`) against `PLAIN` cell by cell, and the ID numbers' integer keys against the
texts they stand for. Whatever a fast path reads, it reads the same; what it declines, the
slow path reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huanjie.people.register import columns as col
from huanjie.people.register import xlsx
from huanjie.people.register.parsing import PLAIN, plain_cells
from huanjie.people.register.table import _number_keys

_TEXT = st.text(
    alphabet=st.sampled_from([*"户号王李0123456789Xx -_&<>\"'\t\n", "\u3000", "é", "😀"]),
    max_size=8,
)


def _outcome(read: Any, *args: Any) -> Any:
    try:
        return read(*args)
    except xlsx.NotPlain:
        return "not plain"


# -- shared strings ------------------------------------------------------------------------

_SI = st.one_of(
    _TEXT.map(lambda t: f"<si><t>{escape(t)}</t></si>"),
    st.sampled_from(
        [
            '<si><t xml:space="preserve"> a </t></si>',
            "<si><t/></si>",
            "<si><r><t>a</t></r></si>",
            "<si><t>&#65;</t></si>",
            "<si><t>a&nbsp;</t></si>",
            "<si><t>_x0041_</t></si>",
        ]
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_SI, min_size=1, max_size=12))
def test_shared_strings_split_as_tagged(items: list[str]) -> None:
    data = ('<?xml version="1.0"?><sst xmlns="x" count="1">' + "".join(items) + "</sst>").encode()
    simple = _outcome(xlsx._simple_strings, data)
    tagged = _outcome(xlsx._tagged_strings, data)
    if simple is not None:
        assert simple == tagged
    if all(i.startswith("<si><t>") and "&#" not in i and "_x" not in i for i in items):
        assert simple is not None  # plain texts never fall back


# -- sheet cells ---------------------------------------------------------------------------


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


_ODD_CELLS = [
    '<c r="{ref}" s="1"/>',  # an empty styled cell
    '<c r="{ref}"><v>1.5</v></c>',  # a number
    '<c r="{ref}" t="s" s="2"><v>1</v></c>',  # attributes the other way round
    '<c r="{ref}" s="x" t="s"><v>1</v></c>',  # a style that is not a number
    '<c r="{ref}" t="inlineStr"><is><t>a</t></is></c>',
    '<c r="{ref}" t="s"><v>99</v></c>',  # beyond the shared strings
    '<c r="{ref}" t="s"><v></v></c>',
    '<c r="{ref}" t="s"><f>A1</f><v>1</v></c>',
]


@st.composite
def _sheet_rows(draw: Any) -> tuple[bytes, int]:
    shared = draw(st.integers(1, 40))
    odd = draw(st.booleans())  # half the sheets as the fast path reads them, half perhaps not
    parts: list[str] = []
    number = draw(st.integers(1, 3))
    for _ in range(draw(st.integers(1, 8))):
        number += draw(st.integers(1, 3))
        attributes = draw(st.sampled_from(["", ' spans="1:13"', ' spans="1:3" ht="20"']))
        cells = sorted(draw(st.sets(st.integers(0, 30), min_size=0 if odd else 1, max_size=6)))
        row = [f'<row r="{number}"{attributes}>']
        for column in cells:
            ref = f"{_column(column)}{number}"
            if odd and draw(st.integers(0, 5)) == 0:
                row.append(draw(st.sampled_from(_ODD_CELLS)).format(ref=ref))
                continue
            style = draw(st.sampled_from(["", ' s="1"', ' s="12345"']))
            row.append(f'<c r="{ref}"{style} t="s"><v>{draw(st.integers(0, shared - 1))}</v></c>')
        row.append(draw(st.sampled_from(["</row>", "</row>\n"])) if odd else "</row>")
        parts.append("".join(row))
    return "".join(parts).encode(), shared


def _cells(body: bytes, shared: int) -> Any:
    values: list[xlsx.Cell] = [f"s{i}" for i in range(shared)]
    extra: dict[tuple[type, xlsx.Cell], int] = {}
    formats = np.ones(20, bool)
    found = _outcome(xlsx._cells, body, values, extra, shared, formats, 1000, 100)
    if isinstance(found, str):
        return found
    return [a.tolist() for a in found], values


@settings(max_examples=200, deadline=None)
@given(_sheet_rows())
def test_shared_cells_read_as_tag_by_tag(sheet: tuple[bytes, int]) -> None:
    body, shared = sheet
    fast = _cells(body, shared)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(xlsx, "_shared_cells", lambda *args: None)
        slow = _cells(body, shared)
    assert fast == slow


def test_the_common_rows_take_the_fast_path() -> None:
    body = (
        b'<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3" t="s"><v>1</v></c>'
        b'</row><row r="3"><c r="C3" t="s"><v>1</v></c></row>'
    )
    a = np.frombuffer(body, np.uint8)
    padded = np.concatenate([a, np.zeros(32, np.uint8)])
    found = xlsx._shared_cells(body, padded, 2, 1000, 100)
    assert found is not None
    assert [x.tolist() for x in found] == [[1, 1, 3], [0, 1, 2], [0, 1, 1]]


# -- plain cells ---------------------------------------------------------------------------

_ANY_CELL = st.one_of(
    _TEXT,
    st.text(alphabet="0123456789 -", max_size=25),
    st.text(max_size=70),
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.just(date(2026, 3, 1)),
    st.just(datetime(2026, 3, 1, 8)),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_ANY_CELL, max_size=30))
def test_plain_cells_in_bulk_as_one_by_one(cells: list[Any]) -> None:
    for name in col.COLUMN_NAMES:
        test = PLAIN.get(name)
        expected = [test is not None and test(cell) for cell in cells]
        assert plain_cells(name, cells).tolist() == expected, name


# -- ID numbers' keys ----------------------------------------------------------------------

_NUMBER = st.builds(
    lambda digits, last: digits + last,
    st.text(alphabet="0123456789", min_size=17, max_size=17),
    st.sampled_from([*"0123456789X"]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_NUMBER, st.sampled_from(["11010519491231002X"] * 3)), max_size=40))
def test_number_keys_group_as_the_numbers(numbers: list[str]) -> None:
    texts = np.array(numbers, dtype="S18")
    keys = _number_keys(texts)
    assert keys.dtype == np.int64 or not len(numbers)
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    _, first_text, inverse_text = np.unique(texts, return_index=True, return_inverse=True)
    assert sorted(first.tolist()) == sorted(first_text.tolist())
    assert (first[inverse] == first_text[inverse_text]).all()


def test_numbers_of_another_form_are_their_own_keys() -> None:
    texts = np.array(["11010519491231002x", "11010519491231002X"], dtype="S18")
    assert _number_keys(texts) is texts


# -- a large sheet read by two processes ---------------------------------------------------


@pytest.mark.parametrize("inline", [False, True], ids=["shared-strings", "inline-strings"])
def test_a_large_sheet_read_in_two_processes_as_calamine_reads_it(
    monkeypatch: pytest.MonkeyPatch, inline: bool
) -> None:
    from huanjie.people.register.columns import COLUMN_NAMES
    from huanjie.people.tests.test_register_xlsx import _assert_same, _family, _xlsxwriter

    monkeypatch.setattr(xlsx, "_CHUNK", 4096)  # many chunks, the later half in the helper
    monkeypatch.setattr(xlsx, "_SPLIT_BYTES", 8192)
    monkeypatch.setattr(xlsx, "_core_free", lambda: True)  # however busy the machine is
    helped: list[bool] = []
    real = xlsx._Helper.result

    def result(helper: xlsx._Helper) -> Any:
        found = real(helper)
        helped.append(found is not None)
        return found

    monkeypatch.setattr(xlsx._Helper, "result", result)
    rows: list[list[Any]] = [list(COLUMN_NAMES)]
    for h in range(80):
        rows += _family(str(h), 10 * h)
        rows[-1][11] = 13800000000 + h  # a number: coded in the helper, then here
    _assert_same(_xlsxwriter(rows, inline=inline), plain=True)
    assert helped and all(helped)  # each reading took the helper's half


@pytest.mark.parametrize("seen", ["now", "load average"])
def test_a_large_sheet_read_by_one_process_when_no_core_is_free(
    monkeypatch: pytest.MonkeyPatch, seen: str
) -> None:
    from huanjie.people.register.columns import COLUMN_NAMES
    from huanjie.people.tests.test_register_xlsx import _assert_same, _family, _xlsxwriter

    monkeypatch.setattr(xlsx, "_CHUNK", 4096)
    monkeypatch.setattr(xlsx, "_SPLIT_BYTES", 8192)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    if seen == "now":  # both processors busy while the reader watched (10 of 200 ticks idle)
        samples = iter([(1000, 5000), (1010, 5200)] * 10)
        monkeypatch.setattr(xlsx, "_cpu_times", lambda: next(samples))
        monkeypatch.setattr("os.getloadavg", lambda: (0.0, 0.0, 0.0))  # an idle last minute
    else:  # no /proc/stat: the load average says it
        monkeypatch.setattr(xlsx, "_cpu_times", lambda: None)
        monkeypatch.setattr("os.getloadavg", lambda: (8.0, 8.0, 8.0))  # 8 engineers, 2 cores
    started: list[bool] = []
    real = xlsx._Helper.start

    def start(*args: Any) -> Any:
        helper = real(*args)
        started.append(helper is not None)
        return helper

    monkeypatch.setattr(xlsx._Helper, "start", start)
    rows: list[list[Any]] = [list(COLUMN_NAMES)]
    for h in range(80):
        rows += _family(str(h), 10 * h)
    _assert_same(_xlsxwriter(rows, inline=False), plain=True)
    assert started and not any(started)  # no helper forked: this process read it all


def test_a_helper_is_forked_when_a_processor_is_idle_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    samples = iter([(1000, 5000), (1190, 5200)])  # 190 of 200 ticks idle while watched
    monkeypatch.setattr(xlsx, "_cpu_times", lambda: next(samples))
    monkeypatch.setattr("os.getloadavg", lambda: (1.9, 1.9, 1.9))  # the minute before: busy
    assert xlsx._core_free()


def test_the_processors_times_are_read_from_proc_stat() -> None:
    times = xlsx._cpu_times()
    if times is None:
        pytest.skip("no /proc/stat on this system")
    idle, total = times
    assert 0 <= idle <= total
