"""The browser the tests of tests/book/ drive: one headless Chromium per test module."""

import pytest

from .book_visit import browser_session


@pytest.fixture(scope="module")
def browser():
    with browser_session() as browser:
        yield browser
