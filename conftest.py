"""Suite-wide test settings: Hypothesis is derandomized under the `ci` profile (make test)."""

import os

os.environ.setdefault("HUANJIE_TASKS_IMMEDIATE", "1")  # tests run background tasks inline

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
