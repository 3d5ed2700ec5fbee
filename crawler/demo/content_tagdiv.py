"""Content of the tagDiv demo site «Жұлдыз газеті» (Zhetisu region). Invented for this project.

All people are invented; the places are real towns and districts of the Zhetisu region.  Each post
says in ``special`` which crawler trap it carries (see ``model.TRUTH_SPECIALS`` and
``model.NON_ARTICLE_SPECIALS``); the build module turns that into the served bytes and status.
"""

from __future__ import annotations

from .model import Ad, CrossLink, Figure, Nbsp, P, Post, Site

BASE_URL = "https://zhuldyz-gazeti.test"

A1 = Post(
    slug="taldyqorganda-ush-zhana-mektep-ashyldy",
    title="Талдықорғанда үш жаңа мектеп ашылды",
    published="2025-09-01T09:30:00+05:00", modified="2025-09-01T12:14:36+05:00", captured="2025-09-01",
    language="kk", author="Әсел Қуанышқызы", author_slug="asel-kuanyshkyzy", category="bilim",
    tags=[("Талдықорған", "taldyqorgan"), ("мектеп", "mektep"), ("білім", "bilim")],
    image="taldyqorganda-ush-zhana-mektep", post_id=58214,
    blocks=[
        P("Жаңа оқу жылы қарсаңында Талдықорған қаласында үш жаңа мектеп пайдалануға берілді. «Жастар» және «Көктем» шағынаудандарындағы, сондай-ақ Қаратал өзені бойындағы жаңа тұрғын алабындағы білім ошақтары барлығы 4 200 оқушыға арналған."),
        P("Мектептердің екеуі «Жайлы мектеп» ұлттық жобасы аясында салынды. Әр ғимаратта робототехника, химия және физика кабинеттері, 300 орындық акт залы, жүзу бассейні мен асхана бар. Сынып бөлмелері интерактивті тақталармен жабдықталған."),
        Ad(),
        P("Салтанатты жиынға облыс әкімінің орынбасары Ғалым Жұмабаев, ата-аналар мен ұстаздар қатысты. Ол биыл өңірде барлығы жеті мектеп салу жоспарланғанын, қалған төртеуі жыл соңына дейін аяқталатынын айтты."),
        P("«Үш ауысымды мектептер мәселесін шешу – басты міндетіміздің бірі. Жаңа нысандар іске қосылған соң қаладағы апатты және үш ауысымда оқитын мектептердің саны екі есеге азаяды», – деді Ғалым Жұмабаев."),
        P("Облыстық білім басқармасының мәліметінше, жаңа мектептерге 380 педагог қабылданды, олардың 60-тан астамы – жас мамандар. Алғашқы оқу күні барлық мектепте салтанатты жиындар өтті."),
        Nbsp(6),
    ],
)

