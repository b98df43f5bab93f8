from django_otp.admin import OTPAdminSite


class TwoFactorAdminSite(OTPAdminSite):
    """The admin opens only for a superuser who has passed two-factor sign-in.

    The admin can read every practice's health records and unlock accounts, so a staff flag
    alone (a front-desk account, say) is not enough.
    """

    name = "admin"

    def __init__(self, name="admin"):
        super().__init__(name)

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_superuser
