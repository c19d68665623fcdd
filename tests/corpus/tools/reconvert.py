"""Put a fresh alembic-to-sql conversion of a corpus project in place of tests/corpus/PROJECT/
migrations, keeping the hand-written SQL: where the converter wrote its stopping RAISE file, the
new file is the converter's header followed by the old file's hand-written part (from its
`-- HAND-WRITTEN` line on), or, for a revision with a capture (capture_online.py) in CAPTURES,
by the captured statements (as hand_write_from_capture.py writes them). MLflow's V1 keeps its
hand-written first part (create_all's tables) before the converter's SQL of the revision.

    python reconvert.py PROJECT NEW_DIR CORPUS_DIR [CAPTURES SOURCE]

NEW_DIR is what `alembic-to-sql --out NEW_DIR` wrote; CORPUS_DIR the project's migrations/,
rewritten in place; SOURCE how the capture ran ("prefect 3.9.1's own migration command").
"""
import glob
import os
import re
import shutil
import sys
import textwrap

RAISE = "could not be converted offline"


def header(text):
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    return lines


def body(text):
    """Everything after the header's comment lines."""
    return text[len("\n".join(header(text))):].lstrip("\n")


def hand_written_from_capture(new, captured, source):
    rev = re.match(r"-- alembic-to-sql: Alembic revision (\S+)", new).group(1)
    down = re.search(r"^-- revises: (.*)$", new, re.M).group(1)
    note = (f"HAND-WRITTEN: offline mode cannot print this revision, so the statements below are "
            f"the ones its upgrade() sent when {source} ran it online (alembic upgrade "
            f"{down}:{rev}) on a database built by the revisions before it and holding no rows, "
            "less its reads (SELECT) and alembic_version. What its Python does with existing "
            "rows (loops, batches until no row changes, rows it reads and writes back) is not "
            "here: read the revision before deploying this file to a database with data.")
    out = "\n".join(header(new)) + "\n" + "\n".join(
        textwrap.wrap(note, 96, initial_indent="-- ", subsequent_indent="-- ")) + "\n\n"
    return out + (captured.strip() + "\n" if captured.strip() else
                  "-- (on a database without rows it sent no statement that changes anything)\n")


def main():
    project, new_dir, corpus_dir = sys.argv[1:4]
    captures, source = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else (None, None)
    old = {}
    for path in glob.glob(os.path.join(corpus_dir, "V*.sql")):
        old[os.path.basename(path)] = open(path, encoding="utf-8").read()
        os.remove(path)
    for path in sorted(glob.glob(os.path.join(new_dir, "V*.sql"))):
        name = os.path.basename(path)
        new = open(path, encoding="utf-8").read()
        before = old.get(name)
        rev = re.match(r"-- alembic-to-sql: Alembic revision (\S+)", new).group(1)
        capture = os.path.join(captures, rev + ".sql") if captures else None
        if RAISE in new:
            if capture and os.path.exists(capture):
                new = hand_written_from_capture(new, open(capture, encoding="utf-8").read(),
                                                source)
                how = "hand-written from a new capture"
            elif before and "-- HAND-WRITTEN" in before:
                new = "\n".join(header(new)) + "\n" + before[before.index("-- HAND-WRITTEN"):]
                how = "hand-written part kept"
            else:
                sys.exit(f"{name}: the converter could not print it and there is no hand-written "
                         "SQL for it: capture it first")
            print(f"{name}: {how}")
        elif project == "mlflow" and name.startswith("V1__"):
            mark = "-- The revision itself (alembic-to-sql):\n"
            kept = before[before.index("-- HAND-WRITTEN"):before.index(mark) + len(mark)]
            new = "\n".join(header(new)) + "\n" + kept + body(new)
            print(f"{name}: create_all part kept")
        with open(os.path.join(corpus_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(new)
    shutil.copy(os.path.join(new_dir, "alembic_revisions.toml"), corpus_dir)


if __name__ == "__main__":
    main()
