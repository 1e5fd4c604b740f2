/** Icons of the analysis pages, drawn like those in icons.tsx (inline SVG; the CSP allows only local resources). */
import { Svg, type IconProps } from './icons';

/** A target with a check: evaluation against baselines. */
export function TargetIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <circle cx="12" cy="12" r="5" />
      <circle cx="12" cy="12" r="1" />
    </Svg>
  );
}

/** A line continuing into a dashed future: forecast. */
export function TrendIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3 17l5-5 4 3 3-4" />
      <path d="M15 11l2-2.5M19 6l2-2" strokeDasharray="2 2.5" />
      <path d="M3 21h18" />
    </Svg>
  );
}

/** A magnifier over bars: explain. */
export function LensIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M15.5 15.5L21 21" />
      <path d="M8 12.5v-2M10.5 12.5V8M13 12.5v-3" />
    </Svg>
  );
}

/** A warning triangle: fleet risk. */
export function RiskIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M10.3 3.9L2 18a2 2 0 0 0 1.7 3h16.6a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
      <path d="M12 9v4M12 17h.01" />
    </Svg>
  );
}
