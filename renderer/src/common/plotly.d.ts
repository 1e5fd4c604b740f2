/** The small part of Plotly's API the renderer uses (plotly.js-dist-min ships no types). */
declare module 'plotly.js-dist-min' {
  export interface PlotlyHTMLElement extends HTMLDivElement {
    on(event: 'plotly_relayout', handler: (e: Record<string, unknown>) => void): void;
    on(event: string, handler: (e: unknown) => void): void;
    removeAllListeners?(event: string): void;
  }
  export type Data = Record<string, unknown>;
  export type Layout = Record<string, unknown>;
  export type Config = Record<string, unknown>;
  const Plotly: {
    react(el: HTMLElement, data: Data[], layout?: Layout, config?: Config): Promise<PlotlyHTMLElement>;
    newPlot(el: HTMLElement, data: Data[], layout?: Layout, config?: Config): Promise<PlotlyHTMLElement>;
    relayout(el: HTMLElement, update: Layout): Promise<PlotlyHTMLElement>;
    purge(el: HTMLElement): void;
    Plots: { resize(el: HTMLElement): void };
  };
  export default Plotly;
}
