import io
import json
import runpy
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huanjie.rules.ordering.data import make_strokes
from huanjie.rules.ordering.strokes import (
    load_stroke_table,
    sort_by_surname_strokes,
    split_surname,
    surname_stroke_key,
)

TABLE = load_stroke_table()


def order(names: list[str]) -> list[str]:
    return sort_by_surname_strokes(names, TABLE).items


@pytest.mark.parametrize(
    ("char", "strokes"),
    [("丁", "12"), ("王", "1121"), ("毛", "3115"), ("马", "551"), ("小", "234"),
     ("心", "4544"), ("女", "531"), ("长", "3154"), ("张", "5153154")],
    ids=["ding", "wang", "mao", "ma", "xiao-shugou-is-2", "xin-wogou-is-5", "nv", "chang", "zhang"],
)  # fmt: skip
def test_table_holds_standard_stroke_orders(char: str, strokes: str) -> None:
    assert TABLE[char] == strokes


def test_table_covers_gb2312_level_1_and_common_surnames() -> None:
    level1 = [
        bytes([row, col]).decode("gb2312")
        for row in range(0xB0, 0xD8)
        for col in range(0xA1, 0xFF)
        if not (row == 0xD7 and col > 0xF9)
    ]
    assert len(level1) == 3755
    assert all(c in TABLE for c in level1)
    assert all(c in TABLE for c in "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张欧阳诸葛司马")
    assert set("".join(TABLE.values())) <= set("12345")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["王芳", "丁一"], ["丁一", "王芳"]),  # 2 strokes before 4
        (["毛明", "王明"], ["王明", "毛明"]),  # 4 strokes each: 王 starts with 横, 毛 with 撇
        (["李四", "王五", "毛六", "丁七"], ["丁七", "王五", "毛六", "李四"]),
        (["王林", "王一"], ["王一", "王林"]),  # same surname: the next character decides
        (["王", "王一"], ["王", "王一"]),  # a name that is a prefix comes first
    ],
    ids=["count", "first-stroke", "four-surnames", "next-character", "prefix"],
)
def test_surname_stroke_order(names: list[str], expected: list[str]) -> None:
    assert order(names) == expected


def test_compound_surname_is_one_unit() -> None:
    assert split_surname("欧阳娜娜") == ("欧阳", "娜娜")
    assert split_surname("欧文") == ("欧", "文")
    assert split_surname("司马光") == ("司马", "光")
    # Char by char, 欧文 (文 4 strokes) would come before 欧阳明 (阳 6) but after 欧丁;
    # as a unit every 欧 stays ahead of every 欧阳.
    assert order(["欧阳明", "欧文", "欧阳丁", "欧一"]) == ["欧一", "欧文", "欧阳丁", "欧阳明"]


def test_same_strokes_different_characters_are_kept_apart() -> None:
    assert TABLE["己"] == TABLE["已"]
    names = ["已乙", "己丁", "已一", "己乙"]
    ordered = order(names)
    assert [n[0] for n in ordered] == ["己", "己", "已", "已"]


def test_missing_characters_sort_after_by_code_point_and_are_reported() -> None:
    result = sort_by_surname_strokes(["𠀋二", "王一", "𠀀三", "丁𠀁"], TABLE)
    assert result.items == ["丁𠀁", "王一", "𠀀三", "𠀋二"]
    assert result.missing == frozenset({"𠀋", "𠀀", "𠀁"})


def test_separators_in_minority_names_are_ignored() -> None:
    result = sort_by_surname_strokes(["阿依古丽·买买提", "丁 一"], TABLE)
    assert result.items == ["丁 一", "阿依古丽·买买提"]
    assert result.missing == frozenset()


@dataclass(frozen=True)
class Candidate:
    name: str
    votes: int


def test_key_function_and_stability() -> None:
    people = [Candidate("王明", 3), Candidate("丁一", 1), Candidate("王明", 2)]
    result = sort_by_surname_strokes(people, TABLE, key=lambda c: c.name)
    assert [(c.name, c.votes) for c in result.items] == [("丁一", 1), ("王明", 3), ("王明", 2)]


@given(st.lists(st.sampled_from(["王明", "毛泽", "丁一", "欧阳修", "李四", "𠀀", "己", "已"])))
def test_order_does_not_depend_on_input_order(names: list[str]) -> None:
    assert order(names) == order(list(reversed(names)))
    assert order(order(names)) == order(names)


def test_surname_stroke_key_agrees_with_sorting() -> None:
    names = ["李四", "欧阳修", "丁一", "王明"]
    assert sorted(names, key=lambda n: surname_stroke_key(n, TABLE)) == order(names)


