"""The admin's tenant seal: no admin URL reaches another body's object."""

from django.http import Http404

from .tenancy import page_for, sees_all_bodies

#: URL keyword arguments that name a page in Wagtail's admin routes.
PAGE_KWARGS = ("page_id", "parent_page_id")


class TenantSealMiddleware:
    """Refuses (404) any admin view whose URL names another body's object."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/"):
            return None
        user = request.user
        if not user.is_authenticated or sees_all_bodies(user):
            return None
        for name in PAGE_KWARGS:
            if name in view_kwargs:
                page_for(user, view_kwargs[name])
        return None


__all__ = ["TenantSealMiddleware", "Http404"]
