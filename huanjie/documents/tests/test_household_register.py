"""The household register (户籍登记表): what it prints, for whom, and that its download is
audited and never cached."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.documents.household_register import household_number_key, household_register_context
from huanjie.documents.tests.conftest import LONG_HOUSEHOLDS
from huanjie.documents.tests.pdf import assert_printed_well, read_pdf
from huanjie.people.models import Household, Person
from huanjie.rules.eligibility.identity import mask_id_number


def _pdf_url(tree: RegionTree, name: str = "register", village: str = "a1") -> str:
    return reverse("documents:village_pdf", args=[tree.villages[village].pk, name])


def _preview_url(tree: RegionTree, name: str = "register", village: str = "a1") -> str:
    return reverse("documents:village_preview", args=[tree.villages[village].pk, name])


def test_the_register_prints_every_household_by_number_with_its_members(
    client: Client, long_village: RegionTree
) -> None:
    tree = long_village
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    response = client.get(_pdf_url(tree))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    look = read_pdf(response.content, last=None)
    assert_printed_well(look)
    pages = look.page_texts()
    assert len(pages) >= 2
    first = pages[0]
    assert "东坑村户籍登记表" in first
    assert "景宁畲族自治县鹤溪街道东坑村" in first
    assert f"共{LONG_HOUSEHOLDS + 1}户{3 * LONG_HOUSEHOLDS + 2}人" in first
    head = tree.heads["a1"]
    # A township officer sees full ID numbers (the matrix), as on the household page.
    assert head.id_number in first and head.name in first and "1980-01-01" in first
    for number, text in enumerate(pages, start=1):
        assert "户号村民小组户主序号姓名与户主关系性别出生日期公民身份号码备注" in text, number
        assert f"第{number}页共{len(pages)}页" in text
        assert "东坑村户籍登记表" in text
    # By 户号 as people count: 001 … 045, then 0100 (as text it would come first).
    numbers = re.findall(r"(?<![\d-])0\d{2,3}(?![\d-])", look.text)
    assert numbers == ["001", *(f"{n:03d}" for n in range(2, LONG_HOUSEHOLDS + 1)), "0100"]
    assert "配偶00" in look.flat and "子女44" in look.flat
    assert "制表人：审核人：东坑村村民选举委员会（盖章）" in pages[-1]


def test_household_numbers_sort_as_numbers() -> None:
    numbers = ["10", "9", "01010", "01002", "A-2", "A-10"]
    assert sorted(numbers, key=household_number_key) == ["9", "10", "01002", "01010", "A-2", "A-10"]


def test_a_village_party_organization_sees_only_its_members_numbers(tree: RegionTree) -> None:
    # The matrix's last column, through PersonMasker as the household page applies it.
    party = make_user(tree, Role.VILLAGE_PARTY)
    context = household_register_context(tree.a1, viewer=party)
    (home,) = context["households"]
    head, spouse = home.members
    assert head.id_number == tree.heads["a1"].id_number  # a member of its branch
    assert spouse.id_number == mask_id_number(tree.spouses["a1"].id_number)
    assert context["masked_note"]
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    assert not household_register_context(tree.a1, viewer=officer)["masked_note"]


def test_an_empty_village_prints_a_page_saying_so(client: Client, tree: RegionTree) -> None:
    Person.objects.filter(village=tree.a2).delete()
    Household.objects.filter(village=tree.a2).delete()
    client.force_login(make_user(tree, Role.TOWNSHIP_OFFICER))
    look = read_pdf(client.get(_pdf_url(tree, village="a2")).content)
    assert_printed_well(look)
    assert "本村尚未登记户籍" in look.flat and "共0户0人" in look.flat


def test_the_download_is_audited_on_the_village_s_trail(client: Client, tree: RegionTree) -> None:
    officer = make_user(tree, Role.TOWNSHIP_OFFICER)
    client.force_login(officer)
    before = AuditEntry.objects.count()
    client.get(_preview_url(tree))  # looking at the screen is not a download
    assert AuditEntry.objects.count() == before
    client.get(_pdf_url(tree))
    entry = AuditEntry.objects.latest("id")
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.actor, entry.village) == ("document.download", officer, tree.a1)
    assert entry.region_code == tree.a1.code
    assert entry.after == {"document": "户籍登记表", "format": "PDF", "pages": 1}


def test_the_preview_is_the_same_document_with_a_download_button(
    client: Client, tree: RegionTree
) -> None:
    client.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    response = client.get(_preview_url(tree))
    assert response.status_code == 200
    html = response.content.decode()
    assert "东坑村户籍登记表" in html and tree.heads["a1"].name in html
    assert f'href="{_pdf_url(tree)}"' in html and "下载PDF" in html
    assert reverse("core:village", args=[tree.a1.pk]) in html
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_the_village_page_links_to_both_documents(client: Client, tree: RegionTree) -> None:
    client.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    html = client.get(reverse("core:village", args=[tree.a1.pk])).content.decode()
    assert "打印户籍登记表 (PDF)" in html and _preview_url(tree) in html
    assert "打印审计记录 (PDF)" in html and _preview_url(tree, "audit") in html


# Who may print 东坑村 (a1): exactly who may open its village page.
MATRIX = [
    ("committee of the village", Role.ELECTION_COMMITTEE, "a1", 200),
    ("committee of another village", Role.ELECTION_COMMITTEE, "a2", 404),
    ("township officer of the township", Role.TOWNSHIP_OFFICER, "township_a", 200),
    ("township officer of another township", Role.TOWNSHIP_OFFICER, "township_b", 404),
    ("election office of another county", Role.ELECTION_OFFICE, "other_county", 404),
    ("party organization of the village", Role.VILLAGE_PARTY, "a1", 200),
    ("observer of the county", Role.OBSERVER, "county", 404),
    ("reviewer of the county", Role.REVIEWER, "county", 404),
]


@pytest.mark.parametrize("view", ["village_preview", "village_pdf"])
@pytest.mark.parametrize("name", ["register", "audit"])
@pytest.mark.parametrize(
    ("role", "where", "status"), [m[1:] for m in MATRIX], ids=[m[0] for m in MATRIX]
)
def test_only_who_may_open_the_village_may_print_it(
    client: Client,
    tree: RegionTree,
    view: str,
    name: str,
    role: Role,
    where: str,
    status: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The matrix is about the gate, not the printing: skip WeasyPrint here.
    from huanjie.documents.rendering import PrintedDocument

    monkeypatch.setattr(PrintedDocument, "pdf_and_pages", lambda self: (b"%PDF-1.7 test", 1))
    client.force_login(user_for(role, getattr(tree, where)))
    before = AuditEntry.objects.count()
    response = client.get(reverse(f"documents:{view}", args=[tree.a1.pk, name]))
    assert response.status_code == status
    if status == 404:
        assert AuditEntry.objects.count() == before
        assert tree.a1.name not in response.content.decode()


def test_anonymous_is_sent_to_login_and_unknown_documents_are_404(
    client: Client, tree: RegionTree
) -> None:
    response = client.get(_pdf_url(tree))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client.force_login(make_user(tree, Role.ADMINISTRATOR))
    assert client.get(_pdf_url(tree, "voters")).status_code == 404
    assert (
        client.get(reverse("documents:village_pdf", args=[987_654, "register"])).status_code == 404
    )
