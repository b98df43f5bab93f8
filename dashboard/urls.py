from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Every row of each dashboard panel: one view, one plain URL (and URL name) per list.
    *(
        path(f"{name}/", views.dashboard_list, {"name": name}, name=name)
        for name in views.LIST_TEMPLATES
    ),
    path("clients/<int:pk>/", views.client_detail, name="client-detail"),
    path("clients/<int:pk>/timeline/", views.client_timeline_page, name="client-timeline"),
    path("clients/<int:pk>/archive/", views.client_archive, name="client-archive"),
    path("clients/<int:pk>/restore/", views.client_restore, name="client-restore"),
]
