"""timeline.axis: the layout maths, without a database."""

from datetime import date

import pytest

from timeline.axis import Scale, describe, fit, level_scale, pan, snap, zoom_in, zoom_out

# The corpus spans these years; the default view fits them to whole years.
CORPUS = Scale(date(1999, 1, 1), date(2027, 1, 1))


def test_a_year_event_is_a_band_across_the_whole_year():
    scale = Scale(date(2000, 1, 1), date(2010, 1, 1))

    band = scale.band(date(2008, 1, 1), date(2008, 12, 31), "year")

    assert band.left == pytest.approx(scale.x(date(2008, 1, 1)))
    assert band.left + band.width == pytest.approx(scale.x(date(2009, 1, 1)))
    assert band.width == pytest.approx(366 / 3653 * 100)  # 2008 is a leap year
    assert not band.is_mark


def test_a_year_stored_as_its_first_day_is_still_drawn_as_the_year():
    scale = Scale(date(2008, 1, 1), date(2009, 1, 1))

    band = scale.band(date(2008, 1, 1), date(2008, 1, 1), "year")

    assert (band.left, band.width) == (0.0, 100.0)


def test_a_month_event_spans_its_month_and_nothing_more():
    scale = Scale(date(2008, 1, 1), date(2009, 1, 1))

    band = scale.band(date(2008, 3, 1), date(2008, 3, 31), "month")

    assert band.left == pytest.approx((31 + 29) / 366 * 100)
    assert band.width == pytest.approx(31 / 366 * 100)


def test_a_day_in_a_thirty_year_view_is_a_narrow_mark_at_that_day():
    band = CORPUS.band(date(2014, 7, 17), date(2014, 7, 17), "day")

    assert band.left == pytest.approx(CORPUS.x(date(2014, 7, 17)))
    assert band.width == pytest.approx(100 / CORPUS.days)
    assert band.is_mark


def test_a_day_in_a_week_view_is_a_seventh_of_the_track():
    scale = level_scale("week", date(2025, 8, 8))

    band = scale.band(date(2025, 8, 8), date(2025, 8, 8), "day")

    assert scale.start == date(2025, 8, 4)  # the Monday
    assert band.left == pytest.approx(4 / 7 * 100)
    assert band.width == pytest.approx(100 / 7)


def test_an_interval_running_out_of_view_is_clipped_and_says_so():
    scale = level_scale("month", date(2008, 3, 15))

    band = scale.band(date(2008, 1, 1), date(2008, 12, 31), "year")

    assert (band.left, band.width, band.clipped_start, band.clipped_end) == (0.0, 100.0, True, True)


def test_an_interval_outside_the_view_has_no_band():
    assert CORPUS.band(date(1990, 1, 1), date(1990, 12, 31), "year") is None
    assert Scale(date(2008, 1, 1), date(2009, 1, 1)).band(date(2009, 1, 1), date(2009, 1, 1), "day") is None


def test_css_is_written_with_a_decimal_point():
    band = Scale(date(2000, 1, 1), date(2000, 1, 4)).band(date(2000, 1, 2), date(2000, 1, 2), "day")

    assert band.css == "left: 33.3333%; width: 33.3333%"


def test_snap_widens_to_whole_units_and_never_narrows():
    assert snap(date(2008, 5, 1), date(2009, 2, 1), "year") == (date(2008, 1, 1), date(2009, 12, 31))
    assert snap(date(2008, 2, 10), date(2008, 2, 10), "month") == (date(2008, 2, 1), date(2008, 2, 29))
    assert snap(date(2025, 8, 6), date(2025, 8, 6), "week") == (date(2025, 8, 4), date(2025, 8, 10))
    assert snap(date(2025, 8, 6), date(2025, 8, 9), "day") == (date(2025, 8, 6), date(2025, 8, 9))


def test_three_decades_are_ticked_every_five_years():
    assert [(t.label, t.day) for t in CORPUS.ticks()] == [
        (str(year), date(year, 1, 1)) for year in (2000, 2005, 2010, 2015, 2020, 2025)
    ]