def test_table_is_read_only_and_cached() -> None:
    assert load_stroke_table() is TABLE
    with pytest.raises(TypeError):
        TABLE["王"] = "1"  # type: ignore[index]


# --- the generator script ------------------------------------------------------------------

SHAPES = {
    "j": {"type": "平笔", "name": "横"},
    "i": {"type": "平笔", "name": "提"},
    "f": {"type": "平笔", "name": "竖"},
    "g": {"type": "折笔", "name": "竖钩"},
    "s": {"type": "平笔", "name": "撇"},
    "k": {"type": "平笔", "name": "点"},
    "l": {"type": "平笔", "name": "捺"},
    "u": {"type": "折笔", "name": "竖弯钩"},
    "e": {"type": "折笔", "name": "横撇|横钩"},
}


def bundle(orders: dict[str, str], shapes: dict[str, dict[str, str]] = SHAPES) -> str:
    def embed(obj: object) -> str:
        return "JSON.parse('" + json.dumps(obj, ensure_ascii=False) + "')"

    return f"!function(){{var a={embed(orders)},b={embed(shapes)};}}"


def test_convert_folds_shapes_into_five_classes() -> None:
    assert make_strokes.convert(bundle({"丁": "jg", "七": "ju", "小": "gsk", "了": "eg"})) == {
        "丁": "12",
        "七": "15",
        "小": "234",
        "了": "52",
    }


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("no tables here", "expected 2 embedded JSON tables"),
        (bundle({"丁": "jq"}), "unknown stroke letters"),
        (bundle({}, {"x": {"type": "平笔", "name": "新笔"}}), "unknown shape"),
        (bundle({}, {"x": {"type": "折笔", "name": "横|竖"}}), "mixes classes"),
        (bundle({}, {"x": {"type": "折笔", "name": "横|横折"}}), "mixes classes"),
    ],
    ids=["no-tables", "unknown-letter", "unknown-shape", "two-classes", "plain-and-fold"],
)
def test_convert_refuses_an_unexpected_package(script: str, message: str) -> None:
    with pytest.raises(make_strokes.FormatError, match=message):
        make_strokes.convert(script)


def make_tarball(path: Path, files: dict[str, str]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_main_writes_the_table_with_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = json.dumps({"name": "cnchar-order", "version": "9.9.9", "main": "order.js"})
    tarball = make_tarball(
        tmp_path / "pkg.tgz",
        {
            "package.json": meta,
            "LICENSE": "MIT\n\nCopyright (c) someone\n",
            "order.js": bundle({"王": "jjfj", "丁": "jg"}),
        },
    )
    out = tmp_path / "strokes.tsv"
    assert make_strokes.main([str(tarball), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "# source: npm package cnchar-order@9.9.9, file cnchar.order.min.js" in lines
    assert "# Copyright (c) someone" in lines
    assert "#" in lines  # blank licence lines stay comments
    assert lines[-2:] == ["丁\t12", "王\t1121"]
    assert "2 characters from cnchar-order@9.9.9" in capsys.readouterr().out


def test_script_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meta = json.dumps({"name": "cnchar-order", "version": "1.0.0", "main": "order.js"})
    files = {"package.json": meta, "LICENSE": "MIT", "order.js": bundle({"丁": "jg"})}
    tarball = make_tarball(tmp_path / "pkg.tgz", files)
    out = tmp_path / "out.tsv"
    monkeypatch.setattr(sys, "argv", ["make_strokes", str(tarball), "-o", str(out)])
    with pytest.raises(SystemExit) as done:
        runpy.run_path(make_strokes.__file__, run_name="__main__")
    assert done.value.code == 0
    assert out.read_text(encoding="utf-8").endswith("丁\t12\n")


def test_read_package_refuses_a_directory_entry(tmp_path: Path) -> None:
    tarball = tmp_path / "pkg.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        info = tarfile.TarInfo("package/package.json")
        info.type = tarfile.DIRTYPE
        tar.addfile(info)
    with pytest.raises(make_strokes.FormatError, match="not a file"):
        make_strokes.read_package(tarball)


def test_committed_table_is_what_the_generator_renders() -> None:
    text = make_strokes.OUTPUT.read_text(encoding="utf-8")
    assert "# source: npm package cnchar-order@3.2.6, file cnchar.order.min.js" in text
    license_lines = [ln[2:] for ln in text.splitlines()[4:] if ln.startswith("#")]
    rendered = make_strokes.render(dict(TABLE), "cnchar-order@3.2.6", "\n".join(license_lines))
    assert rendered == text
