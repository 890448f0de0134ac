from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import numdb
from stdnum.cn import ric

from huanjie.rules.eligibility.identity import (
    IdFault,
    birthplace_codes,
    birthplace_known,
    check_character,
    check_id_number,
    mask_id_number,
    sex_matches,
)


def with_check(first17: str) -> str:
    """A number completed with the check character computed by python-stdnum (the oracle)."""
    return first17 + ric.calc_check_digit(first17 + "0")


VALID = with_check("33010219800101123")  # Hangzhou Shangcheng, born 1980-01-01, male


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_character_matches_stdnum(first17: str) -> None:
    assert check_character(first17) == ric.calc_check_digit(first17 + "0")


def test_check_character_needs_17_digits() -> None:
    with pytest.raises(ValueError, match="expected 17 digits, got 16"):
        check_character("3301021980010112")


def _in_stdnum_table(code: str) -> bool:
    """python-stdnum's own look-up (a linear scan): a county entry in any period."""
    return any("county" in props for _part, props in numdb.get("cn/loc").info(code))


@given(st.sampled_from(sorted(birthplace_codes())), st.integers(-2, 2))
def test_birthplace_set_agrees_with_stdnum_around_its_codes(code: str, step: int) -> None:
    near = f"{(int(code) + step) % 1_000_000:06d}"
    assert birthplace_known(near) is _in_stdnum_table(near)


@given(st.text(alphabet="0123456789", min_size=6, max_size=6))
def test_birthplace_set_agrees_with_stdnum_on_any_code(code: str) -> None:
    assert birthplace_known(code) is _in_stdnum_table(code)


def test_birthplace_set_holds_every_county_of_the_table() -> None:
    table = numdb.get("cn/loc").prefixes
    listed = {top[1] + child[1] for top in table for child in top[4]}
    assert birthplace_codes() == listed
    assert {"110103", "330102", "331127"} <= birthplace_codes()  # abolished 2010 ones too


def test_valid_number_is_read() -> None:
    check = check_id_number(VALID)
    assert check.ok
    assert (check.errors, check.warnings) == ((), ())
    assert check.birth_date == date(1980, 1, 1)
    assert check.sex == "M"
    assert check.birthplace_code == "330102"


def test_female_from_even_17th_digit() -> None:
    assert check_id_number(with_check("33010219800101124")).sex == "F"


def test_lower_case_x_and_surrounding_spaces_are_normalised() -> None:
    number = with_check("11010519491231002")
    assert number.endswith("X")
    check = check_id_number(f"  {number.lower()}\t")
    assert check.ok
    assert check.number == number


def test_full_width_digits_are_folded() -> None:
    full_width = VALID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    check = check_id_number(full_width)
    assert check.ok
    assert check.number == VALID


@pytest.mark.parametrize(
    ("raw", "fault", "words"),
    [
        ("", IdFault.EMPTY, "身份证号为空"),
        ("   ", IdFault.EMPTY, "身份证号为空"),
        ("3301021980010112", IdFault.WRONG_LENGTH, "录入的是16位"),
        (VALID + "1", IdFault.WRONG_LENGTH, "录入的是19位"),
        ("330102800101123", IdFault.LEGACY_15, "18位号码"),
        ("33010219800101X234", IdFault.ILLEGAL_CHARACTERS, "仅最后一位可以是X"),
        ("3301021980 101123X", IdFault.ILLEGAL_CHARACTERS, "不要夹带空格"),
        ("33010219800101123Y", IdFault.ILLEGAL_CHARACTERS, "只能由数字组成"),
        (with_check("33010219990231123"), IdFault.IMPOSSIBLE_BIRTH_DATE, "出生日期不存在"),
        (with_check("33010219991301123"), IdFault.IMPOSSIBLE_BIRTH_DATE, "13月"),
        (VALID[:-1] + ("0" if VALID[-1] != "0" else "1"), IdFault.CHECKSUM, "校验位不符"),
    ],
    ids=[
        "empty",
        "spaces-only",
        "16-digits",
        "19-digits",
        "legacy-15",
        "x-in-the-middle",
        "inner-space",
        "letter-as-check",
        "feb-31",
        "month-13",
        "checksum",
    ],
)
def test_blocking_faults_and_their_messages(raw: str, fault: IdFault, words: str) -> None:
    check = check_id_number(raw)
    assert not check.ok
    assert check.errors[0] is fault
    assert words in check.messages()[0]


def test_wrong_length_with_letters_reports_both() -> None:
    check = check_id_number("33A10219")
    assert check.errors == (IdFault.WRONG_LENGTH, IdFault.ILLEGAL_CHARACTERS)
    assert check.messages()[0] == "身份证号应为18位，录入的是8位，请核对证件后重新录入。"


def test_15_characters_with_letters_is_a_wrong_length_not_a_legacy_number() -> None:
    assert check_id_number("33010280010112X").errors == (IdFault.WRONG_LENGTH,)


def test_checksum_message_does_not_reveal_the_expected_character() -> None:
    wrong = VALID[:-1] + ("0" if VALID[-1] != "0" else "1")
    check = check_id_number(wrong)
    assert check.errors == (IdFault.CHECKSUM,)
    message = check.messages()[0]
    assert "请核对证件后重新录入" in message
    assert VALID[-1] not in message


def test_future_birth_date_only_when_a_day_is_given() -> None:
    number = with_check("33010220300101123")
    assert check_id_number(number).ok
    check = check_id_number(number, on=date(2026, 3, 28))
    assert check.errors == (IdFault.FUTURE_BIRTH_DATE,)
    assert "晚于当前日期" in check.messages()[0]
    assert check_id_number(VALID, on=date(1980, 1, 1)).ok  # born that very day


def test_unknown_birthplace_is_a_warning_never_a_block() -> None:
    check = check_id_number(with_check("99999919800101123"))
    assert check.ok
    assert check.warnings == (IdFault.UNKNOWN_BIRTHPLACE,)
    assert "确认无误可保留" in check.messages()[0]


@pytest.mark.parametrize(
    "first17",
    ["11010320120315123", "33010219750601123"],
    ids=["code-abolished-2010-born-2012", "code-created-1983-born-1975"],
)
def test_real_numbers_outside_their_codes_period_pass(first17: str) -> None:
    number = with_check(first17)
    assert not ric.is_valid(number)  # stdnum's validate couples code and birth year
    check = check_id_number(number)
    assert check.ok
    assert check.warnings == ()


def test_impossible_date_and_checksum_are_both_reported() -> None:
    check = check_id_number("330102199902310010")
    assert IdFault.IMPOSSIBLE_BIRTH_DATE in check.errors
    assert check.birth_date is None
    assert len(check.messages()) == len(check.errors)


@pytest.mark.parametrize(
    ("sex", "expected"),
    [("M", True), ("男", True), (" 男 ", True), ("F", False), ("女", False)],
    ids=["M", "nan", "nan-spaced", "F", "nv"],
)
def test_sex_matches(sex: str, expected: bool) -> None:
    assert sex_matches(check_id_number(VALID), sex) is expected


def test_sex_matches_without_a_readable_number_is_false() -> None:
    assert sex_matches(check_id_number("123"), "M") is False


def test_sex_matches_refuses_an_unknown_label() -> None:
    with pytest.raises(ValueError, match="unknown sex label"):
        sex_matches(check_id_number(VALID), "未知")


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("330102198001011234", "330…1234"),
        (" 33010219800101123x ", "330…123X"),
        ("1234567", "…"),
        ("", "…"),
    ],
    ids=["full", "lower-x", "too-short", "empty"],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked
