"""One error body for the whole API: {"error": "...", "fields": {...}}."""

from django.http import JsonResponse
from django.views.defaults import page_not_found
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from factdb.errors import FactdbError


def exception_handler(exc, context):
    if isinstance(exc, FactdbError):
        return Response({"error": exc.message, "fields": exc.fields}, status=exc.status)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and "detail" in data and len(data) == 1:
        response.data = {"error": str(data["detail"]), "fields": {}}
    elif isinstance(data, dict):
        response.data = {"error": "invalid input", "fields": data}
    else:
        response.data = {"error": "invalid input", "fields": {"non_field_errors": data}}
    return response


def api_aware_404(request, exception):
    """Under /api/ a missing page is the API's error body, not HTML (handler404 in factdb.urls)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "not found", "fields": {}}, status=404)
    return page_not_found(request, exception)
