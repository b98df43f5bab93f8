"""Response headers every page gets; the Content-Security-Policy comes from django-csp."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


class PermissionsPolicyMiddleware:
    """Turn off browser features (camera, microphone, location, payment...) no page uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreWhenSignedInMiddleware:
    """Nothing a signed-in user is shown (pages, PDFs) is kept by the browser or a proxy.

    Health records left in a shared computer's cache outlive the idle timeout and logout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
