import { type RefObject, useEffect, useRef, useState } from 'react';

/**
 * The width in CSS pixels of the element the ref points to, following resizes. Charts draw at this width
 * instead of scaling a fixed viewBox, so that their text stays readable on a phone. The first drawing (before
 * the measurement) is phone-sized, and charts cap their SVG at `max-w-full`, so a chart never widens its page.
 */
export function useWidth<T extends HTMLElement>(fallback = 320): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth || fallback);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const next = entries[0]?.contentRect.width;
      if (next) setWidth(Math.round(next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width];
}
