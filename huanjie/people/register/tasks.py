"""Background steps of the web import and of large exports (django-tasks; the tests run them
inline)."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django_tasks import task

from huanjie.people import messages as msg
from huanjie.people.models import RegisterImport
from huanjie.people.register.exporting import (
    ExportAbandoned,
    register_export_build,
    register_export_fail,
)
from huanjie.people.register.importing import (
    RunAbandoned,
    register_import_fail,
    register_import_validate,
    register_import_write,
)
from huanjie.people.register.retention import purge_exports, purge_uploads

logger = logging.getLogger(__name__)


def _tidy() -> None:
    # After each step the worker drops expired uploads: no separate scheduler to set up.
    try:
        purge_uploads()
        purge_exports()
    except Exception:
        logger.exception("purging old register uploads or exports failed")


CRASHED = (
    "导入过程中出现系统错误，未写入任何数据。请点击“重新导入”；"
    "如仍失败，请把这份文件交给系统管理员。"
)


@task()
def validate_register_import(import_id: int) -> str:
    register_import = RegisterImport.objects.select_related("village", "created_by").get(
        pk=import_id
    )
    try:
        return str(register_import_validate(register_import).status)
    except RunAbandoned:
        return "abandoned"  # given up meanwhile (lease expired, or retried): leave it
    except Exception:
        logger.exception("register import %s: validation crashed", import_id)
        register_import_fail(import_id, CRASHED)
        raise
    finally:
        _tidy()


@task()
def confirm_register_import(import_id: int, user_id: int | None) -> str:
    register_import = RegisterImport.objects.select_related("village").get(pk=import_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    try:
        return str(register_import_write(register_import=register_import, acting_user=user).status)
    except ValidationError:
        # Not claimed for import (a stale or repeated task): leave it as it is.
        return str(register_import.status)
    except RunAbandoned:
        return "abandoned"
    except Exception:
        logger.exception("register import %s: import crashed", import_id)
        register_import_fail(import_id, CRASHED)
        raise
    finally:
        _tidy()


@task()
def build_register_export(export_id: int) -> str:
    """Write a large village's register to its export file (people.register.exporting)."""
    try:
        return str(register_export_build(export_id).status)
    except ExportAbandoned:
        return "abandoned"  # its lease expired meanwhile: the export shows as failed
    except Exception:
        logger.exception("register export %s crashed", export_id)
        register_export_fail(export_id, msg.EXPORT_CRASHED)
        raise
    finally:
        _tidy()
