#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal, answering prompts.
Usage: tty_run.py PROMPT=ANSWER [PROMPT=ANSWER...] -- COMMAND [ARGS...]
Each answer is typed (with a newline) once its prompt has appeared.
Prints everything the command wrote to the terminal and exits with its
status. Fails (exit 99) if a prompt does not appear within 20 seconds."""
import os
import pty
import select
import sys
import time


def main():
    sep = sys.argv.index("--")
    pairs = [a.split("=", 1) for a in sys.argv[1:sep]]
    cmd = sys.argv[sep + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    seen = b""
    deadline = time.time() + 20
    i = 0
    while True:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            if not data:
                break
            seen += data
        if i < len(pairs) and pairs[i][0].encode() in seen:
            seen = seen.replace(pairs[i][0].encode(), b"<" + pairs[i][0].encode() + b">", 1)
            os.write(fd, pairs[i][1].encode() + b"\n")
            i += 1
        if time.time() > deadline:
            sys.stdout.write(seen.decode(errors="replace"))
            sys.exit(99)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(seen.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


main()
