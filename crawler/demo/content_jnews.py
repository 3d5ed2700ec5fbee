"""Content of the JNews demo site «Дала хабары» (Aktobe region). Invented for this project.

The WordPress locale of this site is Kazakh (``lang="kk"``), the mirror image of the tagDiv site:
here the Russian articles sit on pages that declare Kazakh.  Permalinks are ``/%postname%/``, so
article URLs carry no date.
"""

from __future__ import annotations

from .model import Ad, CrossLink, Figure, InlineRelated, Nbsp, P, Post, Site

BASE_URL = "https://dala-habar.test"

B1 = Post(
    slug="aqtobede-kuzgi-zharmenke-bastaldy",
    title="Ақтөбеде күзгі ауыл шаруашылығы жәрмеңкесі басталды",
    subtitle="Облыстың барлық ауданынан 300-ден астам тауар өндіруші қатысып отыр",
    published="2024-09-20T12:30:00+05:00", modified="2024-09-21T09:12:09+05:00", captured="2025-07-14",
    language="kk", author="Жанар Сейітқали", author_slug="zhanar-seiitqali", category="ekonomika",
    tags=[("жәрмеңке", "zharmenke"), ("Ақтөбе", "aqtobe"), ("ауыл шаруашылығы", "auyl-sharuashylygy")],
    image="aqtobede-kuzgi-zharmenke", post_id=20410,
    blocks=[
        P("Ақтөбе қаласының Орталық алаңында дәстүрлі күзгі ауыл шаруашылығы жәрмеңкесі басталды. Оған облыстың барлық аудандары мен қалаларынан 300-ден астам тауар өндіруші қатысып отыр."),
        P("Сөрелерде ет, сүт өнімдері, бал, көкөніс пен жеміс, ұн мен жарма сатылуда. Ұйымдастырушылардың айтуынша, өнім бағасы дүкендегіден орта есеппен 15–20 пайызға арзан. Мысалы, картоптың килограмы 120 теңгеден, сиыр еті 2 800 теңгеден сатылып жатыр."),
        Figure("zharmenke-martok-fermerleri",
               "Жәрмеңкеде Мәртөк ауданының фермерлері бал мен сүт өнімдерін ұсынды. Сурет: Жанар Сейітқали",
               "Мәртөк фермерлерінің сөресі", 20417),
        InlineRelated("hromtauda-zhylu-mausymyna-dayyndyq"),
        P("«Биыл өнім мол. Қоймадағы картопты өткізе алмай қалмас үшін жәрмеңкеге келдік. Екі күнде үш тоннадан астам картоп саттық», – дейді Мәртөк ауданынан келген шаруа қожалығының басшысы Нұрбол Есенов."),
        Ad(),
        P("Облыстық кәсіпкерлік және ауыл шаруашылығы басқармасының мәліметінше, жәрмеңке 22 қыркүйекке дейін жалғасады. Қазан айында мұндай жәрмеңкелер Қандыағаш, Хромтау және Шалқар қалаларында өтеді."),
    ],
)

B2 = Post(
    slug="hromtauda-zhylu-mausymyna-dayyndyq",
    title="Хромтауда жылу маусымына дайындық 90 пайызға аяқталды",
    published="2023-08-29T16:00:00+06:00", modified="2023-08-30T11:45:31+06:00", captured="2025-07-15",
    language="kk", author="Талғат Омаров", author_slug="talgat-omarov", category="qogam",
    tags=[("Хромтау", "hromtau"), ("жылу маусымы", "zhylu-mausymy"), ("ТКШ", "tksh")],
    image="hromtauda-zhylu-mausymy", post_id=14388,
    blocks=[
        P("Хромтау қаласында жылу маусымына дайындық жұмыстары 90 пайызға орындалды. Қалалық орталық қазандықта екі қазандық агрегаты күрделі жөндеуден өтті, 4,6 шақырым жылу желісі ауыстырылды."),
        P("Аудан әкімінің орынбасары Әлібек Нұрмағамбетовтің айтуынша, жылыту маусымы үшін 18 мың тонна көмір қоры жиналуы тиіс. Қазір қоймада 12,6 мың тонна көмір бар, қалғаны қыркүйек айының соңына дейін жеткізіледі."),
        Ad(),
        P("«Өткен қыста желідегі апаттардың басым бөлігі ескі құбырлардың жарылуынан болды. Сондықтан биыл ең тозған учаскелерді бірінші кезекте ауыстырдық», – деді ол."),
        P("Сонымен қатар қаладағы 6 мектеп пен 5 балабақшаның жылу жүйесі жуылып, сынақтан өткізілді. Жылу беру 1 қазаннан кейін ауа райына қарай басталады."),
    ],
)

