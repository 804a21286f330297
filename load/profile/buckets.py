#!/usr/bin/env python3
"""Where a process's CPU goes, from `perf script` output (stdin): each sample is charged to the component of the
nearest frame, from the leaf up, that belongs to one (kernel, CoreLib and socket frames are passed through to their
caller, so a TCP send made by HttpClient counts as HttpClient). Prints a Markdown table: share of samples and CPU
microseconds per change (samples / frequency / changes in the window).

    perf script -F comm,tid,ip,sym,dso -i perf.data | load/profile/buckets.py --frequency 499 --changes 75000
"""
import argparse
import collections
import re
import sys

# (component, compiled pattern over the frame's declaring type), first match wins; managed frames come from the perf
# map the runtime writes with DOTNET_PerfMapEnabled=1, named like
# "instance void [System.Net.Http] System.Net.Http.HttpConnection+<SendAsync>d__56::MoveNext()[OptimizedTier1]".
MANAGED = [
    ("partner PATCHes out: HttpClient", r"^System\.Net\.Http\.|^Microsoft\.Extensions\.Http\."),
    ("map feed: SignalR", r"^Microsoft\.AspNetCore\.SignalR\.|^Microsoft\.AspNetCore\.Http\.Connections\."),
    ("requests in: Kestrel and routing", r"^Microsoft\.AspNetCore\.|^System\.IO\.Pipelines\."),
    ("SQLite (status and ledger commits)", r"^Microsoft\.Data\.Sqlite\.|^SQLitePCL\."),
    ("PostgreSQL client", r"^Npgsql\."),
    ("Orleans: messaging, scheduling, serialization", r"^Orleans\.|^Microsoft\.Orleans\."),
    ("JSON", r"^System\.Text\.Json\."),
    ("telemetry and logging", r"^OpenTelemetry\.|^Microsoft\.Extensions\.Logging\.|^System\.Diagnostics\."),
    ("StatusGrid's own code", r"^StatusGrid\."),
]
MANAGED = [(name, re.compile(pattern)) for name, pattern in MANAGED]
# "[Assembly] Declaring.Type::": the return type before it is written without the space ("[System.Runtime]System..").
DECLARING_TYPE = re.compile(r"\] ([^\s\[:(]+)")


def frame_component(symbol, dso):
    if "kernel" in dso or dso.startswith("[vdso]"):
        return None
    if "libclrjit" in dso:
        return "runtime: JIT"
    if "libcoreclr" in dso:
        if re.search(r"gc_heap|GCHeap|WKS::|SVR::|gc\b|GCToEE|mark_|plan_phase|relocate|compact", symbol):
            return "runtime: GC"
        return None  # allocation helpers, casts, thread pool: charged to the caller
    if "sqlite" in dso:
        return "SQLite (status and ledger commits)"
    if "libSystem.Native" in dso or "libc" in dso or "ld-linux" in dso or "libpthread" in dso:
        return None
    # Anything else (CoreLib's tasks, collections and thread pool, sockets, pipelines' buffers) is charged to its caller.
    match = DECLARING_TYPE.search(symbol)
    if not match:
        return None
    name = match.group(1)
    for component, pattern in MANAGED:
        if pattern.search(name):
            return component
    return None


# A syscall made through libc loses its caller (libc has no frame pointers, so perf's unwinding stops there): such a
# sample is charged by the syscall's libc function instead.
SYSCALLS = [
    ("network sends (syscalls; caller lost in libc)", r"send|writev"),
    ("network receives (syscalls; caller lost in libc)", r"recv|readv|^read$"),
    ("SQLite file I/O (fsync, WAL writes and reads, locks)", r"fsync|fdatasync|pwrite|pread|fcntl"),
    ("threads parking and waking (futex)", r"futex|pthread_cond|lll_lock|pthread_mutex|sched_yield|nanosleep"),
    ("socket event loop (epoll)", r"epoll"),
]
SYSCALLS = [(name, re.compile(pattern)) for name, pattern in SYSCALLS]


def syscall_component(frames):
    for symbol, dso in frames:
        if "kernel" in dso:
            continue
        if "libc" in dso:
            for component, pattern in SYSCALLS:
                if pattern.search(symbol):
                    return component
        return None
    return None


