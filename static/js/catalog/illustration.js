/**
 * Exercise illustrations, inlined so the page's stylesheet can colour them for light and dark
 * mode and move them between their two positions (CSS, no script loop). Each SVG, drawn by
 * tools/figures.py, is a rig: nested groups turned about the joints, where each moving joint's
 * `.m` group holds the turn from the start pose to the end pose; a `.body`, a faint `.ghost` of
 * the other pose, and an arrow. `data-motion` on the figure says what to show: "move" (ease
 * between the poses at the tempo), "start" or "end" (hold still). Reduced motion shows the still
 * end position. `data-side="right"` mirrors a two-sided exercise to the side worked.
 */

const texts = new Map();

async function svgText(url) {
  if (!texts.has(url)) {
    texts.set(
      url,
      fetch(url).then((response) => {
        if (!response.ok) throw new Error(`illustration ${url}: ${response.status}`);
        return response.text();
      }),
    );
  }
  return texts.get(url);
}

/** A ready-to-insert <svg class="figure">, or null if the file cannot be had. */
export async function loadFigure(url) {
  if (!url) return null;
  try {
    const parsed = new DOMParser().parseFromString(await svgText(url), "image/svg+xml");
    const svg = parsed.documentElement;
    if (svg.nodeName !== "svg") return null;
    const figure = document.importNode(svg, true);
    figure.classList.add("figure");
    figure.removeAttribute("width");
    figure.removeAttribute("height");
    return figure;
  } catch {
    texts.delete(url);
    return null;
  }
}

/** Show a figure moving at `tempoSeconds` a rep, or still at one position, on one side. */
export function setFigureMotion(figure, { motion, tempoSeconds = 4, side = null }) {
  if (!figure) return;
  figure.dataset.motion = motion;
  // One rep is start → end → start: each half takes half the tempo.
  figure.style.setProperty("--half-rep", `${Math.max(0.5, tempoSeconds / 2)}s`);
  if (side) figure.dataset.side = side;
  else delete figure.dataset.side;
}
