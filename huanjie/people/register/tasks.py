"""Background steps of the web import (django-tasks; the tests run them inline)."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django_tasks import task

from huanjie.people.models import RegisterImport, RegisterImportStatus
from huanjie.people.register.importing import register_import_validate, register_import_write

logger = logging.getLogger(__name__)
CRASHED = (
    "导入过程中出现系统错误，未写入任何数据。请稍后重试；如仍失败，请把这份文件交给系统管理员。"
)


def _fail(import_id: int) -> None:
    # The write is one transaction, so a crash has written nothing: say so and free the file.
    RegisterImport.objects.filter(pk=import_id).update(
        status=RegisterImportStatus.FAILED, report={"file_error": CRASHED, "problems": []}
    )


@task()
def validate_register_import(import_id: int) -> str:
    register_import = RegisterImport.objects.select_related("village").get(pk=import_id)
    try:
        return str(register_import_validate(register_import).status)
    except Exception:
        logger.exception("register import %s: validation crashed", import_id)
        _fail(import_id)
        raise


@task()
def confirm_register_import(import_id: int, user_id: int | None) -> str:
    register_import = RegisterImport.objects.select_related("village").get(pk=import_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    try:
        return str(register_import_write(register_import=register_import, acting_user=user).status)
    except ValidationError:
        # Not claimed for import (a stale or repeated task): leave it as it is.
        return str(register_import.status)
    except Exception:
        logger.exception("register import %s: import crashed", import_id)
        _fail(import_id)
        raise
