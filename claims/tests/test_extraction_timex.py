"""Every TIMEX3 type: what the extractor says of durations, recurrences, times of day and vague
references, the TIMEX3 value and mod of dates, and the tense rules the TimeML work added."""

from datetime import date, datetime, timezone

import pytest

from claims.extraction import extract
from claims.extraction.types import ArticleText, TimexType

# A Tuesday.
PUBLISHED = datetime(2013, 3, 19, 14, 0, tzinfo=timezone.utc)


def timexes(text: str, published: datetime | None = PUBLISHED) -> list[tuple[str, str, str, str]]:
    return [(c.text, c.timex_type.value, c.timex_value, c.timex_mod) for c in extract(ArticleText(text, "en", published)).claims]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prices were frozen for six years.", ("six years", "DURATION", "P6Y", "")),
        ("She ended a two-day visit.", ("two-day", "DURATION", "P2D", "")),
        ("The miners were trapped for about 40 hours.", ("about 40 hours", "DURATION", "PT40H", "APPROX")),
        ("The talks lasted more than four hours.", ("more than four hours", "DURATION", "PT4H", "MORE_THAN")),
        ("It has happened for years.", ("years", "DURATION", "PXY", "")),
        ("Sales fell in recent months.", ("recent months", "DURATION", "PXM", "")),
        ("Output rose over the past two quarters.", ("the past two quarters", "DURATION", "P2Q", "")),
        ("They lived in camps for 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M", "")),
        ("She spent 5 1/2 hours there.", ("5 1/2 hours", "DURATION", "PT5H30M", "")),
        ("The crew waited two and a half years.", ("two and a half years", "DURATION", "P2Y6M", "")),
        ("The speech lasted an hour and a half.", ("an hour and a half", "DURATION", "PT1H30M", "")),
        ("The loan may be extended for an additional year.", ("an additional year", "DURATION", "P1Y", "")),
        ("Lawyers left a day-long meeting.", ("day-long", "DURATION", "P1D", "")),
        ("It ended a decades-long feud.", ("decades-long", "DURATION", "PXDE", "")),
        ("Wages rose over the past year.", ("the past year", "DURATION", "P1Y", "")),
        ("It grew over the past decade.", ("the past decade", "DURATION", "P10Y", "")),
        # tens and tens-and-ones said as words, hyphenated or not
        ("The ceasefire lasts no more than sixty days.", ("no more than sixty days", "DURATION", "P60D", "EQUAL_OR_LESS")),
        ("Rescuers worked for twenty-four hours.", ("twenty-four hours", "DURATION", "PT24H", "")),
        ("The vote came after thirty six hours of talks.", ("thirty six hours", "DURATION", "PT36H", "")),
        ("The feud went on for almost a hundred years.", ("almost a hundred years", "DURATION", "P100Y", "APPROX")),
    ],
)
def test_it_reads_durations_as_an_amount_and_a_unit(text, expected):
    assert timexes(text) == [expected]


def test_it_anchors_a_duration_the_text_counts_from_the_moment_of_writing():
    claim = extract(ArticleText("Prices doubled over the past three years.", "en", PUBLISHED)).claims[0]
    assert (claim.timex_value, claim.interval.start, claim.interval.end) == ("P3Y", date(2010, 3, 20), date(2013, 3, 19))


