"""Checks that JSON made without serializers is exactly what the serializers document."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


def undocumented(data: Any, serializer: serializers.Field, path: str = "") -> list[str]:
    """The paths in `data` whose keys the serializer does not declare, and declared keys data lacks."""
    if isinstance(serializer, serializers.ListSerializer):
        return [problem for item in data for problem in undocumented(item, serializer.child, f"{path}[]")]
    if isinstance(serializer, serializers.ListField):
        return [problem for item in data for problem in undocumented(item, serializer.child, f"{path}[]")]
    if not isinstance(serializer, serializers.Serializer) or data is None:
        return []
    fields = serializer.fields
    problems = [f"{path}.{key}: not documented" for key in data if key not in fields]
    problems += [f"{path}.{key}: documented, missing" for key in fields if key not in data]
    for key, field in fields.items():
        if key in data:
            problems += undocumented(data[key], field, f"{path}.{key}")
    return problems
