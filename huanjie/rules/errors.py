"""Broken preconditions: a rule ID and a Chinese message the user can act on."""

from __future__ import annotations


class RuleViolation(Exception):
    """A precondition of a rule is broken (not a lawful outcome such as "nobody won")."""

    def __init__(self, rule_id: str, message: str) -> None:
        super().__init__(f"{message} ({rule_id})")
        self.rule_id = rule_id
        self.message = message
