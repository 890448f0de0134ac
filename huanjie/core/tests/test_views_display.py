"""The pages' masking and the audit diff: the list masker agrees with `id_number_for`, and an
audit entry reads as "field: before → after" with numbers masked for readers without the need."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.documents.audit_rows import EMPTY, Change, audit_rows
from huanjie.people.display import PersonMasker, id_number_for, mask_ids_in, mask_phone
from huanjie.people.models import Person
from huanjie.rules.eligibility.identity import mask_id_number


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_list_masker_agrees_with_id_number_for(tree: RegionTree, role: Role) -> None:
    user = make_user(tree, role)
    masker = PersonMasker(user)
    people = Person.objects.select_related("village", "party_membership__organization")
    for person in people:
        assert masker.id_number(person) == id_number_for(user, person), (role, person.name)


@pytest.mark.parametrize(
    ("phone", "shown"),
    [("13912345678", "139****5678"), ("0578-5812345", "057****2345"), ("12345", "****"), ("", "")],
    ids=["mobile", "landline", "short", "empty"],
)
def test_mask_phone(phone: str, shown: str) -> None:
    assert mask_phone(phone) == shown


ID = "33112719800101003X"


def test_mask_ids_in_text_masks_only_whole_numbers() -> None:
    text = f"身份证号{ID}，户号 0012345678901234567890"
    assert mask_ids_in(text) == f"身份证号{mask_id_number(ID)}，户号 0012345678901234567890"


CASES: list[tuple[str, Any, Any, bool, list[Change]]] = [
    (
        "field-change-with-choices",
        {"sex": "M", "phone": "13900000000"},
        {"sex": "F", "phone": "13900000000"},
        True,
        [Change("性别", ("男",), ("女",))],
    ),
    (
        "created-full",
        None,
        {"id": 3, "id_number": ID, "hukou_in_village": True, "village": 7},
        True,
        [
            Change("身份证号", (EMPTY,), (ID,)),
            Change("户籍在本村", (EMPTY,), ("是",)),
            Change("村", (EMPTY,), ("编号7",)),
        ],
    ),
    (
        "created-masked",
        None,
        {"id_number": ID, "phone": "13912345678"},
        False,
        [
            Change("身份证号", (EMPTY,), (mask_id_number(ID),)),
            Change("联系电话", (EMPTY,), ("139****5678",)),
        ],
    ),
    (
        "members-one-line-each-masked",
        None,
        {"members": [{"name": "王伟", "id_number": ID, "relation": "head"}], "people": 1},
        False,
        [
            Change("家庭成员", (EMPTY,), (f"姓名：王伟；身份证号：{mask_id_number(ID)}；与户主关系：户主",)),
            Change("人数", (EMPTY,), ("1",)),
        ],
    ),
    (
        "removed-field",
        {"education": "primary"},
        {},
        True,
        [Change("文化程度", ("小学",), (EMPTY,))],
    ),
    (
        "seats-by-post",
        None,
        {"seats": {"chair": 1, "member": 2}},
        True,
        [Change("应选职数", (EMPTY,), ("主任：1；委员：2",))],
    ),
    ("not-a-dict", ["a", "b"], None, True, [Change("内容", ("a、b",), (EMPTY,))]),
    ("nothing", None, None, True, []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("before", "after", "full_ids", "changes"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_audit_entry_reads_as_before_and_after(
    db: None, before: Any, after: Any, full_ids: bool, changes: list[Change]
) -> None:
    entry = AuditEntry(
        actor=None,
        action="test.person",
        action_label="修改人员",
        target_type=ContentType.objects.get_for_model(Person),
        target_id="1",
        target_repr=f"王伟 {ID}",
        before=before,
        after=after,
    )
    [row] = audit_rows([entry], full_ids=full_ids)
    assert list(row.changes) == changes
    assert row.actor == "系统自动" and row.role == ""
    assert (ID in row.target) is full_ids


def test_audit_entry_names_the_objects_it_refers_to(
    tree: RegionTree, django_assert_max_num_queries: Any
) -> None:
    """A township officer reads "村 东坑村", not "村 编号5": references are named, one query
    per kind of object on the page (however many entries), the raw number only when gone."""
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    user_type = ContentType.objects.get_for_model(make_user(tree, Role.VILLAGE_CADRE))
    entries = [
        AuditEntry(
            action="test.person",
            action_label="修改人员",
            target_type=ContentType.objects.get_for_model(Person),
            target_id=str(person.pk),
            target_repr=person.name,
            before={"village": tree.a2.pk, "household": None},
            after={"village": tree.a1.pk, "household": person.household_id},
        )
        for person in (head, spouse)
    ] + [
        AuditEntry(
            action="test.user",
            action_label="修改用户",
            target_type=user_type,
            target_id="1",
            target_repr="任海燕",
            before={"assigned_villages": [tree.a1.pk, 999999]},
            after={"assigned_villages": [tree.a1.pk, tree.b1.pk]},
        )
    ]
    with django_assert_max_num_queries(2):  # the regions, the households
        rows = audit_rows(entries, full_ids=True)
    household = str(head.household)
    assert list(rows[0].changes) == [
        Change("村", (tree.a2.name,), (tree.a1.name,)),
        Change("户", (EMPTY,), (household,)),
    ]
    assert list(rows[2].changes) == [
        Change("包村", (f"{tree.a1.name}、编号999999",), (f"{tree.a1.name}、{tree.b1.name}",))
    ]
