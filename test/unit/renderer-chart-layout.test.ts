/** The renderer's chart layouts: series panels, split shading and loss curves, built without a browser. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SeriesResult } from '../../shared/dataset';
import { buildLayout, buildTraces, chartHeight, esc, splitShapes } from '../../renderer/src/common/chart-layout';
import { buildLossLayout } from '../../renderer/src/common/loss-chart-layout';
import { versionCurves } from '../../renderer/src/common/version-curves';

const series: SeriesResult = {
  xKind: 'datetime',
  traces: [
    { column: 'pressure', x: [0, 60_000], y: [1, 2] },
    { column: 'a<b', x: [0, 60_000], y: [3, null] },
  ],
  totalPoints: 2,
  downsampled: false,
} as SeriesResult;

test('overlaid series share one y axis and a legend; datetime x values become UTC Plotly dates', () => {
  const traces = buildTraces(series, false) as { yaxis: string; x: string[]; name: string }[];
  assert.deepEqual(traces.map((t) => t.yaxis), ['y', 'y']);
  assert.deepEqual(traces[0].x, ['1970-01-01 00:00:00.000', '1970-01-01 00:01:00.000']);
  const layout = buildLayout({ result: series, stacked: false, xTitle: 'Time', uirevision: 'k', yRevision: 'k' }) as Record<string, unknown>;
  assert.equal(layout.showlegend, true);
  assert.equal(layout.height, chartHeight(1));
  assert.deepEqual((layout.yaxis as { title: { text: string } }).title.text, 'Value');
});

test('stacked series get one panel each, top to bottom, labelled with escaped column names', () => {
  const traces = buildTraces(series, true) as { yaxis: string }[];
  assert.deepEqual(traces.map((t) => t.yaxis), ['y', 'y2']);
  const layout = buildLayout({ result: series, stacked: true, xTitle: 'Time', uirevision: 'k', yRevision: 'k' }) as Record<string, unknown>;
  const top = layout.yaxis as { domain: [number, number] };
  const bottom = layout.yaxis2 as { domain: [number, number] };
  assert.equal(top.domain[1], 1);
  assert.ok(bottom.domain[1] < top.domain[0], 'the second panel sits below the first');
  assert.equal(layout.showlegend, false);
  assert.deepEqual((layout.annotations as { text: string }[]).map((a) => a.text), ['<b>pressure</b>', '<b>a&lt;b</b>']);
  assert.equal(esc('x & <y>'), 'x &amp; &lt;y&gt;');
});

test('split shading covers train, validation and test in order, and drops an empty region', () => {
  const shapes = splitShapes({ validationStart: 60, testStart: 80 }, 0, 100, false) as { name: string; x0: number; x1: number }[];
  assert.deepEqual(shapes.map((s) => [s.name, s.x0, s.x1]), [['train', 0, 60], ['validation', 60, 80], ['test', 80, 100]]);
  const noValidation = splitShapes({ validationStart: null, testStart: 100 }, 0, 100, false) as { name: string }[];
  assert.deepEqual(noValidation.map((s) => s.name), ['train']);
});

test('loss curves: one colour per version, validation dashed; a live run spans its planned epochs', () => {
  const history = [
    { epoch: 1, loss: 0.5, valLoss: 0.6 },
    { epoch: 2, loss: 0.3, valLoss: 0.4 },
  ] as Parameters<typeof versionCurves>[0][number]['history'];
  const curves = versionCurves([{ label: 'v1', history }, { label: 'v2', history }]);
  assert.equal(new Set(curves.map((c) => c.color)).size, 2);
  assert.ok(curves.some((c) => c.dash === 'dash'), 'validation loss is dashed');
  const live = buildLossLayout({ curves, height: 300, log: false, uirevision: 'r', maxEpoch: 10 }) as { xaxis: { range: number[] } };
  assert.deepEqual(live.xaxis.range, [0, 10]);
});
