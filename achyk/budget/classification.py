"""The seed of the budget classification (бюджеттик классификация / бюджетная классификация).

**Illustrative codes.** They follow the shape of the Kyrgyz (and Kazakh) budget classification
(economic codes 1… revenue, 2…/3… expenses and assets; functional codes 7… in Kyrgyzstan,
01…13 groups in Kazakhstan), but neither the codes nor the names have been checked against the
classification in force: platform admins correct and extend them in the admin.

`load(model)` writes them into the `Classification` model it is given (the historical one in
the data migration, the real one in `manage.py load_budget_classification`); codes that exist
are updated, none is deleted.
"""

R, E = "revenue", "expenditure"
ECO, FUN = "economic", "functional"

#: (country, kind, code, parent code, direction, ky, ru, kk, en)
KG = [
    (ECO, "1", "", R, "Кирешелер", "Доходы", "", "Revenue"),
    (ECO, "11", "1", R, "Салыктар", "Налоги", "", "Taxes"),
    (ECO, "111", "11", R, "Кирешеге салыктар", "Налоги на доходы", "", "Taxes on income"),
    (ECO, "1111", "111", R, "Жеке адамдардын киреше салыгы", "Подоходный налог с физических лиц",
     "", "Personal income tax"),
    (ECO, "113", "11", R, "Менчикке салыктар", "Налоги на собственность", "",
     "Taxes on property"),
    (ECO, "1131", "113", R, "Мүлк салыгы", "Налог на имущество", "", "Property tax"),
    (ECO, "1132", "113", R, "Жер салыгы", "Земельный налог", "", "Land tax"),
    (ECO, "114", "11", R, "Товарларга жана кызмат көрсөтүүлөргө салыктар",
     "Налоги на товары и услуги", "", "Taxes on goods and services"),
    (ECO, "1142", "114", R, "Сатуудан алынуучу салык", "Налог с продаж", "", "Sales tax"),
    (ECO, "13", "1", R, "Расмий трансферттер", "Официальные трансферты", "",
     "Official transfers"),
    (ECO, "1311", "13", R, "Теңдештирүүчү грант", "Выравнивающий грант", "",
     "Equalisation grant"),
    (ECO, "1312", "13", R, "Стимулдаштыруучу грант", "Стимулирующий грант", "",
     "Stimulating grant"),
    (ECO, "1313", "13", R, "Категориялык грант", "Категориальный грант", "",
     "Categorical grant"),
    (ECO, "132", "13", R, "Эл аралык уюмдардын гранттары",
     "Гранты международных организаций", "", "Grants of international organisations"),
    (ECO, "14", "1", R, "Салыктык эмес кирешелер", "Неналоговые доходы", "",
     "Non-tax revenue"),
    (ECO, "1411", "14", R, "Муниципалдык мүлктү ижарага берүүдөн түшкөн кирешелер",
     "Доходы от аренды муниципального имущества", "", "Rent of municipal property"),
    (ECO, "1421", "14", R, "Кызмат көрсөтүүлөр үчүн төлөмдөр", "Плата за услуги", "",
     "Fees for services"),
    (ECO, "1431", "14", R, "Айыптар жана санкциялар", "Штрафы и санкции", "",
     "Fines and penalties"),
    (ECO, "2", "", E, "Чыгашалар", "Расходы", "", "Expense"),
    (ECO, "21", "2", E, "Эмгек акы", "Оплата труда", "", "Compensation of employees"),
    (ECO, "2111", "21", E, "Эмгек акы", "Заработная плата", "", "Wages and salaries"),
    (ECO, "2121", "21", E, "Социалдык фондго төгүмдөр", "Взносы в Социальный фонд", "",
     "Social fund contributions"),
    (ECO, "22", "2", E, "Товарларды жана кызмат көрсөтүүлөрдү сатып алуу",
     "Приобретение товаров и услуг", "", "Use of goods and services"),
    (ECO, "2215", "22", E, "Коммуналдык кызматтар", "Коммунальные услуги", "", "Utilities"),
    (ECO, "2222", "22", E, "Башка товарлар жана кызмат көрсөтүүлөр",
     "Прочие товары и услуги", "", "Other goods and services"),
    (ECO, "2223", "22", E, "Учурдагы оңдоо", "Текущий ремонт", "", "Current repairs"),
    (ECO, "27", "2", E, "Социалдык жөлөкпулдар", "Социальные пособия", "",
     "Social benefits"),
    (ECO, "2721", "27", E, "Социалдык жардам", "Социальная помощь", "", "Social assistance"),
    (ECO, "28", "2", E, "Башка чыгашалар", "Прочие расходы", "", "Other expense"),
    (ECO, "2811", "28", E, "Башка учурдагы чыгашалар", "Прочие текущие расходы", "",
     "Other current expense"),
    (ECO, "3", "", E, "Финансылык эмес активдер менен операциялар",
     "Операции с нефинансовыми активами", "", "Non-financial assets"),
    (ECO, "31", "3", E, "Негизги каражаттар", "Основные средства", "", "Fixed assets"),
    (ECO, "3111", "31", E, "Курулуш жана капиталдык оңдоо",
     "Строительство и капитальный ремонт", "", "Construction and capital repair"),
    (ECO, "3112", "31", E, "Машиналар жана жабдуулар", "Машины и оборудование", "",
     "Machinery and equipment"),
    (FUN, "701", "", "", "Жалпы багыттагы мамлекеттик кызматтар",
     "Государственные службы общего назначения", "", "General public services"),
    (FUN, "7011", "701", "", "Аткаруу органдары", "Исполнительные органы", "",
     "Executive bodies"),
    (FUN, "703", "", "", "Коомдук тартип жана коопсуздук",
     "Общественный порядок и безопасность", "", "Public order and safety"),
    (FUN, "704", "", "", "Экономикалык маселелер", "Экономические вопросы", "",
     "Economic affairs"),
    (FUN, "7042", "704", "", "Айыл чарба", "Сельское хозяйство", "", "Agriculture"),
    (FUN, "7045", "704", "", "Жолдор", "Дороги", "", "Roads"),
    (FUN, "706", "", "", "Турак жай-коммуналдык кызматтар", "Жилищно-коммунальные услуги", "",
     "Housing and communal services"),
    (FUN, "7063", "706", "", "Суу менен камсыздоо", "Водоснабжение", "", "Water supply"),
    (FUN, "7064", "706", "", "Көчөлөрдү жарыктандыруу", "Уличное освещение", "",
     "Street lighting"),
    (FUN, "707", "", "", "Саламаттыкты сактоо", "Здравоохранение", "", "Health"),
    (FUN, "708", "", "", "Эс алуу, маданият жана спорт", "Отдых, культура и спорт", "",
     "Recreation, culture and sport"),
    (FUN, "709", "", "", "Билим берүү", "Образование", "", "Education"),
    (FUN, "7091", "709", "", "Мектепке чейинки билим берүү", "Дошкольное образование", "",
     "Pre-school education"),
    (FUN, "7092", "709", "", "Жалпы орто билим берүү", "Общее среднее образование", "",
     "General secondary education"),
    (FUN, "710", "", "", "Социалдык коргоо", "Социальная защита", "", "Social protection"),
]  # fmt: skip

