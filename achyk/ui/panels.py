"""Admin panels shared by the apps' edit forms."""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel


class BoundedChildFormSet(BaseChildFormSet):
    """A formset that builds no more than `max_num` forms, whatever count a post claims.

    Django's own cap (`absolute_max`) is `max_num` + 1000: a post claiming a million forms built
    a thousand or two of them. Past `max_num` the formset answers with Django's error
    ("Please submit at most N forms").
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.absolute_max = self.max_num


class BoundedInlinePanel(InlinePanel):
    """An `InlinePanel` that must say its `max_num`; its formset builds at most that many."""

    def __init__(self, *args, max_num: int, **kwargs):
        super().__init__(*args, max_num=max_num, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = BoundedChildFormSet
        return options
