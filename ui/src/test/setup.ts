import "@testing-library/jest-dom/vitest";
import { configure } from "@testing-library/react";
// jsdom lacks the layout APIs antd asks for; give it inert ones.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  }),
});

class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as unknown as { ResizeObserver: typeof NoResize }).ResizeObserver ??= NoResize;
window.getComputedStyle = ((get) => (elt: Element) => get(elt))(window.getComputedStyle.bind(window));

configure({ asyncUtilTimeout: 5000 });
