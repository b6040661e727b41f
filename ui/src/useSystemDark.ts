import { useEffect, useState } from "react";

const query = "(prefers-color-scheme: dark)";

/** Whether the OS asks for a dark appearance, following changes live. */
export function useSystemDark(): boolean {
  const [dark, setDark] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const media = window.matchMedia?.(query);
    if (!media) return;
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);
  return dark;
}
