"""Consistency checks a profile must pass before it is used (profiles.md: loading fails, with
the parameter named, for a contradiction or a deadline that breaks its parent's legal minimum).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from huanjie.rules.kinship.relations import RelationSet
from huanjie.rules.profiles.schema import (
    SCHEMA,
    Body,
    Bound,
    Param,
    ParamValue,
    ProfileError,
    describe,
)
from huanjie.rules.profiles.values import show

# (minimum, maximum) pairs; a null maximum means "no upper limit".
_RANGES = (
    ("vc.seats_min", "vc.seats_max"),
    ("ec.size_min", "ec.size_max"),
    ("sup.size_min", "sup.size_max"),
    ("ceo.board_size_min", "ceo.board_size_max"),
)
# (must be odd, minimum, maximum)
_ODD_RANGES = (
    ("vc.size_must_be_odd", "vc.seats_min", "vc.seats_max"),
    ("ceo.board_size_odd", "ceo.board_size_min", "ceo.board_size_max"),
)
# (earlier step, later step), both "days before election day": the earlier needs more days.
_STEP_ORDER = (
    ("reg.list_days_before", "nom.list_days_before"),
    ("nom.list_days_before", "nom.withdraw_days_before"),
    ("proxy.request_days_before", "proxy.publish_days_before"),
)
_CASCADE_NEEDS = tuple(name for name in SCHEMA if name.startswith("gtzx."))


def check_against_parent(
    own: Mapping[str, Param], legal: Mapping[str, Param], parent_id: str
) -> None:
    """A derived profile may only tighten what its chain took from a legal text: `legal` holds
    the parent's legal values (`Profile.legal`), not a county's own choices on top of them."""
    for name, param in own.items():
        bound = SCHEMA[name].bound
        inherited = legal.get(name)
        if bound is None or inherited is None:
            continue
        if _loosens(bound, param.value, inherited.value):
            raise ProfileError(name, _loosened_message(bound, param, inherited, parent_id))


def check_resolved(profile_id: str, body: Body, params: Mapping[str, Param], root: bool) -> None:
    """Completeness of a root, then contradictions inside the resolved values."""
    if root:
        for spec in SCHEMA.values():
            if spec.body is body and spec.required and spec.name not in params:
                raise ProfileError(
                    spec.name,
                    f"根方案 {profile_id} 缺少参数 {describe(spec.name)}：根方案必须为"
                    f"{body.label}的每个参数给出值、来源和标记，请补上。",
                )
    values = {name: param.value for name, param in params.items()}
    if body is Body.VILLAGERS_COMMITTEE:
        _check_ranges(values)
        _check_step_order(values)
        _check_vc_modes(values)
    elif values["pb.secretary_mode"] == "cascade":
        for name in _CASCADE_NEEDS:
            if name not in values:
                raise ProfileError(
                    "pb.secretary_mode",
                    f"参数 {describe('pb.secretary_mode')} 为 cascade（倒选），但缺少参数 "
                    f"{describe(name)}：请在方案中补上，或改用 by_committee。",
                )


def _loosens(bound: Bound, child: ParamValue, parent: ParamValue) -> bool:
    if parent is None:
        return False
    if child is None:
        # Null is the weakest floor and the loosest ceiling ("no cap").
        return True
    if isinstance(child, RelationSet) and isinstance(parent, RelationSet):
        narrower = not child.kinds >= parent.kinds
        wider = not child.kinds <= parent.kinds
    else:
        assert isinstance(child, int | Fraction) and isinstance(parent, int | Fraction)
        narrower, wider = child < parent, child > parent
    return narrower if bound is Bound.FLOOR else wider


def _loosened_message(bound: Bound, param: Param, inherited: Param, parent_id: str) -> str:
    was = show(inherited.value)
    if bound is Bound.FLOOR:
        rule = "只能保持或从严（提前的天数只能增加，最少人数只能增加，回避范围只能扩大）"
        fix = f"不低于 {was} 的值"
    else:
        rule = "只能保持或从严（期限只能缩短，上限只能降低，允许的范围只能缩小）"
        fix = f"不超过 {was} 的值"
    if isinstance(inherited.value, RelationSet):
        fix = f"{'包含' if bound is Bound.FLOOR else '不超出'} {was} 的亲属范围"
    origin = parent_id
    if inherited.defined_in != parent_id:
        origin = f"{parent_id}（沿用 {inherited.defined_in}）"
    return (
        f"参数 {describe(param.name)} 的值 {show(param.value)} 放宽了上级方案 {origin} "
        f"依据 {inherited.source} 设定的 {was}：此项{rule}。请改为{fix}。"
    )


def _check_ranges(values: Mapping[str, ParamValue]) -> None:
    for low_name, high_name in _RANGES:
        low, high = values[low_name], values[high_name]
        assert isinstance(low, int)
        if isinstance(high, int) and low > high:
            raise ProfileError(
                low_name,
                f"参数 {describe(low_name)} 的值 {low} 大于 {describe(high_name)} 的值 {high}："
                "下限不能大于上限，请调整其中之一。",
            )
    for odd_name, low_name, high_name in _ODD_RANGES:
        low, high = values[low_name], values[high_name]
        odd_required = values[odd_name] is True
        if odd_required and isinstance(low, int) and low == high and low % 2 == 0:
            raise ProfileError(
                odd_name,
                f"参数 {describe(odd_name)} 要求单数，但人数上下限都是 {low}：请把上下限"
                "改为包含单数的范围，或把此项改为 false。",
            )
    women, seats_max = values["vc.women_min"], values["vc.seats_max"]
    assert isinstance(women, int) and isinstance(seats_max, int)
    if women > seats_max:
        raise ProfileError(
            "vc.women_min",
            f"参数 {describe('vc.women_min')} 的值 {women} 大于 {describe('vc.seats_max')} 的值 "
            f"{seats_max}：请减少妇女成员最少人数或增加职数上限。",
        )


def _check_step_order(values: Mapping[str, ParamValue]) -> None:
    steps = list(_STEP_ORDER)
    if values["self.enabled"] is True:
        steps.append(("self.reg_days_before", "nom.list_days_before"))
    for earlier, later in steps:
        before, after = values[earlier], values[later]
        if isinstance(before, int) and isinstance(after, int) and after > before:
            raise ProfileError(
                later,
                f"参数 {describe(later)} 为选举日前 {after} 天，早于 {describe(earlier)} 的 "
                f"{before} 天：这一步必须在后者之后。请把它改为不超过 {before} 天，"
                "或调整另一项。",
            )


def _check_vc_modes(values: Mapping[str, ParamValue]) -> None:
    if values["kin.cross_body"] == "block" and values["kin.cross_body_set"] is RelationSet.NONE:
        raise ProfileError(
            "kin.cross_body",
            f"参数 {describe('kin.cross_body')} 为 block（阻止），但 "
            f"{describe('kin.cross_body_set')} 为 none：请设定要回避的亲属范围，或改为 warn。",
        )
    if values["women_seat_mode"] != "none" and values["vc.women_min"] == 0:
        raise ProfileError(
            "women_seat_mode",
            f"参数 {describe('women_seat_mode')} 为 {show(values['women_seat_mode'])}，但 "
            f"{describe('vc.women_min')} 为 0：请把妇女成员最少人数设为至少 1，"
            "或把保障方式改为 none。",
        )