KZ = [
    (ECO, "1", "", R, "Салыктык түшүүлөр", "Налоговые поступления", "Салықтық түсімдер",
     "Tax revenue"),
    (ECO, "101", "1", R, "Киреше салыгы", "Подоходный налог", "Табыс салығы", "Income tax"),
    (ECO, "104", "1", R, "Менчикке салыктар", "Налоги на собственность",
     "Меншікке салынатын салықтар", "Taxes on property"),
    (ECO, "104101", "104", R, "Мүлк салыгы", "Налог на имущество", "Мүлік салығы",
     "Property tax"),
    (ECO, "104301", "104", R, "Жер салыгы", "Земельный налог", "Жер салығы", "Land tax"),
    (ECO, "2", "", R, "Салыктык эмес түшүүлөр", "Неналоговые поступления",
     "Салықтық емес түсімдер", "Non-tax revenue"),
    (ECO, "4", "", R, "Трансферттердин түшүүлөрү", "Поступления трансфертов",
     "Трансферттердің түсімдері", "Transfers received"),
    (ECO, "402", "4", R, "Жогору турган органдардан трансферттер",
     "Трансферты из вышестоящих органов", "Жоғары тұрған органдардан трансферттер",
     "Transfers from higher levels of government"),
    (ECO, "5", "", E, "Чыгашалар", "Затраты", "Шығындар", "Expense"),
    (ECO, "511", "5", E, "Эмгек акы", "Оплата труда", "Еңбекке ақы төлеу",
     "Compensation of employees"),
    (ECO, "512", "5", E, "Социалдык салык жана төгүмдөр", "Социальный налог и взносы",
     "Әлеуметтік салық және жарналар", "Social tax and contributions"),
    (ECO, "513", "5", E, "Товарларды жана кызмат көрсөтүүлөрдү сатып алуу",
     "Приобретение товаров и услуг", "Тауарлар мен қызметтерді сатып алу",
     "Use of goods and services"),
    (ECO, "514", "5", E, "Капиталдык чыгашалар", "Капитальные расходы", "Күрделі шығыстар",
     "Capital expense"),
    (FUN, "01", "", "", "Жалпы мүнөздөгү мамлекеттик кызматтар",
     "Государственные услуги общего характера", "Жалпы сипаттағы мемлекеттік қызметтер",
     "General public services"),
    (FUN, "04", "", "", "Билим берүү", "Образование", "Білім беру", "Education"),
    (FUN, "06", "", "", "Социалдык жардам", "Социальная помощь", "Әлеуметтік көмек",
     "Social assistance"),
    (FUN, "07", "", "", "Турак жай-коммуналдык чарба", "Жилищно-коммунальное хозяйство",
     "Тұрғын үй-коммуналдық шаруашылық", "Housing and communal services"),
    (FUN, "08", "", "", "Маданият, спорт", "Культура, спорт", "Мәдениет, спорт",
     "Culture and sport"),
    (FUN, "12", "", "", "Транспорт жана байланыш", "Транспорт и коммуникации",
     "Көлік және коммуникация", "Transport and communications"),
]  # fmt: skip

ROWS = [("KG", *row) for row in KG] + [("KZ", *row) for row in KZ]


def load(model) -> int:
    """Create or update every seeded code in `model`; returns how many codes were written."""
    saved = {}
    for country, kind, code, parent, direction, ky, ru, kk, en in ROWS:
        parent_obj = saved.get((country, kind, parent)) if parent else None
        obj, _created = model.objects.update_or_create(
            country=country, kind=kind, code=code,
            defaults={"parent": parent_obj, "direction": direction, "name_ky": ky,
                      "name_ru": ru, "name_kk": kk, "name_en": en},
        )  # fmt: skip
        top = obj
        while top.parent_id:
            top = saved[(country, kind, top.parent.code)]
        model.objects.filter(pk=obj.pk).update(group=top)
        saved[(country, kind, code)] = obj
    return len(saved)
