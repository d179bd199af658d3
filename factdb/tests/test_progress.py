"""Progress of long commands: a redrawn bar on a terminal, a few plain lines otherwise (no database)."""

import io

from factdb.progress import progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_log_gets_a_line_every_tenth_of_the_way_and_one_at_the_end():
    out = io.StringIO()
    assert list(progress(range(100), label="ingesting", stream=out)) == list(range(100))
    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == [f"ingesting: {n}/100" for n in range(10, 100, 10)] + ["ingesting: 100/100"]
    assert "\r" not in out.getvalue()


def test_a_terminal_gets_one_redrawn_bar_that_ends_full():
    out = Terminal()
    list(progress(iter(range(40)), label="processing", total=40, stream=out))
    final = out.getvalue().split("\r")[-1]
    assert final.startswith("processing [" + "#" * 30 + "] 40/40 (100%)")
    assert out.getvalue().count("\n") == 1


def test_without_a_known_total_it_counts():
    out = io.StringIO()
    list(progress((n for n in range(3)), label="fetching", stream=out))
    assert out.getvalue().startswith("fetching: 3")


def test_the_management_command_stream_is_written_without_extra_newlines():
    from django.core.management.base import OutputWrapper

    raw = io.StringIO()
    list(progress(range(20), label="ingesting", stream=OutputWrapper(raw)))
    assert raw.getvalue().count("\n") == 10  # nine tenths and the end, no blank lines between
