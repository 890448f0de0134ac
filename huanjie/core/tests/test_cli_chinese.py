"""`huanjie --help` and `huanjie <command> --help` of every command of the app speak Chinese:
argparse's own words, Django's options of every command, the errors; what stays in Latin letters
is the names a user types (commands, options, arguments, JSON fields, file types)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import get_commands

from huanjie.cli import OPERATOR_HELP, _columns, _wrap, main, translate_error
from huanjie.rules.kinship.relations import RelationKind

# Latin words that may stand in a help text: names a user types or reads on a screen.
ALLOWED = {
    "huanjie",
    "manage.py",
    "JSON",
    "xlsx",
    "csv",
    "json",
    "true",
    "false",
    "Django",
    "Python",
    "config.settings_production",
    "make",
    "run",
    "serve",
    "tally-io.md",
    "YYYY-MM-DD",
    "Excel",
    "PDF",
    "ID",
    # The values a user may type for a relation's kind (besides 配偶、父母子女 …).
    *(kind.value for kind in RelationKind),
}
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
# rules.md's rule IDs (SUP-3, VC-REG-6 …) cite the law on screens and in messages alike.
RULE_ID = re.compile(r"[A-Z]+(?:-[A-Z0-9]+)+")
ARGPARSE_ENGLISH = ["usage:", "options:", "positional arguments", "show this help message"]
DJANGO_ENGLISH = ["Verbosity level", "The Python path", "stack trace", "colorize", "Skip system"]

OURS = sorted(name for name, app in get_commands().items() if app.startswith("huanjie."))


def english(text: str, names: set[str]) -> set[str]:
    """The Latin words of `text` that are neither typed names nor on the allow-list."""
    words = set(LATIN.findall(OPTION.sub(" ", text)))
    return {
        w
        for w in words
        if w not in ALLOWED
        and w not in names
        and not re.fullmatch(r"[A-Z_]+", w)
        and not RULE_ID.fullmatch(w)
    }


def _run(capsys: Any, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        main(list(args))
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return int(stopped.value.code or 0), out, err


def test_the_app_has_commands_to_check() -> None:
    assert {"tally", "register_import", "register_export", "demo_seed", "audit_verify"} <= set(OURS)


@pytest.mark.parametrize("name", OURS)
def test_every_command_s_help_is_chinese(capsys: Any, name: str) -> None:
    code, out, _ = _run(capsys, name, "--help")
    assert code == 0 and out.startswith(f"用法：huanjie {name} ")
    assert "参数：" in out or "选项：" in out
    for words in ARGPARSE_ENGLISH + DJANGO_ENGLISH:
        assert words not in out, words
    # Typed names: the command, its arguments and options' value names.
    names = {name, *OURS, *re.findall(r"\b[a-z][a-z0-9_]*\b", _usage(out))}
    assert english(out, names) == set(), out


def test_the_command_list_is_chinese(capsys: Any) -> None:
    for args in ([], ["help"], ["--help"]):
        code, out, _ = _run(capsys, *args)
        assert code == 0 and "本系统的命令：" in out
        assert "Type '" not in out and "Available subcommands" not in out
        ours = out[out.index("本系统的命令：") : out.index("Django 和所用组件自带的其他命令")]
        for name in [*OURS, *OPERATOR_HELP]:
            assert f"  {name} " in ours, name
        assert english(ours, {*OURS, *OPERATOR_HELP}) == set(), ours


@pytest.mark.parametrize("name", sorted(OPERATOR_HELP))
def test_the_operators_commands_of_the_readme_are_chinese_too(capsys: Any, name: str) -> None:
    code, out, _ = _run(capsys, name, "--help")
    assert code == 0 and out.startswith(f"用法：huanjie {name}")
    # Typed names, and the values an operator types: the queue and database called default …
    typed = {"default", "zero", "django_migrations", "CVS", "DEBUG"}
    names = {name, *typed, *re.findall(r"\b[a-z][a-z0-9_]*\b", _usage(out))}
    assert english(out, names) == set(), out


def test_django_s_own_commands_get_the_chinese_frame(capsys: Any) -> None:
    code, out, _ = _run(capsys, "migrate", "--help")
    assert code == 0 and out.startswith("用法：huanjie migrate")
    assert "显示本帮助并退出" in out and "输出的详细程度" in out
    for words in ARGPARSE_ENGLISH + DJANGO_ENGLISH:
        assert words not in out, words


def test_wrong_arguments_unknown_commands_and_refusals_are_said_in_chinese(
    capsys: Any, db: None
) -> None:
    code, _, err = _run(capsys, "register_export")
    assert code == 2 and err.startswith("用法：huanjie register_export")
    assert "参数有误：缺少参数：village_code, out" in err and "error:" not in err
    code, _, err = _run(capsys, "demo_seed", "--townships", "x")
    assert code == 2 and "参数 --townships 应为整数，现为 'x'" in err
    code, _, err = _run(capsys, "talyl")
    assert code == 1 and "没有名为“talyl”的命令。您是不是要运行 tally？" in err
    code, _, err = _run(capsys, "api_token", "nobody")
    assert code == 2 and err.startswith("错误：没有登录名为“nobody”的账号")
    assert "CommandError" not in err


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("unrecognized arguments: --x", "不认识的参数：--x"),
        ("argument --by: expected one argument", "参数 --by 后面要跟一个值"),
        (
            "argument -v/--verbosity: invalid choice: 7 (choose from 0, 1, 2, 3)",
            "参数 -v/--verbosity 的取值 7 不在可选范围内（可选：0, 1, 2, 3）",
        ),
        (
            "argument --rotate: not allowed with argument --revoke",
            "参数 --rotate 不能与 --revoke 同时使用",
        ),
        ("something new", "something new"),  # unknown: passed on as it is
    ],
)
def test_argparse_s_complaints_in_chinese(message: str, chinese: str) -> None:
    assert translate_error(message) == chinese


def test_lines_are_wrapped_by_their_width_on_screen() -> None:
    text = "校验并导入一个村的户籍登记表（xlsx 或 csv）：先列出将新增、变更的人员，再写入。"
    lines = _wrap(text, 20)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(sum(2 if ord(c) > 0x2E80 else 1 for c in line) <= 22 for line in lines)
    assert not any(line[0] in "，。；：、）" for line in lines)
    assert any("xlsx" in line for line in lines)  # a Latin word stays whole


def test_the_help_formatter_aligns_chinese_value_names(capsys: Any) -> None:
    _, out, _ = _run(capsys, "tally", "--help")
    lines = out.splitlines()
    settings = next(line for line in lines if line.startswith("  --settings"))
    traceback = next(line for line in lines if line.startswith("  --traceback"))
    # "--settings 模块" is two columns wider on screen than its length: its help still starts
    # in the same column as the others'.
    at_settings = _columns(settings[: settings.index("使用的设置模块")])
    at_traceback = _columns(traceback[: traceback.index("出错时")])
    assert at_settings == at_traceback


def _usage(help_text: str) -> str:
    return help_text.split("\n\n", 1)[0]
