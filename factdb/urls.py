from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

from factdb.schema_view import SchemaView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("api/", include("factdb.api_urls")),
    path("", include("timeline.urls")),
]

# Only used with DEBUG off; the API's unknown paths answer in JSON like the rest of it.
handler404 = "factdb.api_errors.api_aware_404"
