"""The platform's checklist templates: questions a body copies into its own checklist and
adapts. Kept in code so that each reads in every language of the platform."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

TEMPLATES = {
    "general": (
        _("General needs of the village"),
        [
            _("What are the three biggest problems of your village today?"),
            _("Which of them hurts your group the most, and why?"),
            _("What has already been tried to solve it, and by whom?"),
            _("What could residents do themselves, and what needs the ayil okmotu?"),
            _("Which problem should be solved first?"),
        ],
    ),
    "services": (
        _("Public services"),
        [
            _("How do you get drinking water, and how many hours a day?"),
            _("How far is the nearest school, kindergarten and clinic?"),
            _("Are the streets lit and passable all year?"),
            _("Which service is hardest to reach for your group?"),
        ],
    ),
    "inclusion": (
        _("Inclusion of vulnerable groups"),
        [
            _("Which buildings or services can you not enter or use?"),
            _("Are you invited to gatherings and hearings, and can you attend?"),
            _("Who helps your family when support is needed?"),
            _("What would let you take part in the village's decisions?"),
        ],
    ),
}


def template_choices():
    return [(code, title) for code, (title, _questions) in TEMPLATES.items()]


def questions_of(code: str, language: str) -> str:
    """The template's questions in `language`, one a line."""
    _title, questions = TEMPLATES[code]
    with translation.override(language):
        return "\n".join(str(q) for q in questions)


def title_of(code: str, language: str) -> str:
    with translation.override(language):
        return str(TEMPLATES[code][0])
