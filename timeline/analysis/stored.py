"""Profiles as JSON, so linking can keep what it read in the text beside each claim.

Generic over Profile's fields: sets and spans become lists and come back as
what the dataclass declares, so a new field needs no change here.

>>> from timeline.analysis.profile import Profile
>>> p = Profile("visit", "visit", "whole", frozenset({"A"}), frozenset(), frozenset(), "", frozenset(), (3, 8))
>>> profile_from_json(profile_to_json(p)) == p
True
"""

from __future__ import annotations

import dataclasses
import typing

from timeline.analysis.profile import Profile

_HINTS = typing.get_type_hints(Profile)


def profile_to_json(profile: Profile) -> dict:
    out = {}
    for f in dataclasses.fields(Profile):
        value = getattr(profile, f.name)
        if isinstance(value, (frozenset, set)):
            value = sorted(value)
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def profile_from_json(data: dict) -> Profile:
    values = {}
    for f in dataclasses.fields(Profile):
        if f.name not in data:
            continue  # a field added since it was stored takes its default
        value, hint = data[f.name], str(_HINTS[f.name])
        if value is not None and hint.startswith("frozenset"):
            value = frozenset(value)
        elif value is not None and "tuple" in hint:
            value = tuple(value)
        values[f.name] = value
    return Profile(**values)
