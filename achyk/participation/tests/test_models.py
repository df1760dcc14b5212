"""The needs study's rules: headcounts, event times, tallies changed twice at once, the log."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from achyk.participation import selectors, services
from achyk.participation.models import Checklist, FocusGroup, TallyChange

from . import factories as f

pytestmark = pytest.mark.django_db


def test_a_headcount_above_the_settlement_s_population_is_refused(body_a):
    village = f.settlement(body_a, population=20)
    group = f.focus_group(f.study(body_a), settlement=village)
    group.women_30_59 = 15  # 2+5+15+3 women, 7 men: 32 > 20
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert any("32" in m and "20" in m for m in error.value.messages)
    group.women_30_59 = 2
    group.full_clean()  # 12 + 7 = 19


def test_a_negative_headcount_is_refused(body_a):
    group = f.focus_group(f.study(body_a))
    group.men_u18 = -1
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "men_u18" in error.value.message_dict


def test_headcounts_add_up_by_gender_and_band(body_a):
    group = f.focus_group(f.study(body_a), women=(1, 2, 3, 4), men=(0, 1, 0, 5))
    assert (group.women, group.men, group.participants) == (10, 6, 16)
    assert [row[1:] for row in group.by_band()] == [(1, 0), (2, 1), (3, 0), (4, 5)]


def test_an_event_ending_before_it_starts_is_refused(body_a):
    event = f.event(body_a)
    event.ends_at = event.starts_at - datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "ends_at" in error.value.message_dict
    group = f.focus_group(f.study(body_a))
    group.ends_at = group.starts_at
    with pytest.raises(ValidationError):
        group.full_clean()


def test_a_study_ending_before_it_starts_is_refused(body_a):
    study = f.study(body_a)
    study.ends_on = study.starts_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        study.full_clean()


def test_a_tally_changed_twice_at_once_keeps_the_first_and_refuses_the_second(body_a, editor_a):
    study = f.study(body_a)
    group, priority = f.focus_group(study), f.priority(study)
    tally = services.tally_of(priority=priority, focus_group=group)
    seen = tally.version  # two clerks open the same sheet
    services.set_tally(priority=priority, focus_group=group, points=12, version=seen, by=editor_a)
    with pytest.raises(services.StaleTally) as error:
        services.set_tally(priority=priority, focus_group=group, points=9, version=seen, by=None)
    assert error.value.tally.points == 12
    assert "12" in str(error.value)
    tally.refresh_from_db()
    assert (tally.points, tally.version) == (12, 1)
    log = list(TallyChange.objects.filter(priority=priority).values_list("before", "after", "by"))
    assert log == [(0, 12, editor_a.pk)]


def test_the_tally_log_is_append_only(body_a):
    study = f.study(body_a)
    group, priority = f.focus_group(study), f.priority(study)
    services.set_tally(priority=priority, focus_group=group, points=3, version=0, by=None)
    services.set_tally(priority=priority, focus_group=group, points=5, version=1, by=None)
    changes = list(TallyChange.objects.order_by("pk"))
    assert [(c.before, c.after) for c in changes] == [(0, 3), (3, 5)]
    with pytest.raises(ValueError):
        changes[0].save()
    with pytest.raises(ValueError):
        changes[0].delete()


def test_a_tally_is_never_negative_nor_across_studies(body_a):
    study, other = f.study(body_a), f.study(body_a)
    group, priority = f.focus_group(study), f.priority(study)
    with pytest.raises(ValueError):
        services.set_tally(priority=priority, focus_group=group, points=-1, version=0, by=None)
    with pytest.raises(services.WrongBody):
        services.tally_of(priority=priority, focus_group=f.focus_group(other))


def test_priorities_rank_by_their_total_and_ties_share_a_rank(body_a):
    study = f.study(body_a)
    groups = [f.focus_group(study), f.focus_group(study, category="youth")]
    water, roads, school = (f.priority(study, title=t) for t in ("Суу", "Жол", "Мектеп"))
    for priority, points in ((water, (5, 7)), (roads, (3, 1)), (school, (4, 0))):
        for group, value in zip(groups, points, strict=True):
            services.set_tally(
                priority=priority, focus_group=group, points=value, version=0, by=None
            )
    ranked = selectors.ranked_priorities(study)
    assert [(r.rank, r.priority.pk, r.points) for r in ranked] == [
        (1, water.pk, 12),
        (2, roads.pk, 4),
        (2, school.pk, 4),
    ]


def test_a_group_keeps_the_questions_it_was_asked_when_the_checklist_changes(body_a):
    checklist = f.checklist(body_a)
    f.focus_group(f.study(body_a), checklist=checklist)
    checklist.questions_ky = "Башка суроо"
    checklist.save()
    assert checklist.version == 2
    group = FocusGroup.objects.get()
    assert group.asked("ky") == ["Айылдын эң чоң көйгөйү эмне?", "Эмнени биринчи чечүү керек?"]
    assert group.questions_asked["version"] == 1
    newer = Checklist.objects.create(body=body_a, previous=checklist, questions_ky="Үчүнчү")
    assert newer.version == 3
