"""Runs AWS CLI commands one after another in this one Python process (AwsCliTest's AwsCliDriver).

Each line on stdin is a JSON request {"args": [...], "env": {...}}: the command line after "aws",
and the variables to add for this command to the environment the process started with. Each
command runs through awscli.clidriver.main(), the function the installed `aws` script itself calls
(with sys.argv as that script would see it), so the CLI parses, serialises, signs and prints
exactly as it would in a process of its own; a fresh botocore session per command reads the
environment and the config files again. Its stdout and stderr are captured together, as a
process's merged output would be, and the answer is one JSON line on stdout:
{"exitCode": n, "output": "..."}.
"""
import io
import json
import os
import sys

import awscli.clidriver

started_with = dict(os.environ)
answers = sys.stdout

for line in sys.stdin:
    request = json.loads(line)
    os.environ.clear()
    os.environ.update(started_with)
    os.environ.update(request["env"])
    captured = io.BytesIO()
    output = io.TextIOWrapper(captured, encoding="utf-8", errors="replace", write_through=True)
    sys.stdout = sys.stderr = output
    sys.argv = ["aws"] + request["args"]
    try:
        exit_code = awscli.clidriver.main()
    except SystemExit as exit:
        # what the interpreter would make of sys.exit(...) in the aws script: None is 0, a message is 1
        exit_code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        if isinstance(exit.code, str):
            output.write(exit.code + "\n")
    finally:
        output.flush()
        sys.stdout, sys.stderr = answers, sys.__stderr__
    answers.write(json.dumps({"exitCode": exit_code or 0, "output": captured.getvalue().decode("utf-8", "replace")}) + "\n")
    answers.flush()
