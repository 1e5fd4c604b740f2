/** Text whose `quoted` names (presets, config fields) show as code, as the back end's sentences write them. */

/** Renders `text`, each `name` between backticks as a code element. */
export function InlineCode({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
