"""The audit extract (审计记录摘录): the village's trail on paper, masked as the audit page masks
it, with the chain's verification status."""

from __future__ import annotations

from django.db import transaction
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.tests.chain_helpers import alter
from huanjie.documents.audit_extract import audit_extract_context
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.rules.eligibility.identity import mask_id_number

PHONE = AuditAction("test.person_phone", "修改联系电话")
REGISTER = AuditAction("test.person_register", "登记人员")


def _trail(tree: RegionTree) -> None:
    spouse = tree.spouses["a1"]
    with transaction.atomic():
        record_audit(
            actor=None,
            action=REGISTER,
            target=spouse,
            after={"name": spouse.name, "id_number": spouse.id_number},
            village=tree.a1,
        )
        record_audit(
            actor=make_user(tree, Role.ELECTION_COMMITTEE),
            action=PHONE,
            target=spouse,
            before={"phone": "13900000000"},
            after={"phone": "13912345678"},
            village=tree.a1,
        )
        record_audit(actor=None, action=PHONE, target=tree.spouses["a2"], village=tree.a2)


def _pdf(client: Client, tree: RegionTree) -> bytes:
    response = client.get(reverse("documents:village_pdf", args=[tree.a1.pk, "audit"]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.content


def test_the_extract_lists_the_village_s_entries_oldest_first(
    client: Client, tree: RegionTree
) -> None:
    _trail(tree)
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    look = read_pdf(_pdf(client, tree))
    assert_printed_well(look)
    flat = look.flat
    assert "东坑村审计记录摘录" in flat
    assert "审计链校验通过" in flat
    assert flat.index("登记人员") < flat.index("修改联系电话")
    # Full numbers for a township officer, before → after.
    assert "13900000000" in flat and "13912345678" in flat
    assert "→" in flat
    assert tree.spouses["a1"].id_number in flat
    assert tree.spouses["a2"].name not in flat  # another village's trail
    assert "共2条" in flat and "第1页共1页" in flat


def test_a_party_organization_reads_it_masked(tree: RegionTree) -> None:
    _trail(tree)
    context = audit_extract_context(tree.a1, viewer=make_user(tree, Role.VILLAGE_PARTY))
    lines = [line for row in context["rows"] for change in row.changes for line in change.after]
    assert mask_id_number(tree.spouses["a1"].id_number) in lines
    assert tree.spouses["a1"].id_number not in lines
    assert "139****5678" in lines
    assert context["masked_note"]


def test_the_download_is_itself_on_the_next_extract(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    _pdf(client, tree)
    look = read_pdf(_pdf(client, tree))
    assert "下载打印文件" in look.flat and "文件：审计记录摘录" in look.flat


def test_a_tampered_chain_is_said_on_the_extract(client: Client, tree: RegionTree) -> None:
    _trail(tree)
    from huanjie.audit.models import AuditEntry

    alter(AuditEntry.objects.filter(village=tree.a1).earliest("id"))
    context = audit_extract_context(tree.a1, viewer=make_user(tree, Role.TOWNSHIP_OFFICER))
    assert not context["chain"].ok
    assert context["chain_text"].startswith("审计链校验未通过")
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    assert "审计链校验未通过" in read_pdf(_pdf(client, tree)).flat
