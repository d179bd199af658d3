from django.urls import path
from django.views.generic import RedirectView

from timeline import views

# Namespaced: the API router already owns names like "report-detail".
app_name = "pages"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="pages:timeline", permanent=False), name="home"),
    path("timeline/", views.timeline_page, name="timeline"),
    path("timeline/events/<int:pk>/", views.event_detail, name="event-detail"),
    path("reports/", views.report_list, name="report-list"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
]
