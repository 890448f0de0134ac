"""One demo login per role of domain.md §1, scoped sensibly within the demo county.

The passwords are fixed and printed by `huanjie demo_logins` (`make run`): this is a demo
database on a laptop, never a deployment.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction

from huanjie.accounts.models import Role, User
from huanjie.accounts.services import record_user_saved
from huanjie.demo.constants import COUNTY
from huanjie.demo.plan import DemoCounty
from huanjie.regions.models import Region

CADRE_VILLAGES = 3  # a 包村干部 looks after two or three villages


class Reach(StrEnum):
    EVERYTHING = "everything"
    COUNTY = "county"
    FIRST_TOWNSHIP = "first_township"
    FIRST_VILLAGE = "first_village"
    ASSIGNED_VILLAGES = "assigned_villages"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    last_name: str
    first_name: str
    reach: Reach
    department: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "admin-demo", Role.ADMINISTRATOR, "叶", "建平", Reach.EVERYTHING),
    DemoUser("county", "county-demo", Role.ELECTION_OFFICE, "吴", "晓东", Reach.COUNTY),
    DemoUser(
        "township", "township-demo", Role.TOWNSHIP_OFFICER, "潘", "丽华", Reach.FIRST_TOWNSHIP
    ),
    DemoUser(
        "committee", "committee-demo", Role.ELECTION_COMMITTEE, "柳", "志强", Reach.FIRST_VILLAGE
    ),
    DemoUser("party", "party-demo", Role.VILLAGE_PARTY, "梅", "国庆", Reach.FIRST_VILLAGE),
    DemoUser("cadre", "cadre-demo", Role.VILLAGE_CADRE, "任", "海燕", Reach.ASSIGNED_VILLAGES),
    DemoUser("reviewer", "reviewer-demo", Role.REVIEWER, "刘", "伟", Reach.COUNTY, "公安"),
    DemoUser("observer", "observer-demo", Role.OBSERVER, "季", "文涛", Reach.COUNTY),
)


def _scope_code(reach: Reach, county: DemoCounty) -> str:
    first_township = county.townships[0]
    return {
        Reach.EVERYTHING: "",
        Reach.COUNTY: COUNTY[0],
        Reach.FIRST_TOWNSHIP: first_township.code,
        Reach.FIRST_VILLAGE: first_township.villages[0].code,
        Reach.ASSIGNED_VILLAGES: "",
    }[reach]


@transaction.atomic
def create_demo_users(county: DemoCounty) -> list[User]:
    """The demo logins, each account audited as created by the system."""
    assigned_codes = [v.code for v in county.townships[0].villages[:CADRE_VILLAGES]]
    assigned = list(Region.objects.filter(code__in=assigned_codes).order_by("code"))
    users: list[User] = []
    for spec in DEMO_USERS:
        user = User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            role=spec.role,
            scope_code=_scope_code(spec.reach, county),
            department=spec.department,
            is_staff=spec.role == Role.ADMINISTRATOR,
            is_superuser=spec.role == Role.ADMINISTRATOR,
        )
        user.set_password(spec.password)
        user.clean()
        user.save()
        if spec.reach is Reach.ASSIGNED_VILLAGES:
            user.assigned_villages.set(assigned)
        record_user_saved(acting_user=None, user=user, before=None)
        users.append(user)
    return users


def taken_usernames() -> list[str]:
    """Demo usernames already in use (the seed refuses to overwrite an account)."""
    wanted = [u.username for u in DEMO_USERS]
    return sorted(User.objects.filter(username__in=wanted).values_list("username", flat=True))
