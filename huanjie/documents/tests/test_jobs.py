"""The township's batch: all its villages' registers in one PDF, made in the background with a
progress bar, for its requester only, stored privately, audited when downloaded."""

from __future__ import annotations

import io
import os
import stat
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import VillageCadreFactory, user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.documents import jobs
from huanjie.documents import messages as msg
from huanjie.documents.models import DocumentJob, DocumentJobStatus, DocumentKind
from huanjie.documents.rendering import PrintedDocument
from huanjie.documents.tasks import render_document_job
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf


def _batch(client: Client, tree: RegionTree) -> DocumentJob:
    response = client.post(reverse("documents:township_register_batch", args=[tree.township_a.pk]))
    job = DocumentJob.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:job", args=[job.pk])
    return job


def test_a_township_officer_prints_every_village_of_the_township_in_one_pdf(
    client: Client, tree: RegionTree
) -> None:
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    client.force_login(officer)
    job = _batch(client, tree)  # the tests run tasks inline: done when the page is asked for
    assert (job.status, job.done, job.total) == (DocumentJobStatus.DONE, 2, 2)
    assert job.villages == [tree.a1.pk, tree.a2.pk]
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert "已生成：2 个村（社区），共 2 页" in page
    assert reverse("documents:job_download", args=[job.pk]) in page

    # Stored for the server's user only, like the register uploads.
    path = Path(job.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "documents")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((Path(settings.MEDIA_ROOT) / "documents").stat().st_mode) == 0o700
    assert not list((Path(settings.MEDIA_ROOT) / "documents" / "tmp").iterdir())

    before = AuditEntry.objects.count()
    response = client.get(reverse("documents:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    look = read_pdf(response.content)
    assert_printed_well(look)
    first, second = look.page_texts()
    assert "东坑村户籍登记表" in first and tree.heads["a1"].id_number in first
    assert "大均村户籍登记表" in second and tree.heads["a2"].id_number in second
    assert "第1页共1页" in first and "第1页共1页" in second  # each village its own numbers
    entries = list(AuditEntry.objects.filter(pk__gt=before).order_by("id"))
    assert [(e.action, e.village, e.actor) for e in entries] == [
        ("document.download", tree.a1, officer),
        ("document.download", tree.a2, officer),
    ]
    assert entries[0].after == {
        "document": "户籍登记表（鹤溪街道批量）",
        "format": "PDF",
        "pages": 2,
        "batch": job.pk,
    }


def test_the_job_is_its_requester_s_alone(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    job = _batch(client, tree)
    colleague = make_user(tree, Role.TOWNSHIP_OFFICER)  # same township, another person
    client.force_login(colleague)
    for name in ["job", "job_progress", "job_download"]:
        assert client.get(reverse(f"documents:{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("documents:job_retry", args=[job.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "where"),
    [
        (Role.TOWNSHIP_OFFICER, "township_b"),
        (Role.ELECTION_COMMITTEE, "a1"),
        (Role.OBSERVER, "county"),
        (Role.VILLAGE_PARTY, "a1"),
    ],
)
def test_who_does_not_cover_the_township_cannot_batch_it(
    client: Client, tree: RegionTree, role: Role, where: str
) -> None:
    client.force_login(user_for(role, getattr(tree, where)))
    url = reverse("documents:township_register_batch", args=[tree.township_a.pk])
    assert client.post(url).status_code == 404
    assert not DocumentJob.objects.exists()


def test_a_cadre_of_two_villages_gets_no_township_batch(client: Client, tree: RegionTree) -> None:
    cadre = VillageCadreFactory.create(assigned_villages=[tree.a1, tree.a2])
    assert not jobs.may_print_batch(cadre, tree.township_a)
    client.force_login(cadre)
    url = reverse("documents:township_register_batch", args=[tree.township_a.pk])
    assert client.post(url).status_code == 404


def test_the_township_page_offers_the_batch_to_who_covers_it(
    client: Client, tree: RegionTree
) -> None:
    url = reverse("core:region", args=[tree.township_a.pk])
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    assert "批量打印本乡镇户籍登记表" in client.get(url).content.decode()
    client.force_login(make_user(tree, Role.ELECTION_OFFICE))
    assert "批量打印本乡镇户籍登记表" in client.get(url).content.decode()
    assert (
        "批量打印" not in client.get(reverse("core:region", args=[tree.county.pk])).content.decode()
    )
    client.force_login(make_user(tree, Role.OBSERVER))  # figures only
    assert "批量打印" not in client.get(url).content.decode()


def _queued(tree: RegionTree) -> DocumentJob:
    return jobs.document_job_create(
        kind=DocumentKind.HOUSEHOLD_REGISTER,
        region=tree.township_a,
        requested_by=make_user(tree, Role.TOWNSHIP_OFFICER),
    )


def test_the_progress_fragment_polls_until_the_job_ends(client: Client, tree: RegionTree) -> None:
    job = _queued(tree)
    client.force_login(job.requested_by)
    url = reverse("documents:job_progress", args=[job.pk])
    response = client.get(url)
    html = response.content.decode()
    assert "HX-Refresh" not in response
    assert f'hx-get="{url}"' in html and "排队中" in html and "已完成 0 / 2" in html
    DocumentJob.objects.filter(pk=job.pk).update(
        status=DocumentJobStatus.RUNNING, done=1, heartbeat_at=timezone.now()
    )
    html = client.get(url).content.decode()
    assert "已完成 1 / 2" in html and 'data-hj-progress="50"' in html
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert 'id="job-progress"' in page
    DocumentJob.objects.filter(pk=job.pk).update(status=DocumentJobStatus.DONE, heartbeat_at=None)
    response = client.get(url)
    assert response["HX-Refresh"] == "true" and "hx-get" not in response.content.decode()


def test_a_job_whose_worker_died_is_failed_and_retried(client: Client, tree: RegionTree) -> None:
    job = _queued(tree)
    stale = timezone.now() - timedelta(seconds=settings.HUANJIE_IMPORT_LEASE_SECONDS + 1)
    DocumentJob.objects.filter(pk=job.pk).update(
        status=DocumentJobStatus.RUNNING, done=1, heartbeat_at=stale
    )
    client.force_login(job.requested_by)
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == DocumentJobStatus.FAILED and job.error == msg.JOB_INTERRUPTED
    assert msg.JOB_INTERRUPTED in page and "重新生成" in page
    # The run that was given up can neither report progress nor finish.
    given_up = jobs._Run(DocumentJob(pk=job.pk, attempt=job.attempt))
    with pytest.raises(jobs.JobAbandoned):
        given_up.update(done=2)
    client.post(reverse("documents:job_retry", args=[job.pk]))  # runs inline
    job.refresh_from_db()
    assert (job.status, job.attempt, job.done, job.error) == (DocumentJobStatus.DONE, 1, 2, "")
    with pytest.raises(jobs.JobAbandoned):
        given_up.update(done=2)


def test_a_running_job_with_a_fresh_heartbeat_is_left_alone(tree: RegionTree) -> None:
    job = _queued(tree)
    DocumentJob.objects.filter(pk=job.pk).update(
        status=DocumentJobStatus.RUNNING, heartbeat_at=timezone.now()
    )
    job.refresh_from_db()
    assert not jobs.document_job_expire(job)
    with pytest.raises(Exception, match="只有失败的打印任务"):
        jobs.document_job_retry(job)


def test_a_crash_fails_the_job_with_a_way_out(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _queued(tree)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("font cache lost")

    monkeypatch.setattr(jobs, "household_register_document", broken)
    with pytest.raises(RuntimeError):
        render_document_job.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (DocumentJobStatus.FAILED, msg.JOB_CRASHED)
    assert not job.file
    assert not list((Path(settings.MEDIA_ROOT) / "documents" / "tmp").iterdir())


def test_a_village_too_large_to_print_fails_its_job_alone(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _queued(tree)

    def killed(document: object, path: str) -> None:
        os._exit(9)  # what the kernel does to a child over its memory limit

    monkeypatch.setattr(jobs, "_write_pdf", killed)
    assert render_document_job.call(job.pk) == DocumentJobStatus.FAILED
    job.refresh_from_db()
    assert job.error == msg.JOB_TOO_LARGE.format(village="东坑村")
    assert not job.file


def test_the_lease_is_kept_alive_while_a_village_is_laid_out(
    tree: RegionTree, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    job = _queued(tree)
    settings.HUANJIE_IMPORT_HEARTBEAT_SECONDS = 0.05
    beats: list[dict[str, object]] = []
    real_update = jobs._Run.update

    def counted(self: jobs._Run, **fields: object) -> None:
        beats.append(fields)
        real_update(self, **fields)

    def slow(document: PrintedDocument, path: str) -> None:
        time.sleep(0.6)
        Path(path).write_bytes(document.pdf())

    monkeypatch.setattr(jobs._Run, "update", counted)
    monkeypatch.setattr(jobs, "_write_pdf", slow)
    assert render_document_job.call(job.pk) == DocumentJobStatus.DONE
    # Besides one update per village and the start and end: heartbeats while laying out.
    assert sum(1 for fields in beats if not fields) > 2


def test_a_stale_task_leaves_a_finished_job_alone(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    job = _batch(client, tree)
    name = job.file.name
    assert render_document_job.call(job.pk) == DocumentJobStatus.DONE
    job.refresh_from_db()
    assert job.file.name == name


def test_finished_files_are_deleted_after_the_retention_period(
    client: Client, tree: RegionTree
) -> None:
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    job = _batch(client, tree)
    path = Path(job.file.path)
    assert jobs.purge_document_files() == 0 and path.exists()
    old = timezone.now() - timedelta(days=settings.HUANJIE_DOCUMENT_RETENTION_DAYS + 1)
    DocumentJob.objects.filter(pk=job.pk).update(finished_at=old)
    out = io.StringIO()
    call_command("purge_documents", stdout=out)
    assert (
        out.getvalue().strip()
        == f"已删除 1 个超过{settings.HUANJIE_DOCUMENT_RETENTION_DAYS}天的批量打印文件。"
    )
    assert not path.exists()
    # What a run killed midway left behind goes too; a running job's parts stay.
    work = Path(settings.MEDIA_ROOT) / "documents" / "tmp"
    (work / f"job{job.pk}-dead").mkdir()
    (work / f"job{job.pk}-dead" / "00001.pdf").write_bytes(b"%PDF-")
    running = _queued(tree)
    DocumentJob.objects.filter(pk=running.pk).update(
        status=DocumentJobStatus.RUNNING, heartbeat_at=timezone.now()
    )
    (work / f"job{running.pk}-live").mkdir()
    jobs.purge_document_files()
    assert [p.name for p in work.iterdir()] == [f"job{running.pk}-live"]
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert "文件已超过保存期限" in page
    response = client.get(reverse("documents:job_download", args=[job.pk]))
    assert response.status_code == 302  # back to the job's page, which says why
