/**
 * Entry of one benchmark part in a child process of its own (so each peak RSS is that part's):
 *   node bench-child.js model '<ModelWorkload JSON>'   |   node bench-child.js csv FILE
 * Prints one JSON object (ModelFigures or CsvFigures) on stdout.
 */
import type { ModelWorkload } from './workload';

async function main(): Promise<void> {
  const [part, arg] = process.argv.slice(2);
  // Each part loads only what it measures (the CSV part runs without TensorFlow.js in the process, as
  // the app's import worker does).
  const figures =
    part === 'model'
      ? await (await import('./model-part')).runModelPart(JSON.parse(arg) as ModelWorkload)
      : part === 'csv'
        ? await (await import('./csv-part')).runCsvPart(arg)
        : null;
  if (!figures) throw new Error(`bench-child: unknown part "${part}" (model or csv)`);
  process.stdout.write(JSON.stringify(figures) + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
