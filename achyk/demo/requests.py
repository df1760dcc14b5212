"""The demo's requests for information of each body (demo data, not interface text).

Every demo body (unless it has requests) gets three requests registered by its staff as
received on paper: one answered in time and published in the register, one answered late
and published, and one still running. No e-mail address, so no letter is sent.
"""

import datetime

from django.utils import timezone

from achyk.bodies.models import Body
from achyk.requests import services
from achyk.requests.models import Request, Status

QUESTIONS = [
    ("Айыл өкмөтүнүн 2026-жылга бюджетинде суу түтүгүн оңдоого канча каражат каралган?",
     "Сколько средств предусмотрено в бюджете айыл окмоту на 2026 год на ремонт водопровода?",
     "В бюджете на 2026 год на ремонт водопровода предусмотрено 1 200 000 сомов; смета "
     "приложена к решению айылного кенеша."),
    ("Мектептин чатырын оңдоо боюнча тендердин жыйынтыгы кандай?",
     "Каковы итоги тендера на ремонт крыши школы?",
     "Тендер проведён на портале госзакупок; победитель и сумма договора указаны в протоколе, "
     "ответ направлен по почте."),
    ("Көчө жарыгын орнотуу качан башталат?",
     "Когда начнётся установка уличного освещения?", ""),
]  # fmt: skip


def ensure(*, body: Body) -> None:
    if Request.objects.filter(body=body).exists():
        return
    today = timezone.localdate()
    for n, (question_ky, question_ru, answer) in enumerate(QUESTIONS):
        received = today - datetime.timedelta(days=(3, 40, 2)[n])
        request = services.register(
            body=body, channel="paper", language="ru", by=None, received_on=received,
            data=services.RequestIn(name="Тургун / Житель", email="", question=question_ru,
                                    format="paper"),
        )  # fmt: skip
        if answer:
            services.answer(request=request, status=Status.ANSWERED, text=answer, by=None)
            services.publish(request=request, public_question=f"{question_ky}\n{question_ru}",
                             is_public=True, by=None)  # fmt: skip
