"""Schemathesis hooks for scripts/fuzz-api: every request carries the dev backend session that
the script signed in (FUZZ_COOKIE) and its CSRF token (FUZZ_CSRF), so the fuzzer reaches the
handlers behind the session and CSRF checks instead of meeting 401 and 403 alone."""

import os

import schemathesis


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    headers = dict(case.headers or {})
    headers["Cookie"] = os.environ["FUZZ_COOKIE"]
    headers["X-CSRF-Token"] = os.environ["FUZZ_CSRF"]
    case.headers = headers
