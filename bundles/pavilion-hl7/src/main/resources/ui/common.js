// The HL7 monitor's helpers: the shell's kit (/ui/shell/kit.js) with the monitor's stylesheet and messages.
import { KitPage, errorText as kitErrorText } from '/ui/shell/kit.js';

export { alertRegion, can, focusSoon, pager, scrollTable } from '/ui/shell/kit.js';

const SHEET = new URL('./hl7.css', import.meta.url).href;

export function errorText(ctx, error) {
  return kitErrorText(ctx, error, 'hl7.error.unexpected');
}

/** HL7 segments are separated by CR; shown one per line. */
export function segments(text) {
  return text ? text.replace(/\r\n?/g, '\n') : '';
}

/** Epoch milliseconds as a date and time in the user's locale (empty when absent). */
export function when(ctx, ms) {
  return ms === null || ms === undefined || ms === 0 ? '' : ctx.fmt.dateTime(new Date(ms).toISOString());
}

export class Hl7Page extends KitPage {
  constructor() {
    super(SHEET);
  }
}
