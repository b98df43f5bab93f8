from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("intake/", include("intake.urls")),
    path("referrals/", include("referrals.urls")),
    path("", include("clients.urls")),
    path("", include("notes.urls")),
    path("", include("dashboard.urls")),
]

if settings.BENCH_BARE:

    def bench_bare(request):
        """The benchmark's ceiling: the same server and middleware, no work in the view."""
        return HttpResponse("ok", content_type="text/plain")

    urlpatterns.append(path("bench/bare/", bench_bare))
