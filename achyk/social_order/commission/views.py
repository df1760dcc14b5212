"""What a competition commission member does on the body's public site: the calls of their
commission only (any other call or application is a 404), a declaration of interest per
application, then a score sheet, refused to a member who declared a conflict."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from achyk.bodies import roles

from .. import selectors, services
from ..models import Declaration, Score
from ..views import site_body
from .forms import DeclarationForm, ScoreForm


def _seated(request):
    body = site_body(request)
    if not request.user.is_authenticated:
        return body, False
    if not roles.commission_seats(request.user, body):
        raise PermissionDenied
    return body, True


def calls(request):
    body, seated = _seated(request)
    if not seated:
        return redirect(f"{reverse('jmeg_login')}?next={request.path}")
    items = selectors.member_calls(request.user, body).prefetch_related("applications")
    return render(request, "social_order/public/commission.html", {"body": body, "calls": items})


def application(request, pk):
    body, seated = _seated(request)
    if not seated:
        return redirect(f"{reverse('jmeg_login')}?next={request.path}")
    item, seat = selectors.member_application(request.user, body, pk)
    criteria = list(item.call.criteria.all())
    declaration = Declaration.objects.filter(seat=seat, application=item).first()
    declare_form, score_form = DeclarationForm(), None
    if declaration is not None and not declaration.conflicted:
        mine = {s.criterion_id: s for s in Score.objects.filter(seat=seat, application=item)}
        initial = {f"score_{pk}": s.value for pk, s in mine.items()}
        initial |= {f"comment_{pk}": s.comment for pk, s in mine.items()}
        score_form = ScoreForm(criteria=criteria, initial=initial)
    status = 200
    if request.method == "POST":
        try:
            if "declare" in request.POST:
                declare_form = DeclarationForm(request.POST)
                if declare_form.is_valid():
                    services.declare(seat=seat, application=item, **declare_form.cleaned_data)
                    return redirect("social_order_commission_application", pk=item.pk)
            else:
                score_form = ScoreForm(request.POST, criteria=criteria)
                if score_form.is_valid():
                    services.score(seat=seat, application=item, values=score_form.values())
                    messages.success(request, _("Your scores are saved."))
                    return redirect("social_order_commission_application", pk=item.pk)
        except services.Refused as error:
            messages.error(request, " ".join(error.messages))
        status = 400
    context = {"body": body, "application": item, "seat": seat, "declaration": declaration,
               "declare_form": declare_form, "score_form": score_form}  # fmt: skip
    return render(request, "social_order/public/score.html", context, status=status)
