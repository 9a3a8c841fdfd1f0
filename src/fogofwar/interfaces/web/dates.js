// Dates keep their precision: a claim dated "2024-12" covers the month, "2024-W50" the ISO week,
// "2024" the year. Days are counted from 1970-01-01 (UTC), so spans are [lo, hi] in whole days.
// The same rule as the ledger's store.sqlite.date_span.
const DAY = 864e5;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function dayOf(iso) { return Math.floor(Date.UTC(+iso.slice(0, 4), +(iso.slice(5, 7) || 1) - 1, +(iso.slice(8, 10) || 1)) / DAY); }
export function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

// {lo, hi, precision} of an ISO date at its precision; null when there is no usable date
export function span(date) {
  if (!date) return null;
  let m = /^(\d{4})-W(\d{2})$/.exec(date);
  if (m) {
    const jan4 = Date.UTC(+m[1], 0, 4) / DAY, weekday = (new Date(jan4 * DAY).getUTCDay() + 6) % 7;
    const monday = jan4 - weekday + (+m[2] - 1) * 7;
    return { lo: monday, hi: monday + 6, precision: "week" };
  }
  m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) { const day = dayOf(`${y}-${mo}-${d}`); return { lo: day, hi: day, precision: "day" }; }
  if (mo) return { lo: dayOf(`${y}-${mo}-01`), hi: Date.UTC(+y, +mo, 0) / DAY, precision: "month" };
  return { lo: dayOf(`${y}-01-01`), hi: dayOf(`${y}-12-31`), precision: "year" };
}

// the span of a claim: its stated date if any (or a span the API gives), else its publication day
export function claimSpan(item) {
  const t = (item.claim && item.claim.time) || {};
  if (t.date_lo && t.date_hi) return { lo: dayOf(t.date_lo), hi: dayOf(t.date_hi), precision: t.precision || "span" };
  return span(t.date) || (item.published ? { ...span(item.published), precision: "published" } : null);
}

// "14 Dec 2024", "Dec 2024", "2024", "week of 9 Dec 2024", "9–15 Dec 2024"
export function spanLabel(s) {
  if (!s) return "";
  const a = new Date(s.lo * DAY), b = new Date(s.hi * DAY);
  const dmy = d => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (s.lo === s.hi) return dmy(a);
  if (s.precision === "month") return `${MONTHS[a.getUTCMonth()]} ${a.getUTCFullYear()}`;
  if (s.precision === "year") return String(a.getUTCFullYear());
  return `${dmy(a)} – ${dmy(b)}`;
}

// round tick days between d0 and d1 (days, weeks, months or years) with their labels
export function ticks(d0, d1, most) {
  const n = d1 - d0, out = [];
  const fmt = (d, unit) => {
    const t = new Date(d * DAY);
    if (unit === "year") return String(t.getUTCFullYear());
    if (unit === "month") return `${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
    return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]}`;
  };
  for (const step of [1, 2, 7, 14]) {
    if (n / step <= most) {
      for (let d = Math.ceil(d0 / step) * step; d <= d1; d += step) out.push({ day: d, label: fmt(d, "day") });
      return out;
    }
  }
  for (const months of [1, 2, 3, 6, 12, 24, 60]) {
    if (n / (30.44 * months) > most) continue;
    const first = new Date(d0 * DAY);
    let y = first.getUTCFullYear(), m = first.getUTCMonth();
    m = Math.ceil((y * 12 + m) / months) * months; y = Math.floor(m / 12); m %= 12;
    for (;;) {
      const d = Date.UTC(y, m, 1) / DAY;
      if (d > d1) break;
      if (d >= d0) out.push({ day: d, label: fmt(d, months >= 12 ? "year" : "month") });
      m += months; y += Math.floor(m / 12); m %= 12;
    }
    return out;
  }
  return out;
}