def test_a_duration_dates_no_happening_and_keeps_no_interval_when_unanchored():
    claim = extract(ArticleText("The group was given six months to draft it.", "en", PUBLISHED)).claims[0]
    assert claim.interval is None
    assert not claim.dates_a_happening


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The report is reviewed annually.", ("annually", "SET", "P1Y", "")),
        ("Inspectors visit twice a week.", ("twice a week", "SET", "P1W", "")),
        ("The board meets every Monday.", ("every Monday", "SET", "XXXX-WXX-1", "")),
        ("Residents pay $40 a month.", ("a month", "SET", "P1M", "")),
        ("Flights now leave every day.", ("now", "DATE", "PRESENT_REF", "")),
        # an amount the text leaves open, ago: a past it does not count
        ("Support rose from 35 percent several years ago.", ("several years ago", "DATE", "PAST_REF", "")),
        ("Holders may buy shares at half the then current price.", ("then current", "DATE", "PAST_REF", "")),
        ("Prosecutors may soon seek an indictment.", ("soon", "DATE", "FUTURE_REF", "")),
        ("It wants to sell the unit as soon as possible.", ("as soon as possible", "DATE", "FUTURE_REF", "")),
        ("Margins will stay thin in the near term.", ("the near term", "DATE", "FUTURE_REF", "")),
        ("The cut may calm lenders in the short term.", ("the short term", "DATE", "FUTURE_REF", "")),
    ],
)
def test_it_reads_recurrences_and_references(text, expected):
    assert expected in timexes(text)


def test_sets_and_references_date_no_happening():
    claims = extract(ArticleText("The council meets weekly and currently has nine members.", "en", PUBLISHED)).claims
    assert [(c.timex_type, c.dates_a_happening) for c in claims] == [(TimexType.SET, False), (TimexType.DATE, False)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Officials met Monday afternoon.", ("Monday afternoon", "TIME", "2013-03-18TAF", "")),
        ("The hearing starts at 6:30 p.m. March 20.", ("6:30 p.m. March 20", "TIME", "2013-03-20T18:30", "")),
        ("The vote was held at 4 p.m. Monday.", ("4 p.m. Monday", "TIME", "2013-03-18T16:00", "")),
        ("Power returned this morning.", ("this morning", "TIME", "2013-03-19TMO", "")),
        ("The storm hit last night.", ("last night", "TIME", "2013-03-18TNI", "")),
        # the part of the day written before the day
        ("Shares rose at mid-afternoon yesterday.", ("mid-afternoon yesterday", "TIME", "2013-03-18TAF", "MID")),
    ],
)
def test_it_reads_times_of_day_as_time_values(text, expected):
    assert timexes(text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Snow fell in early December.", ("early December", "DATE", "2012-12", "START")),
        ("Work ends by the end of the year.", ("the end of the year", "DATE", "2013", "END")),
        ("Prices rose in mid-2014 and fell.", ("mid-2014", "DATE", "2014", "MID")),
        ("It was built in the early 1990s.", ("the early 1990s", "DATE", "199", "START")),
        # a decade by its last two digits: the latest one begun by the time of writing
        ("Sales were flat through the '80s.", ("the '80s", "DATE", "198", "")),
        ("Jazz filled the clubs of the '20s.", ("the '20s", "DATE", "192", "")),
        ("The plant closed last June.", ("last June", "DATE", "2012-06", "")),
        # "last" before an abbreviated month with its day: the day, not the month
        ("He was shot to death last Oct. 23 at his home.", ("Oct. 23", "DATE", "2012-10-23", "")),
        ("It sold itself under a June agreement with a shareholder.", ("June", "DATE", "2012-06", "")),
        ("Talks resume next Friday.", ("next Friday", "DATE", "2013-03-22", "")),
        ("Profit rose in the third quarter.", ("the third quarter", "DATE", "2013-Q3", "")),
        ("They met last week.", ("last week", "DATE", "2013-W11", "")),
        ("The shop will open on Christmas Day.", ("Christmas Day", "DATE", "2013-12-25", "")),
        ("It recalled the 2010 commando raid.", ("2010", "DATE", "2010", "")),
        ("It was the worst war of the 20th century.", ("the 20th century", "DATE", "19", "")),
        ("Profit rose by the end of year.", ("the end of year", "DATE", "2013", "END")),
        ("Spending grows this fiscal year.", ("this fiscal year", "DATE", "2013", "")),
        # "the week of" a day is that day's week
        ("A hearing may be held the week of March 25.", ("the week of March 25", "DATE", "2013-W13", "")),
        ("Talks began the week of March 4, 2013.", ("the week of March 4, 2013", "DATE", "2013-W10", "")),
    ],
)
def test_it_gives_dates_their_timex_value_and_the_narrowing_word_as_mod(text, expected):
    assert timexes(text) == [expected]