A2 = Post(
    slug="alakol-audanynda-mal-qystatuga-dayyndyq-zhurip-zhatyr",
    title="Алакөл ауданында мал қыстатуға дайындық жүріп жатыр",
    published="2023-11-14T15:20:00+06:00", modified="2023-11-15T10:02:44+06:00", captured="2025-09-03",
    language="kk", author="Бауыржан Есенғали", author_slug="bauyrzhan-esengali", category="aimaq",
    tags=[("Алакөл ауданы", "alakol-audany"), ("ауыл шаруашылығы", "auyl-sharuashylygy"),
          ("мал шаруашылығы", "mal-sharuashylygy")],
    image="alakol-audanynda-mal-qystatu", post_id=31870,
    blocks=[
        P("Алакөл ауданының шаруашылықтары қыстақтарға жем-шөп тасымалдауды аяқтауға жақын. Аудандық ауыл шаруашылығы бөлімінің дерегінше, биыл 86 мың тонна пішен және 12 мың тонна құрама жем дайындалды – бұл мал басын көктемге дейін толық қамтамасыз етуге жеткілікті."),
        P("Ауданда 112 мыңнан астам ұсақ мал, 24 мың ірі қара және 9 мыңға жуық жылқы бар. Жазғы құрғақшылыққа байланысты шабындықтардың бір бөлігі күйіп кетсе де, фермерлер Сарқан және Ақсу аудандарынан пішен сатып алу арқылы тапшылықтың орнын толтырды."),
        Figure("qystaqqa-pishen-zhetkizildi",
               "Қабанбай ауылдық округіндегі қыстаққа пішен жеткізілді. Сурет: аудан әкімдігінің баспасөз қызметі",
               "Қыстаққа пішен жеткізу", 31877),
        P("«Қыс қатты болады деп болжанып отыр. Сондықтан әр шаруашылықтың қыстағын аралап, малдың күтімі мен қорадағы жылуды тексеріп жүрміз. Ветеринарлық екпелер де толық жүргізілді», – деді аудандық ауыл шаруашылығы бөлімінің басшысы Серік Әбдірахманов."),
        Ad(),
        CrossLink("Тағы оқыңыз:", "taldyqorganda-onirlik-zhastar-forumy-otti"),
        P("Сонымен қатар аудан орталығы мен алыстағы елді мекендер арасындағы жолдарды қардан тазарту үшін 14 техника бекітілді. Жолда қалған жүргізушілерге көмек көрсету мақсатында Үшарал – Достық тас жолындағы екі жол бекетінде жылыту пункттері ашылады."),
    ],
)

A3 = Post(
    slug="v-taldykorgane-otremontiruyut-42-ulicy",
    title="В Талдыкоргане до конца сезона отремонтируют 42 улицы",
    published="2024-05-14T11:05:00+05:00", modified="2024-05-14T11:40:19+05:00", captured="2025-09-02",
    language="ru", author="Ольга Сидоренко", author_slug="olga-sidorenko", category="aimaq",
    tags=[("Талдыкорган", "taldykorgan"), ("дороги", "dorogi"), ("ремонт", "remont")],
    image="v-taldykorgane-otremontiruyut-ulicy", post_id=44102,
    blocks=[
        P("<strong>В Талдыкоргане стартовал сезон дорожных работ. До конца октября подрядчики должны отремонтировать 42 улицы общей протяжённостью более 68 километров.</strong>"),
        P("Как сообщили в городском отделе жилищно-коммунального хозяйства, пассажирского транспорта и автомобильных дорог, средний ремонт пройдёт на улицах Толебаева, Кабанбай батыра, Шевченко и на проспекте Жансугурова. Капитальный ремонт запланирован на участке улицы Абая, где асфальт не меняли почти двадцать лет."),
        Ad(),
        P("«Работы ведём поэтапно, чтобы не перекрывать параллельные улицы одновременно. Схемы объезда публикуем заранее, а на самых загруженных участках асфальт будут укладывать ночью», – пояснил руководитель отдела Арман Утешев."),
        P("Помимо проезжей части, подрядчики обновят тротуары, ливнёвую канализацию и освещение. На 16 перекрёстках установят пониженные бордюры для маломобильных граждан и светофоры с обратным отсчётом."),
        P("Гарантийный срок на отремонтированные участки составляет пять лет. О дефектах покрытия жители могут сообщить через <a href=\"https://eotinish.kz/\">портал обращений</a> или по телефону единой диспетчерской службы 109."),
    ],
)

A4 = Post(
    slug="v-tekeli-otkrylas-muzykalnaya-shkola-posle-rekonstrukcii",
    title="В Текели после реконструкции открылась детская музыкальная школа",
    published="2024-09-03T17:45:00+05:00", modified="2024-09-04T09:12:50+05:00", captured="2025-09-04",
    language="ru", author="Дмитрий Ким", author_slug="dmitrij-kim", category="madeniet",
    tags=[("Текели", "tekeli"), ("музыкальная школа", "muzykalnaya-shkola"), ("культура", "kultura")],
    image="v-tekeli-otkrylas-muzykalnaya-shkola", post_id=47733, special="windows-1251",
    blocks=[
        P("В Текели после капитального ремонта вновь открылась детская музыкальная школа имени Куляш Байсеитовой. Здание 1974 года постройки не ремонтировали более тридцати лет."),
        P("За время реконструкции строители заменили кровлю, окна, системы отопления и вентиляции, утеплили фасад. В концертном зале появились новая акустическая отделка и сцена с электрическим занавесом, а для учеников закупили 40 музыкальных инструментов – от домбр и кобызов до концертного рояля."),
        Ad(),
        P("«Раньше зимой дети занимались в куртках, а некоторые классы мы просто закрывали. Теперь у нас тепло, светло, и в каждом кабинете есть звукоизоляция», – рассказала директор школы Гульнара Есенова."),
        P("В этом учебном году в школе обучаются 320 детей по классам домбры, фортепиано, скрипки, вокала и народных инструментов. Набор в подготовительную группу продлится до 15 сентября."),
    ],
)

