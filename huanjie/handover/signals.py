"""The deadline of VC-POST-1 runs from the day the new committee is formed, so the handover is
opened by the system the moment a counted round completes the committee — not when somebody
remembers to open it."""

from __future__ import annotations

from typing import Any

from huanjie.ballots.models import RoundResult
from huanjie.handover.services import open_when_formed


def result_saved(sender: type[RoundResult], instance: RoundResult, **kwargs: Any) -> None:
    open_when_formed(instance)
