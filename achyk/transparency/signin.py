"""Signing in on the public site (`/<language>/login/`), for members of a body's joint
monitoring and evaluation group: Django's own views, so that django-axes throttles them
like the admin's sign-in."""

from django.contrib.auth import views as auth_views
from django.urls import get_script_prefix, reverse
from django.utils import translation

from achyk.bodies.roles import jmeg_membership


def body_page_url(body, language: str) -> str:
    """The address of a body's transparency page in `language` (or its default one)."""
    language = language if language in body.language_list else body.default_language
    with translation.override(language):
        path = reverse("transparency:body")
    prefix = get_script_prefix()  # on a body's site, reverse() already starts with its slug
    path = path.removeprefix(prefix.rstrip("/")) if prefix != "/" else path
    return f"/{body.slug}{path}"


class SignInView(auth_views.LoginView):
    template_name = "transparency/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """A JMEG member lands on their body's transparency page; anyone else on the home."""
        member = jmeg_membership(self.request.user)
        if member is not None:
            return body_page_url(member.body, translation.get_language())
        return "/"


class SignOutView(auth_views.LogoutView):
    next_page = "/"
