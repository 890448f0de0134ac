"""Template helpers of the joint review: a candidate's review from the page's map."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def review_of(reviews: dict[int, Any], application: Any) -> Any:
    """`reviews|review_of:application` — the CandidateReview of that application, or None."""
    return reviews.get(application.pk) if reviews else None
