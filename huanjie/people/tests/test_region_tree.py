"""The region tree with its totals, within the user's scope."""

from __future__ import annotations

from pytest_django import DjangoAssertNumQueries

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.people.selectors import region_tree


def test_region_tree_totals_in_two_queries(
    tree: RegionTree, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    user = user_for(Role.ELECTION_OFFICE, tree.county)
    with django_assert_num_queries(2):
        nodes = region_tree(user=user, root=tree.county)
    by_code = {n.region.code: n for n in nodes}
    assert (by_code[tree.county.code].villages, by_code[tree.county.code].people) == (3, 6)
    assert (by_code[tree.township_a.code].households, by_code[tree.township_a.code].depth) == (2, 1)
    assert by_code[tree.a1.code].people == 2
    assert tree.c1.code not in by_code  # another county
