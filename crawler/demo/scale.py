"""Bigger copies of the demo sites for benchmarks: ``build_site(key, scale=N)``.

Each generated article mixes 3-5 paragraphs of the hand-written articles *in the same language*
(picked and ordered by a seeded RNG), perturbs the numbers, takes its headline from its lead
sentence, and gets its own slug and date,
so no two generated pages are exact or near duplicates that a dedup stage would fold together.
Dates run evenly from January 2023 to October 2025 with the right Asia/Almaty offset.
Every generated article is listed in the sitemap(s) and the feed; there are no traps and no truth.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import datetime, timedelta

from .model import Ad, P, Site, almaty_offset

PLACES = {
    "demo-tagdiv": {
        "kk": ["Талдықорған", "Жаркент", "Үштөбе", "Текелі", "Сарқан", "Үшарал", "Қарабұлақ", "Балпық би",
               "Сарыөзек", "Жансүгіров", "Лепсі", "Көктал"],
        "ru": ["Талдыкорган", "Жаркент", "Уштобе", "Текели", "Сарканд", "Ушарал", "Карабулак", "Балпык би"],
        "kk-Latn": ["Taldyqorǵan", "Jarkent", "Úshtóbe", "Tekeli", "Sarqan", "Úsharal", "Qarabulaq"],
    },
    "demo-jnews": {
        "kk": ["Ақтөбе", "Қандыағаш", "Хромтау", "Шалқар", "Ырғыз", "Темір", "Ембі", "Алға", "Қарауылкелді",
               "Мәртөк", "Ойыл", "Жем"],
        "ru": ["Актобе", "Кандыагаш", "Хромтау", "Шалкар", "Иргиз", "Темир", "Эмба", "Алга"],
        "kk-Latn": ["Aqtóbe", "Qandyaǵash", "Hromtaý", "Shalqar", "Yrǵyz", "Temir", "Embi"],
    },
}
START = datetime(2023, 1, 2, 8, 0)
END = datetime(2025, 10, 31, 20, 0)


def _perturb(text: str, rng: random.Random) -> str:
    """Shift the counts in a paragraph (numbers >= 10 that are not years or clock times) a little."""
    def shift(m: re.Match) -> str:
        n = int(m.group())
        return m.group() if n < 10 or 1900 <= n <= 2100 else str(n + rng.randint(1, max(2, n // 10)))
    return re.sub(r"(?<![\d:,])\d+(?![\d:,])", shift, text)


def _headline(lead: str) -> str:
    """A headline from the lead: its first sentence, or its first clause, or its first ten words."""
    sentence = re.split(r"(?<=[.!?])\s", lead)[0].rstrip(".!?")
    clause = sentence.split(",")[0]
    if len(sentence.split()) <= 14:
        return sentence
    if 5 <= len(clause.split()) <= 14:
        return clause
    return " ".join(sentence.split()[:10]).rstrip(",;:–")


def _iso(local: datetime) -> str:
    return local.isoformat() + almaty_offset(local)


def scaled_site(site: Site, n: int) -> Site:
    """A copy of ``site`` with ``n`` generated articles (and none of the hand-written traps)."""
    bases = [p for p in site.posts if p.is_truth_article]
    pools: dict[str, list[str]] = {}
    for post in bases:
        pools.setdefault(post.language, []).extend(b.html for b in post.blocks if isinstance(b, P))
    places = PLACES[site.key]
    step = (END - START) / max(n, 1)
    posts = []
    for i in range(n):
        rng = random.Random(i * 7919 + len(site.key))
        base = bases[i % len(bases)]
        pool = pools[base.language]
        lead = rng.choice([h for h in pool if not h.startswith(("«", "<"))])
        rest = rng.sample([h for h in pool if h != lead], min(len(pool) - 1, rng.randint(2, 4)))
        paras = [P(_perturb(h, rng)) for h in [lead] + rest]
        local = (START + step * i).replace(second=0, microsecond=0) + timedelta(minutes=rng.randint(0, 59))
        place = places[base.language][(i // len(bases)) % len(places[base.language])]
        title = _headline(paras[0].text)
        title = f"{place}: {title}" if rng.random() < 0.6 else title
        posts.append(replace(
            base, slug=f"{base.slug}-{i + 1}", title=title,
            published=_iso(local),
            modified=_iso(local + timedelta(hours=rng.randint(1, 30), seconds=rng.randint(0, 59))),
            captured=(END + timedelta(days=rng.randint(1, 3))).date().isoformat(),  # crawled after the last post
            post_id=100000 + i, special=None, prefix="", subtitle=None,
            blocks=paras[:2] + [Ad()] + paras[2:]))
    newest = posts[::-1]
    return replace(site, posts=posts, popular=[p.slug for p in newest[:4]],
                   recent_comments=[("Нұрлан", newest[0].slug), ("Айгүл", newest[1].slug)], per_page=10)
