"""Validates an aftercare calendar with a real iCalendar parser (Debian python3-icalendar).

usage: check_ics.py FILE EXPECTED_EVENTS MIN_EXFOLIANT_BAN_H
Checks the raw text (CRLF line endings, lines folded at 75 octets), that the parser reads it,
that every event has a unique UID, a DTSTAMP and UTC start and end times, and that every
exfoliant ban lasts at least MIN_EXFOLIANT_BAN_H hours. Prints the problem and exits 1 on failure.
"""
import datetime
import sys

import icalendar


def fail(message):
    print(f"check_ics: {message}")
    sys.exit(1)


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
    print(f"check_ics: {len(events)} events, {bans} exfoliant bans: ok")


main()
