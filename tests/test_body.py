"""Reading a body container into blocks: table-driven, including the markup old CMSs and broken pages produce."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.extract.body import Body, has_boxes, prune, read_body
from crawler.chrome import is_chrome_paragraph


def blocks(html: str):
    return read_body(lxml.html.fragment_fromstring(html, create_parent="div")).blocks


@pytest.mark.parametrize("html, expected", [
    ("<p>Бір.</p><p>Екі.</p>", [("p", "Бір."), ("p", "Екі.")]),
    # DLE-style: text loose in a nested justify div, split at <br>
    ('<div id="n"><div style="text-align:justify">Бірінші.<br><br>Екінші.</div></div>',
     [("p", "Бірінші."), ("p", "Екінші.")]),
    # lines a <br> separates inside one <p> are lines, never glued ("14.<br>Келесі" is not "14.Келесі")
    ("<p>Жиналыс 14-де өтті.<br>Келесі жиналыс <b>мамырда</b>.</p>",
     [("p", "Жиналыс 14-де өтті."), ("p", "Келесі жиналыс мамырда.")]),
    ("<p>Бір абзац.<br><br>Екінші абзац.</p>", [("p", "Бір абзац."), ("p", "Екінші абзац.")]),
    # an unclosed <b> swallowing the rest of a <br>-separated body
    ("<b>Лид.<br><br>Екінші абзац.</b>", [("p", "Лид."), ("p", "Екінші абзац.")]),
    # inline markup inside a paragraph stays one paragraph
    ("<p>Ауыл <b>әкімі</b> <a href='#'>айтты</a>.</p>", [("p", "Ауыл әкімі айтты.")]),
    # loose text before and after a block
    ("Кіріспе<p>Ортасы.</p>Соңы", [("p", "Кіріспе"), ("p", "Ортасы."), ("p", "Соңы")]),
    # headings keep their level; a repeated h1 headline is not body
    ("<h1>Тақырып</h1><h2>Бөлім</h2><p>Мәтін.</p>", [("h2", "Бөлім"), ("p", "Мәтін.")]),
    # list items, and a blockquote wrapping paragraphs
    ("<ul><li>Бір</li><li>Екі</li></ul><blockquote><p>Дәйексөз.</p></blockquote>",
     [("li", "Бір"), ("li", "Екі"), ("p", "Дәйексөз.")]),
    # captions are blocks of their own kind
    ("<figure><img src=x><figcaption>Жаңа мектеп. Сурет: әкімдік</figcaption></figure><p>Мәтін.</p>",
     [("figcaption", "Жаңа мектеп. Сурет: әкімдік"), ("p", "Мәтін.")]),
    # an all-italic line right under an image-only paragraph is that image's caption
    ("<p><img src=x></p><p><em>Жаңа көпір. Сурет: әкімдік</em></p><p><em>Курсивпен жазылған абзац.</em></p>",
     [("figcaption", "Жаңа көпір. Сурет: әкімдік"), ("p", "Курсивпен жазылған абзац.")]),
    # ...or beside it in the same paragraph (WordPress editors: image, line break, italic line)
    ("<p><img src=x><br><em>Бетани Функе (оң жақта)</em></p><p><img src=y> Мәтін <em>курсивпен</em>.</p>",
     [("figcaption", "Бетани Функе (оң жақта)"), ("p", "Мәтін курсивпен.")]),
    ("<p>Мәтін.</p><p><i>Курсив, бірақ суреттің астында емес.</i></p>",
     [("p", "Мәтін."), ("p", "Курсив, бірақ суреттің астында емес.")]),
    # ...also after a loose image and a line break, in a centred div (DLE's editor)
    ("Мәтін.<br><img src=x><br><div style='text-align:center'><span><i>Жеңімпаз</i></span></div><br>Соңы.",
     [("p", "Мәтін."), ("figcaption", "Жеңімпаз"), ("p", "Соңы.")]),
    # a card or button that is one link is a teaser (Ghost bookmark cards, "suggest a story" buttons)
    ("<p>Мәтін.</p><figure class='card'><a href='/b'><div>Басқа жаңалық</div><div>Сипаттама</div></a></figure>"
     "<div><a href='/contact'>Жаңалық ұсыну</a></div><p>Соңы.</p>",
     [("p", "Мәтін."), ("p", "Соңы.")]),
    # ...in any class spelling; a caption that is only a credit line is metadata
    ("<div class='news-detail__img-caption'>Көпір</div><p class='wp-caption-text'>Сурет: әкімдік</p>",
     [("figcaption", "Көпір")]),
    # chrome lines inside bodies are dropped, nbsp-only paragraphs too
    ("<p>Мәтін.</p><p>Тағы оқыңыз: Басқа жаңалық</p><p>Tağy oqyñyz: Basqa</p><p>&nbsp;</p>", [("p", "Мәтін.")]),
    # a list of nothing but links is "related articles", and its heading goes with it
    ("<p>Мәтін.</p><h3>Ұқсас жаңалықтар</h3><ul><li><a href='/a'>Бір жаңалық</a></li>"
     "<li><p class='entry-title'><a href='/b'>Екі жаңалық</a></p></li></ul><p>Соңы.</p>",
     [("p", "Мәтін."), ("p", "Соңы.")]),
    ("<p>Мәтін.</p><p>Тағы да:</p><ol><li><a href='/a'>Бір</a></li><li><a href='/b'>Екі</a></li></ol>",
     [("p", "Мәтін.")]),
    # ...but a list whose items say something besides the link stays, and so does its heading
    ("<h3>Дереккөздер</h3><ul><li>Есеп: <a href='/a'>ҰСБ</a></li><li><a href='/b'>Қаулы</a> 2024</li></ul>",
     [("h3", "Дереккөздер"), ("li", "Есеп: ҰСБ"), ("li", "Қаулы 2024")]),
    # a single linked item is not a list of links
    ("<ul><li><a href='/a'>Жалғыз</a></li></ul>", [("li", "Жалғыз")]),
    # ...a card whose only other text is hidden (a display:none date), and its "Read also..." label
    ("<p>Мәтін.</p><div><div>Тағы оқыңыз...</div><div><a href='/a'><img src=x></a>"
     "<a href='/a'>Басқа жаңалық</a><span style='display: none'>02.05.2022 | 09:37</span></div></div>"
     "<p>Соңы.</p>", [("p", "Мәтін."), ("p", "Соңы.")]),
    # ...but a line with shown text besides its link is prose, and a short line before it stays
    ("<p>Былай...</p><div><a href='/a'>Сілтеме</a> және мәтін <span hidden>жасырын</span></div>",
     [("p", "Былай..."), ("p", "Сілтеме және мәтін жасырын")]),
    # one-link paragraphs to the site's own pages, two or more in a row (an ad slot between them),
    # are "related articles" written as paragraphs; their "You may also like..." label goes too
    ("<p>Мәтін.</p><p>Сізге ұнауы мүмкін...</p><p><a href='/a'>Бір жаңалық</a></p><div class='ad'></div>"
     "<p><a href='/b'>Екі жаңалық</a></p><p>Соңы.</p>", [("p", "Мәтін."), ("p", "Соңы.")]),
    # ...links to other sites in a row are the story's sources, in paragraphs or in a list
    ("<p>Дереккөздер:</p><p><a href='https://www.who.int/x'>www.who.int</a></p>"
     "<p><a href='https://stat.gov.kz/y'>stat.gov.kz</a></p>",
     [("p", "Дереккөздер:"), ("p", "www.who.int"), ("p", "stat.gov.kz")]),
    ("<ul><li><a href='https://www.who.int/x'>ДДСҰ</a></li><li><a href='https://stat.gov.kz/y'>ҰСБ</a></li></ul>",
     [("li", "ДДСҰ"), ("li", "ҰСБ")]),
    # ...and a single linked paragraph is a line of the story
    ("<p>Мәтін.</p><p><a href='/a'>Толық мәтін</a></p>", [("p", "Мәтін."), ("p", "Толық мәтін")]),
    # a short label, a separator and one link to the site's own pages: "read also", any language
    ("<p>Мәтін.</p><p><strong>FUNDA OLUNYE UDABA LAPHA |</strong> <a href='/a'>Kuboshwe abahlanu</a></p>"
     "<p>Les også: <a href='/b'>Tone Damli ofret musikkarrieren</a></p><p>Соңы.</p>",
     [("p", "Мәтін."), ("p", "Соңы.")]),
    # ...but a label pointing to another site is a source, and a sentence ending in a link is prose
    ("<p>Толығырақ: <a href='https://adilet.zan.kz/x'>заң мәтіні</a></p>"
     "<p>Әкімдіктің мәліметінше, жөндеу кестесі мына жерде жарияланды: <a href='/c'>кесте</a></p>",
     [("p", "Толығырақ: заң мәтіні"), ("p", "Әкімдіктің мәліметінше, жөндеу кестесі мына жерде жарияланды: кесте")]),
    # a subheading that is wholly a link is a teaser card's title
    ("<p>Мәтін.</p><h3><a href='/other'>Басқа мақала</a></h3>", [("p", "Мәтін.")]),
    # ...but one linking to another site names what the section is about (a product, a source)
    ("<p>Мәтін.</p><h3><a href='https://shop.example.com/p/72'>Satechi 72W USB-C</a></h3><p>Соңы.</p>",
     [("p", "Мәтін."), ("h3", "Satechi 72W USB-C"), ("p", "Соңы.")]),
    # a live blog entry's stamp (a <time> and a label or a name) is not the entry's text
    ("<div class='entry'><div class='entry-info'><time datetime='2024-08-05T20:42'>20:42</time>"
     "<mark>KEY EVENT</mark></div><p>Гол соғылды.</p></div>"
     "<div class='entry'><p>Жаңартылды <time>20:11</time> Әсел Мұратова</p><p>Үзіліс.</p></div>",
     [("p", "Гол соғылды."), ("p", "Үзіліс.")]),
    # ...a <time> inside a sentence leaves the sentence whole
    ("<p>Жиналыс <time datetime='2024-05-14'>14 мамырда</time> әкімдікте өтеді, барлығы шақырылады.</p>",
     [("p", "Жиналыс 14 мамырда әкімдікте өтеді, барлығы шақырылады.")]),
    # a data table, row by row
    ("<table><tr><th>Аудан</th><th>Тонна</th></tr><tr><td>Қарасай</td><td>1 200</td></tr></table>",
     [("p", "Аудан | Тонна"), ("p", "Қарасай | 1 200")]),
    # a layout table (old CMS bodies): its cells are read as sections, not squeezed into one row
    ("<table><tbody><tr><td><p>" + "Ұзын абзац. " * 30 + "</p><p>Екінші.</p></td></tr></tbody></table>",
     [("p", ("Ұзын абзац. " * 30).strip()), ("p", "Екінші.")]),
    # soft hyphens and zero-width spaces are typesetting: search must find the whole word
    ("<p>Қаз\u00adақ\u00adстан\u200b жері.</p>", [("p", "Қазақстан жері.")]),
])
def test_read_body(html, expected):
    assert blocks(html) == expected


@pytest.mark.parametrize("text, chrome", [
    ("Читайте также: В Актобе открыли школу", True),
    ("Наши новости теперь в WhatsApp!", True),
    ("- Advertisment -", True),
    ("Источник: Управление сельского хозяйства Костанайской области", True),
    ("Источник в акимате сообщил, что работы завершат к осени, а подрядчик уже получил аванс.", False),
    ("Читатели газеты также отметили, что дорогу отремонтировали вовремя.", False),
    ("Telegram арнасында жарияланған мәліметке сәйкес, жол жөнделді.", False),
    # one spelling in the list, every script and decoration on the page
    ("Taǵy oqyńyz: Aqtóbede jańa saiabaq", True),
    ("Тагы окыныз: Ақтөбеде жаңа саябақ", True),
    ("👉 WhatsApp арнамызға жазылыңыз", True),
    ("➡️ «Читайте также»: Новая школа в Таразе", True),
    ("— Jarnama —", True),
    ("РЕКЛАМА", True),
    # a short prompt that ends in a subscription phrase; a long paragraph that does is prose
    ("Жаңалықтарды бірінші болып оқығыңыз келсе, YouTube арнамызға жазылыңыз", True),
    ("Хотите узнавать новости первыми? Подписывайтесь на наш Telegram-канал", True),
    ("Подписывайтесь на нас в WhatsApp", True),
    ("Sign up for our emails", True),
    # bare labels of ad slots, comment sections and script-only widgets
    ("READ NEXT: Cape Town heads into a weekend of shifting skies", True),
    ("Click here to read the full report of the commission.", True),
    ("Residents said they had to click here and there on the akimat site for hours.", False),
    # credit lines in Kazakh Latin and English
    ("Foto: Kazinform", True),
    ("Photo: Akimat of Almaty", True),
    ("Derekkóz: Qazinform", True),
    ("Advert", True),
    ("Комментарии", True),
    ("Пікірлер:", True),
    ("This slideshow requires JavaScript.", True),
    ("Пікірлер көп болды: тұрғындар жаңа аялдаманы қолдады.", False),
    # an unrendered WordPress shortcode; square brackets in prose are text
    ("[button link=\u201dhttp://example.kz/submit/\u201d type=\u201dbig\u201d] Send us YOUR kit review[/button]", True),
    ("[caption id=\"attachment_12\"]Көпір[/caption]", True),
    ("Есепте [1] және [2] дереккөздер келтірілген.", False),
    ("Get the Astana news you need. Sign up to our newsletter", True),
    ("The akimat asked residents to sign up for the new bus routes before spring.", False),
    ("Ауыл тұрғындары " + "жаңа жол туралы көп айтты, " * 8 + "сондықтан арнамызға жазылыңыз", False),
    # counters and tag lines under the text
    ("1 284", True),
    ("12.05.2024 10:15", True),
    ("+7 727 123-45-67", False),
    ("8-800-080-7777", False),
    ("4236 рет көрсетілді", True),
    ("1 284 рет оқылды", True),
    ("24 мин оқу үшін", True),
    ("5 минут чтения", True),
    ("3 417 просмотров", True),
    ("2 min read", True),
    ("1 of 6", True),
    ("3 из 12", True),
    ("1 of 6 residents said the road was never repaired.", False),
    ("12 рет көрсетілді деп хабарлады ведомство, бірақ дерек толық емес.", False),
    ("Фильм 3 рет көрсетілді.", False),
    ("Қаралды: 1 284", True),
    ("Tegter: Atyrau, su tasqyny", True),
    ("Теги: паводок, Атырау", True),
    ("2024 жылы ауданда 1 284 бала мектепке барды.", False),
])
def test_chrome_phrases_match_lines_not_mentions(text, chrome):
    assert is_chrome_paragraph(text) is chrome


@pytest.mark.parametrize("html, boxed", [
    ("<p>Мәтін.</p><p>Екінші.</p>", False),
    ("<p>Мәтін.</p><figure class='wp-block-embed-youtube'><iframe></iframe></figure>", False),
    ("<div class='elementor-widget-container'><p>Мәтін.</p></div>", False),
    # an embedded post is the story quoting it, whatever its wrapper is called
    ("<p>Мәтін.</p><div class='social-media-embed'><blockquote class='twitter-tweet'><p>Пост.</p>"
     "</blockquote></div>", False),
    ("<p>Мәтін.</p><div class='yarpp-related-widget'><a href='/a'>Басқа</a></div>", True),
    ("<p>Мәтін.</p><div id='author-bio'>Автор туралы</div>", True),
    ("<p>Мәтін.</p><div class='post-ratings'>★★★</div>", True),
    # previous/next story links, in either spelling
    ("<p>Мәтін.</p><div class='article_details_prev_next'><span>Келесі жаңалық</span></div>", True),
    ("<p>Мәтін.</p><div class='post-prev-next'><a href='/a'>Алдыңғы</a></div>", True),
    # a tag list closing the post (the profile reads the tags before the body)
    ("<p>Мәтін.</p><div class='post-tags'><a href='/tag/a'>жол</a><a href='/tag/b'>әкімдік</a></div>", True),
])
def test_has_boxes(html, boxed):
    assert has_boxes(lxml.html.fragment_fromstring(html, create_parent="div")) is boxed


@pytest.mark.parametrize("html, expected", [
    # Blogger: the story is a script template for the browser; its <noscript> copy is the text
    ("<script type='text/template'><p>Бір.</p><p>Екі.</p></script>"
     "<noscript><p>Бір.</p><p>Екі.</p></noscript>", [("p", "Бір."), ("p", "Екі.")]),
    # a body shown as well as its <noscript> fallback is read once
    ("<p>Бір.</p><noscript><p>Бір.</p></noscript>", [("p", "Бір.")]),
    # a <noscript> pixel or lazy image is no text
    ("<p>Бір.</p><noscript><img src='x.jpg'></noscript>", [("p", "Бір.")]),
    ("<noscript><img src='x.jpg'></noscript>", []),
])
def test_pruned_body_reads_the_noscript_copy_of_a_script_rendered_story(html, expected):
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    prune(container, ())
    assert read_body(container).blocks == expected


@pytest.mark.parametrize("blocks, kept", [
    # the title of a related-posts or comments box whose items are gone
    ([("p", "Мәтін."), ("h3", "Ұқсас жаңалықтар")], [("p", "Мәтін.")]),
    ([("p", "Мәтін."), ("h2", "Пікірлер"), ("h4", "Tell us what YOU think...")], [("p", "Мәтін.")]),
    # a pull quote set as a heading is two sentences: the story's
    ([("p", "Мәтін."), ("h4", "Ол үйге қайтты. Бірақ есік жабық еді.")],
     [("p", "Мәтін."), ("h4", "Ол үйге қайтты. Бірақ есік жабық еді.")]),
    # a long heading is no box title
    ([("p", "Мәтін."), ("h3", "Барлық өнімдерді және тағы басқаларын біздің дүкеннен таба аласыздар, жеңілдіктер басталды")],
     [("p", "Мәтін."), ("h3", "Барлық өнімдерді және тағы басқаларын біздің дүкеннен таба аласыздар, жеңілдіктер басталды")]),
    # a last line ending with a colon introduces the story's own photos or posts
    ([("p", "Мәтін."), ("p", "Толық фотосуреттер:")], [("p", "Мәтін."), ("p", "Толық фотосуреттер:")]),
    # a caption at the end is a caption; headings elsewhere stay
    ([("h2", "Кіріспе"), ("p", "Мәтін."), ("figcaption", "Сурет")], [("h2", "Кіріспе"), ("p", "Мәтін."), ("figcaption", "Сурет")]),
    ([("h2", "Бір ғана тақырып")], []),
])
def test_a_heading_left_at_the_end_of_a_body_goes(blocks, kept):
    body = Body(list(blocks))
    body.drop_dangling_end()
    assert body.blocks == kept


TEXT = "Облыстық мәслихат сессиясында бюджет түзетулері қаралды, депутаттар жобаны қолдады."


@pytest.mark.parametrize("box, kept", [
    # a label of its own element and one link to another story of the site: a teaser, any label
    ("<div class='inj'><img src='/a.jpg'><div class='name'>Вопрос-ответ</div>"
     "<a href='/news/2'><span>Что известно о нападавшем?</span></a></div>", []),
    ("<div><div>Тақырыпқа қатысты</div><a href='/news/3'>Ауданда жаңа мектеп ашылды</a></div>", []),
    ("<div class='relative'><img src='/b.jpg'><div><a href='/news/4'>Гетто мигрантов</a>"
     "<span>Подробнее</span></div></div>", []),
    # links a <br> separates are all the box shows (an SEO block), even to other sites
    ("<div id='ln'><a href='http://a.example/'>онлайн-справочник</a><br><a href='http://b.example/'>планшеты</a></div>", []),
    # a sentence with a link in a div is text, as is a label linking to another site (a source)
    ("<div>Об этом сообщает <a href='/press'>пресс-служба акимата</a></div>", ["Об этом сообщает пресс-служба акимата"]),
    ("<div><div>Источник</div><a href='https://other.example/report'>Доклад ООН о миграции</a></div>",
     ["Источник", "Доклад ООН о миграции"]),
])
def test_teaser_boxes_in_the_text_go(box, kept):
    assert blocks(f"<div><p>{TEXT}</p>{box}<p>{TEXT} 2</p></div>") == [("p", TEXT), *(("p", k) for k in kept), ("p", TEXT + " 2")]


def test_a_card_the_parser_leaves_inside_a_paragraph_is_read_as_a_box():
    """The HTML parser closes a <p> at a <div> but not at a <figure>: the paragraph's text stays one
    block and the card in the figure goes."""
    html = (f"<div><p>{TEXT}<figure><div class='relative'><img src='/c.jpg'><div>"
            "<a href='/news/5'>Хроника событий</a><span>Подробнее</span></div></div></figure></p></div>")
    assert blocks(html) == [("p", TEXT)]
