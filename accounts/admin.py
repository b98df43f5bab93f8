"""Sign-in devices in the admin: whose, what name, confirmed, when used; never a key or a code.

django-otp's own admin classes show each TOTP key (field, QR code, config page) and each
static token; they are replaced here. The owner can still see who has two-factor and delete
a device (a lost phone), but not read or set a secret.
"""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RecoveryCodeDevice


class DeviceAdmin(admin.ModelAdmin):
    # An allowlist: a field a later django-otp adds stays out until someone adds it here.
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields
    list_display = fields
    list_filter = ["confirmed"]
    search_fields = ["user__username", "name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for model in (TOTPDevice, StaticDevice, RecoveryCodeDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)  # django-otp's, which shows the secrets
    admin.site.register(model, DeviceAdmin)
