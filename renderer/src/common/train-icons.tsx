/** Icons of the training pages, drawn like those in icons.tsx (inline SVG; the CSP allows only local resources). */
import { Svg, type IconProps } from './icons';

/** A play triangle: start training. */
export function PlayIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M7 4l13 8-13 8z" />
    </Svg>
  );
}

/** Connected nodes: a neural network (the Train page). */
export function NetworkIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="5" cy="6" r="2" />
      <circle cx="5" cy="18" r="2" />
      <circle cx="19" cy="12" r="2" />
      <circle cx="12" cy="12" r="2" />
      <path d="M7 6.8l3.2 4M7 17.2l3.2-4M14 12h3" />
    </Svg>
  );
}

/** A clock with an arrow: run history. */
export function HistoryIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
      <path d="M3 3v5h5" />
      <path d="M12 7v5l3 2" />
    </Svg>
  );
}

/** A square: stop. */
export function StopIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="6" y="6" width="12" height="12" rx="1.5" />
    </Svg>
  );
}

/** A cube: a saved model. */
export function ModelIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M21 16V8a2 2 0 0 0-1-1.7l-7-4a2 2 0 0 0-2 0l-7 4A2 2 0 0 0 3 8v8a2 2 0 0 0 1 1.7l7 4a2 2 0 0 0 2 0l7-4a2 2 0 0 0 1-1.7z" />
      <path d="M3.3 7L12 12l8.7-5M12 22V12" />
    </Svg>
  );
}

/** A check mark in a circle: completed. */
export function CheckCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="10" />
      <path d="M8 12.5l2.5 2.5L16 9.5" />
    </Svg>
  );
}
