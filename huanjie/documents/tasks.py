"""Background steps of the print documents (django-tasks; the tests run them inline)."""

from __future__ import annotations

import logging

from django_tasks import task

from huanjie.documents import messages as msg
from huanjie.documents.jobs import (
    JobAbandoned,
    document_job_fail,
    document_job_run,
    purge_document_files,
)
from huanjie.documents.models import DocumentJob

logger = logging.getLogger(__name__)


@task()
def render_document_job(job_id: int) -> str:
    job = DocumentJob.objects.select_related("region", "requested_by").get(pk=job_id)
    try:
        return str(document_job_run(job).status)
    except JobAbandoned:
        return "abandoned"  # given up meanwhile (lease expired, or retried): leave it
    except Exception:
        logger.exception("document job %s crashed", job_id)
        document_job_fail(job, msg.JOB_CRASHED)
        raise
    finally:
        try:
            purge_document_files()  # no separate scheduler: each run drops expired files
        except Exception:
            logger.exception("purging old batch documents failed")
