"""Reading the common xlsx at memory speed: the first sheet's cells as arrays, with numpy.

python-calamine reads any workbook, but spends about a microsecond a cell and then makes a
Python object of every cell: a million-row register is 13 million cells, half a minute twice
(check, then import). The registers people upload are plain: text in shared strings (or
inline), perhaps numbers, every cell with its reference. Such a sheet is tokenised here a
chunk at a time with whole-array operations, and its cells come out as codes into a table of
distinct values: the columns `reading` hands on, without a Python object per cell.

Anything else — formulas, booleans, errors, dates, rich text, escapes, prefixed tags, cells
without a reference or beyond the limits, odd attribute spelling — returns None, and
calamine reads the file as before. What is read here equals what calamine gives for the same
cells (people/tests/test_register_xlsx.py holds the two together).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import posixpath
import re
import signal
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import IO, Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import NDArray

from huanjie.people.register.shape import (
    _DIMENSION,
    _MAIN,
    _PKG_REL,
    _REL,
    Limits,
    _check_dimension,
    _small_xml,
)

Cell = str | float

_CHUNK = 16 << 20  # bytes of sheet XML per step
_PRESERVE = b'<t xml:space="preserve">'
_SPACES = np.zeros(256, bool)
_SPACES[list(b" \t\r\n")] = True  # what calamine trims from text not preserved
_NUMBER = re.compile(rb"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_ENTITIES = {b"&amp;": b"&", b"&lt;": b"<", b"&gt;": b">", b"&quot;": b'"', b"&apos;": b"'"}
_ENTITY = re.compile(rb"&[^;]*;")
# Number formats under which calamine gives a number as a float (not a date): General, "@"
# text and the built-in integer, decimal, percent and scientific formats.
_PLAIN_FORMATS = frozenset({0, 1, 2, 3, 4, 9, 10, 11, 49})
_WORKSHEET = re.compile(rb"<worksheet\b")
# A custom number format calamine never reads as a date: digits' placeholders and signs only.
_PLAIN_CODE = re.compile(r"@|General|[0#,.%+\- ();]+")


class NotPlain(Exception):
    """The workbook has something only calamine reads."""


@dataclass(frozen=True)
class Cells:
    """The sheet's cells that hold a value: 1-based row and 0-based column of each (in the
    sheet's order), and the code of its value in `values`."""

    rows: NDArray[np.int32]
    columns: NDArray[np.int32]
    codes: NDArray[np.int32]
    values: list[Cell]


def read_cells(data: bytes, limits: Limits) -> Cells | None:
    """The first sheet's cells, or None when calamine must read this workbook (see above).
    No cell lies beyond the limits' rows × columns (a workbook with one goes to calamine and
    the shape checks); a declared range beyond them raises `ShapeError` as the shape check
    does."""
    try:
        with zipfile.ZipFile(_Bytes(data)) as book:
            sheet, strings, styles = _parts(book)
            formats = _number_formats(book, styles)
            helper = _Helper.start(data, book, sheet, strings, formats, limits)
            try:
                table = _shared_strings(book, strings)
                with book.open(sheet) as stream:
                    return _sheet(stream, table, formats, limits, helper)
            finally:
                if helper is not None:
                    helper.stop()
    except (NotPlain, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return None


class _Bytes:
    """A read-only file over bytes without copying them (io.BytesIO copies on write only,
    but zipfile asks for seek/tell/read, which memoryview slicing serves)."""

    def __init__(self, data: bytes) -> None:
        self.view = memoryview(data)
        self.at = 0

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self.at, len(self.view))[whence]
        self.at = base + offset
        return self.at

    def tell(self) -> int:
        return self.at

    def read(self, size: int = -1) -> bytes:
        end = len(self.view) if size < 0 else min(len(self.view), self.at + size)
        chunk = bytes(self.view[self.at : end])
        self.at = end
        return chunk


def _parts(book: zipfile.ZipFile) -> tuple[str, str | None, str | None]:
    """The first sheet's path, and the shared strings' and styles' paths (if any)."""
    names = set(book.namelist())
    workbook = _small_xml(book, "xl/workbook.xml")
    rels = _small_xml(book, "xl/_rels/workbook.xml.rels")
    first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if first is None:
        raise NotPlain
    wanted = first.get(f"{_REL}id")
    found: dict[str, str] = {}
    sheet = None
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target") or ""
        path = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        )
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        if rel.get("Id") == wanted:
            sheet = path
        elif kind in ("sharedStrings", "styles"):
            found[kind] = path
    if sheet is None or sheet not in names:
        raise NotPlain
    strings, styles = found.get("sharedStrings"), found.get("styles")
    return (
        sheet,
        strings if strings in names else None,
        styles if styles in names else None,
    )


