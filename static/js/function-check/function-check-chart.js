/**
 * History's chart of the weekly function check, as numbers: where each point and line goes.
 * No DOM here, so Node can test it; `views/function-chart.js` draws it.
 */
import { byTakenAt, SCORE_MAX } from "./function-check-plan.js";
import { dayLabel } from "../log/history-stats.js";

const CHART_CHECKS = 12;
const round = (number) => Math.round(number * 10) / 10;

/**
 * History's chart in viewBox units: the last checks evenly spaced, oldest left; a line per
 * activity of the latest check (the ones the person rates now), 0 at the bottom.
 */
export function functionChart(
  checks,
  { width = 320, height = 180, left = 30, right = 12, top = 12, bottom = 30 } = {},
) {
  const shown = byTakenAt(checks).slice(-CHART_CHECKS);
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (index) => round(shown.length < 2 ? left + plotWidth / 2 : left + (index * plotWidth) / (shown.length - 1));
  const y = (value) => round(top + ((SCORE_MAX - value) / SCORE_MAX) * plotHeight);
  const names = (shown.at(-1)?.activities ?? []).map((activity) => activity.name);
  const lines = names.map((name) => ({
    name,
    points: shown.flatMap((check, index) => {
      const found = check.activities.find((activity) => activity.name.toLowerCase() === name.toLowerCase());
      return found ? [{ x: x(index), y: y(found.score), value: found.score, label: dayLabel(check.takenAt) }] : [];
    }),
  }));
  return {
    width,
    height,
    plot: { left, right: width - right, top, bottom: height - bottom },
    ticks: [0, 5, 10].map((value) => ({ value, y: y(value) })),
    lines,
    dates: shown.length
      ? [
          { x: x(0), label: dayLabel(shown[0].takenAt), anchor: shown.length < 2 ? "middle" : "start" },
          ...(shown.length < 2
            ? []
            : [{ x: x(shown.length - 1), label: dayLabel(shown.at(-1).takenAt), anchor: "end" }]),
        ]
      : [],
  };
}

/** The chart in words, for its aria-label: each activity's first and latest score. */
export function functionSummary(chart) {
  const parts = chart.lines.map(({ name, points }) => {
    const first = points[0];
    const latest = points.at(-1);
    return points.length > 1
      ? `${name}: ${first.value} on ${first.label}, ${latest.value} on ${latest.label}`
      : `${name}: ${latest.value} on ${latest.label}`;
  });
  return `How well you can do each activity, from 0 (unable) to ${SCORE_MAX} (as before). ${parts.join("; ")}.`;
}