def test_a_second_day_after_a_month_and_day_is_that_day_of_the_same_month():
    assert timexes("The summit will be held on April 24 and 25.") == [
        ("April 24", "DATE", "2013-04-24", ""), ("25", "DATE", "2013-04-25", "")]
    assert timexes("On April 24 and 25 people died.") == [("April 24", "DATE", "2012-04-24", "")]


def test_it_ends_a_possessive_weekday_before_the_s():
    assert timexes("Friday's vote was close.")[0][:3] == ("Friday", "DATE", "2013-03-15")


@pytest.mark.parametrize(
    "text, value",
    [
        # "published" after "be" is a participle: "is due" decides
        ("The report is due to be published in May.", "2013-05"),
        # the present tense nearest to the date leaves the nearer occurrence
        ("The reduced dividend is payable Jan. 2 to holders.", "2014-01-02"),
        # "said" after the date dates the report, not the record day
        ("The split is payable to stock of record April 2, the company said.", "2013-04-02"),
        # the weekday of writing: a future marker keeps today
        ("Strikes would cause disruption on Tuesday.", "2013-03-19"),
        # a past verb before a limit dates the decision: the nearer occurrence
        ("The offer was extended until April 2.", "2013-04-02"),
        # after "is" the auxiliary gives the tense, after an article the "-ed" word is an adjective
        ("The relatives lose when the case is heard in May.", "2013-05"),
        ("It will be paid on a still unspecified date in April.", "2013-04"),
        # after a preposition a past form is an adjective
        ("Holders will receive it in preferred shares on April 2.", "2013-04-02"),
        # a modal before "have" looks back
        ("On April 8 he could have left.", "2012-04-08"),
        # "said" right after the weekday is its own verb, not a report of a later one
        ("Bush on Monday said the navy may extend the quarantine.", "2013-03-18"),
        # a plan already made ("had been set to") may be for either side of the writing: the nearer
        ("The offer had been set to expire Monday.", "2013-03-18"),
        # a date that opens its sentence: the verb after the comma is its own, not a report
        ("In September, it announced plans to acquire the business.", "2012-09"),
        # an infinitive passive looks ahead of the verb that reports it
        ("It said it plans a share sale, to be completed around Nov. 1.", "2013-11-01"),
        # "next to" is a place, not a future
        ("Ten people were hurt in the blast next to the embassy on Friday.", "2013-03-15"),
        # the weekday written with the date names the year
        ("The Times said in an editorial on Monday, March 25:", "2013-03-25"),
        # "since" looks back, though the next April 2 is nearer
        ("Roads have been closed since the April 2 flood.", "2012-04-02"),
        # an infinitive after a past verb: a plan made in the past, for the nearer occurrence;
        # "to" before an article is a place, and the past verb keeps its date
        ("The board voted to sell the plant in April.", "2013-04"),
        ("The board sold the plant to a rival in April.", "2012-04"),
        # a past auxiliary before a plan word is the plan's, not a past of its own
        ("A second protest on Thursday was planned by the farmers.", "2013-03-21"),
        # a marker past "that" is the next clause's tense
        ("Ministers dismissed the engineers' warnings on Monday that it could fail.", "2013-03-18"),
        # before "by" a past form is passive, no past verb: "will" decides
        ("Airlines will add flights by October to cities untouched by the slump.", "2013-10"),
        # "as soon as" looks ahead
        ("Crews reported that the line reopens as soon as Friday.", "2013-03-22"),
    ],
)
def test_it_points_year_less_dates_and_weekdays_the_way_their_clause_does(text, value):
    dated = [t for t in timexes(text) if t[1] == "DATE"]
    assert dated[0][2] == value


