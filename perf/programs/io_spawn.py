"""Process start-up latency: subprocess.run(['true']) RUNS times (perf/bench_io.py)."""
import subprocess

RUNS = 10


def main():
    return [subprocess.run(["true"]).returncode for _ in range(RUNS)]
