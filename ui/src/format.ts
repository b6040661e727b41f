// Making a formatter reads the language's calendar data: one per language,
// kept, instead of one per row drawn.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A time for lists, in the UI language. */
export function formatTime(ms: number, lang: string): string {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
    timeFormats.set(lang, format);
  }
  return format.format(ms);
}
