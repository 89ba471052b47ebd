#!/usr/bin/env python3
"""Makes a folder of tidy tables for scale benchmarks: the project's own data/
tables plus ROWS synthetic monthly holdings rows appended to slt_table5.csv
(countries "Synthetic 00001", ... from 2000-01 on, deterministic values).

    benches/gen_tables.py ROWS OUT_DIR

The tables are what `claimlens --data OUT_DIR` reads; OUT_DIR/slt_table5.csv
alone is what the peer tools (csvlens, VisiData) open.
"""
import os
import shutil
import sys

MONTHS = 320  # 2000-01 .. 2026-08


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "..", "data")
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(data):
        if name.endswith(".csv"):
            shutil.copy(os.path.join(data, name), os.path.join(out, name))
    with open(os.path.join(out, "slt_table5.csv"), "a", encoding="utf-8") as f:
        written, country = 0, 0
        while written < rows:
            country += 1
            name = f"Synthetic {country:05d}"
            level = 10.0 + (country * 7919) % 900
            lines = []
            for m in range(min(MONTHS, rows - written)):
                year, month = 2000 + m // 12, m % 12 + 1
                level = max(0.0, level + ((country * 31 + m * 17) % 21 - 10) / 10)
                lines.append(
                    f"slt_table5,holdings,{name},country,{year}-{month:02d},{level:.1f},USD billions,2026-06,,\n"
                )
            f.writelines(lines)
            written += len(lines)


if __name__ == "__main__":
    main()
