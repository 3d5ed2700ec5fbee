"""The syndication test corpus: the two demo sites with copies, reprints and editions added.

The demo sites' registry entries (``demo-tagdiv``, ``demo-jnews``) with their hand-written posts
plus these, rendered by the same themes and served by :class:`crawler.demo.DemoServer`:

* an exact copy: «Дала хабары» reprints «Жұлдыз газеті»'s road-repair story word for word;
* syndicated near-copies: a story reprinted on the other site with a lead of its own and a credit
  line ("ҚазАқпарат хабарлайды.", "…, сообщает Kazinform.", "Источник: «Дала хабары»"), one with
  its last paragraph dropped, and one republished on its own site with an update paragraph;
* stories on the same topic that are not copies (another school opening, another bus route);
* editions: the school story in Kazakh and Russian (``<link rel="alternate" hreflang>``) and the
  fair story in Kazakh and Latin-script Kazakh (a WPML language switcher);
* a second visit (:func:`build_second_visit`): one story edited, and stories taken down every way a
  site does it (410 while still listed, 404 and unlisted, a redirect to the home page, to a listing,
  to a page of no story, a body replaced by a removal notice, a soft 404), and one that moved to a new URL.

:func:`truth` says what the archive must hold; ``python -m tests.syndication_corpus`` writes it to
``tests/fixtures/syndication/truth.json`` (a test checks the file is up to date).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from crawler.demo.build import build
from crawler.demo.server import NOT_FOUND
from crawler.registry import get_site
from crawler.demo.content_jnews import SITE as JNEWS
from crawler.demo.content_tagdiv import SITE as TAGDIV
from crawler.demo.model import REMOVED, Ad, P, Post, Site
from crawler.demo.resources import Resource

TRUTH_PATH = Path(__file__).parent / "fixtures" / "syndication" / "truth.json"

_LATIN = dict(zip("абвгғдеёжзийікқлмнңоөпрстуұүфхһцчшщъыьэюя",
                  "a b v g ğ d e io j z i i ı k q l m n ñ o ö p r s t u ū ü f h h s ch ş şş _ y _ e iu ia".split()))


def to_latin(text: str) -> str:
    """Kazakh Cyrillic in the 2021 Latin alphabet (a Latin-script edition of a Kazakh story)."""
    out = []
    for ch in text:
        low = ch.lower()
        lat = _LATIN.get(low)
        if lat is None:
            out.append(ch)
            continue
        lat = lat.replace("_", "")
        out.append(lat.capitalize() if ch != low else lat)
    return "".join(out)


def _post(site: Site, slug: str) -> Post:
    return next(p for p in site.posts if p.slug == slug)


def _paragraphs(post: Post) -> list[str]:
    return [b.html for b in post.blocks if isinstance(b, P) and b.text.strip("\xa0 ")]


def _copy(site: Site, base: Post, slug: str, post_id: int, published: str, paragraphs: list[str], title: str | None = None,
          language: str | None = None) -> Post:
    blocks = [P(h) for h in paragraphs[:2]] + [Ad()] + [P(h) for h in paragraphs[2:]]
    category = base.category if base.category in site.categories else next(iter(site.categories))
    return replace(base, category=category, slug=slug, post_id=post_id, published=published, modified=published,
                   captured="2025-09-05", title=title or base.title, language=language or base.language,
                   blocks=blocks, special=None, prefix="", subtitle=None)


# --- the originals (hand-written demo posts) ------------------------------------------------------
SCHOOLS = _post(TAGDIV, "taldyqorganda-ush-zhana-mektep-ashyldy")          # kk
ROADS = _post(TAGDIV, "v-taldykorgane-otremontiruyut-42-ulicy")            # ru
BOXING = _post(TAGDIV, "boksyory-zhetisu-zavoevali-11-medalej")            # ru
ALAKOL = _post(TAGDIV, "alakol-audanynda-mal-qystatuga-dayyndyq-zhurip-zhatyr")   # kk
BUS = _post(JNEWS, "v-aktobe-zapustili-novyj-avtobusnyj-marshrut")        # ru
FAIR = _post(JNEWS, "aqtobede-kuzgi-zharmenke-bastaldy")                   # kk

# --- the additions ----------------------------------------------------------------------------------
J_ROADS_COPY = _copy(JNEWS, ROADS, "v-taldykorgane-otremontiruyut-42-ulicy-kopiya", 91001, "2024-05-15T09:10:00+05:00",
                     _paragraphs(ROADS))
J_SCHOOLS_REPRINT = _copy(
    JNEWS, SCHOOLS, "taldyqorganda-ush-mektep-paidalanuga-berildi", 91002, "2025-09-01T16:20:00+05:00",
    ["ҚазАқпарат хабарлайды. Жетісу облысының орталығында 1 қыркүйек қарсаңында бірден үш білім ошағының есігі "
     "айқара ашылды, ал олардың құрылысы екі жылға созылды."] + _paragraphs(SCHOOLS)[1:],
    title="Талдықорғанда үш мектеп пайдалануға берілді")
J_BOXING_REPRINT = _copy(
    JNEWS, BOXING, "boksery-zhetisu-privezli-11-medalej-iz-taraza", 91003, "2025-01-28T10:00:00+05:00",
    ["Юниоры области Жетісу вернулись с чемпионата страны по боксу в Таразе с одиннадцатью наградами, сообщает "
     "Kazinform. Четыре из них – золотые."] + _paragraphs(BOXING)[1:-1],
    title="Боксёры Жетісу привезли 11 медалей из Тараза")
T_BUS_REPRINT = _copy(
    TAGDIV, BUS, "v-aktobe-poyavitsya-marshrut-114", 91004, "2024-03-01T12:30:00+05:00",
    ["В областном центре Актюбинской области с марта заработает автобусный маршрут № 114 от Батыс-2 до "
     "вокзала через промзону."] + _paragraphs(BUS)[1:] + ["Источник: «Дала хабары»"],
    title="В Актобе появится маршрут № 114")
T_ALAKOL_UPDATE = _copy(
    TAGDIV, ALAKOL, "alakol-audanynda-mal-qystatuga-dayyndyq-zhurip-zhatyr-zhanartyldy", 91005,
    "2023-11-20T11:00:00+06:00",
    _paragraphs(ALAKOL) + ["Жаңартылды: 20 қарашадағы дерек бойынша аудан шаруашылықтары жем-шөп тасымалдауды толық "
                           "аяқтады, қыстақтардың барлығы жылытылды."],
    title="Алакөл ауданында мал қыстатуға дайындық аяқталды")
T_SCHOOLS_RU = _copy(
    TAGDIV, SCHOOLS, "v-taldykorgane-otkrylis-tri-novye-shkoly", 91006, "2025-09-01T09:45:00+05:00", [
        "В преддверии нового учебного года в Талдыкоргане сдали в эксплуатацию три новые школы. Они построены в "
        "микрорайонах «Жастар» и «Коктем», а также в новом жилом массиве у реки Каратал и рассчитаны в общей "
        "сложности на 4 200 учеников.",
        "Две школы возведены в рамках национального проекта «Комфортная школа». В каждом здании есть кабинеты "
        "робототехники, химии и физики, актовый зал на 300 мест, бассейн и столовая. Классы оснащены "
        "интерактивными досками.",
        "На торжественной церемонии присутствовали заместитель акима области Галым Жумабаев, родители и учителя. "
        "Он сообщил, что в этом году в регионе планируется построить семь школ, оставшиеся четыре завершат до "
        "конца года.",
        "По данным областного управления образования, в новые школы приняты 380 педагогов, более 60 из них – "
        "молодые специалисты.",
    ], title="В Талдыкоргане открылись три новые школы", language="ru")
T_SCHOOL_OTHER = _copy(
    TAGDIV, SCHOOLS, "zharkentte-zhana-mektep-ashyldy", 91007, "2025-09-02T10:15:00+05:00", [
        "Жаркент қаласының шығыс бөлігінде 600 орындық жаңа мектеп ашылды. Ғимарат жергілікті бюджет есебінен "
        "бір жарым жылда салынды.",
        "Мектепте 32 сынып бөлмесі, кітапхана, спорт залы және шағын стадион бар. Бастауыш сынып оқушылары үшін "
        "бөлек кіреберіс пен демалыс аймағы жасалған.",
        "Панфилов ауданының білім бөлімі басшысы Айнұр Сейітқызының айтуынша, жаңа мектеп ескі ғимараттағы "
        "кезекті азайтып, екі ауысымды оқуды тоқтатуға мүмкіндік береді.",
        "Алғашқы оқу күні мектепке 540 бала келді, олардың 70-і – бірінші сынып оқушылары. Ұжымға 45 мұғалім "
        "қабылданды.",
    ], title="Жаркентте жаңа мектеп ашылды")
J_BUS_OTHER = _copy(
    JNEWS, BUS, "v-aktobe-izmenili-shemu-marshruta-27", 91008, "2024-06-10T08:40:00+05:00", [
        "В Актобе с понедельника изменилась схема движения автобусного маршрута № 27. Теперь он заходит в "
        "микрорайон Нур-Актобе и делает остановку у новой поликлиники.",
        "Перевозчик добавил на линию пять автобусов, интервал движения сократился до 15 минут. Первый рейс "
        "отправляется в 6:30, последний – в 22:00.",
        "«Жители Нур-Актобе жаловались, что до поликлиники приходится идти пешком больше километра», – "
        "пояснили в городском отделе пассажирского транспорта.",
        "Стоимость проезда не изменилась. Схема маршрута опубликована на сайте акимата и в приложении для "
        "оплаты проезда.",
    ], title="В Актобе изменили схему маршрута № 27")
J_FAIR_LATN = _copy(JNEWS, FAIR, "aqtobede-kuzgi-zharmenke-bastaldy-latyn", 91009, FAIR.published,
                    [to_latin(h) for h in _paragraphs(FAIR)], title=to_latin(FAIR.title), language="kk-Latn")

TAGDIV_ADDED = [T_BUS_REPRINT, T_ALAKOL_UPDATE, T_SCHOOLS_RU, T_SCHOOL_OTHER]
JNEWS_ADDED = [J_ROADS_COPY, J_SCHOOLS_REPRINT, J_BOXING_REPRINT, J_BUS_OTHER, J_FAIR_LATN]
SITES = {TAGDIV.key: replace(TAGDIV, posts=TAGDIV.posts + TAGDIV_ADDED),
         JNEWS.key: replace(JNEWS, posts=JNEWS.posts + JNEWS_ADDED)}

# (site, post, lang) pairs of editions; how each site says so
EDITIONS = [((TAGDIV.key, SCHOOLS, "kk"), (TAGDIV.key, T_SCHOOLS_RU, "ru")),
            ((JNEWS.key, FAIR, "kk"), (JNEWS.key, J_FAIR_LATN, "kk-Latn"))]
# clusters: the earliest copy first, then its copies with the similarity range they must fall in
CLUSTERS = [
    [(TAGDIV.key, ROADS), (JNEWS.key, J_ROADS_COPY, 1.0, 1.0)],
    [(TAGDIV.key, SCHOOLS), (JNEWS.key, J_SCHOOLS_REPRINT, 0.4, 0.95)],
    [(TAGDIV.key, BOXING), (JNEWS.key, J_BOXING_REPRINT, 0.4, 0.95)],
    [(JNEWS.key, BUS), (TAGDIV.key, T_BUS_REPRINT, 0.4, 0.95)],
    [(TAGDIV.key, ALAKOL), (TAGDIV.key, T_ALAKOL_UPDATE, 0.7, 0.99)],
]
CREDITS = {(JNEWS.key, J_SCHOOLS_REPRINT): "Kazinform", (JNEWS.key, J_BOXING_REPRINT): "Kazinform",
           (TAGDIV.key, T_BUS_REPRINT): "Дала хабары"}


# --- the second visit: what became of some stories since the first crawl ---------------------------
# A re-crawl with --full (which also re-visits archived articles discovery no longer lists) must
# give each a new version, a tombstone with its cause, or nothing (a story that moved keeps its row).
ESKELDI = _post(TAGDIV, "eskeldi-audanynda-zhana-madeniet-uii-ashyldy")
FORUM = _post(TAGDIV, "taldyqorganda-onirlik-zhastar-forumy-otti")
HROMTAU = _post(JNEWS, "hromtauda-zhylu-mausymyna-dayyndyq")
TEMIR = _post(JNEWS, "temir-audandyq-kitaphanasy-zhanartyldy")
OLYMPIAD = _post(JNEWS, "aktyubinskie-shkolniki-privezli-shest-medalej-olimpiady")
HARVEST = _post(JNEWS, "aqtobe-oblysynda-egin-oragy-aiaqtaldy")
POOL = _post(JNEWS, "qandyagashta-zhana-zhuzu-basseini-ashyldy")
EDIT = P("Tolyqtyru: forumğa qatysqan jastardyñ 40 jobasy oblystyq granttyq bäsekege usynyldy, qorytyndysy "
         "qazan aiynda şyğady.")
REMOVAL_NOTICE = P("Материал редакция шешімімен алынып тасталды.")
# (site, post) -> (how the site changed it, the start its tombstone's gone_reason must have)
SECOND_VISIT = {
    (TAGDIV.key, FORUM): ("edited", None),
    (TAGDIV.key, ESKELDI): ("to_gallery", "redirected to "),        # 302 to a page of no story (a photo gallery)
    (TAGDIV.key, T_SCHOOL_OTHER): ("notice", "lost its body: "),    # body replaced by a removal notice
    (JNEWS.key, HROMTAU): ("gone_410", "HTTP 410"),                 # 410, still listed
    (JNEWS.key, J_BUS_OTHER): ("removed", "HTTP 404"),              # 404, no longer listed
    (JNEWS.key, TEMIR): ("to_home", "redirected to the home page: "),             # removed: 301 to /
    (JNEWS.key, OLYMPIAD): ("to_listing", "redirected to a listing: "),           # removed: 301 to the registered listing
    (JNEWS.key, HARVEST): ("moved", None),                           # 301 to a new URL, the story unchanged
    (JNEWS.key, POOL): ("soft_404", "the page has no article any more"),          # 200 with the not-found page
}
MOVED_SLUG = HARVEST.slug + "-zhanartylgan"


def build_second_visit(key: str) -> dict[str, Resource]:
    """Demo site ``key`` as the second visit finds it (see :data:`SECOND_VISIT`)."""
    site = SITES[key]
    changes = {post.slug: how for (skey, post), (how, _) in SECOND_VISIT.items() if skey == key}
    posts, moved = [], {}
    for post in site.posts:
        how = changes.get(post.slug)
        if how == "edited":
            post = replace(post, blocks=[*post.blocks, EDIT], modified="2025-09-06T10:00:00+05:00")
        elif how == "notice":
            post = replace(post, blocks=[REMOVAL_NOTICE])
        elif how == "moved":
            moved[site.path(post)] = post = replace(post, slug=MOVED_SLUG)
        elif how in ("removed", "to_home", "to_listing", "to_gallery"):
            post = replace(post, special=REMOVED)
        posts.append(post)
    res = build_site(key, replace(site, posts=posts))
    locations = {"to_home": (301, "/"), "to_listing": (301, get_site(key).listings[0])}
    gallery = next((p for p in site.posts if p.special == "not_article"), None)    # tagDiv's photo gallery
    if gallery is not None:
        locations["to_gallery"] = (302, site.path(gallery))
    for post in site.posts:
        how, path = changes.get(post.slug), site.path(post)
        if how == "gone_410":
            res[path] = replace(res[path], status=410)
        elif how in locations:
            status, location = locations[how]
            res[path] = Resource(status, headers={"Location": location})
        elif how == "soft_404":
            res[path] = Resource(200, body=NOT_FOUND)
        elif how == "moved":
            res[path] = Resource(301, headers={"Location": site.path(moved[path])})
    return res


def url(site_key: str, post: Post) -> str:
    return SITES[site_key].url(post)


def _inject(res: Resource, marker: bytes, markup: str) -> Resource:
    body = res.body
    assert body.count(marker) == 1, marker
    return replace(res, body=body.replace(marker, markup.encode("utf-8") + marker))


def build_site(key: str, site: Site | None = None) -> dict[str, Resource]:
    """Every path of the corpus version of demo site ``key`` (or of ``site``, a changed version of
    it), editions markup included."""
    site = site or SITES[key]
    res = build(site)
    for pair in EDITIONS:
        for (skey, post, lang), (_, other, other_lang) in (pair, pair[::-1]):
            if skey != key:
                continue
            path = site.path(post)
            if site.cms == "tagdiv":      # hreflang links in the head (a WordPress SEO plugin's)
                links = (f'<link rel="alternate" hreflang="{lang}" href="{site.url(post)}" />\n'
                         f'<link rel="alternate" hreflang="{other_lang}" href="{site.url(other)}" />\n'
                         f'<link rel="alternate" hreflang="x-default" href="{site.base_url}/" />\n')
                res[path] = _inject(res[path], b"</head>", links)
            else:                         # a WPML language switcher in the footer
                switcher = (
                    '<div class="wpml-ls-statics-footer wpml-ls wpml-ls-legacy-list-horizontal"><ul>'
                    f'<li class="wpml-ls-slot-footer wpml-ls-item wpml-ls-item-{lang} wpml-ls-current-language">'
                    f'<a href="{site.url(post)}" class="wpml-ls-link"><span class="wpml-ls-native">{lang}</span></a></li>'
                    f'<li class="wpml-ls-slot-footer wpml-ls-item wpml-ls-item-{other_lang.lower()}">'
                    f'<a href="{site.url(other)}" class="wpml-ls-link"><span class="wpml-ls-native" '
                    f'lang="{other_lang}">{other_lang}</span></a></li></ul></div>\n')
                res[path] = _inject(res[path], b"</body>", switcher)
    return res


def truth() -> dict:
    """``articles``: url -> {cluster, duplicate_of, similarity [lo, hi] | None, credited_source};
    ``editions``: sorted url pairs. Every other truth article of the demo sites is in no cluster.
    ``second_visit``: url -> {version, status, gone_reason_starts} after the --full re-crawl of
    :func:`build_second_visit`'s sites."""
    from crawler.demo import load_truth

    articles = {a["url"]: {"cluster": None, "duplicate_of": None, "similarity": None, "credited_source": None}
                for a in load_truth()["articles"]}
    for key, posts in ((TAGDIV.key, TAGDIV_ADDED), (JNEWS.key, JNEWS_ADDED)):
        for post in posts:
            articles[url(key, post)] = {"cluster": None, "duplicate_of": None, "similarity": None,
                                        "credited_source": None}
    for n, cluster in enumerate(CLUSTERS, 1):
        (rkey, root), *copies = cluster
        articles[url(rkey, root)]["cluster"] = n
        for ckey, post, lo, hi in copies:
            articles[url(ckey, post)].update(cluster=n, duplicate_of=url(rkey, root), similarity=[lo, hi])
    for (key, post), source in CREDITS.items():
        articles[url(key, post)]["credited_source"] = source
    editions = sorted(sorted([url(a[0], a[1]), url(b[0], b[1])]) for a, b in EDITIONS)
    # after the second visit: every article still archived, as a new version or a tombstone or as it was
    second = {u: {"version": 1, "status": None, "gone_reason_starts": None} for u in articles}
    for (key, post), (how, cause) in SECOND_VISIT.items():
        entry = second[url(key, post)]
        if how == "edited":
            entry["version"] = 2
        elif cause:
            entry.update(status="gone", gone_reason_starts=cause)
    return {"articles": dict(sorted(articles.items())), "editions": editions,
            "second_visit": dict(sorted(second.items()))}


def dumps() -> str:
    return json.dumps(truth(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    TRUTH_PATH.parent.mkdir(parents=True, exist_ok=True)
    TRUTH_PATH.write_text(dumps(), "utf-8")
    print(f"wrote {TRUTH_PATH}", file=sys.stderr)
