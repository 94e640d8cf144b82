"""Benchmark: importing a 200 MB Apple Health export.xml (aims: under 30 s, under 300 MB).

Not a pytest test. Run it as a script:

    python tests/benchmarks/bench_imports.py

or import ``run()``. It writes an export like the Health app's: the long internal DTD,
then 1,000,000 unrelated records (steps and heart rate, some with a metadata child) with a
few hundred cycle records among them (five years of periods, spotting, mucus, ovulation
tests, sex). A fresh process then does what the CLI does after the passphrase: streams
the file through the importer, compares it with an empty encrypted journal and writes the
records in one transaction. That process reports its own peak memory, so nothing the
benchmark runner loaded before counts against it.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

UNRELATED = 1_000_000
TARGET_SECONDS = 30.0
TARGET_RSS_MB = 300.0
AIMS = {"import_s": TARGET_SECONDS, "peak_rss_mb": TARGET_RSS_MB}

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate value CDATA #REQUIRED>
<!ELEMENT Me EMPTY>
<!ATTLIST Me HKCharacteristicTypeIdentifierBiologicalSex CDATA #REQUIRED>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry key CDATA #REQUIRED value CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-01 10:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
"""
_C = "HKCategoryTypeIdentifier"
_V = "HKCategoryValue"


def _cycle_records(first: date, last: date) -> dict[date, list[str]]:
    """About five years of cycle records, by day."""
    rnd = random.Random(7)
    out: dict[date, list[str]] = {}

    def add(day: date, kind: str, value: str, meta: str = "") -> None:
        when = f"{day.isoformat()} 08:00:00 +0100"
        body = f">\n  {meta}\n </Record>" if meta else "/>"
        out.setdefault(day, []).append(
            f' <Record type="{_C}{kind}" sourceName="Health" sourceVersion="17.1" '
            f'creationDate="{when}" startDate="{when}" endDate="{when}" value="{_V}{value}"{body}'
        )

    start = first
    while start < last:
        for offset in range(5):
            level = ("Medium", "Heavy", "Heavy", "Medium", "Light")[offset]
            meta = f'<MetadataEntry key="HKMenstrualCycleStart" value="{int(offset == 0)}"/>'
            add(start + timedelta(days=offset), "MenstrualFlow", f"MenstrualFlow{level}", meta)
        add(start + timedelta(days=13), "OvulationTestResult", "OvulationTestResultPositive")
        add(start + timedelta(days=13), "CervicalMucusQuality", "CervicalMucusQualityEggWhite")
        if rnd.random() < 0.3:
            add(start + timedelta(days=15), "IntermenstrualBleeding", "NotApplicable")
            add(start + timedelta(days=15), "SexualActivity", "NotApplicable")
        start += timedelta(days=rnd.randint(26, 31))
    return out


def write_export(path: Path, unrelated: int = UNRELATED) -> int:
    """Write the export; return the number of cycle records in it."""
    rnd = random.Random(1)
    moment = datetime(2021, 11, 1, 7, 0)
    cycle = _cycle_records(moment.date(), date(2026, 10, 25))
    written_days: set[date] = set()
    cycle_count = 0
    step = timedelta(minutes=2, seconds=37)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        lines: list[str] = []
        for index in range(unrelated):
            moment += step
            day = moment.date()
            if day not in written_days and day in cycle:
                written_days.add(day)
                lines.extend(cycle[day])
                cycle_count += len(cycle[day])
            stamp = moment.strftime("%Y-%m-%d %H:%M:%S +0100")
            if index % 2:
                lines.append(
                    f' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" '
                    f'unit="count" creationDate="{stamp}" startDate="{stamp}" '
                    f'endDate="{stamp}" value="{rnd.randint(1, 900)}"/>'
                )
            elif index % 10:
                lines.append(
                    f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" '
                    f'unit="count/min" startDate="{stamp}" endDate="{stamp}" '
                    f'value="{rnd.randint(48, 150)}"/>'
                )
            else:
                lines.append(
                    f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" '
                    f'unit="count/min" startDate="{stamp}" endDate="{stamp}" '
                    f'value="{rnd.randint(48, 150)}">\n'
                    f'  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="1"/>\n'
                    " </Record>"
                )
            if len(lines) >= 10_000:
                out.write("\n".join(lines) + "\n")
                lines.clear()
        out.write("\n".join(lines) + "\n</HealthData>\n")
    return cycle_count


_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from journal import clock
from journal.services import JournalService
from journal.services.imports import read_export

export, journal = Path(sys.argv[1]), Path(sys.argv[2])
JournalService.create(journal, "benchmark passphrase")
service = JournalService.open(journal, "benchmark passphrase")
t0 = time.perf_counter()
c0 = time.process_time()
result = read_export(export, "apple-health")
t1 = time.perf_counter()
c1 = time.process_time()
plan = service.import_records(result)
t2 = time.perf_counter()
service.close()
print(json.dumps({
    "parse_s": t1 - t0,
    "write_s": t2 - t1,
    "import_s": t2 - t0,
    "parse_cpu_s": c1 - c0,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "periods": len(plan.add.periods),
    "episodes": len(plan.add.episodes),
    "signs": len(plan.add.ovulation_signs),
}))
"""


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.xml"
        cycle_records = write_export(export)
        size_mb = export.stat().st_size / 1_000_000
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(export), str(Path(folder) / "j" / "bench.journal")],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        )
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "export_mb": size_mb,
        "records": float(UNRELATED + cycle_records),
        "cycle_records": float(cycle_records),
        **{k: float(v) for k, v in figures.items()},
    }


def main() -> int:
    result = run()
    print(
        f"Apple Health export.xml, {result['export_mb']:.0f} MB, {result['records']:,.0f} "
        f"records ({result['cycle_records']:.0f} of them cycle records):"
    )
    print(f"  parse   {result['parse_s']:6.1f} s")
    print(f"  (parse CPU time {result['parse_cpu_s']:.1f} s: the rest is waiting for a busy CPU)")
    print(f"  write   {result['write_s']:6.1f} s")
    print(f"  import  {result['import_s']:6.1f} s   (aim: under {TARGET_SECONDS:.0f} s)")
    print(f"  peak    {result['peak_rss_mb']:6.0f} MB  (aim: under {TARGET_RSS_MB:.0f} MB)")
    print(
        f"  added   {result['periods']:.0f} periods, {result['episodes']:.0f} episodes, "
        f"{result['signs']:.0f} ovulation signs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
