/** Zooming a series chart: each x range the user zooms to (debounced), to re-request detail for it. */
import { useEffect, type RefObject } from 'react';
import type { PlotlyHTMLElement } from 'plotly.js-dist-min';
import type { SeriesResult } from '../../../shared/dataset';
import { plotlyDateToMs } from '../common/format';
import { loadPlotly } from '../common/plotly-loader';

const RELAYOUT_DEBOUNCE_MS = 200;

/** The zoomed x range of one chart key (entity and columns); null: all of it. */
export interface ZoomView {
  key: string;
  range: [number, number] | null;
}

/** Reads the new x range from a plotly_relayout event: a range, 'all' for autorange, or null if x did not change. */
function rangeFromRelayout(e: Record<string, unknown>, datetime: boolean): [number, number] | 'all' | null {
  if (e['xaxis.autorange'] === true) return 'all';
  let a = e['xaxis.range[0]'];
  let b = e['xaxis.range[1]'];
  const arr = e['xaxis.range'];
  if (Array.isArray(arr)) [a, b] = arr;
  if (a === undefined || b === undefined) return null;
  const conv = (v: unknown) => (datetime ? plotlyDateToMs(v as string | number) : Number(v));
  const lo = conv(a);
  const hi = conv(b);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  return lo <= hi ? [lo, hi] : [hi, lo];
}

/**
 * Follows the user's zoom on the Plotly chart in `el`: after a pause, `setView` gets the x range
 * (null for a reset) with the key the chart showed (`keyRef`); `xKindRef` says whether x is a date.
 */
export function useZoomRange(
  el: RefObject<HTMLDivElement | null>,
  xKindRef: RefObject<SeriesResult['xKind'] | null>,
  keyRef: RefObject<string>,
  setView: (view: ZoomView) => void,
): void {
  useEffect(() => {
    const div = el.current;
    if (!div) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attached = false;
    let disposed = false;
    const onRelayout = (e: Record<string, unknown>) => {
      const next = rangeFromRelayout(e, xKindRef.current === 'datetime');
      if (next === null) return;
      clearTimeout(timer);
      const k = keyRef.current;
      timer = setTimeout(() => setView({ key: k, range: next === 'all' ? null : next }), RELAYOUT_DEBOUNCE_MS);
    };
    loadPlotly().then(() => {
      if (disposed) return;
      // The div becomes a Plotly graph (with .on) after the first draw; poll briefly until then.
      const attach = () => {
        if (disposed || attached) return;
        const g = div as unknown as PlotlyHTMLElement;
        if (typeof g.on === 'function') {
          g.on('plotly_relayout', onRelayout);
          attached = true;
        } else setTimeout(attach, 50);
      };
      attach();
    }, () => undefined);
    return () => {
      disposed = true;
      clearTimeout(timer);
      (div as unknown as PlotlyHTMLElement).removeAllListeners?.('plotly_relayout');
    };
  }, [el, xKindRef, keyRef, setView]);
}
