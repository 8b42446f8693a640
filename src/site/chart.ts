/**
 * Coverage over time: articles per month as an inline SVG bar chart, made at
 * build time (no script, no image request). Colours come from the stylesheet
 * through classes, so dark mode and print restyle it.
 */
import { escapeHtml } from "./escape.js";
import { monthFr, monthShortFr, plural } from "./format.js";

/** Every month "YYYY-MM" from first to last inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function countsByMonth(dates: (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of dates) if (d) counts.set(d.slice(0, 7), (counts.get(d.slice(0, 7)) ?? 0) + 1);
  return counts;
}

/**
 * The chart as HTML, or "" when no article has a date: an SVG in which each month with
 * articles is a link to that month of the timeline (`monthUrl`), named with its count
 * (aria-label and a <title> tooltip), with a hit area as tall as the chart so a thin bar is
 * easy to tap; then the first and last months as HTML text, which stays readable however
 * much the SVG is scaled down (its own year labels are hidden on phones by the stylesheet).
 */
export function coverageChart(dates: (string | null)[], monthUrl: (month: string) => string | null = () => null): string {
  const counts = countsByMonth(dates);
  if (counts.size === 0) return "";
  const keys = [...counts.keys()].sort();
  const months = monthRange(keys[0], keys[keys.length - 1]);
  const max = Math.max(...counts.values());
  // Bars fill about 880 units when there are few months, and thin out (down to 3) when there are many.
  const gap = months.length > 120 ? 1 : 2;
  const barW = Math.max(3, Math.min(36, Math.floor(880 / months.length) - gap));
  const h = 80;
  const axis = 18;
  const width = Math.max(months.length * (barW + gap), 120);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const label = `Articles par mois, de ${monthFr(months[0])} à ${monthFr(months[months.length - 1])} : ${plural(total, "article")} au total, au plus ${plural(max, "article")} en un mois.`;
  let bars = "";
  let ticks = "";
  let lastTick = -Infinity;
  months.forEach((mo, i) => {
    const n = counts.get(mo) ?? 0;
    const x = i * (barW + gap);
    const bh = n === 0 ? 0 : Math.max(2, Math.round((n / max) * (h - 4)));
    if (n > 0) {
      const name = escapeHtml(`${monthFr(mo)} : ${plural(n, "article")}`);
      const shape = `<title>${name}</title><rect class="hit" x="${x}" y="0" width="${barW + gap}" height="${h}"/><rect class="bar" x="${x}" y="${h - bh}" width="${barW}" height="${bh}"/>`;
      const url = monthUrl(mo);
      bars += url ? `<a href="${escapeHtml(url)}" aria-label="${name}">${shape}</a>` : `<g role="img" aria-label="${name}">${shape}</g>`;
    } else {
      bars += `<rect class="bar-empty" x="${x}" y="${h - 1}" width="${barW}" height="1"/>`;
    }
    // A year label on January (and the first month), unless the previous label is too close.
    // (none so near the right edge that it would be cut: the last month is written under the chart)
    if ((mo.endsWith("-01") || i === 0) && x - lastTick >= 48 && x + 30 <= width) {
      ticks += `<text class="tick" x="${x}" y="${h + axis - 4}">${mo.slice(0, 4)}</text>`;
      lastTick = x;
    }
  });
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${h + axis}" width="${width}" height="${h + axis}" role="group" aria-label="${escapeHtml(label)}" preserveAspectRatio="xMinYMax meet">` +
    `<line class="baseline" x1="0" y1="${h}" x2="${width}" y2="${h}"/>${bars}<g aria-hidden="true">${ticks}</g></svg>` +
    `<p class="chart-axis" aria-hidden="true"><span>${escapeHtml(monthShortFr(months[0]))}</span><span>au plus ${escapeHtml(plural(max, "article"))} par mois</span><span>${escapeHtml(monthShortFr(months[months.length - 1]))}</span></p>`
  );
}