def test_a_decade_is_ticked_every_year_and_a_tick_zooms_to_its_year():
    ticks = level_scale("decade", date(2013, 1, 1)).ticks()

    assert [t.label for t in ticks] == [str(y) for y in range(2010, 2020)]
    assert (ticks[3].day, ticks[3].until) == (date(2013, 1, 1), date(2014, 1, 1))
    assert ticks[3].x == pytest.approx(1096 / 3652 * 100)  # 2010, 2011 and leap 2012 of a 3652-day decade


def test_a_year_is_ticked_by_month_naming_the_year_once():
    labels = [t.label for t in level_scale("year", date(2008, 6, 1)).ticks()]

    assert labels == ["Jan 2008", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_a_week_is_ticked_by_day():
    labels = [t.label for t in level_scale("week", date(2008, 3, 5)).ticks()]

    assert labels == ["3 Mar 2008", "4", "5", "6", "7", "8", "9"]


def test_ticks_across_a_new_year_name_the_new_year():
    labels = [t.label for t in Scale(date(2007, 12, 28), date(2008, 1, 3)).ticks()]

    assert labels == ["28 Dec 2007", "29", "30", "31", "1 Jan 2008", "2"]


def test_fit_widens_a_long_span_to_whole_years_and_a_short_one_to_months():
    long = fit([(date(1999, 5, 1), date(1999, 5, 1), "day"), (date(2026, 2, 1), date(2026, 2, 28), "month")])
    short = fit([(date(2025, 8, 8), date(2025, 8, 8), "day"), (date(2025, 9, 1), date(2025, 9, 30), "month")])

    assert (long.start, long.stop) == (date(1999, 1, 1), date(2027, 1, 1))
    assert (short.start, short.stop) == (date(2025, 8, 1), date(2025, 10, 1))
    assert fit([]) is None


def test_zoom_goes_from_decades_to_days_and_back_around_the_center():
    decade = zoom_in(CORPUS)
    year = zoom_in(decade)
    month = zoom_in(year)
    week = zoom_in(month)
    day = zoom_in(week)

    assert (decade.start, decade.stop) == (date(2010, 1, 1), date(2020, 1, 1))
    assert (year.start, year.stop) == (date(2015, 1, 1), date(2016, 1, 1))
    assert (month.start, month.stop) == (date(2015, 7, 1), date(2015, 8, 1))
    assert week.days == 7 and week.start.weekday() == 0
    assert day.days == 1
    assert zoom_in(day) is None
    assert zoom_out(day) == level_scale("week", day.start)
    assert zoom_out(decade) is None  # past a decade the page shows everything


def test_pan_moves_whole_years_and_months_by_calendar_units():
    assert pan(level_scale("year", date(2008, 6, 1)), +1) == Scale(date(2009, 1, 1), date(2010, 1, 1))
    assert pan(level_scale("month", date(2008, 3, 1)), -1) == Scale(date(2008, 2, 1), date(2008, 3, 1))
    assert pan(level_scale("week", date(2008, 3, 5)), +1) == Scale(date(2008, 3, 10), date(2008, 3, 17))


@pytest.mark.parametrize(
    "start, end, granularity, said",
    [
        (date(2008, 1, 1), date(2008, 12, 31), "year", "2008"),
        (date(2008, 3, 1), date(2008, 3, 31), "month", "March 2008"),
        (date(2008, 3, 1), date(2008, 5, 31), "month", "March 2008 – May 2008"),
        (date(2025, 8, 4), date(2025, 8, 10), "week", "week of 4 August 2025"),
        (date(2025, 8, 8), date(2025, 8, 8), "day", "8 August 2025"),
        (None, None, "", "date unknown"),
    ],
)
def test_describe_says_an_interval_at_its_precision(start, end, granularity, said):
    assert describe(start, end, granularity) == said


def test_an_empty_scale_is_refused():
    with pytest.raises(ValueError):
        Scale(date(2008, 1, 1), date(2008, 1, 1))


def test_the_worked_examples_in_the_docstrings_hold():
    import doctest

    from timeline import axis

    assert doctest.testmod(axis).failed == 0
