"""Running a management command in a test: what it printed, or what it refused with."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(*argv: str) -> str:
    out = StringIO()
    call_command(*argv, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(*argv: str) -> str:
    """The refusal's message: one line, the command's exit code 2 (a user's mistake)."""
    with pytest.raises(CommandError) as caught:
        run(*argv)
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value)
    return str(caught.value)
