"""The admin API's pages endpoint, with its page actions kept to the bin's rules.

Wagtail's admin API deletes a page for good with `POST .../pages/<id>/action/delete/`,
without the `before_delete_page` hooks of the delete view. Here a body's page goes to the bin
instead (platform pages are deleted as Wagtail does), and a page in the bin refuses every
action (publish, move, copy, ...): it comes back through the bin's Restore only.
"""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from wagtail.admin.api.actions.delete import DeletePageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet

from achyk.bodies.tenancy import body_for_page

from . import services
from .models import BinnedPage


class MoveToBinAPIAction(DeletePageAPIAction):
    """*delete* of a body's page: the same permission check as Wagtail's, then the bin."""

    def execute(self, instance, data):
        if body_for_page(instance) is None:
            return super().execute(instance, data)
        if instance.depth <= 2:
            raise ValidationError({"message": [_("The home page of a body cannot be deleted.")]})
        self._action_from_data(instance, data).check()  # 403 without delete permission
        try:
            services.move_page_to_bin(page=instance, by=self.request.user)
        except services.BinError as error:
            raise ValidationError({"message": [str(error)]}) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


class BinAwarePagesAPIViewSet(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "delete": MoveToBinAPIAction}

    def action_view(self, request, pk, action_name):
        if BinnedPage.objects.filter(page_id=pk).exists():
            raise ValidationError(
                {"message": [_("This page is in the bin. Restore it from the bin first.")]}
            )
        return super().action_view(request, pk, action_name)