A5 = Post(
    slug="ushtobede-5-myn-koshet-otyrgyzyldy",
    title="Үштөбеде 5 мың көшет отырғызылды",
    published="2024-04-20T09:30:00+05:00", modified="2024-04-20T18:55:07+05:00", captured="2025-09-03",
    language="kk", author="Гүлнар Байжанова", author_slug="gulnar-baizhanova", category="qogam",
    tags=[("Үштөбе", "ushtobe"), ("Қаратал ауданы", "qaratal-audany"), ("экология", "ekologiya")],
    image="ushtobede-5-myn-koshet", post_id=43519, special="malformed",
    blocks=[
        P("Қаратал ауданының орталығы Үштөбе қаласында «Таза Қазақстан» экологиялық акциясы аясында 5 мың түп көшет отырғызылды. Сенбілікке мекеме қызметкерлері, студенттер мен еріктілер қатысты."),
        P("Көшеттер облыстық орман питомнигінен әкелінді. Олардың басым бөлігі – қарағаш, терек және шаған ағаштары. Теміржол вокзалы маңындағы саябаққа 800 түп сирень мен итмұрын бұталары егілді."),
        P("«Қаланың жасыл аймағын жыл сайын кеңейтіп келеміз. Биыл көшеттерді суару үшін тамшылатып суару жүйесі орнатылды, сондықтан ағаштардың көктеп кетуіне сенімдіміз», – деді қала әкімі Ерболат Сапаров."),
        Ad(),
        P("Акцияға белсене атсалысқан №3 мектептің оқушылары әр сынып өз ағашына күтім жасайтынын айтты. Қала әкімдігі күзде көшеттердің қанша пайызы көктегенін есептеп, қорытындысын жариялайтынын мәлім етті."),
    ],
)

A6 = Post(
    slug="taldyqorganda-onirlik-zhastar-forumy-otti",
    title="Taldyqorǵanda óńirlik jastar forýmy ótti",
    published="2023-03-29T12:00:00+06:00", modified="2023-03-30T08:21:15+06:00", captured="2025-09-02",
    language="kk-Latn", author="Дина Әбдікәрімова", author_slug="dina-abdikarimova", category="qogam",
    tags=[("jastar", "jastar"), ("forým", "forym"), ("Taldyqorǵan", "taldyqorgan-2")],
    image="taldyqorganda-jastar-forymy", post_id=27305,
    blocks=[
        P("Taldyqorǵan qalasynda «Jastar – el bolashaǵy» atty óńirlik forým ótti. Oǵan oblystyń barlyq aýdandarynan 500-den astam jas kásipker, stýdent jáne erikti qatysty."),
        P("Forýmnyń jalpy otyrysynda oblys ákiminiń orynbasary Marat Jaqsylyqov jastar saıasatynyń negizgi baǵyttaryn tanystyrdy. Onyń aıtýynsha, bıyl óńirde jastarǵa arnalǵan 3 myńnan astam jumys orny ashylady."),
        Ad(),
        P("«Biz jastardyń bastamasyn qoldaýǵa daıynbyz. Jeńildetilgen nesıe, grant jáne tájirıbe baǵdarlamalary arqyly árbir talapty jas óz isin bastaı alady», – dedi Marat Jaqsylyqov."),
        P("Forým sońynda úzdik jobalar marapattaldy. Bas júlde Kerbulaq aýdanynan kelgen Aıgerim Nurlanqyzynyń qymyz óndirý jobasyna berildi."),
    ],
)

