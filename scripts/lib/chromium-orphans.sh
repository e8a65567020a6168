# Ends the headless Chromium processes that an earlier run of this checkout left behind (sourced by scripts/test and
# scripts/run before they start; docs/adr/0022-a-printer-that-cannot-reach-out.md). Narrowly: only orphans (parent
# pid 1), only Chromium, only with --headless and a --user-data-dir inside this checkout (the PDF renderer's
# profiles, Reporting:ChromiumProfileFolder). Another checkout's Chromium, a Chromium whose parent still runs and a
# person's own browser are left alone. Each is sent SIGTERM with its children, then SIGKILL after two seconds if
# still there. Prints what it ended.
#   kill_orphan_chromium <checkout root>
kill_orphan_chromium() {
  local root=${1%/} pid ppid exe args orphans=() tree=() left
  while read -r pid ppid exe args; do
    [ "$ppid" = 1 ] || continue
    case "$exe" in */chromium | chromium | */chrome | chrome) ;; *) continue ;; esac
    case " $args " in *" --headless "* | *" --headless="*) ;; *) continue ;; esac
    case " $args" in *" --user-data-dir=$root/"*) orphans+=("$pid") ;; esac
  done < <(ps -eo pid=,ppid=,args= 2>/dev/null)
  [ ${#orphans[@]} -eq 0 ] && return 0
  # each orphan with its descendants (zygotes, renderers, GPU process)
  tree=("${orphans[@]}")
  local added=1
  while [ $added -eq 1 ]; do
    added=0
    while read -r pid ppid; do
      [[ " ${tree[*]} " == *" $ppid "* && " ${tree[*]} " != *" $pid "* ]] && { tree+=("$pid"); added=1; }
    done < <(ps -eo pid=,ppid= 2>/dev/null)
  done
  echo "[chromium] ending ${#orphans[@]} orphaned headless Chromium of an earlier run of this checkout" \
       "(pids ${orphans[*]}, ${#tree[@]} processes)"
  kill -TERM "${tree[@]}" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    left=()
    for pid in "${tree[@]}"; do kill -0 "$pid" 2>/dev/null && left+=("$pid"); done
    [ ${#left[@]} -eq 0 ] && return 0
    sleep 0.2
  done
  kill -KILL "${left[@]}" 2>/dev/null || true
  return 0
}
