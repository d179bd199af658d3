"""The worked examples in the docstrings are true."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    ["integrations.pages", "integrations.feeds", "integrations.netguard", "integrations.webhooks",
     "integrations.exports.timelinejs", "integrations.exports.csvstream", "factdb.progress"],
)
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
