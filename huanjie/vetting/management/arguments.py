"""What the joint review's commands share: a campaign by its region, a department by name, a
candidate by ID number and post (the post with its body's name, as the nominations' commands take
it: huanjie.nominations.management.arguments), a round by number; the rest is what every command
shares (huanjie.people.management.arguments)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

from huanjie.campaigns.models import Campaign, CampaignStatus
from huanjie.nominations.management.arguments import add_post, application_of
from huanjie.people.management.arguments import (
    BY_HELP,
    DATE_HELP,
    VILLAGE_HELP,
    add_by,
    day,
    refuse,
    refused,
    village,
)
from huanjie.people.management.relation_arguments import person as person_by_id
from huanjie.regions.models import Region
from huanjie.vetting import access
from huanjie.vetting.models import Department, ReviewRound

if TYPE_CHECKING:
    from huanjie.accounts.models import User

__all__ = [
    "BY_HELP",
    "DATE_HELP",
    "VILLAGE_HELP",
    "add_by",
    "add_post",
    "application_of",
    "campaign",
    "day",
    "department",
    "organizer",
    "person_by_id",
    "refuse",
    "refused",
    "review_round",
    "reviewer",
    "village",
]

REGION_HELP = "组织换届的区划（县、市、区）的12位区划代码"


def _user(username: str) -> User:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise refuse(f"找不到用户“{username}”，请检查 --by 的用户名。")
    return user


def campaign(code: str) -> Campaign:
    """The running campaign organized in the region with this code."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise refuse(f"区划代码 {code} 不存在，请核对。")
    found = (
        Campaign.objects.filter(region=region)
        .exclude(status=CampaignStatus.CLOSED)
        .order_by("-term_start_year")
        .first()
    )
    if found is None:
        raise refuse(f"{region.name}没有进行中的换届。")
    return found


def department(name: str) -> Department:
    found = Department.objects.filter(name=name).first()
    if found is None:
        known = "、".join(Department.objects.values_list("name", flat=True))
        raise refuse(f"联审部门“{name}”不存在（现有：{known}）。")
    return found


def review_round(campaign_id: int, number: int) -> ReviewRound:
    found = ReviewRound.objects.filter(campaign_id=campaign_id, number=number).first()
    if found is None:
        raise refuse(f"本次换届没有第{number}轮联审，请核对 --round。")
    return found


def reviewer(username: str | None, place: Region, dept: Department) -> User | None:
    """The reviewer acting: of this department, serving the village's county."""
    if not username:
        return None
    user = _user(username)
    if not access.may_review_in(user, place) or user.department != dept.name:
        raise refuse(
            f"用户“{username}”不能登记{dept.name}对{place.name}候选人的联审结果："
            "只有本县该部门的联审人员才能登记。"
        )
    return user


def organizer(username: str | None, found: Campaign) -> User | None:
    if not username:
        return None
    user = _user(username)
    if not access.may_organize(user, found):
        raise refuse(f"用户“{username}”不能开设联审轮次：只有县换届办才能开设。")
    return user
