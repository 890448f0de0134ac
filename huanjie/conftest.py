"""Fixtures shared by the Django apps' tests (`huanjie.rules` needs none of them)."""

from __future__ import annotations

import pytest

from huanjie.accounts.tests.region_tree import RegionTree, build_region_tree


@pytest.fixture
def tree(db: None) -> RegionTree:
    """The small region tree of accounts/tests/region_tree.py, with its people."""
    return build_region_tree()
