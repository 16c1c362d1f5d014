"""Opening hours of one channel: is it open at a moment, when does it close, when does it open next.

Pure: standard library plus `holidays`; no Django. The moment `at` is always passed in.

Rules (see tests/directory/test_hours.py for the named cases):
- Weekly slots are local wall-clock times in the channel's IANA zone, never UTC offsets.
- A slot whose `closes` is not after `opens` runs past midnight; it belongs to the day it starts on
  (Friday 22:00-02:00 is Friday evening, even on a public holiday Saturday). `opens == closes`
  (typically 00:00-00:00) is a full 24 hours.
- A date exception replaces the weekly slots of every date it covers: no slots means closed.
- `closed_on_public_holidays` drops every slot that starts on a Belgian public holiday
  (from the `holidays` package).
- Local times that do not exist (spring forward) move forward past the gap; local times that occur
  twice (fall back) take the first occurrence. Arithmetic happens on aware UTC datetimes, so
  durations are right across the change.
"""
