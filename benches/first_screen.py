#!/usr/bin/env python3
"""Time from starting a command in a new tmux pane to MARKER showing in it.

Usage: benches/first_screen.py SESSION WIDTH HEIGHT MARKER TIMEOUT_MS COMMAND

Prints the milliseconds, or "timeout"; the session is left running. The pane
is read every 10 ms through one tmux client in control mode (`tmux -C`),
not by starting a `tmux capture-pane` process for every look: on a 2-core
machine a process started every 10 ms takes a share of the cores from the
program being timed, the more so from a program that keeps both busy.
"""
import subprocess
import sys
import time


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    session, width, height, marker, timeout_ms, command = sys.argv[1:]
    start = time.monotonic()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", width, "-y", height, command,
         ";", "set-option", "-t", session, "window-size", "manual"],
        check=True,
    )
    ctl = subprocess.Popen(["tmux", "-C", "attach-session", "-r", "-t", session],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    deadline = start + int(timeout_ms) / 1000
    try:
        reply(ctl)  # the answer to attaching
        while time.monotonic() < deadline:
            if marker in capture(ctl, session):
                print(round((time.monotonic() - start) * 1000))
                return
            time.sleep(0.01)
        print("timeout")
    finally:
        ctl.stdin.close()  # detaches the client
        ctl.wait()


def capture(ctl, session):
    ctl.stdin.write(f"capture-pane -p -t {session}\n".encode())
    ctl.stdin.flush()
    return reply(ctl)


def reply(ctl):
    """The next command's answer (the lines between %begin and %end); the
    notifications around it (%output and the like) are skipped."""
    lines, inside = [], False
    for raw in iter(ctl.stdout.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        if not inside:
            inside = line.startswith("%begin")
        elif line.startswith(("%end", "%error")):
            return "\n".join(lines)
        else:
            lines.append(line)
    return ""


if __name__ == "__main__":
    main()
