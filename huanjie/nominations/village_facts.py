"""What the slate's structure check knows of a village: the smaller ethnic groups of a minority
village (VC-ORG-2) and, for a merged village, which former village each villager comes from
(through their household's villager group; SEED-STRUCT's balance)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from huanjie.nominations.models import FormerVillage, MinorityGroup
from huanjie.people.models import Person
from huanjie.rules.bodies.merged import FormerVillages

if TYPE_CHECKING:
    from huanjie.regions.models import Region


def village_minorities(village: Region) -> frozenset[str]:
    """The recorded smaller ethnic groups; none unless the village is a minority village."""
    if not village.minority_village:
        return frozenset()
    return frozenset(
        MinorityGroup.objects.filter(village=village).values_list("ethnicity", flat=True)
    )


def former_villages(village: Region) -> FormerVillages:
    """The former villages of a merged village, and each villager's (two queries)."""
    if not village.merged_village:
        return FormerVillages((), {})
    formers = list(FormerVillage.objects.filter(village=village).order_by("id"))
    group_to_name = dict(
        FormerVillage.groups.through.objects.filter(formervillage__village=village).values_list(
            "villagergroup_id", "formervillage__name"
        )
    )
    people = Person.objects.filter(
        village=village, household__villager_group_id__in=list(group_to_name)
    ).values_list("pk", "household__villager_group_id")
    return FormerVillages(
        names=tuple(f.name for f in formers),
        of_person={str(pk): group_to_name[group] for pk, group in people},
    )
