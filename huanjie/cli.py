"""`huanjie <command>` is `manage.py <command>`: one entry point for every command, in Chinese.

Django and argparse write their own words in English: "usage:", "options:", "show this help
message and exit", the help of --verbosity, --settings …, "Unknown command", "CommandError: …".
This entry point gives every command it runs (the app's, Django's and its components') a parser
that says them in Chinese, lists the app's commands with their Chinese descriptions, and reports
a refused command as "错误：…". The commands themselves need nothing: their own help is Chinese.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any, NoReturn

from django.core.management import BaseCommand, ManagementUtility, get_commands, load_command_class
from django.core.management.base import (
    CommandError,
    CommandParser,
    DjangoHelpFormatter,
    SystemCheckError,
)

PROG = "huanjie"
# Django's options of every command, and argparse's -h.
DEFAULT_OPTION_HELP = {
    "--help": "显示本帮助并退出。",
    "--version": "显示所用 Django 的版本号并退出。",
    "--verbosity": "输出的详细程度：0 最少，1 正常（默认），2 详细，3 非常详细。",
    "--settings": (
        "使用的设置模块（Python 模块路径，如 config.settings_production）；"
        "不填时用环境变量 DJANGO_SETTINGS_MODULE。"
    ),
    "--pythonpath": "加到 Python 模块搜索路径中的目录。",
    "--traceback": "出错时显示完整的程序调用栈，供技术人员排查。",
    "--no-color": "输出不加颜色。",
    "--force-color": "输出总是加颜色。",
    "--skip-checks": "跳过系统检查。",
}
DEFAULT_METAVARS = {"--settings": "模块", "--pythonpath": "目录"}
GROUP_TITLES = {"options": "选项", "optional arguments": "选项", "positional arguments": "参数"}
# argparse's complaints (Python 3.11), as they reach `error()`.
ARGPARSE_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.+)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"不认识的参数：\1"),
    (
        re.compile(r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)"),
        r"参数 \1 的取值 \2 不在可选范围内（可选：\3）",
    ),
    (re.compile(r"argument (\S+): expected one argument"), r"参数 \1 后面要跟一个值"),
    (re.compile(r"argument (\S+): expected (.+) arguments?"), r"参数 \1 后面的值个数不对"),
    (re.compile(r"argument (\S+): invalid int value: (.+)"), r"参数 \1 应为整数，现为 \2"),
    (re.compile(r"argument (\S+): invalid float value: (.+)"), r"参数 \1 应为数字，现为 \2"),
    (re.compile(r"argument (\S+): invalid \S+ value: (.+)"), r"参数 \1 的值 \2 格式不对"),
    (re.compile(r"argument (\S+): ignored explicit argument (.+)"), r"参数 \1 不接受值 \2"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"参数 \1 不能与 \2 同时使用"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), r"选项 \1 不明确，可能是：\2"),
    (re.compile(r"one of the arguments (.+) is required"), r"以下参数须填其一：\1"),
]
NO_LINE_START = set("，。；：、）》」』！？")
_DATABASE = "使用的数据库（默认 default）。"
_NO_INPUT = "不提问，按给出的参数直接执行。"
# Django's and the components' commands that the README has an operator run, in Chinese: the
# description ("") and each argument, by its long option or its name.
OPERATOR_HELP: dict[str, dict[str, str]] = {
    "createsuperuser": {
        "": "创建系统管理员账号（可登录管理后台）；部署后先用它建第一个管理员。",
        "--username": "管理员的登录名。",
        "--noinput": "不提问：须同时给出 --username；这样建的账号要先设置密码才能登录。",
        "--database": _DATABASE,
        "--email": "管理员的电子邮箱。",
    },
    "changepassword": {
        "": "修改一个账号的密码（按提示输入两次新密码）。",
        "username": "要改密码的账号的登录名；不填则为当前操作系统的用户名。",
        "--database": _DATABASE,
    },
    "axes_reset_username": {
        "": "解除这些账号的登录锁定，并清除它们的登录失败记录。",
        "username": "要解锁的账号的登录名，可写多个。",
    },
    "db_worker": {
        "": "运行后台任务进程：户籍导入的校验和写入、大的导出文件、批量打印都由它完成"
        "（make run 和 make serve 会启动它）。",
        "--queue-name": "要处理的队列，多个用逗号分隔，* 表示全部（默认 default）。",
        "--exclude-queues": "不处理的队列，多个用逗号分隔。",
        "--interval": "队列为空时隔多少秒再查看（默认 1）。",
        "--batch": "处理完现有的任务就退出，可与 --max-tasks 一起用。",
        "--reload": "代码改动时重启进程；生产环境不要用，任务可能被中途打断（默认随 DEBUG）。",
        "--backend": "使用的任务后端（默认 default）。",
        "--no-startup-delay": "启动时不稍作等待。",
        "--max-tasks": "执行这么多个任务后退出。",
        "--worker-id": "进程编号，在所有进程中必须唯一（默认自动生成）。",
    },
    "migrate": {
        "": "更新数据库结构：首次部署和每次升级后运行（make run 和 make serve 会自动运行）。",
        "app_label": "只更新这个应用（应用标签）。",
        "migration_name": "更新到这一步迁移为止；写 zero 撤销该应用的全部迁移。",
        "--noinput": _NO_INPUT,
        "--database": _DATABASE,
        "--fake": "只把迁移记为已执行，不真正执行。",
        "--fake-initial": "表已存在时把初始迁移记为已执行（先确认现有结构与初始迁移一致）。",
        "--plan": "列出将要执行的迁移，不执行。",
        "--run-syncdb": "为没有迁移的应用直接建表。",
        "--check": "有未执行的迁移时以非零状态退出，不执行迁移。",
        "--prune": "从 django_migrations 表中删去已不存在的迁移的记录。",
    },
    "collectstatic": {
        "": "把样式、脚本和图标等静态文件收集到一处，由应用自己提供（make serve 会自动运行）。",
        "--noinput": _NO_INPUT,
        "--no-post-process": "收集后不做后处理（压缩、加版本号）。",
        "--ignore": "忽略与这个通配模式相符的文件或目录，可写多次。",
        "--dry-run": "只列出要做的事，不改动文件。",
        "--clear": "先清空已收集的文件再复制。",
        "--link": "建立符号链接而不复制文件。",
        "--no-default-ignore": "不忽略常见的私有文件（默认忽略 CVS、.* 和 *~）。",
    },
}  # Chinese punctuation stays at the end of a line


def main(argv: list[str] | None = None, prog: str = PROG) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    args = sys.argv[1:] if argv is None else argv
    HuanjieUtility([prog, *args]).execute()


class HuanjieUtility(ManagementUtility):
    """Django's command runner, speaking Chinese around the commands."""

    def main_help_text(self, commands_only: bool = False) -> str:
        if commands_only:
            return super().main_help_text(commands_only=True)
        ours: list[tuple[str, str]] = []
        others: dict[str, list[str]] = {}
        for name, app in sorted(get_commands().items()):
            if app.startswith("huanjie."):
                ours.append((name, _one_line(load_command_class(app, name).help)))
            else:
                others.setdefault("django" if app == "django.core" else app, []).append(name)
        width = max((len(name) for name in [*dict(ours), *OPERATOR_HELP]), default=0) + 4
        lines = [
            f"换届选举管理系统的命令行。用法：{self.prog_name} <命令> [选项] [参数]",
            f"查看某个命令的用法：{self.prog_name} <命令> --help",
            "",
            "本系统的命令：",
        ]
        for name, text in ours:
            wrapped = _wrap(text, 96 - width) or [""]
            lines.append(f"  {name.ljust(width - 2)}{wrapped[0]}")
            lines.extend(" " * width + more for more in wrapped[1:])
        lines += ["", "部署和维护时常用的命令（Django 和所用组件自带）："]
        for name in sorted(OPERATOR_HELP):
            wrapped = _wrap(OPERATOR_HELP[name][""], 96 - width) or [""]
            lines.append(f"  {name.ljust(width - 2)}{wrapped[0]}")
            lines.extend(" " * width + more for more in wrapped[1:])
        lines += ["", "Django 和所用组件自带的其他命令（供技术人员使用）："]
        for app, names in sorted(others.items()):
            rest = [name for name in names if name not in OPERATOR_HELP]
            lines.extend(f"  [{app}] " + line for line in _wrap("、".join(rest), 90) if rest)
        if self.settings_exception is not None:
            lines += ["", f"设置有误，上面只列出了 Django 自带的命令：{self.settings_exception}"]
        return "\n".join(lines)

    def fetch_command(self, subcommand: str) -> BaseCommand:
        commands = get_commands()
        if subcommand not in commands:
            close = get_close_matches(subcommand, commands)
            guess = f"您是不是要运行 {close[0]}？" if close else ""
            sys.stderr.write(
                f"没有名为“{subcommand}”的命令。{guess}输入 {self.prog_name} help 查看全部命令。\n"
            )
            sys.exit(1)
        return in_chinese(super().fetch_command(subcommand))