A7 = Post(
    slug="boksyory-zhetisu-zavoevali-11-medalej",
    title="Боксёры области Жетісу завоевали 11 медалей чемпионата Казахстана",
    published="2025-01-27T19:10:00+05:00", modified="2025-01-28T08:03:27+05:00", captured="2025-09-04",
    language="ru", author="Руслан Ахметов", author_slug="ruslan-akhmetov", category="sport",
    tags=[("бокс", "boks"), ("спорт", "sport-2"), ("Жетісу", "zhetisu")],
    image="boksyory-zhetisu-11-medalej", post_id=53960, special="retry_500",
    blocks=[
        P("Сборная области Жетісу по боксу завоевала 11 медалей на чемпионате Казахстана среди юниоров, который завершился в Таразе. В копилке команды четыре золотые, три серебряные и четыре бронзовые награды."),
        P("Чемпионами страны стали Нурсултан Жумагалиев (до 54 кг), Асет Курмангалиев (до 63,5 кг), Данияр Сейтжанов (до 75 кг) и Мадина Абилова (до 57 кг). По итогам турнира команда заняла второе общекомандное место, уступив лишь сборной Алматы."),
        Ad(),
        P("«Ребята готовились к турниру почти полгода, провели два учебно-тренировочных сбора в Шымкенте и Кокшетау. Результат закономерный, но впереди отбор в национальную команду, поэтому расслабляться некогда», – отметил старший тренер сборной области Ерлан Байменов."),
        P("Победители чемпионата получили право выступить на Кубке Азии, который пройдёт весной. Управление физической культуры и спорта области наградит медалистов и их тренеров денежными премиями."),
    ],
)

A8 = Post(
    slug="aqsu-audanynda-zhana-medicinalyq-punkt-ashyldy",
    title="Ақсу ауданында жаңа медициналық пункт ашылды",
    published="2025-02-10T14:25:00+05:00", modified="2025-02-11T10:47:02+05:00", captured="2025-09-03",
    language="kk", author="Бауыржан Есенғали", author_slug="bauyrzhan-esengali", category="densaulyq",
    tags=[("Ақсу ауданы", "aqsu-audany"), ("денсаулық сақтау", "densaulyq-saqtau"), ("ауыл", "auyl")],
    image="aqsu-audanynda-medicinalyq-punkt", post_id=54488, special="cloud_template",
    blocks=[
        P("Ақсу ауданының Қапал ауылында жаңа фельдшерлік-акушерлік пункт пайдалануға берілді. Бұған дейін ауыл тұрғындары медициналық көмек алу үшін аудан орталығына 40 шақырым жол жүруге мәжбүр болатын."),
        P("Модульдік ғимаратта емдеу және егу кабинеттері, дәріхана пункті, стационар алмастыратын екі төсек-орын қарастырылған. Пунктке жаңа ЭКГ аппараты, оттегі концентраторы және жедел жәрдем көлігі берілді."),
        Ad(),
        P("«Ауылда 3 мыңнан астам адам тұрады, оның 900-і – балалар. Енді жүкті әйелдер мен созылмалы аурулары бар тұрғындар тұрақты бақылауда болады», – деді аудандық аурухананың бас дәрігері Мейрамгүл Ахметова."),
        P("Облыстық денсаулық сақтау басқармасы биыл шалғай ауылдарда тағы 12 медициналық пункт салынатынын хабарлады. Олардың үшеуі Ақсу ауданында орналасады."),
    ],
)

