"""Runs one mnsim command into a fresh directory and checks what it wrote against the output
schemas: summary.json against schemas/summary.schema.json and, for `plan`, plan.json against
schemas/plan.schema.json (JSON Schema 2020-12, Debian python3-jsonschema).

Usage: output_matches_schema.py MNSIM SCHEMA_DIR COMMAND [ARGUMENT...]
"""
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema


def check(document_path: pathlib.Path, schema_path: pathlib.Path) -> None:
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(document_path.read_text())),
                    key=lambda e: list(e.path))
    for error in errors[:10]:
        print(f"{document_path.name}: {'/'.join(map(str, error.path)) or '(top)'}: {error.message[:300]}")
    if errors:
        sys.exit(f"{document_path} does not match {schema_path.name}: {len(errors)} error(s)")
    print(f"{document_path.name} matches {schema_path.name}")


def main() -> None:
    mnsim, schema_dir, command, *arguments = sys.argv[1:]
    schema_dir = pathlib.Path(schema_dir)
    with tempfile.TemporaryDirectory() as work:
        run = pathlib.Path(work) / "run"
        # An argument vector, never a shell.
        subprocess.run([mnsim, command, *arguments, "-o", str(run)], check=True, stdout=subprocess.DEVNULL)
        check(run / "summary.json", schema_dir / "summary.schema.json")
        if command == "plan":
            check(run / "plan.json", schema_dir / "plan.schema.json")


if __name__ == "__main__":
    main()
