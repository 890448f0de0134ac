"""Accounts in the admin: role, scope and assigned villages, audited without the password."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import AdministratorFactory, VillageCadreFactory
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry


def change_form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "is_active": "on",
        "role": user.role,
        "scope_code": user.scope_code,
        "department": user.department,
        "assigned_villages": [v.pk for v in user.assigned_villages.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    }
    data.update(changes)
    return data


def test_assigning_villages_is_audited(client: Client, tree: RegionTree) -> None:
    admin = AdministratorFactory.create(is_superuser=True)
    client.force_login(admin)
    cadre = VillageCadreFactory.create(assigned_villages=[tree.a1])
    response = client.post(
        reverse("admin:accounts_user_change", args=[cadre.pk]),
        change_form(cadre, assigned_villages=[tree.a1.pk, tree.a2.pk]),
    )
    assert response.status_code == 302, response.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor) == ("accounts.user_change", admin)
    assert entry.before is not None and entry.after is not None
    assert entry.before["assigned_villages"] == [tree.a1.pk]
    assert entry.after["assigned_villages"] == sorted([tree.a1.pk, tree.a2.pk])
    assert "password" not in entry.after


def test_a_wrong_scope_is_refused_with_a_chinese_reason(client: Client, tree: RegionTree) -> None:
    client.force_login(AdministratorFactory.create(is_superuser=True))
    cadre = VillageCadreFactory.create()
    response = client.post(
        reverse("admin:accounts_user_change", args=[cadre.pk]),
        change_form(cadre, role=Role.TOWNSHIP_OFFICER, scope_code=tree.county.code),
    )
    assert response.status_code == 200
    assert "乡镇组织委员的管辖区划应为乡镇级区划" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_setting_a_password_is_audited_without_the_password(
    client: Client, tree: RegionTree
) -> None:
    admin = AdministratorFactory.create(is_superuser=True)
    client.force_login(admin)
    cadre = VillageCadreFactory.create()
    response = client.post(
        reverse("admin:auth_user_password_change", args=[cadre.pk]),
        {"password1": "Xinmima-2026", "password2": "Xinmima-2026"},
    )
    assert response.status_code == 302, response.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_id) == (
        "accounts.user_password_set",
        admin,
        str(cadre.pk),
    )
    assert "Xinmima" not in str(entry.after) and "pbkdf2" not in str(entry.after)


def test_a_refused_password_leaves_no_entry(client: Client, tree: RegionTree) -> None:
    client.force_login(AdministratorFactory.create(is_superuser=True))
    cadre = VillageCadreFactory.create()
    response = client.post(
        reverse("admin:auth_user_password_change", args=[cadre.pk]),
        {"password1": "Xinmima-2026", "password2": "another-one"},
    )
    assert response.status_code == 200
    assert not AuditEntry.objects.exists()


def test_deleting_an_account_is_audited(client: Client, tree: RegionTree) -> None:
    admin = AdministratorFactory.create(is_superuser=True)
    client.force_login(admin)
    cadre = VillageCadreFactory.create(assigned_villages=[tree.a1])
    response = client.post(reverse("admin:accounts_user_delete", args=[cadre.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=cadre.pk).exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.after) == ("accounts.user_delete", admin, None)
    assert entry.before is not None and entry.before["assigned_villages"] == [tree.a1.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "superuser", "status"),
    [
        (Role.ADMINISTRATOR, False, 200),
        (Role.OBSERVER, True, 200),
        (Role.ELECTION_OFFICE, False, 302),
        (Role.TOWNSHIP_OFFICER, False, 302),
    ],
    ids=["administrator", "superuser", "staff-election-office", "staff-township-officer"],
)
def test_only_administrators_reach_the_admin(
    client: Client, role: Role, superuser: bool, status: int
) -> None:
    user = User.objects.create_user(
        username=f"staff-{role}", password="x-demo-pass", role=role, is_staff=True
    )
    user.is_superuser = superuser
    user.save()
    client.force_login(user)
    assert client.get("/admin/").status_code == status
