"""The Django admin in Chinese: the strings Django 5.2's zh_Hans catalog lacks and those of the
third-party apps (django-axes, django-tasks-db) come from huanjie/locale, the admin's JavaScript
catalog included (the two-box selector's 全选 / 删除全部), and no admin page shows English."""

from __future__ import annotations

import gettext
import json
import re
from html import unescape
from pathlib import Path

import axes
import django
import django_tasks
import django_tasks_db
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django_tasks_db.models import DBTaskResult

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.region_tree import RegionTree, make_user

DJANGO = Path(django.__file__).parent
LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"
# Django's catalogs whose strings an administrator meets: (package dir, domain).
DJANGO_CATALOGS = [
    ("conf", "django"),
    ("contrib/admin", "django"),
    ("contrib/admin", "djangojs"),
    ("contrib/auth", "django"),
    ("contrib/contenttypes", "django"),
    ("contrib/sessions", "django"),
]
GETTEXT_CALL = re.compile(r'(?<![\w.])_\(\s*"([^"]+)"\s*\)')
PGETTEXT_CALL = re.compile(r'pgettext_lazy\(\s*"([^"]+)",\s*"([^"]+)"\s*\)')


def _po_entries(path: Path) -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, msgid_plural) of every entry of a .po file but its header."""
    entries: list[tuple[str | None, str, str | None]] = []
    fields: dict[str, str] = {}
    key = ""
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if fields.get("msgid"):
                entries.append((fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural")))
            fields = {} if not line else fields
            continue
        found = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
        if found:
            key = found.group(1)
            fields[key] = found.group(2)
        elif line.startswith('"'):
            fields[key] += line[1:-1]
    return [(c, _unescape(m), _unescape(p) if p else None) for c, m, p in entries]


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n")


# Names of things that read the same in Chinese (units, protocols).
SAME_IN_CHINESE = {"IPv4", "IPv6", "URL", "%s KB", "%s MB", "%s GB", "%s TB", "%s PB"}


def _translated(
    catalog: gettext.NullTranslations, entry: tuple[str | None, str, str | None]
) -> bool:
    """Whether the entry reads in Chinese: translated, or nothing in it to translate."""
    context, msgid, plural = entry
    if plural is not None:
        text, english = catalog.ngettext(msgid, plural, 2), plural
    elif context is not None:
        text, english = catalog.pgettext(context, msgid), msgid
    else:
        text, english = catalog.gettext(msgid), msgid
    words = re.sub(r"%\(\w+\)[sdr]|%[sdr]", "", english)
    return text != english or not re.search(r"[A-Za-z]", words) or english in SAME_IN_CHINESE


def _source_strings(*packages: object) -> list[tuple[str | None, str, str | None]]:
    found: list[tuple[str | None, str, str | None]] = []
    for package in packages:
        for source in Path(str(getattr(package, "__file__", ""))).parent.glob("*.py"):
            text = source.read_text(encoding="utf-8")
            found += [(None, msgid, None) for msgid in GETTEXT_CALL.findall(text)]
            found += [(ctx, msgid, None) for ctx, msgid in PGETTEXT_CALL.findall(text)]
    return found


@pytest.mark.parametrize(("package", "domain"), DJANGO_CATALOGS)
def test_every_string_of_django_s_admin_catalogs_reads_in_chinese(
    package: str, domain: str
) -> None:
    english = _po_entries(DJANGO / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po")
    localedirs = [str(DJANGO / package / "locale")] if domain == "djangojs" else None
    with translation.override("zh-hans"):
        catalog = DjangoTranslation("zh-hans", domain=domain, localedirs=localedirs)
        missing = [entry for entry in english if not _translated(catalog, entry)]
    assert missing == []


def test_the_third_party_apps_strings_read_in_chinese() -> None:
    strings = _source_strings(axes, django_tasks, django_tasks_db)
    assert len(strings) > 40
    with translation.override("zh-hans"):
        catalog = DjangoTranslation("zh-hans")
        missing = [entry for entry in strings if not _translated(catalog, entry)]
    assert missing == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogs_hold_every_entry_of_the_po_files(domain: str) -> None:
    with (LOCALE / f"{domain}.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    entries = _po_entries(LOCALE / f"{domain}.po")
    assert entries
    assert [e for e in entries if not _translated(catalog, e)] == []  # run msgfmt after a change


def test_the_admin_s_javascript_catalog_has_the_selector_in_chinese(
    client: Client, tree: RegionTree
) -> None:
    client.force_login(make_user(tree, Role.ADMINISTRATOR))
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))  # type: ignore[union-attr]
    assert catalog["Choose all %s"] == "全选%s"
    assert catalog["Remove all %s"] == "删除全部%s"
    assert "Choose all" in catalog and "Remove all" in catalog


def _administrator(tree: RegionTree) -> User:
    """The system's administrator, as `createsuperuser` makes one (the admin's model rights)."""
    admin = make_user(tree, Role.ADMINISTRATOR)
    admin.is_superuser = True
    admin.save()
    return admin


LATIN = re.compile(r"[A-Za-z]{3,}")
# Latin words an admin page may show: names of things (not English sentences).
ALLOWED = {"Control", "Mac", "Command", "LDAP", "password", "POST", "GET"}
ALLOWED |= {"default"}  # the name of the background tasks' queue


def _visible_words(html: str) -> set[str]:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    return set(LATIN.findall(text)) - ALLOWED


@pytest.mark.parametrize(
    "page",
    [
        "admin:index",
        "admin:accounts_user_add",
        "admin:accounts_user_changelist",
        "admin:django_tasks_database_dbtaskresult_changelist",
        "admin:axes_accessattempt_changelist",
        "admin:axes_accessfailurelog_changelist",
        "admin:axes_accesslog_changelist",
    ],
)
def test_admin_pages_show_no_english(client: Client, tree: RegionTree, page: str) -> None:
    admin = _administrator(tree)
    admin.username = "yejianping"
    admin.save()
    client.force_login(admin)
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert _visible_words(response.content.decode()) - {"yejianping"} == set()


def test_the_user_form_has_no_groups_or_permissions_and_explains_the_scope(
    client: Client, tree: RegionTree
) -> None:
    admin = _administrator(tree)
    client.force_login(admin)
    body = client.get(reverse("admin:accounts_user_change", args=[admin.pk])).content.decode()
    assert 'name="user_permissions"' not in body and 'name="groups"' not in body
    assert "Can add" not in body
    assert "12 位统计用区划代码" in body and "只有包村干部需要选择所包的村" in body
    # Groups decide nothing (roles do): not administered.
    assert client.get("/admin/auth/group/").status_code == 404


def test_a_background_task_reads_in_chinese(client: Client, tree: RegionTree) -> None:
    from django.utils import timezone

    DBTaskResult.objects.create(
        status="SUCCESSFUL",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="huanjie.people.register.tasks.build_register_export",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    client.force_login(_administrator(tree))
    listing = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    body = listing.content.decode()
    assert "生成户籍导出文件" in body and "成功" in body and "后台任务" in body
    assert _visible_words(body) == set()
    task = DBTaskResult.objects.get()
    detail = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[task.pk])
    ).content.decode()
    assert "错误详情" in detail and "最早运行时间" in detail and "排队时间" in detail
