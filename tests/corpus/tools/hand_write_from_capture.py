"""Replace the RAISE guard of each file alembic-to-sql could not convert with the statements
the revision ran online (capture.py), marked as hand-written."""
import glob, os, re, sys, textwrap
out, cap, source = sys.argv[1], sys.argv[2], sys.argv[3]
for path in sorted(glob.glob(os.path.join(out, "V*.sql"))):
    text = open(path).read()
    if "could not be converted offline" not in text and not os.environ.get("FORCE_" + os.path.basename(path).split("__")[0]):
        continue
    rev = re.match(r"-- alembic-to-sql: Alembic revision (\S+)", text).group(1)
    down = re.search(r"^-- revises: (.*)$", text, re.M).group(1)
    header = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        header.append(line)
    captured = open(os.path.join(cap, rev + ".sql")).read().strip()
    note = (f"HAND-WRITTEN: offline mode cannot print this revision, so the statements below are "
            f"the ones its upgrade() sent when {source} ran it online (alembic upgrade "
            f"{down}:{rev}) on a database built by the revisions before it and holding no rows, "
            "less its reads (SELECT) and alembic_version. What its Python does with existing "
            "rows (loops, batches until no row changes, rows it reads and writes back) is not "
            "here: read the revision before deploying this file to a database with data.")
    body = "\n".join(header) + "\n" + "\n".join(textwrap.wrap(note, 96, initial_indent="-- ", subsequent_indent="-- ")) + "\n\n"
    if captured:
        body += captured + "\n"
    else:
        body += "-- (on a database without rows it sent no statement that changes anything)\n"
    open(path, "w").write(body)
    print(f"{os.path.basename(path)}: hand-written from {len(captured.split(';'))-1 if captured else 0} captured statements")
