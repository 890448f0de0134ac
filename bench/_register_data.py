"""A household register in the template's columns (domain.md §1), generated from a seed, with
faults seeded into a copy; written as an xlsx the way Excel writes one (shared strings, every
cell with its reference), much faster than a general writer."""

from __future__ import annotations

import random
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from huanjie.people.register import columns as col
from huanjie.rules.eligibility.identity import birthplace_codes, check_character

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蓝雷钟"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌海燕春梅林鹏飞"
# Birthplaces: the Zhejiang codes of the national table (enough for unique serial numbers).
PLACES = tuple(sorted(c for c in birthplace_codes() if c.startswith("33")))
# (relation label, male?, years younger than the head) for each member after the head.
FAMILY = (
    ("配偶", None, 2),
    ("子", True, 26),
    ("女", False, 28),
    ("父母", None, -27),
    ("孙子", True, 52),
    ("儿媳", False, 25),
    ("孙女", False, 54),
)
SIZES = (1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7)  # about 3.8 a household
EDUCATION = tuple(col.EDUCATION_BY_LABEL)
POLITICAL = ("群众",) * 8 + ("共青团员", "正式党员")
TAGS = ("",) * 40 + ("退役军人", "致富带头人", "大学生；回乡创业")
COLUMNS = col.COLUMN_NAMES
ID = COLUMNS.index(col.ID_NUMBER)
SEX = COLUMNS.index(col.SEX)
RELATION = COLUMNS.index(col.RELATION)
HOUSEHOLD = COLUMNS.index(col.HOUSEHOLD_NUMBER)


@dataclass(frozen=True)
class Fault:
    """A fault seeded into the file: the Excel row and column the report must name."""

    kind: str
    row: int
    column: str


def register_rows(size: int, seed: int) -> list[list[str]]:
    """`size` rows (people), households of 1-7 in order, every row valid, ID numbers unique."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    serials: Counter[tuple[str, date, bool]] = Counter()
    household = 0
    while len(rows) < size:
        household += 1
        number = f"{household:06d}"
        group = f"第{(household - 1) // 1500 + 1}村民小组"
        surname = rng.choice(SURNAMES)
        head_male = rng.random() < 0.85
        head_born = date(1940, 1, 1) + timedelta(days=rng.randrange(45 * 365))
        members = [("户主", head_male, head_born)]
        for label, male, younger in FAMILY[: rng.choice(SIZES) - 1]:
            is_male = (not head_male) if male is None else male
            born = head_born + timedelta(days=365 * younger + rng.randrange(-300, 300))
            members.append((label, is_male, min(born, date(2024, 12, 31))))
        for label, male, born in members[: size - len(rows)]:
            place = rng.choice(PLACES)
            key = (place, born, male)
            serials[key] += 1
            sequence = serials[key] * 2 - (1 if male else 0)  # odd for men, even for women
            if sequence > 999:
                raise ValueError("too many people born the same day in one place")
            first17 = f"{place}{born:%Y%m%d}{sequence:03d}"
            adult = born.year < 2006
            rows.append(
                [
                    number,
                    group,
                    surname + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
                    "男" if male else "女",
                    first17 + check_character(first17),
                    label,
                    "畲族" if rng.random() < 0.05 else "汉族",
                    rng.choice(EDUCATION) if adult else "小学",
                    rng.choice(POLITICAL) if adult else "群众",
                    "是",
                    "是" if rng.random() < 0.9 else "否",
                    f"13{rng.randrange(10**9):09d}" if adult and rng.random() < 0.6 else "",
                    rng.choice(TAGS) if adult else "",
                ]
            )
    return rows


def with_faults(
    rows: list[list[str]], share: float, seed: int
) -> tuple[list[list[str]], list[Fault]]:
    """A copy of `rows` with `share` of its rows faulty, split evenly among the five kinds of
    benchmarks.md (bad checksum, impossible date, duplicate ID, sex/ID mismatch, household
    without head), each in a different row and household; and where the report must say so."""
    rng = random.Random(seed)
    faulty = [list(r) for r in rows]
    each = max(1, int(len(rows) * share / 5))
    by_household: dict[str, list[int]] = {}
    for index, values in enumerate(rows):
        by_household.setdefault(values[HOUSEHOLD], []).append(index)
    households = list(by_household)
    rng.shuffle(households)
    faults: list[Fault] = []
    # One fault per household, so that the faults do not hide each other; the numbers copied
    # for duplicates come from households left as they are.
    chosen = iter(households)
    untouched = [i for h in households[5 * each :] for i in by_household[h]]
    sources = iter(rng.sample(untouched, each))
    for kind in ("checksum", "impossible_date", "duplicate_id", "sex_mismatch", "no_head"):
        for _ in range(each):
            members = by_household[next(chosen)]
            index = rng.choice(members)
            values = faulty[index]
            row = index + 2  # the header is row 1
            if kind == "checksum":
                number = values[ID]
                values[ID] = number[:-1] + ("0" if number[-1] != "0" else "1")
                faults.append(Fault(kind, row, col.ID_NUMBER))
            elif kind == "impossible_date":
                first17 = values[ID][:6] + "19990231" + values[ID][14:17]
                values[ID] = first17 + check_character(first17)
                faults.append(Fault(kind, row, col.ID_NUMBER))
            elif kind == "duplicate_id":
                source = next(sources)
                values[ID] = rows[source][ID]  # the number of someone earlier or later
                values[SEX] = rows[source][SEX]
                # The later of the two rows is reported (as a repeat of the earlier one).
                faults.append(Fault(kind, max(source, index) + 2, col.ID_NUMBER))
            elif kind == "sex_mismatch":
                values[SEX] = "女" if values[SEX] == "男" else "男"
                faults.append(Fault(kind, row, col.SEX))
            else:
                head = members[0]
                faulty[head][RELATION] = "其他"
                faults.append(Fault(kind, members[0] + 2, col.RELATION))
    return faulty, faults


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    """The rows under the template's header as an xlsx (one sheet, shared strings)."""
    strings: dict[str, int] = {}
    letters = [chr(ord("A") + i) for i in range(len(COLUMNS))]

    def cells(number: int, values: list[str] | tuple[str, ...]) -> str:
        parts = [f'<row r="{number}">']
        for letter, value in zip(letters, values, strict=True):
            if value:
                index = strings.setdefault(value, len(strings))
                parts.append(f'<c r="{letter}{number}" t="s"><v>{index}</v></c>')
        parts.append("</row>")
        return "".join(parts)

    last = f"{letters[-1]}{len(rows) + 1}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:{last}"/><sheetData>'
                ).encode()
            )
            sheet.write(cells(1, COLUMNS).encode())
            for start in range(0, len(rows), 10_000):
                chunk = rows[start : start + 10_000]
                text = "".join(cells(start + i + 2, r) for i, r in enumerate(chunk))
                sheet.write(text.encode())
            sheet.write(b"</sheetData></worksheet>")
        shared = "".join(f"<si><t>{_escape(s)}</t></si>" for s in strings)
        book.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}"'
            f' count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        )
        for name, text in _PARTS.items():
            book.writestr(name, text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument"'
        ' Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="户籍登记" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}