def in_chinese(command: BaseCommand) -> BaseCommand:
    """`command` with a Chinese parser, and a refusal (CommandError) said as 错误：…"""
    create_parser: Callable[..., CommandParser] = command.create_parser
    execute: Callable[..., Any] = command.execute

    def chinese_parser(prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return chinese(create_parser(prog_name, subcommand, **kwargs), subcommand)

    def chinese_errors(*args: Any, **options: Any) -> Any:
        try:
            return execute(*args, **options)
        except CommandError as error:
            if options.get("traceback") or isinstance(error, SystemCheckError):
                raise
            command.stderr.write(f"错误：{error}")
            sys.exit(error.returncode)

    command.create_parser = chinese_parser  # type: ignore[method-assign]
    command.execute = chinese_errors  # type: ignore[method-assign]
    return command


def chinese(parser: CommandParser, subcommand: str = "") -> CommandParser:
    """Django's parser with argparse's and Django's own words in Chinese (and an operator's
    command of Django or a component wholly in Chinese)."""
    own = OPERATOR_HELP.get(subcommand, {})
    parser.description = own.get("", parser.description)
    for action in parser._actions:
        names = [o for o in action.option_strings if o.startswith("--")] or [action.dest]
        action.help = own.get(names[0], action.help)
    parser.formatter_class = ChineseHelpFormatter
    for group in parser._action_groups:
        group.title = GROUP_TITLES.get(group.title or "", group.title)
    for action in parser._actions:
        for option in action.option_strings:
            action.help = DEFAULT_OPTION_HELP.get(option, action.help)
            action.metavar = DEFAULT_METAVARS.get(option, action.metavar)

    def error(message: str) -> NoReturn:
        text = translate_error(message)
        if not parser.called_from_command_line:
            raise CommandError(f"参数有误：{text}")
        parser.print_usage(sys.stderr)
        parser.exit(2, f"{parser.prog}：参数有误：{text}\n")

    parser.error = error  # type: ignore[method-assign]
    return parser


def translate_error(message: str) -> str:
    for pattern, chinese_text in ARGPARSE_ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(chinese_text, message)
    return message


class ChineseHelpFormatter(DjangoHelpFormatter):
    """Django's layout (its own options last), "用法：" for "usage: ", and lines wrapped by
    their width on screen: a Chinese character takes two columns."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:
        # A Chinese section heading ends with a Chinese colon (参数：), not argparse's ":".
        return re.sub(
            r"^([^\n]*[\u4e00-\u9fff][^\n]*):$", r"\1：", super().format_help(), flags=re.M
        )

    def _format_action(self, action: Any) -> str:
        # argparse pads "--settings 模块" by its length; on screen it is two columns wider.
        text = super()._format_action(action)
        header = " " * self._current_indent + self._format_action_invocation(action)
        extra = _columns(header) - len(header)
        if extra and text.startswith(header + " " * (2 + extra)):
            text = text[: len(header)] + text[len(header) + extra :]
        return text

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in _wrap(text, width - len(indent)))


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns: Latin words whole, Chinese anywhere but
    before a closing punctuation mark."""
    tokens = re.findall(r"[\x21-\x7e]+|\s+|.", " ".join(text.split()))
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token.isspace():
            token = " "
        fits = _columns(line + token) <= max(width, 10)
        if line and not fits and token != " " and token not in NO_LINE_START:
            lines.append(line.rstrip())
            line = ""
        if line or token != " ":
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


if __name__ == "__main__":
    main()