def test_a_year_less_date_a_day_or_two_behind_the_time_stamp_is_that_day_whatever_the_tense():
    # a copy sent on Jan. 15 of a story written the day before
    published = datetime(2013, 1, 15, 9, 0, tzinfo=timezone.utc)
    assert timexes("Officials would return the boy to his father by Jan. 14.", published)[0][2] == "2013-01-14"
    assert timexes("Officials would return the boy to his father by Jan. 20.", published)[0][2] == "2013-01-20"


def test_a_year_ago_after_a_quarter_is_that_quarter_of_the_year_before():
    text = "Profit rose in the third quarter to $5 million from $4 million a year ago."
    assert timexes(text)[-1] == ("a year ago", "DATE", "2012-Q3", "")


def test_a_year_ago_comparison_is_the_named_quarter_of_the_year_before_and_never_counts_from_another():
    text = ("Net rose in the third quarter ended Sept. 30 to $5 million from $4 million in the year-ago quarter. "
            "Sales rose from $3 million a year earlier. Year-earlier results included a gain.")
    assert [t[:3] for t in timexes(text)][-3:] == [
        ("the year-ago quarter", "DATE", "2012-Q3"), ("a year earlier", "DATE", "2012-Q3"), ("Year-earlier", "DATE", "2012-Q3")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("She fled in June 2011 and returned later that year.", ("later that year", "DATE", "2011", "")),
        ("He was shot on Oct. 23, 2012. Earlier that day, the family sent a fax.", ("Earlier that day", "DATE", "2012-10-23", "")),
    ],
)
def test_that_year_and_that_day_are_those_of_the_date_the_story_last_gave(text, expected):
    assert timexes(text)[-1] == expected


def test_a_bare_that_day_is_no_claim():
    assert timexes("Market makers lose on trades made that day.") == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("Net rose in the third quarter to $5 million, compared with $3 million last year.", "2012-Q3"),
        ("Sales in the second quarter fell to $9 million from $11 million last year.", "2012-Q2"),
        # no comparison, or no part of a year named: the year before
        ("Net rose in the third quarter. Last year, the company earned $4 million.", "2012"),
        ("Prices are higher than last year.", "2012"),
    ],
)
def test_last_year_as_the_term_of_a_comparison_is_the_part_of_the_year_the_text_just_named(text, value):
    assert [t[2] for t in timexes(text) if t[0].lower() == "last year"] == [value]


def test_a_decade_ago_compares_no_part_of_a_year():
    assert timexes("Profit rose in the third quarter. A decade ago it sold phones in three countries.")[-1] == (
        "A decade ago", "DATE", "2003", "")


def test_a_year_ago_comparison_with_no_part_of_a_year_named_is_the_year_before():
    assert timexes("Year-ago results included a gain.") == [("Year-ago", "DATE", "2012", "")]


