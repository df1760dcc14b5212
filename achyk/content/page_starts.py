"""One "add" form, one page.

On a new page Wagtail's autosave posts the half-filled form to the "add" address; when the
answer comes, its script moves the form to the new page's edit address. A Publish (or a second
save) pressed before that answer posts to the "add" address again, and Wagtail made a second
page: a draft left behind next to the published one (and, its address taken, the second page at
`<slug>-2`).

The "add" form carries a one-time token (`page_start_token`, in
`wagtailadmin/pages/create.html`). A post with a token claims it inside a transaction (the
claim's row lock makes a concurrent post with the same token wait) and either makes the page,
remembering it, or, when the token already made one, is handed to that page's edit view.
A post without a token (a client of its own) is Wagtail's, unchanged.
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView

from .models import PageStart

FIELD = "page_start"
#: Tokens are needed while their form is open; older ones are dropped as new ones come.
KEPT = datetime.timedelta(days=2)


def new_token() -> str:
    return str(uuid.uuid4())


def _token(request) -> uuid.UUID | None:
    if request.method != "POST" or getattr(request, "_page_start", None) is not None:
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def create_once(request, parent_page, page_class):
    """The response to a post of an "add" form with a token; None to let Wagtail go on."""
    token = _token(request)
    if token is None:
        return None
    with transaction.atomic():
        PageStart.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
        start, _created = PageStart.objects.select_for_update().get_or_create(
            token=token, defaults={"user": request.user}
        )
        if start.user_id != request.user.pk:
            raise PermissionDenied
        request._page_start = start
        if start.page_id is not None:
            return EditView.as_view()(request, page_id=start.page_id)
        return CreateView.as_view()(
            request,
            content_type_app_name=page_class._meta.app_label,
            content_type_model_name=page_class._meta.model_name,
            parent_page_id=parent_page.pk,
        )


def remember(request, page) -> None:
    """After Wagtail made `page` from a post with a token: the token's page is this one."""
    start = getattr(request, "_page_start", None)
    if start is not None and start.page_id is None:
        start.page = page
        start.save(update_fields=["page"])