def _number_formats(book: zipfile.ZipFile, styles: str | None) -> NDArray[np.bool_]:
    """For each cell style (cellXfs index), whether a number under it stays a number."""
    if styles is None:
        return np.ones(1, bool)
    root = _small_xml(book, styles)
    custom = {
        int(f.get("numFmtId") or -1): f.get("formatCode") or "" for f in root.iter(f"{_MAIN}numFmt")
    }
    xfs = root.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return np.ones(1, bool)
    plain = []
    for xf in xfs.iter(f"{_MAIN}xf"):
        number = int(xf.get("numFmtId") or 0)
        code = custom.get(number)
        plain.append(
            number in _PLAIN_FORMATS if code is None else _PLAIN_CODE.fullmatch(code) is not None
        )
    return np.array(plain or [True], bool)


def _shared_strings(book: zipfile.ZipFile, path: str | None) -> list[str]:
    """The shared strings, each a single plain <t> (rich text and escapes go to calamine)."""
    if path is None:
        return []
    data = book.read(path)
    found = _simple_strings(data)
    return found if found is not None else _tagged_strings(data)


_SI_FIRST, _SI_BETWEEN, _SI_LAST = b"<si><t>", b"</t></si><si><t>", b"</t></si>"
_ENTITY_TEXT = re.compile(r"&[^;]*;")
_ENTITIES_TEXT = {k.decode(): v.decode() for k, v in _ENTITIES.items()}


def _simple_strings(data: bytes) -> list[str] | None:
    """The common case at the speed of bytes methods: every string is <si><t>…</t></si>, one
    after another, with no other tag (no preserved spaces, no empty <t/>, no rich text); then
    the texts are what lies between the separators. None otherwise (`_tagged_strings`)."""
    start, end = data.find(b"<si>"), data.rfind(b"</si>")
    if start < 0 or end < start:
        return None
    body = data[start : end + len(b"</si>")]
    count = body.count(b"<si>")
    # Every '<' is one of the 2 + 4 × (count - 1) + 2 the separators account for.
    if (
        not body.startswith(_SI_FIRST)
        or not body.endswith(_SI_LAST)
        or body.count(b"<") != 4 * count
        or body.count(_SI_BETWEEN) != count - 1
    ):
        return None
    if b"&#" in body or b"_x" in body or b"\r" in body:
        raise NotPlain  # character references and escapes: calamine's
    text = body[len(_SI_FIRST) : -len(_SI_LAST)].decode("utf-8")
    texts = text.split(_SI_BETWEEN.decode())
    if len(texts) != count:
        return None
    if "&" in text:
        texts = [_unescape_text(t) if "&" in t else t for t in texts]
    # Not preserved: trimmed as calamine does, when any text begins or ends with a space (a
    # byte search for each space first: most registers' strings have none at all).
    spaces = [space for space in (b" ", b"\t", b"\n") if space in body]
    if any(b"<t>" + space in body or space + b"</t>" in body for space in spaces):
        return [t.strip(" \t\r\n") for t in texts]
    return texts


def _unescape_text(raw: str) -> str:
    def replace(match: re.Match[str]) -> str:
        found = _ENTITIES_TEXT.get(match.group(0))
        if found is None:
            raise NotPlain
        return found

    return _ENTITY_TEXT.sub(replace, raw)


def _tagged_strings(data: bytes) -> list[str]:
    """The shared strings found tag by tag: plain, preserved or empty <t> in each <si>."""
    a = np.frombuffer(data, np.uint8)
    opens = _tags(data, a, b"<si>")
    closes = _tags(data, a, b"</si>")
    if len(opens) != len(closes) or np.any(closes < opens):
        raise NotPlain
    if len(opens) and not np.all(opens[1:] > closes[:-1]):
        raise NotPlain
    lt = np.flatnonzero(a == ord("<"))
    # Inside each <si>…</si>: exactly <t>…</t>, <t xml:space="preserve">…</t>, or <t/>.
    first = np.searchsorted(lt, opens) + 1  # the first tag after <si>
    last = np.searchsorted(lt, closes)  # </si> itself
    inner = last - first
    if np.any((inner != 2) & (inner != 1)) or np.any(first >= len(lt)):
        raise NotPlain
    tag = lt[np.minimum(first, len(lt) - 1)]
    empty = inner == 1
    if np.any(empty) and any(data[p : p + 4] != b"<t/>" for p in tag[empty].tolist()):
        raise NotPlain
    full = ~empty
    starts = tag[full]
    ends = lt[np.minimum(first[full] + 1, len(lt) - 1)]
    if not np.all(
        (a[ends + 1] == ord("/")) & (a[ends + 2] == ord("t")) & (a[ends + 3] == ord(">"))
    ):
        raise NotPlain
    preserve = a[starts + 2] != ord(">")  # <t> or <t xml:space="preserve">, nothing else
    offsets = np.where(preserve, len(_PRESERVE), 3)
    if any(data[p : p + len(_PRESERVE)] != _PRESERVE for p in starts[preserve].tolist()):
        raise NotPlain
    texts: list[str] = [""] * len(opens)
    found = _texts(data, starts + offsets, ends, preserve)
    for index, text in zip(np.flatnonzero(full).tolist(), found, strict=True):
        texts[index] = text
    return texts


