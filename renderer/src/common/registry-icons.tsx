/** Icons of the registry and drift pages, drawn like those in icons.tsx (inline SVG; the CSP allows only local resources). */
import { Svg, type IconProps } from './icons';

/** Two bell curves, the second shifted: drift between training and new data. */
export function DriftIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2 19c3 0 3.5-12 6-12s3 12 6 12" />
      <path d="M10 19c3 0 3.5-9 6-9s3 9 6 9" strokeDasharray="2 2.5" />
      <path d="M2 21h20" />
    </Svg>
  );
}

/** An arrow into a tray: export (download) a file. */
export function ExportIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 3v12M7 10l5 5 5-5" />
      <path d="M4 17v3h16v-3" />
    </Svg>
  );
}

/** Rows with checks: batch scoring. */
export function ScoreIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 6h10M4 12h10M4 18h10" />
      <path d="M17 6l1.5 1.5L21 5M17 12l1.5 1.5L21 11M17 18l1.5 1.5L21 17" />
    </Svg>
  );
}

/** A pulse over a baseline: monitoring. */
export function PulseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3 12h4l2-5 4 10 2-5h6" />
    </Svg>
  );
}
