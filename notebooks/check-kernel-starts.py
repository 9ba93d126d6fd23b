#!/usr/bin/python3
"""Starts the serspark Java kernel N times and checks that every start answers kernel_info.

    notebooks/run-notebooks.sh <warehouse> --check-starts N     (writes the kernelspec first, then runs this)

A start that does not answer within --timeout seconds fails the check (no retries: this is what the retries in
run-notebooks.sh would hide). Prints one line per start: seconds to the first answer, and any loop KernelStart had to
start again (the rapaio LoopThread start race, see kernels/serspark-java/KernelStart.java).
"""
import argparse
import sys
import tempfile
import time

from jupyter_client import KernelManager


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("starts", type=int)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--kernel", default="serspark-java")
    args = ap.parse_args()
    if args.starts < 1:
        ap.error("starts must be at least 1")
    silent, repaired = 0, 0
    for i in range(1, args.starts + 1):
        with tempfile.TemporaryFile(mode="w+") as log:
            km = KernelManager(kernel_name=args.kernel)
            t0 = time.monotonic()
            km.start_kernel(stdout=log, stderr=log)
            kc = km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=args.timeout)
                result = "answered in %.1f s" % (time.monotonic() - t0)
            except RuntimeError as e:
                silent += 1
                result = "NO ANSWER (%s)" % e
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
                del kc, km   # now, not at interpreter exit (where jupyter_client's __del__ logs a TypeError)
            log.seek(0)
            fixes = [l.split(": ", 1)[1].strip() for l in log if l.startswith("KernelStart: ")]
        repaired += bool(fixes)
        print("start %d/%d: %s%s" % (i, args.starts, result, "".join("; " + f for f in fixes)), flush=True)
    print("kernel starts: %d of %d answered; %d needed a loop started again"
          % (args.starts - silent, args.starts, repaired), flush=True)
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