A9 = Post(
    slug="zharkent-koktal-zholy-zhondeldi",
    title="Жаркент – Көктал жолы жөнделді",
    published="2024-10-08T16:40:00+05:00", modified="2024-10-09T09:18:44+05:00", captured="2025-09-02",
    language="kk", author="Ерлан Қасымов", author_slug="erlan-qasymov", category="aimaq",
    tags=[("Панфилов ауданы", "panfilov-audany"), ("жол", "zhol"), ("жөндеу", "zhondeu")],
    image="zharkent-koktal-zholy", post_id=49021, special="tracking_duplicate",
    blocks=[
        P("Панфилов ауданында Жаркент – Көктал автожолының 38 шақырымдық учаскесін орташа жөндеу жұмыстары аяқталды. Бұл бағыттағы жол соңғы рет 2009 жылы жөнделген еді."),
        P("Жұмыс барысында жолдың асфальт жабыны толық ауыстырылып, 11 су өткізгіш құбыр жаңартылды, жол белгілері мен сигналдық бағаналар орнатылды. Жобаның жалпы құны 4,2 млрд теңгені құрады."),
        Ad(),
        P("«Бұрын Жаркенттен Көкталға дейін бір сағаттай жүретінбіз, қазір 25 минутта жетеміз. Әсіресе мектеп автобусы мен жедел жәрдем көлігі үшін үлкен жеңілдік болды», – дейді Көктал ауылының тұрғыны Қанат Өтепов."),
        P("Облыстық жолаушылар көлігі және автомобиль жолдары басқармасының мәліметінше, келесі жылы аудандағы тағы 52 шақырым жергілікті жол жөнделеді."),
    ],
)

A10 = Post(
    slug="eskeldi-audanynda-zhana-madeniet-uii-ashyldy",
    title="Eskeldi audanında jaña mädeniet üyi aşıldı",
    published="2025-06-05T10:15:00+05:00", modified="2025-06-05T15:02:10+05:00", captured="2025-09-03",
    language="kk-Latn", author="Әсел Қуанышқызы", author_slug="asel-kuanyshkyzy", category="madeniet",
    tags=[("Eskeldi", "eskeldi"), ("mädeniet", "madeniet-2")],
    image="eskeldi-madeniet-uii", post_id=56870,
    blocks=[
        P("Eskeldi audanınıñ ortalığı Qarabūlaq auılında jaña mädeniet üyi paydalanuğa berildi. Eki qabattı ğimaratta 350 orındıq körermen zalı, bi jäne vokal studiyaları, kitaphana men balalar üyirmelerine arnalğan bölmeler bar."),
        P("Saltanattı şarağa audan äkimi Nūrlan Dosjanov pen jergilikti önerpazdar qatıstı. Äkimniñ aytuınşa, nısan «Auıl – el besigi» jobası ayasında salınğan."),
        Ad(),
        P("«Būrın auılda jastardıñ bos uaqıtın ötkizetin orın joq edi. Endi balalar öz auılında-aq önerdiñ türli salasın meñgere aladı», – dedi mädeniet üyiniñ direktorı Gülmira Särsenova."),
    ],
)

# -- pages that must not become articles ------------------------------------------------------

ROBOTS = Post(
    slug="redaksiya-alqasynyn-kezekti-otyrysy-otti", prefix="/zhabyq",
    title="Редакция алқасының кезекті отырысы өтті",
    published="2024-08-19T15:00:00+05:00", modified="2024-08-19T15:30:12+05:00", captured="2025-09-02",
    language="kk", author="Әсел Қуанышқызы", author_slug="asel-kuanyshkyzy", category="zhanalyqtar",
    tags=[("редакция", "redaksiya")], image="redaksiya-alqasy", post_id=46611, special="robots",
    blocks=[
        P("Редакция алқасының кезекті отырысында газеттің күзгі жазылу науқанына дайындық барысы талқыланды. Алқа мүшелері аудандардағы тілшілер қосынының жұмысын күшейту жөнінде ұсыныстар айтты."),
        Ad(),
        P("Отырыс соңында редакцияның ішкі ережесіне өзгерістер енгізу туралы шешім қабылданды. Хаттама редакция қызметкерлеріне таратылды."),
    ],
)