def test_the_year_earlier_quarter_with_none_named_is_the_last_complete_quarter_a_year_back():
    # written in March 2013: the last complete quarter is 2012-Q4
    assert timexes("In the year-earlier quarter, the mill lost $2 million.") == [
        ("the year-earlier quarter", "DATE", "2011-Q4", "")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sales in the fiscal year ended Sept. 30 rose.", ("the fiscal year", "DURATION", "P1Y", "")),
        # "of" and an amount after a quarter is no "quarter of <year>"
        ("It announced a loss for the third quarter of $226.3 million.", ("the third quarter", "DATE", "2013-Q3", "")),
        ("Net for the full year fell.", ("the full year", "DATE", "2013", "")),
        ("Sales in the current quarter began well.", ("the current quarter", "DATE", "2013-Q1", "")),
        ("Sales rose 8% in the latest fiscal year.", ("the latest fiscal year", "DATE", "2012", "")),
        # a definite year with none named is the year of writing
        ("Shares hit a high for the year of $42.50 in June.", ("the year", "DATE", "2013", "")),
        ("Costs fell in the first nine months of the year.", ("the year", "DATE", "2013", "")),
        ("Earnings will be lower for the fiscal year.", ("the fiscal year", "DATE", "2013", "")),
        # "per" (a recurrence) must not take the start of "period"
        ("Net rose in the third quarter. Sales in the latest period rose.", ("the latest period", "DATE", "2013-Q3", "")),
    ],
)
def test_it_reads_the_years_and_periods_of_earnings_reports(text, expected):
    assert expected in timexes(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The spin-off may take effect in next year's first quarter.", ("next year's first quarter", "DATE", "2014-Q1", "")),
        ("Net rose in this year's third quarter.", ("this year's third quarter", "DATE", "2013-Q3", "")),
        ("Sales rose in the third quarter. Sales in last year's quarter were flat.",
         ("last year's quarter", "DATE", "2012-Q3", "")),
        ("Net fell in the second quarter. In the 2011 quarter it rose.", ("the 2011 quarter", "DATE", "2011-Q2", "")),
        ("Net fell in the second quarter. For the quarter a year earlier it rose.",
         ("the quarter a year earlier", "DATE", "2012-Q2", "")),
        ("Orders will slow in the last half of 2014.", ("the last half of 2014", "DATE", "2014-H2", "")),
        # a quarter of another year is a comparison: "the quarter" is still the one under discussion
        ("Net rose in the third quarter from $4 million in the 2011 quarter. Costs rose in the quarter.",
         ("the quarter", "DATE", "2013-Q3", "")),
        # the day a quarter ended may stand between it and "the latest period"
        ("Net rose in the fiscal second quarter ended Sept. 30. The latest period includes a gain.",
         ("The latest period", "DATE", "2013-Q2", "")),
    ],
)
def test_a_quarter_the_text_names_with_its_year_or_names_before_is_that_quarter(text, expected):
    assert timexes(text)[-1] == expected


def test_a_year_period_with_no_quarter_named_is_that_year():
    assert timexes("Crops failed in the 1988 period of drought.") == [("the 1988 period", "DATE", "1988", "")]


def test_the_quarter_named_too_far_back_is_not_the_one_the_text_means():
    text = "Net rose in the first quarter. " + "The company sells tools to builders and farmers. " * 7 + \
        "Sales in the quarter fell."
    assert timexes(text)[-1] == ("the quarter", "DATE", "2012-Q4", "")


@pytest.mark.parametrize("text", ["Storms hit in the year before the flood.", "It was the year of the flood.",
                                  "In the year when it opened, sales tripled."])
def test_a_definite_year_the_sentence_goes_on_to_qualify_is_not_the_year_of_writing(text):
    assert [t for t in timexes(text) if t[2] == "2013"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In nineteen seventy-nine the Soviet Union invaded.", [("nineteen seventy-nine", "DATE", "1979", "")]),
        ("January nineteen ninety-seven. Atlanta again.", [("January nineteen ninety-seven", "DATE", "1997-01", "")]),
        ("His promise for the year two thousand was dropped.", [("the year two thousand", "DATE", "2000", "")]),
        ("He paid nineteen twenty dollars.", []),
        # a decimal is no year
        ("The index settled 42.0 points lower at 1678.5.", []),
        # "quarterly" is no quarter
        ("It posted its first quarterly loss.", []),
        # "soon" in a narrative is soon after its events, not after the writing
        ("The boy was soon released.", []),
        # "short-term" and "near-term" qualify a noun; they name no time ahead
        ("A short-term loan eased the near-term squeeze.", []),
        # a period in title case is a name: the show "This Week"
        ("Baker said on the show \"This Week\" that talks failed.", []),
        # a quarter of something is a fraction
        ("Funds hold more than a quarter of the market.", []),
        ("Three quarters of the members voted.", []),
    ],
)
def test_it_reads_years_said_as_words_and_takes_no_other_number_for_a_date(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Data scrapped it this past spring.", ("this past spring", "DATE", "2012-SP", "")),
        ("In fiscal 1989 sales rose.", ("1989", "DATE", "1989", "")),
        ("That 1978 resolution calls for peace.", ("1978", "DATE", "1978", "")),
        # after an article, a year before a noun that names no kind of product
        ("A 2010 commando raid killed him.", ("2010", "DATE", "2010", "")),
        ("Rates may fall in coming weeks.", ("coming weeks", "DURATION", "PXW", "")),
        ("Use was delayed earlier in the year by rains.", ("earlier in the year", "DATE", "2013", "")),
        ("Buyers will come in the coming years.", ("the coming years", "DURATION", "PXY", "")),
        ("Rents rose over the years.", ("the years", "DURATION", "PXY", "")),
        ("Funds may sell bonds in the months ahead.", ("the months", "DURATION", "PXM", "")),
    ],
)
def test_it_reads_past_seasons_years_before_a_noun_and_open_durations_ahead(text, expected):
    assert timexes(text) == [expected]


