"""Checks the portal's exports with real parsers (run by the Swift tests through the venv `make test` makes).

    validate_exports.py fhir BUNDLE.json   validates a FHIR Bundle against the R4B models of fhir.resources
    validate_exports.py ics CALENDAR.ics   parses a calendar with icalendar, its events and their alarms

Both print a JSON summary for the Swift test to compare with the database, and exit 1 naming each problem.
fhir.resources does not check code systems, so the codes the portal promises are checked here.
"""
import datetime
import json
import re
import sys
import uuid

PROBLEMS = []


def problem(text):
    PROBLEMS.append(text)


def check_fhir(path):
    from fhir.resources.R4B.bundle import Bundle

    text = open(path, encoding="utf-8").read()
    bundle = Bundle.model_validate_json(text)  # raises on a wrong type, an unknown or missing element, a bad date
    raw = json.loads(text)
    if bundle.type != "collection":
        problem(f"Bundle.type is {bundle.type}, not collection")
    urls = [e["fullUrl"] for e in raw["entry"]]
    for u in urls:
        if not u.startswith("urn:uuid:"):
            problem(f"fullUrl {u} is not a urn:uuid")
        else:
            uuid.UUID(u[len("urn:uuid:"):])
    if len(set(urls)) != len(urls):
        problem("two entries share a fullUrl")
    known = set(urls)

    def references(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "reference" and isinstance(v, str):
                    yield v
                else:
                    yield from references(v)
        elif isinstance(node, list):
            for v in node:
                yield from references(v)

    for ref in references(raw):
        if ref not in known:
            problem(f"reference {ref} points to nothing in the bundle")

    offset = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
    day = re.compile(r"^\d{4}-\d\d-\d\d$")
    summary = {"resources": {}, "appointments": {}, "observations": [], "exercisePain": [], "signReports": [],
               "responses": [], "instructions": [], "measureScores": [], "withoutPain": []}
    questionnaires = {}
    options = {}  # (questionnaire url, linkId) -> the (system, code) pairs its answerOption allows
    kinds = {}
    local_measure = "http://portal.invalid/fhir/CodeSystem/measure"

    def walk(items):
        for i in items:
            yield i
            yield from walk(i.get("item", []))

    for e in raw["entry"]:
        r = e["resource"]
        kind = r["resourceType"]
        kinds[e["fullUrl"]] = kind
        summary["resources"][kind] = summary["resources"].get(kind, 0) + 1
        if kind == "Questionnaire":
            questionnaires[r["url"]] = {i["linkId"] for i in walk(r["item"])}
            for i in walk(r["item"]):
                if "answerOption" in i:
                    options[(r["url"], i["linkId"])] = {(o["valueCoding"]["system"], o["valueCoding"]["code"])
                                                         for o in i["answerOption"] if "valueCoding" in o}
    for e in raw["entry"]:
        r = e["resource"]
        kind = r["resourceType"]
        if kind == "Appointment":
            status = r["status"]
            if status not in {"proposed", "booked", "fulfilled", "cancelled", "noshow"}:
                problem(f"Appointment status {status} is not one the portal uses")
            if status in {"booked", "fulfilled", "noshow"} and not ("start" in r and "end" in r):
                problem(f"a {status} Appointment has no start and end")
            if status == "proposed" and "start" in r:
                problem("a proposed Appointment has a start it was never given")
            number = int(re.match(r"Visit (\d) of 6", r["description"]).group(1))
            summary["appointments"][str(number)] = {"status": status, "start": r.get("start"),
                                                     "comment": r.get("comment", "")}
        elif kind == "Observation" and "derivedFrom" in r:
            # An outcome measure's score: coded LOINC or the portal's local measure codes, derived from a
            # QuestionnaireResponse in the bundle, a number.
            codes = [(c["system"], c["code"]) for c in r["code"]["coding"]]
            if not all(system in ("http://loinc.org", local_measure) for system, _ in codes):
                problem(f"measure score coded {codes}, neither LOINC nor the portal's measure codes")
            sources = [kinds.get(d["reference"]) for d in r["derivedFrom"]]
            if sources != ["QuestionnaireResponse"]:
                problem(f"a measure score is derived from {sources}, not one QuestionnaireResponse")
            value = r.get("valueInteger", r.get("valueQuantity", {}).get("value"))
            if not isinstance(value, (int, float)):
                problem(f"measure score {value!r} is not a number")
            if not day.match(r["effectiveDateTime"]):
                problem(f"measure score effectiveDateTime {r['effectiveDateTime']} is not a date")
            summary["measureScores"].append({"code": codes[0][1], "value": value, "date": r["effectiveDateTime"],
                                             "note": (r.get("note") or [{}])[0].get("text", ""),
                                             "components": {c["code"]["text"]: c.get("valueInteger") for c in r.get("component", [])}})
        elif kind == "Observation" and r["code"].get("text") == "Warning signs reported":
            # Warning signs reported without a pain score: when (with its offset), each sign, her note.
            if not offset.match(r["effectiveDateTime"]):
                problem(f"warning-sign effectiveDateTime {r['effectiveDateTime']} has no UTC offset")
            signs = [c.get("valueString") for c in r.get("component", []) if c["code"]["text"] == "Warning sign reported"]
            if not signs or not all(isinstance(t, str) and t for t in signs):
                problem(f"a warning-sign Observation names no sign ({signs!r})")
            if "valueInteger" in r:
                problem("a warning-sign Observation carries a pain score it was never given")
            summary["signReports"].append({"effective": r["effectiveDateTime"], "signs": signs,
                                            "note": (r.get("note") or [{}])[0].get("text", "")})
        elif kind == "Observation" and r["code"].get("text", "").startswith(("Bladder diary: ", "Bowel log: ")):
            # A bladder diary or bowel log entry: when (with its offset), its details as components; a bowel
            # entry's value is its Bristol type, 1 to 7.
            if not offset.match(r["effectiveDateTime"]):
                problem(f"diary effectiveDateTime {r['effectiveDateTime']} has no UTC offset")
            if r["code"]["text"].startswith("Bowel log: ") and r.get("valueInteger") not in range(1, 8):
                problem(f"a bowel entry's Bristol type {r.get('valueInteger')!r} is not 1 to 7")
            summary.setdefault("diaries", []).append({"what": r["code"]["text"], "effective": r["effectiveDateTime"],
                                                      "value": r.get("valueInteger"),
                                                      "components": {c["code"]["text"]: next((v for k, v in c.items() if k.startswith("value")), None)
                                                                     for c in r.get("component", [])},
                                                      "note": (r.get("note") or [{}])[0].get("text", "")})
        elif kind == "Observation" and "coding" not in r["code"]:
            # Her note and warning signs from an entry whose pain she left out: no score at all, the time with its
            # offset, the signs as components.
            if any(k.startswith("value") for k in r):
                problem("an Observation of a note or signs without the pain carries a value")
            if not offset.match(r["effectiveDateTime"]):
                problem(f"effectiveDateTime {r['effectiveDateTime']} has no UTC offset")
            summary["withoutPain"].append({"effective": r["effectiveDateTime"], "text": r["code"]["text"],
                                           "signs": [c["valueString"] for c in r.get("component", [])],
                                           "note": (r.get("note") or [{}])[0].get("text", "")})
        elif kind == "Observation":
            codes = [(c["system"], c["code"]) for c in r["code"].get("coding", [])]
            if ("http://loinc.org", "72514-3") not in codes:
                problem(f"pain Observation coded {codes}, not LOINC 72514-3")
            value = r.get("valueInteger")
            if not isinstance(value, int) or not 0 <= value <= 10:
                problem(f"pain score {value!r} is not an integer 0 to 10")
            parts = {c["code"]["text"]: c for c in r.get("component", [])}
            if "During exercise" in parts:
                # Pain during an exercise: the day it was done (no time is asked), the exercise and its sets.
                if not day.match(r["effectiveDateTime"]):
                    problem(f"exercise pain effectiveDateTime {r['effectiveDateTime']} is not a date")
                sets = parts.get("Sets done", {}).get("valueInteger")
                if not isinstance(sets, int) or sets < 1:
                    problem(f"exercise pain without the sets done ({sets!r})")
                summary["exercisePain"].append({"date": r["effectiveDateTime"], "score": value,
                                                "exercise": parts["During exercise"].get("valueString"), "sets": sets,
                                                "basedOn": [b["reference"] for b in r.get("basedOn", [])]})
                continue
            if not offset.match(r["effectiveDateTime"]):
                problem(f"effectiveDateTime {r['effectiveDateTime']} has no UTC offset")
            for c in r.get("bodySite", {}).get("coding", []):
                if c["system"] != "http://snomed.info/sct" or not re.match(r"^\d{6,18}(:272741003=\d{6,18})?$", c["code"]):
                    problem(f"bodySite {c} is not a SNOMED CT code")
            summary["observations"].append({"effective": r["effectiveDateTime"], "score": value,
                                            "bodySite": r.get("bodySite", {}).get("text"),
                                            "note": (r.get("note") or [{}])[0].get("text", "")})
        elif kind == "QuestionnaireResponse":
            ids = questionnaires.get(r["questionnaire"])
            if ids is None:
                problem(f"QuestionnaireResponse answers {r['questionnaire']}, which is not in the bundle")
            else:
                for item in walk(r["item"]):
                    if item["linkId"] not in ids:
                        problem(f"answer to {item['linkId']}, a question the Questionnaire does not have")
                    allowed = options.get((r["questionnaire"], item["linkId"]))
                    for a in item.get("answer", []):
                        if allowed is not None and "valueCoding" in a:
                            if (a["valueCoding"]["system"], a["valueCoding"]["code"]) not in allowed:
                                problem(f"answer {a['valueCoding']} to {item['linkId']} is not one of its options")
            summary["responses"].append({"authored": r["authored"], "questionnaire": r["questionnaire"],
                                         "yes": sum(1 for i in r["item"] if i.get("answer") and i["answer"][0].get("valueBoolean")),
                                         "answers": sum(1 for i in walk(r["item"]) if i.get("answer"))})
        elif kind == "ServiceRequest":
            if not r.get("patientInstruction") or "repeat" not in r.get("occurrenceTiming", {}):
                problem("a ServiceRequest has no dose or no timing")
            summary["instructions"].append(r["patientInstruction"])
    if summary["resources"].get("Patient") != 1:
        problem("the bundle needs exactly one Patient")
    return summary


def check_ics(path):
    import icalendar

    data = open(path, "rb").read()
    if b"\n" in data.replace(b"\r\n", b""):
        problem("a line ends without CR LF")
    for line in data.split(b"\r\n"):
        if len(line) > 75:
            problem(f"a line of {len(line)} octets is not folded")
        line.decode("utf-8")  # a fold inside a UTF-8 sequence makes a line undecodable
    cal = icalendar.Calendar.from_ical(data)
    events, alarms = [], []
    for ev in cal.walk("VEVENT"):
        if ev.errors:
            problem(f"icalendar could not read {ev.errors}")
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if prop not in ev:
                problem(f"an event has no {prop}")
        start = ev.decoded("DTSTART")
        if start.tzinfo is None:
            problem("DTSTART is a floating time")
        for alarm in ev.walk("VALARM"):
            if alarm.errors:
                problem(f"icalendar could not read an alarm: {alarm.errors}")
            for prop in ("ACTION", "TRIGGER", "DESCRIPTION"):
                if prop not in alarm:
                    problem(f"an alarm has no {prop}")
            trigger = alarm.decoded("TRIGGER")
            if not isinstance(trigger, datetime.timedelta) or trigger >= datetime.timedelta(0):
                problem(f"an alarm's TRIGGER {trigger!r} is not a time before the start")
            else:
                # When the alarm goes off, as an instant, so a test can compare it with the visit's start.
                alarms.append({"event": str(ev["SUMMARY"]), "action": str(alarm["ACTION"]),
                               "minutesBefore": int(-trigger.total_seconds() // 60),
                               "at": (start + trigger).isoformat(), "description": str(alarm["DESCRIPTION"])})
        events.append({"uid": str(ev["UID"]), "start": start.isoformat(), "summary": str(ev["SUMMARY"]),
                       "location": str(ev.get("LOCATION", "")), "url": str(ev.get("URL", "")),
                       "description": str(ev.get("DESCRIPTION", ""))})
    return {"events": events, "alarms": alarms}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    try:
        summary = check_fhir(path) if kind == "fhir" else check_ics(path)
    except Exception as error:  # a validation error from the library is a failure to report, not a crash
        problem(f"{type(error).__name__}: {error}")
        summary = {}
    print(json.dumps({"problems": PROBLEMS, **summary}, ensure_ascii=False))
    sys.exit(1 if PROBLEMS else 0)


if __name__ == "__main__":
    main()
