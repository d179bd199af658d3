"""The OpenAPI schema tells the truth: every status the API answers with, and who may call what.

drf-spectacular documents the success responses; the error responses, the
anonymous access to reads and the string rules of claims.validation are
added here, once for every operation.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS


@extend_schema_serializer(component_name="Error")
class ErrorSerializer(serializers.Serializer):
    """The one error body (factdb.api_errors): what is wrong, and which fields."""

    error = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def error_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorSerializer, description=description)


class FactdbAutoSchema(AutoSchema):
    def get_auth(self):
        # Reads are open to anyone (factdb.permissions.EditorWriteOrReadOnly),
        # which spectacular cannot see in a custom permission class.
        auths = [auth for auth in super().get_auth() if auth]
        if self.method in SAFE_METHODS:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {
            # Any request: a query parameter given twice (factdb.middleware) or a malformed one.
            "400": "Invalid input: `error` says what, `fields` which field.",
            "406": "The Accept header asks for a format the API cannot give.",
            "429": "Too many requests: the throttle's limit was reached; retry after the Retry-After header's seconds.",
        }
        if "{" in self.path or (self.method == "GET" and self._get_paginator()):
            errors["404"] = "No such object (or an invalid page or cursor)."
        if self.method not in SAFE_METHODS:
            errors["401"] = "The token given is not valid."
            errors["403"] = "Writing needs a signed-in editor (a token or a session with the model's change permission)."
            errors["409"] = "The input clashes with what is stored, or the object was removed meanwhile by the pipeline."
            errors["415"] = "The body is not JSON."
            errors["422"] = "Well-formed input whose content cannot be used (HTML without article text, an address factdb does not connect to)."
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(error_response(description), code, direction=direction)
        return responses


class StrictCharFieldExtension(OpenApiSerializerFieldExtension):
    """The pattern of a claims.api.StrictCharField, so generated clients and fuzzers know the rule."""

    target_class = "claims.api.StrictCharField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if self.target.pattern:
            schema["pattern"] = self.target.pattern
        return schema


def strict_inputs(result, generator, request, public):
    """Postprocessing hook: input objects refuse unknown fields, and say so."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Input"):
            schema["additionalProperties"] = False
            for prop in schema.get("properties", {}).values():
                _drop_blank_choice(prop)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                _drop_blank_choice(parameter.get("schema", {}))
    return result


def _drop_blank_choice(schema: dict) -> None:
    # allow_blank adds {"maxLength": 0} as a second choice; our patterns already
    # accept "", and "" matching both choices would break oneOf.
    choices = schema.get("oneOf", [])
    if len(choices) == 2 and choices[1] == {"type": "string", "maxLength": 0} and "pattern" in choices[0]:
        schema.update(schema.pop("oneOf")[0])
