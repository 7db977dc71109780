// Durations for people, shared by the CLI and the web app (browser-safe: no Node modules).

/** Seconds as "45 s", "12 min", "3 h 20 min", "2 d 4 h" (the sign is dropped). */
export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) {
    const minutes = Math.round(s / 60);
    const [h, m] = [Math.floor(minutes / 60), minutes % 60];
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const hours = Math.round(s / 3_600);
  const [d, h] = [Math.floor(hours / 24), hours % 24];
  return h ? `${d} d ${h} h` : `${d} d`;
}