B3 = Post(
    slug="v-aktobe-zapustili-novyj-avtobusnyj-marshrut",
    title="В Актобе запустили новый автобусный маршрут до промзоны",
    published="2024-02-29T23:40:00+06:00", modified="2024-03-01T08:05:12+05:00", captured="2025-07-14",
    language="ru", author="Анна Белоусова", author_slug="anna-belousova", category="qogam",
    tags=[("Актобе", "aktobe"), ("транспорт", "transport"), ("автобус", "avtobus")],
    image="v-aktobe-novyj-avtobusnyj-marshrut", post_id=17726,
    blocks=[
        P("С 1 марта в Актобе начнёт работать новый автобусный маршрут № 114, который свяжет микрорайон Батыс-2 с промышленной зоной и железнодорожным вокзалом."),
        P("На линию выйдут восемь новых автобусов среднего класса, оборудованных низким полом, кондиционерами и валидаторами для безналичной оплаты. Интервал движения в часы пик составит 12 минут, в остальное время – 20 минут."),
        Ad(),
        P("«Маршрут открыли по многочисленным просьбам жителей. Раньше работникам предприятий промзоны, живущим в Батыс-2, приходилось добираться с двумя пересадками», – пояснили в городском отделе пассажирского транспорта."),
        P("Стоимость проезда составит 100 тенге при оплате картой и 150 тенге наличными. Для школьников, пенсионеров и людей с инвалидностью сохраняются льготы."),
        Nbsp(4),
    ],
)

B4 = Post(
    slug="aktyubinskie-shkolniki-privezli-shest-medalej-olimpiady",
    title="Актюбинские школьники привезли шесть медалей с республиканской олимпиады",
    subtitle="Двое учеников стали победителями по математике и химии",
    published="2025-04-16T09:15:00+05:00", modified="2025-04-16T13:27:48+05:00", captured="2025-07-16",
    language="ru", author="Анна Белоусова", author_slug="anna-belousova", category="bilim",
    tags=[("олимпиада", "olimpiada"), ("школьники", "shkolniki"), ("образование", "obrazovanie")],
    image="aktyubinskie-shkolniki-olimpiada", post_id=26951,
    blocks=[
        P("Учащиеся школ Актюбинской области завоевали шесть медалей на заключительном этапе республиканской олимпиады по общеобразовательным предметам, который прошёл в Астане."),
        P("Золото по математике завоевал ученик областного лицея для одарённых детей Артём Гриценко, по химии – Айару Тлеубаева из гимназии № 3 Кандыагаша. Ещё две серебряные и две бронзовые медали школьники привезли по физике, биологии и истории Казахстана."),
        CrossLink("Читайте также:", "v-aktobe-zapustili-novyj-avtobusnyj-marshrut"),
        P("«Подготовка к олимпиаде длится весь учебный год. Дети занимаются с преподавателями вузов, решают задания прошлых лет, участвуют в дистанционных турах», – рассказала методист областного управления образования Светлана Ким."),
        Ad(),
        P("Призёры олимпиады получат гранты на обучение в вузах страны, а их учителя – <em>денежные премии</em> от акима области."),
    ],
)

B5 = Post(
    slug="aqtobe-oblysynda-egin-oragy-aiaqtaldy",
    title="Aqtóbe oblysynda egin oraǵy aıaqtaldy",
    published="2024-10-02T18:05:00+05:00", modified="2024-10-03T09:30:00+05:00", captured="2025-07-15",
    language="kk-Latn", author="Талғат Омаров", author_slug="talgat-omarov", category="ekonomika",
    tags=[("egin oraǵy", "egin-oragy"), ("astyq", "astyq"), ("Aqtóbe", "aqtobe-2")],
    image="aqtobe-egin-oragy", post_id=21064,
    blocks=[
        P("Aqtóbe oblysynda egin oraǵy tolyq aıaqtaldy. Óńir dıqandary 620 myń gektar alqaptan 780 myń tonna astyq jınady. Ortasha ónimdilik gektaryna 12,6 sentnerdi qurady."),
        P("Oblystyq aýyl sharýashylyǵy basqarmasynyń málimetinshe, bıyl egin oraǵyna 1,5 myńnan astam kombaın men 900-den astam júk kóligi tartyldy. Jaýyn-shashynnyń kóp bolýyna baılanysty jumys ótken jylǵa qaraǵanda eki aptaǵa uzaq sozyldy."),
        Ad(),
        P("«Astyqtyń sapasy jaqsy, jınalǵan bıdaıdyń 70 paıyzdan astamy úshinshi klasqa jatady. Endigi mindet – ónimdi ýaqytynda ótkizip, kúzgi dala jumystaryn aıaqtaý», – dedi basqarma basshysy Baýyrjan Muqanov."),
    ],
)

