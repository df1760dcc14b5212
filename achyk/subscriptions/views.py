"""Public pages of subscriptions on a body's site: /<slug>/<lang>/subscriptions/...

- `subscriptions/`: the form (e-mail, topics, frequency); `sent/`: "check your e-mail";
- `confirm/<token>/`: the link of the letter confirms the subscription;
- `leave/<key>/`: the link of every letter: a button to unsubscribe (GET), and the one-click
  unsubscribe mail programs send (POST, RFC 8058: no form, no cookie, so no CSRF token).
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from achyk.ui.ratelimit import client_address

from . import services
from .forms import SubscribeForm


def _site_body(request):
    body = getattr(request, "site_body", None)
    if body is None:
        raise Http404
    return body


@never_cache
def subscribe(request):
    body = _site_body(request)
    form = SubscribeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        language = translation.get_language()
        try:
            services.subscribe(
                body=body, email=form.cleaned_data["email"], topics=form.cleaned_data["topics"],
                frequency=form.cleaned_data["frequency"], language=language,
                address=client_address(request),
            )  # fmt: skip
        except services.SubscriptionError as refused:
            error = refused.message
        else:
            return redirect(body.public_url(language, "subscriptions_sent"))
    context = {"body": body, "form": form, "error": error}
    return render(request, "subscriptions/subscribe.html", context, status=429 if error else 200)


def sent(request):
    return render(request, "subscriptions/sent.html", {"body": _site_body(request)})


@never_cache
def confirm(request, token: str):
    body = _site_body(request)
    try:
        subscriber = services.confirm(token=token[:100])
    except services.LinkExpired as expired:
        form = SubscribeForm(initial={"email": expired.subscriber.email,
                                      "topics": expired.subscriber.topic_list,
                                      "frequency": expired.subscriber.frequency})  # fmt: skip
        context = {"body": body, "form": form, "error": expired.message}
        return render(request, "subscriptions/subscribe.html", context, status=410)
    except services.SubscriptionError as refused:
        return render(request, "subscriptions/message.html",
                      {"body": body, "error": refused.message}, status=404)  # fmt: skip
    return render(request, "subscriptions/confirmed.html", {"body": body, "subscriber": subscriber})


@csrf_exempt
@never_cache
def leave(request, key: str):
    body = _site_body(request)
    if request.method == "POST":
        subscriber = services.leave(key=key[:100])
        if subscriber is None:
            raise Http404
        return render(request, "subscriptions/left.html", {"body": body})
    return render(request, "subscriptions/leave.html", {"body": body, "key": key[:100]})
