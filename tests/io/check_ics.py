"""Validates an aftercare calendar with a real iCalendar parser (Debian python3-icalendar).

usage: check_ics.py FILE EXPECTED_EVENTS MIN_EXFOLIANT_BAN_H [PLAN_JSON FIRST_SESSION_EPOCH_S]
Checks the raw text (CRLF line endings, lines folded at 75 octets), that the parser reads it,
that every event has a unique UID, a DTSTAMP and UTC start and end times, and that every
exfoliant ban lasts at least MIN_EXFOLIANT_BAN_H hours. With the plan.json of the calendar and
its first session (seconds since 1970, UTC), also that the visits follow the plan (issue #26):
each recommended area is named, with its depth and passes, on exactly its sessions (the first
session plus k * interval_d days) and on no other visit, and each visit's aftercare events start
at the visit plus the plan's start_h. Prints the problem and exits 1 on failure.
"""
import datetime
import json
import re
import sys

import icalendar


def fail(message):
    print(f"check_ics: {message}")
    sys.exit(1)


# A visit's DESCRIPTION names each area it treats on a line of its own (src/io/ics_writer.cpp).
AREA_LINE = re.compile(r"^- (?P<name>.+): needle depth (?P<depth>[0-9.eE+-]+) mm, (?P<passes>[0-9]+) pass(es)?\b")
VISIT_UID = re.compile(r"^s(?P<visit>[0-9]+)-session-")
AFTERCARE_UID = re.compile(r"^s(?P<visit>[0-9]+)-a(?P<item>[0-9]+)-")


def same_times(a, b):
    """The writer rounds times to whole seconds."""
    return len(a) == len(b) and all(abs((x - y).total_seconds()) <= 1.0 for x, y in zip(a, b))


def check_schedule(events, plan_path, first_epoch_s):
    """The visits against plan.json's recommended protocols and aftercare."""
    plan = json.load(open(plan_path, encoding="utf-8"))
    first = datetime.datetime.fromtimestamp(first_epoch_s, tz=datetime.timezone.utc)
    recommended = {r["area"]: r for r in plan["recommended"]}
    named = {area: [] for area in recommended}  # area -> visit starts naming it
    visits = {}  # visit number -> start
    for event in events:
        uid = str(event.get("UID"))
        match = VISIT_UID.match(uid)
        if not match:
            continue
        start = event.decoded("DTSTART")
        visits[int(match["visit"])] = start
        lines = [AREA_LINE.match(line) for line in str(event.get("DESCRIPTION")).split("\n")]
        for line in filter(None, lines):
            area = recommended.get(line["name"])
            if area is None:
                fail(f"{uid}: names {line['name']!r}, which the plan does not treat")
            if abs(float(line["depth"]) - area["needle_depth_mm"]) > 1e-9 or int(line["passes"]) != area["passes"]:
                fail(f"{uid}: {line['name']} at {line['depth']} mm, {line['passes']} passes; the plan says "
                     f"{area['needle_depth_mm']} mm, {area['passes']} passes")
            named[line["name"]].append(start)
    for name, area in recommended.items():
        expected = [first + datetime.timedelta(days=area["interval_d"] * k) for k in range(area["sessions"])]
        if not same_times(sorted(named[name]), expected):
            fail(f"{name} is named on {[str(d) for d in sorted(named[name])]}; the plan treats it on "
                 f"{[str(d) for d in expected]}")
    aftercare = plan["aftercare"]
    for event in events:
        uid = str(event.get("UID"))
        match = AFTERCARE_UID.match(uid)
        if not match:
            continue
        visit = visits.get(int(match["visit"]))
        if visit is None:
            fail(f"{uid}: aftercare of no visit")
        item = aftercare[int(match["item"])]
        if not same_times([event.decoded("DTSTART")], [visit + datetime.timedelta(hours=item["start_h"])]):
            fail(f"{uid}: does not start {item['start_h']} h after its visit ({visit})")
    expected_aftercare = len(visits) * len(aftercare)
    found = sum(1 for event in events if AFTERCARE_UID.match(str(event.get("UID"))))
    if found != expected_aftercare:
        fail(f"{found} aftercare events, expected {expected_aftercare} ({len(visits)} visits)")
    return len(visits)


def main():
    path, expected_events, min_ban_h = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    raw = open(path, "rb").read()
    if not raw.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    for number, line in enumerate(raw.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {number} has a bare line break")
        if len(line) > 75:
            fail(f"line {number} is {len(line)} octets long (max 75)")
    calendar = icalendar.Calendar.from_ical(raw)
    if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        fail("VERSION 2.0 and PRODID are required")
    events = list(calendar.walk("VEVENT"))
    if len(events) != expected_events:
        fail(f"{len(events)} events, expected {expected_events}")
    uids = set()
    bans = 0
    for event in events:
        uid = str(event.get("UID"))
        if not uid or uid in uids:
            fail(f"missing or repeated UID {uid}")
        uids.add(uid)
        if event.get("DTSTAMP") is None:
            fail(f"{uid}: no DTSTAMP")
        start = event.decoded("DTSTART")
        if not isinstance(start, datetime.datetime) or start.utcoffset() != datetime.timedelta(0):
            fail(f"{uid}: DTSTART is not a UTC date-time")
        if event.get("DTEND") is not None:
            end = event.decoded("DTEND")
            if end.utcoffset() != datetime.timedelta(0) or end < start:
                fail(f"{uid}: DTEND is not a UTC time after DTSTART")
        elif event.get("DURATION") is not None:
            end = start + event.decoded("DURATION")
        else:
            fail(f"{uid}: neither DTEND nor DURATION")
        if "-no-exfoliants-" in uid:
            bans += 1
            hours = (end - start).total_seconds() / 3600.0
            if hours < min_ban_h - 1e-6:
                fail(f"{uid}: exfoliant ban lasts {hours} h, less than {min_ban_h} h")
        if not str(event.get("SUMMARY", "")):
            fail(f"{uid}: empty SUMMARY")
    if bans == 0:
        fail("no exfoliant ban event")
    schedule = ""
    if len(sys.argv) > 4:
        schedule = f", {check_schedule(events, sys.argv[4], int(sys.argv[5]))} visits as planned"
    print(f"check_ics: {len(events)} events, {bans} exfoliant bans{schedule}: ok")


main()