def _texts(
    data: bytes, starts: NDArray[np.int64], ends: NDArray[np.int64], preserve: NDArray[np.bool_]
) -> list[str]:
    """XML text spans as calamine gives them: entities replaced, then trimmed of XML spaces
    unless preserved; a character reference or an _xHHHH_ escape goes to calamine."""
    raw = [data[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    joined = b"\x00".join(raw)
    if b"&#" in joined or b"_x" in joined or b"\r" in joined:
        raise NotPlain
    if b"&" in joined:
        joined = b"\x00".join(_unescape(r) if b"&" in r else r for r in raw)
    texts = joined.decode("utf-8").split("\x00") if raw else []
    # Trimmed unless preserved: only the texts that begin or end with a space change.
    a = np.frombuffer(data, np.uint8)
    filled = ends > starts
    edge = _SPACES[a[np.where(filled, starts, 0)]] | _SPACES[a[np.where(filled, ends - 1, 0)]]
    for index in np.flatnonzero(~preserve & filled & edge).tolist():
        texts[index] = texts[index].strip(" \t\r\n")
    return texts


def _unescape(raw: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        found = _ENTITIES.get(match.group(0))
        if found is None:
            raise NotPlain
        return found

    return _ENTITY.sub(replace, raw)


def _tags(data: bytes, a: NDArray[np.uint8], tag: bytes) -> NDArray[np.int64]:
    """Where `tag` begins (a few bytes: candidate '<' positions, then compared)."""
    at = np.flatnonzero(a[: len(a) - len(tag) + 1] == tag[0])
    for offset, byte in enumerate(tag[1:], start=1):
        at = at[a[at + offset] == byte]
    return at


# A chunk's rows, columns and codes: 64-bit as found, 32-bit from the helper (as `Cells`).
Parts = tuple[NDArray[np.signedinteger[Any]], ...]


def _sheet(
    stream: IO[bytes],
    strings: list[str],
    formats: NDArray[np.bool_],
    limits: Limits,
    helper: _Helper | None = None,
) -> Cells:
    values: list[Cell] = list(strings)
    extra: dict[tuple[type, Cell], int] = {}
    parts: list[Parts] = []
    bodies = _bodies(stream, limits)
    for index, body in enumerate(bodies):
        if helper is not None and index == helper.first:
            found = helper.result()  # the helper read the bodies from here on
            if found is not None:
                parts.append(_merged(found, values, extra, len(strings)))
                break
        parts.append(
            _cells(body, values, extra, len(strings), formats, limits.max_rows, limits.max_columns)
        )
    if not parts:  # <sheetData/>: no cells at all
        none = np.zeros(0, np.int32)
        return Cells(none, none, none, values)
    # 32 bits hold any row (≤ 1,048,576), column and code, at half the bytes to gather.
    rows, columns, codes = (
        np.concatenate([p[i] for p in parts], dtype=np.int32, casting="same_kind") for i in range(3)
    )
    if len(rows) > 1:
        step = np.diff(rows)
        if not np.all((step > 0) | ((step == 0) & (np.diff(columns) > 0))):
            raise NotPlain  # cells out of order or given twice: calamine decides
    return Cells(rows, columns, codes, values)


def _bodies(stream: IO[bytes], limits: Limits) -> Iterator[bytes]:
    """The sheetData's content a chunk of whole rows at a time (the same chunks each time the
    same stream is read: the helper and its parent count them alike)."""
    tail = b""
    started = ended = False
    while True:
        chunk = stream.read(_CHUNK)
        text = tail + chunk
        if not chunk:
            if not ended:
                raise NotPlain
            return
        if not started:
            head = text.find(b"<sheetData")
            if head < 0:
                if len(text) > _CHUNK * 2:
                    raise NotPlain
                tail = text
                continue
            if not _WORKSHEET.search(text, 0, head):
                raise NotPlain
            if found := _DIMENSION.search(text, 0, head):
                _check_dimension(found, limits)  # the declared range, as the shape check does
            close = text.find(b">", head)
            if close < 0:
                raise NotPlain
            if text[close - 1 : close] == b"/":  # <sheetData/>: no cells at all
                return
            text = text[close + 1 :]
            started = True
        end = text.find(b"</sheetData>")
        if end >= 0:
            body, ended = text[:end], True
        else:
            cut = text.rfind(b"</row>")
            if cut < 0:
                if len(text) > _CHUNK * 2:
                    raise NotPlain
                tail = text
                continue
            body, tail = text[: cut + 6], text[cut + 6 :]
        yield body
        if ended:
            return


# -- a helper process for the second half of a large sheet ---------------------------------
#
# Inflating and tokenising a sheet is one core's work; a large one is split in two: a forked
# helper inflates the same stream and tokenises the chunks from `first` on while this process
# reads the shared strings and the chunks before. The helper cannot know the shared strings'
# texts, only their count, so the numbers and inline texts it finds come back as its own
# values and are given codes here, in the order a single process would have given them.
# Whatever goes wrong in the helper (but a cell only calamine reads), this process reads its
# chunks itself: the result is the same either way.

_SPLIT_BYTES = 4 * _CHUNK  # a sheet this large (inflated) is read by two processes


# How long the processors' idle time is watched before forking: 40 ticks of two processors at
# Linux's 100 a second (50 ms gave 10, too few to tell a busy processor from an idle one).
_SAMPLE_SECONDS = 0.2


def _core_free() -> bool:
    """Whether a second processor is idle enough for the helper. On a machine whose cores are
    busy (a shared server, tests beside the import) the helper only adds work (it inflates the
    sheet's first half as well, and sends its cells back through a pipe) and gains no time: a
    1M-row register read that way took as long as one process did, with a fifth more CPU.

    Idleness is watched now, for a moment (Linux's /proc/stat), not taken from the load
    average: that trails the last minute, so a reader that starts right after other work
    (the upload's own, a benchmark's data) was refused its helper on an idle machine."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if (cores or 1) < 2:
        return False
    before = _cpu_times()
    if before is not None:
        time.sleep(_SAMPLE_SECONDS)
        after = _cpu_times()
        if after is not None and after[1] > before[1]:
            idle = (after[0] - before[0]) / (after[1] - before[1]) * (os.cpu_count() or 1)
            return idle >= 1.4  # this reader's core and most of another (it sleeps meanwhile)
    try:
        load = os.getloadavg()[0]  # this reader is one of the running processes
    except OSError:
        return True
    return load <= (cores or 1) - 1


def _cpu_times() -> tuple[int, int] | None:
    """All processors' idle and total time so far (ticks), or None where /proc/stat is not."""
    try:
        with open("/proc/stat", "rb") as stat:
            ticks = [int(v) for v in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    if len(ticks) < 5:
        return None
    return ticks[3] + ticks[4], sum(ticks)  # idle and iowait; of user … steal


class _Helper:
    def __init__(self, pid: int, receiver: Connection, first: int) -> None:
        self.pid, self.receiver, self.first = pid, receiver, first

    @classmethod
    def start(
        cls,
        data: bytes,
        book: zipfile.ZipFile,
        sheet: str,
        strings: str | None,
        formats: NDArray[np.bool_],
        limits: Limits,
    ) -> _Helper | None:
        size = book.getinfo(sheet).file_size
        if size < _SPLIT_BYTES or not _core_free():
            return None
        first = (size // _CHUNK + 1) // 2
        receiver, sender = multiprocessing.Pipe(duplex=False)
        pid = os.fork()
        if pid == 0:  # the helper: its reply, then out without any of the parent's clean-up
            code = 0
            try:
                receiver.close()
                sender.send(_helper_reply(data, sheet, strings, formats, limits, first))
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        sender.close()
        return cls(pid, receiver, first)

    def result(self) -> tuple[Parts, list[Cell]] | None:
        """The helper's cells and its own values; None if it failed (NotPlain if it found
        a cell only calamine reads)."""
        try:
            reply = self.receiver.recv()
        except (EOFError, OSError):
            return None
        finally:
            self.stop()
        if reply[0] == "not plain":
            raise NotPlain
        if reply[0] != "ok":
            return None
        rows, columns, codes, values = reply[1:]
        return (rows, columns, codes), values

    def stop(self) -> None:
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            self.pid = 0
            self.receiver.close()


def _helper_reply(
    data: bytes,
    sheet: str,
    strings: str | None,
    formats: NDArray[np.bool_],
    limits: Limits,
    first: int,
) -> tuple[Any, ...]:
    try:
        with zipfile.ZipFile(_Bytes(data)) as book:
            shared = book.read(strings).count(b"<si>") if strings is not None else 0
            values: list[Cell] = [""] * shared  # only their count matters here
            extra: dict[tuple[type, Cell], int] = {}
            parts: list[Parts] = []
            with book.open(sheet) as stream:
                for index, body in enumerate(_bodies(stream, limits)):
                    if index >= first:
                        parts.append(
                            _cells(
                                body,
                                values,
                                extra,
                                shared,
                                formats,
                                limits.max_rows,
                                limits.max_columns,
                            )
                        )
    except NotPlain:
        return ("not plain",)
    except BaseException:
        return ("failed",)
    if not parts:
        return ("failed",)
    rows, columns, codes = (
        np.concatenate([p[i] for p in parts], dtype=np.int32, casting="same_kind") for i in range(3)
    )
    return ("ok", rows, columns, codes, values[shared:])


def _merged(
    found: tuple[Parts, list[Cell]],
    values: list[Cell],
    extra: dict[tuple[type, Cell], int],
    shared: int,
) -> Parts:
    """The helper's cells with codes of this process: its own values (numbers, inline texts)
    coded here in the order it met them, as if this process had read on."""
    (rows, columns, codes), own = found
    if own:
        remap = np.array([_code(value, values, extra) for value in own], np.int64)
        mine = codes >= shared
        codes[mine] = remap[codes[mine] - shared]
    return rows, columns, codes


def _cells(
    body: bytes,
    values: list[Cell],
    extra: dict[tuple[type, Cell], int],
    shared: int,
    formats: NDArray[np.bool_],
    max_rows: int,
    max_columns: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """The cells of whole rows of sheetData: (rows, columns, codes) of those with a value.

    A cell is <c r="A1"( s="3")?( t="s")?> then <v>…</v>, <is><t>…</t></is> or nothing,
    then </c> (or <c …/>); the tags around each are found by position, not by search."""
    a = np.frombuffer(body, np.uint8)
    padded = np.concatenate([a, np.zeros(32, np.uint8)])  # look-ahead never runs off the end
    found = _shared_cells(body, padded, shared, max_rows, max_columns)
    if found is not None:
        return found
    lt = np.flatnonzero(a == ord("<"))
    kind = _kinds(padded, lt)
    cell_tag = np.flatnonzero(kind == 1)
    count = len(cell_tag)
    none = np.zeros(0, np.int64)
    if not count:
        return none, none, none
    at = lt[cell_tag]
    if not np.all(
        (padded[at + 2] == ord(" "))
        & (padded[at + 3] == ord("r"))
        & (padded[at + 4] == ord("="))
        & (padded[at + 5] == ord('"'))
    ):
        raise NotPlain  # a cell without its reference first: calamine's job
    r_start = at + 6
    r_end = _quote(padded, r_start, 11)
    rows, columns = _references(padded, r_start, r_end)
    if np.any(rows > max_rows) or np.any(columns >= max_columns):
        raise NotPlain
    # Then s="…" and t="…", in either order, then > or />.
    spans = {ord("s"): (np.full(count, -1, np.int64), np.full(count, -1, np.int64))}
    spans[ord("t")] = (np.full(count, -1, np.int64), np.full(count, -1, np.int64))
    position = r_end + 1
    for _ in range(2):
        letter = padded[position + 1]
        more = (
            (padded[position] == ord(" "))
            & ((letter == ord("s")) | (letter == ord("t")))
            & (padded[position + 2] == ord("="))
            & (padded[position + 3] == ord('"'))
        )
        if not np.any(more):
            break
        start = position + 4
        end = position - 1
        end[more] = _quote(padded, start[more], 11)
        for name, (starts, ends) in spans.items():
            mine = more & (letter == name)
            if np.any(mine & (starts >= 0)):
                raise NotPlain  # the same attribute twice
            starts[mine], ends[mine] = start[mine], end[mine]
        position = end + 1
    # (openpyxl writes <c r="M2" t="inlineStr" /> for an empty cell: one space is allowed.)
    spaced = (padded[position] == ord(" ")) & (
        (padded[position + 1] == ord("/")) | (padded[position + 1] == ord(">"))
    )
    position = position + spaced
    self_closing = (padded[position] == ord("/")) & (padded[position + 1] == ord(">"))
    if not np.all(self_closing | (padded[position] == ord(">"))):
        raise NotPlain  # another attribute, or spacing calamine may read otherwise
    # Cell types: s (shared string), inlineStr, n or none (number); anything else: calamine.
    t_start, t_end = spans[ord("t")]
    t_length = t_end - t_start
    t_first = padded[np.maximum(t_start, 0)]
    is_shared = (t_length == 1) & (t_first == ord("s"))
    is_inline = (t_length == 9) & (t_first == ord("i"))
    is_number = (t_start < 0) | ((t_length == 1) & (t_first == ord("n")))
    if not np.all(is_shared | is_inline | is_number):
        raise NotPlain
    if any(body[p : p + 9] != b"inlineStr" for p in t_start[is_inline].tolist()):
        raise NotPlain
    # What follows each start tag: <v>x</v></c>, <is><t>x</t></is></c>, </c>, or nothing.
    following = np.minimum(cell_tag + 1, len(kind) - 1)
    follows = np.where(cell_tag + 1 < len(kind), kind[following], -1)
    with_value = ~self_closing & (follows == 2)
    with_text = ~self_closing & (follows == 3)
    if not np.all(self_closing | with_value | with_text | (follows == 6)):
        raise NotPlain
    codes = np.full(count, -1, np.int64)
    value_tag = cell_tag[with_value]
    if not np.all(_kind_at(kind, value_tag + 2) == 7) or not np.all(
        _kind_at(kind, value_tag + 3) == 6
    ):
        raise NotPlain
    if np.any(with_value & is_inline) or np.any(with_text & ~is_inline):
        raise NotPlain
    starts, ends = lt[value_tag + 1] + 3, lt[value_tag + 2]
    shared_cells = is_shared[with_value]
    if np.any(shared_cells):
        indexes = _integers(padded, starts[shared_cells], ends[shared_cells])
        if np.any(indexes >= shared):
            raise NotPlain
        codes[np.flatnonzero(with_value)[shared_cells]] = indexes
    numbers = np.flatnonzero(with_value)[~shared_cells]
    if len(numbers):
        s_start, s_end = spans[ord("s")]
        styled = numbers[s_start[numbers] >= 0]
        style = _integers(padded, s_start[styled], s_end[styled])
        if np.any(style >= len(formats)) or not np.all(
            formats[np.minimum(style, len(formats) - 1)]
        ):
            raise NotPlain  # a date or another format calamine turns into something else
        for index, s, e in zip(
            numbers.tolist(),
            starts[~shared_cells].tolist(),
            ends[~shared_cells].tolist(),
            strict=True,
        ):
            raw = body[s:e]
            if not _NUMBER.fullmatch(raw):
                raise NotPlain
            codes[index] = _code(float(raw), values, extra)
    text_tag = cell_tag[with_text]
    if len(text_tag):
        expected = ((2, 4), (3, 9), (4, 8), (5, 6))
        if not all(np.all(_kind_at(kind, text_tag + k) == v) for k, v in expected):
            raise NotPlain
        t_open = lt[text_tag + 2]
        preserve = padded[t_open + 2] != ord(">")
        offsets = np.where(preserve, len(_PRESERVE), 3)
        if any(body[p : p + len(_PRESERVE)] != _PRESERVE for p in t_open[preserve].tolist()):
            raise NotPlain
        texts = _texts(body, t_open + offsets, lt[text_tag + 3], preserve)
        for index, text in zip(np.flatnonzero(with_text).tolist(), texts, strict=True):
            codes[index] = _code(text, values, extra)
    # Every tag accounted for: each cell's own tags were checked by kind, one after another
    # (so no two cells claim a tag), rows are the only others; a count settles it.
    closing = np.count_nonzero(~self_closing & (follows == 6))
    claimed = count + 3 * len(value_tag) + 5 * len(text_tag) + closing
    rows_tags = np.count_nonzero(kind == 0) + np.count_nonzero(kind == 5)
    if claimed + rows_tags != len(kind):
        raise NotPlain
    valued = codes >= 0
    return rows[valued], columns[valued], codes[valued]


_V, _LT, _GT, _SLASH, _C = (ord(x) for x in "v<>/c")
_CELL_OPEN = np.frombuffer(b'<c r="', np.uint8)
_SHARED_TYPE = np.frombuffer(b' t="s"', np.uint8)
_STYLE = np.frombuffer(b' s="', np.uint8)
_ROW_BETWEEN = np.frombuffer(b"</row><row", np.uint8)


def _shared_cells(
    body: bytes, padded: NDArray[np.uint8], shared: int, max_rows: int, max_columns: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]] | None:
    """`_cells` of the common case, found from the 'v' of each <v> and </v> (two a cell)
    instead of every tag: rows of shared-string cells <c r="A1"( s="3")? t="s"><v>7</v></c>
    and nothing else. None for anything else (`_cells` reads it tag by tag). What it reads,
    it reads exactly as `_cells` does: the same checks, the same numbers."""
    a = padded[: len(body)]
    v = np.flatnonzero(a == _V)
    if not len(v) or len(v) % 2:
        return None
    opens, closes = v[0::2], v[1::2]  # the v of <v> and of </v>
    if opens[0] < 16 or not np.all(
        (padded[opens - 1] == _LT)
        & (padded[opens - 2] == _GT)
        & (padded[opens + 1] == _GT)
        & (padded[closes - 2] == _LT)
        & (padded[closes - 1] == _SLASH)
        & (padded[closes + 1] == _GT)
        & (padded[closes + 2] == _LT)
        & (padded[closes + 3] == _SLASH)
        & (padded[closes + 4] == _C)
        & (padded[closes + 5] == _GT)
    ):
        return None
    count = len(opens)
    # Each cell's start tag: right after the cell before it (</c><c r=…), or else the last '<'
    # before its <v> (the row's first cell, after <row …>).
    starts = np.empty(count, np.int64)
    starts[1:] = closes[:-1] + 6
    follows = np.ones(count, bool)
    follows[1:] = (padded[starts[1:]] == _LT) & (padded[starts[1:] + 1] == _C)
    follows[0] = False
    first = np.flatnonzero(~follows)
    reach = 48  # a start tag <c r="XFD1048576" s="12345678" t="s"> is shorter
    near = first[opens[first] - 1 < reach]  # too near the chunk's start for a window
    far = first[opens[first] - 1 >= reach]
    back = _windows(padded, opens[far] - 1 - reach, reach) == _LT
    if not np.all(back.any(axis=1)):
        return None
    starts[far] = opens[far] - 1 - reach + (reach - 1 - np.argmax(back[:, ::-1], axis=1))
    for index in near.tolist():
        starts[index] = body.rfind(b"<", 0, int(opens[index]) - 1)
    if np.any(starts < 0) or not np.all(_windows(padded, starts, 6) == _CELL_OPEN):
        return None
    # Rows: <row …> before the first cell, </row><row …> before each row's first cell after
    # it, </row> after the last; then every '<' is one of these or a cell's four: no other
    # tag, no comment, no empty row.
    if not body.startswith(b"<row") or body[int(closes[-1]) + 6 :] != b"</row>":
        return None
    between = _windows(padded, closes[first[1:] - 1] + 6, 10)
    if not np.all(between == _ROW_BETWEEN):
        return None
    if np.count_nonzero(a == _LT) != 4 * count + 2 * len(first):
        return None
    r_start = starts + 6
    r_end = _quote(padded, r_start, 11)
    # Then ` t="s"`, perhaps after ` s="digits"`, then the '>' before <v>.
    rest = opens - 2 - (r_end + 1)
    if not np.all(_windows(padded, opens - 8, 6) == _SHARED_TYPE):
        return None
    styled = np.flatnonzero(rest != 6)
    if len(styled):
        at = r_end[styled] + 1
        digits = rest[styled] - 6 - 5  # ` s="` digits `"`
        if np.any(digits < 1) or np.any(digits > 8):
            return None
        if not np.all(_windows(padded, at, 4) == _STYLE) or not np.all(
            padded[opens[styled] - 9] == ord('"')
        ):
            return None
        window = _windows(padded, at + 4, 8)
        inside = np.arange(8) < digits[:, None]
        if np.any(inside & ((window < ord("0")) | (window > ord("9")))):
            return None
    rows, columns = _references(padded, r_start, r_end)
    if np.any(rows > max_rows) or np.any(columns >= max_columns):
        raise NotPlain
    codes = _integers(padded, opens + 2, closes - 2)
    if np.any(codes >= shared):
        raise NotPlain
    return rows, columns, codes


def _kinds(padded: NDArray[np.uint8], lt: NDArray[np.int64]) -> NDArray[np.int8]:
    """What each tag is: 0 <row, 1 <c, 2 <v>, 3 <is>, 4 <t, 5 </row>, 6 </c>, 7 </v>,
    8 </is>, 9 </t>; anything else raises NotPlain."""
    pair = padded[lt + 1].astype(np.uint16) << 8 | padded[lt + 2]
    kind: NDArray[np.int8] = _TAG_KINDS[pair]
    third = padded[lt + 3]
    # Two bytes tell all but <row / </row and <is> / </is> apart from longer names.
    kind[(kind == 0) & (third != ord("w"))] = -1
    kind[(kind == 5) & (third != ord("o"))] = -1
    kind[(kind == 3) & (third != ord(">"))] = -1
    kind[(kind == 8) & (third != ord("s"))] = -1
    if np.any(kind < 0):
        raise NotPlain  # formulas, prefixed names, comments, anything unexpected
    return kind


def _tag_kinds() -> NDArray[np.int8]:
    table = np.full(1 << 16, -1, np.int8)
    pairs = {
        b"ro": 0,
        b"c ": 1,
        b"c>": 1,
        b"c/": 1,
        b"v>": 2,
        b"is": 3,
        b"t>": 4,
        b"t ": 4,
        b"/r": 5,
        b"/c": 6,
        b"/v": 7,
        b"/i": 8,
        b"/t": 9,
    }
    for pair, kind in pairs.items():
        table[pair[0] << 8 | pair[1]] = kind
    return table


_TAG_KINDS = _tag_kinds()


def _kind_at(kind: NDArray[np.int8], index: NDArray[np.int64]) -> NDArray[np.int8]:
    inside = index < len(kind)
    return np.where(inside, kind[np.minimum(index, len(kind) - 1)], -1).astype(np.int8)


def _windows(padded: NDArray[np.uint8], starts: NDArray[np.int64], width: int) -> NDArray[np.uint8]:
    """The `width` bytes from each start, one row each (a gather of rows, not of bytes)."""
    rows: NDArray[np.uint8] = sliding_window_view(padded, width)[starts]
    return rows


def _quote(padded: NDArray[np.uint8], starts: NDArray[np.int64], most: int) -> NDArray[np.int64]:
    """The closing quote of values at most `most` bytes long, each from its start."""
    quote = _windows(padded, starts, most + 1) == ord('"')
    if not np.all(quote.any(axis=1)):
        raise NotPlain
    ends: NDArray[np.int64] = starts + quote.argmax(axis=1)
    return ends


def _code(value: Cell, values: list[Cell], extra: dict[tuple[type, Cell], int]) -> int:
    key = (type(value), value)
    code = extra.get(key)
    if code is None:
        code = extra[key] = len(values)
        values.append(value)
    return code


def _integers(
    padded: NDArray[np.uint8], starts: NDArray[np.int64], ends: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Unsigned decimal integers of 1-9 digits between `starts` and `ends`."""
    length = ends - starts
    if np.any((length < 1) | (length > 9)):
        raise NotPlain
    width = int(length.max(initial=1))
    if len(ends) and int(ends.min()) >= width:
        # Right-aligned: each number's digits end its window; those before its start count 0.
        digits = _windows(padded, ends - width, width) - np.uint8(ord("0"))  # a copy
        outside = np.arange(width) < (width - length)[:, None]
        if np.any(~outside & (digits > 9)):
            raise NotPlain
        digits[outside] = 0
        value = digits[:, 0].astype(np.int32)  # 9 digits fit
        for k in range(1, width):
            value *= 10
            value += digits[:, k]
        return value.astype(np.int64)
    text = _windows(padded, starts, width)
    outside = np.arange(width) >= length[:, None]
    text = np.where(outside, 0, text).astype(np.uint8)
    if np.any(~outside & ((text < ord("0")) | (text > ord("9")))):
        raise NotPlain
    numbers = np.zeros(len(starts), np.int64)
    for k in range(width):  # Horner's rule over the columns, each row's own digits only
        numbers = np.where(outside[:, k], numbers, numbers * 10 + (text[:, k] - ord("0")))
    return numbers


def _references(
    padded: NDArray[np.uint8], starts: NDArray[np.int64], ends: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Cell references "AB12": 1-based rows and 0-based columns (1-3 letters, 1-9 digits)."""
    window = _windows(padded, starts, 3).astype(np.int64)
    upper = (window >= ord("A")) & (window <= ord("Z"))
    letters = np.where(upper[:, 0], np.where(upper[:, 1], np.where(upper[:, 2], 3, 2), 1), 0)
    if np.any(letters == 0):
        raise NotPlain
    value = window - ord("A") + 1
    two = value[:, 0] * 26 + value[:, 1]
    column = np.where(
        letters == 1, value[:, 0], np.where(letters == 2, two, two * 26 + value[:, 2])
    )
    rows = _integers(padded, starts + letters, ends)
    if np.any(rows < 1):
        raise NotPlain
    return rows, column - 1
