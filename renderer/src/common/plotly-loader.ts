/** Loads Plotly once, on the first chart that needs it (it is large, so it lives in its own chunk). */
import { useEffect, type RefObject } from 'react';
import type { Config, Data, Layout } from 'plotly.js-dist-min';
import { useReportError } from './error-context';

type PlotlyModule = typeof import('plotly.js-dist-min').default;

let plotlyPromise: Promise<PlotlyModule> | null = null;

/** Resolves with the Plotly module, importing it the first time. */
export function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-dist-min').then((m) => m.default);
  return plotlyPromise;
}

/** The Plotly config of every chart: responsive, no logo or tips, PNG export named `filename`. */
export function plotConfig(filename: string): Config {
  return {
    responsive: true,
    displaylogo: false,
    showTips: false,
    modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d'],
    toImageButtonOptions: { format: 'png', filename, scale: 2 },
  };
}

/** Frees Plotly's resources of the chart in `ref` when the component goes away. */
export function usePlotlyPurge(ref: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const div = ref.current;
    return () => {
      if (div) void loadPlotly().then((P) => P.purge(div), () => undefined);
    };
  }, [ref]);
}

/**
 * Draws `data` with `layout` into the div in `ref` and redraws it in place when they change (keep
 * them memoised); frees the chart on unmount. A drawing failure is reported as `context`.
 */
export function usePlotlyChart(ref: RefObject<HTMLDivElement | null>, data: Data[], layout: Layout, filename: string, context = 'Drawing a chart'): void {
  const report = useReportError();
  useEffect(() => {
    const div = ref.current;
    if (!div) return;
    let cancelled = false;
    loadPlotly()
      .then((Plotly) => {
        if (cancelled) return;
        return Plotly.react(div, data, layout, plotConfig(filename));
      })
      .catch((err) => !cancelled && report(context, err));
    return () => {
      cancelled = true;
    };
  }, [ref, data, layout, filename, context, report]);
  usePlotlyPurge(ref);
}
