#!/bin/sh
# Starts Chromium (the path in CHIZU_CHROMIUM) for the server's printing at the lowest CPU priority,
# so that a flood of prints slows the prints and not everyone's map. Playwright starts this in a
# session of its own, which Linux schedules as a group of its own (autogroup) beside the server's:
# the group's nice value is what weighs against the server's. Without CAP_SYS_NICE (dropped here,
# for a server run as root) Chromium cannot raise its processes' priority again, as it otherwise
# does; that is what counts where Linux makes no autogroups (inside a systemd service's or a
# container's CPU cgroup).
echo 19 > /proc/self/autogroup 2>/dev/null
if command -v setpriv >/dev/null 2>&1; then
  exec setpriv --inh-caps=-sys_nice --bounding-set=-sys_nice -- nice -n 19 "$CHIZU_CHROMIUM" "$@"
fi
exec nice -n 19 "$CHIZU_CHROMIUM" "$@"
