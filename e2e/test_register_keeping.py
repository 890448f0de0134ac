"""The village election committee keeps its register on the web: it corrects a person, confirms
a derived relation and imports a changed register through the preview that lists exactly what
the import then writes. Screenshots of the village page, the audit view and the preview at
1366 px and 390 px are left in var/screenshots."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from huanjie.audit.models import AuditEntry
from huanjie.demo.users import DEMO_USERS
from huanjie.people.models import CloseRelative, Household, Person, RegisterStatus
from huanjie.people.register.export import village_register_workbook
from huanjie.regions.models import Level, Region

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMITTEE = next(u for u in DEMO_USERS if u.username == "committee")
PHONE = "13700001111"


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(COMMITTEE.username)
    page.get_by_label("密码").fill(COMMITTEE.password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _changed_register(village: Region, path: Path) -> tuple[str, str]:
    """The village's register as exported, with one person's 文化程度 changed and one member
    left out: (the changed person's name, the one left out)."""
    book = openpyxl.load_workbook(filename=io.BytesIO(village_register_workbook(village)))
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    header, data = rows[0], rows[1:]
    column = {name: i for i, name in enumerate(header)}
    changed = next(r for r in data if r[column["文化程度"]] != "本科")
    changed[column["文化程度"]] = "本科"
    left = next(r for r in data if r[column["与户主关系"]] != "户主" and r is not changed)
    data.remove(left)
    out = openpyxl.Workbook()
    sheet = out.active
    assert sheet is not None
    sheet.append(header)
    for row in data:
        sheet.append(["" if v is None else v for v in row])
    out.save(path)
    return str(changed[column["姓名"]]), str(left[column["姓名"]])


def _shoot(page: Any, screenshots: Path, name: str) -> None:
    page.screenshot(path=screenshots / f"{name}-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=screenshots / f"{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_committee_edits_a_person_confirms_a_relation_and_reimports_through_the_preview(
    demo_county: None, live_server: Any, page: Any, screenshots: Path, tmp_path: Path
) -> None:
    base = live_server.url
    village = Region.objects.filter(level=Level.VILLAGE).order_by("code").first()
    assert village is not None
    household = (
        Household.objects.filter(village=village, members__status=RegisterStatus.ACTIVE)
        .order_by("number")
        .first()
    )
    assert household is not None
    head = Person.objects.get(household=household, relation_to_head="head")
    _log_in(page, base)

    # The village page, then a person corrected through the form.
    page.goto(f"{base}/villages/{village.pk}/")
    assert page.get_by_role("heading", name=village.name).is_visible()
    _shoot(page, screenshots, "e2e_20_village")
    page.goto(f"{base}/people/{head.pk}/")
    page.get_by_role("link", name="修改人员信息").click()
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_role("button", name="保存修改").click()
    page.wait_for_url(f"{base}/people/{head.pk}/**")
    assert page.get_by_text(PHONE).first.is_visible()
    head.refresh_from_db()
    assert head.phone == PHONE

    # A relation the register suggested, confirmed on the household page.
    pending = CloseRelative.objects.pending().filter(person_a__household=household).count()
    assert pending > 0
    page.goto(f"{base}/households/{household.pk}/")
    page.get_by_role("button", name="确认", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    assert CloseRelative.objects.pending().filter(person_a__household=household).count() == (
        pending - 1
    )
    assert CloseRelative.objects.for_recusal().filter(person_a__household=household).exists()

    # A changed register imported again: the preview shows the change and the one left out.
    changed, left = _changed_register(village, tmp_path / "户籍登记（更新）.xlsx")
    page.goto(f"{base}/people/villages/{village.pk}/register/import/")
    page.get_by_label("户籍登记表").set_input_files(tmp_path / "户籍登记（更新）.xlsx")
    page.get_by_role("button", name="上传并校验").click()
    page.wait_for_url(re.compile(r".*/register/import/\d+/$"))
    preview = page.locator("section.hj-preview")
    preview.wait_for()
    assert preview.get_by_text("信息有变更 1").is_visible()
    assert preview.get_by_text("登记为已迁出 1").is_visible()
    assert preview.get_by_role("cell", name=changed, exact=True).is_visible()
    assert preview.get_by_role("cell", name=left, exact=True).is_visible()
    _shoot(page, screenshots, "e2e_21_import_preview")
    page.get_by_role("button", name="确认导入（按以上预览写入）").click()
    page.get_by_text("已按预览写入").wait_for(timeout=120_000)
    assert Person.objects.get(village=village, name=left, status=RegisterStatus.MOVED_OUT)
    assert Person.objects.filter(village=village, name=changed, education="bachelor").exists()

    # The audit view lists what was done, newest first.
    page.get_by_role("link", name="审计").first.click()
    page.wait_for_load_state("networkidle")
    entries = page.locator("table.hj-audit")
    assert entries.get_by_text("导入时登记迁出").first.is_visible()
    assert entries.get_by_text(left).first.is_visible()
    _shoot(page, screenshots, "e2e_22_audit")
    assert AuditEntry.objects.filter(action="people.relation_confirm").exists()
