/** Loads Plotly once, on the first chart that needs it (it is large, so it lives in its own chunk). */
type PlotlyModule = typeof import('plotly.js-dist-min').default;

let plotlyPromise: Promise<PlotlyModule> | null = null;

/** Resolves with the Plotly module, importing it the first time. */
export function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-dist-min').then((m) => m.default);
  return plotlyPromise;
}
