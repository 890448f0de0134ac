"""Who may call what: the web's own checks, applied to API requests.

Reads need a signed-in user (DRF's IsAuthenticated, the default); which objects they reach is
the gates' business (`accounts.gates`, `people.gates`), never this module's. Changes add the
matrix's capability for the object's region, checked by the same function as the web page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from rest_framework.request import Request

from huanjie.accounts.gates import access_village
from huanjie.people.views_import import NOT_A_KEEPER, may_keep_register

if TYPE_CHECKING:
    from huanjie.regions.models import Region


def keeper_village(request: Request, village_id: int) -> Region:
    """The village whose register the user keeps: 404 outside their scope (as for every read),
    then 403 for a role that may not change the register (the web's `_keeper_village`)."""
    village = access_village(request.user, village_id)
    if not may_keep_register(request.user, village):
        raise PermissionDenied(NOT_A_KEEPER)
    return village
