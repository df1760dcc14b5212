"""Signing in on the public site (`/<language>/login/`), one page for the members of a body's
joint monitoring and evaluation group and for the people of NGOs of the social order:
Django's own views, so that django-axes throttles them like the admin's sign-in. An account
with two-step sign-in gives its code next."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from achyk.bodies.roles import jmeg_membership, ngo_membership
from achyk.signin import policy


def body_page_url(body, language: str) -> str:
    """The address of a body's transparency page in `language` (or its default one)."""
    return body.public_url(language, "transparency:body")


class SignInView(auth_views.LoginView):
    template_name = "transparency/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        """An account with two-step sign-in goes on to give its code (achyk.signin)."""
        response = super().form_valid(form)
        if policy.is_enrolled(form.get_user()):
            query = urlencode({"next": response.url})
            return redirect(f"{reverse('signin_public_verify')}?{query}")
        return response

    def get_default_redirect_url(self):
        """A JMEG member lands on their body's transparency page, an NGO's person on their
        organisation's page of the social order; anyone else on the home."""
        user, language = self.request.user, translation.get_language()
        member = jmeg_membership(user)
        if member is not None:
            return body_page_url(member.body, language)
        ngo = ngo_membership(user)
        if ngo is not None:
            return ngo.body.public_url(language, "social_order_mine")
        return "/"


class SignOutView(auth_views.LogoutView):
    next_page = "/"
