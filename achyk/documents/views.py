"""The public page of a legal act, served under the body's documents section.

Addressed by id (`acts/<id>/`) with a decorative slug (`acts/<id>-<slug>/`): a title change
changes the slug and old addresses redirect to the current one, so links never break.
"""

from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse

from .extraction import as_html
from .models import act_path
from .selectors import public_act, text_file


def act_page(request, *, section, context: dict, act_id: int, slug: str | None):
    """Render act `act_id` of the section's body, or 404 (also for another body's act)."""
    act = public_act(section.site_body, act_id)
    section_url = section.get_url(request)
    if slug != act.slug:
        return HttpResponsePermanentRedirect(section_url + act_path(act))
    for link in act.outgoing_links:
        link.other = link.to_act
    for link in act.incoming_links:
        link.other = link.from_act
    for link in act.outgoing_links + act.incoming_links:
        link.url = section_url + act_path(link.other)
    language = section.locale.language_code
    reading = text_file(act.public_files, language)
    context.update(
        act=act,
        section=section,
        reading=reading,
        text_html=as_html(reading.text) if reading else "",
        scanned=[f for f in act.public_files if f.has_text_layer is False],
    )
    return TemplateResponse(request, "documents/act_page.html", context)
