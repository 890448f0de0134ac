from __future__ import annotations

import pytest

from huanjie.accounts.tests.region_tree import RegionTree, build_region_tree


@pytest.fixture
def tree(db: None) -> RegionTree:
    return build_region_tree()
