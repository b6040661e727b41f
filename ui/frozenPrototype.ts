import type { Plugin } from "vite";

/**
 * The app freezes `Object.prototype` (Tauri's `freezePrototype`), which
 * makes `plain.constructor = x` throw in strict code. Preact 10.12, which
 * FullCalendar renders with, copies virtual nodes (whose own `constructor`
 * key is `undefined`) into plain objects with such an assignment. This
 * rewrites preact's one copying helper so that key is defined, not
 * assigned; everything else is copied as before. The build fails if the
 * helper is not found, so a preact upgrade cannot silently undo this.
 */
export function preactUnderFrozenPrototype(): Plugin {
  const helper = "function h(n,l){for(var u in l)n[u]=l[u];return n}";
  const safe =
    'function h(n,l){for(var u in l)u==="constructor"?Object.defineProperty(n,u,{value:l[u],writable:!0,enumerable:!0,configurable:!0}):n[u]=l[u];return n}';
  return {
    name: "preact-under-frozen-prototype",
    enforce: "pre",
    transform(code, id) {
      if (!/node_modules\/preact\/dist\/preact\.(module\.js|mjs)$/.test(id)) return null;
      if (!code.includes(helper)) this.error(`preact's copying helper changed in ${id}; check it under a frozen Object.prototype`);
      return { code: code.replace(helper, safe), map: null };
    },
  };
}
