"""Profile files that must not load: each failure names the parameter (or metadata field)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from huanjie.rules.profiles.profile import ProfileError, ProfileStore, load_profile

SHIPPED = Path(str(files("huanjie.rules.profiles")))
HEAD = 'title = "某县细则"\nbody = "villagers_committee"\nextends = "NAT_2018"\n'


def _store(tmp_path: Path, **texts: str) -> ProfileStore:
    for root in ("NAT_2018", "PB_2020"):
        (tmp_path / f"{root}.toml").write_text((SHIPPED / f"{root}.toml").read_text("utf-8"))
    for profile_id, text in texts.items():
        (tmp_path / f"{profile_id}.toml").write_text(text, encoding="utf-8")
    return ProfileStore(tmp_path)


def _error(tmp_path: Path, text: str, profile_id: str = "COUNTY_1") -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        _store(tmp_path, **{profile_id: text}).load(profile_id)
    assert caught.value.rule_id == "PROFILE"
    return caught.value


@pytest.mark.parametrize(
    ("line", "parameter", "fragment"),
    [
        ('"vc.no_such" = { value = 1, source = "x", tag = "V" }', "vc.no_such", "未知参数"),
        ('"pb.term_years" = { value = 5, source = "x", tag = "V" }', "pb.term_years", "党组织"),
        ('"vc.term_years" = 5', "vc.term_years", "来源和核实标记"),
        ('"vc.term_years" = { value = 5, tag = "V" }', "vc.term_years", "缺少来源"),
        ('"vc.term_years" = { value = 5, source = " ", tag = "V" }', "vc.term_years", "缺少来源"),
        ('"vc.term_years" = { value = 5, source = "x" }', "vc.term_years", "缺少核实标记"),
        ('"vc.term_years" = { value = 5, source = "x", tag = "X" }', "vc.term_years", "'X' 无效"),
        (
            '"vc.term_years" = { value = 5, source = "x", tag = "V", note = "" }',
            "vc.term_years",
            "未知字段 note",
        ),
        ('"vc.term_years" = { source = "x", tag = "V" }', "vc.term_years", "不能为空"),
        ('"vc.term_years" = { value = true, source = "x", tag = "V" }', "vc.term_years", "整数"),
        ('"vc.term_years" = { value = 5.0, source = "x", tag = "V" }', "vc.term_years", "整数"),
        (
            '"reg.objection_days" = { value = -1, source = "x", tag = "V" }',
            "reg.objection_days",
            "小于",
        ),
        ('"vc.term_years" = { value = [5], source = "x", tag = "V" }', "vc.term_years", "[5]"),
    ],
    ids=lambda case: str(case),
)
def test_profile_file_bad_entry(tmp_path: Path, line: str, parameter: str, fragment: str) -> None:
    error = _error(tmp_path, f"{HEAD}\n[params]\n{line}\n")
    assert error.parameter == parameter
    assert fragment in error.message


@pytest.mark.parametrize(
    ("text", "parameter", "fragment"),
    [
        (HEAD + 'note = "x"\n', "note", "未知字段 note"),
        ('body = "villagers_committee"\n', "title", "title"),
        ('title = "x"\nbody = "township"\n', "body", "villagers_committee"),
        ('title = "x"\nbody = "villagers_committee"\nextends = 1\n', "extends", "extends"),
        (HEAD + 'in_force_from = "2020-01-01"\n', "in_force_from", "日期"),
        (HEAD + "in_force_from = 2020-01-01T08:00:00\n", "in_force_from", "日期"),
        (HEAD + "params = 3\n", "params", "[params]"),
        (HEAD + "[params\n", "profile", "TOML"),
        ('title = "x"\nbody = "villagers_committee"\nextends = "XX_1"\n', "extends", "XX_1"),
        (
            'title = "x"\nbody = "party_organization"\nextends = "NAT_2018"\n',
            "extends",
            "不能继承村民委员会方案 NAT_2018",
        ),
    ],
    ids=lambda case: str(case),
)
def test_profile_file_bad_metadata(
    tmp_path: Path, text: str, parameter: str, fragment: str
) -> None:
    error = _error(tmp_path, text)
    assert error.parameter == parameter
    assert fragment in error.message


def test_profile_file_extends_cycle(tmp_path: Path) -> None:
    a = 'title = "a"\nbody = "villagers_committee"\nextends = "B_1"\n'
    b = 'title = "b"\nbody = "villagers_committee"\nextends = "A_1"\n'
    with pytest.raises(ProfileError) as caught:
        _store(tmp_path, A_1=a, B_1=b).load("A_1")
    assert caught.value.parameter == "extends"
    assert "A_1 → B_1 → A_1" in caught.value.message


def test_profile_file_root_must_be_complete(tmp_path: Path) -> None:
    error = _error(tmp_path, 'title = "x"\nbody = "party_organization"\n', "PB_X")
    assert error.parameter == "pb.quorum_base"
    assert "根方案 PB_X 缺少参数" in error.message


def test_profile_file_mode_needs_women_member(tmp_path: Path) -> None:
    """women_seat_mode needs a woman member; the national floor of 1 hides this from counties,
    so it shows only in a root."""
    text = (SHIPPED / "NAT_2018.toml").read_text("utf-8")
    text = text.replace('"vc.women_min" = { value = 1', '"vc.women_min" = { value = 0')
    text = text.replace(
        '"women_seat_mode" = { value = "none"', '"women_seat_mode" = { value = "reserve_candidate"'
    )
    error = _error(tmp_path, text, "ROOT_X")
    assert error.parameter == "women_seat_mode"
    assert "reserve_candidate" in error.message


@pytest.mark.parametrize("profile_id", ["XX_2020", "zj_2020", "../ZJ_2020", ""])
def test_profile_unknown_id(profile_id: str) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(profile_id)
    assert caught.value.parameter == "profile"
    assert "可用的方案有" in caught.value.message
    assert "ZJ_2025" in caught.value.message


def test_profile_store_caches_and_lists(tmp_path: Path) -> None:
    store = _store(tmp_path, COUNTY_1=HEAD)
    (tmp_path / "README.md").write_text("not a profile")
    assert store.ids() == ("COUNTY_1", "NAT_2018", "PB_2020")
    assert store.load("COUNTY_1") is store.load("COUNTY_1")
    assert store.load("COUNTY_1").extends == "NAT_2018"
    assert store.load("COUNTY_1").in_force_from is None
