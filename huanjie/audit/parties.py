"""Who acts and where, as the audit trail needs them: the account (`accounts.User`) and the
region (`regions.Region`) are on higher floors, so the trail names only what it reads of them."""

from __future__ import annotations

from typing import Any, Protocol


class Actor(Protocol):
    """The account that makes a change."""

    @property
    def pk(self) -> Any: ...

    @property
    def is_superuser(self) -> bool: ...

    @property
    def role(self) -> str: ...


class Place(Protocol):
    """The region a change belongs to: a village, or any level above."""

    @property
    def pk(self) -> Any: ...

    @property
    def code(self) -> str: ...

    @property
    def prefix(self) -> str: ...

    @property
    def is_village(self) -> bool: ...
