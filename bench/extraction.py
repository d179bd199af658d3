"""Extraction benchmark: `python -m bench.extraction [--articles 10000] [--baseline-sample 300]`.

Generates realistic ~7 KB news articles (English and Russian) from templates:
page furniture, a dateline, paragraphs with absolute dates, year-less dates,
weekdays, relative expressions, offsets and quotations, padded with plain
prose. Measures `extract()` alone in this process (articles/s, MB/s, peak
memory), then plain `search_dates` on a sample of the same texts, extrapolated.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import time
import tracemalloc
from datetime import datetime, timedelta, timezone

from claims.extraction import extract
from claims.extraction.baseline import baseline_claims
from claims.extraction.types import ArticleText

EN_MONTHS = "January February March April May June July August September October November December".split()
RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
RU_MONTHS_IN = "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split()
EN_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
RU_DAYS = "понедельник вторник среду четверг пятницу субботу воскресенье".split()

EN_FURNITURE = "twitter\nyoutube\nfacebook\ntelegram\nsearch\n\nAll rights reserved © {year}\nANALYTICS\nA+\nA-\n\n"
RU_FURNITURE = "вконтакте\nтелеграм\nпоиск\n\n© {year} Все права защищены\nАНАЛИТИКА\nA+\nA-\n\n"
EN_TAIL = "\n\nViews: {views}\n\nshare\nprint\ncopy link\n"
RU_TAIL = "\n\nПросмотров: {views}\n\nподелиться\nпечать\n"

EN_SENTENCES = [
    "The delegation arrived in the capital on {mon} {d}, {y}, for talks on energy and transit.",
    "Officials said the agreement signed on {d} {mon} {y} would be reviewed {rel}.",
    "The minister met business leaders {relday} and is due in the region on {wd}.",
    "In {mon} last year, the two governments signed a memorandum on critical minerals.",
    "Earlier this month, more than {n} delegations took part in a ministerial meeting.",
    "Exactly {n2} months later, the parties adopted a joint declaration.",
    "The talks follow a visit in {y0}, the first at this level in nearly twenty years.",
    "\u201cWe will meet again tomorrow,\u201d the envoy said on {wd}, {mon} {d}.",
    "Construction could begin as early as {y1}, according to one adviser.",
    "A second round is planned for {mon} in the capital, officials said.",
    "The project, worth $5 billion, would take six months to complete after the 44-day war.",
    "The summit will be held on {mon} {d}\u2013{d2}, {y}, in Geneva.",
]
RU_SENTENCES = [
    "Делегация прибыла в столицу {d} {rmon} {y} года для переговоров по энергетике.",
    "Вчера министр провел встречу с представителями бизнеса, а в {rwd} отправится в регион.",
    "В {rmon_in} прошлого года стороны подписали меморандум о сотрудничестве.",
    "На прошлой неделе более {n} делегаций приняли участие в министерской встрече.",
    "Визит состоялся {d}\u2013{d2} {rmon}, а накануне стороны согласовали текст хартии.",
    "Предыдущий визит такого уровня состоялся в {rmon_in} {y0} года.",
    "Спустя шесть месяцев стороны приняли совместную декларацию.",
    "Строительство может начаться уже в {y1} году, сообщил советник.",
]
EN_FILLER = (
    "Analysts said the region's transport corridors are becoming increasingly significant amid the global "
    "restructuring of logistics and energy chains, and that the partnership rests on aligned interests, "
    "economic rationality and manageable risks. "
)
RU_FILLER = (
    "Аналитики отмечают, что транспортные коридоры региона приобретают все большее значение на фоне "
    "глобальной перестройки логистических и энергетических цепочек, а партнерство основано на общих интересах. "
)


def make_article(rng: random.Random, index: int) -> ArticleText:
    russian = index % 4 == 3  # a quarter in Russian
    published = datetime(2024, 1, 1, 8, tzinfo=timezone(timedelta(hours=rng.choice([0, 3, 4, -5])))) + timedelta(
        days=rng.randrange(900), minutes=rng.randrange(600)
    )
    pieces = [(RU_FURNITURE if russian else EN_FURNITURE).format(year=published.year)]
    pieces.append(f"{published:%d} {RU_MONTHS[published.month - 1] if russian else EN_MONTHS[published.month - 1]} "
                  f"{published.year} {published:%H:%M}\n\n")
    sentences, filler = (RU_SENTENCES, RU_FILLER) if russian else (EN_SENTENCES, EN_FILLER)
    size = 0
    while size < 6600:
        month = rng.randrange(12)
        day = rng.randrange(1, 27)
        values = {
            "mon": EN_MONTHS[month], "rmon": RU_MONTHS[month], "rmon_in": RU_MONTHS_IN[month], "d": day,
            "d2": day + 1, "y": rng.choice([published.year - 1, published.year]), "y0": rng.randrange(1990, 2020),
            "y1": published.year + rng.randrange(1, 4), "wd": rng.choice(EN_DAYS), "rwd": rng.choice(RU_DAYS),
            "rel": rng.choice(["next month", "next year", "this week"]), "relday": rng.choice(["yesterday", "today"]),
            "n": rng.randrange(10, 60), "n2": rng.choice(["three", "six", "nine"]),
        }
        paragraph = " ".join(rng.choice(sentences).format(**values) for _ in range(2)) + " " + filler * rng.randrange(2, 5)
        pieces.append(paragraph.strip() + "\n\n")
        size += len(paragraph)
    pieces.append((RU_TAIL if russian else EN_TAIL).format(views=rng.randrange(50, 5000)))
    return ArticleText("".join(pieces), "ru" if russian else "en", published)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--baseline-sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    articles = [make_article(rng, i) for i in range(args.articles)]
    chars = sum(len(a.text) for a in articles)
    megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    for article in articles[:20]:  # compile the patterns outside the timing
        extract(article)

    started = time.perf_counter()
    claims = sum(len(extract(article).claims) for article in articles)
    elapsed = time.perf_counter() - started

    tracemalloc.start()
    for article in articles[:500]:
        extract(article)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rate = len(articles) / elapsed
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"articles: {len(articles)} ({chars / len(articles) / 1000:.1f} K characters each on average, "
          f"{megabytes:.1f} MB UTF-8), {claims} claims")
    print(f"extract(): {elapsed:.2f} s, {rate:.0f} articles/s, {megabytes / elapsed:.2f} MB/s")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB RSS for the whole process; "
          f"{traced_peak / 1e6:.2f} MB traced peak while extracting 500 articles")
    if args.baseline_sample <= 0:
        print("search_dates baseline: skipped (--baseline-sample 0)")
        return
    sample = articles[: args.baseline_sample]
    started = time.perf_counter()
    for article in sample:
        baseline_claims(article.text, article.language, article.published_at)
    baseline_elapsed = time.perf_counter() - started
    baseline_rate = len(sample) / baseline_elapsed
    print(f"search_dates baseline: {baseline_rate:.1f} articles/s measured on the first {len(sample)} texts "
          f"({baseline_elapsed:.1f} s), about {len(articles) / baseline_rate:.0f} s extrapolated to all {len(articles)}")
    print(f"speed-up over the baseline: {rate / baseline_rate:.0f}x")


if __name__ == "__main__":
    main()