def test_this_summer_written_in_autumn_is_the_summer_just_past():
    autumn = datetime(2013, 10, 30, 12, 0, tzinfo=timezone.utc)
    assert timexes("Sales rose this summer.", published=autumn) == [("this summer", "DATE", "2013-SU", "")]
    assert timexes("Over the summer, rivals cut prices.", published=autumn) == [("the summer", "DATE", "2013-SU", "")]
    assert timexes("Orders rose from the early summer.", published=autumn) == [("the early summer", "DATE", "2013-SU", "START")]


def test_the_weekend_is_found_though_it_starts_like_the_unit_week():
    assert timexes("Officials over the weekend confirmed it.") == [("the weekend", "DATE", "2013-W11-WE", "")]


def test_a_quoted_this_year_said_on_no_given_day_takes_its_timex_value_from_the_publication_day_only():
    claim = extract(ArticleText('"We will have a flat year this year," Mr. Smith says.', "en", PUBLISHED)).claims[0]
    assert (claim.text, claim.timex_value, claim.interval) == ("this year", "2013", None)


def test_an_expression_the_publication_time_is_needed_for_stays_unknown_without_one():
    assert timexes("The vote was held Monday at noon.", published=None)[0] == ("Monday", "DATE", "XXXX-XX-XX", "")
    assert timexes("Power returned this morning.", published=None) == [("this morning", "TIME", "XXXX-XX-XXTMO", "")]


@pytest.mark.parametrize("text", ["The meeting starts at 15:00 local time.", "He bought a 2024 model.",
                                  "She opened a 2008 vintage."])
def test_a_clock_time_without_its_day_and_a_model_year_are_no_claims(text):
    assert timexes(text) == []


@pytest.mark.parametrize(
    "text",
    ["Ice covered it over the past 999 decades.", "It was signed on May 3, 2010, and 999 decades after May 3, 2010 it ends.",
     "Profit rose in the third quarter from a loss 999 decades ago."],
)
def test_an_amount_that_falls_off_the_calendar_leaves_the_claim_undated_instead_of_failing(text):
    claims = extract(ArticleText(text, "en", PUBLISHED)).claims
    assert [c.interval for c in claims if "999" in c.text] == [None]


@pytest.mark.parametrize(
    "text, value",
    [
        # no past verb can follow "will" in its clause: the "-ed" word is an adjective
        ("The bank will repay its secured loans on Oct. 31.", "2013-10-31"),
        # ... but after "could have" it is a past participle, and the clause looks back
        ("The thief could have escaped on April 8.", "2012-04-08"),
        # a comma closes the modal's clause: the verb after it is a past of its own
        ("Crews would be needed, officials warned on April 8.", "2012-04-08"),
        # so does a subject right before it: a relative clause with a past of its own
        ("Investors will vote on the offer they rejected twice in April.", "2012-04"),
        # before a preposition the "-ed" form is a participle with a past of its own
        ("Officials will examine documents seized on April 2.", "2012-04-02"),
    ],
)
def test_an_ed_word_after_a_modal_in_its_own_clause_is_no_past_verb(text, value):
    assert [t for t in timexes(text) if t[1] == "DATE"][0][2] == value


