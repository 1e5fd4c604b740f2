/** A value that follows another once it has stopped changing for a moment (typing, dragging a slider). */
import { useEffect, useState } from 'react';

/** Returns `value` as it was `ms` after its last change (compare primitives: strings, numbers). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
