"""A user's name is written the Chinese way, surname then given name without a space."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import AdministratorFactory, user_for
from huanjie.accounts.tests.region_tree import RegionTree

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("last", "first", "shown"),
    [
        ("柳", "志强", "柳志强"),
        ("欧阳", "娜娜", "欧阳娜娜"),
        (" 柳 ", "志强 ", "柳志强"),
        ("", "", "liu"),
    ],
    ids=["surname-first", "two-character-surname", "stray-spaces", "no-name-username"],
)
def test_full_and_short_name_put_the_surname_first(last: str, first: str, shown: str) -> None:
    user = user_for(Role.OBSERVER, username="liu", last_name=last, first_name=first)
    assert user.get_full_name() == shown
    assert user.get_short_name() == shown
    assert str(user) == f"{shown}（观察员）"


def test_admin_user_list_shows_surname_first(client: Client, tree: RegionTree) -> None:
    client.force_login(AdministratorFactory.create(is_superuser=True))
    user_for(Role.ELECTION_COMMITTEE, tree.a1, last_name="柳", first_name="志强")
    body = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    header = body[body.index("column-full_name") :]
    assert header[: header.index("</th>")].count("姓名") == 1
    assert '<td class="field-full_name">柳志强</td>' in body
    assert "志强 柳" not in body


def test_admin_form_asks_for_the_surname_before_the_given_name(client: Client) -> None:
    admin = AdministratorFactory.create(is_superuser=True)
    client.force_login(admin)
    body = client.get(reverse("admin:accounts_user_change", args=[admin.pk])).content.decode()
    assert body.index('name="last_name"') < body.index('name="first_name"')
