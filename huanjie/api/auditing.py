"""Reads of full ID numbers through the API on the audit trail (PIPL: who, what, which region,
when).

Whatever the endpoint, a successful read whose answer carries one full ID number or more is
recorded, once per response: the answer itself is scanned, so no endpoint can forget it.
Entries are filed under the region the answer is about (not on a village's page of changes:
reading the trail would otherwise grow it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.people.display import ID_NUMBER_IN_TEXT
from huanjie.regions.models import PREFIX_LENGTH, Region

if TYPE_CHECKING:
    from rest_framework.request import Request

    from huanjie.accounts.models import User

PERSONAL_DATA_READ = AuditAction("api.personal_data_read", "通过接口读取完整身份证号")
QUERY_KEPT = 20, 100  # parameters and characters of each that an entry keeps


def full_id_numbers(data: Any) -> set[str]:
    """The full ID numbers anywhere in an answer (masked ones, 330…1234, do not match)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return {number.upper() for number in ID_NUMBER_IN_TEXT.findall(text)}


def region_covering(codes: Iterable[str]) -> Region | None:
    """The smallest region whose code prefix all these region codes share (None: none does)."""
    wanted = set(codes)
    if not wanted:
        return None
    for level, length in reversed(PREFIX_LENGTH.items()):
        prefixes = {code[:length] for code in wanted}
        if len(prefixes) == 1:
            code = prefixes.pop().ljust(12, "0")
            return Region.objects.filter(code=code, level=level).first()
    return None


def record_full_id_read(
    *, user: User, request: Request, region: Region | None, numbers: int
) -> None:
    summary = {
        "method": request.method,
        "path": request.path,
        "query": {
            name: value[: QUERY_KEPT[1]]
            for name, value in list(request.query_params.items())[: QUERY_KEPT[0]]
        },
        "id_numbers": numbers,
    }
    with transaction.atomic():
        record_audit(
            actor=user,
            action=PERSONAL_DATA_READ,
            target=region if region is not None else user,
            region=region,
            after=summary,
        )