def dso_kind(dso):
    for needle, kind in (("kernel", "kernel"), ("libcoreclr", "runtime (GC, allocation, casts, thread pool)"),
                         ("libclrjit", "JIT"), ("sqlite", "SQLite"), ("libc", "libc"), ("libSystem", "libc"),
                         ("ld-linux", "libc"), ("perf-", "managed code"), ("memfd", "managed code (unnamed)"),
                         (".dll", "managed code (precompiled)")):
        if needle in dso:
            return kind
    return dso or "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--frequency", type=float, required=True, help="perf record -F")
    parser.add_argument("--changes", type=float, default=0, help="changes accepted in the sampled window")
    args = parser.parse_args()

    totals = collections.Counter()
    leaf_dso = collections.Counter()
    own = collections.Counter()
    kernel_leaf = collections.Counter()
    samples = 0
    frames = []
    comm = ""

    def flush():
        nonlocal samples
        if not frames and not comm:
            return
        samples += 1
        component = None
        for symbol, dso in frames:
            component = frame_component(symbol, dso)
            if component:
                break
        if component is None:
            component = syscall_component(frames)
        if component == "StatusGrid's own code":
            for symbol, dso in frames:
                match = DECLARING_TYPE.search(symbol) if "perf-" in dso else None
                if match and match.group(1).startswith("StatusGrid."):
                    own[re.sub(r"\+<.*$|\+.*$", "", match.group(1))] += 1
                    break
        if component is None:
            thread = comm.strip()
            if ".NET BGC" in thread or "GC" in thread:
                component = "runtime: GC"
            elif frames and all("kernel" in d for _, d in frames):
                component = "kernel, no managed caller (scheduling, epoll, timers)"
            else:
                component = "runtime and thread pool (no component frame)"
        totals[component] += 1
        leaf_dso[dso_kind(frames[0][1]) if frames else "none"] += 1
        if frames and "kernel" in frames[0][1]:
            kernel_leaf[component] += 1

    for line in sys.stdin:
        if not line.strip():
            flush()
            frames, comm = [], ""
            continue
        if not line.startswith((" ", "\t")):
            # The sample's header, "-F comm,tid,...": the thread name (it may hold spaces), then the thread id.
            comm = re.sub(r"\s+\d+\s*$", "", line.rstrip())
            continue
        parts = line.strip().split(" ", 1)
        if len(parts) < 2:
            continue
        rest = parts[1]
        match = re.match(r"(.*) \((.*)\)$", rest)
        symbol, dso = (match.group(1), match.group(2)) if match else (rest, "")
        symbol = re.sub(r"\+0x[0-9a-f]+$", "", symbol)
        frames.append((symbol, dso))
    flush()

    if samples == 0:
        print("no samples", file=sys.stderr)
        sys.exit(1)
    cpu_seconds = samples / args.frequency
    print(f"{samples:,} samples = {cpu_seconds:.2f} CPU-s"
          + (f" for {args.changes:,.0f} changes: {cpu_seconds / args.changes * 1e6:.1f} µs per change" if args.changes else ""))
    print()

    def table(title, first_column, counter, limit=None, kernel=None, per_change=True):
        if title:
            print(title)
            print()
        columns = [first_column, "share"] + (["of which in the kernel"] if kernel else []) + (["µs per change"] if per_change and args.changes else [])
        print("| " + " | ".join(columns) + " |")
        print("| --- |" + " ---: |" * (len(columns) - 1))
        for name, count in counter.most_common(limit):
            cells = [name, f"{100 * count / samples:.1f} %"]
            if kernel:
                cells.append(f"{100 * kernel[name] / count:.0f} %")
            if per_change and args.changes:
                cells.append(f"{count / args.frequency / args.changes * 1e6:.1f}")
            print("| " + " | ".join(cells) + " |")
        print()

    table(None, "component", totals, kernel=kernel_leaf)
    table("StatusGrid's own code by type (with the CoreLib and runtime work it calls; share of all samples):", "type", own, limit=12)
    table("Where the samples stopped (the leaf frame's module):", "module", leaf_dso, per_change=False)

if __name__ == "__main__":
    main()
