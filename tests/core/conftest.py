"""Settings for the core tests: they run without a database, in seconds.

- pref_voting, the reference the property tests compare moot with, compiles its inner
  loops with numba the first time each one is called; compiling them took most of the
  core suite's time (about 25 of 40 seconds), while the profiles the tests draw are
  tiny. ``NUMBA_DISABLE_JIT`` runs the same pref_voting code as plain Python instead,
  so the references are computed by the same code, only uncompiled. It must be set
  before numba is first imported; set ``NUMBA_DISABLE_JIT=0`` to compile anyway.
- The hypothesis profile ``moot-core`` has no deadline (other work on a shared machine
  makes timings flaky) and does not fail an example for being slow; examples stay
  random from run to run. Each test states its own number of examples.
"""

from __future__ import annotations

import os

os.environ.setdefault("NUMBA_DISABLE_JIT", "1")

from hypothesis import HealthCheck, settings

settings.register_profile("moot-core", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("moot-core")
