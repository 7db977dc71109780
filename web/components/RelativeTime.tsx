"use client";
// A moment shown relative to the chain's time ("in 2 h 5 min", "3 d ago") with its absolute UTC time beside it,
// counting down in the browser. The first render uses the server's `now`, so hydration matches; then it ticks with
// the chain's offset from this browser's clock (a development chain may run ahead after time travel).
import { useEffect, useState } from "react";
import { formatAbsolute, formatRelative, isoTime } from "../lib/format.ts";

export function RelativeTime({ timestamp, now, absolute = true }: { timestamp: number; now: number; absolute?: boolean }) {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    const offset = now - Date.now() / 1000;
    const tick = () => setCurrent(Math.floor(Date.now() / 1000 + offset));
    const near = Math.abs(timestamp - now) < 3_600;
    const id = window.setInterval(tick, near ? 1_000 : 30_000);
    return () => window.clearInterval(id);
  }, [now, timestamp]);
  const abs = formatAbsolute(timestamp);
  return (
    <time dateTime={isoTime(timestamp)} title={abs} className="time">
      {formatRelative(timestamp, current)}
      {absolute ? <span className="time-abs"> ({abs})</span> : null}
    </time>
  );
}