B6 = Post(
    slug="temir-audandyq-kitaphanasy-zhanartyldy",
    title="Темір аудандық кітапханасы жаңартылды",
    published="2024-03-01T09:00:00+05:00", modified="2024-03-01T17:20:45+05:00", captured="2025-07-14",
    language="kk", author="Жанар Сейітқали", author_slug="zhanar-seiitqali", category="madeniet",
    tags=[("Темір ауданы", "temir-audany"), ("кітапхана", "kitaphana")],
    image="temir-kitaphanasy", post_id=17740,
    blocks=[
        P("Темір аудандық орталықтандырылған кітапханасы күрделі жөндеуден кейін оқырмандарға есігін қайта ашты. Жөндеу жұмыстарына жергілікті бюджеттен 96 млн теңге бөлінді."),
        P("Кітапханада коворкинг аймағы, балаларға арналған оқу залы және аудиокітаптар тыңдауға арналған бөлме пайда болды. Кітап қоры 2 мыңнан астам жаңа басылыммен толықты, оның ішінде қазақ тіліне аударылған әлем әдебиетінің үздік туындылары бар."),
        InlineRelated("v-aktobe-zapustili-novyj-avtobusnyj-marshrut"),
        P("«Бүгінде оқырмандарымыздың жартысынан көбі – мектеп оқушылары мен студенттер. Сондықтан кітапхананы заманауи, жайлы орынға айналдыруды мақсат еттік», – деді кітапхана директоры Ләззат Бекмағамбетова."),
        Ad(),
        P("Кітапхана дүйсенбіден сенбіге дейін сағат 9:00-ден 19:00-ге дейін жұмыс істейді. Наурыз айында мұнда жас ақындардың шығармашылық кеші мен кітап алмасу акциясы өтеді."),
    ],
)

B7 = Post(
    slug="qandyagashta-zhana-zhuzu-basseini-ashyldy",
    title="Qandıağaşta jaña jüzu basseyni aşıldı",
    published="2025-07-11T11:20:00+05:00", modified="2025-07-11T16:04:39+05:00", captured="2025-07-14",
    language="kk-Latn", author="Ержан Тұрсынов", author_slug="erzhan-tursynov", category="sport",
    tags=[("Qandıağaş", "qandyagash"), ("sport", "sport-2")],
    image="qandyagash-zhuzu-basseini", post_id=31102,
    blocks=[
        P("Qandıağaş qalasında 25 metrlik altı jolaqtı jüzu basseyni paydalanuğa berildi. Sport nısanı qalalıq stadion janınan salındı jäne bir mezgilde 120 adamdı qabıldaydı."),
        P("Basseynde balalarğa arnalğan şağın vanna, sauna jäne trenajer zalı bar. Mūnda qalalıq balalar-jasöspirimder sport mektebiniñ jüzu bölimi jūmıs isteydi."),
        Ad(),
        P("«Qalamızda būrın jüzu basseyni bolmağandıqtan, balalar jaz mausımında ğana jüzudi üyrenetin. Endi jıl boyı jattığuğa mümkindik bar», – dedi qala äkimi Däuren Säbitov."),
    ],
)

SITE = Site(
    key="demo-jnews", cms="jnews", base_url=BASE_URL,
    name="Дала хабары", description="Ақтөбе облысының ақпарат порталы",
    html_lang="kk", og_locale="kk_KZ", permalink="postname",
    categories={"zhanalyqtar": "Жаңалықтар", "ekonomika": "Экономика", "qogam": "Қоғам",
                "bilim": "Білім", "madeniet": "Мәдениет", "sport": "Спорт"},
    listing_category="zhanalyqtar",
    social={"Facebook": "https://www.facebook.com/dalahabar",
            "Instagram": "https://www.instagram.com/dalahabar/",
            "Telegram": "https://t.me/dalahabar"},
    about="«Дала хабары» – Ақтөбе облысының жаңалықтарын қазақ және орыс тілдерінде жариялайтын ақпарат порталы.",
    copyright="© {year} Дала хабары – Ақтөбе облысының ақпарат порталы. Барлық құқықтар қорғалған.",
    posts=[B1, B2, B3, B4, B5, B6, B7],
    popular=[B1.slug, B4.slug, B7.slug, B3.slug],
    recent_comments=[("Серік Б.", B1.slug), ("Айгүл", B6.slug)],
    per_page=5,
)
