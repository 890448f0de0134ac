"""柳志强, never "志强 柳": the shell's user menu and the audit page name users surname first."""

from __future__ import annotations

from django.db import transaction
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.audit.services import record_audit
from huanjie.core.tests.conftest import TEST_ACTION, World


def test_home_page_shell_names_the_user_surname_first(client: Client, world: World) -> None:
    client.force_login(
        user_for(Role.ELECTION_COMMITTEE, world.tree.a1, last_name="柳", first_name="志强")
    )
    body = client.get(reverse("core:home")).content.decode()
    bar = body[body.index("<header") : body.index("</header>")]
    assert "柳志强" in bar and "志强 柳" not in body
    assert "您好，柳志强" in body


def test_audit_page_rows_name_the_actor_surname_first(client: Client, world: World) -> None:
    tree = world.tree
    committee = user_for(Role.ELECTION_COMMITTEE, tree.a1, last_name="柳", first_name="志强")
    with transaction.atomic():
        record_audit(
            actor=committee,
            action=TEST_ACTION,
            target=tree.heads["a1"],
            after={"name": "测试"},
            village=tree.a1,
        )
    client.force_login(committee)
    body = client.get(reverse("core:village_audit", args=[tree.a1.pk])).content.decode()
    table = body[body.index("<table") : body.index("</table>")]
    assert "柳志强" in table and "志强 柳" not in body
