"""The README's map of the tree names every app and package, and nothing that is not there."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
PACKAGE = REPO / "huanjie"


def _tour() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## A tour of the tree")
    following = readme.find("\n## ", start + 1)
    return readme[start : following if following != -1 else None]


def test_every_package_of_huanjie_is_on_the_map_and_every_path_exists() -> None:
    tour = _tour()
    mapped = set(re.findall(r"`huanjie/([a-z_]+)/`", tour))
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages - mapped == set(), "packages missing from the README's map"
    assert mapped - packages - {"templates"} == set(), "the map names paths that do not exist"
    for path in re.findall(r"`((?:huanjie|config|e2e)/[\w/.]*)`", tour):
        assert (REPO / path).exists(), path


def test_the_rules_subpackages_named_on_the_map_exist() -> None:
    row = next(line for line in _tour().splitlines() if "`huanjie/rules/`" in line)
    named = set(re.findall(r"`([a-z_]+)/`", row))
    subpackages = {p.parent.name for p in (PACKAGE / "rules").glob("*/__init__.py")}
    assert named == subpackages - {"tests"}


def test_the_map_lists_the_import_contracts_floors_top_to_bottom() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = pyproject[pyproject.index('type = "layers"') :]
    block = block[block.index("layers = [") : block.index("]")]
    floors = re.findall(r'"([^"]+)"', block)
    floor_of = {
        name.strip().removeprefix("huanjie."): i
        for i, floor in enumerate(floors)
        for name in re.split(r"[|:]", floor)
    }
    rows = [line for line in _tour().splitlines() if line.startswith("| ")]
    on_map = [
        m.group(1).removesuffix(".py")
        for line in rows
        if (m := re.search(r"`(?:huanjie/)?([a-z_]+(?:\.py)?)/?`", line))
    ]
    on_map = [name for name in on_map if name in floor_of]
    assert set(on_map) == set(floor_of), "the map and the contract name different apps"
    order = [floor_of[name] for name in on_map]
    assert order == sorted(order), "the map's floors are not in the contract's order"
