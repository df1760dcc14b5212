"""Signing in on the public site (`/<language>/login/`), for members of a body's joint
monitoring and evaluation group: Django's own views, so that django-axes throttles them
like the admin's sign-in."""

from django.contrib.auth import views as auth_views
from django.utils import translation

from achyk.bodies.roles import jmeg_membership


def body_page_url(body, language: str) -> str:
    """The address of a body's transparency page in `language` (or its default one)."""
    return body.public_url(language, "transparency:body")


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
