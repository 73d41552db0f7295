// Peak resident memory of another process over a phase of the benchmark. On Linux the kernel's
// own high-water mark (VmHWM) is reset at the start of the phase (writing 5 to clear_refs) and read
// at the end, so short peaks between samples count; RSS is also polled as a fallback for kernels
// that refuse the reset. Elsewhere there is no /proc and the figure is reported as not measured.
import { readFileSync, writeFileSync } from 'node:fs';

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/** Resident memory of `pid` now; null where there is no /proc. */
export function currentRss(pid: number): number | null {
  return statusField(pid, 'VmRSS');
}

export interface PeakRssWatch {
  /** Peak bytes since the watch started, or null where it cannot be measured. */
  stop(): number | null;
}

export function watchPeakRss(pid: number, intervalMs = 50): PeakRssWatch {
  let reset = false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    reset = true;
  } catch {
    reset = false;
  }
  let polled = statusField(pid, 'VmRSS');
  const timer = setInterval(() => {
    const now = statusField(pid, 'VmRSS');
    if (now !== null) polled = Math.max(polled ?? 0, now);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const highWater = reset ? statusField(pid, 'VmHWM') : null;
      const last = statusField(pid, 'VmRSS');
      const candidates = [polled, highWater, last].filter((value): value is number => value !== null);
      return candidates.length === 0 ? null : Math.max(...candidates);
    },
  };
}
