"""Instant answers (eimza.instant): for every case the form can express without a person,
the table's answer on any day of its intervals is, character for character, the HTML the
worker's call (eimza.web.handle) gives for that day; the intervals split where the data
changes (a new tariff period, a verified date, a VAT change added to a copy)."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest

from eimza import instant
from eimza.web import handle
from engine_facts import parse_pair, shipped_text, with_shipped_national, with_unknown_period
from instant_helpers import (
    DAY,
    NO_PERSON,
    samples,
    with_known_period_and_vat_change,
    worker_html,
    worker_summary,
)

# the fixture directorate with the shipped national file, and copies of that file
SHIPPED = with_shipped_national()
TABLE = instant.table(SHIPPED)
COPY_TEXT, NEW_START, NEW_VERIFIED, VAT_DAY = with_known_period_and_vat_change(shipped_text())
COPY = parse_pair(COPY_TEXT)
COPY_TABLE = instant.table(COPY)
UNKNOWN_TEXT, UNKNOWN_START = with_unknown_period(shipped_text())
UNKNOWN = parse_pair(UNKNOWN_TEXT)
FORM = instant.form_cases(SHIPPED)


def test_form_cases_are_what_the_form_posts() -> None:
    cases = FORM
    keys = [instant.case_key(c) for c in cases]
    own = {s.id: [o.id for o in SHIPPED.options_of(s.id)] for s in SHIPPED.situations}
    assert len(set(keys)) == len(keys) == sum(2 ** len(o) for o in own.values()) * len(SHIPPED.roles)
    for c in cases:
        assert set(c) == {"situation", "role", *own[c["situation"]]}  # every option, always
    assert instant.case_key(
        {"situation": "renewal", "role": "staff", "date": "2024-03-12", "electronic": False}
    ) == ('{"electronic":false,"role":"staff","situation":"renewal"}')


@pytest.mark.parametrize("which", ["shipped", "copy"])
def test_table_equals_the_worker_inside_every_interval(which: str) -> None:
    data, table = (SHIPPED, TABLE) if which == "shipped" else (COPY, COPY_TABLE)
    checked = 0
    for case in FORM:
        intervals = table[instant.case_key(case)]
        assert intervals, case
        for a, b in itertools.pairwise(intervals):
            assert a["to"] < b["from"], (case, a["to"], b["from"])
        for interval in intervals:
            for day in samples(interval):
                assert interval["html"] == worker_html(case, day, data), (case, day)
                assert interval["summary"] == worker_summary(case, day, data), (case, day)
                assert instant.lookup(table, {**case, "date": day.isoformat()}) == interval["html"]
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("which", ["shipped", "copy"])
def test_around_every_change_point_the_table_is_right_or_silent(which: str) -> None:
    data, table = (SHIPPED, TABLE) if which == "shipped" else (COPY, COPY_TABLE)
    days = {
        d + k * DAY for d in instant.change_points(data) for k in (-1, 0, 1) if dt.date.min < d < dt.date.max
    }
    for case in FORM:
        for day in sorted(days):
            got = instant.lookup(table, {**case, "date": day.isoformat()})
            if got is not None:
                assert got == worker_html(case, day, data), (case, day)


def test_a_day_outside_every_interval_has_a_day_dependent_answer() -> None:
    # on each side of a gap the worker's answer is not one text for the whole gap
    for case in FORM:
        intervals = COPY_TABLE[instant.case_key(case)]
        for a, b in itertools.pairwise(intervals):
            gap_first = dt.date.fromisoformat(a["to"]) + DAY
            gap_last = dt.date.fromisoformat(b["from"]) - DAY
            if gap_first < gap_last:
                assert worker_html(case, gap_first, COPY) != worker_html(case, gap_last, COPY), case


def test_intervals_split_where_a_copy_adds_a_period_and_a_vat_change() -> None:
    key = instant.case_key({"situation": "first", "role": "family-doctor"})
    starts = {i["from"] for i in COPY_TABLE[key]}
    ends = {i["to"] for i in COPY_TABLE[key]}
    for day in (NEW_START, NEW_VERIFIED + DAY, VAT_DAY):
        assert day.isoformat() in starts, day
        assert (day - DAY).isoformat() in ends, day
    # within the new period, before the VAT change, one answer; after it another
    before = instant.lookup(COPY_TABLE, {**json.loads(key), "date": (VAT_DAY - DAY).isoformat()})
    after = instant.lookup(COPY_TABLE, {**json.loads(key), "date": VAT_DAY.isoformat()})
    assert before and after and before != after
    # the shipped table knows none of the copy's days as a boundary
    assert VAT_DAY.isoformat() not in {i["from"] for i in TABLE[key]}


def test_a_case_without_payment_has_one_interval_for_every_date() -> None:
    # a staff member's first application pays nothing personally: nothing in it depends on the date
    key = instant.case_key({"situation": "first", "role": "staff"})
    assert [(i["from"], i["to"]) for i in COPY_TABLE[key]] == [("0001-01-01", "9999-12-31")]


def test_for_day_keeps_only_the_intervals_containing_that_day() -> None:
    day = NEW_VERIFIED + 2 * DAY
    picked = instant.for_day(COPY_TABLE, day)
    assert set(picked) == set(COPY_TABLE)
    for key, intervals in picked.items():
        assert len(intervals) == 1
        assert intervals[0]["from"] <= day.isoformat() <= intervals[0]["to"]
        assert intervals[0]["html"] == worker_html(json.loads(key), day, COPY)


def error_code(case: dict[str, object], day: dt.date, data: object) -> object:
    message = {"case": {**case, "date": day.isoformat()}, "person": NO_PERSON}
    answer = json.loads(handle(json.dumps(message, ensure_ascii=False), data))["answer"]
    return None if answer["ok"] else answer["error"]["code"]


def test_the_unknown_amount_answer_gets_intervals_in_an_unknown_period() -> None:
    # the answer names the year ("<yıl> yılının e-imza ücretleri …"): 1 January cuts the
    # calendar, so each year of an open-ended unknown period is one text, through the year
    # after the data's last date and the year of the edition's date (`through`)
    through = dt.date(UNKNOWN_START.year + 3, 6, 15)
    table = instant.table(UNKNOWN, through)
    plain = instant.table(UNKNOWN)
    unknown = 0
    for case in FORM:
        for year in range(UNKNOWN_START.year, through.year + 1):
            days = (dt.date(year, 1, 1), dt.date(year, 7, 2), dt.date(year, 12, 31))
            for day in days:
                if error_code(case, day, UNKNOWN) != "tariff-unknown":
                    continue
                unknown += 1
                dated = {**case, "date": day.isoformat()}
                assert instant.lookup(table, dated) == worker_html(case, day, UNKNOWN), (case, day)
                if year <= UNKNOWN_START.year + 1:
                    assert instant.lookup(plain, dated) == worker_html(case, day, UNKNOWN), (case, day)
        # after the last year cut the answer names another year at each end: the worker's
        later = dt.date(through.year + 2, 3, 1)
        if error_code(case, later, UNKNOWN) == "tariff-unknown":
            assert instant.lookup(table, {**case, "date": later.isoformat()}) is None, case
    assert unknown >= 3 * 4  # a paying case on three days of each of the four years
