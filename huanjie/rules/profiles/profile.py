"""Rule profiles: the parameters of one body's election law, as data (profiles.md).

One TOML file per profile in `profiles/`, named after its id::

    title = "浙江省村民委员会选举办法（2020）"
    body = "villagers_committee"          # or "party_organization"
    extends = "NAT_2018"                  # absent for a root
    in_force_from = 2020-07-31            # absent where not known

    [params]
    "proxy.max_per_holder" = { value = 3, source = "ZJ-E20 art 25", tag = "V" }
    "recall.retry_bar" = { source = "VCOL18 art 16 (no bar)", tag = "D" }

Every entry carries `source` and `tag` (V, S, M, I, D). Fractions are strings ("4/5").
TOML has no null: **an entry without `value` is null** (no cap, no bar, no such category);
that is accepted only for parameters whose type allows null, so a forgotten value on any other
parameter is an error, never a silent null.

A profile that `extends` another lists only what differs. `load_profile` resolves the chain,
checks it (`profile_checks`) and caches the result per id. A county's own profile is
`Profile.derive(...)`; `profile_overrides` in a tally contest go through the same checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from huanjie.rules.profiles.model import SHIPPED_DIRECTORY, Profile
from huanjie.rules.profiles.schema import Body, Param, ParamValue, ProfileError, Tag
from huanjie.rules.profiles.store import ProfileStore

__all__ = [
    "Body",
    "Param",
    "ParamValue",
    "Profile",
    "ProfileError",
    "ProfileStore",
    "Tag",
    "list_profiles",
    "load_profile",
    "nat2026_review_warning",
]

NAT2026_IN_FORCE = date(2026, 1, 1)
_SHIPPED = ProfileStore(SHIPPED_DIRECTORY)


def list_profiles() -> tuple[str, ...]:
    """Ids of the shipped profiles, sorted."""
    return _SHIPPED.ids()


def load_profile(profile_id: str, overrides: Mapping[str, object] | None = None) -> Profile:
    """A shipped profile, resolved and checked (cached); `overrides` as in `profile_overrides`."""
    profile = _SHIPPED.load(profile_id)
    return profile.with_overrides(overrides) if overrides else profile


def nat2026_review_warning(profile: Profile, election_day: date) -> str | None:
    """profiles.md: a VC profile rooted in NAT_2018 that does not extend NAT_2026, used for an
    election day on or after 2026-01-01, is to be reviewed against NAT_2026."""
    if (
        election_day < NAT2026_IN_FORCE
        or "NAT_2018" not in profile.chain
        or "NAT_2026" in profile.chain
    ):
        return None
    return (
        f"规则方案 {profile.id}（{profile.title}）依据的是 2025 年修正前的《村民委员会组织法》。"
        f"修正后的法律自 2026 年 1 月 1 日起施行，选举日 {election_day.isoformat()} 在此之后："
        "请对照 NAT_2026 核对本方案（近亲属回避、委托投票上限 3 人、候选人不得受托等），"
        "或派生一个继承 NAT_2026 的方案。"
    )