GALLERY = Post(
    slug="taldyqorgan-kuni-fotogalereya",
    title="Фотогалерея: Талдықорған қаласының күні",
    published="2024-09-14T18:00:00+05:00", modified="2024-09-16T10:05:33+05:00", captured="2025-09-03",
    language="kk", author="Әсел Қуанышқызы", author_slug="asel-kuanyshkyzy", category="zhanalyqtar",
    tags=[], image="taldyqorgan-kuni-1", post_id=48120, special="not_article",
    blocks=[
        Figure("taldyqorgan-kuni-1", "Орталық алаңдағы мерекелік шеру", "Шеру", 48121),
        Figure("taldyqorgan-kuni-2", "Қала күніне арналған концерт", "Концерт", 48122),
        Figure("taldyqorgan-kuni-3", "Шеберлер аллеясы", "Шеберлер", 48123),
        Figure("taldyqorgan-kuni-4", "Кешкі отшашу", "Отшашу", 48124),
        Figure("taldyqorgan-kuni-5", "Балалар алаңындағы ойындар", "Балалар", 48125),
        Figure("taldyqorgan-kuni-6", "Ұлттық тағамдар жәрмеңкесі", "Жәрмеңке", 48126),
    ],
)

TRUNCATED = Post(
    slug="kerbulaq-audanynda-zhylyzhai-keshen-salynady",
    title="Кербұлақ ауданында жылыжай кешені салынады",
    published="2025-03-05T11:00:00+05:00", modified="2025-03-05T11:20:08+05:00", captured="2025-09-04",
    language="kk", author="Ерлан Қасымов", author_slug="erlan-qasymov", category="ekonomika",
    tags=[("Кербұлақ ауданы", "kerbulaq-audany")], image="kerbulaq-zhylyzhai", post_id=55012,
    special="truncated",
    blocks=[
        P("Кербұлақ ауданының Сарыөзек ауылында көлемі 5 гектар болатын жылыжай кешенінің құрылысы басталды. Жоба аясында 60 жұмыс орны ашылады."),
        Ad(),
        P("Кешенде жыл бойы қияр мен қызанақ өсіріледі. Өнімнің басым бөлігі облыс орталығының дүкендеріне жеткізілмек."),
    ],
)

MISSING = Post(
    slug="sarqan-audanynda-su-qubyry-tartyldy",
    title="Сарқан ауданында су құбыры тартылды",
    published="2024-12-02T10:30:00+05:00", modified="2024-12-02T10:30:00+05:00", captured="2025-09-02",
    language="kk", author="Ерлан Қасымов", author_slug="erlan-qasymov", category="aimaq",
    tags=[], image="sarqan-su-qubyry", post_id=51377, special="404",
    blocks=[P("Сарқан ауданының үш ауылына ауыз су құбыры тартылды. Жаңа желіге 1 200-ден астам үй қосылады.")],
)

SITE = Site(
    key="demo-tagdiv", cms="tagdiv", base_url=BASE_URL,
    name="Жұлдыз газеті", description="Жетісу облысының қоғамдық-саяси газеті",
    html_lang="ru-RU", og_locale="ru_RU", permalink="date",
    categories={"zhanalyqtar": "Жаңалықтар", "bilim": "Білім", "qogam": "Қоғам", "sport": "Спорт",
                "ekonomika": "Экономика", "densaulyq": "Денсаулық", "madeniet": "Мәдениет", "aimaq": "Аймақ"},
    listing_category="zhanalyqtar",
    social={"Facebook": "https://www.facebook.com/zhuldyzgazeti",
            "Instagram": "https://www.instagram.com/zhuldyzgazeti/",
            "Telegram": "https://t.me/zhuldyzgazeti",
            "Youtube": "https://www.youtube.com/@zhuldyzgazeti"},
    about="«Жұлдыз газеті» – Жетісу облысының қоғамдық-саяси басылымы. Сайттағы материалдарды пайдаланғанда сілтеме жасау міндетті.",
    copyright="© Жұлдыз газеті, {year}. Барлық құқықтар қорғалған.",
    posts=[A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, ROBOTS, GALLERY, TRUNCATED, MISSING],
    popular=[A9.slug, A1.slug, A3.slug, A7.slug],
    recent_comments=[("Нұрлан", A9.slug), ("Гүлжан Т.", A1.slug)],
    per_page=7,
)