def test_an_irregular_past_points_a_weekday_back():
    # "tore" is a past form with no "-ed"
    assert timexes("A storm tore through the harbour Friday night.")[0][:3] == ("Friday night", "TIME", "2013-03-15TNI")


@pytest.mark.parametrize(
    "text, published, value",
    [
        # across the turn of the year
        ("Profits fell in the fourth quarter.", datetime(2013, 1, 20, tzinfo=timezone.utc), "2012-Q4"),
        ("Profits fell in the third quarter.", datetime(2013, 10, 20, tzinfo=timezone.utc), "2013-Q3"),
        # the quarter just completed, whatever the tense; ahead, the next one too
        ("The company will report fourth-quarter results.", datetime(2013, 1, 20, tzinfo=timezone.utc), "2012-Q4"),
        ("Sales will rise in the first quarter.", datetime(2013, 11, 20, tzinfo=timezone.utc), "2014-Q1"),
        # any other quarter is the one of the year of writing
        ("Profit rose in the second quarter.", datetime(2013, 11, 20, tzinfo=timezone.utc), "2013-Q2"),
        ("Sales will rise in the fourth quarter.", datetime(2013, 10, 20, tzinfo=timezone.utc), "2013-Q4"),
    ],
)
def test_a_year_less_quarter_across_the_turn_of_the_year_is_the_one_just_completed_or_next(text, published, value):
    assert [t[2] for t in timexes(text, published)] == [value]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the latest such decade begun by the moment of writing (2013), like "the '80s"
        ("Crime fell through the nineties.", ("the nineties", "DATE", "199", "")),
        # (in 2013 the 2020s had not begun)
        ("Rents rose in the twenties.", ("the twenties", "DATE", "192", "")),
        ("The band formed in the late sixties.", ("the late sixties", "DATE", "196", "END")),
        # with its century said, that decade
        ("Jazz spread in the nineteen-twenties.", ("the nineteen-twenties", "DATE", "192", "")),
    ],
)
def test_it_reads_a_decade_said_as_a_word(text, expected):
    assert timexes(text) == [expected]


def test_a_decade_word_without_the_is_an_age_and_before_percent_a_share():
    assert timexes("The mayor is in his sixties.") == []
    assert timexes("Her support stood in the forties percent.") == []


def test_a_year_after_pre_or_post_is_a_year():
    assert timexes("The post-1959 exodus split families.") == [("1959", "DATE", "1959", "")]
    assert timexes("Pre-2000 rules still apply.") == [("2000", "DATE", "2000", "")]


def test_a_season_of_a_year_said_as_words_is_that_season():
    # as "the summer of 1980" is; a broadcast transcript writes the year out
    assert timexes("It last rained like this in the summer of nineteen eighty.") == [
        ("the summer of nineteen eighty", "DATE", "1980-SU", "")]


def test_trading_and_business_days_are_a_duration_in_days():
    assert timexes("Shares recovered within three trading days.") == [("three trading days", "DURATION", "P3D", "")]
    assert timexes("Refunds take five business days.") == [("five business days", "DURATION", "P5D", "")]


def test_a_later_date_is_the_future():
    assert timexes("The second tower will be built at a later date.") == [("a later date", "DATE", "FUTURE_REF", "")]


def test_a_clock_time_takes_the_day_after_a_time_in_another_zone():
    text = "The quake struck at 4:10 p.m. (0810 GMT) Sunday, officials said."
    assert timexes(text) == [("4:10 p.m.", "TIME", "2013-03-17T16:10", ""), ("Sunday", "DATE", "2013-03-17", "")]


def test_a_rate_after_millions_or_a_percent_sign_is_a_recurrence():
    assert timexes("The plant saves $40 million a year.") == [("a year", "SET", "P1Y", "")]
    assert timexes("Fares rose 4% a year.") == [("a year", "SET", "P1Y", "")]
